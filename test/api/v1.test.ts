// The public REST API end to end, driven only over HTTP: the production build served on a fresh data
// dir, a real PostgreSQL as the source and a real local HTTP receiver as the destination.
import { execFile } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import { Validator } from "@seriousme/openapi-schema-validator";
import { parse as parseCsv } from "csv-parse/sync";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import * as R from "../../lib/openapi/responses";
import { startPostgres, type StartedServer } from "../support/postgres";
import { startReceiver, type Receiver } from "../support/receiver";
import { startAppServer, type AppServer } from "./support/app-server";
import { createMember } from "./support/session-cookie";

const SCRIPT = path.resolve(import.meta.dirname, "../../scripts/automate-example.sh");
const WRONG_PASSWORD = "not-the-password-5150";
const WRITE_KEY = "wk_api_test_7781";

let app: AppServer;
let postgres: StartedServer;
let receiver: Receiver;
let memberToken: string;
/** Every response body the suite saw, to check that no stored secret ever comes back. */
const bodies: string[] = [];

type Reply = { status: number; body: any; text: string; headers: Headers };

async function call(method: string, route: string, options: { body?: unknown; token?: string | null } = {}): Promise<Reply> {
  const token = options.token === undefined ? app.token : options.token;
  const response = await fetch(`${app.url}/api/v1${route}`, {
    method,
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(options.body !== undefined ? { "content-type": "application/json" } : {}) },
    body: options.body === undefined ? undefined : typeof options.body === "string" ? options.body : JSON.stringify(options.body),
  });
  const text = await response.text();
  bodies.push(text);
  let body: unknown = undefined;
  if (response.headers.get("content-type")?.includes("json")) body = JSON.parse(text);
  return { status: response.status, body, text, headers: response.headers };
}

const shaped = <T extends z.ZodType>(schema: T, body: unknown): z.infer<T> => schema.parse(body);

function expectError(reply: Reply, status: number, code: string) {
  expect(reply.status, reply.text).toBe(status);
  expect(shaped(R.ZErrorResponseSchema, reply.body).error.code).toBe(code);
}

async function waitForRun(id: string) {
  for (let attempt = 0; attempt < 240; attempt++) {
    const { body } = await call("GET", `/runs/${id}`);
    if (body.status !== "running") return shaped(R.ZRunResponseSchema, body);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`run ${id} still running`);
}

/** A member of the same install with an API token, made with the app's own services. */
async function createMemberToken(dataDir: string): Promise<string> {
  const member = await createMember(dataDir, "member@example.com", "member-password-1");
  const { db } = await import("../../lib/db");
  const { createApiToken } = await import("../../lib/auth/api-tokens");
  const { token } = await createApiToken(member.id, "member script");
  await db().$disconnect();
  return token;
}

beforeAll(async () => {
  [app, postgres, receiver] = await Promise.all([startAppServer(), startPostgres(), startReceiver()]);
  const client = new pg.Client({ connectionString: postgres.url });
  await client.connect();
  await client.query(`
    CREATE TABLE users (id text, email text, plan text, updated_at timestamptz NOT NULL DEFAULT now() - interval '1 hour');
    INSERT INTO users (id, email, plan) VALUES ('u1', 'ada@example.com', 'pro'), ('u2', 'grace@example.com', 'free'),
      (NULL, 'nobody@example.com', 'free'), ('u4', 'linus@example.com', 'pro');
  `);
  await client.end();
  memberToken = await createMemberToken(app.dataDir);
}, 600_000);

afterAll(async () => {
  await Promise.all([app?.stop(), postgres?.stop(), receiver?.stop()]);
});

const pgConfig = (password: string) => {
  const url = new URL(postgres.url);
  return { host: url.hostname, port: Number(url.port), database: url.pathname.slice(1), user: url.username, password, ssl: false };
};
const storedPassword = () => new URL(postgres.url).password;

const ids = { source: "", database: "", destination: "", sync: "", slowSync: "", run: "" };
const USERS_QUERY = `SELECT id AS "userId", email, plan FROM users WHERE updated_at > to_timestamp({{last_sync_time}}) ORDER BY email`;

describe("authentication", () => {
  it("answers 401 JSON without a token, with an unknown one, or with another scheme", async () => {
    expectError(await call("GET", "/sources", { token: null }), 401, "unauthorized");
    expectError(await call("GET", "/sources", { token: "tw_not_a_token_at_all" }), 401, "unauthorized");
    const basic = await fetch(`${app.url}/api/v1/sources`, { headers: { authorization: `Basic ${btoa("a:b")}` } });
    expect(basic.status).toBe(401);
    expect(basic.headers.get("www-authenticate")).toMatch(/^Bearer/);
  });

  it("lets a member read but not manage sources (403)", async () => {
    expect((await call("GET", "/sources", { token: memberToken })).status).toBe(200);
    expectError(await call("POST", "/sources", { token: memberToken, body: { name: "Nope", kind: "postgres" } }), 403, "forbidden");
  });
});

