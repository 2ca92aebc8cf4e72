import { describe, expect, it } from "vitest";
import { PLAN_STATUSES, ROLES, type OrgLevel, type PlanStatus, type Role } from "./org.js";
import {
  WORKFLOW_ACTIONS,
  availableActions,
  isPlanEditable,
  transition,
  type TransitionContext,
  type TransitionRequest,
  type WorkflowAction,
} from "./workflow.js";

// The plan under test belongs to the Guangzhou city office.
const PLAN_UNIT = { level: "CITY" as OrgLevel, path: "/HQ/GD/GZ/" };
const POSITIONS = {
  SELF: { level: "CITY", path: "/HQ/GD/GZ/" },
  PARENT: { level: "PROVINCE", path: "/HQ/GD/" },
  HQ: { level: "HQ", path: "/HQ/" },
  SIBLING: { level: "CITY", path: "/HQ/GD/SZ/" },
  CHILD: { level: "COUNTY", path: "/HQ/GD/GZ/PY/" },
  // Same prefix letters, different unit: must not count as the parent.
  LOOKALIKE: { level: "PROVINCE", path: "/HQ/G/" },
} as const satisfies Record<string, { level: OrgLevel; path: string }>;
type Position = keyof typeof POSITIONS;

// Written from DOMAIN.md section 2, independently of the transition table.
function expectedOutcome(status: PlanStatus, action: WorkflowAction, role: Role, position: Position): string {
  const validFrom: Record<WorkflowAction, PlanStatus[]> = {
    SUBMIT: ["DRAFT", "RETURNED"],
    WITHDRAW: ["SUBMITTED"],
    APPROVE: ["SUBMITTED"],
    RETURN: ["SUBMITTED"],
    REOPEN: ["APPROVED"],
    RESUME: ["REOPENED"], // APPROVED → REOPENED → DRAFT
  };
  if (!validFrom[action].includes(status)) return "INVALID_TRANSITION";
  const ownUnitAction = action === "SUBMIT" || action === "WITHDRAW" || action === "RESUME";
  if (ownUnitAction) {
    if (role !== "PLANNER") return "NOT_ALLOWED_FOR_ROLE";
    if (position === "SELF") return "OK";
    return position === "PARENT" || position === "HQ" ? "OWN_UNIT_ONLY" : "OUTSIDE_SUBTREE";
  }
  if (role !== "REVIEWER" && role !== "HQ_ADMIN") return "NOT_ALLOWED_FOR_ROLE";
  if (position === "PARENT" || position === "HQ") return "OK";
  return position === "SELF" ? "CANNOT_REVIEW_OWN_PLAN" : "OUTSIDE_SUBTREE";
}

const TARGET_STATUS: Record<WorkflowAction, PlanStatus> = {
  SUBMIT: "SUBMITTED",
  WITHDRAW: "DRAFT",
  APPROVE: "APPROVED",
  RETURN: "RETURNED",
  REOPEN: "REOPENED",
  RESUME: "DRAFT",
};

function request(overrides: Partial<TransitionRequest> & Pick<TransitionRequest, "action" | "status">): TransitionRequest {
  return {
    unit: PLAN_UNIT,
    actor: { role: "PLANNER", unit: POSITIONS.SELF },
    childStatuses: ["APPROVED", "APPROVED"],
    blockingFindings: 0,
    reason: "理由",
    ...overrides,
  };
}

