import type PgBoss from "pg-boss";
import { noteRunsEnded } from "../../alerts/evaluate-alerts";
import type { Db } from "../../db";
import { claimSync, isDraining, releaseSync, trackRunCompletion } from "../../engine/active-runs";
import { performRun } from "../../engine/perform-run";
import { log } from "../../observability/log";
import { recordSchedulerLag, recordSkippedRun } from "../../observability/metrics";
import { skippedReason, type RunTrigger } from "../../engine/run-sync";
import { RUN_QUEUE, type RunJob } from "./boss";
import type { RunWatch } from "./run-watch";
import type { SyncLocks } from "./sync-locks";

export type WorkerContext = { database: Db; boss: PgBoss; locks: SyncLocks; watch: RunWatch; workerId: string };

/**
 * Takes a queued run: the sync's advisory lock first (else a run of it is going somewhere: skipped),
 * then queued → running, which fails if the run was cancelled while it waited. The lock is held until
 * the run has recorded its end.
 */
export async function runJob(context: WorkerContext, job: RunJob): Promise<void> {
  const { database, locks, watch } = context;
  const { runId, syncId } = job;
  if (isDraining()) {
    // Shutting down: give the run back to the queue for another worker.
    await context.boss.send(RUN_QUEUE, job, { singletonKey: syncId });
    return;
  }
  const signals = claimSync(syncId, runId);
  if (!signals) return skip(database, job);
  let locked = false;
  try {
    locked = await locks.tryLock(syncId);
    if (!locked) return await skip(database, job);
    const sync = await database.sync.findUnique({ where: { id: syncId }, select: { lastSyncTime: true } });
    const startedAt = new Date();
    const claimed = await database.syncRun.updateMany({
      where: { id: runId, status: "queued" },
      data: { status: "running", startedAt, workerId: context.workerId, heartbeatAt: startedAt, lastSyncTime: sync?.lastSyncTime ?? 0 },
    });
    if (!sync || claimed.count === 0) return;
    if (job.queuedAt) recordSchedulerLag(job.queuedAt);
    watch.add(runId, syncId);
    const done = performRun(database, { syncId, runId, startedAt, lastSyncTime: sync.lastSyncTime, signals });
    trackRunCompletion(syncId, runId, done);
    await done;
  } finally {
    watch.remove(runId);
    if (locked) await locks.unlock(syncId).catch((error) => log().error(`[tidewater] could not release a sync lock: ${error.message}`));
    releaseSync(syncId, runId);
  }
}

async function skip(database: Db, { runId, syncId }: RunJob) {
  const run = await database.syncRun.findUnique({ where: { id: runId }, select: { trigger: true } });
  const error = skippedReason((run?.trigger ?? "schedule") as RunTrigger);
  const { count } = await database.syncRun.updateMany({ where: { id: runId, status: "queued" }, data: { status: "skipped", finishedAt: new Date(), error } });
  if (count > 0) {
    recordSkippedRun(syncId);
    noteRunsEnded(database, [runId]);
  }
}
