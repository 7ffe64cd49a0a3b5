// Triggers from outside, driven over HTTP against the production build: a sync's trigger URL (any
// orchestrator) and its dbt Cloud endpoint (signed webhooks) start real runs from a real PostgreSQL
// to a loopback receiver; rotated and revoked URLs, bad signatures, roles, limits and leaks are refused.
import { createHash, createHmac } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as R from "../../lib/openapi/responses";
import * as T from "../../lib/triggers/responses";
import { startPostgres, type StartedServer } from "../support/postgres";
import { startReceiver, type Receiver } from "../support/receiver";
import { startAppServer, type AppServer } from "./support/app-server";
import { createMember, signInCookie } from "./support/session-cookie";
import { awayFromMinuteEdge } from "../support/minute-window";

const DBT_SECRET = "dbt_whsec_trigger_test_5521";
const WRITE_KEY = "wk_trigger_test_3309";
const USERS_QUERY = `SELECT id AS "userId", email FROM users WHERE updated_at > to_timestamp({{last_sync_time}}) ORDER BY id`;

let app: AppServer;
let postgres: StartedServer;
let receiver: Receiver;
let memberToken: string;
const ids = { source: "", database: "", destination: "", sync: "", slowSync: "" };
/** Every body any API answered in this suite, to prove no secret or hash leaves the server. */
const bodies: string[] = [];
/** Every trigger URL made in this suite. */
const urls: string[] = [];

type Reply = { status: number; body: any; text: string; headers: Headers };

async function request(url: string, init: RequestInit): Promise<Reply> {
  const response = await fetch(url, init);
  const text = await response.text();
  bodies.push(text);
  return { status: response.status, body: response.headers.get("content-type")?.includes("json") ? JSON.parse(text) : undefined, text, headers: response.headers };
}

function call(method: string, route: string, options: { body?: unknown; token?: string } = {}) {
  return request(`${app.url}/api/v1${route}`, {
    method,
    headers: { authorization: `Bearer ${options.token ?? app.token}`, ...(options.body !== undefined ? { "content-type": "application/json" } : {}) },
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
  });
}

/** From "an orchestrator": no API token, only the URL (and its own client address). */
const trigger = (url: string, headers: Record<string, string> = {}) => request(url, { method: "POST", headers: { "x-forwarded-for": "198.51.100.7", ...headers } });

function dbtEvent(url: string, event: unknown, sign: (body: string) => string | undefined = (body) => createHmac("sha256", DBT_SECRET).update(body).digest("hex")) {
  const body = JSON.stringify(event);
  const signature = sign(body);
  return request(url, {
    method: "POST",
    headers: { "content-type": "application/json", "x-forwarded-for": "198.51.100.8", ...(signature === undefined ? {} : { authorization: signature }) },
    body,
  });
}

const completed = (runStatus: string) => ({
  accountId: 1,
  webhooksID: "wsu_test",
  eventId: "wev_test",
  timestamp: new Date().toISOString(),
  eventType: "job.run.completed",
  webhookName: "Tidewater",
  data: { jobId: "123", jobName: "Nightly dbt build", runId: "9001", environmentId: "5", runStatus, runStatusCode: runStatus === "Success" ? 10 : 20 },
});

async function createTrigger(syncId = ids.sync) {
  const reply = await call("POST", `/syncs/${syncId}/trigger`);
  expect(reply.status, reply.text).toBe(201);
  const created = T.ZCreatedSyncTriggerResponseSchema.parse(reply.body);
  urls.push(created.url);
  return created;
}

async function runsOf(syncId: string) {
  return R.ZRunPageResponseSchema.parse((await call("GET", `/syncs/${syncId}/runs`)).body).runs;
}

async function waitForRun(id: string) {
  for (let attempt = 0; attempt < 240; attempt++) {
    const run = R.ZRunResponseSchema.parse((await call("GET", `/runs/${id}`)).body);
    if (run.status !== "running" && run.status !== "queued") return run;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`run ${id} still running`);
}


