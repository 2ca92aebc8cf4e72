import { describe, expect, it } from "vitest";
import { COLLECTION, STANDARD_METRICS, findMetric, isAdditive } from "./metrics.js";

describe("STANDARD_METRICS", () => {
  it("lists the six seed metrics with their storage scale and aggregation", () => {
    expect(STANDARD_METRICS.map((m) => [m.code, m.nameZh, m.unit, m.scale, m.aggregation, m.carryOver])).toEqual([
      ["SALES_REVENUE", "销售额", "CNY", 2, "SUM", "NONE"],
      ["SALES_VOLUME", "销量", "UNIT", 0, "SUM", "NONE"],
      ["GROSS_PROFIT", "毛利", "CNY", 2, "SUM", "NONE"],
      ["COLLECTION", "回款", "CNY", 2, "SUM", "SHORTFALL_TO_NEXT_MONTH"],
      ["MARKET_SHARE", "市场占有率", "PERCENT", 2, "AVERAGE", "NONE"],
      ["DISTRIBUTION_RATE", "铺货率", "PERCENT", 2, "LAST", "NONE"],
    ]);
  });

  it("has unique codes and English names", () => {
    expect(new Set(STANDARD_METRICS.map((m) => m.code)).size).toBe(STANDARD_METRICS.length);
    expect(STANDARD_METRICS.every((m) => m.nameEn.length > 0)).toBe(true);
  });

  it("finds by code and tells additive metrics apart", () => {
    expect(findMetric("COLLECTION")).toBe(COLLECTION);
    expect(findMetric("NOPE")).toBeUndefined();
    expect(STANDARD_METRICS.filter(isAdditive).map((m) => m.code)).toEqual([
      "SALES_REVENUE",
      "SALES_VOLUME",
      "GROSS_PROFIT",
      "COLLECTION",
    ]);
  });
});
