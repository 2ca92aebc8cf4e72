// Finance's export preview: the totals an export's file will hold, summed by the database
// itself (its own SQL, not the export's rows), so the screen, the file and the books can be
// held against each other. The same scope as the export (every plan of the cycle whose unit
// lies in the subtree), the same basis (APPROVED: each plan's latest APPROVED version's
// snapshot; LATEST: the live lines) and the same figures:
//   BUDGET:  expense lines of active items, per category;
//   TARGETS: base values of figures (live: breakdownAxis IS NULL; a snapshot: cells whose key
//            names at most a spec) of metrics that aggregate by SUM, per metric.
// Grouped by "group": the chosen unit's own plan, and each direct child's whole subtree.
import { Prisma } from "../../generated/client/index.js";
import type { DbClient } from "./db-client.js";
import { likePrefix } from "./org-units.repository.js";

export type ExportPreviewKind = "BUDGET" | "TARGETS";
export type ExportPreviewBasis = "APPROVED" | "LATEST";

export interface ExportPreviewQuery {
  readonly cycleId: string;
  readonly rootPath: string;
  readonly kind: ExportPreviewKind;
  readonly basis: ExportPreviewBasis;
  /** How many plans without an approved version to name (all are counted). */
  readonly missingLimit: number;
}

export interface ExportPreviewUnitRecord {
  readonly unitId: string;
  readonly code: string;
  readonly nameZh: string;
  readonly nameEn: string;
  readonly level: string;
  readonly path: string;
}

export interface ExportPreviewGroupRecord extends ExportPreviewUnitRecord {
  /** Plans of the cycle in the group (the chosen unit's own, or a child's subtree). */
  readonly plans: number;
  /** Of those, the plans the file holds (APPROVED: with an approved version; LATEST: all). */
  readonly exported: number;
}

export interface ExportPreviewColumnRecord {
  readonly id: string;
  readonly code: string;
  readonly nameZh: string;
  readonly nameEn: string;
}

/** A sum of the database: groupPath and/or columnId null for the totals over them. */
export interface ExportPreviewSumRecord {
  readonly groupPath: string | null;
  readonly columnId: string | null;
  /** Exact decimal text. */
  readonly amount: string;
}

export interface ExportPreviewRecord {
  readonly groups: ExportPreviewGroupRecord[];
  /** BUDGET: every expense category (by sort order); TARGETS: the SUM metrics with figures in scope. */
  readonly columns: ExportPreviewColumnRecord[];
  /** Per group × column, per group, per column and the grand total (GROUPING SETS). */
  readonly sums: ExportPreviewSumRecord[];
  /** Rows of the file's first sheet below its header, totals rows included. */
  readonly rows: number;
  /** The first `missingLimit` plans without an approved version (APPROVED only), by path. */
  readonly missing: ExportPreviewUnitRecord[];
}

export interface ExportPreviewRepository {
  findCycleByCode(code: string): Promise<{ id: string; code: string; nameZh: string; nameEn: string } | null>;
  preview(query: ExportPreviewQuery): Promise<ExportPreviewRecord>;
}

/** A `figures(plan_id, group_path, column_id, amount)` source for the kind and basis. */
function figuresSql(kind: ExportPreviewKind, basis: ExportPreviewBasis): Prisma.Sql {
  if (kind === "BUDGET") {
    return basis === "LATEST"
      ? Prisma.sql`
        SELECT s.plan_id, s.group_path, i."categoryId" AS column_id, c.amount AS amount
        FROM "ExpenseCell" c
        JOIN scope s ON s.plan_id = c."planId"
        JOIN "ExpenseItem" i ON i.id = c."itemId" AND i."isActive"`
      : Prisma.sql`
        SELECT s.plan_id, s.group_path, i."categoryId" AS column_id, (cell->>'amount')::numeric AS amount
        FROM approved a
        JOIN scope s ON s.plan_id = a.plan_id
        CROSS JOIN LATERAL jsonb_array_elements(COALESCE(a.snapshot->'expenseCells', '[]'::jsonb)) AS cell
        JOIN "ExpenseItem" i ON i.id = cell->>'itemId' AND i."isActive"`;
  }
  return basis === "LATEST"
    ? Prisma.sql`
        SELECT s.plan_id, s.group_path, c."metricId" AS column_id,
               COALESCE(c."productSpecId", '') AS spec_id, c."baseValue" AS amount
        FROM "TargetCell" c
        JOIN scope s ON s.plan_id = c."planId"
        WHERE c."breakdownAxis" IS NULL`
    : Prisma.sql`
        SELECT s.plan_id, s.group_path, cell->>'metricId' AS column_id,
               CASE WHEN cell->>'dimensionKey' = '' THEN '' ELSE substr(cell->>'dimensionKey', 6) END AS spec_id,
               (cell->>'baseValue')::numeric AS amount
        FROM approved a
        JOIN scope s ON s.plan_id = a.plan_id
        CROSS JOIN LATERAL jsonb_array_elements(COALESCE(a.snapshot->'targetCells', '[]'::jsonb)) AS cell
        WHERE cell->>'dimensionKey' = ''
           OR (cell->>'dimensionKey' LIKE 'spec=%' AND strpos(cell->>'dimensionKey', ';') = 0)`;
}