const secretOf = (url: string) => url.split("/triggers/")[1].split("/")[0];
const hashOf = (url: string) => createHash("sha256").update(secretOf(url)).digest("hex");

beforeAll(async () => {
  [app, postgres, receiver] = await Promise.all([startAppServer(), startPostgres(), startReceiver()]);
  const client = new pg.Client({ connectionString: postgres.url });
  await client.connect();
  await client.query(`
    CREATE TABLE users (id text, email text, updated_at timestamptz NOT NULL DEFAULT now() - interval '1 hour');
    INSERT INTO users (id, email) VALUES ('u1', 'ada@example.com'), ('u2', 'grace@example.com'), ('u3', 'linus@example.com');
  `);
  await client.end();
  const member = await createMember(app.dataDir, "member@example.com", "member-password-1");
  const { db } = await import("../../lib/db");
  const { createApiToken } = await import("../../lib/auth/api-tokens");
  memberToken = (await createApiToken(member.id, "member script")).token;
  await db().$disconnect();

  const url = new URL(postgres.url);
  const config = { host: url.hostname, port: Number(url.port), database: url.pathname.slice(1), user: url.username, password: url.password, ssl: false };
  ids.source = (await call("POST", "/sources", { body: { name: "Warehouse", kind: "postgres" } })).body.id;
  ids.database = (await call("POST", `/sources/${ids.source}/databases`, { body: { name: "app", config } })).body.id;
  ids.destination = (await call("POST", "/destinations", { body: { name: "Receiver", kind: "http-batch", config: { url: receiver.url, writeKey: WRITE_KEY } } })).body.id;
  const sync = (name: string, query: string) => ({
    sourceId: ids.source,
    databaseId: ids.database,
    name,
    type: "identify",
    query,
    frequencyMinutes: 60,
    startAt: "2030-01-01T00:00:00Z",
    destinationIds: [ids.destination],
  });
  ids.sync = (await call("POST", "/syncs", { body: sync("Users after dbt", USERS_QUERY) })).body.id;
  ids.slowSync = (await call("POST", "/syncs", { body: sync("Slow users", `WITH pause AS (SELECT pg_sleep(2)) SELECT u.id AS "userId" FROM users u, pause`) })).body.id;
  expect(ids).not.toContain("");
}, 600_000);

afterAll(async () => {
  await Promise.all([app?.stop(), postgres?.stop(), receiver?.stop()]);
});

describe("POST /api/v1/syncs/{id}/trigger", () => {
  it("is for admins: a member gets 403 for create, rotate, revoke and the dbt Cloud secret, and nothing is made", async () => {
    for (const [method, body] of [["POST"], ["DELETE"], ["PATCH", { dbtSecret: "x" }]] as const) {
      const reply = await call(method, `/syncs/${ids.sync}/trigger`, { token: memberToken, body });
      expect(reply.status, `${method} ${reply.text}`).toBe(403);
    }
    const state = T.ZSyncTriggerResponseSchema.parse((await call("GET", `/syncs/${ids.sync}/trigger`, { token: memberToken })).body);
    expect(state).toEqual({ exists: false, createdAt: null, dbtSecretSet: false });
  });

  it("shows the URL once: GET says only that it exists, since when, and whether a dbt Cloud secret is set", async () => {
    const created = await createTrigger();
    expect(created.url).toMatch(new RegExp(`^${app.url}/api/v1/triggers/twt_[\\w-]{43}$`));
    expect(created.dbtCloudUrl).toBe(`${created.url}/dbt-cloud`);
    expect(created.rotated).toBe(false);
    const reply = await call("GET", `/syncs/${ids.sync}/trigger`);
    expect(T.ZSyncTriggerResponseSchema.parse(reply.body)).toEqual({ exists: true, createdAt: created.createdAt, dbtSecretSet: false });
    expect(reply.text).not.toContain(secretOf(created.url));
  });

  it("stores the dbt Cloud secret and shows only that it is set", async () => {
    expect((await call("PATCH", `/syncs/${ids.sync}/trigger`, { body: { dbtSecret: "" } })).status).toBe(422);
    const reply = await call("PATCH", `/syncs/${ids.sync}/trigger`, { body: { dbtSecret: DBT_SECRET } });
    expect(reply.status, reply.text).toBe(200);
    expect(T.ZSyncTriggerResponseSchema.parse(reply.body)).toMatchObject({ exists: true, dbtSecretSet: true });
  });
});

