import { db } from "../db";
import { AppError, notFound } from "../errors";
import { jobRunner } from "../jobs/job-runner";

/** "Run now": starts (or, with workers, queues) a run at once; refused while a run of the sync is going. */
export async function runSyncNow(syncId: string) {
  if (!(await db().sync.findUnique({ where: { id: syncId }, select: { id: true } }))) throw notFound("Sync");
  const run = await (await jobRunner()).runNow(syncId);
  if ("busy" in run) throw new AppError("conflict", run.busy);
  return run;
}
