// The target grid of one metric, as the workbench shows it: rows (the plan's
// figures by product spec, their breakdowns) × months 1–12, each slot with its
// cell (or none) and the history beside it, and totals at every level — month →
// quarter → half → year along a row, spec → product line → all down the
// figures — all through the one roll-up (rollup.ts: aggregate, rollupYear,
// rollupByDimension), on integer units. Pure: the server builds it from the
// database, the web can rebuild it as the planner types.
//
// Rows, in order:
//   the unit's figure without a spec (always; a metric planned for the unit as
//   a whole, e.g. market share, or collection, whose actuals have no spec),
//   then per product spec in catalogue order: its FIGURE row, then its
//   BREAKDOWN rows — a channel row for every channel that holds a cell or
//   history for the spec; terminal / distributor / township (and all channel)
//   rows on request (`expand`: every member of the axis; `expandPresent`: the
//   members with a cell or history).
//   A breakdown cell is placed by its spec, axis and member (the terminal, …),
//   the same coordinates its history is read at.
//
// History beside each row: last year (Y-1) and the year before (Y-2), read
// once per amount: a figure row reads actualFigures (cell-grain.ts: the figure
// rows of the actuals, or one breakdown axis standing in); a breakdown row
// reads the actual rows on its axis for its member. Y-1 is completed by the
// estimate (estimate.ts) for the months after `lastYearActualThrough`, row by
// row, and every estimated value — a month, or a total that includes one — is
// flagged. Non-additive metrics (AVERAGE, LAST) are estimated by the run rate.
//
// Totals: a period's base is the roll-up of the row's cells in it (null when
// it has none); stretch (力争) takes the base where a cell has no stretch, as the
// maintained summary does. Growth (growth.ts growthRate) and, for additive
// metrics, the growth-band status (checkGrowthBand) compare the chosen basis
// with Y-1 wherever the period has a target.
import { actualFigures, breakdownAxisOf, type BreakdownAxis } from "./cell-grain.js";
import type { CellDimensionField, CellDimensions } from "./cell-key.js";
import { unitsAtScale } from "./checks/facts.js";
import { estimateYear, type EstimateFallback, type EstimateMethod } from "./estimate.js";
import { Dec, Fixed } from "./fixed.js";
import { checkGrowthBand, growthRate, type BandStatus, type GrowthBandLimits } from "./growth.js";
import { HALVES, MONTHS, QUARTERS, monthsOf, type Month, type Period } from "./periods.js";
import { rollupByDimension, rollupYear, type AggregationRule } from "./rollup.js";

/** Which value growth and the band compare: 基本任务 or 力争. */
export type GridBasis = "BASE" | "STRETCH";

/** A target cell as the grid reads it; `base` and `stretch` at any scale the metric's scale can hold exactly. */
export interface GridCell extends CellDimensions {
  readonly month: number;
  readonly base: Fixed;
  readonly stretch: Fixed | null;
}

/** One actual of a past year at its coordinates. */
export interface GridActual extends CellDimensions {
  readonly month: number;
  readonly value: Fixed;
}

/** The members of each breakdown axis the unit has, in display order (ids). */
export type GridMembers = Readonly<Record<BreakdownAxis, readonly string[]>>;

/** Rows of one axis under one spec's figure (productSpecId null: the figure without a spec). */
export interface GridExpansion {
  readonly productSpecId: string | null;
  readonly axis: BreakdownAxis;
}

export interface TargetGridInput<C extends GridCell> {
  readonly metric: AggregationRule;
  /** The product specs in display order, each with its product line. */
  readonly specs: readonly { readonly id: string; readonly lineId: string }[];
  /** Product line ids in display order. */
  readonly lines: readonly string[];
  readonly members: GridMembers;
  /** The plan's cells of this metric. */
  readonly cells: readonly C[];
  readonly lastYear: readonly GridActual[];
  readonly yearBefore: readonly GridActual[];
  /** The last month of Y-1 with actuals (0 none, 12 the year is over). */
  readonly lastYearActualThrough: number;
  readonly estimateMethod: EstimateMethod;
  readonly band: GrowthBandLimits;
  readonly basis?: GridBasis;
  readonly expand?: readonly GridExpansion[];
  readonly expandPresent?: readonly BreakdownAxis[];
  /**
   * Months only: each row's 12 month slots as usual, but no periods after the months
   * (`periods` empty) and no totals (`totals` empty). For readers of the month slots alone
   * (the plan checks' Y-1 estimate), which otherwise pay for every period and total.
   */
  readonly monthsOnly?: boolean;
}

