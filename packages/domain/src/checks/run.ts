// runPlanChecks: the four symptoms (四大症状) checked on one plan snapshot.
// Sums are integer arithmetic on bigint over facts collected in one pass.
// Growth, the growth band and the expense ratios are NOT recomputed here: they
// come from growth.ts (growthRate, checkGrowthBand) and expense.ts
// (expenseRatioReport), so a check shows the same number as the grid.
import { Dec, Fixed, MONEY_SCALE, type Money } from "../fixed.js";
import { expenseRatioReport, expenseTotals, findCapExcesses, type ExpenseFigures } from "../expense.js";
import { checkGrowthBand, growthRate, type GrowthBandLimits } from "../growth.js";
import { isFigure } from "../cell-grain.js";
import { cellDimensionKey } from "../cell-key.js";
import { MONTHS } from "../periods.js";
import { collectPlanFacts, unitsAtScale, type MetricFacts, type PlanFacts } from "./facts.js";
import {
  effectiveChecks,
  type EffectiveCheck,
  type PlanCheckCode,
  type PlanCheckOverrides,
  type PlanFinding,
} from "./registry.js";
import type { CellRef, FindingParams, PlanSnapshot, Severity, Symptom, TargetCell } from "./types.js";

/** Decimal thresholds are strings ("0.3" = 30 %) so a cycle can store them as JSON exactly. */
export interface PlanCheckThresholds {
  /** The "跳一跳, 摸得着" band, read by growth.ts's checkGrowthBand: { minGrowth: "0", maxGrowth: "0.3" }. */
  readonly growthBand: GrowthBandLimits;
  readonly growthBandByMetric: Readonly<Record<string, GrowthBandLimits>>;
  /** A target above this multiple of last year's actual is implausible. */
  readonly implausibleFactor: string;
  /** Relative deviation of an expense ratio from history or the sibling median that is still fine. */
  readonly expenseRatioTolerance: string;
  /** Fewer siblings than this and the median says nothing. */
  readonly minSiblings: number;
  readonly minHistoryYears: number;
  /** Metrics every unit must plan (sales AND profit, together). */
  readonly requiredMetrics: readonly string[];
  /**
   * Terminals of these classes (and core terminals) must carry a target of
   * their own. A cycle derives them from its minTerminalRank and the
   * company's classes (checkConfigFromCycle); ["A", "B"] is rank ≤ 2 of A/B/C.
   */
  readonly terminalSplitClasses: readonly string[];
  readonly salesMetric: string;
  readonly profitMetric: string;
}

/** Band, factor and classes agree with DEFAULT_CYCLE_SETTINGS (cycle-config.ts), the database defaults. */
export const DEFAULT_PLAN_CHECK_THRESHOLDS: PlanCheckThresholds = {
  growthBand: { minGrowth: "0", maxGrowth: "0.3" },
  growthBandByMetric: {},
  implausibleFactor: "3",
  expenseRatioTolerance: "0.3",
  minSiblings: 3,
  minHistoryYears: 2,
  requiredMetrics: ["SALES_REVENUE", "GROSS_PROFIT"],
  terminalSplitClasses: ["A", "B"],
  salesMetric: "SALES_REVENUE",
  profitMetric: "GROSS_PROFIT",
};

export interface PlanCheckConfig {
  readonly checks?: PlanCheckOverrides;
  readonly thresholds?: Partial<PlanCheckThresholds>;
}

const MICRO = 1_000_000n;
const micro = (ratio: string): bigint => Fixed.parse(ratio, 6).units;

interface PreparedConfig {
  readonly checks: Readonly<Record<PlanCheckCode, EffectiveCheck>>;
  readonly thresholds: PlanCheckThresholds;
  readonly band: (metricCode: string) => GrowthBandLimits;
  readonly implausibleFactor: bigint;
  readonly tolerance: Dec;
  readonly splitClasses: ReadonlySet<string>;
}

// A cycle's config object is reused for every plan of the cycle: prepare it once.
const prepared = new WeakMap<PlanCheckConfig, PreparedConfig>();

