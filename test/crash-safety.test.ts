// kill -9 and SIGTERM in the middle of a run, against a real PostgreSQL and a real HTTP receiver.
import { spawn, type ChildProcess } from "node:child_process";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Db } from "../lib/db";
import { startEngineFixture, type EngineFixture } from "./support/engine-fixture";
import type { Receiver } from "./support/receiver";

const ROWS = 30_000; // 12 batches of 2,500
let fixture: EngineFixture;
let receiver: Receiver;
let app: Db;
let sourceId: string;
let databaseId: string;

beforeAll(async () => {
  fixture = await startEngineFixture();
  ({ receiver, app, sourceId, databaseId } = fixture);
  await fixture.sql(`CREATE TABLE people AS SELECT g AS id, 'person' || g || '@example.com' AS email FROM generate_series(1, ${ROWS}) g`);
});

afterAll(() => fixture?.stop());

beforeEach(() => {
  receiver.reset();
  // Slow enough that the run is still going when the test strikes.
  receiver.respondWith(async () => {
    await new Promise((resolve) => setTimeout(resolve, 150));
    return { status: 200, body: {} };
  });
});

async function newSync() {
  const { createDestination } = await import("../lib/destinations/create-destination");
  const { createSync } = await import("../lib/syncs/create-sync");
  const destination = await createDestination({ name: `r${Math.random()}`, kind: "http-batch", config: { url: receiver.url, writeKey: "k", concurrency: 1 } });
  return createSync({ sourceId, databaseId, name: "People", type: "identify", query: "SELECT id AS userId, email FROM people ORDER BY id", frequencyMinutes: 60, destinationIds: [destination.id] });
}

function startProcess(syncId: string): { child: ChildProcess; exited: Promise<number | null> } {
  const child = spawn(process.execPath, ["--import", "tsx", "test/support/sync-process.ts"], {
    env: { ...process.env, SYNC_ID: syncId, DRAIN_DEADLINE_MS: "10000" },
    stdio: ["ignore", "pipe", "inherit"],
  });
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  return { child, exited };
}

async function until(condition: () => boolean, timeoutMs = 60_000) {
  const end = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > end) throw new Error("timed out waiting");
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

const received = () => receiver.requests.flatMap((request) => (request.json as { batch: { userId: string; messageId: string }[] }).batch);

describe("a run killed with SIGKILL", () => {
  it("is marked interrupted on restart, last_sync_time stays, and the next run delivers every row at least once with stable messageIds", async () => {
    const sync = await newSync();
    const first = startProcess(sync.id);
    await until(() => receiver.requests.length >= 4);
    first.child.kill("SIGKILL");
    await first.exited;
    const killedAt = received().length;
    expect(killedAt).toBeLessThan(ROWS);

    const second = startProcess(sync.id);
    expect(await second.exited).toBe(0);
    const runs = await app.syncRun.findMany({ where: { syncId: sync.id }, orderBy: { startedAt: "asc" } });
    expect(runs.map((run) => run.status)).toEqual(["interrupted", "succeeded"]);
    expect(runs[1].lastSyncTime).toBe(0);
    const calls = received();
    expect(new Set(calls.map((call) => call.userId)).size).toBe(ROWS);
    expect(new Set(calls.map((call) => call.messageId)).size).toBe(ROWS);
    expect(calls.length).toBeGreaterThan(ROWS); // some rows arrived twice: at least once, not exactly once
    expect((await app.sync.findUniqueOrThrow({ where: { id: sync.id } })).lastSyncTime).toBe(Math.floor(runs[1].startedAt.getTime() / 1000));
  });
});

describe("SIGTERM during a run", () => {
  it("finishes the batches in flight, records the run as interrupted with exact counts, and exits", async () => {
    const sync = await newSync();
    const proc = startProcess(sync.id);
    await until(() => receiver.requests.length >= 3);
    proc.child.kill("SIGTERM");
    expect(await proc.exited).toBe(0);
    const [run] = await app.syncRun.findMany({ where: { syncId: sync.id } });
    expect(run.status).toBe("interrupted");
    expect(run.error).toMatch(/shut down/);
    // Every row the run counts as delivered reached the receiver, and it stopped early.
    expect(run.rowsSucceeded).toBe(received().length);
    expect(run.rowsSucceeded).toBeLessThan(ROWS);
    expect((await app.sync.findUniqueOrThrow({ where: { id: sync.id } })).lastSyncTime).toBe(0);
  });
});
