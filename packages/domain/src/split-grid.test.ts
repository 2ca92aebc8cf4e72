import { describe, expect, it } from "vitest";
import { money, quantity } from "./fixed.js";
import { ApportionError, seasonalCurveFromPercents, type SplitCell } from "./split.js";
import { apportionGridUnits, splitGrid, type GridSplitResult, type GridSplitSuccess } from "./split-grid.js";

function ok(r: GridSplitResult): GridSplitSuccess {
  if (!r.ok) throw new Error(`grid split failed: ${r.error.code} at row ${r.row}`);
  return r;
}
const grid = (r: GridSplitSuccess) => r.values.map((row) => row.map(String));
const keyed = (...keys: string[]): SplitCell[] => keys.map((key) => ({ key }));

describe("apportionGridUnits (controlled rounding on bigint arrays)", () => {
  it("keeps rows and columns on the floor or ceil of their exact totals", () => {
    // exact: row 0 = 666.67 over 1:1:1 → 222.22 each; row 1 = 333.33 all in column 2.
    // Floors 222 + 222 + 222 + 333 = 999: one unit left; the largest fraction (1/3, row 1) takes it.
    const units = apportionGridUnits(
      1000n,
      [2n, 1n],
      [
        [1n, 1n, 1n],
        [0n, 0n, 1n],
      ],
    );
    expect(units).toEqual([222n, 222n, 222n, 0n, 0n, 334n]);
  });

  it("stays exact with weights far beyond floating point", () => {
    const huge = 10n ** 200n;
    // rows 1:2 and columns 1:1:1 scaled by 10^200: the same table as weights 1:2 and 1:1:1
    expect(apportionGridUnits(100n, [huge, 2n * huge], [huge, huge, huge])).toEqual(
      apportionGridUnits(100n, [1n, 2n], [1n, 1n, 1n]),
    );
  });

  it("refuses weights nothing can be split by with a typed error", () => {
    expect(() => apportionGridUnits(5n, [], [1n])).toThrow(ApportionError);
    expect(() => apportionGridUnits(5n, [1n, 1n], [[1n], [0n]])).toThrow(
      /row 1 has a share of the total but every column weight is zero/,
    );
  });
});

