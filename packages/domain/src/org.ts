// The organisation pyramid (组织金字塔): levels, roles, plan statuses, and the
// materialised paths that let "is this unit inside my subtree?" be a string
// prefix test instead of a tree walk.

/** A text shown in both interface languages. */
export interface BilingualLabel {
  readonly zh: string;
  readonly en: string;
}

// ---------------------------------------------------------------------------
// Levels

/** Top to bottom. REGION (大区) is optional in a tree: the tree is data, the level list is not. */
export const ORG_LEVELS = ["HQ", "REGION", "PROVINCE", "CITY", "COUNTY"] as const;
export type OrgLevel = (typeof ORG_LEVELS)[number];

/** 0 for HQ, growing downwards. */
export const ORG_LEVEL_ORDER: Readonly<Record<OrgLevel, number>> = {
  HQ: 0,
  REGION: 1,
  PROVINCE: 2,
  CITY: 3,
  COUNTY: 4,
};

export const ORG_LEVEL_LABELS: Readonly<Record<OrgLevel, BilingualLabel>> = {
  HQ: { zh: "营销总部", en: "Marketing HQ" },
  REGION: { zh: "大区", en: "Region" },
  PROVINCE: { zh: "省级分公司", en: "Provincial branch" },
  CITY: { zh: "城市办事处", en: "City office" },
  COUNTY: { zh: "县级市场部", en: "County market department" },
};

export function isOrgLevel(value: unknown): value is OrgLevel {
  return typeof value === "string" && (ORG_LEVELS as readonly string[]).includes(value);
}

/** Negative when a is above b (closer to HQ), positive when below, 0 when equal. */
export function compareOrgLevels(a: OrgLevel, b: OrgLevel): number {
  return ORG_LEVEL_ORDER[a] - ORG_LEVEL_ORDER[b];
}

/** True when `upper` is strictly above `lower` in the pyramid. */
export function isLevelAbove(upper: OrgLevel, lower: OrgLevel): boolean {
  return ORG_LEVEL_ORDER[upper] < ORG_LEVEL_ORDER[lower];
}

// ---------------------------------------------------------------------------
// Roles

export const ROLES = ["PLANNER", "REVIEWER", "HQ_ADMIN", "FINANCE", "VIEWER"] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Readonly<Record<Role, BilingualLabel>> = {
  PLANNER: { zh: "编制人", en: "Planner" },
  REVIEWER: { zh: "审核人", en: "Reviewer" },
  HQ_ADMIN: { zh: "总部管理员", en: "HQ administrator" },
  FINANCE: { zh: "财务", en: "Finance" },
  VIEWER: { zh: "只读用户", en: "Viewer" },
};

export function isRole(value: unknown): value is Role {
  return typeof value === "string" && (ROLES as readonly string[]).includes(value);
}

// ---------------------------------------------------------------------------
// Plan statuses

export const PLAN_STATUSES = ["DRAFT", "SUBMITTED", "RETURNED", "APPROVED", "REOPENED"] as const;
export type PlanStatus = (typeof PLAN_STATUSES)[number];

/** The words of UI.md's table: one term per idea, the same on every page. */
export const PLAN_STATUS_LABELS: Readonly<Record<PlanStatus, BilingualLabel>> = {
  DRAFT: { zh: "草稿", en: "Draft" },
  SUBMITTED: { zh: "已提交", en: "Submitted" },
  RETURNED: { zh: "已退回", en: "Returned" },
  APPROVED: { zh: "已批准", en: "Approved" },
  REOPENED: { zh: "已重开", en: "Reopened" },
};

export function isPlanStatus(value: unknown): value is PlanStatus {
  return typeof value === "string" && (PLAN_STATUSES as readonly string[]).includes(value);
}

// ---------------------------------------------------------------------------
// Materialised paths: "/HQ/GD/GZ/" — one segment per unit from the root, with a
// leading and trailing slash so that a prefix test never confuses "/HQ/G/" with
// "/HQ/GD/".

/** The path of the (virtual) parent of the root unit. */
export const ROOT_PATH = "/";

const SEGMENT_PATTERN = /^[^/\s]+$/;

export class OrgPathError extends Error {
  constructor(
    readonly input: string,
    readonly reason: "BAD_SEGMENT" | "BAD_PATH",
  ) {
    super(reason === "BAD_SEGMENT" ? `"${input}" is not a valid path segment` : `"${input}" is not a valid org path`);
    this.name = "OrgPathError";
  }
}

/** A path is "/" or "/a/b/…/" with non-empty segments free of slashes and whitespace. */
export function isValidOrgPath(path: string): boolean {
  if (path === ROOT_PATH) return true;
  if (!path.startsWith("/") || !path.endsWith("/")) return false;
  return path
    .slice(1, -1)
    .split("/")
    .every((segment) => SEGMENT_PATTERN.test(segment));
}

/** Appends one unit (its code or id) to its parent's path; use ROOT_PATH for the top unit. */
export function childPath(parentPath: string, segment: string): string {
  if (!isValidOrgPath(parentPath)) throw new OrgPathError(parentPath, "BAD_PATH");
  if (!SEGMENT_PATTERN.test(segment)) throw new OrgPathError(segment, "BAD_SEGMENT");
  return `${parentPath}${segment}/`;
}

/** Builds a path from the root down: orgPathOf(["HQ", "GD", "GZ"]) is "/HQ/GD/GZ/". */
export function orgPathOf(segments: readonly string[]): string {
  return segments.reduce<string>((path, segment) => childPath(path, segment), ROOT_PATH);
}

/** The segments from the root down; [] for ROOT_PATH. */
export function pathSegments(path: string): string[] {
  if (!isValidOrgPath(path)) throw new OrgPathError(path, "BAD_PATH");
  return path === ROOT_PATH ? [] : path.slice(1, -1).split("/");
}

/** Number of units on the path: 1 for the top unit. */
export function pathDepth(path: string): number {
  return pathSegments(path).length;
}

/** The parent's path, or null for the top unit (and for ROOT_PATH). */
export function parentPathOf(path: string): string | null {
  const segments = pathSegments(path);
  if (segments.length <= 1) return null;
  return orgPathOf(segments.slice(0, -1));
}

// The prefix tests below are only sound with both slashes in place ("/HQ/G"
// would otherwise contain "/HQ/GD/"), so a malformed root is an error, not a "no".
function assertDelimited(path: string): void {
  if (!path.startsWith("/") || !path.endsWith("/")) throw new OrgPathError(path, "BAD_PATH");
}

/** True when `path` is `rootPath` itself or anywhere below it. */
export function isInSubtree(path: string, rootPath: string): boolean {
  assertDelimited(rootPath);
  return path.startsWith(rootPath);
}

/** True when `ancestorPath` is strictly above `path` (not the same unit). */
export function isStrictAncestor(ancestorPath: string, path: string): boolean {
  assertDelimited(ancestorPath);
  return path.length > ancestorPath.length && path.startsWith(ancestorPath);
}

/** True when `parentPath` is exactly one level above `path`. */
export function isDirectParent(parentPath: string, path: string): boolean {
  return isStrictAncestor(parentPath, path) && path.indexOf("/", parentPath.length) === path.length - 1;
}