describe("workflow transition table, exhaustively", () => {
  const cases = PLAN_STATUSES.flatMap((status) =>
    WORKFLOW_ACTIONS.flatMap((action) =>
      ROLES.flatMap((role) => (Object.keys(POSITIONS) as Position[]).map((position) => ({ status, action, role, position }))),
    ),
  );

  it("covers every status × action × role × position", () => {
    expect(cases).toHaveLength(5 * 6 * 5 * 6);
  });

  it.each(cases)("$status $action by $role at $position", ({ status, action, role, position }) => {
    const result = transition(request({ status, action, actor: { role, unit: POSITIONS[position] } }));
    const expected = expectedOutcome(status, action, role, position);
    if (expected === "OK") {
      expect(result).toEqual({
        ok: true,
        to: TARGET_STATUS[action],
        event: { from: status, to: TARGET_STATUS[action], action, reason: "理由", waiver: null },
      });
    } else {
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.code).toBe(expected);
    }
  });

  it("offers exactly the actions that would succeed, for every combination", () => {
    for (const status of PLAN_STATUSES) {
      for (const role of ROLES) {
        for (const position of Object.keys(POSITIONS) as Position[]) {
          const context: TransitionContext = request({ status, action: "SUBMIT", actor: { role, unit: POSITIONS[position] } });
          const offered = availableActions(context).map((a) => a.action);
          const succeeding = WORKFLOW_ACTIONS.filter((action) => transition({ ...context, action, reason: "r" }).ok);
          expect(offered).toEqual(succeeding);
        }
      }
    }
  });
});

