import { recordAudit } from "../audit/record-audit";
import { encryptSecret } from "../crypto";
import { db } from "../db";
import { notFound } from "../errors";
import type { TDbtSecret } from "./schemas";

/** Stores (encrypted) or removes the dbt Cloud webhook secret; answers with what the trigger panel shows. */
export async function setDbtSecret(syncId: string, { dbtSecret }: TDbtSecret) {
  return db().$transaction(async (tx) => {
    const sync = await tx.sync.findUnique({ where: { id: syncId }, select: { name: true, dbtSecretEncrypted: true, triggerTokenHash: true, triggerCreatedAt: true } });
    if (!sync) throw notFound("Sync");
    const dbtSecretEncrypted = dbtSecret === null ? null : encryptSecret(dbtSecret);
    await tx.sync.update({ where: { id: syncId }, data: { dbtSecretEncrypted } });
    await recordAudit(
      {
        action: dbtSecret === null ? "sync.dbt_secret_clear" : "sync.dbt_secret_set",
        resource: { type: "sync", id: syncId, name: sync.name },
        // Redacted by the audit diff: it records only that the secret was set, changed or removed.
        before: { dbtSecret: sync.dbtSecretEncrypted },
        after: { dbtSecret: dbtSecretEncrypted },
        secretKeys: ["dbtSecret"],
      },
      tx,
    );
    const exists = sync.triggerTokenHash !== null;
    return { exists, createdAt: exists ? sync.triggerCreatedAt : null, dbtSecretSet: dbtSecretEncrypted !== null };
  });
}
