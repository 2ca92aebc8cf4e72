// The set of plan checks is data: each code has its symptom (四大症状), a default
// severity, whether it runs by default, and its message in both languages. A
// cycle re-levels or switches checks off with a PlanCheckConfig, never code.
import { BREAKDOWN_AXIS_LABELS, type BreakdownAxis } from "../cell-grain.js";
import { expenseCategory, findExpenseItem, isExpenseCategoryCode } from "../expense-tree.js";
import { findMetric, type MetricDefinition } from "../metrics.js";
import type { Locale } from "../periods.js";
import type { CellRef, FindingParams, Severity, Symptom } from "./types.js";

export const PLAN_CHECK_CODES = [
  // 1 思路不清晰
  "REQUIRED_SECTION_EMPTY",
  "TARGET_RAISED_WITHOUT_METHOD",
  "SPEC_RAISED_WITHOUT_METHOD",
  // 2 任务难以分解
  "BELOW_NEED",
  "TARGET_BELOW_GROWTH_BAND",
  "TARGET_ABOVE_GROWTH_BAND",
  "OBJECTION_UNANSWERED",
  "OBJECTION_PENDING",
  // 3 费用比例不足
  "EXPENSE_RATIO_OFF_HISTORY",
  "EXPENSE_RATIO_OFF_SIBLINGS",
  "PROFIT_TARGET_NOT_POSITIVE",
  "CONTRIBUTION_NOT_POSITIVE",
  "EXPENSE_OVER_CAP",
  // 4 数据失真
  "HISTORY_INSUFFICIENT",
  "REQUIRED_METRIC_MISSING",
  "MONTHS_MISSING",
  "TERMINAL_SPLIT_MISSING",
  "SUMS_DO_NOT_ADD_UP",
  "BREAKDOWN_MISMATCH",
  "BREAKDOWN_WITHOUT_FIGURE",
  "VALUE_IMPLAUSIBLE",
  "NEGATIVE_TARGET",
  "PERCENT_OUT_OF_RANGE",
  "STRETCH_BELOW_BASE",
  "PROFIT_EXCEEDS_REVENUE",
] as const;
export type PlanCheckCode = (typeof PLAN_CHECK_CODES)[number];

export interface PlanCheckDefinition {
  readonly code: PlanCheckCode;
  readonly symptom: Symptom;
  readonly defaultSeverity: Severity;
  readonly enabledByDefault: boolean;
  /** Templates with {param} placeholders; {metricName} is filled from the `metric` param. */
  readonly message: { readonly zh: string; readonly en: string };
}

export const SYMPTOM_LABELS: Readonly<Record<Symptom, { zh: string; en: string }>> = {
  1: { zh: "思路不清晰", en: "Unclear thinking" },
  2: { zh: "任务难以分解", en: "Targets hard to break down" },
  3: { zh: "费用比例不足", en: "Expenses out of proportion" },
  4: { zh: "数据失真", en: "Distorted data" },
};

const def = (code: PlanCheckCode, symptom: Symptom, defaultSeverity: Severity, zh: string, en: string): PlanCheckDefinition => ({
  code,
  symptom,
  defaultSeverity,
  enabledByDefault: true,
  message: { zh, en },
});

