// The plan as the checks see it (@pyramid/domain PlanSnapshot), assembled from the
// workbench's reads. History is what the grid shows beside the targets: Y-2 as loaded,
// Y-1 as loaded through its last month with actuals plus the estimate (预估) of the
// months after it, by the plan's method — the estimated months are the grid's own
// figure rows (buildTargetGrid), so a finding quotes the same last-year figure the
// planner sees. Y-1's spending is completed the same way (estimateYear on its months).
import type {
  ActualRecord,
  CatalogueRecord,
  ExpenseCapsRecord,
  ExpenseLineRecord,
  OpenObjectionRecord,
  PlanSectionRecord,
  TargetCellRecord,
} from "@pyramid/db";
import {
  buildTargetGrid,
  estimateYear,
  isExpenseCategoryCode,
  type ChildSummary,
  type EstimateMethod,
  type ExpenseCaps,
  type ExpenseCategoryCode,
  type ExpenseFigures,
  type ExpenseLine,
  type Fixed,
  type HistoryValue,
  type MetricDefinition,
  type Month,
  type OrgLevel,
  type PlanSnapshot,
} from "@pyramid/domain";
import { decimalOf, moneyOf } from "./values.js";

export interface SnapshotSources {
  readonly unit: { readonly id: string; readonly level: OrgLevel };
  readonly year: number;
  readonly estimateMethod: EstimateMethod;
  readonly catalogue: CatalogueRecord;
  readonly cells: readonly TargetCellRecord[];
  /** Sales actuals of Y-1 and Y-2 over the unit's subtree. */
  readonly actuals: readonly ActualRecord[];
  readonly sections: readonly PlanSectionRecord[];
  readonly expenseLines: readonly ExpenseLineRecord[];
  readonly expenseCaps: ExpenseCapsRecord;
  readonly guidance: readonly { readonly metricId: string; readonly value: string }[];
  readonly objections: readonly OpenObjectionRecord[];
  /** The unit's spending per month of Y-1 and Y-2. */
  readonly expenseActuals: readonly { readonly year: number; readonly month: number; readonly amount: string }[];
  /** Direct children: year totals per metric id (figures, whole subtree) and planned spending. */
  readonly children: readonly {
    readonly unitId: string;
    readonly totals: ReadonlyMap<string, string>;
    readonly expense: string;
  }[];
  /** Siblings: the same figures, for the expense-ratio comparison. */
  readonly siblings: readonly {
    readonly unitId: string;
    readonly totals: ReadonlyMap<string, string>;
    readonly expense: string;
  }[];
}

export interface BuiltSnapshot {
  readonly snapshot: PlanSnapshot;
  readonly metrics: readonly MetricDefinition[];
  /** Metric codes whose Y-1 includes estimated months. */
  readonly estimatedMetrics: ReadonlySet<string>;
  /** Y-1's spending includes estimated months. */
  readonly expenseEstimated: boolean;
}

/** The last month of `year` with an actual, per metric id (0 when none). */
export function actualThroughByMetric(actuals: readonly ActualRecord[], year: number): Map<string, number> {
  const through = new Map<string, number>();
  for (const actual of actuals) {
    if (actual.year !== year) continue;
    through.set(actual.metricId, Math.max(through.get(actual.metricId) ?? 0, actual.month));
  }
  return through;
}

export function metricDefinitions(catalogue: CatalogueRecord): MetricDefinition[] {
  return catalogue.metrics.map((metric) => ({
    code: metric.code,
    nameZh: metric.nameZh,
    nameEn: metric.nameEn,
    unit: metric.unit,
    scale: metric.scale,
    aggregation: metric.aggregation,
    carryOver: metric.carryOver,
  }));
}

const monthOf = (month: number) => month as Month;
const dims = (row: {
  productSpecId: string | null;
  channelId: string | null;
  terminalId: string | null;
  distributorId: string | null;
  townshipId: string | null;
}) => ({
  ...(row.productSpecId !== null && { productSpecId: row.productSpecId }),
  ...(row.channelId !== null && { channelId: row.channelId }),
  ...(row.terminalId !== null && { terminalId: row.terminalId }),
  ...(row.distributorId !== null && { distributorId: row.distributorId }),
  ...(row.townshipId !== null && { townshipId: row.townshipId }),
});

