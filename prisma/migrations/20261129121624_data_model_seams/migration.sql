-- CreateEnum
CREATE TYPE "BreakdownAxis" AS ENUM ('CHANNEL', 'TERMINAL', 'DISTRIBUTOR', 'TOWNSHIP');

-- CreateEnum
CREATE TYPE "ImportTarget" AS ENUM ('SALES_ACTUAL', 'EXPENSE_ACTUAL');

-- DropForeignKey
ALTER TABLE "User" DROP CONSTRAINT "User_orgUnitId_fkey";

-- DropForeignKey
ALTER TABLE "PlanVersion" DROP CONSTRAINT "PlanVersion_planId_fkey";

-- DropForeignKey
ALTER TABLE "ExpenseTransfer" DROP CONSTRAINT "ExpenseTransfer_planId_fkey";

-- DropForeignKey
ALTER TABLE "WorkflowEvent" DROP CONSTRAINT "WorkflowEvent_planId_fkey";

-- DropForeignKey
ALTER TABLE "Comment" DROP CONSTRAINT "Comment_planId_fkey";

-- DropForeignKey
ALTER TABLE "Comment" DROP CONSTRAINT "Comment_targetCellId_fkey";

-- DropForeignKey
ALTER TABLE "Comment" DROP CONSTRAINT "Comment_expenseCellId_fkey";

-- DropForeignKey
ALTER TABLE "Objection" DROP CONSTRAINT "Objection_planId_fkey";

-- DropForeignKey
ALTER TABLE "Objection" DROP CONSTRAINT "Objection_targetCellId_fkey";

-- DropForeignKey
ALTER TABLE "AuditLog" DROP CONSTRAINT "AuditLog_actorId_fkey";

-- DropIndex
DROP INDEX "User_orgUnitId_idx";

-- DropIndex
DROP INDEX "Comment_targetCellId_idx";

-- DropIndex
DROP INDEX "Comment_expenseCellId_idx";

-- DropIndex
DROP INDEX "Objection_targetCellId_idx";

-- AlterTable
ALTER TABLE "Plan" ADD COLUMN     "childWaiverGrantedById" TEXT,
ADD COLUMN     "staleCausePlanId" TEXT,
ADD COLUMN     "staleReason" TEXT,
ADD COLUMN     "staleSince" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "PlanSection" ADD COLUMN     "version" INTEGER NOT NULL DEFAULT 1;

-- AlterTable
-- Edited by hand: "breakdownAxis" is computed by the database (see the note at the end).
ALTER TABLE "TargetCell" ADD COLUMN     "breakdownAxis" "BreakdownAxis" GENERATED ALWAYS AS (CASE
  WHEN "terminalId" IS NOT NULL THEN 'TERMINAL'::"BreakdownAxis"
  WHEN "distributorId" IS NOT NULL THEN 'DISTRIBUTOR'::"BreakdownAxis"
  WHEN "townshipId" IS NOT NULL THEN 'TOWNSHIP'::"BreakdownAxis"
  WHEN "channelId" IS NOT NULL THEN 'CHANNEL'::"BreakdownAxis"
END) STORED,
ADD COLUMN     "updatedById" TEXT,
ADD COLUMN     "version" INTEGER NOT NULL DEFAULT 1;

-- AlterTable
ALTER TABLE "ExpenseCell" ADD COLUMN     "distributorId" TEXT,
ADD COLUMN     "updatedById" TEXT,
ADD COLUMN     "version" INTEGER NOT NULL DEFAULT 1;

-- AlterTable (no import has been written before this migration: the new columns need no backfill)
ALTER TABLE "ImportBatch" ADD COLUMN     "monthFrom" INTEGER NOT NULL,
ADD COLUMN     "monthTo" INTEGER NOT NULL,
ADD COLUMN     "scopeOrgUnitId" TEXT NOT NULL,
ADD COLUMN     "year" INTEGER NOT NULL;

