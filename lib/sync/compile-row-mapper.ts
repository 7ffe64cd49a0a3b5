import type { TCallType } from "./call-types";
import { LIMITS } from "./limits";
import { isoTimestamp, mapRow } from "./map-row";
import { deterministicMessageId } from "./message-id";
import { isPlainObject, normalizeValue } from "./normalize-value";
import type { ColumnPlan } from "./plan-columns";
import { missingRequired, type RequiredField } from "./validate-call";

/** One row as a call ready to batch, or the reason it cannot be one. */
export type RowMapping = { ok: true; messageId: string; json: string; bytes: number } | { ok: false; reason: string };
/** `direct`: rows are written straight to JSON; false when every row goes through mapRow. */
export type RowMapper = { direct: boolean; map(row: readonly unknown[]): RowMapping };

/** Thrown inside the fast path when a row needs mapRow to say exactly what is wrong with it. */
class NeedsMapRow extends Error {}
const NEEDS_MAP_ROW = new NeedsMapRow();

const STRING_FIELDS = new Set(["userId", "anonymousId", "groupId", "event", "name", "previousId", "objectTypeId"]);
const OBJECT_FIELDS = new Set(["context", "integrations"]);
const REQUIRED_FIELDS: readonly RequiredField[] = ["userId", "anonymousId", "groupId", "event", "name", "previousId"];

type Leaf = { key: string; index: number };
type Branch = { key: string; children: Node[] };
type Node = Leaf | Branch;
/** Writes one `"key":value` member of the call, or nothing for an absent top-level field. */
type Member = (row: readonly unknown[], present: boolean[]) => string | undefined;

/**
 * Compiles a sync's column plan into a function that writes each row's call straight to JSON text,
 * without building the call as objects first: the engine's hot loop. It produces exactly the bytes
 * mapRow does (and so the same messageIds); a plan or row it does not handle (two columns setting one
 * path, a reserved field of the wrong kind, a value over a limit) goes through mapRow instead.
 */
export function compileRowMapper(type: TCallType, plan: readonly ColumnPlan[], syncId: string): RowMapper {
  const slow = (row: readonly unknown[]): RowMapping => {
    const result = mapRow(type, plan, row, syncId);
    return result.ok ? { ok: true, messageId: result.call.messageId, json: result.json, bytes: result.bytes } : result;
  };
  const viaMapRow = { direct: false, map: slow };
  const tree = buildTree(plan);
  if (!tree) return viaMapRow;
  const messageIdLeaf = tree.find((node): node is Leaf => node.key === "messageId" && "index" in node);
  if (tree.some((node) => node.key === "messageId" && !("index" in node))) return viaMapRow;
  const members = tree.filter((node) => node !== messageIdLeaf).map((node) => compileTopLevel(node));
  if (members.includes(undefined)) return viaMapRow;
  const writers = members as Member[];
  const open = `{"type":${JSON.stringify(type)}`;
  const present: boolean[] = [];

  const has = (field: RequiredField) => present[REQUIRED_FIELDS.indexOf(field)] === true;

  const map = (row: readonly unknown[]): RowMapping => {
    let head = open;
    let given: string | undefined;
    try {
      present.length = 0;
      for (const write of writers) {
        const member = write(row, present);
        if (member !== undefined) head += "," + member;
      }
      if (messageIdLeaf) given = givenMessageId(row[messageIdLeaf.index]);
    } catch (error) {
      if (error === NEEDS_MAP_ROW) return slow(row);
      throw error;
    }
    const reason = missingRequired(type, has);
    if (reason) return { ok: false, reason };
    const messageId = given ?? deterministicMessageId(syncId, head + "}");
    const json = `${head},"messageId":${JSON.stringify(messageId)}}`;
    const bytes = Buffer.byteLength(json);
    if (bytes > LIMITS.recordJsonBytes) return slow(row);
    return { ok: true, messageId, json, bytes };
  };
  return { direct: true, map };
}

/** The plan as a tree of members in first-appearance order; undefined when two columns meet on a path. */
function buildTree(plan: readonly ColumnPlan[]): Node[] | undefined {
  const root: Branch = { key: "", children: [] };
  for (const { index, path } of plan) {
    let branch = root;
    for (let depth = 0; depth < path.length - 1; depth++) {
      const existing = branch.children.find((node) => node.key === path[depth]);
      if (existing && "index" in existing) return undefined;
      if (existing) branch = existing;
      else branch.children.push((branch = { key: path[depth], children: [] }));
    }
    const last = path[path.length - 1];
    if (branch.children.some((node) => node.key === last)) return undefined;
    branch.children.push({ key: last, index });
  }
  return root.children;
}

