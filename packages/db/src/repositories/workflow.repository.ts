// The workflow's own rows: the children's statuses a transition re-checks, the
// WorkflowEvent of each status change, the immutable PlanVersion snapshots taken on
// SUBMIT and APPROVE, HQ's waiver on a plan, and the plan's activity (events and
// audit rows, newest first). Called inside withLockedPlan for every write.
import { randomUUID } from "node:crypto";
import type { OrgLevel, PlanStatus, PlanVersionSnapshot, VersionKind, WorkflowAction } from "@pyramid/domain";
import { Prisma } from "../../generated/client/index.js";
import type { DbClient } from "./db-client.js";

/** The plan's place: its unit, and what the guard needs of it. */
export interface WorkflowPlanRecord {
  readonly id: string;
  readonly cycleId: string;
  readonly unit: { readonly id: string; readonly path: string; readonly level: OrgLevel };
}

/** What a version is taken from: the plan's rows as they are now. */
export interface SnapshotSourceRecord {
  readonly sections: { readonly code: string; readonly body: string }[];
  readonly targetCells: {
    readonly metricId: string;
    readonly month: number;
    readonly dimensionKey: string;
    readonly baseValue: string;
    readonly stretchValue: string | null;
    readonly isFigure: boolean;
  }[];
  readonly expenseCells: {
    readonly itemId: string;
    readonly month: number;
    readonly dimensionKey: string;
    readonly amount: string;
  }[];
}

export interface NewWorkflowEvent {
  readonly planId: string;
  readonly action: WorkflowAction;
  readonly fromStatus: PlanStatus;
  readonly toStatus: PlanStatus;
  readonly actorId: string;
  readonly reason: string | null;
  readonly waived: boolean;
  readonly waiverGrantedById: string | null;
  readonly versionId: string | null;
  /** On SUBMIT: each WARN check acknowledged, with its reason (null for other actions). */
  readonly acknowledgements: readonly { readonly checkCode: string; readonly reason: string }[] | null;
  readonly at: Date;
}

export interface PersonRef {
  readonly id: string;
  readonly login: string;
  readonly displayName: string;
}

export interface PlanVersionRecord {
  readonly id: string;
  readonly planId: string;
  readonly number: number;
  readonly kind: VersionKind;
  readonly createdAt: Date;
  readonly createdBy: PersonRef | null;
  readonly snapshot: PlanVersionSnapshot;
}

export interface PlanActivityRecord {
  /** EVENT: a status change (WorkflowEvent); AUDIT: an audit row about the plan. */
  readonly source: "EVENT" | "AUDIT";
  readonly id: string;
  readonly at: Date;
  readonly actor: PersonRef | null;
  /** The workflow action, or the audit row's action. */
  readonly action: string;
  /** The audit row's entity ("Plan", "TargetCell", "PlanSection"); "Plan" for an event. */
  readonly entity: string;
  readonly entityId: string;
  readonly fromStatus: PlanStatus | null;
  readonly toStatus: PlanStatus | null;
  readonly reason: string | null;
  readonly waived: boolean;
  readonly versionNumber: number | null;
  readonly before: Prisma.JsonValue | null;
  readonly after: Prisma.JsonValue | null;
}

export interface WorkflowRepository {
  /** The database's time of the current transaction (now(), rounded to the columns' milliseconds): every row of one transition carries it. */
  transactionTime(): Promise<Date>;
  findPlan(planId: string): Promise<WorkflowPlanRecord | null>;
  /** The statuses of the plans of the unit's direct children in the plan's cycle (read inside the transition's transaction). */
  childStatuses(planId: string): Promise<PlanStatus[]>;
  /** The plan's sections, target cells and expense lines as they are (the target cells as given, when the caller read them in this transaction). */
  snapshotSource(planId: string, targetCells?: SnapshotSourceRecord["targetCells"]): Promise<SnapshotSourceRecord>;
  /** Stores a snapshot as the plan's next version number (1, 2, …). */
  createVersion(input: {
    readonly planId: string;
    readonly kind: VersionKind;
    readonly snapshot: PlanVersionSnapshot;
    readonly createdById: string;
    readonly at: Date;
  }): Promise<{ readonly id: string; readonly number: number }>;
  recordEvent(event: NewWorkflowEvent): Promise<string>;
  /** HQ's waiver of "every child approved" on this plan (null clears it). */
  setChildWaiver(planId: string, waiver: { readonly reason: string; readonly grantedById: string } | null): Promise<void>;
  findWaiver(planId: string): Promise<{ readonly reason: string; readonly grantedById: string | null } | null>;
  /** Every version, newest first, without its cells (the totals only). */
  listVersions(planId: string): Promise<(Omit<PlanVersionRecord, "snapshot"> & { totals: PlanVersionSnapshot["totals"] })[]>;
  findVersion(planId: string, number: number): Promise<PlanVersionRecord | null>;
  /** Events and audit rows of the plan, newest first (then the later row first), a page. */
  activity(
    planId: string,
    page: { readonly offset: number; readonly limit: number },
  ): Promise<{ nodes: PlanActivityRecord[]; totalCount: number }>;
}

