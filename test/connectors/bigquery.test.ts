// The BigQuery connector: the real @google-cloud/bigquery client against a fake of BigQuery's REST
// API on loopback (BigQuery cannot run here), pointed at it with `apiEndpoint`. The fake checks the
// signature of every request's self-signed JWT against the service account's public key.
import { generateKeyPairSync } from "node:crypto";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { bigqueryConnector } from "../../lib/connectors/bigquery/index";
import { ZBigQueryConfigSchema, type TBigQueryConfig } from "../../lib/connectors/bigquery/spec";
import { ConnectorError } from "../../lib/connectors/types";
import { substituteLastSyncTime } from "../../lib/engine/substitute-last-sync-time";
import { startFakeBigQuery, statementTypeOf, type BigQueryReply, type FakeBigQuery } from "../support/bigquery-server";
import { freePort } from "../support/postgres";
import { readAll, readObjects } from "../support/read-all";

const EMAIL = "tidewater@acme-analytics.iam.gserviceaccount.com";
const accountKey = generateKeyPairSync("rsa", { modulusLength: 2048 });
const revokedKey = generateKeyPairSync("rsa", { modulusLength: 2048 });
const keyJson = (key: typeof accountKey, extra: Record<string, unknown> = {}) =>
  JSON.stringify({
    type: "service_account", project_id: "acme-analytics", private_key_id: "k1", client_email: EMAIL,
    private_key: key.privateKey.export({ type: "pkcs8", format: "pem" }).toString(), ...extra,
  });

const row = (...values: unknown[]) => ({ f: values.map((v) => ({ v })) });

function respond(query: string): BigQueryReply {
  // Passes any statement guard, but BigQuery's dry run reads it as a script: the second gate must hold.
  if (/AS looks_harmless/.test(query)) return { fields: [{ name: "looks_harmless", type: "INTEGER" }], rows: [row("1")], dryRun: { statementType: "SCRIPT" } };
  if (query === "SELECT 1 AS ok") return { fields: [{ name: "ok", type: "INTEGER" }], rows: [row("1")] };
  if (/FROM `acme-analytics.app.big`/.test(query)) {
    return { dryRun: { totalBytesProcessed: "1288490189" }, fields: [{ name: "id", type: "INTEGER" }, { name: "email", type: "STRING" }], rows: Array.from({ length: 2500 }, (_, i) => row(String(i + 1), `user${i + 1}@example.com`)) };
  }
  if (/FROM nothing/.test(query)) return { fields: [{ name: "id", type: "INTEGER" }], rows: [] };
  if (/FROM all_types/.test(query)) {
    return {
      fields: [
        { name: "n", type: "INTEGER" }, { name: "big", type: "INTEGER" }, { name: "amount", type: "NUMERIC" }, { name: "huge", type: "BIGNUMERIC" },
        { name: "ratio", type: "FLOAT" }, { name: "flag", type: "BOOLEAN" }, { name: "txt", type: "STRING" }, { name: "bin", type: "BYTES" },
        { name: "ts", type: "TIMESTAMP" }, { name: "day", type: "DATE" }, { name: "dt", type: "DATETIME" }, { name: "t", type: "TIME" },
        { name: "js", type: "JSON" }, { name: "geo", type: "GEOGRAPHY" },
        { name: "s", type: "RECORD", fields: [{ name: "a", type: "INTEGER" }, { name: "tags", type: "STRING", mode: "REPEATED" }] },
        { name: "arr", type: "INTEGER", mode: "REPEATED" }, { name: "structs", type: "RECORD", mode: "REPEATED", fields: [{ name: "x", type: "FLOAT" }] },
        { name: "nul", type: "STRING" },
      ],
      rows: [row(
        "42", "9223372036854775807", "1234.5", "12345678901234567890.123456789", "0.25", "true", "héllo", Buffer.from("deadbeef", "hex").toString("base64"),
        "1762337472345678", "2025-11-05", "2025-11-05T10:11:12.345", "10:11:12", '{"a":[1,2,{"b":null}]}', "POINT(1 2)",
        { f: [{ v: "7" }, { v: [{ v: "x" }, { v: "y" }] }] }, [{ v: "1" }, { v: "2" }], [{ v: { f: [{ v: "1.5" }] } }], null,
      )],
    };
  }
  const since = /UNIX_SECONDS\(last_updated\) >= (\d+) - 300/.exec(query);
  if (since) return { fields: [{ name: "id", type: "INTEGER" }], rows: Number(since[1]) === 0 ? [row("1"), row("2"), row("3")] : [row("3")] };
  if (/FROM secret/.test(query)) return { error: { code: 403, reason: "accessDenied", message: "Access Denied: Table acme-analytics:app.secret: User does not have permission to query table." } };
  if (/FROM missing/.test(query)) return { error: { code: 404, reason: "notFound", message: "Not found: Table acme-analytics:app.missing was not found in location US" } };
  if (/FROM slow/.test(query)) return { hang: true };
  return { error: { code: 400, reason: "invalidQuery", message: `Syntax error: ${query.slice(0, 20)}` } };
}

