import { describe, expect, it } from "vitest";
import { Dec, Fixed, money, quantity } from "./fixed.js";
import {
  ApportionError,
  FLAT_CURVE,
  MAX_SPLIT_CELLS,
  apportionUnits,
  checkSeasonalCurve,
  curvePercents,
  growFromReference,
  seasonalCurveFromHistory,
  seasonalCurveFromPercents,
  splitUnits,
  splitValue,
  twoYearAverage,
  type SeasonalCurve,
  type SplitCell,
  type SplitResult,
  type SplitSuccess,
} from "./split.js";

const strings = (r: SplitResult) => (r.ok ? r.parts.map(String) : r.error.code);
function ok(r: SplitResult): SplitSuccess {
  if (!r.ok)
    throw new Error(`split failed: ${JSON.stringify(r.error, (_, v: unknown) => (typeof v === "bigint" ? String(v) : v))}`);
  return r;
}
const named = (...keys: string[]): SplitCell[] => keys.map((key) => ({ key }));
const months: SplitCell[] = Array.from({ length: 12 }, (_, m) => ({
  key: `2027-${String(m + 1).padStart(2, "0")}`,
  month: m + 1,
}));
function curveOf(percents: string[]): SeasonalCurve {
  const r = seasonalCurveFromPercents("C", "曲线", "Curve", percents);
  if (!r.ok) throw new Error(r.error.code);
  return r.curve;
}

describe("apportionUnits (largest remainder on bigint arrays)", () => {
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

  it("refuses weights nothing can be split by with a typed error that says which", () => {
    const thrown = (fn: () => unknown) => {
      try {
        fn();
      } catch (e) {
        return e;
      }
      throw new Error("did not throw");
    };
    const none = thrown(() => apportionUnits(5n, []));
    expect(none).toBeInstanceOf(ApportionError);
    expect(none).toMatchObject({ code: "NO_CELLS", message: "cannot split 5 units over no cells" });
    expect(thrown(() => apportionUnits(5n, [0n, 0n]))).toMatchObject({ code: "ZERO_WEIGHT_SUM" });
    expect(thrown(() => apportionUnits(5n, [1n, -1n]))).toMatchObject({ code: "NEGATIVE_WEIGHT", cell: 1 });
  });
});

describe("splitValue — keyed cells", () => {
  const counties: SplitCell[] = [
    { key: "K1", reference: money("300000") },
    { key: "K2", reference: money("300000") },
    { key: "K3", reference: money("100000") },
  ];

  it("splits 1,000,000.00 元 over three counties by last year's 3:3:1 to exact fen", () => {
    const r = ok(splitValue(money("1000000"), counties, { kind: "PROPORTIONAL", basis: "LAST_YEAR_ACTUAL" }));
    expect(r.parts.map(String)).toEqual(["428571.43", "428571.43", "142857.14"]);
    expect(r.keys).toEqual(["K1", "K2", "K3"]);
    expect(r.remainder.isZero()).toBe(true);
    expect(r.cells.map((c) => c.share?.toString())).toEqual(["0.428571", "0.428571", "0.142857"]);
    // exact shares 428571.428571…, 142857.142857…: the two leftover fen go to the larger remainders
    expect(r.cells.map((c) => c.roundingAdjustment)).toEqual([1n, 1n, 0n]);
    expect(r.cells[0]?.exactShare.toFixed(6)).toBe("428571.428571");
    expect(r.cells[2]?.reference?.toString()).toBe("100000.00");
    expect(r.cells.map((c) => c.key)).toEqual(["K1", "K2", "K3"]);
    expect(r.cells.every((c) => c.method === "PROPORTIONAL" && !c.held && c.clamped === null)).toBe(true);
    expect(r.partOf("K3")?.toString()).toBe("142857.14");
    expect(r.partOf("nope")).toBeUndefined();
  });

  it("gives a tied leftover fen to the smallest key, wherever the cell is listed", () => {
    // 100.00 over 1:1:1: each exact share is 33.333…, one fen is left over, all remainders tie.
    for (const order of [
      ["A", "B", "C"],
      ["C", "B", "A"],
      ["B", "C", "A"],
    ]) {
      const r = ok(splitValue(money("100"), named(...order), { kind: "EVEN" }));
      expect(r.partOf("A")?.toString()).toBe("33.34");
      expect(r.partOf("B")?.toString()).toBe("33.33");
      expect(r.partOf("C")?.toString()).toBe("33.33");
    }
    const r = ok(splitValue(quantity(10), named("d", "c", "b", "a"), { kind: "EVEN" }));
    expect(r.parts.map(String)).toEqual(["2", "2", "3", "3"]); // a and b get the two leftover units
  });

  it("keeps a held county's value and splits the rest", () => {
    const cells = counties.map((c) => (c.key === "K3" ? { ...c, held: money("150000") } : c));
    const r = ok(splitValue(money("1000000"), cells, { kind: "PROPORTIONAL" }));
    expect(r.parts.map(String)).toEqual(["425000.00", "425000.00", "150000.00"]);
    expect([r.cells[2]?.held, r.cells[2]?.share, r.cells[2]?.weight]).toEqual([true, null, 0n]);
  });

  it("splits a negative figure as the mirror image", () => {
    expect(strings(splitValue(money("-1000000"), counties, { kind: "PROPORTIONAL" }))).toEqual([
      "-428571.43",
      "-428571.43",
      "-142857.14",
    ]);
  });

  it("refuses repeated keys and missing inputs", () => {
    expect(splitValue(money("1"), named("A", "B", "A"), { kind: "EVEN" })).toEqual({
      ok: false,
      error: { code: "DUPLICATE_KEY", key: "A" },
    });
    expect(splitValue(money("1"), [{ key: "A", reference: money("1") }, { key: "B" }], { kind: "PROPORTIONAL" })).toEqual({
      ok: false,
      error: { code: "MISSING_INPUT", key: "B", field: "reference" },
    });
    expect(splitValue(money("1"), named("A"), { kind: "SEASONAL", curve: FLAT_CURVE })).toEqual({
      ok: false,
      error: { code: "MISSING_INPUT", key: "A", field: "month" },
    });
    expect(splitValue(money("1"), [{ key: "A", month: 13 }], { kind: "SEASONAL", curve: FLAT_CURVE })).toEqual({
      ok: false,
      error: { code: "INVALID_MONTH", key: "A" },
    });
  });
});

