-- CreateTable
CREATE TABLE "RowRetry" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "syncId" TEXT NOT NULL,
    "identity" TEXT NOT NULL,
    "messageId" TEXT NOT NULL,
    "callJson" TEXT NOT NULL,
    "rowJson" TEXT NOT NULL,
    "rowNumber" INTEGER NOT NULL,
    "trackedJson" TEXT,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "reason" TEXT NOT NULL,
    "firstRunId" TEXT NOT NULL,
    "lastRunId" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "RowRetry_syncId_fkey" FOREIGN KEY ("syncId") REFERENCES "Sync" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "RunRetry" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "runId" TEXT NOT NULL,
    "rowNumber" INTEGER NOT NULL,
    "rowJson" TEXT NOT NULL,
    "identity" TEXT NOT NULL,
    "result" TEXT NOT NULL,
    "reason" TEXT,
    "attempts" INTEGER NOT NULL,
    CONSTRAINT "RunRetry_runId_fkey" FOREIGN KEY ("runId") REFERENCES "SyncRun" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- AlterTable (by hand: Prisma's diff rebuilds both tables, and a DROP TABLE inside the migration's
-- transaction, where PRAGMA foreign_keys cannot be turned off, would cascade to their runs)
ALTER TABLE "Sync" ADD COLUMN "retryLimit" INTEGER NOT NULL DEFAULT 3;
ALTER TABLE "SyncRun" ADD COLUMN "rowsRetried" INTEGER NOT NULL DEFAULT 0;
ALTER TABLE "SyncRun" ADD COLUMN "retryOfRunId" TEXT;

-- CreateIndex
CREATE INDEX "RowRetry_syncId_identity_idx" ON "RowRetry"("syncId", "identity");

-- CreateIndex
CREATE INDEX "RowRetry_syncId_id_idx" ON "RowRetry"("syncId", "id");

-- CreateIndex
CREATE INDEX "RowRetry_firstRunId_idx" ON "RowRetry"("firstRunId");

-- CreateIndex
CREATE INDEX "RunRetry_runId_id_idx" ON "RunRetry"("runId", "id");

