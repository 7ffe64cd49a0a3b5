import { z } from "zod";

const TRUE = ["true", "1", "on", "yes"];
const FALSE = ["false", "0", "off", "no"];

/** A yes/no value as JSON (`true`), a form (`"on"`) or a query string (`"false"`) sends it. */
export function parseBooleanText(value: unknown): boolean | undefined {
  if (typeof value === "boolean") return value;
  if (typeof value !== "string") return undefined;
  const text = value.trim().toLowerCase();
  if (TRUE.includes(text)) return true;
  if (FALSE.includes(text)) return false;
  return undefined;
}

/**
 * A yes/no setting, parsed rather than coerced: `z.coerce.boolean()` reads any non-empty string,
 * "false" included, as true. Anything that is not a recognisable yes or no is refused.
 */
export const ZBooleanFieldSchema = z.union(
  [z.boolean(), z.enum([...TRUE, ...FALSE], { error: "Choose yes or no" }).transform((text) => TRUE.includes(text))],
  { error: "Choose yes or no (true or false)" },
);
