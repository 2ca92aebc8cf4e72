// Expense budget rules (费用预算): totals against approved caps, virement (微调)
// between items of one category, and the input/output ratios reviewers compare
// across years and sibling units ("盈利才是硬道理").
import { Dec, Fixed, MONEY_SCALE, RATIO_DECIMALS, type Money } from "./fixed.js";
import { EXPENSE_CATEGORY_CODES, findExpenseItem, type ExpenseCategoryCode } from "./expense-tree.js";
import { cellDimensionKey } from "./cell-key.js";
import type { Month } from "./periods.js";

/** Which budget line: an item, optionally for one month and one terminal or distributor. */
export interface ExpenseLineRef {
  readonly itemCode: string;
  /** Undefined for a line budgeted for the whole year. */
  readonly month?: Month;
  readonly terminalId?: string;
  readonly distributorId?: string;
}

export interface ExpenseLine extends ExpenseLineRef {
  /** Carried on the line so company-added items (an extra media outlet) need no lookup. */
  readonly categoryCode: ExpenseCategoryCode;
  readonly amount: Money;
}

/** Identity of a line: two lines with the same key are the same budget cell. */
export function expenseLineKey(ref: ExpenseLineRef): string {
  return `${ref.itemCode}|${ref.month ?? ""}|${cellDimensionKey(ref)}`;
}

// ---------------------------------------------------------------------------
// Totals and caps

/** Approved budget ceilings; an absent cap means "no ceiling at this level". */
export interface ExpenseCaps {
  readonly total?: Money;
  readonly categories?: Partial<Record<ExpenseCategoryCode, Money>>;
  /** Some companies also cap single items (招待 hospitality is the usual one). */
  readonly items?: Readonly<Record<string, Money>>;
}

export interface ExpenseTotals {
  readonly total: Money;
  readonly byCategory: Readonly<Record<ExpenseCategoryCode, Money>>;
  readonly byItem: ReadonlyMap<string, Money>;
}

export function expenseTotals(lines: Iterable<ExpenseLine>): ExpenseTotals {
  const byCategory = Object.fromEntries(EXPENSE_CATEGORY_CODES.map((code) => [code, 0n])) as Record<ExpenseCategoryCode, bigint>;
  const byItem = new Map<string, bigint>();
  let total = 0n;
  for (const line of lines) {
    const units = moneyUnits(line.amount);
    total += units;
    byCategory[line.categoryCode] += units;
    byItem.set(line.itemCode, (byItem.get(line.itemCode) ?? 0n) + units);
  }
  return {
    total: Fixed.fromUnits(total, MONEY_SCALE),
    byCategory: Object.fromEntries(
      EXPENSE_CATEGORY_CODES.map((code) => [code, Fixed.fromUnits(byCategory[code], MONEY_SCALE)]),
    ) as Record<ExpenseCategoryCode, Money>,
    byItem: new Map([...byItem].map(([code, units]) => [code, Fixed.fromUnits(units, MONEY_SCALE)])),
  };
}

export type CapScope = "TOTAL" | "CATEGORY" | "ITEM";

/** One ceiling exceeded: `code` is the category or item code, null for the plan total. */
export interface CapExcess {
  readonly scope: CapScope;
  readonly code: string | null;
  readonly amount: Money;
  readonly cap: Money;
  readonly excess: Money;
}

/** Every cap exceeded, plan total first, then categories in tree order, then items. */
export function findCapExcesses(totals: ExpenseTotals, caps: ExpenseCaps): CapExcess[] {
  const excesses: CapExcess[] = [];
  const consider = (scope: CapScope, code: string | null, amount: Money, cap: Money | undefined) => {
    if (cap !== undefined && amount.compare(cap) > 0) {
      excesses.push({ scope, code, amount, cap, excess: amount.minus(cap) });
    }
  };
  consider("TOTAL", null, totals.total, caps.total);
  for (const code of EXPENSE_CATEGORY_CODES) consider("CATEGORY", code, totals.byCategory[code], caps.categories?.[code]);
  for (const [code, cap] of Object.entries(caps.items ?? {})) {
    consider("ITEM", code, totals.byItem.get(code) ?? Fixed.zero(MONEY_SCALE), cap);
  }
  return excesses;
}

/**
 * The first ceiling a change crosses or pushes further, comparing the totals before and
 * after it; undefined when it crosses none. A cap already exceeded before the change is
 * not the change's doing: only a larger excess counts (a cap lowered after the lines
 * were written is a finding, EXPENSE_OVER_CAP, not a reason to refuse every save).
 */
export function capExcessCaused(before: ExpenseTotals, after: ExpenseTotals, caps: ExpenseCaps): CapExcess | undefined {
  const excessKey = (e: CapExcess) => `${e.scope}|${e.code ?? ""}`;
  const previous = new Map(findCapExcesses(before, caps).map((e) => [excessKey(e), e.excess]));
  return findCapExcesses(after, caps).find((e) => {
    const was = previous.get(excessKey(e));
    return was === undefined || e.excess.compare(was) > 0;
  });
}

