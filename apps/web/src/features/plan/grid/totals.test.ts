import { Fixed, rollupYear } from "@pyramid/domain";
import { describe, expect, it } from "vitest";
import { cellKey } from "./model.js";
import {
  currentTargetMonths,
  estimateFlags,
  flaggedPeriods,
  indexCells,
  indexHistory,
  periodsOfMonths,
  readStored,
  seriesTotals,
} from "./totals.js";
import { A, B, C, CELLS, D, HISTORY, LINES, SALES } from "./testing.js";

const n = (values: (number | null)[]) => values.map((v) => (v === null ? null : BigInt(v)));

describe("periodsOfMonths", () => {
  it("sums months into quarters, halves and the year (SUM)", () => {
    const periods = periodsOfMonths(n([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]), "SUM");
    // Q1 1+2+3, Q2 4+5+6, Q3 7+8+9, Q4 10+11+12, H1 1..6, H2 7..12, year 1..12
    expect(periods.slice(12)).toEqual(n([6, 15, 24, 33, 21, 57, 78]));
  });

  it("leaves a period with no month blank instead of showing 0", () => {
    const periods = periodsOfMonths(n([null, null, null, null, 10, null, null, null, null, null, null, null]), "SUM");
    expect(periods.slice(12)).toEqual(n([null, 10, null, null, 10, null, 10]));
  });

  it("averages a share by the months present (AVERAGE)", () => {
    // 12.00 %, 13.00 %, 14.00 % in Q1 and 13.01 % in July, at scale 2
    const periods = periodsOfMonths(n([1200, 1300, 1400, null, null, null, 1301, null, null, null, null, null]), "AVERAGE");
    // Q1 (1200+1300+1400)/3 = 1300; Q3 1301; H1 1300; H2 1301; year (1200+1300+1400+1301)/4 = 1300.25 → 1300 (half-even)
    expect(periods.slice(12)).toEqual(n([1300, null, 1301, null, 1300, 1301, 1300]));
  });

  it("agrees with the domain's rollupYear on a year of money", () => {
    const months = n([123456, -99, 0, 1, 50000000, 7, null, 333, 2, 999999, 5, 10]);
    const periods = periodsOfMonths(months, "SUM");
    const oracle = rollupYear(
      months.map((u) => (u === null ? null : Fixed.fromUnits(u, 2))),
      { aggregation: "SUM", scale: 2 },
    );
    expect(periods.slice(12, 16)).toEqual(oracle.quarters.map((q) => q?.units ?? null));
    expect(periods.slice(16, 18)).toEqual(oracle.halves.map((h) => h?.units ?? null));
    expect(periods[18]).toBe(oracle.year?.units);
  });

  it("flags a period when any of its months is flagged", () => {
    const months = [false, false, false, false, false, false, false, false, false, false, true, false];
    expect(flaggedPeriods(months).slice(12)).toEqual([false, false, false, true, false, true, true]);
  });
});

describe("readStored", () => {
  it("reads the API's decimals exactly, canonical at the scale", () => {
    expect(readStored("1234.50", 2)).toEqual({ units: 123450n, canonical: "1234.50" });
    expect(readStored("1234.5", 2)).toEqual({ units: 123450n, canonical: "1234.50" });
    expect(readStored("-20", 2)).toEqual({ units: -2000n, canonical: "-20.00" });
    expect(readStored("-0.00", 2)).toEqual({ units: 0n, canonical: "0.00" });
    expect(readStored("007.1", 2)).toEqual({ units: 710n, canonical: "7.10" });
    expect(readStored("12", 0)).toEqual({ units: 12n, canonical: "12" });
    expect(readStored("12.0", 0)).toEqual({ units: 12n, canonical: "12" });
    expect(readStored("99999999999999999.99", 2).units).toBe(9999999999999999999n);
  });

  it("refuses what is not an amount at the scale", () => {
    expect(() => readStored("1.234", 2)).toThrow(/more than 2 decimal/);
    expect(() => readStored("1e3", 2)).toThrow(/not a number/);
    expect(() => readStored("", 2)).toThrow();
  });
});