describe("POST /api/v1/sources", () => {
  it("refuses an unknown kind with field errors (422)", async () => {
    const reply = await call("POST", "/sources", { body: { name: "", kind: "oracle" } });
    expectError(reply, 422, "invalid_input");
    expect(Object.keys(reply.body.error.fields).sort()).toEqual(["kind", "name"]);
  });

  it("refuses a body that is not JSON (422)", async () => {
    expectError(await call("POST", "/sources", { body: "{not json" }), 422, "invalid_input");
  });

  it("creates a source (201)", async () => {
    const reply = await call("POST", "/sources", { body: { name: "Warehouse", kind: "postgres" } });
    expect(reply.status).toBe(201);
    const source = shaped(R.ZSourceResponseSchema, reply.body);
    expect(source).toMatchObject({ name: "Warehouse", kind: "postgres" });
    ids.source = source.id;
  });
});

describe("POST /api/v1/sources/{id}/databases", () => {
  it("tests the connection first: a wrong password is a 422 with the driver's message, and nothing is stored", async () => {
    const reply = await call("POST", `/sources/${ids.source}/databases`, { body: { name: "app", config: pgConfig(WRONG_PASSWORD) } });
    expectError(reply, 422, "connection_failed");
    expect(reply.body.error.detail).toMatch(/password authentication failed/);
    expect((await call("GET", `/sources/${ids.source}`)).body.databases).toEqual([]);
  });

  it("names the missing settings (422)", async () => {
    const reply = await call("POST", `/sources/${ids.source}/databases`, { body: { name: "app", config: { port: 5432 } } });
    expectError(reply, 422, "invalid_input");
    expect(reply.body.error.fields).toHaveProperty(["config.host"]);
  });

  it("is for admins (403) and for sources that exist (404)", async () => {
    expectError(await call("POST", `/sources/${ids.source}/databases`, { token: memberToken, body: { name: "x", config: {} } }), 403, "forbidden");
    expectError(await call("POST", "/sources/nope/databases", { body: { name: "app", config: pgConfig(storedPassword()) } }), 404, "not_found");
  });

  it("saves a database that connects (201) and never returns its password", async () => {
    const reply = await call("POST", `/sources/${ids.source}/databases`, { body: { name: "app", config: pgConfig(storedPassword()) } });
    expect(reply.status, reply.text).toBe(201);
    ids.database = shaped(R.ZDatabaseResponseSchema, reply.body).id;
  });
});

describe("GET /api/v1/sources/{id}", () => {
  it("shows the source with its databases, secrets only as set", async () => {
    const source = shaped(R.ZSourceDetailResponseSchema, (await call("GET", `/sources/${ids.source}`)).body);
    expect(source.databases).toHaveLength(1);
    expect(source.databases[0]).toMatchObject({ id: ids.database, secretsSet: ["password"] });
    expect(source.databases[0].config).not.toHaveProperty("password");
  });

  it("answers 404 for an unknown id", async () => {
    expectError(await call("GET", "/sources/nope"), 404, "not_found");
  });
});

describe("GET /api/v1/sources", () => {
  it("lists the seeded demo source and the new one", async () => {
    const { sources } = shaped(R.ZSourceListResponseSchema, (await call("GET", "/sources")).body);
    expect(sources.map((source) => source.kind).sort()).toEqual(["demo", "postgres"]);
  });
});

describe("POST /api/v1/destinations", () => {
  it("refuses a config without its URL (422, per field)", async () => {
    const reply = await call("POST", "/destinations", { body: { name: "Receiver", kind: "http-batch", config: { writeKey: WRITE_KEY } } });
    expectError(reply, 422, "invalid_input");
    expect(reply.body.error.fields).toHaveProperty(["config.url"]);
  });

  it("is for admins (403)", async () => {
    const body = { name: "Receiver", kind: "http-batch", config: { url: receiver.url, writeKey: WRITE_KEY } };
    expectError(await call("POST", "/destinations", { token: memberToken, body }), 403, "forbidden");
  });

  it("creates an HTTP batch destination (201)", async () => {
    const reply = await call("POST", "/destinations", { body: { name: "Receiver", kind: "http-batch", config: { url: receiver.url, writeKey: WRITE_KEY } } });
    expect(reply.status, reply.text).toBe(201);
    ids.destination = shaped(R.ZDestinationResponseSchema, reply.body).id;
  });

  it("lists it without the write key", async () => {
    const list = shaped(R.ZDestinationListResponseSchema, (await call("GET", "/destinations", { token: memberToken })).body).destinations;
    expect(list.find((destination) => destination.id === ids.destination)).toMatchObject({ secretsSet: ["writeKey"], config: { url: receiver.url } });
  });
});

