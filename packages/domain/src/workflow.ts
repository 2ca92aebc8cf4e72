// The plan workflow (至下而上, 逐级论证, 层层把关) as one table and one guard.
//
//   DRAFT ──SUBMIT──▶ SUBMITTED ──APPROVE──▶ APPROVED ──REOPEN──▶ REOPENED
//     ▲ ▲               │  │                                        │
//     │ └───WITHDRAW────┘  └──RETURN──▶ RETURNED ──SUBMIT──▶ …      │
//     └──────────────────────────RESUME─────────────────────────────┘
//
// As DOMAIN.md section 2 has it: APPROVED → REOPENED (a reviewer above, with a
// reason) → DRAFT. REOPENED itself is not editable; the unit RESUMEs the plan
// (its own planner, an event of its own, the WorkflowAction RESUME the
// database records), and edits and resubmits it as a draft. A plan is
// editable only in DRAFT and RETURNED.
//
// Who acts (逐级, level by level):
//   SUBMIT, WITHDRAW, RESUME  a PLANNER of the plan's own unit.
//   APPROVE, RETURN           a REVIEWER or HQ_ADMIN of the DIRECT parent unit
//                             only; HQ's own top plan, with nobody above it, by
//                             an HQ_ADMIN of HQ. Levels further up see the plan
//                             but are refused with NOT_DIRECT_PARENT.
//   REOPEN                    a REVIEWER or HQ_ADMIN of the direct parent, or
//                             any HQ_ADMIN of HQ ("HQ can reopen any plan with
//                             a reason").
//   waiver (children not all approved)  an HQ_ADMIN of HQ, recorded with who.
// There is deliberately no HQ override that approves or returns over a level's
// head: HQ acts through REOPEN and the waiver, as DOMAIN.md says.
//
// A person may hold several role assignments (user × role × org unit: a city
// manager plans the city and reviews its counties). An action is allowed when
// one assignment allows it; the event records which one. When none does, the
// refusal is the most informative one (see `refusalRank`).
//
// The server calls `transition` inside its transaction, after loading the
// plan, its children's statuses and its blocking findings, and writes the
// returned event with who and when.
import { isDirectParent, isInSubtree, isStrictAncestor, parentPathOf, type OrgLevel, type PlanStatus, type Role } from "./org.js";

export const WORKFLOW_ACTIONS = ["SUBMIT", "WITHDRAW", "APPROVE", "RETURN", "REOPEN", "RESUME"] as const;
export type WorkflowAction = (typeof WORKFLOW_ACTIONS)[number];

/** The words of UI.md's table for the buttons. */
export const WORKFLOW_ACTION_LABELS: Readonly<Record<WorkflowAction, { zh: string; en: string }>> = {
  SUBMIT: { zh: "提交", en: "Submit" },
  WITHDRAW: { zh: "撤回", en: "Withdraw" },
  APPROVE: { zh: "批准", en: "Approve" },
  RETURN: { zh: "退回修改", en: "Return for changes" },
  REOPEN: { zh: "重新打开", en: "Reopen" },
  RESUME: { zh: "继续编辑", en: "Resume editing" },
};

/**
 * Where the acting assignment must sit relative to the plan's unit:
 * OWN_UNIT — the plan's own unit;
 * DIRECT_PARENT — the unit directly above (for the top unit, which has nobody
 * above, an HQ_ADMIN of the unit itself);
 * DIRECT_PARENT_OR_HQ — as DIRECT_PARENT, or an HQ_ADMIN of HQ for any plan.
 */
export type ActorScope = "OWN_UNIT" | "DIRECT_PARENT" | "DIRECT_PARENT_OR_HQ";

export interface TransitionRule {
  readonly action: WorkflowAction;
  readonly from: readonly PlanStatus[];
  readonly to: PlanStatus;
  readonly roles: readonly Role[];
  readonly scope: ActorScope;
  readonly reasonRequired: boolean;
  /** Every child plan APPROVED, unless HQ waived it (the waiver goes into the event). */
  readonly requiresChildrenApproved: boolean;
  /** No BLOCK finding from the plan checks. */
  readonly requiresNoBlockingFindings: boolean;
}

const REVIEWERS: readonly Role[] = ["REVIEWER", "HQ_ADMIN"];

