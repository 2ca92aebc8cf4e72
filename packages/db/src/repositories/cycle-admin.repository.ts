// Cycle administration (HQ): a cycle's row, settings, deadlines and template sections, the
// DRAFT plans a new cycle gets for every active unit, guidance figures (指导目标), and the
// cycle's progress across the pyramid. Plain records; the cycles service checks the rules
// (@pyramid/domain cycle-admin.ts) and writes through these inside one transaction.
import { randomUUID } from "node:crypto";
import type { OrgLevel, PlanStatus, SectionPart } from "@pyramid/domain";
import type { CycleStatus } from "../../generated/client/index.js";
import type { DbClient } from "./db-client.js";

export interface CycleAdminRecord {
  readonly id: string;
  readonly code: string;
  readonly year: number;
  readonly status: CycleStatus;
  readonly opensOn: Date;
  readonly closesOn: Date;
}

export interface CycleSettingsValues {
  readonly growthBandMin: string;
  readonly growthBandMax: string;
  readonly implausibleFactor: string;
  readonly minTerminalRank: number;
  readonly checkConfig: Record<string, unknown>;
}

export interface CycleTemplateSection {
  readonly id: string;
  readonly code: string;
  readonly part: SectionPart;
  readonly titleZh: string;
  readonly titleEn: string;
  readonly guidanceZh: string | null;
  readonly guidanceEn: string | null;
  readonly required: boolean;
  readonly sortOrder: number;
}

export type CycleTemplateSectionFields = Omit<CycleTemplateSection, "id" | "sortOrder">;

export interface NewCycle {
  readonly code: string;
  readonly year: number;
  readonly nameZh: string;
  readonly nameEn: string;
  readonly opensOn: Date;
  readonly closesOn: Date;
  readonly settings: CycleSettingsValues;
  readonly createdById: string | null;
  /** In template order (sortOrder from 1). */
  readonly sections: readonly CycleTemplateSectionFields[];
  readonly deadlines: readonly { readonly level: OrgLevel; readonly dueOn: Date }[];
}

export interface CyclePatch {
  readonly nameZh?: string;
  readonly nameEn?: string;
  readonly opensOn?: Date;
  readonly closesOn?: Date;
  readonly settings?: CycleSettingsValues;
}

export interface GuidanceRecord {
  readonly orgUnitId: string;
  readonly metricId: string;
  /** Decimal text, two places. */
  readonly value: string;
  readonly upliftNote: string | null;
}

export interface CycleProgressRecord {
  readonly level: OrgLevel;
  readonly status: PlanStatus;
  readonly plans: number;
  readonly stale: number;
}

export interface CycleAdminRepository {
  /** The cycle's row, locked (SELECT … FOR UPDATE) until the transaction ends; null when there is none. */
  lockCycle(cycleId: string): Promise<CycleAdminRecord | null>;
  findByCode(code: string): Promise<{ id: string } | null>;
  /** The newest cycle before `year` (the template to copy), or null. */
  previousCycle(year: number): Promise<{ id: string } | null>;
  create(cycle: NewCycle): Promise<string>;
  /** A DRAFT plan for every active unit; returns how many. */
  createDraftPlans(cycleId: string): Promise<number>;
  update(cycleId: string, patch: CyclePatch): Promise<void>;
  setStatus(cycleId: string, status: CycleStatus): Promise<void>;
  replaceDeadlines(cycleId: string, deadlines: readonly { readonly level: OrgLevel; readonly dueOn: Date }[]): Promise<void>;
  sections(cycleId: string): Promise<CycleTemplateSection[]>;
  createSection(cycleId: string, section: CycleTemplateSectionFields, sortOrder: number): Promise<void>;
  updateSection(cycleId: string, code: string, section: CycleTemplateSectionFields): Promise<void>;
  deleteSection(cycleId: string, code: string): Promise<void>;
  /** sortOrder = position + 1 for each code, in the order given. */
  setSectionOrder(cycleId: string, codes: readonly string[]): Promise<void>;
  /** Per section code: how many of the cycle's plans hold text (or method links) in it. */
  plansWithText(cycleId: string): Promise<Map<string, number>>;
  /** Plans per org level and status (stale ones counted too). */
  progress(cycleId: string): Promise<CycleProgressRecord[]>;
  /** The guidance of these units in the cycle (every metric, or one). */
  guidance(cycleId: string, unitIds: readonly string[], metricId?: string): Promise<GuidanceRecord[]>;
  /** Writes a unit's guidance for a metric; returns what was there before (null: nothing). */
  upsertGuidance(
    cycleId: string,
    unitId: string,
    metricId: string,
    value: string,
    upliftNote: string | null,
  ): Promise<GuidanceRecord | null>;
}

