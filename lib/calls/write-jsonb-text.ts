// Writes PostgreSQL's jsonb output text into a JsonWriter as the exact bytes JSON.stringify(JSON.parse(text))
// gives, without parsing it. That holds because jsonb prints its keys unique and in its own order
// (which JSON.parse keeps), escapes strings as JSON.stringify does (\" \\ \b \f \n \r \t, \u00xx for
// other control characters, everything else as itself) and never holds a lone surrogate; what differs
// is the space after `:` and `,` (dropped here) and numbers, which jsonb prints as numeric text
// ("0.50000", "1e400"): those are rewritten as JavaScript prints the parsed number.
import type { JsonWriter } from "./json-writer";
import { sameNumberEnd } from "./number-text";

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
      const open = i;
      buffer[at++] = QUOTE;
      i++;
      // The string as it is: jsonb escapes exactly what JSON.stringify does.
      for (;;) {
        const char = text.charCodeAt(i);
        if (char === QUOTE) break;
        if (char === BACKSLASH) {
          buffer[at++] = BACKSLASH;
          buffer[at++] = text.charCodeAt(i + 1);
          i += 2;
        } else if (char > 0x7f || Number.isNaN(char)) {
          const close = stringEnd(text, open) - 1;
          at += buffer.write(text.slice(i, close), at, "utf8");
          i = close;
          break;
        } else {
          buffer[at++] = char;
          i++;
        }
      }
      buffer[at++] = QUOTE;
      i++;
      const first = text.charCodeAt(open + 1);
      if (first >= ZERO && first <= NINE && isIntegerKey(text, open, i)) {
        out.length = start;
        return false;
      }
    } else if (code === SPACE || code === NEWLINE || code === TAB || code === RETURN) {
      i++;
    } else if (code === MINUS || (code >= ZERO && code <= NINE)) {
      let end = i + 1;
      while (end < count && isNumberChar(text.charCodeAt(end))) end++;
      const same = sameNumberEnd(text, i, end);
      if (same > 0) {
        for (let k = i; k < same; k++) buffer[at++] = text.charCodeAt(k);
      } else {
        const number = canonical(text.slice(i, end));
        out.length = at;
        out.ensure(number.length + 3 * (count - end));
        buffer = out.buffer;
        for (let k = 0; k < number.length; k++) buffer[at++] = number.charCodeAt(k);
      }
      i = end;
    } else {
      buffer[at++] = code; // { } [ ] : , and the letters of true, false, null
      i++;
    }
  }
  out.length = at;
  return true;
}

/** A jsonb number as JSON.stringify writes the number JSON.parse reads from it. */
export function numberJson(token: string): string {
  const same = sameNumberEnd(token, 0, token.length);
  return same > 0 ? token.slice(0, same) : canonical(token);
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

/** A key of digits only, which JavaScript objects order before every other key (its first is one). */
function isIntegerKey(text: string, open: number, end: number): boolean {
  for (let i = open + 2; i < end - 1; i++) {
    const code = text.charCodeAt(i);
    if (code < ZERO || code > NINE) return false;
  }
  let next = end;
  while (text.charCodeAt(next) === SPACE) next++;
  return text.charCodeAt(next) === COLON;
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
