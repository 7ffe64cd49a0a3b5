// The MySQL connector against a real MariaDB server, directly and through a real sshd tunnel.
import mysql from "mysql2/promise";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mysqlConnector } from "../../lib/connectors/mysql/index";
import type { TMysqlConfig } from "../../lib/connectors/mysql/spec";
import { ConnectorError } from "../../lib/connectors/types";
import { generateKeyPair } from "../../lib/ssh/keys";
import { substituteLastSyncTime } from "../../lib/engine/substitute-last-sync-time";
import { startMariadb, type StartedMariadb } from "../support/mariadb";
import { liveHeapMb } from "../support/gc";
import { freePort } from "../support/postgres";
import { readAll, readObjects } from "../support/read-all";
import { startSshd, type StartedSshd } from "../support/sshd";

let server: StartedMariadb;
let sshd: StartedSshd;
let root: mysql.Connection;
let config: TMysqlConfig;

beforeAll(async () => {
  [server, sshd] = await Promise.all([startMariadb(), startSshd()]);
  const url = new URL(server.url);
  config = { host: url.hostname, port: Number(url.port), database: "app", user: url.username, password: url.password, sslMode: "disable", caCertificate: "" };
  root = await mysql.createConnection({ socketPath: server.socket, user: "root", database: "app", multipleStatements: true });
  await root.query(`
    CREATE TABLE people (id int PRIMARY KEY, email varchar(100), last_updated datetime NOT NULL);
    INSERT INTO people VALUES (1, 'ada@example.com', '2026-01-01 00:00:00'), (2, 'grace@example.com', '2026-06-01 00:00:00'),
      (3, 'linus@example.com', '2026-11-01 00:00:00');
    CREATE TABLE all_types (
      tiny tinyint, small smallint, whole int, big_safe bigint, big_unsafe bigint unsigned, dec_exact decimal(12,2),
      dec_long decimal(38,9), real_v float, double_v double, flag boolean, txt text, vc varchar(10), ch char(3),
      day date, dt datetime(3), ts timestamp NULL, js json, bin varbinary(8), blb blob, en enum('a','b'), t time, yr year
    );
    INSERT INTO all_types VALUES (
      -3, 300, 42, 9007199254740991, 18446744073709551615, 1234.50, 12345678901234567890.123456789, 1.5, 3.25, true,
      'hello', 'short', 'abc', '2026-11-05', '2026-11-05 10:11:12.345', '2026-11-05 10:11:12', '{"a":[1,2,{"b":null}]}',
      X'DEADBEEF', X'0001', 'b', '10:11:12', 2026
    );
    CREATE TABLE secret (x int);
    CREATE USER 'outsider'@'127.0.0.1' IDENTIFIED BY 'outsider-pass';
    CREATE DATABASE other;
    CREATE TABLE other.t (x int);
    GRANT SELECT ON other.* TO 'outsider'@'127.0.0.1';
  `);
});

afterAll(async () => {
  await root?.end();
  await Promise.all([server?.stop(), sshd?.stop()]);
});

describe("test connection", () => {
  it("succeeds with the right settings", async () => {
    expect(await mysqlConnector.check(config)).toEqual({ ok: true });
  });

  it.each([
    ["a wrong password", () => ({ ...config, password: "nope" }), /Wrong user name or password for user "tidewater"/],
    ["an unreachable host", async () => ({ ...config, port: await freePort() }), /connection was refused/],
    ["a missing database", () => ({ ...config, database: "nowhere" }), /(does not exist|may not use database "nowhere")/],
    ["SSL the server does not offer", () => ({ ...config, sslMode: "require" as const }), /does not support SSL: set SSL mode to disable/],
    ["no permission on the database", () => ({ ...config, user: "outsider", password: "outsider-pass" }), /Permission denied: user "outsider" may not use database "app"/],
  ])("explains %s", async (_name, make, message) => {
    expect(await mysqlConnector.check(await make())).toMatchObject({ ok: false, message: expect.stringMatching(message) });
  });

  it("explains that the server requires SSL", async () => {
    await root.query("SET GLOBAL require_secure_transport = ON");
    try {
      // MariaDB reports this as access denied (MySQL 8 names it), so the message offers both.
      expect(await mysqlConnector.check(config)).toMatchObject({ ok: false, message: expect.stringMatching(/requires SSL \(then set SSL mode to verify-full or require\)/) });
    } finally {
      await root.query("SET GLOBAL require_secure_transport = OFF");
    }
  });
});