describe("POST /api/v1/queries/preview", () => {
  it("shows the rows and the calls they would become, and the rows that would fail", async () => {
    const reply = await call("POST", "/queries/preview", { token: memberToken, body: { databaseId: ids.database, type: "identify", query: USERS_QUERY } });
    expect(reply.status, reply.text).toBe(200);
    const preview = shaped(R.ZPreviewResponseSchema, reply.body);
    expect(preview.columns).toEqual(["userId", "email", "plan"]);
    expect(preview.rows).toHaveLength(4);
    expect(preview.calls.map(({ call }) => call.userId)).toEqual(["u1", "u2", "u4"]);
    expect(preview.calls[0].call).toMatchObject({ type: "identify", traits: { email: "ada@example.com", plan: "pro" } });
    expect(preview.errors).toEqual([{ row: 4, reason: expect.stringMatching(/userId/) }]);
    expect(receiver.requests).toHaveLength(0);
  });

  it("stops at the limit", async () => {
    const reply = await call("POST", "/queries/preview", { body: { databaseId: ids.database, type: "identify", query: USERS_QUERY, limit: 2 } });
    expect(reply.body.rows).toHaveLength(2);
  });

  it("answers a database error with 422 and the database's message", async () => {
    const reply = await call("POST", "/queries/preview", { body: { databaseId: ids.database, type: "identify", query: "SELECT * FROM no_such_table" } });
    expectError(reply, 422, "query_failed");
    expect(reply.body.error.message).toMatch(/no_such_table/);
  });
});

describe("POST /api/v1/syncs", () => {
  it("refuses invalid input with field errors (422)", async () => {
    const reply = await call("POST", "/syncs", {
      token: memberToken,
      body: { sourceId: ids.source, databaseId: ids.database, name: "", type: "shout", query: "", frequencyMinutes: 0, destinationIds: [] },
    });
    expectError(reply, 422, "invalid_input");
    expect(Object.keys(reply.body.error.fields).sort()).toEqual(["destinationIds", "frequencyMinutes", "name", "query", "type"]);
  });

  it("refuses a destination that does not exist (422)", async () => {
    const reply = await call("POST", "/syncs", {
      body: { sourceId: ids.source, databaseId: ids.database, name: "Users", type: "identify", query: USERS_QUERY, frequencyMinutes: 60, destinationIds: ["nope"] },
    });
    expectError(reply, 422, "invalid_input");
    expect(reply.body.error.fields).toHaveProperty("destinationIds");
  });

  it("lets a member create a sync (201)", async () => {
    const reply = await call("POST", "/syncs", {
      token: memberToken,
      body: {
        sourceId: ids.source,
        databaseId: ids.database,
        name: "Users",
        description: "People and their plan",
        type: "identify",
        query: USERS_QUERY,
        frequencyMinutes: 60,
        startAt: "2030-01-01T00:00:00Z",
        destinationIds: [ids.destination],
      },
    });
    expect(reply.status, reply.text).toBe(201);
    const sync = shaped(R.ZSyncResponseSchema, reply.body);
    expect(sync).toMatchObject({ name: "Users", enabled: true, lastSyncTime: 0, startAt: "2030-01-01T00:00:00.000Z", destinationIds: [ids.destination] });
    ids.sync = sync.id;
  });
});

describe("GET /api/v1/syncs/{id}", () => {
  it("reads the sync", async () => {
    const sync = shaped(R.ZSyncResponseSchema, (await call("GET", `/syncs/${ids.sync}`, { token: memberToken })).body);
    expect(sync).toMatchObject({ id: ids.sync, query: USERS_QUERY, frequencyMinutes: 60 });
  });

  it("answers 404 for an unknown id", async () => {
    expectError(await call("GET", "/syncs/nope"), 404, "not_found");
  });
});

describe("POST /api/v1/syncs/{id}/runs", () => {
  it("starts a run (202) that sends every good row to the destination", async () => {
    const reply = await call("POST", `/syncs/${ids.sync}/runs`, { token: memberToken });
    expect(reply.status, reply.text).toBe(202);
    const started = shaped(R.ZRunStartedResponseSchema, reply.body);
    expect(started.status).toBe("running");
    ids.run = started.id;

    const run = await waitForRun(ids.run);
    expect(run).toMatchObject({ syncId: ids.sync, status: "succeeded", lastSyncTime: 0, rowsRead: 4, rowsSucceeded: 3, rowsFailed: 1 });
    expect(run.finishedAt).not.toBeNull();

    expect(receiver.requests.map((request) => `${request.method} ${request.path}`)).toEqual(["POST /v1/batch"]);
    const [request] = receiver.requests;
    expect(request.headers.authorization).toBe(`Basic ${Buffer.from(`${WRITE_KEY}:`).toString("base64")}`);
    const payload = request.json as { batch: Record<string, unknown>[]; sentAt: string };
    expect(payload.sentAt).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect(payload.batch.map((message) => message.userId)).toEqual(["u1", "u2", "u4"]);
    expect(payload.batch[0]).toMatchObject({ type: "identify", traits: { email: "ada@example.com", plan: "pro" }, messageId: expect.any(String) });
  });

  it("refuses a second run while one is going (409)", async () => {
    const reply = await call("POST", "/syncs", {
      body: {
        sourceId: ids.source,
        databaseId: ids.database,
        name: "Slow users",
        type: "identify",
        query: `WITH pause AS (SELECT pg_sleep(2)) SELECT u.id AS "userId" FROM users u, pause WHERE u.id IS NOT NULL`,
        frequencyMinutes: 60,
        destinationIds: [ids.destination],
      },
    });
    ids.slowSync = reply.body.id;
    const first = await call("POST", `/syncs/${ids.slowSync}/runs`);
    expect(first.status).toBe(202);
    expectError(await call("POST", `/syncs/${ids.slowSync}/runs`, { token: memberToken }), 409, "conflict");
    expect((await waitForRun(first.body.id)).status).toBe("succeeded");
  });

  it("answers 404 for an unknown sync", async () => {
    expectError(await call("POST", "/syncs/nope/runs"), 404, "not_found");
  });
});

