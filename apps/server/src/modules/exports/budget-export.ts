// The budget export's rows: unit × category × item, the twelve months and the year, for
// every plan of the cycle in the chosen subtree, read a page of plans at a time (depth-first
// by the unit's path) and yielded as they come, so a national export never sits in memory.
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
  isCanonicalAmount,
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

/** One item of one plan: its months in fen and, when the database gave them, their texts. */
interface ItemMonths {
  readonly fens: Fen[];
  /** The twelve texts as read, when every one is already plain two-place text (no re-formatting). */
  readonly texts: string[] | null;
}

/** Sums a snapshot's expense lines per item × month. */
function sumSnapshot(snapshot: unknown): Map<string, ItemMonths> {
  const sums = new Map<string, ItemMonths>();
  const cells = (snapshot as { expenseCells?: { itemId: string; month: number; amount: string }[] } | null)?.expenseCells ?? [];
  for (const cell of cells) {
    let item = sums.get(cell.itemId);
    if (!item) sums.set(cell.itemId, (item = { fens: zeroMonths(), texts: null }));
    item.fens[cell.month - 1] = addFen(item.fens[cell.month - 1]!, fenOf(cell.amount));
  }
  return sums;
}

/** "12.30 0.00 …" (twelve texts, ExportExpenseMonths) as months. */
export function parseMonthTexts(months: string): ItemMonths {
  const texts = months.split(" ");
  if (texts.length !== MONTHS) throw new Error(`Expected ${MONTHS} monthly sums, got "${months}".`);
  const fens = new Array<Fen>(MONTHS);
  let plain = true;
  for (let i = 0; i < MONTHS; i += 1) {
    fens[i] = fenOf(texts[i]!);
    if (plain && !isCanonicalAmount(texts[i]!)) plain = false;
  }
  return { fens, texts: plain ? texts : null };
}

function lineAmounts(item: ItemMonths): string[] {
  if (item.texts === null) return amountsOf(item.fens);
  let year: Fen = 0;
  for (let i = 0; i < MONTHS; i += 1) year = addFen(year, item.fens[i]!);
  const amounts = item.texts.slice();
  amounts.push(formatFen(year));
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
}: BudgetRowsInput): AsyncGenerator<ExportRow> {
  const words = TABLE_WORDS[locale];
  const nameOf = localName(locale);
  const unitName = unitNameOf(locale);
  const categoryName = new Map(tree.categories.map((c) => [c.id, nameOf(c)]));
  // Each item's three text columns, resolved once; a row adds the unit's two.
  const items = tree.items.map((item) => ({ id: item.id, texts: [categoryName.get(item.categoryId) ?? "", item.code, nameOf(item)] }));
  const zeroLine = amountsOf(zeroMonths());
  const grand = zeroMonths();
  for await (const page of planPages(repositories, { cycleId, rootPath, pageSize })) {
    const planIds = page.map((plan) => plan.planId);
    const itemsByPlan = new Map<string, Map<string, ItemMonths>>();
    if (basis === "LATEST") {
      for (const plan of page) itemsByPlan.set(plan.planId, new Map());
      for (const row of await repositories.exports.liveExpenseMonths(planIds)) {
        itemsByPlan.get(row.planId)!.set(row.itemId, parseMonthTexts(row.months));
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
      const unitTotal = zeroMonths();
      for (const item of items) {
        const months = planItems.get(item.id);
        if (months !== undefined) addMonths(unitTotal, months.fens);
        progress.rows += 1;
        yield {
          kind: "LINE",
          texts: [plan.unitCode, name, ...item.texts],
          amounts: months === undefined ? zeroLine : lineAmounts(months),
        };
      }
      addMonths(grand, unitTotal);
      progress.rows += 1;
      yield { kind: "UNIT_TOTAL", texts: [plan.unitCode, name, words.total, "", ""], amounts: amountsOf(unitTotal) };
    }
  }
  progress.rows += 1;
  yield { kind: "GRAND_TOTAL", texts: [words.grand, "", "", "", ""], amounts: amountsOf(grand) };
}
