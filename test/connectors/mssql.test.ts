// The SQL Server connector: the real mssql/tedious driver against a fake TDS server on loopback
// (SQL Server itself cannot run here), directly and through a real sshd tunnel.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { mssqlConnector } from "../../lib/connectors/mssql/index";
import { MSSQL_PRIVILEGES_QUERY } from "../../lib/connectors/mssql/privileges";
import { ZMssqlConfigSchema, type TMssqlConfig } from "../../lib/connectors/mssql/spec";
import { ConnectorError } from "../../lib/connectors/types";
import { generateKeyPair } from "../../lib/ssh/keys";
import { substituteLastSyncTime } from "../../lib/engine/substitute-last-sync-time";
import { freePort } from "../support/postgres";
import { readAll, readObjects } from "../support/read-all";
import { startSshd, type StartedSshd } from "../support/sshd";
import { startFakeTds, type FakeTds, type TdsColumn, type TdsReply } from "../support/tds-server";

const TYPES: TdsColumn[] = [
  { name: "whole", type: "int" }, { name: "big_safe", type: "bigint" }, { name: "big_unsafe", type: "bigint" },
  { name: "flag", type: "bit" }, { name: "ratio", type: "float" }, { name: "amount", type: "decimal", precision: 12, scale: 2 },
  { name: "txt", type: "nvarchar" }, { name: "bin", type: "varbinary" }, { name: "id", type: "uniqueidentifier" },
  { name: "day", type: "date" }, { name: "t", type: "time", scale: 3 }, { name: "ts", type: "datetime2", scale: 3 },
  { name: "tsz", type: "datetimeoffset", scale: 0 }, { name: "empty", type: "nvarchar" },
];

function* numbers(count: number) {
  for (let i = 1; i <= count; i++) yield [i, `user${i}@example.com`];
}

// What @@TRANCOUNT reports after the next query: 1 unless a query "committed" (the fake runs nothing).
let trancountAfterQuery = 1;

function respond(sql: string): TdsReply {
  if (sql === MSSQL_PRIVILEGES_QUERY) return { columns: [{ name: "found", type: "nvarchar" }], rows: [["INSERT"], ["member of db_datawriter"]] };
  if (/^SELECT @@TRANCOUNT AS trancount$/.test(sql)) return { columns: [{ name: "trancount", type: "int" }], rows: [[trancountAfterQuery]] };
  // Passes any statement guard; on the fake it "commits" Tidewater's transaction.
  if (/AS looks_harmless/.test(sql)) {
    trancountAfterQuery = 0;
    return { columns: [{ name: "looks_harmless", type: "int" }], rows: [[1]] };
  }
  if (/^SELECT 1 AS ok$/.test(sql)) return { columns: [{ name: "ok", type: "int" }], rows: [[1]] };
  if (/FROM big\b/.test(sql)) return { columns: [{ name: "id", type: "int" }, { name: "email", type: "nvarchar" }], rows: numbers(5000) };
  if (/FROM nothing\b/.test(sql)) return { columns: [{ name: "id", type: "int" }, { name: "email", type: "nvarchar" }], rows: [] };
  if (/FROM all_types\b/.test(sql)) {
    return {
      columns: TYPES,
      rows: [[
        42, 9007199254740991n, 9223372036854775807n, true, 0.25, "1234.50", "héllo", Buffer.from("deadbeef", "hex"),
        "6f1c1a56-4c52-4fd4-9a8e-3c3c0c0c0c0c", new Date("2026-11-05T00:00:00Z"), new Date("1970-01-01T10:11:12.345Z"),
        new Date("2026-11-05T10:11:12.345Z"), new Date("2026-11-05T08:11:12Z"), null,
      ]],
    };
  }
  if (/DATEDIFF\(s, '1970-01-01', last_updated\) >= (\d+)/.test(sql)) {
    const since = Number(/>= (\d+)/.exec(sql)![1]);
    return { columns: [{ name: "id", type: "int" }], rows: since === 0 ? [[1], [2], [3]] : [[3]] };
  }
  if (/FROM secret\b/.test(sql)) return { error: { number: 229, message: "The SELECT permission was denied on the object 'secret', database 'app', schema 'dbo'.", severity: 14 } };
  if (/FROM missing\b/.test(sql)) return { error: { number: 208, message: "Invalid object name 'missing'." } };
  if (/FROM slow\b/.test(sql)) return { hang: true };
  return { done: true }; // session settings, BEGIN TRANSACTION, ROLLBACK
}

