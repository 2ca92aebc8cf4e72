// A small plan for the overview's tests (imported by *.test.ts(x) only): 从化's 2027
// plan with sales revenue, gross profit and collection, two specs, last year's
// November and December estimated, and five findings. The tests work their
// expected figures out by hand from these.
//
//   sales   2027 1,200,000.00 · Y-1 1,000,000.00 (estimate) · Y-2 960,000.00 · API growth 0.2
//   profit  2027   300,000.00 · Y-1   280,000.00            · Y-2 320,000.00 · API growth 0.071429
//   org tree: sales 1,200,000.00, expenses 100,000.00
import type { OverviewPeriodValuesFragment } from "../../../graphql/generated/graphql.js";

export const PLAN_ID = "plan-1";
export const CYCLE_ID = "c2027";

export const CATALOGUE = {
  __typename: "PlanCatalogue",
  metrics: [
    {
      __typename: "PlanMetric",
      id: "m-sales",
      code: "SALES_REVENUE",
      nameZh: "销售额",
      nameEn: "Sales revenue",
      unit: "CNY",
      scale: 2,
    },
    { __typename: "PlanMetric", id: "m-gp", code: "GROSS_PROFIT", nameZh: "毛利", nameEn: "Gross profit", unit: "CNY", scale: 2 },
    { __typename: "PlanMetric", id: "m-col", code: "COLLECTION", nameZh: "回款", nameEn: "Collection", unit: "CNY", scale: 2 },
  ],
  productLines: [
    {
      __typename: "CatalogueProductLine",
      id: "l-baijiu",
      code: "BAIJIU",
      nameZh: "白酒",
      nameEn: "Baijiu",
      specs: [
        {
          __typename: "CatalogueProductSpec",
          id: "s1",
          code: "JZ500",
          nameZh: "金樽500ml",
          nameEn: "Jinzun 500ml",
          lineId: "l-baijiu",
        },
        {
          __typename: "CatalogueProductSpec",
          id: "s2",
          code: "JZ250",
          nameZh: "金樽250ml",
          nameEn: "Jinzun 250ml",
          lineId: "l-baijiu",
        },
      ],
    },
  ],
};

type Kind = OverviewPeriodValuesFragment["kind"];

export function period(
  kind: Kind,
  index: number,
  values: {
    base?: string | null;
    lastYear?: string | null;
    estimated?: boolean;
    yearBefore?: string | null;
    growth?: string | null;
    band?: OverviewPeriodValuesFragment["band"];
  },
) {
  return {
    __typename: "GridPeriodValues",
    kind,
    index,
    base: values.base ?? null,
    lastYear:
      values.lastYear === undefined || values.lastYear === null
        ? null
        : { __typename: "HistoryValue", value: values.lastYear, estimated: values.estimated ?? false },
    yearBefore: values.yearBefore ?? null,
    growth: values.growth ?? null,
    band: values.band ?? null,
  };
}

const target = (
  metricId: string,
  metricCode: string,
  month: number | null,
  productSpecId: string | null,
  dimensionKey: string,
) => ({
  __typename: "FindingTarget",
  kind: "TARGET",
  metricId,
  metricCode,
  month,
  productSpecId,
  dimensionKey,
  sectionCode: null,
});

const finding = (
  code: string,
  symptom: number,
  severity: "BLOCK" | "WARN",
  messageZh: string,
  messageEn: string,
  targets: unknown[],
  lastYearEstimated = false,
) => ({
  __typename: "PlanFinding",
  code,
  symptom,
  symptomZh: ["", "思路不清晰", "任务难以分解", "费用比例不足", "数据失真"][symptom],
  symptomEn: ["", "Unclear thinking", "Targets hard to break down", "Expenses out of proportion", "Distorted data"][symptom],
  severity,
  messageZh,
  messageEn,
  lastYearEstimated,
  targets,
});

