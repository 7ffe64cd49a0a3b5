import { JsonText } from "../connectors/json-text";

/**
 * Turns a driver value into its JSON form: dates as ISO-8601, 64-bit integers as numbers when exact
 * (strings otherwise), binary as base64. Connectors normalise already; this is the last line.
 */
export function normalizeValue(value: unknown): unknown {
  if (value === null || value === undefined) return null;
  switch (typeof value) {
    case "string":
    case "boolean":
      return value;
    case "number":
      return Number.isFinite(value) ? value : String(value);
    case "bigint":
      return Number.isSafeInteger(Number(value)) ? Number(value) : value.toString();
    case "object":
      if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.toISOString();
      if (Buffer.isBuffer(value)) return value.toString("base64");
      if (Array.isArray(value)) return value.map(normalizeValue);
      if (value instanceof JsonText) return value.value();
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, normalizeValue(v)]));
    default:
      return String(value);
  }
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