export const PLAN_CHECKS: readonly PlanCheckDefinition[] = [
  def("REQUIRED_SECTION_EMPTY", 1, "BLOCK", "必填章节“{section}”尚未填写。", 'The required section "{section}" is empty.'),
  def(
    "TARGET_RAISED_WITHOUT_METHOD",
    1,
    "BLOCK",
    "{metricName}目标 {planned} 高于上年实际 {lastYear}（+{growthPercent}%），但没有方法说明与之关联。",
    "The {metricName} target {planned} is above last year's actual {lastYear} (+{growthPercent}%) but no method text explains it.",
  ),
  def(
    "SPEC_RAISED_WITHOUT_METHOD",
    1,
    "WARN",
    "品规 {productSpec} 的{metricName}目标 {planned} 高于上年实际 {lastYear}（+{growthPercent}%），但没有方法说明与之关联。",
    "The {metricName} target {planned} for spec {productSpec} is above last year's actual {lastYear} (+{growthPercent}%) but no method text explains it.",
  ),
  def(
    "BELOW_NEED",
    2,
    "WARN",
    "{metricName}合计 {planned} 低于{needSource} {need}，缺口 {gap}。",
    "The {metricName} total {planned} is below the {needSource} {need}; gap {gap}.",
  ),
  def(
    "TARGET_BELOW_GROWTH_BAND",
    2,
    "WARN",
    "{metricName}目标 {planned} 较上年实际 {lastYear} 增长 {growthPercent}%，低于下限 {minPercent}%。",
    "The {metricName} target {planned} grows {growthPercent}% on last year's {lastYear}, below the band's floor of {minPercent}%.",
  ),
  def(
    "TARGET_ABOVE_GROWTH_BAND",
    2,
    "WARN",
    "{metricName}目标 {planned} 较上年实际 {lastYear} 增长 {growthPercent}%，高于上限 {maxPercent}%：跳一跳能否摸得着？",
    "The {metricName} target {planned} grows {growthPercent}% on last year's {lastYear}, above the band's ceiling of {maxPercent}%: is it reachable?",
  ),
  def(
    "OBJECTION_UNANSWERED",
    2,
    "BLOCK",
    "下级单位 {unitId} 对任务分解提出的异议尚未答复。",
    "An objection from child unit {unitId} to its split has not been answered.",
  ),
  def(
    "OBJECTION_PENDING",
    2,
    "WARN",
    "本单位向上级提出的异议尚待答复。",
    "This unit's objection to its parent is still awaiting an answer.",
  ),
  def(
    "EXPENSE_RATIO_OFF_HISTORY",
    3,
    "WARN",
    "{ratioName} {currentPercent}% 与 {year} 年的 {referencePercent}% 相差 {deviationPercent}%，超出允许的 {tolerancePercent}%。",
    "{ratioName} of {currentPercent}% differs from {year}'s {referencePercent}% by {deviationPercent}%, beyond the allowed {tolerancePercent}%.",
  ),
  def(
    "EXPENSE_RATIO_OFF_SIBLINGS",
    3,
    "WARN",
    "{ratioName} {currentPercent}% 与 {count} 个同级单位的中位数 {referencePercent}% 相差 {deviationPercent}%，超出允许的 {tolerancePercent}%。",
    "{ratioName} of {currentPercent}% differs from the median {referencePercent}% of {count} sibling units by {deviationPercent}%, beyond the allowed {tolerancePercent}%.",
  ),
  def(
    "PROFIT_TARGET_NOT_POSITIVE",
    3,
    "BLOCK",
    "{metricName}目标为 {planned}：盈利才是硬道理。",
    "The {metricName} target is {planned}: a plan must make a profit.",
  ),
  def(
    "CONTRIBUTION_NOT_POSITIVE",
    3,
    "WARN",
    "{metricName} {grossProfit} 不足以覆盖费用 {expense}（差额 {contribution}）。",
    "{metricName} of {grossProfit} does not cover expenses of {expense} (difference {contribution}).",
  ),
  def(
    "EXPENSE_OVER_CAP",
    3,
    "BLOCK",
    "{scopeName}费用 {amount} 超出核定预算 {cap}，超出 {excess}。",
    "{scopeName} expenses of {amount} exceed the approved budget of {cap} by {excess}.",
  ),
  def(
    "HISTORY_INSUFFICIENT",
    4,
    "WARN",
    "只有 {found} 年历史实际数据，至少需要 {required} 年。",
    "Only {found} year(s) of actuals on record; at least {required} are needed.",
  ),
  def("REQUIRED_METRIC_MISSING", 4, "BLOCK", "缺少{metricName}目标。", "The {metricName} target is missing."),
  def(
    "MONTHS_MISSING",
    4,
    "BLOCK",
    "{metricName}目标 [{row}] 缺少 {missingMonths} 月。",
    "The {metricName} target [{row}] lacks month(s) {missingMonths}.",
  ),
  def(
    "TERMINAL_SPLIT_MISSING",
    4,
    "BLOCK",
    "{count} 个 {classes} 类及核心终端没有分解目标：{terminals}。",
    "{count} terminal(s) of class {classes} or core have no target: {terminals}.",
  ),
  def(
    "SUMS_DO_NOT_ADD_UP",
    4,
    "BLOCK",
    "{metricName}明细合计 {computed} 与填报合计 {declared} 不符，相差 {difference}。",
    "The {metricName} cells add up to {computed}, not the declared total {declared}; difference {difference}.",
  ),
  def(
    "BREAKDOWN_MISMATCH",
    4,
    "BLOCK",
    "{metricName} {month} 月 [{row}] 按{axisName}分解的合计 {breakdown} 与计划数 {figure} 不符，相差 {difference}。",
    "The {axisName} breakdown of {metricName} for month {month} [{row}] adds up to {breakdown}, not the plan's figure {figure}; difference {difference}.",
  ),
  def(
    "BREAKDOWN_WITHOUT_FIGURE",
    4,
    "BLOCK",
    "{metricName} {month} 月 [{row}] 有按{axisName}分解的数 {breakdown}，但没有它所分解的计划数。",
    "{metricName} for month {month} [{row}] has a {axisName} breakdown of {breakdown} but no plan figure for it to detail.",
  ),
  def(
    "VALUE_IMPLAUSIBLE",
    4,
    "WARN",
    "{metricName}目标 {planned} 是上年实际 {lastYear} 的 {timesLastYear} 倍，超过 {factor} 倍，请核实。",
    "The {metricName} target {planned} is {timesLastYear}× last year's actual {lastYear}, more than {factor}×: please verify.",
  ),
  def(
    "NEGATIVE_TARGET",
    4,
    "BLOCK",
    "{metricName}目标不能为负数（{count} 个单元格）。",
    "{metricName} targets cannot be negative ({count} cell(s)).",
  ),
  def(
    "PERCENT_OUT_OF_RANGE",
    4,
    "BLOCK",
    "{metricName}必须在 0–100% 之间（{count} 个单元格）。",
    "{metricName} must lie between 0 and 100% ({count} cell(s)).",
  ),
  def(
    "STRETCH_BELOW_BASE",
    4,
    "BLOCK",
    "{metricName}的力争目标低于基本任务（{count} 个单元格）。",
    "The {metricName} stretch value is below the base value in {count} cell(s).",
  ),
  def(
    "PROFIT_EXCEEDS_REVENUE",
    4,
    "BLOCK",
    "毛利目标 {grossProfit} 高于销售额目标 {salesRevenue}。",
    "The gross profit target {grossProfit} exceeds the sales revenue target {salesRevenue}.",
  ),
];

