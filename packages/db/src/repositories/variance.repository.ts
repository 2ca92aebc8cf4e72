// What the dashboard (看板) reads: targets from the maintained summary (TargetSummary SUBTREE
// plus the deltas not folded yet), actuals and spending summed in SQL over a unit's subtree
// (leaf facts: a unit's actual is the sum of its subtree's rows), and the budget lines of the
// subtree's plans. Every figure is summed by the database and returned as decimal text.
import { Prisma } from "../../generated/client/index.js";
import type { DbClient } from "./db-client.js";
import { likePrefix } from "./org-units.repository.js";

export type VarianceBasis = "APPROVED" | "LATEST";

export interface UnitRef {
  readonly id: string;
  readonly path: string;
}

/** A target or actual sum of one unit's subtree for one metric and month. */
export interface UnitMonthFigure {
  readonly unitId: string;
  readonly metricId: string;
  readonly month: number;
  /** Decimal text. */
  readonly value: string;
}

/** A sum by month and one dimension key ("" where the row names none). */
export interface KeyedMonthFigure {
  readonly key: string;
  readonly month: number;
  readonly value: string;
}

export interface CategoryFigure {
  readonly categoryId: string;
  readonly code: string;
  readonly nameZh: string;
  readonly nameEn: string;
  readonly sortOrder: number;
  readonly budget: string;
  readonly actual: string;
}

export interface VarianceRepository {
  /** Per unit (its whole subtree), metric and month: the target figures (channel lines left out). */
  targetsByUnit(
    cycleId: string,
    basis: VarianceBasis,
    units: readonly UnitRef[],
    metricIds: readonly string[],
  ): Promise<UnitMonthFigure[]>;
  /** A subtree's target of one metric by month and spec (figures) or by month and channel (channel lines). */
  targetsBy(
    cycleId: string,
    basis: VarianceBasis,
    unit: UnitRef,
    metricId: string,
    by: "SPEC" | "CHANNEL",
  ): Promise<KeyedMonthFigure[]>;
  /** A subtree's actuals of one metric in a year by month and spec or channel ("" for rows without one). */
  actualsBy(unit: UnitRef, year: number, metricId: string, by: "SPEC" | "CHANNEL"): Promise<KeyedMonthFigure[]>;
  /** The last month of `year` with any sales actual in the subtree, or null. */
  lastActualMonth(unit: UnitRef, year: number): Promise<number | null>;
  /** Budget (the cycle's plans in the subtree) and spending (the year's actuals) per category, months 1..through. */
  expensesByCategory(cycleId: string, unit: UnitRef, year: number, throughMonth: number): Promise<CategoryFigure[]>;
}

