import type pg from "pg";
import { noteRunsEnded } from "../../alerts/evaluate-alerts";
import type { Db } from "../../db";
import { JOBS_SCHEMA, RUN_QUEUE } from "./boss";
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
  noteRunsEnded(database, closed);
  return closed;
}

export const LOST_BEFORE_START =
  "Interrupted: the process that queued or took this run stopped before it started. The next run sends its rows.";

/**
 * Closes queued runs whose job is gone: the process queuing it died between the run's row and its
 * job, or the worker that took the job died before starting it (its job stays active, untouched).
 * Left alone, such a row would keep every later run of its sync skipped.
 */
export async function sweepLostQueuedRuns(database: Db, pool: pg.Pool): Promise<string[]> {
  const { rows } = await pool.query<{ id: string }>(
    `UPDATE "SyncRun" AS r SET status = 'interrupted', "finishedAt" = (now() AT TIME ZONE 'UTC'), error = $3
      WHERE r.status = 'queued' AND r."startedAt" < (now() AT TIME ZONE 'UTC') - interval '1 minute'
        AND NOT EXISTS (
          SELECT 1 FROM ${JOBS_SCHEMA}.job AS j
           WHERE j.name = $1 AND j.singleton_key = r."syncId" AND j.data->>'runId' = r.id
             AND (j.state IN ('created', 'retry') OR (j.state = 'active' AND j.started_on > now() - $2::interval)))
      RETURNING r.id`,
    [RUN_QUEUE, "5 minutes", LOST_BEFORE_START],
  );
  const closed = rows.map((row) => row.id);
  noteRunsEnded(database, closed);
  return closed;
}
