import { describe, expect, it } from "vitest";
import {
  canChangeCycleStatus,
  checkCycleDates,
  checkTemplate,
  isIsoDay,
  isTemplateEditable,
  CYCLE_STATUSES,
  type CycleStatusCode,
} from "./cycle-admin.js";
import { STANDARD_PLAN_TEMPLATE } from "./plan-template.js";

describe("cycle status steps", () => {
  // Written from DOMAIN.md (HQ opens, consolidates, "直至通过": back to OPEN from consolidation, then approved, closed).
  const allowed: [CycleStatusCode, CycleStatusCode][] = [
    ["PREPARING", "OPEN"],
    ["OPEN", "CONSOLIDATING"],
    ["CONSOLIDATING", "OPEN"],
    ["CONSOLIDATING", "APPROVED"],
    ["APPROVED", "CLOSED"],
  ];
  it.each(CYCLE_STATUSES.flatMap((from) => CYCLE_STATUSES.map((to) => [from, to] as const)))("%s → %s", (from, to) => {
    expect(canChangeCycleStatus(from, to)).toBe(allowed.some(([a, b]) => a === from && b === to));
  });
  it("lets the template change only while preparing or open", () => {
    expect(CYCLE_STATUSES.filter(isTemplateEditable)).toEqual(["PREPARING", "OPEN"]);
  });
});

describe("checkCycleDates", () => {
  it("accepts counties first, HQ last, inside the cycle", () => {
    expect(
      checkCycleDates("2026-11-15", "2027-01-10", [
        { level: "HQ", dueOn: "2027-01-08" },
        { level: "COUNTY", dueOn: "2026-12-10" },
        { level: "CITY", dueOn: "2026-12-10" },
      ]),
    ).toBeNull();
  });
  it("names what is wrong", () => {
    expect(checkCycleDates("2026-02-30", "2027-01-10", [])).toEqual({ code: "BAD_DATE", field: "opensOn", value: "2026-02-30" });
    expect(checkCycleDates("2027-01-10", "2027-01-10", [])?.code).toBe("CLOSES_BEFORE_OPENS");
    expect(checkCycleDates("2026-11-15", "2027-01-10", [{ level: "CITY", dueOn: "2027-02-01" }])).toEqual({
      code: "DEADLINE_OUTSIDE_CYCLE",
      level: "CITY",
      dueOn: "2027-02-01",
    });
    expect(
      checkCycleDates("2026-11-15", "2027-01-10", [
        { level: "CITY", dueOn: "2026-12-01" },
        { level: "COUNTY", dueOn: "2026-12-05" },
      ]),
    ).toEqual({ code: "DEADLINE_ORDER", lower: "COUNTY", upper: "CITY" });
    expect(
      checkCycleDates("2026-11-15", "2027-01-10", [
        { level: "CITY", dueOn: "2026-12-01" },
        { level: "CITY", dueOn: "2026-12-02" },
      ]),
    ).toEqual({ code: "DUPLICATE_DEADLINE", level: "CITY" });
  });
  it("knows calendar days", () => {
    expect(isIsoDay("2028-02-29")).toBe(true);
    expect(isIsoDay("2027-02-29")).toBe(false);
    expect(isIsoDay("2027-1-02")).toBe(false);
  });
});

describe("checkTemplate", () => {
  it("accepts the standard template", () => {
    expect(checkTemplate(STANDARD_PLAN_TEMPLATE)).toBeNull();
  });
  it("refuses a bad code, an empty title and a repeated code", () => {
    const base = { part: "GOALS" as const, titleZh: "标题", titleEn: "Title", required: true };
    expect(checkTemplate([{ ...base, code: "goal x" }])).toEqual({ code: "BAD_SECTION_CODE", value: "goal x" });
    expect(checkTemplate([{ ...base, code: "GOAL_X", titleEn: " " }])).toEqual({
      code: "EMPTY_TITLE",
      section: "GOAL_X",
      language: "en",
    });
    expect(
      checkTemplate([
        { ...base, code: "GOAL_X" },
        { ...base, code: "GOAL_X" },
      ]),
    ).toEqual({
      code: "DUPLICATE_SECTION",
      section: "GOAL_X",
    });
  });
});
