// The expense budget (费用预算): the tree of categories and items, a plan's budget lines
// (ExpenseCell) and caps, past spending (ExpenseActual) summed over the unit's subtree,
// the virements (ExpenseTransfer) with their before/after from the audit log, and what
// other units planned per category. The writes (a batch of lines, a virement) live in
// expense-writes.ts. Plain records; amounts are decimal text at two places.
import { cellDimensionColumns, parseCellDimensionKey } from "@pyramid/domain";
import { editorsById, type CellEditor } from "../cells/cell-writes.js";
import type { DbClient } from "./db-client.js";
import { likePrefix } from "./org-units.repository.js";
import type { UnitRef } from "./plan-checks.repository.js";
import {
  saveExpenseCells,
  transferExpense,
  type ExpenseTransferInput,
  type ExpenseTransferOutcome,
  type SavedExpenseCell,
  type SaveExpenseCellsInput,
} from "./expense-writes.js";

export interface ExpenseCategoryRecord {
  readonly id: string;
  readonly code: string;
  readonly nameZh: string;
  readonly nameEn: string;
  readonly controllability: "HIGH" | "LOW";
  readonly sortOrder: number;
}

export interface ExpenseItemRecord {
  readonly id: string;
  readonly code: string;
  readonly categoryId: string;
  readonly categoryCode: string;
  readonly nameZh: string;
  readonly nameEn: string;
  readonly perTerminal: boolean;
  readonly isStandard: boolean;
  readonly isActive: boolean;
  readonly sortOrder: number;
}

export interface ExpenseCellRecord {
  readonly id: string;
  readonly itemId: string;
  readonly month: number;
  readonly terminalId: string | null;
  readonly distributorId: string | null;
  readonly dimensionKey: string;
  readonly amount: string;
  readonly version: number;
  readonly updatedBy: CellEditor | null;
  readonly updatedAt: Date;
}

/** Past spending of one item × month × line, summed over the unit's subtree. */
export interface ExpenseActualRecord {
  readonly itemId: string;
  readonly year: number;
  readonly month: number;
  readonly terminalId: string | null;
  readonly distributorId: string | null;
  readonly dimensionKey: string;
  readonly amount: string;
}

export interface ExpenseTransferRecord {
  readonly id: string;
  readonly fromItemId: string;
  readonly toItemId: string;
  readonly month: number;
  readonly amount: string;
  readonly reason: string;
  readonly actor: CellEditor | null;
  readonly createdAt: Date;
  /** The two lines before and after, as the audit row recorded them (null if it has none). */
  readonly fromBefore: string | null;
  readonly fromAfter: string | null;
  readonly toBefore: string | null;
  readonly toAfter: string | null;
}

export interface ExpensesRepository {
  /** Every category and every active item, in tree order. */
  tree(): Promise<{ categories: ExpenseCategoryRecord[]; items: ExpenseItemRecord[] }>;
  /** The plan's budget lines, by item, line and month. */
  cells(planId: string): Promise<ExpenseCellRecord[]>;
  /** Spending in `years` over the unit's subtree, summed per item × year × month × line. */
  actuals(unitPath: string, years: readonly number[]): Promise<ExpenseActualRecord[]>;
  /** The plan's virements, newest first. */
  transfers(planId: string): Promise<ExpenseTransferRecord[]>;
  /** Planned expenses of each unit's whole subtree in the cycle, per category code. */
  plannedByCategory(cycleId: string, units: readonly UnitRef[]): Promise<Map<string, Map<string, string>>>;
  /** A batch of lines, all or nothing (ExpenseSaveRefused); use a transaction's repositories. */
  save(input: SaveExpenseCellsInput): Promise<SavedExpenseCell[]>;
  /** One virement (ExpenseSaveRefused when refused); use a transaction's repositories. */
  transfer(input: ExpenseTransferInput): Promise<ExpenseTransferOutcome>;
}

const num = (value: number | bigint) => Number(value);