/** Cells by their metric's place in the catalogue, then dimension key, then month. */
function byCatalogueOrder(catalogue: CatalogueRecord): (a: TargetCellRecord, b: TargetCellRecord) => number {
  const rank = new Map(catalogue.metrics.map((metric, index) => [metric.id, index]));
  return (a, b) =>
    (rank.get(a.metricId) ?? rank.size) - (rank.get(b.metricId) ?? rank.size) ||
    (a.dimensionKey < b.dimensionKey ? -1 : a.dimensionKey > b.dimensionKey ? 1 : 0) ||
    a.month - b.month;
}

export function buildPlanSnapshot(sources: SnapshotSources): BuiltSnapshot {
  const { catalogue, year } = sources;
  const metrics = metricDefinitions(catalogue);
  const metricById = new Map(catalogue.metrics.map((metric) => [metric.id, metric]));
  const lastYear = year - 1;
  const yearBefore = year - 2;
  const through = actualThroughByMetric(sources.actuals, lastYear);

  const history = new Map<number, HistoryValue[]>([
    [lastYear, []],
    [yearBefore, []],
  ]);
  const estimatedMetrics = new Set<string>();
  for (const actual of sources.actuals) {
    const metric = metricById.get(actual.metricId);
    if (!metric) continue;
    history.get(actual.year)?.push({
      metricCode: metric.code,
      month: monthOf(actual.month),
      value: decimalOf(actual.value, metric.scale),
      ...dims(actual),
    });
  }
  // Y-1's estimated months, per figure row, exactly as the grid shows them (its month slots:
  // the grid is built months-only). The actuals grouped by metric and year in one pass, in
  // their order.
  const actualsOf = new Map<string, ActualRecord[]>();
  for (const actual of sources.actuals) {
    const key = `${actual.metricId}|${actual.year}`;
    let group = actualsOf.get(key);
    if (group === undefined) actualsOf.set(key, (group = []));
    group.push(actual);
  }
  for (const metric of catalogue.metrics) {
    const metricThrough = through.get(metric.id) ?? 0;
    if (metricThrough === 0 || metricThrough === 12) continue;
    const mine = (y: number) =>
      (actualsOf.get(`${metric.id}|${y}`) ?? []).map((actual) => ({
        ...dims(actual),
        month: actual.month,
        value: decimalOf(actual.value, metric.scale),
      }));
    const grid = buildTargetGrid({
      monthsOnly: true,
      metric,
      specs: catalogue.productSpecs.map((spec) => ({ id: spec.id, lineId: spec.lineId })),
      lines: catalogue.productLines.map((line) => line.id),
      members: { CHANNEL: [], TERMINAL: [], DISTRIBUTOR: [], TOWNSHIP: [] },
      cells: [],
      lastYear: mine(lastYear),
      yearBefore: mine(yearBefore),
      lastYearActualThrough: metricThrough,
      estimateMethod: sources.estimateMethod,
      band: { minGrowth: "0", maxGrowth: "0" },
    });
    for (const row of grid.rows) {
      if (row.kind !== "FIGURE") continue;
      for (const slot of row.months) {
        if (slot.lastYear === null || !slot.lastYear.estimated) continue;
        estimatedMetrics.add(metric.code);
        history.get(lastYear)?.push({
          metricCode: metric.code,
          month: monthOf(slot.month),
          value: slot.lastYear.value,
          ...(row.productSpecId !== null && { productSpecId: row.productSpecId }),
        });
      }
    }
  }

  // Spending: Y-2 as loaded, Y-1 completed by the same estimate.
  const spending = (y: number) => {
    const months: (bigint | null)[] = new Array<bigint | null>(12).fill(null);
    for (const row of sources.expenseActuals) {
      if (row.year === y) months[row.month - 1] = (months[row.month - 1] ?? 0n) + moneyOf(row.amount).units;
    }
    return months;
  };
  const spentBefore = spending(yearBefore);
  const spentLast = spending(lastYear);
  const spentThrough = spentLast.reduce<number>((last, value, index) => (value === null ? last : index + 1), 0);
  const lastEstimate = estimateYear({
    actual: spentLast,
    actualThrough: spentThrough,
    reference: spentBefore.some((value) => value !== null) ? spentBefore : null,
    method: sources.estimateMethod,
  });
  const beforeTotal = spentBefore.some((value) => value !== null)
    ? spentBefore.reduce<bigint>((sum, value) => sum + (value ?? 0n), 0n)
    : null;
  const money = (units: bigint | null): Fixed | undefined => (units === null ? undefined : moneyOf(units));

  const codeOf = (metricId: string) => metricById.get(metricId)?.code;
  const additive = (metricId: string) => metricById.get(metricId)?.aggregation === "SUM";
  const totalsOf = (totals: ReadonlyMap<string, string>): ChildSummary["totals"] =>
    [...totals].flatMap(([metricId, value]) => {
      const metric = metricById.get(metricId);
      return metric && additive(metricId) ? [{ metricCode: metric.code, value: decimalOf(value, metric.scale) }] : [];
    });
  const figuresOf = (totals: ReadonlyMap<string, string>, expense: string): ExpenseFigures => {
    const pick = (code: string) => {
      const metric = catalogue.metrics.find((candidate) => candidate.code === code);
      return moneyOf(metric ? (totals.get(metric.id) ?? "0") : "0");
    };
    return { expense: moneyOf(expense), salesRevenue: pick("SALES_REVENUE"), grossProfit: pick("GROSS_PROFIT") };
  };

  const expenses: ExpenseLine[] = sources.expenseLines.flatMap((line) =>
    isExpenseCategoryCode(line.categoryCode)
      ? [
          {
            itemCode: line.itemCode,
            categoryCode: line.categoryCode,
            month: monthOf(line.month),
            ...(line.terminalId !== null && { terminalId: line.terminalId }),
            ...(line.distributorId !== null && { distributorId: line.distributorId }),
            amount: moneyOf(line.amount),
          },
        ]
      : [],
  );
  const categories: Partial<Record<ExpenseCategoryCode, Fixed>> = {};
  for (const cap of sources.expenseCaps.categories) {
    if (isExpenseCategoryCode(cap.categoryCode)) categories[cap.categoryCode] = moneyOf(cap.amount);
  }
  const expenseCaps: ExpenseCaps = {
    ...(sources.expenseCaps.total !== null && { total: moneyOf(sources.expenseCaps.total) }),
    ...(Object.keys(categories).length > 0 && { categories }),
  };

  const snapshot: PlanSnapshot = {
    unitId: sources.unit.id,
    level: sources.unit.level,
    year,
    metrics,
    // In catalogue order (metric, then coordinates, then month), so findings come in a stable order.
    targets: [...sources.cells].sort(byCatalogueOrder(catalogue)).flatMap((cell) => {
      const metric = metricById.get(cell.metricId);
      if (!metric) return [];
      return [
        {
          id: cell.id,
          metricCode: metric.code,
          month: monthOf(cell.month),
          base: decimalOf(cell.baseValue, 2),
          ...(cell.stretchValue !== null && { stretch: decimalOf(cell.stretchValue, 2) }),
          ...dims(cell),
        },
      ];
    }),
    expenses,
    expenseCaps,
    history: [
      {
        year: lastYear,
        actuals: history.get(lastYear) ?? [],
        ...(lastEstimate.year !== null && { expenseTotal: money(lastEstimate.year) }),
      },
      {
        year: yearBefore,
        actuals: history.get(yearBefore) ?? [],
        ...(beforeTotal !== null && { expenseTotal: money(beforeTotal) }),
      },
    ],
    sections: sources.sections.map((section) => ({
      code: section.code,
      required: section.required,
      text: section.body,
      explains: section.links.flatMap((link) => {
        const metricCode = codeOf(link.metricId);
        if (metricCode === undefined) return [];
        return [{ metricCode, ...(link.productSpecId !== null && { productSpecId: link.productSpecId }) }];
      }),
    })),
    children: sources.children.map((child) => ({
      unitId: child.unitId,
      totals: totalsOf(child.totals),
      expenseTotal: moneyOf(child.expense),
    })),
    need: sources.guidance.flatMap((guidance) => {
      const metric = metricById.get(guidance.metricId);
      return metric ? [{ metricCode: metric.code, value: decimalOf(guidance.value, 2), source: "HQ_GUIDANCE" as const }] : [];
    }),
    openObjections: sources.objections.map((objection) => {
      const metricCode = objection.metricId === null ? undefined : codeOf(objection.metricId);
      return {
        id: objection.id,
        direction: objection.direction,
        unitId: objection.unitId,
        ...(metricCode !== undefined && { metricCode }),
      };
    }),
    terminals: catalogue.terminals
      .filter((terminal) => terminal.countyId === sources.unit.id)
      .map((terminal) => ({ terminalId: terminal.id, terminalClass: terminal.classCode, core: terminal.isCore })),
    siblings: sources.siblings.map((sibling) => ({ unitId: sibling.unitId, ...figuresOf(sibling.totals, sibling.expense) })),
  };
  return {
    snapshot,
    metrics,
    estimatedMetrics,
    expenseEstimated: lastEstimate.methodUsed !== null,
  };
}
