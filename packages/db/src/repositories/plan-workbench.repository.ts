// The plan workbench's reads: a plan with its unit and cycle, its document sections
// (the cycle's template joined with what the plan has written), the catalogue of its
// dimensions, its target cells (all of some metrics, or filtered and paged), the
// actuals of past years at every coordinate, summed over the unit's subtree — and the
// one write that belongs to reading: the plan's choice of estimate method.
import type { EstimateMethod, OrgLevel, PlanStatus } from "@pyramid/domain";
import { Prisma } from "../../generated/client/index.js";
import type { CycleStatus } from "../../generated/client/index.js";
import type { DbClient } from "./db-client.js";
import { likePrefix } from "./org-units.repository.js";

/** A plan as the workbench opens it: with its unit and cycle. */
export interface WorkbenchPlanRecord {
  readonly id: string;
  readonly status: PlanStatus;
  readonly version: number;
  readonly estimateMethod: EstimateMethod;
  readonly submittedAt: Date | null;
  readonly approvedAt: Date | null;
  readonly staleSince: Date | null;
  readonly unit: {
    readonly id: string;
    readonly code: string;
    readonly nameZh: string;
    readonly nameEn: string;
    readonly level: OrgLevel;
    readonly parentId: string | null;
    readonly path: string;
  };
  readonly cycle: { readonly id: string; readonly code: string; readonly year: number; readonly status: CycleStatus };
}

/** One section of the plan document: the template's, with what the plan holds (if anything). */
export interface PlanSectionRecord {
  readonly templateSectionId: string;
  readonly code: string;
  readonly part: "ENVIRONMENT" | "GOALS" | "METHODS";
  readonly titleZh: string;
  readonly titleEn: string;
  readonly guidanceZh: string | null;
  readonly guidanceEn: string | null;
  readonly required: boolean;
  readonly sortOrder: number;
  /** Null while the plan has never saved this section. */
  readonly sectionId: string | null;
  readonly body: string;
  /** 0 while the plan has never saved this section. */
  readonly version: number;
  readonly updatedBy: { readonly id: string; readonly displayName: string } | null;
  readonly updatedAt: Date | null;
  readonly links: readonly { readonly metricId: string; readonly productSpecId: string | null }[];
}

export interface CatalogueRecord {
  readonly metrics: readonly {
    readonly id: string;
    readonly code: string;
    readonly nameZh: string;
    readonly nameEn: string;
    readonly unit: "CNY" | "UNIT" | "PERCENT";
    readonly scale: number;
    readonly aggregation: "SUM" | "AVERAGE" | "LAST";
    readonly carryOver: "NONE" | "SHORTFALL_TO_NEXT_MONTH";
  }[];
  readonly productLines: readonly {
    readonly id: string;
    readonly code: string;
    readonly nameZh: string;
    readonly nameEn: string;
  }[];
  /** In product-line order, then the spec's own order. */
  readonly productSpecs: readonly {
    readonly id: string;
    readonly code: string;
    readonly nameZh: string;
    readonly nameEn: string;
    readonly lineId: string;
    readonly unitZh: string;
    readonly unitEn: string;
  }[];
  readonly channels: readonly {
    readonly id: string;
    readonly code: string;
    readonly nameZh: string;
    readonly nameEn: string;
    readonly kind: "TERMINAL" | "SPECIAL" | "DISTRIBUTION";
  }[];
  readonly terminalClasses: readonly {
    readonly code: string;
    readonly nameZh: string;
    readonly nameEn: string;
    readonly rank: number;
  }[];
  /** Core terminals first, then by class rank, then code. */
  readonly terminals: readonly {
    readonly id: string;
    readonly code: string;
    readonly name: string;
    readonly classCode: string;
    readonly classRank: number;
    readonly isCore: boolean;
    readonly channelId: string;
    readonly townshipId: string | null;
    readonly countyId: string;
  }[];
  /** By level, then code. */
  readonly distributors: readonly {
    readonly id: string;
    readonly code: string;
    readonly name: string;
    readonly level: number;
    readonly parentId: string | null;
    readonly countyId: string;
  }[];
  readonly townships: readonly {
    readonly id: string;
    readonly code: string;
    readonly nameZh: string;
    readonly nameEn: string;
    readonly countyId: string;
  }[];
}

