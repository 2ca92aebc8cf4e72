-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateEnum
CREATE TYPE "OrgLevel" AS ENUM ('HQ', 'REGION', 'PROVINCE', 'CITY', 'COUNTY');

-- CreateEnum
CREATE TYPE "Role" AS ENUM ('PLANNER', 'REVIEWER', 'HQ_ADMIN', 'FINANCE', 'VIEWER');

-- CreateEnum
CREATE TYPE "ChannelKind" AS ENUM ('TERMINAL', 'SPECIAL', 'DISTRIBUTION');

-- CreateEnum
CREATE TYPE "MetricUnit" AS ENUM ('CNY', 'UNIT', 'PERCENT');

-- CreateEnum
CREATE TYPE "Aggregation" AS ENUM ('SUM', 'AVERAGE', 'LAST');

-- CreateEnum
CREATE TYPE "CarryOver" AS ENUM ('NONE', 'SHORTFALL_TO_NEXT_MONTH');

-- CreateEnum
CREATE TYPE "CycleStatus" AS ENUM ('PREPARING', 'OPEN', 'CONSOLIDATING', 'APPROVED', 'CLOSED');

-- CreateEnum
CREATE TYPE "SectionPart" AS ENUM ('ENVIRONMENT', 'GOALS', 'METHODS');

-- CreateEnum
CREATE TYPE "PlanStatus" AS ENUM ('DRAFT', 'SUBMITTED', 'RETURNED', 'APPROVED', 'REOPENED');

-- CreateEnum
CREATE TYPE "VersionKind" AS ENUM ('SUBMITTED', 'APPROVED');

-- CreateEnum
CREATE TYPE "Controllability" AS ENUM ('HIGH', 'LOW');

-- CreateEnum
CREATE TYPE "ImportKind" AS ENUM ('SALES_ACTUALS', 'EXPENSE_ACTUALS', 'MARKET_INFO');

-- CreateEnum
CREATE TYPE "ImportStatus" AS ENUM ('RECEIVED', 'VALIDATED', 'REJECTED', 'APPLIED', 'REVERTED');

-- CreateEnum
CREATE TYPE "MarketInfoType" AS ENUM ('OWN_SALES', 'COMPETITOR_SALES', 'COMPETITOR_PROMOTION', 'DISTRIBUTOR_SALES', 'MEDIA_MONITORING', 'LOCAL_POLICY', 'ECONOMY');

-- CreateEnum
CREATE TYPE "PeriodType" AS ENUM ('YEAR', 'QUARTER', 'MONTH', 'WEEK', 'HOLIDAY');

-- CreateEnum
CREATE TYPE "InfoSource" AS ENUM ('STANDARD_FORM', 'INSTANT_REPORT');

-- CreateEnum
CREATE TYPE "AuditStatus" AS ENUM ('PENDING', 'VERIFIED', 'REJECTED');

-- CreateEnum
CREATE TYPE "WorkflowAction" AS ENUM ('SUBMIT', 'APPROVE', 'RETURN', 'REOPEN', 'RESUME');

-- CreateEnum
CREATE TYPE "ObjectionStatus" AS ENUM ('OPEN', 'ANSWERED', 'ACCEPTED', 'REJECTED', 'WITHDRAWN');

