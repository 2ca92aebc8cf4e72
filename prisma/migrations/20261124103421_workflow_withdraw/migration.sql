-- AlterEnum
ALTER TYPE "WorkflowAction" ADD VALUE 'WITHDRAW';