describe("the fixture's figures", () => {
  const stored = indexCells(CELLS, SALES.scale);
  const history = indexHistory(HISTORY, SALES.scale);

  it("reads stored values canonically, with their versions and holds", () => {
    expect(stored.cell(cellKey(A.key, 1))).toEqual({ value: "1000.00", units: 100000n, version: 1, isHeld: false });
    expect(stored.cell(cellKey(B.key, 12))?.isHeld).toBe(true);
    expect(stored.cell(cellKey(B.key, 2))).toBeUndefined();
    expect(stored.cell(cellKey(C.key, 1))).toBeUndefined();
    expect(stored.monthsByRow.get(D.key)).toEqual(n([10000, null, -2000, null, null, null, null, null, null, null, null, null]));
  });

  it("rolls targets up by row, line and all specs", () => {
    const totals = seriesTotals(LINES, (key) => stored.monthsByRow.get(key), "SUM");
    // A: 1,000.00 + 2,000.50 = 3,000.50 (Q1, H1 and year)
    expect(totals.rows.get(A.key)?.slice(12)).toEqual(n([300050, null, null, null, 300050, null, 300050]));
    expect(totals.rows.get(C.key)?.[18]).toBeNull(); // nothing stored
    // 白酒 Jan: A 1,000.00 + B 700.00 = 1,700.00; Dec: B 50.00; year 3,000.50 + 750.00 = 3,750.50
    const baijiu = totals.lines.get("baijiu")!;
    expect([baijiu[0], baijiu[11], baijiu[18]]).toEqual(n([170000, 5000, 375050]));
    // 啤酒 Q1: 100.00 − 20.00 = 80.00
    expect(totals.lines.get("beer")?.[12]).toBe(8000n);
    // All: Jan 1,800.00; Mar −20.00; Q1 3,000.50 + 700.00 + 80.00 = 3,780.50; year 3,830.50
    expect([totals.all[0], totals.all[2], totals.all[12], totals.all[18]]).toEqual(n([180000, -2000, 378050, 383050]));
  });

  it("rolls last year up the same way and marks the periods holding an estimate", () => {
    const lastYear = seriesTotals(LINES, (key) => history.get(key)?.lastYear, "SUM");
    // A: 800 + 1,500 + 100 + 90 = 2,490.00
    expect(lastYear.rows.get(A.key)?.[18]).toBe(249000n);
    // 白酒 Jan: 800 + 800 = 1,600.00
    expect(lastYear.lines.get("baijiu")?.[0]).toBe(160000n);
    const flags = estimateFlags(LINES, history);
    expect(flags.rows.get(A.key)?.slice(10)).toEqual([true, true, false, false, false, true, false, true, true]);
    expect(flags.rows.get(B.key)?.every((f) => !f)).toBe(true);
    expect(flags.lines.get("baijiu")?.[18]).toBe(true);
    expect(flags.lines.get("beer")?.[18]).toBe(false);
    expect(flags.all[15]).toBe(true); // Q4
  });

  it("lays unsaved values and the value being typed over the stored months", () => {
    const draft = new Map([
      [cellKey(A.key, 1), { value: "1500.00", isHeld: false }],
      [cellKey(A.key, 2), { value: null, isHeld: false }],
    ]);
    const monthsOf = currentTargetMonths(stored, draft, 2, { key: cellKey(C.key, 3), units: 12345n });
    expect(monthsOf(A.key)?.slice(0, 3)).toEqual(n([150000, null, null]));
    expect(monthsOf(C.key)?.slice(0, 3)).toEqual(n([null, null, 12345]));
    expect(monthsOf(D.key)).toBe(stored.monthsByRow.get(D.key)); // untouched rows are not read again
    const totals = seriesTotals(LINES, monthsOf, "SUM");
    // 白酒 Jan: 1,500.00 + 700.00 = 2,200.00; Mar: 123.45 being typed
    expect(totals.lines.get("baijiu")?.[0]).toBe(220000n);
    expect(totals.lines.get("baijiu")?.[2]).toBe(12345n);
  });

  it("counts a breakdown row once: in its own periods, never in the line or all specs", () => {
    // A terminal breakdown under A holding Jan 600.00 and 400.00 of A's 1,000.00.
    const t1 = {
      key: "A|terminal=t1",
      specName: "",
      channelName: "终端甲",
      dimensions: { productSpecId: "s1", terminalId: "t1" },
      breakdown: true,
    };
    const t2 = {
      key: "A|terminal=t2",
      specName: "",
      channelName: "终端乙",
      dimensions: { productSpecId: "s1", terminalId: "t2" },
      breakdown: true,
    };
    const lines = [{ ...LINES[0]!, rows: [A, t1, t2, B, C] }, LINES[1]!];
    const breakdown = new Map([
      [t1.key, n([60000, null, null, null, null, null, null, null, null, null, null, null])],
      [t2.key, n([40000, null, null, null, null, null, null, null, null, null, null, null])],
    ]);
    const totals = seriesTotals(lines, (key) => breakdown.get(key) ?? stored.monthsByRow.get(key), "SUM");
    expect(totals.rows.get(t1.key)?.[18]).toBe(60000n);
    // 白酒 Jan stays A 1,000.00 + B 700.00 = 1,700.00, all specs Jan 1,800.00, as without the breakdown.
    expect(totals.lines.get("baijiu")?.[0]).toBe(170000n);
    expect(totals.all[0]).toBe(180000n);
    const flags = estimateFlags(
      lines,
      new Map([[t1.key, { lastYear: [], yearBefore: [], lastYearEstimated: [...Array(11).fill(false), true] }]]),
    );
    expect(flags.rows.get(t1.key)?.[11]).toBe(true);
    expect(flags.lines.get("baijiu")?.[11]).toBe(false); // A and B hold no estimate; the breakdown's is not the line's
  });
});
