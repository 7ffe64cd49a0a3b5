// The one-time setup code that guards first-admin setup, as Jenkins and Metabase do: made at start
// while there is no admin and printed on the server's console as a link. Kept in the app database
// (Setting "setup.code") as a hash to check against, and encrypted with the install's secret key so
// that every process of the install, and every restart, prints the same link (the first writer's).
import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import { decryptSecret, encryptSecret } from "../crypto";
import { db } from "../db";

export const SETUP_CODE_KEY = "setup.code";

type TStoredCode = { hash: string; encrypted: string };
const hashOf = (code: string) => createHash("sha256").update(code).digest();

/** The setup code, made now if there is none yet (or the stored one can no longer be read). */
export async function ensureSetupCode(): Promise<string> {
  const code = randomBytes(18).toString("base64url");
  const value = JSON.stringify({ hash: hashOf(code).toString("hex"), encrypted: encryptSecret(code) } satisfies TStoredCode);
  const created = await db()
    .setting.create({ data: { key: SETUP_CODE_KEY, value } })
    .then(
      () => true,
      (error: { code?: string }) => {
        if (error.code !== "P2002") throw error;
        return false; // another process made it first: print that one
      },
    );
  if (created) return code;
  const stored = await storedCode();
  try {
    if (stored) return decryptSecret(stored.encrypted);
  } catch {
    // Encrypted with another secret key (TIDEWATER_SECRET_KEY changed): replace it.
  }
  await db().setting.upsert({ where: { key: SETUP_CODE_KEY }, create: { key: SETUP_CODE_KEY, value }, update: { value } });
  return code;
}

export async function isSetupCode(code: unknown): Promise<boolean> {
  const stored = await storedCode();
  if (!stored || typeof code !== "string" || code.length === 0) return false;
  return timingSafeEqual(hashOf(code), Buffer.from(stored.hash, "hex"));
}

async function storedCode(): Promise<TStoredCode | null> {
  const row = await db().setting.findUnique({ where: { key: SETUP_CODE_KEY } });
  return row ? (JSON.parse(row.value) as TStoredCode) : null;
}
