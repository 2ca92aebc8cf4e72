// The budget export's rows: unit × category × item, the twelve months and the year, for
// every plan of the cycle in the chosen subtree, read a page of plans at a time (depth-first
// by the unit's path) and yielded as they come, so a national export never sits in memory.
//
// Basis APPROVED: each plan's latest APPROVED PlanVersion snapshot (its expense lines, summed
// per item × month); a plan without one is not listed and is named in `missing`. Basis
// LATEST: the live lines, summed by the database. An item's month is the sum of its lines
// (unit line and per-terminal / per-distributor lines: each amount counted once). After a
// unit's items comes its totals row (the unit's own plan, not its subtree: the subtree's
// plans are rows of their own), and after every unit the grand total, all exact (Fixed, fen).
import type { ExportPlanRecord, ExpenseItemRecord, ExpenseCategoryRecord, Repositories } from "@pyramid/db";
import { Fixed } from "@pyramid/domain";
import type { ExportBasis, ExportLocale } from "./exports.inputs.js";

export const EXPORT_PAGE_SIZE = 200;
const MONTHS = 12;

export type ExportRowKind = "LINE" | "UNIT_TOTAL" | "GRAND_TOTAL";

/** One row of a table: its text columns, then 12 month amounts and the year's, as exact decimal text. */
export interface ExportRow {
  readonly kind: ExportRowKind;
  readonly texts: readonly string[];
  readonly amounts: readonly string[];
}

export interface MissingPlan {
  readonly unitCode: string;
  readonly unitName: string;
}

/** What a finished stream of rows knows at its end. */
export interface ExportProgress {
  rows: number;
  plans: number;
  readonly missing: MissingPlan[];
}

const ZERO = Fixed.zero(2);
const zero = () => ZERO;
const PLAIN_DECIMAL = /^(-?)(\d+)(?:\.(\d{1,2}))?$/;

/**
 * The database's decimal text ("1234.5", "-0.01") as money, exactly: the hot path of an export,
 * so not the user-input grammar of Fixed.parse (which reads "1,234", "3万"); anything but plain
 * decimal text with at most two places goes through that grammar and its refusals.
 */
export function money(text: string): Fixed {
  const match = PLAIN_DECIMAL.exec(text);
  if (!match) return Fixed.parse(text, 2);
  const fen = BigInt(match[2]!) * 100n + BigInt((match[3] ?? "").padEnd(2, "0"));
  return Fixed.fromUnits(match[1] === "-" ? -fen : fen, 2);
}

const HEADERS: Record<ExportLocale, { texts: string[]; months: string[]; year: string; total: string; grand: string }> = {
  "zh-CN": {
    texts: ["单位编码", "单位", "费用类别", "费用项目编码", "费用项目"],
    months: Array.from({ length: MONTHS }, (_, i) => `${i + 1}月`),
    year: "全年",
    total: "单位合计",
    grand: "总计",
  },
  en: {
    texts: ["Unit code", "Unit", "Category", "Item code", "Item"],
    months: ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"],
    year: "Year",
    total: "Unit total",
    grand: "Grand total",
  },
};

export function budgetHeaders(locale: ExportLocale): string[] {
  const h = HEADERS[locale];
  return [...h.texts, ...h.months, h.year];
}

function amountsOf(months: readonly Fixed[]): string[] {
  const year = months.reduce((sum, m) => sum.plus(m), zero());
  return [...months.map((m) => m.toString()), year.toString()];
}

/** Sums a snapshot's expense lines per item × month. */
function sumSnapshot(snapshot: unknown): Map<string, Fixed> {
  const sums = new Map<string, Fixed>();
  const cells = (snapshot as { expenseCells?: { itemId: string; month: number; amount: string }[] } | null)?.expenseCells ?? [];
  for (const cell of cells) {
    const key = `${cell.itemId}:${cell.month}`;
    sums.set(key, (sums.get(key) ?? zero()).plus(money(cell.amount)));
  }
  return sums;
}

export interface BudgetRowsInput {
  readonly repositories: Repositories;
  readonly cycleId: string;
  readonly rootPath: string;
  readonly basis: ExportBasis;
  readonly locale: ExportLocale;
  readonly tree: { categories: ExpenseCategoryRecord[]; items: ExpenseItemRecord[] };
  readonly progress: ExportProgress;
  readonly pageSize?: number;
}

export async function* budgetRows({
  repositories,
  cycleId,
  rootPath,
  basis,
  locale,
  tree,
  progress,
  pageSize = EXPORT_PAGE_SIZE,
}: BudgetRowsInput): AsyncGenerator<ExportRow> {
  const words = HEADERS[locale];
  const nameOf = (record: { nameZh: string; nameEn: string }) => (locale === "en" ? record.nameEn : record.nameZh);
  const unitName = (plan: ExportPlanRecord) => (locale === "en" ? plan.unitNameEn : plan.unitNameZh);
  const categoryById = new Map(tree.categories.map((c) => [c.id, c]));
  const grand = Array.from({ length: MONTHS }, zero);
  let afterPath: string | null = null;
  for (;;) {
    const page = await repositories.exports.subtreePlanPage({ cycleId, rootPath, afterPath, limit: pageSize });
    if (page.length === 0) break;
    afterPath = page[page.length - 1]!.unitPath;
    const planIds = page.map((plan) => plan.planId);
    const sumsByPlan = new Map<string, Map<string, Fixed>>();
    if (basis === "LATEST") {
      for (const plan of page) sumsByPlan.set(plan.planId, new Map());
      for (const sum of await repositories.exports.liveExpenseSums(planIds)) {
        sumsByPlan.get(sum.planId)!.set(`${sum.itemId}:${sum.month}`, money(sum.amount));
      }
    } else {
      for (const version of await repositories.exports.latestApprovedSnapshots(planIds)) {
        sumsByPlan.set(version.planId, sumSnapshot(version.snapshot));
      }
    }
    for (const plan of page) {
      const sums = sumsByPlan.get(plan.planId);
      if (sums === undefined) {
        progress.missing.push({ unitCode: plan.unitCode, unitName: unitName(plan) });
        continue;
      }
      progress.plans += 1;
      const unitTotal = Array.from({ length: MONTHS }, zero);
      for (const item of tree.items) {
        const months = Array.from({ length: MONTHS }, (_, i) => sums.get(`${item.id}:${i + 1}`) ?? zero());
        months.forEach((m, i) => (unitTotal[i] = unitTotal[i]!.plus(m)));
        const category = categoryById.get(item.categoryId);
        progress.rows += 1;
        yield {
          kind: "LINE",
          texts: [plan.unitCode, unitName(plan), category ? nameOf(category) : "", item.code, nameOf(item)],
          amounts: amountsOf(months),
        };
      }
      unitTotal.forEach((m, i) => (grand[i] = grand[i]!.plus(m)));
      progress.rows += 1;
      yield { kind: "UNIT_TOTAL", texts: [plan.unitCode, unitName(plan), words.total, "", ""], amounts: amountsOf(unitTotal) };
    }
    if (page.length < pageSize) break;
  }
  progress.rows += 1;
  yield { kind: "GRAND_TOTAL", texts: [words.grand, "", "", "", ""], amounts: amountsOf(grand) };
}
