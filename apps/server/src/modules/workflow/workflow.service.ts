// The workflow: a plan's status changes, its versions and its activity.
//
// A transition (submit, withdraw, return, approve, reopen, resume) goes one way:
// parse the input; find the plan and ask the access policy (NOT_FOUND when the viewer
// may not act on it, exactly as for no plan); then, under withLockedPlan, on the plan
// as it is once locked: compare the expected version, read the children's statuses and
// (submit, approve) run the checks in the same transaction, ask the domain's guard
// (`transition`), and write the change: status and times (the version bumped), the
// WorkflowEvent, on SUBMIT and APPROVE an immutable PlanVersion, on APPROVE the approved
// roll-up and the plan's own stale mark cleared, on REOPEN the approved ancestors
// marked stale; the audit row is written by withLockedPlan in the same transaction.
// Two transitions of one plan at once run one after the other: the second sees the
// first's status and is refused by the guard (INVALID_TRANSITION / INVALID_TRANSITION).
import type { PlanActivityRecord, DataAccess, PersonRef, PlanRecord, PlanVersionRecord, Repositories } from "@pyramid/db";
import { withLockedPlan } from "@pyramid/db";
import {
  buildPlanVersionSnapshot,
  checkWarnAcknowledgements,
  diffPlanVersions,
  grantChildrenWaiver,
  isStaleMarkCleared,
  parentPathOf,
  parseCellDimensionKey,
  staleAncestorsAfterReopen,
  transition,
  TRANSITION_TABLE,
  type ChildrenWaiver,
  type FindingAcknowledgement,
  type OrgLevel,
  type PlanStatus,
  type PlanVersionSnapshot,
  type TransitionEvent,
  type VersionKind,
  type WorkflowAction,
  type WorkflowActor,
} from "@pyramid/domain";
import { notFound, requireAccess, requireViewer } from "../../access-guard.js";
import { DomainError } from "../../errors.js";
import type { RequestInfo } from "../../http/request-session.js";
import { nextCursor, pageWindow } from "../../paging.js";
import { viewerCan, type Viewer } from "../../viewer.js";
import type { PlanDto, PlansService } from "../plans/plans.service.js";
import {
  activitySchema,
  diffSchema,
  parseInput,
  submitSchema,
  transitionSchema,
  transitionWithReasonSchema,
  versionsSchema,
} from "./workflow.input.js";

export interface WorkflowServiceDependencies {
  readonly dataAccess: Pick<DataAccess, "repositories" | "inTransaction">;
  readonly plans: PlansService;
}

export interface WorkflowEventDto {
  readonly id: string;
  readonly action: WorkflowAction;
  readonly fromStatus: PlanStatus;
  readonly toStatus: PlanStatus;
  readonly reason: string | null;
  readonly waived: boolean;
  readonly versionNumber: number | null;
  readonly at: Date;
  readonly actor: PersonRef | null;
}

export interface PlanVersionInfoDto {
  readonly id: string;
  readonly number: number;
  readonly kind: VersionKind;
  readonly createdAt: Date;
  readonly createdBy: PersonRef | null;
  readonly totals: { targets: { metricId: string; base: string; stretch: string }[]; expenses: string };
}

export interface PlanTransitionDto {
  readonly plan: PlanDto;
  readonly event: WorkflowEventDto;
  readonly version: PlanVersionInfoDto | null;
  readonly staleMarkedPlanIds: string[];
}

export interface VersionCellDiffDto {
  readonly kind: "TARGET_BASE" | "TARGET_STRETCH" | "EXPENSE";
  readonly metricId: string | null;
  readonly itemId: string | null;
  readonly month: number;
  readonly productSpecId: string | null;
  readonly channelId: string | null;
  readonly terminalId: string | null;
  readonly distributorId: string | null;
  readonly townshipId: string | null;
  readonly dimensionKey: string;
  readonly before: string | null;
  readonly after: string | null;
  readonly delta: string;
}

