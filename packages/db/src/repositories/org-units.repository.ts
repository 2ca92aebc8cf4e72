// The organisation tree. "A unit and its subtree" is one prefix query on the
// materialised path (OrgUnit.path, indexed with text_pattern_ops), never a
// walk down the tree.
import type { OrgLevel, PlanStatus } from "@pyramid/domain";
import type { DbClient } from "./db-client.js";

export interface OrgUnitRecord {
  readonly id: string;
  readonly code: string;
  readonly nameZh: string;
  readonly nameEn: string;
  readonly level: OrgLevel;
  readonly parentId: string | null;
  /** Materialised path of ids, "/<hq>/<province>/…/<own id>/". */
  readonly path: string;
  /** 1 for the top unit. */
  readonly depth: number;
  readonly sortOrder: number;
  readonly isActive: boolean;
}

/** What a navigator shows of a unit's plan in one cycle. */
export interface PlanSummaryRecord {
  readonly id: string;
  readonly status: PlanStatus;
  readonly version: number;
  readonly submittedAt: Date | null;
  readonly approvedAt: Date | null;
  /** Set while an approved plan's roll-up includes a plan reopened since (待更新). */
  readonly staleSince: Date | null;
}

export interface OrgUnitWithPlan extends OrgUnitRecord {
  /** The unit's plan in the cycle asked for; null when it has none. */
  readonly plan: PlanSummaryRecord | null;
}

export interface OrgUnitRepository {
  findById(id: string): Promise<OrgUnitRecord | null>;
  /** The units with these ids (any order; unknown ids are left out). */
  findManyByIds(ids: readonly string[]): Promise<OrgUnitRecord[]>;
  /**
   * The unit at `rootPath` and every unit below it, each with its plan in `cycleId`, in one
   * query. Ordered parents before children (by depth), siblings by sortOrder then code.
   */
  findSubtreeWithPlans(rootPath: string, cycleId: string): Promise<OrgUnitWithPlan[]>;
  /** The unit with this code (exactly as stored), or null. */
  findByCode(code: string): Promise<OrgUnitRecord | null>;
  /**
   * Up to `limit` active units under the `rootPaths` (each root included) whose code or either
   * name contains `search` (ignoring case; every unit when absent): parents before
   * children, siblings by sortOrder, then code.
   */
  searchInSubtrees(query: {
    readonly rootPaths: readonly string[];
    readonly search?: string | null;
    readonly limit: number;
  }): Promise<OrgUnitRecord[]>;
}

const unitSelect = {
  id: true,
  code: true,
  nameZh: true,
  nameEn: true,
  level: true,
  parentId: true,
  path: true,
  depth: true,
  sortOrder: true,
  isActive: true,
} as const;

/** A unit joined with its plan in one cycle, as SQL returns it (the plan's columns null when it has none). */
export interface UnitWithPlanRow {
  id: string;
  code: string;
  nameZh: string;
  nameEn: string;
  level: OrgLevel;
  parentId: string | null;
  path: string;
  depth: number;
  sortOrder: number;
  isActive: boolean;
  planId: string | null;
  planStatus: PlanStatus | null;
  planVersion: number | null;
  planSubmittedAt: Date | string | null;
  planApprovedAt: Date | string | null;
  planStaleSince: Date | string | null;
}

/** The record of a UnitWithPlanRow: numbers as numbers, the plan as an object or null. */
export function unitWithPlanOf({
  planId,
  planStatus,
  planVersion,
  planSubmittedAt,
  planApprovedAt,
  planStaleSince,
  ...unit
}: UnitWithPlanRow): OrgUnitWithPlan {
  return {
    ...unit,
    depth: Number(unit.depth),
    sortOrder: Number(unit.sortOrder),
    plan:
      planId === null || planStatus === null || planVersion === null
        ? null
        : {
            id: planId,
            status: planStatus,
            version: Number(planVersion),
            submittedAt: asDate(planSubmittedAt),
            approvedAt: asDate(planApprovedAt),
            staleSince: asDate(planStaleSince),
          },
  };
}

/** `LIKE` treats % and _ as wildcards and \ as the escape; a path is matched literally. */
export function likePrefix(prefix: string): string {
  return `${prefix.replace(/[\\%_]/g, (character) => `\\${character}`)}%`;
}

export function createOrgUnitRepository(client: DbClient): OrgUnitRepository {
  return {
    findById: (id) => client.orgUnit.findUnique({ where: { id }, select: unitSelect }),
    findManyByIds: (ids) =>
      ids.length === 0 ? Promise.resolve([]) : client.orgUnit.findMany({ where: { id: { in: [...ids] } }, select: unitSelect }),

    findByCode: (code) => client.orgUnit.findUnique({ where: { code }, select: unitSelect }),

    searchInSubtrees({ rootPaths, search, limit }) {
      if (rootPaths.length === 0) return Promise.resolve([]);
      const text = search?.trim() ?? "";
      const contains = { contains: text, mode: "insensitive" } as const;
      return client.orgUnit.findMany({
        where: {
          isActive: true,
          OR: rootPaths.map((path) => ({ path: { startsWith: path } })),
          ...(text === "" ? {} : { AND: [{ OR: [{ code: contains }, { nameZh: contains }, { nameEn: contains }] }] }),
        },
        orderBy: [{ depth: "asc" }, { sortOrder: "asc" }, { code: "asc" }],
        take: limit,
        select: unitSelect,
      });
    },

    async findSubtreeWithPlans(rootPath, cycleId) {
      const rows = await client.$queryRaw<UnitWithPlanRow[]>`
        SELECT u.id, u.code, u."nameZh", u."nameEn", u.level::text AS level, u."parentId", u.path,
               u.depth, u."sortOrder", u."isActive",
               p.id AS "planId", p.status::text AS "planStatus", p.version AS "planVersion",
               p."submittedAt" AS "planSubmittedAt", p."approvedAt" AS "planApprovedAt",
               p."staleSince" AS "planStaleSince"
        FROM "OrgUnit" u
        LEFT JOIN "Plan" p ON p."orgUnitId" = u.id AND p."cycleId" = ${cycleId}
        WHERE u.path LIKE ${likePrefix(rootPath)}
        ORDER BY u.depth, u."sortOrder", u.code`;
      return rows.map(unitWithPlanOf);
    },
  };
}

// Raw rows carry timestamps as Date through both adapters; a string would be a
// driver change, so accept it rather than hand a string on as a Date.
function asDate(value: Date | string | null): Date | null {
  if (value === null) return null;
  return value instanceof Date ? value : new Date(value);
}
