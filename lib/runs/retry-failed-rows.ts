import { db } from "../db";
import { AppError, notFound } from "../errors";
import { jobRunner } from "../jobs/job-runner";

/**
 * Retry failed rows: starts (or, with workers, queues) a run that sends again only the rows this run
 * could not deliver and that still wait. Refused while a run of the sync is going, since runs of a
 * sync never overlap, and when none of its rows wait.
 */
export async function retryFailedRows(runId: string) {
  const run = await db().syncRun.findUnique({ where: { id: runId }, select: { id: true, syncId: true } });
  if (!run) throw notFound("Run");
  const waiting = await db().rowRetry.count({ where: { firstRunId: runId } });
  if (waiting === 0) throw new AppError("conflict", "No failed rows of this run wait to be retried: they were delivered, superseded by newer rows or given up.");
  const started = await (await jobRunner()).retryRun(run.syncId, runId);
  if ("busy" in started) throw new AppError("conflict", `${started.busy} Retry failed rows once it has ended.`);
  return { id: started.id, status: started.status, done: started.done };
}
