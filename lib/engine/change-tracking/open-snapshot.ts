import pg from "pg";
import { env, isDistributed } from "../../env";
import { forgetPgSnapshot, PgSnapshot } from "./pg-snapshot";
import { removeSnapshot, snapshotFile } from "./snapshot-file";
import { pgSnapshotReader, ReadOnlySnapshot, sqliteSnapshotReader } from "./read-only-snapshot";
import type { SnapshotStore } from "./snapshot-store";
import { SqliteSnapshot } from "./sqlite-snapshot";

const holder = globalThis as unknown as { tidewaterSnapshotPool?: pg.Pool };

/** With PostgreSQL, each running run holds one connection of this pool (see PgSnapshot). */
function snapshotPool(): pg.Pool {
  holder.tidewaterSnapshotPool ??= new pg.Pool({
    connectionString: env().DATABASE_URL,
    max: env().TIDEWATER_WORKER_CONCURRENCY + 1,
    application_name: "tidewater-snapshots",
  });
  return holder.tidewaterSnapshotPool;
}

/**
 * The change-tracking snapshot of a sync, opened for one run; the run closes it when it ends. In the
 * PostgreSQL app database when there is one, so whichever worker runs the sync sees it; else a
 * SQLite file per sync in the data directory.
 */
export async function openSnapshot(syncId: string): Promise<SnapshotStore> {
  if (isDistributed()) return PgSnapshot.open(snapshotPool(), syncId);
  return SqliteSnapshot.open(snapshotFile(syncId));
}

/** Forgets what change tracking has sent for a sync: its next run sends every row. */
export async function forgetSnapshot(syncId: string): Promise<void> {
  if (isDistributed()) await forgetPgSnapshot(snapshotPool(), syncId);
  else removeSnapshot(syncId);
}

/** The sync's snapshot for a dry run: read-only, whatever a run of the sync does meanwhile. */
export function openReadOnlySnapshot(syncId: string): ReadOnlySnapshot {
  return new ReadOnlySnapshot(isDistributed() ? pgSnapshotReader(snapshotPool(), syncId) : sqliteSnapshotReader(snapshotFile(syncId)));
}
