import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { EXPENSE_CATEGORY_CODES, expenseItemsOf, type ExpenseCategoryCode } from "./expense-tree.js";
import {
  applyVirement,
  capExcessCaused,
  compareRatio,
  expenseRatioReport,
  expenseTotals,
  expenseToSalesRatio,
  findCapExcesses,
  medianRatio,
  type ExpenseLine,
} from "./expense.js";
import { Dec, money, moneyFromFen, quantity } from "./fixed.js";

const line = (itemCode: string, categoryCode: ExpenseCategoryCode, amount: string, month?: 1 | 2 | 3): ExpenseLine => ({
  itemCode,
  categoryCode,
  amount: money(amount),
  ...(month !== undefined && { month }),
});

const plan: ExpenseLine[] = [
  line("PERSONNEL_SALARY", "PERSONNEL", "120000.00", 1),
  line("PERSONNEL_TRAINING", "PERSONNEL", "5000.00", 1),
  line("OFFICE_RENT", "OFFICE", "30000.00", 1),
  line("OFFICE_HOSPITALITY", "OFFICE", "8000.50", 1),
  line("MEDIA_TV", "MEDIA", "50000.00"),
  line("CHANNEL_LISTING", "CHANNEL", "20000.00", 2),
];

describe("expense totals and caps", () => {
  it("sums exactly per category, per item and in total", () => {
    const totals = expenseTotals(plan);
    expect(totals.total.toString()).toBe("233000.50");
    expect(totals.byCategory.PERSONNEL.toString()).toBe("125000.00");
    expect(totals.byCategory.OFFICE.toString()).toBe("38000.50");
    expect(totals.byCategory.PROMOTION.toString()).toBe("0.00");
    expect(totals.byItem.get("OFFICE_HOSPITALITY")?.toString()).toBe("8000.50");
  });

  it("reports each exceeded cap with the amount, the cap and the excess", () => {
    const excesses = findCapExcesses(expenseTotals(plan), {
      total: money("233000.00"),
      categories: { OFFICE: money("38000.00"), PERSONNEL: money("125000.00"), MEDIA: money("60000") },
      items: { OFFICE_HOSPITALITY: money("8000.00"), MEDIA_RADIO: money("1") },
    });
    expect(excesses.map((e) => [e.scope, e.code, e.amount.toString(), e.cap.toString(), e.excess.toString()])).toEqual([
      ["TOTAL", null, "233000.50", "233000.00", "0.50"],
      ["CATEGORY", "OFFICE", "38000.50", "38000.00", "0.50"],
      ["ITEM", "OFFICE_HOSPITALITY", "8000.50", "8000.00", "0.50"],
    ]);
    expect(findCapExcesses(expenseTotals(plan), {})).toEqual([]);
  });

  it("refuses amounts that are not money", () => {
    expect(() => expenseTotals([{ itemCode: "MEDIA_TV", categoryCode: "MEDIA", amount: quantity("3") }])).toThrow(/scale/);
  });
});

