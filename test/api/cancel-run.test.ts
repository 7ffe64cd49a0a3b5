// POST /api/v1/runs/{id}/cancel against the production build (embedded mode: SQLite, one process):
// a run really going (its batch held by a receiver that never answers) is stopped, a queued one
// never starts, and a run held by
// another process gets the cancel request its worker polls. Runs the app cannot make on its own here
// (queued, or going on a worker) are written into the served app's database, as a worker would.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as R from "../../lib/openapi/responses";
import type { Db } from "../../lib/db";
import { startReceiver, type Receiver } from "../support/receiver";
import { startAppServer, type AppServer } from "./support/app-server";
import { createMember, signInCookie } from "./support/session-cookie";

const MEMBER = { email: "canceller@example.com", password: "member-password-1", name: "Member" };
const MEMBER_TOKEN_NAME = "member script";
let app: AppServer;
/** Holds every batch without answering, so a run stays in delivery until it is cancelled. */
let receiver: Receiver;
let database: Db;
let memberToken: string;
let memberCookie: string;
let syncId: string;

type Reply = { status: number; body: any; text: string };

async function call(method: string, route: string, options: { token?: string | null; headers?: Record<string, string>; body?: unknown } = {}): Promise<Reply> {
  const token = options.token === undefined ? app.token : options.token;
  const response = await fetch(`${app.url}/api/v1${route}`, {
    method,
    headers: {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(options.body !== undefined ? { "content-type": "application/json" } : {}),
      ...options.headers,
    },
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
  });
  const text = await response.text();
  return { status: response.status, text, body: response.headers.get("content-type")?.includes("json") ? JSON.parse(text) : undefined };
}

const cancel = (runId: string, options: Parameters<typeof call>[2] = {}) => call("POST", `/runs/${runId}/cancel`, options);
const getRun = async (runId: string) => R.ZRunResponseSchema.parse((await call("GET", `/runs/${runId}`)).body);

function expectError(reply: Reply, status: number, code: string) {
  expect(reply.status, reply.text).toBe(status);
  expect(R.ZErrorResponseSchema.parse(reply.body).error.code).toBe(code);
}

/** A run row as a worker process leaves it: waiting in the queue, or going on that worker. */
const insertRun = async (status: "queued" | "running") =>
  (await database.syncRun.create({ data: { syncId, status, trigger: "manual", ...(status === "running" ? { workerId: "worker-elsewhere", heartbeatAt: new Date() } : {}) } })).id;

beforeAll(async () => {
  [app, receiver] = await Promise.all([startAppServer(), startReceiver(() => new Promise(() => {}))]);
  const member = await createMember(app.dataDir, MEMBER.email, MEMBER.password);
  // createMember pointed lib/db at the served app's SQLite file.
  const { db } = await import("../../lib/db");
  const { createApiToken } = await import("../../lib/auth/api-tokens");
  memberToken = (await createApiToken(member.id, MEMBER_TOKEN_NAME)).token;
  database = db();
  memberCookie = await signInCookie(app.url, MEMBER.email, MEMBER.password);

  const { sources } = (await call("GET", "/sources")).body as { sources: { id: string; kind: string; databases: { id: string }[] }[] };
  const demo = sources.find((source) => source.kind === "demo")!;
  const destination = await call("POST", "/destinations", { body: { name: "Silent receiver", kind: "http-batch", config: { url: receiver.url, writeKey: "wk_cancel" } } });
  expect(destination.status, destination.text).toBe(201);
  const created = await call("POST", "/syncs", {
    body: {
      name: "Undelivered",
      type: "track",
      query: `SELECT 'u1' AS "userId", 'Waited' AS event`,
      frequencyMinutes: 60,
      sourceId: demo.id,
      databaseId: demo.databases[0].id,
      destinationIds: [destination.body.id],
    },
  });
  expect(created.status, created.text).toBe(201);
  syncId = created.body.id;
}, 600_000);

afterAll(async () => {
  await database?.$disconnect();
  await Promise.all([app?.stop(), receiver?.stop()]);
});

