// The grain of a target cell: is it one of the plan's figures, or a breakdown
// that details a figure? (DOMAIN.md section 4: "Each amount counts once: a
// breakdown by terminal, distributor, township or special channel details a
// figure of the plan and must add up to it exactly; it is never added to it.")
//
// The rule, on the cell's dimension columns only:
//   FIGURE     no channel, terminal, distributor or township: metric × month ×
//              optional product spec. These are the plan's numbers; every total,
//              growth rate and month-coverage test reads them and nothing else.
//   BREAKDOWN  anything else, on exactly ONE axis, by precedence:
//              TERMINAL if terminalId, else DISTRIBUTOR if distributorId, else
//              TOWNSHIP if townshipId, else CHANNEL (channelId).
//              A terminal cell may also carry its channel: it is still TERMINAL.
// A breakdown details the figure with the same metric, month and product spec
// (its "figure key"). Per figure and per axis, the breakdown cells must add up
// to the figure exactly; a breakdown without its figure is a mismatch too. A
// figure without any breakdown is fine (nothing was detailed).
//
// Actuals (history) are data loaded as they come, often at one level of detail
// only (the demo's sales actuals are by spec × channel, with no figure rows).
// `actualFigures` reads them once as well: per metric × month × spec, the
// figure row when there is one, otherwise ONE breakdown axis standing in for
// it, the most complete first (ACTUALS_STAND_IN_AXES: every sale goes through
// a channel, while terminals are only detailed down to a class). A plan's own
// breakdown never stands in: a plan must state its figure.
//
// The database stores the axis as a generated column (BREAKDOWN_AXIS_SQL: a
// CASE on which columns are non-null, in the same precedence), NULL for a
// figure; `breakdownAxisOf` is the same rule in TypeScript. Only additive (SUM)
// metrics are reconciled: twelve terminals' market shares do not add up to the
// county's share. Only base values (基本任务) are reconciled here.
import type { CellDimensionField, CellDimensions } from "./cell-key.js";
import { Fixed, pow10 } from "./fixed.js";
import type { BilingualLabel } from "./org.js";
import type { Month } from "./periods.js";

/** The axes a breakdown can lie on: the values of the stored axis column. */
export const BREAKDOWN_AXES = ["CHANNEL", "TERMINAL", "DISTRIBUTOR", "TOWNSHIP"] as const;
export type BreakdownAxis = (typeof BREAKDOWN_AXES)[number];

export const BREAKDOWN_AXIS_LABELS: Readonly<Record<BreakdownAxis, BilingualLabel>> = {
  CHANNEL: { zh: "特殊渠道", en: "special channel" },
  TERMINAL: { zh: "终端", en: "terminal" },
  DISTRIBUTOR: { zh: "经销商", en: "distributor" },
  TOWNSHIP: { zh: "乡镇", en: "township" },
};

/** Which column decides the axis, first match wins. This order IS the rule. */
export const BREAKDOWN_AXIS_PRECEDENCE: readonly { readonly axis: BreakdownAxis; readonly field: CellDimensionField }[] = [
  { axis: "TERMINAL", field: "terminalId" },
  { axis: "DISTRIBUTOR", field: "distributorId" },
  { axis: "TOWNSHIP", field: "townshipId" },
  { axis: "CHANNEL", field: "channelId" },
];

/**
 * The same rule as a SQL expression over the row's columns (quoted as Prisma
 * names them), for a generated column: NULL for a figure.
 */
export const BREAKDOWN_AXIS_SQL = `CASE ${BREAKDOWN_AXIS_PRECEDENCE.map(
  ({ axis, field }) => `WHEN "${field}" IS NOT NULL THEN '${axis}'`,
).join(" ")} ELSE NULL END`;

export type CellGrain = { readonly kind: "FIGURE" } | { readonly kind: "BREAKDOWN"; readonly axis: BreakdownAxis };

const present = (id: string | null | undefined): boolean => id !== undefined && id !== null && id !== "";

/** The breakdown axis of a cell, or null when the cell is a figure. null, undefined and "" mean absent. */
export function breakdownAxisOf(dimensions: CellDimensions): BreakdownAxis | null {
  for (const { axis, field } of BREAKDOWN_AXIS_PRECEDENCE) if (present(dimensions[field])) return axis;
  return null;
}

const FIGURE: CellGrain = { kind: "FIGURE" };
const BREAKDOWN_GRAINS: Readonly<Record<BreakdownAxis, CellGrain>> = {
  CHANNEL: { kind: "BREAKDOWN", axis: "CHANNEL" },
  TERMINAL: { kind: "BREAKDOWN", axis: "TERMINAL" },
  DISTRIBUTOR: { kind: "BREAKDOWN", axis: "DISTRIBUTOR" },
  TOWNSHIP: { kind: "BREAKDOWN", axis: "TOWNSHIP" },
};

