// The figures of the grid on integer units of the metric's scale (bigint, never
// a float): each row's months rolled up to quarters, halves and the year, and
// every period rolled up over the rows of a product line and over all rows,
// all through the domain's one aggregation (aggregateUnits: SUM, AVERAGE or LAST
// as the metric declares). Stored cells are read once; unsaved values and the
// value being typed are laid over them, so the totals follow every keystroke.
import { aggregateUnits, Fixed, halfOf, quarterOf, type Aggregation } from "@pyramid/domain";
import type { Draft } from "./edit-batch.js";
import { cellKey, PERIOD_COUNT, rowKeyOf, type GridCellInput, type GridHistoryInput, type GridLine } from "./model.js";

/** One value per period slot (model.PERIODS order: months 1–12, Q1–Q4, H1, H2, year); null = nothing there. */
export type Periods = readonly (bigint | null)[];

export interface StoredCell {
  /** Canonical decimal text at the metric's scale ("1234.50"), or null. */
  readonly value: string | null;
  readonly units: bigint | null;
  readonly version: number | null;
  readonly isHeld: boolean;
}

const PLAIN_DECIMAL = /^(-?)(0|[1-9]\d*)(?:\.(\d+))?$/;
const ZERO_TEXT = /^-[0.]*$/;

/**
 * A decimal the API sent ("1234.50", "-20", "0.5") as units and as canonical
 * text at the scale. A grid reads tens of thousands of them, so plain decimal
 * text within the scale is read directly; anything else goes through the
 * domain's parser (Fixed.parse), which refuses what is not an amount. Text a
 * person types or pastes never comes here: it goes through parseAmount
 * (plan-edits.ts).
 */
export function readStored(value: string, scale: number): { units: bigint; canonical: string } {
  const match = PLAIN_DECIMAL.exec(value);
  const fraction = match?.[3];
  if (!match || (fraction ?? "").length > scale || ZERO_TEXT.test(value)) {
    const fixed = Fixed.parse(value, scale);
    return { units: fixed.units, canonical: fixed.toString() };
  }
  const digits = BigInt(match[2]! + (fraction ?? "").padEnd(scale, "0"));
  const canonical = (scale === 0 ? fraction === undefined : fraction?.length === scale)
    ? value
    : Fixed.fromUnits(match[1] ? -digits : digits, scale).toString();
  return { units: match[1] ? -digits : digits, canonical };
}

const unitsOf = (value: string, scale: number) => readStored(value, scale).units;

export interface StoredCells {
  /** The stored cell at a cell key (model.cellKey), if any. */
  cell(key: string): StoredCell | undefined;
  /** Each row's 12 stored months in units. */
  readonly monthsByRow: ReadonlyMap<string, readonly (bigint | null)[]>;
}

interface StoredRow {
  readonly units: (bigint | null)[];
  readonly values: (string | null)[];
  readonly versions: (number | null)[];
  readonly held: boolean[];
  readonly present: boolean[];
}

/**
 * The API's cells, values made canonical (so "1234.5" and "1234.50" are the
 * same value), kept as twelve-month arrays per row: a county grid has tens of
 * thousands of cells, and one object per cell would be most of its first render.
 */
export function indexCells(cells: readonly GridCellInput[], scale: number): StoredCells {
  const rows = new Map<string, StoredRow>();
  const monthsByRow = new Map<string, (bigint | null)[]>();
  for (const cell of cells) {
    if (!Number.isInteger(cell.month) || cell.month < 1 || cell.month > 12) throw new RangeError(`not a month: ${cell.month}`);
    let row = rows.get(cell.rowKey);
    if (!row) {
      row = {
        units: Array<bigint | null>(12).fill(null),
        values: Array<string | null>(12).fill(null),
        versions: Array<number | null>(12).fill(null),
        held: Array<boolean>(12).fill(false),
        present: Array<boolean>(12).fill(false),
      };
      rows.set(cell.rowKey, row);
      monthsByRow.set(cell.rowKey, row.units);
    }
    const m = cell.month - 1;
    if (cell.value !== null) {
      const read = readStored(cell.value, scale);
      row.units[m] = read.units;
      row.values[m] = read.canonical;
    }
    row.versions[m] = cell.version;
    row.held[m] = cell.isHeld;
    row.present[m] = true;
  }
  return {
    cell: (key) => {
      const row = rows.get(rowKeyOf(key));
      const m = Number(key.slice(key.lastIndexOf("\u0000") + 1)) - 1;
      if (!row || !row.present[m]) return undefined;
      return {
        value: row.values[m] ?? null,
        units: row.units[m] ?? null,
        version: row.versions[m] ?? null,
        isHeld: row.held[m] ?? false,
      };
    },
    monthsByRow,
  };
}

