// computeSplit on blocks built by hand: every expected value is worked out in the comment
// above it, not taken from the engine.
import { cellDimensionColumns, Fixed } from "@pyramid/domain";
import { describe, expect, it } from "vitest";
import { DomainError } from "../../errors.js";
import { computeSplit, type BlockCell, type BlockState } from "./plan-split.compute.js";
import { fraction, grouped } from "./plan-split.explain.js";
import type { SplitInput } from "./plan-split.input.js";

interface CellSpec {
  current?: string;
  held?: boolean;
  lastYear?: string;
  yearBefore?: string;
}

/** A block of figures: rows (specs) × months, each cell as given (money unless scale 0). */
function block(
  rows: string[],
  months: number[],
  cells: Record<string, CellSpec>,
  scale = 2,
  extra: Partial<BlockState> = {},
): BlockState {
  const value = (text: string | undefined) => (text === undefined ? null : Fixed.parse(text, scale));
  const blockCells: BlockCell[] = rows.flatMap((spec) =>
    months.map((month): BlockCell => {
      const given = cells[`${spec}/${month}`] ?? {};
      return {
        dimensions: cellDimensionColumns({ productSpecId: spec }),
        cellId: given.current === undefined ? null : `${spec}-${month}`,
        version: given.current === undefined ? null : 1,
        current: value(given.current),
        storedHeld: given.held ?? false,
        lastYear: value(given.lastYear),
        lastYearEstimated: false,
        yearBefore: value(given.yearBefore),
      };
    }),
  );
  return {
    scale,
    metricScale: scale,
    axis: null,
    rows: rows.map((productSpecId) => ({ productSpecId, memberId: null })),
    months,
    cells: blockCells,
    figures: null,
    guidance: null,
    planTotal: Fixed.zero(scale),
    ...extra,
  };
}

const input = (changes: Partial<SplitInput>): SplitInput => ({
  planId: "plan",
  block: { metricId: "metric" },
  figure: { kind: "AMOUNT", amount: "0" },
  method: { kind: "EVEN" },
  ...changes,
});

const values = (state: BlockState, split: SplitInput) => computeSplit(state, split).cells.map((cell) => cell.value.toString());
const words = (state: BlockState, split: SplitInput) => computeSplit(state, split).cells.map((cell) => cell.explanation.en);

function refusalOf(run: () => unknown): { reason: string | undefined; params: unknown } {
  try {
    run();
  } catch (error) {
    if (error instanceof DomainError) return { reason: error.reason, params: error.params };
    throw error;
  }
  throw new Error("expected a refusal");
}

