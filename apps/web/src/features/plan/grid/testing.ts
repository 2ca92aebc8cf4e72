// A small plan for the grid's tests (imported by *.test.ts only): two product
// lines, four spec × channel rows, a few stored cells and last years' figures.
// The tests work their expected figures out by hand from these.
//
// Display rows (every line expanded): 0 白酒 subtotal, 1 A, 2 B, 3 C, 4 啤酒 subtotal, 5 D.
// Columns in the YEAR view: 0–11 months, 12–15 Q1–Q4, 16–17 H1–H2, 18 year, 19 Y-1 year, 20 Y-2 year, 21 growth.
import { cellDimensionKey, type CellDimensions } from "@pyramid/domain";
import type { GridCellInput, GridHistoryInput, GridLine, GridMetric, GridRowSpec } from "./model.js";

export const SALES: GridMetric = { id: "metric-sales", scale: 2, aggregation: "SUM" };

function row(productSpecId: string, channelId: string, specName: string, channelName: string): GridRowSpec {
  const dimensions: CellDimensions = { productSpecId, channelId };
  return { key: cellDimensionKey(dimensions), specName, channelName, dimensions };
}

export const A = row("s1", "direct", "金樽500ml", "直营");
export const B = row("s2", "direct", "金樽250ml", "直营");
export const C = row("s2", "dealer", "金樽250ml", "经销");
export const D = row("s3", "dealer", "清爽330ml", "经销");

export const LINES: GridLine[] = [
  { id: "baijiu", name: "白酒", rows: [A, B, C] },
  { id: "beer", name: "啤酒", rows: [D] },
];

const cell = (r: GridRowSpec, month: number, value: string | null, version: number | null, isHeld = false): GridCellInput => ({
  rowKey: r.key,
  month,
  value,
  version,
  isHeld,
});

/** A: Jan 1,000.00, Feb 2,000.50; B: Jan 700.00, Dec 50.00 held; C: nothing; D: Jan 100.00, Mar -20.00. */
export const CELLS: GridCellInput[] = [
  cell(A, 1, "1000", 1), // not canonical on purpose: the grid reads it as 1000.00
  cell(A, 2, "2000.5", 1),
  cell(B, 1, "700.00", 2),
  cell(B, 12, "50.00", 4, true),
  cell(D, 1, "100.00", 3),
  cell(D, 3, "-20.00", 3),
];

const history = (
  r: GridRowSpec,
  month: number,
  lastYear: string | null,
  yearBefore: string | null,
  lastYearEstimated = false,
): GridHistoryInput => ({ rowKey: r.key, month, lastYear, lastYearEstimated, yearBefore });

/** A: Y-1 Jan 800, Feb 1,500, Nov 100 (estimate), Dec 90 (estimate); Y-2 Jan 640, Dec 80. B: Y-1 Jan 800, Y-2 Jan 500. D: Y-1 Jan 50. */
export const HISTORY: GridHistoryInput[] = [
  history(A, 1, "800.00", "640.00"),
  history(A, 2, "1500.00", null),
  history(A, 11, "100.00", null, true),
  history(A, 12, "90.00", "80.00", true),
  history(B, 1, "800.00", "500.00"),
  history(D, 1, "50.00", null),
];

/** Not below last year, at most 30 % above it. */
export const BAND = { minGrowth: "0", maxGrowth: "0.30" };