export const TRANSITION_TABLE: readonly TransitionRule[] = [
  {
    action: "SUBMIT",
    from: ["DRAFT", "RETURNED"],
    to: "SUBMITTED",
    roles: ["PLANNER"],
    scope: "OWN_UNIT",
    reasonRequired: false,
    requiresChildrenApproved: true,
    requiresNoBlockingFindings: true,
  },
  {
    // Taking a submission back before anyone reviewed it; nothing is lost.
    action: "WITHDRAW",
    from: ["SUBMITTED"],
    to: "DRAFT",
    roles: ["PLANNER"],
    scope: "OWN_UNIT",
    reasonRequired: false,
    requiresChildrenApproved: false,
    requiresNoBlockingFindings: false,
  },
  {
    // Re-checked at approval: a child may have been reopened since the submit.
    action: "APPROVE",
    from: ["SUBMITTED"],
    to: "APPROVED",
    roles: REVIEWERS,
    scope: "DIRECT_PARENT",
    reasonRequired: false,
    requiresChildrenApproved: true,
    requiresNoBlockingFindings: true,
  },
  {
    action: "RETURN",
    from: ["SUBMITTED"],
    to: "RETURNED",
    roles: REVIEWERS,
    scope: "DIRECT_PARENT",
    reasonRequired: true,
    requiresChildrenApproved: false,
    requiresNoBlockingFindings: false,
  },
  {
    action: "REOPEN",
    from: ["APPROVED"],
    to: "REOPENED",
    roles: REVIEWERS,
    scope: "DIRECT_PARENT_OR_HQ",
    reasonRequired: true,
    requiresChildrenApproved: false,
    requiresNoBlockingFindings: false,
  },
  {
    // The unit takes its reopened plan back into drafting (the reason is on the REOPEN).
    action: "RESUME",
    from: ["REOPENED"],
    to: "DRAFT",
    roles: ["PLANNER"],
    scope: "OWN_UNIT",
    reasonRequired: false,
    requiresChildrenApproved: false,
    requiresNoBlockingFindings: false,
  },
];

const EDITABLE: ReadonlySet<PlanStatus> = new Set(["DRAFT", "RETURNED"]);

/** The plan's own unit may edit targets, expenses and text only in these statuses. */
export function isPlanEditable(status: PlanStatus): boolean {
  return EDITABLE.has(status);
}

export interface WorkflowUnit {
  readonly level: OrgLevel;
  /** Materialised path, e.g. "/HQ/GD/GZ/". */
  readonly path: string;
}

/** One role a person holds at one org unit. */
export interface RoleAssignment {
  readonly role: Role;
  readonly unit: WorkflowUnit;
}

/** The person acting, with every role assignment they hold. */
export interface WorkflowActor {
  readonly userId: string;
  readonly assignments: readonly RoleAssignment[];
}

/** HQ's permission to submit or approve while some children are not approved. */
export interface ChildrenWaiver {
  /** The HQ_ADMIN who granted it, for the record. */
  readonly grantedByUserId: string;
  readonly grantedByRole: Role;
  readonly grantedByLevel: OrgLevel;
  readonly reason: string;
}

export interface TransitionContext {
  readonly status: PlanStatus;
  readonly unit: WorkflowUnit;
  readonly actor: WorkflowActor;
  readonly childStatuses: readonly PlanStatus[];
  readonly blockingFindings: number;
  readonly waiver?: ChildrenWaiver;
}

export interface TransitionRequest extends TransitionContext {
  readonly action: WorkflowAction;
  readonly reason?: string;
}

export type WorkflowErrorCode =
  | "INVALID_TRANSITION"
  | "NOT_ALLOWED_FOR_ROLE"
  | "OUTSIDE_SUBTREE"
  | "OWN_UNIT_ONLY"
  | "NOT_DIRECT_PARENT"
  | "CANNOT_REVIEW_OWN_PLAN"
  | "REASON_REQUIRED"
  | "WAIVER_INVALID"
  | "CHILDREN_NOT_APPROVED"
  | "BLOCKING_FINDINGS";

export interface TransitionEvent {
  readonly from: PlanStatus;
  readonly to: PlanStatus;
  readonly action: WorkflowAction;
  readonly reason: string | null;
  readonly actorUserId: string;
  /** The assignment that allowed the action. */
  readonly actingAs: { readonly role: Role; readonly unitPath: string };
  /** Set when a submit or approval went through on HQ's waiver. */
  readonly waiver: ChildrenWaiver | null;
}

export type WorkflowErrorParams = Record<string, string | number>;

export type TransitionResult =
  | { readonly ok: true; readonly to: PlanStatus; readonly event: TransitionEvent }
  | { readonly ok: false; readonly code: WorkflowErrorCode; readonly params: WorkflowErrorParams };

