// What the engine needs of a sync's change-tracking snapshot (identifier → hash of the row last
// delivered). Two stores implement it: a SQLite file per sync (embedded mode) and a table in the
// PostgreSQL app database (distributed mode), so any worker can run any sync.

export type Change = "new" | "changed" | "unchanged" | "duplicate";
/** A row's identity and its hash, which covers the identifier columns too (row-hash.ts). */
export type KeyedRow = { id: string; hash: string };

/**
 * A store that answers a row at once, in the result's order (embedded mode's file): the engine then
 * needs a row's identity and hash text only when the snapshot does not hold its hash.
 */
export type RowByRow = {
  /** "unchanged" (its id now seen) or "duplicate" for a row whose hash the snapshot holds; else undefined. */
  knownRow(hashWords: ArrayLike<number>): "unchanged" | "duplicate" | undefined;
  /** `classify` of one row that `knownRow` did not know. */
  classifyRow(row: KeyedRow): Change;
  /**
   * The slot of the stored row whose hash begins with these digest words, or -1, also when this run
   * has seen that row already (confirmed, or classified). Marks nothing: a reader may look ahead.
   */
  unseenSlotOf(hashWords: ArrayLike<number>): number;
  /** `knownRow` for a slot `unseenSlotOf` gave, in the result's order. */
  knownSlot(slot: number): "unchanged" | "duplicate";
};

/**
 * Only `confirm` and `confirmDeleted` change the snapshot, and the engine calls them after every
 * destination took the rows: a crash at any point can only make rows be sent again, never mark an
 * undelivered row as sent. What one run has seen is kept apart and dropped by `close`.
 */
export interface SnapshotStore {
  /**
   * Compares a page of rows with the snapshot in one go and notes their ids as seen in this run; the
   * answer is parallel to `rows`. "duplicate": the id came earlier in this run (or this page), and
   * the first row stands.
   */
  classify(rows: readonly KeyedRow[]): Promise<Change[]>;
  /** Set by a store that can answer a row at a time (see RowByRow); the engine then uses it instead of `classify`. */
  readonly rowByRow?: RowByRow;
  /** A dry run's store: it answers, but never writes. */
  readonly readOnly: boolean;
  /** Set when no stored hash can be one of an earlier version's: the engine then looks for none. */
  readonly onlyCurrentHashes?: boolean;
  /** The stored hash of each of `ids` the snapshot holds. */
  storedHashes(ids: readonly string[]): Promise<Map<string, string>>;
  /** Records rows every destination took; durable when this resolves. */
  confirm(delivered: readonly KeyedRow[]): Promise<void>;
  /**
   * Snapshot ids not seen in this run, a page at a time in id order. Call it after the last page is
   * classified; `confirmDeleted` may be called while iterating.
   */
  deletedIds(): AsyncIterable<string[]>;
  /** Forgets ids whose deletion was delivered (or needs no call); durable when this resolves. */
  confirmDeleted(ids: readonly string[]): Promise<void>;
  /** Ends the run, finished or failed alike: drops what it has seen and releases the store. */
  close(): Promise<void>;
}