describe("splitValue — methods", () => {
  it("splits a year over months by a seasonal curve", () => {
    const curve = curveOf(["15", "10", "6", "5", "5", "6", "5", "5", "10", "10", "8", "15"]);
    const r = ok(splitValue(money("120000"), months, { kind: "SEASONAL", curve }));
    expect(r.parts.map(String)).toEqual([
      "18000.00",
      "12000.00",
      "7200.00",
      "6000.00",
      "6000.00",
      "7200.00",
      "6000.00",
      "6000.00",
      "12000.00",
      "12000.00",
      "9600.00",
      "18000.00",
    ]);
    expect(curvePercents(curve)?.[0]?.toString()).toBe("15");
    expect(strings(splitValue(money("1"), months, { kind: "SEASONAL", curve: FLAT_CURVE }))).toHaveLength(12);
    // a curve over the months left in the year: only those months' weights count
    const q4 = ok(splitValue(money("330"), months.slice(9), { kind: "SEASONAL", curve }));
    expect(q4.parts.map(String)).toEqual(["100.00", "80.00", "150.00"]); // 10 : 8 : 15 of 330
  });

  it("derives a curve from history exactly", () => {
    const y1 = Array.from({ length: 12 }, (_, m) => quantity(m === 11 ? 30 : 10));
    const y2 = Array.from({ length: 12 }, (_, m) => (m === 0 ? null : quantity(m === 11 ? -50 : 10)));
    const curve = seasonalCurveFromHistory("H", "历史", "History", [y1, y2]);
    expect(curve.weights).toEqual([10n, 20n, 20n, 20n, 20n, 20n, 20n, 20n, 20n, 20n, 20n, 0n]);
    expect(curve.basis).toBe("RELATIVE");
  });

  it("splits by growth-adjusted references: one rate is proportional, per-cell rates lean the split", () => {
    const cells: SplitCell[] = [
      { key: "A", reference: money("100") },
      { key: "B", reference: money("100") },
    ];
    expect(strings(splitValue(money("300"), cells, { kind: "GROWTH", growth: "0.2" }))).toEqual(["150.00", "150.00"]);
    const leaning = cells.map((c, i) => ({ ...c, growth: ["0.5", "0"][i] }));
    const r = ok(splitValue(money("300"), leaning, { kind: "GROWTH" }));
    expect(r.parts.map(String)).toEqual(["180.00", "120.00"]); // weights 150 : 100
    const invalid = (growth: string, at: 0 | 1) =>
      splitValue(
        money("1"),
        cells.map((c, i) => ({ ...c, growth: i === at ? growth : "0" })),
        { kind: "GROWTH" },
      );
    expect(invalid("-1.5", 0)).toEqual({ ok: false, error: { code: "INVALID_GROWTH", key: "A", text: "-1.5" } });
    // −100 % is not "above −1": it would zero every weight and pass as an even split.
    expect(invalid("-1", 0)).toEqual({ ok: false, error: { code: "INVALID_GROWTH", key: "A", text: "-1" } });
    expect(invalid("-1.0000001", 1)).toEqual({ ok: false, error: { code: "INVALID_GROWTH", key: "B", text: "-1.0000001" } });
    // not a number: a typed refusal, not a decimal.js exception
    expect(invalid("abc", 1)).toEqual({ ok: false, error: { code: "INVALID_GROWTH", key: "B", text: "abc" } });
    expect(splitValue(money("1"), cells, { kind: "GROWTH", growth: "15%" })).toEqual({
      ok: false,
      error: { code: "INVALID_GROWTH", key: "A", text: "15%" },
    });
    expect(splitValue(money("1"), cells, { kind: "GROWTH" })).toEqual({
      ok: false,
      error: { code: "MISSING_INPUT", key: "A", field: "growth" },
    });
  });

  it("keeps Decimal growth rates exact", () => {
    const cells: SplitCell[] = [
      { key: "A", reference: money("1"), growth: new Dec("0.000001") },
      { key: "B", reference: money("1"), growth: "0" },
    ];
    const r = ok(splitValue(money("2"), cells, { kind: "GROWTH" }));
    expect(r.cells[0]?.weight).toBe(100n * 1_000_001n);
  });

  it("lets the parent follow bottom-up growth", () => {
    const g = growFromReference([money("100.01"), money("33.33")], "0.1");
    if (!g.ok) throw new Error(g.error.code);
    expect(g.parts.map(String)).toEqual(["110.01", "36.66"]); // 110.011 and 36.663, HALF_UP
    expect(g.total.toString()).toBe("146.67");
    expect(growFromReference([money("1"), money("2")], ["0", "abc"])).toEqual({
      ok: false,
      error: { code: "INVALID_GROWTH", cell: 1, text: "abc" },
    });
  });

  it("keeps MANUAL values and reports what does not add up", () => {
    const typed = (a: string, b: string): SplitCell[] => [
      { key: "A", value: money(a) },
      { key: "B", value: money(b) },
    ];
    const r = ok(splitValue(money("100"), typed("60", "30"), { kind: "MANUAL" }));
    expect(r.parts.map(String)).toEqual(["60.00", "30.00"]);
    expect(r.remainder.toString()).toBe("10.00");
    expect(r.warnings).toEqual([{ code: "MANUAL_REMAINDER", remainder: money("10") }]);
    expect(ok(splitValue(money("90"), typed("60", "30"), { kind: "MANUAL" })).warnings).toEqual([]);
    const capped = typed("60", "30").map((c) => (c.key === "A" ? { ...c, max: money("50") } : c));
    expect(splitValue(money("90"), capped, { kind: "MANUAL" })).toEqual({
      ok: false,
      error: { code: "MANUAL_OUT_OF_BOUNDS", key: "A" },
    });
  });
});

