// The scheduler against a real PostgreSQL source and a real HTTP receiver.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "../lib/db";
import { startEngineFixture, type EngineFixture } from "./support/engine-fixture";
import type { Receiver } from "./support/receiver";

let fixture: EngineFixture;
let receiver: Receiver;
let app: Db;
let sourceId: string;
let databaseId: string;
let destinationId: string;

beforeAll(async () => {
  fixture = await startEngineFixture();
  ({ receiver, app, sourceId, databaseId, destinationId } = fixture);
});

afterAll(() => fixture?.stop());

async function newSync(query: string) {
  const { createSync } = await import("../lib/syncs/create-sync");
  return createSync({ sourceId, databaseId, name: "s", type: "identify", query, frequencyMinutes: 1, destinationIds: [destinationId] });
}

async function settled(runId: string) {
  for (let i = 0; i < 200; i++) {
    const run = await app.syncRun.findUniqueOrThrow({ where: { id: runId } });
    if (run.status !== "running") return run;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`run ${runId} did not finish`);
}

describe("scheduler", () => {
  it("records a skipped run when a sync comes due while its last run is going", async () => {
    const { runDueSyncs } = await import("../lib/engine/scheduler");
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    receiver.respondWith(async () => {
      await held;
      return { status: 200, body: {} };
    });
    const sync = await newSync("SELECT 1 AS userId");
    const now = new Date();
    const [first] = await runDueSyncs(app, now);
    await app.sync.update({ where: { id: sync.id }, data: { nextRunAt: new Date(now.getTime() - 1000) } });
    const [second] = await runDueSyncs(app, new Date(now.getTime() + 60_000));
    const skipped = await app.syncRun.findUniqueOrThrow({ where: { id: second } });
    expect(skipped.status).toBe("skipped");
    expect(skipped.error).toMatch(/previous run of this sync was still going/);
    release();
    expect((await settled(first)).status).toBe("succeeded");
    const after = await app.sync.findUniqueOrThrow({ where: { id: sync.id } });
    const firstRun = await app.syncRun.findUniqueOrThrow({ where: { id: first } });
    // The skipped run does not move last_sync_time; the finished one does.
    expect(after.lastSyncTime).toBe(Math.floor(firstRun.startedAt.getTime() / 1000));
    receiver.reset();
  });

  it("does not advance last_sync_time when a run fails, and does once it succeeds", async () => {
    const { runDueSyncs } = await import("../lib/engine/scheduler");
    const { updateSync } = await import("../lib/syncs/update-sync");
    const sync = await newSync("SELECT id AS userId FROM missing_table WHERE 1 > {{last_sync_time}}");
    const [failedId] = await runDueSyncs(app, new Date());
    const failed = await settled(failedId);
    expect(failed.status).toBe("failed");
    expect(failed.error).toContain('relation "missing_table" does not exist');
    expect((await app.sync.findUniqueOrThrow({ where: { id: sync.id } })).lastSyncTime).toBe(0);

    await updateSync(sync.id, { query: "SELECT 7 AS userId WHERE 1 > {{last_sync_time}} - 1" });
    await app.sync.update({ where: { id: sync.id }, data: { nextRunAt: new Date(Date.now() - 1000) } });
    const [okId] = await runDueSyncs(app, new Date());
    const ok = await settled(okId);
    expect(ok).toMatchObject({ status: "succeeded", lastSyncTime: 0, rowsSucceeded: 1 });
    expect((await app.sync.findUniqueOrThrow({ where: { id: sync.id } })).lastSyncTime).toBe(Math.floor(ok.startedAt.getTime() / 1000));
  });

  it("only runs enabled syncs whose time has come", async () => {
    const { runDueSyncs } = await import("../lib/engine/scheduler");
    const { updateSync } = await import("../lib/syncs/update-sync");
    await app.sync.updateMany({ data: { enabled: false } });
    const later = await newSync("SELECT 1 AS userId");
    await updateSync(later.id, { startAt: new Date(Date.now() + 3_600_000) });
    const disabled = await newSync("SELECT 2 AS userId");
    await updateSync(disabled.id, { enabled: false });
    expect(await runDueSyncs(app, new Date())).toEqual([]);
  });

  it("closes runs left running by a process that died, as interrupted", async () => {
    const { closeInterruptedRuns } = await import("../lib/engine/scheduler");
    const sync = await newSync("SELECT 1 AS userId");
    const run = await app.syncRun.create({ data: { syncId: sync.id, status: "running" } });
    await closeInterruptedRuns(app);
    const closed = await app.syncRun.findUniqueOrThrow({ where: { id: run.id } });
    expect(closed.status).toBe("interrupted");
    expect(closed.error).toMatch(/^Interrupted/);
    expect((await app.sync.findUniqueOrThrow({ where: { id: sync.id } })).lastSyncTime).toBe(0);
  });

  it("observes its lag, from a run's due time to its start, for GET /metrics", async () => {
    const { runDueSyncs } = await import("../lib/engine/scheduler");
    const { metrics } = await import("../lib/observability/metrics");
    const lag = async () => (await metrics().schedulerLag.get()).values;
    const before = (await lag()).find((v) => v.metricName === "tidewater_scheduler_lag_seconds_count")?.value ?? 0;
    receiver.respondWith(() => ({ status: 200, body: {} }));
    const sync = await newSync("SELECT 'u1' AS userId");
    // Only this sync is due: the earlier tests' syncs would come due too.
    await app.sync.updateMany({ where: { id: { not: sync.id } }, data: { enabled: false } });
    await app.sync.update({ where: { id: sync.id }, data: { nextRunAt: new Date(Date.now() - 3_000) } });
    const [runId] = await runDueSyncs(app, new Date());
    await settled(runId);
    const values = await lag();
    expect(values.find((v) => v.metricName === "tidewater_scheduler_lag_seconds_count")?.value).toBe(before + 1);
    expect(values.find((v) => v.metricName === "tidewater_scheduler_lag_seconds_sum")?.value).toBeGreaterThanOrEqual(3);
  });
});
