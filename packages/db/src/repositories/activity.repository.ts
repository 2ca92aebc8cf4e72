// The activity feed: what changed around a viewer, newest first, in one statement —
// workflow events of the plans in their subtree, comments on their own units' plans,
// and objection changes (from the audit log, which keeps every step) of the plans in
// their subtree; never what the viewer did themselves. Offset paging with the total.
import type { OrgLevel } from "@pyramid/domain";
import type { DbClient } from "./db-client.js";
import { likePrefix } from "./org-units.repository.js";

export type ActivityKind = "WORKFLOW" | "COMMENT" | "OBJECTION";

export interface ActivityRecord {
  readonly kind: ActivityKind;
  /** Unique within its kind. */
  readonly id: string;
  readonly at: Date;
  /** WORKFLOW: SUBMIT, APPROVE… COMMENT: COMMENT_ADDED / COMMENT_REPLIED. OBJECTION: the audit action. */
  readonly action: string;
  /** The reason of a transition, the start of a comment, an objection's reason or answer. */
  readonly detail: string | null;
  readonly fromStatus: string | null;
  readonly toStatus: string | null;
  readonly planId: string;
  readonly cycleId: string;
  readonly unit: {
    readonly id: string;
    readonly code: string;
    readonly nameZh: string;
    readonly nameEn: string;
    readonly level: OrgLevel;
  };
  readonly actor: { readonly id: string; readonly login: string; readonly displayName: string } | null;
  /** The comment or objection the item is about. */
  readonly subjectId: string | null;
}

export interface ActivityQuery {
  readonly viewerId: string;
  /** The roots of the viewer's VIEW_UNIT scope (materialised paths). */
  readonly scopePaths: readonly string[];
  /** The units where the viewer holds a role: comments on their plans are in the feed. */
  readonly ownUnitIds: readonly string[];
  readonly cycleId?: string | null;
  readonly offset: number;
  readonly limit: number;
}

export interface ActivityRepository {
  feed(query: ActivityQuery): Promise<{ nodes: ActivityRecord[]; totalCount: number }>;
}

interface ActivityRow {
  kind: ActivityKind;
  id: string;
  at: Date;
  action: string;
  detail: string | null;
  fromStatus: string | null;
  toStatus: string | null;
  planId: string;
  cycleId: string;
  subjectId: string | null;
  unitId: string;
  unitCode: string;
  unitNameZh: string;
  unitNameEn: string;
  unitLevel: OrgLevel;
  actorId: string | null;
  actorLogin: string | null;
  actorName: string | null;
  total: bigint;
}

/** Characters of a comment's text the feed quotes. */
const DETAIL_LENGTH = 200;

export function createActivityRepository(client: DbClient): ActivityRepository {
  return {
    async feed({ viewerId, scopePaths, ownUnitIds, cycleId, offset, limit }) {
      if (scopePaths.length === 0) return { nodes: [], totalCount: 0 };
      const prefixes = scopePaths.map(likePrefix);
      const cycle = cycleId ?? null;
      const rows = await client.$queryRaw<ActivityRow[]>`
        WITH feed AS (
          SELECT 'WORKFLOW' AS kind, e.id::text AS id, e."createdAt" AS at, e.action::text AS action, e.reason AS detail,
                 e."fromStatus"::text AS "fromStatus", e."toStatus"::text AS "toStatus", e."planId", e."actorId",
                 NULL::text AS "subjectId"
          FROM "WorkflowEvent" e JOIN "Plan" p ON p.id = e."planId" JOIN "OrgUnit" u ON u.id = p."orgUnitId"
          WHERE u.path LIKE ANY(${prefixes}::text[]) AND e."actorId" IS DISTINCT FROM ${viewerId}
            AND (${cycle}::text IS NULL OR p."cycleId" = ${cycle})
          UNION ALL
          SELECT 'COMMENT', c.id, c."createdAt", CASE WHEN c."parentId" IS NULL THEN 'COMMENT_ADDED' ELSE 'COMMENT_REPLIED' END,
                 left(c.body, ${DETAIL_LENGTH}), NULL, NULL, c."planId", c."authorId", c.id
          FROM "Comment" c JOIN "Plan" p ON p.id = c."planId"
          WHERE p."orgUnitId" = ANY(${[...ownUnitIds]}::text[]) AND c."authorId" IS DISTINCT FROM ${viewerId}
            AND (${cycle}::text IS NULL OR p."cycleId" = ${cycle})
          UNION ALL
          SELECT 'OBJECTION', a.id::text, a.at, a.action, left(a.after ->> 'detail', ${DETAIL_LENGTH}),
                 a.before ->> 'status', a.after ->> 'status', a."planId", a."actorId", a."entityId"
          FROM "AuditLog" a JOIN "Plan" p ON p.id = a."planId" JOIN "OrgUnit" u ON u.id = p."orgUnitId"
          WHERE a.entity = 'Objection' AND u.path LIKE ANY(${prefixes}::text[]) AND a."actorId" IS DISTINCT FROM ${viewerId}
            AND (${cycle}::text IS NULL OR p."cycleId" = ${cycle})
        )
        SELECT f.kind, f.id, f.at, f.action, f.detail, f."fromStatus", f."toStatus", f."planId", p."cycleId", f."subjectId",
               u.id AS "unitId", u.code AS "unitCode", u."nameZh" AS "unitNameZh", u."nameEn" AS "unitNameEn",
               u.level::text AS "unitLevel", f."actorId", a.login AS "actorLogin", a."displayName" AS "actorName",
               count(*) OVER () AS total
        FROM feed f JOIN "Plan" p ON p.id = f."planId" JOIN "OrgUnit" u ON u.id = p."orgUnitId"
        LEFT JOIN "User" a ON a.id = f."actorId"
        ORDER BY f.at DESC, f.kind, f.id DESC
        OFFSET ${offset} LIMIT ${limit}`;
      let totalCount = Number(rows[0]?.total ?? 0);
      if (rows.length === 0 && offset > 0) {
        // Past the end: count on its own, so the page still says how many there are.
        totalCount = (await this.feed({ viewerId, scopePaths, ownUnitIds, cycleId, offset: 0, limit: 1 })).totalCount;
      }
      return {
        totalCount,
        nodes: rows.map((row) => ({
          kind: row.kind,
          id: row.id,
          at: row.at,
          action: row.action,
          detail: row.detail,
          fromStatus: row.fromStatus,
          toStatus: row.toStatus,
          planId: row.planId,
          cycleId: row.cycleId,
          subjectId: row.subjectId,
          unit: { id: row.unitId, code: row.unitCode, nameZh: row.unitNameZh, nameEn: row.unitNameEn, level: row.unitLevel },
          actor: row.actorId === null ? null : { id: row.actorId, login: row.actorLogin ?? "", displayName: row.actorName ?? "" },
        })),
      };
    },
  };
}
