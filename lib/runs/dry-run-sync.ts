import { recordAudit } from "../audit/record-audit";
import { loadConnector } from "../connectors/registry";
import { db } from "../db";
import { openReadOnlySnapshot } from "../engine/change-tracking/open-snapshot";
import { loadRunPlan, RunPlanError } from "../engine/run-plan";
import { AppError, notFound } from "../errors";
import { jobRunner } from "../jobs/job-runner";
import { DRY_RUN_WHILE_RUNNING, dryRunResponse, dryRunTarget, prepareDryRun, takeDryRunSlot } from "./dry-run-stream";

/**
 * Dry run of a saved sync: its query with the `{{last_sync_time}}` a run would use now, its mapping
 * and, with change tracking, the diff against its snapshot (read-only); nothing is sent or recorded,
 * and neither `last_sync_time` nor the snapshot moves. Refused while a run of the sync is going
 * (the run is confirming rows into the snapshot the diff reads).
 */
export async function dryRunSync(syncId: string, callerGone?: AbortSignal): Promise<Response> {
  const sync = await db().sync.findUnique({ where: { id: syncId }, select: { name: true, lastSyncTime: true } });
  if (!sync) throw notFound("Sync");
  if (await (await jobRunner()).isRunning(syncId)) {
    throw new AppError("conflict", DRY_RUN_WHILE_RUNNING);
  }
  const release = takeDryRunSlot();
  try {
    const plan = await loadRunPlan(db(), syncId).catch((error: unknown) => {
      throw error instanceof RunPlanError ? new AppError("invalid_input", error.message) : error;
    });
    const connector = await loadConnector(plan.source.kind);
    await recordAudit({ action: "sync.dry_run", resource: { type: "sync", id: syncId, name: sync.name }, after: { lastSyncTime: sync.lastSyncTime } });
    return dryRunResponse(
      async () =>
        prepareDryRun(
          {
            syncId,
            type: plan.type,
            query: plan.query,
            lastSyncTime: sync.lastSyncTime,
            connector,
            sourceConfig: plan.source.config,
            targets: plan.destinations.map(dryRunTarget),
          },
          plan.changeTracking,
          () => openReadOnlySnapshot(syncId),
        ),
      release,
      callerGone,
    );
  } catch (error) {
    release();
    throw error;
  }
}
