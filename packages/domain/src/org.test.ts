import { describe, expect, it } from "vitest";
import {
  ORG_LEVELS,
  ORG_LEVEL_LABELS,
  ORG_LEVEL_ORDER,
  OrgPathError,
  PLAN_STATUSES,
  PLAN_STATUS_LABELS,
  ROLES,
  ROLE_LABELS,
  ROOT_PATH,
  childPath,
  compareOrgLevels,
  isDirectParent,
  isInSubtree,
  isLevelAbove,
  isOrgLevel,
  isPlanStatus,
  isRole,
  isStrictAncestor,
  isValidOrgPath,
  orgPathOf,
  parentPathOf,
  pathDepth,
  pathSegments,
} from "./org.js";

describe("org levels, roles and statuses", () => {
  it("orders the five levels from HQ down to the county", () => {
    expect(ORG_LEVELS).toEqual(["HQ", "REGION", "PROVINCE", "CITY", "COUNTY"]);
    const orders = ORG_LEVELS.map((level) => ORG_LEVEL_ORDER[level]);
    expect(orders).toEqual([0, 1, 2, 3, 4]);
    expect(isLevelAbove("HQ", "COUNTY")).toBe(true);
    expect(isLevelAbove("COUNTY", "CITY")).toBe(false);
    expect(isLevelAbove("CITY", "CITY")).toBe(false);
    expect(compareOrgLevels("PROVINCE", "CITY")).toBeLessThan(0);
    expect(compareOrgLevels("CITY", "CITY")).toBe(0);
  });

  it("labels levels with the seed's Chinese names", () => {
    expect(ORG_LEVELS.map((level) => ORG_LEVEL_LABELS[level].zh)).toEqual([
      "营销总部",
      "大区",
      "省级分公司",
      "城市办事处",
      "县级市场部",
    ]);
    for (const level of ORG_LEVELS) expect(ORG_LEVEL_LABELS[level].en.length).toBeGreaterThan(0);
  });

  it("has a zh and en label for every role and status, and recognises its own values only", () => {
    for (const role of ROLES) {
      expect(ROLE_LABELS[role].zh).toMatch(/\S/);
      expect(ROLE_LABELS[role].en).toMatch(/\S/);
    }
    for (const status of PLAN_STATUSES) {
      expect(PLAN_STATUS_LABELS[status].zh).toMatch(/\S/);
      expect(PLAN_STATUS_LABELS[status].en).toMatch(/\S/);
    }
    // UI.md's words (one term per idea): the status is 已退回, the action that leads to it 退回修改.
    expect(PLAN_STATUS_LABELS.RETURNED.zh).toBe("已退回");
    expect(PLAN_STATUS_LABELS.APPROVED.zh).toBe("已批准");
    expect(PLAN_STATUS_LABELS.REOPENED.zh).toBe("已重开");
    expect(isRole("HQ_ADMIN")).toBe(true);
    expect(isRole("ADMIN")).toBe(false);
    expect(isOrgLevel("COUNTY")).toBe(true);
    expect(isOrgLevel("TOWNSHIP")).toBe(false);
    expect(isPlanStatus("REOPENED")).toBe(true);
    expect(isPlanStatus(3)).toBe(false);
  });
});

describe("materialised org paths", () => {
  it("builds paths from codes or ids", () => {
    const hq = childPath(ROOT_PATH, "HQ");
    expect(hq).toBe("/HQ/");
    expect(childPath(childPath(hq, "GD"), "GZ")).toBe("/HQ/GD/GZ/");
    expect(orgPathOf(["HQ", "GD", "GZ"])).toBe("/HQ/GD/GZ/");
    expect(orgPathOf(["clx1a2b3c", "clx9z8y7"])).toBe("/clx1a2b3c/clx9z8y7/");
    expect(orgPathOf([])).toBe(ROOT_PATH);
  });

  it("refuses segments that would break the prefix test", () => {
    expect(() => childPath("/HQ/", "G/D")).toThrow(OrgPathError);
    expect(() => childPath("/HQ/", "")).toThrow(OrgPathError);
    expect(() => childPath("/HQ/", "G D")).toThrow(OrgPathError);
    expect(() => childPath("/HQ", "GD")).toThrow(OrgPathError);
    expect(isValidOrgPath("/HQ//GD/")).toBe(false);
    expect(isValidOrgPath("/HQ/GD/")).toBe(true);
  });

  it("tests subtree membership by whole segments, never by a partial code", () => {
    expect(isInSubtree("/HQ/GD/GZ/", "/HQ/GD/")).toBe(true);
    expect(isInSubtree("/HQ/GD/", "/HQ/GD/")).toBe(true);
    expect(isInSubtree("/HQ/GDX/", "/HQ/GD/")).toBe(false);
    expect(isInSubtree("/HQ/GX/NN/", "/HQ/GD/")).toBe(false);
    expect(isInSubtree("/HQ/", "/HQ/GD/")).toBe(false);
    expect(() => isInSubtree("/HQ/GDX/", "/HQ/GD")).toThrow(OrgPathError);
  });

  it("tells ancestors and direct parents apart", () => {
    expect(isStrictAncestor("/HQ/", "/HQ/GD/GZ/")).toBe(true);
    expect(isStrictAncestor("/HQ/GD/", "/HQ/GD/")).toBe(false);
    expect(isDirectParent("/HQ/GD/", "/HQ/GD/GZ/")).toBe(true);
    expect(isDirectParent("/HQ/", "/HQ/GD/GZ/")).toBe(false);
    expect(isDirectParent("/HQ/GD/", "/HQ/GD/")).toBe(false);
  });

  it("splits paths into segments, depth and parent", () => {
    expect(pathSegments("/HQ/GD/GZ/")).toEqual(["HQ", "GD", "GZ"]);
    expect(pathDepth("/HQ/")).toBe(1);
    expect(pathDepth(ROOT_PATH)).toBe(0);
    expect(parentPathOf("/HQ/GD/GZ/")).toBe("/HQ/GD/");
    expect(parentPathOf("/HQ/")).toBeNull();
    expect(() => pathSegments("HQ/GD")).toThrow(OrgPathError);
  });
});
