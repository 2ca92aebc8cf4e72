import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { CellDimensions } from "./cell-key.js";
import { money, moneyFromFen, type Fixed } from "./fixed.js";
import { buildTargetGrid, type GridActual, type GridCell, type GridPeriodValues, type TargetGridInput } from "./target-grid.js";

interface Cell extends GridCell {
  readonly id: string;
}

const SUM = { aggregation: "SUM", scale: 2 } as const;
const BAND = { minGrowth: "0", maxGrowth: "0.3" };
const MEMBERS = { CHANNEL: ["C1", "C2"], TERMINAL: ["T1", "T2", "T3"], DISTRIBUTOR: ["D1"], TOWNSHIP: ["W1"] };
const SPECS = [
  { id: "S1", lineId: "L1" },
  { id: "S2", lineId: "L1" },
  { id: "S3", lineId: "L2" },
];

let nextId = 0;
const cell = (month: number, base: string, dimensions: CellDimensions, stretch?: string): Cell => ({
  id: `c${++nextId}`,
  month,
  base: money(base),
  stretch: stretch === undefined ? null : money(stretch),
  ...dimensions,
});
const actuals = (months: readonly number[], value: string, dimensions: CellDimensions): GridActual[] =>
  months.map((month) => ({ month, value: money(value), ...dimensions }));
const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);
const text = (value: Fixed | null | undefined) => (value == null ? null : value.toString());
const view = (values: GridPeriodValues | undefined) =>
  values && {
    base: text(values.base),
    stretch: text(values.stretch),
    lastYear: values.lastYear && { value: values.lastYear.value.toString(), estimated: values.lastYear.estimated },
    yearBefore: text(values.yearBefore),
    growth: values.growth?.toString() ?? null,
    band: values.band,
  };

// The worked example (figures by hand):
// S1's figure is 100.00 a month (stretch 120.00 in January); January is broken down by
// channel (60 + 40, balanced) and partly by terminal (30 of 100: 70.00 to allocate).
// S2 has only January, 50.00. Y-1 has actuals through October: S1 by channel (C1 50.00,
// C2 30.00 a month, so the figure is 80.00 a month, 800.00 to date), S2 as figure rows
// (10.00 a month). Y-2: S1 C1 40.00 × 10 then 50.00 × 2, C2 20.00 × 10 then 25.00 × 2
// (figure 600.00 to date, 150.00 in Nov–Dec); no S2.
function example(overrides: Partial<TargetGridInput<Cell>> = {}) {
  const cells = [
    ...range(1, 12).map((m) => cell(m, "100.00", { productSpecId: "S1" }, m === 1 ? "120.00" : undefined)),
    cell(1, "60.00", { productSpecId: "S1", channelId: "C1" }),
    cell(1, "40.00", { productSpecId: "S1", channelId: "C2" }),
    cell(1, "30.00", { productSpecId: "S1", terminalId: "T2" }),
    cell(1, "50.00", { productSpecId: "S2" }),
  ];
  return buildTargetGrid<Cell>({
    metric: SUM,
    specs: SPECS,
    lines: ["L1", "L2"],
    members: MEMBERS,
    cells,
    lastYear: [
      ...actuals(range(1, 10), "50.00", { productSpecId: "S1", channelId: "C1" }),
      ...actuals(range(1, 10), "30.00", { productSpecId: "S1", channelId: "C2" }),
      ...actuals(range(1, 10), "10.00", { productSpecId: "S2" }),
    ],
    yearBefore: [
      ...actuals(range(1, 10), "40.00", { productSpecId: "S1", channelId: "C1" }),
      ...actuals([11, 12], "50.00", { productSpecId: "S1", channelId: "C1" }),
      ...actuals(range(1, 10), "20.00", { productSpecId: "S1", channelId: "C2" }),
      ...actuals([11, 12], "25.00", { productSpecId: "S1", channelId: "C2" }),
    ],
    lastYearActualThrough: 10,
    estimateMethod: "LAST_YEAR_SEASONALITY",
    band: BAND,
    ...overrides,
  });
}

