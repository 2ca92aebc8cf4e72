import { describe, expect, it } from "vitest";
import {
  ACCESS_ACTIONS,
  UNIT_RELATIONS,
  allowingAssignment,
  can,
  isAllowed,
  subtreeScope,
  unitRelation,
  type AccessAction,
  type UnitRelation,
} from "./access.js";
import { ROLES, type OrgLevel, type Role } from "./org.js";
import { transition, type WorkflowAction } from "./workflow.js";

// Two provinces; 广东 has two cities, 广州 has one county.
const PATHS = {
  HQ: "/HQ/",
  GD: "/HQ/GD/",
  JS: "/HQ/JS/",
  GZ: "/HQ/GD/GZ/",
  FS: "/HQ/GD/FS/",
  NJ: "/HQ/JS/NJ/",
  CH: "/HQ/GD/GZ/CH/",
} as const;
type Unit = keyof typeof PATHS;

// Written out by hand for this tree: OWN → TARGET → the target's relation to OWN.
const RELATIONS: Record<Unit, Record<Unit, UnitRelation>> = {
  HQ: {
    HQ: "SELF",
    GD: "DIRECT_CHILD",
    JS: "DIRECT_CHILD",
    GZ: "DESCENDANT",
    FS: "DESCENDANT",
    NJ: "DESCENDANT",
    CH: "DESCENDANT",
  },
  GD: { HQ: "ANCESTOR", GD: "SELF", JS: "SIBLING", GZ: "DIRECT_CHILD", FS: "DIRECT_CHILD", NJ: "UNRELATED", CH: "DESCENDANT" },
  JS: { HQ: "ANCESTOR", GD: "SIBLING", JS: "SELF", GZ: "UNRELATED", FS: "UNRELATED", NJ: "DIRECT_CHILD", CH: "UNRELATED" },
  GZ: { HQ: "ANCESTOR", GD: "ANCESTOR", JS: "UNRELATED", GZ: "SELF", FS: "SIBLING", NJ: "UNRELATED", CH: "DIRECT_CHILD" },
  FS: { HQ: "ANCESTOR", GD: "ANCESTOR", JS: "UNRELATED", GZ: "SIBLING", FS: "SELF", NJ: "UNRELATED", CH: "UNRELATED" },
  NJ: { HQ: "ANCESTOR", GD: "UNRELATED", JS: "ANCESTOR", GZ: "UNRELATED", FS: "UNRELATED", NJ: "SELF", CH: "UNRELATED" },
  CH: { HQ: "ANCESTOR", GD: "ANCESTOR", JS: "UNRELATED", GZ: "ANCESTOR", FS: "UNRELATED", NJ: "UNRELATED", CH: "SELF" },
};

// The expected policy, written from the issue and DOMAIN.md section 2 (not read from
// ACCESS_POLICY): for each action and role, the relations that allow it.
//   everyone sees their own unit and below; only a PLANNER edits, and only its own unit;
//   a REVIEWER or HQ_ADMIN reviews its direct children; HQ admins see and manage users in their subtree;
//   cycles are prepared by an HQ_ADMIN of the top unit itself (the question is asked on the top unit);
//   a parent's reviewers (REVIEWER, HQ_ADMIN) split its guidance to its children (asked on the parent).
const SUBTREE: UnitRelation[] = ["SELF", "DIRECT_CHILD", "DESCENDANT"];
const EXPECTED: Record<AccessAction, Record<Role, UnitRelation[]>> = {
  VIEW_UNIT: { PLANNER: SUBTREE, REVIEWER: SUBTREE, HQ_ADMIN: SUBTREE, FINANCE: SUBTREE, VIEWER: SUBTREE },
  EDIT_PLAN: { PLANNER: ["SELF"], REVIEWER: [], HQ_ADMIN: [], FINANCE: [], VIEWER: [] },
  REVIEW_PLAN: { PLANNER: [], REVIEWER: ["DIRECT_CHILD"], HQ_ADMIN: ["DIRECT_CHILD"], FINANCE: [], VIEWER: [] },
  VIEW_USERS: { PLANNER: [], REVIEWER: [], HQ_ADMIN: SUBTREE, FINANCE: [], VIEWER: [] },
  MANAGE_USERS: { PLANNER: [], REVIEWER: [], HQ_ADMIN: SUBTREE, FINANCE: [], VIEWER: [] },
  MANAGE_CYCLES: { PLANNER: [], REVIEWER: [], HQ_ADMIN: ["SELF"], FINANCE: [], VIEWER: [] },
  WAIVE_CHILDREN: { PLANNER: [], REVIEWER: [], HQ_ADMIN: ["SELF", "DIRECT_CHILD", "DESCENDANT"], FINANCE: [], VIEWER: [] },
  // 异议: a unit's planner objects to its own targets; a reviewer above answers (the parent,
  // or the grandparent once escalated: objections.ts narrows it to the one answering unit).
  RAISE_OBJECTION: { PLANNER: ["SELF"], REVIEWER: [], HQ_ADMIN: [], FINANCE: [], VIEWER: [] },
  ANSWER_OBJECTION: {
    PLANNER: [],
    REVIEWER: ["DIRECT_CHILD", "DESCENDANT"],
    HQ_ADMIN: ["DIRECT_CHILD", "DESCENDANT"],
    FINANCE: [],
    VIEWER: [],
  },
  GUIDE_CHILDREN: { PLANNER: [], REVIEWER: ["SELF"], HQ_ADMIN: ["SELF"], FINANCE: [], VIEWER: [] },
  // Finance's exports: every role but VIEWER, over its own subtree.
  EXPORT_BUDGET: { PLANNER: SUBTREE, REVIEWER: SUBTREE, HQ_ADMIN: SUBTREE, FINANCE: SUBTREE, VIEWER: [] },
  IMPORT_ACTUALS: { PLANNER: SUBTREE, REVIEWER: SUBTREE, HQ_ADMIN: SUBTREE, FINANCE: SUBTREE, VIEWER: [] },
};

