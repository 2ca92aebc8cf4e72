// Objections (异议) and the one write they cause besides themselves: the raising unit's
// guidance (GuidanceTarget) for the metric, when an objection is accepted. Plain records;
// the objections module decides (with @pyramid/domain objections.ts) and audits.
import type { ObjectionStatus, OrgLevel } from "@pyramid/domain";
import type { Prisma } from "../../generated/client/index.js";
import type { CommentPerson } from "./comments.repository.js";
import type { DbClient } from "./db-client.js";

export interface ObjectionUnit {
  readonly id: string;
  readonly code: string;
  readonly nameZh: string;
  readonly nameEn: string;
  readonly level: OrgLevel;
  readonly path: string;
}

export interface ObjectionRecord {
  readonly id: string;
  readonly planId: string;
  readonly cycleId: string;
  /** The raising unit (the plan's). */
  readonly unit: ObjectionUnit;
  readonly metricId: string | null;
  readonly month: number | null;
  readonly dimensionKey: string | null;
  readonly reason: string;
  readonly evidence: string | null;
  /** Decimal text at two places, or null. */
  readonly proposedValue: string | null;
  readonly status: ObjectionStatus;
  readonly raisedBy: CommentPerson | null;
  readonly createdAt: Date;
  readonly response: string | null;
  readonly answeredBy: CommentPerson | null;
  readonly answeredAt: Date | null;
  readonly escalations: number;
  readonly escalationReason: string | null;
  readonly escalatedAt: Date | null;
}

export interface NewObjection {
  readonly planId: string;
  readonly metricId: string;
  readonly month: number | null;
  readonly dimensionKey: string | null;
  readonly raisedById: string;
  readonly reason: string;
  readonly evidence: string | null;
  readonly proposedValue: string | null;
}

export type ObjectionChange =
  | {
      readonly kind: "ANSWER";
      readonly status: ObjectionStatus;
      readonly response: string | null;
      readonly answeredById: string;
      readonly at: Date;
    }
  | { readonly kind: "ESCALATE"; readonly reason: string | null; readonly at: Date }
  | { readonly kind: "WITHDRAW" };

export interface ObjectionListQuery {
  /** The objections of this plan; with `subtreePath`, of every plan of the cycle whose unit is in that subtree. */
  readonly planId: string;
  readonly cycleId: string;
  readonly subtreePath?: string | null;
  readonly statuses?: readonly ObjectionStatus[] | null;
}

export interface ObjectionMetricRef {
  readonly id: string;
  readonly code: string;
  readonly scale: number;
}

export interface ObjectionRepository {
  findById(objectionId: string): Promise<ObjectionRecord | null>;
  /** The objection locked FOR UPDATE until the transaction ends. */
  lockById(objectionId: string): Promise<ObjectionRecord | null>;
  create(objection: NewObjection): Promise<ObjectionRecord>;
  update(objectionId: string, change: ObjectionChange): Promise<ObjectionRecord>;
  /** Newest first. */
  list(query: ObjectionListQuery): Promise<ObjectionRecord[]>;
  /**
   * Objections in open cycles waiting for an answer at one of these units: OPEN ones raised
   * by their direct children, ESCALATED ones raised by their grandchildren. Oldest first.
   */
  awaitingAnswerAt(unitIds: readonly string[]): Promise<ObjectionRecord[]>;
  findMetric(metricId: string): Promise<ObjectionMetricRef | null>;
  /** The unit's guidance (指导目标) for the metric in the cycle, decimal text, or null. */
  findGuidance(cycleId: string, orgUnitId: string, metricId: string): Promise<string | null>;
  /** Sets the unit's guidance for the metric (creates it when there is none); the value is decimal text. */
  upsertGuidance(cycleId: string, orgUnitId: string, metricId: string, value: string): Promise<void>;
}

const person = { select: { id: true, login: true, displayName: true } } as const;
const objectionSelect = {
  id: true,
  planId: true,
  metricId: true,
  month: true,
  dimensionKey: true,
  reason: true,
  evidence: true,
  proposedValue: true,
  status: true,
  createdAt: true,
  response: true,
  answeredAt: true,
  escalations: true,
  escalationReason: true,
  escalatedAt: true,
  raisedBy: person,
  answeredBy: person,
  plan: {
    select: {
      cycleId: true,
      orgUnit: { select: { id: true, code: true, nameZh: true, nameEn: true, level: true, path: true } },
    },
  },
} as const;