export interface RowHistory {
  readonly lastYear: readonly (bigint | null)[];
  readonly lastYearEstimated: readonly boolean[];
  readonly yearBefore: readonly (bigint | null)[];
}

export function indexHistory(history: readonly GridHistoryInput[], scale: number): Map<string, RowHistory> {
  const out = new Map<string, { lastYear: (bigint | null)[]; lastYearEstimated: boolean[]; yearBefore: (bigint | null)[] }>();
  for (const h of history) {
    let row = out.get(h.rowKey);
    if (!row) {
      row = { lastYear: Array(12).fill(null), lastYearEstimated: Array(12).fill(false), yearBefore: Array(12).fill(null) };
      out.set(h.rowKey, row);
    }
    const m = h.month - 1;
    row.lastYear[m] = h.lastYear === null ? null : unitsOf(h.lastYear, scale);
    row.lastYearEstimated[m] = h.lastYearEstimated;
    row.yearBefore[m] = h.yearBefore === null ? null : unitsOf(h.yearBefore, scale);
  }
  return out;
}

/** Aggregates a list; a list with no value at all stays blank (null) rather than showing 0. */
function combine(values: readonly (bigint | null)[], aggregation: Aggregation): bigint | null {
  return values.some((v) => v !== null) ? aggregateUnits(values, aggregation) : null;
}

const MONTH_SLOTS = Array.from({ length: 12 }, (_, i) => i);
const QUARTER_MONTHS = [1, 2, 3, 4].map((q) => MONTH_SLOTS.filter((m) => quarterOf(m + 1) === q));
const HALF_MONTHS = [1, 2].map((h) => MONTH_SLOTS.filter((m) => halfOf(m + 1) === h));

/** 12 months → the 19 period slots. */
export function periodsOfMonths(months: readonly (bigint | null)[], aggregation: Aggregation): Periods {
  if (months.length !== 12) throw new RangeError(`expected 12 months, got ${months.length}`);
  const out: (bigint | null)[] = months.slice();
  for (const slots of QUARTER_MONTHS)
    out.push(
      combine(
        slots.map((m) => months[m] ?? null),
        aggregation,
      ),
    );
  for (const slots of HALF_MONTHS)
    out.push(
      combine(
        slots.map((m) => months[m] ?? null),
        aggregation,
      ),
    );
  out.push(combine(months, aggregation));
  return out;
}

/** Per period: true when any month it covers is flagged (Y-1 months that are estimates). */
export function flaggedPeriods(months: readonly boolean[]): readonly boolean[] {
  const any = (slots: number[]) => slots.some((m) => months[m] === true);
  return [...months, ...QUARTER_MONTHS.map(any), ...HALF_MONTHS.map(any), months.some(Boolean)];
}

export interface SeriesTotals {
  readonly rows: ReadonlyMap<string, Periods>;
  readonly lines: ReadonlyMap<string, Periods>;
  readonly all: Periods;
}

/**
 * A series (targets, Y-1 or Y-2) for every row, product line and the whole
 * grid. Breakdown rows get their own periods but are not added into the line
 * or the whole grid: they detail a figure that is already counted.
 */
