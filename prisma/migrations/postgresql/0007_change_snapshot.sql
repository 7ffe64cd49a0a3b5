-- The change-tracking snapshot of every sync (PostgreSQL only: SQLite keeps one file per sync, see
-- lib/engine/change-tracking/snapshot-file.ts), read and written in bulk by
-- lib/engine/change-tracking/pg-snapshot.ts with raw SQL. It is not in schema.prisma: no Prisma
-- query touches it, and `scripts/diff-migration.ts` diffs schema against schema, so it never
-- proposes dropping it. COLLATE "C": byte-wise comparisons, the cheapest there are, whatever the
-- database's locale; the order only serves keyset pagination, never shown to anyone.
CREATE TABLE "change_snapshot" (
    "sync_id" TEXT NOT NULL REFERENCES "Sync"("id") ON DELETE CASCADE,
    "id" TEXT COLLATE "C" NOT NULL,
    "hash" TEXT NOT NULL,

    CONSTRAINT "change_snapshot_pkey" PRIMARY KEY ("sync_id", "id")
);
