import { DuckDBInstance } from "@duckdb/node-api";
import { describe, expect, it } from "vitest";

import { ConnectorError, DEFAULT_PAGE_SIZE, type ReadOptions, type ResultPage } from "../types";
import { checkDemo } from "./check";
import { anchorHour, loadSaasDataset, SAAS_ROW_COUNTS } from "./dataset";
import { demoConnector } from "./index";
import { CANCELLED_MESSAGE, READ_ONLY_MESSAGE, readDemo } from "./read";
import { DEMO_STARTER_QUERIES } from "./starter-queries";

const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

async function collect(sql: string, options?: ReadOptions): Promise<ResultPage[]> {
  const pages: ResultPage[] = [];
  for await (const page of readDemo({}, sql, options)) pages.push(page);
  return pages;
}

async function read(sql: string, options?: ReadOptions) {
  const pages = await collect(sql, options);
  return { columns: pages[0].columns, rows: pages.flatMap((page) => page.rows), pages };
}

/** Rows as objects keyed by column name, for readable assertions. */
async function objects(sql: string): Promise<Record<string, unknown>[]> {
  const { columns, rows } = await read(sql);
  return rows.map((row) => Object.fromEntries(columns.map((column, i) => [column, row[i]])));
}

const withLastSyncTime = (sql: string, seconds: number) => sql.replaceAll("{{last_sync_time}}", String(seconds));

async function refusal(sql: string): Promise<ConnectorError> {
  const error = await collect(sql).then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(ConnectorError);
  return error as ConnectorError;
}

describe("demo connector", () => {
  it("starts the embedded database quickly and checks it", async () => {
    const started = performance.now();
    await expect(checkDemo()).resolves.toEqual({ ok: true });
    // The first use creates and fills the database; well under a second on a laptop.
    expect(performance.now() - started).toBeLessThan(2000);
  });

  it("has a spec whose config defaults to the saas dataset", () => {
    expect(demoConnector.spec.kind).toBe("demo");
    expect(demoConnector.spec.displayName).toBe("Demo (sample data)");
    expect(demoConnector.spec.secretKeys).toEqual([]);
    expect(demoConnector.spec.configSchema.parse({})).toEqual({ dataset: "saas" });
    expect(() => demoConnector.spec.configSchema.parse({ dataset: "retail" })).toThrow();
  });
});