describe("GET /api/v1/runs/{id}", () => {
  it("puts the start of the last successful run in place of {{last_sync_time}} next time", async () => {
    const first = await waitForRun(ids.run);
    receiver.reset();
    const second = await waitForRun((await call("POST", `/syncs/${ids.sync}/runs`)).body.id);
    expect(second.lastSyncTime).toBe(Math.floor(Date.parse(first.startedAt) / 1000));
    expect(second).toMatchObject({ status: "succeeded", rowsRead: 0 });
    expect(receiver.requests).toHaveLength(0);
  });

  it("answers 404 for an unknown run", async () => {
    expectError(await call("GET", "/runs/nope"), 404, "not_found");
  });
});

describe("GET /api/v1/syncs/{id}/runs", () => {
  it("lists the runs newest first", async () => {
    const { runs } = shaped(R.ZRunPageResponseSchema, (await call("GET", `/syncs/${ids.sync}/runs`, { token: memberToken })).body);
    expect(runs).toHaveLength(2);
    expect(runs[1].id).toBe(ids.run);
    expect(Date.parse(runs[0].startedAt)).toBeGreaterThanOrEqual(Date.parse(runs[1].startedAt));
  });

  it("answers 404 for an unknown sync", async () => {
    expectError(await call("GET", "/syncs/nope/runs"), 404, "not_found");
  });
});

describe("GET /api/v1/runs/{id}/errors.csv", () => {
  it("streams the run's error rows as CSV", async () => {
    const reply = await call("GET", `/runs/${ids.run}/errors.csv`, { token: memberToken });
    expect(reply.status).toBe(200);
    expect(reply.headers.get("content-type")).toMatch(/^text\/csv/);
    const rows = parseCsv(reply.text) as string[][];
    expect(rows[0]).toEqual(["row", "reason", "userId", "email", "plan"]);
    expect(rows.slice(1)).toEqual([["4", expect.stringMatching(/userId/), "", "nobody@example.com", "free"]]);
  });

  it("answers 404 JSON for an unknown run", async () => {
    expectError(await call("GET", "/runs/nope/errors.csv"), 404, "not_found");
  });
});

describe("GET /api/v1/runs/{id}/calls", () => {
  it("pages through the calls the run delivered with ?cursor=", async () => {
    const first = shaped(R.ZRunCallsResponseSchema, (await call("GET", `/runs/${ids.run}/calls?limit=2`)).body);
    expect(first.calls).toHaveLength(2);
    expect(first.nextCursor).not.toBeNull();
    const second = shaped(R.ZRunCallsResponseSchema, (await call("GET", `/runs/${ids.run}/calls?limit=2&cursor=${first.nextCursor}`)).body);
    expect(second.calls).toHaveLength(1);
    expect(second.nextCursor).toBeNull();
    const userIds = [...first.calls, ...second.calls].map((delivered) => delivered.payload.userId).sort();
    expect(userIds).toEqual(["u1", "u2", "u4"]);
    expect(first.calls.every((delivered) => delivered.runId === ids.run)).toBe(true);
  });

  it("refuses a bad limit (422) and an unknown run (404)", async () => {
    expectError(await call("GET", `/runs/${ids.run}/calls?limit=0`), 422, "invalid_input");
    expectError(await call("GET", "/runs/nope/calls"), 404, "not_found");
  });
});