/** A top-level member, with the rules of reserved fields; undefined when mapRow must decide. */
function compileTopLevel(node: Node): Member | undefined {
  const prefix = `${JSON.stringify(node.key)}:`;
  if (!("index" in node)) {
    // A string field or timestamp built from dot columns is an object: always a row error.
    if (STRING_FIELDS.has(node.key) || node.key === "timestamp") return undefined;
    return compileBranch(node);
  }
  const { index, key } = node;
  if (STRING_FIELDS.has(key)) {
    const slot = REQUIRED_FIELDS.indexOf(key as RequiredField);
    return (row, present) => {
      const text = stringValue(row[index]);
      if (text === undefined) return undefined;
      if (slot >= 0 && text !== "") present[slot] = true;
      return prefix + jsonString(text);
    };
  }
  if (OBJECT_FIELDS.has(key)) {
    return (row) => {
      const value = normalizeValue(row[index]);
      if (value === null) return undefined;
      if (!isPlainObject(value)) throw NEEDS_MAP_ROW;
      return prefix + jsonWithinLimit(value);
    };
  }
  if (key === "timestamp") {
    return (row) => {
      const value = normalizeValue(row[index]);
      if (value === null) return undefined;
      checkSize(value);
      return prefix + JSON.stringify(toIsoTimestamp(value));
    };
  }
  return (row) => {
    const json = valueJson(row[index]);
    return json === "null" ? undefined : prefix + json;
  };
}

function compileBranch(branch: Branch): Member {
  const prefix = `${JSON.stringify(branch.key)}:{`;
  const children = branch.children.map((node): Member => {
    if (!("index" in node)) return compileBranch(node);
    const { index } = node;
    const childPrefix = `${JSON.stringify(node.key)}:`;
    return (row) => childPrefix + valueJson(row[index]);
  });
  return (row, present) => {
    let body = "";
    for (let i = 0; i < children.length; i++) body += (i === 0 ? "" : ",") + children[i](row, present);
    return prefix + body + "}";
  };
}

/** A value as JSON, as mapRow's normaliseValue + JSON.stringify would write it. */
function valueJson(raw: unknown): string {
  switch (typeof raw) {
    case "string":
      // A string of n UTF-16 units is at most 6n bytes as JSON (`\u0001`): short strings need no measuring.
      return raw.length * 6 < LIMITS.valueJsonBytes ? jsonString(raw) : jsonWithinLimit(raw);
    case "number":
      return Number.isFinite(raw) ? JSON.stringify(raw) : JSON.stringify(String(raw));
    case "boolean":
      return raw ? "true" : "false";
    case "undefined":
      return "null";
    default:
      return raw === null ? "null" : jsonWithinLimit(normalizeValue(raw));
  }
}

// What JSON.stringify escapes in a string (every surrogate, to be safe: it keeps only lone ones).
const NEEDS_ESCAPE = /["\\\u0000-\u001f\ud800-\udfff]/;

/** A string as JSON.stringify writes it; most need no escaping, and quoting them is cheaper. */
function jsonString(text: string): string {
  return NEEDS_ESCAPE.test(text) ? JSON.stringify(text) : `"${text}"`;
}

function jsonWithinLimit(value: unknown): string {
  const json = JSON.stringify(value);
  if (json.length * 3 >= LIMITS.valueJsonBytes && Buffer.byteLength(json) > LIMITS.valueJsonBytes) throw NEEDS_MAP_ROW;
  return json;
}

function checkSize(value: unknown) {
  if (typeof value === "string" ? value.length * 6 >= LIMITS.valueJsonBytes : typeof value === "object") jsonWithinLimit(value);
}

function stringValue(raw: unknown): string | undefined {
  const value = typeof raw === "string" ? raw : normalizeValue(raw);
  if (value === null) return undefined;
  checkSize(value);
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  throw NEEDS_MAP_ROW;
}

function givenMessageId(raw: unknown): string | undefined {
  const text = stringValue(raw);
  return text === undefined || text === "" ? undefined : text;
}

function toIsoTimestamp(value: unknown): string {
  const iso = isoTimestamp(value);
  if (iso === undefined) throw NEEDS_MAP_ROW;
  return iso;
}