const DEFINITION_BY_CODE: ReadonlyMap<PlanCheckCode, PlanCheckDefinition> = new Map(PLAN_CHECKS.map((d) => [d.code, d]));

export function planCheckDefinition(code: PlanCheckCode): PlanCheckDefinition {
  const definition = DEFINITION_BY_CODE.get(code);
  if (!definition) throw new RangeError(`unknown plan check: ${code}`);
  return definition;
}

export function isPlanCheckCode(value: unknown): value is PlanCheckCode {
  return typeof value === "string" && DEFINITION_BY_CODE.has(value as PlanCheckCode);
}

/** A cycle's switches: `{ VALUE_IMPLAUSIBLE: { severity: "BLOCK" }, OBJECTION_PENDING: { enabled: false } }`. */
export type PlanCheckOverrides = Partial<Record<PlanCheckCode, { readonly enabled?: boolean; readonly severity?: Severity }>>;

export interface EffectiveCheck {
  readonly enabled: boolean;
  readonly severity: Severity;
  readonly symptom: Symptom;
}

/** Defaults merged with the cycle's overrides, for every code. */
export function effectiveChecks(overrides: PlanCheckOverrides = {}): Readonly<Record<PlanCheckCode, EffectiveCheck>> {
  return Object.fromEntries(
    PLAN_CHECKS.map((d) => {
      const override = overrides[d.code];
      return [
        d.code,
        {
          enabled: override?.enabled ?? d.enabledByDefault,
          severity: override?.severity ?? d.defaultSeverity,
          symptom: d.symptom,
        },
      ];
    }),
  ) as Record<PlanCheckCode, EffectiveCheck>;
}

export interface PlanFinding {
  readonly code: PlanCheckCode;
  readonly severity: Severity;
  readonly symptom: Symptom;
  readonly cells: readonly CellRef[];
  readonly params: FindingParams;
}

const NEED_SOURCE_LABELS: Readonly<Record<string, { zh: string; en: string }>> = {
  PARENT: { zh: "上级分解任务", en: "parent's split" },
  HQ_GUIDANCE: { zh: "总部指导目标", en: "HQ guidance" },
};
const RATIO_LABELS: Readonly<Record<string, { zh: string; en: string }>> = {
  EXPENSE_TO_SALES: { zh: "费用率", en: "The expense-to-sales ratio" },
  EXPENSE_PER_GROSS_PROFIT: { zh: "每元毛利费用", en: "Expense per unit of gross profit" },
};
const TOTAL_SCOPE_LABEL = { zh: "全部", en: "Total" } as const;

/**
 * The finding's message in one language. Code-valued params (metric, needSource,
 * ratio, scope, axis) get readable names; other params are inserted as they are.
 */
export function formatFindingMessage(
  finding: Pick<PlanFinding, "code" | "params">,
  locale: Locale,
  metrics?: readonly MetricDefinition[],
): string {
  const lang = locale === "zh-CN" ? "zh" : "en";
  const { params } = finding;
  const metric = typeof params.metric === "string" ? findMetric(params.metric, metrics) : undefined;
  const scopeCode = String(params.scopeCode ?? "");
  const scopeDef = isExpenseCategoryCode(scopeCode) ? expenseCategory(scopeCode) : findExpenseItem(scopeCode);
  const named: Record<string, string | number> = {
    ...params,
    metricName: metric ? (lang === "zh" ? metric.nameZh : metric.nameEn) : String(params.metric ?? ""),
    needSource: NEED_SOURCE_LABELS[String(params.needSource)]?.[lang] ?? String(params.needSource ?? ""),
    ratioName: RATIO_LABELS[String(params.ratio)]?.[lang] ?? String(params.ratio ?? ""),
    scopeName: params.scope === "TOTAL" ? TOTAL_SCOPE_LABEL[lang] : (scopeDef?.[lang] ?? scopeCode),
    axisName: BREAKDOWN_AXIS_LABELS[params.axis as BreakdownAxis]?.[lang] ?? String(params.axis ?? ""),
  };
  return planCheckDefinition(finding.code).message[lang].replace(/\{(\w+)\}/g, (whole, key: string) =>
    key in named ? String(named[key]) : whole,
  );
}
