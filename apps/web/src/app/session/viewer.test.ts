import { describe, expect, it } from "vitest";
import { viewerScopeRoots, type Viewer, type ViewerUnitRef } from "./viewer.js";

const unit = (code: string, level: ViewerUnitRef["level"]): ViewerUnitRef => ({
  id: `id-${code}`,
  code,
  nameZh: `${code}单位`,
  nameEn: `${code} unit`,
  level,
});
const HQ = unit("HQ", "HQ");
const GD = unit("GD", "PROVINCE");
const GZ = unit("GZ", "CITY");
const CONGHUA = unit("CONGHUA", "COUNTY");
const JS = unit("JS", "PROVINCE");

const viewer = (assignments: [Viewer["roleAssignments"][number]["role"], ViewerUnitRef[]][]): Viewer => ({
  id: "u1",
  login: "someone",
  displayName: "Someone",
  locale: "zh-CN",
  roleAssignments: assignments.map(([role, path]) => ({ role, orgUnit: path[path.length - 1]!, orgUnitPath: path })),
});

describe("viewerScopeRoots", () => {
  it("is the unit of a single assignment, with the units above it", () => {
    expect(viewerScopeRoots(viewer([["PLANNER", [HQ, GD, GZ, CONGHUA]]]))).toEqual([{ unit: CONGHUA, above: [HQ, GD, GZ] }]);
  });

  it("drops a unit inside another held unit's subtree and the same unit held twice", () => {
    const manager = viewer([
      ["PLANNER", [HQ, GD, GZ]],
      ["REVIEWER", [HQ, GD, GZ]],
      ["VIEWER", [HQ, GD, GZ, CONGHUA]],
    ]);
    expect(viewerScopeRoots(manager)).toEqual([{ unit: GZ, above: [HQ, GD] }]);
  });

  it("keeps separate branches, from the top down", () => {
    const twoBranches = viewer([
      ["FINANCE", [HQ, GD, GZ]],
      ["FINANCE", [HQ, JS]],
    ]);
    expect(viewerScopeRoots(twoBranches).map((root) => root.unit.code)).toEqual(["JS", "GZ"]);
  });
});
