-- CreateIndex
CREATE INDEX "ExpenseActual_orgUnitId_year_month_idx" ON "ExpenseActual"("orgUnitId", "year", "month");

-- CreateIndex
CREATE INDEX "Comment_expenseCellId_idx" ON "Comment"("expenseCellId");

-- CreateIndex
CREATE INDEX "Comment_parentId_idx" ON "Comment"("parentId");

-- CreateIndex
CREATE INDEX "Objection_targetCellId_idx" ON "Objection"("targetCellId");


-- Written by hand (Prisma cannot express CHECK constraints; a datamodel diff ignores them).
-- The unique keys of cells and actuals use "dimensionKey" in place of the nullable dimension
-- columns, so the key must be exactly the canonical text of those columns (packages/domain
-- cell-key.ts: present dimensions as tag=id, in this order, joined by ";"; "" for none).
-- A writer that forgot it (the column defaults to "") would otherwise make two different cells
-- collide, or an upsert overwrite the wrong one.
ALTER TABLE "TargetCell" ADD CONSTRAINT "TargetCell_dimensionKey_canonical" CHECK ("dimensionKey" = concat_ws(';',
  'spec=' || "productSpecId", 'channel=' || "channelId", 'terminal=' || "terminalId",
  'distributor=' || "distributorId", 'township=' || "townshipId"));
ALTER TABLE "SalesActual" ADD CONSTRAINT "SalesActual_dimensionKey_canonical" CHECK ("dimensionKey" = concat_ws(';',
  'spec=' || "productSpecId", 'channel=' || "channelId", 'terminal=' || "terminalId",
  'distributor=' || "distributorId", 'township=' || "townshipId"));
ALTER TABLE "ExpenseCell" ADD CONSTRAINT "ExpenseCell_dimensionKey_canonical" CHECK ("dimensionKey" = concat_ws(';', 'terminal=' || "terminalId"));
ALTER TABLE "ExpenseActual" ADD CONSTRAINT "ExpenseActual_dimensionKey_canonical" CHECK ("dimensionKey" = concat_ws(';', 'terminal=' || "terminalId"));

-- Values are stored by month 1..12; quarters, halves and the year are derived (packages/domain periods.ts).
ALTER TABLE "TargetCell" ADD CONSTRAINT "TargetCell_month_range" CHECK ("month" BETWEEN 1 AND 12);
ALTER TABLE "ExpenseCell" ADD CONSTRAINT "ExpenseCell_month_range" CHECK ("month" BETWEEN 1 AND 12);
ALTER TABLE "ExpenseTransfer" ADD CONSTRAINT "ExpenseTransfer_month_range" CHECK ("month" BETWEEN 1 AND 12);
ALTER TABLE "SalesActual" ADD CONSTRAINT "SalesActual_month_range" CHECK ("month" BETWEEN 1 AND 12);
ALTER TABLE "ExpenseActual" ADD CONSTRAINT "ExpenseActual_month_range" CHECK ("month" BETWEEN 1 AND 12);