function prepare(config: PlanCheckConfig): PreparedConfig {
  const cached = prepared.get(config);
  if (cached) return cached;
  const thresholds = { ...DEFAULT_PLAN_CHECK_THRESHOLDS, ...config.thresholds };
  const exactBand = (band: GrowthBandLimits): GrowthBandLimits => {
    const limits = { minGrowth: new Dec(band.minGrowth), maxGrowth: new Dec(band.maxGrowth) };
    if (limits.minGrowth.greaterThan(limits.maxGrowth))
      throw new RangeError(`growth band ${limits.minGrowth}..${limits.maxGrowth} is inverted`);
    return limits;
  };
  const defaultBand = exactBand(thresholds.growthBand);
  const bands = new Map(Object.entries(thresholds.growthBandByMetric).map(([code, band]) => [code, exactBand(band)]));
  const result: PreparedConfig = {
    checks: effectiveChecks(config.checks),
    thresholds,
    band: (code) => bands.get(code) ?? defaultBand,
    implausibleFactor: micro(thresholds.implausibleFactor),
    tolerance: new Dec(thresholds.expenseRatioTolerance),
    splitClasses: new Set(thresholds.terminalSplitClasses),
  };
  prepared.set(config, result);
  return result;
}

// ---------------------------------------------------------------- helpers

/** A ratio as percent text with 2 places, HALF_EVEN: 0.352 → "35.20". */
function percentText(ratio: Dec): string {
  return Fixed.round(ratio.times(100), 2, "HALF_EVEN").toString();
}

/** growth.ts's growthRate of `planned` over `last` (last > 0) as percent text, "35.20". */
function growthPercentText(planned: bigint, last: bigint, scale: number): string {
  const rate = growthRate(Fixed.fromUnits(planned, scale), Fixed.fromUnits(last, scale), 4);
  return rate === null ? "" : percentText(rate);
}

function amountText(units: bigint, scale: number): string {
  return Fixed.fromUnits(units, scale).toString();
}

function targetRef(metricCode: string, productSpecId?: string): CellRef {
  return productSpecId === undefined ? { kind: "TARGET", metricCode } : { kind: "TARGET", metricCode, productSpecId };
}

function cellRef(cell: TargetCell): CellRef {
  const { metricCode, month, id, productSpecId, channelId, terminalId, distributorId, townshipId } = cell;
  return {
    kind: "TARGET",
    metricCode,
    month,
    ...(id !== undefined && { cellId: id }),
    ...(productSpecId && { productSpecId }),
    ...(channelId && { channelId }),
    ...(terminalId && { terminalId }),
    ...(distributorId && { distributorId }),
    ...(townshipId && { townshipId }),
  };
}

type Emit = (code: PlanCheckCode, cells: readonly CellRef[], params: FindingParams) => void;

interface CheckContext {
  readonly snapshot: PlanSnapshot;
  readonly facts: PlanFacts;
  readonly config: PreparedConfig;
  readonly on: (code: PlanCheckCode) => boolean;
  readonly emit: Emit;
}

function additive(facts: PlanFacts): [string, bigint, number][] {
  const result: [string, bigint, number][] = [];
  for (const [code, total] of facts.unitTotals) {
    const metric = facts.metricsByCode.get(code);
    if (metric?.aggregation === "SUM") result.push([code, total, metric.scale]);
  }
  return result;
}

// ------------------------------------------------------ 1 思路不清晰

