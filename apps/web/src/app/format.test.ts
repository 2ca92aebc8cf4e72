import { describe, expect, it } from "vitest";
import { fenOf, formatBeijingTime, formatDay, formatPercent, formatWan, formatYuan, isNegativeAmount } from "./format.js";

describe("formatYuan", () => {
  it("groups thousands and always shows two decimals", () => {
    expect(formatYuan("1234567.89")).toBe("1,234,567.89");
    expect(formatYuan("1234567.8")).toBe("1,234,567.80");
    expect(formatYuan("999")).toBe("999.00");
    expect(formatYuan("0")).toBe("0.00");
    expect(formatYuan("-1234")).toBe("-1,234.00");
  });

  it("stays exact beyond what a float holds", () => {
    expect(formatYuan("90071992547409931.07")).toBe("90,071,992,547,409,931.07");
  });

  it("rounds a third decimal half to even", () => {
    expect(fenOf("0.125")).toBe(12n);
    expect(fenOf("0.135")).toBe(14n);
    expect(fenOf("-0.135")).toBe(-14n);
  });

  it("refuses text that is not a decimal", () => {
    expect(() => formatYuan("1e5")).toThrow(RangeError);
  });
});

describe("formatWan", () => {
  it("shows ten-thousands of 元 to two decimals", () => {
    expect(formatWan("1234567.89")).toBe("123.46");
    expect(formatWan("46000000")).toBe("4,600.00");
    // 50 元 is 0.005 万 and 250 元 0.025 万: halves go to the even hundredth.
    expect(formatWan("50")).toBe("0.00");
    expect(formatWan("150")).toBe("0.02");
    expect(formatWan("250")).toBe("0.02");
  });
});

describe("isNegativeAmount", () => {
  it("is true below zero only", () => {
    expect(isNegativeAmount("-0.01")).toBe(true);
    expect(isNegativeAmount("0.00")).toBe(false);
  });
});

describe("formatDay and formatBeijingTime", () => {
  it("write a day in each language", () => {
    expect(formatDay("2027-01-05", "zh-CN")).toBe("2027年1月5日");
    expect(formatDay("2027-01-05", "en")).toBe("5 Jan 2027");
  });

  it("shows an instant in Beijing time", () => {
    expect(formatBeijingTime("2026-11-29T18:05:00.000Z")).toBe("2026-11-30 02:05");
  });
});

describe("formatPercent", () => {
  it("shows a ratio as a percentage with one decimal", () => {
    expect(formatPercent("0.153846")).toBe("15.4%");
    expect(formatPercent("0.3")).toBe("30.0%");
    expect(formatPercent("1")).toBe("100.0%");
    expect(formatPercent("12.5")).toBe("1,250.0%");
    expect(formatPercent("-0.05")).toBe("-5.0%");
    expect(formatPercent("0")).toBe("0.0%");
  });

  it("rounds half to even on the exact decimal, and never shows -0.0%", () => {
    expect(formatPercent("0.00125")).toBe("0.1%"); // 0.125 % → 0.1
    expect(formatPercent("0.00135")).toBe("0.1%"); // 0.135 % → 0.1 (below half)
    expect(formatPercent("0.00015")).toBe("0.0%"); // 0.015 % → 0.0
    expect(formatPercent("0.00075")).toBe("0.1%"); // 0.075 % → 0.1 (above half)
    expect(formatPercent("0.00050")).toBe("0.0%"); // exactly 0.05 % → 0.0 (even)
    expect(formatPercent("0.00150")).toBe("0.2%"); // exactly 0.15 % → 0.2 (even)
    expect(formatPercent("-0.0004")).toBe("0.0%");
  });

  it("refuses text that is not a decimal", () => {
    expect(() => formatPercent("15%")).toThrow(RangeError);
  });
});
