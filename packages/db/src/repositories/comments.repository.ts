// Comments on a plan: threads (a root comment and its replies), anchored to the plan, a
// section or one cell by coordinates (see the Comment model). Reads select what the
// comments module shows; writes are single rows, audited by the caller in its transaction.
import type { Prisma } from "../../generated/client/index.js";
import type { DbClient } from "./db-client.js";

export interface CommentPerson {
  readonly id: string;
  readonly login: string;
  readonly displayName: string;
}

export interface CommentAnchorColumns {
  readonly sectionCode: string | null;
  readonly metricId: string | null;
  readonly itemId: string | null;
  readonly month: number | null;
  readonly dimensionKey: string | null;
}

export interface CommentRecord extends CommentAnchorColumns {
  readonly id: string;
  readonly planId: string;
  readonly parentId: string | null;
  readonly body: string;
  readonly author: CommentPerson | null;
  readonly resolved: boolean;
  readonly resolvedAt: Date | null;
  readonly resolvedBy: CommentPerson | null;
  readonly createdAt: Date;
}

export interface CommentThreadRecord extends CommentRecord {
  /** Oldest first. */
  readonly replies: readonly CommentRecord[];
}

/** Which threads of a plan to list. Anchor fields given narrow to that anchor exactly. */
export interface CommentThreadQuery {
  readonly planId: string;
  /** PLAN: comments on the plan as a whole; SECTION / TARGET_CELL / EXPENSE_CELL: of that kind. */
  readonly anchorKind?: "PLAN" | "SECTION" | "TARGET_CELL" | "EXPENSE_CELL" | null;
  readonly sectionCode?: string | null;
  readonly metricId?: string | null;
  readonly itemId?: string | null;
  readonly month?: number | null;
  readonly dimensionKey?: string | null;
  readonly unresolvedOnly?: boolean;
  readonly offset: number;
  readonly limit: number;
}

export interface CommentMarkerRecord extends CommentAnchorColumns {
  /** Comments on the anchor, replies included. */
  readonly count: number;
  /** Threads on the anchor not resolved. */
  readonly unresolvedThreads: number;
}

export interface NewComment extends CommentAnchorColumns {
  readonly planId: string;
  readonly parentId: string | null;
  readonly authorId: string;
  readonly body: string;
}

export interface CommentRepository {
  findById(commentId: string): Promise<CommentRecord | null>;
  /** The comment locked FOR UPDATE until the transaction ends. */
  lockById(commentId: string): Promise<CommentRecord | null>;
  create(comment: NewComment): Promise<CommentRecord>;
  setResolved(commentId: string, resolved: boolean, actorId: string, at: Date): Promise<CommentRecord>;
  /** One thread: the root comment with its replies; null when there is no such root comment. */
  findThread(rootId: string): Promise<CommentThreadRecord | null>;
  /** Threads (root comments with their replies), newest thread first, and how many match. */
  threads(query: CommentThreadQuery): Promise<{ nodes: CommentThreadRecord[]; totalCount: number }>;
  /** Per anchor other than the plan itself: how many comments, how many unresolved threads. */
  markers(planId: string): Promise<CommentMarkerRecord[]>;
  /** Does the cycle's template have this section? Do this metric and this expense item exist? */
  sectionExists(cycleId: string, code: string): Promise<boolean>;
  metricExists(metricId: string): Promise<boolean>;
  expenseItemExists(itemId: string): Promise<boolean>;
}

const person = { select: { id: true, login: true, displayName: true } } as const;
const commentSelect = {
  id: true,
  planId: true,
  parentId: true,
  sectionCode: true,
  metricId: true,
  itemId: true,
  month: true,
  dimensionKey: true,
  body: true,
  resolved: true,
  resolvedAt: true,
  createdAt: true,
  author: person,
  resolvedBy: person,
} as const;

type CommentRow = Prisma.CommentGetPayload<{ select: typeof commentSelect }>;

const record = (row: CommentRow): CommentRecord => ({
  id: row.id,
  planId: row.planId,
  parentId: row.parentId,
  sectionCode: row.sectionCode,
  metricId: row.metricId,
  itemId: row.itemId,
  month: row.month,
  dimensionKey: row.dimensionKey,
  body: row.body,
  author: row.author,
  resolved: row.resolved,
  resolvedAt: row.resolvedAt,
  resolvedBy: row.resolvedBy,
  createdAt: row.createdAt,
});

