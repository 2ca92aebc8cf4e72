-- CreateEnum
CREATE TYPE "SummaryBasis" AS ENUM ('LATEST', 'APPROVED');

-- CreateEnum
CREATE TYPE "SummaryScope" AS ENUM ('OWN', 'SUBTREE');

-- CreateTable
CREATE TABLE "TargetSummary" (
    "cycleId" TEXT NOT NULL,
    "orgUnitId" TEXT NOT NULL,
    "basis" "SummaryBasis" NOT NULL,
    "scope" "SummaryScope" NOT NULL,
    "metricId" TEXT NOT NULL,
    "specKey" TEXT NOT NULL,
    "channelKey" TEXT NOT NULL,
    "month" INTEGER NOT NULL,
    "baseSum" DECIMAL(20,2) NOT NULL,
    "stretchSum" DECIMAL(20,2) NOT NULL,
    "cellCount" INTEGER NOT NULL,

    CONSTRAINT "TargetSummary_pkey" PRIMARY KEY ("cycleId","orgUnitId","basis","scope","metricId","specKey","channelKey","month")
);

-- CreateTable
CREATE TABLE "TargetSummaryDelta" (
    "id" BIGSERIAL NOT NULL,
    "cycleId" TEXT NOT NULL,
    "unitPath" TEXT NOT NULL,
    "basis" "SummaryBasis" NOT NULL,
    "metricId" TEXT NOT NULL,
    "specKey" TEXT NOT NULL,
    "channelKey" TEXT NOT NULL,
    "month" INTEGER NOT NULL,
    "baseDelta" DECIMAL(20,2) NOT NULL,
    "stretchDelta" DECIMAL(20,2) NOT NULL,
    "countDelta" INTEGER NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "TargetSummaryDelta_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "TargetSummary_cycleId_basis_scope_metricId_month_idx" ON "TargetSummary"("cycleId", "basis", "scope", "metricId", "month");

-- CreateIndex
CREATE INDEX "TargetSummaryDelta_path_prefix_idx" ON "TargetSummaryDelta"("cycleId", "unitPath" text_pattern_ops);

