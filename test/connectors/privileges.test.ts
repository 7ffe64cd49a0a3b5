// "Save database" asks the database what its user may change: against real PostgreSQL and MariaDB,
// a user that can write is reported (with read-only grants to use instead), a SELECT-only user is not.
import mysql from "mysql2/promise";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mysqlConnector } from "../../lib/connectors/mysql/index";
import { writePrivilegesInGrants } from "../../lib/connectors/mysql/privileges";
import { ZMysqlConfigSchema } from "../../lib/connectors/mysql/spec";
import { postgresConnector } from "../../lib/connectors/postgres/index";
import { ZPostgresConfigSchema } from "../../lib/connectors/postgres/spec";
import { startMariadb, type StartedMariadb } from "../support/mariadb";
import { startPostgres, type StartedServer } from "../support/postgres";

let postgres: StartedServer;
let mariadb: StartedMariadb;
let admin: pg.Client;
let root: mysql.Connection;

beforeAll(async () => {
  [postgres, mariadb] = await Promise.all([startPostgres(), startMariadb()]);
  const url = new URL(postgres.url);
  admin = new pg.Client({ host: "127.0.0.1", port: Number(url.port), database: "app", user: "postgres", password: "postgres-pass" });
  await admin.connect();
  await admin.query(`
    CREATE TABLE people (id int PRIMARY KEY, email text);
    CREATE TABLE orders (id int PRIMARY KEY);
    CREATE ROLE reader LOGIN PASSWORD 'reader-pass';
    GRANT USAGE ON SCHEMA public TO reader;
    GRANT SELECT ON people, orders TO reader;
    CREATE ROLE editor LOGIN PASSWORD 'editor-pass';
    GRANT USAGE ON SCHEMA public TO editor;
    GRANT SELECT ON people, orders TO editor;
    GRANT INSERT, UPDATE ON people TO editor;
  `);
  root = await mysql.createConnection({ socketPath: mariadb.socket, user: "root", database: "app", multipleStatements: true });
  await root.query(`
    CREATE TABLE people (id int PRIMARY KEY, email text);
    CREATE USER 'reader'@'127.0.0.1' IDENTIFIED BY 'reader-pass';
    GRANT SELECT ON app.* TO 'reader'@'127.0.0.1';
    CREATE USER 'editor'@'127.0.0.1' IDENTIFIED BY 'editor-pass';
    GRANT SELECT ON app.* TO 'editor'@'127.0.0.1';
    GRANT INSERT ON app.people TO 'editor'@'127.0.0.1';
  `);
});

afterAll(async () => {
  await admin?.end();
  await root?.end();
  await Promise.all([postgres?.stop(), mariadb?.stop()]);
});

const pgCheck = (user: string, password: string) => {
  const url = new URL(postgres.url);
  return postgresConnector.check(ZPostgresConfigSchema.parse({ host: "127.0.0.1", port: url.port, database: "app", user, password }), { privileges: true });
};
const mysqlCheck = (user: string, password: string) =>
  mysqlConnector.check(ZMysqlConfigSchema.parse({ host: "127.0.0.1", port: mariadb.port, database: "app", user, password }), { privileges: true });

describe("PostgreSQL", () => {
  it("reports a user with INSERT and UPDATE on a table, with read-only grants to use instead", async () => {
    const result = await pgCheck("editor", "editor-pass");
    expect(result).toMatchObject({ ok: true, writeAccess: { found: ["INSERT, UPDATE on public.people"] } });
    expect(result.ok && result.writeAccess?.readOnlyGrants).toEqual(expect.arrayContaining([`GRANT SELECT ON ALL TABLES IN SCHEMA public TO "tidewater_reader";`, `GRANT CONNECT ON DATABASE "app" TO "tidewater_reader";`]));
  });

  it("reports the database owner (CREATE on the database and its schema, every table) and a superuser", async () => {
    const url = new URL(postgres.url);
    const owner = await pgCheck(url.username, url.password);
    expect(owner.ok && owner.writeAccess?.found).toEqual(expect.arrayContaining(["CREATE on database app", "CREATE on schema public"]));
    const superuser = await pgCheck("postgres", "postgres-pass");
    expect(superuser.ok && superuser.writeAccess?.found).toEqual(expect.arrayContaining(["superuser", "CREATEROLE", "CREATEDB", "INSERT, UPDATE, DELETE, TRUNCATE on public.orders"]));
  });

  it("reports nothing for a user with only SELECT", async () => {
    expect(await pgCheck("reader", "reader-pass")).toEqual({ ok: true });
  });
});

describe("MariaDB", () => {
  it("reports a user with INSERT on a table, with read-only grants to use instead", async () => {
    const result = await mysqlCheck("editor", "editor-pass");
    expect(result).toMatchObject({ ok: true, writeAccess: { found: ["INSERT on `app`.`people`"], readOnlyGrants: [expect.stringMatching(/^CREATE USER/), "GRANT SELECT ON `app`.* TO 'tidewater_reader'@'%';"] } });
  });

  it("reports the test user with ALL PRIVILEGES on the database", async () => {
    const url = new URL(mariadb.url);
    const result = await mysqlCheck(url.username, url.password);
    expect(result.ok && result.writeAccess?.found).toEqual(["ALL PRIVILEGES on `app`.*"]);
  });

  it("reports nothing for a user with only SELECT", async () => {
    expect(await mysqlCheck("reader", "reader-pass")).toEqual({ ok: true });
  });

  it("reads SHOW GRANTS lines: column lists, GRANT OPTION, USAGE", () => {
    expect(writePrivilegesInGrants([
      "GRANT USAGE ON *.* TO `u`@`%` IDENTIFIED BY PASSWORD '*AB'",
      "GRANT SELECT (a, b), UPDATE (a) ON `app`.`t` TO `u`@`%`",
      "GRANT SELECT ON `app`.* TO `u`@`%` WITH GRANT OPTION",
      "GRANT FILE ON *.* TO `u`@`%`",
    ])).toEqual(["UPDATE on `app`.`t`", "GRANT OPTION on `app`.*", "FILE on *.*"]);
  });
});
