// The standard lists every company starts with (metrics, the expense tree) as
// rows with the demo company's deterministic ids, so the demo seed and the test
// factories write the same rows and can share a database.
import { EXPENSE_CATEGORIES, EXPENSE_ITEMS, STANDARD_METRICS } from "@pyramid/domain";
import type { Prisma } from "../../generated/client/index.js";
import { demoId } from "./ids.js";

export function standardMetricRows(): Prisma.MetricCreateManyInput[] {
  return STANDARD_METRICS.map((metric, index) => ({
    id: demoId("Metric", metric.code),
    code: metric.code,
    nameZh: metric.nameZh,
    nameEn: metric.nameEn,
    unit: metric.unit,
    scale: metric.scale,
    aggregation: metric.aggregation,
    carryOver: metric.carryOver,
    sortOrder: index + 1,
  }));
}

export function expenseCategoryRows(): Prisma.ExpenseCategoryCreateManyInput[] {
  return EXPENSE_CATEGORIES.map((category) => ({
    id: demoId("ExpenseCategory", category.code),
    code: category.code,
    nameZh: category.zh,
    nameEn: category.en,
    controllability: category.controllability,
    sortOrder: category.sortOrder,
  }));
}

/** `categoryIdOf` finds a category's id by code (default: the demo id). */
export function expenseItemRows(
  categoryIdOf: (categoryCode: string) => string = (code) => demoId("ExpenseCategory", code),
): Prisma.ExpenseItemCreateManyInput[] {
  return EXPENSE_ITEMS.map((item) => ({
    id: demoId("ExpenseItem", item.code),
    code: item.code,
    categoryId: categoryIdOf(item.categoryCode),
    nameZh: item.zh,
    nameEn: item.en,
    perTerminal: item.perTerminal,
    isStandard: true,
    sortOrder: item.sortOrder,
  }));
}
