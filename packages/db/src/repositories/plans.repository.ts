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
  /** Set while an approved plan's roll-up includes a reopened descendant (stale-plans.ts in the domain). */
  readonly staleSince: Date | null;
  readonly staleReason: string | null;
  readonly staleCausePlanId: string | null;
}

/** A plan on the path above another, as the domain's staleAncestorsAfterReopen reads it. */
export interface AncestorPlanRecord {
  readonly planId: string;
  readonly unitPath: string;
  readonly status: PlanStatus;
  readonly approvedAt: Date | null;
}

/** A stale mark to write: the domain's StaleMark, stored as when, why (the reopen's reason) and which plan. */
export interface StaleMarkRecord {
  readonly planId: string;
  readonly since: Date;
  readonly reason: string;
  readonly causePlanId: string;
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
  /** The plans of the same cycle whose units are strictly above this plan's unit, nearest first. */
  findAncestorPlans(planId: string): Promise<AncestorPlanRecord[]>;
  /** Marks each plan stale (call with the reopen, in its transaction); returns how many were marked. */
  markStale(marks: readonly StaleMarkRecord[]): Promise<number>;
  /** Clears a plan's stale mark (its re-approval). */
  clearStale(planId: string): Promise<void>;
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
  staleSince: true,
  staleReason: true,
  staleCausePlanId: true,
} as const;

type LockedRow = Omit<PlanRecord, "version"> & { version: number | bigint };

export function createPlanRepository(client: DbClient): PlanRepository {
  return {
    findById: (planId) => client.plan.findUnique({ where: { id: planId }, select: planSelect }),

    async lockPlan(planId) {
      const rows = await client.$queryRaw<LockedRow[]>`
        SELECT id, "cycleId", "orgUnitId", status::text AS status, version,
               "submittedAt", "approvedAt", "childWaiverReason", "staleSince", "staleReason", "staleCausePlanId"
        FROM "Plan"
        WHERE id = ${planId}
        FOR UPDATE`;
      const row = rows[0];
      return row ? { ...row, version: Number(row.version) } : null;
    },

    update: (planId, change) =>
      client.plan.update({ where: { id: planId }, data: { ...change, version: { increment: 1 } }, select: planSelect }),

    async findAncestorPlans(planId) {
      // The unit's path lists its ancestors' ids: "/hq/province/city/county/".
      const rows = await client.$queryRaw<{ planId: string; unitPath: string; status: PlanStatus; approvedAt: Date | null }[]>`
        SELECT a.id AS "planId", au.path AS "unitPath", a.status::text AS status, a."approvedAt"
        FROM "Plan" p
        JOIN "OrgUnit" u ON u.id = p."orgUnitId"
        JOIN "Plan" a ON a."cycleId" = p."cycleId"
        JOIN "OrgUnit" au ON au.id = a."orgUnitId"
        WHERE p.id = ${planId} AND au.id <> u.id AND u.path LIKE au.path || '%'
        ORDER BY length(au.path) DESC`;
      return rows;
    },

    async markStale(marks) {
      let marked = 0;
      for (const mark of marks) {
        marked += await client.plan
          .updateMany({
            where: { id: mark.planId },
            data: { staleSince: mark.since, staleReason: mark.reason, staleCausePlanId: mark.causePlanId },
          })
          .then((result) => result.count);
      }
      return marked;
    },

    async clearStale(planId) {
      await client.plan.update({
        where: { id: planId },
        data: { staleSince: null, staleReason: null, staleCausePlanId: null },
        select: { id: true },
      });
    },
  };
}
