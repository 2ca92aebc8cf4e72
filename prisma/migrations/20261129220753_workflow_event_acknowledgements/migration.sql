-- AlterTable
ALTER TABLE "WorkflowEvent" ADD COLUMN     "acknowledgements" JSONB;