export function cellGrain(dimensions: CellDimensions): CellGrain {
  const axis = breakdownAxisOf(dimensions);
  return axis === null ? FIGURE : BREAKDOWN_GRAINS[axis];
}

export function isFigure(dimensions: CellDimensions): boolean {
  return breakdownAxisOf(dimensions) === null;
}

/** The coordinates a breakdown shares with the figure it details. */
export interface FigureCoordinates {
  readonly metricCode: string;
  readonly month: Month;
  readonly productSpecId?: string | null;
}

/**
 * The key of the figure a cell is (or details): "metric|month|spec", spec empty
 * when absent. Used only to group cells, never parsed back; metric codes and
 * ids do not contain "|".
 */
export function figureKeyOf(cell: FigureCoordinates): string {
  return `${cell.metricCode}|${cell.month}|${present(cell.productSpecId) ? cell.productSpecId : ""}`;
}

/** What the reconciliation reads of a cell. */
export interface GrainCell extends CellDimensions, FigureCoordinates {
  readonly base: Fixed;
}

export interface BreakdownMismatch<C extends GrainCell = GrainCell> {
  readonly metricCode: string;
  readonly month: Month;
  readonly productSpecId?: string;
  readonly axis: BreakdownAxis;
  /** The plan's figure, or null when the breakdown has no figure to detail. */
  readonly figure: Fixed | null;
  readonly figureCells: readonly C[];
  readonly breakdownTotal: Fixed;
  readonly breakdownCells: readonly C[];
  /** breakdownTotal − figure (a missing figure counts as 0): negative when the breakdown falls short. */
  readonly difference: Fixed;
}

/** A sum kept exactly: when a finer-scaled value arrives, the sum moves to that scale. */
class ExactSum {
  units = 0n;
  scale = 0;
  add(value: Fixed): void {
    if (value.scale > this.scale) {
      this.units *= pow10(value.scale - this.scale);
      this.scale = value.scale;
    }
    this.units += value.units * pow10(this.scale - value.scale);
  }
  toFixed(): Fixed {
    return Fixed.fromUnits(this.units, this.scale);
  }
}

interface AxisEntry<C> {
  readonly cells: C[];
  readonly sum: ExactSum;
}

interface FigureEntry<C> {
  readonly metricCode: string;
  readonly month: Month;
  readonly productSpecId: string | undefined;
  readonly figureCells: C[];
  readonly figureSum: ExactSum;
  readonly axes: Map<BreakdownAxis, AxisEntry<C>>;
}

export interface BreakdownLedgerOptions {
  /** Metrics whose breakdowns must add up; all by default. Pass the SUM metrics. */
  readonly isAdditive?: (metricCode: string) => boolean;
}

/**
 * Collects figures and breakdowns cell by cell (so a caller that already walks
 * the cells, like the plan checks, needs no second pass), then lists the
 * mismatches in the order the figures were first seen, axes in BREAKDOWN_AXES order.
 */
export class BreakdownLedger<C extends GrainCell = GrainCell> {
  // Most plans hold far more figures than breakdowns, so a figure is only remembered on
  // add (no key, no entry), and matched to the breakdowns' entries once, in mismatches(),
  // through nested maps (metric → spec → month) that build no strings per cell.
  private readonly figures: C[] = [];
  private readonly entries: FigureEntry<C>[] = [];
  private readonly byMetric = new Map<string, Map<string, Map<number, FigureEntry<C>>>>();
  private readonly isAdditive: (metricCode: string) => boolean;

  constructor(options: BreakdownLedgerOptions = {}) {
    this.isAdditive = options.isAdditive ?? (() => true);
  }

  /** Records one cell; `grain` may be passed when the caller already computed it. */
  add(cell: C, grain: CellGrain = cellGrain(cell)): void {
    if (!this.isAdditive(cell.metricCode)) return;
    if (grain.kind === "FIGURE") {
      this.figures.push(cell);
      return;
    }
    const entry = this.entryOf(cell, true)!;
    let axis = entry.axes.get(grain.axis);
    if (axis === undefined) entry.axes.set(grain.axis, (axis = { cells: [], sum: new ExactSum() }));
    axis.cells.push(cell);
    axis.sum.add(cell.base);
  }

  private entryOf(cell: C, create: boolean): FigureEntry<C> | undefined {
    const spec = present(cell.productSpecId) ? (cell.productSpecId as string) : "";
    let bySpec = this.byMetric.get(cell.metricCode);
    if (bySpec === undefined) {
      if (!create) return undefined;
      this.byMetric.set(cell.metricCode, (bySpec = new Map()));
    }
    let byMonth = bySpec.get(spec);
    if (byMonth === undefined) {
      if (!create) return undefined;
      bySpec.set(spec, (byMonth = new Map()));
    }
    let entry = byMonth.get(cell.month);
    if (entry === undefined && create) {
      entry = {
        metricCode: cell.metricCode,
        month: cell.month,
        productSpecId: spec === "" ? undefined : spec,
        figureCells: [],
        figureSum: new ExactSum(),
        axes: new Map(),
      };
      byMonth.set(cell.month, entry);
      this.entries.push(entry);
    }
    return entry;
  }

