-- A trigger URL's secret is shown once: only its hash stays, with the moment it was made.
ALTER TABLE "Sync" DROP COLUMN "triggerTokenEncrypted";
ALTER TABLE "Sync" ADD COLUMN "triggerCreatedAt" DATETIME;
