import { recordAudit } from "../audit/record-audit";
import { db } from "../db";
import { notFound } from "../errors";
import { forgetSnapshot } from "../engine/change-tracking/open-snapshot";
import { jobRunner } from "../jobs/job-runner";
import { syncAuditFields } from "./sync-audit-fields";

/** How long a delete waits for a running run to stop before the sync goes anyway. */
const STOP_RUN_WAIT_MS = 30_000;

export async function deleteSync(id: string) {
  const found = await db().sync.findUnique({ where: { id }, include: { destinations: { select: { destinationId: true } } } });
  if (!found) throw notFound("Sync");
  // The run writes into the sync's rows until it ends: stop it first, then delete.
  await (await jobRunner()).stopRuns(id, "the sync was deleted", { waitMs: STOP_RUN_WAIT_MS });
  await db().sync.delete({ where: { id } });
  await forgetSnapshot(id);
  await recordAudit({ action: "sync.delete", resource: { type: "sync", id, name: found.name }, before: syncAuditFields(found) });
}