describe("splitValue — held, bounds and refusals", () => {
  const ref = (key: string, units: number, extra: Partial<SplitCell> = {}): SplitCell => ({
    key,
    reference: quantity(units),
    ...extra,
  });

  it("clamps at max and redistributes, repeatedly", () => {
    const r = ok(
      splitValue(quantity(100), [ref("a", 6, { max: quantity(40) }), ref("b", 3, { max: quantity(35) }), ref("c", 1)], {
        kind: "PROPORTIONAL",
      }),
    );
    // 60/30/10 → a capped at 40; 60 over 3:1 = 45/15 → b capped at 35; c takes 25
    expect(r.parts.map(String)).toEqual(["40", "35", "25"]);
    expect(r.cells.map((c) => c.clamped)).toEqual(["MAX", "MAX", null]);
  });

  it("lifts cells to their minimum and takes it from the others", () => {
    const cells: SplitCell[] = [
      { key: "a", reference: money("10") },
      { key: "b", reference: money("0"), min: money("20") },
      { key: "c", reference: money("0") },
    ];
    const r = ok(splitValue(money("100"), cells, { kind: "PROPORTIONAL" }));
    expect(r.parts.map(String)).toEqual(["80.00", "20.00", "0.00"]);
    expect(r.cells[1]?.clamped).toBe("MIN");
  });

  it("returns a clear error when the bounds cannot hold the amount", () => {
    const r = splitValue(
      money("100"),
      [
        { key: "a", max: money("30") },
        { key: "b", max: money("40") },
      ],
      { kind: "EVEN" },
    );
    expect(r).toEqual({
      ok: false,
      error: { code: "INFEASIBLE_BOUNDS", remaining: money("100"), minTotal: null, maxTotal: money("70") },
    });
    expect(splitValue(money("1"), [{ key: "a", min: money("2"), max: money("1") }, { key: "b" }], { kind: "EVEN" })).toEqual({
      ok: false,
      error: { code: "MIN_ABOVE_MAX", key: "a" },
    });
  });

  it("falls back to an even split when every reference is zero, and says so", () => {
    const r = ok(
      splitValue(
        money("10"),
        ["x", "y", "z"].map((key) => ({ key, reference: money("0") })),
        { kind: "PROPORTIONAL" },
      ),
    );
    expect(r.parts.map(String)).toEqual(["3.34", "3.33", "3.33"]);
    expect(r.warnings).toEqual([{ code: "ZERO_REFERENCE_FALLBACK_EVEN" }]);
  });

  it("refuses held cells that exceed the total unless the metric allows parts of the other sign", () => {
    // 1,000.00 over 4 with 600.00 and 500.00 held: the two free cells would be −50.00 each.
    const cells: SplitCell[] = [{ key: "a", held: money("600") }, { key: "b", held: money("500") }, { key: "c" }, { key: "d" }];
    expect(splitValue(money("1000"), cells, { kind: "EVEN" })).toEqual({
      ok: false,
      error: { code: "HELD_EXCEED_TOTAL", heldTotal: money("1100"), total: money("1000") },
    });
    const allowed = ok(splitValue(money("1000"), cells, { kind: "EVEN" }, { allowOppositeSignParts: true }));
    expect(allowed.parts.map(String)).toEqual(["600.00", "500.00", "-50.00", "-50.00"]);
    expect(allowed.warnings).toEqual([{ code: "HELD_EXCEED_TOTAL", heldTotal: money("1100") }]);
    // a negative total: held cells below it would leave positive parts
    expect(splitValue(money("-100"), [{ key: "a", held: money("-130") }, { key: "b" }], { kind: "EVEN" })).toMatchObject({
      ok: false,
      error: { code: "HELD_EXCEED_TOTAL" },
    });
    expect(splitValue(money("100"), [{ key: "a", held: money("90") }], { kind: "EVEN" })).toEqual({
      ok: false,
      error: { code: "NO_FREE_CELLS", remaining: money("10") },
    });
  });

  it("refuses negative references, mixed scales and empty or oversized splits", () => {
    expect(
      splitValue(
        money("1"),
        [
          { key: "a", reference: money("1") },
          { key: "b", reference: money("-1") },
        ],
        { kind: "PROPORTIONAL" },
      ),
    ).toEqual({
      ok: false,
      error: { code: "NEGATIVE_REFERENCE", key: "b" },
    });
    expect(splitValue(money("1"), [{ key: "a", held: quantity(1) }, { key: "b" }], { kind: "EVEN" })).toEqual({
      ok: false,
      error: { code: "SCALE_MISMATCH", key: "a", field: "held" },
    });
    expect(splitValue(money("1"), [], { kind: "EVEN" })).toEqual({ ok: false, error: { code: "NO_CELLS" } });
    const tooMany = new Array<SplitCell>(MAX_SPLIT_CELLS + 1).fill({ key: "x" });
    expect(splitValue(money("1"), tooMany, { kind: "EVEN" })).toEqual({
      ok: false,
      error: { code: "TOO_MANY_CELLS", cells: MAX_SPLIT_CELLS + 1, limit: MAX_SPLIT_CELLS },
    });
  });

  it("exposes the same rules on bigint arrays", () => {
    const r = splitUnits({ total: 10n, weights: [1n, 1n], held: [4n, null] });
    expect(r.ok && r.parts).toEqual([4n, 6n]);
    expect(splitUnits({ total: 10n, weights: [1n, 1n], held: [14n, null] })).toEqual({
      ok: false,
      error: { code: "HELD_EXCEED_TOTAL", heldTotal: 14n },
    });
    // keys rank ties: one unit over two equal cells goes to key "a", listed second
    const keyed = splitUnits({ total: 1n, weights: [1n, 1n], keys: ["b", "a"] });
    expect(keyed.ok && keyed.parts).toEqual([0n, 1n]);
  });
});

