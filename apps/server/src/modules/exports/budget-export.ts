// The budget export's rows: unit × category × item, the twelve months and the year, for
// every plan of the cycle in the chosen subtree, read a page of plans at a time (depth-first
// by the unit's path) and yielded a unit at a time (its lines, then its totals row), so a
// national export never sits in memory.
//
// Basis APPROVED: each plan's latest APPROVED PlanVersion snapshot (its expense lines, summed
// per item × month); a plan without one is not listed and is named in `missing`. Basis
// LATEST: the live lines, summed per plan × item × month by the database, which sends one row
// per plan × item with the twelve sums as text. An item's month is the sum of its lines (unit
// line and per-terminal / per-distributor lines: each amount counted once). After a unit's
// items comes its totals row (the unit's own plan, not its subtree: the subtree's plans are
// rows of their own), and after every unit the grand total, all exact (fen, export-rows.ts).
// A page holds whole plans, so a unit's lines and its totals row never straddle two reads.
import type { ExpenseCategoryRecord, ExpenseItemRecord, Repositories } from "@pyramid/db";
import {
  addFen,
  addMonths,
  amountsOf,
  EXPORT_PAGE_SIZE,
  fenOf,
  formatFen,
  localName,
  MONTHS,
  planPages,
  TABLE_WORDS,
  tableHeaders,
  unitNameOf,
  zeroMonths,
  type ExportProgress,
  type ExportRow,
  type Fen,
} from "./export-rows.js";
import type { ExportBasis, ExportLocale } from "./exports.inputs.js";

// Kept here for the modules and tests that import them from the budget export.
export { EXPORT_PAGE_SIZE, money } from "./export-rows.js";
export type { ExportProgress, ExportRow, ExportRowKind, MissingPlan } from "./export-rows.js";

const TEXT_HEADERS: Record<ExportLocale, string[]> = {
  "zh-CN": ["单位编码", "单位", "费用类别", "费用项目编码", "费用项目"],
  en: ["Unit code", "Unit", "Category", "Item code", "Item"],
};

export function budgetHeaders(locale: ExportLocale): string[] {
  return tableHeaders(locale, TEXT_HEADERS[locale]);
}

/** Sums a snapshot's expense lines per item × month. */
function sumSnapshot(snapshot: unknown): Map<string, Fen[]> {
  const sums = new Map<string, Fen[]>();
  const cells = (snapshot as { expenseCells?: { itemId: string; month: number; amount: string }[] } | null)?.expenseCells ?? [];
  for (const cell of cells) {
    let months = sums.get(cell.itemId);
    if (!months) sums.set(cell.itemId, (months = zeroMonths()));
    months[cell.month - 1] = addFen(months[cell.month - 1]!, fenOf(cell.amount));
  }
  return sums;
}

/**
 * The fen of `text.slice(start, end)` when it is plain two-place decimal text as PostgreSQL
 * writes it ("12.30", "-0.05": no leading zeros, no "-0.00") of at most 15 digits, else NaN.
 * Reads the characters in place: no substring, no regular expression.
 */
function plainFen(text: string, start: number, end: number): number {
  let i = start;
  const negative = text.charCodeAt(i) === 45;
  if (negative) i += 1;
  const dot = end - 3;
  if (dot <= i || dot - i > 13 || text.charCodeAt(dot) !== 46) return NaN;
  if (dot - i > 1 && text.charCodeAt(i) === 48) return NaN;
  let fen = 0;
  for (; i < end; i += 1) {
    if (i === dot) continue;
    const digit = text.charCodeAt(i) - 48;
    if (digit < 0 || digit > 9) return NaN;
    fen = fen * 10 + digit;
  }
  if (!negative) return fen;
  return fen === 0 ? NaN : -fen;
}

/**
 * A line's amounts from the database's twelve monthly sums ("12.30 0.00 …", ExportExpenseMonths):
 * the twelve texts as they are (re-written only if not plain) and the year, their exact sum;
 * the months are added into `total` on the way.
 */
export function readMonthTexts(months: string, total: Fen[]): string[] {
  const amounts = new Array<string>(MONTHS + 1);
  let year: Fen = 0;
  let start = 0;
  for (let m = 0; m < MONTHS; m += 1) {
    if (start > months.length) throw new Error(`Expected ${MONTHS} monthly sums, got "${months}".`);
    let end = months.indexOf(" ", start);
    if (end === -1) end = months.length;
    let text = months.slice(start, end);
    let fen: Fen = plainFen(months, start, end);
    if (Number.isNaN(fen)) {
      fen = fenOf(text);
      text = formatFen(fen);
    }
    amounts[m] = text;
    year = addFen(year, fen);
    total[m] = addFen(total[m]!, fen);
    start = end + 1;
  }
  if (start !== months.length + 1) throw new Error(`Expected ${MONTHS} monthly sums, got "${months}".`);
  amounts[MONTHS] = formatFen(year);
  return amounts;
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
}: BudgetRowsInput): AsyncGenerator<ExportRow[]> {
  const words = TABLE_WORDS[locale];
  const nameOf = localName(locale);
  const unitName = unitNameOf(locale);
  const categoryName = new Map(tree.categories.map((c) => [c.id, nameOf(c)]));
  // Each item's three text columns, resolved once; a row adds the unit's two.
  const items = tree.items.map((item) => ({
    id: item.id,
    texts: [categoryName.get(item.categoryId) ?? "", item.code, nameOf(item)],
  }));
  const zeroLine = amountsOf(zeroMonths());
  const grand = zeroMonths();
  for await (const page of planPages(repositories, { cycleId, rootPath, pageSize })) {
    const planIds = page.map((plan) => plan.planId);
    // Per plan, per item: the database's month texts (LATEST) or the snapshot's sums (APPROVED).
    const itemsByPlan = new Map<string, Map<string, string | Fen[]>>();
    if (basis === "LATEST") {
      for (const plan of page) itemsByPlan.set(plan.planId, new Map());
      for (const row of await repositories.exports.liveExpenseMonths(planIds)) {
        itemsByPlan.get(row.planId)!.set(row.itemId, row.months);
      }
    } else {
      for (const version of await repositories.exports.latestApprovedSnapshots(planIds)) {
        itemsByPlan.set(version.planId, sumSnapshot(version.snapshot));
      }
    }
    for (const plan of page) {
      const planItems = itemsByPlan.get(plan.planId);
      const name = unitName(plan);
      if (planItems === undefined) {
        progress.missing.push({ unitCode: plan.unitCode, unitName: name });
        continue;
      }
      progress.plans += 1;
      const rows: ExportRow[] = [];
      const unitTotal = zeroMonths();
      for (const item of items) {
        const months = planItems.get(item.id);
        let amounts = zeroLine;
        if (typeof months === "string") amounts = readMonthTexts(months, unitTotal);
        else if (months !== undefined) {
          addMonths(unitTotal, months);
          amounts = amountsOf(months);
        }
        rows.push({ kind: "LINE", texts: [plan.unitCode, name, item.texts[0]!, item.texts[1]!, item.texts[2]!], amounts });
      }
      addMonths(grand, unitTotal);
      rows.push({ kind: "UNIT_TOTAL", texts: [plan.unitCode, name, words.total, "", ""], amounts: amountsOf(unitTotal) });
      progress.rows += rows.length;
      yield rows;
    }
  }
  progress.rows += 1;
  yield [{ kind: "GRAND_TOTAL", texts: [words.grand, "", "", "", ""], amounts: amountsOf(grand) }];
}
