-- AlterTable
ALTER TABLE "SyncRun" ADD COLUMN     "rowsUnchanged" INTEGER NOT NULL DEFAULT 0;

