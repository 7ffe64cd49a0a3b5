import { db } from "../db";
import { AppError, notFound } from "../errors";
import { startSyncRun, SyncBusyError } from "../engine/run-sync";

/** "Run now": starts a run at once; refused while a run of the sync is going. */
export async function runSyncNow(syncId: string) {
  if (!(await db().sync.findUnique({ where: { id: syncId }, select: { id: true } }))) throw notFound("Sync");
  try {
    const run = await startSyncRun(syncId, "manual");
    return { id: run.runId, status: run.status, done: run.done };
  } catch (error) {
    if (error instanceof SyncBusyError) throw new AppError("conflict", error.message);
    throw error;
  }
}