/** One stored target cell; values as decimal text with two places. */
export interface TargetCellRecord {
  readonly id: string;
  readonly metricId: string;
  readonly month: number;
  readonly productSpecId: string | null;
  readonly channelId: string | null;
  readonly terminalId: string | null;
  readonly distributorId: string | null;
  readonly townshipId: string | null;
  readonly dimensionKey: string;
  /** Null for a figure (the database's generated column). */
  readonly breakdownAxis: "CHANNEL" | "TERMINAL" | "DISTRIBUTOR" | "TOWNSHIP" | null;
  readonly baseValue: string;
  readonly stretchValue: string | null;
  readonly isHeld: boolean;
  readonly note: string | null;
  readonly version: number;
  readonly updatedBy: { readonly id: string; readonly displayName: string } | null;
  readonly updatedAt: Date;
}

export type CellGrainFilter = "FIGURE" | "CHANNEL" | "TERMINAL" | "DISTRIBUTOR" | "TOWNSHIP";

export interface TargetCellQuery {
  readonly metricIds?: readonly string[];
  readonly monthFrom?: number;
  readonly monthTo?: number;
  readonly productLineIds?: readonly string[];
  readonly productSpecIds?: readonly string[];
  readonly channelIds?: readonly string[];
  /** FIGURE and/or breakdown axes; all when absent. */
  readonly grains?: readonly CellGrainFilter[];
  /** true: only cells with a stretch value; false: only cells without one. */
  readonly hasStretch?: boolean;
  readonly offset: number;
  readonly limit: number;
}

/** Actuals of one year at one set of coordinates, summed over the unit's subtree. */
export interface ActualRecord {
  readonly metricId: string;
  readonly year: number;
  readonly month: number;
  readonly productSpecId: string | null;
  readonly channelId: string | null;
  readonly terminalId: string | null;
  readonly distributorId: string | null;
  readonly townshipId: string | null;
  readonly value: string;
}

export interface PlanWorkbenchRepository {
  /** The unit's plans in the cycles of `year` (several when a year has more than one cycle), newest cycle first. */
  findPlans(unitCode: string, year: number): Promise<WorkbenchPlanRecord[]>;
  findPlan(planId: string): Promise<WorkbenchPlanRecord | null>;
  /** The cycle's template, every section with the plan's text and links, in template order. */
  sections(planId: string, cycleId: string): Promise<PlanSectionRecord[]>;
  /** Metrics, lines, specs, channels, terminal classes, and the terminals, distributors and townships of the unit's subtree. */
  catalogue(unitPath: string): Promise<CatalogueRecord>;
  /** Every cell of the plan for these metrics (all metrics when absent), in no particular order. */
  cells(planId: string, metricIds?: readonly string[]): Promise<TargetCellRecord[]>;
  /** One page of the plan's cells by the filter, with how many match in all. */
  cellPage(planId: string, query: TargetCellQuery): Promise<{ cells: TargetCellRecord[]; totalCount: number }>;
  /** Sales actuals of the unit's whole subtree in `years`, summed per metric, year, month and coordinates. */
  actuals(unitPath: string, years: readonly number[], metricIds?: readonly string[]): Promise<ActualRecord[]>;
  /** Writes the plan's estimate method (bumps nothing: it is a view setting, not plan content). */
  setEstimateMethod(planId: string, method: EstimateMethod): Promise<void>;
}

interface PlanRow {
  id: string;
  status: PlanStatus;
  version: number | bigint;
  estimateMethod: EstimateMethod;
  submittedAt: Date | null;
  approvedAt: Date | null;
  staleSince: Date | null;
  unitId: string;
  unitCode: string;
  unitNameZh: string;
  unitNameEn: string;
  unitLevel: OrgLevel;
  unitParentId: string | null;
  unitPath: string;
  cycleId: string;
  cycleCode: string;
  cycleYear: number | bigint;
  cycleStatus: CycleStatus;
}

const PLAN_COLUMNS = Prisma.sql`
  p.id, p.status::text AS status, p.version, p."estimateMethod"::text AS "estimateMethod",
  p."submittedAt", p."approvedAt", p."staleSince",
  u.id AS "unitId", u.code AS "unitCode", u."nameZh" AS "unitNameZh", u."nameEn" AS "unitNameEn",
  u.level::text AS "unitLevel", u."parentId" AS "unitParentId", u.path AS "unitPath",
  c.id AS "cycleId", c.code AS "cycleCode", c.year AS "cycleYear", c.status::text AS "cycleStatus"`;

