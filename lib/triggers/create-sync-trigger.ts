import { recordAudit } from "../audit/record-audit";
import { db } from "../db";
import { notFound } from "../errors";
import { hashTriggerToken, newTriggerToken, triggerUrls } from "./trigger-token";

/** Makes the sync's trigger URL, or rotates it (the old one stops at once). The URL is shown only in this reply. */
export async function createSyncTrigger(syncId: string) {
  const token = newTriggerToken();
  const createdAt = new Date();
  const rotated = await db().$transaction(async (tx) => {
    const sync = await tx.sync.findUnique({ where: { id: syncId }, select: { name: true, triggerTokenHash: true } });
    if (!sync) throw notFound("Sync");
    await tx.sync.update({ where: { id: syncId }, data: { triggerTokenHash: hashTriggerToken(token), triggerCreatedAt: createdAt } });
    const action = sync.triggerTokenHash ? "sync.trigger_rotate" : "sync.trigger_create";
    await recordAudit({ action, resource: { type: "sync", id: syncId, name: sync.name }, after: { triggerCreatedAt: createdAt.toISOString() } }, tx);
    return sync.triggerTokenHash !== null;
  });
  return { ...triggerUrls(token), createdAt, rotated };
}