let fake: FakeBigQuery;
let config: TBigQueryConfig;

beforeAll(async () => {
  fake = await startFakeBigQuery({ projects: ["acme-analytics"], serviceAccounts: { [EMAIL]: accountKey.publicKey.export({ type: "spki", format: "pem" }).toString() }, respond });
  config = ZBigQueryConfigSchema.parse({ projectId: "acme-analytics", location: "US", credentialsJson: keyJson(accountKey), apiEndpoint: fake.url });
});

afterAll(async () => {
  await fake?.stop();
});

beforeEach(() => {
  fake.queries.length = 0;
  fake.dryRuns.length = 0;
  fake.pageRequests.length = 0;
});

describe("config", () => {
  it("validates the pasted key as JSON with client_email and private_key", () => {
    const issues = (credentialsJson: string) => ZBigQueryConfigSchema.safeParse({ projectId: "p", credentialsJson }).error?.issues.map((issue) => issue.message);
    expect(issues("not json")).toEqual(["Paste the whole service account key file: it must be JSON."]);
    expect(issues('{"private_key": "-----BEGIN PRIVATE KEY-----"}')).toEqual([expect.stringMatching(/no client_email/)]);
    expect(issues(`{"client_email": "${EMAIL}"}`)).toEqual([expect.stringMatching(/no private_key/)]);
    expect(issues(keyJson(accountKey))).toBeUndefined();
  });

  it("takes the project from the key when none is entered", () => {
    expect(ZBigQueryConfigSchema.safeParse({ credentialsJson: keyJson(accountKey) }).success).toBe(true);
    expect(ZBigQueryConfigSchema.safeParse({ credentialsJson: keyJson(accountKey, { project_id: undefined }) }).error?.issues[0].path).toEqual(["projectId"]);
  });
});

describe("test connection", () => {
  it("succeeds with a valid key", async () => {
    expect(await bigqueryConnector.check(config)).toEqual({ ok: true });
    expect(fake.queries).toEqual([{ query: "SELECT 1 AS ok", location: "US", jobTimeoutMs: "30000" }]);
  });

  it.each([
    ["a key Google does not accept", () => ({ ...config, credentialsJson: keyJson(revokedKey) }), /Google did not accept the service account key/],
    ["a project the account cannot see", () => ({ ...config, projectId: "someone-else" }), /Project "someone-else" was not found/],
    ["an unreachable endpoint", async () => ({ ...config, apiEndpoint: `http://127.0.0.1:${await freePort()}` }), /Could not reach BigQuery/],
  ])("explains %s", async (_name, make, message) => {
    expect(await bigqueryConnector.check(await make())).toMatchObject({ ok: false, message: expect.stringMatching(message) });
  }, 30_000);
});

describe("reading", () => {
  it("previews only maxRows rows, asking BigQuery for no more", async () => {
    const { columns, rows } = await readAll(bigqueryConnector.read(config, "SELECT id, email FROM `acme-analytics.app.big`", { maxRows: 5 }));
    expect(columns).toEqual(["id", "email"]);
    expect(rows.map((r) => r[0])).toEqual([1, 2, 3, 4, 5]);
    expect(fake.pageRequests).toEqual([{ maxResults: "5" }]);
  });

  it("pages through a large result with maxResults and page tokens", async () => {
    const { rows, pageSizes } = await readAll(bigqueryConnector.read(config, "SELECT id, email FROM `acme-analytics.app.big`", { pageSize: 1000 }));
    expect(rows).toHaveLength(2500);
    expect(pageSizes).toEqual([1000, 1000, 500]);
    expect(fake.pageRequests).toEqual([{ maxResults: "1000" }, { maxResults: "1000", pageToken: "1000" }, { maxResults: "1000", pageToken: "2000" }]);
  });

  it("names the columns of an empty result", async () => {
    expect(await readAll(bigqueryConnector.read(config, "SELECT id FROM nothing"))).toEqual({ columns: ["id"], rows: [], pageSizes: [0] });
  });

  it("reads incrementally with {{last_sync_time}} inlined as an integer (UNIX_SECONDS, as the docs show)", async () => {
    const query = "SELECT id FROM app.users WHERE UNIX_SECONDS(last_updated) >= {{last_sync_time}} - 300";
    expect((await readAll(bigqueryConnector.read(config, substituteLastSyncTime(query, 0)))).rows).toEqual([[1], [2], [3]]);
    expect((await readAll(bigqueryConnector.read(config, substituteLastSyncTime(query, 1_790_000_000)))).rows).toEqual([[3]]);
    expect(fake.queries.map((q) => q.query)).toContain("SELECT id FROM app.users WHERE UNIX_SECONDS(last_updated) >= 1790000000 - 300");
  });

  it("normalises every common column type, STRUCT and ARRAY included", async () => {
    const [values] = await readObjects(bigqueryConnector.read(config, "SELECT * FROM all_types"));
    expect(values).toEqual({
      n: 42, big: "9223372036854775807", amount: 1234.5, huge: "12345678901234567890.123456789", ratio: 0.25, flag: true, txt: "héllo",
      bin: Buffer.from("deadbeef", "hex").toString("base64"), ts: "2025-11-05T10:11:12.345Z", day: "2025-11-05", dt: "2025-11-05T10:11:12.345Z",
      t: "10:11:12", js: { a: [1, 2, { b: null }] }, geo: "POINT(1 2)", s: { a: 7, tags: ["x", "y"] }, arr: [1, 2], structs: [{ x: 1.5 }], nul: null,
    });
  });

  it("reports an error from the database", async () => {
    await expect(readAll(bigqueryConnector.read(config, "SELECT * FROM missing"))).rejects.toThrow(/Not found: Table acme-analytics:app.missing/);
  });

  it("explains a permission error", async () => {
    await expect(readAll(bigqueryConnector.read(config, "SELECT * FROM secret"))).rejects.toThrow(/Permission denied: give the service account the BigQuery User/);
  });
});

