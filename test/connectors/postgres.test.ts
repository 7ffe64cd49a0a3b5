// The PostgreSQL connector (and Redshift's, which speaks the same protocol) against a real server,
// directly and through a real sshd tunnel.
import { readFile, writeFile } from "node:fs/promises";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { postgresConnector } from "../../lib/connectors/postgres/index";
import type { TPostgresConfig } from "../../lib/connectors/postgres/spec";
import { redshiftConnector } from "../../lib/connectors/redshift/index";
import { ZRedshiftConfigSchema } from "../../lib/connectors/redshift/spec";
import { ConnectorError, type SshTunnelInfo } from "../../lib/connectors/types";
import { generateKeyPair } from "../../lib/ssh/keys";
import { substituteLastSyncTime } from "../../lib/engine/substitute-last-sync-time";
import { freePort, startPostgres, type StartedServer } from "../support/postgres";
import { readAll, readObjects } from "../support/read-all";
import { startSshd, type StartedSshd } from "../support/sshd";

let server: StartedServer;
let sshd: StartedSshd;
let admin: pg.Client;
let config: TPostgresConfig;

beforeAll(async () => {
  [server, sshd] = await Promise.all([startPostgres(), startSshd()]);
  const url = new URL(server.url);
  config = { host: url.hostname, port: Number(url.port), database: "app", user: url.username, password: url.password, sslMode: "disable", caCertificate: "" };
  admin = new pg.Client({ host: url.hostname, port: Number(url.port), database: "app", user: "postgres", password: "postgres-pass" });
  await admin.connect();
  await admin.query(`
    SET ROLE tidewater;
    CREATE TABLE people (id int PRIMARY KEY, email text, updated_at timestamptz NOT NULL);
    INSERT INTO people VALUES (1, 'ada@example.com', '2026-01-01T00:00:00Z'), (2, 'grace@example.com', '2026-06-01T00:00:00Z'),
      (3, 'linus@example.com', '2026-11-01T00:00:00Z');
    CREATE TABLE all_types (
      small smallint, whole int, big_safe bigint, big_unsafe bigint, dec_exact numeric(12,2), dec_long numeric,
      real_v real, double_v double precision, flag boolean, txt text, vc varchar(10), day date,
      ts timestamp, tstz timestamptz, js json, jsb jsonb, bin bytea, id uuid, ints int[], t time
    );
    INSERT INTO all_types VALUES (
      -3, 42, 9007199254740991, 9223372036854775807, 1234.50, 12345678901234567890.123456789,
      1.5, 3.25, true, 'hello', 'short', '2026-11-05',
      '2026-11-05 10:11:12.345', '2026-11-05 10:11:12+02', '{"a":[1,2,{"b":null}]}', '{"nested":{"ok":true}}',
      '\\xdeadbeef', '6f1c1a56-4c52-4fd4-9a8e-3c3c0c0c0c0c', '{1,2,3}', '10:11:12'
    );
    CREATE FUNCTION wipe_people() RETURNS int LANGUAGE sql AS 'DELETE FROM people RETURNING 1';
    CREATE TABLE secret (x int);
    RESET ROLE;
    CREATE ROLE outsider LOGIN PASSWORD 'outsider-pass';
    CREATE ROLE locked_out LOGIN PASSWORD 'locked-pass';
    REVOKE CONNECT ON DATABASE app FROM PUBLIC;
    GRANT CONNECT ON DATABASE app TO tidewater, outsider;
  `);
});

afterAll(async () => {
  await admin?.end();
  await Promise.all([server?.stop(), sshd?.stop()]);
});