describe("workflow preconditions", () => {
  const parentReviewer = { role: "REVIEWER" as Role, unit: POSITIONS.PARENT };

  it("requires a reason to return or reopen, and trims it", () => {
    for (const action of ["RETURN", "REOPEN"] as const) {
      const status = action === "RETURN" ? "SUBMITTED" : "APPROVED";
      const refused = transition(request({ status, action, actor: parentReviewer, reason: "  " }));
      expect(refused).toEqual({ ok: false, code: "REASON_REQUIRED", params: { action } });
      const accepted = transition(request({ status, action, actor: parentReviewer, reason: " 利润目标偏低 " }));
      expect(accepted.ok && accepted.event.reason).toBe("利润目标偏低");
    }
    const submitted = transition(request({ status: "DRAFT", action: "SUBMIT", reason: undefined }));
    expect(submitted.ok && submitted.event.reason).toBeNull();
  });

  it("refuses to submit or approve while a child is not approved", () => {
    const childStatuses: PlanStatus[] = ["APPROVED", "SUBMITTED", "RETURNED"];
    expect(transition(request({ status: "DRAFT", action: "SUBMIT", childStatuses }))).toEqual({
      ok: false,
      code: "CHILDREN_NOT_APPROVED",
      params: { pending: 2, total: 3 },
    });
    const approve = transition(request({ status: "SUBMITTED", action: "APPROVE", actor: parentReviewer, childStatuses }));
    expect(!approve.ok && approve.code).toBe("CHILDREN_NOT_APPROVED");
    // Returning does not wait for the children.
    expect(transition(request({ status: "SUBMITTED", action: "RETURN", actor: parentReviewer, childStatuses })).ok).toBe(true);
    // A county has no children at all.
    expect(transition(request({ status: "DRAFT", action: "SUBMIT", childStatuses: [] })).ok).toBe(true);
  });

  it("accepts HQ's waiver, records it, and refuses a waiver not from HQ", () => {
    const childStatuses: PlanStatus[] = ["DRAFT"];
    const waiver = { grantedByRole: "HQ_ADMIN" as Role, grantedByLevel: "HQ" as OrgLevel, reason: " 县级市场新设 " };
    const result = transition(request({ status: "DRAFT", action: "SUBMIT", childStatuses, waiver }));
    expect(result.ok && result.event.waiver).toEqual({ ...waiver, reason: "县级市场新设" });
    for (const bad of [
      { ...waiver, grantedByLevel: "PROVINCE" as OrgLevel },
      { ...waiver, grantedByRole: "REVIEWER" as Role },
      { ...waiver, reason: "" },
    ]) {
      const refused = transition(request({ status: "DRAFT", action: "SUBMIT", childStatuses, waiver: bad }));
      expect(!refused.ok && refused.code).toBe("WAIVER_INVALID");
    }
    // A waiver is not needed, and not recorded, when every child is approved.
    const plain = transition(request({ status: "DRAFT", action: "SUBMIT", waiver }));
    expect(plain.ok && plain.event.waiver).toBeNull();
  });

  it("refuses to submit or approve with blocking findings, which no waiver lifts", () => {
    const waiver = { grantedByRole: "HQ_ADMIN" as Role, grantedByLevel: "HQ" as OrgLevel, reason: "w" };
    expect(transition(request({ status: "RETURNED", action: "SUBMIT", blockingFindings: 3, waiver }))).toEqual({
      ok: false,
      code: "BLOCKING_FINDINGS",
      params: { count: 3 },
    });
    const approve = transition(request({ status: "SUBMITTED", action: "APPROVE", actor: parentReviewer, blockingFindings: 1 }));
    expect(!approve.ok && approve.code).toBe("BLOCKING_FINDINGS");
    expect(transition(request({ status: "SUBMITTED", action: "WITHDRAW", blockingFindings: 1 })).ok).toBe(true);
  });

  it("lets HQ's own plan be approved, returned and reopened by an HQ_ADMIN of HQ only", () => {
    const hq = { level: "HQ" as OrgLevel, path: "/HQ/" };
    const at = (role: Role) => ({ role, unit: hq });
    const hqRequest = (status: PlanStatus, action: WorkflowAction, role: Role) =>
      transition(request({ unit: hq, status, action, actor: at(role) }));
    expect(hqRequest("SUBMITTED", "APPROVE", "HQ_ADMIN").ok).toBe(true);
    expect(hqRequest("SUBMITTED", "RETURN", "HQ_ADMIN").ok).toBe(true);
    expect(hqRequest("APPROVED", "REOPEN", "HQ_ADMIN").ok).toBe(true);
    expect(hqRequest("DRAFT", "SUBMIT", "PLANNER").ok).toBe(true);
    const reviewer = hqRequest("SUBMITTED", "APPROVE", "REVIEWER");
    expect(!reviewer.ok && reviewer.code).toBe("CANNOT_REVIEW_OWN_PLAN");
  });

  it("offers disabled buttons with the blocking reason", () => {
    const actions = availableActions(
      request({ status: "DRAFT", action: "SUBMIT", childStatuses: ["SUBMITTED"], blockingFindings: 2 }),
    );
    expect(actions).toEqual([
      {
        action: "SUBMIT",
        to: "SUBMITTED",
        reasonRequired: false,
        enabled: false,
        blockedBy: { code: "CHILDREN_NOT_APPROVED", params: { pending: 1, total: 1 } },
      },
    ]);
    const review = availableActions(request({ status: "SUBMITTED", action: "APPROVE", actor: parentReviewer }));
    expect(review.map((a) => [a.action, a.reasonRequired, a.enabled])).toEqual([
      ["APPROVE", false, true],
      ["RETURN", true, true],
    ]);
    expect(availableActions(request({ status: "APPROVED", action: "SUBMIT", actor: { role: "FINANCE", unit: POSITIONS.HQ } }))).toEqual([]);
  });

  it("lets the plan's own unit edit only in DRAFT and RETURNED (DOMAIN.md section 2)", () => {
    expect(PLAN_STATUSES.filter(isPlanEditable)).toEqual(["DRAFT", "RETURNED"]);
  });

  it("takes a reopened plan back to DRAFT before it can be edited and resubmitted", () => {
    const reopened = request({ status: "REOPENED", action: "SUBMIT", reason: undefined });
    expect(transition(reopened)).toMatchObject({ ok: false, code: "INVALID_TRANSITION" });
    expect(transition({ ...reopened, action: "RESUME" })).toEqual({
      ok: true,
      to: "DRAFT",
      event: { from: "REOPENED", to: "DRAFT", action: "RESUME", reason: null, waiver: null },
    });
    // only the plan's own unit resumes it; the reviewer above reopened it
    const parent = { role: "REVIEWER" as Role, unit: POSITIONS.PARENT };
    expect(transition({ ...reopened, action: "RESUME", actor: parent })).toMatchObject({ ok: false, code: "NOT_ALLOWED_FOR_ROLE" });
  });
});
