import { describe, expect, it } from "vitest";
import { PLAN_STATUSES, ROLES, type OrgLevel, type PlanStatus, type Role } from "./org.js";
import {
  WORKFLOW_ACTIONS,
  availableActions,
  grantChildrenWaiver,
  isPlanEditable,
  transition,
  type RoleAssignment,
  type TransitionContext,
  type TransitionRequest,
  type WorkflowAction,
  type WorkflowActor,
} from "./workflow.js";

// A four-level tree: HQ, one province, one city, two counties.
const UNITS = {
  HQ: { level: "HQ", path: "/HQ/" },
  GD: { level: "PROVINCE", path: "/HQ/GD/" },
  GZ: { level: "CITY", path: "/HQ/GD/GZ/" },
  PY: { level: "COUNTY", path: "/HQ/GD/GZ/PY/" },
  HD: { level: "COUNTY", path: "/HQ/GD/GZ/HD/" },
} as const satisfies Record<string, { level: OrgLevel; path: string }>;
type UnitName = keyof typeof UNITS;
const UNIT_NAMES = Object.keys(UNITS) as UnitName[];

// Where the actor's unit sits relative to the plan's unit, written out by hand
// for this tree (not computed from the paths): PLAN_UNIT → ACTOR_UNIT → relation.
type Relation = "SELF" | "PARENT" | "ABOVE" | "BELOW" | "SIBLING";
const RELATION: Record<UnitName, Record<UnitName, Relation>> = {
  HQ: { HQ: "SELF", GD: "BELOW", GZ: "BELOW", PY: "BELOW", HD: "BELOW" },
  GD: { HQ: "PARENT", GD: "SELF", GZ: "BELOW", PY: "BELOW", HD: "BELOW" },
  GZ: { HQ: "ABOVE", GD: "PARENT", GZ: "SELF", PY: "BELOW", HD: "BELOW" },
  PY: { HQ: "ABOVE", GD: "ABOVE", GZ: "PARENT", PY: "SELF", HD: "SIBLING" },
  HD: { HQ: "ABOVE", GD: "ABOVE", GZ: "PARENT", PY: "SIBLING", HD: "SELF" },
};

// The permission table, from DOMAIN.md section 2, for one actor holding one role:
// - the plan's own unit drafts: SUBMIT, WITHDRAW and RESUME by its PLANNER only;
// - "only the direct parent returns or approves a plan": REVIEWER or HQ_ADMIN of
//   the parent; HQ's own plan, with nobody above, by its HQ_ADMIN;
// - "levels further up see it but act only through HQ's reopen and waiver":
//   an HQ_ADMIN of HQ reopens any plan; other higher levels are not the direct parent.
function expectedOutcome(status: PlanStatus, action: WorkflowAction, role: Role, plan: UnitName, actor: UnitName): string {
  const validFrom: Record<WorkflowAction, PlanStatus[]> = {
    SUBMIT: ["DRAFT", "RETURNED"],
    WITHDRAW: ["SUBMITTED"],
    APPROVE: ["SUBMITTED"],
    RETURN: ["SUBMITTED"],
    REOPEN: ["APPROVED"],
    RESUME: ["REOPENED"], // APPROVED → REOPENED → DRAFT
  };
  if (!validFrom[action].includes(status)) return "INVALID_TRANSITION";
  const relation = RELATION[plan][actor];
  if (action === "SUBMIT" || action === "WITHDRAW" || action === "RESUME") {
    if (role !== "PLANNER") return "NOT_ALLOWED_FOR_ROLE";
    if (relation === "SELF") return "OK";
    return relation === "PARENT" || relation === "ABOVE" ? "OWN_UNIT_ONLY" : "OUTSIDE_SUBTREE";
  }
  if (role !== "REVIEWER" && role !== "HQ_ADMIN") return "NOT_ALLOWED_FOR_ROLE";
  if (action === "REOPEN" && role === "HQ_ADMIN" && actor === "HQ") return "OK";
  switch (relation) {
    case "PARENT":
      return "OK";
    case "SELF":
      return plan === "HQ" && role === "HQ_ADMIN" ? "OK" : "CANNOT_REVIEW_OWN_PLAN";
    case "ABOVE":
      return "NOT_DIRECT_PARENT";
    default:
      return "OUTSIDE_SUBTREE";
  }
}

