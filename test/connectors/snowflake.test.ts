// The Snowflake connector: the real snowflake-sdk against a fake of Snowflake's REST API on loopback
// (Snowflake cannot run here). The SDK is pointed at it with `accessUrl`.
import { generateKeyPairSync } from "node:crypto";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { snowflakeConnector } from "../../lib/connectors/snowflake/index";
import { ZSnowflakeConfigSchema, type TSnowflakeConfig } from "../../lib/connectors/snowflake/spec";
import { ConnectorError } from "../../lib/connectors/types";
import { substituteLastSyncTime } from "../../lib/engine/substitute-last-sync-time";
import { freePort } from "../support/postgres";
import { readAll, readObjects } from "../support/read-all";
import { startFakeSnowflake, type FakeSnowflake, type SnowflakeReply } from "../support/snowflake-server";

const userKey = generateKeyPairSync("rsa", { modulusLength: 2048 });
const otherKey = generateKeyPairSync("rsa", { modulusLength: 2048 });
const pem = (key: typeof userKey) => key.privateKey.export({ type: "pkcs8", format: "pem" }).toString();

// The role SHOW GRANTS describes: READER has USAGE and SELECT only; LOADER can write.
let grantsRole = "READER";

function respond(sql: string): SnowflakeReply {
  // Passes any statement guard; Snowflake reports it as an INSERT: the second gate must hold.
  if (/AS looks_harmless/.test(sql)) return { columns: [{ name: "number of rows inserted", type: "fixed", precision: 38, scale: 0 }], rows: [["1"]], statementTypeId: 0x3100 };
  if (sql === "SELECT CURRENT_ROLE() AS ROLE") return { columns: [{ name: "ROLE", type: "text" }], rows: [[grantsRole]] };
  if (/^SHOW GRANTS TO ROLE "(READER|LOADER)"$/.test(sql)) {
    const grant = (privilege: string, on: string, name: string) => [privilege, on, name];
    const rows = [grant("USAGE", "WAREHOUSE", "WH"), grant("USAGE", "DATABASE", "APP"), grant("SELECT", "TABLE", "APP.PUBLIC.USERS")];
    if (grantsRole === "LOADER") rows.push(grant("INSERT", "TABLE", "APP.PUBLIC.USERS"), grant("CREATE TABLE", "SCHEMA", "APP.PUBLIC"), grant("USAGE", "ROLE", "SYSADMIN"));
    return { columns: [{ name: "privilege", type: "text" }, { name: "granted_on", type: "text" }, { name: "name", type: "text" }], rows };
  }
  if (/CURRENT_WAREHOUSE/.test(sql)) return { columns: [{ name: "W", type: "text" }, { name: "D", type: "text" }], rows: [["WH", "APP"]] };
  if (/FROM big\b/.test(sql)) {
    const rows = Array.from({ length: 2500 }, (_, i) => [String(i + 1), `user${i + 1}@example.com`]);
    return { columns: [{ name: "ID", type: "fixed", precision: 38, scale: 0 }, { name: "EMAIL", type: "text" }], rows, chunkSize: 600 };
  }
  if (/FROM nothing\b/.test(sql)) return { columns: [{ name: "ID", type: "fixed", precision: 38, scale: 0 }], rows: [] };
  if (/FROM all_types\b/.test(sql)) {
    return {
      columns: [
        { name: "N", type: "fixed", precision: 38, scale: 0 }, { name: "BIG", type: "fixed", precision: 38, scale: 0 },
        { name: "AMOUNT", type: "fixed", precision: 12, scale: 2 }, { name: "R", type: "real" }, { name: "TXT", type: "text" },
        { name: "FLAG", type: "boolean" }, { name: "DAY", type: "date" }, { name: "T", type: "time", scale: 0 },
        { name: "NTZ", type: "timestamp_ntz", scale: 3 }, { name: "LTZ", type: "timestamp_ltz", scale: 3 }, { name: "TZ", type: "timestamp_tz", scale: 3 },
        { name: "V", type: "variant" }, { name: "O", type: "object" }, { name: "A", type: "array" }, { name: "B", type: "binary" }, { name: "NUL", type: "text" },
      ],
      rows: [[
        "42", "123456789012345678901", "1234.50", "1.5", "héllo", "1", "20397", "36672", "1762337472.345", "1762337472.345",
        "1762337472.345 1560", '{"a":[1,2,{"b":null}]}', '{"nested":{"ok":true}}', "[1,\"two\"]", "DEADBEEF", null,
      ]],
    };
  }
  const since = /DATE_PART\(epoch_second, last_updated\) >= (\d+) - 300/.exec(sql);
  if (since) return { columns: [{ name: "ID", type: "fixed", precision: 38, scale: 0 }], rows: Number(since[1]) === 0 ? [["1"], ["2"], ["3"]] : [["3"]] };
  if (/FROM missing\b/.test(sql)) return { error: { code: "002003", message: "SQL compilation error:\nObject 'MISSING' does not exist or not authorized.", sqlState: "42S02" } };
  if (/FROM slow\b/.test(sql)) return { hang: true };
  return { error: { code: "001003", message: `SQL compilation error: unexpected '${sql.slice(0, 20)}'.` } };
}