export const FINDINGS = [
  finding(
    "SPEC_RAISED_WITHOUT_METHOD",
    1,
    "WARN",
    "品规 金樽500ml 的销售额目标高于上年实际，但没有方法说明与之关联。",
    "The sales revenue target for spec Jinzun 500ml is above last year's actual but no method text explains it.",
    [target("m-sales", "SALES_REVENUE", null, "s1", "spec=s1")],
    true,
  ),
  finding(
    "MONTHS_MISSING",
    4,
    "BLOCK",
    "回款目标 [金樽250ml] 缺少 3、4 月。",
    "The collection target [Jinzun 250ml] lacks month(s) 3, 4.",
    [target("m-col", "COLLECTION", 3, "s2", "spec=s2"), target("m-col", "COLLECTION", 4, "s2", "spec=s2")],
  ),
  finding("REQUIRED_SECTION_EMPTY", 1, "BLOCK", "必填章节“竞争形势”尚未填写。", 'The required section "Competition" is empty.', [
    {
      __typename: "FindingTarget",
      kind: "SECTION",
      metricId: null,
      metricCode: null,
      month: null,
      productSpecId: null,
      dimensionKey: null,
      sectionCode: "ENV_COMPETITION",
    },
  ]),
  finding(
    "TARGET_RAISED_WITHOUT_METHOD",
    1,
    "BLOCK",
    "销售额目标高于上年实际（+20.0%），但没有方法说明与之关联。",
    "The sales revenue target is above last year's actual (+20.0%) but no method text explains it.",
    [target("m-sales", "SALES_REVENUE", null, null, "")],
    true,
  ),
  finding(
    "BREAKDOWN_MISMATCH",
    4,
    "BLOCK",
    "销售额 5 月 [金樽500ml] 按终端分解的合计与计划数不符。",
    "The terminal breakdown of sales revenue for month 5 [Jinzun 500ml] does not add up to the plan's figure.",
    [target("m-sales", "SALES_REVENUE", 5, "s1", "spec=s1;terminal=t9")],
  ),
];

export function overviewPlan(overrides: Record<string, unknown> = {}) {
  return {
    __typename: "Plan",
    id: PLAN_ID,
    unit: { __typename: "PlanUnit", id: "u-conghua", code: "CONGHUA", level: "COUNTY" },
    cycle: { __typename: "PlanCycle", id: CYCLE_ID },
    growthBand: { __typename: "GrowthBand", min: "0", max: "0.3" },
    catalogue: CATALOGUE,
    findings: { __typename: "PlanFindings", blockCount: 3, warnCount: 1, items: FINDINGS },
    ...overrides,
  };
}

const months = (values: Record<number, Parameters<typeof period>[2]>) =>
  Array.from({ length: 12 }, (_, index) => period("MONTH", index + 1, values[index + 1] ?? {}));

export const SALES_GRID = {
  __typename: "TargetGrid",
  metric: { __typename: "PlanMetric", id: "m-sales", code: "SALES_REVENUE" },
  estimate: { __typename: "GridEstimate", year: 2026, actualThroughMonth: 10, estimatedMonths: [11, 12] },
  rows: [
    {
      __typename: "TargetGridRow",
      key: "F|",
      kind: "FIGURE",
      productSpecId: null,
      productLineId: null,
      periods: [period("YEAR", 1, {})],
    },
    {
      __typename: "TargetGridRow",
      key: "F|s1",
      kind: "FIGURE",
      productSpecId: "s1",
      productLineId: "l-baijiu",
      periods: [
        period("QUARTER", 1, { base: "150000.00" }),
        period("YEAR", 1, { base: "700000.00", lastYear: "500000.00", estimated: true, growth: "0.4", band: "ABOVE_BAND" }),
      ],
    },
    {
      __typename: "TargetGridRow",
      key: "B|s1|CHANNEL|ch1",
      kind: "BREAKDOWN",
      productSpecId: "s1",
      productLineId: "l-baijiu",
      periods: [period("YEAR", 1, { base: "90000.00", lastYear: "10.00", growth: "8999", band: "ABOVE_BAND" })],
    },
    {
      __typename: "TargetGridRow",
      key: "F|s2",
      kind: "FIGURE",
      productSpecId: "s2",
      productLineId: "l-baijiu",
      periods: [period("YEAR", 1, { base: "500000.00", lastYear: "520000.00", growth: "-0.038462", band: "BELOW_LAST_YEAR" })],
    },
  ],
  totals: [
    {
      __typename: "TargetGridTotal",
      scope: "LINE",
      productLineId: "l-baijiu",
      periods: [period("YEAR", 1, { base: "1200000.00" })],
    },
    {
      __typename: "TargetGridTotal",
      scope: "ALL",
      productLineId: null,
      periods: [
        ...months({
          1: { base: "100000.00", lastYear: "90000.00", yearBefore: "80000.00" },
          11: { base: "120000.00", lastYear: "110000.00", estimated: true },
          12: { base: "130000.00", lastYear: "105000.00", estimated: true, yearBefore: "99000.50" },
        }),
        period("YEAR", 1, {
          base: "1200000.00",
          lastYear: "1000000.00",
          estimated: true,
          yearBefore: "960000.00",
          growth: "0.2",
        }),
      ],
    },
  ],
};