describe("GET /api/v1/syncs", () => {
  it("pages through every sync, a page at a time, and filters by source", async () => {
    const seen: string[] = [];
    let cursor: string | null = "";
    while (cursor !== null) {
      const page: z.infer<typeof R.ZSyncPageResponseSchema> = shaped(R.ZSyncPageResponseSchema, (await call("GET", `/syncs?limit=1${cursor ? `&cursor=${cursor}` : ""}`, { token: memberToken })).body);
      expect(page.syncs.length).toBeLessThanOrEqual(1);
      seen.push(...page.syncs.map((sync) => sync.id));
      cursor = page.nextCursor;
    }
    const all = shaped(R.ZSyncPageResponseSchema, (await call("GET", "/syncs?limit=200")).body);
    expect(all.nextCursor).toBeNull();
    expect(seen).toEqual(all.syncs.map((sync) => sync.id));
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen).toContain(ids.sync);
    const ofSource = shaped(R.ZSyncPageResponseSchema, (await call("GET", `/syncs?sourceId=${ids.source}`)).body);
    expect(ofSource.syncs.length).toBeGreaterThan(0);
    expect(ofSource.syncs.every((sync) => sync.sourceId === ids.source)).toBe(true);
    expect(ofSource.syncs.length).toBeLessThan(all.syncs.length); // the demo's syncs are on another source
  });

  it("refuses a limit out of range (422)", async () => {
    expectError(await call("GET", "/syncs?limit=0"), 422, "invalid_input");
  });
});

describe("GET /api/v1/runs", () => {
  it("lists runs across syncs by status and start time, newest first, a page at a time", async () => {
    const succeeded = shaped(R.ZRunPageResponseSchema, (await call("GET", "/runs?status=succeeded&limit=200", { token: memberToken })).body);
    expect(succeeded.runs.map((run) => run.id)).toContain(ids.run);
    expect(succeeded.runs.every((run) => run.status === "succeeded")).toBe(true);
    const failed = shaped(R.ZRunPageResponseSchema, (await call("GET", "/runs?status=failed")).body);
    expect(failed.runs.map((run) => run.id)).not.toContain(ids.run);
    const later = shaped(R.ZRunPageResponseSchema, (await call("GET", `/runs?since=${new Date(Date.now() + 60_000).toISOString()}`)).body);
    expect(later).toEqual({ runs: [], nextCursor: null });
    const first = shaped(R.ZRunPageResponseSchema, (await call("GET", `/runs?syncId=${ids.sync}&limit=1`)).body);
    expect(first.runs).toHaveLength(1);
    const second = shaped(R.ZRunPageResponseSchema, (await call("GET", `/runs?syncId=${ids.sync}&limit=1&cursor=${first.nextCursor}`)).body);
    expect(second.runs).toHaveLength(1);
    expect(second.runs[0].id).not.toBe(first.runs[0].id);
    expect(Date.parse(second.runs[0].startedAt)).toBeLessThanOrEqual(Date.parse(first.runs[0].startedAt));
  });

  it("refuses an unknown status or a date that is not one (422)", async () => {
    expectError(await call("GET", "/runs?status=exploded"), 422, "invalid_input");
    expectError(await call("GET", "/runs?since=yesterday"), 422, "invalid_input");
  });
});

describe("POST /api/v1/runs/{id}/retry", () => {
  it("a destination that refuses 10 rows with 400, then accepts: Retry failed rows delivers them, 10 retried", async () => {
    const client = new pg.Client({ connectionString: postgres.url });
    await client.connect();
    await client.query(`CREATE TABLE refused_people AS SELECT 'r' || n AS id, 'r' || n || '@example.com' AS email FROM generate_series(1, 10) AS n`);
    await client.end();
    const created = await call("POST", "/syncs", {
      body: { sourceId: ids.source, databaseId: ids.database, name: "Refused", type: "identify", query: `SELECT id AS "userId", email FROM refused_people`, frequencyMinutes: 60, startAt: "2030-01-01T00:00:00Z", destinationIds: [ids.destination], retryLimit: 2 },
    });
    expect(created.status, created.text).toBe(201);
    expect(created.body.retryLimit).toBe(2);
    let refusing = true;
    receiver.respondWith(() => (refusing ? { status: 400, body: { error: "not allowed" } } : { status: 200, body: { success: true } }));
    try {
      const failed = await waitForRun((await call("POST", `/syncs/${created.body.id}/runs`, { token: memberToken })).body.id);
      expect(failed).toMatchObject({ rowsRead: 10, rowsFailed: 10, rowsRetried: 0 });
      refusing = false;
      const reply = await call("POST", `/runs/${failed.id}/retry`, { token: memberToken });
      expect(reply.status, reply.text).toBe(202);
      const retried = await waitForRun(shaped(R.ZRunStartedResponseSchema, reply.body).id);
      expect(retried).toMatchObject({ trigger: "retry", retryOfRunId: failed.id, status: "succeeded", rowsRead: 0, rowsRetried: 10 });
      const listed = shaped(R.ZRunPageResponseSchema, (await call("GET", `/runs?syncId=${created.body.id}`)).body);
      expect(listed.runs.map((run) => [run.trigger, run.rowsRetried])).toEqual([["retry", 10], ["manual", 0]]);
      // Nothing of the first run waits now.
      expectError(await call("POST", `/runs/${failed.id}/retry`), 409, "conflict");
      expectError(await call("POST", "/runs/nope/retry"), 404, "not_found");
    } finally {
      receiver.respondWith(() => ({ status: 200, body: { success: true } }));
    }
  });
});

