// The inputs of the expense mutations, parsed with zod before any work. GraphQL has already
// checked the types; these say what the types cannot: sizes, ranges, lengths. Amounts stay
// text here: the repository reads them with the domain's one parse function
// (parseExpenseAmount), so "1,234.5", "1.5万" and a third decimal get the same answer as the web.
import { MAX_EXPENSE_CHANGES_PER_SAVE, MAX_VIREMENT_REASON_LENGTH } from "@pyramid/domain";
import { z } from "zod";
import { DomainError } from "../../errors.js";

const id = z.string().trim().min(1, "an id is required").max(100, "an id is at most 100 characters");
const amountText = z.string().max(64, "an amount is at most 64 characters");
const month = z.number().int().min(1, "the month is 1–12").max(12, "the month is 1–12");

export const expenseCellChangeSchema = z.object({
  itemId: id,
  month,
  terminalId: id.nullish(),
  distributorId: id.nullish(),
  amount: amountText.nullish(),
  expectedVersion: z.number().int().min(1, "a version is 1 or more").nullish(),
});

export const saveExpenseCellsSchema = z.object({
  planId: id,
  changes: z.array(expenseCellChangeSchema),
});

export const transferExpenseSchema = z.object({
  planId: id,
  fromItemId: id,
  toItemId: id,
  month: month.nullish(),
  amount: amountText,
  reason: z
    .string()
    .trim()
    .min(1, "a virement needs a reason")
    .max(MAX_VIREMENT_REASON_LENGTH, `a reason is at most ${MAX_VIREMENT_REASON_LENGTH} characters`),
});

/** The batch limit, checked before anything else so that a huge batch costs nothing. */
export function checkExpenseBatchSize(changes: unknown): void {
  const count = Array.isArray(changes) ? changes.length : 0;
  if (count > MAX_EXPENSE_CHANGES_PER_SAVE) {
    throw new DomainError(
      "VALIDATION_FAILED",
      `One save takes at most ${MAX_EXPENSE_CHANGES_PER_SAVE} changes; this one has ${count}. Save in smaller batches.`,
      { reason: "BATCH_TOO_LARGE", params: { limit: MAX_EXPENSE_CHANGES_PER_SAVE, count } },
    );
  }
}
