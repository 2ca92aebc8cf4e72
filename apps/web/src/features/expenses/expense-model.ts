// The Expenses tab's arithmetic, apart from React: what a typed amount means
// (the domain's parseAmount), the tree's totals with the unsaved amounts in
// them (exact, on Fixed fen), the batch a Save sends (each line with the
// version it was read at) and the live ratios. Nothing here rounds.
import { cellDimensionKey, Fixed, MONEY_SCALE, parseAmount } from "@pyramid/domain";
import type { ExpenseCellChangeInput, PlanExpensesQuery } from "../../graphql/generated/graphql.js";

export type ExpensesPlan = PlanExpensesQuery["plan"];
export type ExpenseBudget = ExpensesPlan["expenses"];
export type ExpenseCategory = ExpenseBudget["categories"][number];
export type ExpenseItem = ExpenseCategory["items"][number];
export type ExpenseLine = ExpenseItem["lines"][number];
export type RatioSet = ExpensesPlan["expenseRatios"]["total"];

export const MONTHS: readonly number[] = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12];

/** One budget line's month: `itemId|dimensionKey|month` (the API's own line identity). */
export function lineCellKey(itemId: string, dimensionKey: string, month: number): string {
  return `${itemId}|${dimensionKey}|${month}`;
}

/** What the person typed, by line cell key. */
export type ExpenseDraft = ReadonlyMap<string, string>;

export type TypedAmount =
  { readonly kind: "AMOUNT"; readonly value: Fixed } | { readonly kind: "EMPTY" } | { readonly kind: "INVALID" };

/** A typed text as an amount: blank is "no line"; negatives are refused (a budget is 0 or more). */
export function readTyped(text: string): TypedAmount {
  if (text.trim() === "") return { kind: "EMPTY" };
  const parsed = parseAmount(text, { scale: MONEY_SCALE });
  if (!parsed.ok || parsed.value.isNegative()) return { kind: "INVALID" };
  return { kind: "AMOUNT", value: parsed.value };
}

const money = (text: string): Fixed => Fixed.parse(text, MONEY_SCALE);
const ZERO = Fixed.zero(MONEY_SCALE);

export interface CellState {
  readonly stored: Fixed;
  /** What the cell counts for in the totals now: the typed amount when it reads, else the stored one. */
  readonly value: Fixed;
  /** The typed text, when the person typed in this cell. */
  readonly typed: string | undefined;
  readonly invalid: boolean;
  /** Typed and different from what is stored. */
  readonly changed: boolean;
}

export function cellState(line: ExpenseLine, itemId: string, monthIndex: number, draft: ExpenseDraft): CellState {
  const month = line.months[monthIndex]!;
  const stored = money(month.amount);
  const typed = draft.get(lineCellKey(itemId, line.dimensionKey, month.month));
  if (typed === undefined) return { stored, value: stored, typed, invalid: false, changed: false };
  const read = readTyped(typed);
  if (read.kind === "INVALID") return { stored, value: stored, typed, invalid: true, changed: true };
  const value = read.kind === "EMPTY" ? ZERO : read.value;
  const changed = read.kind === "EMPTY" ? month.cellId !== null : month.cellId === null || !value.equals(stored);
  return { stored, value, typed, invalid: false, changed };
}

export interface LiveAmounts {
  readonly months: readonly Fixed[];
  readonly total: Fixed;
}

function addAmounts(parts: readonly LiveAmounts[]): LiveAmounts {
  const months = MONTHS.map((_, index) => parts.reduce((sum, part) => sum.plus(part.months[index]!), ZERO));
  return { months, total: months.reduce((sum, month) => sum.plus(month), ZERO) };
}

export function lineAmounts(line: ExpenseLine, itemId: string, draft: ExpenseDraft): LiveAmounts {
  return addAmounts([{ months: MONTHS.map((_, index) => cellState(line, itemId, index, draft).value), total: ZERO }]);
}

export function itemAmounts(item: ExpenseItem, draft: ExpenseDraft): LiveAmounts {
  return addAmounts(item.lines.map((line) => lineAmounts(line, item.itemId, draft)));
}

export function categoryAmounts(category: ExpenseCategory, draft: ExpenseDraft): LiveAmounts {
  return addAmounts(category.items.map((item) => itemAmounts(item, draft)));
}

export function planAmounts(budget: ExpenseBudget, draft: ExpenseDraft): LiveAmounts {
  return addAmounts(budget.categories.map((category) => categoryAmounts(category, draft)));
}

/** cap − total, or null without a cap. */
export function leftOf(cap: string | null, total: Fixed): Fixed | null {
  return cap === null ? null : money(cap).minus(total);
}

export interface PendingExpenseChange {
  readonly key: string;
  readonly input: ExpenseCellChangeInput;
}