describe("sample tables", () => {
  it.each(Object.entries(SAAS_ROW_COUNTS))("%s has %i rows", async (table, count) => {
    const { columns, rows } = await read(`SELECT count(*) AS n FROM ${table}`);
    expect(columns).toEqual(["n"]);
    expect(rows).toEqual([[count]]); // BIGINT arrives as a JS number
  });

  it("gives every table an updated_at TIMESTAMP", async () => {
    const rows = await objects(`
      SELECT table_name, data_type FROM information_schema.columns
      WHERE column_name = 'updated_at' ORDER BY table_name`);
    expect(rows).toEqual(
      Object.keys(SAAS_ROW_COUNTS)
        .sort()
        .map((table) => ({ table_name: table, data_type: "TIMESTAMP" })),
    );
  });

  it("spreads timestamps over the 90 days before now and keeps a few rows within the last minute", async () => {
    const [span] = await objects(`
      SELECT min(created_at) AS first_signup, max(updated_at) AS last_update,
             count(*) FILTER (WHERE updated_at > now()::TIMESTAMP - INTERVAL 1 MINUTE) AS recent
      FROM users`);
    const now = Date.now();
    expect(Date.parse(span.first_signup as string)).toBeGreaterThanOrEqual(anchorHour(new Date()).getTime() - 91 * 86_400_000);
    expect(Date.parse(span.last_update as string)).toBeLessThanOrEqual(now);
    expect(span.recent).toBe(5);

    const [events] = await objects(`
      SELECT count(*) FILTER (WHERE updated_at > now()::TIMESTAMP - INTERVAL 1 MINUTE) AS recent FROM events`);
    expect(events.recent).toBe(5);
  });

  it("links members to companies, events to users and resolutions to anonymous ids seen before", async () => {
    const [links] = await objects(`
      SELECT
        (SELECT count(*) FROM users WHERE company_id IS NOT NULL) AS members,
        (SELECT count(*) FROM users u LEFT JOIN companies c ON c.id = u.company_id
          WHERE u.company_id IS NOT NULL AND c.id IS NULL) AS orphan_members,
        (SELECT count(*) FROM events e LEFT JOIN users u ON u.id = e.user_id WHERE u.id IS NULL) AS orphan_events,
        (SELECT count(*) FROM user_resolution r
          WHERE r.previous_id IN (SELECT anonymous_id FROM events WHERE anonymous_id IS NOT NULL)) AS resolved_seen,
        (SELECT count(DISTINCT email) FROM users) AS emails,
        (SELECT count(*) FROM users WHERE email NOT LIKE '%.example' AND email NOT SIMILAR TO '.*@example\\.(com|net|org)') AS real_domains`);
    expect(links).toMatchObject({
      orphan_members: 0,
      orphan_events: 0,
      resolved_seen: SAAS_ROW_COUNTS.user_resolution,
      emails: SAAS_ROW_COUNTS.users,
      real_domains: 0,
    });
    expect(links.members as number).toBeGreaterThan(350);
  });

  it("generates the same rows for the same hour", async () => {
    const now = new Date("2026-11-24T09:41:07Z");
    const dump = async () => {
      const instance = await DuckDBInstance.create(":memory:");
      const connection = await instance.connect();
      try {
        await loadSaasDataset(connection, now);
        const tables = Object.keys(SAAS_ROW_COUNTS).map(
          (table) => `(SELECT string_agg(t::VARCHAR, '\n' ORDER BY t::VARCHAR) FROM ${table} t)`,
        );
        const reader = await connection.runAndReadAll(`SELECT ${tables.join(", ")}`);
        return reader.getRowsJson();
      } finally {
        connection.closeSync();
        instance.closeSync();
      }
    };
    const first = await dump();
    expect(await dump()).toEqual(first);
    const text = JSON.stringify(first);
    expect(text).toContain("2026-11-24 09:40:"); // the touched rows, seconds before "now"
    expect(text).not.toMatch(/2026-11-24 (09:4[2-9]|1\d)/); // nothing after "now"
    expect(text).not.toMatch(/2026-08-(0|1|2[0-5])/); // nothing before the 90-day window
  });
});

