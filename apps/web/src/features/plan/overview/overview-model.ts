// What the overview shows, worked out from the API's answers without React: the
// key figures (sales revenue, gross profit, expenses, expense ratio) beside Y-1
// and Y-2 with growth, the monthly series and the growth of each spec for the
// charts, and where each finding's link goes. Values stay exact decimal text;
// growth and ratios are computed by the domain's one ratio rule (bigint).
import { Fixed, growthRate, monthPeriod, periodLabel, type Locale } from "@pyramid/domain";
import type {
  GrowthBandStatus,
  OverviewPeriodValuesFragment,
  PlanCatalogueLabelsFragment,
  PlanOverviewFiguresQuery,
  PlanOverviewQuery,
} from "../../../graphql/generated/graphql.js";
import { planPath } from "../../../app/paths.js";
import { sectionAnchor } from "../document/document-model.js";

export const SALES_METRIC = "SALES_REVENUE";
export const PROFIT_METRIC = "GROSS_PROFIT";
/** Expenses and the expense ratio are money and ratios at two decimals. */
const MONEY_SCALE = 2;

export type FigureGrid = PlanOverviewFiguresQuery["plan"]["figureGrids"][number];
export type Finding = PlanOverviewQuery["plan"]["findings"]["items"][number];
export type FindingTarget = Finding["targets"][number];
type Metric = PlanCatalogueLabelsFragment["metrics"][number];
export interface SpecName {
  readonly nameZh: string;
  readonly nameEn: string;
}

export interface HistoryFigure {
  readonly value: string;
  /** Y-1 includes estimated months (预估). */
  readonly estimated: boolean;
}

export type KeyFigureName = "SALES" | "PROFIT" | "EXPENSE" | "EXPENSE_RATIO";

/** One line of the key figures: the plan year's value beside Y-1 and Y-2, and the growth over each. */
export interface KeyFigure {
  readonly name: KeyFigureName;
  /** MONEY: 元 at two decimals; RATIO: a decimal ratio ("0.125" = 12.5 %). */
  readonly kind: "MONEY" | "RATIO";
  /** Null when the plan has no value (no target yet, or no sales to divide by). */
  readonly planned: string | null;
  readonly lastYear: HistoryFigure | null;
  readonly yearBefore: string | null;
  /** Decimal ratios, null without both values (or a zero base). */
  readonly growthVsLastYear: string | null;
  readonly growthVsYearBefore: string | null;
  /** The figure covers the unit and every unit below it (the org tree's figures), not the plan alone. */
  readonly subtree: boolean;
}

/** A grid's period of one kind and index (the year: YEAR 1). */
export function periodOf(
  periods: readonly OverviewPeriodValuesFragment[],
  kind: OverviewPeriodValuesFragment["kind"],
  index = 1,
): OverviewPeriodValuesFragment | undefined {
  return periods.find((period) => period.kind === kind && period.index === index);
}

/** The whole plan's total of a grid (the ALL row). */
export function allTotal(grid: FigureGrid | undefined): FigureGrid["totals"][number] | undefined {
  return grid?.totals.find((total) => total.scope === "ALL");
}

function ratioText(ratio: ReturnType<typeof growthRate>): string | null {
  return ratio === null ? null : ratio.toFixed();
}

/** Growth of `current` over `base` (both exact text at `scale`), or null. */
export function growthOf(current: string | null, base: string | null, scale: number): string | null {
  if (current === null || base === null) return null;
  return ratioText(growthRate(Fixed.parse(current, scale), Fixed.parse(base, scale)));
}

/** A metric's year figures from its grid: the plan's year total against Y-1 (estimate flagged) and Y-2. */
export function metricKeyFigure(name: "SALES" | "PROFIT", grid: FigureGrid | undefined, scale: number): KeyFigure {
  const year = periodOf(allTotal(grid)?.periods ?? [], "YEAR");
  const planned = year?.base ?? null;
  const lastYear = year?.lastYear ?? null;
  const yearBefore = year?.yearBefore ?? null;
  return {
    name,
    kind: "MONEY",
    planned,
    lastYear: lastYear && { value: lastYear.value, estimated: lastYear.estimated },
    yearBefore,
    // The API's own growth (the grid's basis over Y-1, estimate included); Y-2 by the same rule here.
    growthVsLastYear: year?.growth ?? growthOf(planned, lastYear?.value ?? null, scale),
    growthVsYearBefore: growthOf(planned, yearBefore, scale),
    subtree: false,
  };
}

export type ExpenseRatios = PlanOverviewFiguresQuery["plan"]["expenseRatios"];

/**
 * Expenses and the expense ratio (费用率 = expenses / sales revenue) of the unit's subtree for
 * the plan year beside the same of Y-1 and Y-2 (`expenseRatios`: actuals as loaded). A past
 * year is compared only when its actuals run through December: Y-1 is usually still open when
 * plans are drafted, and a part year set against a whole one would read as a fall.
 */