let fake: FakeSnowflake;
let config: TSnowflakeConfig;
let onRequest: ((what: string) => void) | undefined;

beforeAll(async () => {
  fake = await startFakeSnowflake({
    users: { READER: { password: "reader-pass" }, KEYED: { publicKeyPem: userKey.publicKey.export({ type: "spki", format: "pem" }).toString() } },
    respond,
    onRequest: (what) => onRequest?.(what),
  });
  config = ZSnowflakeConfigSchema.parse({ account: "acme-prod", warehouse: "WH", database: "APP", role: "READER", user: "READER", password: "reader-pass", accessUrl: fake.url });
});

afterAll(async () => {
  await fake?.stop();
});

beforeEach(() => {
  fake.queries.length = 0;
  fake.parameters.length = 0;
});

describe("config", () => {
  it("asks for the password or the private key, whichever auth is chosen", () => {
    const base = { account: "acme-prod.snowflakecomputing.com", warehouse: "WH", database: "APP", user: "U" };
    expect(ZSnowflakeConfigSchema.safeParse(base).error?.issues.map((issue) => issue.path)).toEqual([["password"]]);
    expect(ZSnowflakeConfigSchema.safeParse({ ...base, authMethod: "keyPair", privateKey: "nope" }).error?.issues.map((issue) => issue.path)).toEqual([["privateKey"]]);
    expect(ZSnowflakeConfigSchema.parse({ ...base, password: "p" }).account).toBe("acme-prod");
  });
});

describe("test connection", () => {
  it("succeeds with a password", async () => {
    expect(await snowflakeConnector.check(config)).toEqual({ ok: true });
  });

  it("succeeds with key-pair auth (the fake checks the JWT's signature)", async () => {
    const keyed = ZSnowflakeConfigSchema.parse({ ...config, user: "KEYED", authMethod: "keyPair", privateKey: pem(userKey) });
    expect(await snowflakeConnector.check(keyed)).toEqual({ ok: true });
  });

  it.each([
    ["a wrong password", () => ({ ...config, password: "nope" }), /Wrong user name or password for user "READER"/],
    ["a key pair Snowflake does not know", () => ({ ...config, user: "KEYED", authMethod: "keyPair" as const, privateKey: pem(otherKey) }), /did not accept the key pair for user "KEYED"/],
    ["an unreachable account", async () => ({ ...config, accessUrl: `http://127.0.0.1:${await freePort()}` }), /Could not reach Snowflake for account "acme-prod"/],
  ])("explains %s", async (_name, make, message) => {
    expect(await snowflakeConnector.check(await make())).toMatchObject({ ok: false, message: expect.stringMatching(message) });
  }, 30_000);
});

