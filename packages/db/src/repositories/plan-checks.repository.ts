// What the plan checks (四大症状, @pyramid/domain runPlanChecks) read of a plan beyond its
// cells, sections and actuals (plan-workbench.repository.ts): its expense lines and caps,
// HQ's guidance for the unit, the objections still open, the unit's past spending by
// month, and the figures of other units (children, siblings) it is compared with. Plain
// records; the server assembles the domain's PlanSnapshot from them.
import type { DbClient } from "./db-client.js";
import { likePrefix } from "./org-units.repository.js";

export interface ExpenseLineRecord {
  readonly itemCode: string;
  readonly categoryCode: string;
  readonly month: number;
  readonly terminalId: string | null;
  readonly distributorId: string | null;
  /** Decimal text, two places. */
  readonly amount: string;
}

export interface ExpenseCapsRecord {
  /** The plan's approved expense total, or null. */
  readonly total: string | null;
  readonly categories: readonly { readonly categoryCode: string; readonly amount: string }[];
}

export interface OpenObjectionRecord {
  readonly id: string;
  /** FROM_CHILD: raised by a direct child's plan; TO_PARENT: raised by this plan. */
  readonly direction: "FROM_CHILD" | "TO_PARENT";
  /** The unit that raised it. */
  readonly unitId: string;
  readonly metricId: string | null;
}

export interface UnitRef {
  readonly id: string;
  readonly path: string;
}

export interface ChildUnitRecord extends UnitRef {
  readonly code: string;
  readonly nameZh: string;
  readonly nameEn: string;
}

export interface PlanChecksRepository {
  expenseLines(planId: string): Promise<ExpenseLineRecord[]>;
  expenseCaps(planId: string): Promise<ExpenseCapsRecord>;
  /** HQ's guidance figures (指导目标) for the unit in the cycle. */
  guidance(cycleId: string, unitId: string): Promise<{ metricId: string; value: string }[]>;
  /** Objections of this plan waiting for an answer (OPEN or ESCALATED), and OPEN ones of the unit's direct children's plans in the cycle. */
  openObjections(planId: string, cycleId: string, unitId: string): Promise<OpenObjectionRecord[]>;
  /** The unit's (whole subtree's) actual spending per year and month. */
  expenseActualsByMonth(unitPath: string, years: readonly number[]): Promise<{ year: number; month: number; amount: string }[]>;
  /** The active units directly below `parentId`, by sortOrder then code. */
  childUnits(parentId: string): Promise<ChildUnitRecord[]>;
  /** Planned expenses of each unit's whole subtree in the cycle (every plan's expense lines). */
  plannedExpenses(cycleId: string, units: readonly UnitRef[]): Promise<Map<string, string>>;
}

export function createPlanChecksRepository(client: DbClient): PlanChecksRepository {
  return {
    async expenseLines(planId) {
      const rows = await client.$queryRaw<(Omit<ExpenseLineRecord, "month"> & { month: number | bigint })[]>`
        SELECT i.code AS "itemCode", k.code AS "categoryCode", e.month, e."terminalId", e."distributorId", e.amount::text AS amount
        FROM "ExpenseCell" e JOIN "ExpenseItem" i ON i.id = e."itemId" JOIN "ExpenseCategory" k ON k.id = i."categoryId"
        WHERE e."planId" = ${planId}`;
      return rows.map((row) => ({ ...row, month: Number(row.month) }));
    },

    async expenseCaps(planId) {
      const [plan, caps] = await Promise.all([
        client.plan.findUnique({ where: { id: planId }, select: { approvedExpenseTotal: true } }),
        client.expenseCap.findMany({ where: { planId }, select: { amount: true, category: { select: { code: true } } } }),
      ]);
      return {
        total: plan?.approvedExpenseTotal?.toFixed(2) ?? null,
        categories: caps.map((cap) => ({ categoryCode: cap.category.code, amount: cap.amount.toFixed(2) })),
      };
    },

    async guidance(cycleId, unitId) {
      const rows = await client.guidanceTarget.findMany({
        where: { cycleId, orgUnitId: unitId },
        select: { metricId: true, value: true },
      });
      return rows.map((row) => ({ metricId: row.metricId, value: row.value.toFixed(2) }));
    },

    async openObjections(planId, cycleId, unitId) {
      return client.$queryRaw<OpenObjectionRecord[]>`
        SELECT o.id, CASE WHEN o."planId" = ${planId} THEN 'TO_PARENT' ELSE 'FROM_CHILD' END AS direction,
               p."orgUnitId" AS "unitId", o."metricId"
        FROM "Objection" o JOIN "Plan" p ON p.id = o."planId" JOIN "OrgUnit" u ON u.id = p."orgUnitId"
        WHERE (o."planId" = ${planId} AND o.status IN ('OPEN', 'ESCALATED'))
           OR (o.status = 'OPEN' AND p."cycleId" = ${cycleId} AND u."parentId" = ${unitId})
        ORDER BY o."createdAt", o.id`;
    },

    async expenseActualsByMonth(unitPath, years) {
      const rows = await client.$queryRaw<{ year: number | bigint; month: number | bigint; amount: string }[]>`
        SELECT e.year, e.month, sum(e.amount)::text AS amount
        FROM "ExpenseActual" e JOIN "OrgUnit" u ON u.id = e."orgUnitId"
        WHERE u.path LIKE ${likePrefix(unitPath)} AND e.year = ANY(${[...years]}::int[])
        GROUP BY e.year, e.month`;
      return rows.map((row) => ({ year: Number(row.year), month: Number(row.month), amount: row.amount }));
    },

    childUnits: (parentId) =>
      client.orgUnit.findMany({
        where: { parentId, isActive: true },
        orderBy: [{ sortOrder: "asc" }, { code: "asc" }],
        select: { id: true, path: true, code: true, nameZh: true, nameEn: true },
      }),

    async plannedExpenses(cycleId, units) {
      const totals = new Map<string, string>();
      if (units.length === 0) return totals;
      const rows = await client.$queryRaw<{ id: string; total: string }[]>`
        WITH wanted(id, prefix) AS (
          SELECT * FROM unnest(${units.map((unit) => unit.id)}::text[], ${units.map((unit) => likePrefix(unit.path))}::text[])
        ),
        -- Only the plans of the wanted subtrees, each plan's cells summed once.
        by_plan AS (
          SELECT p.id, o.path, (SELECT sum(e.amount) FROM "ExpenseCell" e WHERE e."planId" = p.id) AS total
          FROM "OrgUnit" o JOIN "Plan" p ON p."orgUnitId" = o.id AND p."cycleId" = ${cycleId}
          WHERE EXISTS (SELECT 1 FROM wanted WHERE o.path LIKE wanted.prefix)
        )
        SELECT wanted.id, coalesce((SELECT sum(total) FROM by_plan WHERE path LIKE wanted.prefix), 0)::text AS total
        FROM wanted`;
      for (const row of rows) totals.set(row.id, row.total);
      return totals;
    },
  };
}
