-- AlterTable
ALTER TABLE "Sync" ADD COLUMN     "changeTrackingColumns" TEXT,
ADD COLUMN     "deletedRowsAction" TEXT NOT NULL DEFAULT 'nothing',
ADD COLUMN     "deletedRowsEvent" TEXT;