describe("privileges, as Save database asks", () => {
  it("reports nothing for a role with USAGE and SELECT only", async () => {
    expect(await snowflakeConnector.check(config, { privileges: true })).toEqual({ ok: true });
    expect(fake.queries).toContain('SHOW GRANTS TO ROLE "READER"');
  });

  it("reports INSERT, CREATE and an admin role, with the docs' read-only role to use instead", async () => {
    grantsRole = "LOADER";
    try {
      const result = await snowflakeConnector.check(config, { privileges: true });
      expect(result).toMatchObject({ ok: true, writeAccess: { found: ["INSERT on TABLE APP.PUBLIC.USERS", "CREATE TABLE on SCHEMA APP.PUBLIC", "role SYSADMIN"] } });
      expect(result.ok && result.writeAccess?.readOnlyGrants).toEqual(expect.arrayContaining(['GRANT USAGE ON WAREHOUSE "WH" TO ROLE tidewater_reverse_etl;', 'GRANT SELECT ON ALL TABLES IN DATABASE "APP" TO ROLE tidewater_reverse_etl;']));
    } finally {
      grantsRole = "READER";
    }
  });
});

describe("reading", () => {
  it("previews only maxRows rows", async () => {
    const { columns, rows } = await readAll(snowflakeConnector.read(config, "SELECT id, email FROM big", { maxRows: 5 }));
    expect(columns).toEqual(["ID", "EMAIL"]);
    expect(rows.map((row) => row[0])).toEqual([1, 2, 3, 4, 5]);
  });

  it("streams a result Snowflake splits into chunks", async () => {
    const before = fake.chunkRequests;
    const { rows, pageSizes } = await readAll(snowflakeConnector.read(config, "SELECT id, email FROM big", { pageSize: 1000 }));
    expect(rows).toHaveLength(2500);
    expect(pageSizes).toEqual([1000, 1000, 500]);
    expect(rows.at(-1)).toEqual([2500, "user2500@example.com"]);
    expect(fake.chunkRequests - before).toBe(4); // 600 rows inline, then 4 chunks of ≤ 600
  });

  it("sets a statement timeout before the query", async () => {
    await readAll(snowflakeConnector.read(config, "SELECT id FROM nothing", { timeoutMs: 90_000 }));
    expect(fake.queries.slice(0, 1)).toEqual(["ALTER SESSION SET STATEMENT_TIMEOUT_IN_SECONDS = 90 MULTI_STATEMENT_COUNT = 1"]);
  });

  it("names the columns of an empty result", async () => {
    expect(await readAll(snowflakeConnector.read(config, "SELECT id FROM nothing"))).toEqual({ columns: ["ID"], rows: [], pageSizes: [0] });
  });

  it("reads incrementally with {{last_sync_time}} inlined as an integer (DATE_PART, as the docs show)", async () => {
    const query = "SELECT id FROM users WHERE DATE_PART(epoch_second, last_updated) >= {{last_sync_time}} - 300";
    expect((await readAll(snowflakeConnector.read(config, substituteLastSyncTime(query, 0)))).rows).toEqual([[1], [2], [3]]);
    expect((await readAll(snowflakeConnector.read(config, substituteLastSyncTime(query, 1_790_000_000)))).rows).toEqual([[3]]);
    expect(fake.queries).toContain("SELECT id FROM users WHERE DATE_PART(epoch_second, last_updated) >= 1790000000 - 300");
  });

  it("normalises every common column type", async () => {
    const [row] = await readObjects(snowflakeConnector.read(config, "SELECT * FROM all_types"));
    expect(row).toEqual({
      N: 42, BIG: "123456789012345678901", AMOUNT: 1234.5, R: 1.5, TXT: "héllo", FLAG: true, DAY: "2025-11-05", T: "10:11:12",
      NTZ: "2025-11-05T10:11:12.345Z", LTZ: "2025-11-05T10:11:12.345Z", TZ: "2025-11-05T10:11:12.345Z",
      V: { a: [1, 2, { b: null }] }, O: { nested: { ok: true } }, A: [1, "two"], B: Buffer.from("deadbeef", "hex").toString("base64"), NUL: null,
    });
  });

  it("reports an error from the database", async () => {
    await expect(readAll(snowflakeConnector.read(config, "SELECT * FROM missing"))).rejects.toThrow(/Object 'MISSING' does not exist or not authorized/);
  });
});