const TARGET_STATUS: Record<WorkflowAction, PlanStatus> = {
  SUBMIT: "SUBMITTED",
  WITHDRAW: "DRAFT",
  APPROVE: "APPROVED",
  RETURN: "RETURNED",
  REOPEN: "REOPENED",
  RESUME: "DRAFT",
};

const as = (...assignments: [Role, UnitName][]): WorkflowActor => ({
  userId: "u-1",
  assignments: assignments.map(([role, unit]): RoleAssignment => ({ role, unit: UNITS[unit] })),
});

// By default: the Guangzhou city plan, acted on by its own planner.
function request(overrides: Partial<TransitionRequest> & Pick<TransitionRequest, "action" | "status">): TransitionRequest {
  return {
    unit: UNITS.GZ,
    actor: as(["PLANNER", "GZ"]),
    childStatuses: ["APPROVED", "APPROVED"],
    blockingFindings: 0,
    reason: "理由",
    ...overrides,
  };
}

describe("workflow permission table, exhaustively", () => {
  const cases = PLAN_STATUSES.flatMap((status) =>
    WORKFLOW_ACTIONS.flatMap((action) =>
      ROLES.flatMap((role) => UNIT_NAMES.flatMap((plan) => UNIT_NAMES.map((actor) => ({ status, action, role, plan, actor })))),
    ),
  );

  it("covers every status × action × role × plan unit × actor unit", () => {
    expect(cases).toHaveLength(5 * 6 * 5 * 5 * 5);
  });

  it.each(cases)("$status $action of the $plan plan by $role at $actor", ({ status, action, role, plan, actor }) => {
    const result = transition(request({ unit: UNITS[plan], status, action, actor: as([role, actor]) }));
    const expected = expectedOutcome(status, action, role, plan, actor);
    if (expected === "OK") {
      expect(result).toEqual({
        ok: true,
        to: TARGET_STATUS[action],
        event: {
          from: status,
          to: TARGET_STATUS[action],
          action,
          reason: "理由",
          actorUserId: "u-1",
          actingAs: { role, unitPath: UNITS[actor].path },
          waiver: null,
        },
      });
    } else {
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.code).toBe(expected);
    }
  });

  it("offers exactly the actions that would succeed, for one assignment and for several", () => {
    const actors = [
      ...ROLES.flatMap((role) => UNIT_NAMES.map((unit) => as([role, unit]))),
      as(["PLANNER", "GZ"], ["REVIEWER", "GZ"]),
      as(["PLANNER", "GD"], ["REVIEWER", "HQ"], ["HQ_ADMIN", "HQ"]),
      as(),
    ];
    for (const status of PLAN_STATUSES) {
      for (const plan of UNIT_NAMES) {
        for (const actor of actors) {
          const context: TransitionContext = request({ unit: UNITS[plan], status, action: "SUBMIT", actor });
          const offered = availableActions(context).map((a) => a.action);
          const succeeding = WORKFLOW_ACTIONS.filter((action) => transition({ ...context, action, reason: "r" }).ok);
          expect(offered).toEqual(succeeding);
        }
      }
    }
  });

  it("names the direct parent when a higher level tries to approve or return", () => {
    expect(transition(request({ status: "SUBMITTED", action: "APPROVE", actor: as(["REVIEWER", "HQ"]) }))).toEqual({
      ok: false,
      code: "NOT_DIRECT_PARENT",
      params: { action: "APPROVE", directParent: "/HQ/GD/" },
    });
    const county = transition(request({ unit: UNITS.PY, status: "SUBMITTED", action: "RETURN", actor: as(["HQ_ADMIN", "HQ"]) }));
    expect(county).toEqual({ ok: false, code: "NOT_DIRECT_PARENT", params: { action: "RETURN", directParent: "/HQ/GD/GZ/" } });
  });

  it("does not take a unit whose path merely starts with the same letters for the parent", () => {
    const lookalike = { role: "REVIEWER" as Role, unit: { level: "PROVINCE" as OrgLevel, path: "/HQ/G/" } };
    const result = transition(
      request({ status: "SUBMITTED", action: "APPROVE", actor: { userId: "u-1", assignments: [lookalike] } }),
    );
    expect(!result.ok && result.code).toBe("OUTSIDE_SUBTREE");
  });
});