describe("POST /api/v1/runs/{id}/cancel", () => {
  let cancelledRunId: string;

  it("stops a running run: 202 with the cancel request, then within 5 s the run is cancelled and last_sync_time stays", async () => {
    const started = await call("POST", `/syncs/${syncId}/runs`);
    expect(started.status, started.text).toBe(202);
    cancelledRunId = started.body.id;
    // Going for real: its batch is at the receiver, waiting for an answer that never comes.
    await expect.poll(() => receiver.requests.length, { timeout: 30_000 }).toBe(1);
    expect((await getRun(cancelledRunId)).status).toBe("running");

    const asked = Date.now();
    const reply = await cancel(cancelledRunId, { token: memberToken });
    expect(reply.status, reply.text).toBe(202);
    const reason = `cancelled by the API token "${MEMBER_TOKEN_NAME}"`;
    expect(R.ZRunResponseSchema.parse(reply.body)).toMatchObject({ id: cancelledRunId, cancelReason: reason, cancelRequestedAt: expect.any(String) });

    let run = await getRun(cancelledRunId);
    while (run.status === "running" && Date.now() - asked < 5_000) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      run = await getRun(cancelledRunId);
    }
    expectCancelled(run, reason);
    expect(run.finishedAt).not.toBeNull();
    expect((await call("GET", `/syncs/${syncId}`)).body.lastSyncTime).toBe(0);
  });

  it("refuses a run that has ended (409)", async () => {
    const reply = await cancel(cancelledRunId);
    expectError(reply, 409, "conflict");
    expect(reply.body.error.message).toBe("This run has already ended.");
  });

  it("cancels a queued run at once, naming the member who did it (session, from the app's own origin)", async () => {
    const runId = await insertRun("queued");
    const reply = await cancel(runId, { token: null, headers: { cookie: memberCookie, origin: app.url } });
    expect(reply.status, reply.text).toBe(202);
    const run = R.ZRunResponseSchema.parse(reply.body);
    expect(run).toMatchObject({ status: "cancelled", error: `Cancelled: cancelled by ${MEMBER.name}.`, cancelReason: `cancelled by ${MEMBER.name}` });
    expect(run.finishedAt).not.toBeNull();
    expect(await getRun(runId)).toMatchObject({ status: "cancelled" });
    // A worker's start is conditional on the run still being queued: it finds nothing to start.
    expect((await database.syncRun.updateMany({ where: { id: runId, status: "queued" }, data: { status: "running" } })).count).toBe(0);
    expectError(await cancel(runId), 409, "conflict");
  });

  it("asks a run going on another process to stop; asking again keeps the first request", async () => {
    const runId = await insertRun("running");
    const first = await cancel(runId);
    expect(first.status, first.text).toBe(202);
    const requested = R.ZRunResponseSchema.parse(first.body);
    expect(requested).toMatchObject({ status: "running", cancelReason: 'cancelled by the API token "TIDEWATER_API_TOKEN"' });
    const row = await database.syncRun.findUniqueOrThrow({ where: { id: runId } });
    expect(row.cancelRequestedAt?.toISOString()).toBe(requested.cancelRequestedAt);

    const again = await cancel(runId, { token: memberToken });
    expect(again.status, again.text).toBe(202);
    expect(again.body).toMatchObject({ cancelReason: requested.cancelReason, cancelRequestedAt: requested.cancelRequestedAt });
    // The worker would now stop and record the end; stand in for it so nothing stays running.
    await database.syncRun.update({ where: { id: runId }, data: { status: "cancelled", finishedAt: new Date() } });
  });

  it("refuses a cookie-borne cancel from another site (403) and without credentials (401); the run stays queued", async () => {
    const runId = await insertRun("queued");
    expectError(await cancel(runId, { token: null, headers: { cookie: memberCookie, origin: "https://evil.example" } }), 403, "forbidden");
    expectError(await cancel(runId, { token: null }), 401, "unauthorized");
    expect((await getRun(runId)).status).toBe("queued");
    await database.syncRun.delete({ where: { id: runId } });
  });

  it("answers 404 for an unknown run", async () => {
    expectError(await cancel("nope"), 404, "not_found");
  });
});

/** Ended by the cancel, with the reason that names who asked. */
function expectCancelled(run: { status: string; error?: string | null }, reason: string) {
  expect(run.error).toBe(`Cancelled: ${reason}.`);
  expect(run.status).toBe("cancelled");
}
