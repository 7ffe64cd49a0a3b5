/**
 * The "saas" sample: Acme Cloud, a small B2B SaaS product, with its customer companies, their
 * users and what those users did. Everything is generated in DuckDB SQL from hash()-based
 * pseudo-randomness, so the same anchor hour always yields the same rows. Timestamps fall in the
 * 90 days before the anchor ("now" truncated to the hour); a handful of rows are then moved to
 * the last minute so incremental syncs keep finding something on every run.
 *
 * Every email address and URL uses a reserved example domain (RFC 2606): the demo can feed a real
 * destination without ever messaging a real person.
 */
import type { DuckDBConnection } from "@duckdb/node-api";

export const SAAS_ROW_COUNTS = {
  companies: 60,
  users: 500,
  events: 3000,
  pages: 1000,
  screens: 500,
  user_resolution: 100,
} as const;

export type TSaasTable = keyof typeof SAAS_ROW_COUNTS;

const HOUR_MS = 3_600_000;
const DAY_US = 86_400_000_000;

const sqlList = (items: readonly (string | null)[]) =>
  `[${items.map((item) => (item === null ? "NULL" : `'${item.replaceAll("'", "''")}'`)).join(", ")}]`;

const COMPANY_PREFIXES = [
  "Northwind", "Contoso", "Fabrikam", "Tailspin", "Wingtip", "Adatum", "Litware", "Proseware",
  "Lucerne", "Coho", "Alpine", "Blue Yonder", "Brightline", "Cedar", "Copperleaf", "Driftwood",
  "Evergreen", "Fernhill", "Granite", "Harbor", "Ironwood", "Juniper", "Keystone", "Lakeside",
  "Meridian", "Northstar", "Oakridge", "Pinecrest", "Quarry", "Riverbend",
];
// Parallel lists: a company's name suffix decides its industry.
const COMPANY_SUFFIXES = ["Labs", "Health", "Logistics", "Software", "Outfitters", "Capital"];
const INDUSTRIES = ["Biotech", "Healthcare", "Logistics", "Software", "Retail", "Financial Services"];

const FIRST_NAMES = [
  "Olivia", "Liam", "Emma", "Noah", "Ava", "Mateo", "Sofia", "Lucas", "Mia", "Ethan", "Amara",
  "Kenji", "Priya", "Arjun", "Chloe", "Leo", "Zara", "Omar", "Hannah", "Felix", "Inès", "Diego",
  "Yuki", "Aisha", "Jonas", "Freya", "Rafael", "Leila", "Tomás", "Maya", "Samuel", "Nora", "Ravi",
  "Elena", "Hugo", "Clara", "Wei", "Lina", "Mohammed", "Grace", "Daniel", "Julia", "Kwame", "Anna",
  "Luca", "Sara", "Ivan", "Mei", "Fatima", "Oscar",
];
const LAST_NAMES = [
  "Smith", "Garcia", "Müller", "Patel", "Nguyen", "Kim", "Johnson", "Rossi", "Silva", "Cohen",
  "Okafor", "Tanaka", "Dubois", "Kowalski", "Andersson", "Brown", "Martinez", "Schmidt", "Singh",
  "Chen", "Lopez", "O'Brien", "Jansen", "Novak", "Fischer", "Williams", "Hernandez", "Sato",
  "Moreau", "Costa", "Ahmed", "Wilson", "Taylor", "Khan", "Murphy", "Larsen", "Ivanova", "Romero",
  "Bianchi", "Park", "Nielsen", "Ali", "Walker", "Young", "Rahman", "Mendes", "Weber", "Hughes",
  "Cruz", "Lee",
];
// Repeats weight the draw: a third of users are in the US.
const COUNTRIES = [
  "US", "US", "US", "US", "US", "US", "US", "GB", "GB", "DE", "DE", "IN", "IN", "FR", "CA", "BR",
  "AU", "NL", "ES", "JP",
];
const JOB_TITLES = [
  "Head of Growth", "Marketing Manager", "Data Analyst", "Analytics Engineer", "Product Manager",
  "CTO", "Software Engineer", "Lifecycle Marketer", "VP Marketing", "Customer Success Manager",
  "Data Engineer", "Founder",
];
const PERSONAL_EMAIL_DOMAINS = ["example.com", "example.net", "example.org"];
const SITE = "https://acme.example.com";
const PAGES: readonly { name: string; path: string; title: string }[] = [
  { name: "Home", path: "/", title: "Acme Cloud — Dashboards for growing teams" },
  { name: "Pricing", path: "/pricing", title: "Pricing — Acme Cloud" },
  { name: "Features", path: "/features", title: "Features — Acme Cloud" },
  { name: "Integrations", path: "/integrations", title: "Integrations — Acme Cloud" },
  { name: "Customers", path: "/customers", title: "Customer stories — Acme Cloud" },
  { name: "Getting Started", path: "/docs/getting-started", title: "Getting started — Acme Cloud Docs" },
  { name: "API Reference", path: "/docs/api", title: "API reference — Acme Cloud Docs" },
  { name: "Blog: Reverse ETL", path: "/blog/reverse-etl-explained", title: "Reverse ETL, explained — Acme Cloud Blog" },
  { name: "Changelog", path: "/changelog", title: "Changelog — Acme Cloud" },
  { name: "Contact Sales", path: "/contact-sales", title: "Talk to sales — Acme Cloud" },
  { name: "Sign Up", path: "/signup", title: "Create your account — Acme Cloud" },
  { name: "Log In", path: "/login", title: "Log in — Acme Cloud" },
];
const REFERRERS = [
  null, null, null, "https://www.google.com/", "https://www.google.com/", "https://www.bing.com/",
  "https://news.ycombinator.com/", "https://www.linkedin.com/", `${SITE}/`,
];
const SCREENS = [
  "Dashboard", "Dashboard", "Reports", "Report Detail", "Settings", "Billing", "Notifications",
  "Onboarding", "Team",
];

