// Plans: what the workflow and cell-save services read and change. A state
// change locks the plan row first (lockPlan, SELECT … FOR UPDATE) inside a
// transaction; see withLockedPlan.
import type { PlanStatus } from "@pyramid/domain";
import type { DbClient } from "./db-client.js";

export interface PlanRecord {
  readonly id: string;
  readonly cycleId: string;
  readonly orgUnitId: string;
  readonly status: PlanStatus;
  /** Bumped on every change: writers compare it with the version they read. */
  readonly version: number;
  readonly submittedAt: Date | null;
  readonly approvedAt: Date | null;
  readonly childWaiverReason: string | null;
}

/** The fields a state change may set; the version is bumped by update itself. */
export interface PlanChange {
  readonly status?: PlanStatus;
  readonly submittedAt?: Date | null;
  readonly approvedAt?: Date | null;
  readonly childWaiverReason?: string | null;
}

export interface PlanRepository {
  findById(planId: string): Promise<PlanRecord | null>;
  /**
   * Reads the plan and holds its row lock until the transaction ends, so a second writer
   * waits here and then reads what the first one committed. Only meaningful on a
   * transaction's repositories; null when there is no such plan.
   */
  lockPlan(planId: string): Promise<PlanRecord | null>;
  /** Writes the change and bumps the version by one; returns the plan as it now is. */
  update(planId: string, change: PlanChange): Promise<PlanRecord>;
}

const planSelect = {
  id: true,
  cycleId: true,
  orgUnitId: true,
  status: true,
  version: true,
  submittedAt: true,
  approvedAt: true,
  childWaiverReason: true,
} as const;

type LockedRow = Omit<PlanRecord, "version"> & { version: number | bigint };

export function createPlanRepository(client: DbClient): PlanRepository {
  return {
    findById: (planId) => client.plan.findUnique({ where: { id: planId }, select: planSelect }),

    async lockPlan(planId) {
      const rows = await client.$queryRaw<LockedRow[]>`
        SELECT id, "cycleId", "orgUnitId", status::text AS status, version,
               "submittedAt", "approvedAt", "childWaiverReason"
        FROM "Plan"
        WHERE id = ${planId}
        FOR UPDATE`;
      const row = rows[0];
      return row ? { ...row, version: Number(row.version) } : null;
    },

    update: (planId, change) =>
      client.plan.update({ where: { id: planId }, data: { ...change, version: { increment: 1 } }, select: planSelect }),
  };
}
