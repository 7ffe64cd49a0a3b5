// One bit per snapshot slot, grown as higher slots come: which stored rows a run has seen (1 bit an
// id: 3.75 MB for 30M), or which a reader has handed out.
export class SlotBitmap {
  private bits: Uint8Array;
  /** The bits set. */
  count = 0;

  /** Room for `slots` slots to start with. */
  constructor(slots = 0) {
    this.bits = new Uint8Array(bytesFor(slots));
  }

  has(slot: number): boolean {
    return slot >> 3 < this.bits.length && (this.bits[slot >> 3] & (1 << (slot & 7))) !== 0;
  }

  /** Sets `slot`'s bit; false when it was set already. */
  add(slot: number): boolean {
    if (slot >> 3 >= this.bits.length) {
      const grown = new Uint8Array(Math.max(bytesFor(slot + 1), this.bits.length * 2));
      grown.set(this.bits);
      this.bits = grown;
    }
    const bit = 1 << (slot & 7);
    if ((this.bits[slot >> 3] & bit) !== 0) return false;
    this.bits[slot >> 3] |= bit;
    this.count++;
    return true;
  }

  clear(): void {
    this.bits.fill(0);
    this.count = 0;
  }
}

function bytesFor(slots: number): number {
  return Math.ceil(slots / 8);
}
