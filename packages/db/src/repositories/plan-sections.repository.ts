// The sections of a plan's document (PlanSection) and the targets a method section
// argues for (PlanSectionLink). Writes run on a transaction's repositories: lock the plan
// shared (lockPlanShared: section and cell saves run side by side, a workflow transition
// waits for them), lock the section (lockSection), compare versions, write, audit.
import type { PlanStatus } from "@pyramid/domain";
import type { CellEditor } from "../summary/save-target-cells.js";
import type { DbClient } from "./db-client.js";

/** A plan as an edit needs it, locked FOR SHARE until the transaction ends. */
export interface PlanForEdit {
  readonly planId: string;
  readonly cycleId: string;
  readonly orgUnitId: string;
  readonly unitPath: string;
  readonly status: PlanStatus;
}

export interface TemplateSectionRecord {
  readonly id: string;
  readonly code: string;
  readonly part: "ENVIRONMENT" | "GOALS" | "METHODS";
}

export interface SectionLinkRecord {
  readonly metricId: string;
  readonly productSpecId: string | null;
}

export interface PlanSectionRecord {
  readonly id: string;
  readonly planId: string;
  readonly code: string;
  readonly body: string;
  readonly version: number;
  readonly updatedAt: Date;
  readonly updatedBy: CellEditor | null;
  /** By metric, then spec (a metric's link without a spec first). */
  readonly links: readonly SectionLinkRecord[];
}

export interface NewPlanSection {
  readonly planId: string;
  readonly templateSectionId: string;
  readonly code: string;
  readonly body: string;
  readonly actorId: string | null;
}

export interface PlanSectionRepository {
  /** The plan and its unit's path, in one read (no lock): what an access check needs. */
  findPlanForEdit(planId: string): Promise<PlanForEdit | null>;
  /** The plan and its unit's path, locked FOR SHARE; null when there is no such plan. */
  lockPlanShared(planId: string): Promise<PlanForEdit | null>;
  /** The cycle's template section with this code, or null. */
  findTemplateSection(cycleId: string, code: string): Promise<TemplateSectionRecord | null>;
  /** The plan's section with this code, locked FOR UPDATE until the transaction ends; null when never saved. */
  lockSection(planId: string, code: string): Promise<PlanSectionRecord | null>;
  /** The section as committed now (no lock): what a conflict shows. */
  findSection(planId: string, code: string): Promise<PlanSectionRecord | null>;
  /** Creates the section at version 1; null when another writer created it first (nothing written). */
  create(section: NewPlanSection): Promise<PlanSectionRecord | null>;
  /** Sets the body (when given) and bumps the version by one; returns the section as it now is. */
  update(sectionId: string, change: { readonly body?: string; readonly actorId: string | null }): Promise<PlanSectionRecord>;
  /** Replaces the section's links with these. */
  replaceLinks(sectionId: string, links: readonly SectionLinkRecord[]): Promise<void>;
  /** Which of these metric and product-spec ids exist. */
  existingTargets(
    metricIds: readonly string[],
    productSpecIds: readonly string[],
  ): Promise<{ metricIds: Set<string>; productSpecIds: Set<string> }>;
}

interface SectionRow {
  id: string;
  planId: string;
  code: string;
  body: string;
  version: number | bigint;
  updatedAt: Date;
  editorId: string | null;
  editorLogin: string | null;
  editorName: string | null;
}

const SECTION_COLUMNS = `s."id", s."planId", s."code", s."body", s."version", s."updatedAt",
       u."id" AS "editorId", u."login" AS "editorLogin", u."displayName" AS "editorName"`;

