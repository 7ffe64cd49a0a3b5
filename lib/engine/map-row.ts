import type { Call, TCallType } from "./call-types";
import { LIMITS } from "./limits";
import { deterministicMessageId } from "./message-id";
import { isPlainObject, normalizeValue } from "./normalize-value";
import type { ColumnPlan } from "./plan-columns";
import { missingRequiredFields } from "./stages/validate";

export type MapResult = { ok: true; call: Call; json: string; bytes: number } | { ok: false; reason: string };

class RowError extends Error {}

const STRING_FIELDS = ["userId", "anonymousId", "groupId", "event", "name", "previousId", "objectTypeId"] as const;
const OBJECT_FIELDS = ["context", "integrations"] as const;

/** Turns one result row into one call of the sync's type, or the reason it cannot be one. */
export function mapRow(type: TCallType, plan: readonly ColumnPlan[], row: readonly unknown[], syncId: string): MapResult {
  try {
    const call: Record<string, unknown> = { type };
    let given: unknown;
    for (const { index, column, path } of plan) {
      const value = normalizeValue(row[index]);
      checkValueSize(column, value);
      // An empty reserved field is an absent one (e.g. userId NULL next to an anonymousId).
      if (value === null && path.length === 1) continue;
      if (path.length === 1 && path[0] === "messageId") given = value;
      else setPath(call, path, value, column);
    }
    coerceReservedFields(call);
    const messageId = given === undefined || given === "" ? undefined : stringField("messageId", given);
    // The id is derived from the call without it, then appended last: one serialisation per row.
    const body = JSON.stringify(call);
    call.messageId = messageId ?? deterministicMessageId(syncId, body);
    const reason = missingRequiredFields(call as Call);
    if (reason) return { ok: false, reason };
    const json = `${body.slice(0, -1)},"messageId":${JSON.stringify(call.messageId)}}`;
    const bytes = Buffer.byteLength(json);
    if (bytes > LIMITS.recordJsonBytes) return { ok: false, reason: `The record is ${bytes} bytes as JSON; the limit is 512 KiB.` };
    return { ok: true, call: call as Call, json, bytes };
  } catch (error) {
    if (error instanceof RowError) return { ok: false, reason: error.message };
    throw error;
  }
}

function checkValueSize(column: string, value: unknown) {
  if (value === null || typeof value === "number" || typeof value === "boolean") return;
  // A string of n UTF-16 units is at most 6n bytes as JSON (`\u0001`): short strings need no measuring.
  if (typeof value === "string" && value.length * 6 < LIMITS.valueJsonBytes) return;
  const bytes = Buffer.byteLength(JSON.stringify(value));
  if (bytes > LIMITS.valueJsonBytes) {
    throw new RowError(`Column "${column}" holds ${bytes} bytes as JSON; the limit for one value is 128 KiB.`);
  }
}

function setPath(target: Record<string, unknown>, path: readonly string[], value: unknown, column: string) {
  let node = target;
  for (let depth = 0; depth < path.length - 1; depth++) {
    const key = path[depth];
    const next = node[key];
    if (next === undefined || next === null) node = node[key] = {};
    else if (isPlainObject(next)) node = next;
    else throw new RowError(`Column "${column}" nests under "${key}", which another column already set to a value.`);
  }
  const last = path[path.length - 1];
  const existing = node[last];
  if (isPlainObject(existing) && isPlainObject(value)) node[last] = deepMerge(existing, value, column);
  else if (existing !== undefined && existing !== null && value !== null) {
    throw new RowError(`Column "${column}" sets "${path.join(".")}", which another column already set.`);
  } else if (existing === undefined || value !== null) node[last] = value;
}

function deepMerge(a: Record<string, unknown>, b: Record<string, unknown>, column: string): Record<string, unknown> {
  const out = { ...a };
  for (const [key, value] of Object.entries(b)) {
    const existing = out[key];
    if (isPlainObject(existing) && isPlainObject(value)) out[key] = deepMerge(existing, value, column);
    else if (existing !== undefined && existing !== null && value !== null) {
      throw new RowError(`Column "${column}" sets "${key}", which another column already set.`);
    } else if (existing === undefined || value !== null) out[key] = value;
  }
  return out;
}

function coerceReservedFields(call: Record<string, unknown>) {
  for (const field of STRING_FIELDS) {
    if (call[field] !== undefined) call[field] = stringField(field, call[field]);
  }
  for (const field of OBJECT_FIELDS) {
    if (call[field] !== undefined && !isPlainObject(call[field])) {
      throw new RowError(`${field} must be an object (use ${field}.<key> columns or a JSON object).`);
    }
  }
  if (call.timestamp !== undefined) call.timestamp = toIsoTimestamp(call.timestamp);
}

function stringField(field: string, value: unknown): string {
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  throw new RowError(`${field} must be a text or number value, not ${Array.isArray(value) ? "a list" : "an object"}.`);
}

function toIsoTimestamp(value: unknown): string {
  const iso = isoTimestamp(value);
  if (iso === undefined) throw new RowError(`timestamp "${String(value)}" is not a date-time (use ISO-8601 or Unix seconds).`);
  return iso;
}

/** A timestamp column's value as ISO-8601 UTC: Unix seconds (or milliseconds) or ISO-8601 text. */
export function isoTimestamp(value: unknown): string | undefined {
  if (typeof value === "number") {
    // Unix seconds until the year 5138; milliseconds beyond that.
    const date = new Date(value < 1e11 ? value * 1000 : value);
    if (!Number.isNaN(date.getTime())) return date.toISOString();
  }
  if (typeof value === "string") {
    const date = parseIso8601(value.trim());
    if (date) return date.toISOString();
  }
  return undefined;
}

// ISO-8601 date or date-time (a space for the T, as SQL prints it); the zone is optional.
const ISO_8601 = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)(Z|[+-]\d{2}(?::?\d{2})?)?)?$/i;

/** `new Date(text)` would take "foo 12" as 2001-12-01, roll 02-30 over to March and read a zoneless time in the server's zone. */
function parseIso8601(text: string): Date | null {
  const match = ISO_8601.exec(text);
  if (!match) return null;
  const [, year, month, day, time, zone] = match;
  const offset = zone === undefined ? "Z" : zone.length === 3 ? `${zone}:00` : zone; // zoneless is UTC
  const date = new Date(time === undefined ? `${year}-${month}-${day}T00:00Z` : `${year}-${month}-${day}T${time}${offset}`);
  const calendar = new Date(Date.UTC(Number(year), Number(month) - 1, Number(day)));
  const real = calendar.getUTCMonth() === Number(month) - 1 && calendar.getUTCDate() === Number(day);
  return real && !Number.isNaN(date.getTime()) ? date : null;
}