type ObjectionRow = Prisma.ObjectionGetPayload<{ select: typeof objectionSelect }>;

const record = ({ plan, proposedValue, ...row }: ObjectionRow): ObjectionRecord => ({
  ...row,
  cycleId: plan.cycleId,
  unit: plan.orgUnit,
  proposedValue: proposedValue === null ? null : proposedValue.toFixed(2),
});

export function createObjectionRepository(client: DbClient): ObjectionRepository {
  const findById = async (objectionId: string) => {
    const row = await client.objection.findUnique({ where: { id: objectionId }, select: objectionSelect });
    return row === null ? null : record(row);
  };
  const newestFirst = [{ createdAt: "desc" as const }, { id: "desc" as const }];
  return {
    findById,

    async lockById(objectionId) {
      const locked = await client.$queryRaw<{ id: string }[]>`SELECT id FROM "Objection" WHERE id = ${objectionId} FOR UPDATE`;
      return locked.length === 0 ? null : findById(objectionId);
    },

    async create(objection) {
      return record(await client.objection.create({ data: { ...objection, status: "OPEN" }, select: objectionSelect }));
    },

    async update(objectionId, change) {
      const data: Prisma.ObjectionUpdateInput =
        change.kind === "ANSWER"
          ? {
              status: change.status,
              response: change.response,
              answeredBy: { connect: { id: change.answeredById } },
              answeredAt: change.at,
            }
          : change.kind === "ESCALATE"
            ? { status: "ESCALATED", escalations: { increment: 1 }, escalationReason: change.reason, escalatedAt: change.at }
            : { status: "WITHDRAWN" };
      return record(await client.objection.update({ where: { id: objectionId }, data, select: objectionSelect }));
    },

    async list({ planId, cycleId, subtreePath, statuses }) {
      const rows = await client.objection.findMany({
        where: {
          ...(subtreePath == null ? { planId } : { plan: { cycleId, orgUnit: { path: { startsWith: subtreePath } } } }),
          ...(statuses == null || statuses.length === 0 ? {} : { status: { in: [...statuses] } }),
        },
        orderBy: newestFirst,
        select: objectionSelect,
      });
      return rows.map(record);
    },

    async awaitingAnswerAt(unitIds) {
      if (unitIds.length === 0) return [];
      const ids = await client.$queryRaw<{ id: string }[]>`
        SELECT o.id
        FROM "Objection" o
        JOIN "Plan" p ON p.id = o."planId"
        JOIN "PlanCycle" c ON c.id = p."cycleId"
        JOIN "OrgUnit" u ON u.id = p."orgUnitId"
        LEFT JOIN "OrgUnit" parent ON parent.id = u."parentId"
        WHERE c.status = 'OPEN'
          AND ((o.status = 'OPEN' AND o.escalations = 0 AND u."parentId" = ANY(${[...unitIds]}::text[]))
            OR (o.status = 'ESCALATED' AND o.escalations = 1 AND parent."parentId" = ANY(${[...unitIds]}::text[])))
        ORDER BY o."createdAt", o.id`;
      if (ids.length === 0) return [];
      const rows = await client.objection.findMany({
        where: { id: { in: ids.map((row) => row.id) } },
        orderBy: [{ createdAt: "asc" }, { id: "asc" }],
        select: objectionSelect,
      });
      return rows.map(record);
    },

    findMetric: (metricId) =>
      client.metric.findUnique({ where: { id: metricId }, select: { id: true, code: true, scale: true } }),

    async findGuidance(cycleId, orgUnitId, metricId) {
      const row = await client.guidanceTarget.findUnique({
        where: { cycleId_orgUnitId_metricId: { cycleId, orgUnitId, metricId } },
        select: { value: true },
      });
      return row === null ? null : row.value.toFixed(2);
    },

    async upsertGuidance(cycleId, orgUnitId, metricId, value) {
      await client.guidanceTarget.upsert({
        where: { cycleId_orgUnitId_metricId: { cycleId, orgUnitId, metricId } },
        create: { cycleId, orgUnitId, metricId, value },
        update: { value },
        select: { id: true },
      });
    },
  };
}