export function createPlanSectionRepository(client: DbClient): PlanSectionRepository {
  async function withLinks(row: SectionRow | undefined): Promise<PlanSectionRecord | null> {
    if (row === undefined) return null;
    const links = await client.planSectionLink.findMany({
      where: { sectionId: row.id },
      select: { metricId: true, productSpecId: true },
      orderBy: [{ metricId: "asc" }, { productSpecId: { sort: "asc", nulls: "first" } }],
    });
    return {
      id: row.id,
      planId: row.planId,
      code: row.code,
      body: row.body,
      version: Number(row.version),
      updatedAt: row.updatedAt,
      updatedBy:
        row.editorId === null ? null : { id: row.editorId, login: row.editorLogin ?? "", displayName: row.editorName ?? "" },
      links,
    };
  }

  const readSection = async (planId: string, code: string, lock: boolean) => {
    // FOR UPDATE OF s: the user row is only read.
    const rows = await client.$queryRawUnsafe<SectionRow[]>(
      `SELECT ${SECTION_COLUMNS}
       FROM "PlanSection" s LEFT JOIN "User" u ON u."id" = s."updatedById"
       WHERE s."planId" = $1 AND s."code" = $2${lock ? " FOR UPDATE OF s" : ""}`,
      planId,
      code,
    );
    return withLinks(rows[0]);
  };

  const readById = async (sectionId: string) => {
    const rows = await client.$queryRawUnsafe<SectionRow[]>(
      `SELECT ${SECTION_COLUMNS}
       FROM "PlanSection" s LEFT JOIN "User" u ON u."id" = s."updatedById"
       WHERE s."id" = $1`,
      sectionId,
    );
    const section = await withLinks(rows[0]);
    if (section === null) throw new Error(`PlanSection ${sectionId} vanished inside its transaction`);
    return section;
  };

  const readPlan = async (planId: string, lock: boolean) => {
    const rows = await client.$queryRawUnsafe<PlanForEdit[]>(
      `SELECT p."id" AS "planId", p."cycleId", p."orgUnitId", u."path" AS "unitPath", p."status"::text AS status
       FROM "Plan" p JOIN "OrgUnit" u ON u."id" = p."orgUnitId"
       WHERE p."id" = $1${lock ? " FOR SHARE OF p" : ""}`,
      planId,
    );
    return rows[0] ?? null;
  };

  return {
    findPlanForEdit: (planId) => readPlan(planId, false),
    lockPlanShared: (planId) => readPlan(planId, true),

    findTemplateSection: (cycleId, code) =>
      client.planTemplateSection.findUnique({
        where: { cycleId_code: { cycleId, code } },
        select: { id: true, code: true, part: true },
      }),

    lockSection: (planId, code) => readSection(planId, code, true),
    findSection: (planId, code) => readSection(planId, code, false),

    async create({ planId, templateSectionId, code, body, actorId }) {
      const rows = await client.$queryRaw<{ id: string }[]>`
        INSERT INTO "PlanSection" ("id", "planId", "templateSectionId", "code", "body", "version", "updatedById", "updatedAt")
        VALUES (gen_random_uuid()::text, ${planId}, ${templateSectionId}, ${code}, ${body}, 1, ${actorId}, now() AT TIME ZONE 'UTC')
        ON CONFLICT ("planId", "code") DO NOTHING
        RETURNING "id"`;
      const id = rows[0]?.id;
      return id === undefined ? null : readById(id);
    },

    async update(sectionId, { body, actorId }) {
      await client.planSection.update({
        where: { id: sectionId },
        data: { ...(body === undefined ? {} : { body }), version: { increment: 1 }, updatedById: actorId },
        select: { id: true },
      });
      return readById(sectionId);
    },

    async replaceLinks(sectionId, links) {
      await client.planSectionLink.deleteMany({ where: { sectionId } });
      if (links.length > 0) {
        await client.planSectionLink.createMany({
          data: links.map((link) => ({ sectionId, metricId: link.metricId, productSpecId: link.productSpecId })),
        });
      }
    },

    async existingTargets(metricIds, productSpecIds) {
      // One after the other: a transaction's client runs one statement at a time anyway.
      const metrics =
        metricIds.length === 0
          ? []
          : await client.metric.findMany({ where: { id: { in: [...metricIds] } }, select: { id: true } });
      const specs =
        productSpecIds.length === 0
          ? []
          : await client.productSpec.findMany({ where: { id: { in: [...productSpecIds] } }, select: { id: true } });
      return { metricIds: new Set(metrics.map((row) => row.id)), productSpecIds: new Set(specs.map((row) => row.id)) };
    },
  };
}