describe("an actor with several role assignments", () => {
  // The Guangzhou city manager writes the city plan and reviews its counties.
  const cityManager = as(["PLANNER", "GZ"], ["REVIEWER", "GZ"]);

  it("acts through whichever assignment allows the action, and the event says which", () => {
    const submitted = transition(request({ status: "DRAFT", action: "SUBMIT", actor: cityManager }));
    expect(submitted.ok && submitted.event.actingAs).toEqual({ role: "PLANNER", unitPath: "/HQ/GD/GZ/" });
    const approved = transition(request({ unit: UNITS.PY, status: "SUBMITTED", action: "APPROVE", actor: cityManager }));
    expect(approved.ok && approved.event.actingAs).toEqual({ role: "REVIEWER", unitPath: "/HQ/GD/GZ/" });
    // Holding both roles does not let anyone approve their own plan.
    const own = transition(request({ status: "SUBMITTED", action: "APPROVE", actor: cityManager }));
    expect(own).toEqual({ ok: false, code: "CANNOT_REVIEW_OWN_PLAN", params: { action: "APPROVE" } });
  });

  it("is offered the buttons of all its assignments", () => {
    const offered = (unit: UnitName, status: PlanStatus) =>
      availableActions(request({ unit: UNITS[unit], status, action: "SUBMIT", actor: cityManager })).map((a) => a.action);
    expect(offered("PY", "SUBMITTED")).toEqual(["APPROVE", "RETURN"]);
    expect(offered("HD", "APPROVED")).toEqual(["REOPEN"]);
    expect(offered("GZ", "DRAFT")).toEqual(["SUBMIT"]);
    expect(offered("GZ", "SUBMITTED")).toEqual(["WITHDRAW"]);
    expect(offered("GD", "SUBMITTED")).toEqual([]);
  });

  it("is refused with the most informative reason when no assignment allows the action", () => {
    const code = (actor: WorkflowActor, unit: UnitName, status: PlanStatus, action: WorkflowAction) => {
      const result = transition(request({ unit: UNITS[unit], status, action, actor }));
      return result.ok ? "OK" : [result.code, result.params];
    };
    // A reviewer two levels up beats a planner at the parent: the answer is "ask the direct parent".
    expect(code(as(["PLANNER", "GZ"], ["REVIEWER", "HQ"]), "PY", "SUBMITTED", "APPROVE")).toEqual([
      "NOT_DIRECT_PARENT",
      { action: "APPROVE", directParent: "/HQ/GD/GZ/" },
    ]);
    // The right place with the wrong role beats the wrong place and the wrong role.
    expect(code(as(["VIEWER", "HQ"], ["FINANCE", "GZ"]), "PY", "SUBMITTED", "APPROVE")).toEqual([
      "NOT_ALLOWED_FOR_ROLE",
      { role: "FINANCE", action: "APPROVE" },
    ]);
    // A reviewer in the wrong branch beats a viewer above.
    expect(code(as(["VIEWER", "GD"], ["REVIEWER", "HD"]), "PY", "SUBMITTED", "APPROVE")).toEqual([
      "OUTSIDE_SUBTREE",
      { action: "APPROVE" },
    ]);
    // A planner above beats a planner in another branch: the plan is its own unit's to submit.
    expect(code(as(["PLANNER", "PY"], ["PLANNER", "GD"]), "GZ", "DRAFT", "SUBMIT")).toEqual([
      "OWN_UNIT_ONLY",
      { action: "SUBMIT" },
    ]);
    expect(code(as(), "GZ", "DRAFT", "SUBMIT")).toEqual(["NOT_ALLOWED_FOR_ROLE", { role: "", action: "SUBMIT" }]);
  });
});

