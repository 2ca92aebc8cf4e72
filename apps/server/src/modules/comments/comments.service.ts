// Comments on a plan, a section or a cell: write, reply, resolve / reopen, list threads,
// count per anchor. Who: anyone the access policy lets see the plan (VIEW_UNIT on its
// unit); outside that, NOT_FOUND exactly as for a plan that does not exist. Every write
// is one transaction with its audit row; bad input is VALIDATION_FAILED and writes nothing.
import type { CommentPerson, CommentRecord, CommentThreadRecord, DataAccess, Repositories } from "@pyramid/db";
import {
  checkCommentAnchor,
  checkCommentBody,
  commentAnchorColumns,
  commentAnchorKey,
  commentAnchorOf,
  type CommentAnchor,
  type CommentAnchorKind,
} from "@pyramid/domain";
import { notFound, requireAccess, requireViewer } from "../../access-guard.js";
import { DomainError } from "../../errors.js";
import type { RequestInfo } from "../../http/request-session.js";
import { nextCursor, pageWindow } from "../../paging.js";
import type { Viewer } from "../../viewer.js";
import { parseInput } from "../plan-edits/plan-edits.input.js";
import {
  addCommentSchema,
  planCommentsSchema,
  planIdSchema,
  setCommentResolvedSchema,
  type AnchorInput,
} from "./comments.input.js";

export const COMMENT_PAGE = { first: 30, max: 100 } as const;

export interface CommentAnchorDto {
  readonly kind: CommentAnchorKind;
  readonly sectionCode: string | null;
  readonly metricId: string | null;
  readonly itemId: string | null;
  readonly month: number | null;
  readonly dimensionKey: string | null;
  readonly key: string;
}

export interface CommentDto {
  readonly id: string;
  readonly planId: string;
  readonly parentId: string | null;
  readonly anchor: CommentAnchorDto;
  readonly body: string;
  readonly author: CommentPerson | null;
  readonly createdAt: Date;
  readonly resolved: boolean;
  readonly resolvedAt: Date | null;
  readonly resolvedBy: CommentPerson | null;
  readonly replies: CommentDto[];
}

export interface CommentMarkerDto {
  readonly anchor: CommentAnchorDto;
  readonly count: number;
  readonly unresolvedThreads: number;
}

function anchorDto(anchor: CommentAnchor): CommentAnchorDto {
  return { kind: anchor.kind, ...commentAnchorColumns(anchor), key: commentAnchorKey(anchor) };
}

function commentDto(record: CommentRecord, replies: readonly CommentRecord[] = []): CommentDto {
  return {
    id: record.id,
    planId: record.planId,
    parentId: record.parentId,
    anchor: anchorDto(commentAnchorOf(record)),
    body: record.body,
    author: record.author,
    createdAt: record.createdAt,
    resolved: record.resolved,
    resolvedAt: record.resolvedAt,
    resolvedBy: record.resolvedBy,
    replies: replies.map((reply) => commentDto(reply)),
  };
}

const threadDto = (thread: CommentThreadRecord) => commentDto(thread, thread.replies);

function invalid(reason: string, message: string, params: Record<string, string | number> = {}): DomainError {
  return new DomainError("VALIDATION_FAILED", message, { reason, params });
}

