// One way to turn database values into JSON for every kind of source: timestamps → ISO-8601 UTC,
// dates → YYYY-MM-DD, 64-bit integers and decimals → numbers only when exact, JSON-like values →
// objects and arrays, binary → base64.
import { sameNumberEnd } from "../calls/number-text";

/** A decimal or integer written as text, as a number when that is exact, else the text itself. */
export function exactNumber(text: string): number | string {
  // Most database numbers print in JavaScript's own shape ("42", "-19.99", or "19.90" but for its
  // scale): then they are exact.
  if (sameNumberEnd(text, 0, text.length) > 0) return Number(text);
  const quick = Number(text);
  if (String(quick) === text && Math.abs(quick) <= Number.MAX_SAFE_INTEGER) return quick;
  const trimmed = text.trim();
  const value = Number(trimmed);
  if (trimmed === "" || !Number.isFinite(value)) return text;
  if (/^[-+]?\d+$/.test(trimmed)) return Number.isSafeInteger(value) ? value : trimmed;
  // A decimal converts exactly when printing the number gives back the same digits.
  const canonical = trimmed
    .replace(/^\+/, "")
    .replace(/^(-?)0+(?=\d)/, "$1")
    .replace(/(\.\d*?)0+$/, "$1")
    .replace(/\.$/, "");
  if (value === 0) return 0; // also -0.00, which JSON cannot tell from 0 anyway
  return String(value) === canonical ? value : trimmed;
}

/** A bigint as a number when exact, else its decimal text. */
export function exactBigInt(value: bigint): number | string {
  const number = Number(value);
  return Number.isSafeInteger(number) ? number : value.toString();
}

/**
 * A timestamp written without a zone (`2026-11-01 10:00:00.123456`) read as UTC, or with an offset
 * read as written. Sub-millisecond digits are dropped, as JavaScript dates cannot hold them.
 */
export function timestampTextToIso(text: string): string {
  // Databases print UTC timestamps (connectors set the session zone to UTC) in one shape; those
  // become ISO by rearranging the text, which is several times faster than going through Date.
  const match = UTC_TIMESTAMP_TEXT.exec(text);
  if (match) return `${match[1]}T${match[2]}.${(match[3] ?? "").padEnd(3, "0").slice(0, 3)}Z`;
  const normalised = text.trim().replace(" ", "T");
  const hasZone = /(Z|[+-]\d\d(:?\d\d)?)$/i.test(normalised.slice(10));
  const date = new Date(hasZone ? normalised.replace(/([+-]\d\d)$/, "$1:00") : `${normalised}Z`);
  return Number.isNaN(date.getTime()) ? text : date.toISOString();
}

const UTC_TIMESTAMP_TEXT = /^(\d{4}-[01]\d-[0-3]\d)[ T]([0-2]\d:[0-5]\d:[0-5]\d)(?:\.(\d+))?(?:Z|\+00(?::?00)?)?$/;

/** A Date (an instant) as ISO-8601 UTC; an invalid one as null. */
export function dateToIso(date: Date): string | null {
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

/** The calendar day of a Date that drivers build at UTC midnight. */
export function dateToDay(date: Date): string | null {
  return Number.isNaN(date.getTime()) ? null : date.toISOString().slice(0, 10);
}

export function toBase64(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("base64");
}

/** JSON text as a value; text that is not JSON stays text rather than failing the run. */
export function parseJsonText(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
