// Finance's exports: the reads they stream from. A subtree's plans are read a page at a
// time (keyset on the unit's materialised path, so the pages are depth-first and stable),
// and each page's amounts in one query: live lines summed by the database (LATEST), or the
// latest APPROVED version's snapshot (APPROVED). Nothing here holds more than one page.
import { Prisma } from "../../generated/client/index.js";
import type { DbClient } from "./db-client.js";

/** SUM(amount) of each month 1..12, "0.00" when the month has no line (numeric keeps two places). */
const MONTH_SUMS = Prisma.raw(
  Array.from({ length: 12 }, (_, i) => `COALESCE(SUM(c.amount) FILTER (WHERE c.month = ${i + 1}), 0.00)`).join(", "),
);

export interface ExportPlanRecord {
  readonly planId: string;
  readonly unitId: string;
  readonly unitCode: string;
  readonly unitNameZh: string;
  readonly unitNameEn: string;
  readonly unitPath: string;
  readonly level: string;
}

export interface ExportExpenseSum {
  readonly planId: string;
  readonly itemId: string;
  readonly month: number;
  /** Exact decimal text, two places: the sum of the plan's lines of the item in the month. */
  readonly amount: string;
}

export interface ExportExpenseMonths {
  readonly planId: string;
  readonly itemId: string;
  /**
   * The plan's lines of the item summed per month by the database, as twelve exact decimal
   * texts with two places separated by single spaces, January first ("0.00" for a month
   * without lines): one text column instead of twelve, because the cost of a raw read is per
   * value, not per byte.
   */
  readonly months: string;
}

export interface ExportApprovedSnapshot {
  readonly planId: string;
  readonly number: number;
  /** The PlanVersion's snapshot JSON, as stored (PlanVersionSnapshot). */
  readonly snapshot: unknown;
}

export interface ExportTargetSum {
  readonly planId: string;
  readonly metricId: string;
  /** null: the figure without a spec. */
  readonly productSpecId: string | null;
  readonly month: number;
  /** Exact decimal text: the plan's figure (never a breakdown) for the metric, spec and month. */
  readonly baseValue: string;
}

export interface ExportTargetReference {
  readonly metrics: {
    readonly id: string;
    readonly code: string;
    readonly nameZh: string;
    readonly nameEn: string;
    readonly aggregation: string;
  }[];
  readonly specs: { readonly id: string; readonly code: string; readonly nameZh: string; readonly nameEn: string }[];
}

export interface ExportCycleRecord {
  readonly id: string;
  readonly code: string;
  readonly year: number;
  readonly nameZh: string;
  readonly nameEn: string;
}

export interface ExportsRepository {
  findCycleByCode(code: string): Promise<ExportCycleRecord | null>;
  /** Up to `limit` plans of the cycle whose unit lies in the subtree at `rootPath`, by path, after `afterPath`. */
  subtreePlanPage(input: {
    readonly cycleId: string;
    readonly rootPath: string;
    readonly afterPath: string | null;
    readonly limit: number;
  }): Promise<ExportPlanRecord[]>;
  /** The live expense lines of the plans, summed per plan × item × month by the database. */
  liveExpenseSums(planIds: readonly string[]): Promise<ExportExpenseSum[]>;
  /**
   * The live expense lines of the plans, one row per plan × item that has lines, the months
   * pivoted (see ExportExpenseMonths). Each plan's lines are read and summed on their own
   * (index on planId, no sort of the whole page), in no particular order.
   */
  liveExpenseMonths(planIds: readonly string[]): Promise<ExportExpenseMonths[]>;
  /** The plans' live target figures (breakdownAxis IS NULL: breakdowns detail a figure, never add to it). */
  liveTargetFigures(planIds: readonly string[]): Promise<ExportTargetSum[]>;
  /** Every metric (by sort order) and every spec (by code): the names the rows show. */
  targetReference(): Promise<ExportTargetReference>;
  /** Each plan's latest APPROVED version (plans without one are absent). */
  latestApprovedSnapshots(planIds: readonly string[]): Promise<ExportApprovedSnapshot[]>;
}