export function seriesTotals(
  lines: readonly GridLine[],
  monthsOf: (rowKey: string) => readonly (bigint | null)[] | undefined,
  aggregation: Aggregation,
): SeriesTotals {
  const blank: (bigint | null)[] = Array(12).fill(null);
  const rows = new Map<string, Periods>();
  const lineTotals = new Map<string, Periods>();
  const allRows: Periods[] = [];
  for (const line of lines) {
    const lineRows: Periods[] = [];
    for (const row of line.rows) {
      const periods = periodsOfMonths(monthsOf(row.key) ?? blank, aggregation);
      rows.set(row.key, periods);
      if (!row.breakdown) lineRows.push(periods);
    }
    allRows.push(...lineRows);
    lineTotals.set(line.id, overRows(lineRows, aggregation));
  }
  return { rows, lines: lineTotals, all: overRows(allRows, aggregation) };
}

function overRows(rows: readonly Periods[], aggregation: Aggregation): Periods {
  const out: (bigint | null)[] = [];
  const column: (bigint | null)[] = new Array<bigint | null>(rows.length);
  for (let slot = 0; slot < PERIOD_COUNT; slot++) {
    for (let i = 0; i < rows.length; i++) column[i] = rows[i]![slot] ?? null;
    out.push(combine(column, aggregation));
  }
  return out;
}

/** Y-1 estimate flags per period for rows, lines and the whole grid. */
export interface EstimateFlags {
  readonly rows: ReadonlyMap<string, readonly boolean[]>;
  readonly lines: ReadonlyMap<string, readonly boolean[]>;
  readonly all: readonly boolean[];
}

export function estimateFlags(lines: readonly GridLine[], history: ReadonlyMap<string, RowHistory>): EstimateFlags {
  const none: readonly boolean[] = Array<boolean>(PERIOD_COUNT).fill(false);
  const rows = new Map<string, readonly boolean[]>();
  const lineFlags = new Map<string, readonly boolean[]>();
  const all = Array<boolean>(PERIOD_COUNT).fill(false);
  for (const line of lines) {
    const flags = Array<boolean>(PERIOD_COUNT).fill(false);
    for (const row of line.rows) {
      const estimated = history.get(row.key)?.lastYearEstimated;
      const rowFlags = estimated?.some(Boolean) ? flaggedPeriods(estimated) : none;
      rows.set(row.key, rowFlags);
      if (rowFlags !== none && !row.breakdown) rowFlags.forEach((flag, slot) => (flags[slot] ||= flag));
    }
    lineFlags.set(line.id, flags);
    flags.forEach((flag, slot) => (all[slot] ||= flag));
  }
  return { rows, lines: lineFlags, all };
}

/**
 * Target months of a row: stored units, with unsaved values laid over them and,
 * while a value is being typed, that value (when it reads as an amount).
 */
export function targetMonths(
  rowKey: string,
  stored: StoredCells,
  draft: Draft,
  scale: number,
  typing: { key: string; units: bigint | null } | null,
): (bigint | null)[] {
  const months: (bigint | null)[] = [];
  for (let m = 1; m <= 12; m++) {
    const key = cellKey(rowKey, m);
    if (typing && typing.key === key) months.push(typing.units);
    else {
      const unsaved = draft.get(key);
      months.push(unsaved ? (unsaved.value === null ? null : unitsOf(unsaved.value, scale)) : (stored.cell(key)?.units ?? null));
    }
  }
  return months;
}

/**
 * Every row's target months as the grid shows them: the stored months, read
 * again only for rows with an unsaved value or the value being typed.
 */
export function currentTargetMonths(
  stored: StoredCells,
  draft: Draft,
  scale: number,
  typing: { key: string; units: bigint | null } | null,
): (rowKey: string) => readonly (bigint | null)[] | undefined {
  const touched = new Set<string>();
  for (const key of draft.keys()) touched.add(rowKeyOf(key));
  if (typing) touched.add(rowKeyOf(typing.key));
  const overlaid = new Map<string, (bigint | null)[]>();
  for (const rowKey of touched) overlaid.set(rowKey, targetMonths(rowKey, stored, draft, scale, typing));
  return (rowKey) => overlaid.get(rowKey) ?? stored.monthsByRow.get(rowKey);
}
