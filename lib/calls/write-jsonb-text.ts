// Writes PostgreSQL's jsonb output text into a JsonWriter as the exact bytes JSON.stringify(JSON.parse(text))
// gives, without parsing it. That holds because jsonb prints its keys unique and in its own order
// (which JSON.parse keeps), escapes strings as JSON.stringify does (\" \\ \b \f \n \r \t, \u00xx for
// other control characters, everything else as itself) and never holds a lone surrogate; what differs
// is the space after `:` and `,` (dropped here) and numbers, which jsonb prints as numeric text
// ("0.50000", "1e400"): those are rewritten as JavaScript prints the parsed number.
import type { JsonWriter } from "./json-writer";

/**
 * Writes the compacted text; false (having written nothing) for text it cannot vouch for: a key that
 * is an integer, which a JavaScript object moves to the front.
 */
export function writeJsonbText(out: JsonWriter, text: string): boolean {
  const start = out.length;
  const count = text.length;
  out.ensure(3 * count); // a UTF-16 unit is at most 3 bytes of UTF-8; numbers make room of their own
  let buffer = out.buffer;
  let at = start;
  let i = 0;
  while (i < count) {
    const code = text.charCodeAt(i);
    if (code === QUOTE) {
      const end = stringEnd(text, i);
      if (isIntegerKey(text, i, end)) {
        out.length = start;
        return false;
      }
      at = copyText(out, at, text, i, end);
      i = end;
    } else if (code === SPACE || code === NEWLINE || code === TAB || code === RETURN) {
      i++;
    } else if (code === MINUS || (code >= ZERO && code <= NINE)) {
      let end = i + 1;
      while (end < count && isNumberChar(text.charCodeAt(end))) end++;
      const number = numberJson(text.slice(i, end));
      if (number.length > end - i) {
        out.length = at;
        out.ensure(number.length + 3 * (count - end));
        buffer = out.buffer;
      }
      at = copyText(out, at, number, 0, -1);
      i = end;
    } else {
      buffer[at++] = code; // { } [ ] : , and the letters of true, false, null
      i++;
    }
  }
  out.length = at;
  return true;
}

/** The index just past the string that opens at `open` (a quote). */
function stringEnd(text: string, open: number): number {
  let i = open + 1;
  for (;;) {
    const quote = text.indexOf('"', i);
    if (quote < 0) throw new SyntaxError("Unterminated string in jsonb text");
    let slashes = 0;
    while (text.charCodeAt(quote - 1 - slashes) === BACKSLASH) slashes++;
    if (slashes % 2 === 0) return quote + 1;
    i = quote + 1;
  }
}

/** A key of digits only, which JavaScript objects order before every other key. */
function isIntegerKey(text: string, open: number, end: number): boolean {
  const first = text.charCodeAt(open + 1);
  if (first < ZERO || first > NINE) return false;
  for (let i = open + 2; i < end - 1; i++) {
    const code = text.charCodeAt(i);
    if (code < ZERO || code > NINE) return false;
  }
  let next = end;
  while (text.charCodeAt(next) === SPACE) next++;
  return text.charCodeAt(next) === COLON;
}

/** Copies text[from, to) (to -1: all of it) at `at`, returning the new end. */
function copyText(out: JsonWriter, at: number, text: string, from: number, to: number): number {
  const end = to < 0 ? text.length : to;
  const buffer = out.buffer;
  for (let i = from; i < end; i++) {
    const code = text.charCodeAt(i);
    if (code > 0x7f) return at + buffer.write(text.slice(i, end), at, "utf8");
    buffer[at++] = code;
  }
  return at;
}

/** A jsonb number as JSON.stringify writes the number JSON.parse reads from it. */
export function numberJson(token: string): string {
  const dot = token.indexOf(".");
  if (dot < 0) {
    // An integer of up to 15 digits without a leading zero is printed back as itself.
    const digits = token.charCodeAt(0) === MINUS ? token.length - 1 : token.length;
    const leading = token.charCodeAt(token.length - digits);
    if (digits <= 15 && !token.includes("e") && !token.includes("E") && (leading !== ZERO || digits === 1) && token !== "-0") return token;
    return canonical(token);
  }
  // numeric prints its scale ("12.30000"): without trailing zeros, a short decimal is itself again.
  let end = token.length;
  while (token.charCodeAt(end - 1) === ZERO) end--;
  if (token.charCodeAt(end - 1) === DOT) end--;
  const trimmed = token.slice(0, end);
  const significant = trimmed.length - (trimmed.charCodeAt(0) === MINUS ? 1 : 0) - (end > dot ? 1 : 0);
  const integerPart = token.slice(token.charCodeAt(0) === MINUS ? 1 : 0, dot);
  if (significant > 15 || token.includes("e") || token.includes("E")) return canonical(token);
  if (integerPart.charCodeAt(0) !== ZERO) return trimmed;
  // 0.x: JavaScript prints below 0.000001 with an exponent, and a zero as "0".
  if (integerPart.length === 1 && end > dot && leadingZeros(trimmed, dot + 1) <= 5) return trimmed;
  return canonical(token);
}

function leadingZeros(text: string, from: number): number {
  let i = from;
  while (text.charCodeAt(i) === ZERO) i++;
  return i - from;
}

function canonical(token: string): string {
  const value = Number(token);
  return Number.isFinite(value) ? String(value) : "null";
}

function isNumberChar(code: number): boolean {
  return (code >= ZERO && code <= NINE) || code === DOT || code === MINUS || code === PLUS || code === LOWER_E || code === UPPER_E;
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const SPACE = 0x20;
const NEWLINE = 0x0a;
const TAB = 0x09;
const RETURN = 0x0d;
const MINUS = 0x2d;
const PLUS = 0x2b;
const DOT = 0x2e;
const COLON = 0x3a;
const ZERO = 0x30;
const NINE = 0x39;
const LOWER_E = 0x65;
const UPPER_E = 0x45;
