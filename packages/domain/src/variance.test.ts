import { describe, expect, it } from "vitest";
import { Fixed, money } from "./fixed.js";
import { COLLECTION, SALES_REVENUE } from "./metrics.js";
import {
  applyCarryOver,
  benchmarkSummary,
  completionRate,
  exceedsAllTargets,
  rankByCompletion,
  shareExceedingAllTargets,
  targetVariance,
  ytdPacing,
} from "./variance.js";

const months = (values: (string | null)[]): (Fixed | null)[] => values.map((v) => (v === null ? null : money(v)));

describe("completion and variance", () => {
  it("computes 完成率 and variance, with no rate for a zero target", () => {
    expect(completionRate(money("85"), money("100"))?.toString()).toBe("0.85");
    expect(completionRate(money("1"), money("3"))?.toString()).toBe("0.333333");
    expect(completionRate(money("5"), money("0"))).toBeNull();
    expect(targetVariance(money("85"), money("100")).toString()).toBe("-15.00");
  });
});

describe("ytdPacing", () => {
  // A festive curve: 30 % of the year in Q1.
  const target = months(["150", "100", "50", "50", "50", "50", "50", "50", "100", "100", "100", "150"]);

  it("expects the target's own months to date, not a straight line", () => {
    const actual = months(["140", "100", "60", null, null, null, null, null, null, null, null, null]);
    const p = ytdPacing(target, actual, 3, 2);
    expect(p.yearTarget.toString()).toBe("1000.00");
    expect(p.expectedToDate.toString()).toBe("300.00");
    expect(p.actualToDate.toString()).toBe("300.00");
    expect(p.paceIndex?.toString()).toBe("1");
    expect(p.straightLineToDate.toString()).toBe("250.00"); // a straight line would call this "ahead"
    expect(p.completionOfYear?.toString()).toBe("0.3");
    expect(p.varianceToDate.toString()).toBe("0.00");
  });

  it("rounds the straight-line contrast once, exactly, at any size", () => {
    const year = Fixed.fromUnits(10n ** 60n + 2n, 2); // ÷ 12 = …3.5 fen exactly (a tie)
    const only = Array.from({ length: 12 }, (_, m) => (m === 0 ? year : null));
    const p = ytdPacing(only, only, 1, 2);
    expect(p.straightLineToDate.units).toBe((10n ** 60n + 2n) / 12n + 1n); // the tie goes to the even …4
  });

  it("counts missing actual months as zero and refuses a bad month", () => {
    const actual = months(["150", null, null, null, null, null, null, null, null, null, null, null]);
    expect(ytdPacing(target, actual, 2, 2).paceIndex?.toString()).toBe("0.6");
    expect(() => ytdPacing(target, actual, 13, 2)).toThrow(RangeError);
  });
});

describe("applyCarryOver", () => {
  const target = months(["100", "100", "100", null, null, null, null, null, null, null, null, null]);

  it("rolls a collection shortfall into next month, not a surplus", () => {
    const actual = months(["70", "150", "90", null, null, null, null, null, null, null, null, null]);
    const r = applyCarryOver(target, actual, COLLECTION);
    expect(r.slice(0, 4).map((m) => [m.effectiveTarget?.toString() ?? null, m.shortfall.toString()])).toEqual([
      ["100.00", "30.00"],
      ["130.00", "0.00"],
      ["100.00", "10.00"],
      ["10.00", "0.00"], // month 4 had no plan but inherits March's shortfall
    ]);
  });

  it("leaves other metrics as planned", () => {
    const actual = months(["70", null, null, null, null, null, null, null, null, null, null, null]);
    const r = applyCarryOver(target, actual, SALES_REVENUE);
    expect(r.map((m) => m.effectiveTarget?.toString() ?? null).slice(0, 4)).toEqual(["100.00", "100.00", "100.00", null]);
    expect(r.every((m) => m.shortfall.isZero())).toBe(true);
  });
});

describe("ranking and the seed benchmark", () => {
  const units = [
    { id: "A", actual: money("90"), target: money("100") },
    { id: "B", actual: money("110"), target: money("100") },
    { id: "C", actual: money("180"), target: money("200") },
    { id: "D", actual: money("5"), target: money("0") },
    { id: "E", actual: money("84.99"), target: money("100") },
  ];

  it("ranks by exact completion rate, ties share a rank and keep input order", () => {
    const r = rankByCompletion(units);
    expect(r.map((u) => [u.id, u.rank, u.rate?.toString() ?? null])).toEqual([
      ["B", 1, "1.1"],
      ["A", 2, "0.9"],
      ["C", 2, "0.9"],
      ["E", 4, "0.8499"],
      ["D", null, null],
    ]);
  });

  it("summarises the share of units at ≥ 85 % and ≥ 100 %", () => {
    const s = benchmarkSummary(units);
    expect(s).toMatchObject({ units: 5, judged: 4, atOrAboveFloor: 3, atOrAbove100: 1, meetsBenchmark: false });
    expect(s.shareAtOrAboveFloor?.toString()).toBe("0.75");
    expect(s.shareAtOrAbove100?.toString()).toBe("0.25");
    const good = benchmarkSummary(units.filter((u) => u.id !== "E"));
    expect(good.meetsBenchmark).toBe(true); // all judged ≥ 85 %, 1 of 3 ≥ 100 %
    expect(benchmarkSummary([], {}).meetsBenchmark).toBe(false);
  });
});

describe("exceedsAllTargets / shareExceedingAllTargets", () => {
  const r = (actual: string, target: string) => ({ id: "u", actual: money(actual), target: money(target) });
  it("needs 100 % on every metric with a target, and at least one such metric", () => {
    expect(exceedsAllTargets([r("100", "100"), r("12", "10")])).toBe(true);
    expect(exceedsAllTargets([r("100", "100"), r("9.99", "10")])).toBe(false);
    // a metric without a target is not judged
    expect(exceedsAllTargets([r("100", "100"), r("5", "0")])).toBe(true);
    expect(exceedsAllTargets([r("5", "0")])).toBe(false);
  });
  it("counts the share among units that have a target: 1 of 3 = 0.333333", () => {
    const result = shareExceedingAllTargets([[r("101", "100")], [r("99", "100")], [r("80", "100"), r("1", "1")], [r("1", "0")]]);
    expect(result.count).toBe(1);
    expect(result.judged).toBe(3);
    expect(result.share?.toString()).toBe("0.333333");
  });
});
