import { describe, expect, it } from "vitest";
import { Fixed, money, quantity } from "./fixed.js";
import { DISTRIBUTION_RATE, MARKET_SHARE, SALES_REVENUE } from "./metrics.js";
import { OrgTreeError, aggregate, indexTree, rollupByDimension, rollupTree, rollupYear, sumTreeUnits } from "./rollup.js";

const pct = (s: string) => quantity(s, 2);

describe("aggregate", () => {
  it("sums exactly and skips missing values", () => {
    expect(aggregate([money("0.10"), null, money("0.20")], SALES_REVENUE)?.toString()).toBe("0.30");
    expect(aggregate([], SALES_REVENUE)?.toString()).toBe("0.00");
  });

  it("averages the present values, rounding HALF_EVEN once at the metric scale", () => {
    // (10.00 + 10.01) / 2 = 10.005 → 10.00 (half to even); (10.01 + 10.02) / 2 = 10.015 → 10.02
    expect(aggregate([pct("10.00"), pct("10.01")], MARKET_SHARE)?.toString()).toBe("10.00");
    expect(aggregate([pct("10.01"), undefined, pct("10.02")], MARKET_SHARE)?.toString()).toBe("10.02");
    expect(aggregate([null, null], MARKET_SHARE)).toBeNull();
  });

  it("takes the last present value for LAST", () => {
    expect(aggregate([pct("50.00"), pct("61.50"), null], DISTRIBUTION_RATE)?.toString()).toBe("61.50");
    expect(aggregate([null], DISTRIBUTION_RATE)).toBeNull();
  });

  it("refuses a value at the wrong scale", () => {
    expect(() => aggregate([quantity("5")], SALES_REVENUE)).toThrow(/scale/);
  });
});

describe("rollupYear", () => {
  it("sums months into quarters, halves and year", () => {
    const months = Array.from({ length: 12 }, (_, i) => money(String(i + 1)));
    const r = rollupYear(months, SALES_REVENUE);
    expect(r.quarters.map(String)).toEqual(["6.00", "15.00", "24.00", "33.00"]);
    expect(r.halves.map(String)).toEqual(["21.00", "57.00"]);
    expect(r.year?.toString()).toBe("78.00");
  });

  it("averages a share over the months present, not over quarter means", () => {
    const months: (Fixed | null)[] = new Array<Fixed | null>(12).fill(null);
    months[0] = pct("10.00");
    months[3] = pct("20.00");
    months[4] = pct("30.00");
    const r = rollupYear(months, MARKET_SHARE);
    expect(r.quarters.map((q) => q?.toString() ?? null)).toEqual(["10.00", "25.00", null, null]);
    // mean of months 10, 20, 30 = 20.00; the mean of quarter means would be 17.50
    expect(r.year?.toString()).toBe("20.00");
  });

  it("keeps the last month present for LAST metrics", () => {
    const months: (Fixed | null)[] = new Array<Fixed | null>(12).fill(null);
    months[1] = pct("40.00");
    months[7] = pct("65.00");
    const r = rollupYear(months, DISTRIBUTION_RATE);
    expect(r.quarters.map((q) => q?.toString() ?? null)).toEqual(["40.00", null, "65.00", null]);
    expect(r.halves.map((q) => q?.toString() ?? null)).toEqual(["40.00", "65.00"]);
    expect(r.year?.toString()).toBe("65.00");
  });
});

