// The audit trail: one row per state change, written in the same transaction
// as the change it records (so neither exists without the other).
import type { Prisma } from "../../generated/client/index.js";
import type { DbClient } from "./db-client.js";

/** JSON-safe values only: money as strings (Fixed.toString()), dates as ISO strings. */
export type AuditValue = Prisma.InputJsonValue;

export interface AuditEntry {
  /** The user who made the change; null for the system (seed, migrations). */
  readonly actorId: string | null;
  /** The changed row's model name, e.g. "Plan". */
  readonly entity: string;
  readonly entityId: string;
  /** What happened, e.g. "SUBMIT" or "TARGET_CELLS_SAVED". */
  readonly action: string;
  readonly before?: AuditValue;
  readonly after?: AuditValue;
  /** The plan and org unit the change concerns, where there is one. */
  readonly planId?: string | null;
  readonly orgUnitId?: string | null;
  /** The request (server log id) and session that made the change. */
  readonly requestId?: string | null;
  readonly sessionId?: string | null;
}

export interface AuditRecord {
  readonly id: bigint;
  readonly actorId: string | null;
  readonly entity: string;
  readonly entityId: string;
  readonly action: string;
  readonly before: Prisma.JsonValue | null;
  readonly after: Prisma.JsonValue | null;
  readonly planId: string | null;
  readonly orgUnitId: string | null;
  readonly requestId: string | null;
  readonly sessionId: string | null;
  readonly at: Date;
}

export interface AuditRepository {
  append(entry: AuditEntry): Promise<void>;
  /** Every row about one entity, oldest first. */
  listFor(entity: string, entityId: string): Promise<AuditRecord[]>;
}

export function createAuditRepository(client: DbClient): AuditRepository {
  return {
    async append({ actorId, entity, entityId, action, before, after, planId, orgUnitId, requestId, sessionId }) {
      await client.auditLog.create({
        data: {
          actorId,
          entity,
          entityId,
          action,
          planId: planId ?? null,
          orgUnitId: orgUnitId ?? null,
          requestId: requestId ?? null,
          sessionId: sessionId ?? null,
          ...(before === undefined ? {} : { before }),
          ...(after === undefined ? {} : { after }),
        },
        select: { id: true },
      });
    },
    listFor: (entity, entityId) => client.auditLog.findMany({ where: { entity, entityId }, orderBy: { id: "asc" } }),
  };
}
