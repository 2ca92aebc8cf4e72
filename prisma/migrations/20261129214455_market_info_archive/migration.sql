-- AlterTable
ALTER TABLE "MarketInfoRecord" ADD COLUMN     "auditReason" TEXT,
ADD COLUMN     "competitorName" TEXT,
ADD COLUMN     "productSpecId" TEXT,
ADD COLUMN     "terminalId" TEXT,
ADD COLUMN     "updatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP;

-- CreateTable
CREATE TABLE "PlanSectionEvidence" (
    "id" TEXT NOT NULL,
    "sectionId" TEXT NOT NULL,
    "recordId" TEXT NOT NULL,
    "attachedById" TEXT,
    "attachedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PlanSectionEvidence_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "PlanSectionEvidence_recordId_idx" ON "PlanSectionEvidence"("recordId");

-- CreateIndex
CREATE UNIQUE INDEX "PlanSectionEvidence_sectionId_recordId_key" ON "PlanSectionEvidence"("sectionId", "recordId");

-- CreateIndex
CREATE INDEX "MarketInfoRecord_productSpecId_idx" ON "MarketInfoRecord"("productSpecId");

-- CreateIndex
CREATE INDEX "MarketInfoRecord_terminalId_idx" ON "MarketInfoRecord"("terminalId");

-- CreateIndex
CREATE INDEX "MarketInfoRecord_competitorName_idx" ON "MarketInfoRecord"("competitorName");

-- CreateIndex
CREATE INDEX "MarketInfoRecord_auditStatus_year_idx" ON "MarketInfoRecord"("auditStatus", "year");

-- AddForeignKey
ALTER TABLE "MarketInfoRecord" ADD CONSTRAINT "MarketInfoRecord_productSpecId_fkey" FOREIGN KEY ("productSpecId") REFERENCES "ProductSpec"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MarketInfoRecord" ADD CONSTRAINT "MarketInfoRecord_terminalId_fkey" FOREIGN KEY ("terminalId") REFERENCES "Terminal"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PlanSectionEvidence" ADD CONSTRAINT "PlanSectionEvidence_sectionId_fkey" FOREIGN KEY ("sectionId") REFERENCES "PlanSection"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PlanSectionEvidence" ADD CONSTRAINT "PlanSectionEvidence_recordId_fkey" FOREIGN KEY ("recordId") REFERENCES "MarketInfoRecord"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PlanSectionEvidence" ADD CONSTRAINT "PlanSectionEvidence_attachedById_fkey" FOREIGN KEY ("attachedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- By hand: a rejected record says why (the domain refuses a rejection without a reason).
ALTER TABLE "MarketInfoRecord" ADD CONSTRAINT "MarketInfoRecord_rejected_has_reason"
  CHECK ("auditStatus" <> 'REJECTED' OR "auditReason" IS NOT NULL);
