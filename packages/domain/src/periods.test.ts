import { describe, expect, it } from "vitest";
import {
  MONTHS,
  YEAR_PERIOD,
  halfOf,
  halfPeriod,
  monthPeriod,
  monthsOf,
  monthsToDate,
  periodLabel,
  quarterOf,
  quarterPeriod,
} from "./periods.js";

describe("periods", () => {
  it("maps each month to its quarter and half", () => {
    expect(MONTHS.map(quarterOf)).toEqual([1, 1, 1, 2, 2, 2, 3, 3, 3, 4, 4, 4]);
    expect(MONTHS.map(halfOf)).toEqual([1, 1, 1, 1, 1, 1, 2, 2, 2, 2, 2, 2]);
  });

  it("lists the months of each period", () => {
    expect(monthsOf(quarterPeriod(3))).toEqual([7, 8, 9]);
    expect(monthsOf(halfPeriod(2))).toEqual([7, 8, 9, 10, 11, 12]);
    expect(monthsOf(YEAR_PERIOD)).toHaveLength(12);
    expect(monthsToDate(4)).toEqual([1, 2, 3, 4]);
  });

  it("labels periods in both languages", () => {
    expect(periodLabel(quarterPeriod(1), "zh-CN")).toBe("一季度");
    expect(periodLabel(quarterPeriod(4), "en")).toBe("Q4");
    expect(periodLabel(halfPeriod(1), "zh-CN")).toBe("上半年");
    expect(periodLabel(halfPeriod(2), "en")).toBe("H2");
    expect(periodLabel(monthPeriod(3), "zh-CN")).toBe("3月");
    expect(periodLabel(monthPeriod(12), "en")).toBe("Dec");
    expect(periodLabel(YEAR_PERIOD, "zh-CN")).toBe("全年");
  });

  it("refuses out-of-range periods", () => {
    expect(() => quarterOf(13)).toThrow(RangeError);
    expect(() => monthPeriod(0)).toThrow(RangeError);
    expect(() => quarterPeriod(5)).toThrow(RangeError);
    expect(() => monthsOf({ kind: "HALF", index: 3 })).toThrow(RangeError);
  });
});