function threadWhere(query: CommentThreadQuery): Prisma.CommentWhereInput {
  const where: Prisma.CommentWhereInput = { planId: query.planId, parentId: null };
  switch (query.anchorKind) {
    case "PLAN":
      Object.assign(where, { sectionCode: null, metricId: null, itemId: null });
      break;
    case "SECTION":
      Object.assign(where, { sectionCode: { not: null } });
      break;
    case "TARGET_CELL":
      Object.assign(where, { metricId: { not: null } });
      break;
    case "EXPENSE_CELL":
      Object.assign(where, { itemId: { not: null } });
      break;
    default:
      break;
  }
  if (query.sectionCode != null) where.sectionCode = query.sectionCode;
  if (query.metricId != null) where.metricId = query.metricId;
  if (query.itemId != null) where.itemId = query.itemId;
  if (query.month != null) where.month = query.month;
  if (query.dimensionKey != null) where.dimensionKey = query.dimensionKey;
  if (query.unresolvedOnly) where.resolved = false;
  return where;
}

export function createCommentRepository(client: DbClient): CommentRepository {
  const findById = async (commentId: string) => {
    const row = await client.comment.findUnique({ where: { id: commentId }, select: commentSelect });
    return row === null ? null : record(row);
  };
  return {
    findById,

    async lockById(commentId) {
      const locked = await client.$queryRaw<{ id: string }[]>`SELECT id FROM "Comment" WHERE id = ${commentId} FOR UPDATE`;
      return locked.length === 0 ? null : findById(commentId);
    },

    async create(comment) {
      return record(await client.comment.create({ data: { ...comment }, select: commentSelect }));
    },

    async setResolved(commentId, resolved, actorId, at) {
      return record(
        await client.comment.update({
          where: { id: commentId },
          data: resolved
            ? { resolved: true, resolvedById: actorId, resolvedAt: at }
            : { resolved: false, resolvedById: null, resolvedAt: null },
          select: commentSelect,
        }),
      );
    },

    async findThread(rootId) {
      const row = await client.comment.findFirst({
        where: { id: rootId, parentId: null },
        select: { ...commentSelect, replies: { orderBy: [{ createdAt: "asc" }, { id: "asc" }], select: commentSelect } },
      });
      return row === null ? null : { ...record(row), replies: row.replies.map(record) };
    },

    async threads(query) {
      const where = threadWhere(query);
      const [rows, totalCount] = await Promise.all([
        client.comment.findMany({
          where,
          orderBy: [{ createdAt: "desc" }, { id: "desc" }],
          skip: query.offset,
          take: query.limit,
          select: { ...commentSelect, replies: { orderBy: [{ createdAt: "asc" }, { id: "asc" }], select: commentSelect } },
        }),
        client.comment.count({ where }),
      ]);
      return { nodes: rows.map((row) => ({ ...record(row), replies: row.replies.map(record) })), totalCount };
    },

    async markers(planId) {
      const rows = await client.$queryRaw<(CommentAnchorColumns & { count: bigint; unresolvedThreads: bigint })[]>`
        SELECT "sectionCode", "metricId", "itemId", month, "dimensionKey",
               count(*) AS count,
               count(*) FILTER (WHERE "parentId" IS NULL AND NOT resolved) AS "unresolvedThreads"
        FROM "Comment"
        WHERE "planId" = ${planId} AND ("sectionCode" IS NOT NULL OR "metricId" IS NOT NULL OR "itemId" IS NOT NULL)
        GROUP BY "sectionCode", "metricId", "itemId", month, "dimensionKey"
        ORDER BY "sectionCode" NULLS LAST, "metricId" NULLS LAST, "itemId" NULLS LAST, month, "dimensionKey"`;
      return rows.map((row) => ({
        sectionCode: row.sectionCode,
        metricId: row.metricId,
        itemId: row.itemId,
        month: row.month === null ? null : Number(row.month),
        dimensionKey: row.dimensionKey,
        count: Number(row.count),
        unresolvedThreads: Number(row.unresolvedThreads),
      }));
    },

    async sectionExists(cycleId, code) {
      return (await client.planTemplateSection.count({ where: { cycleId, code } })) > 0;
    },
    async metricExists(metricId) {
      return (await client.metric.count({ where: { id: metricId } })) > 0;
    },
    async expenseItemExists(itemId) {
      return (await client.expenseItem.count({ where: { id: itemId } })) > 0;
    },
  };
}
