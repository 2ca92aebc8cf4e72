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
// The server calls `transition` inside its transaction, after loading the
// plan, its children's statuses and its blocking findings, and writes the
// returned event with who and when.
import { isStrictAncestor, type OrgLevel, type PlanStatus, type Role } from "./org.js";

export const WORKFLOW_ACTIONS = ["SUBMIT", "WITHDRAW", "APPROVE", "RETURN", "REOPEN", "RESUME"] as const;
export type WorkflowAction = (typeof WORKFLOW_ACTIONS)[number];

export const WORKFLOW_ACTION_LABELS: Readonly<Record<WorkflowAction, { zh: string; en: string }>> = {
  SUBMIT: { zh: "提交", en: "Submit" },
  WITHDRAW: { zh: "撤回", en: "Withdraw" },
  APPROVE: { zh: "审核通过", en: "Approve" },
  RETURN: { zh: "退回修改", en: "Return for revision" },
  REOPEN: { zh: "重新打开", en: "Reopen" },
  RESUME: { zh: "重新编制", en: "Resume drafting" },
};

/**
 * Who may act relative to the plan's unit:
 * OWN_UNIT — an actor of the plan's own unit;
 * ABOVE — an actor of a unit strictly above it (normally the parent); for the
 * top unit (HQ), which has nobody above, an HQ_ADMIN of the unit itself.
 */
export type ActorScope = "OWN_UNIT" | "ABOVE";

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
    scope: "ABOVE",
    reasonRequired: false,
    requiresChildrenApproved: true,
    requiresNoBlockingFindings: true,
  },
  {
    action: "RETURN",
    from: ["SUBMITTED"],
    to: "RETURNED",
    roles: REVIEWERS,
    scope: "ABOVE",
    reasonRequired: true,
    requiresChildrenApproved: false,
    requiresNoBlockingFindings: false,
  },
  {
    action: "REOPEN",
    from: ["APPROVED"],
    to: "REOPENED",
    roles: REVIEWERS,
    scope: "ABOVE",
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

export interface WorkflowActor {
  readonly role: Role;
  readonly unit: WorkflowUnit;
}

/** HQ's permission to submit while some children are not approved. */
export interface ChildrenWaiver {
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
  /** Set when a submit or approval went through on HQ's waiver. */
  readonly waiver: ChildrenWaiver | null;
}

export type WorkflowErrorParams = Record<string, string | number>;

export type TransitionResult =
  | { readonly ok: true; readonly to: PlanStatus; readonly event: TransitionEvent }
  | { readonly ok: false; readonly code: WorkflowErrorCode; readonly params: WorkflowErrorParams };

type Failure = Extract<TransitionResult, { ok: false }>;

const fail = (code: WorkflowErrorCode, params: WorkflowErrorParams = {}): Failure => ({ ok: false, code, params });

const RULE_BY_ACTION: ReadonlyMap<WorkflowAction, TransitionRule> = new Map(
  TRANSITION_TABLE.map((rule) => [rule.action, rule]),
);

function ruleFor(action: WorkflowAction): TransitionRule {
  const rule = RULE_BY_ACTION.get(action);
  if (!rule) throw new RangeError(`no workflow rule for action ${action}`);
  return rule;
}

/** Role and org position only: may this actor ever take this action on this plan? */
function checkActor(rule: TransitionRule, context: TransitionContext): Failure | null {
  const { actor, unit } = context;
  if (!rule.roles.includes(actor.role)) {
    return fail("NOT_ALLOWED_FOR_ROLE", { role: actor.role, action: rule.action });
  }
  const sameUnit = actor.unit.path === unit.path;
  if (rule.scope === "OWN_UNIT") {
    if (sameUnit) return null;
    return isStrictAncestor(actor.unit.path, unit.path)
      ? fail("OWN_UNIT_ONLY", { action: rule.action })
      : fail("OUTSIDE_SUBTREE", { action: rule.action });
  }
  if (isStrictAncestor(actor.unit.path, unit.path)) return null;
  // Nobody sits above HQ, so its own HQ_ADMIN approves, returns and reopens its plan.
  if (sameUnit && unit.level === "HQ" && actor.role === "HQ_ADMIN") return null;
  return sameUnit ? fail("CANNOT_REVIEW_OWN_PLAN", { action: rule.action }) : fail("OUTSIDE_SUBTREE", { action: rule.action });
}

function isValidWaiver(waiver: ChildrenWaiver | undefined): waiver is ChildrenWaiver {
  return (
    waiver !== undefined &&
    waiver.grantedByLevel === "HQ" &&
    waiver.grantedByRole === "HQ_ADMIN" &&
    waiver.reason.trim() !== ""
  );
}

/** Preconditions on the plan's content; returns the waiver used, if one was needed. */
function checkPreconditions(
  rule: TransitionRule,
  context: TransitionContext,
): Failure | { waiverUsed: ChildrenWaiver | null } {
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
  const actorFailure = checkActor(rule, request);
  if (actorFailure) return actorFailure;
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
 * The buttons to show this actor: every action their role and place allow from
 * the current status, disabled (with the reason) when a precondition fails.
 */
export function availableActions(context: TransitionContext): AvailableAction[] {
  const actions: AvailableAction[] = [];
  for (const rule of TRANSITION_TABLE) {
    if (!rule.from.includes(context.status) || checkActor(rule, context) !== null) continue;
    const preconditions = checkPreconditions(rule, context);
    const blockedBy = "ok" in preconditions ? { code: preconditions.code, params: preconditions.params } : null;
    actions.push({ action: rule.action, to: rule.to, reasonRequired: rule.reasonRequired, enabled: blockedBy === null, blockedBy });
  }
  return actions;
}
