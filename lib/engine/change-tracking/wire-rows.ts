// Change tracking by the bytes a row arrives in (KnownRows, lib/connectors/known-rows.ts): for
// readers that see them, a row's hash is MurmurHash3 x86_128 (Hash128) of its DataRow payload —
// its field count, then each field's length and text — seeded with what else decides its call. A
// row whose hash the snapshot holds is the stored row of its id, unchanged, and needs no decoding.
// Equal bytes under the same column names and types decode to equal values, so they make the same
// call; equal values in other bytes (numeric 1.5 and 1.50) only resend a row.
import type { KnownRows, WireColumn } from "../../connectors/known-rows";
import type { TSyncType } from "../sync-types";
import { digestText, Hash128, type Seed } from "./hash-128";
import { identifierIndexes } from "./row-hash";
import { SlotBitmap } from "./slot-bitmap";
import type { SnapshotStore } from "./snapshot-store";

/**
 * Part of every wire hash's seed: raise it when a column's text decodes to other values (a type
 * parser or row-decoder.ts changes what a call holds), so rows hashed before are sent again. No test
 * can tell that a decoder changed; wire-rows.test.ts pins a hash so that a change to the hashing
 * itself is deliberate.
 */
export const WIRE_HASH_VERSION = 1;

/** The seed of a result's wire hashes: the version, the call type, each column's name and type. */
function wireSeed(type: TSyncType, columns: readonly WireColumn[]): Seed {
  const described = columns.map((column) => `${column.name}\t${column.typeId}`).join("\n");
  return new Hash128().reset().text(`wire ${WIRE_HASH_VERSION}\n${type}\n${described}`).asSeed();
}

/** KnownRows for one run of a sync: the snapshot's stored hashes, looked up without marking anything. */
export class WireRows implements KnownRows {
  private readonly hasher = new Hash128();
  private seed: Seed | undefined;
  private words: Int32Array = new Int32Array(4);
  /** Slots already given to a row of this result: a second row with the same bytes is decoded (a duplicate needs its values). */
  private readonly claimed = new SlotBitmap();

  constructor(
    private readonly snapshot: SnapshotStore,
    private readonly idColumns: readonly string[],
    private readonly type: TSyncType,
  ) {}

  start(columns: readonly WireColumn[]): readonly number[] | undefined {
    const indexes = identifierIndexes(
      this.idColumns,
      columns.map((column) => column.name),
    );
    // A missing identifier column fails the run at its first page (RowTracker).
    if (indexes.includes(-1)) return undefined;
    this.seed = wireSeed(this.type, columns);
    return indexes;
  }

  check(bytes: Buffer, start: number, end: number): number {
    this.words = this.hasher.reset(this.seed).rawBytes(bytes, start, end).digestWords();
    // A row seen already (the repeat of one this run delivered) is decoded: a duplicate needs its values.
    const slot = this.snapshot.rowByRow?.unseenSlotOf(this.words) ?? -1;
    return slot >= 0 && this.claimed.add(slot) ? slot : -1;
  }

  lastHash(): string {
    return digestText(this.words);
  }
}