describe("virement (微调)", () => {
  const from = { itemCode: "OFFICE_RENT", month: 1 as const };
  const to = { itemCode: "OFFICE_HOSPITALITY", month: 1 as const };

  it("moves an amount inside one category and logs it", () => {
    const result = applyVirement({ lines: plan, from, to, amount: money("1000"), reason: "  租金谈降  " });
    if (!result.ok) throw new Error(result.code);
    expect(result.lines.find((l) => l.itemCode === "OFFICE_RENT")?.amount.toString()).toBe("29000.00");
    expect(result.lines.find((l) => l.itemCode === "OFFICE_HOSPITALITY")?.amount.toString()).toBe("9000.50");
    expect(result.log).toMatchObject({ categoryCode: "OFFICE", reason: "租金谈降", from, to });
    expect(result.log.fromBefore.toString()).toBe("30000.00");
    expect(result.log.toAfter.toString()).toBe("9000.50");
    expect(result.log.categoryTotal.toString()).toBe("38000.50");
    expect(plan.find((l) => l.itemCode === "OFFICE_RENT")?.amount.toString()).toBe("30000.00");
  });

  it("creates the target line when it does not exist yet", () => {
    const result = applyVirement({
      lines: plan,
      from,
      to: { itemCode: "OFFICE_TRAVEL", month: 3 },
      amount: money("0.01"),
      reason: "出差",
    });
    if (!result.ok) throw new Error(result.code);
    expect(result.lines).toHaveLength(plan.length + 1);
    expect(result.lines.at(-1)).toMatchObject({ itemCode: "OFFICE_TRAVEL", month: 3, categoryCode: "OFFICE" });
    expect(result.log.toBefore.toString()).toBe("0.00");
  });

  it("refuses with a stable code", () => {
    const base = { lines: plan, from, to, amount: money("1000"), reason: "调整" };
    const code = (overrides: Partial<Parameters<typeof applyVirement>[0]>) => {
      const result = applyVirement({ ...base, ...overrides });
      return result.ok ? "OK" : result.code;
    };
    expect(code({ reason: "   " })).toBe("REASON_REQUIRED");
    expect(code({ amount: money("0") })).toBe("AMOUNT_NOT_POSITIVE");
    expect(code({ amount: money("-5") })).toBe("AMOUNT_NOT_POSITIVE");
    expect(code({ to: from })).toBe("SAME_LINE");
    expect(code({ from: { itemCode: "OFFICE_RENT", month: 2 } })).toBe("SOURCE_LINE_NOT_FOUND");
    expect(code({ to: { itemCode: "PERSONNEL_SALARY", month: 1 } })).toBe("CROSS_CATEGORY");
    expect(code({ to: { itemCode: "MEDIA_CINEMA" } })).toBe("UNKNOWN_ITEM");
    expect(code({ amount: money("30000.01") })).toBe("SOURCE_BELOW_ZERO");
    expect(code({ amount: money("30000.00") })).toBe("OK");
    expect(code({ caps: { items: { OFFICE_HOSPITALITY: money("9000") } } })).toBe("OVER_CAP");
    // OFFICE is already 0.50 over: a move inside it leaves that excess as it is.
    expect(code({ caps: { categories: { OFFICE: money("38000") } } })).toBe("OK");
    expect(code({ caps: { categories: { OFFICE: money("38000.50") } } })).toBe("OK");
  });

  it("is not refused for a cap it neither crosses nor raises", () => {
    // OFFICE is already over its cap; moving money inside PERSONNEL does not touch it.
    const inPersonnel = {
      lines: plan,
      from: { itemCode: "PERSONNEL_SALARY", month: 1 as const },
      to: { itemCode: "PERSONNEL_TRAINING", month: 1 as const },
      amount: money("1000"),
      reason: "培训加码",
    };
    const overOffice = { total: money("1"), categories: { OFFICE: money("38000") } };
    expect(applyVirement({ ...inPersonnel, caps: overOffice }).ok).toBe(true);
    // Moving money out of an item that is over its own cap lowers the excess: allowed.
    const outOfHospitality = applyVirement({
      lines: plan,
      from: to,
      to: from,
      amount: money("100"),
      reason: "压缩招待",
      caps: { items: { OFFICE_HOSPITALITY: money("8000") } },
    });
    expect(outOfHospitality.ok).toBe(true);
    // Moving more into that item raises the excess: refused, naming the item.
    const intoHospitality = applyVirement({
      lines: plan,
      from,
      to,
      amount: money("0.01"),
      reason: "加招待",
      caps: { items: { OFFICE_HOSPITALITY: money("8000") } },
    });
    expect(intoHospitality).toEqual({
      ok: false,
      code: "OVER_CAP",
      params: { scope: "ITEM", code: "OFFICE_HOSPITALITY", amount: "8000.51", cap: "8000.00", excess: "0.51" },
    });
  });

  it("accepts a company-added media item when its category is given", () => {
    const result = applyVirement({
      lines: plan,
      from: { itemCode: "MEDIA_TV" },
      to: { itemCode: "MEDIA_CINEMA", categoryCode: "MEDIA" },
      amount: money("100"),
      reason: "影院贴片",
    });
    expect(result.ok).toBe(true);
  });

  it("reports the amounts when the source would go below zero", () => {
    const result = applyVirement({ lines: plan, from, to, amount: money("40000"), reason: "x" });
    expect(result).toEqual({
      ok: false,
      code: "SOURCE_BELOW_ZERO",
      params: { item: "OFFICE_RENT", available: "30000.00", amount: "40000.00" },
    });
  });

  it("keeps every category total and the plan total (property)", () => {
    const categoryArb = fc.constantFrom(...EXPENSE_CATEGORY_CODES);
    const lineArb = categoryArb.chain((category) =>
      fc.record({
        itemCode: fc.constantFrom(...expenseItemsOf(category).map((i) => i.code)),
        categoryCode: fc.constant(category),
        month: fc.integer({ min: 1, max: 12 }) as fc.Arbitrary<ExpenseLine["month"] & number>,
        amount: fc.bigInt({ min: 0n, max: 10n ** 12n }).map(moneyFromFen),
      }),
    );
    fc.assert(
      fc.property(
        fc.uniqueArray(lineArb, { minLength: 1, maxLength: 30, selector: (l) => `${l.itemCode}|${l.month}` }),
        fc.nat(),
        fc.nat(),
        fc.bigInt({ min: 1n, max: 10n ** 12n }),
        (lines, fromPick, toPick, fen) => {
          const source = lines[fromPick % lines.length] as ExpenseLine;
          const sameCategory = lines.filter((l) => l.categoryCode === source.categoryCode);
          const target = sameCategory[toPick % sameCategory.length] as ExpenseLine;
          const result = applyVirement({ lines, from: source, to: target, amount: moneyFromFen(fen), reason: "p" });
          const before = expenseTotals(lines);
          if (!result.ok) {
            const expected = target === source ? "SAME_LINE" : "SOURCE_BELOW_ZERO";
            expect(result.code).toBe(expected);
            if (expected === "SOURCE_BELOW_ZERO") expect(fen > source.amount.units).toBe(true);
            return;
          }
          const after = expenseTotals(result.lines);
          expect(after.total.equals(before.total)).toBe(true);
          for (const code of EXPENSE_CATEGORY_CODES) expect(after.byCategory[code].equals(before.byCategory[code])).toBe(true);
          expect(result.lines.every((l) => !l.amount.isNegative())).toBe(true);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe("expense ratios", () => {
  it("computes 费用率 and expense per gross profit at declared precision", () => {
    expect(expenseToSalesRatio(money("1"), money("3"))?.toString()).toBe("0.333333");
    expect(expenseToSalesRatio(money("1"), money("3"), 2)?.toString()).toBe("0.33");
    expect(expenseToSalesRatio(money("1"), money("0"))).toBeNull();
  });

  it("takes the median of the known sibling ratios", () => {
    expect(medianRatio([new Dec("0.1"), null, new Dec("0.3"), new Dec("0.2")])?.toString()).toBe("0.2");
    expect(medianRatio([new Dec("0.1"), new Dec("0.2")])?.toString()).toBe("0.15");
    expect(medianRatio([new Dec("0.000001"), new Dec("0.000002")])?.toString()).toBe("0.000002");
    expect(medianRatio([null])).toBeNull();
  });

  it("compares with history and siblings", () => {
    const comparison = compareRatio(
      new Dec("0.15"),
      [
        { year: 2024, value: new Dec("0.12") },
        { year: 2023, value: null },
      ],
      [new Dec("0.10"), new Dec("0.12"), new Dec("0.20")],
    );
    expect(comparison.history[0]).toMatchObject({ year: 2024 });
    expect(comparison.history[0]?.delta?.toString()).toBe("0.03");
    expect(comparison.history[0]?.relativeDelta?.toString()).toBe("0.25");
    expect(comparison.history[1]?.delta).toBeNull();
    expect(comparison.siblings.count).toBe(3);
    expect(comparison.siblings.reference?.toString()).toBe("0.12");
    expect(comparison.siblings.relativeDelta?.toString()).toBe("0.25");
  });

  it("reports both ratios for a plan", () => {
    const figures = (expense: string, sales: string, profit: string) => ({
      expense: money(expense),
      salesRevenue: money(sales),
      grossProfit: money(profit),
    });
    const report = expenseRatioReport(
      figures("150000", "1000000", "300000"),
      [{ year: 2025, figures: figures("100000", "1000000", "250000") }],
      [figures("80000", "1000000", "200000"), figures("0", "0", "0")],
    );
    expect(report.expenseToSales.current?.toString()).toBe("0.15");
    expect(report.expenseToSales.history[0]?.relativeDelta?.toString()).toBe("0.5");
    expect(report.expensePerGrossProfit.current?.toString()).toBe("0.5");
    expect(report.expensePerGrossProfit.history[0]?.reference?.toString()).toBe("0.4");
    expect(report.expensePerGrossProfit.siblings.count).toBe(1);
    expect(report.expensePerGrossProfit.siblings.reference?.toString()).toBe("0.4");
  });
});

describe("expense lines per terminal", () => {
  it("treats the same item at two terminals as two lines", () => {
    const lines: ExpenseLine[] = [
      { itemCode: "CHANNEL_DISPLAY", categoryCode: "CHANNEL", month: 5, terminalId: "T1", amount: money("500") },
      { itemCode: "CHANNEL_DISPLAY", categoryCode: "CHANNEL", month: 5, terminalId: "T2", amount: money("300") },
    ];
    const result = applyVirement({
      lines,
      from: { itemCode: "CHANNEL_DISPLAY", month: 5, terminalId: "T1" },
      to: { itemCode: "CHANNEL_DISPLAY", month: 5, terminalId: "T2" },
      amount: money("200"),
      reason: "T2 客流更大",
    });
    if (!result.ok) throw new Error(result.code);
    expect(result.lines.map((l) => [l.terminalId, l.amount.toString()])).toEqual([
      ["T1", "300.00"],
      ["T2", "500.00"],
    ]);
  });
});

describe("capExcessCaused", () => {
  const caps = { total: money("1000.00"), categories: { OFFICE: money("600.00") } };
  const totals = (...lines: ExpenseLine[]) => expenseTotals(lines);

  it("passes a change exactly to the cap and refuses one fen over it", () => {
    const before = totals(line("OFFICE_RENT", "OFFICE", "500.00"));
    expect(capExcessCaused(before, totals(line("OFFICE_RENT", "OFFICE", "600.00")), caps)).toBeUndefined();
    expect(capExcessCaused(before, totals(line("OFFICE_RENT", "OFFICE", "600.01")), caps)).toMatchObject({
      scope: "CATEGORY",
      code: "OFFICE",
      excess: money("0.01"),
    });
  });

  it("names the plan total when only the total's cap is crossed", () => {
    const before = totals(line("MEDIA_TV", "MEDIA", "999.99"));
    expect(capExcessCaused(before, totals(line("MEDIA_TV", "MEDIA", "1000.01")), caps)).toMatchObject({
      scope: "TOTAL",
      code: null,
      excess: money("0.01"),
    });
  });

  it("lets an excess that was there before shrink or stay, and refuses it growing", () => {
    const over = totals(line("OFFICE_RENT", "OFFICE", "700.00"));
    expect(capExcessCaused(over, totals(line("OFFICE_RENT", "OFFICE", "650.00")), caps)).toBeUndefined();
    expect(capExcessCaused(over, totals(line("OFFICE_RENT", "OFFICE", "700.00")), caps)).toBeUndefined();
    expect(capExcessCaused(over, totals(line("OFFICE_RENT", "OFFICE", "700.01")), caps)).toMatchObject({
      excess: money("100.01"),
    });
  });
});
