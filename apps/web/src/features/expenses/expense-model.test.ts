// The Expenses tab's arithmetic on the hand-worked budget of testing.ts.
import { describe, expect, it } from "vitest";
import {
  buildExpenseChanges,
  invalidCount,
  liveRatio,
  planAmounts,
  pruneExpenseDraft,
  readTyped,
  type ExpenseBudget,
} from "./expense-model.js";
import { budgetData, TERMINAL_KEY } from "./testing.js";
import { Fixed } from "@pyramid/domain";

const budget = budgetData().plan.expenses as unknown as ExpenseBudget;
const money = (text: string) => Fixed.parse(text, 2);

describe("the expense budget's arithmetic", () => {
  it("reads amounts as people type them and refuses negatives and words", () => {
    expect(readTyped("1.5万")).toEqual({ kind: "AMOUNT", value: money("15000") });
    expect(readTyped("１，２３４．５")).toEqual({ kind: "AMOUNT", value: money("1234.50") });
    expect(readTyped("  ").kind).toBe("EMPTY");
    expect(readTyped("-5").kind).toBe("INVALID");
    expect(readTyped("1.234").kind).toBe("INVALID");
    expect(readTyped("abc").kind).toBe("INVALID");
  });

  it("adds the lines of an item once each, and the typed amounts in place of the stored ones", () => {
    expect(planAmounts(budget, new Map()).total.toString()).toBe("7580.23");
    // The terminal's Jan 2,500.50 → 0.50: the plan loses 2,500.00.
    const typed = new Map([[`i-entry|${TERMINAL_KEY}|1`, "0.5"]]);
    expect(planAmounts(budget, typed).total.toString()).toBe("5080.23");
    expect(planAmounts(budget, typed).months[0]!.toString()).toBe("3346.17");
  });

  it("sends only what changed: the same amount typed again is no change, a blank cell without a line is none", () => {
    const draft = new Map([
      ["i-display||3", "1,234.56"],
      ["i-display||4", ""],
      ["i-ad||1", "0"],
      ["i-ad||2", "x"],
    ]);
    expect(buildExpenseChanges(budget, draft).map((change) => change.input)).toEqual([
      { itemId: "i-ad", month: 1, terminalId: null, distributorId: null, amount: "0.00", expectedVersion: 5 },
    ]);
    expect(invalidCount(budget, draft)).toBe(1);
    expect([...pruneExpenseDraft(budget, draft).keys()]).toEqual(["i-ad||1", "i-ad||2"]);
  });

  it("moves a ratio by the typed change over the same divisor, six places half-even, and has none without a divisor", () => {
    // (20,000.00 − 1,234.56 + 1,234.57) / 30,000.00 = 0.66666700 → 0.666667
    expect(liveRatio("20000.00", money("1234.56"), money("1234.57"), "30000.00")).toBe("0.666667");
    expect(liveRatio("20000.00", money("0"), money("0"), "0.00")).toBeNull();
  });
});
