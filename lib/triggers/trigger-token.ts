// A trigger URL's secret: random, shown once, stored only as its SHA-256 hash (the lookup key).
import { randomBytes, timingSafeEqual } from "node:crypto";
import { appOrigin } from "../app-origin";
import { hashToken } from "../auth/api-tokens";
import { db } from "../db";

const PREFIX = "twt_";
const SHAPE = /^twt_[A-Za-z0-9_-]{43}$/;

export const newTriggerToken = () => PREFIX + randomBytes(32).toString("base64url");

/** Hashed as API tokens are. */
export const hashTriggerToken = hashToken;

/** The two addresses a trigger secret opens: any orchestrator's, and dbt Cloud's signed webhook. */
export function triggerUrls(token: string) {
  const url = `${appOrigin()}/api/v1/triggers/${token}`;
  return { url, dbtCloudUrl: `${url}/dbt-cloud` };
}

export type TTriggerSync = { id: string; name: string; enabled: boolean; dbtSecretEncrypted: string | null };

/**
 * The sync a trigger secret belongs to, or null. The lookup is by the secret's hash, so timing can
 * tell an attacker at most about hashes, never about the secret; the hashes are compared once more
 * in constant time in case a database ever matches loosely (case, collation).
 */
export async function findSyncByTriggerToken(token: string): Promise<TTriggerSync | null> {
  const hash = hashTriggerToken(token);
  if (!SHAPE.test(token)) return null;
  const row = await db().sync.findUnique({
    where: { triggerTokenHash: hash },
    select: { id: true, name: true, enabled: true, dbtSecretEncrypted: true, triggerTokenHash: true },
  });
  if (!row?.triggerTokenHash || !timingSafeEqual(Buffer.from(row.triggerTokenHash, "hex"), Buffer.from(hash, "hex"))) return null;
  const { triggerTokenHash: _hash, ...sync } = row;
  return sync;
}
