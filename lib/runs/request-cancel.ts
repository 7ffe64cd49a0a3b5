import type { Db } from "../db";

type RunsWhere = { id: string } | { syncId: string };

/** Queued runs end as cancelled at once: conditional on still being queued, so a worker starting one and this cannot both win. */
export async function cancelQueuedRuns(database: Db, where: RunsWhere, reason: string): Promise<number> {
  const now = new Date();
  const { count } = await database.syncRun.updateMany({
    where: { ...where, status: "queued" },
    data: { status: "cancelled", finishedAt: now, error: `Cancelled: ${reason}.`, cancelRequestedAt: now, cancelReason: reason },
  });
  return count;
}

/** Running runs get a cancel request on their row, which the worker holding each polls; a first request is kept. */
export async function requestRunningCancel(database: Db, where: RunsWhere, reason: string): Promise<void> {
  await database.syncRun.updateMany({ where: { ...where, status: "running", cancelRequestedAt: null }, data: { cancelRequestedAt: new Date(), cancelReason: reason } });
}
