// The one access policy: may a person, holding these role assignments, do this
// action on this org unit? The answer depends only on role × action × where the
// target unit sits relative to the assignment's unit — pure, so every service
// asks the same question the same way, and the permission matrix test can be
// generated from ACCESS_POLICY.
//
// Outside the allowed relations the server answers as if the unit did not
// exist (NOT_FOUND), so a refusal never confirms that a unit, user or plan is there.
//
// The workflow's own guard (workflow.ts) decides status changes in detail (the
// top unit's HQ_ADMIN, HQ's reopen, the most helpful refusal); REVIEW_PLAN and
// EDIT_PLAN here say the same thing for units below the top, and a unit test
// holds the two together.
import { isDirectParent, isStrictAncestor, parentPathOf, type Role } from "./org.js";

/** Where the target unit sits, seen from the unit of the assignment. */
export const UNIT_RELATIONS = ["SELF", "DIRECT_CHILD", "DESCENDANT", "ANCESTOR", "SIBLING", "UNRELATED"] as const;
export type UnitRelation = (typeof UNIT_RELATIONS)[number];

/**
 * The relation of `targetPath` to `ownPath` (both materialised paths):
 * SELF — the same unit; DIRECT_CHILD — one level below; DESCENDANT — two or more
 * levels below; ANCESTOR — anywhere above; SIBLING — the same parent;
 * UNRELATED — anything else (another branch, a cousin).
 */
export function unitRelation(ownPath: string, targetPath: string): UnitRelation {
  if (ownPath === targetPath) return "SELF";
  if (isDirectParent(ownPath, targetPath)) return "DIRECT_CHILD";
  if (isStrictAncestor(ownPath, targetPath)) return "DESCENDANT";
  if (isStrictAncestor(targetPath, ownPath)) return "ANCESTOR";
  const ownParent = parentPathOf(ownPath);
  if (ownParent !== null && ownParent === parentPathOf(targetPath)) return "SIBLING";
  return "UNRELATED";
}

export const ACCESS_ACTIONS = [
  /** See a unit: its place in the tree, its plan's status and figures. */
  "VIEW_UNIT",
  /** Write the unit's own plan: targets, expenses, text; submit, withdraw, resume. */
  "EDIT_PLAN",
  /** Approve or return a submitted plan (level by level: the direct parent only). */
  "REVIEW_PLAN",
  /** See the users who hold roles at the unit. */
  "VIEW_USERS",
  /** Create, deactivate and reset the passwords of users at the unit. */
  "MANAGE_USERS",
  /** Prepare plan cycles (and see them before they open): asked on the top unit, so only HQ's own admins. */
  "MANAGE_CYCLES",
  /** Waive "every child approved" for a plan's submission (豁免): HQ's admins, on a plan in their
   * subtree; the workflow (grantChildrenWaiver) also requires the assignment to sit at HQ. */
  "WAIVE_CHILDREN",
  /** Raise, escalate or withdraw an objection (异议) to a target of the unit's own plan. */
  "RAISE_OBJECTION",
  /**
   * Answer a child's objection: the direct parent's reviewer, or the grandparent's once it is
   * escalated (objections.ts mayAnswerObjection narrows it to the one answering unit).
   */
  "ANSWER_OBJECTION",
  /** Propose and publish a split of the unit's guidance (指导目标) to its children: asked on the parent itself. */
  "GUIDE_CHILDREN",
  /**
   * Export the unit's subtree's budget and targets (finance's XLSX / CSV exports): finance,
   * HQ's admins, reviewers and planners over their own subtree. Not VIEWER: a viewer reads the
   * figures on screen but does not take the books out of the system.
   */
  "EXPORT_BUDGET",
  /**
   * Import actuals (sales, expenses) for units of the subtree, and revert an import: the
   * planners, reviewers, HQ's admins and finance who keep the books of their own subtree. Not
   * VIEWER.
   */
  "IMPORT_ACTUALS",
] as const;
export type AccessAction = (typeof ACCESS_ACTIONS)[number];

const OWN_SUBTREE: readonly UnitRelation[] = ["SELF", "DIRECT_CHILD", "DESCENDANT"];
const EVERY_ROLE: readonly Role[] = ["PLANNER", "REVIEWER", "HQ_ADMIN", "FINANCE", "VIEWER"];

export interface AccessRule {
  readonly roles: readonly Role[];
  readonly relations: readonly UnitRelation[];
}

