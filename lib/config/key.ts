// The stable name config-as-code files match an object by (lib/config/, bin/tidewater.mjs): chosen
// by the user, the same on every instance, unlike database ids.
import { z } from "zod";

export const KEY_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
export const KEY_MAX = 63;

export const ZKeySchema = z
  .string()
  .trim()
  .min(1, "Enter a key, or leave the field out")
  .max(KEY_MAX, `A key is at most ${KEY_MAX} characters`)
  .regex(KEY_PATTERN, "A key is lowercase letters, digits and single dashes, like warehouse or daily-users")
  .describe("Config as code: the stable name `tidewater` files match this object by (lowercase letters, digits, dashes)");

/** A key from a name ("Identify users" → identify-users), not one of `taken` (a -2, -3… suffix). */
export function deriveKey(name: string, taken: ReadonlySet<string>): string {
  const base =
    name
      .normalize("NFKD")
      .replace(/[\u0300-\u036f]/g, "")
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-+|-+$/g, "")
      .slice(0, KEY_MAX - 4)
      .replace(/-+$/, "") || "object";
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) if (!taken.has(`${base}-${n}`)) return `${base}-${n}`;
}