/** A history value; `estimated` when it is (or includes) an estimated month. */
export interface GridHistoryValue {
  readonly value: Fixed;
  readonly estimated: boolean;
}

/** Target and history of one period (a month, quarter, half or the year) of a row or total. */
export interface GridPeriodValues {
  readonly period: Period;
  /** Roll-up of the base values of the cells in the period; null when it has none. */
  readonly base: Fixed | null;
  /** Roll-up of stretch values, the base standing in where a cell has none; null without cells. */
  readonly stretch: Fixed | null;
  readonly lastYear: GridHistoryValue | null;
  readonly yearBefore: Fixed | null;
  /** Growth of the chosen basis over Y-1; null without a target or a Y-1 value (or Y-1 zero). */
  readonly growth: Dec | null;
  /** The growth band's verdict on the chosen basis; null without a target, or for a non-additive metric. */
  readonly band: BandStatus | null;
}

export interface GridSlot<C> extends GridPeriodValues {
  readonly month: number;
  /** The cell at the row's coordinates in this month, or null. */
  readonly cell: C | null;
}

/** How much of a figure a breakdown axis has allocated (additive metrics). */
export interface GridAllocation {
  readonly axis: BreakdownAxis;
  /** Per month: Σ of the breakdown's base values, null where it has no cell that month. */
  readonly allocated: readonly (Fixed | null)[];
  /** Per month: figure − allocated (what is still to allocate); null where nothing is allocated or there is no figure. */
  readonly remaining: readonly (Fixed | null)[];
  /** Every month with breakdown cells has a figure and adds up to it exactly. */
  readonly balanced: boolean;
}

export interface GridRow<C> {
  /** Unique in the grid: "F|<spec>" for a figure, "B|<spec>|<axis>|<member>" for a breakdown. */
  readonly key: string;
  readonly kind: "FIGURE" | "BREAKDOWN";
  /** Null for a figure row. */
  readonly axis: BreakdownAxis | null;
  readonly productSpecId: string | null;
  /** The spec's product line; null for the figure without a spec or a spec not in the catalogue. */
  readonly productLineId: string | null;
  /** The channel, terminal, distributor or township of a breakdown row. */
  readonly memberId: string | null;
  /** The coordinates a new cell of this row takes (metric and month aside). */
  readonly dimensions: CellDimensions;
  readonly months: readonly GridSlot<C>[];
  /** Quarters 1–4, halves 1–2, then the year. */
  readonly periods: readonly GridPeriodValues[];
  /** The method that estimated this row's Y-1 months; null when none was estimated. */
  readonly estimateMethodUsed: EstimateMethod | null;
  readonly estimateFallback: EstimateFallback | "NOT_ADDITIVE" | null;
  /** Figure rows of additive metrics: one per axis that has breakdown cells under the figure. */
  readonly allocations: readonly GridAllocation[];
}

export interface GridTotalRow {
  readonly scope: "LINE" | "ALL";
  /** The product line of a LINE total. */
  readonly productLineId: string | null;
  /** 12 months, 4 quarters, 2 halves, the year. */
  readonly periods: readonly GridPeriodValues[];
}

export interface TargetGrid<C> {
  readonly rows: readonly GridRow<C>[];
  /** One LINE total per product line with a spec in the catalogue, then ALL (every figure row). */
  readonly totals: readonly GridTotalRow[];
  readonly lastYearActualThrough: number;
  /** The months of Y-1 that are estimated wherever they appear. */
  readonly estimatedMonths: readonly number[];
}

const AXIS_FIELD: Readonly<Record<BreakdownAxis, CellDimensionField>> = {
  CHANNEL: "channelId",
  TERMINAL: "terminalId",
  DISTRIBUTOR: "distributorId",
  TOWNSHIP: "townshipId",
};
const AXIS_ORDER: readonly BreakdownAxis[] = ["CHANNEL", "TERMINAL", "DISTRIBUTOR", "TOWNSHIP"];
const PERIODS_AFTER_MONTHS: readonly Period[] = [
  ...QUARTERS.map((index): Period => ({ kind: "QUARTER", index })),
  ...HALVES.map((index): Period => ({ kind: "HALF", index })),
  { kind: "YEAR", index: 1 },
];
const MONTH_PERIODS: readonly Period[] = MONTHS.map((index): Period => ({ kind: "MONTH", index }));

const specOf = (dimensions: CellDimensions): string =>
  dimensions.productSpecId === undefined || dimensions.productSpecId === null ? "" : dimensions.productSpecId;
