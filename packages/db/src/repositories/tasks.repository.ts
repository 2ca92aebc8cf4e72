// The plans that wait for someone: a unit's own plans in given statuses, and the
// plans of the children of given units. One query each way, with the unit, the
// cycle and the cycle's deadlines, for "my tasks".
import type { OrgLevel, PlanStatus } from "@pyramid/domain";
import type { CycleStatus } from "../../generated/client/index.js";
import type { DbClient } from "./db-client.js";

export interface PlanTaskRecord {
  readonly plan: {
    readonly id: string;
    readonly status: PlanStatus;
    readonly version: number;
    readonly submittedAt: Date | null;
    readonly approvedAt: Date | null;
    readonly staleSince: Date | null;
  };
  readonly unit: {
    readonly id: string;
    readonly code: string;
    readonly nameZh: string;
    readonly nameEn: string;
    readonly level: OrgLevel;
    readonly path: string;
    readonly parentId: string | null;
    /** The parent's level (who reviews); null for the top unit. */
    readonly parentLevel: OrgLevel | null;
  };
  readonly cycle: {
    readonly id: string;
    readonly code: string;
    readonly nameZh: string;
    readonly nameEn: string;
    readonly deadlines: readonly { readonly level: OrgLevel; readonly dueOn: Date }[];
  };
}

export interface PlanTaskQuery {
  readonly cycleStatuses: readonly CycleStatus[];
  /** Only this cycle, when given. */
  readonly cycleId?: string | null;
  readonly statuses: readonly PlanStatus[];
}

export interface TaskRepository {
  /** Plans of these units themselves. */
  plansOfUnits(unitIds: readonly string[], query: PlanTaskQuery): Promise<PlanTaskRecord[]>;
  /** Plans of the direct children of these units. */
  plansOfChildren(parentIds: readonly string[], query: PlanTaskQuery): Promise<PlanTaskRecord[]>;
}

const taskSelect = {
  id: true,
  status: true,
  version: true,
  submittedAt: true,
  staleSince: true,
  approvedAt: true,
  orgUnit: {
    select: {
      id: true,
      code: true,
      nameZh: true,
      nameEn: true,
      level: true,
      path: true,
      parentId: true,
      parent: { select: { level: true } },
    },
  },
  cycle: {
    select: { id: true, code: true, nameZh: true, nameEn: true, deadlines: { select: { level: true, dueOn: true } } },
  },
} as const;

export function createTaskRepository(client: DbClient): TaskRepository {
  const find = async (unitFilter: object, { cycleStatuses, cycleId, statuses }: PlanTaskQuery): Promise<PlanTaskRecord[]> => {
    const rows = await client.plan.findMany({
      where: {
        ...unitFilter,
        status: { in: [...statuses] },
        cycle: { status: { in: [...cycleStatuses] }, ...(cycleId ? { id: cycleId } : {}) },
      },
      orderBy: [{ cycle: { year: "desc" } }, { orgUnit: { path: "asc" } }],
      select: taskSelect,
    });
    return rows.map(({ orgUnit: { parent, ...unit }, cycle, ...plan }) => ({
      plan,
      unit: { ...unit, parentLevel: parent?.level ?? null },
      cycle,
    }));
  };
  return {
    plansOfUnits: (unitIds, query) =>
      unitIds.length === 0 ? Promise.resolve([]) : find({ orgUnitId: { in: [...unitIds] } }, query),
    plansOfChildren: (parentIds, query) =>
      parentIds.length === 0 ? Promise.resolve([]) : find({ orgUnit: { parentId: { in: [...parentIds] } } }, query),
  };
}
