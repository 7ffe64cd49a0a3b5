import { describe, expect, it } from "vitest";
import { DEMO_STARTER_QUERIES } from "../demo/starter-queries";
import { SOURCE_KINDS } from "../registry";
import { readOnlyProblem, READ_ONLY_MESSAGE, type SqlDialect } from "../read-only-guard";
import { starterQuery } from "../../syncs/starter-query";
import { SYNC_TYPES } from "../../engine/sync-types";
import { substituteLastSyncTime } from "../../engine/substitute-last-sync-time";
import { ATTACKS, ORDINARY, type TCorpusDialect } from "./attack-corpus";

// The MySQL connector checks as MariaDB; a MySQL query must be refused (or pass) under both.
const GUARD_DIALECTS: Record<TCorpusDialect, SqlDialect[]> = {
  transactsql: ["transactsql"],
  bigquery: ["bigquery"],
  mysql: ["mysql", "mariadb"],
  postgresql: ["postgresql"],
  snowflake: ["snowflake"],
};

const attacks = Object.entries(ATTACKS).flatMap(([corpus, list]) =>
  GUARD_DIALECTS[corpus as TCorpusDialect].flatMap((dialect) => list.map((attack) => ({ dialect, ...attack }))),
);
const ordinary = Object.entries(ORDINARY).flatMap(([corpus, list]) =>
  GUARD_DIALECTS[corpus as TCorpusDialect].flatMap((dialect) => list.map((query) => ({ dialect, sql: query.sql }))),
);

describe("the attack corpus", () => {
  it("holds at least 15 attacks and 10 ordinary queries per dialect", () => {
    for (const list of Object.values(ATTACKS)) expect(list.length).toBeGreaterThanOrEqual(15);
    for (const list of Object.values(ORDINARY)) expect(list.length).toBeGreaterThanOrEqual(10);
  });

  it.each(attacks)("refuses in $dialect: $sql", ({ dialect, sql, reason }) => {
    const problem = readOnlyProblem(sql, dialect);
    expect(problem).toBeDefined();
    expect(problem!.startsWith(READ_ONLY_MESSAGE)).toBe(true);
    expect(problem).toMatch(reason);
  });

  it.each(ordinary)("lets an ordinary $dialect query run: $sql", ({ dialect, sql }) => {
    expect(readOnlyProblem(sql, dialect)).toBeUndefined();
  });
});

// The product docs' examples (../shared/docs), as a user pastes them, with {{last_sync_time}} filled in.
const DOC_QUERIES = [
  "SELECT id AS userId, email_address AS email, fname, lname, msisdn AS phone\nFROM users\nWHERE last_updated >= {{last_sync_time}}",
  "SELECT id AS userId, event_name AS event, products, total_price AS value\nFROM events\nWHERE timestamp > {{last_sync_time}}",
  "SELECT id AS userId, event_name AS name, products, total_price AS value\nFROM events\nWHERE timestamp > {{last_sync_time}}",
  "SELECT companyId AS groupId, objectTypeId, companyname, employees, personId AS userId\nFROM companies\nWHERE last_updated >= {{last_sync_time}}",
  "SELECT companyId AS groupId, companyname, employees, personId AS userId\nFROM companies\nWHERE last_updated >= {{last_sync_time}}",
  "SELECT id AS userId, metatitle as name, url, time_on_page\nFROM pages\nWHERE timestamp > {{last_sync_time}}",
  "SELECT id AS userId, screen_name as name, session_started\nFROM screens\nWHERE timestamp > {{last_sync_time}}",
  "SELECT id AS userId, old_id as previousId\nFROM user_resolution\nWHERE timestamp >= {{last_sync_time}}",
  "SELECT\nid as groupId,\nname,\njson_object(\n'job_title', job_title,\n'primary_contact', primary_contact\n) as relationshipAttributes",
  "SELECT id AS userId, email, first_name, created AS created_at\nFROM my_people\nWHERE UNIX_TIMESTAMP(last_updated) > {{last_sync_time}}",
  "SELECT id AS userId, email, first_name, created AS created_at\nFROM my_people\nWHERE UNIX_SECONDS(last_updated) >= {{last_sync_time}} - 300",
];
const ALL_DIALECTS: SqlDialect[] = ["postgresql", "redshift", "mysql", "mariadb", "transactsql", "snowflake", "bigquery"];
const KIND_DIALECT: Record<Exclude<(typeof SOURCE_KINDS)[number], "demo">, SqlDialect> = {
  postgres: "postgresql",
  redshift: "redshift",
  snowflake: "snowflake",
  bigquery: "bigquery",
  mssql: "transactsql",
  mysql: "mariadb",
};

describe("the queries Tidewater offers", () => {
  it.each(ALL_DIALECTS.flatMap((dialect) => DOC_QUERIES.map((sql) => ({ dialect, sql }))))("lets the docs' example run in $dialect: $sql", ({ dialect, sql }) => {
    expect(readOnlyProblem(substituteLastSyncTime(sql, 1700000000), dialect)).toBeUndefined();
  });

  it.each(Object.entries(KIND_DIALECT).flatMap(([kind, dialect]) => SYNC_TYPES.map((type) => ({ kind, dialect, type }))))(
    "lets the $kind starter query for $type run",
    ({ kind, dialect, type }) => {
      const sql = substituteLastSyncTime(starterQuery(kind as keyof typeof KIND_DIALECT, type), 0);
      expect(readOnlyProblem(sql, dialect)).toBeUndefined();
    },
  );

  // The demo runs DuckDB, whose lexical rules are PostgreSQL's.
  it.each(Object.entries(DEMO_STARTER_QUERIES))("lets the demo starter query for %s run", (_type, sql) => {
    expect(readOnlyProblem(substituteLastSyncTime(sql, 0), "postgresql")).toBeUndefined();
  });
});