export const PROFIT_GRID = {
  __typename: "TargetGrid",
  metric: { __typename: "PlanMetric", id: "m-gp", code: "GROSS_PROFIT" },
  estimate: { __typename: "GridEstimate", year: 2026, actualThroughMonth: 12, estimatedMonths: [] },
  rows: [],
  totals: [
    {
      __typename: "TargetGridTotal",
      scope: "ALL",
      productLineId: null,
      periods: [period("YEAR", 1, { base: "300000.00", lastYear: "280000.00", yearBefore: "320000.00", growth: "0.071429" })],
    },
  ],
};

const findingRow = (key: string, dimensionKey: string) => ({
  __typename: "TargetGridRow",
  key,
  coordinates: { __typename: "CellCoordinates", dimensionKey },
});

/** The rows the findings point into: the sales grid with a terminal row, the collection grid. */
export const FINDING_GRIDS = [
  {
    __typename: "TargetGrid",
    metric: { __typename: "PlanMetric", id: "m-sales" },
    rows: [
      findingRow("F|", ""),
      findingRow("F|s1", "spec=s1"),
      findingRow("B|s1|TERMINAL|t9", "spec=s1;terminal=t9"),
      findingRow("F|s2", "spec=s2"),
    ],
  },
  {
    __typename: "TargetGrid",
    metric: { __typename: "PlanMetric", id: "m-col" },
    rows: [findingRow("F|", ""), findingRow("F|s1", "spec=s1"), findingRow("F|s2", "spec=s2")],
  },
];

// Expenses of the unit's subtree (expenseRatios): 2027 planned 100,000.00 on sales 1,200,000.00;
// 2026 actual only through October (70,000.00 on 900,000.00: not compared); 2025 the whole
// year, 80,000.00 on 1,000,000.00.
const deviation = (year: number | null, reference: string) => ({
  __typename: "RatioDeviation",
  year,
  reference,
  delta: null,
  relativeDelta: null,
});
export const EXPENSE_RATIOS = {
  __typename: "PlanExpenseRatios",
  basis: [
    { __typename: "ExpenseRatioBasis", year: 2027, actualThroughMonth: 12, expense: "100000.00", salesRevenue: "1200000.00" },
    { __typename: "ExpenseRatioBasis", year: 2026, actualThroughMonth: 10, expense: "70000.00", salesRevenue: "900000.00" },
    { __typename: "ExpenseRatioBasis", year: 2025, actualThroughMonth: 12, expense: "80000.00", salesRevenue: "1000000.00" },
  ],
  total: {
    __typename: "ExpenseRatioSet",
    expenseToSales: {
      __typename: "RatioComparison",
      current: "0.083333",
      lastYear: deviation(2026, "0.077778"),
      yearBefore: deviation(2025, "0.080000"),
    },
  },
};
