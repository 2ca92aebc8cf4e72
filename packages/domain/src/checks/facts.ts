// One pass over a plan snapshot, collecting everything the checks compare.
// The checks then only look things up: no check loops over cells again, so a
// whole plan set is checked in linear time.
//
// Each amount is read once (cell-grain.ts): totals, spec totals and grid rows
// (month coverage) come from FIGURES only; a breakdown by terminal,
// distributor, township or channel is never added to them. History totals read
// each actual once too (actualFigures: the figure row, or one breakdown
// standing in for it when the actuals were loaded at one level only). Terminal
// coverage reads the TERMINAL breakdowns, and every breakdown is reconciled
// against its figure in the same pass.
import { actualFigures, BreakdownLedger, cellGrain, type BreakdownMismatch } from "../cell-grain.js";
import type { CellDimensions } from "../cell-key.js";
import type { Fixed } from "../fixed.js";
import { STANDARD_METRICS, type MetricDefinition } from "../metrics.js";
import type { HistoryYear, PlanSnapshot, TargetCell } from "./types.js";

/** The figure cells of one metric and product spec: one row of the grid. */
export interface SeriesFacts {
  readonly metricCode: string;
  readonly dimensions: CellDimensions;
  /** Bit m-1 set when month m has a cell. */
  monthMask: number;
  /** Year total of the row's base values. */
  total: bigint;
}

export interface MetricFacts {
  readonly metric: MetricDefinition;
  /** Year total of the unit's own figures, at the metric's scale (meaningful for SUM metrics). */
  ownTotal: bigint;
  /** Year totals by product spec, own figures only. */
  readonly specTotals: Map<string, bigint>;
  readonly series: Map<string, SeriesFacts>;
  readonly negativeCells: TargetCell[];
  readonly outOfRangeCells: TargetCell[];
  readonly stretchBelowBaseCells: TargetCell[];
}

export interface HistoryFacts {
  readonly year: number;
  readonly totals: Map<string, bigint>;
  readonly specTotals: Map<string, Map<string, bigint>>;
  readonly expenseTotal: Fixed | undefined;
}

export interface PlanFacts {
  readonly metricsByCode: ReadonlyMap<string, MetricDefinition>;
  /** Metrics with own cells. */
  readonly own: Map<string, MetricFacts>;
  /** Own figures plus children's year totals, per metric present in either. */
  readonly unitTotals: Map<string, bigint>;
  /** Terminals with a TERMINAL breakdown cell of their own. */
  readonly terminalsWithTargets: Set<string>;
  /** SUM-metric breakdowns that do not add up to their figure, or have none. */
  readonly breakdownMismatches: readonly BreakdownMismatch<TargetCell>[];
  readonly lastYear: HistoryFacts | undefined;
  readonly yearBefore: HistoryFacts | undefined;
}

const HUNDRED_PERCENT = 100n;

// A grid row of figures is one product spec (or none): its id is the key.
const seriesKey = (cell: CellDimensions): string => cell.productSpecId ?? "";

const dimensionsOf = (cell: CellDimensions): CellDimensions => (cell.productSpecId ? { productSpecId: cell.productSpecId } : {});

/** A metric the cycle does not declare is still checked, as an additive count. */
function fallbackMetric(code: string, scale: number): MetricDefinition {
  return { code, nameZh: code, nameEn: code, unit: "UNIT", scale, aggregation: "SUM", carryOver: "NONE" };
}

/** Units of `value` at `scale` (values stored at a finer scale than the metric are rounded). */
export function unitsAtScale(value: Fixed, scale: number): bigint {
  return value.scale === scale ? value.units : value.rescale(scale).units;
}

function newMetricFacts(metric: MetricDefinition): MetricFacts {
  return {
    metric,
    ownTotal: 0n,
    specTotals: new Map(),
    series: new Map(),
    negativeCells: [],
    outOfRangeCells: [],
    stretchBelowBaseCells: [],
  };
}

