// The org tree for the shell: a page of the units under some roots (searchable), and,
// for a page of units at once, their children's progress and their key figures. Each
// is one statement for the whole page, never one per unit.
import { Prisma } from "../../generated/client/index.js";
import type { DbClient } from "./db-client.js";
import { likePrefix, unitWithPlanOf, type OrgUnitWithPlan, type UnitWithPlanRow } from "./org-units.repository.js";

export interface OrgTreePageQuery {
  readonly cycleId: string;
  /** Units whose path starts with one of these. */
  readonly rootPaths: readonly string[];
  /** Part of the code or of either name, case-insensitive; all units when absent. */
  readonly search?: string | null;
  /** Exactly this code, case-insensitive (a unit page's lookup); all units when absent. */
  readonly code?: string | null;
  readonly offset: number;
  readonly limit: number;
}

export interface OrgTreePage {
  readonly units: OrgUnitWithPlan[];
  /** All matching units, across pages. */
  readonly totalCount: number;
}

export interface ChildProgressRecord {
  readonly total: number;
  /** Children whose plan is SUBMITTED or APPROVED. */
  readonly submitted: number;
  readonly approved: number;
}

/** Decimal text (yuan, 2 places). */
export interface KeyFiguresRecord {
  /** The cycle's sales revenue target of the unit's subtree, all plans' current figures (the maintained summary). */
  readonly salesTarget: string;
  /** Sales revenue actuals of the subtree in the year before the cycle's. */
  readonly salesLastYear: string;
  /** The planned expenses of the subtree's plans in the cycle. */
  readonly expenseTotal: string;
}

export interface OrgTreeRepository {
  page(query: OrgTreePageQuery): Promise<OrgTreePage>;
  /** For each unit: its direct children, and how many of their plans in the cycle are submitted or approved. */
  childProgress(cycleId: string, unitIds: readonly string[]): Promise<Map<string, ChildProgressRecord>>;
  /** For each unit (id and path): its subtree's key figures in the cycle. */
  keyFigures(
    cycle: { readonly id: string; readonly year: number },
    units: readonly { readonly id: string; readonly path: string }[],
  ): Promise<Map<string, KeyFiguresRecord>>;
}

type PageRow = UnitWithPlanRow & { totalCount: number | bigint };

