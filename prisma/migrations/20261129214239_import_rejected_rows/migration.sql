-- AlterTable
ALTER TABLE "ImportBatch" ADD COLUMN     "rejectedRows" JSONB NOT NULL DEFAULT '{}';

