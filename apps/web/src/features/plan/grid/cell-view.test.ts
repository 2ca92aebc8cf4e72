import { Dec } from "@pyramid/domain";
import { describe, expect, it } from "vitest";
import { describeCell, formatGrowth, formatUnits, type GridFigures, type RowRef } from "./cell-view.js";
import { EMPTY_DRAFT, type Draft } from "./edit-batch.js";
import { buildColumns, buildDisplayRows, cellKey } from "./model.js";
import { currentTargetMonths, estimateFlags, indexCells, indexHistory, seriesTotals } from "./totals.js";
import { A, BAND, CELLS, HISTORY, LINES } from "./testing.js";

describe("formatUnits and formatGrowth", () => {
  it("formats money with thousands separators and two decimals, other scales at their own", () => {
    expect(formatUnits(123456789n, 2)).toBe("1,234,567.89");
    expect(formatUnits(-100n, 2)).toBe("-1.00");
    expect(formatUnits(5n, 2)).toBe("0.05");
    expect(formatUnits(1234567n, 0)).toBe("1,234,567");
    expect(formatUnits(-12345n, 1)).toBe("-1,234.5");
  });

  it("shows a PERCENT metric's value (percentage points) with one decimal, or more when it has them", () => {
    expect(formatUnits(1250n, 2, "PERCENT")).toBe("12.5%");
    expect(formatUnits(1234n, 2, "PERCENT")).toBe("12.34%");
    expect(formatUnits(1200n, 2, "PERCENT")).toBe("12.0%");
    expect(formatUnits(-300n, 2, "PERCENT")).toBe("-3.0%");
    expect(formatUnits(5n, 2, "PERCENT")).toBe("0.05%");
    expect(formatUnits(100000n, 0, "PERCENT")).toBe("100,000.0%");
    expect(formatUnits(1234567n, 2, "CNY")).toBe("12,345.67");
  });

  it("shows growth as a percentage with one decimal, rounded half-even", () => {
    expect(formatGrowth(new Dec("0.125"))).toBe("12.5%");
    expect(formatGrowth(new Dec("0.0625"))).toBe("6.2%");
    expect(formatGrowth(new Dec("0.0635"))).toBe("6.4%");
    expect(formatGrowth(new Dec("-0.125"))).toBe("-12.5%");
  });
});

describe("describeCell", () => {
  const stored = indexCells(CELLS, 2);
  const history = indexHistory(HISTORY, 2);
  const figuresWith = (draft: Draft): GridFigures => ({
    scale: 2,
    stored,
    draft,
    target: seriesTotals(LINES, currentTargetMonths(stored, draft, 2, null), "SUM"),
    lastYear: seriesTotals(LINES, (k) => history.get(k)?.lastYear, "SUM"),
    yearBefore: seriesTotals(LINES, (k) => history.get(k)?.yearBefore, "SUM"),
    estimates: estimateFlags(LINES, history),
    band: BAND,
  });
  const figures = figuresWith(EMPTY_DRAFT);
  const rows = buildDisplayRows(LINES, new Set());
  const year = buildColumns("YEAR");
  const every = buildColumns("EVERY_PERIOD");
  const col = (id: string) => [...year, ...every].find((c) => c.id === id)!;
  const view = (row: RowRef, id: string, f = figures) => describeCell(f, row, col(id));
  const rowA = rows[1]!;
  const rowB = rows[2]!;
  const baijiu = rows[0]!;
  const all: RowRef = { kind: "ALL" };

  it("shows a stored target formatted, copies it exact", () => {
    expect(view(rowA, "MONTH2:TARGET")).toMatchObject({
      text: "2,000.50",
      copyText: "2000.50",
      exact: "2000.50",
      negative: false,
    });
    expect(view(rowA, "MONTH3:TARGET")).toMatchObject({ text: "", copyText: "", exact: null });
  });

  it("shows the year's totals and history beside it (A: target 3,000.50, Y-1 2,490.00 with estimates, Y-2 720.00, growth 20.5 %)", () => {
    expect(view(rowA, "YEAR1:TARGET").text).toBe("3,000.50");
    expect(view(rowA, "YEAR1:LAST_YEAR")).toMatchObject({ text: "2,490.00", estimated: true });
    expect(view(rowA, "YEAR1:YEAR_BEFORE")).toMatchObject({ text: "720.00", estimated: false });
    // (3,000.50 − 2,490.00) / 2,490.00 = 0.20502… → 20.5 %
    expect(view(rowA, "YEAR1:GROWTH")).toMatchObject({ text: "20.5%", band: null });
  });

  it("marks estimated Y-1 months only", () => {
    expect(view(rowA, "MONTH12:LAST_YEAR")).toMatchObject({ text: "90.00", estimated: true });
    expect(view(rowA, "MONTH1:LAST_YEAR")).toMatchObject({ text: "800.00", estimated: false });
    expect(view(rowA, "QUARTER4:LAST_YEAR")).toMatchObject({ text: "190.00", estimated: true });
  });

  it("marks targets against the growth band: A Jan +25 % inside, A Feb +33.4 % above, B Jan −12.5 % below", () => {
    expect(view(rowA, "MONTH1:TARGET").band).toBeNull();
    expect(view(rowA, "MONTH1:GROWTH").text).toBe("25.0%");
    expect(view(rowA, "MONTH2:TARGET").band).toBe("ABOVE_BAND");
    expect(view(rowA, "MONTH2:GROWTH")).toMatchObject({ text: "33.4%", band: "ABOVE_BAND" });
    expect(view(rowB, "MONTH1:TARGET").band).toBe("BELOW_LAST_YEAR");
    expect(view(rowB, "MONTH1:GROWTH")).toMatchObject({ text: "-12.5%", negative: true, band: "BELOW_LAST_YEAR" });
    expect(view(rowB, "MONTH2:GROWTH").text).toBe(""); // no target, no history
  });

  it("shows line and all-spec totals: 白酒 Jan 1,700.00 vs 1,600.00 (+6.2 %), all Mar −20.00 in red", () => {
    expect(view(baijiu, "MONTH1:TARGET").text).toBe("1,700.00");
    expect(view(baijiu, "MONTH1:GROWTH").text).toBe("6.2%");
    expect(view(all, "MONTH3:TARGET")).toMatchObject({ text: "-20.00", negative: true });
    expect(view(all, "YEAR1:TARGET").text).toBe("3,830.50");
  });

  it("marks held and changed cells", () => {
    expect(view(rowB, "MONTH12:TARGET")).toMatchObject({ held: true, changed: false });
    const draft: Draft = new Map([[cellKey(A.key, 1), { value: "1100.00", isHeld: true }]]);
    const withDraft = figuresWith(draft);
    expect(view(rowA, "MONTH1:TARGET", withDraft)).toMatchObject({ text: "1,100.00", held: true, changed: true });
    expect(view(baijiu, "MONTH1:TARGET", withDraft).text).toBe("1,800.00");
    expect(view(rowB, "MONTH12:TARGET", withDraft).held).toBe(true);
  });
});
