// An in-memory index of the hashes a snapshot holds: row hash → slot. A row's hash covers its
// identifier columns too, so a row found here is an unchanged row of a known id, and the usual
// 1 %-changed diff answers nearly every row without a lookup on disk. Kept up to date as rows are
// confirmed, and saved beside the snapshot (`toBytes`) so the next run loads it instead of reading
// every stored hash.

/** Per entry: the hash's first three 32-bit words (96 bits: the first 16 base64url characters), and the slot. */
const WORDS = 4;
const KEY_CHARS = 16;
/** A table is built this full at most, and grows past MAX_FILL, so that a probe ends soon. */
const LOAD = 0.75;
const MAX_FILL = 0.85;
const EMPTY = -1;
/** A removed entry: probes go on past it. */
const REMOVED = -2;
/** The saved form: a header of 8 words (magic "TWIX", version, capacity, used, live, generation as two words, 0), then the table. */
const MAGIC = 0x54574958;
const VERSION = 1;
const HEADER_WORDS = 8;

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
  /** Entries taken, removed ones included (they end no probe). */
  private used = 0;
  /** Entries holding a slot. */
  private live = 0;
  /** Where each slot's entry is (-1: none), so a slot's hash can be replaced or removed without knowing it. */
  private positions = new Int32Array(0);

  /** `count` is the number of hashes `add` will be given before the table is full enough to grow. */
  constructor(count: number, table?: Int32Array) {
    this.capacity = table ? table.length / WORDS : capacityFor(count);
    this.table = table ?? new Int32Array(this.capacity * WORDS).fill(EMPTY);
  }

  /** The index saved by `toBytes` with the snapshot generation it was saved at, or null when `bytes` is not one. */
  static fromBytes(bytes: Buffer): { index: StoredHashIndex; generation: number } | null {
    if (bytes.byteLength < HEADER_WORDS * 4 || bytes.byteLength % 4 !== 0) return null;
    // Copied into an aligned array of its own (a Buffer may sit at any offset of a shared pool).
    const words = new Int32Array(bytes.byteLength / 4);
    Buffer.from(words.buffer).set(bytes);
    const [magic, version, capacity, used, live, generationLow, generationHigh] = words;
    if (magic !== MAGIC || version !== VERSION || capacity <= 0 || words.length !== HEADER_WORDS + capacity * WORDS) return null;
    const index = new StoredHashIndex(0, words.subarray(HEADER_WORDS));
    index.used = used;
    index.live = live;
    for (let at = 0; at < index.table.length; at += WORDS) if (index.table[at + 3] >= 0) index.place(index.table[at + 3], at);
    return { index, generation: (generationHigh >>> 0) * 2 ** 32 + (generationLow >>> 0) };
  }

  /** The index as bytes for `fromBytes`, marked with the snapshot's generation. */
  toBytes(generation: number): Buffer {
    const header = new Int32Array([MAGIC, VERSION, this.capacity, this.used, this.live, generation % 2 ** 32 | 0, Math.floor(generation / 2 ** 32), 0]);
    return Buffer.concat([Buffer.from(header.buffer), Buffer.from(this.table.buffer, this.table.byteOffset, this.table.byteLength)]);
  }

  /** Whether the next `add` should go to a `grown` copy. */
  get full(): boolean {
    return this.used + 1 > this.capacity * MAX_FILL;
  }

  /** The bytes a copy with room for twice the live entries would take. */
  get grownBytes(): number {
    return storedHashIndexBytes(Math.max(16, this.live * 2));
  }

  /** A copy with room for twice the live entries, without the removed ones. */
  grown(): StoredHashIndex {
    const copy = new StoredHashIndex(Math.max(16, this.live * 2));
    for (let at = 0; at < this.table.length; at += WORDS) {
      const slot = this.table[at + 3];
      if (slot < 0) continue;
      copy.key.set(this.table.subarray(at, at + 3));
      copy.insert(slot);
    }
    return copy;
  }

  /** Forgets the hash of `slot`, if it holds one. */
  removeSlot(slot: number): void {
    const at = slot < this.positions.length ? this.positions[slot] : -1;
    if (at < 0) return;
    this.table[at + 3] = REMOVED;
    this.positions[slot] = -1;
    this.live--;
  }

  /** Notes that `slot` holds `hash` (base64url), in place of what it held; a hash too short or not base64url is left out. */
  add(hash: string, slot: number): void {
    this.removeSlot(slot);
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
    const at = this.find(words);
    return at < 0 ? -1 : this.table[at + 3];
  }

  /** `slotOf` for a hash as its base64url text. */
  slotOfText(hash: string): number {
    return this.readKey(hash, 0) ? this.slotOf(this.key) : -1;
  }

  /** Where the live entry with these key words is, or -1. */
  private find(words: ArrayLike<number>): number {
    const { table } = this;
    const k0 = words[0] | 0;
    const k1 = words[1] | 0;
    const k2 = words[2] | 0;
    for (let at = this.bucketOf(k0); ; at = this.next(at)) {
      const slot = table[at + 3];
      if (slot === EMPTY) return -1;
      if (slot !== REMOVED && table[at] === k0 && table[at + 1] === k1 && table[at + 2] === k2) return at;
    }
  }

  private insert(slot: number) {
    let at = this.bucketOf(this.key[0]);
    while (this.table[at + 3] !== EMPTY) at = this.next(at);
    this.table.set(this.key, at);
    this.table[at + 3] = slot;
    this.place(slot, at);
    this.used++;
    this.live++;
  }

  private place(slot: number, at: number) {
    if (slot >= this.positions.length) {
      const grown = new Int32Array(Math.max(slot + 1, this.positions.length * 2, 1024)).fill(-1);
      grown.set(this.positions);
      this.positions = grown;
    }
    this.positions[slot] = at;
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
