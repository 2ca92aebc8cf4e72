import { describe, expect, it } from "vitest";
import { Dec, money, quantity } from "./fixed.js";
import {
  FLAT_CURVE,
  apportionGridUnits,
  apportionUnits,
  curvePercents,
  growFromReference,
  seasonalCurveFromHistory,
  seasonalCurveFromPercents,
  splitGrid,
  splitUnits,
  splitValue,
  twoYearAverage,
  type SplitResult,
  type SplitSuccess,
} from "./split.js";

const strings = (r: SplitResult) => (r.ok ? r.parts.map(String) : r.error.code);
function ok(r: SplitResult): SplitSuccess {
  if (!r.ok) throw new Error(`split failed: ${JSON.stringify(r.error)}`);
  return r;
}

describe("apportionUnits (largest remainder)", () => {
  it("gives leftover units to the largest remainders and sums exactly", () => {
    expect(apportionUnits(100n, [1n, 1n, 1n])).toEqual([34n, 33n, 33n]);
    expect(apportionUnits(10n, [5n, 3n, 2n])).toEqual([5n, 3n, 2n]);
    expect(apportionUnits(7n, [1n, 2n, 4n])).toEqual([1n, 2n, 4n]);
  });

  it("breaks equal remainders by larger weight, then by lower index", () => {
    // exact shares 0.5 and 1.5: equal remainders, the heavier cell gets the unit
    expect(apportionUnits(2n, [1n, 3n])).toEqual([0n, 2n]);
    // exact shares 0.5 and 0.5, equal weights: the first cell gets it
    expect(apportionUnits(1n, [1n, 1n])).toEqual([1n, 0n]);
  });

  it("mirrors negative totals", () => {
    expect(apportionUnits(-100n, [1n, 1n, 1n])).toEqual([-34n, -33n, -33n]);
  });

  it("writes into a shared output at an offset", () => {
    const out = new Array<bigint>(5).fill(9n);
    apportionUnits(5n, [1n, 1n], out, 2);
    expect(out).toEqual([9n, 9n, 3n, 2n, 9n]);
  });

  it("refuses weights that cannot be split by", () => {
    expect(() => apportionUnits(5n, [0n, 0n])).toThrow(/zero/);
    expect(() => apportionUnits(5n, [1n, -1n])).toThrow(/negative/);
  });

  it("splits a grid with exact row totals", () => {
    const grid = apportionGridUnits(1000n, [2n, 1n], [
      [1n, 1n, 1n],
      [0n, 0n, 1n],
    ]);
    expect(grid).toEqual([223n, 222n, 222n, 0n, 0n, 333n]);
  });
});

describe("splitValue — the worked example from the domain", () => {
  const lastYear = [money("300000"), money("300000"), money("100000")];

  it("splits 1,000,000.00 元 over three counties by last year's 3:3:1 to exact fen", () => {
    const r = ok(splitValue(money("1000000"), { kind: "PROPORTIONAL", reference: lastYear, basis: "LAST_YEAR_ACTUAL" }));
    expect(r.parts.map(String)).toEqual(["428571.43", "428571.43", "142857.14"]);
    expect(r.remainder.isZero()).toBe(true);
    expect(r.cells.map((c) => c.share?.toString())).toEqual(["0.428571", "0.428571", "0.142857"]);
    // exact shares 428571.428571…, 142857.142857…: the two leftover fen go to the first two
    expect(r.cells.map((c) => c.roundingAdjustment)).toEqual([1n, 1n, 0n]);
    expect(r.cells[0]?.exactShare.toFixed(6)).toBe("428571.428571");
    expect(r.cells[2]?.reference?.toString()).toBe("100000.00");
    expect(r.cells.every((c) => c.method === "PROPORTIONAL" && !c.held && c.clamped === null)).toBe(true);
  });

  it("keeps a held county's value and splits the rest", () => {
    const r = ok(
      splitValue(
        money("1000000"),
        { kind: "PROPORTIONAL", reference: lastYear },
        { held: [null, null, money("150000")] },
      ),
    );
    expect(r.parts.map(String)).toEqual(["425000.00", "425000.00", "150000.00"]);
    expect(r.cells[2]).toMatchObject({ held: true, share: null, weight: 0n });
  });

  it("splits a negative figure as the mirror image", () => {
    expect(strings(splitValue(money("-1000000"), { kind: "PROPORTIONAL", reference: lastYear }))).toEqual([
      "-428571.43",
      "-428571.43",
      "-142857.14",
    ]);
  });
});