describe("reading", () => {
  // MariaDB's sequence engine: seq_1_to_N is a table of the numbers 1…N.
  const numbers = "SELECT seq AS i, md5(seq) AS h FROM seq_1_to_10500";

  it("previews only maxRows rows", async () => {
    const { columns, rows } = await readAll(mysqlConnector.read(config, numbers, { maxRows: 5 }));
    expect(columns).toEqual(["i", "h"]);
    expect(rows.map((row) => row[0])).toEqual([1, 2, 3, 4, 5]);
  });

  it("streams a full result in pages", async () => {
    const { rows, pageSizes } = await readAll(mysqlConnector.read(config, numbers, { pageSize: 1000 }));
    expect(rows).toHaveLength(10500);
    expect(pageSizes.slice(0, 10)).toEqual(Array(10).fill(1000));
    expect(pageSizes.at(-1)).toBe(500);
  });

  it("keeps memory flat for a slow consumer (mysql2 pauses the socket, not just the stream)", async () => {
    const live: number[] = [];
    let rows = 0;
    let pages = 0;
    for await (const page of mysqlConnector.read(config, "SELECT seq, md5(seq), repeat('x', 200) FROM seq_1_to_150000", { pageSize: 1000 })) {
      rows += page.rows.length;
      await new Promise((resolve) => setTimeout(resolve, 5)); // the consumer is slower than the server
      if (pages++ % 25 === 0) live.push(liveHeapMb());
    }
    expect(rows).toBe(150_000);
    expect(Math.max(...live) - live[0]).toBeLessThan(16);
  });

  it("names the columns of an empty result", async () => {
    expect(await readAll(mysqlConnector.read(config, "SELECT id, email FROM people WHERE 1 = 0"))).toMatchObject({ columns: ["id", "email"], rows: [] });
  });

  it("reads incrementally with {{last_sync_time}} inlined as an integer (UNIX_TIMESTAMP, as the docs show)", async () => {
    const query = "SELECT id FROM people WHERE UNIX_TIMESTAMP(last_updated) > {{last_sync_time}} ORDER BY id";
    const since = Date.parse("2026-06-01T00:00:00Z") / 1000;
    expect((await readAll(mysqlConnector.read(config, substituteLastSyncTime(query, 0)))).rows).toEqual([[1], [2], [3]]);
    expect((await readAll(mysqlConnector.read(config, substituteLastSyncTime(query, since)))).rows).toEqual([[3]]);
  });

  it("normalises every common column type", async () => {
    const [row] = await readObjects(mysqlConnector.read(config, "SELECT * FROM all_types"));
    expect(row).toEqual({
      tiny: -3, small: 300, whole: 42, big_safe: 9007199254740991, big_unsafe: "18446744073709551615", dec_exact: 1234.5,
      dec_long: "12345678901234567890.123456789", real_v: 1.5, double_v: 3.25, flag: 1, txt: "hello", vc: "short", ch: "abc",
      day: "2026-11-05", dt: "2026-11-05T10:11:12.345Z", ts: "2026-11-05T10:11:12.000Z",
      // MariaDB's JSON is LONGTEXT; mysql2 parses it only when the server flags the column as JSON.
      js: expect.toSatisfy((value: unknown) => JSON.stringify(typeof value === "string" ? JSON.parse(value) : value) === '{"a":[1,2,{"b":null}]}'),
      bin: Buffer.from("deadbeef", "hex").toString("base64"), blb: Buffer.from([0, 1]).toString("base64"), en: "b", t: "10:11:12", yr: 2026,
    });
  });

  it("explains a permission error", async () => {
    const outsider = { ...config, database: "other", user: "outsider", password: "outsider-pass" };
    await expect(readAll(mysqlConnector.read(outsider, "SELECT * FROM app.secret"))).rejects.toThrow(/Permission denied: .*denied to user 'outsider'/);
  });
});