describe("computeSplit", () => {
  it("divides by the two-year average: (100 + 300) / 2 = 200 against 100 alone, so 300.00 goes 200.00 : 100.00", () => {
    const state = block(["a", "b"], [1], { "a/1": { lastYear: "100", yearBefore: "300" }, "b/1": { lastYear: "100" } });
    const split = input({ figure: { kind: "AMOUNT", amount: "300" }, method: { kind: "TWO_YEAR_AVERAGE" } });
    expect(values(state, split)).toEqual(["200.00", "100.00"]);
    expect(words(state, split)).toEqual(["200.00 = 300.00 × 2/3", "100.00 = 300.00 × 1/3"]);
    expect(computeSplit(state, split).cells.map((cell) => cell.reference?.toString())).toEqual(["200.000", "100.000"]);
  });

  it("leans by a cell's own growth: 100 × 1.5 against 100 × 1.0 share 500.00 as 300.00 and 200.00", () => {
    const state = block(["a"], [1, 2], { "a/1": { lastYear: "100" }, "a/2": { lastYear: "100" } });
    const split = input({
      figure: { kind: "AMOUNT", amount: "500" },
      method: { kind: "GROWTH", growthPercent: "0" },
      cells: [{ month: 1, productSpecId: "a", growthPercent: "50%" }],
    });
    expect(values(state, split)).toEqual(["300.00", "200.00"]);
    expect(words(state, split)).toEqual(["300.00 = 500.00 × 3/5", "200.00 = 500.00 × 2/5"]);
  });

  it("holds a row's total (a setting without a month): its months share it, the other rows the rest", () => {
    // 1,000.00 with row a held at 100.00: a's months 50.00 + 50.00; b takes 900.00, 450.00 a month.
    const state = block(["a", "b"], [1, 2], {});
    const split = input({
      figure: { kind: "AMOUNT", amount: "1000" },
      cells: [{ productSpecId: "a", held: true, value: "100" }],
    });
    expect(values(state, split)).toEqual(["50.00", "50.00", "450.00", "450.00"]);
    expect(words(state, split)).toEqual([
      "50.00 = 100.00 × 1/2",
      "50.00 = 100.00 × 1/2",
      "450.00 = 900.00 × 1/2",
      "450.00 = 900.00 × 1/2",
    ]);
  });

  it("releases a hold for one split (held: false, or keepStoredHolds: false); holds it by default", () => {
    const state = block(["a"], [1, 2], { "a/1": { current: "70", held: true } });
    const split = input({ figure: { kind: "AMOUNT", amount: "100" } });
    expect(values(state, split)).toEqual(["70.00", "30.00"]);
    expect(values(state, { ...split, cells: [{ month: 1, productSpecId: "a", held: false }] })).toEqual(["50.00", "50.00"]);
    expect(values(state, { ...split, keepStoredHolds: false })).toEqual(["50.00", "50.00"]);
    // Released for the whole row by a row setting.
    expect(values(state, { ...split, cells: [{ productSpecId: "a", held: false }] })).toEqual(["50.00", "50.00"]);
  });

  it("splits whole units for a metric without decimals: 10 cases over 3 months are 4, 3, 3", () => {
    const state = block(["a"], [1, 2, 3], {}, 0);
    const split = input({ figure: { kind: "AMOUNT", amount: "10" } });
    expect(values(state, split)).toEqual(["4", "3", "3"]);
    expect(words(state, split)).toEqual(["4 = 10 × 1/3, +1 remainder", "3 = 10 × 1/3", "3 = 10 × 1/3"]);
    expect(refusalOf(() => computeSplit(state, input({ figure: { kind: "AMOUNT", amount: "10.5" } }))).reason).toBe(
      "TOO_MANY_DECIMALS",
    );
  });

  it("keeps a row within its bounds in a grid: b at most 300.00 of 1,000.00 even", () => {
    const state = block(["a", "b"], [1, 2], {});
    const split = input({ figure: { kind: "AMOUNT", amount: "1000" }, cells: [{ productSpecId: "b", max: "300" }] });
    expect(values(state, split)).toEqual(["350.00", "350.00", "150.00", "150.00"]);
    expect(words(state, split)[2]).toBe("150.00 = 300.00 × 1/2");
  });

  it("splits a negative gap (the plan above its guidance) as a cut on top of the current values", () => {
    // Guidance 900.00, the plan totals 1,000.00: −100.00 shared by the current values 600 : 400.
    const state = block(["a", "b"], [1], { "a/1": { current: "600" }, "b/1": { current: "400" } }, 2, {
      guidance: Fixed.parse("900", 2),
      planTotal: Fixed.parse("1000", 2),
    });
    const split = input({ figure: { kind: "GUIDANCE_GAP" }, method: { kind: "CURRENT_VALUES" } });
    expect(values(state, split)).toEqual(["540.00", "360.00"]);
    expect(words(state, split)[0]).toBe("540.00 = 600.00 − 60.00 (share of the gap: -60.00 = -100.00 × 3/5)");
  });

  it("shows a row without last year as a zero share, and refuses a split whose every weight is zero", () => {
    const state = block(["a", "b"], [1, 2], { "a/1": { lastYear: "10" }, "a/2": { lastYear: "30" } });
    const split = input({ figure: { kind: "AMOUNT", amount: "80" }, method: { kind: "LAST_YEAR" } });
    expect(values(state, split)).toEqual(["20.00", "60.00", "0.00", "0.00"]);
    expect(words(state, split)).toEqual(["20.00 = 80.00 × 1/4", "60.00 = 80.00 × 3/4", "0.00 = 80.00 × 0", "0.00 = 80.00 × 0"]);
    const nothing = block(["a"], [1, 2], {});
    expect(refusalOf(() => computeSplit(nothing, split)).reason).toBe("ZERO_REFERENCE_SUM");
  });

  it("refuses a setting twice for one cell, and a row setting where cells are split one by one", () => {
    const state = block(["a"], [1, 2], {});
    const twice = input({
      figure: { kind: "AMOUNT", amount: "10" },
      cells: [
        { month: 1, productSpecId: "a", held: true },
        { month: 1, productSpecId: "a", held: false },
      ],
    });
    expect(refusalOf(() => computeSplit(state, twice))).toEqual({ reason: "DUPLICATE_CELL_SETTING", params: { index: 1 } });
    const manualRow = input({ method: { kind: "MANUAL" }, cells: [{ productSpecId: "a", held: true, value: "5" }] });
    expect(refusalOf(() => computeSplit(state, manualRow)).reason).toBe("ROW_SETTING_NEEDS_GRID");
  });
});

describe("the words of a split", () => {
  it("groups thousands and writes fractions in lowest terms", () => {
    expect(grouped(Fixed.parse("1000000", 2))).toBe("1,000,000.00");
    expect(grouped(Fixed.parse("-1234.5", 2))).toBe("-1,234.50");
    expect(grouped(Fixed.parse("999", 0))).toBe("999");
    expect(fraction(30000000n, 70000000n)).toBe("3/7");
    expect(fraction(0n, 7n)).toBe("0");
  });
});
