import { db } from "../db";
import { notFound } from "../errors";

/** Whether the sync has a trigger URL and a dbt Cloud secret; never either secret. */
export async function getSyncTrigger(syncId: string) {
  const sync = await db().sync.findUnique({ where: { id: syncId }, select: { triggerTokenHash: true, triggerCreatedAt: true, dbtSecretEncrypted: true } });
  if (!sync) throw notFound("Sync");
  return { exists: sync.triggerTokenHash !== null, createdAt: sync.triggerTokenHash ? sync.triggerCreatedAt : null, dbtSecretSet: sync.dbtSecretEncrypted !== null };
}
