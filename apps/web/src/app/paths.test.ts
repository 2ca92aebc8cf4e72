import { describe, expect, it } from "vitest";
import { planPath, unitPath } from "./paths.js";

describe("unitPath", () => {
  it("names the unit by its code", () => {
    expect(unitPath("CONGHUA")).toBe("/units/CONGHUA");
  });

  it("escapes what is not safe in a path segment", () => {
    expect(unitPath("A/B C")).toBe("/units/A%2FB%20C");
  });
});

describe("planPath", () => {
  it("is the workbench of a unit's plan for a year, or one of its tabs", () => {
    expect(planPath("CONGHUA", 2027)).toBe("/plans/CONGHUA/2027");
    expect(planPath("CONGHUA", 2027, "targets")).toBe("/plans/CONGHUA/2027/targets");
    expect(planPath("GZ", 2026, "versions")).toBe("/plans/GZ/2026/versions");
  });

  it("refuses a year that is not four digits", () => {
    expect(() => planPath("GZ", 27)).toThrow(RangeError);
    expect(() => planPath("GZ", 2027.5)).toThrow(RangeError);
  });
});