type Failure = Extract<TransitionResult, { ok: false }>;

const fail = (code: WorkflowErrorCode, params: WorkflowErrorParams = {}): Failure => ({ ok: false, code, params });

const RULE_BY_ACTION: ReadonlyMap<WorkflowAction, TransitionRule> = new Map(TRANSITION_TABLE.map((rule) => [rule.action, rule]));

function ruleFor(action: WorkflowAction): TransitionRule {
  const rule = RULE_BY_ACTION.get(action);
  if (!rule) throw new RangeError(`no workflow rule for action ${action}`);
  return rule;
}

/** Org position only: may an assignment at this unit, with this role, act here? */
function checkPosition(rule: TransitionRule, assignment: RoleAssignment, unit: WorkflowUnit): Failure | null {
  const action = rule.action;
  const actorPath = assignment.unit.path;
  if (rule.scope === "OWN_UNIT") {
    if (actorPath === unit.path) return null;
    return isStrictAncestor(actorPath, unit.path) ? fail("OWN_UNIT_ONLY", { action }) : fail("OUTSIDE_SUBTREE", { action });
  }
  const hqAdmin = assignment.role === "HQ_ADMIN" && assignment.unit.level === "HQ";
  if (rule.scope === "DIRECT_PARENT_OR_HQ" && hqAdmin && isInSubtree(unit.path, actorPath)) return null;
  if (isDirectParent(actorPath, unit.path)) return null;
  const parentPath = parentPathOf(unit.path);
  if (actorPath === unit.path) {
    // Nobody sits above the top unit, so its own HQ_ADMIN approves, returns and reopens its plan.
    return parentPath === null && assignment.role === "HQ_ADMIN" ? null : fail("CANNOT_REVIEW_OWN_PLAN", { action });
  }
  if (isStrictAncestor(actorPath, unit.path)) return fail("NOT_DIRECT_PARENT", { action, directParent: parentPath ?? "" });
  return fail("OUTSIDE_SUBTREE", { action });
}

interface Refusal {
  readonly failure: Failure;
  /** Lower is more informative. */
  readonly rank: number;
}

// One thing wrong says more than two; among one-thing-wrong refusals, the
// nearer the actor sits to the right place, the more the message helps.
const POSITION_RANK: Partial<Record<WorkflowErrorCode, number>> = {
  NOT_DIRECT_PARENT: 0,
  NOT_ALLOWED_FOR_ROLE: 1, // the right place, the wrong role
  OWN_UNIT_ONLY: 2,
  CANNOT_REVIEW_OWN_PLAN: 3,
  OUTSIDE_SUBTREE: 4,
};
const ROLE_AND_PLACE_WRONG_RANK = 5;

function refusalRank(failure: Failure, roleAllowed: boolean, positionAllowed: boolean): number {
  if (!roleAllowed && !positionAllowed) return ROLE_AND_PLACE_WRONG_RANK;
  return POSITION_RANK[failure.code] ?? ROLE_AND_PLACE_WRONG_RANK;
}

/** Role and org position of one assignment: null when it allows the action. */
function checkAssignment(rule: TransitionRule, assignment: RoleAssignment, unit: WorkflowUnit): Refusal | null {
  const roleAllowed = rule.roles.includes(assignment.role);
  const positionFailure = checkPosition(rule, assignment, unit);
  if (roleAllowed && positionFailure === null) return null;
  // As for a single assignment: the role is named first.
  const failure = roleAllowed ? positionFailure! : fail("NOT_ALLOWED_FOR_ROLE", { role: assignment.role, action: rule.action });
  return { failure, rank: refusalRank(failure, roleAllowed, positionFailure === null) };
}

/** The first assignment that allows the action, or the most informative refusal. */
function checkActor(rule: TransitionRule, context: TransitionContext): { assignment: RoleAssignment } | Failure {
  let best: Refusal | null = null;
  for (const assignment of context.actor.assignments) {
    const refusal = checkAssignment(rule, assignment, context.unit);
    if (refusal === null) return { assignment };
    if (best === null || refusal.rank < best.rank) best = refusal;
  }
  return best?.failure ?? fail("NOT_ALLOWED_FOR_ROLE", { role: "", action: rule.action });
}

function isValidWaiver(waiver: ChildrenWaiver | undefined): waiver is ChildrenWaiver {
  return (
    waiver !== undefined &&
    waiver.grantedByLevel === "HQ" &&
    waiver.grantedByRole === "HQ_ADMIN" &&
    waiver.grantedByUserId.trim() !== "" &&
    waiver.reason.trim() !== ""
  );
}