describe("docs-style queries", () => {
  it("identify: typed values with ISO-8601 timestamps", async () => {
    const { columns, rows } = await read(
      withLastSyncTime(
        "SELECT id AS userId, email, first_name, created_at FROM users WHERE epoch(updated_at) > {{last_sync_time}} ORDER BY id",
        0,
      ),
    );
    expect(columns).toEqual(["userId", "email", "first_name", "created_at"]);
    expect(rows).toHaveLength(SAAS_ROW_COUNTS.users);
    const [userId, email, firstName, createdAt] = rows[0];
    expect(userId).toBe("usr_0001");
    expect(email).toMatch(/^[a-z.]+\d*@[a-z]+\.(example|com|net|org)$/);
    expect(typeof firstName).toBe("string");
    expect(createdAt).toMatch(ISO);
  });

  it("track: event names with amounts as numbers", async () => {
    const rows = await objects(`
      SELECT user_id AS "userId", event_name AS event, amount, currency, occurred_at AS timestamp
      FROM events WHERE event_name = 'Invoice Paid' AND updated_at > to_timestamp(0) LIMIT 3`);
    expect(rows).toHaveLength(3);
    for (const row of rows) {
      expect(row.event).toBe("Invoice Paid");
      expect(typeof row.amount).toBe("number");
      expect(["USD", "EUR", "GBP"]).toContain(row.currency);
      expect(row.timestamp).toMatch(ISO);
    }
  });

  it("group: a groupId and a userId per membership, with the object type", async () => {
    const rows = await objects(`
      SELECT c.id AS groupId, c.object_type_id AS objectTypeId, c.name AS companyname, c.employees, u.id AS userId
      FROM companies c JOIN users u ON u.company_id = c.id
      WHERE epoch(c.updated_at) >= 0 LIMIT 5`);
    expect(rows).toHaveLength(5);
    expect(rows[0]).toEqual({
      groupId: expect.stringMatching(/^cmp_\d{3}$/),
      objectTypeId: "1",
      companyname: expect.any(String),
      employees: expect.any(Number),
      userId: expect.stringMatching(/^usr_\d{4}$/),
    });
  });

  it("page, screen and alias: the docs' shapes", async () => {
    const [page] = await objects(`SELECT user_id AS userId, title AS name, url FROM pages WHERE epoch(viewed_at) > 0 LIMIT 1`);
    expect(page.url).toMatch(/^https:\/\/acme\.example\.com\//);
    const [screen] = await objects(`SELECT user_id AS userId, screen_name AS name, app_version FROM screens LIMIT 1`);
    expect(screen).toEqual({ userId: expect.any(String), name: expect.any(String), app_version: expect.stringMatching(/^4\.\d\.\d$/) });
    const [alias] = await objects(`SELECT user_id AS userId, previous_id AS previousId FROM user_resolution WHERE epoch(resolved_at) >= 0 LIMIT 1`);
    expect(alias.previousId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
  });
});

describe("starter queries", () => {
  it.each(Object.entries(DEMO_STARTER_QUERIES))("%s runs and returns rows", async (callType, sql) => {
    const { columns, rows } = await read(withLastSyncTime(sql, 0));
    expect(rows.length).toBeGreaterThan(0);
    const required: Record<string, string[]> = {
      identify: ["userId"],
      track: ["userId", "event"],
      group: ["groupId", "userId"],
      page: ["userId", "name"],
      screen: ["userId", "name"],
      alias: ["userId", "previousId"],
      mixed: ["type", "userId", "event"],
    };
    expect(columns).toEqual(expect.arrayContaining(required[callType]));
  });

  it.each(["identify", "track", "group", "page", "screen", "alias", "mixed"] as const)(
    "%s finds the recently changed rows on a later run",
    async (callType) => {
      const aMinuteAgo = Math.floor(Date.now() / 1000) - 60;
      const { rows } = await read(withLastSyncTime(DEMO_STARTER_QUERIES[callType], aMinuteAgo));
      expect(rows.length).toBeGreaterThan(0);
      expect(rows.length).toBeLessThan(50); // only the few touched rows, not the whole table
    },
  );

  it("group nests relationship attributes as an object", async () => {
    const rows = await objects(withLastSyncTime(DEMO_STARTER_QUERIES.group, 0));
    expect(rows[0].relationshipAttributes).toEqual({ job_title: expect.any(String) });
  });
});

describe("paging", () => {
  it("splits 3,000 events into 30 pages of 100", async () => {
    const pages = await collect("SELECT * FROM events ORDER BY id", { pageSize: 100 });
    expect(pages).toHaveLength(30);
    expect(pages.every((page) => page.rows.length === 100)).toBe(true);
    expect(pages[29].rows[99][0]).toBe("evt_03000");
    expect(pages[0].columns).toEqual([
      "id", "user_id", "anonymous_id", "event_name", "amount", "currency", "plan", "occurred_at", "updated_at",
    ]);
  });

  it("uses the shared default page size", async () => {
    const pages = await collect("SELECT * FROM events");
    const full = Math.floor(SAAS_ROW_COUNTS.events / DEFAULT_PAGE_SIZE);
    expect(pages.slice(0, full).every((page) => page.rows.length === DEFAULT_PAGE_SIZE)).toBe(true);
    expect(pages.flatMap((page) => page.rows)).toHaveLength(SAAS_ROW_COUNTS.events);
  });

  it("stops at maxRows", async () => {
    const pages = await collect("SELECT * FROM range(1000000000)", { pageSize: 100, maxRows: 250 });
    expect(pages.map((page) => page.rows.length)).toEqual([100, 100, 50]);
  });

  it("yields one empty page with the columns when nothing matches", async () => {
    const pages = await collect("SELECT id, email FROM users WHERE false");
    expect(pages).toEqual([{ columns: ["id", "email"], rows: [] }]);
  });
});

describe("values", () => {
  it("returns json_object, struct_pack, MAP and LIST values as plain objects and arrays", async () => {
    const [row] = await objects(`
      SELECT
        json_object('plan', 'pro', 'seats', 3, 'tags', ['a', 'b']) AS traits,
        struct_pack(job_title := 'CTO', since := DATE '2026-01-02', nested := json_object('x', 1)) AS rel,
        MAP {'utm_source': 'newsletter'} AS utm,
        [TIMESTAMP '2026-11-24 09:00:00', NULL] AS times,
        [[1, 2], [3]] AS matrix`);
    expect(row).toEqual({
      traits: { plan: "pro", seats: 3, tags: ["a", "b"] },
      rel: { job_title: "CTO", since: "2026-01-02", nested: { x: 1 } },
      utm: { utm_source: "newsletter" },
      times: ["2026-11-24T09:00:00.000Z", null],
      matrix: [[1, 2], [3]],
    });
  });

  it("normalises scalars", async () => {
    const [row] = await objects(`
      SELECT
        TIMESTAMP '2026-11-24 09:00:00' AS ts,
        TIMESTAMPTZ '2026-11-24 10:00:00+01:00' AS tstz,
        TIMESTAMP_MS '2026-11-24 09:00:00.123' AS ts_ms,
        DATE '2026-11-24' AS d,
        42::BIGINT AS small_bigint,
        9007199254740993::BIGINT AS big_bigint,
        170141183460469231731687303715884105727::HUGEINT AS huge,
        12.50::DECIMAL(10, 2) AS price,
        12345678901234567890.123::DECIMAL(38, 3) AS big_decimal,
        1.5::DOUBLE AS dbl,
        'infinity'::DOUBLE AS inf,
        true AS flag,
        '\\xDE\\xAD'::BLOB AS bytes,
        '{"a": [1, {"b": null}]}'::JSON AS doc,
        'infinity'::TIMESTAMP AS forever,
        NULL::TIMESTAMP AS missing`);
    expect(row).toEqual({
      ts: "2026-11-24T09:00:00.000Z",
      tstz: "2026-11-24T09:00:00.000Z",
      ts_ms: "2026-11-24T09:00:00.123Z",
      d: "2026-11-24",
      small_bigint: 42,
      big_bigint: "9007199254740993",
      huge: "170141183460469231731687303715884105727",
      price: 12.5,
      big_decimal: "12345678901234567890.123",
      dbl: 1.5,
      inf: "Infinity",
      flag: true,
      bytes: Buffer.from([0xde, 0xad]).toString("base64"),
      doc: { a: [1, { b: null }] },
      forever: "infinity",
      missing: null,
    });
  });

  it("keeps column names exactly as DuckDB reports them", async () => {
    const { columns } = await read(`SELECT 1 AS "userId", 2 AS "traits.plan", 3, 4 AS "MixedCase"`);
    expect(columns).toEqual(["userId", "traits.plan", "3", "MixedCase"]);
  });
});

describe("read-only", () => {
  it.each([
    "DROP TABLE users",
    "DELETE FROM users",
    "INSERT INTO users SELECT * FROM users LIMIT 1",
    "UPDATE users SET plan = 'free'",
    "CREATE TABLE stolen AS SELECT * FROM users",
    "SELECT 1; DROP TABLE users",
    "SELECT * FROM users; SELECT * FROM events",
    "ATTACH ':memory:' AS other",
    "SET threads = 1",
    "CALL pragma_version()",
    "EXPLAIN ANALYZE SELECT 1",
  ])("refuses %s", async (sql) => {
    const error = await refusal(sql);
    expect(error.message).toBe(READ_ONLY_MESSAGE);
  });

  it("refuses a COPY to a file while planning it, as file access is off", async () => {
    const error = await refusal("COPY users TO 'users.csv'");
    expect(error.message).toMatch(/^Permission Error: Cannot access file "users.csv"/);
  });

  it("leaves the sample intact after refusing writes", async () => {
    const { rows } = await read("SELECT (SELECT count(*) FROM users), (SELECT count(*) FROM duckdb_tables())");
    expect(rows).toEqual([[SAAS_ROW_COUNTS.users, Object.keys(SAAS_ROW_COUNTS).length]]);
  });

  it("cannot read files from the server", async () => {
    const error = await refusal("SELECT * FROM read_csv('/etc/passwd')");
    expect(error.message).toMatch(/Permission Error/);
  });

  it("refuses an empty query", async () => {
    expect((await refusal("  ")).message).toBe("The query is empty.");
    expect((await refusal("-- nothing")).message).toBe("The query is empty.");
    expect((await refusal(";")).message).toBe("The query is empty.");
  });
});

describe("errors and cancelling", () => {
  it("surfaces DuckDB's message for a syntax error", async () => {
    const error = await refusal("SELEC id FROM users");
    expect(error.message).toMatch(/^Parser Error: syntax error at or near "SELEC"/);
  });

  it("surfaces DuckDB's message for an unknown table", async () => {
    const error = await refusal("SELECT * FROM customers");
    expect(error.message).toMatch(/^Catalog Error: Table with name customers does not exist/);
  });

  it("stops reading between pages when aborted", async () => {
    const controller = new AbortController();
    const pages: ResultPage[] = [];
    const reading = (async () => {
      for await (const page of readDemo({}, "SELECT * FROM range(1000000000)", {
        pageSize: 100,
        signal: controller.signal,
      })) {
        pages.push(page);
        if (pages.length === 2) controller.abort();
      }
    })();
    await expect(reading).rejects.toThrow(new ConnectorError(CANCELLED_MESSAGE));
    expect(pages).toHaveLength(2);
  });

  it("interrupts a long-running query when aborted", async () => {
    const controller = new AbortController();
    const started = performance.now();
    setTimeout(() => controller.abort(), 100);
    const reading = collect("SELECT sum(a.range * b.range) FROM range(1000000) a, range(1000000) b", {
      signal: controller.signal,
    });
    await expect(reading).rejects.toThrow(new ConnectorError(CANCELLED_MESSAGE));
    expect(performance.now() - started).toBeLessThan(5000);
  });

  it("stops a query that runs past timeoutMs", async () => {
    const reading = collect("SELECT sum(a.range * b.range) FROM range(1000000) a, range(1000000) b", {
      timeoutMs: 200,
    });
    await expect(reading).rejects.toThrow(new ConnectorError("The query ran longer than 1 s and was stopped."));
  });

  it("rejects at once when the signal is already aborted", async () => {
    const reading = collect("SELECT 1", { signal: AbortSignal.abort() });
    await expect(reading).rejects.toThrow(new ConnectorError(CANCELLED_MESSAGE));
  });

  it("releases the query when the caller stops early", async () => {
    for (let attempt = 0; attempt < 3; attempt++) {
      for await (const page of readDemo({}, "SELECT * FROM events", { pageSize: 10 })) {
        expect(page.rows).toHaveLength(10);
        break;
      }
    }
    await expect(checkDemo()).resolves.toEqual({ ok: true });
  });
});