const UNITS = Object.keys(PATHS) as Unit[];

describe("unitRelation", () => {
  it.each(UNITS.flatMap((own) => UNITS.map((target) => [own, target] as const)))("%s → %s", (own, target) => {
    expect(unitRelation(PATHS[own], PATHS[target])).toBe(RELATIONS[own][target]);
  });

  it("does not take a longer code sharing a prefix for a child", () => {
    expect(unitRelation("/HQ/G/", "/HQ/GD/")).toBe("SIBLING");
    expect(unitRelation("/HQ/G/", "/HQ/GD/GZ/")).toBe("UNRELATED");
  });
});

describe("the policy table", () => {
  const cases = ACCESS_ACTIONS.flatMap((action) =>
    ROLES.flatMap((role) => UNIT_RELATIONS.map((relation) => [action, role, relation] as const)),
  );
  it.each(cases)("%s by %s on %s", (action, role, relation) => {
    expect(isAllowed(role, action, relation)).toBe(EXPECTED[action][role].includes(relation));
  });
});

describe("can", () => {
  it("allows when any one assignment allows, and names it", () => {
    const held = [
      { role: "PLANNER" as const, unitPath: PATHS.CH },
      { role: "REVIEWER" as const, unitPath: PATHS.GZ },
    ];
    expect(can(held, "EDIT_PLAN", PATHS.CH)).toBe(true);
    expect(can(held, "EDIT_PLAN", PATHS.GZ)).toBe(false);
    expect(allowingAssignment(held, "REVIEW_PLAN", PATHS.CH)).toBe(held[1]);
    expect(can(held, "VIEW_UNIT", PATHS.FS)).toBe(false);
  });

  it("allows nothing without assignments", () => {
    for (const action of ACCESS_ACTIONS) expect(can([], action, PATHS.HQ)).toBe(false);
  });
});

describe("subtreeScope", () => {
  it("keeps the outermost roots of the roles that allow the action", () => {
    const held = [
      { role: "PLANNER" as const, unitPath: PATHS.CH },
      { role: "REVIEWER" as const, unitPath: PATHS.GZ },
      { role: "VIEWER" as const, unitPath: PATHS.NJ },
      { role: "HQ_ADMIN" as const, unitPath: PATHS.FS },
    ];
    expect(subtreeScope(held, "VIEW_UNIT")).toEqual([PATHS.FS, PATHS.GZ, PATHS.NJ]);
    expect(subtreeScope(held, "MANAGE_USERS")).toEqual([PATHS.FS]);
    expect(subtreeScope([], "VIEW_UNIT")).toEqual([]);
  });

  it("refuses actions that are not a whole subtree", () => {
    expect(() => subtreeScope([], "REVIEW_PLAN")).toThrow(RangeError);
    expect(() => subtreeScope([], "EDIT_PLAN")).toThrow(RangeError);
    expect(() => subtreeScope([], "MANAGE_CYCLES")).toThrow(RangeError);
  });
});

// The workflow guard decides status changes; below the top unit, its position rules
// must agree with EDIT_PLAN (SUBMIT) and REVIEW_PLAN (APPROVE, RETURN).
describe("consistency with the workflow guard", () => {
  const LEVELS: Record<Unit, OrgLevel> = {
    HQ: "HQ",
    GD: "PROVINCE",
    JS: "PROVINCE",
    GZ: "CITY",
    FS: "CITY",
    NJ: "CITY",
    CH: "COUNTY",
  };
  const byAction: [WorkflowAction, "DRAFT" | "SUBMITTED", AccessAction][] = [
    ["SUBMIT", "DRAFT", "EDIT_PLAN"],
    ["APPROVE", "SUBMITTED", "REVIEW_PLAN"],
    ["RETURN", "SUBMITTED", "REVIEW_PLAN"],
  ];
  const targets = UNITS.filter((unit) => unit !== "HQ");
  const cases = byAction.flatMap(([workflowAction, status, accessAction]) =>
    ROLES.flatMap((role) =>
      UNITS.flatMap((own) => targets.map((target) => [workflowAction, status, accessAction, role, own, target] as const)),
    ),
  );
  it.each(cases)("%s (from %s) agrees with %s for %s at %s on %s", (workflowAction, status, accessAction, role, own, target) => {
    const verdict = transition({
      action: workflowAction,
      status,
      unit: { level: LEVELS[target], path: PATHS[target] },
      actor: { userId: "u", assignments: [{ role, unit: { level: LEVELS[own], path: PATHS[own] } }] },
      childStatuses: [],
      blockingFindings: 0,
      reason: "why",
    });
    expect(verdict.ok).toBe(can([{ role, unitPath: PATHS[own] }], accessAction, PATHS[target]));
  });
});