const sqlPages = `[${PAGES.map(
  (page) => `{'name': '${page.name}', 'path': '${page.path}', 'title': '${page.title}'}`,
).join(", ")}]`;

/** The anchor every generated timestamp is relative to: `now` truncated to the hour. */
export function anchorHour(now: Date): Date {
  return new Date(Math.floor(now.getTime() / HOUR_MS) * HOUR_MS);
}

function buildSaasSql(anchor: Date): string {
  const counts = SAAS_ROW_COUNTS;
  const anchorUs = anchor.getTime() * 1000;
  return `
-- Helpers live in the loading connection's temp schema, so user queries never see them.
CREATE TEMP MACRO anchor_us() AS ${anchorUs}::BIGINT;
-- A stable pseudo-random number in [0, 1) for a row (seed) and a purpose (salt).
CREATE TEMP MACRO rnd(seed, salt) AS (hash(seed, salt) % 1000000)::DOUBLE / 1000000;
CREATE TEMP MACRO pick(choices, seed, salt) AS choices[1 + (hash(seed, salt) % len(choices))::BIGINT];
-- Whole seconds read better in previews than random microseconds.
CREATE TEMP MACRO ts(us) AS make_timestamp((us::BIGINT // 1000000) * 1000000);
CREATE TEMP MACRO between_us(from_us, to_us, r) AS from_us + r * (to_us - from_us);
CREATE TEMP MACRO uuid_like(h) AS h[1:8] || '-' || h[9:12] || '-' || h[13:16] || '-' || h[17:20] || '-' || h[21:32];
-- The id a user's browser had before they signed up.
CREATE TEMP MACRO anon_id(user_id) AS uuid_like(md5('anon-' || user_id));

CREATE TABLE companies (
  id VARCHAR PRIMARY KEY,
  name VARCHAR NOT NULL,
  domain VARCHAR NOT NULL,
  industry VARCHAR NOT NULL,
  employees INTEGER NOT NULL,
  plan VARCHAR NOT NULL,
  object_type_id VARCHAR NOT NULL,
  created_at TIMESTAMP NOT NULL,
  updated_at TIMESTAMP NOT NULL
);
INSERT INTO companies
WITH base AS (
  SELECT
    range + 1 AS n,
    ${sqlList(COMPANY_PREFIXES)}[1 + range % 30] AS prefix,
    -- Each prefix appears twice, always with two different suffixes, so names stay unique.
    1 + (range // 30) * 3 + range % 3 AS kind,
    round(5 * pow(1000, rnd(range, 'employees')))::INTEGER AS employees,
    -- Companies signed up in the first two thirds of the window, so their users can follow.
    anchor_us() - (30 + 60 * rnd(range, 'company-age')) * ${DAY_US} AS created_us
  FROM range(${counts.companies})
)
SELECT
  printf('cmp_%03d', n),
  prefix || ' ' || ${sqlList(COMPANY_SUFFIXES)}[kind],
  lower(regexp_replace(prefix || ${sqlList(COMPANY_SUFFIXES)}[kind], '[^A-Za-z]', '', 'g')) || '.example',
  ${sqlList(INDUSTRIES)}[kind],
  employees,
  CASE WHEN employees >= 1000 THEN 'enterprise' WHEN employees >= 150 THEN 'pro'
       WHEN employees >= 30 THEN 'starter' ELSE 'free' END,
  '1',
  ts(created_us),
  ts(between_us(created_us, anchor_us(), rnd(n, 'company-updated')))
FROM base;

CREATE TABLE users (
  id VARCHAR PRIMARY KEY,
  email VARCHAR NOT NULL UNIQUE,
  first_name VARCHAR NOT NULL,
  last_name VARCHAR NOT NULL,
  plan VARCHAR NOT NULL,
  country VARCHAR NOT NULL,
  company_id VARCHAR,
  job_title VARCHAR,
  created_at TIMESTAMP NOT NULL,
  updated_at TIMESTAMP NOT NULL
);
INSERT INTO users
WITH base AS (
  SELECT
    range AS n,
    CASE WHEN rnd(range, 'has-company') < 0.85
      THEN printf('cmp_%03d', 1 + hash(range, 'company') % ${counts.companies}) END AS company_id,
    pick(${sqlList(FIRST_NAMES)}, range, 'first-name') AS first_name,
    pick(${sqlList(LAST_NAMES)}, range, 'last-name') AS last_name,
    pick(${sqlList(COUNTRIES)}, range, 'country') AS country
  FROM range(${counts.users})
),
placed AS (
  SELECT
    b.*,
    coalesce(c.domain, pick(${sqlList(PERSONAL_EMAIL_DOMAINS)}, n, 'email-domain')) AS domain,
    coalesce(c.plan, CASE WHEN rnd(n, 'own-plan') < 0.75 THEN 'free' ELSE 'starter' END) AS plan,
    CASE WHEN c.id IS NOT NULL THEN pick(${sqlList(JOB_TITLES)}, n, 'job-title') END AS job_title,
    -- sqrt skews sign-ups towards the recent end, like a growing product.
    between_us(
      coalesce(epoch_us(c.created_at), anchor_us() - 90 * ${DAY_US}),
      anchor_us() - 7200000000,
      sqrt(rnd(n, 'user-age'))
    ) AS created_us,
    regexp_replace(lower(strip_accents(b.first_name || '.' || b.last_name)), '[^a-z.]', '', 'g') AS local_part
  FROM base b LEFT JOIN companies c ON c.id = b.company_id
),
numbered AS (
  SELECT
    *,
    row_number() OVER (PARTITION BY local_part, domain ORDER BY n) AS same_address,
    row_number() OVER (ORDER BY created_us, n) AS seq
  FROM placed
)
SELECT
  printf('usr_%04d', seq),
  local_part || CASE WHEN same_address > 1 THEN same_address::VARCHAR ELSE '' END || '@' || domain,
  first_name,
  last_name,
  plan,
  country,
  company_id,
  job_title,
  ts(created_us),
  ts(between_us(created_us, anchor_us(), rnd(n, 'user-updated')))
FROM numbered;

CREATE TABLE events (
  id VARCHAR PRIMARY KEY,
  user_id VARCHAR NOT NULL,
  anonymous_id VARCHAR,
  event_name VARCHAR NOT NULL,
  amount DECIMAL(10, 2),
  currency VARCHAR,
  plan VARCHAR,
  occurred_at TIMESTAMP NOT NULL,
  updated_at TIMESTAMP NOT NULL
);
INSERT INTO events
WITH signups AS (
  SELECT 0 AS k, id AS user_id, 'Signed Up' AS event_name, epoch_us(created_at) AS occurred_us
  FROM users
),
activity AS (
  SELECT
    range + 1 AS k,
    printf('usr_%04d', 1 + hash(range, 'event-user') % ${counts.users}) AS user_id,
    rnd(range, 'event-name') AS r
  FROM range(${counts.events - counts.users})
),
named AS (
  SELECT
    a.k,
    a.user_id,
    CASE
      WHEN r < 0.38 THEN 'Logged In'
      WHEN r < 0.55 THEN 'Project Created'
      WHEN r < 0.67 THEN 'Report Exported'
      WHEN r < 0.77 THEN 'Teammate Invited'
      WHEN r < 0.92 THEN CASE WHEN u.plan = 'free' THEN 'Report Exported' ELSE 'Invoice Paid' END
      WHEN r < 0.97 THEN CASE WHEN u.plan = 'enterprise' THEN 'Teammate Invited' ELSE 'Plan Upgraded' END
      WHEN r < 0.99 THEN CASE WHEN u.plan = 'free' THEN 'Logged In' ELSE 'Plan Downgraded' END
      ELSE CASE WHEN u.plan = 'free' THEN 'Logged In' ELSE 'Subscription Cancelled' END
    END AS event_name,
    between_us(epoch_us(u.created_at), anchor_us(), rnd(a.k, 'event-time')) AS occurred_us
  FROM activity a JOIN users u ON u.id = a.user_id
),
all_events AS (
  SELECT * FROM signups UNION ALL SELECT * FROM named
),
detailed AS (
  SELECT
    e.*,
    u.plan AS user_plan,
    CASE
      WHEN e.event_name = 'Signed Up' THEN anon_id(e.user_id)
      WHEN e.event_name = 'Logged In' AND rnd(e.k, 'event-anon') < 0.25 THEN anon_id(e.user_id)
    END AS anonymous_id,
    CASE WHEN u.country = 'GB' THEN 'GBP'
         WHEN u.country IN ('DE', 'FR', 'NL', 'ES') THEN 'EUR' ELSE 'USD' END AS user_currency,
    1 + hash(e.k, 'seats') % 3 AS seats
  FROM all_events e JOIN users u ON u.id = e.user_id
)
SELECT
  printf('evt_%05d', row_number() OVER (ORDER BY occurred_us, user_id, k)),
  user_id,
  anonymous_id,
  event_name,
  CASE WHEN event_name = 'Invoice Paid' THEN
    (CASE user_plan WHEN 'starter' THEN 29 WHEN 'pro' THEN 99 ELSE 499 END * seats)::DECIMAL(10, 2)
  END,
  CASE WHEN event_name = 'Invoice Paid' THEN user_currency END,
  CASE
    WHEN event_name = 'Plan Downgraded' THEN
      CASE user_plan WHEN 'enterprise' THEN 'pro' WHEN 'pro' THEN 'starter' ELSE 'free' END
    WHEN event_name IN ('Signed Up', 'Plan Upgraded', 'Invoice Paid', 'Subscription Cancelled') THEN user_plan
  END,
  ts(occurred_us),
  -- Rows land in the warehouse a few minutes after they happen.
  ts(least(occurred_us + (1 + hash(k, user_id, 'ingest') % 300) * 1000000, anchor_us()))
FROM detailed;

CREATE TABLE pages (
  id VARCHAR PRIMARY KEY,
  user_id VARCHAR,
  anonymous_id VARCHAR NOT NULL,
  name VARCHAR NOT NULL,
  url VARCHAR NOT NULL,
  path VARCHAR NOT NULL,
  referrer VARCHAR,
  title VARCHAR NOT NULL,
  viewed_at TIMESTAMP NOT NULL,
  updated_at TIMESTAMP NOT NULL
);
INSERT INTO pages
WITH views AS (
  SELECT
    range AS k,
    -- Three in ten views come from visitors who never signed up.
    CASE WHEN rnd(range, 'page-known') >= 0.3
      THEN printf('usr_%04d', 1 + hash(range, 'page-user') % ${counts.users}) END AS user_id,
    pick(${sqlPages}, range, 'page') AS page,
    pick(${sqlList(REFERRERS)}, range, 'referrer') AS referrer,
    CASE WHEN rnd(range, 'utm') < 0.12 THEN '?utm_source=newsletter&utm_medium=email' ELSE '' END AS search
  FROM range(${counts.pages})
),
timed AS (
  SELECT
    v.*,
    coalesce(anon_id(v.user_id), uuid_like(md5('visitor-' || hash(v.k, 'visitor') % 300))) AS anonymous_id,
    between_us(coalesce(epoch_us(u.created_at), anchor_us() - 90 * ${DAY_US}), anchor_us(), rnd(v.k, 'page-time')) AS viewed_us
  FROM views v LEFT JOIN users u ON u.id = v.user_id
)
SELECT
  printf('pg_%05d', row_number() OVER (ORDER BY viewed_us, k)),
  user_id,
  anonymous_id,
  page.name,
  '${SITE}' || page.path || search,
  page.path,
  referrer,
  page.title,
  ts(viewed_us),
  ts(least(viewed_us + (1 + hash(k, 'page-ingest') % 300) * 1000000, anchor_us()))
FROM timed;

CREATE TABLE screens (
  id VARCHAR PRIMARY KEY,
  user_id VARCHAR NOT NULL,
  screen_name VARCHAR NOT NULL,
  platform VARCHAR NOT NULL,
  app_version VARCHAR NOT NULL,
  viewed_at TIMESTAMP NOT NULL,
  updated_at TIMESTAMP NOT NULL
);
INSERT INTO screens
WITH views AS (
  SELECT
    range AS k,
    printf('usr_%04d', 1 + hash(range, 'screen-user') % ${counts.users}) AS user_id,
    pick(${sqlList(SCREENS)}, range, 'screen') AS screen_name,
    CASE WHEN rnd(range, 'platform') < 0.6 THEN 'iOS' ELSE 'Android' END AS platform
  FROM range(${counts.screens})
),
timed AS (
  SELECT v.*, between_us(epoch_us(u.created_at), anchor_us(), rnd(v.k, 'screen-time')) AS viewed_us
  FROM views v JOIN users u ON u.id = v.user_id
)
SELECT
  printf('scr_%05d', row_number() OVER (ORDER BY viewed_us, k)),
  user_id,
  screen_name,
  platform,
  -- Newer app versions on newer views, as releases roll out.
  CASE
    WHEN viewed_us > anchor_us() - 14 * ${DAY_US} THEN '4.4.0'
    WHEN viewed_us > anchor_us() - 35 * ${DAY_US} THEN '4.3.1'
    WHEN viewed_us > anchor_us() - 60 * ${DAY_US} THEN '4.3.0'
    ELSE '4.2.1'
  END,
  ts(viewed_us),
  ts(least(viewed_us + (1 + hash(k, 'screen-ingest') % 300) * 1000000, anchor_us()))
FROM timed;

-- Sign-ups that merged the visitor's anonymous history into their new profile.
CREATE TABLE user_resolution (
  user_id VARCHAR NOT NULL,
  previous_id VARCHAR NOT NULL,
  resolved_at TIMESTAMP NOT NULL,
  updated_at TIMESTAMP NOT NULL
);
INSERT INTO user_resolution
WITH chosen AS (
  SELECT
    id,
    least(epoch_us(created_at) + (10 + hash(id, 'resolve-delay') % 600) * 1000000, anchor_us()) AS resolved_us
  FROM users
  ORDER BY hash(id, 'resolved'), id
  LIMIT ${counts.user_resolution}
)
SELECT id, anon_id(id), ts(resolved_us), ts(resolved_us) FROM chosen ORDER BY id;
`;
}

