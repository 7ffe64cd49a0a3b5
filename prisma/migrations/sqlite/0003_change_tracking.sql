-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Sync" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "sourceId" TEXT NOT NULL,
    "databaseId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "type" TEXT NOT NULL,
    "query" TEXT NOT NULL,
    "frequencyMinutes" INTEGER NOT NULL,
    "startAt" DATETIME NOT NULL,
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "lastSyncTime" INTEGER NOT NULL DEFAULT 0,
    "changeTrackingColumns" TEXT,
    "deletedRowsAction" TEXT NOT NULL DEFAULT 'nothing',
    "deletedRowsEvent" TEXT,
    "nextRunAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Sync_sourceId_fkey" FOREIGN KEY ("sourceId") REFERENCES "Source" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Sync_databaseId_fkey" FOREIGN KEY ("databaseId") REFERENCES "Database" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_Sync" ("createdAt", "databaseId", "description", "enabled", "frequencyMinutes", "id", "lastSyncTime", "name", "nextRunAt", "query", "sourceId", "startAt", "type", "updatedAt") SELECT "createdAt", "databaseId", "description", "enabled", "frequencyMinutes", "id", "lastSyncTime", "name", "nextRunAt", "query", "sourceId", "startAt", "type", "updatedAt" FROM "Sync";
DROP TABLE "Sync";
ALTER TABLE "new_Sync" RENAME TO "Sync";
CREATE INDEX "Sync_enabled_nextRunAt_idx" ON "Sync"("enabled", "nextRunAt");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

