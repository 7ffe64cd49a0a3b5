// Dry runs over HTTP against the production build: POST /api/v1/syncs/{id}/dry-runs and
// POST /api/v1/dry-runs stream NDJSON as they go, for members, and refuse what they must (401, 409,
// 422, 429). A real PostgreSQL source and a real HTTP receiver that must never see a request.
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ZDryRunLineSchema, type TDryRunLine } from "../../lib/engine/dry-run-events";
import { startPostgres, type StartedServer } from "../support/postgres";
import { startReceiver, type Receiver } from "../support/receiver";
import { startAppServer, type AppServer } from "./support/app-server";
import { createMember } from "./support/session-cookie";

let app: AppServer;
let postgres: StartedServer;
let receiver: Receiver;
let memberToken: string;
const ids = { source: "", database: "", destination: "", sync: "", slow: "" };

function post(route: string, options: { body?: unknown; token?: string | null } = {}) {
  const token = options.token === undefined ? app.token : options.token;
  return fetch(`${app.url}/api/v1${route}`, {
    method: "POST",
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(options.body !== undefined ? { "content-type": "application/json" } : {}) },
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
  });
}

async function json(route: string, body: unknown) {
  const response = await post(route, { body });
  const reply = (await response.json()) as { id: string };
  expect(response.status, JSON.stringify(reply)).toBe(201);
  return reply.id;
}

async function lines(response: Response): Promise<TDryRunLine[]> {
  expect(response.status).toBe(200);
  expect(response.headers.get("content-type")).toContain("application/x-ndjson");
  return (await response.text())
    .trimEnd()
    .split("\n")
    .map((line) => ZDryRunLineSchema.parse(JSON.parse(line)));
}

async function errorCode(response: Response, status: number) {
  const body = (await response.json()) as { error: { code: string; message: string } };
  expect(response.status, JSON.stringify(body)).toBe(status);
  return body.error;
}

const runsOf = async (syncId: string) =>
  ((await (await fetch(`${app.url}/api/v1/syncs/${syncId}/runs`, { headers: { authorization: `Bearer ${app.token}` } })).json()) as { runs: { status: string }[] }).runs;

beforeAll(async () => {
  [app, postgres, receiver] = await Promise.all([startAppServer(), startPostgres(), startReceiver()]);
  const client = new pg.Client({ connectionString: postgres.url });
  await client.connect();
  await client.query(`
    CREATE TABLE users (id text, email text);
    INSERT INTO users VALUES ('u1', 'ada@example.com'), ('u2', 'grace@example.com'), (NULL, 'nobody@example.com');
  `);
  await client.end();
  const member = await createMember(app.dataDir, "member@example.com", "member-password-1");
  const { db } = await import("../../lib/db");
  memberToken = (await (await import("../../lib/auth/api-tokens")).createApiToken(member.id, "member script")).token;
  await db().$disconnect();

  const url = new URL(postgres.url);
  ids.source = await json("/sources", { name: "Warehouse", kind: "postgres" });
  ids.database = await json(`/sources/${ids.source}/databases`, {
    name: "app",
    config: { host: url.hostname, port: Number(url.port), database: url.pathname.slice(1), user: url.username, password: url.password, ssl: false },
  });
  ids.destination = await json("/destinations", { name: "Receiver", kind: "http-batch", config: { url: receiver.url, writeKey: "wk_dry" } });
  const sync = { sourceId: ids.source, databaseId: ids.database, type: "identify", frequencyMinutes: 60, destinationIds: [ids.destination], enabled: false };
  ids.sync = await json("/syncs", { ...sync, name: "Users", query: `SELECT id AS "userId", email FROM users ORDER BY id NULLS LAST` });
  ids.slow = await json("/syncs", {
    ...sync,
    name: "Slow users",
    query: `WITH pause AS (SELECT pg_sleep(2.5)) SELECT id AS "userId", email FROM users WHERE id IS NOT NULL AND EXISTS (SELECT 1 FROM pause)`,
  });
}, 600_000);

afterAll(async () => {
  await Promise.all([app?.stop(), postgres?.stop(), receiver?.stop()]);
});

