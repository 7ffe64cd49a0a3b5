// A sync's change-tracking snapshot: identifier → hash of the row last delivered, in its own SQLite
// file, so 30 million identifiers cost disk, not memory. Synchronous, a row at a time; the engine
// uses it through SqliteSnapshot (sqlite-snapshot.ts), the SnapshotStore of embedded mode.
import { randomInt } from "node:crypto";
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";

import type { Change, KeyedRow } from "./snapshot-store";
import { SlotBitmap } from "./slot-bitmap";
import { StoredHashIndex, storedHashIndexBytes } from "./stored-hash-index";

export type { Change };
export type Delivered = KeyedRow;

/** Rows per transaction: enough to amortise the commit, few enough to keep the WAL short. */
const COMMIT_EVERY = 5_000;
/** Snapshot rows read per query when listing deleted identifiers. */
const PAGE_ROWS = 2_000;
/** SQLite's page cache; the rest of the file is left to the OS (no mmap, which would count as RSS). */
const CACHE_KIB = 32 * 1024;
/** The most memory a run's index of stored hashes may take; a larger snapshot is read row by row. */
const INDEX_MAX_BYTES = 96 * 2 ** 20;
/** Stored hashes read per query while building that index. */
const INDEX_PAGE_ROWS = 50_000;

const SCHEMA = `
  CREATE TABLE IF NOT EXISTS snapshot (id TEXT PRIMARY KEY, hash TEXT NOT NULL, slot INTEGER NOT NULL) WITHOUT ROWID;
  CREATE TABLE IF NOT EXISTS pending (id TEXT PRIMARY KEY) WITHOUT ROWID;
  CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value INTEGER NOT NULL) WITHOUT ROWID;
  INSERT OR IGNORE INTO meta (key, value) VALUES ('next_slot', 0);
  INSERT OR IGNORE INTO meta (key, value) VALUES ('generation', 0);
`;

/**
 * Only `confirm` and `confirmDeleted` change the snapshot, and the engine calls them after a
 * destination took the rows; so a crash at any point can only make rows be sent again, never mark
 * an undelivered row as sent. What a run has seen lives apart from the snapshot:
 * - ids already in the snapshot: a bitmap over their `slot` numbers, in memory (1 bit per id ever
 *   stored: 3.75 MB for 30M), so an unchanged row costs one indexed read and no write;
 * - ids not in the snapshot yet: the `pending` table, emptied when a run ends and on open (a run
 *   that crashed leaves it behind).
 * A run's first lookup loads an index of every stored hash into memory (StoredHashIndex, 16 bytes an
 * id, up to INDEX_MAX_BYTES): an unchanged row is then found without a read of the file. The index
 * follows every confirm and is saved beside the file (`<file>.index`) when the run ends, marked with
 * the snapshot's generation: a random token that every commit changing rows replaces, so that after
 * a commit lost to power failure no later commit can come back to a generation an index was saved
 * at (a counter would). The next run loads it when the generations match, else reads every stored
 * hash again, and deletes it either way: a run that crashes leaves none.
 * Writes are grouped in transactions of COMMIT_EVERY; `confirm` commits before it returns.
 */
export class ChangeSnapshot {
  /** Snapshot rows this run has seen (none of them can be gone). */
  private seen: SlotBitmap;
  private nextSlot: number;
  private operations = 0;
  /** Loaded or built at the run's first lookup; null when the snapshot is too large for memory. */
  private index: StoredHashIndex | null | undefined;
  /** The open transaction changes rows: its commit gives the snapshot a new generation. */
  private changing = false;
  private generation: number;
  /** No stored hash is one of an earlier version's (legacyRowHashes): none need checking. */
  readonly onlyCurrentHashes: boolean;
  private readonly sql;

