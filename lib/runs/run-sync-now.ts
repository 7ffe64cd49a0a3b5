import { db } from "../db";
import { AppError, notFound } from "../errors";
import { SyncBusyError } from "../engine/run-sync";
import { jobRunner } from "../jobs/job-runner";

/** "Run now": starts (or, with workers, queues) a run at once; refused while a run of the sync is going. */
export async function runSyncNow(syncId: string) {
  if (!(await db().sync.findUnique({ where: { id: syncId }, select: { id: true } }))) throw notFound("Sync");
  try {
    return await (await jobRunner()).runNow(syncId);
  } catch (error) {
    if (error instanceof SyncBusyError) throw new AppError("conflict", error.message);
    throw error;
  }
}
