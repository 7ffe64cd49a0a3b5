import type PgBoss from "pg-boss";
import { noteRunsEnded } from "../../alerts/evaluate-alerts";
import type { Db } from "../../db";
import { skippedReason, skipsWhenBusy, SyncBusyError, type RunOrigin, type RunTrigger } from "../../engine/run-sync";
import { IN_PROGRESS_STATUSES } from "../../runs/run-status";
import { RUN_QUEUE, type RunJob } from "./boss";

const BUSY = "A run of this sync is already going; wait for it to finish.";

/**
 * Queues a run of a sync as a pg-boss job any worker may take. While a run of the sync is queued or
 * going, a scheduled or chained one is recorded as skipped and one someone asked for refused with SyncBusyError.
 */
export async function queueRun(database: Db, boss: PgBoss, syncId: string, trigger: RunTrigger, origin: RunOrigin = {}): Promise<{ id: string; status: "queued" | "skipped" }> {
  const sync = await database.sync.findUniqueOrThrow({ where: { id: syncId }, select: { lastSyncTime: true } });
  if (await hasRunInProgress(database, syncId)) {
    return skipOrRefuse(database, syncId, trigger, sync.lastSyncTime, origin);
  }
  const run = await database.syncRun.create({ data: { syncId, status: "queued", trigger, lastSyncTime: sync.lastSyncTime, ...origin } });
  const job: RunJob = { runId: run.id, syncId };
  // null: another process queued one for this sync in the meantime.
  if (await boss.send(RUN_QUEUE, job, { singletonKey: syncId })) return { id: run.id, status: "queued" };
  await database.syncRun.delete({ where: { id: run.id } });
  return skipOrRefuse(database, syncId, trigger, sync.lastSyncTime, origin);
}

export async function hasRunInProgress(database: Db, syncId: string): Promise<boolean> {
  return (await database.syncRun.findFirst({ where: { syncId, status: { in: [...IN_PROGRESS_STATUSES] } }, select: { id: true } })) !== null;
}

async function skipOrRefuse(database: Db, syncId: string, trigger: RunTrigger, lastSyncTime: number, origin: RunOrigin) {
  if (!skipsWhenBusy(trigger)) throw new SyncBusyError(BUSY);
  const now = new Date();
  const run = await database.syncRun.create({
    data: { syncId, status: "skipped", trigger, startedAt: now, finishedAt: now, lastSyncTime, error: skippedReason(trigger), ...origin },
  });
  noteRunsEnded(database, [run.id]);
  return { id: run.id, status: "skipped" as const };
}