describe("/api/v1/destinations/{id}", () => {
  it("reads a destination without its write key", async () => {
    const destination = shaped(R.ZDestinationDetailResponseSchema, (await call("GET", `/destinations/${ids.destination}`, { token: memberToken })).body);
    expect(destination).toMatchObject({ id: ids.destination, kind: "http-batch", secretsSet: ["writeKey"], config: { url: receiver.url } });
    expectError(await call("GET", "/destinations/nope"), 404, "not_found");
  });

  it("lets an admin rename it, keeping the write key when none is sent; a member may not (403)", async () => {
    expectError(await call("PATCH", `/destinations/${ids.destination}`, { token: memberToken, body: { name: "Mine now" } }), 403, "forbidden");
    const reply = await call("PATCH", `/destinations/${ids.destination}`, { body: { name: "Receiver (renamed)", config: { url: receiver.url, writeKey: "" } } });
    expect(reply.status, reply.text).toBe(200);
    expect(shaped(R.ZDestinationDetailResponseSchema, reply.body)).toMatchObject({ name: "Receiver (renamed)", secretsSet: ["writeKey"] });
    expectError(await call("PATCH", `/destinations/${ids.destination}`, { body: { config: { url: "not a url" } } }), 422, "invalid_input");
  });

  it("deletes one (204), then knows it no more (404); a member may not (403)", async () => {
    const created = await call("POST", "/destinations", { body: { name: "Throwaway", kind: "inbox" } });
    expect(created.status, created.text).toBe(201);
    const { id } = shaped(R.ZDestinationResponseSchema, created.body);
    expectError(await call("DELETE", `/destinations/${id}`, { token: memberToken }), 403, "forbidden");
    expect((await call("DELETE", `/destinations/${id}`)).status).toBe(204);
    expectError(await call("GET", `/destinations/${id}`), 404, "not_found");
    expectError(await call("DELETE", `/destinations/${id}`), 404, "not_found");
  });
});

describe("PATCH /api/v1/syncs/{id}", () => {
  it("disables the sync and leaves the other fields as they were", async () => {
    const reply = await call("PATCH", `/syncs/${ids.sync}`, { token: memberToken, body: { enabled: false } });
    expect(reply.status, reply.text).toBe(200);
    expect(shaped(R.ZSyncResponseSchema, reply.body)).toMatchObject({ enabled: false, name: "Users", description: "People and their plan", frequencyMinutes: 60 });
    const renamed = await call("PATCH", `/syncs/${ids.sync}`, { body: { name: "Users (paused)" } });
    expect(renamed.body).toMatchObject({ name: "Users (paused)", enabled: false });
  });

  it("refuses unknown fields and bad values (422)", async () => {
    const reply = await call("PATCH", `/syncs/${ids.sync}`, { body: { frequencyMinutes: 0, colour: "red" } });
    expectError(reply, 422, "invalid_input");
  });
});

describe("POST /api/v1/syncs/{id}/reset", () => {
  it("turns change tracking on with PATCH and forgets its snapshot (204)", async () => {
    const patched = await call("PATCH", `/syncs/${ids.sync}`, { token: memberToken, body: { changeTracking: { idColumns: ["userId"] } } });
    expect(patched.status, patched.text).toBe(200);
    expect(shaped(R.ZSyncResponseSchema, patched.body).changeTracking).toEqual({ idColumns: ["userId"], onDeleted: "nothing" });
    const reply = await call("POST", `/syncs/${ids.sync}/reset`, { token: memberToken });
    expect(reply.status, reply.text).toBe(204);
  });

  it("refuses while a run of the sync is going (409) and answers 404 for an unknown sync", async () => {
    const run = await call("POST", `/syncs/${ids.slowSync}/runs`);
    expect(run.status).toBe(202);
    expectError(await call("POST", `/syncs/${ids.slowSync}/reset`, { token: memberToken }), 409, "conflict");
    await waitForRun(run.body.id);
    expectError(await call("POST", "/syncs/nope/reset"), 404, "not_found");
  });
});

describe("DELETE /api/v1/syncs/{id}", () => {
  it("deletes the sync (204), after which it is gone (404)", async () => {
    const reply = await call("DELETE", `/syncs/${ids.sync}`, { token: memberToken });
    expect(reply.status).toBe(204);
    expect(reply.text).toBe("");
    expectError(await call("GET", `/syncs/${ids.sync}`), 404, "not_found");
    expectError(await call("GET", `/runs/${ids.run}`), 404, "not_found");
    expectError(await call("DELETE", `/syncs/${ids.sync}`), 404, "not_found");
  });
});