describe("read-only", () => {
  it.each(["SELECT 1; DROP TABLE users", "DROP TABLE users", "DELETE FROM users", "COPY INTO @stage FROM users", "PUT file:///etc/passwd @stage"])(
    "refuses %s before it reaches Snowflake",
    async (sql) => {
      const read = readAll(snowflakeConnector.read(config, sql));
      await expect(read).rejects.toBeInstanceOf(ConnectorError);
      await expect(read).rejects.toThrow(/Only a single SELECT/);
      expect(fake.queries).toEqual([]);
    },
  );
});

describe("Snowflake as the second gate", () => {
  it("sets MULTI_STATEMENT_COUNT = 1 on the session and on the query, inside a transaction that is rolled back", async () => {
    await readAll(snowflakeConnector.read(config, "SELECT id FROM nothing", { timeoutMs: 90_000 }));
    expect(fake.queries).toEqual(["ALTER SESSION SET STATEMENT_TIMEOUT_IN_SECONDS = 90 MULTI_STATEMENT_COUNT = 1", "BEGIN TRANSACTION", "SELECT id FROM nothing", "ROLLBACK"]);
    expect(fake.parameters[2]).toMatchObject({ MULTI_STATEMENT_COUNT: 1 });
  });

  it("refuses a statement Snowflake ran as DML (statementTypeId 0x3100), and rolls its change back", async () => {
    const read = readAll(snowflakeConnector.read(config, "SELECT 1 AS looks_harmless"));
    await expect(read).rejects.toBeInstanceOf(ConnectorError);
    await expect(read).rejects.toThrow("Only a single SELECT can run: Snowflake ran this query as a statement that changes data; its change was rolled back.");
    expect(fake.queries.at(-1)).toBe("ROLLBACK");
  });

  it("the fake, like Snowflake, refuses two statements in a request that allows one", async () => {
    const { connectSnowflake, destroy } = await import("../../lib/connectors/snowflake/connect");
    const connection = await connectSnowflake(config);
    try {
      const run = (sqlText: string) =>
        new Promise((resolve, reject) => connection.execute({ sqlText, parameters: { MULTI_STATEMENT_COUNT: 1 }, complete: (error) => (error ? reject(error) : resolve(null)) }));
      await expect(run("SELECT id FROM nothing; SELECT id FROM nothing")).rejects.toThrow(/Actual statement count 2 did not match the desired statement count 1/);
    } finally {
      await destroy(connection);
    }
  });
});

describe("cancellation", () => {
  it("aborts the running query on Snowflake's side", async () => {
    const controller = new AbortController();
    const aborted = fake.aborted;
    const read = readAll(snowflakeConnector.read(config, "SELECT * FROM slow", { signal: controller.signal }));
    await waitFor(() => fake.running === 1);
    controller.abort();
    await expect(read).rejects.toThrow(/cancelled/);
    expect(fake.aborted).toBeGreaterThan(aborted);
    expect(fake.running).toBe(0);
  });

  // Each moment the SDK is busy elsewhere: logging in, setting the session, beginning the
  // transaction, and sending the query before it knows the query's id (an abort request by request
  // id that overtakes the query request is ignored, as Snowflake does).
  it.each(["login", "ALTER SESSION", "BEGIN TRANSACTION", "SELECT * FROM slow"])("an abort as Snowflake receives %s rejects the read and leaves nothing running", async (moment) => {
    const controller = new AbortController();
    const aborted = fake.aborted;
    onRequest = (what) => {
      if (what.startsWith(moment)) controller.abort();
    };
    try {
      const read = readAll(snowflakeConnector.read(config, "SELECT * FROM slow", { signal: controller.signal }));
      await expect(read).rejects.toThrow("The query was cancelled.");
      expect(fake.running).toBe(0);
      if (moment === "SELECT * FROM slow") expect(fake.aborted).toBeGreaterThan(aborted);
      else expect(fake.queries).not.toContain("SELECT * FROM slow");
    } finally {
      onRequest = undefined;
    }
  }, 20_000);
});

async function waitFor(condition: () => boolean, timeoutMs = 10_000) {
  for (const deadline = Date.now() + timeoutMs; Date.now() < deadline; await new Promise((r) => setTimeout(r, 25))) {
    if (condition()) return;
  }
  throw new Error("condition not met in time");
}
