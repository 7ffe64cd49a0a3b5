import { snapshotFile } from "./snapshot-file";
import type { SnapshotStore } from "./snapshot-store";
import { SqliteSnapshot } from "./sqlite-snapshot";

/** The change-tracking snapshot of a sync, opened for one run; the run closes it when it ends. */
export async function openSnapshot(syncId: string): Promise<SnapshotStore> {
  return SqliteSnapshot.open(snapshotFile(syncId));
}