describe("POST /api/v1/syncs/{id}/dry-runs", () => {
  it("needs a token (401) and names an unknown sync (404)", async () => {
    expect((await errorCode(await post(`/syncs/${ids.sync}/dry-runs`, { token: null }), 401)).code).toBe("unauthorized");
    expect((await errorCode(await post(`/syncs/nope/dry-runs`), 404)).code).toBe("not_found");
  });

  it("streams a member's dry run as NDJSON, and sends and records nothing", async () => {
    const result = await lines(await post(`/syncs/${ids.sync}/dry-runs`, { token: memberToken }));
    expect(result.at(-1)).toEqual({ type: "summary", changeTracking: false, rowsRead: 3, calls: 2, new: 0, changed: 0, unchanged: 0, deleted: 0, invalid: 1 });
    expect(result.filter((line) => line.type === "call").map((line) => line.type === "call" && JSON.parse(line.json).userId)).toEqual(["u1", "u2"]);
    expect(result.find((line) => line.type === "invalid")).toMatchObject({ rowNumber: 3, reason: expect.stringContaining("needs a userId") });
    expect(receiver.requests).toHaveLength(0);
    expect(await runsOf(ids.sync)).toEqual([]);
  });

  it("starts streaming before the query has finished", async () => {
    const started = Date.now();
    const response = await post(`/syncs/${ids.slow}/dry-runs`);
    expect(Date.now() - started).toBeLessThan(2_000);
    expect((await lines(response)).at(-1)).toMatchObject({ type: "summary", rowsRead: 2 });
  });

  it("stops the query when the caller goes away, and gives its slot back", async () => {
    const stuck = await json("/syncs", {
      sourceId: ids.source,
      databaseId: ids.database,
      type: "identify",
      frequencyMinutes: 60,
      destinationIds: [ids.destination],
      enabled: false,
      name: "Stuck",
      query: `WITH pause AS (SELECT pg_sleep(60)) SELECT id AS "userId" FROM users WHERE EXISTS (SELECT 1 FROM pause)`,
    });
    const sleeping = async () => {
      const client = new pg.Client({ connectionString: postgres.url });
      await client.connect();
      const { rows } = await client.query("SELECT count(*)::int AS n FROM pg_stat_activity WHERE query LIKE '%pg_sleep(60)%' AND pid <> pg_backend_pid()");
      await client.end();
      return (rows[0] as { n: number }).n;
    };
    const callers = [new AbortController(), new AbortController()];
    const replies = await Promise.all(callers.map((caller) => fetch(`${app.url}/api/v1/syncs/${stuck}/dry-runs`, { method: "POST", headers: { authorization: `Bearer ${app.token}` }, signal: caller.signal })));
    for (const reply of replies) await reply.body!.getReader().read(); // the first line
    await expect.poll(sleeping, { timeout: 10_000 }).toBe(2);
    callers.forEach((caller) => caller.abort());
    await expect.poll(sleeping, { timeout: 10_000 }).toBe(0);
    // Both slots are free again.
    await expect.poll(async () => (await post(`/syncs/${ids.sync}/dry-runs`)).status, { timeout: 10_000 }).toBe(200);
  });

  it("is refused with 409 while a run of the sync is going", async () => {
    const run = await post(`/syncs/${ids.slow}/runs`);
    expect(run.status).toBe(202);
    const refused = await errorCode(await post(`/syncs/${ids.slow}/dry-runs`), 409);
    expect(refused).toEqual({ code: "conflict", message: "A run of this sync is going; start the dry run once it has finished." });
    await expect.poll(async () => (await runsOf(ids.slow)).map((item) => item.status), { timeout: 30_000 }).toEqual(["succeeded"]);
    receiver.reset();
  });

  it("lets 2 go at once and refuses a third with 429", async () => {
    const going = await Promise.all([post(`/syncs/${ids.slow}/dry-runs`), post(`/syncs/${ids.slow}/dry-runs`)]);
    expect((await errorCode(await post(`/syncs/${ids.sync}/dry-runs`), 429)).code).toBe("too_many_requests");
    for (const response of going) expect((await lines(response)).at(-1)).toMatchObject({ type: "summary" });
    expect((await lines(await post(`/syncs/${ids.sync}/dry-runs`))).at(-1)).toMatchObject({ type: "summary" });
  });
});

describe("POST /api/v1/dry-runs", () => {
  it("dry-runs a sync not saved yet, and names what is wrong with one (422)", async () => {
    const draft = { databaseId: ids.database, type: "identify", query: `SELECT id AS "userId" FROM users WHERE id IS NOT NULL`, destinationIds: [ids.destination] };
    const result = await lines(await post("/dry-runs", { body: draft, token: memberToken }));
    expect(result.at(-1)).toMatchObject({ type: "summary", rowsRead: 2, calls: 2 });
    const invalid = await errorCode(await post("/dry-runs", { body: { ...draft, type: "nope", query: "" } }), 422);
    expect(invalid.code).toBe("invalid_input");
    expect(receiver.requests).toHaveLength(0);
  });
});