export function createExportsRepository(client: DbClient): ExportsRepository {
  return {
    async findCycleByCode(code) {
      return client.planCycle.findUnique({
        where: { code },
        select: { id: true, code: true, year: true, nameZh: true, nameEn: true },
      });
    },
    async subtreePlanPage({ cycleId, rootPath, afterPath, limit }) {
      const prefix = `${rootPath.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      return client.$queryRaw<ExportPlanRecord[]>`
        SELECT p.id AS "planId", u.id AS "unitId", u.code AS "unitCode", u."nameZh" AS "unitNameZh",
               u."nameEn" AS "unitNameEn", u.path AS "unitPath", u.level::text AS "level"
        FROM "Plan" p JOIN "OrgUnit" u ON u.id = p."orgUnitId"
        WHERE p."cycleId" = ${cycleId} AND u.path LIKE ${prefix}
          AND (${afterPath}::text IS NULL OR u.path > ${afterPath}::text)
        ORDER BY u.path
        LIMIT ${limit}`;
    },
    async liveExpenseSums(planIds) {
      if (planIds.length === 0) return [];
      const rows = await client.$queryRaw<{ planId: string; itemId: string; month: number; amount: string }[]>`
        SELECT c."planId", c."itemId", c.month, SUM(c.amount)::text AS amount
        FROM "ExpenseCell" c
        WHERE c."planId" = ANY(${[...planIds]}::text[])
        GROUP BY c."planId", c."itemId", c.month`;
      return rows.map((row) => ({ ...row, month: Number(row.month) }));
    },
    async liveExpenseMonths(planIds) {
      if (planIds.length === 0) return [];
      return client.$queryRaw<ExportExpenseMonths[]>`
        SELECT p.id AS "planId", s."itemId", s.months
        FROM unnest(${[...planIds]}::text[]) AS p(id)
        CROSS JOIN LATERAL (
          SELECT c."itemId", concat_ws(' ', ${MONTH_SUMS}) AS months
          FROM "ExpenseCell" c
          WHERE c."planId" = p.id
          GROUP BY c."itemId"
        ) s`;
    },
    async liveTargetFigures(planIds) {
      if (planIds.length === 0) return [];
      const rows = await client.$queryRaw<(Omit<ExportTargetSum, "month"> & { month: number })[]>`
        SELECT c."planId", c."metricId", c."productSpecId", c.month, c."baseValue"::text AS "baseValue"
        FROM "TargetCell" c
        WHERE c."planId" = ANY(${[...planIds]}::text[]) AND c."breakdownAxis" IS NULL`;
      return rows.map((row) => ({ ...row, month: Number(row.month) }));
    },
    async targetReference() {
      const [metrics, specs] = await Promise.all([
        client.metric.findMany({
          orderBy: [{ sortOrder: "asc" }, { code: "asc" }],
          select: { id: true, code: true, nameZh: true, nameEn: true, aggregation: true },
        }),
        client.productSpec.findMany({ orderBy: { code: "asc" }, select: { id: true, code: true, nameZh: true, nameEn: true } }),
      ]);
      return { metrics, specs };
    },
    async latestApprovedSnapshots(planIds) {
      if (planIds.length === 0) return [];
      const rows = await client.$queryRaw<{ planId: string; number: number; snapshot: unknown }[]>`
        SELECT DISTINCT ON (v."planId") v."planId", v.number, v.snapshot
        FROM "PlanVersion" v
        WHERE v."planId" = ANY(${[...planIds]}::text[]) AND v.kind = 'APPROVED'
        ORDER BY v."planId", v.number DESC`;
      return rows.map((row) => ({ ...row, number: Number(row.number) }));
    },
  };
}
