-- CreateEnum
CREATE TYPE "EstimateMethod" AS ENUM ('LAST_YEAR_SEASONALITY', 'RUN_RATE');

-- AlterTable
ALTER TABLE "Plan" ADD COLUMN     "estimateMethod" "EstimateMethod" NOT NULL DEFAULT 'LAST_YEAR_SEASONALITY';

