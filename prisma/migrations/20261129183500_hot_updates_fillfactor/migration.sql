-- Leave room on every page so that a cell's new version fits beside the old one: an update
-- that changes no indexed column (a cell's value, version, held flag, editor; a summary row's
-- sums) is then a HOT update, with no new entry in any index (docs/PERFORMANCE.md,
-- "Saving a batch of target cells"). Prisma's schema cannot say this; it changes no column.
-- Pages written before this migration keep their fill until the table is rewritten
-- (VACUUM FULL or pg_repack on a large existing database).
ALTER TABLE "TargetCell" SET (fillfactor = 70);
ALTER TABLE "ExpenseCell" SET (fillfactor = 70);
ALTER TABLE "TargetSummary" SET (fillfactor = 70);