const figureKey = (spec: string) => `F|${spec}`;
const breakdownKey = (spec: string, axis: BreakdownAxis, member: string) => `B|${spec}|${axis}|${member}`;

/** The breakdown row a cell or actual belongs to, or the figure row. */
function rowKeyOf(dimensions: CellDimensions): { key: string; axis: BreakdownAxis | null; member: string | null } {
  const axis = breakdownAxisOf(dimensions);
  const spec = specOf(dimensions);
  if (axis === null) return { key: figureKey(spec), axis: null, member: null };
  const member = dimensions[AXIS_FIELD[axis]] as string;
  return { key: breakdownKey(spec, axis, member), axis, member };
}

type Months<T> = (T | null)[];
const emptyMonths = <T>(): Months<T> => new Array<T | null>(12).fill(null);

interface RowSeed<C> {
  readonly key: string;
  readonly spec: string;
  readonly axis: BreakdownAxis | null;
  readonly member: string | null;
  readonly cells: Months<C>;
  readonly lastYear: Months<bigint>;
  readonly yearBefore: Months<bigint>;
}

function monthIndex(month: number): number {
  if (!Number.isInteger(month) || month < 1 || month > 12) throw new RangeError(`not a month (1..12): ${month}`);
  return month - 1;
}

/** Builds the grid of one metric (see the module header). */
export function buildTargetGrid<C extends GridCell>(input: TargetGridInput<C>): TargetGrid<C> {
  const { metric } = input;
  const scale = metric.scale;
  const additive = metric.aggregation === "SUM";
  const basis = input.basis ?? "BASE";
  const units = (value: Fixed) => unitsAtScale(value, scale);
  const fixed = (value: bigint | null) => (value === null ? null : Fixed.fromUnits(value, scale));

  const seeds = new Map<string, RowSeed<C>>();
  const seed = (key: string, spec: string, axis: BreakdownAxis | null, member: string | null): RowSeed<C> => {
    let found = seeds.get(key);
    if (found === undefined) {
      found = { key, spec, axis, member, cells: emptyMonths(), lastYear: emptyMonths(), yearBefore: emptyMonths() };
      seeds.set(key, found);
    }
    return found;
  };
  /** Members present (cells or history) per spec and axis, in order of first appearance. */
  const present = new Map<string, Set<string>>();
  const notePresent = (spec: string, axis: BreakdownAxis, member: string) => {
    const key = `${spec}|${axis}`;
    let set = present.get(key);
    if (set === undefined) present.set(key, (set = new Set()));
    set.add(member);
  };
  const specsSeen = new Set<string>();

  // Cells: first cell wins a slot (a plan holds one per coordinates).
  const breakdownSums = new Map<string, { axis: BreakdownAxis; allocated: Months<bigint> }[]>();
  for (const cell of input.cells) {
    const m = monthIndex(cell.month);
    const { key, axis, member } = rowKeyOf(cell);
    const spec = specOf(cell);
    specsSeen.add(spec);
    const row = seed(key, spec, axis, member);
    if (row.cells[m] === null) row.cells[m] = cell;
    if (axis !== null && member !== null) {
      notePresent(spec, axis, member);
      let byAxis = breakdownSums.get(spec);
      if (byAxis === undefined) breakdownSums.set(spec, (byAxis = []));
      let entry = byAxis.find((candidate) => candidate.axis === axis);
      if (entry === undefined) byAxis.push((entry = { axis, allocated: emptyMonths() }));
      entry.allocated[m] = (entry.allocated[m] ?? 0n) + units(cell.base);
    }
  }

  // History: figures read once (actualFigures), breakdowns by their axis and member.
  const readHistory = (actuals: readonly GridActual[], target: "lastYear" | "yearBefore") => {
    const figures = actualFigures(
      actuals.map((actual) => ({ ...actual, metricCode: "", month: (monthIndex(actual.month) + 1) as Month })),
    );
    for (const figure of figures) {
      if (figure.month === undefined) continue;
      const spec = figure.productSpecId ?? "";
      specsSeen.add(spec);
      const row = seed(figureKey(spec), spec, null, null);
      const m = figure.month - 1;
      row[target][m] = (row[target][m] ?? 0n) + units(figure.value);
    }
    for (const actual of actuals) {
      const { key, axis, member } = rowKeyOf(actual);
      if (axis === null || member === null) continue;
      const spec = specOf(actual);
      notePresent(spec, axis, member);
      const row = seed(key, spec, axis, member);
      const m = monthIndex(actual.month);
      row[target][m] = (row[target][m] ?? 0n) + units(actual.value);
    }
  };
  readHistory(input.lastYear, "lastYear");
  readHistory(input.yearBefore, "yearBefore");

  // The rows, in order.
  const lineOfSpec = new Map(input.specs.map((spec) => [spec.id, spec.lineId]));
  const specOrder = ["", ...input.specs.map((spec) => spec.id)];
  for (const spec of specsSeen) if (!lineOfSpec.has(spec) && spec !== "") specOrder.push(spec);
  const expandAll = new Set((input.expand ?? []).map((e) => `${e.productSpecId ?? ""}|${e.axis}`));
  const expandPresent = new Set(input.expandPresent ?? []);
  const ordered: RowSeed<C>[] = [];
  for (const spec of specOrder) {
    ordered.push(seed(figureKey(spec), spec, null, null));
    for (const axis of AXIS_ORDER) {
      const seen = present.get(`${spec}|${axis}`) ?? new Set<string>();
      let members: string[] = [];
      if (expandAll.has(`${spec}|${axis}`)) {
        members = [...input.members[axis]];
        for (const member of seen) if (!members.includes(member)) members.push(member);
      } else if (axis === "CHANNEL" || expandPresent.has(axis)) {
        const known = input.members[axis].filter((member) => seen.has(member));
        members = [...known, ...[...seen].filter((member) => !known.includes(member))];
      }
      for (const member of members) ordered.push(seed(breakdownKey(spec, axis, member), spec, axis, member));
    }
  }

  const through = input.lastYearActualThrough;
  // The band's limits as decimals once, not once per period.
  const band: GrowthBandLimits = { minGrowth: new Dec(input.band.minGrowth), maxGrowth: new Dec(input.band.maxGrowth) };
  const method: EstimateMethod = additive ? input.estimateMethod : "RUN_RATE";
  /** Values of one period from 12 months of units (null = nothing that month). */
  const periodValues = (
    period: Period,
    months: {
      base: Months<bigint>;
      stretch: Months<bigint>;
      lastYear: Months<bigint>;
      estimated: readonly boolean[];
      yearBefore: Months<bigint>;
    },
    rolled: { base: (Fixed | null)[]; stretch: (Fixed | null)[]; lastYear: (Fixed | null)[]; yearBefore: (Fixed | null)[] },
    position: number,
  ): GridPeriodValues => {
    const covered = monthsOf(period).map((month) => month - 1);
    const any = (values: Months<bigint>) => covered.some((m) => values[m] !== null);
    const base = any(months.base) ? (rolled.base[position] ?? null) : null;
    const stretch = any(months.stretch) ? (rolled.stretch[position] ?? null) : null;
    const lastYearValue = any(months.lastYear) ? (rolled.lastYear[position] ?? null) : null;
    const yearBefore = any(months.yearBefore) ? (rolled.yearBefore[position] ?? null) : null;
    const lastYear =
      lastYearValue === null
        ? null
        : { value: lastYearValue, estimated: covered.some((m) => months.estimated[m] === true && months.lastYear[m] !== null) };
    const target = basis === "STRETCH" ? stretch : base;
    return {
      period,
      base,
      stretch,
      lastYear,
      yearBefore,
      growth: target === null ? null : growthRate(target, lastYearValue),
      band: target === null || !additive ? null : checkGrowthBand(target, lastYearValue, band).status,
    };
  };

  /** Every period of a row or total: rolled up once per series through rollupYear. */
  const monthsOnly = input.monthsOnly === true;
  const allPeriods = (months: Parameters<typeof periodValues>[1]) => {
    // rollupYear's months are the values themselves; the months-only grid stops there.
    const roll = (values: Months<bigint>) => {
      if (monthsOnly) return values.map(fixed);
      const year = rollupYear(values.map(fixed), metric);
      return [...year.months, ...year.quarters, ...year.halves, year.year];
    };
    const rolled = {
      base: roll(months.base),
      stretch: roll(months.stretch),
      lastYear: roll(months.lastYear),
      yearBefore: roll(months.yearBefore),
    };
    return (monthsOnly ? MONTH_PERIODS : [...MONTH_PERIODS, ...PERIODS_AFTER_MONTHS]).map((period, position) =>
      periodValues(period, months, rolled, position),
    );
  };

  interface Series {
    base: Months<bigint>;
    stretch: Months<bigint>;
    lastYear: Months<bigint>;
    estimated: boolean[];
    yearBefore: Months<bigint>;
  }
  const figureSeries = new Map<string, Series>();

  const rows: GridRow<C>[] = ordered.map((row) => {
    const reference = row.yearBefore.some((value) => value !== null) ? row.yearBefore : null;
    const estimate = estimateYear({ actual: row.lastYear, actualThrough: through, reference, method });
    const series: Series = {
      base: row.cells.map((cell) => (cell === null ? null : units(cell.base))),
      stretch: row.cells.map((cell) => (cell === null ? null : units(cell.stretch ?? cell.base))),
      lastYear: estimate.year === null ? emptyMonths() : estimate.months,
      estimated: estimate.estimated,
      yearBefore: row.yearBefore,
    };
    if (row.axis === null) figureSeries.set(row.spec, series);
    const periods = allPeriods(series);
    const months = periods.slice(0, 12).map((values, m): GridSlot<C> => ({
      ...values,
      month: m + 1,
      cell: row.cells[m] ?? null,
    }));
    const allocations: GridAllocation[] = [];
    if (row.axis === null && additive) {
      for (const axis of AXIS_ORDER) {
        const entry = breakdownSums.get(row.spec)?.find((candidate) => candidate.axis === axis);
        if (entry === undefined) continue;
        let balanced = true;
        const remaining = entry.allocated.map((allocated, m) => {
          if (allocated === null) return null;
          const figure = series.base[m] ?? null;
          if (figure === null || figure !== allocated) balanced = false;
          return figure === null ? null : Fixed.fromUnits(figure - allocated, scale);
        });
        allocations.push({ axis, allocated: entry.allocated.map(fixed), remaining, balanced });
      }
    }
    const spec = row.spec === "" ? null : row.spec;
    const dimensions: CellDimensions =
      row.axis === null
        ? spec === null
          ? {}
          : { productSpecId: spec }
        : { ...(spec === null ? {} : { productSpecId: spec }), [AXIS_FIELD[row.axis]]: row.member };
    return {
      key: row.key,
      kind: row.axis === null ? "FIGURE" : "BREAKDOWN",
      axis: row.axis,
      productSpecId: spec,
      productLineId: spec === null ? null : (lineOfSpec.get(spec) ?? null),
      memberId: row.member,
      dimensions,
      months,
      periods: periods.slice(12),
      estimateMethodUsed: estimate.methodUsed,
      estimateFallback: estimate.methodUsed === null ? null : !additive ? "NOT_ADDITIVE" : estimate.fallback,
      allocations,
    };
  });

  // Totals down the figures: spec → product line (rollupByDimension) and all (aggregate), month by month.
  const figureSpecs = [...figureSeries.keys()];
  const totalSeries = (groupOf: (spec: string) => string | undefined, group: string): Series => {
    const series: Series = {
      base: emptyMonths(),
      stretch: emptyMonths(),
      lastYear: emptyMonths(),
      estimated: new Array<boolean>(12).fill(false),
      yearBefore: emptyMonths(),
    };
    for (let m = 0; m < 12; m++) {
      const column = (pick: (s: Series) => Months<bigint>) => {
        const entries = figureSpecs.map((spec) => [spec, fixed(pick(figureSeries.get(spec)!)[m] ?? null)] as const);
        const mine = entries.filter(([spec]) => groupOf(spec) === group);
        if (mine.every(([, value]) => value === null)) return null;
        const rolled = rollupByDimension(mine, groupOf, metric).groups.get(group) ?? null;
        return rolled === null ? null : rolled.units;
      };
      series.base[m] = column((s) => s.base);
      series.stretch[m] = column((s) => s.stretch);
      series.lastYear[m] = column((s) => s.lastYear);
      series.yearBefore[m] = column((s) => s.yearBefore);
      series.estimated[m] = figureSpecs.some(
        (spec) =>
          groupOf(spec) === group &&
          figureSeries.get(spec)!.estimated[m] === true &&
          figureSeries.get(spec)!.lastYear[m] !== null,
      );
    }
    return series;
  };
  const totals: GridTotalRow[] = [];
  if (!monthsOnly) {
    const linesWithSpecs = input.lines.filter((line) => input.specs.some((spec) => spec.lineId === line));
    for (const line of linesWithSpecs) {
      totals.push({ scope: "LINE", productLineId: line, periods: allPeriods(totalSeries((spec) => lineOfSpec.get(spec), line)) });
    }
    totals.push({ scope: "ALL", productLineId: null, periods: allPeriods(totalSeries(() => "ALL", "ALL")) });
  }

  const estimatedMonths =
    through > 0 && through < 12 && rows.some((row) => row.estimateMethodUsed !== null)
      ? MONTHS.filter((month) => month > through).map(Number)
      : [];
  return { rows, totals, lastYearActualThrough: through, estimatedMonths };
}