const personSelect = { id: true, login: true, displayName: true } as const;

export function createWorkflowRepository(client: DbClient): WorkflowRepository {
  return {
    async transactionTime() {
      const rows = await client.$queryRaw<{ now: Date }[]>`SELECT now()::timestamptz(3) AS now`;
      return rows[0]!.now;
    },

    async findPlan(planId) {
      const plan = await client.plan.findUnique({
        where: { id: planId },
        select: { id: true, cycleId: true, orgUnit: { select: { id: true, path: true, level: true } } },
      });
      return plan && { id: plan.id, cycleId: plan.cycleId, unit: plan.orgUnit };
    },

    async childStatuses(planId) {
      const rows = await client.$queryRaw<{ status: PlanStatus }[]>`
        SELECT c.status::text AS status
        FROM "Plan" p
        JOIN "OrgUnit" child ON child."parentId" = p."orgUnitId"
        JOIN "Plan" c ON c."orgUnitId" = child.id AND c."cycleId" = p."cycleId"
        WHERE p.id = ${planId}
        ORDER BY child.path`;
      return rows.map((row) => row.status);
    },

    async snapshotSource(planId, knownTargetCells) {
      const [sections, targetCells, expenseCells] = [
        await client.planSection.findMany({ where: { planId }, select: { code: true, body: true } }),
        // The caller may have read the cells already in this transaction (the checks did).
        knownTargetCells ??
          (await client.$queryRaw<SnapshotSourceRecord["targetCells"]>`
          SELECT "metricId", month, "dimensionKey", "baseValue"::text AS "baseValue", "stretchValue"::text AS "stretchValue",
                 ("breakdownAxis" IS NULL) AS "isFigure"
          FROM "TargetCell" WHERE "planId" = ${planId}`),
        await client.$queryRaw<SnapshotSourceRecord["expenseCells"]>`
          SELECT "itemId", month, "dimensionKey", amount::text AS amount FROM "ExpenseCell" WHERE "planId" = ${planId}`,
      ];
      return {
        sections,
        targetCells: targetCells.map((cell) => ({ ...cell, month: Number(cell.month) })),
        expenseCells: expenseCells.map((cell) => ({ ...cell, month: Number(cell.month) })),
      };
    },

    async createVersion({ planId, kind, snapshot, createdById, at }) {
      // One statement, the snapshot sent as one JSON text: Prisma's own JSON input walks every
      // value of the snapshot (thousands of cells), which cost more than the insert itself.
      // The caller holds the plan's lock, so the next number cannot be taken meanwhile.
      const rows = await client.$queryRaw<{ id: string; number: number | bigint }[]>`
        INSERT INTO "PlanVersion" ("id", "planId", "number", "kind", "snapshot", "createdById", "createdAt")
        SELECT ${randomUUID()}, ${planId}, coalesce(max(v.number), 0) + 1, ${kind}::"VersionKind",
               ${JSON.stringify(snapshot)}::jsonb, ${createdById}, ${at.toISOString()}::timestamptz AT TIME ZONE 'UTC'
        FROM "PlanVersion" v WHERE v."planId" = ${planId}
        RETURNING "id", "number"`;
      const created = rows[0]!;
      return { id: created.id, number: Number(created.number) };
    },

    async recordEvent(event) {
      const created = await client.workflowEvent.create({
        data: {
          planId: event.planId,
          action: event.action,
          fromStatus: event.fromStatus,
          toStatus: event.toStatus,
          actorId: event.actorId,
          reason: event.reason,
          waived: event.waived,
          waiverGrantedById: event.waiverGrantedById,
          versionId: event.versionId,
          acknowledgements:
            event.acknowledgements === null
              ? Prisma.DbNull
              : event.acknowledgements.map(({ checkCode, reason }) => ({ checkCode, reason })),
          createdAt: event.at,
        },
        select: { id: true },
      });
      return created.id.toString();
    },

    async setChildWaiver(planId, waiver) {
      await client.plan.update({
        where: { id: planId },
        data: { childWaiverReason: waiver?.reason ?? null, childWaiverGrantedById: waiver?.grantedById ?? null },
        select: { id: true },
      });
    },

    async findWaiver(planId) {
      const plan = await client.plan.findUnique({
        where: { id: planId },
        select: { childWaiverReason: true, childWaiverGrantedById: true },
      });
      if (!plan || plan.childWaiverReason === null) return null;
      return { reason: plan.childWaiverReason, grantedById: plan.childWaiverGrantedById };
    },

    async listVersions(planId) {
      const rows = await client.$queryRaw<
        {
          id: string;
          planId: string;
          number: number;
          kind: VersionKind;
          createdAt: Date;
          totals: PlanVersionSnapshot["totals"];
          userId: string | null;
          login: string | null;
          displayName: string | null;
        }[]
      >`
        SELECT v.id, v."planId", v.number, v.kind::text AS kind, v."createdAt", v.snapshot -> 'totals' AS totals,
               u.id AS "userId", u.login, u."displayName"
        FROM "PlanVersion" v LEFT JOIN "User" u ON u.id = v."createdById"
        WHERE v."planId" = ${planId}
        ORDER BY v.number DESC`;
      return rows.map((row) => ({
        id: row.id,
        planId: row.planId,
        number: Number(row.number),
        kind: row.kind,
        createdAt: row.createdAt,
        totals: row.totals,
        createdBy: row.userId === null ? null : { id: row.userId, login: row.login ?? "", displayName: row.displayName ?? "" },
      }));
    },

    async findVersion(planId, number) {
      const row = await client.planVersion.findUnique({
        where: { planId_number: { planId, number } },
        select: {
          id: true,
          planId: true,
          number: true,
          kind: true,
          createdAt: true,
          snapshot: true,
          createdBy: { select: personSelect },
        },
      });
      return row && { ...row, snapshot: row.snapshot as unknown as PlanVersionSnapshot };
    },

    async activity(planId, { offset, limit }) {
      const rows = await client.$queryRaw<
        {
          source: "EVENT" | "AUDIT";
          id: string;
          at: Date;
          action: string;
          entity: string;
          entityId: string;
          fromStatus: PlanStatus | null;
          toStatus: PlanStatus | null;
          reason: string | null;
          waived: boolean;
          versionNumber: number | null;
          before: Prisma.JsonValue | null;
          after: Prisma.JsonValue | null;
          userId: string | null;
          login: string | null;
          displayName: string | null;
          total: number | bigint;
        }[]
      >`
        WITH entries AS (
          SELECT 'EVENT' AS source, e.id::text AS id, e.id AS seq, e."createdAt" AS at, e.action::text AS action,
                 'Plan' AS entity, e."planId" AS "entityId", e."fromStatus"::text AS "fromStatus", e."toStatus"::text AS "toStatus",
                 e.reason, e.waived, v.number AS "versionNumber", NULL::jsonb AS before, NULL::jsonb AS after, e."actorId"
          FROM "WorkflowEvent" e LEFT JOIN "PlanVersion" v ON v.id = e."versionId"
          WHERE e."planId" = ${planId}
          UNION ALL
          SELECT 'AUDIT', a.id::text, a.id, a.at, a.action, a.entity, a."entityId", NULL, NULL,
                 NULL, false, NULL, a.before, a.after, a."actorId"
          FROM "AuditLog" a
          WHERE a."planId" = ${planId}
        )
        SELECT entries.source, entries.id, entries.at, entries.action, entries.entity, entries."entityId",
               entries."fromStatus", entries."toStatus", entries.reason, entries.waived, entries."versionNumber",
               entries.before, entries.after, u.id AS "userId", u.login, u."displayName", count(*) OVER () AS total
        FROM entries LEFT JOIN "User" u ON u.id = entries."actorId"
        -- A transition's event carries its transaction's now(); its audit row is written last,
        -- at or after it: newest first, the audit row comes before its event (also at a tie).
        ORDER BY entries.at DESC, entries.source ASC, entries.seq DESC
        OFFSET ${offset} LIMIT ${limit}`;
      const totalCount =
        rows.length > 0
          ? Number(rows[0]!.total)
          : Number(
              (
                await client.$queryRaw<{ total: number }[]>`
                  SELECT ((SELECT count(*) FROM "WorkflowEvent" WHERE "planId" = ${planId})
                        + (SELECT count(*) FROM "AuditLog" WHERE "planId" = ${planId}))::int AS total`
              )[0]?.total ?? 0,
            );
      return {
        totalCount,
        nodes: rows.map((row) => ({
          source: row.source,
          id: row.id,
          at: row.at,
          action: row.action,
          entity: row.entity,
          entityId: row.entityId,
          fromStatus: row.fromStatus,
          toStatus: row.toStatus,
          reason: row.reason,
          waived: row.waived,
          versionNumber: row.versionNumber === null ? null : Number(row.versionNumber),
          before: row.before,
          after: row.after,
          actor: row.userId === null ? null : { id: row.userId, login: row.login ?? "", displayName: row.displayName ?? "" },
        })),
      };
    },
  };
}
