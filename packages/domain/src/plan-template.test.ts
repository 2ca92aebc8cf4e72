import { describe, expect, it } from "vitest";
import { STANDARD_PLAN_TEMPLATE, templateSectionFields } from "./plan-template.js";

describe("the standard plan template (基本模块)", () => {
  const part = (name: string) => STANDARD_PLAN_TEMPLATE.filter((section) => section.part === name);

  it("has the three parts of DOMAIN.md section 3: 13 + 5 + 10 sections, in that order", () => {
    expect(part("ENVIRONMENT")).toHaveLength(13);
    expect(part("GOALS")).toHaveLength(5);
    expect(part("METHODS")).toHaveLength(10);
    expect(STANDARD_PLAN_TEMPLATE.map((section) => section.part)).toEqual([
      ...Array<string>(13).fill("ENVIRONMENT"),
      ...Array<string>(5).fill("GOALS"),
      ...Array<string>(10).fill("METHODS"),
    ]);
    expect(part("ENVIRONMENT")[0]?.titleZh).toBe("客观经济环境");
    expect(part("METHODS").at(-1)?.titleZh).toBe("费用预算");
  });

  it("has unique codes and marks the core sections required", () => {
    expect(new Set(STANDARD_PLAN_TEMPLATE.map((section) => section.code)).size).toBe(STANDARD_PLAN_TEMPLATE.length);
    expect(STANDARD_PLAN_TEMPLATE.find((section) => section.code === "GOAL_PROFIT")).toMatchObject({
      titleZh: "利润目标",
      required: true,
    });
    expect(STANDARD_PLAN_TEMPLATE.find((section) => section.code === "METHOD_BUDGET")).toMatchObject({
      titleZh: "费用预算",
      required: true,
    });
    expect(STANDARD_PLAN_TEMPLATE.find((section) => section.code === "GOAL_AWARENESS")?.required).toBe(false);
  });

  it("gives the stored columns with sortOrder counted from 1", () => {
    const first = STANDARD_PLAN_TEMPLATE[0]!;
    expect(templateSectionFields(first, 0)).toEqual({
      code: first.code,
      part: "ENVIRONMENT",
      titleZh: "客观经济环境",
      titleEn: first.titleEn,
      guidanceZh: first.guidanceZh,
      guidanceEn: first.guidanceEn,
      required: first.required,
      sortOrder: 1,
    });
  });
});
