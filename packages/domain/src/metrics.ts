// Metrics as data: every target figure belongs to a metric, and the metric
// (not the code that reads it) says how its values are stored and combined.
// A company can add metrics (awareness, competition goals) without code changes.

/** How values of one metric combine over periods and over org units. */
export const AGGREGATIONS = ["SUM", "AVERAGE", "LAST"] as const;
export type Aggregation = (typeof AGGREGATIONS)[number];

/** What happens to a month's shortfall: collection (回款) rolls it into next month. */
export const CARRY_OVERS = ["NONE", "SHORTFALL_TO_NEXT_MONTH"] as const;
export type CarryOver = (typeof CARRY_OVERS)[number];

/** CNY = 元; UNIT = pieces/cases of a 品规; PERCENT = percentage points (12.34 means 12.34 %). */
export const METRIC_UNITS = ["CNY", "UNIT", "PERCENT"] as const;
export type MetricUnit = (typeof METRIC_UNITS)[number];

export interface MetricDefinition {
  code: string;
  nameZh: string;
  nameEn: string;
  unit: MetricUnit;
  /** Decimal places of a stored value (the Fixed scale); 2 for money = 0.01 元. */
  scale: number;
  aggregation: Aggregation;
  carryOver: CarryOver;
}

export const SALES_REVENUE: MetricDefinition = {
  code: "SALES_REVENUE",
  nameZh: "销售额",
  nameEn: "Sales revenue",
  unit: "CNY",
  scale: 2,
  aggregation: "SUM",
  carryOver: "NONE",
};

export const SALES_VOLUME: MetricDefinition = {
  code: "SALES_VOLUME",
  nameZh: "销量",
  nameEn: "Sales volume",
  unit: "UNIT",
  scale: 0,
  aggregation: "SUM",
  carryOver: "NONE",
};

export const GROSS_PROFIT: MetricDefinition = {
  code: "GROSS_PROFIT",
  nameZh: "毛利",
  nameEn: "Gross profit",
  unit: "CNY",
  scale: 2,
  aggregation: "SUM",
  carryOver: "NONE",
};

export const COLLECTION: MetricDefinition = {
  code: "COLLECTION",
  nameZh: "回款",
  nameEn: "Collection",
  unit: "CNY",
  scale: 2,
  aggregation: "SUM",
  carryOver: "SHORTFALL_TO_NEXT_MONTH",
};

export const MARKET_SHARE: MetricDefinition = {
  code: "MARKET_SHARE",
  nameZh: "市场占有率",
  nameEn: "Market share",
  unit: "PERCENT",
  scale: 2,
  aggregation: "AVERAGE",
  carryOver: "NONE",
};

export const DISTRIBUTION_RATE: MetricDefinition = {
  code: "DISTRIBUTION_RATE",
  nameZh: "铺货率",
  nameEn: "Distribution rate",
  unit: "PERCENT",
  scale: 2,
  aggregation: "LAST",
  carryOver: "NONE",
};

/** The metrics every plan cycle starts with, in display order. */
export const STANDARD_METRICS: readonly MetricDefinition[] = Object.freeze([
  SALES_REVENUE,
  SALES_VOLUME,
  GROSS_PROFIT,
  COLLECTION,
  MARKET_SHARE,
  DISTRIBUTION_RATE,
]);

/** Looks a metric up by code in the given list (the standard list by default). */
export function findMetric(code: string, metrics: readonly MetricDefinition[] = STANDARD_METRICS): MetricDefinition | undefined {
  return metrics.find((m) => m.code === code);
}

/** A metric whose values may be split down and summed up (money, volume); % metrics may not. */
export function isAdditive(metric: MetricDefinition): boolean {
  return metric.aggregation === "SUM";
}
