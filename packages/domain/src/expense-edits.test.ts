import { describe, expect, it } from "vitest";
import { expenseDetailOf, expenseLineRefusal, isVirementAllowed, parseExpenseAmount } from "./expense-edits.js";

describe("parseExpenseAmount", () => {
  it("reads the amount grammar at two decimals", () => {
    const parsed = parseExpenseAmount("¥1,234.5");
    expect(parsed.ok && parsed.value.toString()).toBe("1234.50");
    const wan = parseExpenseAmount("1.5万");
    expect(wan.ok && wan.value.toString()).toBe("15000.00");
  });

  it("refuses a third decimal, a non-number, a negative and 10^20", () => {
    expect(parseExpenseAmount("1.005")).toMatchObject({ ok: false, code: "TOO_MANY_DECIMALS" });
    expect(parseExpenseAmount("abc")).toMatchObject({ ok: false, code: "NOT_A_NUMBER" });
    expect(parseExpenseAmount("-0.01")).toMatchObject({ ok: false, code: "NEGATIVE" });
    expect(parseExpenseAmount("100000000000000000000")).toMatchObject({ ok: false, code: "TOO_LARGE" });
  });

  it("accepts zero", () => {
    const zero = parseExpenseAmount("0");
    expect(zero.ok && zero.value.toString()).toBe("0.00");
  });
});

describe("expense lines", () => {
  it("knows which items are booked per terminal or distributor", () => {
    expect(expenseDetailOf("CHANNEL_DISPLAY", false)).toBe("TERMINAL");
    expect(expenseDetailOf("CHANNEL_DISTRIBUTOR_REBATE", false)).toBe("DISTRIBUTOR");
    expect(expenseDetailOf("OFFICE_RENT", true)).toBeNull();
    expect(expenseDetailOf("MEDIA_COMPANY_APP", true)).toBe("TERMINAL");
    expect(expenseDetailOf("MEDIA_COMPANY_APP", false)).toBeNull();
  });

  it("refuses a breakdown the item is not booked by", () => {
    expect(expenseLineRefusal("TERMINAL", { terminalId: "T" })).toBeNull();
    expect(expenseLineRefusal("TERMINAL", { distributorId: "D" })).toBe("DISTRIBUTOR_NOT_ALLOWED");
    expect(expenseLineRefusal(null, { terminalId: "T" })).toBe("TERMINAL_NOT_ALLOWED");
    expect(expenseLineRefusal("DISTRIBUTOR", { terminalId: "T", distributorId: "D" })).toBe("TERMINAL_AND_DISTRIBUTOR");
    expect(expenseLineRefusal(null, {})).toBeNull();
  });

  it("allows a virement while drafting and on the approved plan only", () => {
    expect(["DRAFT", "SUBMITTED", "RETURNED", "APPROVED", "REOPENED"].filter((s) => isVirementAllowed(s as never))).toEqual([
      "DRAFT",
      "RETURNED",
      "APPROVED",
    ]);
  });
});
