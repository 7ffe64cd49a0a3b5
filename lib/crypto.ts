import { createCipheriv, createDecipheriv, createHmac, randomBytes } from "node:crypto";
import { env } from "./env";

// AES-256-GCM; the envelope names its version so the scheme can change without a migration.
const VERSION = "v1";

export function encryptSecret(plaintext: string, key: Buffer = env().secretKey): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key, iv);
  const data = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  return [VERSION, iv.toString("base64"), cipher.getAuthTag().toString("base64"), data.toString("base64")].join(":");
}

export function decryptSecret(envelope: string, key: Buffer = env().secretKey): string {
  const [version, iv, tag, data] = envelope.split(":");
  if (version !== VERSION || !iv || !tag || data === undefined) throw new Error("Unknown secret envelope format");
  // A full 16-byte tag is required: GCM would otherwise accept a truncated (forgeable) one.
  const decipher = createDecipheriv("aes-256-gcm", key, Buffer.from(iv, "base64"), { authTagLength: 16 });
  decipher.setAuthTag(Buffer.from(tag, "base64"));
  return Buffer.concat([decipher.update(Buffer.from(data, "base64")), decipher.final()]).toString("utf8");
}

export function encryptJson(value: Record<string, unknown>): string | null {
  return Object.keys(value).length === 0 ? null : encryptSecret(JSON.stringify(value));
}

export function decryptJson(envelope: string | null | undefined): Record<string, unknown> {
  return envelope ? (JSON.parse(decryptSecret(envelope)) as Record<string, unknown>) : {};
}

/** A key for one purpose derived from the master key (e.g. signing sessions). */
export function derivedKey(purpose: string): string {
  return createHmac("sha256", env().secretKey).update(purpose).digest("hex");
}