function checkClarity({ snapshot, facts, on, emit }: CheckContext): void {
  if (on("REQUIRED_SECTION_EMPTY")) {
    for (const section of snapshot.sections) {
      if (section.required && section.text.trim() === "") {
        emit("REQUIRED_SECTION_EMPTY", [{ kind: "SECTION", sectionCode: section.code }], { section: section.code });
      }
    }
  }
  const lastYear = facts.lastYear;
  if (lastYear === undefined || !(on("TARGET_RAISED_WITHOUT_METHOD") || on("SPEC_RAISED_WITHOUT_METHOD"))) return;

  // What the written sections argue for: "METRIC" or "METRIC|SPEC".
  const explained = new Set<string>();
  for (const section of snapshot.sections) {
    if (section.text.trim() === "") continue;
    for (const link of section.explains) {
      explained.add(link.productSpecId ? `${link.metricCode}|${link.productSpecId}` : link.metricCode);
    }
  }

  for (const [code, planned, scale] of additive(facts)) {
    if (explained.has(code)) continue;
    const last = lastYear.totals.get(code);
    if (on("TARGET_RAISED_WITHOUT_METHOD") && last !== undefined && last > 0n && planned > last) {
      emit("TARGET_RAISED_WITHOUT_METHOD", [targetRef(code)], {
        metric: code,
        planned: amountText(planned, scale),
        lastYear: amountText(last, scale),
        growthPercent: growthPercentText(planned, last, scale),
      });
      continue; // the metric-level finding already asks for the text
    }
    const specHistory = lastYear.specTotals.get(code);
    const own = facts.own.get(code);
    if (!on("SPEC_RAISED_WITHOUT_METHOD") || specHistory === undefined || own === undefined) continue;
    for (const [spec, specPlanned] of own.specTotals) {
      const specLast = specHistory.get(spec);
      if (specLast === undefined || specLast <= 0n || specPlanned <= specLast || explained.has(`${code}|${spec}`)) continue;
      emit("SPEC_RAISED_WITHOUT_METHOD", [targetRef(code, spec)], {
        metric: code,
        productSpec: spec,
        planned: amountText(specPlanned, scale),
        lastYear: amountText(specLast, scale),
        growthPercent: growthPercentText(specPlanned, specLast, scale),
      });
    }
  }
}

// ------------------------------------------------------ 2 任务难以分解

function checkDecomposition({ snapshot, facts, config, on, emit }: CheckContext): void {
  if (on("BELOW_NEED")) {
    for (const need of snapshot.need ?? []) {
      const metric = facts.metricsByCode.get(need.metricCode);
      // A share or rate (AVERAGE / LAST) has no "total" to fall short of: summing
      // twelve monthly 25 % cells into 300 % would compare nonsense with the need.
      if (metric !== undefined && metric.aggregation !== "SUM") continue;
      const scale = metric?.scale ?? need.value.scale;
      const planned = facts.unitTotals.get(need.metricCode) ?? 0n;
      const needed = unitsAtScale(need.value, scale);
      if (planned >= needed) continue;
      const cells: CellRef[] = [targetRef(need.metricCode)];
      for (const child of snapshot.children) cells.push({ kind: "CHILD", unitId: child.unitId, metricCode: need.metricCode });
      emit("BELOW_NEED", cells, {
        metric: need.metricCode,
        needSource: need.source,
        planned: amountText(planned, scale),
        need: amountText(needed, scale),
        gap: amountText(needed - planned, scale),
      });
    }
  }

  const lastYear = facts.lastYear;
  if (lastYear !== undefined && (on("TARGET_BELOW_GROWTH_BAND") || on("TARGET_ABOVE_GROWTH_BAND"))) {
    for (const [code, planned, scale] of additive(facts)) {
      const last = lastYear.totals.get(code);
      if (last === undefined || last <= 0n) continue;
      const band = config.band(code);
      const { status } = checkGrowthBand(Fixed.fromUnits(planned, scale), Fixed.fromUnits(last, scale), band);
      const finding =
        status === "BELOW_LAST_YEAR" ? "TARGET_BELOW_GROWTH_BAND" : status === "ABOVE_BAND" ? "TARGET_ABOVE_GROWTH_BAND" : null;
      if (finding === null || !on(finding)) continue;
      emit(finding, [targetRef(code)], {
        metric: code,
        planned: amountText(planned, scale),
        lastYear: amountText(last, scale),
        growthPercent: growthPercentText(planned, last, scale),
        minPercent: percentText(new Dec(band.minGrowth)),
        maxPercent: percentText(new Dec(band.maxGrowth)),
      });
    }
  }

  for (const objection of snapshot.openObjections) {
    const code = objection.direction === "FROM_CHILD" ? "OBJECTION_UNANSWERED" : "OBJECTION_PENDING";
    if (!on(code)) continue;
    const cells: CellRef[] = [{ kind: "OBJECTION", objectionId: objection.id }];
    if (objection.metricCode !== undefined) cells.push(targetRef(objection.metricCode));
    emit(code, cells, { unitId: objection.unitId, ...(objection.metricCode !== undefined && { metric: objection.metricCode }) });
  }
}