export interface PlanActivityEntryDto {
  readonly source: "EVENT" | "AUDIT";
  readonly id: string;
  readonly at: Date;
  readonly actor: PersonRef | null;
  readonly action: string;
  readonly entity: string;
  readonly entityId: string;
  readonly fromStatus: PlanStatus | null;
  readonly toStatus: PlanStatus | null;
  readonly reason: string | null;
  readonly waived: boolean;
  readonly versionNumber: number | null;
  readonly beforeJson: string | null;
  readonly afterJson: string | null;
}

/** Who may try an action, before the guard decides in detail (workflow.ts). */
type Gate = "OWN_UNIT" | "REVIEW" | "REOPEN";

const GATE: Readonly<Record<WorkflowAction, Gate>> = {
  SUBMIT: "OWN_UNIT",
  WITHDRAW: "OWN_UNIT",
  RESUME: "OWN_UNIT",
  APPROVE: "REVIEW",
  RETURN: "REVIEW",
  REOPEN: "REOPEN",
};

const VERSION_KIND_OF: Partial<Record<WorkflowAction, VersionKind>> = { SUBMIT: "SUBMITTED", APPROVE: "APPROVED" };

const ACTIVITY_PAGE = { first: 50, max: 200 } as const;

interface TransitionInput {
  readonly planId: string;
  readonly expectedVersion?: number | null | undefined;
  readonly reason?: string;
  readonly acknowledgements?: readonly FindingAcknowledgement[] | null | undefined;
}

const refusal = (reason: string, message: string, params: Record<string, string | number> = {}) =>
  new DomainError("INVALID_TRANSITION", message, { reason, params });

const versionInfo = (
  version: Omit<PlanVersionRecord, "snapshot"> & { totals: PlanVersionSnapshot["totals"] },
): PlanVersionInfoDto => ({
  id: version.id,
  number: version.number,
  kind: version.kind,
  createdAt: version.createdAt,
  createdBy: version.createdBy,
  totals: { targets: version.totals.targets.map((total) => ({ ...total })), expenses: version.totals.expenses },
});

export class WorkflowService {
  constructor(private readonly dependencies: WorkflowServiceDependencies) {}

  private get repositories(): Repositories {
    return this.dependencies.dataAccess.repositories;
  }

  submitPlan(viewer: Viewer | null, input: unknown, request: RequestInfo): Promise<PlanTransitionDto> {
    return this.run(viewer, "SUBMIT", parseInput(submitSchema, input), request);
  }

  withdrawPlan(viewer: Viewer | null, input: unknown, request: RequestInfo): Promise<PlanTransitionDto> {
    return this.run(viewer, "WITHDRAW", parseInput(transitionSchema, input), request);
  }

  resumePlan(viewer: Viewer | null, input: unknown, request: RequestInfo): Promise<PlanTransitionDto> {
    return this.run(viewer, "RESUME", parseInput(transitionSchema, input), request);
  }

  returnPlan(viewer: Viewer | null, input: unknown, request: RequestInfo): Promise<PlanTransitionDto> {
    return this.run(viewer, "RETURN", parseInput(transitionWithReasonSchema, input), request);
  }

  approvePlan(viewer: Viewer | null, input: unknown, request: RequestInfo): Promise<PlanTransitionDto> {
    return this.run(viewer, "APPROVE", parseInput(transitionSchema, input), request);
  }

  reopenPlan(viewer: Viewer | null, input: unknown, request: RequestInfo): Promise<PlanTransitionDto> {
    return this.run(viewer, "REOPEN", parseInput(transitionWithReasonSchema, input), request);
  }