describe("POST /api/v1/triggers/{token}", () => {
  it("runs the sync (202 with the run id): a real run, trigger webhook, and {{last_sync_time}} moves as for any run", async () => {
    receiver.reset();
    const reply = await trigger(urls[0]);
    expect(reply.status, reply.text).toBe(202);
    const started = T.ZTriggeredRunResponseSchema.parse(reply.body);
    expect(started.status).toBe("running");
    const run = await waitForRun(started.runId);
    expect(run).toMatchObject({ status: "succeeded", trigger: "webhook", lastSyncTime: 0, rowsRead: 3, rowsSucceeded: 3 });
    const sent = receiver.requests.flatMap((received) => (received.json as { batch: { userId: string }[] }).batch.map((call) => call.userId));
    expect(sent.sort()).toEqual(["u1", "u2", "u3"]);
    const sync = R.ZSyncResponseSchema.parse((await call("GET", `/syncs/${ids.sync}`)).body);
    expect(sync.lastSyncTime).toBe(Math.floor(Date.parse(run.startedAt) / 1000));
  });

  it("records a run that comes while one is going as skipped, as a schedule would, and says so", async () => {
    const { url } = await createTrigger(ids.slowSync);
    const first = T.ZTriggeredRunResponseSchema.parse((await trigger(url)).body);
    const second = await trigger(url);
    expect(second.status, second.text).toBe(202);
    expect(T.ZTriggeredRunResponseSchema.parse(second.body)).toMatchObject({ status: "skipped", message: expect.stringMatching(/still going/) });
    expect((await waitForRun(first.runId)).status).toBe("succeeded");
    expect((await waitForRun(second.body.runId)).status).toBe("skipped");
  });

  it("answers an unknown, malformed or GET call with a 404 that tells nothing", async () => {
    const unknown = await trigger(`${app.url}/api/v1/triggers/twt_${"A".repeat(43)}`);
    const malformed = await trigger(`${app.url}/api/v1/triggers/nope`);
    expect([unknown.status, malformed.status]).toEqual([404, 404]);
    expect(unknown.text).toBe(malformed.text);
    expect((await request(urls[0], { method: "GET" })).status).not.toBe(200);
  });
});

describe("POST /api/v1/triggers/{token}/dbt-cloud", () => {
  it("runs the sync on a signed job.run.completed with runStatus Success, with last_sync_time from the last successful run", async () => {
    const dbtCloudUrl = `${urls[0]}/dbt-cloud`;
    const before = R.ZSyncResponseSchema.parse((await call("GET", `/syncs/${ids.sync}`)).body).lastSyncTime;
    receiver.reset();
    const reply = await dbtEvent(dbtCloudUrl, completed("Success"));
    expect(reply.status, reply.text).toBe(202);
    const run = await waitForRun(T.ZTriggeredRunResponseSchema.parse(reply.body).runId);
    // The rows changed an hour ago, before the last successful run started: none are due again.
    expect(run).toMatchObject({ status: "succeeded", trigger: "webhook", lastSyncTime: before, rowsRead: 0 });
    expect(receiver.requests).toHaveLength(0);
  });

  it("refuses a bad or missing signature with 401 and starts no run", async () => {
    const dbtCloudUrl = `${urls[0]}/dbt-cloud`;
    const runs = (await runsOf(ids.sync)).length;
    const wrongSecret = await dbtEvent(dbtCloudUrl, completed("Success"), (body) => createHmac("sha256", "not-the-secret").update(body).digest("hex"));
    const otherBody = await dbtEvent(dbtCloudUrl, completed("Success"), () => createHmac("sha256", DBT_SECRET).update("{}").digest("hex"));
    const missing = await dbtEvent(dbtCloudUrl, completed("Success"), () => undefined);
    expect([wrongSecret.status, otherBody.status, missing.status]).toEqual([401, 401, 401]);
    expect(wrongSecret.body.error.code).toBe("unauthorized");
    expect(await runsOf(ids.sync)).toHaveLength(runs);
  });

  it("starts nothing for a failed dbt job or another event (200 ignored)", async () => {
    const dbtCloudUrl = `${urls[0]}/dbt-cloud`;
    const runs = (await runsOf(ids.sync)).length;
    const errored = await dbtEvent(dbtCloudUrl, completed("Error"));
    const started = await dbtEvent(dbtCloudUrl, { ...completed("Running"), eventType: "job.run.started" });
    for (const reply of [errored, started]) {
      expect(reply.status, reply.text).toBe(200);
      expect(T.ZIgnoredTriggerResponseSchema.parse(reply.body).status).toBe("ignored");
    }
    expect(errored.body.reason).toMatch(/Error/);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(await runsOf(ids.sync)).toHaveLength(runs);
  });
});

