/**
 * DuckDB values → plain JSON-ready values, the shapes every Tidewater source produces: timestamps
 * as ISO-8601 UTC strings, dates as YYYY-MM-DD, big numbers as numbers only while exact, nested
 * types (STRUCT, MAP, LIST, JSON) as plain objects and arrays, and bytes as base64.
 */
import {
  DuckDBBlobValue,
  DuckDBDecimalValue,
  DuckDBListValue,
  DuckDBArrayValue,
  DuckDBMapValue,
  DuckDBStructValue,
  DuckDBTimestampMillisecondsValue,
  DuckDBTimestampNanosecondsValue,
  DuckDBTimestampSecondsValue,
  DuckDBTimestampTZValue,
  DuckDBTimestampValue,
  DuckDBTypeId,
  DuckDBUnionValue,
  fromVariantValue,
  type DuckDBType,
  type DuckDBValue,
} from "@duckdb/node-api";

export type TDemoValue = null | boolean | number | string | TDemoValue[] | { [key: string]: TDemoValue };

// The range a JS Date can hold; timestamps outside it (and ±infinity) keep DuckDB's own text.
const MAX_DATE_MS = 8_640_000_000_000_000n;

function isoFromMillis(millis: bigint, fallback: DuckDBValue): string {
  if (millis < -MAX_DATE_MS || millis > MAX_DATE_MS) return String(fallback);
  return new Date(Number(millis)).toISOString();
}

function integer(value: bigint): number | string {
  return Number.isSafeInteger(Number(value)) ? Number(value) : value.toString();
}

/** A decimal becomes a number when the number prints back as the same decimal, else a string. */
function decimal(value: DuckDBDecimalValue): number | string {
  const text = value.toString();
  const asNumber = Number(text);
  const canonical = text.includes(".") ? text.replace(/\.?0+$/, "") : text;
  return String(asNumber) === canonical.replace(/^-0$/, "0") ? asNumber : text;
}

function parseJson(text: string): TDemoValue {
  try {
    return JSON.parse(text) as TDemoValue;
  } catch {
    return text; // DuckDB's JSON type does not validate every producer; keep what it returned
  }
}

export function toDemoValue(value: DuckDBValue, type: DuckDBType): TDemoValue {
  if (value === null) return null;
  switch (type.typeId) {
    case DuckDBTypeId.BIGINT:
    case DuckDBTypeId.UBIGINT:
    case DuckDBTypeId.HUGEINT:
    case DuckDBTypeId.UHUGEINT:
    case DuckDBTypeId.BIGNUM:
      return typeof value === "bigint" ? integer(value) : String(value);
    case DuckDBTypeId.DECIMAL:
      return value instanceof DuckDBDecimalValue ? decimal(value) : String(value);
    case DuckDBTypeId.TIMESTAMP:
    case DuckDBTypeId.TIMESTAMP_TZ:
      return value instanceof DuckDBTimestampValue || value instanceof DuckDBTimestampTZValue
        ? isoFromMillis(value.micros / 1000n, value)
        : String(value);
    case DuckDBTypeId.TIMESTAMP_S:
      return value instanceof DuckDBTimestampSecondsValue ? isoFromMillis(value.seconds * 1000n, value) : String(value);
    case DuckDBTypeId.TIMESTAMP_MS:
      return value instanceof DuckDBTimestampMillisecondsValue ? isoFromMillis(value.millis, value) : String(value);
    case DuckDBTypeId.TIMESTAMP_NS:
      return value instanceof DuckDBTimestampNanosecondsValue
        ? isoFromMillis(value.nanos / 1_000_000n, value)
        : String(value);
    case DuckDBTypeId.VARCHAR:
      return type.alias === "JSON" && typeof value === "string" ? parseJson(value) : String(value);
    case DuckDBTypeId.BLOB:
      return value instanceof DuckDBBlobValue ? Buffer.from(value.bytes).toString("base64") : String(value);
    case DuckDBTypeId.LIST:
      return value instanceof DuckDBListValue ? value.items.map((item) => toDemoValue(item, type.valueType)) : null;
    case DuckDBTypeId.ARRAY:
      return value instanceof DuckDBArrayValue ? value.items.map((item) => toDemoValue(item, type.valueType)) : null;
    case DuckDBTypeId.STRUCT: {
      if (!(value instanceof DuckDBStructValue)) return null;
      const result: { [key: string]: TDemoValue } = {};
      for (const [key, entry] of Object.entries(value.entries)) {
        result[key] = toDemoValue(entry, type.typeForEntry(key));
      }
      return result;
    }
    case DuckDBTypeId.MAP: {
      if (!(value instanceof DuckDBMapValue)) return null;
      const result: { [key: string]: TDemoValue } = {};
      for (const entry of value.entries) {
        const key = toDemoValue(entry.key, type.keyType);
        result[typeof key === "string" ? key : JSON.stringify(key)] = toDemoValue(entry.value, type.valueType);
      }
      return result;
    }
    case DuckDBTypeId.VARIANT:
      // Each VARIANT value carries its own type; the library's walker dispatches back to us.
      return fromVariantValue<TDemoValue>(value, type, (item, itemType) => toDemoValue(item, itemType));
    case DuckDBTypeId.UNION:
      // A union holds one of its members; the member's value is what a destination wants.
      return value instanceof DuckDBUnionValue ? toDemoValue(value.value, type.memberTypeForTag(value.tag)) : null;
    default:
      // Booleans and the small numeric types are already JS values (NaN and ±Infinity have no
      // JSON form, so they become text); DATE, TIME, INTERVAL, UUID, ENUM and BIT print as DuckDB
      // prints them (a DATE as YYYY-MM-DD).
      if (typeof value === "number") return Number.isFinite(value) ? value : String(value);
      return typeof value === "boolean" || typeof value === "string" ? value : String(value);
  }
}