function planOf(row: PlanRow): WorkbenchPlanRecord {
  return {
    id: row.id,
    status: row.status,
    version: Number(row.version),
    estimateMethod: row.estimateMethod,
    submittedAt: row.submittedAt,
    approvedAt: row.approvedAt,
    staleSince: row.staleSince,
    unit: {
      id: row.unitId,
      code: row.unitCode,
      nameZh: row.unitNameZh,
      nameEn: row.unitNameEn,
      level: row.unitLevel,
      parentId: row.unitParentId,
      path: row.unitPath,
    },
    cycle: { id: row.cycleId, code: row.cycleCode, year: Number(row.cycleYear), status: row.cycleStatus },
  };
}

interface CellRow extends Omit<TargetCellRecord, "version" | "updatedBy" | "month"> {
  month: number | bigint;
  version: number | bigint;
  updatedById: string | null;
  updatedByName: string | null;
  totalCount?: number | bigint;
}

const CELL_COLUMNS = Prisma.sql`
  c.id::text AS id, c."metricId", c.month, c."productSpecId", c."channelId", c."terminalId", c."distributorId",
  c."townshipId", c."dimensionKey", c."breakdownAxis"::text AS "breakdownAxis",
  c."baseValue"::text AS "baseValue",
  c."stretchValue"::text AS "stretchValue",
  c."isHeld", c.note, c.version, c."updatedById", uu."displayName" AS "updatedByName", c."updatedAt"`;

function cellOf(row: CellRow): TargetCellRecord {
  return {
    id: row.id,
    metricId: row.metricId,
    month: Number(row.month),
    productSpecId: row.productSpecId,
    channelId: row.channelId,
    terminalId: row.terminalId,
    distributorId: row.distributorId,
    townshipId: row.townshipId,
    dimensionKey: row.dimensionKey,
    breakdownAxis: row.breakdownAxis,
    baseValue: row.baseValue,
    stretchValue: row.stretchValue,
    isHeld: row.isHeld,
    note: row.note,
    version: Number(row.version),
    updatedBy: row.updatedById === null ? null : { id: row.updatedById, displayName: row.updatedByName ?? "" },
    updatedAt: row.updatedAt,
  };
}

// Metric, then the spec's place in the catalogue, then the row's coordinates, then the month.
const CELL_ORDER = Prisma.sql`
  ORDER BY m."sortOrder", m.code, pl."sortOrder" NULLS FIRST, pl.code NULLS FIRST, ps."sortOrder" NULLS FIRST,
           ps.code NULLS FIRST, c."breakdownAxis" NULLS FIRST, c."dimensionKey", c.month, c.id`;

const CELL_JOINS = Prisma.sql`
  JOIN "Metric" m ON m.id = c."metricId"
  LEFT JOIN "ProductSpec" ps ON ps.id = c."productSpecId"
  LEFT JOIN "ProductLine" pl ON pl.id = ps."lineId"
  LEFT JOIN "User" uu ON uu.id = c."updatedById"`;

