// 3 workers + 1 web on one PostgreSQL app database, 40 syncs due at the same second: every due run
// happens exactly once, no two runs of one sync overlap, and a sync still running when it comes due
// again gets one skipped run for that due time.
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from "vitest";
import { startCluster, type Cluster } from "../support/cluster";
import { createSync, createWebhook, runRowsOf, waitFor, type RunRow } from "../support/cluster-syncs";
import { startSerialReceiver, type SerialReceiver } from "../support/serial-receiver";

const SYNCS = 40;
const SLOW = 4;
const ROWS = 10;
const MINUTE = 60_000;
/** A slow sync's run: ROWS requests held this long each, so it outlasts its 1-minute frequency. */
const SLOW_REQUEST_MS = 6_600;

let cluster: Cluster;
let receiver: SerialReceiver;

beforeAll(async () => {
  [cluster, receiver] = await Promise.all([startCluster({ workers: 3 }), startSerialReceiver()]);
  receiver.setDefaultDelay(20);
  await cluster.sourceDb.query(`CREATE TABLE items (id int PRIMARY KEY); INSERT INTO items SELECT generate_series(1, ${ROWS})`);
}, 240_000);

afterAll(async () => {
  await cluster?.stop();
  await receiver?.stop();
});

// now() is the read's transaction start: the same for every row of one run, different for each run.
const QUERY = `SELECT 'u' || id AS "userId", now()::text AS run_at FROM items ORDER BY id`;
const runOf = (call: { traits?: Record<string, unknown> }) => call.traits?.run_at;

describe("40 syncs due at once on 3 workers", () => {
  it("runs every due run exactly once, never two of one sync at a time, and records each skipped run once", async () => {
    onTestFailed(() => console.error(cluster.logs()));
    const keys = Array.from({ length: SYNCS }, (_, i) => `sync-${i}`);
    const slowKeys = new Set(keys.slice(0, SLOW));
    for (const key of slowKeys) receiver.setDelay(key, SLOW_REQUEST_MS);
    const destinations = await Promise.all(keys.map((key) => createWebhook(cluster, key, receiver.url(key))));
    const syncIds = await Promise.all(keys.map((key, i) => createSync(cluster, { name: key, query: QUERY, destinationIds: [destinations[i]], frequencyMinutes: 1 })));
    // Made for later through the API (that takes a while on a busy machine), then all due at the same second.
    const dueAt = new Date(Math.ceil((Date.now() + 2_000) / 1000) * 1000);
    await cluster.appDb.query(`UPDATE "Sync" SET "startAt" = $1, "nextRunAt" = $1 WHERE id = ANY($2)`, [dueAt, syncIds]);
    const keyOf = new Map(syncIds.map((id, i) => [id, keys[i]]));
    const isSlow = (run: RunRow) => slowKeys.has(keyOf.get(run.syncId)!);
    const secondDue = dueAt.getTime() + MINUTE;

    // Done when each fast sync ran at both due times and each slow one finished its first run
    // (after the second due time, so its skip is recorded).
    const runs = await waitFor(
      "both due times' runs",
      async () => {
        const rows = await runRowsOf(cluster, syncIds);
        const done = rows.filter((run) => ["succeeded", "failed", "cancelled", "interrupted"].includes(run.status));
        const fastDone = done.filter((run) => !isSlow(run) && run.startedAt.getTime() >= secondDue).length;
        const slowDone = done.filter(isSlow).length;
        return fastDone === SYNCS - SLOW && slowDone === SLOW && Date.now() > secondDue + 3_000 && rows;
      },
      2 * MINUTE,
      cluster,
      500,
    );
    expect(Date.now(), "checked before the third due time").toBeLessThan(dueAt.getTime() + 2 * MINUTE);

    expect(receiver.overlaps()).toEqual([]);
    const workerIds = new Set<string>();
    for (const [syncId, key] of keyOf) {
      const mine = runs.filter((run) => run.syncId === syncId);
      const dueIndex = (run: RunRow) => Math.floor((run.startedAt.getTime() - dueAt.getTime()) / MINUTE);
      const summary = mine.map((run) => `${dueIndex(run)}:${run.status}`);
      const errors = mine.filter((run) => run.status !== "skipped" && run.error).map((run) => `${run.status}: ${run.error}`);
      expect(summary, `${key} ${errors.join("; ")}`).toEqual(slowKeys.has(key) ? ["0:succeeded", "1:skipped"] : ["0:succeeded", "1:succeeded"]);
      for (const run of mine.filter((r) => r.status === "succeeded")) {
        expect(run.rowsSucceeded, key).toBe(ROWS);
        expect(run.workerId, key).toMatch(/^.+:\d+(:[0-9a-f]+)?$/);
        workerIds.add(run.workerId!);
      }

      const calls = receiver.deliveries(key);
      const ran = mine.filter((run) => run.status === "succeeded").length;
      expect(calls.length, key).toBe(ROWS * ran);
      expect(new Set(calls.map((d) => d.call.messageId)).size, key).toBe(ROWS * ran);
      expect(new Set(calls.map((d) => runOf(d.call))).size, key).toBe(ran);
      expect(receiver.interleaved(key, runOf), `${key}: the calls of two runs interleave`).toBe(false);
    }
    // Every run was taken by one of the cluster's workers, and by more than one of them in all.
    for (const workerId of workerIds) expect(await cluster.workerById(workerId), workerId).toBeDefined();
    expect(workerIds.size).toBeGreaterThanOrEqual(2);
    // Runs starting together share the worker's lock connection without overlapping on it.
    for (const worker of cluster.workers) expect(worker.logs(), worker.name).not.toMatch(/DeprecationWarning/);
  }, 240_000);
});