-- CreateTable
CREATE TABLE "OrgUnit" (
    "id" TEXT NOT NULL,
    "code" TEXT NOT NULL,
    "nameZh" TEXT NOT NULL,
    "nameEn" TEXT NOT NULL,
    "level" "OrgLevel" NOT NULL,
    "parentId" TEXT,
    "path" TEXT NOT NULL,
    "depth" INTEGER NOT NULL,
    "sortOrder" INTEGER NOT NULL DEFAULT 0,
    "isActive" BOOLEAN NOT NULL DEFAULT true,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "OrgUnit_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "User" (
    "id" TEXT NOT NULL,
    "login" TEXT NOT NULL,
    "displayName" TEXT NOT NULL,
    "email" TEXT,
    "passwordHash" TEXT NOT NULL,
    "role" "Role" NOT NULL,
    "orgUnitId" TEXT NOT NULL,
    "locale" TEXT NOT NULL DEFAULT 'zh-CN',
    "isActive" BOOLEAN NOT NULL DEFAULT true,
    "lastLoginAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "User_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Session" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "revokedAt" TIMESTAMP(3),
    "userAgent" TEXT,

    CONSTRAINT "Session_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ProductLine" (
    "id" TEXT NOT NULL,
    "code" TEXT NOT NULL,
    "nameZh" TEXT NOT NULL,
    "nameEn" TEXT NOT NULL,
    "sortOrder" INTEGER NOT NULL DEFAULT 0,
    "isActive" BOOLEAN NOT NULL DEFAULT true,

    CONSTRAINT "ProductLine_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ProductSpec" (
    "id" TEXT NOT NULL,
    "code" TEXT NOT NULL,
    "nameZh" TEXT NOT NULL,
    "nameEn" TEXT NOT NULL,
    "lineId" TEXT NOT NULL,
    "unitZh" TEXT NOT NULL DEFAULT '箱',
    "unitEn" TEXT NOT NULL DEFAULT 'case',
    "unitPrice" DECIMAL(18,2) NOT NULL,
    "unitCost" DECIMAL(18,2) NOT NULL,
    "sortOrder" INTEGER NOT NULL DEFAULT 0,
    "isActive" BOOLEAN NOT NULL DEFAULT true,
    "launchedOn" DATE,

    CONSTRAINT "ProductSpec_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Channel" (
    "id" TEXT NOT NULL,
    "code" TEXT NOT NULL,
    "nameZh" TEXT NOT NULL,
    "nameEn" TEXT NOT NULL,
    "kind" "ChannelKind" NOT NULL,
    "sortOrder" INTEGER NOT NULL DEFAULT 0,
    "isActive" BOOLEAN NOT NULL DEFAULT true,

    CONSTRAINT "Channel_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "TerminalClass" (
    "code" TEXT NOT NULL,
    "nameZh" TEXT NOT NULL,
    "nameEn" TEXT NOT NULL,
    "rank" INTEGER NOT NULL,

    CONSTRAINT "TerminalClass_pkey" PRIMARY KEY ("code")
);

-- CreateTable
CREATE TABLE "Township" (
    "id" TEXT NOT NULL,
    "code" TEXT NOT NULL,
    "nameZh" TEXT NOT NULL,
    "nameEn" TEXT NOT NULL,
    "countyId" TEXT NOT NULL,
    "isActive" BOOLEAN NOT NULL DEFAULT true,

    CONSTRAINT "Township_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Terminal" (
    "id" TEXT NOT NULL,
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "classCode" TEXT NOT NULL,
    "channelId" TEXT NOT NULL,
    "countyId" TEXT NOT NULL,
    "townshipId" TEXT,
    "isCore" BOOLEAN NOT NULL DEFAULT false,
    "isHotspot" BOOLEAN NOT NULL DEFAULT false,
    "address" TEXT,
    "isActive" BOOLEAN NOT NULL DEFAULT true,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Terminal_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Distributor" (
    "id" TEXT NOT NULL,
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "level" INTEGER NOT NULL,
    "parentId" TEXT,
    "countyId" TEXT NOT NULL,
    "isActive" BOOLEAN NOT NULL DEFAULT true,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Distributor_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Metric" (
    "id" TEXT NOT NULL,
    "code" TEXT NOT NULL,
    "nameZh" TEXT NOT NULL,
    "nameEn" TEXT NOT NULL,
    "unit" "MetricUnit" NOT NULL,
    "scale" INTEGER NOT NULL,
    "aggregation" "Aggregation" NOT NULL,
    "carryOver" "CarryOver" NOT NULL DEFAULT 'NONE',
    "sortOrder" INTEGER NOT NULL DEFAULT 0,
    "isActive" BOOLEAN NOT NULL DEFAULT true,

    CONSTRAINT "Metric_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PlanCycle" (
    "id" TEXT NOT NULL,
    "code" TEXT NOT NULL,
    "year" INTEGER NOT NULL,
    "nameZh" TEXT NOT NULL,
    "nameEn" TEXT NOT NULL,
    "status" "CycleStatus" NOT NULL DEFAULT 'PREPARING',
    "opensOn" DATE NOT NULL,
    "closesOn" DATE NOT NULL,
    "growthBandMin" DECIMAL(9,6) NOT NULL DEFAULT 0,
    "growthBandMax" DECIMAL(9,6) NOT NULL DEFAULT 0.3,
    "implausibleFactor" DECIMAL(9,4) NOT NULL DEFAULT 3,
    "minTerminalRank" INTEGER NOT NULL DEFAULT 2,
    "checkConfig" JSONB NOT NULL DEFAULT '{}',
    "createdById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "PlanCycle_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PlanTemplateSection" (
    "id" TEXT NOT NULL,
    "cycleId" TEXT NOT NULL,
    "code" TEXT NOT NULL,
    "part" "SectionPart" NOT NULL,
    "titleZh" TEXT NOT NULL,
    "titleEn" TEXT NOT NULL,
    "guidanceZh" TEXT,
    "guidanceEn" TEXT,
    "required" BOOLEAN NOT NULL DEFAULT true,
    "sortOrder" INTEGER NOT NULL,

    CONSTRAINT "PlanTemplateSection_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CycleDeadline" (
    "id" TEXT NOT NULL,
    "cycleId" TEXT NOT NULL,
    "level" "OrgLevel" NOT NULL,
    "dueOn" DATE NOT NULL,

    CONSTRAINT "CycleDeadline_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "GuidanceTarget" (
    "id" TEXT NOT NULL,
    "cycleId" TEXT NOT NULL,
    "orgUnitId" TEXT NOT NULL,
    "metricId" TEXT NOT NULL,
    "value" DECIMAL(18,2) NOT NULL,
    "upliftNote" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "GuidanceTarget_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Plan" (
    "id" TEXT NOT NULL,
    "cycleId" TEXT NOT NULL,
    "orgUnitId" TEXT NOT NULL,
    "status" "PlanStatus" NOT NULL DEFAULT 'DRAFT',
    "version" INTEGER NOT NULL DEFAULT 1,
    "approvedExpenseTotal" DECIMAL(18,2),
    "childWaiverReason" TEXT,
    "submittedAt" TIMESTAMP(3),
    "approvedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Plan_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PlanVersion" (
    "id" TEXT NOT NULL,
    "planId" TEXT NOT NULL,
    "number" INTEGER NOT NULL,
    "kind" "VersionKind" NOT NULL,
    "snapshot" JSONB NOT NULL,
    "createdById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PlanVersion_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PlanSection" (
    "id" TEXT NOT NULL,
    "planId" TEXT NOT NULL,
    "templateSectionId" TEXT,
    "code" TEXT NOT NULL,
    "body" TEXT NOT NULL DEFAULT '',
    "linkedMetricCodes" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "updatedById" TEXT,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "PlanSection_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "TargetCell" (
    "id" BIGSERIAL NOT NULL,
    "planId" TEXT NOT NULL,
    "metricId" TEXT NOT NULL,
    "month" INTEGER NOT NULL,
    "productSpecId" TEXT,
    "channelId" TEXT,
    "terminalId" TEXT,
    "distributorId" TEXT,
    "townshipId" TEXT,
    "dimensionKey" TEXT NOT NULL DEFAULT '',
    "baseValue" DECIMAL(18,2) NOT NULL,
    "stretchValue" DECIMAL(18,2),
    "isHeld" BOOLEAN NOT NULL DEFAULT false,
    "note" TEXT,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "TargetCell_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ExpenseCategory" (
    "id" TEXT NOT NULL,
    "code" TEXT NOT NULL,
    "nameZh" TEXT NOT NULL,
    "nameEn" TEXT NOT NULL,
    "controllability" "Controllability" NOT NULL,
    "sortOrder" INTEGER NOT NULL,

    CONSTRAINT "ExpenseCategory_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ExpenseItem" (
    "id" TEXT NOT NULL,
    "code" TEXT NOT NULL,
    "categoryId" TEXT NOT NULL,
    "nameZh" TEXT NOT NULL,
    "nameEn" TEXT NOT NULL,
    "perTerminal" BOOLEAN NOT NULL DEFAULT false,
    "isStandard" BOOLEAN NOT NULL DEFAULT true,
    "sortOrder" INTEGER NOT NULL,
    "isActive" BOOLEAN NOT NULL DEFAULT true,

    CONSTRAINT "ExpenseItem_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ExpenseCell" (
    "id" BIGSERIAL NOT NULL,
    "planId" TEXT NOT NULL,
    "itemId" TEXT NOT NULL,
    "month" INTEGER NOT NULL,
    "terminalId" TEXT,
    "dimensionKey" TEXT NOT NULL DEFAULT '',
    "amount" DECIMAL(18,2) NOT NULL,
    "note" TEXT,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ExpenseCell_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ExpenseCap" (
    "id" TEXT NOT NULL,
    "planId" TEXT NOT NULL,
    "categoryId" TEXT NOT NULL,
    "amount" DECIMAL(18,2) NOT NULL,
    "approvedById" TEXT,
    "approvedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ExpenseCap_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ExpenseTransfer" (
    "id" TEXT NOT NULL,
    "planId" TEXT NOT NULL,
    "fromItemId" TEXT NOT NULL,
    "toItemId" TEXT NOT NULL,
    "month" INTEGER NOT NULL,
    "amount" DECIMAL(18,2) NOT NULL,
    "reason" TEXT NOT NULL,
    "actorId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ExpenseTransfer_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ImportBatch" (
    "id" TEXT NOT NULL,
    "kind" "ImportKind" NOT NULL,
    "fileName" TEXT NOT NULL,
    "checksum" TEXT NOT NULL,
    "status" "ImportStatus" NOT NULL DEFAULT 'RECEIVED',
    "rowCount" INTEGER NOT NULL DEFAULT 0,
    "acceptedCount" INTEGER NOT NULL DEFAULT 0,
    "rejectedCount" INTEGER NOT NULL DEFAULT 0,
    "errors" JSONB NOT NULL DEFAULT '[]',
    "createdById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "appliedAt" TIMESTAMP(3),

    CONSTRAINT "ImportBatch_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SalesActual" (
    "id" BIGSERIAL NOT NULL,
    "orgUnitId" TEXT NOT NULL,
    "metricId" TEXT NOT NULL,
    "year" INTEGER NOT NULL,
    "month" INTEGER NOT NULL,
    "productSpecId" TEXT,
    "channelId" TEXT,
    "terminalId" TEXT,
    "distributorId" TEXT,
    "townshipId" TEXT,
    "dimensionKey" TEXT NOT NULL DEFAULT '',
    "value" DECIMAL(18,2) NOT NULL,
    "importBatchId" TEXT,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "SalesActual_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ExpenseActual" (
    "id" BIGSERIAL NOT NULL,
    "orgUnitId" TEXT NOT NULL,
    "itemId" TEXT NOT NULL,
    "year" INTEGER NOT NULL,
    "month" INTEGER NOT NULL,
    "terminalId" TEXT,
    "dimensionKey" TEXT NOT NULL DEFAULT '',
    "amount" DECIMAL(18,2) NOT NULL,
    "importBatchId" TEXT,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ExpenseActual_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "MarketInfoRecord" (
    "id" TEXT NOT NULL,
    "type" "MarketInfoType" NOT NULL,
    "periodType" "PeriodType" NOT NULL,
    "year" INTEGER NOT NULL,
    "periodIndex" INTEGER,
    "holidayName" TEXT,
    "orgUnitId" TEXT NOT NULL,
    "reporterId" TEXT,
    "source" "InfoSource" NOT NULL,
    "auditStatus" "AuditStatus" NOT NULL DEFAULT 'PENDING',
    "auditedById" TEXT,
    "auditedAt" TIMESTAMP(3),
    "title" TEXT NOT NULL,
    "payload" JSONB NOT NULL DEFAULT '{}',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "MarketInfoRecord_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "WorkflowEvent" (
    "id" BIGSERIAL NOT NULL,
    "planId" TEXT NOT NULL,
    "action" "WorkflowAction" NOT NULL,
    "fromStatus" "PlanStatus" NOT NULL,
    "toStatus" "PlanStatus" NOT NULL,
    "actorId" TEXT,
    "reason" TEXT,
    "waived" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "WorkflowEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Comment" (
    "id" TEXT NOT NULL,
    "planId" TEXT NOT NULL,
    "sectionCode" TEXT,
    "targetCellId" BIGINT,
    "expenseCellId" BIGINT,
    "parentId" TEXT,
    "authorId" TEXT,
    "body" TEXT NOT NULL,
    "resolved" BOOLEAN NOT NULL DEFAULT false,
    "resolvedById" TEXT,
    "resolvedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Comment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Objection" (
    "id" TEXT NOT NULL,
    "planId" TEXT NOT NULL,
    "targetCellId" BIGINT,
    "metricId" TEXT,
    "raisedById" TEXT,
    "reason" TEXT NOT NULL,
    "evidence" TEXT,
    "proposedValue" DECIMAL(18,2),
    "response" TEXT,
    "answeredById" TEXT,
    "status" "ObjectionStatus" NOT NULL DEFAULT 'OPEN',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "answeredAt" TIMESTAMP(3),

    CONSTRAINT "Objection_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AuditLog" (
    "id" BIGSERIAL NOT NULL,
    "actorId" TEXT,
    "entity" TEXT NOT NULL,
    "entityId" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "before" JSONB,
    "after" JSONB,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AuditLog_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "OrgUnit_code_key" ON "OrgUnit"("code");

-- CreateIndex
CREATE UNIQUE INDEX "OrgUnit_path_key" ON "OrgUnit"("path");

-- CreateIndex
CREATE INDEX "OrgUnit_parentId_idx" ON "OrgUnit"("parentId");

-- CreateIndex
CREATE INDEX "OrgUnit_path_prefix_idx" ON "OrgUnit"("path" text_pattern_ops);

-- CreateIndex
CREATE INDEX "OrgUnit_level_idx" ON "OrgUnit"("level");

-- CreateIndex
CREATE UNIQUE INDEX "User_login_key" ON "User"("login");

-- CreateIndex
CREATE INDEX "User_orgUnitId_idx" ON "User"("orgUnitId");

-- CreateIndex
CREATE UNIQUE INDEX "Session_tokenHash_key" ON "Session"("tokenHash");

-- CreateIndex
CREATE INDEX "Session_userId_idx" ON "Session"("userId");

-- CreateIndex
CREATE UNIQUE INDEX "ProductLine_code_key" ON "ProductLine"("code");

-- CreateIndex
CREATE UNIQUE INDEX "ProductSpec_code_key" ON "ProductSpec"("code");

-- CreateIndex
CREATE INDEX "ProductSpec_lineId_idx" ON "ProductSpec"("lineId");

-- CreateIndex
CREATE UNIQUE INDEX "Channel_code_key" ON "Channel"("code");

-- CreateIndex
CREATE UNIQUE INDEX "TerminalClass_rank_key" ON "TerminalClass"("rank");

-- CreateIndex
CREATE UNIQUE INDEX "Township_code_key" ON "Township"("code");

-- CreateIndex
CREATE INDEX "Township_countyId_idx" ON "Township"("countyId");

-- CreateIndex
CREATE UNIQUE INDEX "Terminal_code_key" ON "Terminal"("code");

-- CreateIndex
CREATE INDEX "Terminal_countyId_classCode_idx" ON "Terminal"("countyId", "classCode");

-- CreateIndex
CREATE INDEX "Terminal_townshipId_idx" ON "Terminal"("townshipId");

-- CreateIndex
CREATE UNIQUE INDEX "Distributor_code_key" ON "Distributor"("code");

-- CreateIndex
CREATE INDEX "Distributor_countyId_idx" ON "Distributor"("countyId");

-- CreateIndex
CREATE INDEX "Distributor_parentId_idx" ON "Distributor"("parentId");

-- CreateIndex
CREATE UNIQUE INDEX "Metric_code_key" ON "Metric"("code");

-- CreateIndex
CREATE UNIQUE INDEX "PlanCycle_code_key" ON "PlanCycle"("code");

-- CreateIndex
CREATE INDEX "PlanCycle_year_idx" ON "PlanCycle"("year");

-- CreateIndex
CREATE UNIQUE INDEX "PlanTemplateSection_cycleId_code_key" ON "PlanTemplateSection"("cycleId", "code");

-- CreateIndex
CREATE UNIQUE INDEX "CycleDeadline_cycleId_level_key" ON "CycleDeadline"("cycleId", "level");

-- CreateIndex
CREATE UNIQUE INDEX "GuidanceTarget_cycleId_orgUnitId_metricId_key" ON "GuidanceTarget"("cycleId", "orgUnitId", "metricId");

-- CreateIndex
CREATE INDEX "Plan_cycleId_status_idx" ON "Plan"("cycleId", "status");

-- CreateIndex
CREATE INDEX "Plan_orgUnitId_idx" ON "Plan"("orgUnitId");

-- CreateIndex
CREATE UNIQUE INDEX "Plan_cycleId_orgUnitId_key" ON "Plan"("cycleId", "orgUnitId");

-- CreateIndex
CREATE UNIQUE INDEX "PlanVersion_planId_number_key" ON "PlanVersion"("planId", "number");

-- CreateIndex
CREATE UNIQUE INDEX "PlanSection_planId_code_key" ON "PlanSection"("planId", "code");

-- CreateIndex
CREATE INDEX "TargetCell_planId_month_idx" ON "TargetCell"("planId", "month");

-- CreateIndex
CREATE INDEX "TargetCell_metricId_month_idx" ON "TargetCell"("metricId", "month");

-- CreateIndex
CREATE UNIQUE INDEX "TargetCell_planId_metricId_month_dimensionKey_key" ON "TargetCell"("planId", "metricId", "month", "dimensionKey");

-- CreateIndex
CREATE UNIQUE INDEX "ExpenseCategory_code_key" ON "ExpenseCategory"("code");

-- CreateIndex
CREATE UNIQUE INDEX "ExpenseItem_code_key" ON "ExpenseItem"("code");

-- CreateIndex
CREATE INDEX "ExpenseItem_categoryId_idx" ON "ExpenseItem"("categoryId");

-- CreateIndex
CREATE INDEX "ExpenseCell_planId_month_idx" ON "ExpenseCell"("planId", "month");

-- CreateIndex
CREATE UNIQUE INDEX "ExpenseCell_planId_itemId_month_dimensionKey_key" ON "ExpenseCell"("planId", "itemId", "month", "dimensionKey");

-- CreateIndex
CREATE UNIQUE INDEX "ExpenseCap_planId_categoryId_key" ON "ExpenseCap"("planId", "categoryId");

-- CreateIndex
CREATE INDEX "ExpenseTransfer_planId_createdAt_idx" ON "ExpenseTransfer"("planId", "createdAt");

-- CreateIndex
CREATE INDEX "ImportBatch_checksum_idx" ON "ImportBatch"("checksum");

-- CreateIndex
CREATE INDEX "ImportBatch_kind_createdAt_idx" ON "ImportBatch"("kind", "createdAt");

-- CreateIndex
CREATE INDEX "SalesActual_metricId_year_month_idx" ON "SalesActual"("metricId", "year", "month");

-- CreateIndex
CREATE INDEX "SalesActual_importBatchId_idx" ON "SalesActual"("importBatchId");

-- CreateIndex
CREATE UNIQUE INDEX "SalesActual_orgUnitId_metricId_year_month_dimensionKey_key" ON "SalesActual"("orgUnitId", "metricId", "year", "month", "dimensionKey");

-- CreateIndex
CREATE INDEX "ExpenseActual_itemId_year_month_idx" ON "ExpenseActual"("itemId", "year", "month");

-- CreateIndex
CREATE INDEX "ExpenseActual_importBatchId_idx" ON "ExpenseActual"("importBatchId");

-- CreateIndex
CREATE UNIQUE INDEX "ExpenseActual_orgUnitId_itemId_year_month_dimensionKey_key" ON "ExpenseActual"("orgUnitId", "itemId", "year", "month", "dimensionKey");

-- CreateIndex
CREATE INDEX "MarketInfoRecord_orgUnitId_year_idx" ON "MarketInfoRecord"("orgUnitId", "year");

-- CreateIndex
CREATE INDEX "MarketInfoRecord_type_year_periodType_idx" ON "MarketInfoRecord"("type", "year", "periodType");

-- CreateIndex
CREATE INDEX "WorkflowEvent_planId_createdAt_idx" ON "WorkflowEvent"("planId", "createdAt");

-- CreateIndex
CREATE INDEX "Comment_planId_createdAt_idx" ON "Comment"("planId", "createdAt");

-- CreateIndex
CREATE INDEX "Comment_targetCellId_idx" ON "Comment"("targetCellId");

-- CreateIndex
CREATE INDEX "Objection_planId_status_idx" ON "Objection"("planId", "status");

-- CreateIndex
CREATE INDEX "AuditLog_entity_entityId_at_idx" ON "AuditLog"("entity", "entityId", "at");

-- CreateIndex
CREATE INDEX "AuditLog_actorId_at_idx" ON "AuditLog"("actorId", "at");

-- AddForeignKey
ALTER TABLE "OrgUnit" ADD CONSTRAINT "OrgUnit_parentId_fkey" FOREIGN KEY ("parentId") REFERENCES "OrgUnit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "User" ADD CONSTRAINT "User_orgUnitId_fkey" FOREIGN KEY ("orgUnitId") REFERENCES "OrgUnit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Session" ADD CONSTRAINT "Session_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ProductSpec" ADD CONSTRAINT "ProductSpec_lineId_fkey" FOREIGN KEY ("lineId") REFERENCES "ProductLine"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Township" ADD CONSTRAINT "Township_countyId_fkey" FOREIGN KEY ("countyId") REFERENCES "OrgUnit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Terminal" ADD CONSTRAINT "Terminal_classCode_fkey" FOREIGN KEY ("classCode") REFERENCES "TerminalClass"("code") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Terminal" ADD CONSTRAINT "Terminal_channelId_fkey" FOREIGN KEY ("channelId") REFERENCES "Channel"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Terminal" ADD CONSTRAINT "Terminal_countyId_fkey" FOREIGN KEY ("countyId") REFERENCES "OrgUnit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Terminal" ADD CONSTRAINT "Terminal_townshipId_fkey" FOREIGN KEY ("townshipId") REFERENCES "Township"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Distributor" ADD CONSTRAINT "Distributor_parentId_fkey" FOREIGN KEY ("parentId") REFERENCES "Distributor"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Distributor" ADD CONSTRAINT "Distributor_countyId_fkey" FOREIGN KEY ("countyId") REFERENCES "OrgUnit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PlanCycle" ADD CONSTRAINT "PlanCycle_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PlanTemplateSection" ADD CONSTRAINT "PlanTemplateSection_cycleId_fkey" FOREIGN KEY ("cycleId") REFERENCES "PlanCycle"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CycleDeadline" ADD CONSTRAINT "CycleDeadline_cycleId_fkey" FOREIGN KEY ("cycleId") REFERENCES "PlanCycle"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "GuidanceTarget" ADD CONSTRAINT "GuidanceTarget_cycleId_fkey" FOREIGN KEY ("cycleId") REFERENCES "PlanCycle"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "GuidanceTarget" ADD CONSTRAINT "GuidanceTarget_orgUnitId_fkey" FOREIGN KEY ("orgUnitId") REFERENCES "OrgUnit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "GuidanceTarget" ADD CONSTRAINT "GuidanceTarget_metricId_fkey" FOREIGN KEY ("metricId") REFERENCES "Metric"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Plan" ADD CONSTRAINT "Plan_cycleId_fkey" FOREIGN KEY ("cycleId") REFERENCES "PlanCycle"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Plan" ADD CONSTRAINT "Plan_orgUnitId_fkey" FOREIGN KEY ("orgUnitId") REFERENCES "OrgUnit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PlanVersion" ADD CONSTRAINT "PlanVersion_planId_fkey" FOREIGN KEY ("planId") REFERENCES "Plan"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PlanVersion" ADD CONSTRAINT "PlanVersion_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PlanSection" ADD CONSTRAINT "PlanSection_planId_fkey" FOREIGN KEY ("planId") REFERENCES "Plan"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PlanSection" ADD CONSTRAINT "PlanSection_templateSectionId_fkey" FOREIGN KEY ("templateSectionId") REFERENCES "PlanTemplateSection"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PlanSection" ADD CONSTRAINT "PlanSection_updatedById_fkey" FOREIGN KEY ("updatedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TargetCell" ADD CONSTRAINT "TargetCell_planId_fkey" FOREIGN KEY ("planId") REFERENCES "Plan"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TargetCell" ADD CONSTRAINT "TargetCell_metricId_fkey" FOREIGN KEY ("metricId") REFERENCES "Metric"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TargetCell" ADD CONSTRAINT "TargetCell_productSpecId_fkey" FOREIGN KEY ("productSpecId") REFERENCES "ProductSpec"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TargetCell" ADD CONSTRAINT "TargetCell_channelId_fkey" FOREIGN KEY ("channelId") REFERENCES "Channel"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TargetCell" ADD CONSTRAINT "TargetCell_terminalId_fkey" FOREIGN KEY ("terminalId") REFERENCES "Terminal"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TargetCell" ADD CONSTRAINT "TargetCell_distributorId_fkey" FOREIGN KEY ("distributorId") REFERENCES "Distributor"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TargetCell" ADD CONSTRAINT "TargetCell_townshipId_fkey" FOREIGN KEY ("townshipId") REFERENCES "Township"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ExpenseItem" ADD CONSTRAINT "ExpenseItem_categoryId_fkey" FOREIGN KEY ("categoryId") REFERENCES "ExpenseCategory"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ExpenseCell" ADD CONSTRAINT "ExpenseCell_planId_fkey" FOREIGN KEY ("planId") REFERENCES "Plan"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ExpenseCell" ADD CONSTRAINT "ExpenseCell_itemId_fkey" FOREIGN KEY ("itemId") REFERENCES "ExpenseItem"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ExpenseCell" ADD CONSTRAINT "ExpenseCell_terminalId_fkey" FOREIGN KEY ("terminalId") REFERENCES "Terminal"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ExpenseCap" ADD CONSTRAINT "ExpenseCap_planId_fkey" FOREIGN KEY ("planId") REFERENCES "Plan"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ExpenseCap" ADD CONSTRAINT "ExpenseCap_categoryId_fkey" FOREIGN KEY ("categoryId") REFERENCES "ExpenseCategory"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ExpenseCap" ADD CONSTRAINT "ExpenseCap_approvedById_fkey" FOREIGN KEY ("approvedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ExpenseTransfer" ADD CONSTRAINT "ExpenseTransfer_planId_fkey" FOREIGN KEY ("planId") REFERENCES "Plan"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ExpenseTransfer" ADD CONSTRAINT "ExpenseTransfer_fromItemId_fkey" FOREIGN KEY ("fromItemId") REFERENCES "ExpenseItem"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ExpenseTransfer" ADD CONSTRAINT "ExpenseTransfer_toItemId_fkey" FOREIGN KEY ("toItemId") REFERENCES "ExpenseItem"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ExpenseTransfer" ADD CONSTRAINT "ExpenseTransfer_actorId_fkey" FOREIGN KEY ("actorId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ImportBatch" ADD CONSTRAINT "ImportBatch_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SalesActual" ADD CONSTRAINT "SalesActual_orgUnitId_fkey" FOREIGN KEY ("orgUnitId") REFERENCES "OrgUnit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SalesActual" ADD CONSTRAINT "SalesActual_metricId_fkey" FOREIGN KEY ("metricId") REFERENCES "Metric"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SalesActual" ADD CONSTRAINT "SalesActual_productSpecId_fkey" FOREIGN KEY ("productSpecId") REFERENCES "ProductSpec"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SalesActual" ADD CONSTRAINT "SalesActual_channelId_fkey" FOREIGN KEY ("channelId") REFERENCES "Channel"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SalesActual" ADD CONSTRAINT "SalesActual_terminalId_fkey" FOREIGN KEY ("terminalId") REFERENCES "Terminal"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SalesActual" ADD CONSTRAINT "SalesActual_distributorId_fkey" FOREIGN KEY ("distributorId") REFERENCES "Distributor"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SalesActual" ADD CONSTRAINT "SalesActual_townshipId_fkey" FOREIGN KEY ("townshipId") REFERENCES "Township"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SalesActual" ADD CONSTRAINT "SalesActual_importBatchId_fkey" FOREIGN KEY ("importBatchId") REFERENCES "ImportBatch"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ExpenseActual" ADD CONSTRAINT "ExpenseActual_orgUnitId_fkey" FOREIGN KEY ("orgUnitId") REFERENCES "OrgUnit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ExpenseActual" ADD CONSTRAINT "ExpenseActual_itemId_fkey" FOREIGN KEY ("itemId") REFERENCES "ExpenseItem"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ExpenseActual" ADD CONSTRAINT "ExpenseActual_terminalId_fkey" FOREIGN KEY ("terminalId") REFERENCES "Terminal"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ExpenseActual" ADD CONSTRAINT "ExpenseActual_importBatchId_fkey" FOREIGN KEY ("importBatchId") REFERENCES "ImportBatch"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MarketInfoRecord" ADD CONSTRAINT "MarketInfoRecord_orgUnitId_fkey" FOREIGN KEY ("orgUnitId") REFERENCES "OrgUnit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MarketInfoRecord" ADD CONSTRAINT "MarketInfoRecord_reporterId_fkey" FOREIGN KEY ("reporterId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MarketInfoRecord" ADD CONSTRAINT "MarketInfoRecord_auditedById_fkey" FOREIGN KEY ("auditedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "WorkflowEvent" ADD CONSTRAINT "WorkflowEvent_planId_fkey" FOREIGN KEY ("planId") REFERENCES "Plan"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "WorkflowEvent" ADD CONSTRAINT "WorkflowEvent_actorId_fkey" FOREIGN KEY ("actorId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Comment" ADD CONSTRAINT "Comment_planId_fkey" FOREIGN KEY ("planId") REFERENCES "Plan"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Comment" ADD CONSTRAINT "Comment_targetCellId_fkey" FOREIGN KEY ("targetCellId") REFERENCES "TargetCell"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Comment" ADD CONSTRAINT "Comment_expenseCellId_fkey" FOREIGN KEY ("expenseCellId") REFERENCES "ExpenseCell"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Comment" ADD CONSTRAINT "Comment_parentId_fkey" FOREIGN KEY ("parentId") REFERENCES "Comment"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Comment" ADD CONSTRAINT "Comment_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Comment" ADD CONSTRAINT "Comment_resolvedById_fkey" FOREIGN KEY ("resolvedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Objection" ADD CONSTRAINT "Objection_planId_fkey" FOREIGN KEY ("planId") REFERENCES "Plan"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Objection" ADD CONSTRAINT "Objection_targetCellId_fkey" FOREIGN KEY ("targetCellId") REFERENCES "TargetCell"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Objection" ADD CONSTRAINT "Objection_metricId_fkey" FOREIGN KEY ("metricId") REFERENCES "Metric"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Objection" ADD CONSTRAINT "Objection_raisedById_fkey" FOREIGN KEY ("raisedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Objection" ADD CONSTRAINT "Objection_answeredById_fkey" FOREIGN KEY ("answeredById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AuditLog" ADD CONSTRAINT "AuditLog_actorId_fkey" FOREIGN KEY ("actorId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