describe("/api/v1/tokens", () => {
  it("creates a token that works at once, is listed without its value, and stops working when revoked", async () => {
    const created = await call("POST", "/tokens", { body: { name: "dbt nightly" } });
    expect(created.status, created.text).toBe(201);
    const token = shaped(R.ZCreatedApiTokenResponseSchema, created.body);
    expect((await call("GET", "/sources", { token: token.token })).status).toBe(200);

    const listed = shaped(R.ZApiTokenListResponseSchema, (await call("GET", "/tokens")).body).tokens;
    const row = listed.find((item) => item.id === token.id);
    expect(row).toMatchObject({ name: "dbt nightly", user: { role: "admin" } });
    expect(row?.lastUsedAt).not.toBeNull();
    expect(JSON.stringify(listed)).not.toContain(token.token);

    expect((await call("DELETE", `/tokens/${token.id}`)).status).toBe(204);
    expectError(await call("GET", "/sources", { token: token.token }), 401, "unauthorized");
    expectError(await call("DELETE", `/tokens/${token.id}`), 404, "not_found");
  });

  it("is for admins (403) and needs a name (422)", async () => {
    expectError(await call("GET", "/tokens", { token: memberToken }), 403, "forbidden");
    expectError(await call("POST", "/tokens", { token: memberToken, body: { name: "x" } }), 403, "forbidden");
    expectError(await call("POST", "/tokens", { body: { name: " " } }), 422, "invalid_input");
  });
});

describe("every list", () => {
  it("comes a page at a time: limit items and the cursor of the next page, until null", async () => {
    for (const [route, key] of [["/sources", "sources"], ["/destinations", "destinations"], ["/tokens", "tokens"], ["/users", "users"]] as const) {
      const all = (await call("GET", `${route}?limit=200`)).body;
      expect(all.nextCursor, route).toBeNull();
      const seen: string[] = [];
      let cursor: string | null = "";
      while (cursor !== null) {
        const reply: Reply = await call("GET", `${route}?limit=1${cursor ? `&cursor=${cursor}` : ""}`);
        expect(reply.status, `${route} ${reply.text}`).toBe(200);
        expect(reply.body[key].length).toBeLessThanOrEqual(1);
        seen.push(...reply.body[key].map((item: { id: string }) => item.id));
        cursor = reply.body.nextCursor;
      }
      expect(seen, route).toEqual(all[key].map((item: { id: string }) => item.id));
      expect(seen.length, route).toBeGreaterThan(0);
    }
  });
});

describe("/api/v1/users", () => {
  it("lists users for admins only, without any password hash", async () => {
    expectError(await call("GET", "/users", { token: memberToken }), 403, "forbidden");
    const reply = await call("GET", "/users");
    const { users } = shaped(R.ZUserListResponseSchema, reply.body);
    expect(users.map((user) => [user.email, user.role])).toContainEqual(["member@example.com", "member"]);
    expect(reply.text).not.toMatch(/scrypt|passwordHash/);
  });

  it("changes a member's role and back, but never the caller's own (409)", async () => {
    const { users } = shaped(R.ZUserListResponseSchema, (await call("GET", "/users")).body);
    const member = users.find((user) => user.email === "member@example.com")!;
    expectError(await call("PATCH", `/users/${member.id}`, { token: memberToken, body: { role: "admin" } }), 403, "forbidden");
    expectError(await call("PATCH", `/users/${member.id}`, { body: { role: "owner" } }), 422, "invalid_input");
    const promoted = await call("PATCH", `/users/${member.id}`, { body: { role: "admin" } });
    expect(promoted.status, promoted.text).toBe(200);
    expect(shaped(R.ZUserResponseSchema, promoted.body).role).toBe("admin");
    // Now an admin, the member's token can read the users, and may not demote itself.
    expect((await call("GET", "/users", { token: memberToken })).status).toBe(200);
    expectError(await call("PATCH", `/users/${member.id}`, { token: memberToken, body: { role: "member" } }), 409, "conflict");
    expect(shaped(R.ZUserResponseSchema, (await call("PATCH", `/users/${member.id}`, { body: { role: "member" } })).body).role).toBe("member");
    expectError(await call("GET", "/users", { token: memberToken }), 403, "forbidden");
    expectError(await call("PATCH", "/users/nope", { body: { role: "member" } }), 404, "not_found");
  });

  it("invites someone, lists the open invitation without its link, and takes it back", async () => {
    expectError(await call("POST", "/users/invites", { token: memberToken, body: { email: "new@example.com" } }), 403, "forbidden");
    expectError(await call("POST", "/users/invites", { body: { email: "not an email" } }), 422, "invalid_input");
    expectError(await call("POST", "/users/invites", { body: { email: "member@example.com" } }), 409, "conflict");
    const created = await call("POST", "/users/invites", { body: { email: "New@Example.com", role: "member" } });
    expect(created.status, created.text).toBe(201);
    const invite = shaped(R.ZCreatedInviteResponseSchema, created.body);
    expect(invite).toMatchObject({ email: "new@example.com", role: "member" });
    const link = invite.path.split("/").pop()!;
    const listed = await call("GET", "/users/invites");
    const open = shaped(R.ZInviteListResponseSchema, listed.body).invites.find((entry) => entry.email === "new@example.com")!;
    expect(open).toBeDefined();
    expect(listed.text).not.toContain(link);
    expect((await call("DELETE", `/users/invites/${open.id}`)).status).toBe(204);
    expect(shaped(R.ZInviteListResponseSchema, (await call("GET", "/users/invites")).body).invites.map((entry) => entry.id)).not.toContain(open.id);
    expectError(await call("DELETE", `/users/invites/${open.id}`), 404, "not_found");
  });
});