export function createExpensesRepository(client: DbClient): ExpensesRepository {
  return {
    async tree() {
      const [categories, items] = await Promise.all([
        client.expenseCategory.findMany({
          orderBy: [{ sortOrder: "asc" }, { code: "asc" }],
          select: { id: true, code: true, nameZh: true, nameEn: true, controllability: true, sortOrder: true },
        }),
        client.expenseItem.findMany({
          where: { isActive: true },
          orderBy: [{ category: { sortOrder: "asc" } }, { sortOrder: "asc" }, { code: "asc" }],
          select: {
            id: true,
            code: true,
            categoryId: true,
            nameZh: true,
            nameEn: true,
            perTerminal: true,
            isStandard: true,
            isActive: true,
            sortOrder: true,
            category: { select: { code: true } },
          },
        }),
      ]);
      return {
        categories,
        items: items.map(({ category, ...item }) => ({ ...item, categoryCode: category.code })),
      };
    },

    async cells(planId) {
      const rows = await client.$queryRaw<
        (Omit<ExpenseCellRecord, "id" | "updatedBy" | "month" | "version"> & {
          id: bigint | string;
          month: number | bigint;
          version: number | bigint;
          updatedById: string | null;
        })[]
      >`
        SELECT e.id, e."itemId", e.month, e."terminalId", e."distributorId", e."dimensionKey", e.amount::text AS amount,
               e.version, e."updatedById", e."updatedAt"
        FROM "ExpenseCell" e
        WHERE e."planId" = ${planId}
        ORDER BY e."itemId", e."dimensionKey", e.month`;
      const editors = await editorsById(
        client,
        rows.map((row) => row.updatedById),
      );
      return rows.map(({ updatedById, ...row }) => ({
        ...row,
        id: String(row.id),
        month: num(row.month),
        version: num(row.version),
        updatedBy: updatedById === null ? null : (editors.get(updatedById) ?? null),
      }));
    },

    async actuals(unitPath, years) {
      const rows = await client.$queryRaw<
        { itemId: string; year: number | bigint; month: number | bigint; dimensionKey: string; amount: string }[]
      >`
        SELECT a."itemId", a.year, a.month, a."dimensionKey", sum(a.amount)::text AS amount
        FROM "ExpenseActual" a JOIN "OrgUnit" u ON u.id = a."orgUnitId"
        WHERE u.path LIKE ${likePrefix(unitPath)} AND a.year = ANY(${[...years]}::int[])
        GROUP BY a."itemId", a.year, a.month, a."dimensionKey"
        ORDER BY a."itemId", a.year, a."dimensionKey", a.month`;
      return rows.map((row) => {
        // The key is canonical (a CHECK holds it to its columns): read the line back from it.
        const columns = cellDimensionColumns(parseCellDimensionKey(row.dimensionKey));
        return {
          itemId: row.itemId,
          year: num(row.year),
          month: num(row.month),
          terminalId: columns.terminalId,
          distributorId: columns.distributorId,
          dimensionKey: row.dimensionKey,
          amount: row.amount,
        };
      });
    },

    async transfers(planId) {
      const rows = await client.$queryRaw<
        {
          id: string;
          fromItemId: string;
          toItemId: string;
          month: number | bigint;
          amount: string;
          reason: string;
          actorId: string | null;
          createdAt: Date;
          before: { from?: { amount?: string }; to?: { amount?: string } } | null;
          after: { from?: { amount?: string }; to?: { amount?: string } } | null;
        }[]
      >`
        SELECT t.id, t."fromItemId", t."toItemId", t.month, t.amount::text AS amount, t.reason, t."actorId", t."createdAt",
               a.before, a.after
        FROM "ExpenseTransfer" t
        LEFT JOIN LATERAL (
          SELECT l.before, l.after FROM "AuditLog" l
          WHERE l.entity = 'ExpenseTransfer' AND l."entityId" = t.id
          ORDER BY l.id LIMIT 1
        ) a ON true
        WHERE t."planId" = ${planId}
        ORDER BY t."createdAt" DESC, t.id`;
      const editors = await editorsById(
        client,
        rows.map((row) => row.actorId),
      );
      return rows.map((row) => ({
        id: row.id,
        fromItemId: row.fromItemId,
        toItemId: row.toItemId,
        month: num(row.month),
        amount: row.amount,
        reason: row.reason,
        actor: row.actorId === null ? null : (editors.get(row.actorId) ?? null),
        createdAt: row.createdAt,
        fromBefore: row.before?.from?.amount ?? null,
        fromAfter: row.after?.from?.amount ?? null,
        toBefore: row.before?.to?.amount ?? null,
        toAfter: row.after?.to?.amount ?? null,
      }));
    },

    async plannedByCategory(cycleId, units) {
      const totals = new Map<string, Map<string, string>>();
      if (units.length === 0) return totals;
      const rows = await client.$queryRaw<{ id: string; categoryCode: string; total: string }[]>`
        WITH wanted(id, prefix) AS (
          SELECT * FROM unnest(${units.map((unit) => unit.id)}::text[], ${units.map((unit) => likePrefix(unit.path))}::text[])
        ),
        by_unit AS (
          SELECT o.path, k.code AS "categoryCode", sum(e.amount) AS total
          FROM "ExpenseCell" e
            JOIN "Plan" p ON p.id = e."planId"
            JOIN "OrgUnit" o ON o.id = p."orgUnitId"
            JOIN "ExpenseItem" i ON i.id = e."itemId"
            JOIN "ExpenseCategory" k ON k.id = i."categoryId"
          WHERE p."cycleId" = ${cycleId}
          GROUP BY o.path, k.code
        )
        SELECT wanted.id, b."categoryCode", sum(b.total)::text AS total
        FROM wanted JOIN by_unit b ON b.path LIKE wanted.prefix
        GROUP BY wanted.id, b."categoryCode"`;
      for (const unit of units) totals.set(unit.id, new Map());
      for (const row of rows) totals.get(row.id)?.set(row.categoryCode, row.total);
      return totals;
    },

    save: (input) => saveExpenseCells(client, input),
    transfer: (input) => transferExpense(client, input),
  };
}