-- AlterTable
ALTER TABLE "ExpenseActual" ADD COLUMN     "distributorId" TEXT;

-- AlterTable
ALTER TABLE "WorkflowEvent" ADD COLUMN     "versionId" TEXT,
ADD COLUMN     "waiverGrantedById" TEXT;

-- AlterTable
ALTER TABLE "Comment" ADD COLUMN     "dimensionKey" TEXT,
ADD COLUMN     "itemId" TEXT,
ADD COLUMN     "metricId" TEXT,
ADD COLUMN     "month" INTEGER;

-- AlterTable
ALTER TABLE "Objection" ADD COLUMN     "dimensionKey" TEXT,
ADD COLUMN     "month" INTEGER;

-- AlterTable
ALTER TABLE "AuditLog" ADD COLUMN     "orgUnitId" TEXT,
ADD COLUMN     "planId" TEXT,
ADD COLUMN     "requestId" TEXT,
ADD COLUMN     "sessionId" TEXT;

-- CreateTable
CREATE TABLE "RoleAssignment" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "role" "Role" NOT NULL,
    "orgUnitId" TEXT NOT NULL,
    "grantedById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "RoleAssignment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PlanSectionLink" (
    "id" TEXT NOT NULL,
    "sectionId" TEXT NOT NULL,
    "metricId" TEXT NOT NULL,
    "productSpecId" TEXT,

    CONSTRAINT "PlanSectionLink_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ImportReplacedValue" (
    "id" BIGSERIAL NOT NULL,
    "batchId" TEXT NOT NULL,
    "target" "ImportTarget" NOT NULL,
    "orgUnitId" TEXT NOT NULL,
    "metricId" TEXT,
    "itemId" TEXT,
    "year" INTEGER NOT NULL,
    "month" INTEGER NOT NULL,
    "dimensionKey" TEXT NOT NULL,
    "previousValue" DECIMAL(18,2),
    "previousImportBatchId" TEXT,

    CONSTRAINT "ImportReplacedValue_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "RoleAssignment_orgUnitId_role_idx" ON "RoleAssignment"("orgUnitId", "role");

-- CreateIndex
CREATE INDEX "RoleAssignment_grantedById_idx" ON "RoleAssignment"("grantedById");

-- CreateIndex
CREATE UNIQUE INDEX "RoleAssignment_userId_role_orgUnitId_key" ON "RoleAssignment"("userId", "role", "orgUnitId");

-- CreateIndex
CREATE UNIQUE INDEX "PlanSectionLink_sectionId_metricId_productSpecId_key" ON "PlanSectionLink"("sectionId", "metricId", "productSpecId");

-- CreateIndex
CREATE INDEX "ImportReplacedValue_batchId_idx" ON "ImportReplacedValue"("batchId");

-- CreateIndex
CREATE INDEX "ImportReplacedValue_previousImportBatchId_idx" ON "ImportReplacedValue"("previousImportBatchId");

-- CreateIndex
CREATE INDEX "Plan_staleCausePlanId_idx" ON "Plan"("staleCausePlanId");

-- CreateIndex
CREATE INDEX "Plan_childWaiverGrantedById_idx" ON "Plan"("childWaiverGrantedById");

-- CreateIndex
CREATE INDEX "ImportBatch_scopeOrgUnitId_idx" ON "ImportBatch"("scopeOrgUnitId");

-- CreateIndex
CREATE UNIQUE INDEX "WorkflowEvent_versionId_key" ON "WorkflowEvent"("versionId");

-- CreateIndex
CREATE INDEX "WorkflowEvent_waiverGrantedById_idx" ON "WorkflowEvent"("waiverGrantedById");

-- CreateIndex
CREATE INDEX "Comment_planId_metricId_month_dimensionKey_idx" ON "Comment"("planId", "metricId", "month", "dimensionKey");

-- CreateIndex
CREATE INDEX "Comment_planId_itemId_month_dimensionKey_idx" ON "Comment"("planId", "itemId", "month", "dimensionKey");

-- CreateIndex
CREATE INDEX "Objection_planId_metricId_month_dimensionKey_idx" ON "Objection"("planId", "metricId", "month", "dimensionKey");

-- CreateIndex
CREATE INDEX "AuditLog_planId_at_idx" ON "AuditLog"("planId", "at");

-- CreateIndex
CREATE INDEX "AuditLog_orgUnitId_at_idx" ON "AuditLog"("orgUnitId", "at");

-- AddForeignKey
ALTER TABLE "RoleAssignment" ADD CONSTRAINT "RoleAssignment_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RoleAssignment" ADD CONSTRAINT "RoleAssignment_orgUnitId_fkey" FOREIGN KEY ("orgUnitId") REFERENCES "OrgUnit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RoleAssignment" ADD CONSTRAINT "RoleAssignment_grantedById_fkey" FOREIGN KEY ("grantedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Plan" ADD CONSTRAINT "Plan_childWaiverGrantedById_fkey" FOREIGN KEY ("childWaiverGrantedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Plan" ADD CONSTRAINT "Plan_staleCausePlanId_fkey" FOREIGN KEY ("staleCausePlanId") REFERENCES "Plan"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PlanVersion" ADD CONSTRAINT "PlanVersion_planId_fkey" FOREIGN KEY ("planId") REFERENCES "Plan"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PlanSectionLink" ADD CONSTRAINT "PlanSectionLink_sectionId_fkey" FOREIGN KEY ("sectionId") REFERENCES "PlanSection"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PlanSectionLink" ADD CONSTRAINT "PlanSectionLink_metricId_fkey" FOREIGN KEY ("metricId") REFERENCES "Metric"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PlanSectionLink" ADD CONSTRAINT "PlanSectionLink_productSpecId_fkey" FOREIGN KEY ("productSpecId") REFERENCES "ProductSpec"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TargetCell" ADD CONSTRAINT "TargetCell_updatedById_fkey" FOREIGN KEY ("updatedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ExpenseCell" ADD CONSTRAINT "ExpenseCell_distributorId_fkey" FOREIGN KEY ("distributorId") REFERENCES "Distributor"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ExpenseCell" ADD CONSTRAINT "ExpenseCell_updatedById_fkey" FOREIGN KEY ("updatedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ExpenseTransfer" ADD CONSTRAINT "ExpenseTransfer_planId_fkey" FOREIGN KEY ("planId") REFERENCES "Plan"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ImportBatch" ADD CONSTRAINT "ImportBatch_scopeOrgUnitId_fkey" FOREIGN KEY ("scopeOrgUnitId") REFERENCES "OrgUnit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ImportReplacedValue" ADD CONSTRAINT "ImportReplacedValue_batchId_fkey" FOREIGN KEY ("batchId") REFERENCES "ImportBatch"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ImportReplacedValue" ADD CONSTRAINT "ImportReplacedValue_previousImportBatchId_fkey" FOREIGN KEY ("previousImportBatchId") REFERENCES "ImportBatch"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ImportReplacedValue" ADD CONSTRAINT "ImportReplacedValue_metricId_fkey" FOREIGN KEY ("metricId") REFERENCES "Metric"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ImportReplacedValue" ADD CONSTRAINT "ImportReplacedValue_itemId_fkey" FOREIGN KEY ("itemId") REFERENCES "ExpenseItem"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ImportReplacedValue" ADD CONSTRAINT "ImportReplacedValue_orgUnitId_fkey" FOREIGN KEY ("orgUnitId") REFERENCES "OrgUnit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ExpenseActual" ADD CONSTRAINT "ExpenseActual_distributorId_fkey" FOREIGN KEY ("distributorId") REFERENCES "Distributor"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "WorkflowEvent" ADD CONSTRAINT "WorkflowEvent_planId_fkey" FOREIGN KEY ("planId") REFERENCES "Plan"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "WorkflowEvent" ADD CONSTRAINT "WorkflowEvent_waiverGrantedById_fkey" FOREIGN KEY ("waiverGrantedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "WorkflowEvent" ADD CONSTRAINT "WorkflowEvent_versionId_fkey" FOREIGN KEY ("versionId") REFERENCES "PlanVersion"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Comment" ADD CONSTRAINT "Comment_planId_fkey" FOREIGN KEY ("planId") REFERENCES "Plan"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Comment" ADD CONSTRAINT "Comment_metricId_fkey" FOREIGN KEY ("metricId") REFERENCES "Metric"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Comment" ADD CONSTRAINT "Comment_itemId_fkey" FOREIGN KEY ("itemId") REFERENCES "ExpenseItem"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Objection" ADD CONSTRAINT "Objection_planId_fkey" FOREIGN KEY ("planId") REFERENCES "Plan"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AuditLog" ADD CONSTRAINT "AuditLog_actorId_fkey" FOREIGN KEY ("actorId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AuditLog" ADD CONSTRAINT "AuditLog_planId_fkey" FOREIGN KEY ("planId") REFERENCES "Plan"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AuditLog" ADD CONSTRAINT "AuditLog_orgUnitId_fkey" FOREIGN KEY ("orgUnitId") REFERENCES "OrgUnit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;


-- ───────────────────────────── Written by hand ─────────────────────────────
-- Prisma cannot express what follows, and a datamodel diff leaves it alone (as in
-- 20261124102729_cell_checks_and_fk_indexes).

-- 1. Data carried over from the columns this migration replaces, then those columns dropped.
-- A user's one role at one unit becomes their first role assignment.
INSERT INTO "RoleAssignment" ("id", "userId", "role", "orgUnitId", "createdAt")
SELECT gen_random_uuid()::text, "id", "role", "orgUnitId", "createdAt" FROM "User";
ALTER TABLE "User" DROP COLUMN "orgUnitId", DROP COLUMN "role";

-- A section's linked metric codes become links to those metrics (codes naming no metric had no effect and are dropped).
INSERT INTO "PlanSectionLink" ("id", "sectionId", "metricId")
SELECT gen_random_uuid()::text, linked."sectionId", linked."metricId"
FROM (SELECT DISTINCT s."id" AS "sectionId", m."id" AS "metricId"
      FROM "PlanSection" s CROSS JOIN LATERAL unnest(s."linkedMetricCodes") AS code("value")
      JOIN "Metric" m ON m."code" = code."value") AS linked;
ALTER TABLE "PlanSection" DROP COLUMN "linkedMetricCodes";

-- A comment or objection on a cell row now names the cell's coordinates.
UPDATE "Comment" c SET "metricId" = t."metricId", "month" = t."month", "dimensionKey" = t."dimensionKey"
FROM "TargetCell" t WHERE t."id" = c."targetCellId";
UPDATE "Comment" c SET "itemId" = e."itemId", "month" = e."month", "dimensionKey" = e."dimensionKey"
FROM "ExpenseCell" e WHERE e."id" = c."expenseCellId" AND c."targetCellId" IS NULL;
ALTER TABLE "Comment" DROP COLUMN "expenseCellId", DROP COLUMN "targetCellId";
UPDATE "Objection" o SET "metricId" = t."metricId", "month" = t."month", "dimensionKey" = t."dimensionKey"
FROM "TargetCell" t WHERE t."id" = o."targetCellId";
ALTER TABLE "Objection" DROP COLUMN "targetCellId";

-- 2. Numbers are never counted twice. "breakdownAxis" (generated above) is NULL for a FIGURE
-- (no channel, terminal, distributor or township) and names the axis of a BREAKDOWN, in the
-- domain's order of precedence: terminal, distributor, township, channel. A breakdown details
-- the figure with the same plan, metric, month and spec; sums take figures only. These partial
-- indexes hold figures only, so "a plan's figures" and "a metric's figures of a month across
-- plans (a subtree)" never read a breakdown row.
CREATE INDEX "TargetCell_figures_idx" ON "TargetCell"("planId", "metricId", "month") WHERE "breakdownAxis" IS NULL;
CREATE INDEX "TargetCell_figures_by_month_idx" ON "TargetCell"("metricId", "month", "planId") WHERE "breakdownAxis" IS NULL;

-- 3. Expense lines and actuals may name a distributor (经销商年终折让 is budgeted per distributor),
-- or a terminal, never both; the key is the canonical text of packages/domain cell-key.ts
-- (present dimensions as tag=id in the order spec, channel, terminal, distributor, township).
ALTER TABLE "ExpenseCell" DROP CONSTRAINT "ExpenseCell_dimensionKey_canonical";
ALTER TABLE "ExpenseCell" ADD CONSTRAINT "ExpenseCell_dimensionKey_canonical"
  CHECK ("dimensionKey" = concat_ws(';', 'terminal=' || "terminalId", 'distributor=' || "distributorId"));
ALTER TABLE "ExpenseCell" ADD CONSTRAINT "ExpenseCell_one_counterpart" CHECK (num_nonnulls("terminalId", "distributorId") <= 1);
ALTER TABLE "ExpenseActual" DROP CONSTRAINT "ExpenseActual_dimensionKey_canonical";
ALTER TABLE "ExpenseActual" ADD CONSTRAINT "ExpenseActual_dimensionKey_canonical"
  CHECK ("dimensionKey" = concat_ws(';', 'terminal=' || "terminalId", 'distributor=' || "distributorId"));
ALTER TABLE "ExpenseActual" ADD CONSTRAINT "ExpenseActual_one_counterpart" CHECK (num_nonnulls("terminalId", "distributorId") <= 1);

-- 4. A comment's cell anchor is complete or absent: a target cell (metric, month, key) or an
-- expense line (item, month, key), and not together with a section. An objection is on one
-- target cell (metric, month, key) or on a metric as a whole (metric only).
ALTER TABLE "Comment" ADD CONSTRAINT "Comment_cell_anchor" CHECK (
  ("metricId" IS NULL OR "itemId" IS NULL)
  AND (("metricId" IS NULL AND "itemId" IS NULL) = ("month" IS NULL))
  AND (("month" IS NULL) = ("dimensionKey" IS NULL))
  AND ("month" IS NULL OR "sectionCode" IS NULL));
ALTER TABLE "Comment" ADD CONSTRAINT "Comment_month_range" CHECK ("month" BETWEEN 1 AND 12);
-- An anchor's key has no dimension columns to be checked against, so it is checked against its
-- own tags: rebuilt from the tags a cell of its kind may have, in canonical order, it must come
-- out the same (no unknown or repeated tag, no other order, ids without ";", "=" or spaces).
CREATE FUNCTION "dimension_key_is_canonical"("key" text, "tags" text[]) RETURNS boolean
LANGUAGE sql IMMUTABLE STRICT AS $$
  SELECT "key" = coalesce(string_agg(t.tag || '=' || m.id, ';' ORDER BY t.position), '')
  FROM unnest("tags") WITH ORDINALITY AS t(tag, position)
  CROSS JOIN LATERAL (SELECT (regexp_match("key", '(^|;)' || t.tag || '=([^;=[:space:]]+)'))[2] AS id) AS m
  WHERE m.id IS NOT NULL
$$;
ALTER TABLE "Comment" ADD CONSTRAINT "Comment_dimensionKey_canonical" CHECK ("dimension_key_is_canonical"("dimensionKey",
  CASE WHEN "itemId" IS NOT NULL THEN ARRAY['terminal', 'distributor'] ELSE ARRAY['spec', 'channel', 'terminal', 'distributor', 'township'] END));
ALTER TABLE "Objection" ADD CONSTRAINT "Objection_cell_anchor" CHECK (
  (("month" IS NULL) = ("dimensionKey" IS NULL)) AND ("month" IS NULL OR "metricId" IS NOT NULL));
ALTER TABLE "Objection" ADD CONSTRAINT "Objection_month_range" CHECK ("month" BETWEEN 1 AND 12);
ALTER TABLE "Objection" ADD CONSTRAINT "Objection_dimensionKey_canonical"
  CHECK ("dimension_key_is_canonical"("dimensionKey", ARRAY['spec', 'channel', 'terminal', 'distributor', 'township']));

-- 5. A link without a spec covers the whole metric, once per section (a unique index treats NULLs as distinct).
CREATE UNIQUE INDEX "PlanSectionLink_whole_metric_key" ON "PlanSectionLink"("sectionId", "metricId") WHERE "productSpecId" IS NULL;

-- 6. Review path records: stale details only on a stale plan; a waiver granter only with its reason.
ALTER TABLE "Plan" ADD CONSTRAINT "Plan_stale_details" CHECK ("staleSince" IS NOT NULL OR ("staleReason" IS NULL AND "staleCausePlanId" IS NULL));
ALTER TABLE "Plan" ADD CONSTRAINT "Plan_waiver_reason" CHECK ("childWaiverGrantedById" IS NULL OR "childWaiverReason" IS NOT NULL);
ALTER TABLE "WorkflowEvent" ADD CONSTRAINT "WorkflowEvent_waiver_granter" CHECK ("waiverGrantedById" IS NULL OR "waived");
-- The version an event created is a version of the event's own plan.
CREATE UNIQUE INDEX "PlanVersion_id_planId_key" ON "PlanVersion"("id", "planId");
ALTER TABLE "WorkflowEvent" ADD CONSTRAINT "WorkflowEvent_version_of_plan_fkey"
  FOREIGN KEY ("versionId", "planId") REFERENCES "PlanVersion"("id", "planId") ON DELETE RESTRICT;

-- 7. An import batch covers months monthFrom..monthTo of one year; each value it replaced is
-- recorded once per natural key (sales: metric; expenses: item), so a revert is exact.
ALTER TABLE "ImportBatch" ADD CONSTRAINT "ImportBatch_month_range" CHECK ("monthFrom" BETWEEN 1 AND 12 AND "monthTo" BETWEEN "monthFrom" AND 12);
ALTER TABLE "ImportReplacedValue" ADD CONSTRAINT "ImportReplacedValue_month_range" CHECK ("month" BETWEEN 1 AND 12);
ALTER TABLE "ImportReplacedValue" ADD CONSTRAINT "ImportReplacedValue_subject" CHECK (
  ("target" = 'SALES_ACTUAL' AND "metricId" IS NOT NULL AND "itemId" IS NULL)
  OR ("target" = 'EXPENSE_ACTUAL' AND "itemId" IS NOT NULL AND "metricId" IS NULL));
CREATE UNIQUE INDEX "ImportReplacedValue_sales_key" ON "ImportReplacedValue"("batchId", "orgUnitId", "metricId", "year", "month", "dimensionKey")
  WHERE "target" = 'SALES_ACTUAL';
CREATE UNIQUE INDEX "ImportReplacedValue_expense_key" ON "ImportReplacedValue"("batchId", "orgUnitId", "itemId", "year", "month", "dimensionKey")
  WHERE "target" = 'EXPENSE_ACTUAL';

-- 8. The audit log is append-only: no row is ever changed or removed, not even by a foreign
-- key action (its links are ON DELETE RESTRICT).
CREATE FUNCTION "audit_log_refuse_change"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'AuditLog is append-only: % refused', TG_OP;
END
$$;
CREATE TRIGGER "AuditLog_append_only" BEFORE UPDATE OR DELETE OR TRUNCATE ON "AuditLog"
  FOR EACH STATEMENT EXECUTE FUNCTION "audit_log_refuse_change"();
