import { describe, expect, it } from "vitest";
import { buildColumns, buildDisplayRows, cellKey, cellTarget, periodSlot, PERIODS, rowKeyOf, selectedBlock } from "./model.js";
import { A, B, C, D, LINES } from "./testing.js";

describe("columns", () => {
  it("YEAR view: 12 months, Q1–Q4, H1–H2 and the year, then the year's Y-1, Y-2 and growth; only months take input", () => {
    const columns = buildColumns("YEAR");
    expect(columns.map((c) => c.id)).toEqual([
      ...[1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12].map((m) => `MONTH${m}:TARGET`),
      "QUARTER1:TARGET",
      "QUARTER2:TARGET",
      "QUARTER3:TARGET",
      "QUARTER4:TARGET",
      "HALF1:TARGET",
      "HALF2:TARGET",
      "YEAR1:TARGET",
      "YEAR1:LAST_YEAR",
      "YEAR1:YEAR_BEFORE",
      "YEAR1:GROWTH",
    ]);
    expect(columns.filter((c) => c.input)).toHaveLength(12);
  });

  it("EVERY_PERIOD view: each of the 19 periods with its target, Y-1, Y-2 and growth", () => {
    const columns = buildColumns("EVERY_PERIOD");
    expect(columns).toHaveLength(76);
    expect(columns.slice(0, 5).map((c) => c.id)).toEqual([
      "MONTH1:TARGET",
      "MONTH1:LAST_YEAR",
      "MONTH1:YEAR_BEFORE",
      "MONTH1:GROWTH",
      "MONTH2:TARGET",
    ]);
    expect(columns.filter((c) => c.input).map((c) => c.period.index)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
  });

  it("puts every period in its slot", () => {
    expect(PERIODS.map(periodSlot)).toEqual([...Array(19).keys()]);
  });
});

describe("display rows", () => {
  it("shows each line's subtotal row before its rows, and hides the rows of a collapsed line", () => {
    const names = (collapsed: string[]) =>
      buildDisplayRows(LINES, new Set(collapsed)).map((r) =>
        r.kind === "LINE" ? `${r.line.id}${r.collapsed ? "+" : "-"}` : r.row.key,
      );
    expect(names([])).toEqual(["baijiu-", A.key, B.key, C.key, "beer-", D.key]);
    expect(names(["baijiu"])).toEqual(["baijiu+", "beer-", D.key]);
  });
});

describe("cellTarget", () => {
  const rows = buildDisplayRows(LINES, new Set());
  const columns = buildColumns("YEAR");
  const held = new Set([cellKey(B.key, 12)]);
  const target = (row: number, col: number, readOnly = false) =>
    cellTarget(rows[row], columns[col], (k) => held.has(k), readOnly);

  it("knows a month of a spec row by its key, row, month and dimensions", () => {
    expect(target(1, 0)).toEqual({
      access: "EDITABLE",
      key: cellKey(A.key, 1),
      rowKey: A.key,
      month: 1,
      dimensions: { productSpecId: "s1", channelId: "direct" },
    });
    expect(rowKeyOf(cellKey(A.key, 11))).toBe(A.key);
  });

  it("tells held cells, totals, history and read-only apart", () => {
    expect(target(2, 11).access).toBe("HELD");
    expect(target(0, 0).access).toBe("TOTAL"); // the line's subtotal
    expect(target(1, 12).access).toBe("TOTAL"); // Q1
    expect(target(1, 18).access).toBe("TOTAL"); // the year
    expect(target(1, 19).access).toBe("HISTORY"); // Y-1
    expect(target(1, 21).access).toBe("HISTORY"); // growth
    expect(target(1, 0, true).access).toBe("READ_ONLY");
    expect(target(9, 0).access).toBe("READ_ONLY"); // outside the grid
  });
});

describe("selectedBlock", () => {
  // Display rows: 0 白酒, 1 A, 2 B, 3 C, 4 啤酒, 5 D. YEAR view columns: 0–11 months, 12–15 Q1–Q4, 16–17 H1–H2, 18 year, 19–21 history.
  const rows = buildDisplayRows(LINES, new Set());
  const columns = buildColumns("YEAR");

  it("names the spec rows and months a selection covers; a quarter, half or the year stands for its months", () => {
    expect(selectedBlock(rows, columns, { top: 1, left: 0, bottom: 2, right: 2 })).toEqual({ rows: [A, B], months: [1, 2, 3] });
    // Line subtotal rows are left out; Q2 is April to June.
    expect(selectedBlock(rows, columns, { top: 3, left: 13, bottom: 5, right: 13 })).toEqual({ rows: [C, D], months: [4, 5, 6] });
    expect(selectedBlock(rows, columns, { top: 5, left: 18, bottom: 5, right: 21 })?.months).toEqual([
      1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12,
    ]);
    // H2 and December together: July to December once each.
    expect(selectedBlock(rows, columns, { top: 1, left: 11, bottom: 1, right: 17 })?.months).toEqual([
      1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12,
    ]);
  });

  it("is null for a selection of line rows only, or of history columns only", () => {
    expect(selectedBlock(rows, columns, { top: 0, left: 0, bottom: 0, right: 5 })).toBeNull();
    expect(selectedBlock(rows, columns, { top: 1, left: 19, bottom: 3, right: 21 })).toBeNull();
  });
});
