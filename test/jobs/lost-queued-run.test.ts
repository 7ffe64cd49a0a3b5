// A queued run whose pg-boss job is gone must not keep its sync busy for ever.
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
  jobs = await startJobsDatabase("22".repeat(32));
  ({ app, pool, boss } = jobs);
});

afterAll(() => jobs?.stop());

it("closes a queued run with no job as interrupted, and leaves one whose job waits; its sync's alert state turns failing", async () => {
  const { seedDemo } = await import("../../lib/demo/seed-demo");
  await seedDemo(app);
  const [first, second] = await app.sync.findMany({ orderBy: { name: "asc" } });
  const longAgo = new Date(Date.now() - 5 * 60_000);
  const lost = await app.syncRun.create({ data: { syncId: first.id, status: "queued", startedAt: longAgo } });
  const waiting = await app.syncRun.create({ data: { syncId: second.id, status: "queued", startedAt: longAgo } });
  const { RUN_QUEUE } = await import("../../lib/jobs/distributed/boss");
  expect(await boss.send(RUN_QUEUE, { runId: waiting.id, syncId: second.id }, { singletonKey: second.id })).toBeTruthy();
  const recent = await app.syncRun.create({ data: { syncId: first.id, status: "queued" } });

  const { sweepLostQueuedRuns, LOST_BEFORE_START } = await import("../../lib/jobs/distributed/sweep-interrupted");
  expect(await sweepLostQueuedRuns(app, pool)).toEqual([lost.id]);
  const { alertsSettled } = await import("../../lib/alerts/evaluate-alerts");
  await alertsSettled();
  expect(await app.alertState.findUnique({ where: { syncId: first.id } })).toMatchObject({ state: "failing", runId: lost.id });
  expect(await app.syncRun.findUniqueOrThrow({ where: { id: lost.id } })).toMatchObject({ status: "interrupted", error: LOST_BEFORE_START });
  expect((await app.syncRun.findUniqueOrThrow({ where: { id: waiting.id } })).status).toBe("queued");
  // Just queued: its job may be a moment behind its row.
  expect((await app.syncRun.findUniqueOrThrow({ where: { id: recent.id } })).status).toBe("queued");
});