function historyFacts(
  history: HistoryYear | undefined,
  metricOf: (code: string, scale: number) => MetricDefinition,
): HistoryFacts | undefined {
  if (history === undefined) return undefined;
  const totals = new Map<string, bigint>();
  const specTotals = new Map<string, Map<string, bigint>>();
  // Each actual read once, like the targets (cell-grain.ts actualFigures).
  for (const actual of actualFigures(history.actuals)) {
    const metric = metricOf(actual.metricCode, actual.value.scale);
    if (metric.aggregation !== "SUM") continue;
    const units = unitsAtScale(actual.value, metric.scale);
    totals.set(metric.code, (totals.get(metric.code) ?? 0n) + units);
    if (actual.productSpecId) {
      let bySpec = specTotals.get(metric.code);
      if (bySpec === undefined) specTotals.set(metric.code, (bySpec = new Map()));
      bySpec.set(actual.productSpecId, (bySpec.get(actual.productSpecId) ?? 0n) + units);
    }
  }
  return { year: history.year, totals, specTotals, expenseTotal: history.expenseTotal };
}

export function collectPlanFacts(snapshot: PlanSnapshot): PlanFacts {
  const metricsByCode = new Map<string, MetricDefinition>();
  for (const metric of snapshot.metrics ?? STANDARD_METRICS) metricsByCode.set(metric.code, metric);
  const metricOf = (code: string, scale: number): MetricDefinition => {
    let metric = metricsByCode.get(code);
    if (metric === undefined) metricsByCode.set(code, (metric = fallbackMetric(code, scale)));
    return metric;
  };

  const own = new Map<string, MetricFacts>();
  const terminalsWithTargets = new Set<string>();
  const ledger = new BreakdownLedger<TargetCell>({ isAdditive: (code) => metricsByCode.get(code)?.aggregation === "SUM" });
  for (const cell of snapshot.targets) {
    let facts = own.get(cell.metricCode);
    if (facts === undefined) own.set(cell.metricCode, (facts = newMetricFacts(metricOf(cell.metricCode, cell.base.scale))));
    const { metric } = facts;
    const units = unitsAtScale(cell.base, metric.scale);
    const grain = cellGrain(cell);
    ledger.add(cell, grain);

    if (grain.kind === "FIGURE") {
      const key = seriesKey(cell);
      let series = facts.series.get(key);
      if (series === undefined) {
        facts.series.set(key, (series = { metricCode: metric.code, dimensions: dimensionsOf(cell), monthMask: 0, total: 0n }));
      }
      series.monthMask |= 1 << (cell.month - 1);
      series.total += units;
    } else if (grain.axis === "TERMINAL" && cell.terminalId) {
      terminalsWithTargets.add(cell.terminalId);
    }

    if (units < 0n) facts.negativeCells.push(cell);
    if (metric.unit === "PERCENT" && units > HUNDRED_PERCENT * 10n ** BigInt(metric.scale)) facts.outOfRangeCells.push(cell);
    if (cell.stretch !== undefined && unitsAtScale(cell.stretch, metric.scale) < units) facts.stretchBelowBaseCells.push(cell);
  }

  // Totals per metric and per spec from the rows: a few rows per spec, not one per cell.
  const unitTotals = new Map<string, bigint>();
  for (const [code, facts] of own) {
    for (const series of facts.series.values()) {
      facts.ownTotal += series.total;
      const spec = series.dimensions.productSpecId;
      if (spec) facts.specTotals.set(spec, (facts.specTotals.get(spec) ?? 0n) + series.total);
    }
    // Breakdowns alone are no figure of the plan: the metric stays missing.
    if (facts.series.size > 0) unitTotals.set(code, facts.ownTotal);
  }
  for (const child of snapshot.children) {
    for (const total of child.totals) {
      const metric = metricOf(total.metricCode, total.value.scale);
      unitTotals.set(metric.code, (unitTotals.get(metric.code) ?? 0n) + unitsAtScale(total.value, metric.scale));
    }
  }

  const byYear = new Map(snapshot.history.map((h) => [h.year, h]));
  return {
    metricsByCode,
    own,
    unitTotals,
    terminalsWithTargets,
    breakdownMismatches: ledger.mismatches(),
    lastYear: historyFacts(byYear.get(snapshot.year - 1), metricOf),
    yearBefore: historyFacts(byYear.get(snapshot.year - 2), metricOf),
  };
}
