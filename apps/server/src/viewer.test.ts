import { describe, expect, it } from "vitest";
import { accessAssignmentsOf, viewerCan, viewerCoversUnit, viewerHoldsAnyRole, type Viewer } from "./viewer.js";

// A city manager: plans and reviews 广州 (/HQ/GD/GZ/), and views 苏州 (/HQ/JS/SZ/).
const viewer: Viewer = {
  userId: "u",
  assignments: [
    { role: "PLANNER", orgUnitId: "gz", orgUnitPath: "/HQ/GD/GZ/" },
    { role: "REVIEWER", orgUnitId: "gz", orgUnitPath: "/HQ/GD/GZ/" },
    { role: "VIEWER", orgUnitId: "sz", orgUnitPath: "/HQ/JS/SZ/" },
  ],
};

describe("the viewer and the access policy", () => {
  it("hands the policy role and path of each assignment", () => {
    expect(accessAssignmentsOf(viewer)).toEqual([
      { role: "PLANNER", unitPath: "/HQ/GD/GZ/" },
      { role: "REVIEWER", unitPath: "/HQ/GD/GZ/" },
      { role: "VIEWER", unitPath: "/HQ/JS/SZ/" },
    ]);
  });

  it("asks the policy: edit its own plan, review its counties, see 苏州 but nothing above", () => {
    expect(viewerCan(viewer, "EDIT_PLAN", "/HQ/GD/GZ/")).toBe(true);
    expect(viewerCan(viewer, "REVIEW_PLAN", "/HQ/GD/GZ/PY/")).toBe(true);
    expect(viewerCan(viewer, "REVIEW_PLAN", "/HQ/GD/GZ/")).toBe(false);
    expect(viewerCan(viewer, "VIEW_UNIT", "/HQ/JS/SZ/KS/")).toBe(true);
    expect(viewerCan(viewer, "VIEW_UNIT", "/HQ/GD/")).toBe(false);
  });

  it("keeps the older covers-the-unit question: at the unit or above, optionally for some roles", () => {
    expect(viewerCoversUnit(viewer, "/HQ/GD/GZ/PY/")).toBe(true);
    expect(viewerCoversUnit(viewer, "/HQ/GD/FS/")).toBe(false);
    expect(viewerCoversUnit(viewer, "/HQ/JS/SZ/", ["PLANNER"])).toBe(false);
    expect(viewerHoldsAnyRole(viewer, ["FINANCE", "VIEWER"])).toBe(true);
    expect(viewerHoldsAnyRole(viewer, ["HQ_ADMIN"])).toBe(false);
  });
});
