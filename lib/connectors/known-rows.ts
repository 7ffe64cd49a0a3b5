// Change tracking's shortcut for a reader that sees each row as the bytes the database sent
// (PostgreSQL): the reader hashes those bytes, and a row whose hash the sync's snapshot holds is
// not decoded, but for its identifier columns. The engine provides the hashing and the lookup
// (lib/engine/change-tracking/wire-rows.ts); the reader only calls them.

/** A result column as the database describes it: its name and its type's id (PostgreSQL's OID). */
export type WireColumn = { name: string; typeId: number };

export interface KnownRows {
  /** Called once the result's columns are known: the identifier columns' indexes, or undefined to decode every row as usual. */
  start(columns: readonly WireColumn[]): readonly number[] | undefined;
  /**
   * Hashes one row's bytes: the snapshot slot of the stored row with that hash, or -1 — also for a
   * row whose stored row an earlier row of this result had (it is decoded: a repeat needs its
   * values). `lastHash` then gives the hash's text.
   */
  check(bytes: Buffer, start: number, end: number): number;
  lastHash(): string;
}

/**
 * What a reader given KnownRows puts in place of a row's values, as the row's one field: the
 * values (only the identifier columns for a known row, `slot` ≥ 0), and for any other row its wire
 * hash. RowTracker.checkPage puts the values back.
 */
export class WireRow {
  constructor(
    readonly values: unknown[],
    readonly slot: number,
    readonly hash: string,
  ) {}
}

/** The WireRow a row stands for, if it is one. */
export function wireRowOf(row: readonly unknown[]): WireRow | undefined {
  const first = row[0];
  return row.length === 1 && first instanceof WireRow ? first : undefined;
}
