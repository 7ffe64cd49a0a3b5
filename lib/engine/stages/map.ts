// The engine's map stage: each row becomes its call, written straight into the batch body filling,
// planned once per result from its first page's columns (RowMapping). validate.ts says which fields
// a call needs; map-row.ts is the reference mapping the compiled one falls back to.
import type { Envelope } from "../../calls/envelope";
import { JsonWriter, jsonString, utf8 } from "../../calls/json-writer";
import { writeJsonbText } from "../../calls/write-jsonb-text";
import { JsonText } from "../../connectors/json-text";
import type { TCallType } from "../call-types";
import { LIMITS } from "../limits";
import { isoTimestamp, mapRow } from "../map-row";
import { syncIdHashSuffix, writeDeterministicMessageId } from "../message-id";
import { isPlainObject, normalizeValue } from "../normalize-value";
import { planColumns, rowFromCall, type ColumnPlan } from "../plan-columns";
import { missingRequired, type RequiredField } from "./validate";

/**
 * Writes one row's call into `out` (a batch body); returns why the row cannot be a call instead,
 * leaving in `out` whatever it wrote, for the caller to drop. `direct`: false when every row goes
 * through mapRow.
 */
export type RowMapper = { direct: boolean; write(row: readonly unknown[], out: JsonWriter): string | undefined };

/** Thrown inside the fast path when a row needs mapRow to say exactly what is wrong with it. */
class NeedsMapRow extends Error {}
const NEEDS_MAP_ROW = new NeedsMapRow();

const STRING_FIELDS = new Set(["userId", "anonymousId", "groupId", "event", "name", "previousId", "objectTypeId"]);
const OBJECT_FIELDS = new Set(["context", "integrations"]);
const REQUIRED_FIELDS: readonly RequiredField[] = ["userId", "anonymousId", "groupId", "event", "name", "previousId"];

type Leaf = { key: string; index: number };
type Branch = { key: string; children: Node[] };
type Node = Leaf | Branch;
/** Writes one `,"key":value` member of the call, or nothing for an absent top-level field. */
type Member = (row: readonly unknown[], out: JsonWriter, present: boolean[]) => void;

/**
 * Compiles a sync's column plan into a function that writes each row's call straight into the
 * request body as UTF-8, without building the call as objects or a string first: the engine's hot
 * loop. It produces exactly the bytes mapRow does (and so the same messageIds); a plan or row it does
 * not handle (two columns setting one path, a reserved field of the wrong kind, a value over a limit)
 * goes through mapRow instead.
 */
export function compileRowMapper(type: TCallType, plan: readonly ColumnPlan[], syncId: string): RowMapper {
  const slow = (row: readonly unknown[], out: JsonWriter): string | undefined => {
    const result = mapRow(type, plan, row, syncId);
    if (!result.ok) return result.reason;
    out.json(result.json);
  };
  const viaMapRow = { direct: false, write: slow };
  const tree = buildTree(plan);
  if (!tree) return viaMapRow;
  const messageIdLeaf = tree.find((node): node is Leaf => node.key === "messageId" && "index" in node);
  if (tree.some((node) => node.key === "messageId" && !("index" in node))) return viaMapRow;
  const members = tree.filter((node) => node !== messageIdLeaf).map((node) => compileTopLevel(node));
  if (members.includes(undefined)) return viaMapRow;
  const writers = members as Member[];
  const open = utf8(`{"type":${JSON.stringify(type)}`);
  const hashSuffix = syncIdHashSuffix(syncId);
  const present: boolean[] = [];

  const has = (field: RequiredField) => present[REQUIRED_FIELDS.indexOf(field)] === true;

  const write = (row: readonly unknown[], out: JsonWriter): string | undefined => {
    const start = out.length;
    let given: string | undefined;
    try {
      present.length = 0;
      out.bytes(open);
      for (let i = 0; i < writers.length; i++) writers[i](row, out, present);
      if (messageIdLeaf) given = givenMessageId(row[messageIdLeaf.index]);
    } catch (error) {
      if (error !== NEEDS_MAP_ROW) throw error;
      out.length = start;
      return slow(row, out);
    }
    const reason = missingRequired(type, has);
    if (reason) return reason;
    if (given === undefined) writeDeterministicMessageId(out, start, hashSuffix);
    else {
      out.bytes(GIVEN_MESSAGE_ID);
      out.string(given);
      out.byte(CLOSE_BRACE);
    }
    if (out.length - start > LIMITS.recordJsonBytes) {
      out.length = start;
      return slow(row, out);
    }
  };
  return { direct: true, write };
}

