import type { z } from "zod";

/** One input of a settings form, derived from a connector's or destination's zod config schema. */
export type TFormField = {
  key: string;
  label: string;
  kind: "text" | "number" | "password" | "textarea" | "checkbox" | "select" | "headers";
  required: boolean;
  secret: boolean;
  defaultValue?: string | number | boolean;
  options?: string[];
  hint?: string;
};

// Words that read better than their camelCase split.
const WORDS: Record<string, string> = { ssl: "SSL", json: "JSON", id: "ID", url: "URL", ssh: "SSH", api: "API", ca: "CA" };

export function labelOf(key: string): string {
  const words = key.replace(/([a-z0-9])([A-Z])/g, "$1 $2").replace(/[_-]+/g, " ").toLowerCase().split(" ");
  const text = words.map((word) => WORDS[word] ?? word).join(" ");
  return text.charAt(0).toUpperCase() + text.slice(1);
}

type Def = { type: string; innerType?: z.ZodType; defaultValue?: unknown; values?: unknown[]; entries?: Record<string, string> };
const defOf = (schema: z.ZodType) => (schema as unknown as { _zod: { def: Def } })._zod.def;

/** An object schema's fields, also when it migrates old configs first (z.preprocess: a pipe into the object). */
export function shapeOf(configSchema: z.ZodType): Record<string, z.ZodType> {
  let object = configSchema;
  while (defOf(object).type === "pipe") object = (defOf(object) as unknown as { out: z.ZodType }).out;
  return (object as unknown as z.ZodObject).shape as Record<string, z.ZodType>;
}

/**
 * Turns a zod object schema into form fields, so a new connector or destination kind gets its form
 * without UI changes. Keys in `skip` are left to a dedicated part of the form.
 */
export function describeConfigForm(configSchema: z.ZodType, secretKeys: readonly string[], skip: readonly string[] = []): TFormField[] {
  const shape = shapeOf(configSchema);
  const fields: TFormField[] = [];
  for (const [key, fieldSchema] of Object.entries(shape)) {
    if (skip.includes(key)) continue;
    let schema = fieldSchema;
    let required = true;
    let defaultValue: unknown;
    for (let def = defOf(schema); def.type === "default" || def.type === "optional" || def.type === "nullable"; def = defOf(schema)) {
      if (def.type === "default") defaultValue = typeof def.defaultValue === "function" ? (def.defaultValue as () => unknown)() : def.defaultValue;
      required = false;
      schema = def.innerType!;
    }
    const def = defOf(schema);
    const secret = secretKeys.includes(key);
    const description = (fieldSchema as unknown as { description?: string }).description ?? (schema as unknown as { description?: string }).description;
    const field: TFormField = { key, label: labelOf(key), kind: "text", required, secret, ...(description ? { hint: description } : {}) };
    if (def.type === "boolean" || (def.type === "union" && (def as unknown as { options: z.ZodType[] }).options.some((option) => defOf(option).type === "boolean"))) field.kind = "checkbox";
    else if (def.type === "number") field.kind = "number";
    else if (def.type === "enum" || def.type === "literal") field.kind = "select";
    else if (def.type === "record") field.kind = "headers";
    if (field.kind === "select") field.options = (def.values ?? Object.values(def.entries ?? {})).map(String);
    if (secret && field.kind === "text") field.kind = /json|private/i.test(key) ? "textarea" : "password";
    else if (field.kind === "text" && /certificate$/i.test(key)) field.kind = "textarea"; // PEM text
    if (defaultValue !== undefined && ["string", "number", "boolean"].includes(typeof defaultValue)) {
      field.defaultValue = defaultValue as string | number | boolean;
    }
    fields.push(field);
  }
  return fields;
}