export function expenseKeyFigures(ratios: ExpenseRatios | null, planYear: number, subtree: boolean): [KeyFigure, KeyFigure] {
  const none = { lastYear: null, yearBefore: null, growthVsLastYear: null, growthVsYearBefore: null, subtree };
  if (ratios === null) {
    return [
      { name: "EXPENSE", kind: "MONEY", planned: null, ...none },
      { name: "EXPENSE_RATIO", kind: "RATIO", planned: null, ...none },
    ];
  }
  const complete = (year: number) => {
    const basis = ratios.basis.find((item) => item.year === year);
    return basis && basis.actualThroughMonth === 12 ? basis : null;
  };
  const planned = ratios.basis.find((item) => item.year === planYear)?.expense ?? null;
  const lastYear = complete(planYear - 1);
  const yearBefore = complete(planYear - 2);
  const { expenseToSales } = ratios.total;
  return [
    {
      name: "EXPENSE",
      kind: "MONEY",
      planned,
      lastYear: lastYear ? { value: lastYear.expense, estimated: false } : null,
      yearBefore: yearBefore?.expense ?? null,
      growthVsLastYear: growthOf(planned, lastYear?.expense ?? null, MONEY_SCALE),
      growthVsYearBefore: growthOf(planned, yearBefore?.expense ?? null, MONEY_SCALE),
      subtree,
    },
    {
      name: "EXPENSE_RATIO",
      kind: "RATIO",
      planned: expenseToSales.current ?? null,
      lastYear:
        lastYear && expenseToSales.lastYear.reference ? { value: expenseToSales.lastYear.reference, estimated: false } : null,
      yearBefore: yearBefore ? (expenseToSales.yearBefore.reference ?? null) : null,
      // The change of a ratio is read in points, not as a growth of the ratio.
      growthVsLastYear: null,
      growthVsYearBefore: null,
      subtree,
    },
  ];
}

/** Y-1's expense actuals stop before December: the month they run through, else null. */
export function openExpenseYear(ratios: ExpenseRatios | null, planYear: number): { year: number; through: number } | null {
  const basis = ratios?.basis.find((item) => item.year === planYear - 1);
  return basis && basis.actualThroughMonth < 12 ? { year: basis.year, through: basis.actualThroughMonth } : null;
}

/** One month of the monthly chart: the plan's target, Y-1 (estimated or actual) and Y-2, exact text. */
export interface MonthPoint {
  readonly month: number;
  readonly target: string | null;
  readonly lastYear: string | null;
  readonly lastYearEstimated: boolean;
  readonly yearBefore: string | null;
}

export function monthlySeries(grid: FigureGrid | undefined): MonthPoint[] {
  const periods = allTotal(grid)?.periods ?? [];
  const estimated = new Set(grid?.estimate.estimatedMonths ?? []);
  return Array.from({ length: 12 }, (_, index) => {
    const month = index + 1;
    const period = periodOf(periods, "MONTH", month);
    return {
      month,
      target: period?.base ?? null,
      lastYear: period?.lastYear?.value ?? null,
      lastYearEstimated: period?.lastYear?.estimated ?? estimated.has(month),
      yearBefore: period?.yearBefore ?? null,
    };
  });
}

/** One spec's year target against Y-1, with the growth band's verdict. */
export interface SpecGrowth {
  readonly specId: string;
  readonly nameZh: string;
  readonly nameEn: string;
  readonly target: string | null;
  readonly lastYear: string | null;
  readonly lastYearEstimated: boolean;
  readonly growth: string | null;
  readonly band: GrowthBandStatus | null;
}

/** The spec figure rows of a grid (catalogue order), each with its year's growth. */
export function specGrowth(grid: FigureGrid | undefined, catalogue: PlanCatalogueLabelsFragment): SpecGrowth[] {
  const specs = new Map(catalogue.productLines.flatMap((line) => line.specs.map((spec) => [spec.id, spec] as const)));
  return (grid?.rows ?? []).flatMap((row) => {
    if (row.kind !== "FIGURE" || row.productSpecId === null) return [];
    const year = periodOf(row.periods, "YEAR");
    const spec = specs.get(row.productSpecId);
    return [
      {
        specId: row.productSpecId,
        nameZh: spec?.nameZh ?? row.productSpecId,
        nameEn: spec?.nameEn ?? row.productSpecId,
        target: year?.base ?? null,
        lastYear: year?.lastYear?.value ?? null,
        lastYearEstimated: year?.lastYear?.estimated ?? false,
        growth: year?.growth ?? null,
        band: year?.band ?? null,
      },
    ];
  });
}

// ---------------------------------------------------------------------------
// Findings: where each one's links go.

/** Looks up the grid row that holds a metric's cells at a dimension key (the API's own row key). */
export type RowKeyLookup = (metricId: string, dimensionKey: string) => string | undefined;

