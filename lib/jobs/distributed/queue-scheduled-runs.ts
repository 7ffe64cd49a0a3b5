import { randomUUID } from "node:crypto";
import type pg from "pg";
import type PgBoss from "pg-boss";
import { noteRunsEnded } from "../../alerts/evaluate-alerts";
import type { Db } from "../../db";
import { SKIPPED_WHILE_GOING } from "../../engine/run-sync";
import { IN_PROGRESS_STATUSES } from "../../runs/run-status";
import { JOBS_SCHEMA, RUN_QUEUE, type RunJob } from "./boss";

export type QueuedCount = { queued: number; skipped: number };

/**
 * Queues the scheduled runs of the syncs a tick took, in a few statements for all of them (one
 * `queueRun` each cost four round trips per sync, and 1,000 syncs due at once waited seconds just to
 * be queued). The rules are queueRun's: a sync with a run queued or going gets a skipped run; a job
 * refused by the run queue's singleton (another process queued one meanwhile) turns its run skipped.
 */
export async function queueScheduledRuns(database: Db, pool: pg.Pool, boss: PgBoss, syncIds: readonly string[]): Promise<QueuedCount> {
  if (syncIds.length === 0) return { queued: 0, skipped: 0 };
  const { rows: syncs } = await pool.query<{ id: string; lastSyncTime: number; busy: boolean }>(
    `SELECT s.id, s."lastSyncTime",
            EXISTS (SELECT 1 FROM "SyncRun" AS r WHERE r."syncId" = s.id AND r.status = ANY($2)) AS busy
       FROM "Sync" AS s WHERE s.id = ANY($1)`,
    [syncIds, IN_PROGRESS_STATUSES],
  );
  const free = syncs.filter((sync) => !sync.busy);
  const busy = syncs.filter((sync) => sync.busy);
  const runs = await database.syncRun.createManyAndReturn({
    data: free.map((sync) => ({ syncId: sync.id, status: "queued", trigger: "schedule", lastSyncTime: sync.lastSyncTime })),
    select: { id: true, syncId: true },
  });
  const queuedAt = Date.now();
  const jobs = runs.map((run) => ({ id: randomUUID(), name: RUN_QUEUE, data: { runId: run.id, syncId: run.syncId, queuedAt } satisfies RunJob, singletonKey: run.syncId }));
  if (jobs.length > 0) await boss.insert(jobs);
  // pg-boss's insert returns nothing: which jobs the singleton let in is asked of its table.
  const { rows: inserted } = jobs.length
    ? await pool.query<{ id: string }>(`SELECT id FROM ${JOBS_SCHEMA}.job WHERE name = $1 AND id = ANY($2::uuid[])`, [RUN_QUEUE, jobs.map((job) => job.id)])
    : { rows: [] };
  const taken = new Set(inserted.map((row) => row.id));
  const refused = jobs.filter((job) => !taken.has(job.id)).map((job) => job.data.runId);
  const now = new Date();
  if (refused.length > 0) {
    await database.syncRun.updateMany({
      where: { id: { in: refused }, status: "queued" },
      data: { status: "skipped", startedAt: now, finishedAt: now, error: SKIPPED_WHILE_GOING },
    });
  }
  const skipped = busy.length
    ? await database.syncRun.createManyAndReturn({
        data: busy.map((sync) => ({ syncId: sync.id, status: "skipped", trigger: "schedule", startedAt: now, finishedAt: now, lastSyncTime: sync.lastSyncTime, error: SKIPPED_WHILE_GOING })),
        select: { id: true },
      })
    : [];
  noteRunsEnded(database, [...refused, ...skipped.map((run) => run.id)]);
  return { queued: taken.size, skipped: refused.length + busy.length };
}