export function createVarianceRepository(client: DbClient): VarianceRepository {
  return {
    async targetsByUnit(cycleId, basis, units, metricIds) {
      if (units.length === 0 || metricIds.length === 0) return [];
      const rows = await client.$queryRaw<{ unitId: string; metricId: string; month: number | bigint; value: string }[]>`
        WITH wanted(id, prefix) AS (
          SELECT * FROM unnest(${units.map((unit) => unit.id)}::text[], ${units.map((unit) => likePrefix(unit.path))}::text[])
        )
        SELECT parts."unitId", parts."metricId", parts.month, sum(parts.value)::text AS value
        FROM (
          SELECT s."orgUnitId" AS "unitId", s."metricId", s.month, s."baseSum" AS value
          FROM "TargetSummary" s
          WHERE s."cycleId" = ${cycleId} AND s.basis = ${basis}::"SummaryBasis" AND s.scope = 'SUBTREE'
            AND s."channelKey" = '' AND s."metricId" = ANY(${[...metricIds]}::text[])
            AND s."orgUnitId" IN (SELECT id FROM wanted)
          UNION ALL
          SELECT wanted.id, d."metricId", d.month, d."baseDelta"
          FROM "TargetSummaryDelta" d JOIN wanted ON d."unitPath" LIKE wanted.prefix
          WHERE d."cycleId" = ${cycleId} AND d.basis = ${basis}::"SummaryBasis"
            AND d."channelKey" = '' AND d."metricId" = ANY(${[...metricIds]}::text[])
        ) AS parts
        GROUP BY parts."unitId", parts."metricId", parts.month`;
      return rows.map((row) => ({ ...row, month: Number(row.month) }));
    },

    async targetsBy(cycleId, basis, unit, metricId, by) {
      const key = by === "SPEC" ? Prisma.sql`"specKey"` : Prisma.sql`"channelKey"`;
      const lines = by === "SPEC" ? Prisma.sql`"channelKey" = ''` : Prisma.sql`"channelKey" <> ''`;
      const rows = await client.$queryRaw<{ key: string; month: number | bigint; value: string }[]>`
        SELECT parts.key, parts.month, sum(parts.value)::text AS value
        FROM (
          SELECT ${key} AS key, month, "baseSum" AS value
          FROM "TargetSummary"
          WHERE "cycleId" = ${cycleId} AND "orgUnitId" = ${unit.id} AND basis = ${basis}::"SummaryBasis"
            AND scope = 'SUBTREE' AND "metricId" = ${metricId} AND ${lines}
          UNION ALL
          SELECT ${key}, month, "baseDelta"
          FROM "TargetSummaryDelta"
          WHERE "cycleId" = ${cycleId} AND basis = ${basis}::"SummaryBasis" AND "unitPath" LIKE ${likePrefix(unit.path)}
            AND "metricId" = ${metricId} AND ${lines}
        ) AS parts
        GROUP BY parts.key, parts.month`;
      return rows.map((row) => ({ ...row, month: Number(row.month) }));
    },

    async actualsBy(unit, year, metricId, by) {
      const key = by === "SPEC" ? Prisma.sql`coalesce(a."productSpecId", '')` : Prisma.sql`coalesce(a."channelId", '')`;
      const rows = await client.$queryRaw<{ key: string; month: number | bigint; value: string }[]>`
        SELECT ${key} AS key, a.month, sum(a.value)::text AS value
        FROM "SalesActual" a JOIN "OrgUnit" u ON u.id = a."orgUnitId"
        WHERE u.path LIKE ${likePrefix(unit.path)} AND a.year = ${year} AND a."metricId" = ${metricId}
        GROUP BY 1, 2`;
      return rows.map((row) => ({ ...row, month: Number(row.month) }));
    },

    async lastActualMonth(unit, year) {
      const rows = await client.$queryRaw<{ month: number | bigint | null }[]>`
        SELECT max(a.month) AS month
        FROM "SalesActual" a JOIN "OrgUnit" u ON u.id = a."orgUnitId"
        WHERE u.path LIKE ${likePrefix(unit.path)} AND a.year = ${year}`;
      const month = rows[0]?.month;
      return month === null || month === undefined ? null : Number(month);
    },

    async expensesByCategory(cycleId, unit, year, throughMonth) {
      const rows = await client.$queryRaw<(Omit<CategoryFigure, "sortOrder"> & { sortOrder: number | bigint })[]>`
        WITH budget AS (
          SELECT i."categoryId", sum(e.amount) AS amount
          FROM "ExpenseCell" e
          JOIN "Plan" p ON p.id = e."planId"
          JOIN "OrgUnit" u ON u.id = p."orgUnitId"
          JOIN "ExpenseItem" i ON i.id = e."itemId"
          WHERE p."cycleId" = ${cycleId} AND u.path LIKE ${likePrefix(unit.path)} AND e.month <= ${throughMonth}
          GROUP BY i."categoryId"
        ),
        spent AS (
          SELECT i."categoryId", sum(a.amount) AS amount
          FROM "ExpenseActual" a
          JOIN "OrgUnit" u ON u.id = a."orgUnitId"
          JOIN "ExpenseItem" i ON i.id = a."itemId"
          WHERE u.path LIKE ${likePrefix(unit.path)} AND a.year = ${year} AND a.month <= ${throughMonth}
          GROUP BY i."categoryId"
        )
        SELECT c.id AS "categoryId", c.code, c."nameZh", c."nameEn", c."sortOrder",
               coalesce(budget.amount, 0)::numeric(20, 2)::text AS budget,
               coalesce(spent.amount, 0)::numeric(20, 2)::text AS actual
        FROM "ExpenseCategory" c
        LEFT JOIN budget ON budget."categoryId" = c.id
        LEFT JOIN spent ON spent."categoryId" = c.id
        ORDER BY c."sortOrder", c.code`;
      return rows.map((row) => ({ ...row, sortOrder: Number(row.sortOrder) }));
    },
  };
}