export function rowKeyLookup(
  grids: readonly { metric: { id: string }; rows: readonly { key: string; coordinates: { dimensionKey: string } }[] }[],
): RowKeyLookup {
  const keys = new Map<string, string>();
  for (const grid of grids) {
    for (const row of grid.rows) keys.set(`${grid.metric.id}\u0000${row.coordinates.dimensionKey}`, row.key);
  }
  return (metricId, dimensionKey) => keys.get(`${metricId}\u0000${dimensionKey}`);
}

/** The metrics the findings point into (their grids give the row keys). */
export function findingMetricIds(findings: readonly Finding[]): string[] {
  const ids = new Set<string>();
  for (const finding of findings) {
    for (const target of finding.targets) if (target.kind === "TARGET" && target.metricId !== null) ids.add(target.metricId);
  }
  return [...ids];
}

export interface FindingLink {
  readonly kind: "TARGET" | "SECTION" | "EXPENSE";
  /** Where the link goes, `?cycle=` kept. */
  readonly href: string;
  /** What it points at, for its text: metric, spec and month; or the section's code. */
  readonly metric?: Metric;
  readonly spec?: SpecName;
  readonly month?: number | null;
  readonly sectionCode?: string;
}

export interface LinkContext {
  readonly unitCode: string;
  readonly year: number;
  /** The current `?cycle=` value, kept on every link; null when the address has none. */
  readonly cycleParam: string | null;
  readonly metricsById: ReadonlyMap<string, Metric>;
  readonly specsById: ReadonlyMap<string, SpecName>;
  readonly rowKeyOf: RowKeyLookup;
}

function withQuery(path: string, params: readonly (readonly [string, string])[], cycleParam: string | null): string {
  const query = new URLSearchParams(params.map(([name, value]) => [name, value]));
  if (cycleParam !== null) query.set("cycle", cycleParam);
  const text = query.toString();
  return text === "" ? path : `${path}?${text}`;
}

/**
 * The link of one target of a finding. A target cell: the Targets tab at the metric
 * (`?metric=SALES_REVENUE`) and, when the finding names a row or a month, the cell
 * (`&focus=<row key>:<month>`, the row key as the metric's grid gives it; a finding on a
 * row's year has no month: `&focus=<row key>`). A section: the Document tab at it.
 */
export function findingTargetLink(target: FindingTarget, context: LinkContext): FindingLink | null {
  const { unitCode, year, cycleParam } = context;
  switch (target.kind) {
    case "TARGET": {
      if (target.metricCode === null) return null;
      const metric = target.metricId === null ? undefined : context.metricsById.get(target.metricId);
      const spec = target.productSpecId === null ? undefined : context.specsById.get(target.productSpecId);
      const params: [string, string][] = [["metric", target.metricCode]];
      const wholeMetric = (target.dimensionKey ?? "") === "" && target.month === null;
      const rowKey =
        wholeMetric || target.metricId === null ? undefined : context.rowKeyOf(target.metricId, target.dimensionKey ?? "");
      if (rowKey !== undefined) params.push(["focus", target.month === null ? rowKey : `${rowKey}:${target.month}`]);
      return {
        kind: "TARGET",
        href: withQuery(planPath(unitCode, year, "targets"), params, cycleParam),
        ...(metric && { metric }),
        ...(spec && { spec }),
        month: target.month,
      };
    }
    case "SECTION":
      if (target.sectionCode === null) return null;
      return {
        kind: "SECTION",
        href: `${withQuery(planPath(unitCode, year, "document"), [], cycleParam)}#${sectionAnchor(target.sectionCode)}`,
        sectionCode: target.sectionCode,
      };
    case "EXPENSE":
      return { kind: "EXPENSE", href: withQuery(planPath(unitCode, year, "expenses"), [], cycleParam) };
    default:
      return null;
  }
}

/** A finding's links, one per target that has a page, without repeats. */
export function findingLinks(finding: Finding, context: LinkContext): FindingLink[] {
  const seen = new Set<string>();
  return finding.targets.flatMap((target) => {
    const link = findingTargetLink(target, context);
    if (link === null || seen.has(link.href)) return [];
    seen.add(link.href);
    return [link];
  });
}

/** A month's short label in the language: 3月 / Mar. */
export function monthLabel(month: number, locale: Locale): string {
  return periodLabel(monthPeriod(month), locale);
}

/** Findings in the order the overview lists them: by symptom, BLOCK before WARN, then as the checks gave them. */
export function findingsBySymptom(findings: readonly Finding[]): { symptom: number; items: Finding[] }[] {
  const groups = new Map<number, Finding[]>();
  for (const finding of findings) {
    const list = groups.get(finding.symptom) ?? [];
    list.push(finding);
    groups.set(finding.symptom, list);
  }
  const rank = (finding: Finding) => (finding.severity === "BLOCK" ? 0 : 1);
  return [...groups.keys()]
    .sort((a, b) => a - b)
    .map((symptom) => ({
      symptom,
      items: [...(groups.get(symptom) ?? [])].sort((a, b) => rank(a) - rank(b)),
    }));
}
