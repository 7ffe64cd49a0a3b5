-- AlterTable
ALTER TABLE "SyncRun" ADD COLUMN "cancelReason" TEXT;
ALTER TABLE "SyncRun" ADD COLUMN "cancelRequestedAt" DATETIME;
ALTER TABLE "SyncRun" ADD COLUMN "heartbeatAt" DATETIME;
ALTER TABLE "SyncRun" ADD COLUMN "workerId" TEXT;

-- CreateIndex
CREATE INDEX "SyncRun_status_idx" ON "SyncRun"("status");

