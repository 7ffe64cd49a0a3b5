import { ChangeSnapshot } from "./change-snapshot";
import type { Change, KeyedRow, RowByRow, SnapshotStore } from "./snapshot-store";

/** Deleted identifiers handed out per page. */
const DELETED_PAGE = 2_000;

/**
 * Embedded mode's SnapshotStore: the sync's SQLite file (ChangeSnapshot). Its reads are local and
 * synchronous, so a page costs one await however many rows it has.
 */
export class SqliteSnapshot implements SnapshotStore {
  private constructor(private readonly snapshot: ChangeSnapshot) {}

  /** Opens (creating it and its directory if needed) a sync's snapshot file. */
  static open(file: string): SqliteSnapshot {
    return new SqliteSnapshot(ChangeSnapshot.open(file));
  }

  readonly readOnly = false;

  get onlyCurrentHashes(): boolean {
    return this.snapshot.onlyCurrentHashes;
  }

  readonly rowByRow: RowByRow = {
    knownRow: (hashWords) => this.snapshot.knownRow(hashWords),
    classifyRow: (row) => this.snapshot.lookUp(row.id, row.hash),
    unseenSlotOf: (hashWords) => this.snapshot.unseenSlotOf(hashWords),
    knownSlot: (slot) => this.snapshot.knownSlot(slot),
  };

  async storedHashes(ids: readonly string[]): Promise<Map<string, string>> {
    return this.snapshot.storedHashes(ids);
  }

  async classify(rows: readonly KeyedRow[]): Promise<Change[]> {
    // One lookup per row: quicker than a statement per page (json_each, IN, a Map), measured on 1M ids.
    const changes = new Array<Change>(rows.length);
    for (let i = 0; i < rows.length; i++) changes[i] = this.snapshot.classify(rows[i].id, rows[i].hash);
    return changes;
  }

  async confirm(delivered: readonly KeyedRow[]): Promise<void> {
    this.snapshot.confirm(delivered);
  }

  async *deletedIds(): AsyncIterable<string[]> {
    let page: string[] = [];
    for (const id of this.snapshot.deletedIds()) {
      page.push(id);
      if (page.length === DELETED_PAGE) {
        yield page;
        page = [];
      }
    }
    if (page.length > 0) yield page;
  }

  async confirmDeleted(ids: readonly string[]): Promise<void> {
    this.snapshot.confirmDeleted(ids);
  }

  async close(): Promise<void> {
    // Only delivered rows were confirmed, so a failed run leaves nothing to undo.
    try {
      this.snapshot.endRun();
    } finally {
      this.snapshot.close();
    }
  }
}
