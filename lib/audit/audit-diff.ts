/**
 * The diff an audit entry stores: each changed field by its path (`config.host`), before → after.
 * A secret's value never appears: only that it was set, changed or removed. A field is secret when
 * its schema marks it (a spec's secretKeys) or its name looks like one (the safety net), and any
 * string that holds a private key is hidden wherever it is.
 */
export type TAuditDiff = Record<string, { before: unknown; after: unknown }>;

export const SECRET_SET = "•••• set";
export const SECRET_CHANGED = "•••• changed";
const SECRET_NAME = /pass(word|phrase)?|secret|token|key|credential|auth|cookie|hash/i;
const PRIVATE_KEY = /-----BEGIN [A-Z ]*PRIVATE KEY-----/;

type Plain = Record<string, unknown>;

export function auditDiff(before: Plain | null | undefined, after: Plain | null | undefined, secretKeys: readonly string[] = []): TAuditDiff {
  const old = flatten(before ?? {}, secretKeys);
  const now = flatten(after ?? {}, secretKeys);
  const diff: TAuditDiff = {};
  for (const path of new Set([...old.keys(), ...now.keys()])) {
    const [a, b] = [old.get(path), now.get(path)];
    if (JSON.stringify(a?.value) === JSON.stringify(b?.value)) continue;
    const secret = a?.secret || b?.secret;
    diff[path] = secret
      ? { before: isSet(a?.value) ? SECRET_SET : null, after: isSet(b?.value) ? SECRET_CHANGED : null }
      : { before: a?.value ?? null, after: b?.value ?? null };
  }
  return diff;
}

export function isSecretName(name: string, secretKeys: readonly string[] = []): boolean {
  return secretKeys.includes(name) || SECRET_NAME.test(name);
}

function flatten(value: Plain, secretKeys: readonly string[], prefix = "", out = new Map<string, { value: unknown; secret: boolean }>(), secretAbove = false) {
  for (const [key, child] of Object.entries(value)) {
    const path = prefix ? `${prefix}.${key}` : key;
    // The spec's keys name config fields, which callers nest (`config.headers`): match them at any depth.
    const secret = secretAbove || isSecretName(key, secretKeys);
    if (child && typeof child === "object" && !Array.isArray(child) && !(child instanceof Date)) flatten(child as Plain, secretKeys, path, out, secret);
    else out.set(path, { value: child instanceof Date ? child.toISOString() : child, secret: secret || PRIVATE_KEY.test(JSON.stringify(child ?? "")) });
  }
  return out;
}

const isSet = (value: unknown) => value !== undefined && value !== null && value !== "" && !(Array.isArray(value) && value.length === 0);
