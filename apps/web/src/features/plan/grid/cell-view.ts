// What one cell shows, worked out from the grid's figures: the formatted
// amount (app/format.ts: thousands separators, two decimals), the exact text
// a copy takes, and the marks — negative, estimated Y-1 (预估), held, changed
// since save, and the growth band (below last year, above the band).
import {
  checkGrowthBand,
  Fixed,
  growthRate,
  type BandStatus,
  type Dec,
  type GrowthBandLimits,
  type MetricUnit,
} from "@pyramid/domain";
import { formatYuan } from "../../../app/format.js";
import type { Draft } from "./edit-batch.js";
import { cellKey, periodSlot, type DisplayRow, type GridColumn } from "./model.js";
import type { EstimateFlags, Periods, SeriesTotals, StoredCells } from "./totals.js";

/** A display row, or the all-specs total row above them. */
export type RowRef = DisplayRow | { readonly kind: "ALL" };

export interface GridFigures {
  readonly scale: number;
  /** The metric's unit: PERCENT values (percentage points) are shown as "12.5%". */
  readonly unit?: MetricUnit | undefined;
  readonly stored: StoredCells;
  readonly draft: Draft;
  readonly target: SeriesTotals;
  readonly lastYear: SeriesTotals;
  readonly yearBefore: SeriesTotals;
  readonly estimates: EstimateFlags;
  readonly band: GrowthBandLimits | null;
}

export type BandMark = Extract<BandStatus, "BELOW_LAST_YEAR" | "ABOVE_BAND">;

export interface CellView {
  /** As displayed: "1,234.50", "12.5%", or "" for nothing. */
  readonly text: string;
  /** What a copy puts on the clipboard: the exact decimal ("1234.50"), the growth ("12.5%"), or "". */
  readonly copyText: string;
  /** The exact decimal value (amount cells), for fill-down and the tooltip. */
  readonly exact: string | null;
  readonly negative: boolean;
  /** Y-1 figure that is (or includes) an estimate. */
  readonly estimated: boolean;
  readonly held: boolean;
  readonly changed: boolean;
  readonly band: BandMark | null;
}

const GROUP = /\B(?=(\d{3})+(?!\d))/g;

/**
 * An amount in units of 10^-scale, as the screen shows it; money (scale 2) through app/format.ts.
 * A PERCENT metric's value (percentage points: 12.34 means 12.34 %) is shown as a percentage with
 * one decimal (docs/UI.md), and with more only when the value has them, so that no stored digit is
 * hidden: "12.5%", "12.34%", "-3.0%".
 */
export function formatUnits(units: bigint, scale: number, unit?: MetricUnit): string {
  const exact = Fixed.fromUnits(units, scale).toString();
  if (unit === "PERCENT") return `${percentPoints(exact)}%`;
  if (scale === 2) return formatYuan(exact);
  const negative = exact.startsWith("-");
  const [whole = "", fraction] = (negative ? exact.slice(1) : exact).split(".");
  return `${negative ? "-" : ""}${whole.replace(GROUP, ",")}${fraction === undefined ? "" : `.${fraction}`}`;
}

function percentPoints(exact: string): string {
  const negative = exact.startsWith("-");
  const [whole = "0", fraction = ""] = (negative ? exact.slice(1) : exact).split(".");
  const digits = fraction.replace(/0+$/, "").padEnd(1, "0");
  return `${negative ? "-" : ""}${whole.replace(GROUP, ",")}.${digits}`;
}

/** A growth ratio (0.125) as a percentage with one decimal ("12.5%"), rounded half-even on the exact decimal. */
export function formatGrowth(ratio: Dec): string {
  return `${ratio.times(100).toFixed(1)}%`;
}

function periodsOf(series: SeriesTotals, row: RowRef): Periods | undefined {
  if (row.kind === "ALL") return series.all;
  if (row.kind === "LINE") return series.lines.get(row.line.id);
  return series.rows.get(row.row.key);
}

function flagsOf(flags: EstimateFlags, row: RowRef): readonly boolean[] | undefined {
  if (row.kind === "ALL") return flags.all;
  if (row.kind === "LINE") return flags.lines.get(row.line.id);
  return flags.rows.get(row.row.key);
}

function bandMark(target: Fixed | null, lastYear: Fixed | null, band: GrowthBandLimits | null): BandMark | null {
  if (!band || !target || !lastYear) return null;
  const { status } = checkGrowthBand(target, lastYear, band);
  return status === "BELOW_LAST_YEAR" || status === "ABOVE_BAND" ? status : null;
}

const BLANK: CellView = {
  text: "",
  copyText: "",
  exact: null,
  negative: false,
  estimated: false,
  held: false,
  changed: false,
  band: null,
};

export function describeCell(figures: GridFigures, row: RowRef, column: GridColumn): CellView {
  const slot = periodSlot(column.period);
  const { scale } = figures;
  const at = (series: SeriesTotals) => {
    const units = periodsOf(series, row)?.[slot] ?? null;
    return units === null ? null : Fixed.fromUnits(units, scale);
  };
  const target = at(figures.target);
  const lastYear = at(figures.lastYear);

  if (column.series === "GROWTH") {
    const growth = target && lastYear ? growthRate(target, lastYear) : null;
    if (!growth) return BLANK;
    const text = formatGrowth(growth);
    return { ...BLANK, text, copyText: text, negative: growth.isNegative(), band: bandMark(target, lastYear, figures.band) };
  }

  const value = column.series === "TARGET" ? target : column.series === "LAST_YEAR" ? lastYear : at(figures.yearBefore);
  let held = false;
  let changed = false;
  if (row.kind === "SPEC" && column.input) {
    const key = cellKey(row.row.key, column.period.index);
    const unsaved = figures.draft.get(key);
    held = unsaved ? unsaved.isHeld : (figures.stored.cell(key)?.isHeld ?? false);
    changed = unsaved !== undefined;
  }
  const exact = value?.toString() ?? null;
  return {
    text: value ? formatUnits(value.units, scale, figures.unit) : "",
    copyText: exact ?? "",
    exact,
    negative: value?.isNegative() ?? false,
    estimated: column.series === "LAST_YEAR" && value !== null && (flagsOf(figures.estimates, row)?.[slot] ?? false),
    held,
    changed,
    band: column.series === "TARGET" ? bandMark(target, lastYear, figures.band) : null,
  };
}
