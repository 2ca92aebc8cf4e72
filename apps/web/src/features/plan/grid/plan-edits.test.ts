import { describe, expect, it } from "vitest";
import { describeCell, type GridFigures } from "./cell-view.js";
import { EMPTY_DRAFT, type Draft } from "./edit-batch.js";
import { buildColumns, buildDisplayRows, cellKey, EMPTY_CELL } from "./model.js";
import { editableGrid, planClear, planFillDown, planHoldToggle, planPaste, planTypedValue, type EditPlan } from "./plan-edits.js";
import { currentTargetMonths, estimateFlags, indexCells, indexHistory, seriesTotals } from "./totals.js";
import { A, B, C, CELLS, HISTORY, LINES, SALES } from "./testing.js";

// Display rows: 0 白酒, 1 A, 2 B, 3 C, 4 啤酒, 5 D. Columns: 0–11 months, 12–18 Q1…year, 19 Y-1, 20 Y-2, 21 growth.
function gridOf(draft: Draft = EMPTY_DRAFT, readOnly = false) {
  const stored = indexCells(CELLS, 2);
  const history = indexHistory(HISTORY, 2);
  const figures: GridFigures = {
    scale: 2,
    stored,
    draft,
    target: seriesTotals(LINES, currentTargetMonths(stored, draft, 2, null), "SUM"),
    lastYear: seriesTotals(LINES, (k) => history.get(k)?.lastYear, "SUM"),
    yearBefore: seriesTotals(LINES, (k) => history.get(k)?.yearBefore, "SUM"),
    estimates: estimateFlags(LINES, history),
    band: null,
  };
  return editableGrid({
    rows: buildDisplayRows(LINES, new Set()),
    columns: buildColumns("YEAR"),
    scale: SALES.scale,
    readOnly,
    lookup: {
      current: (key) => draft.get(key) ?? stored.cell(key) ?? EMPTY_CELL,
      version: (key) => stored.cell(key)?.version ?? null,
    },
    valueAt: (row, column) => describeCell(figures, row, column).exact,
  });
}

const at = (row: number, col: number, rows = 1, cols = 1) => ({
  top: row,
  left: col,
  bottom: row + rows - 1,
  right: col + cols - 1,
});
const values = (plan: EditPlan) => {
  if (!plan.ok) throw new Error(`refused: ${JSON.stringify(plan.problem)}`);
  return plan.changes.map(
    (c) => `${c.rowKey === A.key ? "A" : c.rowKey === B.key ? "B" : c.rowKey === C.key ? "C" : "D"}${c.month}=${c.after.value}`,
  );
};

describe("planPaste", () => {
  it("reads a 3×4 block from Excel onto A–C × Jan–Apr", () => {
    const block = [
      ["1,234.50", "2,000", "(300.25)", "¥4,000.00"],
      ["500", "600.5", "700", "800"],
      ["0", "-1.00", "1,000,000", "12.34"],
    ];
    expect(values(planPaste(gridOf(), at(1, 0), block))).toEqual([
      "A1=1234.50",
      "A2=2000.00",
      "A3=-300.25",
      "A4=4000.00",
      "B1=500.00",
      "B2=600.50",
      "B3=700.00",
      "B4=800.00",
      "C1=0.00",
      "C2=-1.00",
      "C3=1000000.00",
      "C4=12.34",
    ]);
  });

  it("reads WPS text: full-width digits and punctuation, 万, ￥ and full-width minus", () => {
    const block = [["１，２３４．５０", "１．５万", "￥２，０００", "（３００）"]];
    expect(values(planPaste(gridOf(), at(3, 0), block))).toEqual(["C1=1234.50", "C2=15000.00", "C3=2000.00", "C4=-300.00"]);
    expect(values(planPaste(gridOf(), at(3, 0), [["３万元", "－５", "０．０１"]]))).toEqual([
      "C1=30000.00",
      "C2=-5.00",
      "C3=0.01",
    ]);
  });

  it("pastes one value into every cell of a larger selection, and clears with a blank", () => {
    expect(values(planPaste(gridOf(), at(1, 2, 3, 2), [["7"]]))).toEqual([
      "A3=7.00",
      "A4=7.00",
      "B3=7.00",
      "B4=7.00",
      "C3=7.00",
      "C4=7.00",
    ]);
    expect(values(planPaste(gridOf(), at(1, 0, 1, 2), [["", " "]]))).toEqual(["A1=null", "A2=null"]);
  });

  it("refuses a block that reaches past the last row or column", () => {
    expect(planPaste(gridOf(), at(5, 0), [["1"], ["2"]])).toEqual({
      ok: false,
      problem: { code: "OUTSIDE", rows: 2, cols: 1, row: 5, col: 0 },
    });
    expect(planPaste(gridOf(), at(1, 20), [["1", "2", "3"]])).toMatchObject({ ok: false, problem: { code: "OUTSIDE" } });
  });

  it("refuses a block over a total, a subtotal row, history or a held cell", () => {
    expect(planPaste(gridOf(), at(1, 10), [["1", "2", "3"]])).toEqual({
      ok: false,
      problem: { code: "NOT_EDITABLE", row: 1, col: 12, access: "TOTAL" },
    });
    expect(planPaste(gridOf(), at(3, 0), [["1"], ["2"]])).toEqual({
      ok: false,
      problem: { code: "NOT_EDITABLE", row: 4, col: 0, access: "TOTAL" },
    });
    expect(planPaste(gridOf(), at(1, 19), [["1"]])).toMatchObject({ ok: false, problem: { access: "HISTORY" } });
    expect(planPaste(gridOf(), at(1, 11), [["1"], ["2"]])).toEqual({ ok: false, problem: { code: "HELD", row: 2, col: 11 } });
  });

  it("refuses a text that is not an amount, saying which and why", () => {
    expect(planPaste(gridOf(), at(1, 0), [["12", "abc"]])).toEqual({
      ok: false,
      problem: { code: "NOT_A_NUMBER", row: 1, col: 1, text: "abc", reason: "NOT_A_NUMBER", scale: 2 },
    });
    expect(planPaste(gridOf(), at(1, 0), [["1,23"]])).toMatchObject({ ok: false, problem: { reason: "BAD_GROUPING" } });
    expect(planPaste(gridOf(), at(1, 0), [["1.234"]])).toMatchObject({ ok: false, problem: { reason: "TOO_MANY_DECIMALS" } });
    expect(planPaste(gridOf(), at(1, 0), [["12%"]])).toMatchObject({ ok: false, problem: { reason: "NOT_A_NUMBER" } });
  });

  it("reports where a block may not go before what it holds", () => {
    expect(planPaste(gridOf(), at(1, 11), [["abc"], ["2"]])).toMatchObject({ ok: false, problem: { code: "HELD" } });
  });

  it("refuses everything on a read-only grid and an empty clipboard", () => {
    expect(planPaste(gridOf(EMPTY_DRAFT, true), at(1, 0), [["1"]])).toMatchObject({
      ok: false,
      problem: { code: "NOT_EDITABLE", access: "READ_ONLY" },
    });
    expect(planPaste(gridOf(), at(1, 0), [])).toEqual({ ok: false, problem: { code: "EMPTY_CLIPBOARD" } });
  });

  it("takes a typed value by the same rules", () => {
    expect(values(planTypedValue(gridOf(), { row: 5, col: 1 }, "2.5万"))).toEqual(["D2=25000.00"]);
    expect(planTypedValue(gridOf(), { row: 2, col: 11 }, "1")).toMatchObject({ ok: false, problem: { code: "HELD" } });
  });
});