describe("test connection", () => {
  it("succeeds with the right settings", async () => {
    expect(await postgresConnector.check(config)).toEqual({ ok: true });
  });

  it.each([
    ["a wrong password", () => ({ ...config, password: "nope" }), /Wrong password for user "tidewater"/],
    ["an unreachable host", async () => ({ ...config, port: await freePort() }), /connection was refused/],
    ["a missing database", () => ({ ...config, database: "nowhere" }), /Database "nowhere" does not exist/],
    ["SSL the server does not offer", () => ({ ...config, sslMode: "require" as const }), /does not support SSL: set SSL mode to disable/],
    ["no permission to connect", () => ({ ...config, user: "locked_out", password: "locked-pass" }), /Permission denied: permission denied for database "?app/],
  ])("explains %s", async (_name, make, message) => {
    const result = await postgresConnector.check(await make());
    expect(result).toMatchObject({ ok: false, message: expect.stringMatching(message) });
  });

  it("explains that the server requires SSL", async () => {
    const { rows } = await admin.query("SHOW hba_file");
    const hbaFile = rows[0].hba_file as string;
    const hba = await readFile(hbaFile, "utf8");
    await writeFile(hbaFile, `hostnossl all needs_ssl 127.0.0.1/32 reject\n${hba}`);
    await admin.query("CREATE ROLE needs_ssl LOGIN PASSWORD 'ssl-pass'; GRANT CONNECT ON DATABASE app TO needs_ssl; SELECT pg_reload_conf()");
    const result = await postgresConnector.check({ ...config, user: "needs_ssl", password: "ssl-pass" });
    expect(result).toMatchObject({ ok: false, message: expect.stringMatching(/requires SSL: set SSL mode to verify-full \(or require\)/) });
  });

  it("gives Redshift its port and SSL defaults", () => {
    expect(ZRedshiftConfigSchema.parse({ host: "h", database: "d", user: "u" })).toMatchObject({ port: 5439, sslMode: "verify-full", password: "" });
  });
});

describe("reading", () => {
  it("previews only maxRows rows", async () => {
    const { columns, rows } = await readAll(postgresConnector.read(config, "SELECT g AS n FROM generate_series(1, 100000) g", { maxRows: 5 }));
    expect(columns).toEqual(["n"]);
    expect(rows).toEqual([[1], [2], [3], [4], [5]]);
  });

  it("streams a full result in pages", async () => {
    const { rows, pageSizes } = await readAll(postgresConnector.read(config, "SELECT g AS n, md5(g::text) AS h FROM generate_series(1, 10500) g", { pageSize: 1000 }));
    expect(rows).toHaveLength(10500);
    expect(pageSizes.slice(0, 10)).toEqual(Array(10).fill(1000));
    expect(pageSizes.at(-1)).toBe(500);
    expect(rows.at(-1)?.[0]).toBe(10500);
  });

  it("hands over the pages before a failing one, then the database's error", async () => {
    // Row 2,500 fails on the server while the reader already asked for the page holding it.
    const pages: number[] = [];
    const read = async () => {
      for await (const page of postgresConnector.read(config, "SELECT 1 / (2500 - g) AS n FROM generate_series(1, 5000) g", { pageSize: 1000 })) {
        pages.push(page.rows.length);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    };
    await expect(read()).rejects.toThrow(/division by zero/);
    expect(pages).toEqual([1000, 1000]);
  });

  it("ends its session when the reader stops early, with the next page still coming", async () => {
    const sessions = async () =>
      Number((await admin.query("SELECT count(*) AS n FROM pg_stat_activity WHERE application_name = 'tidewater' AND pid <> pg_backend_pid()")).rows[0].n);
    for await (const page of postgresConnector.read(config, "SELECT g AS n FROM generate_series(1, 100000) g", { pageSize: 1000 })) {
      expect(page.rows).toHaveLength(1000);
      break;
    }
    await waitFor(async () => (await sessions()) === 0);
  });

  it("names the columns of an empty result", async () => {
    expect(await readAll(postgresConnector.read(config, "SELECT id, email FROM people WHERE false"))).toMatchObject({ columns: ["id", "email"], rows: [] });
  });

  it("reads incrementally with {{last_sync_time}} inlined as an integer", async () => {
    const query = "SELECT id FROM people WHERE EXTRACT(EPOCH FROM updated_at) > {{last_sync_time}} - 300 ORDER BY id";
    const since = Date.parse("2026-06-01T00:00:00Z") / 1000;
    const first = await readAll(postgresConnector.read(config, substituteLastSyncTime(query, 0)));
    const next = await readAll(postgresConnector.read(config, substituteLastSyncTime(query, since + 300)));
    expect(first.rows).toEqual([[1], [2], [3]]);
    expect(next.rows).toEqual([[3]]);
  });

  it("normalises every common column type", async () => {
    const [row] = await readObjects(postgresConnector.read(config, "SELECT * FROM all_types"));
    expect(row).toEqual({
      small: -3, whole: 42, big_safe: 9007199254740991, big_unsafe: "9223372036854775807", dec_exact: 1234.5,
      dec_long: "12345678901234567890.123456789", real_v: 1.5, double_v: 3.25, flag: true, txt: "hello", vc: "short",
      day: "2026-11-05", ts: "2026-11-05T10:11:12.345Z", tstz: "2026-11-05T08:11:12.000Z",
      js: { a: [1, 2, { b: null }] }, jsb: { nested: { ok: true } }, bin: Buffer.from("deadbeef", "hex").toString("base64"),
      id: "6f1c1a56-4c52-4fd4-9a8e-3c3c0c0c0c0c", ints: [1, 2, 3], t: "10:11:12",
    });
  });

  it("reads through the Redshift connector too", async () => {
    const { rows } = await readAll(redshiftConnector.read(config, "SELECT id FROM people WHERE DATE_PART('epoch', updated_at) > 0 ORDER BY id"));
    expect(rows).toEqual([[1], [2], [3]]);
  });

  it("explains a permission error", async () => {
    const outsider = { ...config, user: "outsider", password: "outsider-pass" };
    await expect(readAll(postgresConnector.read(outsider, "SELECT * FROM secret"))).rejects.toThrow(/Permission denied: permission denied for table secret/);
  });
});

describe("read-only", () => {
  it.each([
    "SELECT 1; DROP TABLE people",
    "DROP TABLE people",
    "DELETE FROM people",
    "SELECT * INTO people_copy FROM people",
    "WITH gone AS (DELETE FROM people RETURNING *) SELECT * FROM gone",
  ])("refuses %s before it reaches the database", async (sql) => {
    const read = readAll(postgresConnector.read(config, sql));
    await expect(read).rejects.toBeInstanceOf(ConnectorError);
    await expect(read).rejects.toThrow(/Only a single SELECT/);
  });

  it("lets the read-only transaction stop a SELECT that writes through a function", async () => {
    await expect(readAll(postgresConnector.read(config, "SELECT wipe_people()"))).rejects.toThrow(/read-only transaction/);
  });

  it("leaves the table intact", async () => {
    const { rows } = await admin.query("SELECT count(*)::int AS n FROM people");
    expect(rows[0].n).toBe(3);
    const { rows: copies } = await admin.query("SELECT to_regclass('people_copy') AS t");
    expect(copies[0].t).toBeNull();
  });
});

describe("cancellation", () => {
  it("cancels a running query on the server when aborted", async () => {
    const controller = new AbortController();
    const started = Date.now();
    const read = readAll(postgresConnector.read(config, "SELECT pg_sleep(60) AS slept", { signal: controller.signal }));
    await waitFor(async () => (await sleepingQueries()) === 1);
    controller.abort(new Error("stopped by test"));
    await expect(read).rejects.toThrow(/cancelled/);
    expect(Date.now() - started).toBeLessThan(10_000);
    await waitFor(async () => (await sleepingQueries()) === 0);
  });

  it("stops a statement that outruns its timeout", async () => {
    await expect(readAll(postgresConnector.read(config, "SELECT pg_sleep(10)", { timeoutMs: 300 }))).rejects.toThrow(/statement timeout/);
  });
});

describe("through an SSH tunnel", () => {
  const oldPair = generateKeyPair("old");
  const newPair = generateKeyPair("new");
  const tunnelled = (extra: Partial<NonNullable<TPostgresConfig["sshTunnel"]>> = {}): TPostgresConfig => ({
    ...config,
    sshTunnel: { host: "127.0.0.1", port: sshd.port, user: sshd.user, privateKeys: [newPair.privateKey, oldPair.privateKey], ...extra },
  });

  it("generates OpenSSH Ed25519 key pairs", () => {
    expect(newPair.publicKey).toMatch(/^ssh-ed25519 AAAA[\w+/=]+ new$/);
    expect(newPair.privateKey).toMatch(/^-----BEGIN OPENSSH PRIVATE KEY-----/);
    expect(newPair.privateKey).not.toBe(oldPair.privateKey);
  });

  it("tests the connection through the tunnel, reports the host key and keeps the old key working", async () => {
    await sshd.setAuthorizedKeys([oldPair.publicKey]);
    const result = await postgresConnector.check(tunnelled());
    expect(result).toEqual({
      ok: true,
      sshHostKey: sshd.hostKey,
      sshTunnel: { hostKey: sshd.hostKey, fingerprint: sshd.hostKeyFingerprint, keyIndex: 1 },
    });
    // sshd itself opened the connection to the database: the driver only ever saw the local port.
    const forward = new RegExp(`direct_tcpip: originator 127\\.0\\.0\\.1 port \\d+, target 127\\.0\\.0\\.1 port ${config.port}\\b`);
    await waitFor(async () => forward.test(await sshd.log()));
  });

  it("uses the new key once it is authorised, and streams through the tunnel", async () => {
    await sshd.setAuthorizedKeys([oldPair.publicKey, newPair.publicKey]);
    let seen: SshTunnelInfo | undefined;
    const before = (await sshd.log()).match(/direct-tcpip/g)?.length ?? 0;
    const { rows } = await readAll(
      postgresConnector.read(tunnelled({ hostKey: sshd.hostKey }), "SELECT g FROM generate_series(1, 5000) g", { pageSize: 1000, onSshTunnel: (info) => (seen = info) }),
    );
    expect(rows).toHaveLength(5000);
    expect(seen).toEqual({ hostKey: sshd.hostKey, fingerprint: sshd.hostKeyFingerprint, keyIndex: 0 });
    expect((await sshd.log()).match(/direct-tcpip/g)?.length ?? 0).toBeGreaterThan(before);
  });

  it("accepts a pinned fingerprint and refuses a changed host key", async () => {
    expect(await postgresConnector.check(tunnelled({ hostKey: sshd.hostKeyFingerprint }))).toMatchObject({ ok: true });
    const other = generateKeyPair().publicKey;
    const result = await postgresConnector.check(tunnelled({ hostKey: other }));
    expect(result).toMatchObject({ ok: false, message: expect.stringMatching(/presented a different host key \(SHA256:.*refused to connect/), sshHostKey: sshd.hostKey });
    await expect(readAll(postgresConnector.read(tunnelled({ hostKey: other }), "SELECT 1"))).rejects.toThrow(/different host key/);
  });

  it("explains a key the SSH server does not accept", async () => {
    const stranger = generateKeyPair();
    const result = await postgresConnector.check(tunnelled({ privateKeys: [stranger.privateKey] }));
    expect(result).toMatchObject({ ok: false, message: expect.stringMatching(/refused the key for user/) });
  });

  it("explains a database the SSH server cannot reach", async () => {
    const closed = await freePort();
    const result = await postgresConnector.check({ ...tunnelled(), port: closed });
    expect(result).toMatchObject({ ok: false, message: expect.stringMatching(new RegExp(`could not connect to 127\\.0\\.0\\.1:${closed}`)) });
  });

  it("explains an unreachable SSH server", async () => {
    const result = await postgresConnector.check(tunnelled({ port: await freePort() }));
    expect(result).toMatchObject({ ok: false, message: expect.stringMatching(/SSH server .* connection was refused/) });
  });

  it("cancels a query through the tunnel", async () => {
    const controller = new AbortController();
    const read = readAll(postgresConnector.read(tunnelled(), "SELECT pg_sleep(60)", { signal: controller.signal }));
    await waitFor(async () => (await sleepingQueries()) === 1);
    controller.abort();
    await expect(read).rejects.toThrow(/cancelled/);
    await waitFor(async () => (await sleepingQueries()) === 0);
  });
});

async function sleepingQueries(): Promise<number> {
  const { rows } = await admin.query("SELECT count(*)::int AS n FROM pg_stat_activity WHERE state = 'active' AND query LIKE 'SELECT pg_sleep(60)%'");
  return rows[0].n as number;
}

async function waitFor(condition: () => Promise<boolean>, timeoutMs = 10_000) {
  for (const deadline = Date.now() + timeoutMs; Date.now() < deadline; await new Promise((r) => setTimeout(r, 50))) {
    if (await condition()) return;
  }
  throw new Error("condition not met in time");
}