/**
 * ACTION → the (role, relation) pairs that allow it: an assignment allows the
 * action when its role is listed and the target's relation to its unit is listed.
 * Nothing is allowed that is not written here.
 */
export const ACCESS_POLICY: Readonly<Record<AccessAction, readonly AccessRule[]>> = {
  // Every role sees its own unit and everything below it, never above or beside.
  VIEW_UNIT: [{ roles: EVERY_ROLE, relations: OWN_SUBTREE }],
  EDIT_PLAN: [{ roles: ["PLANNER"], relations: ["SELF"] }],
  REVIEW_PLAN: [{ roles: ["REVIEWER", "HQ_ADMIN"], relations: ["DIRECT_CHILD"] }],
  VIEW_USERS: [{ roles: ["HQ_ADMIN"], relations: OWN_SUBTREE }],
  MANAGE_USERS: [{ roles: ["HQ_ADMIN"], relations: OWN_SUBTREE }],
  MANAGE_CYCLES: [{ roles: ["HQ_ADMIN"], relations: ["SELF"] }],
  WAIVE_CHILDREN: [{ roles: ["HQ_ADMIN"], relations: OWN_SUBTREE }],
  RAISE_OBJECTION: [{ roles: ["PLANNER"], relations: ["SELF"] }],
  ANSWER_OBJECTION: [{ roles: ["REVIEWER", "HQ_ADMIN"], relations: ["DIRECT_CHILD", "DESCENDANT"] }],
  // The reviewers of the children (the parent's REVIEWER or HQ_ADMIN) split its guidance down to them.
  GUIDE_CHILDREN: [{ roles: ["REVIEWER", "HQ_ADMIN"], relations: ["SELF"] }],
  EXPORT_BUDGET: [{ roles: ["FINANCE", "HQ_ADMIN", "REVIEWER", "PLANNER"], relations: OWN_SUBTREE }],
  IMPORT_ACTUALS: [{ roles: ["FINANCE", "HQ_ADMIN", "REVIEWER", "PLANNER"], relations: OWN_SUBTREE }],
};

/** One role held at one unit, as the policy needs it. */
export interface AccessAssignment {
  readonly role: Role;
  /** The unit's materialised path. */
  readonly unitPath: string;
}

/** True when the policy allows `role` to do `action` on a unit in `relation` to its own. */
export function isAllowed(role: Role, action: AccessAction, relation: UnitRelation): boolean {
  return ACCESS_POLICY[action].some((rule) => rule.roles.includes(role) && rule.relations.includes(relation));
}

/** The first assignment that allows `action` on the unit at `targetPath`, or null. */
export function allowingAssignment<A extends AccessAssignment>(
  assignments: readonly A[],
  action: AccessAction,
  targetPath: string,
): A | null {
  return assignments.find((a) => isAllowed(a.role, action, unitRelation(a.unitPath, targetPath))) ?? null;
}

/** May a person holding `assignments` do `action` on the unit at `targetPath`? */
export function can(assignments: readonly AccessAssignment[], action: AccessAction, targetPath: string): boolean {
  return allowingAssignment(assignments, action, targetPath) !== null;
}

/**
 * The subtrees (root paths) inside which `action` is allowed, for set-based
 * queries ("every unit whose path starts with one of these"). Only meaningful
 * for actions whose relations are exactly the own subtree (VIEW_UNIT, VIEW_USERS,
 * MANAGE_USERS); throws for the others, which are asked unit by unit with `can`.
 */
export function subtreeScope(assignments: readonly AccessAssignment[], action: AccessAction): string[] {
  const rules = ACCESS_POLICY[action];
  const wholeSubtree = rules.every((rule) => OWN_SUBTREE.every((relation) => rule.relations.includes(relation)));
  const nothingElse = rules.every((rule) => rule.relations.every((relation) => OWN_SUBTREE.includes(relation)));
  if (!wholeSubtree || !nothingElse) throw new RangeError(`${action} is not a whole-subtree action; ask can() per unit`);
  const roots = assignments
    .filter((a) => rules.some((rule) => rule.roles.includes(a.role)))
    .map((a) => a.unitPath)
    .sort((a, b) => a.length - b.length || a.localeCompare(b));
  // A root inside another root adds nothing.
  return roots.filter((path, index) => !roots.slice(0, index).some((outer) => path.startsWith(outer)));
}
