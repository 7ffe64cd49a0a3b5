// What change tracking compares: a row's identity (the identifier columns as text) and a 128-bit
// hash of the whole row that is equal when its canonical JSON is, so key order and driver types do
// not count as changes.
import { hash } from "node:crypto";
import { JsonText } from "../../connectors/json-text";
import { digestText, Hash128, type Seed } from "./hash-128";

/**
 * Where each identifier column is in `columns`, -1 for one missing. Matched as plan-columns.ts
 * matches reserved names: exactly first, then without regard to case (PostgreSQL folds unquoted aliases).
 */
export function identifierIndexes(idColumns: readonly string[], columns: readonly string[]): number[] {
  return idColumns.map((name) => {
    const index = columns.indexOf(name);
    return index >= 0 ? index : columns.findIndex((column) => column.toLowerCase() === name.toLowerCase());
  });
}

/**
 * The row's identifier as one string, or null when any identifier column is NULL or empty (the
 * caller records that as a row error). One column gives its value as text (`42`, `ada@x.io`);
 * several give a JSON array of their texts, which `identityValues` turns back into values.
 */
export function rowIdentity(values: readonly unknown[], idIndexes: readonly number[]): string | null {
  if (idIndexes.length === 1) return idText(values[idIndexes[0]]);
  const parts: string[] = [];
  for (const index of idIndexes) {
    const part = idText(values[index]);
    if (part === null) return null;
    parts.push(part);
  }
  return JSON.stringify(parts);
}

/** The identifier texts of an identity made by `rowIdentity` with `count` columns (for delete calls). */
export function identityValues(id: string, count: number): string[] {
  return count === 1 ? [id] : (JSON.parse(id) as string[]);
}

/**
 * The row's 128-bit hash (Hash128) as 22 base64url characters. `salt` folds in what else decides the
 * call (the column names, the call type), so renaming a column resends every row. Each value is fed
 * as what its canonical JSON says it is: a tag, then a string's text, a number's bits, or the JSON
 * text of an object; so two rows whose canonical JSON is the same have the same hash.
 */
export function rowHash(values: readonly unknown[], salt = ""): string {
  return digestText(rowHashWords(values, salt));
}

/** `rowHash` as the digest's four words (`digestText` gives its text), in an array the next call reuses. */
export function rowHashWords(values: readonly unknown[], salt = ""): Int32Array {
  const hasher = rowHasher.reset(saltSeed(salt));
  hasher.unit(values.length);
  for (let i = 0; i < values.length; i++) hashValue(hasher, values[i]);
  return hasher.digestWords();
}

const rowHasher = new Hash128();
let lastSalt: string | undefined;
let lastSeed: Seed | undefined;

/** A run hashes every row with one salt: its seed is computed once. */
function saltSeed(salt: string): Seed {
  if (salt !== lastSalt || lastSeed === undefined) {
    lastSeed = new Hash128().reset().text(salt).asSeed();
    lastSalt = salt;
  }
  return lastSeed;
}

const enum Tag {
  Null = 1,
  False,
  True,
  Number,
  String,
  Json,
}

function hashValue(hasher: Hash128, value: unknown): void {
  if (value === null || value === undefined) return hasher.unit(Tag.Null);
  switch (typeof value) {
    case "string":
      return hashString(hasher, value);
    case "number":
      if (!Number.isFinite(value)) return hashString(hasher, String(value));
      hasher.unit(Tag.Number);
      return hasher.number(value === 0 ? 0 : value);
    case "boolean":
      return hasher.unit(value ? Tag.True : Tag.False);
    case "bigint":
      return hashValue(hasher, Number.isSafeInteger(Number(value)) ? Number(value) : value.toString());
    case "object":
      if (value instanceof JsonText) return hashJson(hasher, value.text);
      // As canonicalJson writes them: dates and binary as strings, arrays and objects as JSON text.
      if (value instanceof Date) return Number.isNaN(value.getTime()) ? hasher.unit(Tag.Null) : hashString(hasher, value.toISOString());
      if (value instanceof Uint8Array) return hashString(hasher, Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString("base64"));
      return hashJson(hasher, canonicalJson(value));
    default:
      return hashString(hasher, String(value));
  }
}

function hashString(hasher: Hash128, text: string) {
  hasher.unit(Tag.String);
  hasher.text(text);
}

function hashJson(hasher: Hash128, json: string) {
  hasher.unit(Tag.Json);
  hasher.text(json);
}

/**
 * The hashes snapshots written by earlier versions hold for this row, newest first: MD5 of the
 * canonical JSON, and for a row with jsonb, MD5 of it with the jsonb parsed (before jsonb was hashed
 * as the text PostgreSQL sends).
 */
export function legacyRowHashes(values: readonly unknown[], salt = ""): string[] {
  const hashes = [md5RowHash(values, salt)];
  if (hasJsonText(values)) hashes.push(md5RowHash(values.map((value) => (value instanceof JsonText ? value.value() : value)), salt));
  return hashes;
}

function md5RowHash(values: readonly unknown[], salt: string): string {
  return hash("md5", salt === "" ? canonicalJson(values) : `${salt}\n${canonicalJson(values)}`, "base64url");
}

function hasJsonText(values: readonly unknown[]): boolean {
  for (let i = 0; i < values.length; i++) if (values[i] instanceof JsonText) return true;
  return false;
}

/**
 * JSON with object keys sorted at every depth and values written as the engine sends them
 * (normalize-value.ts): dates as ISO-8601, 64-bit integers as numbers when exact, binary as base64;
 * jsonb as PostgreSQL's text.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || value === undefined) return "null";
  switch (typeof value) {
    case "string":
      return JSON.stringify(value);
    case "number":
      return Number.isFinite(value) ? String(value === 0 ? 0 : value) : JSON.stringify(String(value));
    case "boolean":
      return value ? "true" : "false";
    case "bigint":
      return Number.isSafeInteger(Number(value)) ? String(Number(value)) : JSON.stringify(value.toString());
    case "object":
      return canonicalObject(value);
    default:
      return JSON.stringify(String(value));
  }
}

function canonicalObject(value: object): string {
  if (Array.isArray(value)) {
    let out = "[";
    for (let i = 0; i < value.length; i++) out += (i === 0 ? "" : ",") + canonicalJson(value[i]);
    return `${out}]`;
  }
  if (value instanceof JsonText) return value.text;
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? "null" : JSON.stringify(value.toISOString());
  if (value instanceof Uint8Array) return JSON.stringify(Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString("base64"));
  const record = value as Record<string, unknown>;
  let out = "{";
  let first = true;
  for (const key of Object.keys(record).sort()) {
    if (record[key] === undefined) continue; // as JSON.stringify drops it
    out += `${first ? "" : ","}${JSON.stringify(key)}:${canonicalJson(record[key])}`;
    first = false;
  }
  return `${out}}`;
}

function idText(value: unknown): string | null {
  if (value === null || value === undefined || value === "") return null;
  if (typeof value === "string") return value;
  if (typeof value === "number") return Number.isFinite(value) ? String(value) : null;
  if (typeof value === "bigint" || typeof value === "boolean") return String(value);
  const json = canonicalJson(value);
  // A date or binary id reads as its text, not as a quoted JSON string.
  return json === "null" ? null : json.startsWith('"') ? (JSON.parse(json) as string) : json;
}