describe("read-only", () => {
  it.each(["SELECT 1; DROP TABLE app.users", "DROP TABLE app.users", "DELETE FROM app.users WHERE true", "INSERT INTO app.users (id) VALUES (1)", "CREATE TABLE app.x AS SELECT 1"])(
    "refuses %s before it reaches BigQuery",
    async (sql) => {
      const read = readAll(bigqueryConnector.read(config, sql));
      await expect(read).rejects.toBeInstanceOf(ConnectorError);
      await expect(read).rejects.toThrow(/Only a single SELECT/);
      expect(fake.queries).toEqual([]);
    },
  );
});

describe("BigQuery as the second gate: a dry run first, only a SELECT runs", () => {
  it("refuses a query BigQuery reads as a script, whatever the guard made of it; nothing runs", async () => {
    const read = readAll(bigqueryConnector.read(config, "SELECT 1 AS looks_harmless"));
    await expect(read).rejects.toBeInstanceOf(ConnectorError);
    await expect(read).rejects.toThrow("Only a single SELECT can run: BigQuery reads this query as a SCRIPT statement.");
    expect(fake.dryRuns).toEqual(["SELECT 1 AS looks_harmless"]);
    expect(fake.queries).toEqual([]);
  });

  it("refuses the issue's triple-quote script (guard or dry run), and no job runs", async () => {
    const read = readAll(bigqueryConnector.read(config, "SELECT '''a'b''' AS userId; CREATE TABLE ds.t AS SELECT 1 x --'"));
    await expect(read).rejects.toBeInstanceOf(ConnectorError);
    expect(fake.queries).toEqual([]);
  });

  it("runs a SELECT after its dry run and reports the bytes it will process", async () => {
    const bytes: number[] = [];
    const { rows } = await readAll(bigqueryConnector.read(config, "SELECT id, email FROM `acme-analytics.app.big`", { maxRows: 3, onBytesProcessed: (n) => bytes.push(n) }));
    expect(rows).toHaveLength(3);
    expect(bytes).toEqual([1288490189]);
    expect(fake.dryRuns).toEqual(["SELECT id, email FROM `acme-analytics.app.big`"]);
    expect(fake.queries.map((q) => q.query)).toEqual(["SELECT id, email FROM `acme-analytics.app.big`"]);
  });

  it.each([
    ["INSERT INTO app.users (id) VALUES (1)", "INSERT"],
    ["CREATE TABLE app.x AS SELECT 1", "CREATE_TABLE_AS_SELECT"],
    ["SELECT 1; SELECT 2", "SCRIPT"],
    ["WITH a AS (SELECT 1) SELECT * FROM a", "SELECT"],
  ])("the fake derives %s's statementType as BigQuery does: %s", (query, type) => {
    expect(statementTypeOf(query)).toBe(type);
  });
});

describe("cancellation", () => {
  it("cancels the job when aborted", async () => {
    const controller = new AbortController();
    const cancelled = fake.cancelled;
    const read = readAll(bigqueryConnector.read(config, "SELECT * FROM slow", { signal: controller.signal }));
    await waitFor(() => fake.running === 1 && fake.pageRequests.length > 0);
    controller.abort();
    await expect(read).rejects.toThrow(/cancelled/);
    expect(fake.cancelled).toBe(cancelled + 1);
    expect(fake.running).toBe(0);
  });
});

async function waitFor(condition: () => boolean, timeoutMs = 10_000) {
  for (const deadline = Date.now() + timeoutMs; Date.now() < deadline; await new Promise((r) => setTimeout(r, 25))) {
    if (condition()) return;
  }
  throw new Error("condition not met in time");
}