  /** HQ's waiver of "every child approved" on a plan (its submission and approval), with a reason; audited. */
  async waivePlanChildren(
    viewer: Viewer | null,
    rawInput: unknown,
    request: RequestInfo,
  ): Promise<{ plan: PlanDto; reason: string }> {
    const signedIn = requireViewer(viewer);
    const input = parseInput(transitionWithReasonSchema, rawInput);
    const found = await this.repositories.workflow.findPlan(input.planId);
    requireAccess(signedIn, "WAIVE_CHILDREN", found, (plan) => plan.unit.path, { entity: "PLAN", id: input.planId });
    const actor = await this.actorOf(signedIn);
    const grant = grantChildrenWaiver(actor, input.reason);
    if (!grant.ok) {
      throw refusal(
        grant.code,
        grant.code === "REASON_REQUIRED" ? "A waiver needs a reason." : "Only an HQ administrator of HQ waives.",
        {
          ...grant.params,
        },
      );
    }
    const reason = grant.waiver.reason;
    await withLockedPlan(this.dependencies.dataAccess, input.planId, async (plan, tx) => {
      checkExpectedVersion(plan, input.expectedVersion);
      if (plan.status === "APPROVED") {
        throw refusal("INVALID_TRANSITION", "An approved plan needs no waiver.", { from: plan.status, action: "WAIVE" });
      }
      const before = await tx.workflow.findWaiver(plan.id);
      await tx.workflow.setChildWaiver(plan.id, { reason, grantedById: signedIn.userId });
      const updated = await tx.plans.update(plan.id, {});
      return {
        result: undefined,
        audit: {
          actorId: signedIn.userId,
          action: "CHILDREN_WAIVED",
          before: { version: plan.version, waiverReason: before?.reason ?? null },
          after: { version: updated.version, waiverReason: reason },
          requestId: request.requestId,
          sessionId: signedIn.sessionId ?? null,
        },
      };
    });
    return { plan: await this.dependencies.plans.planById(signedIn, input.planId), reason };
  }

  /** A plan's versions, newest first. */
  async planVersions(viewer: Viewer | null, args: unknown): Promise<PlanVersionInfoDto[]> {
    const signedIn = requireViewer(viewer);
    const { planId } = parseInput(versionsSchema, args);
    await this.requireView(signedIn, planId);
    return (await this.repositories.workflow.listVersions(planId)).map(versionInfo);
  }

  /** Two versions compared cell by cell and section by section. */
  async planVersionDiff(viewer: Viewer | null, args: unknown) {
    const signedIn = requireViewer(viewer);
    const { planId, fromVersion, toVersion } = parseInput(diffSchema, args);
    await this.requireView(signedIn, planId);
    const [from, to] = [
      await this.repositories.workflow.findVersion(planId, fromVersion),
      await this.repositories.workflow.findVersion(planId, toVersion),
    ];
    for (const [asked, found] of [
      [fromVersion, from],
      [toVersion, to],
    ] as const) {
      if (found === null) {
        throw new DomainError("NOT_FOUND", `The plan has no version ${asked}.`, {
          reason: "PLAN_VERSION_NOT_FOUND",
          params: { number: asked },
        });
      }
    }
    const diff = diffPlanVersions(from!.snapshot, to!.snapshot);
    return {
      from: versionInfo({ ...from!, totals: from!.snapshot.totals }),
      to: versionInfo({ ...to!, totals: to!.snapshot.totals }),
      sections: diff.sections.map((section) => ({ ...section })),
      cells: diff.cells.map((cell): VersionCellDiffDto => {
        const dimensions = parseCellDimensionKey(cell.dimensionKey);
        return {
          kind: cell.kind,
          metricId: cell.kind === "EXPENSE" ? null : cell.subjectId,
          itemId: cell.kind === "EXPENSE" ? cell.subjectId : null,
          month: cell.month,
          productSpecId: dimensions.productSpecId ?? null,
          channelId: dimensions.channelId ?? null,
          terminalId: dimensions.terminalId ?? null,
          distributorId: dimensions.distributorId ?? null,
          townshipId: dimensions.townshipId ?? null,
          dimensionKey: cell.dimensionKey,
          before: cell.before,
          after: cell.after,
          delta: cell.delta,
        };
      }),
    };
  }

  /** Status changes and audit rows of the plan, newest first, a page at a time. */
  async planActivity(viewer: Viewer | null, args: unknown) {
    const signedIn = requireViewer(viewer);
    const input = parseInput(activitySchema, args);
    await this.requireView(signedIn, input.planId);
    const window = pageWindow(input, ACTIVITY_PAGE);
    const page = await this.repositories.workflow.activity(input.planId, window);
    return {
      totalCount: page.totalCount,
      nextCursor: nextCursor(window.offset, page.nodes.length, page.totalCount),
      nodes: page.nodes.map(activityDto),
    };
  }

