// A run's in-memory index of the hashes a snapshot holds: row hash → slot. A row's hash covers its
// identifier columns too, so a row found here is an unchanged row of a known id, and the usual
// 1 %-changed diff answers nearly every row without a lookup on disk.

/** Words of the hash kept per entry, and the slot: 90 bits of the hash (5 base64url characters a word). */
const WORDS = 4;
const KEY_WORDS = 3;
const CHARS_PER_WORD = 5;
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
  private readonly key = new Int32Array(KEY_WORDS);

  /** `count` is the number of hashes `add` will be given (at most). */
  constructor(count: number) {
    this.capacity = capacityFor(count);
    this.table = new Int32Array(this.capacity * WORDS).fill(EMPTY);
  }

  /** Notes that `slot` holds `hash`; a hash that is not base64url of 15 characters or more is left out. */
  add(hash: string, slot: number): void {
    if (this.readKey(hash)) this.insert(slot);
  }

  /** `add` for each pair of "hash slot hash slot …" (space-separated, as SQLite's group_concat gives them). */
  addPairs(pairs: string): void {
    for (let start = 0; start < pairs.length; ) {
      const gap = pairs.indexOf(" ", start);
      let end = pairs.indexOf(" ", gap + 1);
      if (end < 0) end = pairs.length;
      let slot = 0;
      for (let i = gap + 1; i < end; i++) slot = slot * 10 + (pairs.charCodeAt(i) - 48);
      if (gap - start >= KEY_WORDS * CHARS_PER_WORD && this.readKey(pairs, start)) this.insert(slot);
      start = end + 1;
    }
  }

  private insert(slot: number) {
    let at = this.bucketOf();
    while (this.table[at + KEY_WORDS] !== EMPTY) at = this.next(at);
    this.table.set(this.key, at);
    this.table[at + KEY_WORDS] = slot;
  }

  /** The slot of the snapshot row with this hash, or -1. */
  slotOf(hash: string): number {
    if (!this.readKey(hash)) return -1;
    const { table, key } = this;
    for (let at = this.bucketOf(); ; at = this.next(at)) {
      const slot = table[at + KEY_WORDS];
      if (slot === EMPTY) return -1;
      if (table[at] === key[0] && table[at + 1] === key[1] && table[at + 2] === key[2]) return slot;
    }
  }

  private readKey(hash: string, from = 0): boolean {
    if (hash.length - from < KEY_WORDS * CHARS_PER_WORD) return false;
    for (let word = 0; word < KEY_WORDS; word++) {
      let value = 0;
      for (let i = from + word * CHARS_PER_WORD; i < from + (word + 1) * CHARS_PER_WORD; i++) {
        const code = hash.charCodeAt(i);
        const sixtet = code < 128 ? SIXTETS[code] : -1;
        if (sixtet < 0) return false;
        value = (value << 6) | sixtet;
      }
      this.key[word] = value;
    }
    return true;
  }

  private bucketOf(): number {
    // The hash's bits are uniform already: its first word picks the bucket.
    return (this.key[0] % this.capacity) * WORDS;
  }

  private next(at: number): number {
    at += WORDS;
    return at === this.capacity * WORDS ? 0 : at;
  }
}