describe("buildTargetGrid: rows", () => {
  it("lists the figure without a spec, each spec's figure, and the channels that hold a cell or history", () => {
    const grid = example();
    expect(grid.rows.map((row) => row.key)).toEqual(["F|", "F|S1", "B|S1|CHANNEL|C1", "B|S1|CHANNEL|C2", "F|S2", "F|S3"]);
    const c1 = grid.rows[2]!;
    expect(c1).toMatchObject({ kind: "BREAKDOWN", axis: "CHANNEL", productSpecId: "S1", productLineId: "L1", memberId: "C1" });
    expect(c1.dimensions).toEqual({ productSpecId: "S1", channelId: "C1" });
    expect(grid.rows[1]!.dimensions).toEqual({ productSpecId: "S1" });
    expect(grid.rows[0]!.dimensions).toEqual({});
  });

  it("adds breakdown rows on request: every member of an axis, or the members present", () => {
    const all = example({ expand: [{ productSpecId: "S1", axis: "TERMINAL" }] });
    expect(all.rows.map((row) => row.key).slice(1, 7)).toEqual([
      "F|S1",
      "B|S1|CHANNEL|C1",
      "B|S1|CHANNEL|C2",
      "B|S1|TERMINAL|T1",
      "B|S1|TERMINAL|T2",
      "B|S1|TERMINAL|T3",
    ]);
    const present = example({ expandPresent: ["TERMINAL", "TOWNSHIP"] });
    expect(present.rows.map((row) => row.key)).toEqual([
      "F|",
      "F|S1",
      "B|S1|CHANNEL|C1",
      "B|S1|CHANNEL|C2",
      "B|S1|TERMINAL|T2",
      "F|S2",
      "F|S3",
    ]);
    const t2 = present.rows[4]!;
    expect(t2.months[0]!.cell?.base.toString()).toBe("30.00");
    expect(t2.months[1]!.cell).toBeNull();
  });

  it("places each cell in its slot with the history beside it, estimated months flagged", () => {
    const grid = example();
    const s1 = grid.rows[1]!;
    expect(s1.months[0]!.cell?.stretch?.toString()).toBe("120.00");
    expect(view(s1.months[0])).toEqual({
      base: "100.00",
      stretch: "120.00",
      lastYear: { value: "80.00", estimated: false },
      yearBefore: "60.00",
      growth: "0.25",
      band: "WITHIN",
    });
    // November: Y-1 = 800 × 150/600 = 200, spread 75 : 75 → 100.00, estimated.
    expect(view(s1.months[10])).toEqual({
      base: "100.00",
      stretch: "100.00",
      lastYear: { value: "100.00", estimated: true },
      yearBefore: "75.00",
      growth: "0",
      band: "WITHIN",
    });
    expect(s1.estimateMethodUsed).toBe("LAST_YEAR_SEASONALITY");
    // The channel rows are estimated on their own: C1 500 × 100/400 = 125 → 62.50 a month.
    expect(grid.rows[2]!.months[11]!.lastYear).toEqual({ value: money("62.50"), estimated: true });
    expect(grid.rows[3]!.months[11]!.lastYear).toEqual({ value: money("37.50"), estimated: true });
    expect(grid.estimatedMonths).toEqual([11, 12]);
  });

  it("rolls each row up month → quarter → half → year, flagging totals that include an estimate", () => {
    const s1 = example().rows[1]!;
    const [q1, , , q4, h1, h2, year] = s1.periods;
    expect(view(q1)).toMatchObject({ base: "300.00", lastYear: { value: "240.00", estimated: false }, growth: "0.25" });
    // Q4: 80.00 (October, actual) + 100.00 + 100.00 (estimated) = 280.00; growth 20/280.
    expect(view(q4)).toMatchObject({ base: "300.00", lastYear: { value: "280.00", estimated: true }, growth: "0.071429" });
    expect(view(h1)).toMatchObject({ base: "600.00", lastYear: { value: "480.00", estimated: false } });
    expect(view(h2)).toMatchObject({ base: "600.00", lastYear: { value: "520.00", estimated: true } });
    expect(view(year)).toEqual({
      base: "1200.00",
      stretch: "1220.00",
      lastYear: { value: "1000.00", estimated: true },
      yearBefore: "750.00",
      growth: "0.2",
      band: "WITHIN",
    });
  });

  it("compares the stretch value when asked (力争)", () => {
    const s1 = example({ basis: "STRETCH" }).rows[1]!;
    expect(view(s1.months[0])).toMatchObject({ growth: "0.5", band: "ABOVE_BAND" });
    expect(view(s1.periods[6])).toMatchObject({ growth: "0.22", band: "WITHIN" });
  });

  it("falls back to the run rate where Y-2 has nothing, and says so", () => {
    const s2 = example().rows[4]!;
    expect(s2.estimateMethodUsed).toBe("RUN_RATE");
    expect(s2.estimateFallback).toBe("NO_REFERENCE");
    // 100.00 to date over 10 months: 10.00 in each of November and December.
    expect(view(s2.periods[6])).toEqual({
      base: "50.00",
      stretch: "50.00",
      lastYear: { value: "120.00", estimated: true },
      yearBefore: null,
      growth: "-0.583333",
      band: "BELOW_LAST_YEAR",
    });
    expect(view(s2.months[0])).toMatchObject({ growth: "4", band: "ABOVE_BAND" });
    expect(view(s2.months[1])).toMatchObject({
      base: null,
      growth: null,
      band: null,
      lastYear: { value: "10.00", estimated: false },
    });
  });

  it("shows what each breakdown axis has allocated of the figure and what remains", () => {
    const s1 = example().rows[1]!;
    expect(s1.allocations.map((a) => [a.axis, a.balanced, text(a.allocated[0]), text(a.remaining[0]), a.remaining[1]])).toEqual([
      ["CHANNEL", true, "100.00", "0.00", null],
      ["TERMINAL", false, "30.00", "70.00", null],
    ]);
  });
});

