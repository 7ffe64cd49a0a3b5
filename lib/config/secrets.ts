// Secrets in config files are `${ENV_VAR}` references, never values: export writes them named after
// the object's key, apply reads them from the environment.
import type { z } from "zod";
import { shapeOf } from "../forms/describe-config-form";

export const SECRET_REFERENCE = /^\$\{([A-Z_][A-Z0-9_]*)\}$/;

const shout = (text: string) =>
  text
    .replace(/([a-z0-9])([A-Z])/g, "$1_$2")
    .replace(/[^A-Za-z0-9]+/g, "_")
    .toUpperCase();

/** `${TIDEWATER_SOURCE_WAREHOUSE_ANALYTICS_PASSWORD}`: the variable export names for a secret setting. */
export function secretReference(owner: string[], field: string): string {
  return "${" + ["TIDEWATER", ...owner, field].map(shout).join("_") + "}";
}

export const referencedVariable = (value: unknown): string | null => (typeof value === "string" ? (SECRET_REFERENCE.exec(value)?.[1] ?? null) : null);

/** The secret settings that hold a value instead of a reference (a secret must never be committed). */
export function literalSecrets(config: Record<string, unknown>, secretKeys: readonly string[]): string[] {
  return secretKeys.filter((key) => config[key] !== undefined && config[key] !== null && referencedVariable(config[key]) === null);
}

/**
 * Every `${VAR}` in the config replaced by the variable's value (an empty variable counts as unset).
 * A setting whose schema is an object or a list (a webhook's headers) reads the variable as JSON.
 */
export function resolveReferences(
  config: Record<string, unknown>,
  configSchema: z.ZodType,
  env: NodeJS.ProcessEnv,
): { config: Record<string, unknown>; missing: { field: string; variable: string }[]; invalid: { field: string; variable: string }[] } {
  const shape = shapeOf(configSchema);
  const missing: { field: string; variable: string }[] = [];
  const invalid: { field: string; variable: string }[] = [];
  const resolved: Record<string, unknown> = {};
  for (const [field, value] of Object.entries(config)) {
    const variable = referencedVariable(value);
    if (!variable) {
      resolved[field] = value;
      continue;
    }
    const text = env[variable];
    if (text === undefined || text === "") {
      missing.push({ field, variable });
      continue;
    }
    if (!expectsJson(shape[field])) {
      resolved[field] = text;
      continue;
    }
    try {
      resolved[field] = JSON.parse(text);
    } catch {
      invalid.push({ field, variable });
    }
  }
  return { config: resolved, missing, invalid };
}

type Def = { type: string; innerType?: z.ZodType; in?: z.ZodType };

function expectsJson(schema: z.ZodType | undefined): boolean {
  let current = schema;
  for (let depth = 0; current && depth < 10; depth++) {
    const def = (current as unknown as { _zod: { def: Def } })._zod.def;
    if (["object", "record", "array"].includes(def.type)) return true;
    current = def.innerType ?? def.in;
  }
  return false;
}