// ------------------------------------------------------ 3 费用比例不足

function unitExpenseTotal(snapshot: PlanSnapshot, ownTotal: Money): Money {
  let units = ownTotal.units;
  for (const child of snapshot.children) if (child.expenseTotal) units += unitsAtScale(child.expenseTotal, MONEY_SCALE);
  return Fixed.fromUnits(units, MONEY_SCALE);
}

function moneyTotal(facts: PlanFacts, code: string, totals: ReadonlyMap<string, bigint> | undefined): Money {
  const scale = facts.metricsByCode.get(code)?.scale ?? MONEY_SCALE;
  return Fixed.fromUnits(totals?.get(code) ?? 0n, scale).rescale(MONEY_SCALE);
}

function checkExpenses({ snapshot, facts, config, on, emit }: CheckContext): void {
  const { salesMetric, profitMetric, minSiblings } = config.thresholds;
  const own = expenseTotals(snapshot.expenses);
  const expense = unitExpenseTotal(snapshot, own.total);
  const profitPlanned = facts.unitTotals.has(profitMetric);
  const grossProfit = moneyTotal(facts, profitMetric, facts.unitTotals);

  if (on("EXPENSE_OVER_CAP") && snapshot.expenseCaps !== undefined) {
    for (const excess of findCapExcesses(own, snapshot.expenseCaps)) {
      const cells: CellRef[] =
        excess.scope === "TOTAL"
          ? [{ kind: "EXPENSE" }]
          : excess.scope === "CATEGORY"
            ? [
                {
                  kind: "EXPENSE",
                  categoryCode: excess.code as NonNullable<Extract<CellRef, { kind: "EXPENSE" }>["categoryCode"]>,
                },
              ]
            : [{ kind: "EXPENSE", itemCode: excess.code ?? "" }];
      emit("EXPENSE_OVER_CAP", cells, {
        scope: excess.scope,
        scopeCode: excess.code ?? "",
        amount: excess.amount.toString(),
        cap: excess.cap.toString(),
        excess: excess.excess.toString(),
      });
    }
  }

  if (profitPlanned && on("PROFIT_TARGET_NOT_POSITIVE") && !grossProfit.isPositive()) {
    emit("PROFIT_TARGET_NOT_POSITIVE", [targetRef(profitMetric)], { metric: profitMetric, planned: grossProfit.toString() });
  } else if (profitPlanned && on("CONTRIBUTION_NOT_POSITIVE") && expense.isPositive() && grossProfit.compare(expense) <= 0) {
    emit("CONTRIBUTION_NOT_POSITIVE", [targetRef(profitMetric), { kind: "EXPENSE" }], {
      metric: profitMetric,
      grossProfit: grossProfit.toString(),
      expense: expense.toString(),
      contribution: grossProfit.minus(expense).toString(),
    });
  }

  if (!(on("EXPENSE_RATIO_OFF_HISTORY") || on("EXPENSE_RATIO_OFF_SIBLINGS")) || !expense.isPositive()) return;
  const sales = moneyTotal(facts, salesMetric, facts.unitTotals);
  const history = [facts.lastYear, facts.yearBefore].flatMap((h) =>
    h?.expenseTotal === undefined
      ? []
      : [
          {
            year: h.year,
            figures: {
              expense: h.expenseTotal,
              salesRevenue: moneyTotal(facts, salesMetric, h.totals),
              grossProfit: moneyTotal(facts, profitMetric, h.totals),
            },
          },
        ],
  );
  const siblings: readonly ExpenseFigures[] = snapshot.siblings;
  // The same ratios, deviations and sibling median the expense grid shows.
  const report = expenseRatioReport({ expense, salesRevenue: sales, grossProfit }, history, siblings);
  const tolerancePercent = percentText(config.tolerance);
  const comparisons = [
    { ratio: "EXPENSE_TO_SALES", comparison: report.expenseToSales },
    { ratio: "EXPENSE_PER_GROSS_PROFIT", comparison: report.expensePerGrossProfit },
  ] as const;
  for (const { ratio, comparison } of comparisons) {
    const current = comparison.current;
    if (current === null) continue;
    const beyond = (relative: Dec | null): relative is Dec => relative !== null && relative.abs().greaterThan(config.tolerance);
    const params = (reference: Dec, relative: Dec) => ({
      ratio,
      currentPercent: percentText(current),
      referencePercent: percentText(reference),
      deviationPercent: percentText(relative),
      tolerancePercent,
    });
    if (on("EXPENSE_RATIO_OFF_HISTORY")) {
      for (const past of comparison.history) {
        if (past.reference === null || !beyond(past.relativeDelta)) continue;
        emit("EXPENSE_RATIO_OFF_HISTORY", [{ kind: "EXPENSE" }, { kind: "HISTORY", year: past.year }], {
          ...params(past.reference, past.relativeDelta),
          year: past.year,
        });
      }
    }
    const { siblings: bySiblings } = comparison;
    if (
      on("EXPENSE_RATIO_OFF_SIBLINGS") &&
      bySiblings.count >= minSiblings &&
      bySiblings.reference !== null &&
      beyond(bySiblings.relativeDelta)
    ) {
      emit("EXPENSE_RATIO_OFF_SIBLINGS", [{ kind: "EXPENSE" }], {
        ...params(bySiblings.reference, bySiblings.relativeDelta),
        count: bySiblings.count,
      });
    }
  }
}

