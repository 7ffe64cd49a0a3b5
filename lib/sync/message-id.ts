import { hash } from "node:crypto";
import { utf8, type JsonWriter } from "./json-writer";

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
 */
export function writeDeterministicMessageId(out: JsonWriter, start: number, syncIdBytes: Uint8Array) {
  const close = out.length;
  out.byte(CLOSE_BRACE);
  out.byte(0);
  out.bytes(syncIdBytes);
  const hex = hash("sha256", out.buffer.subarray(start, out.length), "hex");
  out.length = close;
  out.bytes(MESSAGE_ID_OPEN);
  out.ensure(UUID_LENGTH + 2);
  const buffer = out.buffer;
  let at = out.length;
  for (let i = 0; i < 32; i++) {
    if (i === 8 || i === 12 || i === 16 || i === 20) buffer[at++] = DASH;
    buffer[at++] = i === 12 ? VERSION : i === 16 ? variant(hex) : hex.charCodeAt(i);
  }
  buffer[at++] = QUOTE;
  buffer[at++] = CLOSE_BRACE;
  out.length = at;
}

/** The sync id as `writeDeterministicMessageId` takes it (encoded once per run). */
export const syncIdBytes = (syncId: string) => utf8(syncId);

// A name-based UUID: version 5, RFC 4122 variant; the rest is the digest's first 128 bits.
function uuidFromHex(hex: string): string {
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${String.fromCharCode(variant(hex))}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

const variant = (hex: string) => HEX_DIGITS.charCodeAt((parseInt(hex[16], 16) & 3) | 8);

const HEX_DIGITS = "0123456789abcdef";
const UUID_LENGTH = 36;
const DASH = 0x2d;
const QUOTE = 0x22;
const CLOSE_BRACE = 0x7d;
const VERSION = 0x35; // "5"
const MESSAGE_ID_OPEN = utf8(',"messageId":"');
