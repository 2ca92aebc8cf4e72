// What the batch saves of a plan's cells share (target cells: ../summary/save-target-cells.ts,
// expense lines: ../repositories/expense-cells.repository.ts): locking the plan and reading
// what the rule needs of it, looking up the rows a breakdown names and the county that owns
// them, naming who last changed a cell, and writing one audit row per changed cell in the
// caller's transaction.
import type { PlanStatus } from "@pyramid/domain";
import type { SqlClient } from "../summary/target-summary.js";

export interface LockedPlanForCells {
  readonly cycleId: string;
  readonly orgUnitId: string;
  readonly status: PlanStatus;
  /** The unit's materialised path. */
  readonly path: string;
}

/**
 * Locks the plan for a cell save: SHARE lets saves of one plan run side by side (a workflow
 * transition, FOR UPDATE, waits for them); UPDATE makes them run one after the other (a rule
 * over the plan's totals, such as a cap, must see every other save committed).
 */
export async function lockPlanForCells(
  tx: SqlClient,
  planId: string,
  mode: "SHARE" | "UPDATE",
): Promise<LockedPlanForCells | undefined> {
  const rows = await tx.$queryRawUnsafe<LockedPlanForCells[]>(
    `SELECT p."cycleId", p."orgUnitId", p."status"::text AS status, u."path"
     FROM "Plan" p JOIN "OrgUnit" u ON u."id" = p."orgUnitId"
     WHERE p."id" = $1
     FOR ${mode} OF p`,
    planId,
  );
  return rows[0];
}

export type DimensionKind = "PRODUCT_SPEC" | "CHANNEL" | "TERMINAL" | "DISTRIBUTOR" | "TOWNSHIP";

/**
 * The rows named by a batch, by `${kind}:${id}`: the path of the county that owns a terminal,
 * distributor or township, null for a spec or channel (owned by no unit). An id not in the
 * answer names no row.
 */
export async function findDimensionOwners(
  tx: SqlClient,
  wanted: ReadonlyMap<DimensionKind, ReadonlySet<string>>,
): Promise<Map<string, string | null>> {
  const ids = (kind: DimensionKind) => [...(wanted.get(kind) ?? [])];
  if ([...wanted.values()].every((set) => set.size === 0)) return new Map();
  const rows = await tx.$queryRawUnsafe<{ kind: DimensionKind; id: string; path: string | null }[]>(
    `SELECT 'PRODUCT_SPEC' AS kind, s."id", NULL::text AS path FROM "ProductSpec" s WHERE s."id" = ANY($1::text[])
     UNION ALL SELECT 'CHANNEL', c."id", NULL FROM "Channel" c WHERE c."id" = ANY($2::text[])
     UNION ALL SELECT 'TERMINAL', t."id", u."path" FROM "Terminal" t JOIN "OrgUnit" u ON u."id" = t."countyId" WHERE t."id" = ANY($3::text[])
     UNION ALL SELECT 'DISTRIBUTOR', d."id", u."path" FROM "Distributor" d JOIN "OrgUnit" u ON u."id" = d."countyId" WHERE d."id" = ANY($4::text[])
     UNION ALL SELECT 'TOWNSHIP', w."id", u."path" FROM "Township" w JOIN "OrgUnit" u ON u."id" = w."countyId" WHERE w."id" = ANY($5::text[])`,
    ids("PRODUCT_SPEC"),
    ids("CHANNEL"),
    ids("TERMINAL"),
    ids("DISTRIBUTOR"),
    ids("TOWNSHIP"),
  );
  return new Map(rows.map((row) => [`${row.kind}:${row.id}`, row.path]));
}

/** Who last changed a cell, as a conflict shows it. */
export interface CellEditor {
  readonly id: string;
  readonly login: string;
  readonly displayName: string;
}

/** The users behind these ids (ids without a user are left out). */
export async function editorsById(tx: SqlClient, userIds: Iterable<string | null>): Promise<Map<string, CellEditor>> {
  const ids = [...new Set([...userIds].filter((id): id is string => id !== null))];
  if (ids.length === 0) return new Map();
  const users = await tx.$queryRaw<
    CellEditor[]
  >`SELECT "id", "login", "displayName" FROM "User" WHERE "id" = ANY(${ids}::text[])`;
  return new Map(users.map((user) => [user.id, user]));
}

export interface CellAuditRow {
  readonly entityId: string;
  readonly action: string;
  /** JSON text, or null (a created cell has no before, a deleted one no after). */
  readonly before: string | null;
  readonly after: string | null;
}

export interface CellAuditContext {
  readonly entity: string;
  readonly actorId: string | null;
  readonly planId: string;
  readonly orgUnitId: string;
  readonly requestId?: string | null | undefined;
  readonly sessionId?: string | null | undefined;
}

/** One audit row per changed cell, in one statement, in the caller's transaction. */
export async function appendCellAudit(tx: SqlClient, context: CellAuditContext, rows: readonly CellAuditRow[]): Promise<void> {
  if (rows.length === 0) return;
  await tx.$executeRawUnsafe(
    `INSERT INTO "AuditLog" ("actorId", "entity", "entityId", "action", "before", "after", "at", "planId", "orgUnitId", "requestId", "sessionId")
     SELECT $1, $10, id, action, before::jsonb, after::jsonb, now() AT TIME ZONE 'UTC', $6, $7, $8, $9
     FROM unnest($2::text[], $3::text[], $4::text[], $5::text[]) AS a(id, action, before, after)`,
    context.actorId,
    rows.map((row) => row.entityId),
    rows.map((row) => row.action),
    rows.map((row) => row.before),
    rows.map((row) => row.after),
    context.planId,
    context.orgUnitId,
    context.requestId ?? null,
    context.sessionId ?? null,
    context.entity,
  );
}
