import { rmSync } from "node:fs";
import path from "node:path";
import { env } from "../../env";

/** Where a sync's change-tracking snapshot lives: one SQLite file per sync in the data directory. */
export function snapshotFile(syncId: string): string {
  return path.join(env().TIDEWATER_DATA_DIR, "snapshots", `${syncId}.db`);
}

/** Deletes a sync's snapshot with its WAL files and hash index (none there is fine), so the next run sends every row. */
export function removeSnapshot(syncId: string): void {
  const file = snapshotFile(syncId);
  for (const suffix of ["", "-wal", "-shm", ".index"]) rmSync(`${file}${suffix}`, { force: true });
}
