// A run's in-memory index of the hashes a snapshot holds: row hash → slot. A row's hash covers its
// identifier columns too, so a row found here is an unchanged row of a known id, and the usual
// 1 %-changed diff answers nearly every row without a lookup on disk.

/** Per entry: the hash's first three 32-bit words (96 bits: the first 16 base64url characters), and the slot. */
const WORDS = 4;
const KEY_CHARS = 16;
/** At most this share of the table's entries is used, so that a probe ends soon. */
const LOAD = 0.75;
const EMPTY = -1;

const BASE64URL = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
const SIXTETS = new Int8Array(128).fill(-1);
for (let i = 0; i < BASE64URL.length; i++) SIXTETS[BASE64URL.charCodeAt(i)] = i;

/** Bytes an index of `count` hashes takes, to decide whether to build one. */
export function storedHashIndexBytes(count: number): number {
  return capacityFor(count) * WORDS * 4;
}

function capacityFor(count: number): number {
  return Math.max(16, Math.ceil(count / LOAD));
}

export class StoredHashIndex {
  private readonly table: Int32Array;
  private readonly capacity: number;
  private readonly key = new Int32Array(3);

  /** `count` is the number of hashes `add` will be given (at most). */
  constructor(count: number) {
    this.capacity = capacityFor(count);
    this.table = new Int32Array(this.capacity * WORDS).fill(EMPTY);
  }

  /** Notes that `slot` holds `hash` (base64url); one too short or not base64url is left out. */
  add(hash: string, slot: number): void {
    if (this.readKey(hash, 0)) this.insert(slot);
  }

  /** `add` for each pair of "hash slot hash slot …" (space-separated, as SQLite's group_concat gives them). */
  addPairs(pairs: string): void {
    for (let start = 0; start < pairs.length; ) {
      const gap = pairs.indexOf(" ", start);
      let end = pairs.indexOf(" ", gap + 1);
      if (end < 0) end = pairs.length;
      let slot = 0;
      for (let i = gap + 1; i < end; i++) slot = slot * 10 + (pairs.charCodeAt(i) - 48);
      if (gap - start >= KEY_CHARS && this.readKey(pairs, start)) this.insert(slot);
      start = end + 1;
    }
  }

  /** The slot of the snapshot row whose hash begins with these words (Hash128's digest words), or -1. */
  slotOf(words: ArrayLike<number>): number {
    const { table } = this;
    const k0 = words[0] | 0;
    const k1 = words[1] | 0;
    const k2 = words[2] | 0;
    for (let at = this.bucketOf(k0); ; at = this.next(at)) {
      const slot = table[at + 3];
      if (slot === EMPTY) return -1;
      if (table[at] === k0 && table[at + 1] === k1 && table[at + 2] === k2) return slot;
    }
  }

  /** `slotOf` for a hash as its base64url text. */
  slotOfText(hash: string): number {
    return this.readKey(hash, 0) ? this.slotOf(this.key) : -1;
  }

  private insert(slot: number) {
    let at = this.bucketOf(this.key[0]);
    while (this.table[at + 3] !== EMPTY) at = this.next(at);
    this.table.set(this.key, at);
    this.table[at + 3] = slot;
  }

  /** Decodes 16 base64url characters from `from` into the three big-endian words they encode. */
  private readKey(text: string, from: number): boolean {
    if (text.length - from < KEY_CHARS) return false;
    const groups = [0, 0, 0, 0];
    for (let g = 0; g < 4; g++) {
      let value = 0;
      for (let i = from + g * 4; i < from + g * 4 + 4; i++) {
        const code = text.charCodeAt(i);
        const sixtet = code < 128 ? SIXTETS[code] : -1;
        if (sixtet < 0) return false;
        value = (value << 6) | sixtet;
      }
      groups[g] = value;
    }
    // Four groups of 24 bits are the 12 bytes of three words.
    this.key[0] = (groups[0] << 8) | (groups[1] >>> 16);
    this.key[1] = ((groups[1] & 0xffff) << 16) | (groups[2] >>> 8);
    this.key[2] = ((groups[2] & 0xff) << 24) | groups[3];
    return true;
  }

  private bucketOf(firstWord: number): number {
    // The hash's bits are uniform already: its first word picks the bucket.
    return ((firstWord >>> 0) % this.capacity) * WORDS;
  }

  private next(at: number): number {
    at += WORDS;
    return at === this.capacity * WORDS ? 0 : at;
  }
}
