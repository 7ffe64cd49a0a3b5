import { recordAudit } from "../audit/record-audit";
import { db } from "../db";
import { AppError, notFound } from "../errors";
import { forgetSnapshot } from "../engine/change-tracking/open-snapshot";
import { jobRunner } from "../jobs/job-runner";

/** Forgets what change tracking has sent for a sync, so its next run sends every row again. */
export async function resetSyncSnapshot(id: string) {
  const found = await db().sync.findUnique({ where: { id }, select: { id: true, name: true } });
  if (!found) throw notFound("Sync");
  // The run holds the snapshot open and confirms rows into it as they are delivered.
  if (await (await jobRunner()).isRunning(id)) throw new AppError("conflict", "A run of this sync is going; reset it once the run has finished.");
  await forgetSnapshot(id);
  await recordAudit({ action: "sync.reset", resource: { type: "sync", id, name: found.name } });
}
