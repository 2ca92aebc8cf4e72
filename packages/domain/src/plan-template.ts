// The standard plan template (基本模块) HQ issues with a cycle: the three parts
// of the plan document and their 13 + 5 + 10 sections (DOMAIN.md section 3,
// seed S1:23-35). Codes are stable identifiers (PlanSection.code refers to them).

export type SectionPart = "ENVIRONMENT" | "GOALS" | "METHODS";

/** The three parts in document order (方案的三大部分). */
export const SECTION_PARTS: readonly SectionPart[] = ["ENVIRONMENT", "GOALS", "METHODS"];

/** Each part's heading as the plan document shows it. */
export const SECTION_PART_LABELS: Readonly<Record<SectionPart, { readonly zh: string; readonly en: string }>> = {
  ENVIRONMENT: { zh: "一、营销环境分析", en: "A. Marketing environment analysis" },
  GOALS: { zh: "二、营销目标", en: "B. Marketing goals" },
  METHODS: { zh: "三、营销目标达成办法", en: "C. How the goals will be reached" },
};

export interface TemplateSectionDef {
  readonly code: string;
  readonly part: SectionPart;
  readonly titleZh: string;
  readonly titleEn: string;
  readonly guidanceZh: string | null;
  readonly guidanceEn: string | null;
  readonly required: boolean;
}

type Row = readonly [code: string, zh: string, en: string, required: boolean, guidance?: readonly [zh: string, en: string]];

const ENVIRONMENT: readonly Row[] = [
  ["ENV_ECONOMY", "客观经济环境", "Objective economic environment", false],
  ["ENV_CULTURE", "人文环境", "Socio-cultural environment", false],
  ["ENV_CONSUMERS", "目标消费群体", "Target consumer groups", true],
  ["ENV_COMMERCE", "商业环境", "Commercial environment", false],
  ["ENV_INDUSTRY_TRENDS", "行业发展趋势", "Industry development trends", false],
  ["ENV_DEMAND", "需求规模和特点", "Demand size and characteristics", true],
  [
    "ENV_COMPETITION",
    "竞争形势",
    "Competitive situation",
    true,
    ["主要竞品的品规、价格、促销与销量", "Main competitors' SKUs, prices, promotions and volumes"],
  ],
  [
    "ENV_SALES_REVIEW",
    "销售业绩回顾",
    "Review of sales performance",
    true,
    ["对照近两年实际，说明增减原因", "Explain the changes against the last two years' actuals"],
  ],
  ["ENV_PRODUCT", "产品策略", "Product strategy", false],
  ["ENV_PROMOTION", "推广工作", "Promotion work", false],
  ["ENV_ADVERTISING", "广告宣传工作", "Advertising and publicity", false],
  ["ENV_CHANNELS", "通路渠道", "Distribution channels", true],
  ["ENV_INTERNAL", "内部管理", "Internal management", false],
];

const GOALS: readonly Row[] = [
  [
    "GOAL_SALES",
    "销售目标",
    "Sales goals",
    true,
    ["基本任务与力争目标，按月、品规、渠道", "Base and stretch targets by month, SKU and channel"],
  ],
  ["GOAL_PROFIT", "利润目标", "Profit goals", true, ["销售与利润双指标都要达成", "Sales and profit must both be reached"]],
  ["GOAL_MARKET_SHARE", "占有率目标", "Market-share goals", false],
  ["GOAL_AWARENESS", "知名度目标", "Awareness goals", false],
  ["GOAL_COMPETITION", "竞争目标", "Competition goals", false],
];

const METHODS: readonly Row[] = [
  ["METHOD_OVERALL", "总体营销思路", "Overall marketing approach", true],
  ["METHOD_MARKET_OPERATION", "市场操作思路", "Market operation approach", true],
  [
    "METHOD_TARGET_SPLIT",
    "销售目标分解",
    "Sales-target decomposition",
    true,
    [
      "分解到乡镇、B类及以上终端、各级经销商和特殊渠道",
      "Down to townships, class-B-and-above terminals, distributors and special channels",
    ],
  ],
  ["METHOD_PROMOTION_MIX", "推广组合策略", "Promotion-mix strategy", true],
  ["METHOD_TERMINAL", "终端工作方向", "Terminal work direction", true],
  ["METHOD_PROMOTION_WORK", "推广工作方向", "Promotion work direction", true],
  ["METHOD_SKU_MIX", "品规组合策略", "SKU mix strategy", true],
  ["METHOD_INTERNAL", "内部管理", "Internal management", false],
  ["METHOD_RESOURCES", "资源配置", "Resource allocation", true],
  [
    "METHOD_BUDGET",
    "费用预算",
    "Expense budget",
    true,
    ["费用不超预算；依据历年实际费用", "Stay within budget; base it on past years' actual spending"],
  ],
];

function sections(part: SectionPart, rows: readonly Row[]): TemplateSectionDef[] {
  return rows.map(([code, titleZh, titleEn, required, guidance]) => ({
    code,
    part,
    titleZh,
    titleEn,
    guidanceZh: guidance?.[0] ?? null,
    guidanceEn: guidance?.[1] ?? null,
    required,
  }));
}

/** The 28 sections in document order (sortOrder = index + 1). */
export const STANDARD_PLAN_TEMPLATE: readonly TemplateSectionDef[] = [
  ...sections("ENVIRONMENT", ENVIRONMENT),
  ...sections("GOALS", GOALS),
  ...sections("METHODS", METHODS),
];

/** The columns of a template section as stored with a cycle, in template order (sortOrder from 1). */
export function templateSectionFields(section: TemplateSectionDef, index: number) {
  return {
    code: section.code,
    part: section.part,
    titleZh: section.titleZh,
    titleEn: section.titleEn,
    guidanceZh: section.guidanceZh,
    guidanceEn: section.guidanceEn,
    required: section.required,
    sortOrder: index + 1,
  };
}
