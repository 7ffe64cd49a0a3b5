// The reader's rows decoded straight from PostgreSQL's DataRow bytes into what the connector's type
// parsers give: integers and booleans without a string per field, a UTC timestamp written as ISO in
// one step; every other value gets its text and its parser, as pg would give it. pg's own parser
// still reads every other message (decoding-client.ts puts this in its place).
import pg from "pg";
import { type KnownRows, WireRow } from "../known-rows";
import { exactNumber, timestampTextToIso } from "../values";

export type TypeParser = (text: string) => unknown;
type Decode = (bytes: Buffer, start: number, end: number) => unknown;

const MINUS = 0x2d;
const DOT = 0x2e;
const ZERO = 0x30;
const NINE = 0x39;
const LOWER_T = 0x74;
const UPPER_T = 0x54;
const SPACE = 0x20;
const LOWER_F = 0x66;
/** Digits a signed integer may have and still be exact as a JavaScript number (< 2^53). */
const EXACT_DIGITS = 15;

const decodeText = (bytes: Buffer, start: number, end: number): string => bytes.toString("utf8", start, end);

/** PostgreSQL prints integers as an optional minus and digits; anything else goes to the parser. */
function integerDecoder(parse: TypeParser, maxDigits: number): Decode {
  return (bytes, start, end) => {
    const first = bytes[start] === MINUS ? start + 1 : start;
    if (end === first || end - first > maxDigits) return parse(decodeText(bytes, start, end));
    let value = 0;
    for (let i = first; i < end; i++) {
      const digit = bytes[i] - ZERO;
      if (digit < 0 || digit > 9) return parse(decodeText(bytes, start, end));
      value = value * 10 + digit;
    }
    return first === start ? value : -value;
  };
}

function booleanDecoder(parse: TypeParser): Decode {
  return (bytes, start, end) => {
    if (end - start === 1 && bytes[start] === LOWER_T) return true;
    if (end - start === 1 && bytes[start] === LOWER_F) return false;
    return parse(decodeText(bytes, start, end));
  };
}

const isDigit = (byte: number) => byte >= ZERO && byte <= NINE;
/** UTC_TIMESTAMP_TEXT's date and time: a digit stands for a digit up to it; a space, for a space or `T`. */
const TIMESTAMP_SHAPE = "9999-19-39 29:59:59";

function hasTimestampShape(bytes: Buffer, start: number): boolean {
  for (let i = 0; i < TIMESTAMP_SHAPE.length; i++) {
    const want = TIMESTAMP_SHAPE.charCodeAt(i);
    const got = bytes[start + i];
    const ok = want >= ZERO ? got >= ZERO && got <= want : got === want || (want === SPACE && got === UPPER_T);
    if (!ok) return false;
  }
  return true;
}
const ISO_LENGTH = 24; // 2026-11-01T10:00:00.123Z
const iso = Buffer.alloc(ISO_LENGTH);
/** Where the ISO text has its `T` and its `.` (both where the shape has a space and ends). */
const ISO_T_AT = TIMESTAMP_SHAPE.indexOf(" ");
const ISO_DOT_AT = TIMESTAMP_SHAPE.length;

/**
 * timestampTextToIso on bytes: the shape its fast path accepts (`YYYY-MM-DD HH:MM:SS[.fff…]` with
 * no zone or UTC's) is rearranged into `YYYY-MM-DDTHH:MM:SS.fffZ`; any other text takes its way.
 */