  private constructor(
    private readonly db: Database.Database,
    private readonly indexFile: string,
  ) {
    const created = db.prepare("SELECT 1 FROM sqlite_master WHERE name = 'snapshot'").get() === undefined;
    db.exec(SCHEMA);
    // A file this version creates only ever gets its hashes (row-hash.ts), none an earlier one wrote.
    if (created) db.exec("INSERT INTO meta (key, value) VALUES ('current_hashes_only', 1)");
    this.onlyCurrentHashes = db.prepare("SELECT 1 FROM meta WHERE key = 'current_hashes_only'").get() !== undefined;
    db.exec("DELETE FROM pending");
    this.sql = {
      lookup: db.prepare<[string], [string, number]>("SELECT hash, slot FROM snapshot WHERE id = ?").raw(),
      lookupMany: db.prepare<[string], [string, string, number]>("SELECT id, hash, slot FROM snapshot WHERE id IN (SELECT value FROM json_each(?))").raw(),
      addPending: db.prepare<[string]>("INSERT OR IGNORE INTO pending (id) VALUES (?)"),
      // Returns the slot the row ends up with: the proposed one when the id is new, its own otherwise.
      upsert: db
        .prepare<[string, string, number], number>(
          "INSERT INTO snapshot (id, hash, slot) VALUES (?, ?, ?) ON CONFLICT (id) DO UPDATE SET hash = excluded.hash RETURNING slot",
        )
        .pluck(),
      remove: db.prepare<[string], number>("DELETE FROM snapshot WHERE id = ? RETURNING slot").pluck(),
      page: db.prepare<[string], [string, number]>(`SELECT id, slot FROM snapshot WHERE id > ? ORDER BY id LIMIT ${PAGE_ROWS}`).raw(),
      count: db.prepare<[], number>("SELECT count(*) FROM snapshot").pluck(),
      // One string per page, of the characters the index keeps: a JavaScript row per stored id would
      // cost more than the index saves.
      hashPage: db
        .prepare<[string], [string | null, string | null]>(
          `SELECT max(id), group_concat(substr(hash, 1, 16) || ' ' || slot, ' ') FROM (SELECT id, hash, slot FROM snapshot WHERE id > ? ORDER BY id LIMIT ${INDEX_PAGE_ROWS})`,
        )
        .raw(),
      saveNextSlot: db.prepare<[number]>("UPDATE meta SET value = ? WHERE key = 'next_slot'"),
      saveGeneration: db.prepare<[number]>("UPDATE meta SET value = ? WHERE key = 'generation'"),
    };
    this.generation = db.prepare<[], number>("SELECT value FROM meta WHERE key = 'generation'").pluck().get() ?? 0;
    this.nextSlot = db.prepare<[], number>("SELECT value FROM meta WHERE key = 'next_slot'").pluck().get() ?? 0;
    this.seen = new SlotBitmap(this.nextSlot);
  }

  /** Opens (creating it and its directory if needed) the snapshot file of one sync. */
  static open(file: string): ChangeSnapshot {
    mkdirSync(path.dirname(file), { recursive: true });
    const db = new Database(file);
    db.pragma("journal_mode = WAL");
    // A commit lost to power failure only means those rows are sent again.
    db.pragma("synchronous = NORMAL");
    db.pragma(`cache_size = -${CACHE_KIB}`);
    return new ChangeSnapshot(db, `${file}.index`);
  }

  /**
   * Compares a row with the snapshot and notes its id as seen in this run. "duplicate" means the id
   * came earlier in this run: the caller makes the row a row error (the first one stands).
   */
  classify(id: string, hash: string): Change {
    return this.knownAt(this.storedIndex()?.slotOfText(hash) ?? -1) ?? this.lookUp(id, hash);
  }

  /**
   * The quick answer for a row whose hash (its digest words) the snapshot holds: "unchanged", its id
   * noted as seen, or "duplicate"; undefined when the row needs `lookUp` (its id and hash text).
   */
  knownRow(hashWords: ArrayLike<number>): "unchanged" | "duplicate" | undefined {
    return this.knownAt(this.slotOf(hashWords));
  }

  /** The slot of the stored row whose hash begins with these digest words, or -1; marks nothing. */
  private slotOf(hashWords: ArrayLike<number>): number {
    return this.storedIndex()?.slotOf(hashWords) ?? -1;
  }

  /** `slotOf` when this run has not seen that row yet, else -1 (a row with the slot came before). */
  unseenSlotOf(hashWords: ArrayLike<number>): number {
    const slot = this.slotOf(hashWords);
    return slot >= 0 && !this.seen.has(slot) ? slot : -1;
  }

  /** `knownRow`'s answer for a slot `unseenSlotOf` gave: notes the id as seen, or finds it seen. */
  knownSlot(slot: number): "unchanged" | "duplicate" {
    return this.knownAt(slot)!;
  }

  /** `classify` for a row `knownRow` did not know: a lookup in the file. */
  lookUp(id: string, hash: string): Change {
    // Reads go inside the open transaction too: a statement on its own takes and drops WAL locks.
    this.begin();
    const row = this.sql.lookup.get(id);
    if (row) {
      this.done(1);
      const [stored, slot] = row;
      if (this.seen.has(slot)) return "duplicate";
      this.seen.add(slot);
      return stored === hash ? "unchanged" : "changed";
    }
    const added = this.sql.addPending.run(id).changes === 1;
    this.done(1);
    return added ? "new" : "duplicate";
  }

  /** The stored hash of each of `ids` the snapshot holds. */
  storedHashes(ids: readonly string[]): Map<string, string> {
    this.begin();
    const stored = new Map<string, string>();
    for (const [id, hash] of this.sql.lookupMany.all(JSON.stringify(ids))) stored.set(id, hash);
    return stored;
  }

  /** Records rows a destination took; durable when this returns (up to power loss, see synchronous). */
  confirm(delivered: readonly Delivered[]): void {
    if (delivered.length === 0) return;
    this.beginChange();
    for (const { id, hash } of delivered) {
      const slot = this.sql.upsert.get(id, hash, this.nextSlot)!;
      if (slot === this.nextSlot) this.nextSlot++;
      this.seen.add(slot);
      if (this.index) this.indexRow(hash, slot);
    }
    this.commit();
  }