describe("splitValue — methods", () => {
  it("splits evenly with the leftover unit to the first cells", () => {
    expect(strings(splitValue(money("100"), { kind: "EVEN", cells: 3 }))).toEqual(["33.34", "33.33", "33.33"]);
    expect(strings(splitValue(quantity(10), { kind: "EVEN", cells: 4 }))).toEqual(["3", "3", "2", "2"]);
  });

  it("splits a year over months by a seasonal curve", () => {
    const curve = seasonalCurveFromPercents("BAIJIU", "白酒节庆", "Baijiu festive", [
      "15", "10", "6", "5", "5", "6", "5", "5", "10", "10", "8", "15",
    ]);
    const r = ok(splitValue(money("120000"), { kind: "SEASONAL", curve }));
    expect(r.parts.map(String)).toEqual([
      "18000.00", "12000.00", "7200.00", "6000.00", "6000.00", "7200.00",
      "6000.00", "6000.00", "12000.00", "12000.00", "9600.00", "18000.00",
    ]);
    expect(curvePercents(curve)?.[0]?.toString()).toBe("15");
    expect(strings(splitValue(money("1"), { kind: "SEASONAL", curve: FLAT_CURVE }))).toHaveLength(12);
  });

  it("refuses a curve that does not total 100 %", () => {
    expect(() => seasonalCurveFromPercents("X", "x", "x", new Array<string>(12).fill("8"))).toThrow(/96.0000%/);
  });

  it("derives a curve from history exactly", () => {
    const y1 = Array.from({ length: 12 }, (_, m) => quantity(m === 11 ? 30 : 10));
    const y2 = Array.from({ length: 12 }, (_, m) => (m === 0 ? null : quantity(m === 11 ? -50 : 10)));
    const curve = seasonalCurveFromHistory("H", "历史", "History", [y1, y2]);
    expect(curve.weights).toEqual([10n, 20n, 20n, 20n, 20n, 20n, 20n, 20n, 20n, 20n, 20n, 0n]);
  });

  it("splits by growth-adjusted references: one rate is proportional, per-cell rates lean the split", () => {
    const reference = [money("100"), money("100")];
    expect(strings(splitValue(money("300"), { kind: "GROWTH", reference, growth: "0.2" }))).toEqual(["150.00", "150.00"]);
    const r = ok(splitValue(money("300"), { kind: "GROWTH", reference, growth: ["0.5", "0"] }));
    expect(r.parts.map(String)).toEqual(["180.00", "120.00"]); // weights 150 : 100
    expect(splitValue(money("1"), { kind: "GROWTH", reference, growth: ["-1.5", "0"] })).toEqual({
      ok: false,
      error: { code: "INVALID_GROWTH", cell: 0 },
    });
    // −100 % is not "above −1": it would zero every weight and pass as an even split.
    expect(splitValue(money("1"), { kind: "GROWTH", reference, growth: "-1" })).toEqual({
      ok: false,
      error: { code: "INVALID_GROWTH", cell: 0 },
    });
    expect(splitValue(money("1"), { kind: "GROWTH", reference, growth: ["0", "-1.0000001"] })).toEqual({
      ok: false,
      error: { code: "INVALID_GROWTH", cell: 1 },
    });
  });

  it("lets the parent follow bottom-up growth", () => {
    const g = growFromReference([money("100.01"), money("33.33")], "0.1");
    expect(g.parts.map(String)).toEqual(["110.01", "36.66"]); // 110.011 and 36.663, HALF_UP
    expect(g.total.toString()).toBe("146.67");
  });

  it("keeps MANUAL values and reports what does not add up", () => {
    const r = ok(splitValue(money("100"), { kind: "MANUAL", values: [money("60"), money("30")] }));
    expect(r.parts.map(String)).toEqual(["60.00", "30.00"]);
    expect(r.remainder.toString()).toBe("10.00");
    expect(r.warnings).toEqual([{ code: "MANUAL_REMAINDER", remainder: money("10") }]);
    const exact = ok(splitValue(money("90"), { kind: "MANUAL", values: [money("60"), money("30")] }));
    expect(exact.warnings).toEqual([]);
    expect(
      splitValue(money("90"), { kind: "MANUAL", values: [money("60"), money("30")] }, { max: [money("50"), null] }),
    ).toEqual({ ok: false, error: { code: "MANUAL_OUT_OF_BOUNDS", cell: 0 } });
  });
});

