import { hash } from "node:crypto";
import { utf8, type JsonWriter } from "../calls/json-writer";

/**
 * A messageId that is the same whenever the same sync produces the same call, so a destination that
 * de-duplicates on messageId (Segment, Customer.io) sees a re-sent row once: SHA-256 of the call's
 * JSON (without its messageId), a NUL and the sync's id, shaped as a UUID for destinations that
 * validate the format. `callJson` ends with the call's closing brace.
 */
export function deterministicMessageId(syncId: string, callJson: string): string {
  return uuidFromHex(hash("sha256", `${callJson}\0${syncId}`, "hex"));
}

/**
 * The same, for a call being written into `out` from `start` up to (not including) its closing
 * brace: closes the call with `,"messageId":"…"}` derived from the bytes as they stand.
 * `hashSuffix` is `syncIdHashSuffix(syncId)`.
 */
export function writeDeterministicMessageId(out: JsonWriter, start: number, hashSuffix: Uint8Array) {
  const close = out.length;
  out.bytes(hashSuffix);
  const hex = hash("sha256", out.buffer.subarray(start, out.length), "hex");
  out.length = close;
  out.bytes(MESSAGE_ID_OPEN);
  out.ensure(UUID_LENGTH + 2);
  const buffer = out.buffer;
  const at = out.length;
  // 8-4-4-4-12 hex digits: the version digit replaces the 13th, the variant digit the 17th.
  for (let i = 0; i < 8; i++) buffer[at + i] = hex.charCodeAt(i);
  buffer[at + 8] = DASH;
  for (let i = 8; i < 12; i++) buffer[at + 1 + i] = hex.charCodeAt(i);
  buffer[at + 13] = DASH;
  buffer[at + 14] = VERSION;
  for (let i = 13; i < 16; i++) buffer[at + 2 + i] = hex.charCodeAt(i);
  buffer[at + 18] = DASH;
  buffer[at + 19] = variant(hex);
  for (let i = 17; i < 20; i++) buffer[at + 3 + i] = hex.charCodeAt(i);
  buffer[at + 23] = DASH;
  for (let i = 20; i < 32; i++) buffer[at + 4 + i] = hex.charCodeAt(i);
  buffer[at + 36] = QUOTE;
  buffer[at + 37] = CLOSE_BRACE;
  out.length = at + UUID_LENGTH + 2;
}

/** What `writeDeterministicMessageId` hashes after the call: its closing brace, a NUL and the sync id (encoded once per run). */
export const syncIdHashSuffix = (syncId: string) => utf8(`}\0${syncId}`);

// A name-based UUID: version 5, RFC 4122 variant; the rest is the digest's first 128 bits.
function uuidFromHex(hex: string): string {
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${String.fromCharCode(variant(hex))}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** The RFC 4122 variant digit (8, 9, a or b) from the digest's 17th hex digit. */
function variant(hex: string): number {
  const code = hex.charCodeAt(16);
  return HEX_DIGITS.charCodeAt(((code <= 0x39 ? code - 0x30 : code - 0x57) & 3) | 8);
}

const HEX_DIGITS = "0123456789abcdef";
const UUID_LENGTH = 36;
const DASH = 0x2d;
const QUOTE = 0x22;
const CLOSE_BRACE = 0x7d;
const VERSION = 0x35; // "5"
const MESSAGE_ID_OPEN = utf8(',"messageId":"');