  mismatches(): BreakdownMismatch<C>[] {
    if (this.entries.length === 0) return [];
    for (const cell of this.figures) {
      const entry = this.entryOf(cell, false);
      if (entry === undefined) continue; // a figure nobody broke down
      entry.figureCells.push(cell);
      entry.figureSum.add(cell.base);
    }
    this.figures.length = 0; // matched once; a second call sees the same entries
    const result: BreakdownMismatch<C>[] = [];
    for (const entry of this.entries) {
      const hasFigure = entry.figureCells.length > 0;
      for (const axis of BREAKDOWN_AXES) {
        const breakdown = entry.axes.get(axis);
        if (breakdown === undefined) continue;
        // Both sides at the finer of their scales: raising a scale is exact.
        const scale = Math.max(entry.figureSum.scale, breakdown.sum.scale);
        const figure = entry.figureSum.toFixed().rescale(scale);
        const breakdownTotal = breakdown.sum.toFixed().rescale(scale);
        if (hasFigure && breakdownTotal.equals(figure)) continue;
        result.push({
          metricCode: entry.metricCode,
          month: entry.month,
          ...(entry.productSpecId !== undefined && { productSpecId: entry.productSpecId }),
          axis,
          figure: hasFigure ? figure : null,
          figureCells: entry.figureCells,
          breakdownTotal,
          breakdownCells: breakdown.cells,
          difference: breakdownTotal.minus(figure),
        });
      }
    }
    return result;
  }
}

/** Every breakdown that does not add up to its figure, or has none. */
export function checkBreakdowns<C extends GrainCell>(
  cells: Iterable<C>,
  options: BreakdownLedgerOptions = {},
): BreakdownMismatch<C>[] {
  const ledger = new BreakdownLedger<C>(options);
  for (const cell of cells) ledger.add(cell);
  return ledger.mismatches();
}

/** Which breakdown of actuals stands in for a missing figure row, most complete first. */
export const ACTUALS_STAND_IN_AXES: readonly BreakdownAxis[] = ["CHANNEL", "DISTRIBUTOR", "TOWNSHIP", "TERMINAL"];

/** One actual: month absent when only the year is known. */
export interface ActualValue extends CellDimensions {
  readonly metricCode: string;
  readonly month?: Month;
  readonly productSpecId?: string | null;
  readonly value: Fixed;
}

export interface ActualFigure {
  readonly metricCode: string;
  readonly month?: Month;
  readonly productSpecId?: string;
  readonly value: Fixed;
  /** FIGURE when read from figure rows, else the axis that stood in. */
  readonly source: "FIGURE" | BreakdownAxis;
}

/** The actuals' figures, each amount read once (see the module header). */
export function actualFigures(actuals: Iterable<ActualValue>): ActualFigure[] {
  interface Slot {
    readonly metricCode: string;
    readonly month: Month | undefined;
    readonly productSpecId: string | undefined;
    figure: ExactSum | undefined;
    readonly axes: Map<BreakdownAxis, ExactSum>;
  }
  const slots = new Map<string, Slot>();
  for (const actual of actuals) {
    const spec = present(actual.productSpecId) ? (actual.productSpecId as string) : undefined;
    const key = `${actual.metricCode}|${actual.month ?? ""}|${spec ?? ""}`;
    let slot = slots.get(key);
    if (slot === undefined) {
      slot = { metricCode: actual.metricCode, month: actual.month, productSpecId: spec, figure: undefined, axes: new Map() };
      slots.set(key, slot);
    }
    const axis = breakdownAxisOf(actual);
    let sum: ExactSum | undefined;
    if (axis === null) sum = slot.figure ??= new ExactSum();
    else if ((sum = slot.axes.get(axis)) === undefined) slot.axes.set(axis, (sum = new ExactSum()));
    sum.add(actual.value);
  }
  const figures: ActualFigure[] = [];
  for (const slot of slots.values()) {
    const standIn = ACTUALS_STAND_IN_AXES.find((axis) => slot.axes.has(axis));
    const source = slot.figure !== undefined ? "FIGURE" : standIn;
    const sum = slot.figure ?? (standIn === undefined ? undefined : slot.axes.get(standIn));
    if (source === undefined || sum === undefined) continue;
    figures.push({
      metricCode: slot.metricCode,
      ...(slot.month !== undefined && { month: slot.month }),
      ...(slot.productSpecId !== undefined && { productSpecId: slot.productSpecId }),
      value: sum.toFixed(),
      source,
    });
  }
  return figures;
}