// ------------------------------------------------------ 4 数据失真

const ALL_MONTHS_MASK = (1 << 12) - 1;

function checkData(context: CheckContext): void {
  const { snapshot, facts, config, on, emit } = context;
  const { minHistoryYears, requiredMetrics, salesMetric, profitMetric } = config.thresholds;

  if (on("HISTORY_INSUFFICIENT")) {
    const yearsWithData = snapshot.history.filter(
      (h) => h.year < snapshot.year && h.year >= snapshot.year - minHistoryYears && h.actuals.length > 0,
    ).length;
    if (yearsWithData < minHistoryYears) {
      const cells: CellRef[] = [];
      for (let back = 1; back <= minHistoryYears; back++) cells.push({ kind: "HISTORY", year: snapshot.year - back });
      emit("HISTORY_INSUFFICIENT", cells, { found: yearsWithData, required: minHistoryYears });
    }
  }

  if (on("REQUIRED_METRIC_MISSING")) {
    for (const code of requiredMetrics) {
      if (!facts.unitTotals.has(code)) emit("REQUIRED_METRIC_MISSING", [targetRef(code)], { metric: code });
    }
  }

  for (const metricFacts of facts.own.values()) checkMetricCells(context, metricFacts);

  if (on("TERMINAL_SPLIT_MISSING") && snapshot.terminals.length > 0) {
    const missing = snapshot.terminals.filter(
      (t) => (t.core === true || config.splitClasses.has(t.terminalClass)) && !facts.terminalsWithTargets.has(t.terminalId),
    );
    if (missing.length > 0) {
      const shown = missing.slice(0, 10).map((t) => t.terminalId);
      emit(
        "TERMINAL_SPLIT_MISSING",
        missing.map((t): CellRef => ({ kind: "TERMINAL", terminalId: t.terminalId })),
        {
          count: missing.length,
          classes: [...config.splitClasses].join("/"),
          terminals: missing.length > shown.length ? `${shown.join(", ")} …` : shown.join(", "),
        },
      );
    }
  }

  if (on("SUMS_DO_NOT_ADD_UP") && snapshot.declaredTotals !== undefined && snapshot.declaredTotals.length > 0) {
    checkDeclaredTotals(context);
  }
  checkBreakdownMismatches(context);

  const lastYear = facts.lastYear;
  if (on("VALUE_IMPLAUSIBLE") && lastYear !== undefined) {
    const factor = config.implausibleFactor;
    const flag = (code: string, planned: bigint, last: bigint | undefined, scale: number, spec?: string) => {
      if (last === undefined || last <= 0n || planned * MICRO <= last * factor) return;
      emit("VALUE_IMPLAUSIBLE", [targetRef(code, spec)], {
        metric: code,
        ...(spec !== undefined && { productSpec: spec }),
        planned: amountText(planned, scale),
        lastYear: amountText(last, scale),
        timesLastYear: Fixed.fromUnits(planned, scale).ratioTo(Fixed.fromUnits(last, scale), 2)?.toFixed(2) ?? "",
        factor: config.thresholds.implausibleFactor,
      });
    };
    for (const [code, planned, scale] of additive(facts)) {
      flag(code, planned, lastYear.totals.get(code), scale);
      const specHistory = lastYear.specTotals.get(code);
      if (specHistory === undefined) continue;
      for (const [spec, specPlanned] of facts.own.get(code)?.specTotals ?? []) {
        flag(code, specPlanned, specHistory.get(spec), scale, spec);
      }
    }
  }

  if (on("PROFIT_EXCEEDS_REVENUE") && facts.unitTotals.has(profitMetric) && facts.unitTotals.has(salesMetric)) {
    const grossProfit = moneyTotal(facts, profitMetric, facts.unitTotals);
    const sales = moneyTotal(facts, salesMetric, facts.unitTotals);
    if (grossProfit.compare(sales) > 0) {
      emit("PROFIT_EXCEEDS_REVENUE", [targetRef(profitMetric), targetRef(salesMetric)], {
        grossProfit: grossProfit.toString(),
        salesRevenue: sales.toString(),
      });
    }
  }
}

