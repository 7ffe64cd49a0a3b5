import type pg from "pg";
import type { Db } from "../../db";
import { isSyncLockFree } from "./sync-locks";

/** A running run whose heartbeat is older than this, and whose sync lock is free, lost its worker. */
export const STALE_AFTER_MS = 30_000;

export const INTERRUPTED_WORKER_DIED =
  "Interrupted: the worker running it stopped (no heartbeat for 30 seconds). Rows it had not delivered are sent again next run.";

/**
 * Closes the runs of workers that died (kill -9, a lost machine) as interrupted. Their
 * last_sync_time never advanced, and their unconfirmed rows go again next run. Both signs must
 * agree: a stale heartbeat alone may be a slow database, a free lock alone a run about to start.
 */
export async function sweepInterruptedRuns(database: Db, pool: pg.Pool, workerId: string): Promise<string[]> {
  const stale = await database.syncRun.findMany({
    where: { status: "running", workerId: { not: workerId }, heartbeatAt: { lt: new Date(Date.now() - STALE_AFTER_MS) } },
    select: { id: true, syncId: true, heartbeatAt: true },
  });
  const closed: string[] = [];
  for (const run of stale) {
    if (!(await isSyncLockFree(pool, run.syncId))) continue;
    const { count } = await database.syncRun.updateMany({
      where: { id: run.id, status: "running", heartbeatAt: run.heartbeatAt },
      data: { status: "interrupted", finishedAt: new Date(), error: INTERRUPTED_WORKER_DIED },
    });
    if (count === 1) closed.push(run.id);
  }
  return closed;
}