const GIVEN_MESSAGE_ID = utf8(',"messageId":');
const CLOSE_BRACE = 0x7d;
const OPEN_BRACE = 0x7b;
const QUOTE = 0x22;

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
  if (!("index" in node)) {
    // A string field or timestamp built from dot columns is an object: always a row error.
    if (STRING_FIELDS.has(node.key) || node.key === "timestamp") return undefined;
    return compileBranch(node, true);
  }
  const prefix = utf8(`,${JSON.stringify(node.key)}:`);
  const { index, key } = node;
  if (STRING_FIELDS.has(key)) {
    const slot = REQUIRED_FIELDS.indexOf(key as RequiredField);
    return (row, out, present) => {
      const raw = row[index];
      if (Number.isSafeInteger(raw)) {
        // An integer id as its text, written without making it (JsonWriter.integer).
        if (slot >= 0) present[slot] = true;
        out.bytes(prefix);
        out.byte(QUOTE);
        out.integer(raw as number);
        return out.byte(QUOTE);
      }
      const text = stringValue(raw);
      if (text === undefined) return;
      if (slot >= 0 && text !== "") present[slot] = true;
      out.bytes(prefix);
      out.string(text);
    };
  }
  if (OBJECT_FIELDS.has(key)) {
    return (row, out) => {
      const raw = row[index];
      if (raw instanceof JsonText) {
        if (raw.text.charCodeAt(0) !== OPEN_BRACE) throw NEEDS_MAP_ROW;
        out.bytes(prefix);
        return writeJsonText(out, raw);
      }
      const value = normalizeValue(raw);
      if (value === null) return;
      if (!isPlainObject(value)) throw NEEDS_MAP_ROW;
      out.bytes(prefix);
      out.json(jsonWithinLimit(value));
    };
  }
  if (key === "timestamp") {
    return (row, out) => {
      const value = normalizeValue(row[index]);
      if (value === null) return;
      checkSize(value);
      out.bytes(prefix);
      out.string(toIsoTimestamp(value));
    };
  }
  return (row, out) => {
    const raw = row[index];
    if (raw instanceof JsonText) {
      out.bytes(prefix);
      return writeJsonText(out, raw);
    }
    const json = valueJson(raw);
    if (json === "null") return;
    out.bytes(prefix);
    out.json(json);
  };
}

/** An object member: `,"key":{…}` at the top level, `"key":{…}` (after a comma unless first) within. */
function compileBranch(branch: Branch, leadingComma: boolean): Member {
  const open = utf8(`${leadingComma ? "," : ""}${JSON.stringify(branch.key)}:{`);
  const children = branch.children.map((node, i): Member => {
    if (!("index" in node)) return compileBranch(node, i > 0);
    const { index } = node;
    const prefix = utf8(`${i > 0 ? "," : ""}${JSON.stringify(node.key)}:`);
    return (row, out) => {
      out.bytes(prefix);
      writeValue(out, row[index]);
    };
  });
  return (row, out, present) => {
    out.bytes(open);
    for (let i = 0; i < children.length; i++) children[i](row, out, present);
    out.byte(CLOSE_BRACE);
  };
}

