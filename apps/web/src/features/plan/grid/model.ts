// What the targets grid shows, as plain data: its inputs (rows, cells,
// history), its columns (periods × series) and its display rows (product-line
// subtotal rows, spec × channel rows). Everything else in the grid is indexed
// by these: a cell is (display row index, column index).
import type { Aggregation, CellDimensions, MetricUnit, Month, Period } from "@pyramid/domain";
import { HALVES, MONTHS, QUARTERS, YEAR_PERIOD } from "@pyramid/domain";

/** 基本任务 or 力争目标. */
export type TargetVariant = "BASE" | "STRETCH";

/** The metric the grid edits: its values are exact decimals at `scale` places. */
export interface GridMetric {
  readonly id: string;
  readonly scale: number;
  readonly aggregation: Aggregation;
  /** CNY, UNIT or PERCENT (percentage points, shown as "12.5%"); money-like when absent. */
  readonly unit?: MetricUnit;
}

/** One editable row: a product spec (品规) in a channel (渠道). */
export interface GridRowSpec {
  /** Unique in the grid; the cells name their row by it (cellDimensionKey(dimensions) is a good choice). */
  readonly key: string;
  readonly specName: string;
  readonly channelName: string;
  /** Passed back in every edit, for the API. */
  readonly dimensions: CellDimensions;
  /**
   * A breakdown (分解) of the figure row above it (by terminal, distributor,
   * township or channel): shown and edited like any row, but never added into
   * the line's or all specs' totals — each amount counts once.
   */
  readonly breakdown?: boolean;
}

/** A product line (产品线): the rows it groups, collapsible, with its subtotal row. */
export interface GridLine {
  readonly id: string;
  readonly name: string;
  readonly rows: readonly GridRowSpec[];
}

/** A stored target cell as read from the API (one metric, one variant). */
export interface GridCellInput {
  readonly rowKey: string;
  readonly month: number;
  /** Exact decimal text ("1234.50"), or null for no value. */
  readonly value: string | null;
  /** The version the cell was read at; null for a cell never stored. */
  readonly version: number | null;
  readonly isHeld: boolean;
}

/** Last year's (Y-1, actual to date plus an estimate) and the year before's (Y-2) figures at one coordinate. */
export interface GridHistoryInput {
  readonly rowKey: string;
  readonly month: number;
  readonly lastYear: string | null;
  /** True when the Y-1 month is an estimate (预估), not an actual. */
  readonly lastYearEstimated: boolean;
  readonly yearBefore: string | null;
}

/** What a cell holds: its value and whether it is held (锁定). */
export interface CellState {
  readonly value: string | null;
  readonly isHeld: boolean;
}

export const EMPTY_CELL: CellState = Object.freeze({ value: null, isHeld: false });

const KEY_SEPARATOR = "\u0000";

/** The key of a (row, month) target cell. */
export function cellKey(rowKey: string, month: number): string {
  return `${rowKey}${KEY_SEPARATOR}${month}`;
}

/** The row part of a cell key. */
export function rowKeyOf(key: string): string {
  return key.slice(0, key.lastIndexOf(KEY_SEPARATOR));
}

// ---------------------------------------------------------------- columns

/** Periods in column order: 12 months, Q1–Q4, H1, H2, the year. */
export const PERIODS: readonly Period[] = Object.freeze([
  ...MONTHS.map((index) => ({ kind: "MONTH" as const, index })),
  ...QUARTERS.map((index) => ({ kind: "QUARTER" as const, index })),
  ...HALVES.map((index) => ({ kind: "HALF" as const, index })),
  YEAR_PERIOD,
]);

/** Position of a period in PERIODS (and in every period array of totals.ts). */
export function periodSlot(period: Period): number {
  switch (period.kind) {
    case "MONTH":
      return period.index - 1;
    case "QUARTER":
      return 12 + period.index - 1;
    case "HALF":
      return 16 + period.index - 1;
    case "YEAR":
      return 18;
  }
}

export const PERIOD_COUNT = PERIODS.length; // 19

/** What a column shows for its period: the target, Y-1, Y-2 or the growth of the target over Y-1. */
export type Series = "TARGET" | "LAST_YEAR" | "YEAR_BEFORE" | "GROWTH";

export interface GridColumn {
  readonly id: string;
  readonly period: Period;
  readonly series: Series;
  /** Only monthly targets are typed in; quarters, halves and the year are sums. */
  readonly input: boolean;
}

/**
 * YEAR: the 19 target columns with the history of the year beside the year
 * (months stay side by side, so a block copied from a sheet pastes straight in).
 * EVERY_PERIOD: every period's target followed by its Y-1, Y-2 and growth.
 */