/** The input's anchor as the domain's, or VALIDATION_FAILED (ANCHOR_INCOMPLETE) when its kind's fields are missing. */
export function anchorOfInput(input: AnchorInput | null | undefined): CommentAnchor {
  if (input === null || input === undefined) return { kind: "PLAN" };
  const missing = (field: string) =>
    invalid("ANCHOR_INCOMPLETE", `A ${input.kind} anchor needs ${field}.`, { kind: input.kind, field });
  switch (input.kind) {
    case "PLAN":
      return { kind: "PLAN" };
    case "SECTION":
      if (!input.sectionCode) throw missing("sectionCode");
      return { kind: "SECTION", sectionCode: input.sectionCode };
    case "TARGET_CELL":
      if (!input.metricId) throw missing("metricId");
      if (input.month == null) throw missing("month");
      if (input.dimensionKey == null) throw missing("dimensionKey");
      return { kind: "TARGET_CELL", metricId: input.metricId, month: input.month, dimensionKey: input.dimensionKey };
    case "EXPENSE_CELL":
      if (!input.itemId) throw missing("itemId");
      if (input.month == null) throw missing("month");
      if (input.dimensionKey == null) throw missing("dimensionKey");
      return { kind: "EXPENSE_CELL", itemId: input.itemId, month: input.month, dimensionKey: input.dimensionKey };
  }
}

function checkAnchor(anchor: CommentAnchor): void {
  const check = checkCommentAnchor(anchor);
  if (!check.ok) throw invalid(check.code, check.message);
}

export interface CommentsServiceDependencies {
  readonly dataAccess: Pick<DataAccess, "repositories" | "inTransaction">;
  readonly clock?: () => Date;
}

export class CommentsService {
  private readonly now: () => Date;

  constructor(private readonly dependencies: CommentsServiceDependencies) {
    this.now = dependencies.clock ?? (() => new Date());
  }

  async planComments(viewer: Viewer | null, args: unknown) {
    const signedIn = requireViewer(viewer);
    const input = parseInput(planCommentsSchema, args);
    const window = pageWindow(input, COMMENT_PAGE);
    await this.requireVisiblePlan(signedIn, input.planId);
    const exact = input.filter?.anchor ? anchorOfInput(input.filter.anchor) : null;
    if (exact !== null) checkAnchor(exact);
    const { nodes, totalCount } = await this.dependencies.dataAccess.repositories.comments.threads({
      planId: input.planId,
      ...(exact === null
        ? { anchorKind: input.filter?.anchorKind ?? null }
        : { anchorKind: exact.kind, ...commentAnchorColumns(exact) }),
      unresolvedOnly: input.filter?.unresolvedOnly ?? false,
      offset: window.offset,
      limit: window.limit,
    });
    return { nodes: nodes.map(threadDto), totalCount, nextCursor: nextCursor(window.offset, nodes.length, totalCount) };
  }

  async planCommentMarkers(viewer: Viewer | null, args: unknown): Promise<CommentMarkerDto[]> {
    const signedIn = requireViewer(viewer);
    const { planId } = parseInput(planIdSchema, args);
    await this.requireVisiblePlan(signedIn, planId);
    const markers = await this.dependencies.dataAccess.repositories.comments.markers(planId);
    return markers.map((marker) => ({
      anchor: anchorDto(commentAnchorOf(marker)),
      count: marker.count,
      unresolvedThreads: marker.unresolvedThreads,
    }));
  }

  async addComment(viewer: Viewer | null, args: unknown, request: RequestInfo): Promise<{ comment: CommentDto }> {
    const author = requireViewer(viewer);
    const { input } = parseInput(addCommentSchema, args);
    const bodyCheck = checkCommentBody(input.body);
    if (!bodyCheck.ok) throw invalid(bodyCheck.code, bodyCheck.message);
    const requested = input.parentId ? null : anchorOfInput(input.anchor);
    if (requested !== null) checkAnchor(requested);
    const plan = await this.requireVisiblePlan(author, input.planId);
    return this.dependencies.dataAccess.inTransaction(async (tx) => {
      let parent: CommentRecord | null = null;
      if (input.parentId) {
        parent = await tx.comments.findById(input.parentId);
        if (parent === null || parent.planId !== plan.planId) throw notFound({ entity: "COMMENT", id: input.parentId });
        // One level of replies: a reply to a reply joins its thread.
        if (parent.parentId !== null) parent = await tx.comments.findById(parent.parentId);
        if (parent === null) throw notFound({ entity: "COMMENT", id: input.parentId });
      }
      const anchor = parent === null ? (requested ?? { kind: "PLAN" as const }) : commentAnchorOf(parent);
      if (parent === null) await checkAnchorExists(tx, plan.cycleId, anchor);
      const created = await tx.comments.create({
        planId: plan.planId,
        parentId: parent?.id ?? null,
        authorId: author.userId,
        body: input.body,
        ...commentAnchorColumns(anchor),
      });
      await tx.audit.append({
        actorId: author.userId,
        entity: "Comment",
        entityId: created.id,
        action: "COMMENT_ADDED",
        after: { anchor: commentAnchorKey(anchor), parentId: created.parentId, body: created.body },
        planId: plan.planId,
        orgUnitId: plan.orgUnitId,
        requestId: request.requestId,
        sessionId: author.sessionId ?? null,
      });
      return { comment: commentDto(created) };
    });
  }

