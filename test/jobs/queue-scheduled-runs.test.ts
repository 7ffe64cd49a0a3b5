// The scheduled runs of a tick are queued together, under queueRun's rules: a sync with a run in
// progress gets a skipped run, one whose job the run queue's singleton refuses too, the rest a job.
import type pg from "pg";
import type PgBoss from "pg-boss";
import { afterAll, beforeAll, expect, it } from "vitest";
import type { Db } from "../../lib/db";
import { startJobsDatabase, type JobsDatabase } from "../support/jobs-database";

let jobs: JobsDatabase;
let app: Db;
let pool: pg.Pool;
let boss: PgBoss;

beforeAll(async () => {
  jobs = await startJobsDatabase("23".repeat(32));
  ({ app, pool, boss } = jobs);
});

afterAll(() => jobs?.stop());

it("queues a job per free sync and records a skipped run for a busy one and for one the singleton refuses", async () => {
  const { seedDemo } = await import("../../lib/demo/seed-demo");
  await seedDemo(app);
  const [free, busy] = await app.sync.findMany({ orderBy: { name: "asc" } });
  const { id: _, ...copy } = busy;
  const refused = await app.sync.create({ data: { ...copy, name: `${busy.name} (copy)` } });
  await app.sync.update({ where: { id: free.id }, data: { lastSyncTime: 1_700_000_000 } });
  await app.syncRun.create({ data: { syncId: busy.id, status: "running" } });
  const { RUN_QUEUE } = await import("../../lib/jobs/distributed/boss");
  // Another process's job for this sync, its run row not written yet.
  expect(await boss.send(RUN_QUEUE, { runId: "elsewhere", syncId: refused.id }, { singletonKey: refused.id })).toBeTruthy();

  const { queueScheduledRuns } = await import("../../lib/jobs/distributed/queue-scheduled-runs");
  expect(await queueScheduledRuns(app, pool, boss, [free.id, busy.id, refused.id])).toEqual({ queued: 1, skipped: 2 });

  const runsOf = (syncId: string) => app.syncRun.findMany({ where: { syncId, trigger: "schedule" }, orderBy: { startedAt: "asc" } });
  const [queued] = await runsOf(free.id);
  expect(queued).toMatchObject({ status: "queued", lastSyncTime: 1_700_000_000 });
  const { SKIPPED_WHILE_GOING } = await import("../../lib/engine/run-sync");
  expect((await runsOf(busy.id)).map((run) => [run.status, run.error])).toEqual([
    ["running", null],
    ["skipped", SKIPPED_WHILE_GOING],
  ]);
  expect((await runsOf(refused.id)).map((run) => [run.status, run.error])).toEqual([["skipped", SKIPPED_WHILE_GOING]]);
  const jobs = await boss.fetch<{ runId: string; syncId: string; queuedAt?: number }>(RUN_QUEUE, { batchSize: 10 });
  const bySync = (a: { syncId: string }, b: { syncId: string }) => a.syncId.localeCompare(b.syncId);
  expect(jobs.map(({ data: { runId, syncId } }) => ({ runId, syncId })).sort(bySync)).toEqual(
    [{ runId: queued.id, syncId: free.id }, { runId: "elsewhere", syncId: refused.id }].sort(bySync),
  );
  // The scheduler's lag (GET /metrics) is measured from when the tick queued the run.
  expect(jobs.find((job) => job.data.runId === queued.id)?.data.queuedAt).toBeGreaterThan(Date.now() - 60_000);
});