describe("splitValue — held, bounds and fallbacks", () => {
  it("clamps at max and redistributes, repeatedly", () => {
    const r = ok(
      splitValue(
        quantity(100),
        { kind: "PROPORTIONAL", reference: [quantity(6), quantity(3), quantity(1)] },
        { max: [quantity(40), quantity(35), null] },
      ),
    );
    // 60/30/10 → first capped at 40; 60 over 3:1 = 45/15 → second capped at 35; the third takes 25
    expect(r.parts.map(String)).toEqual(["40", "35", "25"]);
    expect(r.cells.map((c) => c.clamped)).toEqual(["MAX", "MAX", null]);
  });

  it("lifts cells to their minimum and takes it from the others", () => {
    const r = ok(
      splitValue(
        money("100"),
        { kind: "PROPORTIONAL", reference: [money("10"), money("0"), money("0")] },
        { min: [null, money("20"), null] },
      ),
    );
    expect(r.parts.map(String)).toEqual(["80.00", "20.00", "0.00"]);
    expect(r.cells[1]?.clamped).toBe("MIN");
  });

  it("returns a clear error when the bounds cannot hold the amount", () => {
    const r = splitValue(money("100"), { kind: "EVEN", cells: 2 }, { max: [money("30"), money("40")] });
    expect(r).toEqual({
      ok: false,
      error: { code: "INFEASIBLE_BOUNDS", remaining: money("100"), minTotal: null, maxTotal: money("70") },
    });
    expect(
      splitValue(money("1"), { kind: "EVEN", cells: 2 }, { min: [money("2"), null], max: [money("1"), null] }),
    ).toEqual({ ok: false, error: { code: "MIN_ABOVE_MAX", cell: 0 } });
  });

  it("falls back to an even split when every reference is zero, and says so", () => {
    const r = ok(splitValue(money("10"), { kind: "PROPORTIONAL", reference: [money("0"), money("0"), money("0")] }));
    expect(r.parts.map(String)).toEqual(["3.34", "3.33", "3.33"]);
    expect(r.warnings).toEqual([{ code: "ZERO_REFERENCE_FALLBACK_EVEN" }]);
  });

  it("warns when held cells exceed the parent, and errors when nothing is free to take the rest", () => {
    const r = ok(splitValue(money("100"), { kind: "EVEN", cells: 3 }, { held: [money("130"), null, null] }));
    expect(r.parts.map(String)).toEqual(["130.00", "-15.00", "-15.00"]);
    expect(r.warnings).toEqual([{ code: "HELD_EXCEED_TOTAL", heldTotal: money("130") }]);
    expect(splitValue(money("100"), { kind: "EVEN", cells: 1 }, { held: [money("90")] })).toEqual({
      ok: false,
      error: { code: "NO_FREE_CELLS", remaining: money("10") },
    });
  });

  it("rejects negative references, mixed scales and mismatched option lengths", () => {
    expect(splitValue(money("1"), { kind: "PROPORTIONAL", reference: [money("1"), money("-1")] })).toEqual({
      ok: false,
      error: { code: "NEGATIVE_REFERENCE", cell: 1 },
    });
    expect(splitValue(money("1"), { kind: "EVEN", cells: 2 }, { held: [quantity(1), null] })).toEqual({
      ok: false,
      error: { code: "SCALE_MISMATCH", field: "held", cell: 0 },
    });
    expect(splitValue(money("1"), { kind: "EVEN", cells: 2 }, { min: [null] })).toEqual({
      ok: false,
      error: { code: "LENGTH_MISMATCH", field: "min", expected: 2, actual: 1 },
    });
    expect(splitValue(money("1"), { kind: "EVEN", cells: 0 })).toEqual({ ok: false, error: { code: "NO_CELLS" } });
    for (const cells of [-2, 2.5, Number.NaN]) {
      expect(splitValue(money("1"), { kind: "EVEN", cells })).toEqual({ ok: false, error: { code: "NO_CELLS" } });
    }
  });

  it("exposes the same rules on bigint arrays", () => {
    const r = splitUnits({ total: 10n, weights: [1n, 1n], held: [4n, null] });
    expect(r.ok && r.parts).toEqual([4n, 6n]);
  });
});

