-- A run's success starts each sync after it once, however many processes see it end.
CREATE UNIQUE INDEX "SyncRun_syncId_triggeredByRunId_key" ON "SyncRun"("syncId", "triggeredByRunId");
