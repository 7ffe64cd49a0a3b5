// A sync's change-tracking snapshot as a dry run sees it: the same answers a run's store gives
// (new, changed, unchanged, duplicate; the ids gone from the result), from reads only. What the dry
// run has seen is kept in this process, never in the snapshot's file or table, and confirming is
// refused, so a dry run cannot move the snapshot whatever it does.
import { existsSync } from "node:fs";
import Database from "better-sqlite3";
import type pg from "pg";
import type { Change, KeyedRow, SnapshotStore } from "./snapshot-store";

/** Snapshot ids read per page when listing deleted identifiers. */
const PAGE_ROWS = 2_000;

/** What a read-only snapshot needs of where the snapshot is kept. */
export type SnapshotReader = {
  /** The stored hash of each of `ids` that the snapshot holds. */
  hashes(ids: readonly string[]): Promise<Map<string, string>>;
  /** Up to `limit` stored ids after `after`, in the reader's id order. */
  idsAfter(after: string, limit: number): Promise<string[]>;
  close(): Promise<void>;
};

export class ReadOnlySnapshotError extends Error {}

export class ReadOnlySnapshot implements SnapshotStore {
  private readonly seen = new Set<string>();

  constructor(private readonly reader: SnapshotReader) {}

  readonly readOnly = true;

  storedHashes(ids: readonly string[]): Promise<Map<string, string>> {
    return this.reader.hashes(ids);
  }

  async classify(rows: readonly KeyedRow[]): Promise<Change[]> {
    const changes = new Array<Change>(rows.length);
    const fresh: number[] = [];
    for (let i = 0; i < rows.length; i++) {
      if (this.seen.has(rows[i].id)) changes[i] = "duplicate";
      else {
        this.seen.add(rows[i].id);
        fresh.push(i);
      }
    }
    if (fresh.length === 0) return changes;
    const stored = await this.reader.hashes(fresh.map((i) => rows[i].id));
    for (const i of fresh) {
      const hash = stored.get(rows[i].id);
      changes[i] = hash === undefined ? "new" : hash === rows[i].hash ? "unchanged" : "changed";
    }
    return changes;
  }

  async confirm(): Promise<void> {
    throw new ReadOnlySnapshotError("A dry run never writes the change-tracking snapshot.");
  }

  async confirmDeleted(): Promise<void> {
    throw new ReadOnlySnapshotError("A dry run never writes the change-tracking snapshot.");
  }

  async *deletedIds(): AsyncIterable<string[]> {
    let after = ""; // sorts before every id: empty ids are never stored
    for (;;) {
      const ids = await this.reader.idsAfter(after, PAGE_ROWS);
      const gone = ids.filter((id) => !this.seen.has(id));
      if (gone.length > 0) yield gone;
      if (ids.length < PAGE_ROWS) return;
      after = ids[ids.length - 1];
    }
  }

  async close(): Promise<void> {
    this.seen.clear();
    await this.reader.close();
  }
}

/** A sync with no snapshot yet (or not saved yet): every row is new, nothing is deleted. */
export function emptySnapshotReader(): SnapshotReader {
  return { hashes: async () => new Map(), idsAfter: async () => [], close: async () => {} };
}

/**
 * Embedded mode: the sync's SQLite file opened read-only (SQLite itself refuses any write), or no
 * snapshot at all when the sync has none yet (opening it would create the file).
 */
export function sqliteSnapshotReader(file: string): SnapshotReader {
  if (!existsSync(file)) return emptySnapshotReader();
  const db = new Database(file, { readonly: true, fileMustExist: true });
  const lookup = db.prepare<[string], [string, string]>("SELECT id, hash FROM snapshot WHERE id = ?").raw();
  const page = db.prepare<[string, number], string>("SELECT id FROM snapshot WHERE id > ? ORDER BY id LIMIT ?").pluck();
  return {
    async hashes(ids) {
      const found = new Map<string, string>();
      for (const id of ids) {
        const row = lookup.get(id);
        if (row) found.set(row[0], row[1]);
      }
      return found;
    },
    idsAfter: async (after, limit) => page.all(after, limit),
    close: async () => void db.close(),
  };
}

/** Distributed mode: the change_snapshot table of the app database, read with SELECTs only. */
export function pgSnapshotReader(pool: pg.Pool, syncId: string): SnapshotReader {
  return {
    async hashes(ids) {
      const { rows } = await pool.query<{ id: string; hash: string }>("SELECT id, hash FROM change_snapshot WHERE sync_id = $1 AND id = ANY ($2::text[])", [syncId, ids]);
      return new Map(rows.map((row) => [row.id, row.hash]));
    },
    async idsAfter(after, limit) {
      const { rows } = await pool.query<[string]>({
        text: `SELECT id FROM change_snapshot WHERE sync_id = $1 AND id > $2 ORDER BY id LIMIT $3`,
        values: [syncId, after, limit],
        rowMode: "array",
      });
      return rows.map((row) => row[0]);
    },
    close: async () => {},
  };
}