export function createPlanWorkbenchRepository(client: DbClient): PlanWorkbenchRepository {
  return {
    async findPlans(unitCode, year) {
      const rows = await client.$queryRaw<PlanRow[]>`
        SELECT ${PLAN_COLUMNS}
        FROM "Plan" p JOIN "OrgUnit" u ON u.id = p."orgUnitId" JOIN "PlanCycle" c ON c.id = p."cycleId"
        WHERE u.code = ${unitCode} AND c.year = ${year}
        ORDER BY c."createdAt" DESC, c.code`;
      return rows.map(planOf);
    },

    async findPlan(planId) {
      const rows = await client.$queryRaw<PlanRow[]>`
        SELECT ${PLAN_COLUMNS}
        FROM "Plan" p JOIN "OrgUnit" u ON u.id = p."orgUnitId" JOIN "PlanCycle" c ON c.id = p."cycleId"
        WHERE p.id = ${planId}`;
      return rows[0] ? planOf(rows[0]) : null;
    },

    async sections(planId, cycleId) {
      const [template, sections] = await Promise.all([
        client.planTemplateSection.findMany({
          where: { cycleId },
          orderBy: [{ sortOrder: "asc" }, { code: "asc" }],
          select: {
            id: true,
            code: true,
            part: true,
            titleZh: true,
            titleEn: true,
            guidanceZh: true,
            guidanceEn: true,
            required: true,
            sortOrder: true,
          },
        }),
        client.planSection.findMany({
          where: { planId },
          select: {
            id: true,
            code: true,
            body: true,
            version: true,
            updatedAt: true,
            updatedBy: { select: { id: true, displayName: true } },
            links: { select: { metricId: true, productSpecId: true }, orderBy: [{ metricId: "asc" }, { productSpecId: "asc" }] },
          },
        }),
      ]);
      const byCode = new Map(sections.map((section) => [section.code, section]));
      return template.map((entry) => {
        const section = byCode.get(entry.code);
        return {
          templateSectionId: entry.id,
          code: entry.code,
          part: entry.part,
          titleZh: entry.titleZh,
          titleEn: entry.titleEn,
          guidanceZh: entry.guidanceZh,
          guidanceEn: entry.guidanceEn,
          required: entry.required,
          sortOrder: entry.sortOrder,
          sectionId: section?.id ?? null,
          body: section?.body ?? "",
          version: section?.version ?? 0,
          updatedBy: section?.updatedBy ?? null,
          updatedAt: section?.updatedAt ?? null,
          links: section?.links ?? [],
        };
      });
    },

    async catalogue(unitPath) {
      const inSubtree = { path: { startsWith: unitPath } };
      const [metrics, productLines, productSpecs, channels, terminalClasses, terminals, distributors, townships] =
        await Promise.all([
          client.metric.findMany({
            where: { isActive: true },
            orderBy: [{ sortOrder: "asc" }, { code: "asc" }],
            select: {
              id: true,
              code: true,
              nameZh: true,
              nameEn: true,
              unit: true,
              scale: true,
              aggregation: true,
              carryOver: true,
            },
          }),
          client.productLine.findMany({
            where: { isActive: true },
            orderBy: [{ sortOrder: "asc" }, { code: "asc" }],
            select: { id: true, code: true, nameZh: true, nameEn: true },
          }),
          client.productSpec.findMany({
            where: { isActive: true, line: { isActive: true } },
            orderBy: [{ line: { sortOrder: "asc" } }, { line: { code: "asc" } }, { sortOrder: "asc" }, { code: "asc" }],
            select: { id: true, code: true, nameZh: true, nameEn: true, lineId: true, unitZh: true, unitEn: true },
          }),
          client.channel.findMany({
            where: { isActive: true },
            orderBy: [{ sortOrder: "asc" }, { code: "asc" }],
            select: { id: true, code: true, nameZh: true, nameEn: true, kind: true },
          }),
          client.terminalClass.findMany({
            orderBy: { rank: "asc" },
            select: { code: true, nameZh: true, nameEn: true, rank: true },
          }),
          client.terminal.findMany({
            where: { isActive: true, county: inSubtree },
            orderBy: [{ isCore: "desc" }, { class: { rank: "asc" } }, { code: "asc" }],
            select: {
              id: true,
              code: true,
              name: true,
              classCode: true,
              isCore: true,
              channelId: true,
              townshipId: true,
              countyId: true,
              class: { select: { rank: true } },
            },
          }),
          client.distributor.findMany({
            where: { isActive: true, county: inSubtree },
            orderBy: [{ level: "asc" }, { code: "asc" }],
            select: { id: true, code: true, name: true, level: true, parentId: true, countyId: true },
          }),
          client.township.findMany({
            where: { isActive: true, county: inSubtree },
            orderBy: { code: "asc" },
            select: { id: true, code: true, nameZh: true, nameEn: true, countyId: true },
          }),
        ]);
      return {
        metrics,
        productLines,
        productSpecs,
        channels,
        terminalClasses,
        terminals: terminals.map(({ class: terminalClass, ...terminal }) => ({ ...terminal, classRank: terminalClass.rank })),
        distributors,
        townships,
      };
    },

    async cells(planId, metricIds) {
      const metricFilter = metricIds === undefined ? Prisma.sql`TRUE` : Prisma.sql`c."metricId" = ANY(${[...metricIds]}::text[])`;
      // No order and no catalogue joins: the grid places every cell by its coordinates.
      const rows = await client.$queryRaw<CellRow[]>`
        SELECT ${CELL_COLUMNS}
        FROM "TargetCell" c LEFT JOIN "User" uu ON uu.id = c."updatedById"
        WHERE c."planId" = ${planId} AND ${metricFilter}`;
      return rows.map(cellOf);
    },

    async cellPage(planId, query) {
      const conditions: Prisma.Sql[] = [Prisma.sql`c."planId" = ${planId}`];
      if (query.metricIds !== undefined) conditions.push(Prisma.sql`c."metricId" = ANY(${[...query.metricIds]}::text[])`);
      if (query.monthFrom !== undefined) conditions.push(Prisma.sql`c.month >= ${query.monthFrom}`);
      if (query.monthTo !== undefined) conditions.push(Prisma.sql`c.month <= ${query.monthTo}`);
      if (query.productLineIds !== undefined)
        conditions.push(Prisma.sql`ps."lineId" = ANY(${[...query.productLineIds]}::text[])`);
      if (query.productSpecIds !== undefined)
        conditions.push(Prisma.sql`c."productSpecId" = ANY(${[...query.productSpecIds]}::text[])`);
      if (query.channelIds !== undefined) conditions.push(Prisma.sql`c."channelId" = ANY(${[...query.channelIds]}::text[])`);
      if (query.grains !== undefined) {
        const axes = query.grains.filter((grain) => grain !== "FIGURE");
        const figures = query.grains.includes("FIGURE");
        conditions.push(
          Prisma.sql`(${figures ? Prisma.sql`c."breakdownAxis" IS NULL` : Prisma.sql`FALSE`}
                      OR c."breakdownAxis"::text = ANY(${axes}::text[]))`,
        );
      }
      if (query.hasStretch === true) conditions.push(Prisma.sql`c."stretchValue" IS NOT NULL`);
      if (query.hasStretch === false) conditions.push(Prisma.sql`c."stretchValue" IS NULL`);
      const rows = await client.$queryRaw<CellRow[]>`
        SELECT ${CELL_COLUMNS}, count(*) OVER () AS "totalCount"
        FROM "TargetCell" c ${CELL_JOINS}
        WHERE ${Prisma.join(conditions, " AND ")}
        ${CELL_ORDER}
        OFFSET ${query.offset} LIMIT ${query.limit}`;
      let totalCount = Number(rows[0]?.totalCount ?? 0);
      if (rows.length === 0 && query.offset > 0) {
        const counted = await client.$queryRaw<{ n: number | bigint }[]>`
          SELECT count(*) AS n FROM "TargetCell" c ${CELL_JOINS} WHERE ${Prisma.join(conditions, " AND ")}`;
        totalCount = Number(counted[0]?.n ?? 0);
      }
      return { cells: rows.map(cellOf), totalCount };
    },

    async actuals(unitPath, years, metricIds) {
      const metricFilter = metricIds === undefined ? Prisma.sql`TRUE` : Prisma.sql`a."metricId" = ANY(${[...metricIds]}::text[])`;
      const rows = await client.$queryRaw<
        (Omit<ActualRecord, "year" | "month"> & { year: number | bigint; month: number | bigint })[]
      >`
        SELECT a."metricId", a.year, a.month, a."productSpecId", a."channelId", a."terminalId", a."distributorId",
               a."townshipId", sum(a.value)::text AS value
        FROM "SalesActual" a JOIN "OrgUnit" u ON u.id = a."orgUnitId"
        WHERE u.path LIKE ${likePrefix(unitPath)} AND a.year = ANY(${[...years]}::int[]) AND ${metricFilter}
        GROUP BY a."metricId", a.year, a.month, a."productSpecId", a."channelId", a."terminalId", a."distributorId", a."townshipId"`;
      return rows.map((row) => ({ ...row, year: Number(row.year), month: Number(row.month) }));
    },

    async setEstimateMethod(planId, method) {
      await client.plan.update({ where: { id: planId }, data: { estimateMethod: method }, select: { id: true } });
    },
  };
}
