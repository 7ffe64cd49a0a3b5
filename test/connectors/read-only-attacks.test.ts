// Every PostgreSQL and MySQL attack of the corpus, run through the real connectors (registry.ts)
// against real servers, as a database user who may do anything (the case the docs warn against), so
// only Tidewater stands in the way. A canary table, a sequence, the list of tables, large objects,
// locks and a file on disk prove that nothing changed; the ordinary corpus still returns rows.
import { existsSync } from "node:fs";
import { rm } from "node:fs/promises";
import mysql from "mysql2/promise";
import pg from "pg";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { READ_ONLY_MESSAGE } from "../../lib/connectors/read-only-guard";
import { connectorSpec, loadConnector, type TSourceKind } from "../../lib/connectors/registry";
import { ATTACKS, CANARY_FILE, ORDINARY, PG_DSN } from "../../lib/connectors/sql-guard/attack-corpus";
import { startMariadb, type StartedMariadb } from "../support/mariadb";
import { startPostgres, type StartedServer } from "../support/postgres";
import { readAll } from "../support/read-all";

type Reader = (sql: string) => Promise<{ rows: unknown[][]; error?: undefined } | { rows?: undefined; error: string }>;

async function readerFor(kind: TSourceKind, config: Record<string, unknown>): Promise<Reader> {
  const connector = await loadConnector(kind);
  const parsed = connectorSpec(kind).configSchema.parse(config) as Record<string, unknown>;
  return async (sql) => {
    try {
      return { rows: (await readAll(connector.read(parsed, sql, { timeoutMs: 5_000 }))).rows };
    } catch (error) {
      return { error: (error as Error).message };
    }
  };
}

const CANARY_ROWS = [
  [1, "first"],
  [2, "second"],
  [3, "third"],
];

const removeCanaryFile = () => rm(CANARY_FILE, { force: true });

describe("PostgreSQL", () => {
  let server: StartedServer;
  let admin: pg.Client;
  let read: Reader;
  let dsn: string;
  let before: unknown;

  const snapshot = async () => {
    const { rows } = await admin.query(`SELECT
      (SELECT json_agg(json_build_array(id, note) ORDER BY id) FROM canary) AS canary,
      (SELECT last_value || ':' || is_called FROM canary_seq) AS sequence,
      (SELECT json_agg(table_schema || '.' || table_name ORDER BY 1) FROM information_schema.tables
        WHERE table_schema NOT IN ('pg_catalog', 'information_schema')) AS tables,
      (SELECT count(*)::int FROM pg_largeobject_metadata) AS large_objects,
      (SELECT count(*)::int FROM pg_locks WHERE locktype = 'advisory') AS advisory_locks`);
    return { ...rows[0], file: existsSync(CANARY_FILE) };
  };

  const seedCanary = async () => {
    await admin.query("DELETE FROM canary");
    for (const [id, note] of CANARY_ROWS) await admin.query("INSERT INTO canary VALUES ($1, $2)", [id, note]);
    await admin.query("SELECT setval('canary_seq', 100, false)");
    await admin.query("DROP TABLE IF EXISTS canary_copy");
    await admin.query("SELECT lo_unlink(oid) FROM pg_largeobject_metadata");
    await removeCanaryFile();
  };

  beforeAll(async () => {
    server = await startPostgres();
    const url = new URL(server.url);
    admin = new pg.Client({ host: url.hostname, port: Number(url.port), database: "app", user: "postgres", password: "postgres-pass" });
    await admin.connect();
    await admin.query(`
      CREATE EXTENSION dblink;
      CREATE ROLE powerful LOGIN SUPERUSER PASSWORD 'powerful-pass';
      CREATE TABLE canary (id int PRIMARY KEY, note text);
      CREATE SEQUENCE canary_seq;
      CREATE TABLE users (id int PRIMARY KEY, email text, first_name text, plan text, created_at timestamptz, updated_at timestamptz,
        props jsonb, tags text[], "update" text, "delete" int);
      INSERT INTO users VALUES
        (1, 'ada@example.com', 'Ada', 'pro', '2026-01-01Z', '2026-11-01Z', '{"company": "Acme", "address": {"city": "Paris"}}', '{a,b}', 'u1', 1),
        (2, 'grace@example.com', 'Grace', 'free', '2026-02-01Z', '2026-11-02Z', '{"company": "Navy"}', '{c}', 'u2', 2);
      CREATE TABLE events (id int PRIMARY KEY, user_id int, event_name text, amount numeric(10, 2), occurred_at timestamptz, updated_at timestamptz);
      INSERT INTO events VALUES (1, 1, 'signup', 10.55, '2026-11-01Z', '2026-11-01Z'), (2, 1, 'order', 20.25, '2026-11-02Z', '2026-11-02Z'),
        (3, 2, 'signup', 5, '2026-11-03Z', '2026-11-03Z');
    `);
    await seedCanary();
    dsn = `host=127.0.0.1 port=${url.port} dbname=app user=postgres password=postgres-pass`;
    read = await readerFor("postgres", { host: url.hostname, port: Number(url.port), database: "app", user: "powerful", password: "powerful-pass", ssl: false });
    before = await snapshot();
  });

  afterEach(seedCanary);

  afterAll(async () => {
    await admin?.end();
    await server?.stop();
    await removeCanaryFile();
  });

  it.each(ATTACKS.postgresql)("refuses $sql and changes nothing", async ({ sql, reason }) => {
    const outcome = await read(sql.replaceAll(PG_DSN, dsn));
    expect.soft(await snapshot(), "the database and the file system are unchanged").toEqual(before);
    expect.soft(outcome.error, "Tidewater refuses it").toMatch(new RegExp(`^${escape(READ_ONLY_MESSAGE)}`));
    expect.soft(outcome.error).toMatch(reason);
  });

  it.each(ORDINARY.postgresql.filter((query) => !query.notOnTestServer))("runs $sql", async ({ sql }) => {
    const outcome = await read(sql);
    expect(outcome.error).toBeUndefined();
    expect(outcome.rows!.length).toBeGreaterThan(0);
  });
});