describe("seasonal curves: one rule for every curve", () => {
  const percents99_9 = ["15", "10", "6", "5", "5", "6", "5", "5", "10", "10", "8", "14.9"];

  it("refuses typed percentages that do not total 100 %, or normalises them with a notice", () => {
    expect(seasonalCurveFromPercents("X", "x", "x", percents99_9)).toEqual({
      ok: false,
      error: { code: "CURVE_NOT_100_PERCENT", percentTotal: Fixed.parse("99.9", 4) },
    });
    const normalised = seasonalCurveFromPercents("X", "x", "x", percents99_9, { normalise: true });
    expect(normalised.ok && normalised.notices).toEqual([
      { code: "CURVE_NORMALISED", curve: "X", percentTotal: Fixed.parse("99.9", 4) },
    ]);
    expect(normalised.ok && normalised.curve.basis).toBe("RELATIVE");
    const typed = seasonalCurveFromPercents("T", "t", "t", [
      "15%",
      "１０％",
      "6",
      "5",
      "5",
      "6",
      "5",
      "5",
      "10",
      "10",
      "8",
      "15 %",
    ]);
    expect(typed.ok && typed.curve.weights.slice(0, 2)).toEqual([150000n, 100000n]); // 0.0001 % units
    expect(seasonalCurveFromPercents("X", "x", "x", ["8"])).toEqual({ ok: false, error: { code: "CURVE_MONTHS", months: 1 } });
    expect(seasonalCurveFromPercents("X", "x", "x", ["8,5", ...new Array<string>(11).fill("8")])).toEqual({
      ok: false,
      error: { code: "CURVE_BAD_PERCENT", month: 1, text: "8,5" },
    });
  });

  it("applies the same rule to a curve built by hand", () => {
    const byHand: SeasonalCurve = {
      code: "H",
      nameZh: "手工",
      nameEn: "By hand",
      basis: "PERCENT",
      weights: [...curveOf(percents99_9.map((p, m) => (m === 11 ? "15" : p))).weights],
    };
    expect(checkSeasonalCurve(byHand)).toBeNull();
    const short: SeasonalCurve = { ...byHand, weights: byHand.weights.map((w, m) => (m === 11 ? w - 1000n : w)) }; // 99.9 %
    expect(splitValue(money("1000"), months, { kind: "SEASONAL", curve: short })).toEqual({
      ok: false,
      error: {
        code: "INVALID_CURVE",
        curve: "H",
        problem: { code: "CURVE_NOT_100_PERCENT", percentTotal: Fixed.parse("99.9", 4) },
      },
    });
    const thirteen: SeasonalCurve = { ...byHand, weights: [...byHand.weights, 0n] };
    expect(splitValue(money("1000"), months, { kind: "SEASONAL", curve: thirteen })).toEqual({
      ok: false,
      error: { code: "INVALID_CURVE", curve: "H", problem: { code: "CURVE_MONTHS", months: 13 } },
    });
    // normalised on request, and the split says so: 999.00 by 15 : … : 14.9 of 99.9
    const r = ok(splitValue(money("999"), months, { kind: "SEASONAL", curve: short, normaliseCurve: true }));
    expect(r.warnings).toEqual([{ code: "CURVE_NORMALISED", curve: "H", percentTotal: Fixed.parse("99.9", 4) }]);
    expect(r.parts[0]?.toString()).toBe("150.00");
    expect(r.parts[11]?.toString()).toBe("149.00");
  });
});

describe("references", () => {
  it("averages two years exactly at one more decimal place", () => {
    const avg = twoYearAverage([quantity(3), quantity(10), null, null], [quantity(4), null, quantity(7), null]);
    expect(avg.map(String)).toEqual(["3.5", "10.0", "7.0", "0.0"]);
    const cells = avg.map((reference, i) => ({ key: `c${i}`, reference }));
    const r = ok(splitValue(quantity(45), cells, { kind: "PROPORTIONAL", basis: "TWO_YEAR_AVERAGE" }));
    expect(r.parts.map(String)).toEqual(["8", "22", "15", "0"]); // 3.5 : 10 : 7 of 45 = 7.68, 21.95, 15.37
  });
});
