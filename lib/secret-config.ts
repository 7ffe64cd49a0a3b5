import { decryptJson, encryptJson } from "./crypto";

/** Splits a config into what may be shown and the encrypted envelope of its secret keys. */
export function sealConfig(config: Record<string, unknown>, secretKeys: readonly string[]) {
  const plain: Record<string, unknown> = {};
  const secret: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(config)) (secretKeys.includes(key) ? secret : plain)[key] = value;
  return { configJson: JSON.stringify(plain), secretsEncrypted: encryptJson(secret) };
}

/** The full config, secrets decrypted: for connectors and destinations only, never for a response. */
export function openConfig(row: { configJson: string; secretsEncrypted: string | null }): Record<string, unknown> {
  return { ...(JSON.parse(row.configJson) as Record<string, unknown>), ...decryptJson(row.secretsEncrypted) };
}

/** What a form may show: plain values, and for each stored secret only that it is set. */
export function publicConfig(row: { configJson: string; secretsEncrypted: string | null }, secretKeys: readonly string[]) {
  const stored = row.secretsEncrypted ? Object.keys(decryptJson(row.secretsEncrypted)) : [];
  return {
    config: JSON.parse(row.configJson) as Record<string, unknown>,
    secretsSet: secretKeys.filter((key) => stored.includes(key)),
  };
}

/** Editing: a secret the form left empty keeps its stored value (the form never receives it). */
export function keepStoredSecrets(changes: Record<string, unknown>, stored: Record<string, unknown>, secretKeys: readonly string[]) {
  const merged = { ...changes };
  for (const key of secretKeys) if (merged[key] === undefined || merged[key] === "") merged[key] = stored[key];
  return merged;
}