// ---------------------------------------------------------------------------
// Virement (微调): an amount moves between two lines of one category; the
// category total and the plan total do not change.

export interface VirementRequest {
  readonly lines: readonly ExpenseLine[];
  readonly from: ExpenseLineRef;
  /** The target line may not exist yet; its category comes from the tree, or from here for a company item. */
  readonly to: ExpenseLineRef & { readonly categoryCode?: ExpenseCategoryCode };
  readonly amount: Money;
  readonly reason: string;
  readonly caps?: ExpenseCaps;
}

export type VirementErrorCode =
  | "REASON_REQUIRED"
  | "AMOUNT_NOT_POSITIVE"
  | "SAME_LINE"
  | "SOURCE_LINE_NOT_FOUND"
  | "UNKNOWN_ITEM"
  | "CROSS_CATEGORY"
  | "SOURCE_BELOW_ZERO"
  | "OVER_CAP";

/** The audit record of a virement; who and when are added by the caller that owns the clock. */
export interface VirementLogEntry {
  readonly categoryCode: ExpenseCategoryCode;
  readonly from: ExpenseLineRef;
  readonly to: ExpenseLineRef;
  readonly amount: Money;
  readonly reason: string;
  readonly fromBefore: Money;
  readonly fromAfter: Money;
  readonly toBefore: Money;
  readonly toAfter: Money;
  readonly categoryTotal: Money;
}

export type VirementResult =
  | { readonly ok: true; readonly lines: ExpenseLine[]; readonly log: VirementLogEntry }
  | { readonly ok: false; readonly code: VirementErrorCode; readonly params: Record<string, string> };

function refOf(ref: ExpenseLineRef): ExpenseLineRef {
  const { itemCode, month, terminalId, distributorId } = ref;
  return {
    itemCode,
    ...(month !== undefined && { month }),
    ...(terminalId !== undefined && { terminalId }),
    ...(distributorId !== undefined && { distributorId }),
  };
}

export function applyVirement(request: VirementRequest): VirementResult {
  const { lines, amount } = request;
  const fail = (code: VirementErrorCode, params: Record<string, string> = {}): VirementResult => ({
    ok: false,
    code,
    params,
  });
  const reason = request.reason.trim();
  if (reason === "") return fail("REASON_REQUIRED");
  moneyUnits(amount);
  if (!amount.isPositive()) return fail("AMOUNT_NOT_POSITIVE", { amount: amount.toString() });

  const fromKey = expenseLineKey(request.from);
  const toKey = expenseLineKey(request.to);
  if (fromKey === toKey) return fail("SAME_LINE", { item: request.from.itemCode });

  const fromIndex = lines.findIndex((line) => expenseLineKey(line) === fromKey);
  const toIndex = lines.findIndex((line) => expenseLineKey(line) === toKey);
  const source = lines[fromIndex];
  if (source === undefined) return fail("SOURCE_LINE_NOT_FOUND", { item: request.from.itemCode });

  const target = lines[toIndex];
  const toCategory = target?.categoryCode ?? findExpenseItem(request.to.itemCode)?.categoryCode ?? request.to.categoryCode;
  if (toCategory === undefined) return fail("UNKNOWN_ITEM", { item: request.to.itemCode });
  if (toCategory !== source.categoryCode) {
    return fail("CROSS_CATEGORY", { fromCategory: source.categoryCode, toCategory });
  }

  const fromAfter = source.amount.minus(amount);
  if (fromAfter.isNegative()) {
    return fail("SOURCE_BELOW_ZERO", { item: source.itemCode, available: source.amount.toString(), amount: amount.toString() });
  }
  const toBefore = target?.amount ?? Fixed.zero(MONEY_SCALE);
  const toAfter = toBefore.plus(amount);

  const next: ExpenseLine[] = lines.map((line, index) =>
    index === fromIndex ? { ...line, amount: fromAfter } : index === toIndex ? { ...line, amount: toAfter } : line,
  );
  if (target === undefined) next.push({ ...refOf(request.to), categoryCode: toCategory, amount: toAfter });

  // A virement inside one category cannot change the plan or category totals,
  // so a cap already exceeded elsewhere is not this virement's doing: refuse
  // only a ceiling that it crosses or pushes further (in practice the target
  // item's own cap).
  const totals = expenseTotals(next);
  const excess = capExcessCaused(expenseTotals(lines), totals, request.caps ?? {});
  if (excess !== undefined) {
    return fail("OVER_CAP", {
      scope: excess.scope,
      code: excess.code ?? "",
      amount: excess.amount.toString(),
      cap: excess.cap.toString(),
      excess: excess.excess.toString(),
    });
  }

  return {
    ok: true,
    lines: next,
    log: {
      categoryCode: source.categoryCode,
      from: refOf(request.from),
      to: refOf(request.to),
      amount,
      reason,
      fromBefore: source.amount,
      fromAfter,
      toBefore,
      toAfter,
      categoryTotal: totals.byCategory[source.categoryCode],
    },
  };
}

