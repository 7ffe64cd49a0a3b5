import { DEMO_STARTER_QUERIES } from "../connectors/demo/starter-queries";
import type { TSourceKind } from "../connectors/registry";
import type { TSyncType } from "../engine/sync-types";

// How each database turns a timestamp column into Unix seconds, and quotes a mixed-case alias.
const DIALECT: Record<Exclude<TSourceKind, "demo">, { epoch: (column: string) => string; quote: (name: string) => string }> = {
  postgres: { epoch: (c) => `EXTRACT(EPOCH FROM ${c})`, quote: (n) => `"${n}"` },
  redshift: { epoch: (c) => `EXTRACT(EPOCH FROM ${c})`, quote: (n) => `"${n}"` },
  snowflake: { epoch: (c) => `DATE_PART(EPOCH_SECOND, ${c})`, quote: (n) => `"${n}"` },
  bigquery: { epoch: (c) => `UNIX_SECONDS(${c})`, quote: (n) => `\`${n}\`` },
  mssql: { epoch: (c) => `DATEDIFF(SECOND, '1970-01-01', ${c})`, quote: (n) => `[${n}]` },
  mysql: { epoch: (c) => `UNIX_TIMESTAMP(${c})`, quote: (n) => `\`${n}\`` },
};

/** A query to start from, per sync type, in the source's SQL dialect (the docs' examples). */
export function starterQuery(kind: TSourceKind, type: TSyncType): string {
  if (kind === "demo") return DEMO_STARTER_QUERIES[type];
  const { epoch, quote: q } = DIALECT[kind];
  const since = (column: string) => `WHERE ${epoch(column)} > {{last_sync_time}}`;
  switch (type) {
    case "identify":
      return `SELECT\n  id AS ${q("userId")},\n  email,\n  first_name,\n  last_name,\n  created_at\nFROM users\n${since("updated_at")}`;
    case "track":
      return `SELECT\n  user_id AS ${q("userId")},\n  event_name AS ${q("event")},\n  amount,\n  occurred_at AS ${q("timestamp")}\nFROM events\n${since("updated_at")}`;
    case "group":
      return `SELECT\n  company_id AS ${q("groupId")},\n  user_id AS ${q("userId")},\n  company_name AS name,\n  industry\nFROM memberships\n${since("updated_at")}`;
    case "page":
      return `SELECT\n  user_id AS ${q("userId")},\n  page_name AS name,\n  url,\n  viewed_at AS ${q("timestamp")}\nFROM page_views\n${since("viewed_at")}`;
    case "screen":
      return `SELECT\n  user_id AS ${q("userId")},\n  screen_name AS name,\n  platform,\n  viewed_at AS ${q("timestamp")}\nFROM screen_views\n${since("viewed_at")}`;
    case "alias":
      return `SELECT\n  user_id AS ${q("userId")},\n  previous_id AS ${q("previousId")}\nFROM user_merges\n${since("merged_at")}`;
    case "mixed":
      // One result, two call types: the type column picks each row's call and is not sent.
      return `SELECT\n  'identify' AS ${q("type")},\n  id AS ${q("userId")},\n  NULL AS ${q("event")},\n  email\nFROM users\n${since("updated_at")}\nUNION ALL\nSELECT\n  'track',\n  user_id,\n  event_name,\n  NULL\nFROM events\n${since("updated_at")}`;
  }
}
