// MurmurHash3 x86_128 of the UTF-16LE bytes of the code units it is fed (not for security: a fast,
// well-spread fingerprint); unseeded, it gives the reference implementation's hashes. A row is
// hashed without building its JSON text or encoding it to bytes: MD5 of the canonical JSON cost
// ~5 µs a row, most of a diff run.

const C1 = 0x239b961b;
const C2 = 0xab0e9789;
const C3 = 0x38b34ae5;
const C4 = 0xa1e38b93;

const rotl = (x: number, r: number) => (x << r) | (x >>> (32 - r));

function fmix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return h ^ (h >>> 16);
}

const digestBytes = Buffer.alloc(16);

/** A digest's four words as 22 base64url characters (their bytes big-endian, h1 first). */
export function digestText(words: ArrayLike<number>): string {
  digestBytes.writeInt32BE(words[0] | 0, 0);
  digestBytes.writeInt32BE(words[1] | 0, 4);
  digestBytes.writeInt32BE(words[2] | 0, 8);
  digestBytes.writeInt32BE(words[3] | 0, 12);
  return digestBytes.toString("base64url");
}

/** The four lanes' starting values. */
export type Seed = readonly [number, number, number, number] & { readonly __seed: true };
const NO_SEED = [0, 0, 0, 0] as unknown as Seed;

/** Strings longer than this are copied by Node (a call costs about as much as copying this many). */
const NATIVE_COPY_FROM = 32;

const numberBits = new Float64Array(1);
const numberUnits = new Uint16Array(numberBits.buffer);

/**
 * Collects the code units of one hash (reset, then unit, text, number) and hashes them at `digest`
 * in one pass over 32-bit words: a little-endian platform's Uint16Array is UTF-16LE already.
 */
export class Hash128 {
  private units = new Uint16Array(4096);
  private words = new Uint32Array(this.units.buffer);
  private bytes = Buffer.from(this.units.buffer);
  private length = 0;
  private seed: Seed = NO_SEED;

  /**
   * Starts a new hash. With a seed (a prefix's `asSeed`), its four lanes start from that prefix's
   * digest instead of 0, as MurmurHash3's seed sets them: a run's salt then costs nothing per row.
   */
  reset(seed: Seed = NO_SEED): this {
    this.length = 0;
    this.seed = seed;
    return this;
  }

  /** The hash so far as a seed for `reset`. */
  asSeed(): Seed {
    return [...this.digestWords()] as unknown as Seed;
  }

  /** One 16-bit unit. */
  unit(unit: number): void {
    if (this.length === this.units.length) this.grow(1);
    this.units[this.length++] = unit;
  }

  /** A string's code units after its length, so that consecutive strings cannot run into each other. */
  text(text: string): this {
    const size = text.length;
    if (this.length + size + 2 > this.units.length) this.grow(size + 2);
    this.units[this.length] = size;
    this.units[this.length + 1] = size >>> 16;
    if (size > NATIVE_COPY_FROM) {
      // Node copies a long string's code units natively (lone surrogates too), quicker than charCodeAt.
      this.bytes.write(text, (this.length + 2) * 2, "utf16le");
    } else {
      const units = this.units;
      for (let i = 0, at = this.length + 2; i < size; i++) units[at + i] = text.charCodeAt(i);
    }
    this.length += size + 2;
    return this;
  }

  /** Bytes as they are, after their count; an odd count's last unit gets a zero high byte. */
  rawBytes(buffer: Buffer, start: number, end: number): this {
    const size = end - start;
    const units = (size + 1) >> 1;
    if (this.length + units + 2 > this.units.length) this.grow(units + 2);
    this.units[this.length] = size;
    this.units[this.length + 1] = size >>> 16;
    const at = (this.length + 2) * 2;
    buffer.copy(this.bytes, at, start, end);
    if (size & 1) this.bytes[at + size] = 0;
    this.length += units + 2;
    return this;
  }

  /** A number's IEEE-754 bits. */
  number(value: number): void {
    if (this.length + 4 > this.units.length) this.grow(4);
    numberBits[0] = value;
    const units = this.units;
    units[this.length] = numberUnits[0];
    units[this.length + 1] = numberUnits[1];
    units[this.length + 2] = numberUnits[2];
    units[this.length + 3] = numberUnits[3];
    this.length += 4;
  }

  /** MurmurHash3 x86_128 of the units, as 22 base64url characters. */
  digest(): string {
    return digestText(this.digestWords());
  }

  /** The hash as its four 32-bit words, in an array the next digest reuses. */
  digestWords(): Int32Array {
    const { words, units, length } = this;
    let [h1, h2, h3, h4] = this.seed;
    const blockWords = (length >> 3) << 2;
    for (let i = 0; i < blockWords; i += 4) {
      h1 ^= Math.imul(rotl(Math.imul(words[i], C1), 15), C2);
      h1 = (Math.imul(rotl(h1, 19) + h2, 5) + 0x561ccd1b) | 0;
      h2 ^= Math.imul(rotl(Math.imul(words[i + 1], C2), 16), C3);
      h2 = (Math.imul(rotl(h2, 17) + h3, 5) + 0x0bcaa747) | 0;
      h3 ^= Math.imul(rotl(Math.imul(words[i + 2], C3), 17), C4);
      h3 = (Math.imul(rotl(h3, 15) + h4, 5) + 0x96cd1c35) | 0;
      h4 ^= Math.imul(rotl(Math.imul(words[i + 3], C4), 18), C1);
      h4 = (Math.imul(rotl(h4, 13) + h1, 5) + 0x32ac3b17) | 0;
    }
    // The last, partial block: its words (the odd unit last, its high half 0), without the rotations.
    const tail = [0, 0, 0, 0];
    for (let u = blockWords * 2; u < length; u++) tail[(u >> 1) & 3] |= (u & 1 ? units[u] << 16 : units[u]) >>> 0;
    h1 ^= Math.imul(rotl(Math.imul(tail[0], C1), 15), C2);
    h2 ^= Math.imul(rotl(Math.imul(tail[1], C2), 16), C3);
    h3 ^= Math.imul(rotl(Math.imul(tail[2], C3), 17), C4);
    h4 ^= Math.imul(rotl(Math.imul(tail[3], C4), 18), C1);

    const bytes = length * 2;
    h1 ^= bytes;
    h2 ^= bytes;
    h3 ^= bytes;
    h4 ^= bytes;
    h1 = (h1 + h2 + h3 + h4) | 0;
    h2 = (h2 + h1) | 0;
    h3 = (h3 + h1) | 0;
    h4 = (h4 + h1) | 0;
    h1 = fmix(h1);
    h2 = fmix(h2);
    h3 = fmix(h3);
    h4 = fmix(h4);
    h1 = (h1 + h2 + h3 + h4) | 0;
    h2 = (h2 + h1) | 0;
    h3 = (h3 + h1) | 0;
    h4 = (h4 + h1) | 0;
    const out = this.state;
    out[0] = h1;
    out[1] = h2;
    out[2] = h3;
    out[3] = h4;
    return out;
  }

  private readonly state = new Int32Array(4);

  private grow(needed: number) {
    const grown = new Uint16Array(Math.max(this.units.length * 2, this.length + needed + 8));
    grown.set(this.units.subarray(0, this.length));
    this.units = grown;
    this.words = new Uint32Array(grown.buffer, 0, grown.length >> 1);
    this.bytes = Buffer.from(grown.buffer);
  }
}
