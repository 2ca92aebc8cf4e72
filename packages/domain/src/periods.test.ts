import { describe, expect, it } from "vitest";
import { MONTHS, YEAR, half, halfOf, month, monthsOf, monthsToDate, periodLabel, quarter, quarterOf } from "./periods.js";

describe("periods", () => {
  it("maps each month to its quarter and half", () => {
    expect(MONTHS.map(quarterOf)).toEqual([1, 1, 1, 2, 2, 2, 3, 3, 3, 4, 4, 4]);
    expect(MONTHS.map(halfOf)).toEqual([1, 1, 1, 1, 1, 1, 2, 2, 2, 2, 2, 2]);
  });

  it("lists the months of each period", () => {
    expect(monthsOf(quarter(3))).toEqual([7, 8, 9]);
    expect(monthsOf(half(2))).toEqual([7, 8, 9, 10, 11, 12]);
    expect(monthsOf(YEAR)).toHaveLength(12);
    expect(monthsToDate(4)).toEqual([1, 2, 3, 4]);
  });

  it("labels periods in both languages", () => {
    expect(periodLabel(quarter(1), "zh-CN")).toBe("一季度");
    expect(periodLabel(quarter(4), "en")).toBe("Q4");
    expect(periodLabel(half(1), "zh-CN")).toBe("上半年");
    expect(periodLabel(half(2), "en")).toBe("H2");
    expect(periodLabel(month(3), "zh-CN")).toBe("3月");
    expect(periodLabel(month(12), "en")).toBe("Dec");
    expect(periodLabel(YEAR, "zh-CN")).toBe("全年");
  });

  it("refuses out-of-range periods", () => {
    expect(() => quarterOf(13)).toThrow(RangeError);
    expect(() => month(0)).toThrow(RangeError);
    expect(() => quarter(5)).toThrow(RangeError);
    expect(() => monthsOf({ kind: "HALF", index: 3 })).toThrow(RangeError);
  });
});