describe("read-only", () => {
  it.each([
    "SELECT 1; DROP TABLE people",
    "DROP TABLE people",
    "DELETE FROM people",
    "UPDATE people SET email = NULL",
    "SELECT * FROM people INTO OUTFILE '/tmp/people.txt'",
    "INSERT INTO people VALUES (4, 'x', NOW())",
  ])("refuses %s before it reaches the database", async (sql) => {
    const read = readAll(mysqlConnector.read(config, sql));
    await expect(read).rejects.toBeInstanceOf(ConnectorError);
    await expect(read).rejects.toThrow(/Only a single SELECT/);
  });

  it("runs inside a read-only transaction", async () => {
    // A stored function could write; the transaction refuses it even though the guard let it through.
    await root.query("CREATE FUNCTION wipe_people() RETURNS int MODIFIES SQL DATA BEGIN DELETE FROM people; RETURN 1; END");
    await root.query("GRANT EXECUTE ON app.* TO 'tidewater'@'127.0.0.1'");
    await expect(readAll(mysqlConnector.read(config, "SELECT wipe_people()"))).rejects.toThrow(/READ ONLY transaction/i);
  });

  it("leaves the table intact", async () => {
    const [rows] = await root.query("SELECT COUNT(*) AS n FROM people");
    expect((rows as { n: number }[])[0].n).toBe(3);
  });
});

describe("cancellation", () => {
  it("kills a running query on the server when aborted", async () => {
    const controller = new AbortController();
    const started = Date.now();
    const read = readAll(mysqlConnector.read(config, "SELECT SLEEP(60) AS slept", { signal: controller.signal }));
    await waitFor(async () => (await sleepingQueries()) === 1);
    controller.abort();
    await expect(read).rejects.toThrow(/cancelled/);
    expect(Date.now() - started).toBeLessThan(10_000);
    await waitFor(async () => (await sleepingQueries()) === 0);
  });

  it("stops a statement that outruns its time limit", async () => {
    const started = Date.now();
    await expect(readAll(mysqlConnector.read(config, "SELECT SLEEP(5) AS s FROM people", { timeoutMs: 500 }))).rejects.toThrow(/time limit|interrupted/i);
    expect(Date.now() - started).toBeLessThan(4000);
  });
});

describe("through an SSH tunnel", () => {
  const pair = generateKeyPair();

  it("tests the connection and reads through the tunnel", async () => {
    await sshd.setAuthorizedKeys([pair.publicKey]);
    const tunnelled = { ...config, sshTunnel: { host: "127.0.0.1", port: sshd.port, user: sshd.user, privateKeys: [pair.privateKey] } };
    expect(await mysqlConnector.check(tunnelled)).toMatchObject({ ok: true, sshHostKey: sshd.hostKey });
    const { rows } = await readAll(mysqlConnector.read({ ...tunnelled, sshTunnel: { ...tunnelled.sshTunnel, hostKey: sshd.hostKey } }, "SELECT id FROM people ORDER BY id"));
    expect(rows).toEqual([[1], [2], [3]]);
    const forward = new RegExp(`direct_tcpip: originator .* target 127\\.0\\.0\\.1 port ${config.port}\\b`);
    await waitFor(async () => forward.test(await sshd.log()));
  });

  it("cancels a query through the tunnel", async () => {
    const tunnelled = { ...config, sshTunnel: { host: "127.0.0.1", port: sshd.port, user: sshd.user, privateKeys: [pair.privateKey] } };
    const controller = new AbortController();
    const read = readAll(mysqlConnector.read(tunnelled, "SELECT SLEEP(60) AS slept", { signal: controller.signal }));
    await waitFor(async () => (await sleepingQueries()) === 1);
    controller.abort();
    await expect(read).rejects.toThrow(/cancelled/);
    await waitFor(async () => (await sleepingQueries()) === 0);
  });
});

async function sleepingQueries(): Promise<number> {
  const [rows] = await root.query("SELECT COUNT(*) AS n FROM information_schema.processlist WHERE info LIKE 'SELECT SLEEP(60)%'");
  return Number((rows as { n: number }[])[0].n);
}

async function waitFor(condition: () => Promise<boolean>, timeoutMs = 10_000) {
  for (const deadline = Date.now() + timeoutMs; Date.now() < deadline; await new Promise((r) => setTimeout(r, 50))) {
    if (await condition()) return;
  }
  throw new Error("condition not met in time");
}