const sectionSelect = {
  id: true,
  code: true,
  part: true,
  titleZh: true,
  titleEn: true,
  guidanceZh: true,
  guidanceEn: true,
  required: true,
  sortOrder: true,
} as const;

export function createCycleAdminRepository(client: DbClient): CycleAdminRepository {
  return {
    async lockCycle(cycleId) {
      const rows = await client.$queryRaw<CycleAdminRecord[]>`
        SELECT id, code, year, status::text AS status, "opensOn", "closesOn"
        FROM "PlanCycle" WHERE id = ${cycleId} FOR UPDATE`;
      const row = rows[0];
      return row === undefined ? null : { ...row, year: Number(row.year) };
    },

    findByCode: (code) => client.planCycle.findUnique({ where: { code }, select: { id: true } }),

    previousCycle: (year) =>
      client.planCycle.findFirst({
        where: { year: { lt: year } },
        orderBy: [{ year: "desc" }, { createdAt: "desc" }],
        select: { id: true },
      }),

    async create(cycle) {
      const created = await client.planCycle.create({
        data: {
          code: cycle.code,
          year: cycle.year,
          nameZh: cycle.nameZh,
          nameEn: cycle.nameEn,
          status: "PREPARING",
          opensOn: cycle.opensOn,
          closesOn: cycle.closesOn,
          growthBandMin: cycle.settings.growthBandMin,
          growthBandMax: cycle.settings.growthBandMax,
          implausibleFactor: cycle.settings.implausibleFactor,
          minTerminalRank: cycle.settings.minTerminalRank,
          checkConfig: cycle.settings.checkConfig as object,
          createdById: cycle.createdById,
          sections: { create: cycle.sections.map((section, index) => ({ ...section, sortOrder: index + 1 })) },
          deadlines: { create: cycle.deadlines.map(({ level, dueOn }) => ({ level, dueOn })) },
        },
        select: { id: true },
      });
      return created.id;
    },

    async createDraftPlans(cycleId) {
      const units = await client.orgUnit.findMany({ where: { isActive: true }, select: { id: true } });
      if (units.length === 0) return 0;
      const result = await client.plan.createMany({
        data: units.map((unit) => ({ id: randomUUID(), cycleId, orgUnitId: unit.id, status: "DRAFT" as const })),
      });
      return result.count;
    },

    async update(cycleId, patch) {
      await client.planCycle.update({
        where: { id: cycleId },
        data: {
          ...(patch.nameZh === undefined ? {} : { nameZh: patch.nameZh }),
          ...(patch.nameEn === undefined ? {} : { nameEn: patch.nameEn }),
          ...(patch.opensOn === undefined ? {} : { opensOn: patch.opensOn }),
          ...(patch.closesOn === undefined ? {} : { closesOn: patch.closesOn }),
          ...(patch.settings === undefined
            ? {}
            : {
                growthBandMin: patch.settings.growthBandMin,
                growthBandMax: patch.settings.growthBandMax,
                implausibleFactor: patch.settings.implausibleFactor,
                minTerminalRank: patch.settings.minTerminalRank,
                checkConfig: patch.settings.checkConfig as object,
              }),
        },
        select: { id: true },
      });
    },

    async setStatus(cycleId, status) {
      await client.planCycle.update({ where: { id: cycleId }, data: { status }, select: { id: true } });
    },

    async replaceDeadlines(cycleId, deadlines) {
      await client.cycleDeadline.deleteMany({ where: { cycleId } });
      if (deadlines.length > 0) {
        await client.cycleDeadline.createMany({ data: deadlines.map(({ level, dueOn }) => ({ cycleId, level, dueOn })) });
      }
    },

    sections: (cycleId) =>
      client.planTemplateSection.findMany({
        where: { cycleId },
        orderBy: [{ sortOrder: "asc" }, { code: "asc" }],
        select: sectionSelect,
      }),

    async createSection(cycleId, section, sortOrder) {
      await client.planTemplateSection.create({ data: { cycleId, ...section, sortOrder }, select: { id: true } });
    },

    async updateSection(cycleId, code, section) {
      await client.planTemplateSection.update({
        where: { cycleId_code: { cycleId, code } },
        data: {
          part: section.part,
          titleZh: section.titleZh,
          titleEn: section.titleEn,
          guidanceZh: section.guidanceZh,
          guidanceEn: section.guidanceEn,
          required: section.required,
        },
        select: { id: true },
      });
    },

    async deleteSection(cycleId, code) {
      // The plans' empty rows of the section go with it (a section with text is never removed).
      await client.planSection.deleteMany({ where: { code, plan: { cycleId } } });
      await client.planTemplateSection.delete({ where: { cycleId_code: { cycleId, code } }, select: { id: true } });
    },

    async setSectionOrder(cycleId, codes) {
      if (codes.length === 0) return;
      await client.$executeRaw`
        UPDATE "PlanTemplateSection" s SET "sortOrder" = o.position::int
        FROM unnest(${[...codes]}::text[]) WITH ORDINALITY AS o(code, position)
        WHERE s."cycleId" = ${cycleId} AND s.code = o.code`;
    },

    async plansWithText(cycleId) {
      const rows = await client.$queryRaw<{ code: string; plans: number | bigint }[]>`
        SELECT s.code, count(*)::int AS plans
        FROM "PlanSection" s JOIN "Plan" p ON p.id = s."planId"
        WHERE p."cycleId" = ${cycleId}
          AND (btrim(s.body) <> '' OR EXISTS (SELECT 1 FROM "PlanSectionLink" l WHERE l."sectionId" = s.id))
        GROUP BY s.code`;
      return new Map(rows.map((row) => [row.code, Number(row.plans)]));
    },

    async progress(cycleId) {
      const rows = await client.$queryRaw<
        { level: OrgLevel; status: PlanStatus; plans: number | bigint; stale: number | bigint }[]
      >`
        SELECT u.level::text AS level, p.status::text AS status, count(*)::int AS plans,
               count(p."staleSince")::int AS stale
        FROM "Plan" p JOIN "OrgUnit" u ON u.id = p."orgUnitId"
        WHERE p."cycleId" = ${cycleId}
        GROUP BY u.level, p.status
        ORDER BY u.level, p.status`;
      return rows.map((row) => ({ ...row, plans: Number(row.plans), stale: Number(row.stale) }));
    },

    async guidance(cycleId, unitIds, metricId) {
      if (unitIds.length === 0) return [];
      const rows = await client.guidanceTarget.findMany({
        where: { cycleId, orgUnitId: { in: [...unitIds] }, ...(metricId === undefined ? {} : { metricId }) },
        select: { orgUnitId: true, metricId: true, value: true, upliftNote: true },
      });
      return rows.map((row) => ({ ...row, value: row.value.toFixed(2) }));
    },

    async upsertGuidance(cycleId, unitId, metricId, value, upliftNote) {
      const before = await client.guidanceTarget.findUnique({
        where: { cycleId_orgUnitId_metricId: { cycleId, orgUnitId: unitId, metricId } },
        select: { orgUnitId: true, metricId: true, value: true, upliftNote: true },
      });
      await client.guidanceTarget.upsert({
        where: { cycleId_orgUnitId_metricId: { cycleId, orgUnitId: unitId, metricId } },
        create: { cycleId, orgUnitId: unitId, metricId, value, upliftNote },
        update: { value, upliftNote },
        select: { id: true },
      });
      return before === null ? null : { ...before, value: before.value.toFixed(2) };
    },
  };
}
