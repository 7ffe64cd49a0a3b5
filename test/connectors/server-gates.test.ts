// The database as the second gate, with the statement guard switched off: what gets past the guard
// is still refused by PostgreSQL (extended protocol: one statement per message; READ ONLY
// transaction) and by MariaDB (no multi-statements; READ ONLY transaction), and changes nothing.
import mysql from "mysql2/promise";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { mysqlConnector } from "../../lib/connectors/mysql/index";
import { ZMysqlConfigSchema } from "../../lib/connectors/mysql/spec";
import { postgresConnector } from "../../lib/connectors/postgres/index";
import { ZPostgresConfigSchema } from "../../lib/connectors/postgres/spec";
import { startMariadb, type StartedMariadb } from "../support/mariadb";
import { startPostgres, type StartedServer } from "../support/postgres";
import { readAll } from "../support/read-all";

// As if the guard had a hole: every statement reaches the database.
vi.mock("../../lib/connectors/read-only-guard", () => ({ assertReadOnlySelect: () => {} }));

let postgres: StartedServer;
let mariadb: StartedMariadb;
let root: mysql.Connection;

beforeAll(async () => {
  [postgres, mariadb] = await Promise.all([startPostgres(), startMariadb()]);
  const client = new pg.Client({ connectionString: postgres.url });
  await client.connect();
  await client.query("CREATE TABLE canary (id int); INSERT INTO canary VALUES (1)");
  await client.end();
  root = await mysql.createConnection({ socketPath: mariadb.socket, user: "root", database: "app", multipleStatements: true });
  await root.query("CREATE TABLE canary (id int); INSERT INTO canary VALUES (1)");
});

afterAll(async () => {
  await root?.end();
  await Promise.all([postgres?.stop(), mariadb?.stop()]);
});

const pgConfig = () => {
  const url = new URL(postgres.url);
  return ZPostgresConfigSchema.parse({ host: "127.0.0.1", port: url.port, database: "app", user: url.username, password: url.password });
};
const mysqlConfig = () => {
  const url = new URL(mariadb.url);
  return ZMysqlConfigSchema.parse({ host: "127.0.0.1", port: mariadb.port, database: "app", user: url.username, password: url.password });
};

describe("PostgreSQL without the guard", () => {
  it("refuses a second statement in the query's protocol message", async () => {
    await expect(readAll(postgresConnector.read(pgConfig(), "SELECT 1; DROP TABLE canary"))).rejects.toThrow(/cannot insert multiple commands into a prepared statement/);
  });

  it.each(["DELETE FROM canary", "DROP TABLE canary", "CREATE TABLE other (id int)"])("refuses %s in the READ ONLY transaction", async (sql) => {
    await expect(readAll(postgresConnector.read(pgConfig(), sql))).rejects.toThrow(/read-only transaction/);
  });

  it("changed nothing", async () => {
    const { rows } = await readAll(postgresConnector.read(pgConfig(), "SELECT count(*)::int AS n, to_regclass('other') IS NULL AS gone FROM canary"));
    expect(rows).toEqual([[1, true]]);
  });
});

describe("MariaDB without the guard", () => {
  it("refuses a second statement (multipleStatements is off)", async () => {
    await expect(readAll(mysqlConnector.read(mysqlConfig(), "SELECT 1; DROP TABLE canary"))).rejects.toThrow(/SQL syntax/);
  });

  it.each(["DELETE FROM canary", "UPDATE canary SET id = 2"])("refuses %s in the READ ONLY transaction", async (sql) => {
    await expect(readAll(mysqlConnector.read(mysqlConfig(), sql))).rejects.toThrow(/READ ONLY transaction/i);
  });

  it("changed no rows", async () => {
    const [rows] = await root.query("SELECT id FROM canary");
    expect(rows).toEqual([{ id: 1 }]);
  });

  // MariaDB commits DDL implicitly, READ ONLY transaction or not: only the guard and a read-only
  // user stop it. The connector at least reports it instead of hanging or passing it off as rows.
  it("cannot stop DDL, but reports a statement that returned no result set", async () => {
    await expect(readAll(mysqlConnector.read(mysqlConfig(), "CREATE TABLE other (id int)"))).rejects.toThrow(/Only a single SELECT can run: the database ran a statement that returns no rows/);
    const [tables] = await root.query("SHOW TABLES LIKE 'other'");
    expect(tables).toHaveLength(1); // the finding: it ran
  });
});
