import type { Db } from "../../db";
import { cancelSyncRun } from "../../engine/active-runs";
import { cancelQueuedRuns, requestRunningCancel } from "../../runs/request-cancel";
import { STALE_AFTER_MS } from "./sweep-interrupted";

const POLL_MS = 250;

/**
 * Disable, delete: a queued run of the sync is cancelled at once; a running one gets a cancel request
 * that its worker reads within a second (and at once if it runs in this process). With `waitMs`,
 * resolves once no run of the sync is going, or its worker has stopped beating, or time is up.
 */
export async function stopRunsOfSync(database: Db, syncId: string, reason: string, waitMs: number): Promise<void> {
  await cancelQueuedRuns(database, { syncId }, reason);
  await requestRunningCancel(database, { syncId }, reason);
  cancelSyncRun(syncId, reason);
  const deadline = Date.now() + waitMs;
  while (Date.now() < deadline) {
    const live = await database.syncRun.count({
      where: { syncId, status: "running", heartbeatAt: { gte: new Date(Date.now() - STALE_AFTER_MS) } },
    });
    if (live === 0) return;
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}
