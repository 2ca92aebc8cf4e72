import { describe, expect, it } from "vitest";
import {
  EXPENSE_CATEGORIES,
  EXPENSE_CATEGORY_CODES,
  EXPENSE_ITEMS,
  categoryOfExpenseItem,
  expenseCategory,
  expenseItemsOf,
  findExpenseItem,
  isExpenseCategoryCode,
} from "./expense-tree.js";

describe("expense tree (DOMAIN.md section 5)", () => {
  it("has exactly 5 categories and 33 items with unique codes", () => {
    expect(EXPENSE_CATEGORIES).toHaveLength(5);
    expect(EXPENSE_ITEMS).toHaveLength(33);
    expect(new Set(EXPENSE_CATEGORIES.map((c) => c.code)).size).toBe(5);
    expect(new Set(EXPENSE_ITEMS.map((i) => i.code)).size).toBe(33);
    const categoryCodes = new Set<string>(EXPENSE_CATEGORY_CODES);
    for (const item of EXPENSE_ITEMS) expect(categoryCodes.has(item.code)).toBe(false);
  });

  it("has the seed's item counts per category, in order", () => {
    expect(EXPENSE_CATEGORIES.map((c) => [c.zh, expenseItemsOf(c.code).length])).toEqual([
      ["人力成本", 5],
      ["办公管理费用", 13],
      ["媒体投放", 7],
      ["渠道费用", 5],
      ["推广费用", 3],
    ]);
    expect(EXPENSE_CATEGORIES.map((c) => c.sortOrder)).toEqual([1, 2, 3, 4, 5]);
    for (const category of EXPENSE_CATEGORIES) {
      expect(expenseItemsOf(category.code).map((i) => i.sortOrder)).toEqual(
        expenseItemsOf(category.code).map((_, index) => index + 1),
      );
    }
  });

  it("names items exactly as DOMAIN.md does", () => {
    expect(expenseItemsOf("PERSONNEL").map((i) => i.zh)).toEqual(["工资", "福利", "失业及劳动保险", "培训教育", "招聘"]);
    expect(expenseItemsOf("OFFICE").map((i) => i.zh)).toEqual([
      "租赁",
      "水电",
      "办公",
      "通讯",
      "会务",
      "招待",
      "折旧",
      "坏帐损失",
      "低值易耗品摊销",
      "差旅",
      "汽车",
      "运杂",
      "各项税费",
    ]);
    expect(expenseItemsOf("MEDIA").map((i) => i.en)).toEqual([
      "TV",
      "radio",
      "newspaper",
      "magazine",
      "direct mail",
      "vehicle body",
      "outdoor",
    ]);
    expect(findExpenseItem("CHANNEL_DISTRIBUTOR_REBATE")?.zh).toBe("经销商年终折让");
    expect(findExpenseItem("PROMOTION_TEMP_PROMOTER_WAGES")?.en).toBe("temporary promoter wages");
  });

  it("marks personnel, office and media as controllable, channel and promotion as not", () => {
    expect(Object.fromEntries(EXPENSE_CATEGORIES.map((c) => [c.code, c.controllability]))).toEqual({
      PERSONNEL: "HIGH",
      OFFICE: "HIGH",
      MEDIA: "HIGH",
      CHANNEL: "LOW",
      PROMOTION: "LOW",
    });
    expect(expenseCategory("MEDIA").openList).toBe(true);
    expect(expenseCategory("OFFICE").openList).toBe(false);
  });

  it("details channel costs per terminal, and only channel costs", () => {
    const perTerminal = EXPENSE_ITEMS.filter((i) => i.perTerminal).map((i) => i.code);
    expect(perTerminal).toEqual(["CHANNEL_LISTING", "CHANNEL_DISPLAY", "CHANNEL_PROMOTER_WAGES", "CHANNEL_CONSUMER_GIFTS"]);
    expect(findExpenseItem("CHANNEL_DISTRIBUTOR_REBATE")?.detailDimension).toBe("DISTRIBUTOR");
    for (const item of EXPENSE_ITEMS) {
      if (item.detailDimension !== null) expect(item.categoryCode).toBe("CHANNEL");
    }
  });

  it("looks items and categories up by code", () => {
    expect(categoryOfExpenseItem("OFFICE_TRAVEL")).toBe("OFFICE");
    expect(categoryOfExpenseItem("MEDIA_CINEMA")).toBeUndefined();
    expect(findExpenseItem("NOPE")).toBeUndefined();
    expect(isExpenseCategoryCode("CHANNEL")).toBe(true);
    expect(isExpenseCategoryCode("CHANNEL_LISTING")).toBe(false);
    for (const item of EXPENSE_ITEMS) expect(item.code.startsWith(`${item.categoryCode}_`)).toBe(true);
  });
});
