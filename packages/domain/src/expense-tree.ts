// The expense budget tree (费用预算): five categories and 33 items, as data.
// Codes are stable identifiers stored in the database and exports; names are
// what users read. The media list is open (a company may add outlets), the
// rest is the seed's fixed list.

export type Controllability = "HIGH" | "LOW";

export const CONTROLLABILITY_LABELS: Readonly<Record<Controllability, { zh: string; en: string }>> = {
  HIGH: { zh: "可测可控", en: "measurable and controllable" },
  LOW: { zh: "自下而上逐终端核算", en: "built bottom-up to terminals" },
};

export const EXPENSE_CATEGORY_CODES = ["PERSONNEL", "OFFICE", "MEDIA", "CHANNEL", "PROMOTION"] as const;
export type ExpenseCategoryCode = (typeof EXPENSE_CATEGORY_CODES)[number];

/** Where an item's budget is detailed below the org unit; null when it is budgeted per unit only. */
export type ExpenseDetailDimension = "TERMINAL" | "DISTRIBUTOR" | null;

export interface ExpenseCategoryDef {
  readonly code: ExpenseCategoryCode;
  readonly zh: string;
  readonly en: string;
  readonly controllability: Controllability;
  readonly sortOrder: number;
  /** A company may add its own items (media outlets); the others are closed lists. */
  readonly openList: boolean;
}

export interface ExpenseItemDef {
  readonly code: string;
  readonly categoryCode: ExpenseCategoryCode;
  readonly zh: string;
  readonly en: string;
  /** Order within its category, from 1. */
  readonly sortOrder: number;
  /** Channel costs are planned per terminal where the target is (DOMAIN.md section 5). */
  readonly perTerminal: boolean;
  readonly detailDimension: ExpenseDetailDimension;
}

export const EXPENSE_CATEGORIES: readonly ExpenseCategoryDef[] = [
  { code: "PERSONNEL", zh: "人力成本", en: "personnel", controllability: "HIGH", sortOrder: 1, openList: false },
  { code: "OFFICE", zh: "办公管理费用", en: "office & admin", controllability: "HIGH", sortOrder: 2, openList: false },
  { code: "MEDIA", zh: "媒体投放", en: "media", controllability: "HIGH", sortOrder: 3, openList: true },
  { code: "CHANNEL", zh: "渠道费用", en: "channel", controllability: "LOW", sortOrder: 4, openList: false },
  { code: "PROMOTION", zh: "推广费用", en: "promotion", controllability: "LOW", sortOrder: 5, openList: false },
];

type ItemSeed = readonly [code: string, zh: string, en: string, detail?: ExpenseDetailDimension];

const ITEM_SEEDS: Readonly<Record<ExpenseCategoryCode, readonly ItemSeed[]>> = {
  PERSONNEL: [
    ["PERSONNEL_SALARY", "工资", "salaries"],
    ["PERSONNEL_WELFARE", "福利", "welfare"],
    ["PERSONNEL_INSURANCE", "失业及劳动保险", "unemployment & labour insurance"],
    ["PERSONNEL_TRAINING", "培训教育", "training"],
    ["PERSONNEL_RECRUITMENT", "招聘", "recruitment"],
  ],
  OFFICE: [
    ["OFFICE_RENT", "租赁", "rent"],
    ["OFFICE_UTILITIES", "水电", "utilities"],
    ["OFFICE_SUPPLIES", "办公", "office"],
    ["OFFICE_TELECOM", "通讯", "telecom"],
    ["OFFICE_MEETINGS", "会务", "meetings"],
    ["OFFICE_HOSPITALITY", "招待", "hospitality"],
    ["OFFICE_DEPRECIATION", "折旧", "depreciation"],
    ["OFFICE_BAD_DEBT", "坏帐损失", "bad debt"],
    ["OFFICE_CONSUMABLES", "低值易耗品摊销", "consumables amortisation"],
    ["OFFICE_TRAVEL", "差旅", "travel"],
    ["OFFICE_VEHICLES", "汽车", "vehicles"],
    ["OFFICE_FREIGHT", "运杂", "freight"],
    ["OFFICE_TAXES", "各项税费", "taxes & fees"],
  ],
  MEDIA: [
    ["MEDIA_TV", "电视", "TV"],
    ["MEDIA_RADIO", "电台", "radio"],
    ["MEDIA_NEWSPAPER", "报纸", "newspaper"],
    ["MEDIA_MAGAZINE", "杂志", "magazine"],
    ["MEDIA_DM", "DM", "direct mail"],
    ["MEDIA_VEHICLE_BODY", "车身", "vehicle body"],
    ["MEDIA_OUTDOOR", "户外", "outdoor"],
  ],
  CHANNEL: [
    ["CHANNEL_LISTING", "进场", "listing fees", "TERMINAL"],
    ["CHANNEL_DISPLAY", "陈列", "display", "TERMINAL"],
    ["CHANNEL_PROMOTER_WAGES", "促销员工资", "promoter wages", "TERMINAL"],
    ["CHANNEL_CONSUMER_GIFTS", "消费者活动赠品", "consumer gifts", "TERMINAL"],
    // A year-end rebate is earned by a distributor, not by a shop shelf.
    ["CHANNEL_DISTRIBUTOR_REBATE", "经销商年终折让", "distributor year-end rebate", "DISTRIBUTOR"],
  ],
  PROMOTION: [
    ["PROMOTION_MATERIALS", "促销活动宣传品", "promo materials"],
    ["PROMOTION_TEMP_PROMOTER_WAGES", "临时促销员工资", "temporary promoter wages"],
    ["PROMOTION_PREMIUMS", "促销品", "premiums"],
  ],
};

export const EXPENSE_ITEMS: readonly ExpenseItemDef[] = EXPENSE_CATEGORIES.flatMap((category) =>
  ITEM_SEEDS[category.code].map(([code, zh, en, detail = null], index): ExpenseItemDef => ({
    code,
    categoryCode: category.code,
    zh,
    en,
    sortOrder: index + 1,
    perTerminal: detail === "TERMINAL",
    detailDimension: detail,
  })),
);

const CATEGORY_BY_CODE: ReadonlyMap<string, ExpenseCategoryDef> = new Map(EXPENSE_CATEGORIES.map((c) => [c.code, c]));
const ITEM_BY_CODE: ReadonlyMap<string, ExpenseItemDef> = new Map(EXPENSE_ITEMS.map((i) => [i.code, i]));

export function isExpenseCategoryCode(value: unknown): value is ExpenseCategoryCode {
  return typeof value === "string" && CATEGORY_BY_CODE.has(value);
}

export function expenseCategory(code: ExpenseCategoryCode): ExpenseCategoryDef {
  const category = CATEGORY_BY_CODE.get(code);
  if (!category) throw new RangeError(`unknown expense category: ${code}`);
  return category;
}

/** The standard item with this code, or undefined (a company-added media item is not in the list). */
export function findExpenseItem(code: string): ExpenseItemDef | undefined {
  return ITEM_BY_CODE.get(code);
}

/** The standard items of one category, in display order. */
export function expenseItemsOf(categoryCode: ExpenseCategoryCode): readonly ExpenseItemDef[] {
  return EXPENSE_ITEMS.filter((item) => item.categoryCode === categoryCode);
}

/** Category of a standard item, or undefined for a code not in the list. */
export function categoryOfExpenseItem(itemCode: string): ExpenseCategoryCode | undefined {
  return ITEM_BY_CODE.get(itemCode)?.categoryCode;
}