export type HistoryView = "YEAR" | "EVERY_PERIOD";

const HISTORY_SERIES: readonly Series[] = ["LAST_YEAR", "YEAR_BEFORE", "GROWTH"];

function column(period: Period, series: Series): GridColumn {
  return { id: `${period.kind}${period.index}:${series}`, period, series, input: series === "TARGET" && period.kind === "MONTH" };
}

export function buildColumns(view: HistoryView): GridColumn[] {
  if (view === "YEAR") {
    return [...PERIODS.map((p) => column(p, "TARGET")), ...HISTORY_SERIES.map((s) => column(YEAR_PERIOD, s))];
  }
  return PERIODS.flatMap((p) => [column(p, "TARGET"), ...HISTORY_SERIES.map((s) => column(p, s))]);
}

// ------------------------------------------------------------ display rows

export type DisplayRow =
  | { readonly kind: "LINE"; readonly line: GridLine; readonly collapsed: boolean }
  | { readonly kind: "SPEC"; readonly line: GridLine; readonly row: GridRowSpec };

/** Each line's subtotal row, then its rows unless the line is collapsed. */
export function buildDisplayRows(lines: readonly GridLine[], collapsed: ReadonlySet<string>): DisplayRow[] {
  const out: DisplayRow[] = [];
  for (const line of lines) {
    const isCollapsed = collapsed.has(line.id);
    out.push({ kind: "LINE", line, collapsed: isCollapsed });
    if (!isCollapsed) for (const row of line.rows) out.push({ kind: "SPEC", line, row });
  }
  return out;
}

/** Why a cell cannot take a typed or pasted value, or EDITABLE. */
export type CellAccess = "EDITABLE" | "HELD" | "TOTAL" | "HISTORY" | "READ_ONLY";

export interface CellTarget {
  readonly access: CellAccess;
  /** The target cell's key when the cell is a monthly target of a spec row. */
  readonly key: string | null;
  readonly rowKey: string | null;
  readonly month: Month | null;
  readonly dimensions: CellDimensions | null;
}

/** What the cell at (display row, column) is, for editing. */
export function cellTarget(
  row: DisplayRow | undefined,
  col: GridColumn | undefined,
  isHeld: (key: string) => boolean,
  readOnly: boolean,
): CellTarget {
  const none = { key: null, rowKey: null, month: null, dimensions: null };
  if (!row || !col) return { access: "READ_ONLY", ...none };
  if (col.series !== "TARGET") return { access: "HISTORY", ...none };
  if (row.kind !== "SPEC" || !col.input) return { access: "TOTAL", ...none };
  const month = col.period.index as Month;
  const key = cellKey(row.row.key, month);
  const at = { key, rowKey: row.row.key, month, dimensions: row.row.dimensions };
  if (readOnly) return { access: "READ_ONLY", ...at };
  return { access: isHeld(key) ? "HELD" : "EDITABLE", ...at };
}

/** The target cells a selection covers: its spec rows and the months of its target columns. */
export interface SelectedBlock {
  /** The spec (and breakdown) rows, top to bottom; line and total rows are left out. */
  readonly rows: readonly GridRowSpec[];
  /** Months 1–12 in order: a month column is itself, a quarter, half or the year its months. */
  readonly months: readonly number[];
}

const PERIOD_MONTHS: Record<Period["kind"], (index: number) => number[]> = {
  MONTH: (index) => [index],
  QUARTER: (index) => [1, 2, 3].map((m) => (index - 1) * 3 + m),
  HALF: (index) => [1, 2, 3, 4, 5, 6].map((m) => (index - 1) * 6 + m),
  YEAR: () => [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12],
};

/**
 * The block of target cells in the rectangle (inclusive display coordinates), or null when
 * it covers no spec row or no target column (only history, only totals rows).
 */
export function selectedBlock(
  rows: readonly DisplayRow[],
  columns: readonly GridColumn[],
  rect: { readonly top: number; readonly left: number; readonly bottom: number; readonly right: number },
): SelectedBlock | null {
  const specRows: GridRowSpec[] = [];
  for (let r = rect.top; r <= rect.bottom; r++) {
    const row = rows[r];
    if (row?.kind === "SPEC") specRows.push(row.row);
  }
  const months = new Set<number>();
  for (let c = rect.left; c <= rect.right; c++) {
    const col = columns[c];
    if (col?.series === "TARGET") for (const month of PERIOD_MONTHS[col.period.kind](col.period.index)) months.add(month);
  }
  if (specRows.length === 0 || months.size === 0) return null;
  return { rows: specRows, months: [...months].sort((a, b) => a - b) };
}
