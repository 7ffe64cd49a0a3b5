-- Config-as-code keys, schedules (cron, manual, after another sync), inbound triggers, chained runs.
ALTER TABLE "Source" ADD COLUMN "key" TEXT;
ALTER TABLE "Database" ADD COLUMN "key" TEXT;
ALTER TABLE "Destination" ADD COLUMN "key" TEXT;
ALTER TABLE "Sync" ADD COLUMN "key" TEXT;
ALTER TABLE "Sync" ADD COLUMN "scheduleKind" TEXT NOT NULL DEFAULT 'interval';
ALTER TABLE "Sync" ADD COLUMN "cronExpression" TEXT;
ALTER TABLE "Sync" ADD COLUMN "timeZone" TEXT NOT NULL DEFAULT 'UTC';
ALTER TABLE "Sync" ADD COLUMN "afterSyncId" TEXT;
ALTER TABLE "Sync" ADD COLUMN "triggerTokenHash" TEXT;
ALTER TABLE "Sync" ADD COLUMN "triggerTokenEncrypted" TEXT;
ALTER TABLE "Sync" ADD COLUMN "dbtSecretEncrypted" TEXT;
ALTER TABLE "SyncRun" ADD COLUMN "triggeredByRunId" TEXT;

CREATE UNIQUE INDEX "Source_key_key" ON "Source"("key");
CREATE UNIQUE INDEX "Database_sourceId_key_key" ON "Database"("sourceId", "key");
CREATE UNIQUE INDEX "Destination_key_key" ON "Destination"("key");
CREATE UNIQUE INDEX "Sync_key_key" ON "Sync"("key");
CREATE UNIQUE INDEX "Sync_triggerTokenHash_key" ON "Sync"("triggerTokenHash");
CREATE INDEX "Sync_afterSyncId_idx" ON "Sync"("afterSyncId");
ALTER TABLE "Sync" ADD CONSTRAINT "Sync_afterSyncId_fkey" FOREIGN KEY ("afterSyncId") REFERENCES "Sync"("id") ON DELETE SET NULL ON UPDATE CASCADE;