describe("references", () => {
  it("averages two years exactly at one more decimal place", () => {
    const avg = twoYearAverage([quantity(3), quantity(10), null, null], [quantity(4), null, quantity(7), null]);
    expect(avg.map(String)).toEqual(["3.5", "10.0", "7.0", "0.0"]);
    const r = ok(splitValue(quantity(45), { kind: "PROPORTIONAL", reference: avg, basis: "TWO_YEAR_AVERAGE" }));
    expect(r.parts.map(String)).toEqual(["8", "22", "15", "0"]); // 3.5 : 10 : 7 of 45 = 7.68, 21.95, 15.37
  });
});

describe("splitGrid", () => {
  it("splits a county's year over specs by last year's mix and months by each spec's curve", () => {
    const peak = seasonalCurveFromPercents("PEAK", "旺季", "Peak", ["20", "10", "5", "5", "5", "5", "5", "5", "10", "10", "10", "10"]);
    const r = splitGrid(
      money("1000000"),
      { kind: "PROPORTIONAL", reference: [money("300"), money("300"), money("100")] },
      (row) => ({ kind: "SEASONAL", curve: row === 2 ? peak : FLAT_CURVE }),
    );
    if (!r.ok) throw new Error(r.error.code);
    expect(r.rowSplit.parts.map(String)).toEqual(["428571.43", "428571.43", "142857.14"]);
    for (let row = 0; row < 3; row++) {
      const sum = r.values[row]!.reduce((a, b) => a + b.units, 0n);
      expect(sum).toBe(r.rowSplit.parts[row]!.units);
    }
    expect(r.values[2]![0]!.toString()).toBe("28571.43");
    expect(r.columnTotals.reduce((a, b) => a + b.units, 0n)).toBe(100000000n);
  });

  it("names the row whose split failed", () => {
    const r = splitGrid(money("10"), { kind: "EVEN", cells: 2 }, (row) =>
      row === 1 ? { kind: "PROPORTIONAL", reference: [money("-1")] } : { kind: "EVEN", cells: 1 },
    );
    expect(r).toEqual({ ok: false, error: { code: "NEGATIVE_REFERENCE", cell: 0 }, row: 1 });
  });

  it("keeps Decimal growth rates exact", () => {
    const r = ok(splitValue(money("2"), { kind: "GROWTH", reference: [money("1"), money("1")], growth: [new Dec("0.000001"), "0"] }));
    expect(r.cells[0]?.weight).toBe(100n * 1_000_001n);
  });
});