describe("splitGrid — every margin exact", () => {
  it("rounds a 2 × 3 table so rows, columns and the total all hold (worked by hand)", () => {
    // 1.00 over rows A:B = 1:1, each row over three equal columns: every exact cell is 16⅔ fen.
    // Floors 16 everywhere (96): A and B each need 2 more fen (rows exact at 50), columns
    // each 33⅓ → 33 or 34. Greedy in key order: A·x, A·y, then B·x, B·y → column z has 32,
    // below its floor 33; the exchange T → x → A → z moves A's unit from x to z.
    const r = ok(
      splitGrid(money("1"), {
        rows: keyed("A", "B"),
        rowMethod: { kind: "EVEN" },
        columns: keyed("x", "y", "z"),
        columnMethod: { kind: "EVEN" },
      }),
    );
    expect(grid(r)).toEqual([
      ["0.16", "0.17", "0.17"],
      ["0.17", "0.17", "0.16"],
    ]);
    expect(r.rowTotals.map(String)).toEqual(["0.50", "0.50"]);
    expect(r.columnTotals.map(String)).toEqual(["0.33", "0.34", "0.33"]);
    const a_z = r.explain(0, 2);
    expect([a_z.rowKey, a_z.columnKey, a_z.roundingAdjustment, a_z.exactShare.toFixed(4)]).toEqual(["A", "z", 1n, "0.1667"]);
  });

  it("gives the same value per key however the rows and columns are listed", () => {
    const r = ok(
      splitGrid(money("1"), {
        rows: keyed("B", "A"),
        rowMethod: { kind: "EVEN" },
        columns: keyed("z", "x", "y"),
        columnMethod: { kind: "EVEN" },
      }),
    );
    expect(grid(r)).toEqual([
      ["0.16", "0.17", "0.17"], // B: z, x, y
      ["0.17", "0.16", "0.17"], // A: z, x, y
    ]);
    expect(r.valueOf("A", "z")?.toString()).toBe("0.17");
  });

  it("keeps the columns of a year × spec mix on their exact totals (the case that missed by 2 fen)", () => {
    // 120,000.00 over months by a seasonal curve, each month over 10 specs by 13:7:11:17:3:19:5:23:2:29 (sum 129).
    const curve = seasonalCurveFromPercents("S", "季节", "Seasonal", [
      "15",
      "10",
      "6",
      "5",
      "5",
      "6",
      "5",
      "5",
      "10",
      "10",
      "8",
      "15",
    ]);
    if (!curve.ok) throw new Error(curve.error.code);
    const mix = [13n, 7n, 11n, 17n, 3n, 19n, 5n, 23n, 2n, 29n];
    const months: SplitCell[] = Array.from({ length: 12 }, (_, m) => ({
      key: `M${String(m + 1).padStart(2, "0")}`,
      month: m + 1,
    }));
    const specs: SplitCell[] = mix.map((w, s) => ({ key: `S${s}`, reference: money(String(w)) }));
    const r = ok(
      splitGrid(money("120000"), {
        rows: months,
        rowMethod: { kind: "SEASONAL", curve: curve.curve },
        columns: specs,
        columnMethod: { kind: "PROPORTIONAL" },
      }),
    );
    // Month totals are whole fen (15 % of 120,000.00 = 18,000.00), so rows are exactly those.
    expect(r.rowTotals.map(String)).toEqual([
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
    // Column c's exact total is 12,000,000 fen × mix[c] / 129 (worked independently): floor or ceil.
    r.columnTotals.forEach((total, c) => {
      const floor = (12_000_000n * mix[c]!) / 129n;
      expect([floor, floor + 1n]).toContain(total.units);
    });
    expect(r.columnTotals.reduce((a, t) => a + t.units, 0n)).toBe(12_000_000n);
  });

  it("honours held cells, held rows and zero rows and columns", () => {
    // 10.00: rows P (held at 4.00), Q, R (weights 1 : 0 → R is a zero row); columns u, v (0 weight), w.
    const rows: SplitCell[] = [
      { key: "P", reference: money("1"), held: money("4") },
      { key: "Q", reference: money("1") },
      { key: "R", reference: money("0") },
    ];
    const columns = (row: SplitCell): SplitCell[] => [
      { key: "u", reference: money("1"), held: row.key === "Q" ? money("1") : null },
      { key: "v", reference: money("0") },
      { key: "w", reference: money("2") },
    ];
    const r = ok(
      splitGrid(money("10"), { rows, rowMethod: { kind: "PROPORTIONAL" }, columns, columnMethod: { kind: "PROPORTIONAL" } }),
    );
    // P: 4.00 over u:w = 1:2 → 1.333…, 2.666…; Q: 6.00 with u held at 1.00 → w takes 5.00; R: zeros.
    expect(grid(r)).toEqual([
      ["1.33", "0.00", "2.67"],
      ["1.00", "0.00", "5.00"],
      ["0.00", "0.00", "0.00"],
    ]);
    expect(r.explain(1, 0).held).toBe(true);
  });

  it("clamps row totals at their bounds before splitting the columns", () => {
    // 100 cases over rows a:b = 1:1 with a capped at 30 → a 30, b 70; each row over x:y evenly.
    const rows: SplitCell[] = [{ key: "a", max: quantity(30) }, { key: "b" }];
    const r = ok(
      splitGrid(quantity(100), { rows, rowMethod: { kind: "EVEN" }, columns: keyed("x", "y"), columnMethod: { kind: "EVEN" } }),
    );
    expect(grid(r)).toEqual([
      ["15", "15"],
      ["35", "35"],
    ]);
    expect(r.columnTotals.map(String)).toEqual(["50", "50"]);
    expect(r.valueOf("a", "nope")).toBeUndefined();
  });

  it("mirrors a negative total", () => {
    const r = ok(
      splitGrid(money("-1"), {
        rows: keyed("A", "B"),
        rowMethod: { kind: "EVEN" },
        columns: keyed("x", "y", "z"),
        columnMethod: { kind: "EVEN" },
      }),
    );
    expect(grid(r)).toEqual([
      ["-0.16", "-0.17", "-0.17"],
      ["-0.17", "-0.17", "-0.16"],
    ]);
  });

  it("refuses what it cannot do, naming the row", () => {
    const columns = (row: SplitCell): SplitCell[] => (row.key === "B" ? keyed("x", "q") : keyed("x", "y"));
    expect(
      splitGrid(money("1"), { rows: keyed("A", "B"), rowMethod: { kind: "EVEN" }, columns, columnMethod: { kind: "EVEN" } }),
    ).toEqual({
      ok: false,
      error: { code: "COLUMN_MISMATCH", column: "q" },
      row: "B",
    });
    const held = (row: SplitCell): SplitCell[] => [{ key: "x", held: row.key === "A" ? money("3") : null }, { key: "y" }];
    expect(
      splitGrid(money("1"), {
        rows: keyed("A", "B"),
        rowMethod: { kind: "EVEN" },
        columns: held,
        columnMethod: { kind: "EVEN" },
      }),
    ).toEqual({
      ok: false,
      error: { code: "HELD_EXCEED_TOTAL", heldTotal: money("3"), total: money("1") },
      row: "A",
    });
    expect(
      splitGrid(money("1"), {
        rows: keyed("A"),
        rowMethod: { kind: "EVEN" },
        columns: [{ key: "x", max: money("1") }],
        columnMethod: { kind: "EVEN" },
      }),
    ).toEqual({
      ok: false,
      error: { code: "UNSUPPORTED_IN_GRID", what: "CELL_BOUNDS" },
      row: "A",
    });
    expect(
      splitGrid(money("1"), { rows: [], rowMethod: { kind: "EVEN" }, columns: keyed("x"), columnMethod: { kind: "EVEN" } }),
    ).toEqual({
      ok: false,
      error: { code: "NO_CELLS" },
      row: null,
    });
  });
});
