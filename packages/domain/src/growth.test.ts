import { describe, expect, it } from "vitest";
import { Fixed, money, quantity } from "./fixed.js";
import { checkGrowthBand, growthRate, growthVsHistory, sameMonthLastYear, twoYearCagr } from "./growth.js";

describe("growth", () => {
  it("measures growth against last year, and against a loss by its magnitude", () => {
    expect(growthRate(money("115"), money("100"))?.toString()).toBe("0.15");
    expect(growthRate(money("100"), money("300"))?.toString()).toBe("-0.666667");
    expect(growthRate(money("-50"), money("-100"))?.toString()).toBe("0.5");
    expect(growthRate(money("1"), money("0"))).toBeNull();
    expect(growthRate(money("1"), null)).toBeNull();
  });

  it("computes a two-year CAGR with an exact square root", () => {
    expect(twoYearCagr(money("121"), money("100"))?.toString()).toBe("0.1");
    expect(twoYearCagr(money("200"), money("100"))?.toString()).toBe("0.414214"); // √2 − 1
    expect(twoYearCagr(money("200"), money("0"))).toBeNull();
    expect(twoYearCagr(money("-1"), money("100"))).toBeNull();
  });

  it("puts the target next to both prior years", () => {
    const g = growthVsHistory(money("132"), money("120"), money("100"));
    expect(g.vsLastYear?.toString()).toBe("0.1");
    expect(g.vsYearBefore?.toString()).toBe("0.32");
    expect(g.twoYearCagr?.toString()).toBe("0.148913");
    expect(g.lastYearTrend?.toString()).toBe("0.2");
    expect(growthVsHistory(money("1"), null, null)).toEqual({
      vsLastYear: null,
      vsYearBefore: null,
      twoYearCagr: null,
      lastYearTrend: null,
    });
  });

  it("compares each month with the same month last year", () => {
    const current: (Fixed | null)[] = Array.from({ length: 12 }, () => quantity(110));
    const last: (Fixed | null)[] = Array.from({ length: 12 }, () => quantity(100));
    current[1] = null;
    last[2] = null;
    const g = sameMonthLastYear(current, last);
    expect(g[0]?.toString()).toBe("0.1");
    expect(g[1]).toBeNull();
    expect(g[2]).toBeNull();
  });
});

describe("checkGrowthBand (跳一跳, 摸得着)", () => {
  const band = { minGrowth: "0", maxGrowth: "0.30" };

  it("classifies below last year, within the band, above the band", () => {
    expect(checkGrowthBand(money("99.99"), money("100"), band).status).toBe("BELOW_LAST_YEAR");
    expect(checkGrowthBand(money("100"), money("100"), band).status).toBe("WITHIN");
    expect(checkGrowthBand(money("130"), money("100"), band).status).toBe("WITHIN");
    const above = checkGrowthBand(money("130.01"), money("100"), band);
    expect(above.status).toBe("ABOVE_BAND");
    expect(above.growth?.toString()).toBe("0.3001");
    expect(above.highest?.toString()).toBe("130");
  });

  it("decides borderline cases exactly, not by a rounded rate", () => {
    // 1/3 growth: 0.333333 rounded would pass a 0.333333 ceiling; the exact value does not
    const tight = { minGrowth: "0", maxGrowth: "0.333333" };
    expect(checkGrowthBand(money("4"), money("3"), tight).status).toBe("ABOVE_BAND");
  });

  it("reports NO_HISTORY without a positive actual last year", () => {
    expect(checkGrowthBand(money("10"), null, band).status).toBe("NO_HISTORY");
    expect(checkGrowthBand(money("10"), money("0"), band).status).toBe("NO_HISTORY");
    expect(checkGrowthBand(money("10"), money("-5"), band).status).toBe("NO_HISTORY");
  });

  it("refuses an inverted band", () => {
    expect(() => checkGrowthBand(money("1"), money("1"), { minGrowth: "0.5", maxGrowth: "0.1" })).toThrow(/above maximum/);
  });
});