/** `%text%` for ILIKE, with LIKE's wildcards in the text taken literally. */
export function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (character) => `\\${character}`)}%`;
}

export function createOrgTreeRepository(client: DbClient): OrgTreeRepository {
  return {
    async page({ cycleId, rootPaths, search, code, offset, limit }) {
      if (rootPaths.length === 0) return { units: [], totalCount: 0 };
      const patterns = rootPaths.map(likePrefix);
      const text = search?.trim() ?? "";
      const searchFilter =
        text === ""
          ? Prisma.sql`TRUE`
          : Prisma.sql`(u.code ILIKE ${containsPattern(text)} OR u."nameZh" ILIKE ${containsPattern(text)}
                        OR u."nameEn" ILIKE ${containsPattern(text)})`;
      const codeFilter = code === null || code === undefined ? Prisma.sql`TRUE` : Prisma.sql`upper(u.code) = upper(${code})`;
      const rows = await client.$queryRaw<PageRow[]>`
        SELECT u.id, u.code, u."nameZh", u."nameEn", u.level::text AS level, u."parentId", u.path,
               u.depth, u."sortOrder", u."isActive",
               p.id AS "planId", p.status::text AS "planStatus", p.version AS "planVersion",
               p."submittedAt" AS "planSubmittedAt", p."approvedAt" AS "planApprovedAt",
               p."staleSince" AS "planStaleSince", count(*) OVER () AS "totalCount"
        FROM "OrgUnit" u
        LEFT JOIN "Plan" p ON p."orgUnitId" = u.id AND p."cycleId" = ${cycleId}
        WHERE u.path LIKE ANY(${patterns}::text[]) AND ${searchFilter} AND ${codeFilter}
        ORDER BY u.depth, u."sortOrder", u.code
        OFFSET ${offset} LIMIT ${limit}`;
      let totalCount = Number(rows[0]?.totalCount ?? 0);
      if (rows.length === 0 && offset > 0) {
        // Past the end: the count still says how many there are.
        const counted = await client.$queryRaw<{ n: number | bigint }[]>`
          SELECT count(*) AS n FROM "OrgUnit" u WHERE u.path LIKE ANY(${patterns}::text[]) AND ${searchFilter} AND ${codeFilter}`;
        totalCount = Number(counted[0]?.n ?? 0);
      }
      const units = rows.map(({ totalCount: _total, ...row }) => unitWithPlanOf(row));
      return { units, totalCount };
    },

    async childProgress(cycleId, unitIds) {
      const progress = new Map<string, ChildProgressRecord>(unitIds.map((id) => [id, { total: 0, submitted: 0, approved: 0 }]));
      if (unitIds.length === 0) return progress;
      const rows = await client.$queryRaw<{ parentId: string; total: number; submitted: number; approved: number }[]>`
        SELECT c."parentId",
               count(*)::int AS total,
               count(*) FILTER (WHERE p.status IN ('SUBMITTED', 'APPROVED'))::int AS submitted,
               count(*) FILTER (WHERE p.status = 'APPROVED')::int AS approved
        FROM "OrgUnit" c
        LEFT JOIN "Plan" p ON p."orgUnitId" = c.id AND p."cycleId" = ${cycleId}
        WHERE c."parentId" = ANY(${[...unitIds]}::text[])
        GROUP BY c."parentId"`;
      for (const row of rows) {
        progress.set(row.parentId, {
          total: Number(row.total),
          submitted: Number(row.submitted),
          approved: Number(row.approved),
        });
      }
      return progress;
    },

    async keyFigures(cycle, units) {
      const figures = new Map<string, KeyFiguresRecord>();
      if (units.length === 0) return figures;
      // The target: folded SUBTREE rows plus the deltas not folded yet (as the summary's own read does).
      // Last year's sales and the planned expenses are summed once per unit that has any
      // (a few dozen rows), then per page unit over those: not one scan of the facts per unit.
      const rows = await client.$queryRaw<{ id: string; salesTarget: string; salesLastYear: string; expenseTotal: string }[]>`
        WITH page(id, prefix) AS (
          SELECT * FROM unnest(${units.map((unit) => unit.id)}::text[], ${units.map((unit) => likePrefix(unit.path))}::text[])
        ),
        sales AS (SELECT id FROM "Metric" WHERE code = 'SALES_REVENUE'),
        actual_by_unit AS (
          SELECT o.path, sum(a.value) AS total
          FROM "SalesActual" a JOIN "OrgUnit" o ON o.id = a."orgUnitId"
          WHERE a.year = ${cycle.year - 1} AND a."metricId" IN (SELECT id FROM sales)
          GROUP BY o.path
        ),
        expense_by_unit AS (
          SELECT o.path, sum(e.amount) AS total
          FROM "ExpenseCell" e JOIN "Plan" p ON p.id = e."planId" JOIN "OrgUnit" o ON o.id = p."orgUnitId"
          WHERE p."cycleId" = ${cycle.id}
          GROUP BY o.path
        )
        SELECT page.id,
          (coalesce((SELECT sum(s."baseSum") FROM "TargetSummary" s
                     WHERE s."cycleId" = ${cycle.id} AND s."orgUnitId" = page.id AND s.basis = 'LATEST'
                       AND s.scope = 'SUBTREE' AND s."channelKey" = '' AND s."metricId" IN (SELECT id FROM sales)), 0)
           + coalesce((SELECT sum(d."baseDelta") FROM "TargetSummaryDelta" d
                       WHERE d."cycleId" = ${cycle.id} AND d.basis = 'LATEST' AND d."unitPath" LIKE page.prefix
                         AND d."channelKey" = '' AND d."metricId" IN (SELECT id FROM sales)), 0))::text AS "salesTarget",
          coalesce((SELECT sum(total) FROM actual_by_unit WHERE path LIKE page.prefix), 0)::text AS "salesLastYear",
          coalesce((SELECT sum(total) FROM expense_by_unit WHERE path LIKE page.prefix), 0)::text AS "expenseTotal"
        FROM page`;
      for (const { id, ...values } of rows) figures.set(id, values);
      return figures;
    },
  };
}