let fake: FakeTds;
let strict: FakeTds;
let sshd: StartedSshd;
let config: TMssqlConfig;

beforeAll(async () => {
  const options = { logins: { tidewater: "tidewater-pass" }, databases: ["app", "master"], respond };
  [fake, strict, sshd] = await Promise.all([startFakeTds(options), startFakeTds({ ...options, requireEncryption: true }), startSshd()]);
  config = ZMssqlConfigSchema.parse({ host: "127.0.0.1", port: fake.port, database: "app", user: "tidewater", password: "tidewater-pass", ssl: false });
});

afterAll(async () => {
  await Promise.all([fake?.stop(), strict?.stop(), sshd?.stop()]);
});

beforeEach(() => {
  fake.batches.length = 0;
});

describe("config", () => {
  it("defaults to port 1433 with SSL on and the certificate verified", () => {
    expect(ZMssqlConfigSchema.parse({ host: "h", database: "d", user: "u" })).toMatchObject({ port: 1433, sslMode: "verify-full", caCertificate: "" });
  });
});

describe("test connection", () => {
  it("succeeds with the right settings", async () => {
    expect(await mssqlConnector.check(config)).toEqual({ ok: true });
  });

  it("reports what the user may change when Save database asks (fn_my_permissions, IS_ROLEMEMBER)", async () => {
    const result = await mssqlConnector.check(config, { privileges: true });
    expect(result).toMatchObject({ ok: true, writeAccess: { found: ["INSERT", "member of db_datawriter"] } });
    expect(result.ok && result.writeAccess?.readOnlyGrants).toContain("ALTER ROLE db_datareader ADD MEMBER tidewater_reader;");
  });

  it.each([
    ["a wrong password", () => ({ ...config, password: "nope" }), /Wrong user name or password for user "tidewater" \(Login failed for user 'tidewater'/],
    ["an unreachable host", async () => ({ ...config, port: await freePort() }), /connection was refused/],
    ["a missing database", () => ({ ...config, database: "nowhere" }), /Database "nowhere" does not exist/],
    ["a server that requires encryption", () => ({ ...config, port: strict.port }), /requires encryption: set SSL mode to verify-full \(or require\)/],
  ])("explains %s", async (_name, make, message) => {
    expect(await mssqlConnector.check(await make())).toMatchObject({ ok: false, message: expect.stringMatching(message) });
  });
});

describe("reading", () => {
  it("previews only maxRows rows", async () => {
    const { columns, rows } = await readAll(mssqlConnector.read(config, "SELECT id, email FROM big", { maxRows: 5 }));
    expect(columns).toEqual(["id", "email"]);
    expect(rows.map((row) => row[0])).toEqual([1, 2, 3, 4, 5]);
  });

  it("streams a multi-page result", async () => {
    const { rows, pageSizes } = await readAll(mssqlConnector.read(config, "SELECT id, email FROM big", { pageSize: 1000 }));
    expect(rows).toHaveLength(5000);
    expect(pageSizes).toEqual([1000, 1000, 1000, 1000, 1000]);
    expect(rows.at(-1)).toEqual([5000, "user5000@example.com"]);
  });

  it("runs the query inside a transaction that is rolled back", async () => {
    await readAll(mssqlConnector.read(config, "SELECT id FROM nothing"));
    const ours = fake.batches.filter((sql) => !/^set ansi_nulls/i.test(sql)); // the driver's session settings
    expect(ours).toEqual([
      "SET IMPLICIT_TRANSACTIONS OFF; SET XACT_ABORT ON; BEGIN TRANSACTION", "SELECT id FROM nothing", "SELECT @@TRANCOUNT AS trancount", "IF @@TRANCOUNT > 0 ROLLBACK TRANSACTION",
    ]);
  });

  it("refuses a query that ended Tidewater's transaction (a COMMIT the guard missed)", async () => {
    try {
      await expect(readAll(mssqlConnector.read(config, "SELECT 1 AS looks_harmless"))).rejects.toThrow(/Only a single SELECT can run: the query ended Tidewater's transaction/);
    } finally {
      trancountAfterQuery = 1;
    }
  });

  it("names the columns of an empty result", async () => {
    expect(await readAll(mssqlConnector.read(config, "SELECT id, email FROM nothing"))).toEqual({ columns: ["id", "email"], rows: [], pageSizes: [0] });
  });

  it("reads incrementally with {{last_sync_time}} inlined as an integer (DATEDIFF, as the docs show)", async () => {
    const query = "SELECT id FROM users WHERE DATEDIFF(s, '1970-01-01', last_updated) >= {{last_sync_time}}";
    expect((await readAll(mssqlConnector.read(config, substituteLastSyncTime(query, 0)))).rows).toEqual([[1], [2], [3]]);
    expect((await readAll(mssqlConnector.read(config, substituteLastSyncTime(query, 1_790_000_000)))).rows).toEqual([[3]]);
    expect(fake.batches).toContain("SELECT id FROM users WHERE DATEDIFF(s, '1970-01-01', last_updated) >= 1790000000");
  });

  it("normalises every common column type", async () => {
    const [row] = await readObjects(mssqlConnector.read(config, "SELECT * FROM all_types"));
    expect(row).toEqual({
      whole: 42, big_safe: 9007199254740991, big_unsafe: "9223372036854775807", flag: true, ratio: 0.25, amount: 1234.5,
      txt: "héllo", bin: Buffer.from("deadbeef", "hex").toString("base64"), id: "6F1C1A56-4C52-4FD4-9A8E-3C3C0C0C0C0C",
      day: "2026-11-05", t: "10:11:12.345", ts: "2026-11-05T10:11:12.345Z", tsz: "2026-11-05T08:11:12.000Z", empty: null,
    });
  });

  it("reports an error from the database", async () => {
    await expect(readAll(mssqlConnector.read(config, "SELECT * FROM missing"))).rejects.toThrow(/Invalid object name 'missing'/);
  });

  it("explains a permission error", async () => {
    await expect(readAll(mssqlConnector.read(config, "SELECT * FROM secret"))).rejects.toThrow(/Permission denied: The SELECT permission was denied/);
  });
});

describe("read-only", () => {
  it.each([
    "SELECT 1; DROP TABLE users",
    "SELECT 1 DROP TABLE users",
    "DELETE FROM users",
    "SELECT * INTO users_copy FROM users",
    "EXEC sp_who",
    "WAITFOR DELAY '00:01:00'",
  ])("refuses %s before it reaches the server", async (sql) => {
    const read = readAll(mssqlConnector.read(config, sql));
    await expect(read).rejects.toBeInstanceOf(ConnectorError);
    await expect(read).rejects.toThrow(/Only a single SELECT/);
    expect(fake.batches).toEqual([]);
  });
});

describe("cancellation", () => {
  it("sends the server an attention (cancel) when aborted", async () => {
    const controller = new AbortController();
    const attentions = fake.attentions;
    const read = readAll(mssqlConnector.read(config, "SELECT * FROM slow", { signal: controller.signal }));
    await waitFor(() => fake.running === 1);
    controller.abort();
    await expect(read).rejects.toThrow(/cancelled/);
    expect(fake.attentions).toBeGreaterThan(attentions);
    expect(fake.running).toBe(0);
  });

  it("stops a statement that outruns its time limit", async () => {
    await expect(readAll(mssqlConnector.read(config, "SELECT * FROM slow", { timeoutMs: 300 }))).rejects.toThrow(/time limit/);
    await waitFor(() => fake.running === 0);
  });
});

describe("through an SSH tunnel", () => {
  it("tests the connection and reads through the tunnel", async () => {
    const pair = generateKeyPair();
    await sshd.setAuthorizedKeys([pair.publicKey]);
    const tunnelled = { ...config, sshTunnel: { host: "127.0.0.1", port: sshd.port, user: sshd.user, privateKeys: [pair.privateKey], hostKey: sshd.hostKey } };
    expect(await mssqlConnector.check(tunnelled)).toMatchObject({ ok: true, sshHostKey: sshd.hostKey });
    expect((await readAll(mssqlConnector.read(tunnelled, "SELECT id, email FROM big", { maxRows: 3 }))).rows).toHaveLength(3);
    const forward = new RegExp(`direct_tcpip: originator .* target 127\\.0\\.0\\.1 port ${fake.port}\\b`);
    await waitFor(async () => forward.test(await sshd.log()));
  });
});

async function waitFor(condition: () => boolean | Promise<boolean>, timeoutMs = 10_000) {
  for (const deadline = Date.now() + timeoutMs; Date.now() < deadline; await new Promise((r) => setTimeout(r, 25))) {
    if (await condition()) return;
  }
  throw new Error("condition not met in time");
}
