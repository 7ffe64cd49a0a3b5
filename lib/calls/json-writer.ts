/**
 * Writes JSON text as UTF-8 straight into a buffer that grows by doubling: how the engine turns rows
 * into request bodies without building a string per call. Short ASCII text is copied byte by byte
 * in JavaScript (cheaper than a call into the runtime for a few characters); anything else goes
 * through `Buffer.write`. `length` may be set back to drop what was written after a point.
 */
export class JsonWriter {
  constructor(
    public buffer: Buffer,
    public length = 0,
  ) {}

  /** Room for `extra` more bytes. */
  ensure(extra: number) {
    if (this.length + extra > this.buffer.length) {
      const grown = Buffer.allocUnsafe(Math.max(this.length + extra, 2 * this.buffer.length));
      this.buffer.copy(grown, 0, 0, this.length);
      this.buffer = grown;
    }
  }

  byte(code: number) {
    this.ensure(1);
    this.buffer[this.length++] = code;
  }

  /** Bytes encoded once, ahead of time (keys and punctuation). */
  bytes(bytes: Uint8Array) {
    const count = bytes.length;
    this.ensure(count);
    this.buffer.set(bytes, this.length);
    this.length += count;
  }

  /** Text that is JSON already: a number, or what JSON.stringify wrote. */
  json(text: string) {
    const count = text.length;
    if (count <= SHORT && this.ascii(text)) return;
    this.ensure(3 * count); // a UTF-16 unit is at most 3 bytes of UTF-8
    this.length += this.buffer.write(text, this.length, "utf8");
  }

  /**
   * A safe integer's digits, as String writes them, without making the string: V8 keeps the strings
   * String(number) makes in a cache, so each one lives long enough to be promoted and collected late.
   */
  integer(value: number) {
    this.ensure(17); // -9007199254740991
    const buffer = this.buffer;
    let at = this.length;
    let rest = value;
    if (rest < 0) {
      buffer[at++] = MINUS;
      rest = -rest;
    }
    const first = at;
    do {
      buffer[at++] = ZERO + (rest % 10);
      rest = Math.floor(rest / 10);
    } while (rest > 0);
    for (let i = first, j = at - 1; i < j; i++, j--) {
      const digit = buffer[i];
      buffer[i] = buffer[j];
      buffer[j] = digit;
    }
    this.length = at;
  }

  /** A string as JSON.stringify writes it. */
  string(text: string) {
    const count = text.length;
    if (count <= SHORT) {
      this.ensure(count + 2);
      const buffer = this.buffer;
      const start = this.length;
      let at = start;
      buffer[at++] = QUOTE;
      let i = 0;
      for (; i < count; i++) {
        const code = text.charCodeAt(i);
        if (code < 0x20 || code === QUOTE || code === BACKSLASH || code > 0x7f) break;
        buffer[at++] = code;
      }
      if (i === count) {
        buffer[at++] = QUOTE;
        this.length = at;
        return;
      }
    }
    this.json(jsonString(text));
  }

  /** Copies ASCII text; false (having written nothing) when it holds anything else. */
  private ascii(text: string): boolean {
    const count = text.length;
    this.ensure(count);
    const buffer = this.buffer;
    const start = this.length;
    for (let i = 0; i < count; i++) {
      const code = text.charCodeAt(i);
      if (code > 0x7f) return false;
      buffer[start + i] = code;
    }
    this.length = start + count;
    return true;
  }
}

/** Up to this many characters, text is copied in JavaScript. */
const SHORT = 64;
const QUOTE = 0x22;
const MINUS = 0x2d;
const ZERO = 0x30;
const BACKSLASH = 0x5c;
// What JSON.stringify escapes in a string (every surrogate, to be safe: it escapes only lone ones).
const NEEDS_ESCAPE = /["\\\u0000-\u001f\ud800-\udfff]/;

/** A string as JSON.stringify writes it; most need no escaping, and quoting them is cheaper. */
export function jsonString(text: string): string {
  return NEEDS_ESCAPE.test(text) ? JSON.stringify(text) : `"${text}"`;
}

/** Bytes to hand to `JsonWriter.bytes`. */
export const utf8 = (text: string): Uint8Array => Buffer.from(text, "utf8");
