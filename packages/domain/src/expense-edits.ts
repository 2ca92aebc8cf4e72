// What one edit of a plan's expense budget may carry: an amount as a person typed or
// pasted it (the one amount grammar, two decimals, never negative), the line it may
// name (a terminal only for an item booked per terminal, a distributor only for one
// booked per distributor), the documented limits of one save and of a virement's
// reason, and the statuses in which a virement (微调) may move money.
import { EXPENSE_ITEMS, findExpenseItem, type ExpenseDetailDimension } from "./expense-tree.js";
import type { Fixed } from "./fixed.js";
import { parseTargetValue, type TargetValueErrorCode } from "./plan-edits.js";
import type { PlanStatus } from "./org.js";

/** The most expense line changes one save accepts; a bigger batch is refused whole. */
export const MAX_EXPENSE_CHANGES_PER_SAVE = 2_000;

/** The longest reason of one virement, in characters. */
export const MAX_VIREMENT_REASON_LENGTH = 500;

/** Money is kept at the fen: two decimals. */
const EXPENSE_SCALE = 2;

export type ExpenseAmountErrorCode = TargetValueErrorCode | "NEGATIVE";

export type ExpenseAmountParse =
  | { readonly ok: true; readonly value: Fixed }
  | { readonly ok: false; readonly code: ExpenseAmountErrorCode; readonly text: string; readonly message: string };

/**
 * Reads a budget amount (元) typed or pasted: parseTargetValue's grammar at two decimals
 * (1,234.50 · ¥1234.5 · 1.5万 · full-width digits), at most 16 digits before the point;
 * a third decimal is refused, never rounded; a negative amount is refused (a budget
 * line spends, it does not earn).
 */
export function parseExpenseAmount(text: string): ExpenseAmountParse {
  const parsed = parseTargetValue(text, EXPENSE_SCALE);
  if (!parsed.ok) return { ok: false, code: parsed.code, text, message: parsed.message };
  if (parsed.value.isNegative()) {
    return { ok: false, code: "NEGATIVE", text, message: `"${text}" is negative: a budget amount is 0 or more` };
  }
  return { ok: true, value: parsed.value };
}

/**
 * Where an item's lines may be detailed below the unit: the standard tree's answer for a
 * standard item, else TERMINAL for a company item flagged per terminal, else none.
 */
export function expenseDetailOf(itemCode: string, perTerminal: boolean): ExpenseDetailDimension {
  const standard = findExpenseItem(itemCode);
  if (standard !== undefined) return standard.detailDimension;
  return perTerminal ? "TERMINAL" : null;
}

/** The standard items booked per terminal or per distributor (channel costs). */
export const DETAILED_EXPENSE_ITEMS: readonly string[] = EXPENSE_ITEMS.filter((item) => item.detailDimension !== null).map(
  (item) => item.code,
);

export type ExpenseLineRefusal = "TERMINAL_NOT_ALLOWED" | "DISTRIBUTOR_NOT_ALLOWED" | "TERMINAL_AND_DISTRIBUTOR";

/** Whether a line of this item may name this terminal or distributor; null when it may. */
export function expenseLineRefusal(
  detail: ExpenseDetailDimension,
  line: { readonly terminalId?: string | null; readonly distributorId?: string | null },
): ExpenseLineRefusal | null {
  const terminal = line.terminalId != null && line.terminalId !== "";
  const distributor = line.distributorId != null && line.distributorId !== "";
  if (terminal && distributor) return "TERMINAL_AND_DISTRIBUTOR";
  if (terminal && detail !== "TERMINAL") return "TERMINAL_NOT_ALLOWED";
  if (distributor && detail !== "DISTRIBUTOR") return "DISTRIBUTOR_NOT_ALLOWED";
  return null;
}

const VIREMENT_STATUSES: ReadonlySet<PlanStatus> = new Set(["DRAFT", "RETURNED", "APPROVED"]);

/**
 * A virement moves money between items of one category without changing any total: the
 * plan's own unit may do it while drafting, and during the year on the approved plan
 * (DOMAIN.md 2.6 and 5: approved line items adjusted inside approved totals). Not while
 * the plan is with its reviewer (SUBMITTED) or being reopened.
 */
export function isVirementAllowed(status: PlanStatus): boolean {
  return VIREMENT_STATUSES.has(status);
}
