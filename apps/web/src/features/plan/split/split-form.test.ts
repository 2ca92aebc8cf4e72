import { describe, expect, it } from "vitest";
import { checkSplitForm, formatValue, INITIAL_FORM, splitInputOf } from "./split-form.js";

const BREAKDOWN = { months: [1, 2], productSpecIds: ["s1"], breakdown: { axis: "TERMINAL" as const } };

describe("the split form", () => {
  it("sends only the fields that apply, holds in a stable order", () => {
    const input = splitInputOf("p", "m", BREAKDOWN, {
      ...INITIAL_FORM,
      figureKind: "FIGURES",
      method: "EVEN",
      rowMethod: "GROWTH",
      growthPercent: " 12.5 ",
      cells: { "s1|t2|2": { held: false }, "s1|t1|1": { held: true, value: " 500 ", min: "" }, "s1|t3|1": { min: "  " } },
    });
    expect(input).toEqual({
      planId: "p",
      block: { metricId: "m", months: [1, 2], productSpecIds: ["s1"], breakdown: { axis: "TERMINAL" } },
      figure: { kind: "FIGURES" },
      method: { kind: "EVEN" },
      rowMethod: { kind: "GROWTH", growthPercent: "12.5" },
      keepStoredHolds: true,
      cells: [
        { month: 1, productSpecId: "s1", memberId: "t1", held: true, value: "500" },
        { month: 2, productSpecId: "s1", memberId: "t2", held: false },
      ],
    });
  });

  it("checks amounts at the metric's decimals, curves and growth rates by the domain's rules", () => {
    expect(checkSplitForm({ ...INITIAL_FORM, amount: "１，２３４.５" }, 2)).toBeNull();
    expect(checkSplitForm({ ...INITIAL_FORM, amount: "12.5" }, 0)).toMatchObject({ field: "amount", params: { text: "12.5" } });
    const curve = ["8.5", "8.5", "8", "8", "8", "8", "8", "8", "8", "8", "9", "10"];
    expect(checkSplitForm({ ...INITIAL_FORM, amount: "1", method: "SEASONAL_CURVE", curve }, 2)).toBeNull();
    expect(
      checkSplitForm({ ...INITIAL_FORM, amount: "1", method: "SEASONAL_CURVE", curve: curve.slice(1).concat("9") }, 2),
    ).toMatchObject({ field: "curve" });
    expect(checkSplitForm({ ...INITIAL_FORM, amount: "1", method: "GROWTH", growthPercent: "15%" }, 2)).toBeNull();
    expect(checkSplitForm({ ...INITIAL_FORM, amount: "1", method: "GROWTH", growthPercent: "fifteen" }, 2)).toMatchObject({
      field: "growthPercent",
    });
  });

  it("shows money with two decimals and cases as whole numbers, grouped", () => {
    expect(formatValue("1234567.8", 2)).toBe("1,234,567.80");
    expect(formatValue("-12345", 0)).toBe("-12,345");
  });
});