export type WaiverGrant =
  | { readonly ok: true; readonly waiver: ChildrenWaiver }
  | { readonly ok: false; readonly code: "NOT_ALLOWED_FOR_ROLE" | "REASON_REQUIRED"; readonly params: WorkflowErrorParams };

/** Only an HQ_ADMIN of HQ waives the children rule; the waiver names them and their reason. */
export function grantChildrenWaiver(actor: WorkflowActor, reason: string): WaiverGrant {
  const granting = actor.assignments.find((a) => a.role === "HQ_ADMIN" && a.unit.level === "HQ");
  if (granting === undefined) return { ok: false, code: "NOT_ALLOWED_FOR_ROLE", params: { role: "", action: "WAIVE" } };
  const trimmed = reason.trim();
  if (trimmed === "") return { ok: false, code: "REASON_REQUIRED", params: { action: "WAIVE" } };
  return {
    ok: true,
    waiver: { grantedByUserId: actor.userId, grantedByRole: granting.role, grantedByLevel: granting.unit.level, reason: trimmed },
  };
}

/** Preconditions on the plan's content; returns the waiver used, if one was needed. */
function checkPreconditions(rule: TransitionRule, context: TransitionContext): Failure | { waiverUsed: ChildrenWaiver | null } {
  let waiverUsed: ChildrenWaiver | null = null;
  if (rule.requiresChildrenApproved) {
    const pending = context.childStatuses.filter((status) => status !== "APPROVED").length;
    if (pending > 0) {
      if (context.waiver !== undefined && !isValidWaiver(context.waiver)) return fail("WAIVER_INVALID");
      if (!isValidWaiver(context.waiver)) {
        return fail("CHILDREN_NOT_APPROVED", { pending, total: context.childStatuses.length });
      }
      waiverUsed = { ...context.waiver, reason: context.waiver.reason.trim() };
    }
  }
  if (rule.requiresNoBlockingFindings && context.blockingFindings > 0) {
    return fail("BLOCKING_FINDINGS", { count: context.blockingFindings });
  }
  return { waiverUsed };
}

/**
 * The one guard for every status change. Checks, in order: the action exists
 * from this status; the actor's role and place in the tree; the reason; the
 * children and the blocking findings. The first failure is returned.
 */
export function transition(request: TransitionRequest): TransitionResult {
  const rule = ruleFor(request.action);
  if (!rule.from.includes(request.status)) {
    return fail("INVALID_TRANSITION", { from: request.status, action: request.action });
  }
  const allowed = checkActor(rule, request);
  if ("ok" in allowed) return allowed;
  const reason = request.reason?.trim() ?? "";
  if (rule.reasonRequired && reason === "") return fail("REASON_REQUIRED", { action: request.action });
  const preconditions = checkPreconditions(rule, request);
  if ("ok" in preconditions) return preconditions;
  return {
    ok: true,
    to: rule.to,
    event: {
      from: request.status,
      to: rule.to,
      action: rule.action,
      reason: reason === "" ? null : reason,
      actorUserId: request.actor.userId,
      actingAs: { role: allowed.assignment.role, unitPath: allowed.assignment.unit.path },
      waiver: preconditions.waiverUsed,
    },
  };
}

export interface AvailableAction {
  readonly action: WorkflowAction;
  readonly to: PlanStatus;
  readonly reasonRequired: boolean;
  /** False when the actor may take the action but the plan is not ready (children, findings). */
  readonly enabled: boolean;
  readonly blockedBy: { readonly code: WorkflowErrorCode; readonly params: WorkflowErrorParams } | null;
}

/**
 * The buttons to show this actor: every action one of their assignments allows
 * from the current status, disabled (with the reason) when a precondition fails.
 */
export function availableActions(context: TransitionContext): AvailableAction[] {
  const actions: AvailableAction[] = [];
  for (const rule of TRANSITION_TABLE) {
    if (!rule.from.includes(context.status) || "ok" in checkActor(rule, context)) continue;
    const preconditions = checkPreconditions(rule, context);
    const blockedBy = "ok" in preconditions ? { code: preconditions.code, params: preconditions.params } : null;
    actions.push({
      action: rule.action,
      to: rule.to,
      reasonRequired: rule.reasonRequired,
      enabled: blockedBy === null,
      blockedBy,
    });
  }
  return actions;
}