  private async requireView(viewer: Viewer, planId: string): Promise<void> {
    const found = await this.repositories.workflow.findPlan(planId);
    requireAccess(viewer, "VIEW_UNIT", found, (plan) => plan.unit.path, { entity: "PLAN", id: planId });
  }

  /** The viewer's role assignments with their units' levels, as the guard reads them. */
  private async actorOf(viewer: Viewer): Promise<WorkflowActor> {
    const units = await this.repositories.orgUnits.findManyByIds([...new Set(viewer.assignments.map((a) => a.orgUnitId))]);
    const levelOf = new Map<string, OrgLevel>(units.map((unit) => [unit.id, unit.level]));
    return {
      userId: viewer.userId,
      assignments: viewer.assignments.flatMap((a) => {
        const level = levelOf.get(a.orgUnitId);
        return level === undefined ? [] : [{ role: a.role, unit: { level, path: a.orgUnitPath } }];
      }),
    };
  }

  /** May the viewer try this action on the plan's unit at all? (The guard decides the rest.) */
  private mayTry(viewer: Viewer, actor: WorkflowActor, gate: Gate, unitPath: string): boolean {
    if (gate === "OWN_UNIT") return viewerCan(viewer, "EDIT_PLAN", unitPath);
    if (viewerCan(viewer, "REVIEW_PLAN", unitPath)) return true;
    // Nobody sits above the top unit: its own HQ admin reviews its plan.
    const topOwnAdmin =
      parentPathOf(unitPath) === null && actor.assignments.some((a) => a.role === "HQ_ADMIN" && a.unit.path === unitPath);
    if (topOwnAdmin) return true;
    // HQ reopens any plan below it.
    return (
      gate === "REOPEN" &&
      actor.assignments.some((a) => a.role === "HQ_ADMIN" && a.unit.level === "HQ" && unitPath.startsWith(a.unit.path))
    );
  }