function checkMetricCells({ on, emit }: CheckContext, facts: MetricFacts): void {
  const code = facts.metric.code;
  if (on("MONTHS_MISSING")) {
    for (const series of facts.series.values()) {
      if (series.monthMask === ALL_MONTHS_MASK) continue;
      const missing = MONTHS.filter((m) => (series.monthMask & (1 << (m - 1))) === 0);
      emit(
        "MONTHS_MISSING",
        missing.map((month): CellRef => ({ kind: "TARGET", metricCode: code, month, ...series.dimensions })),
        { metric: code, missingMonths: missing.join(", "), row: cellDimensionKey(series.dimensions) },
      );
    }
  }
  const perCells = (check: PlanCheckCode, cells: readonly TargetCell[]) => {
    if (cells.length > 0 && on(check)) emit(check, cells.map(cellRef), { metric: code, count: cells.length });
  };
  perCells("NEGATIVE_TARGET", facts.negativeCells);
  perCells("PERCENT_OUT_OF_RANGE", facts.outOfRangeCells);
  perCells("STRETCH_BELOW_BASE", facts.stretchBelowBaseCells);
}

/** Each breakdown against its figure: both sides linked, the difference signed (breakdown − figure). */
function checkBreakdownMismatches({ facts, on, emit }: CheckContext): void {
  for (const mismatch of facts.breakdownMismatches) {
    const code = mismatch.figure === null ? "BREAKDOWN_WITHOUT_FIGURE" : "BREAKDOWN_MISMATCH";
    if (!on(code)) continue;
    const { metricCode, month, productSpecId, axis } = mismatch;
    const figureRefs: CellRef[] =
      mismatch.figureCells.length > 0
        ? mismatch.figureCells.map(cellRef)
        : [{ kind: "TARGET", metricCode, month, ...(productSpecId !== undefined && { productSpecId }) }];
    emit(code, [...figureRefs, ...mismatch.breakdownCells.map(cellRef)], {
      metric: metricCode,
      month,
      row: cellDimensionKey({ productSpecId }),
      ...(productSpecId !== undefined && { productSpec: productSpecId }),
      axis,
      breakdown: mismatch.breakdownTotal.toString(),
      ...(mismatch.figure !== null && { figure: mismatch.figure.toString(), difference: mismatch.difference.toString() }),
      count: mismatch.breakdownCells.length,
    });
  }
}