describe("tree roll-up", () => {
  const nodes = [
    { id: "HQ", parentId: null },
    { id: "P1", parentId: "HQ" },
    { id: "C1", parentId: "P1" },
    { id: "K1", parentId: "C1" },
    { id: "K2", parentId: "C1" },
    { id: "K3", parentId: "P1" }, // a county directly under a province: depth is data
  ];
  const index = indexTree(nodes);

  it("adds own items and children's totals at any depth", () => {
    const own = new Map([
      ["K1", money("100.01")],
      ["K2", money("200.02")],
      ["K3", money("50")],
      ["C1", money("1")], // a city-level item
    ]);
    const totals = rollupTree(index, own, SALES_REVENUE);
    expect(totals.get("C1")?.toString()).toBe("301.03");
    expect(totals.get("P1")?.toString()).toBe("351.03");
    expect(totals.get("HQ")?.toString()).toBe("351.03");
  });

  it("sums vectors per node with the flat hot path", () => {
    const width = 2;
    const own = new Array<bigint>(nodes.length * width).fill(0n);
    const k1 = index.positionOf.get("K1")!;
    const k3 = index.positionOf.get("K3")!;
    own[k1 * 2] = 5n;
    own[k1 * 2 + 1] = 7n;
    own[k3 * 2 + 1] = 1n;
    const totals = sumTreeUnits(index, own, width);
    const hq = index.positionOf.get("HQ")!;
    expect([totals[hq * 2], totals[hq * 2 + 1]]).toEqual([5n, 8n]);
    expect(own[hq * 2]).toBe(0n); // input untouched
  });

  it("averages children's shares for a unit without its own figure, and keeps a stated figure", () => {
    const own = new Map([
      ["K1", pct("10.00")],
      ["K2", pct("20.01")],
      ["K3", pct("30.00")],
    ]);
    const simple = rollupTree(index, own, MARKET_SHARE);
    expect(simple.get("C1")?.toString()).toBe("15.00"); // 15.005 → half-even 15.00
    expect(simple.get("P1")?.toString()).toBe("22.50"); // mean of C1 (15.00) and K3 (30.00)
    const stated = rollupTree(index, new Map([...own, ["P1", pct("18.00")]]), MARKET_SHARE);
    expect(stated.get("P1")?.toString()).toBe("18.00");
    expect(stated.get("HQ")?.toString()).toBe("18.00");
  });

  it("weights children's shares by market size when asked", () => {
    const own = new Map([
      ["K1", pct("10.00")],
      ["K2", pct("40.00")],
      ["K3", pct("30.00")],
    ]);
    const weights = new Map([
      ["K1", 3n],
      ["K2", 1n],
      ["K3", 4n],
    ]);
    const r = rollupTree(index, own, MARKET_SHARE, { weights });
    expect(r.get("C1")?.toString()).toBe("17.50"); // (10×3 + 40×1) / 4
    expect(r.get("P1")?.toString()).toBe("23.75"); // C1 weighs 4: (17.50×4 + 30×4) / 8
  });

  it("leaves nodes with nothing below them empty for AVERAGE metrics", () => {
    const r = rollupTree(index, new Map([["K3", pct("5.00")]]), MARKET_SHARE);
    expect(r.get("C1")).toBeNull();
    expect(r.get("P1")?.toString()).toBe("5.00");
  });

  it("rejects duplicate ids, unknown parents and cycles", () => {
    expect(() =>
      indexTree([
        { id: "A", parentId: null },
        { id: "A", parentId: null },
      ]),
    ).toThrow(OrgTreeError);
    expect(() => indexTree([{ id: "A", parentId: "X" }])).toThrow(/unknown parent/);
    expect(() =>
      indexTree([
        { id: "R", parentId: null },
        { id: "A", parentId: "B" },
        { id: "B", parentId: "A" },
      ]),
    ).toThrow(/cycle/);
    expect(() => rollupTree(index, new Map([["ZZ", money("1")]]), SALES_REVENUE)).toThrow(/unknown node/);
  });
});

describe("rollupByDimension", () => {
  it("groups specs into product lines and reports unmapped keys", () => {
    const lineOf: Record<string, string> = { "500ml": "白酒A", "250ml": "白酒A", "1L": "白酒B" };
    const r = rollupByDimension(
      [
        ["500ml", money("10.10")],
        ["1L", money("5")],
        ["250ml", money("0.90")],
        ["gift-box", money("3")],
      ],
      (spec) => lineOf[spec],
      SALES_REVENUE,
    );
    expect([...r.groups].map(([k, v]) => [k, v?.toString()])).toEqual([
      ["白酒A", "11.00"],
      ["白酒B", "5.00"],
    ]);
    expect(r.unmapped).toEqual(["gift-box"]);
  });
});
