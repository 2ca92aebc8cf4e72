// 市场信息档案: market-information records and the evidence links from plan sections
// (PlanSectionEvidence). Plain records; the market-info module decides (with
// @pyramid/domain market-info.ts), checks access and audits.
import type { AuditStatus, InfoPeriodType, InfoSource, MarketInfoType, OrgLevel } from "@pyramid/domain";
import type { Prisma } from "../../generated/client/index.js";
import type { CommentPerson } from "./comments.repository.js";
import type { DbClient } from "./db-client.js";

export interface MarketInfoUnit {
  readonly id: string;
  readonly code: string;
  readonly nameZh: string;
  readonly nameEn: string;
  readonly level: OrgLevel;
  readonly path: string;
}

export interface MarketInfoSpecRef {
  readonly id: string;
  readonly code: string;
  readonly nameZh: string;
  readonly nameEn: string;
}

export interface MarketInfoTerminalRef {
  readonly id: string;
  readonly code: string;
  readonly name: string;
  readonly classCode: string;
  readonly isCore: boolean;
  /** The owning county's path (a record's terminal lies in the record's unit's subtree). */
  readonly countyPath: string;
}

export interface MarketInfoRow {
  readonly id: string;
  readonly type: MarketInfoType;
  readonly periodType: InfoPeriodType;
  readonly year: number;
  readonly periodIndex: number | null;
  readonly holidayName: string | null;
  readonly unit: MarketInfoUnit;
  readonly source: InfoSource;
  readonly reporter: CommentPerson | null;
  readonly auditStatus: AuditStatus;
  readonly auditedBy: CommentPerson | null;
  readonly auditedAt: Date | null;
  readonly auditReason: string | null;
  readonly title: string;
  readonly payload: Record<string, unknown>;
  readonly productSpec: MarketInfoSpecRef | null;
  readonly terminal: Omit<MarketInfoTerminalRef, "countyPath"> | null;
  readonly competitorName: string | null;
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

export interface MarketInfoFields {
  readonly type: MarketInfoType;
  readonly periodType: InfoPeriodType;
  readonly year: number;
  readonly periodIndex: number | null;
  readonly holidayName: string | null;
  readonly source: InfoSource;
  readonly title: string;
  readonly payload: Record<string, unknown>;
  readonly productSpecId: string | null;
  readonly terminalId: string | null;
  readonly competitorName: string | null;
}

export interface NewMarketInfo extends MarketInfoFields {
  readonly orgUnitId: string;
  readonly reporterId: string;
}

export interface MarketInfoListQuery {
  /** Records of units in this subtree (a materialised path)… */
  readonly subtreePath: string;
  /** …and, when given, records filed at exactly these units (the subtree root's ancestors). */
  readonly alsoUnitPaths?: readonly string[];
  readonly type?: MarketInfoType | null;
  readonly year?: number | null;
  readonly periodType?: InfoPeriodType | null;
  readonly periodIndex?: number | null;
  readonly auditStatus?: AuditStatus | null;
  readonly productSpecCode?: string | null;
  readonly terminalCode?: string | null;
  /** Case-insensitive part of the competitor's name. */
  readonly competitor?: string | null;
  /** Case-insensitive part of the title, the competitor's name or the holiday. */
  readonly text?: string | null;
  readonly skip: number;
  readonly take: number;
}

export interface EvidenceRow {
  readonly sectionId: string;
  readonly record: MarketInfoRow;
  readonly attachedBy: CommentPerson | null;
  readonly attachedAt: Date;
}

export interface MarketInfoRepository {
  findById(recordId: string): Promise<MarketInfoRow | null>;
  /** The record locked FOR UPDATE until the transaction ends. */
  lockById(recordId: string): Promise<MarketInfoRow | null>;
  create(record: NewMarketInfo): Promise<MarketInfoRow>;
  /** The reporter's edit: every field, and the audit back to PENDING (its reason cleared). */
  update(recordId: string, fields: MarketInfoFields): Promise<MarketInfoRow>;
  audit(
    recordId: string,
    change: { status: AuditStatus; reason: string | null; auditedById: string; at: Date },
  ): Promise<MarketInfoRow>;
  /** Newest period first (year, then created), with the count of all that match. */
  list(query: MarketInfoListQuery): Promise<{ totalCount: number; nodes: MarketInfoRow[] }>;
  findUnitByCode(code: string): Promise<MarketInfoUnit | null>;
  /** The units whose paths are given (ancestors of a unit), top first. */
  unitsByPaths(paths: readonly string[]): Promise<MarketInfoUnit[]>;
  findSpec(specId: string): Promise<MarketInfoSpecRef | null>;
  findTerminal(terminalId: string): Promise<MarketInfoTerminalRef | null>;
  /** Active specs in catalogue order. */
  activeSpecs(): Promise<MarketInfoSpecRef[]>;
  /** Active terminals of counties in the subtree: core first, then class and code; at most `take`. */
  terminalsIn(subtreePath: string, take: number): Promise<MarketInfoTerminalRef[]>;
  /** The evidence of these sections, oldest attachment first. */
  evidenceOf(sectionIds: readonly string[]): Promise<EvidenceRow[]>;
  /** Links the record to the section; false when it already was (nothing written). */
  attach(sectionId: string, recordId: string, actorId: string): Promise<boolean>;
  /** Unlinks it; false when it was not linked. */
  detach(sectionId: string, recordId: string): Promise<boolean>;
}

const person = { select: { id: true, login: true, displayName: true } } as const;
const unitSelect = { select: { id: true, code: true, nameZh: true, nameEn: true, level: true, path: true } } as const;
const recordSelect = {
  id: true,
  type: true,
  periodType: true,
  year: true,
  periodIndex: true,
  holidayName: true,
  source: true,
  auditStatus: true,
  auditedAt: true,
  auditReason: true,
  title: true,
  payload: true,
  competitorName: true,
  createdAt: true,
  updatedAt: true,
  orgUnit: unitSelect,
  reporter: person,
  auditedBy: person,
  productSpec: { select: { id: true, code: true, nameZh: true, nameEn: true } },
  terminal: { select: { id: true, code: true, name: true, classCode: true, isCore: true } },
} as const;

type RecordRow = Prisma.MarketInfoRecordGetPayload<{ select: typeof recordSelect }>;

const toRow = ({ orgUnit, payload, ...row }: RecordRow): MarketInfoRow => ({
  ...row,
  unit: orgUnit,
  payload: payload !== null && typeof payload === "object" && !Array.isArray(payload) ? (payload as Record<string, unknown>) : {},
});

const fieldsData = (fields: MarketInfoFields) => ({
  type: fields.type,
  periodType: fields.periodType,
  year: fields.year,
  periodIndex: fields.periodIndex,
  holidayName: fields.holidayName,
  source: fields.source,
  title: fields.title,
  payload: fields.payload as Prisma.InputJsonObject,
  productSpecId: fields.productSpecId,
  terminalId: fields.terminalId,
  competitorName: fields.competitorName,
});

export function createMarketInfoRepository(client: DbClient): MarketInfoRepository {
  const findById = async (recordId: string) => {
    const row = await client.marketInfoRecord.findUnique({ where: { id: recordId }, select: recordSelect });
    return row === null ? null : toRow(row);
  };
  return {
    findById,

    async lockById(recordId) {
      const locked = await client.$queryRaw<
        { id: string }[]
      >`SELECT id FROM "MarketInfoRecord" WHERE id = ${recordId} FOR UPDATE`;
      return locked.length === 0 ? null : findById(recordId);
    },

    async create(record) {
      const row = await client.marketInfoRecord.create({
        data: { ...fieldsData(record), orgUnitId: record.orgUnitId, reporterId: record.reporterId, auditStatus: "PENDING" },
        select: recordSelect,
      });
      return toRow(row);
    },

    async update(recordId, fields) {
      const row = await client.marketInfoRecord.update({
        where: { id: recordId },
        data: { ...fieldsData(fields), auditStatus: "PENDING", auditReason: null, auditedById: null, auditedAt: null },
        select: recordSelect,
      });
      return toRow(row);
    },

    async audit(recordId, { status, reason, auditedById, at }) {
      const row = await client.marketInfoRecord.update({
        where: { id: recordId },
        data: { auditStatus: status, auditReason: reason, auditedById, auditedAt: at },
        select: recordSelect,
      });
      return toRow(row);
    },

    async list(query) {
      const text = query.text?.trim() ?? "";
      const competitor = query.competitor?.trim() ?? "";
      const where: Prisma.MarketInfoRecordWhereInput = {
        orgUnit:
          query.alsoUnitPaths && query.alsoUnitPaths.length > 0
            ? { OR: [{ path: { startsWith: query.subtreePath } }, { path: { in: [...query.alsoUnitPaths] } }] }
            : { path: { startsWith: query.subtreePath } },
        ...(query.type ? { type: query.type } : {}),
        ...(query.year != null ? { year: query.year } : {}),
        ...(query.periodType ? { periodType: query.periodType } : {}),
        ...(query.periodIndex != null ? { periodIndex: query.periodIndex } : {}),
        ...(query.auditStatus ? { auditStatus: query.auditStatus } : {}),
        ...(query.productSpecCode ? { productSpec: { code: query.productSpecCode } } : {}),
        ...(query.terminalCode ? { terminal: { code: query.terminalCode } } : {}),
        ...(competitor === "" ? {} : { competitorName: { contains: competitor, mode: "insensitive" as const } }),
        ...(text === ""
          ? {}
          : {
              OR: [
                { title: { contains: text, mode: "insensitive" as const } },
                { competitorName: { contains: text, mode: "insensitive" as const } },
                { holidayName: { contains: text, mode: "insensitive" as const } },
              ],
            }),
      };
      const [totalCount, rows] = await Promise.all([
        client.marketInfoRecord.count({ where }),
        client.marketInfoRecord.findMany({
          where,
          orderBy: [{ year: "desc" }, { createdAt: "desc" }, { id: "desc" }],
          skip: query.skip,
          take: query.take,
          select: recordSelect,
        }),
      ]);
      return { totalCount, nodes: rows.map(toRow) };
    },

    findUnitByCode: (code) => client.orgUnit.findUnique({ where: { code }, ...unitSelect }),

    async unitsByPaths(paths) {
      if (paths.length === 0) return [];
      const rows = await client.orgUnit.findMany({ where: { path: { in: [...paths] } }, ...unitSelect });
      return rows.sort((a, b) => a.path.length - b.path.length);
    },

    findSpec: (specId) =>
      client.productSpec.findUnique({ where: { id: specId }, select: { id: true, code: true, nameZh: true, nameEn: true } }),

    async findTerminal(terminalId) {
      const row = await client.terminal.findUnique({
        where: { id: terminalId },
        select: { id: true, code: true, name: true, classCode: true, isCore: true, county: { select: { path: true } } },
      });
      if (row === null) return null;
      const { county, ...terminal } = row;
      return { ...terminal, countyPath: county.path };
    },

    activeSpecs: () =>
      client.productSpec.findMany({
        where: { isActive: true },
        orderBy: [{ line: { sortOrder: "asc" } }, { sortOrder: "asc" }, { code: "asc" }],
        select: { id: true, code: true, nameZh: true, nameEn: true },
      }),

    async terminalsIn(subtreePath, take) {
      const rows = await client.terminal.findMany({
        where: { isActive: true, county: { path: { startsWith: subtreePath } } },
        orderBy: [{ isCore: "desc" }, { class: { rank: "asc" } }, { code: "asc" }],
        take,
        select: { id: true, code: true, name: true, classCode: true, isCore: true, county: { select: { path: true } } },
      });
      return rows.map(({ county, ...terminal }) => ({ ...terminal, countyPath: county.path }));
    },

    async evidenceOf(sectionIds) {
      if (sectionIds.length === 0) return [];
      const rows = await client.planSectionEvidence.findMany({
        where: { sectionId: { in: [...sectionIds] } },
        orderBy: [{ attachedAt: "asc" }, { id: "asc" }],
        select: { sectionId: true, attachedAt: true, attachedBy: person, record: { select: recordSelect } },
      });
      return rows.map(({ record, ...row }) => ({ ...row, record: toRow(record) }));
    },

    async attach(sectionId, recordId, actorId) {
      const rows = await client.$queryRaw<{ id: string }[]>`
        INSERT INTO "PlanSectionEvidence" ("id", "sectionId", "recordId", "attachedById", "attachedAt")
        VALUES (gen_random_uuid()::text, ${sectionId}, ${recordId}, ${actorId}, now() AT TIME ZONE 'UTC')
        ON CONFLICT ("sectionId", "recordId") DO NOTHING
        RETURNING "id"`;
      return rows.length > 0;
    },

    async detach(sectionId, recordId) {
      const { count } = await client.planSectionEvidence.deleteMany({ where: { sectionId, recordId } });
      return count > 0;
    },
  };
}