function checkDeclaredTotals({ snapshot, facts, emit }: CheckContext): void {
  // Only the shapes actually declared are summed, in one pass over the cells;
  // the plan's figures only, so a breakdown is not counted a second time.
  const key = (metric: string, month: number | undefined, spec: string | undefined) => `${metric}|${month ?? ""}|${spec ?? ""}`;
  const wanted = new Map<string, bigint>();
  const shapes = { month: false, spec: false, both: false, none: false };
  for (const total of snapshot.declaredTotals ?? []) {
    wanted.set(key(total.metricCode, total.month, total.productSpecId), 0n);
    if (total.month !== undefined && total.productSpecId !== undefined) shapes.both = true;
    else if (total.month !== undefined) shapes.month = true;
    else if (total.productSpecId !== undefined) shapes.spec = true;
    else shapes.none = true;
  }
  const add = (k: string, units: bigint) => {
    const current = wanted.get(k);
    if (current !== undefined) wanted.set(k, current + units);
  };
  for (const cell of snapshot.targets) {
    if (!isFigure(cell)) continue;
    const scale = facts.metricsByCode.get(cell.metricCode)?.scale ?? cell.base.scale;
    const units = unitsAtScale(cell.base, scale);
    const spec = cell.productSpecId || undefined;
    if (shapes.both && spec !== undefined) add(key(cell.metricCode, cell.month, spec), units);
    if (shapes.month) add(key(cell.metricCode, cell.month, undefined), units);
    if (shapes.spec && spec !== undefined) add(key(cell.metricCode, undefined, spec), units);
    if (shapes.none) add(key(cell.metricCode, undefined, undefined), units);
  }
  for (const total of snapshot.declaredTotals ?? []) {
    const scale = facts.metricsByCode.get(total.metricCode)?.scale ?? total.value.scale;
    const computed = wanted.get(key(total.metricCode, total.month, total.productSpecId)) ?? 0n;
    const declared = unitsAtScale(total.value, scale);
    if (computed === declared) continue;
    emit(
      "SUMS_DO_NOT_ADD_UP",
      [
        {
          kind: "TARGET",
          metricCode: total.metricCode,
          ...(total.month !== undefined && { month: total.month }),
          ...(total.productSpecId !== undefined && { productSpecId: total.productSpecId }),
        },
      ],
      {
        metric: total.metricCode,
        ...(total.month !== undefined && { month: total.month }),
        ...(total.productSpecId !== undefined && { productSpec: total.productSpecId }),
        computed: amountText(computed, scale),
        declared: amountText(declared, scale),
        difference: amountText(computed - declared, scale),
      },
    );
  }
}

// ------------------------------------------------------ entry point

/**
 * Runs every enabled check on one plan. Findings come grouped by symptom
 * (1 → 4), each with its effective severity from the cycle's config.
 */
export function runPlanChecks(snapshot: PlanSnapshot, config: PlanCheckConfig = {}): PlanFinding[] {
  const prepared = prepare(config);
  const findings: PlanFinding[] = [];
  const on = (code: PlanCheckCode) => prepared.checks[code].enabled;
  const emit: Emit = (code, cells, params) => {
    const { severity, symptom } = prepared.checks[code];
    findings.push({ code, severity, symptom, cells, params });
  };
  const context: CheckContext = { snapshot, facts: collectPlanFacts(snapshot), config: prepared, on, emit };
  checkClarity(context);
  checkDecomposition(context);
  checkExpenses(context);
  checkData(context);
  return findings;
}

export interface FindingSummary {
  readonly block: number;
  readonly warn: number;
  readonly bySymptom: Readonly<Record<Symptom, number>>;
}

/** Counts for the plan header and for the workflow guard (`blockingFindings`). */
export function summarizeFindings(findings: readonly PlanFinding[]): FindingSummary {
  const bySymptom: Record<Symptom, number> = { 1: 0, 2: 0, 3: 0, 4: 0 };
  const count: Record<Severity, number> = { BLOCK: 0, WARN: 0 };
  for (const finding of findings) {
    bySymptom[finding.symptom] += 1;
    count[finding.severity] += 1;
  }
  return { block: count.BLOCK, warn: count.WARN, bySymptom };
}
