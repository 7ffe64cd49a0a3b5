/**
 * One working query per call type over the demo tables, offered when a sync is created on the
 * demo source. Each compares a timestamp with {{last_sync_time}} (0 on the first run, then the
 * Unix time the previous run started), and quotes the reserved aliases so DuckDB keeps their case.
 */
export type TDemoSyncType = "identify" | "track" | "group" | "page" | "screen" | "alias" | "mixed";

export const DEMO_STARTER_QUERIES: Record<TDemoSyncType, string> = {
  identify: `SELECT
  id AS "userId",
  email,
  first_name,
  last_name,
  plan,
  country,
  created_at
FROM users
WHERE epoch(updated_at) > {{last_sync_time}}`,

  track: `SELECT
  user_id AS "userId",
  anonymous_id AS "anonymousId",
  event_name AS "event",
  amount,
  currency,
  plan,
  occurred_at AS "timestamp"
FROM events
WHERE epoch(updated_at) > {{last_sync_time}}`,

  group: `SELECT
  c.id AS "groupId",
  c.object_type_id AS "objectTypeId",
  u.id AS "userId",
  c.name,
  c.industry,
  c.employees,
  c.plan,
  json_object('job_title', u.job_title) AS "relationshipAttributes"
FROM users u
JOIN companies c ON c.id = u.company_id
WHERE epoch(greatest(u.updated_at, c.updated_at)) > {{last_sync_time}}`,

  page: `SELECT
  user_id AS "userId",
  anonymous_id AS "anonymousId",
  name,
  url,
  path,
  referrer,
  title,
  viewed_at AS "timestamp"
FROM pages
WHERE epoch(updated_at) > {{last_sync_time}}`,

  screen: `SELECT
  user_id AS "userId",
  screen_name AS name,
  platform,
  app_version,
  viewed_at AS "timestamp"
FROM screens
WHERE epoch(updated_at) > {{last_sync_time}}`,

  alias: `SELECT
  user_id AS "userId",
  previous_id AS "previousId",
  resolved_at AS "timestamp"
FROM user_resolution
WHERE epoch(updated_at) > {{last_sync_time}}`,

  // A mixed sync: the type column picks each row's call (and is not sent).
  mixed: `SELECT
  'identify' AS "type",
  id AS "userId",
  NULL AS "event",
  email,
  plan
FROM users
WHERE epoch(updated_at) > {{last_sync_time}}
UNION ALL
SELECT
  'track',
  user_id,
  event_name,
  NULL,
  plan
FROM events
WHERE user_id IS NOT NULL AND epoch(updated_at) > {{last_sync_time}}`,
};