  private async run(
    viewer: Viewer | null,
    action: WorkflowAction,
    input: TransitionInput,
    request: RequestInfo,
  ): Promise<PlanTransitionDto> {
    const signedIn = requireViewer(viewer);
    const found = await this.repositories.workflow.findPlan(input.planId);
    const actor = await this.actorOf(signedIn);
    if (found === null || !this.mayTry(signedIn, actor, GATE[action], found.unit.path)) {
      throw notFound({ entity: "PLAN", id: input.planId });
    }
    const rule = TRANSITION_TABLE.find((candidate) => candidate.action === action)!;
    const outcome = await withLockedPlan(this.dependencies.dataAccess, input.planId, async (plan, tx) => {
      checkExpectedVersion(plan, input.expectedVersion);
      const at = await tx.workflow.transactionTime();
      const childStatuses = rule.requiresChildrenApproved ? await tx.workflow.childStatuses(plan.id) : [];
      // The checks run only where the guard asks for them and the status lets the action through.
      // The checks' reads of the target cells serve the version's snapshot too (same transaction, under the lock).
      const checked =
        (rule.requiresNoBlockingFindings || action === "SUBMIT") && rule.from.includes(plan.status)
          ? await this.dependencies.plans.findingsAndCellsWithin(tx, plan.id)
          : null;
      const findings = checked?.findings ?? null;
      const stored = await tx.workflow.findWaiver(plan.id);
      const waiver: ChildrenWaiver | undefined =
        stored === null
          ? undefined
          : { grantedByUserId: stored.grantedById ?? "", grantedByRole: "HQ_ADMIN", grantedByLevel: "HQ", reason: stored.reason };
      const verdict = transition({
        action,
        status: plan.status,
        unit: { level: found.unit.level, path: found.unit.path },
        actor,
        childStatuses,
        blockingFindings: findings?.blockCount ?? 0,
        ...(waiver === undefined ? {} : { waiver }),
        ...(input.reason === undefined ? {} : { reason: input.reason }),
      });
      if (!verdict.ok) {
        const blocking = findings?.items.filter((item) => item.severity === "BLOCK") ?? [];
        throw refusal(verdict.code, refusalMessage(verdict.code, action, plan.status), {
          ...verdict.params,
          ...(verdict.code === "BLOCKING_FINDINGS"
            ? { findings: [...new Set(blocking.map((item) => item.code))].join(","), blockCount: blocking.length }
            : {}),
        });
      }
      let acknowledged: readonly FindingAcknowledgement[] = [];
      if (action === "SUBMIT") {
        const check = checkWarnAcknowledgements(findings?.items ?? [], input.acknowledgements ?? []);
        if (!check.ok) {
          const params = { checkCodes: check.checkCodes.join(","), count: check.checkCodes.length };
          if (check.code === "WARNINGS_NOT_ACKNOWLEDGED") {
            throw refusal(check.code, "Every warning must be acknowledged with a reason before submitting.", params);
          }
          throw new DomainError(
            "VALIDATION_FAILED",
            check.code === "ACKNOWLEDGEMENT_UNKNOWN"
              ? "An acknowledgement names a check that raised no warning."
              : "An acknowledgement needs a reason.",
            { reason: check.code, params },
          );
        }
        acknowledged = check.acknowledged;
      }

      const kind = VERSION_KIND_OF[action];
      const version =
        kind === undefined
          ? null
          : await tx.workflow.createVersion({
              planId: plan.id,
              kind,
              snapshot: buildPlanVersionSnapshot(
                await tx.workflow.snapshotSource(
                  plan.id,
                  checked?.cells.map((cell) => ({
                    metricId: cell.metricId,
                    month: cell.month,
                    dimensionKey: cell.dimensionKey,
                    baseValue: cell.baseValue,
                    stretchValue: cell.stretchValue,
                    isFigure: cell.breakdownAxis === null,
                  })),
                ),
              ),
              createdById: signedIn.userId,
              at,
            });
      if (action === "REOPEN") await tx.workflow.setChildWaiver(plan.id, null);
      const updated = await tx.plans.update(plan.id, {
        status: verdict.to,
        ...(action === "SUBMIT" ? { submittedAt: at } : {}),
        ...(action === "APPROVE" ? { approvedAt: at } : {}),
      });
      const event = verdict.event;
      const eventId = await tx.workflow.recordEvent({
        planId: plan.id,
        action,
        fromStatus: event.from,
        toStatus: event.to,
        actorId: signedIn.userId,
        reason: event.reason,
        waived: event.waiver !== null,
        waiverGrantedById: event.waiver?.grantedByUserId || null,
        versionId: version?.id ?? null,
        acknowledgements: action === "SUBMIT" ? acknowledged.map((a) => ({ checkCode: a.checkCode, reason: a.reason })) : null,
        at,
      });
      let staleMarked: string[] = [];
      let staleCleared = false;
      if (action === "APPROVE") {
        await tx.targetSummary.recordApproved({
          planId: plan.id,
          cycleId: plan.cycleId,
          orgUnitId: plan.orgUnitId,
          unitPath: found.unit.path,
        });
        if (plan.staleSince !== null && isStaleMarkCleared({ since: plan.staleSince }, { status: "APPROVED", approvedAt: at })) {
          await tx.plans.clearStale(plan.id);
          staleCleared = true;
        }
      }
      if (action === "REOPEN") staleMarked = await markAncestorsStale(tx, plan, found.unit.path, at, event);
      return {
        result: {
          eventId,
          at,
          event: { from: event.from, to: event.to, reason: event.reason, waived: event.waiver !== null },
          version: version && { id: version.id, number: version.number, kind: kind! },
          staleMarked,
        },
        audit: {
          actorId: signedIn.userId,
          action,
          before: { status: plan.status, version: plan.version },
          after: {
            status: updated.status,
            version: updated.version,
            reason: event.reason,
            versionNumber: version?.number ?? null,
            waived: event.waiver !== null,
            ...(event.waiver === null ? {} : { waiverReason: event.waiver.reason }),
            ...(action === "SUBMIT"
              ? { acknowledgements: acknowledged.map((a) => ({ checkCode: a.checkCode, reason: a.reason })) }
              : {}),
            ...(action === "REOPEN" ? { staleMarked } : {}),
            ...(staleCleared ? { staleCleared: true } : {}),
          },
          requestId: request.requestId,
          sessionId: signedIn.sessionId ?? null,
        },
      };
    });
    const planDto = await this.dependencies.plans.planById(signedIn, input.planId);
    const versions = outcome.version === null ? [] : await this.repositories.workflow.listVersions(input.planId);
    const listed = versions.find((v) => v.number === outcome.version?.number);
    const person = await this.repositories.users.findById(signedIn.userId);
    return {
      plan: planDto,
      event: {
        id: outcome.eventId,
        action,
        fromStatus: outcome.event.from,
        toStatus: outcome.event.to,
        reason: outcome.event.reason,
        waived: outcome.event.waived,
        versionNumber: outcome.version?.number ?? null,
        at: outcome.at,
        actor: person && { id: person.id, login: person.login, displayName: person.displayName },
      },
      version: listed === undefined ? null : versionInfo(listed),
      staleMarkedPlanIds: outcome.staleMarked,
    };
  }
}