const decodeTimestamp: Decode = (bytes, start, end) => {
  const shaped = end - start >= TIMESTAMP_SHAPE.length && hasTimestampShape(bytes, start);
  if (!shaped) return timestampTextToIso(decodeText(bytes, start, end));
  let p = start + TIMESTAMP_SHAPE.length;
  let fraction = p;
  if (p < end && bytes[p] === DOT) {
    fraction = ++p;
    while (p < end && isDigit(bytes[p])) p++;
    if (p === fraction) return timestampTextToIso(decodeText(bytes, start, end));
  }
  const fractionEnd = p;
  if (!isUtcSuffix(bytes, p, end)) return timestampTextToIso(decodeText(bytes, start, end));
  // Byte by byte: Buffer#copy's own checks cost more than these few bytes do.
  for (let i = 0; i < ISO_DOT_AT; i++) iso[i] = bytes[start + i];
  iso[ISO_T_AT] = UPPER_T;
  iso[ISO_DOT_AT] = DOT;
  for (let i = 0; i < 3; i++) iso[ISO_DOT_AT + 1 + i] = fraction + i < fractionEnd ? bytes[fraction + i] : ZERO;
  iso[ISO_LENGTH - 1] = 0x5a; // Z
  return iso.toString("latin1", 0, ISO_LENGTH);
};

/** Nothing, `Z`, `+00`, `+0000` or `+00:00` up to `end`. */
function isUtcSuffix(bytes: Buffer, p: number, end: number): boolean {
  if (p === end) return true;
  if (bytes[p] === 0x5a) return p + 1 === end;
  if (end - p < 3 || bytes[p] !== 0x2b || bytes[p + 1] !== ZERO || bytes[p + 2] !== ZERO) return false;
  if (end === p + 3) return true;
  const minutes = bytes[p + 3] === 0x3a ? p + 4 : p + 3;
  return end - minutes === 2 && bytes[minutes] === ZERO && bytes[minutes + 1] === ZERO;
}

const { types } = pg;
const PG_INTEGER = types.getTypeParser(23, "text") as TypeParser;
const PG_BOOLEAN = types.getTypeParser(16, "text") as TypeParser;
const PG_TEXT = types.getTypeParser(25, "text") as TypeParser;

/**
 * The decoder for a column whose parser is `parse`: a faster one where its result is the same for
 * every text (test/connectors/postgres-row-decoder.test.ts compares them on every type), else the
 * text given to `parse`.
 * `exactNumber` is exact for up to EXACT_DIGITS digits of an integer; longer ones and decimals go to it.
 */
export function decoderFor(parse: TypeParser): Decode {
  if (parse === PG_TEXT) return decodeText;
  if (parse === PG_INTEGER) return integerDecoder(parse, 10);
  if (parse === exactNumber) return integerDecoder(parse, EXACT_DIGITS);
  if (parse === PG_BOOLEAN) return booleanDecoder(parse);
  if (parse === timestampTextToIso) return decodeTimestamp;
  return (bytes, start, end) => parse(decodeText(bytes, start, end));
}

/** One DataRow message (`offset` just past its length) as pg's message, its fields decoded. */
export function decodeDataRow(bytes: Buffer, offset: number, length: number, decoders: readonly Decode[]) {
  const fields = decodeFields(bytes, offset, decoders);
  return { name: "dataRow", length, fields, fieldCount: fields.length };
}

/**
 * decodeDataRow for a reader given KnownRows: the row's one field is a WireRow. A row the snapshot
 * knows by its bytes gets only its identifier columns (`only`, true at their indexes) decoded.
 */
export function decodeWireRow(bytes: Buffer, offset: number, length: number, decoders: readonly Decode[], known: KnownRows, only: readonly boolean[]) {
  const slot = known.check(bytes, offset, offset + length - 4);
  const row = slot < 0 ? new WireRow(decodeFields(bytes, offset, decoders), slot, known.lastHash()) : new WireRow(decodeFields(bytes, offset, decoders, only), slot, "");
  return { name: "dataRow", length, fields: [row], fieldCount: 1 };
}

function decodeFields(bytes: Buffer, offset: number, decoders: readonly Decode[], only?: readonly boolean[]): unknown[] {
  const count = bytes.readInt16BE(offset);
  const fields = new Array<unknown>(count);
  let at = offset + 2;
  for (let i = 0; i < count; i++) {
    const size = bytes.readInt32BE(at);
    at += 4;
    if (size === -1) {
      fields[i] = null;
      continue;
    }
    if (only === undefined || only[i]) fields[i] = (decoders[i] ?? decodeText)(bytes, at, at + size);
    at += size;
  }
  return fields;
}
