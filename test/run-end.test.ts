// How a run ends when it fails, is cancelled or loses its sync mid-way: against a real PostgreSQL
// source and a real, slow HTTP receiver.
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import type { Db } from "../lib/db";
import { startEngineFixture, type EngineFixture } from "./support/engine-fixture";
import type { Receiver } from "./support/receiver";

let fixture: EngineFixture;
let receiver: Receiver;
let app: Db;
/** Requests the receiver has started answering and not yet answered. */
let open = 0;

const SLOW_MS = 1_500;

beforeAll(async () => {
  fixture = await startEngineFixture();
  ({ receiver, app } = fixture);
  await fixture.sql(`CREATE TABLE people AS SELECT g AS id, 'person' || g || '@example.com' AS email FROM generate_series(1, 20000) g`);
});

afterAll(() => fixture?.stop());

beforeEach(() => {
  receiver.reset();
  open = 0;
  receiver.respondWith(async () => {
    open++;
    await new Promise((resolve) => setTimeout(resolve, SLOW_MS));
    open--;
    return { status: 200, body: {} };
  });
});

async function newSync(query: string) {
  const { createSync } = await import("../lib/syncs/create-sync");
  return createSync({ sourceId: fixture.sourceId, databaseId: fixture.databaseId, name: "People", type: "identify", query, frequencyMinutes: 60, destinationIds: [fixture.destinationId] });
}

async function until(condition: () => boolean, timeoutMs = 30_000) {
  const end = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > end) throw new Error("timed out waiting");
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

const received = () => receiver.requests.flatMap((request) => (request.json as { batch: unknown[] }).batch).length;

describe("a run whose source read fails while batches are in flight", () => {
  it("ends only once those batches are answered, and counts them", async () => {
    // The source reads pages of 2,000 rows: rows 1–6,000 come back, the page with row 6,001 fails.
    // By then two batches of 2,500 calls are at the receiver, each answered after 1.5 s.
    // No ORDER BY: a sort would compute every row before the first page.
    const sync = await newSync("SELECT id AS userId, email, 1 / (id - 6001) AS x FROM people");
    const { runSyncNow } = await import("../lib/runs/run-sync-now");
    const { isSyncRunning } = await import("../lib/engine/active-runs");
    const run = await runSyncNow(sync.id);
    await run.done;
    const openWhenDone = open;
    const runningWhenDone = isSyncRunning(sync.id);
    const ended = await app.syncRun.findUniqueOrThrow({ where: { id: run.id } });
    expect(ended.status).toBe("failed");
    expect(ended.error).toMatch(/division by zero/);
    expect({ openWhenDone, runningWhenDone }).toEqual({ openWhenDone: 0, runningWhenDone: false });
    expect(receiver.requests.length).toBe(2);
    expect(ended.rowsSucceeded).toBe(5_000);
    expect(ended.rowsSucceeded).toBe(received());
  });
});

describe("a run whose sync is deleted while it goes", () => {
  it("resolves, logging once, with no unhandled rejection", async () => {
    const sync = await newSync("SELECT id AS userId, email FROM people ORDER BY id");
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => unhandled.push(reason);
    process.on("unhandledRejection", onUnhandled);
    const { log } = await import("../lib/observability/log");
    const logged = vi.spyOn(log(), "error").mockImplementation(() => {});
    try {
      const { runSyncNow } = await import("../lib/runs/run-sync-now");
      const run = await runSyncNow(sync.id);
      await until(() => receiver.requests.length >= 1);
      await app.sync.delete({ where: { id: sync.id } });
      expect(await app.syncRun.count({ where: { id: run.id } })).toBe(0);
      const settled = await run.done.then(
        () => "resolved",
        (error: unknown) => `rejected: ${String(error)}`,
      );
      await new Promise((resolve) => setTimeout(resolve, 100)); // an unhandled rejection is reported on a later tick
      expect(settled).toBe("resolved");
      expect(unhandled).toEqual([]);
      expect(logged).toHaveBeenCalledTimes(1);
      expect(String(logged.mock.calls[0][0])).toMatch(new RegExp(`run ${run.id} of sync ${sync.id} ended \\(failed\\) after its run record was deleted`));
    } finally {
      process.off("unhandledRejection", onUnhandled);
      logged.mockRestore();
    }
  });
});

describe("a run cancelled while it goes", () => {
  it("ends as cancelled, with the reason as its error", async () => {
    const sync = await newSync("SELECT id AS userId, email FROM people ORDER BY id");
    const { runSyncNow } = await import("../lib/runs/run-sync-now");
    const { cancelSyncRun } = await import("../lib/engine/active-runs");
    const run = await runSyncNow(sync.id);
    await until(() => receiver.requests.length >= 1);
    cancelSyncRun(sync.id, "The sync was disabled");
    await run.done;
    const ended = await app.syncRun.findUniqueOrThrow({ where: { id: run.id } });
    expect({ status: ended.status, error: ended.error }).toEqual({ status: "cancelled", error: "Cancelled: The sync was disabled." });
    expect((await app.sync.findUniqueOrThrow({ where: { id: sync.id } })).lastSyncTime).toBe(0);
  });
});
