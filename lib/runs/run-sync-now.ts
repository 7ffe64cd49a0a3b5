import { recordAudit } from "../audit/record-audit";
import { db } from "../db";
import { AppError, notFound } from "../errors";
import { jobRunner } from "../jobs/job-runner";

/** "Run now": starts (or, with workers, queues) a run at once; refused while a run of the sync is going. */
export async function runSyncNow(syncId: string) {
  const sync = await db().sync.findUnique({ where: { id: syncId }, select: { name: true } });
  if (!sync) throw notFound("Sync");
  const run = await (await jobRunner()).runNow(syncId);
  if ("busy" in run) throw new AppError("conflict", run.busy);
  await recordAudit({ action: "sync.run_now", resource: { type: "sync", id: syncId, name: sync.name }, after: { runId: run.id } });
  return run;
}
