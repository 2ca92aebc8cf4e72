// What the review screen reads besides the maintained summary: the plans of a unit and its
// children in a cycle (status, stale mark, the last change in the audit trail), and the
// sales actuals of each unit's whole subtree per metric, year and month (actuals are leaf
// facts: a unit's actual is the sum of its subtree's rows).
import type { OrgLevel, PlanStatus } from "@pyramid/domain";
import type { DbClient } from "./db-client.js";
import { likePrefix } from "./org-units.repository.js";

export interface ReviewPlanRecord {
  readonly orgUnitId: string;
  readonly planId: string;
  readonly status: PlanStatus;
  readonly version: number;
  readonly staleSince: Date | null;
  readonly submittedAt: Date | null;
  readonly approvedAt: Date | null;
  /** The newest audit row about the plan, if any. */
  readonly lastChangeAt: Date | null;
  readonly lastChangeAction: string | null;
}

export interface UnitActualRecord {
  readonly unitId: string;
  readonly metricId: string;
  readonly year: number;
  readonly month: number;
  /** Decimal text. */
  readonly value: string;
}

export interface ReviewDimensions {
  readonly metrics: readonly {
    readonly id: string;
    readonly code: string;
    readonly nameZh: string;
    readonly nameEn: string;
    readonly scale: number;
    readonly aggregation: "SUM" | "AVERAGE" | "LAST";
  }[];
  readonly productLines: readonly {
    readonly id: string;
    readonly code: string;
    readonly nameZh: string;
    readonly nameEn: string;
  }[];
  readonly productSpecs: readonly {
    readonly id: string;
    readonly code: string;
    readonly nameZh: string;
    readonly nameEn: string;
    readonly lineId: string;
  }[];
  readonly channels: readonly { readonly id: string; readonly code: string; readonly nameZh: string; readonly nameEn: string }[];
}

export interface ReviewRepository {
  /** The company's metrics, product lines, specs and channels (inactive ones too: old figures name them), in their order. */
  dimensions(): Promise<ReviewDimensions>;
  /** The company's terminal classes (the checks' config needs their ranks). */
  terminalClasses(): Promise<{ code: string; rank: number }[]>;
  /** The active units directly below `parentId`, by sortOrder then code. */
  childUnits(
    parentId: string,
  ): Promise<{ id: string; code: string; nameZh: string; nameEn: string; level: OrgLevel; path: string }[]>;
  /** The plans of these units in the cycle. */
  plans(cycleId: string, unitIds: readonly string[]): Promise<ReviewPlanRecord[]>;
  /** Per unit (its whole subtree), metric, year and month: the sum of the sales actuals. */
  actualsByUnit(
    units: readonly { readonly id: string; readonly path: string }[],
    years: readonly number[],
    metricIds: readonly string[],
  ): Promise<UnitActualRecord[]>;
}

export function createReviewRepository(client: DbClient): ReviewRepository {
  return {
    async dimensions() {
      const named = { id: true, code: true, nameZh: true, nameEn: true } as const;
      const metrics = await client.metric.findMany({
        orderBy: [{ sortOrder: "asc" }, { code: "asc" }],
        select: { ...named, scale: true, aggregation: true },
      });
      const productLines = await client.productLine.findMany({ orderBy: [{ sortOrder: "asc" }, { code: "asc" }], select: named });
      const productSpecs = await client.productSpec.findMany({
        orderBy: [{ line: { sortOrder: "asc" } }, { line: { code: "asc" } }, { sortOrder: "asc" }, { code: "asc" }],
        select: { ...named, lineId: true },
      });
      const channels = await client.channel.findMany({ orderBy: [{ sortOrder: "asc" }, { code: "asc" }], select: named });
      return { metrics, productLines, productSpecs, channels };
    },

    terminalClasses: () => client.terminalClass.findMany({ orderBy: { rank: "asc" }, select: { code: true, rank: true } }),

    childUnits: (parentId) =>
      client.orgUnit.findMany({
        where: { parentId, isActive: true },
        orderBy: [{ sortOrder: "asc" }, { code: "asc" }],
        select: { id: true, code: true, nameZh: true, nameEn: true, level: true, path: true },
      }),

    async plans(cycleId, unitIds) {
      if (unitIds.length === 0) return [];
      const rows = await client.$queryRaw<(Omit<ReviewPlanRecord, "version"> & { version: number | bigint })[]>`
        SELECT p."orgUnitId", p.id AS "planId", p.status::text AS status, p.version, p."staleSince", p."submittedAt",
               p."approvedAt", last.at AS "lastChangeAt", last.action AS "lastChangeAction"
        FROM "Plan" p
        LEFT JOIN LATERAL (
          SELECT a.at, a.action FROM "AuditLog" a WHERE a."planId" = p.id ORDER BY a.at DESC, a.id DESC LIMIT 1
        ) last ON TRUE
        WHERE p."cycleId" = ${cycleId} AND p."orgUnitId" = ANY(${[...unitIds]}::text[])`;
      return rows.map((row) => ({ ...row, version: Number(row.version) }));
    },

    async actualsByUnit(units, years, metricIds) {
      if (units.length === 0 || metricIds.length === 0) return [];
      const rows = await client.$queryRaw<
        { unitId: string; metricId: string; year: number | bigint; month: number | bigint; value: string }[]
      >`
        WITH wanted(id, prefix) AS (
          SELECT * FROM unnest(${units.map((unit) => unit.id)}::text[], ${units.map((unit) => likePrefix(unit.path))}::text[])
        ),
        -- The units of the wanted subtrees, then each unit's rows summed once
        -- before they are added up per wanted unit (a unit has a row per spec, channel …).
        members AS (
          SELECT u.id, u.path FROM "OrgUnit" u WHERE EXISTS (SELECT 1 FROM wanted WHERE u.path LIKE wanted.prefix)
        ),
        per_unit AS (
          SELECT a."orgUnitId", a."metricId", a.year, a.month, sum(a.value) AS value
          FROM "SalesActual" a
          WHERE a."orgUnitId" IN (SELECT id FROM members)
            AND a.year = ANY(${[...years]}::int[]) AND a."metricId" = ANY(${[...metricIds]}::text[])
          GROUP BY a."orgUnitId", a."metricId", a.year, a.month
        )
        SELECT wanted.id AS "unitId", a."metricId", a.year, a.month, sum(a.value)::text AS value
        FROM wanted
        JOIN members u ON u.path LIKE wanted.prefix
        JOIN per_unit a ON a."orgUnitId" = u.id
        GROUP BY wanted.id, a."metricId", a.year, a.month`;
      return rows.map((row) => ({ ...row, year: Number(row.year), month: Number(row.month) }));
    },
  };
}