// ---------------------------------------------------------------------------
// Ratios: 费用率 (expense / sales revenue) and expense per unit of gross profit.

/** Expense over sales revenue at `decimals` places; null when there are no sales to divide by. */
export function expenseToSalesRatio(expense: Money, salesRevenue: Money, decimals = RATIO_DECIMALS): Dec | null {
  return expense.ratioTo(salesRevenue, decimals);
}

/** Expense spent per 1 元 of gross profit; null when gross profit is zero. */
export function expensePerGrossProfit(expense: Money, grossProfit: Money, decimals = RATIO_DECIMALS): Dec | null {
  return expense.ratioTo(grossProfit, decimals);
}

/** Median of the known values at `decimals` places (HALF_EVEN); null when none is known. */
export function medianRatio(values: Iterable<Dec | null>, decimals = RATIO_DECIMALS): Dec | null {
  const known = [...values].filter((v): v is Dec => v !== null).sort((a, b) => a.comparedTo(b));
  if (known.length === 0) return null;
  const middle = Math.floor(known.length / 2);
  const upper = known[middle] as Dec;
  if (known.length % 2 === 1) return upper.toDecimalPlaces(decimals, Dec.ROUND_HALF_EVEN);
  const lower = known[middle - 1] as Dec;
  return lower.plus(upper).div(2).toDecimalPlaces(decimals, Dec.ROUND_HALF_EVEN);
}

/** current − reference, and that difference relative to the reference. */
export interface RatioDeviation {
  readonly reference: Dec | null;
  readonly delta: Dec | null;
  /** (current − reference) / reference; null when reference is null or zero. */
  readonly relativeDelta: Dec | null;
}

function deviation(current: Dec | null, reference: Dec | null, decimals: number): RatioDeviation {
  if (current === null || reference === null) return { reference, delta: null, relativeDelta: null };
  const delta = current.minus(reference);
  return {
    reference,
    delta,
    relativeDelta: reference.isZero() ? null : delta.div(reference).toDecimalPlaces(decimals, Dec.ROUND_HALF_EVEN),
  };
}

export interface RatioComparison {
  readonly current: Dec | null;
  readonly history: readonly (RatioDeviation & { readonly year: number })[];
  readonly siblings: RatioDeviation & { readonly count: number };
}

export function compareRatio(
  current: Dec | null,
  history: readonly { readonly year: number; readonly value: Dec | null }[],
  siblingValues: readonly (Dec | null)[],
  decimals = RATIO_DECIMALS,
): RatioComparison {
  return {
    current,
    history: history.map(({ year, value }) => ({ year, ...deviation(current, value, decimals) })),
    siblings: {
      count: siblingValues.filter((v) => v !== null).length,
      ...deviation(current, medianRatio(siblingValues, decimals), decimals),
    },
  };
}

/** What a unit spends and earns over one year (a plan, or one year's actuals). */
export interface ExpenseFigures {
  readonly expense: Money;
  readonly salesRevenue: Money;
  readonly grossProfit: Money;
}

export interface ExpenseRatioReport {
  readonly expenseToSales: RatioComparison;
  readonly expensePerGrossProfit: RatioComparison;
}

/** Both ratios of a plan against its own history (Y-1, Y-2 …) and the median of its siblings. */
export function expenseRatioReport(
  current: ExpenseFigures,
  history: readonly { readonly year: number; readonly figures: ExpenseFigures }[],
  siblings: readonly ExpenseFigures[],
  decimals = RATIO_DECIMALS,
): ExpenseRatioReport {
  const toSales = (f: ExpenseFigures) => expenseToSalesRatio(f.expense, f.salesRevenue, decimals);
  const perProfit = (f: ExpenseFigures) => expensePerGrossProfit(f.expense, f.grossProfit, decimals);
  return {
    expenseToSales: compareRatio(
      toSales(current),
      history.map((h) => ({ year: h.year, value: toSales(h.figures) })),
      siblings.map(toSales),
      decimals,
    ),
    expensePerGrossProfit: compareRatio(
      perProfit(current),
      history.map((h) => ({ year: h.year, value: perProfit(h.figures) })),
      siblings.map(perProfit),
      decimals,
    ),
  };
}

function moneyUnits(amount: Money): bigint {
  if (amount.scale !== MONEY_SCALE)
    throw new RangeError(`expense amounts are money (scale ${MONEY_SCALE}), got scale ${amount.scale}`);
  return amount.units;
}