/** The changed cells as saveExpenseCells takes them, in the tree's order, each with the version it was read at. */
export function buildExpenseChanges(budget: ExpenseBudget, draft: ExpenseDraft): PendingExpenseChange[] {
  const changes: PendingExpenseChange[] = [];
  for (const category of budget.categories)
    for (const item of category.items)
      for (const line of item.lines)
        line.months.forEach((month, index) => {
          const state = cellState(line, item.itemId, index, draft);
          if (!state.changed || state.invalid) return;
          const empty = readTyped(state.typed ?? "").kind === "EMPTY";
          changes.push({
            key: lineCellKey(item.itemId, line.dimensionKey, month.month),
            input: {
              itemId: item.itemId,
              month: month.month,
              terminalId: line.terminalId,
              distributorId: line.distributorId,
              amount: empty ? null : state.value.toString(),
              expectedVersion: month.version,
            },
          });
        });
  return changes;
}

/** How many typed cells do not read as an amount. */
export function invalidCount(budget: ExpenseBudget, draft: ExpenseDraft): number {
  let count = 0;
  for (const category of budget.categories)
    for (const item of category.items)
      for (const line of item.lines)
        line.months.forEach((_, index) => {
          if (cellState(line, item.itemId, index, draft).invalid) count++;
        });
  return count;
}

/** Drops typed texts that now equal what is stored (after a save or a refetch). */
export function pruneExpenseDraft(budget: ExpenseBudget, draft: ExpenseDraft): Map<string, string> {
  const next = new Map(draft);
  for (const category of budget.categories)
    for (const item of category.items)
      for (const line of item.lines)
        line.months.forEach((month, index) => {
          const key = lineCellKey(item.itemId, line.dimensionKey, month.month);
          if (next.has(key) && !cellState(line, item.itemId, index, draft).changed) next.delete(key);
        });
  return next;
}

/**
 * A ratio with the unsaved amounts in it: the subtree's expense as the API divided it,
 * moved by what the typing changed (live − saved), over the same divisor; six
 * decimals, half-even, as the API gives them. Null when there is nothing to divide by.
 */
export function liveRatio(subtreeExpense: string, savedPlanPart: Fixed, livePlanPart: Fixed, divisor: string): string | null {
  const expense = money(subtreeExpense).minus(savedPlanPart).plus(livePlanPart);
  const by = Fixed.parse(divisor, MONEY_SCALE);
  if (by.isZero()) return null;
  const ratio = expense.ratioTo(by, 6);
  return ratio === null ? null : ratio.toFixed(6);
}

/** The cells a Excel/WPS block fills, from the cell it is pasted on: rows of editable lines down, months across. */
export function pasteTargets(
  rows: readonly string[][],
  lineKeys: readonly string[],
  startLine: number,
  startMonth: number,
): { key: string; text: string }[] {
  const filled: { key: string; text: string }[] = [];
  rows.forEach((row, r) => {
    const lineKey = lineKeys[startLine + r];
    if (lineKey === undefined) return;
    row.forEach((text, c) => {
      const month = startMonth + c;
      if (month > 12) return;
      filled.push({ key: `${lineKey}|${month}`, text: text.trim() });
    });
  });
  return filled;
}

/**
 * The budget with lines the person added under items booked per terminal or distributor
 * (a terminal or distributor without a budget or past spending yet): empty months, no
 * version, keyed as the API keys lines (cellDimensionKey), so they save and conflict like any.
 */
export function withAddedLines(budget: ExpenseBudget, added: ReadonlyMap<string, readonly string[]>): ExpenseBudget {
  if (added.size === 0) return budget;
  return {
    ...budget,
    categories: budget.categories.map((category) => ({
      ...category,
      items: category.items.map((item) => {
        const ids = added.get(item.itemId);
        if (!ids || item.detailDimension === null) return item;
        const byTerminal = item.detailDimension === "TERMINAL";
        const extra = ids
          .map((id) => {
            const dimensions = byTerminal ? { terminalId: id } : { distributorId: id };
            return {
              __typename: "ExpenseLineBudget" as const,
              terminalId: byTerminal ? id : null,
              distributorId: byTerminal ? null : id,
              dimensionKey: cellDimensionKey(dimensions),
              total: "0.00",
              lastYear: null,
              yearBefore: null,
              months: MONTHS.map((month) => ({
                __typename: "ExpenseMonth" as const,
                month,
                cellId: null,
                amount: "0.00",
                version: null,
                lastYear: null,
                yearBefore: null,
              })),
            };
          })
          .filter((line) => !item.lines.some((existing) => existing.dimensionKey === line.dimensionKey));
        return extra.length === 0 ? item : { ...item, lines: [...item.lines, ...extra] };
      }),
    })),
  };
}