/** Fills an empty database with the sample tables, then touches the "recent" rows. */
export async function loadSaasDataset(connection: DuckDBConnection, now: Date = new Date()): Promise<void> {
  await connection.run(buildSaasSql(anchorHour(now)));
  await touchRecentRows(connection, now);
}

// The rows that keep changing sit 6, 12, … 30 seconds before "now": all within the last minute.
const RECENT_STEP_SECONDS = 6;

/**
 * Moves a few rows of each table to the last minute before `now`, as if the product were live, so
 * a sync filtering on `updated_at > to_timestamp({{last_sync_time}})` finds new rows on each run.
 * Which rows move is fixed; event-like tables move their newest rows, which keeps ids in time order.
 */
export async function touchRecentRows(connection: DuckDBConnection, now: Date = new Date()): Promise<void> {
  const nowUs = Math.floor(now.getTime() / 1000) * 1_000_000;
  const at = (rank: string) =>
    `make_timestamp(${nowUs}::BIGINT) - to_seconds(${RECENT_STEP_SECONDS} * ${rank})`;
  const newest = (table: string, count: number, timeColumn: string) => `
    UPDATE ${table} SET ${timeColumn} = recent.at, updated_at = recent.at
    FROM (
      SELECT id, ${at("row_number() OVER (ORDER BY id DESC)")} AS at
      FROM ${table} ORDER BY id DESC LIMIT ${count}
    ) recent
    WHERE ${table}.id = recent.id;`;
  await connection.run(`
    BEGIN TRANSACTION;
    UPDATE users SET updated_at = recent.at
    FROM (
      SELECT id, ${at("row_number() OVER (ORDER BY id)")} AS at
      FROM users WHERE id IN ('usr_0007', 'usr_0107', 'usr_0207', 'usr_0307', 'usr_0407')
    ) recent
    WHERE users.id = recent.id;
    UPDATE companies SET updated_at = ${at("1")} WHERE id IN ('cmp_007', 'cmp_042');
    UPDATE user_resolution SET updated_at = ${at("2")}
    WHERE user_id = (SELECT max(user_id) FROM user_resolution);
    ${newest("events", 5, "occurred_at")}
    ${newest("pages", 3, "viewed_at")}
    ${newest("screens", 2, "viewed_at")}
    COMMIT;
  `);
}
