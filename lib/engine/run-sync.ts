import { noteRunsEnded } from "../alerts/evaluate-alerts";
import { db, type Db } from "../db";
import { recordSkippedRun } from "../observability/metrics";
import { claimSync, isDraining, releaseSync, trackRunCompletion } from "./active-runs";
import { performRun } from "./perform-run";

/**
 * retry: Retry failed rows, a run of only the rows a run could not deliver. chain: the sync this one
 * runs after succeeded. webhook: an inbound trigger URL (dbt Cloud, an orchestrator).
 */
export type RunTrigger = "schedule" | "manual" | "retry" | "chain" | "webhook";
/** retryOfRunId: the run whose failed rows a retry sends; triggeredByRunId: the run whose success started a chained one. */
export type RunOrigin = { retryOfRunId?: string; triggeredByRunId?: string };

/**
 * Runs that come due (a schedule, a chain, an inbound trigger from dbt Cloud or an orchestrator) are
 * recorded as skipped while one is going; runs a person asked for are refused.
 */
export function skipsWhenBusy(trigger: RunTrigger): boolean {
  return trigger === "schedule" || trigger === "chain" || trigger === "webhook";
}
export type StartedRun = { runId: string; status: "running" | "skipped"; done: Promise<void> };

export class SyncBusyError extends Error {}

export const SKIPPED_WHILE_GOING = "Skipped: the previous run of this sync was still going.";
export const SKIPPED_CHAIN_WHILE_GOING =
  "Skipped: a run of this sync was still going when the sync it runs after succeeded. The chain stops here: the syncs after this one do not run this time.";

/** Why a run that came while another was going was skipped, as its run record says. */
export function skippedReason(trigger: RunTrigger): string {
  return trigger === "chain" ? SKIPPED_CHAIN_WHILE_GOING : SKIPPED_WHILE_GOING;
}

/**
 * Starts a run of a sync unless one is going. A scheduled run that comes due while the last one is
 * going is recorded as skipped (the data catches up next run); a manual one is refused with
 * SyncBusyError. `last_sync_time` advances to this run's start only when the run succeeds.
 */
export async function startSyncRun(syncId: string, trigger: RunTrigger, database: Db = db(), origin: RunOrigin = {}): Promise<StartedRun> {
  if (isDraining()) throw new SyncBusyError("Tidewater is shutting down; start the run again once it is back.");
  const sync = await database.sync.findUniqueOrThrow({ where: { id: syncId } });
  const startedAt = new Date();
  const run = await database.syncRun.create({
    data: { syncId, status: "running", trigger, startedAt, lastSyncTime: sync.lastSyncTime, ...origin },
  });
  const signals = claimSync(syncId, run.id);
  if (!signals) {
    if (!skipsWhenBusy(trigger)) {
      await database.syncRun.delete({ where: { id: run.id } });
      throw new SyncBusyError("A run of this sync is already going; wait for it to finish.");
    }
    await database.syncRun.update({
      where: { id: run.id },
      data: { status: "skipped", finishedAt: new Date(), error: skippedReason(trigger) },
    });
    recordSkippedRun(syncId);
    noteRunsEnded(database, [run.id]);
    return { runId: run.id, status: "skipped", done: Promise.resolve() };
  }
  const done = performRun(database, { syncId, runId: run.id, startedAt, lastSyncTime: sync.lastSyncTime, signals }).finally(() => releaseSync(syncId, run.id));
  trackRunCompletion(syncId, run.id, done);
  return { runId: run.id, status: "running", done };
}