describe("workflow preconditions", () => {
  const parentReviewer = as(["REVIEWER", "GD"]);

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

  it("accepts HQ's waiver, records who granted it, and refuses a waiver not from HQ", () => {
    const childStatuses: PlanStatus[] = ["DRAFT"];
    const grant = grantChildrenWaiver(as(["REVIEWER", "HQ"], ["HQ_ADMIN", "HQ"]), " 县级市场新设 ");
    expect(grant).toEqual({
      ok: true,
      waiver: { grantedByUserId: "u-1", grantedByRole: "HQ_ADMIN", grantedByLevel: "HQ", reason: "县级市场新设" },
    });
    if (!grant.ok) return;
    const waiver = grant.waiver;
    const result = transition(request({ status: "DRAFT", action: "SUBMIT", childStatuses, waiver }));
    expect(result.ok && result.event.waiver).toEqual(waiver);
    for (const bad of [
      { ...waiver, grantedByLevel: "PROVINCE" as OrgLevel },
      { ...waiver, grantedByRole: "REVIEWER" as Role },
      { ...waiver, grantedByUserId: " " },
      { ...waiver, reason: "" },
    ]) {
      const refused = transition(request({ status: "DRAFT", action: "SUBMIT", childStatuses, waiver: bad }));
      expect(!refused.ok && refused.code).toBe("WAIVER_INVALID");
    }
    // A waiver is not needed, and not recorded, when every child is approved.
    const plain = transition(request({ status: "DRAFT", action: "SUBMIT", waiver }));
    expect(plain.ok && plain.event.waiver).toBeNull();
  });

  it("lets only an HQ_ADMIN of HQ grant a waiver, with a reason", () => {
    expect(grantChildrenWaiver(as(["REVIEWER", "HQ"], ["HQ_ADMIN", "GD"]), "r")).toEqual({
      ok: false,
      code: "NOT_ALLOWED_FOR_ROLE",
      params: { role: "", action: "WAIVE" },
    });
    expect(grantChildrenWaiver(as(["HQ_ADMIN", "HQ"]), "  ")).toEqual({
      ok: false,
      code: "REASON_REQUIRED",
      params: { action: "WAIVE" },
    });
  });

  it("refuses to submit or approve with blocking findings, which no waiver lifts", () => {
    const waiver = { grantedByUserId: "u-hq", grantedByRole: "HQ_ADMIN" as Role, grantedByLevel: "HQ" as OrgLevel, reason: "w" };
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
    const hqRequest = (status: PlanStatus, action: WorkflowAction, role: Role) =>
      transition(request({ unit: UNITS.HQ, status, action, actor: as([role, "HQ"]) }));
    expect(hqRequest("SUBMITTED", "APPROVE", "HQ_ADMIN").ok).toBe(true);
    expect(hqRequest("SUBMITTED", "RETURN", "HQ_ADMIN").ok).toBe(true);
    expect(hqRequest("APPROVED", "REOPEN", "HQ_ADMIN").ok).toBe(true);
    expect(hqRequest("DRAFT", "SUBMIT", "PLANNER").ok).toBe(true);
    const reviewer = hqRequest("SUBMITTED", "APPROVE", "REVIEWER");
    expect(!reviewer.ok && reviewer.code).toBe("CANNOT_REVIEW_OWN_PLAN");
  });

  it("lets HQ reopen any plan, and a reviewer only its direct children's", () => {
    const reopen = (actor: WorkflowActor) =>
      transition(request({ unit: UNITS.PY, status: "APPROVED", action: "REOPEN", actor, reason: "价格调整" }));
    const byHq = reopen(as(["HQ_ADMIN", "HQ"]));
    expect(byHq.ok && byHq.event).toMatchObject({
      action: "REOPEN",
      reason: "价格调整",
      actingAs: { role: "HQ_ADMIN", unitPath: "/HQ/" },
    });
    expect(reopen(as(["REVIEWER", "GZ"])).ok).toBe(true);
    expect(reopen(as(["REVIEWER", "GD"]))).toEqual({
      ok: false,
      code: "NOT_DIRECT_PARENT",
      params: { action: "REOPEN", directParent: "/HQ/GD/GZ/" },
    });
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
    expect(availableActions(request({ status: "APPROVED", action: "SUBMIT", actor: as(["FINANCE", "HQ"]) }))).toEqual([]);
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
      event: {
        from: "REOPENED",
        to: "DRAFT",
        action: "RESUME",
        reason: null,
        actorUserId: "u-1",
        actingAs: { role: "PLANNER", unitPath: "/HQ/GD/GZ/" },
        waiver: null,
      },
    });
    // only the plan's own unit resumes it; the reviewer above reopened it
    expect(transition({ ...reopened, action: "RESUME", actor: as(["REVIEWER", "GD"]) })).toMatchObject({
      ok: false,
      code: "NOT_ALLOWED_FOR_ROLE",
    });
  });
});