describe("planFillDown", () => {
  it("copies the top row of the block down (A Jan 1,000.00 and A Feb 2,000.50 into B and C)", () => {
    expect(values(planFillDown(gridOf(), at(1, 0, 3, 2)))).toEqual(["B1=1000.00", "C1=1000.00", "B2=2000.50", "C2=2000.50"]);
  });

  it("fills one row from the row above, unsaved values included", () => {
    const draft: Draft = new Map([[cellKey(B.key, 3), { value: "9.99", isHeld: false }]]);
    expect(values(planFillDown(gridOf(draft), at(3, 2)))).toEqual(["C3=9.99"]);
    expect(values(planFillDown(gridOf(), at(3, 0, 1, 2)))).toEqual(["C1=700.00", "C2=null"]);
  });

  it("refuses a fill with no row above, over a subtotal row or a held cell", () => {
    expect(planFillDown(gridOf(), at(0, 0))).toEqual({ ok: false, problem: { code: "NO_SOURCE" } });
    expect(planFillDown(gridOf(), at(3, 0, 3, 1))).toMatchObject({ ok: false, problem: { code: "NOT_EDITABLE", row: 4 } });
    expect(planFillDown(gridOf(), at(1, 11, 2, 1))).toEqual({ ok: false, problem: { code: "HELD", row: 2, col: 11 } });
  });
});

describe("planClear and planHoldToggle", () => {
  it("clears a block of monthly targets, or nothing when it holds a total", () => {
    expect(values(planClear(gridOf(), at(1, 0, 2, 1)))).toEqual(["A1=null", "B1=null"]);
    expect(planClear(gridOf(), at(1, 11, 1, 2))).toMatchObject({ ok: false, problem: { access: "TOTAL" } });
  });

  it("holds the monthly targets of a block (passing over its totals), then releases them", () => {
    const plan = planHoldToggle(gridOf(), at(1, 10, 1, 4)); // A Nov, Dec, Q1, Q2
    if (!plan.ok) throw new Error("refused");
    expect(plan.changes.map((c) => [c.month, c.after])).toEqual([
      [11, { value: null, isHeld: true }],
      [12, { value: null, isHeld: true }],
    ]);
    // B Dec is held already and alone in the block: the toggle releases it, keeping its value.
    const release = planHoldToggle(gridOf(), at(2, 11));
    expect(release.ok && release.changes.map((c) => c.after)).toEqual([{ value: "50.00", isHeld: false }]);
    // A block with B Dec (held) and C Dec (not): both held.
    const mixed = planHoldToggle(gridOf(), at(2, 11, 2, 1));
    expect(mixed.ok && mixed.changes.map((c) => c.after.isHeld)).toEqual([true, true]);
    expect(planHoldToggle(gridOf(), at(0, 0, 1, 3))).toEqual({ ok: false, problem: { code: "NOTHING_TO_HOLD" } });
  });
});
