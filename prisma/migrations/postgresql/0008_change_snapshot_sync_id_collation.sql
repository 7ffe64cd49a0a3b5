-- sync_id compares byte-wise (COLLATE "C"), as id does: in a database with a locale collation
-- (en_US.UTF-8 and the like, the usual default), every comparison down the key's B-tree otherwise
-- goes through the locale's rules, on every lookup of every run.
ALTER TABLE "change_snapshot" ALTER COLUMN "sync_id" TYPE TEXT COLLATE "C";