describe("rotate and revoke", () => {
  it("rotating stops the old URL at once (404 on both endpoints); the new one works", async () => {
    const old = urls[0];
    const rotated = await createTrigger();
    expect(rotated.rotated).toBe(true);
    expect((await trigger(old)).status).toBe(404);
    expect((await dbtEvent(`${old}/dbt-cloud`, completed("Success"))).status).toBe(404);
    const reply = await trigger(rotated.url);
    expect(reply.status, reply.text).toBe(202);
    await waitForRun(reply.body.runId);
  });

  it("revoking stops it (404), and GET says none exists", async () => {
    const current = urls.at(-1)!;
    expect((await call("DELETE", `/syncs/${ids.sync}/trigger`)).status).toBe(204);
    expect((await trigger(current)).status).toBe(404);
    expect((await call("DELETE", `/syncs/${ids.sync}/trigger`)).status).toBe(404);
    expect(T.ZSyncTriggerResponseSchema.parse((await call("GET", `/syncs/${ids.sync}/trigger`)).body)).toEqual({ exists: false, createdAt: null, dbtSecretSet: true });
  });

  it("audits create, rotate, revoke, the dbt Cloud secret and every run a trigger started, without a secret", async () => {
    const { events } = R.ZAuditEventListResponseSchema.parse((await call("GET", "/audit-events?resourceType=sync&limit=100")).body);
    const actions = events.filter((event) => event.resource.id === ids.sync).map((event) => event.action);
    for (const action of ["sync.trigger_create", "sync.trigger_rotate", "sync.trigger_revoke", "sync.dbt_secret_set", "sync.trigger_run"]) expect(actions).toContain(action);
    const runs = events.filter((event) => event.action === "sync.trigger_run" && event.resource.id === ids.sync);
    expect(runs.map((event) => event.actor.name).sort()).toEqual(["Trigger URL", "Trigger URL", "dbt Cloud webhook"]);
    expect(runs.find((event) => event.actor.name === "dbt Cloud webhook")?.diff).toMatchObject({ dbtJobId: { after: "123" }, dbtRunId: { after: "9001" } });
    expect(events.find((event) => event.action === "sync.dbt_secret_set")?.diff).toEqual({ dbtSecret: { before: null, after: "•••• changed" } });
  });
});

describe("a trigger on the first sync of a chain", () => {
  it("runs the chain: the sync set to run after it starts once the triggered run succeeds", async () => {
    const body = (name: string, schedule?: unknown) => ({
      sourceId: ids.source,
      databaseId: ids.database,
      name,
      type: "identify",
      query: USERS_QUERY,
      ...(schedule ? { schedule } : { frequencyMinutes: 60, startAt: "2030-01-01T00:00:00Z" }),
      destinationIds: [ids.destination],
    });
    const head = (await call("POST", "/syncs", { body: body("Chain head") })).body.id;
    const tail = await call("POST", "/syncs", { body: body("Chain tail", { kind: "after", syncId: head }) });
    expect(tail.status, tail.text).toBe(201);
    const { url } = await createTrigger(head);
    const started = T.ZTriggeredRunResponseSchema.parse((await trigger(url)).body);
    expect((await waitForRun(started.runId)).status).toBe("succeeded");
    for (let attempt = 0; attempt < 80 && (await runsOf(tail.body.id)).length === 0; attempt++) await new Promise((resolve) => setTimeout(resolve, 250));
    const [chained] = await runsOf(tail.body.id);
    expect(chained).toMatchObject({ trigger: "chain", triggeredByRunId: started.runId });
    expect((await waitForRun(chained.id)).status).toBe("succeeded");
  });
});