function checkExpectedVersion(plan: PlanRecord, expected: number | null | undefined): void {
  if (expected !== null && expected !== undefined && plan.version !== expected) {
    throw new DomainError("CONFLICT", `The plan changed since it was read (now version ${plan.version}).`, {
      reason: "PLAN_VERSION_CHANGED",
      params: { expectedVersion: expected, version: plan.version, status: plan.status },
    });
  }
}

function refusalMessage(code: string, action: WorkflowAction, status: PlanStatus): string {
  switch (code) {
    case "INVALID_TRANSITION":
      return `A ${status} plan cannot be ${action.toLowerCase()}ed now: its status changed, or the action does not apply.`;
    case "CHILDREN_NOT_APPROVED":
      return "Every plan below must be approved first (or waived by HQ).";
    case "BLOCKING_FINDINGS":
      return "The plan has blocking findings: fix them first.";
    case "REASON_REQUIRED":
      return "A reason is required.";
    default:
      return `Not allowed (${code}).`;
  }
}

/** On a reopen: every approved ancestor that rolled the plan up becomes stale (a mark already there stays as it is). */
async function markAncestorsStale(
  tx: Repositories,
  plan: PlanRecord,
  unitPath: string,
  at: Date,
  event: Pick<TransitionEvent, "actorUserId" | "actingAs" | "reason">,
): Promise<string[]> {
  const ancestors = await tx.plans.findAncestorPlans(plan.id);
  const marks = staleAncestorsAfterReopen(
    {
      planId: plan.id,
      unitPath,
      approvedAt: plan.approvedAt ?? at,
      reopenedAt: at,
      reopenedByUserId: event.actorUserId,
      reopenedByRole: event.actingAs.role,
      reopenedByUnitPath: event.actingAs.unitPath,
      reason: event.reason ?? "",
    },
    ancestors,
  );
  const fresh: typeof marks = [];
  for (const mark of marks) {
    const ancestor = await tx.plans.findById(mark.planId);
    if (ancestor !== null && ancestor.staleSince === null) fresh.push(mark);
  }
  await tx.plans.markStale(
    fresh.map((mark) => ({ planId: mark.planId, since: mark.since, reason: mark.reason.params.reason, causePlanId: plan.id })),
  );
  return fresh.map((mark) => mark.planId);
}

function activityDto(record: PlanActivityRecord): PlanActivityEntryDto {
  return {
    source: record.source,
    id: record.id,
    at: record.at,
    actor: record.actor,
    action: record.action,
    entity: record.entity,
    entityId: record.entityId,
    fromStatus: record.fromStatus,
    toStatus: record.toStatus,
    reason: record.reason,
    waived: record.waived,
    versionNumber: record.versionNumber,
    beforeJson: record.before === null ? null : JSON.stringify(record.before),
    afterJson: record.after === null ? null : JSON.stringify(record.after),
  };
}
