import type { DbClient } from "./db-client.js";

export interface PlanCycleRecord {
  readonly id: string;
  readonly code: string;
  readonly year: number;
}

export interface PlanCycleRepository {
  findById(cycleId: string): Promise<PlanCycleRecord | null>;
}

export function createPlanCycleRepository(client: DbClient): PlanCycleRepository {
  return {
    findById: (cycleId) => client.planCycle.findUnique({ where: { id: cycleId }, select: { id: true, code: true, year: true } }),
  };
}