describe("rate limits", () => {
  it("answers 429 with Retry-After past 20 calls a minute of one trigger URL", async () => {
    const { dbtCloudUrl } = await createTrigger(ids.slowSync);
    const unsigned = () => dbtEvent(dbtCloudUrl, completed("Success"), () => "0".repeat(64));
    const statuses: number[] = [];
    await awayFromMinuteEdge(5_000 + 2_000);
    for (let i = 0; i < 21; i++) statuses.push((await unsigned()).status);
    expect(statuses).toEqual([...Array(20).fill(401), 429]);
    const refused = await unsigned();
    expect(refused.headers.get("retry-after")).toMatch(/^\d+$/);
  });

  it("answers 429 past 120 calls a minute from one address, known secret or not", async () => {
    const statuses: number[] = [];
    await awayFromMinuteEdge(15_000 + 2_000);
    for (let i = 0; i < 121; i++) statuses.push((await trigger(`${app.url}/api/v1/triggers/twt_${String(i).padStart(43, "x")}`, { "x-forwarded-for": "203.0.113.50" })).status);
    expect(statuses.slice(0, 120).every((status) => status === 404)).toBe(true);
    expect(statuses[120]).toBe(429);
  });
});

describe("secrets", () => {
  it("never sends a trigger secret, its hash or the dbt Cloud secret in GET /syncs/{id}, the list or the source", async () => {
    const { url } = await createTrigger();
    for (const route of [`/syncs/${ids.sync}`, "/syncs", `/sources/${ids.source}`, `/syncs/${ids.sync}/trigger`]) {
      const reply = await call("GET", route);
      expect(reply.status).toBe(200);
      expect(reply.text).not.toMatch(/triggerTokenHash|dbtSecretEncrypted|triggerToken/);
      for (const secret of [secretOf(url), hashOf(url), DBT_SECRET]) expect(reply.text, route).not.toContain(secret);
    }
  });

  it("never sends them to the browser: the source's Syncs tab (JSON and page) and the sync's page", async () => {
    const { url } = await createTrigger();
    const cookie = await signInCookie(app.url, "member@example.com", "member-password-1");
    for (const path of [`/sources/${ids.source}/syncs.json`, `/sources/${ids.source}`, `/syncs/${ids.sync}`]) {
      const reply = await request(`${app.url}${path}`, { headers: { cookie } });
      expect(reply.status, path).toBe(200);
      expect(reply.text, path).toContain(ids.sync);
      expect(reply.text, path).not.toMatch(/triggerTokenHash|dbtSecretEncrypted/);
      for (const secret of [secretOf(url), hashOf(url), DBT_SECRET]) expect(reply.text, path).not.toContain(secret);
    }
  });

  it("shows no secret, hash or dbt Cloud secret in any other reply, nor in the server's log", async () => {
    const created = bodies.filter((body) => body.includes('"dbtCloudUrl"'));
    expect(created.length).toBe(urls.length);
    const rest = bodies.filter((body) => !created.includes(body));
    for (const url of urls) {
      for (const secret of [secretOf(url), hashOf(url)]) {
        expect(rest.filter((body) => body.includes(secret))).toEqual([]);
        expect(app.logs()).not.toContain(secret);
      }
    }
    expect(bodies.filter((body) => body.includes(DBT_SECRET))).toEqual([]);
    expect(app.logs()).not.toContain(DBT_SECRET);
  });
});
