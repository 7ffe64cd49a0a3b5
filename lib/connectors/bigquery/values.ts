import { exactNumber, parseJsonText, timestampTextToIso } from "../values";

export type BigQueryField = { name: string; type: string; mode?: string; fields?: BigQueryField[] };
type Cell = { v: unknown };

/**
 * One row of BigQuery's REST result (`{ f: [{ v }] }`, every scalar as text) in the shape every
 * source uses. Parsing here rather than in the client library keeps INT64 and NUMERIC exact and
 * STRUCT/ARRAY as plain objects and arrays.
 */
export function bigQueryRow(fields: BigQueryField[], row: { f: Cell[] }): unknown[] {
  return fields.map((field, index) => bigQueryValue(field, row.f[index]?.v));
}

function bigQueryValue(field: BigQueryField, raw: unknown): unknown {
  if (raw === null || raw === undefined) return null;
  if (field.mode === "REPEATED") return (raw as Cell[]).map((cell) => scalar(field, cell.v));
  return scalar(field, raw);
}

function scalar(field: BigQueryField, raw: unknown): unknown {
  if (raw === null || raw === undefined) return null;
  switch (field.type) {
    case "RECORD":
    case "STRUCT": {
      const cells = (raw as { f: Cell[] }).f;
      return Object.fromEntries((field.fields ?? []).map((sub, index) => [sub.name, bigQueryValue(sub, cells[index]?.v)]));
    }
    case "INTEGER":
    case "INT64":
    case "NUMERIC":
    case "BIGNUMERIC":
      return exactNumber(String(raw));
    case "FLOAT":
    case "FLOAT64": {
      const number = Number(raw);
      return Number.isFinite(number) ? number : String(raw);
    }
    case "BOOLEAN":
    case "BOOL":
      return raw === true || raw === "true";
    case "TIMESTAMP":
      return timestampValue(String(raw));
    case "DATETIME":
      return timestampTextToIso(String(raw));
    case "JSON":
      return parseJsonText(String(raw));
    default:
      // STRING, BYTES (already base64), DATE (YYYY-MM-DD), TIME, GEOGRAPHY (WKT), INTERVAL, RANGE.
      return String(raw);
  }
}

/** Microseconds since the epoch (formatOptions.useInt64Timestamp) or, from older servers, float seconds. */
function timestampValue(raw: string): string {
  if (/^-?\d+$/.test(raw)) return new Date(Number(BigInt(raw) / 1000n)).toISOString();
  const seconds = Number(raw);
  return Number.isFinite(seconds) ? new Date(Math.round(seconds * 1000)).toISOString() : raw;
}