  /**
   * Snapshot ids not seen in this run, in id order, read a page at a time. Call it after the last
   * row is classified; `confirmDeleted` may be called while iterating.
   */
  *deletedIds(): IterableIterator<string> {
    // Every stored id was seen: nothing is gone, and reading the whole snapshot would say so slowly.
    if (this.seen.count === this.sql.count.get()) return;
    let after = ""; // sorts before every id: empty ids never get here
    for (;;) {
      const rows = this.sql.page.all(after);
      for (const [id, slot] of rows) if (!this.seen.has(slot)) yield id;
      if (rows.length < PAGE_ROWS) return;
      after = rows[rows.length - 1][0];
    }
  }

  /** Forgets ids whose deletion was delivered (or needs no call); durable when this returns. */
  confirmDeleted(ids: readonly string[]): void {
    if (ids.length === 0) return;
    this.beginChange();
    for (const id of ids) {
      const slot = this.sql.remove.get(id);
      if (slot !== undefined && this.index) this.index.removeSlot(slot);
    }
    this.commit();
  }

  /**
   * Ends the run, finished or failed alike: the snapshot already holds exactly the confirmed rows,
   * so there is nothing to roll back; what the run has seen is dropped.
   */
  endRun(): void {
    this.commit();
    this.db.exec("DELETE FROM pending");
    this.seen.clear();
    if (this.index) this.saveIndex(this.index);
    this.index = undefined;
  }

  /** Forgets every identifier, so the next run sends every row. */
  reset(): void {
    this.commit();
    this.beginChange();
    this.db.exec("DELETE FROM snapshot; DELETE FROM pending; UPDATE meta SET value = 0 WHERE key = 'next_slot'");
    this.commit();
    rmSync(this.indexFile, { force: true });
    this.db.exec("VACUUM");
    this.nextSlot = 0;
    this.seen = new SlotBitmap();
    this.index = undefined;
  }

  close(): void {
    this.commit();
    this.db.close();
  }

  /** The hash covers the identifier columns: a stored row with this hash is this id's, unchanged. */
  private knownAt(slot: number): "unchanged" | "duplicate" | undefined {
    if (slot < 0) return undefined;
    if (this.seen.has(slot)) return "duplicate";
    this.seen.add(slot);
    return "unchanged";
  }

  private storedIndex(): StoredHashIndex | null {
    if (this.index === undefined) {
      this.index = this.savedIndex() ?? this.buildIndex();
      rmSync(this.indexFile, { force: true });
    }
    return this.index;
  }

  /** The index the last run saved, when nothing changed the rows since. */
  private savedIndex(): StoredHashIndex | undefined {
    let bytes: Buffer;
    try {
      bytes = readFileSync(this.indexFile);
    } catch {
      return undefined;
    }
    const saved = StoredHashIndex.fromBytes(bytes);
    return saved && saved.generation === this.generation ? saved.index : undefined;
  }

  private saveIndex(index: StoredHashIndex) {
    const temporary = `${this.indexFile}.${process.pid}.tmp`;
    writeFileSync(temporary, index.toBytes(this.generation));
    renameSync(temporary, this.indexFile);
  }

  /** Follows a confirmed row in the index: `slot` now holds `hash`. */
  private indexRow(hash: string, slot: number) {
    let index = this.index!;
    if (index.full) {
      if (index.grownBytes > INDEX_MAX_BYTES) {
        this.index = null;
        return;
      }
      index = this.index = index.grown();
    }
    index.add(hash, slot);
  }

  private buildIndex(): StoredHashIndex | null {
    const count = this.sql.count.get()!;
    if (storedHashIndexBytes(count) > INDEX_MAX_BYTES) return null;
    const index = new StoredHashIndex(count);
    for (let after = ""; ; ) {
      const [last, pairs] = this.sql.hashPage.get(after)!;
      if (last === null || pairs === null) return index;
      index.addPairs(pairs);
      after = last;
    }
  }

  private begin() {
    if (!this.db.inTransaction) this.db.exec("BEGIN");
  }

  private beginChange() {
    this.begin();
    this.changing = true;
  }

  private done(count: number) {
    this.operations += count;
    if (this.operations >= COMMIT_EVERY) this.commit();
  }

  private commit() {
    if (!this.db.inTransaction) return;
    this.sql.saveNextSlot.run(this.nextSlot);
    const generation = this.changing ? randomInt(1, 2 ** 48) : this.generation;
    if (this.changing) this.sql.saveGeneration.run(generation);
    try {
      this.db.exec("COMMIT");
    } catch (error) {
      // What the index followed may not be on disk: it is not trusted again.
      this.index = null;
      throw error;
    }
    this.generation = generation;
    this.changing = false;
    this.operations = 0;
  }
}