/** Writes a value as JSON, as mapRow's normaliseValue + JSON.stringify would: strings without an intermediate copy. */
function writeValue(out: JsonWriter, raw: unknown) {
  // A string of n UTF-16 units is at most 6n bytes as JSON (`\u0001`): short strings need no measuring.
  if (typeof raw === "string" && raw.length * 6 < LIMITS.valueJsonBytes) out.string(raw);
  else if (Number.isSafeInteger(raw)) out.integer(raw as number);
  else if (raw instanceof JsonText) writeJsonText(out, raw);
  else out.json(valueJson(raw));
}

/** jsonb as the database sent it, compacted: no parse, no walk, no stringify (write-jsonb-text.ts). */
function writeJsonText(out: JsonWriter, value: JsonText) {
  const start = out.length;
  if (!writeJsonbText(out, value.text)) out.json(JSON.stringify(value.value()));
  if (out.length - start > LIMITS.valueJsonBytes) throw NEEDS_MAP_ROW;
}

/** A value as JSON, as mapRow's normaliseValue + JSON.stringify would write it. */
function valueJson(raw: unknown): string {
  switch (typeof raw) {
    case "string":
      // A string of n UTF-16 units is at most 6n bytes as JSON (`\u0001`): short strings need no measuring.
      return raw.length * 6 < LIMITS.valueJsonBytes ? jsonString(raw) : jsonWithinLimit(raw);
    case "number":
      // JSON.stringify writes a finite number as String does, and String is cheaper.
      return Number.isFinite(raw) ? String(raw) : JSON.stringify(String(raw));
    case "boolean":
      return raw ? "true" : "false";
    case "undefined":
      return "null";
    default:
      return raw === null ? "null" : jsonWithinLimit(normalizeValue(raw));
  }
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

/** One row's call as JSON text, or why the row cannot be one: the mapper outside a batch. */
export function mapToJson(mapper: RowMapper, row: readonly unknown[]): { ok: true; json: string } | { ok: false; reason: string } {
  const out = new JsonWriter(Buffer.allocUnsafe(1024));
  const reason = mapper.write(row, out);
  return reason === undefined ? { ok: true, json: out.buffer.toString("utf8", 0, out.length) } : { ok: false, reason };
}

/** How the run stage maps a result's rows: RowMapping for one call type, MixedRowMapping (map-mixed.ts) for `mixed`. */
export interface ResultMapping {
  readonly columns: readonly string[];
  write(values: readonly unknown[], out: JsonWriter): string | undefined;
  rowOf(values: readonly unknown[]): Record<string, unknown>;
  rowOfCall(envelope: Envelope, idNames: readonly string[] | undefined): Record<string, unknown>;
}

export class RowMapping implements ResultMapping {
  private readonly plan: ColumnPlan[];
  private readonly mapper: RowMapper;

  constructor(
    type: TCallType,
    readonly columns: readonly string[],
    syncId: string,
  ) {
    this.plan = planColumns(type, columns);
    this.mapper = compileRowMapper(type, this.plan, syncId);
  }

  /** Writes the row's call into `out`; returns why the row cannot be a call instead (drop what it wrote). */
  write(values: readonly unknown[], out: JsonWriter): string | undefined {
    return this.mapper.write(values, out);
  }

  /** The row as its columns, for its row error. */
  rowOf(values: readonly unknown[]): Record<string, unknown> {
    return rowObject(this.columns, values);
  }

  /** The row a call failed for: a deleted row's identifiers, or what the call tells of its row. */
  rowOfCall(envelope: Envelope, idNames: readonly string[] | undefined): Record<string, unknown> {
    return envelope.values && idNames ? rowObject(idNames, envelope.values) : rowFromCall(this.plan, envelope.json);
  }
}

export function rowObject(columns: readonly string[], values: readonly unknown[]): Record<string, unknown> {
  const row: Record<string, unknown> = {};
  columns.forEach((column, index) => (row[column] = values[index]));
  return row;
}