describe("MySQL (MariaDB)", () => {
  let server: StartedMariadb;
  let root: mysql.Connection;
  let read: Reader;
  let before: unknown;

  const snapshot = async () => {
    const [[row]] = (await root.query(`SELECT
      (SELECT JSON_ARRAYAGG(JSON_ARRAY(id, note) ORDER BY id) FROM canary) AS canary,
      (SELECT next_not_cached_value FROM canary_seq) AS sequence,
      (SELECT GROUP_CONCAT(CONCAT(table_schema, '.', table_name) ORDER BY 1) FROM information_schema.tables
        WHERE table_schema NOT IN ('mysql', 'information_schema', 'performance_schema', 'sys')) AS tables,
      IS_USED_LOCK('tidewater-canary') AS used_lock`)) as unknown as [Record<string, unknown>[]];
    return { ...row, file: existsSync(CANARY_FILE) };
  };

  const seedCanary = async () => {
    await root.query("DELETE FROM canary");
    await root.query("INSERT INTO canary VALUES ?", [CANARY_ROWS]);
    await root.query("ALTER SEQUENCE canary_seq RESTART WITH 100");
    await removeCanaryFile();
  };

  beforeAll(async () => {
    server = await startMariadb();
    root = await mysql.createConnection({ socketPath: server.socket, user: "root", database: "app", multipleStatements: true });
    await root.query(`
      CREATE USER 'powerful'@'127.0.0.1' IDENTIFIED BY 'powerful-pass';
      GRANT ALL PRIVILEGES ON *.* TO 'powerful'@'127.0.0.1';
      CREATE TABLE canary (id int PRIMARY KEY, note varchar(20));
      CREATE SEQUENCE canary_seq START WITH 100 NOCACHE;
      CREATE TABLE users (id int PRIMARY KEY, email varchar(100), first_name varchar(50), plan varchar(20), created_at datetime,
        last_updated datetime, props json, \`update\` varchar(10), \`delete\` int);
      INSERT INTO users VALUES
        (1, 'ada@example.com', 'Ada', 'pro', '2026-01-01', '2026-11-01', '{"company": "Acme"}', 'u1', 1),
        (2, 'grace@example.com', 'Grace', 'free', '2026-02-01', '2026-11-02', '{"company": "Navy"}', 'u2', 2);
      CREATE TABLE events (id int PRIMARY KEY, user_id int, event_name varchar(50), amount decimal(10, 2), occurred_at datetime);
      INSERT INTO events VALUES (1, 1, 'signup', 10.55, '2026-11-01'), (2, 1, 'order', 20.25, '2026-11-02'), (3, 2, 'signup', 5, '2026-11-03');
    `);
    await seedCanary();
    const url = new URL(server.url);
    read = await readerFor("mysql", { host: url.hostname, port: Number(url.port), database: "app", user: "powerful", password: "powerful-pass", ssl: false });
    before = await snapshot();
  });

  afterEach(seedCanary);

  afterAll(async () => {
    await root?.end();
    await server?.stop();
    await removeCanaryFile();
  });

  it.each(ATTACKS.mysql)("refuses $sql and changes nothing", async ({ sql, reason }) => {
    const outcome = await read(sql);
    expect.soft(await snapshot(), "the database and the file system are unchanged").toEqual(before);
    expect.soft(outcome.error, "Tidewater refuses it").toMatch(new RegExp(`^${escape(READ_ONLY_MESSAGE)}`));
    expect.soft(outcome.error).toMatch(reason);
  });

  it.each(ORDINARY.mysql.filter((query) => !query.notOnTestServer))("runs $sql", async ({ sql }) => {
    const outcome = await read(sql);
    expect(outcome.error).toBeUndefined();
    expect(outcome.rows!.length).toBeGreaterThan(0);
  });
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