  async setCommentResolved(viewer: Viewer | null, args: unknown, request: RequestInfo): Promise<{ comment: CommentDto }> {
    const actor = requireViewer(viewer);
    const { input } = parseInput(setCommentResolvedSchema, args);
    const { repositories } = this.dependencies.dataAccess;
    const found = await repositories.comments.findById(input.commentId);
    const plan = found === null ? null : await repositories.planSections.findPlanForEdit(found.planId);
    requireAccess(actor, "VIEW_UNIT", plan, (p) => p.unitPath, { entity: "COMMENT", id: input.commentId });
    const rootId = found!.parentId ?? found!.id;
    return this.dependencies.dataAccess.inTransaction(async (tx) => {
      const root = await tx.comments.lockById(rootId);
      if (root === null) throw notFound({ entity: "COMMENT", id: input.commentId });
      const updated =
        root.resolved === input.resolved
          ? root
          : await tx.comments.setResolved(root.id, input.resolved, actor.userId, this.now());
      if (updated !== root) {
        await tx.audit.append({
          actorId: actor.userId,
          entity: "Comment",
          entityId: root.id,
          action: input.resolved ? "COMMENT_RESOLVED" : "COMMENT_REOPENED",
          before: { resolved: root.resolved },
          after: { resolved: updated.resolved },
          planId: root.planId,
          orgUnitId: plan!.orgUnitId,
          requestId: request.requestId,
          sessionId: actor.sessionId ?? null,
        });
      }
      const whole = await tx.comments.findThread(root.id);
      return { comment: whole ? threadDto(whole) : commentDto(updated) };
    });
  }

  private async requireVisiblePlan(viewer: Viewer, planId: string) {
    const plan = await this.dependencies.dataAccess.repositories.planSections.findPlanForEdit(planId);
    return requireAccess(viewer, "VIEW_UNIT", plan, (found) => found.unitPath, { entity: "PLAN", id: planId });
  }
}

/** The section is the cycle's template's; the metric or expense item exists. */
async function checkAnchorExists(tx: Repositories, cycleId: string, anchor: CommentAnchor): Promise<void> {
  switch (anchor.kind) {
    case "PLAN":
      return;
    case "SECTION":
      if (!(await tx.comments.sectionExists(cycleId, anchor.sectionCode))) {
        throw invalid("UNKNOWN_SECTION", `The plan's template has no section ${anchor.sectionCode}.`, {
          code: anchor.sectionCode,
        });
      }
      return;
    case "TARGET_CELL":
      if (!(await tx.comments.metricExists(anchor.metricId))) {
        throw invalid("UNKNOWN_METRIC", `No metric ${anchor.metricId}.`, { id: anchor.metricId });
      }
      return;
    case "EXPENSE_CELL":
      if (!(await tx.comments.expenseItemExists(anchor.itemId))) {
        throw invalid("UNKNOWN_EXPENSE_ITEM", `No expense item ${anchor.itemId}.`, { id: anchor.itemId });
      }
      return;
  }
}
