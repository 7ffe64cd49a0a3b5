import { recordAudit } from "../audit/record-audit";
import { db } from "../db";
import { AppError, notFound } from "../errors";

/** Revoke: the trigger URL stops working at once (404). The dbt Cloud secret stays for a new URL. */
export async function revokeSyncTrigger(syncId: string) {
  await db().$transaction(async (tx) => {
    const sync = await tx.sync.findUnique({ where: { id: syncId }, select: { name: true, triggerTokenHash: true, triggerCreatedAt: true } });
    if (!sync) throw notFound("Sync");
    if (!sync.triggerTokenHash) throw new AppError("not_found", "This sync has no trigger URL.");
    await tx.sync.update({ where: { id: syncId }, data: { triggerTokenHash: null, triggerCreatedAt: null } });
    await recordAudit({ action: "sync.trigger_revoke", resource: { type: "sync", id: syncId, name: sync.name }, before: { triggerCreatedAt: sync.triggerCreatedAt?.toISOString() ?? null } }, tx);
  });
}