describe("GET /api/v1/openapi.json", () => {
  it("serves a valid OpenAPI 3.1 document without a token", async () => {
    const reply = await call("GET", "/openapi.json", { token: null });
    expect(reply.status).toBe(200);
    const validator = new Validator();
    expect(await validator.validate(reply.body)).toEqual({ valid: true });
    expect(validator.version).toBe("3.1");
  });
});

describe("scripts/automate-example.sh", () => {
  it("sets up and runs a sync with nothing but curl", async () => {
    receiver.reset();
    const url = new URL(postgres.url);
    const { stdout } = await promisify(execFile)("bash", [SCRIPT], {
      env: {
        NODE_ENV: "production" as const,
        PATH: process.env.PATH,
        TIDEWATER_URL: app.url,
        TIDEWATER_API_TOKEN: app.token,
        PGHOST: url.hostname,
        PGPORT: url.port,
        PGDATABASE: url.pathname.slice(1),
        PGUSER: url.username,
        PGPASSWORD: url.password,
        DESTINATION_URL: receiver.url,
        WRITE_KEY: WRITE_KEY,
      },
    });
    expect(stdout).toMatch(/run +succeeded: 3 rows sent, 1 failed/);
    expect(stdout).toMatch(/errors\.csv/);
    const sent = receiver.requests.flatMap((request) => (request.json as { batch: { userId: string }[] }).batch.map((message) => message.userId));
    expect(sent.sort()).toEqual(["u1", "u2", "u4"]);
  });

  it("is the script pasted in the README's \"Automate it\" section", () => {
    const readme = readFileSync(path.resolve(import.meta.dirname, "../../README.md"), "utf8");
    expect(readme).toContain(readFileSync(SCRIPT, "utf8"));
  });
});

describe("DELETE /api/v1/sources/{id} and its databases", () => {
  it("refuses to delete a database a sync reads from (409, naming the sync), deletes an unused one, then the source with its syncs", async () => {
    const source = shaped(R.ZSourceResponseSchema, (await call("POST", "/sources", { body: { name: "Doomed", kind: "postgres" } })).body);
    const addDatabase = async (name: string) =>
      shaped(R.ZDatabaseResponseSchema, (await call("POST", `/sources/${source.id}/databases`, { body: { name, config: pgConfig(storedPassword()) } })).body).id;
    const [used, unused] = [await addDatabase("used"), await addDatabase("unused")];
    const sync = await call("POST", "/syncs", {
      body: { sourceId: source.id, databaseId: used, name: "Doomed sync", type: "identify", query: USERS_QUERY, frequencyMinutes: 60, destinationIds: [ids.destination] },
    });
    expect(sync.status, sync.text).toBe(201);

    const refused = await call("DELETE", `/sources/${source.id}/databases/${used}`);
    expectError(refused, 409, "conflict");
    expect(refused.body.error.message).toContain('"Doomed sync"');
    expectError(await call("DELETE", `/sources/${source.id}/databases/${unused}`, { token: memberToken }), 403, "forbidden");
    expect((await call("DELETE", `/sources/${source.id}/databases/${unused}`)).status).toBe(204);
    expect((await call("GET", `/sources/${source.id}`)).body.databases.map((database: { id: string }) => database.id)).toEqual([used]);
    expectError(await call("DELETE", `/sources/${source.id}/databases/${unused}`), 404, "not_found");

    expectError(await call("DELETE", `/sources/${source.id}`, { token: memberToken }), 403, "forbidden");
    expect((await call("DELETE", `/sources/${source.id}`)).status).toBe(204);
    expectError(await call("GET", `/sources/${source.id}`), 404, "not_found");
    expectError(await call("GET", `/syncs/${sync.body.id}`), 404, "not_found");
    expectError(await call("DELETE", `/sources/${source.id}`), 404, "not_found");
  });
});

describe("secrets", () => {
  it("never appear in any response body", () => {
    expect(bodies.length).toBeGreaterThan(50);
    for (const secret of [storedPassword(), WRONG_PASSWORD, WRITE_KEY]) {
      expect(bodies.filter((body) => body.includes(secret))).toEqual([]);
    }
  });
});
