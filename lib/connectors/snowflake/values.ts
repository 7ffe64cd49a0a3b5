import type { Column } from "snowflake-sdk";
import { dateToDay, dateToIso, exactNumber, toBase64 } from "../values";

/**
 * One Snowflake value in the shape every source uses. Numbers arrive as text (fetchAsString) so
 * NUMBER(38,0) stays exact; DATE/TIMESTAMP arrive as Date objects; VARIANT/OBJECT/ARRAY already
 * parsed; BINARY as a Buffer.
 */
export function snowflakeValue(value: unknown, column: Column | undefined): unknown {
  if (value === null || value === undefined) return null;
  if (typeof value === "string" && column?.isNumber()) return exactNumber(value);
  if (value instanceof Date) return column?.isDate() ? dateToDay(value) : dateToIso(value);
  if (Buffer.isBuffer(value)) return toBase64(value);
  // TIME arrives as the SDK's own object, which prints itself in the session's TIME_OUTPUT_FORMAT.
  if (typeof value === "object" && typeof (value as { toJSON?: unknown }).toJSON === "function") return (value as { toJSON(): unknown }).toJSON();
  return value;
}
