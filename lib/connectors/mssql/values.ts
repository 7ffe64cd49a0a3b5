import sql from "mssql";
import { dateToDay, dateToIso, exactBigInt, exactNumber, toBase64 } from "../values";

type Column = { type?: unknown; scale?: number };

/** One SQL Server value in the shape every source uses; `column` is mssql's column metadata. */
export function mssqlValue(value: unknown, column: Column | undefined): unknown {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) {
    if (column?.type === sql.Date) return dateToDay(value);
    if (column?.type === sql.Time) return timeOfDay(value, column.scale);
    return dateToIso(value);
  }
  if (Buffer.isBuffer(value)) return toBase64(value);
  // tedious hands BIGINT over as text so that it stays exact.
  if (typeof value === "string" && column?.type === sql.BigInt) return exactNumber(value);
  if (typeof value === "bigint") return exactBigInt(value);
  return value;
}

/** TIME comes back as a Date on 1970-01-01 UTC; keep only the time of day. */
function timeOfDay(value: Date, scale = 7): string {
  const text = value.toISOString().slice(11, 23);
  return scale > 0 ? text : text.slice(0, 8);
}