describe("buildTargetGrid: totals spec → line → all", () => {
  it("adds the figure rows of each product line and of the whole unit", () => {
    const grid = example();
    expect(grid.totals.map((t) => [t.scope, t.productLineId])).toEqual([
      ["LINE", "L1"],
      ["LINE", "L2"],
      ["ALL", null],
    ]);
    const [l1, l2, all] = grid.totals;
    // January: S1 100.00 + S2 50.00; Y-1 80.00 + 10.00.
    expect(view(l1!.periods[0])).toMatchObject({ base: "150.00", lastYear: { value: "90.00", estimated: false } });
    // The year: 1200.00 + 50.00; Y-1 1000.00 + 120.00, estimated; Y-2 750.00.
    expect(view(l1!.periods[18])).toEqual({
      base: "1250.00",
      stretch: "1270.00",
      lastYear: { value: "1120.00", estimated: true },
      yearBefore: "750.00",
      growth: "0.116071",
      band: "WITHIN",
    });
    expect(l2!.periods.every((p) => p.base === null && p.lastYear === null)).toBe(true);
    expect(view(all!.periods[18])).toEqual(view(l1!.periods[18]));
    expect(l1!.periods.map((p) => `${p.period.kind}${p.period.index}`)).toEqual([
      ...range(1, 12).map((m) => `MONTH${m}`),
      "QUARTER1",
      "QUARTER2",
      "QUARTER3",
      "QUARTER4",
      "HALF1",
      "HALF2",
      "YEAR1",
    ]);
  });

  it("averages a share instead of adding it, and estimates it by the run rate", () => {
    const cells = range(1, 12).map((m) => cell(m, m === 12 ? "31.00" : "25.00", {}));
    const grid = buildTargetGrid<Cell>({
      metric: { aggregation: "AVERAGE", scale: 2 },
      specs: SPECS,
      lines: ["L1", "L2"],
      members: MEMBERS,
      cells,
      lastYear: actuals(range(1, 10), "20.00", {}),
      yearBefore: actuals(range(1, 12), "18.00", {}),
      lastYearActualThrough: 10,
      estimateMethod: "LAST_YEAR_SEASONALITY",
      band: BAND,
    });
    const unit = grid.rows[0]!;
    expect(unit.estimateMethodUsed).toBe("RUN_RATE");
    expect(unit.estimateFallback).toBe("NOT_ADDITIVE");
    // (11 × 25.00 + 31.00) / 12 = 25.50; Q4 (25 + 25 + 31) / 3 = 27.00; Y-1 stays 20.00.
    expect(view(unit.periods[6])).toEqual({
      base: "25.50",
      stretch: "25.50",
      lastYear: { value: "20.00", estimated: true },
      yearBefore: "18.00",
      growth: "0.275",
      band: null,
    });
    expect(text(unit.periods[3]!.base)).toBe("27.00");
  });

  it("estimates nothing when Y-1 is complete, and has no history without actuals", () => {
    const complete = example({ lastYearActualThrough: 12 });
    expect(complete.estimatedMonths).toEqual([]);
    expect(complete.rows[1]!.months[10]!.lastYear).toBeNull();
    expect(complete.rows[1]!.periods[6]!.lastYear).toEqual({ value: money("800.00"), estimated: false });
    const none = example({ lastYear: [], yearBefore: [], lastYearActualThrough: 0 });
    expect(none.rows.map((row) => row.key)).toEqual(["F|", "F|S1", "B|S1|CHANNEL|C1", "B|S1|CHANNEL|C2", "F|S2", "F|S3"]);
    expect(none.rows[1]!.periods[6]).toMatchObject({ lastYear: null, growth: null, band: "NO_HISTORY" });
  });

  it("totals equal a plain sum of the figure cells, and each row's year its own cells (property)", () => {
    const specId = fc.constantFrom(null, "S1", "S2", "S3", "S9");
    const axis = fc.constantFrom(null, "channelId", "terminalId");
    const arbitraryCell = fc.record({
      month: fc.integer({ min: 1, max: 12 }),
      fen: fc.bigInt({ min: -(10n ** 12n), max: 10n ** 12n }),
      spec: specId,
      axis,
      member: fc.constantFrom("C1", "T1", "X"),
    });
    fc.assert(
      fc.property(fc.array(arbitraryCell, { maxLength: 80 }), (raw) => {
        // One cell per coordinates, as the database keeps them.
        const seen = new Set<string>();
        const cells: Cell[] = [];
        for (const r of raw) {
          const dims: CellDimensions = { ...(r.spec && { productSpecId: r.spec }), ...(r.axis && { [r.axis]: r.member }) };
          const key = `${r.month}|${r.spec}|${r.axis}|${r.axis ? r.member : ""}`;
          if (seen.has(key)) continue;
          seen.add(key);
          cells.push({ id: key, month: r.month, base: moneyFromFen(r.fen), stretch: null, ...dims });
        }
        const grid = buildTargetGrid<Cell>({
          metric: SUM,
          specs: SPECS,
          lines: ["L1", "L2"],
          members: MEMBERS,
          cells,
          lastYear: [],
          yearBefore: [],
          lastYearActualThrough: 0,
          estimateMethod: "RUN_RATE",
          band: BAND,
          expandPresent: ["TERMINAL"],
        });
        const figures = cells.filter((c) => c.channelId === undefined && c.terminalId === undefined);
        const plain = figures.reduce((sum, c) => sum + c.base.units, 0n);
        const allYear = grid.totals.at(-1)!.periods[18]!.base;
        expect(allYear === null ? 0n : allYear.units).toBe(plain);
        const shown = new Set<string>();
        for (const row of grid.rows) {
          const mine = row.months.flatMap((slot) => (slot.cell ? [slot.cell] : []));
          mine.forEach((c) => shown.add(c.id));
          const year = row.periods[6]!.base;
          expect(year === null ? 0n : year.units).toBe(mine.reduce((sum, c) => sum + c.base.units, 0n));
        }
        // Every cell is in some row: figures, channel rows, and the present terminals.
        expect(shown.size).toBe(cells.length);
      }),
      { numRuns: 200 },
    );
  });
});