export function createExportPreviewRepository(client: DbClient): ExportPreviewRepository {
  return {
    async findCycleByCode(code) {
      return client.planCycle.findUnique({ where: { code }, select: { id: true, code: true, nameZh: true, nameEn: true } });
    },

    async preview({ cycleId, rootPath, kind, basis, missingLimit }) {
      // scope: the plans; group_path: the root's own path, or the path of the root's child above the unit.
      const scope = Prisma.sql`
        scope AS (
          SELECT p.id AS plan_id, u.path,
                 left(u.path, char_length(${rootPath}::text)
                   + strpos(substr(u.path, char_length(${rootPath}::text) + 1), '/')) AS group_path,
                 EXISTS (SELECT 1 FROM "PlanVersion" v WHERE v."planId" = p.id AND v.kind = 'APPROVED') AS has_approved
          FROM "Plan" p JOIN "OrgUnit" u ON u.id = p."orgUnitId"
          WHERE p."cycleId" = ${cycleId} AND u.path LIKE ${likePrefix(rootPath)}
        ),
        approved AS (
          SELECT DISTINCT ON (v."planId") v."planId" AS plan_id, v.snapshot
          FROM "PlanVersion" v JOIN scope s ON s.plan_id = v."planId"
          WHERE v.kind = 'APPROVED'
          ORDER BY v."planId", v.number DESC
        ),
        exported AS (
          SELECT * FROM scope WHERE ${basis === "LATEST" ? Prisma.sql`TRUE` : Prisma.sql`has_approved`}
        )`;
      const figures = figuresSql(kind, basis);
      const sumFilter =
        kind === "TARGETS" ? Prisma.sql`JOIN "Metric" m ON m.id = f.column_id AND m.aggregation = 'SUM'` : Prisma.sql``;

      const groups = await client.$queryRaw<ExportPreviewGroupRecord[]>`
        WITH ${scope}
        SELECT g.id AS "unitId", g.code, g."nameZh", g."nameEn", g.level::text AS level, g.path,
               count(*)::int AS plans,
               count(*) FILTER (WHERE ${basis === "LATEST" ? Prisma.sql`TRUE` : Prisma.sql`s.has_approved`})::int AS exported
        FROM scope s JOIN "OrgUnit" g ON g.path = s.group_path
        GROUP BY g.id, g.code, g."nameZh", g."nameEn", g.level, g.path
        ORDER BY g.path`;

      const sums = await client.$queryRaw<ExportPreviewSumRecord[]>`
        WITH ${scope}, figures AS (${figures})
        SELECT CASE WHEN GROUPING(f.group_path) = 1 THEN NULL ELSE f.group_path END AS "groupPath",
               CASE WHEN GROUPING(f.column_id) = 1 THEN NULL ELSE f.column_id END AS "columnId",
               SUM(f.amount)::text AS amount
        FROM figures f ${sumFilter}
        GROUP BY GROUPING SETS ((f.group_path, f.column_id), (f.group_path), (f.column_id), ())`;

      const columns =
        kind === "BUDGET"
          ? await client.expenseCategory.findMany({
              orderBy: [{ sortOrder: "asc" }, { code: "asc" }],
              select: { id: true, code: true, nameZh: true, nameEn: true },
            })
          : await client.metric.findMany({
              where: {
                aggregation: "SUM",
                id: { in: sums.flatMap((s) => (s.columnId === null ? [] : [s.columnId])) },
              },
              orderBy: [{ sortOrder: "asc" }, { code: "asc" }],
              select: { id: true, code: true, nameZh: true, nameEn: true },
            });

      // The file's rows. BUDGET: each exported plan has one row per active item and a total
      // row; the grand total closes the file. TARGETS: one row per plan × metric × spec held,
      // one total row per plan × SUM metric held, one grand total per SUM metric held.
      const [counted] =
        kind === "BUDGET"
          ? await client.$queryRaw<{ rows: number }[]>`
              WITH ${scope}
              SELECT ((SELECT count(*) FROM exported) * ((SELECT count(*) FROM "ExpenseItem" WHERE "isActive") + 1) + 1)::int AS rows`
          : await client.$queryRaw<{ rows: number }[]>`
              WITH ${scope}, figures AS (${figures}),
              held AS (
                SELECT DISTINCT f.plan_id, f.column_id, f.spec_id, (m.aggregation::text = 'SUM') AS is_sum
                FROM figures f LEFT JOIN "Metric" m ON m.id = f.column_id
              )
              SELECT ((SELECT count(*) FROM held)
                + (SELECT count(DISTINCT (plan_id, column_id)) FROM held WHERE is_sum)
                + (SELECT count(DISTINCT column_id) FROM held WHERE is_sum))::int AS rows`;

      const missing =
        basis === "LATEST"
          ? []
          : await client.$queryRaw<ExportPreviewUnitRecord[]>`
              WITH ${scope}
              SELECT u.id AS "unitId", u.code, u."nameZh", u."nameEn", u.level::text AS level, u.path
              FROM scope s JOIN "OrgUnit" u ON u.path = s.path
              WHERE NOT s.has_approved
              ORDER BY u.path
              LIMIT ${missingLimit}`;

      return {
        groups: groups.map((g) => ({ ...g, plans: Number(g.plans), exported: Number(g.exported) })),
        columns,
        sums,
        rows: Number(counted?.rows ?? 0),
        missing,
      };
    },
  };
}
