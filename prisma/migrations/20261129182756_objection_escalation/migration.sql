-- AlterEnum
ALTER TYPE "ObjectionStatus" ADD VALUE 'ESCALATED';

-- AlterTable
ALTER TABLE "Objection" ADD COLUMN     "escalatedAt" TIMESTAMP(3),
ADD COLUMN     "escalationReason" TEXT,
ADD COLUMN     "escalations" INTEGER NOT NULL DEFAULT 0;


-- Hand-written: an objection is escalated at most once (MAX_OBJECTION_ESCALATIONS in
-- @pyramid/domain objections.ts), and the escalation's time goes with it.
ALTER TABLE "Objection" ADD CONSTRAINT "Objection_escalations_range" CHECK ("escalations" BETWEEN 0 AND 1);
ALTER TABLE "Objection" ADD CONSTRAINT "Objection_escalated_at" CHECK (("escalations" = 0) = ("escalatedAt" IS NULL));
