// A small expense budget for the Expenses tab's tests (imported by *.test.* only):
// 从化's 2027 plan, two categories. The tests work their figures from these by hand.
//
// 渠道费用 CHANNEL, cap 10,000.00:
//   进场费 ENTRY (per terminal): unit line Jan 1,000.00 (v2); 金樽超市 line Jan 2,500.50 (v1), Feb 499.50 (v4)
//     → item Jan 3,500.50, Feb 499.50, year 4,000.00
//   陈列费 DISPLAY: unit line Mar 1,234.56 (v1), Y-1 Mar 1,100.00
//   → category 5,234.56, left 4,765.44
// 品牌费用 BRAND, cap 2,000.00:
//   广告费 AD: unit line Jan 2,345.67 (v5) → category 2,345.67, left -345.67 (over)
// Plan 7,580.23, cap 8,000.00, left 419.77.
// Ratios (subtree 2027): expense 20,000.00, sales 100,000.00, gross profit 40,000.00 → 20.0%, 50.0%.
import type { MockLink } from "@apollo/client/testing";
import type { ExpenseCellChangeInput } from "../../graphql/generated/graphql.js";
import { PLAN_EXPENSES_QUERY, SAVE_EXPENSE_CELLS_MUTATION, TRANSFER_EXPENSE_MUTATION } from "./expenses-documents.js";

export const PLAN_ID = "plan-conghua";
export const VARIABLES = { unitCode: "CONGHUA", year: 2027 } as const;
export const TERMINAL_KEY = "terminal=t-1";

/** Stored cells by month: amount and version. */
type Stored = Readonly<Record<number, readonly [string, number]>>;

function months(stored: Stored, lastYear: Readonly<Record<number, string>> = {}) {
  return Array.from({ length: 12 }, (_, index) => {
    const month = index + 1;
    const cell = stored[month];
    return {
      __typename: "ExpenseMonth",
      month,
      cellId: cell ? `cell-${month}-${cell[1]}` : null,
      amount: cell ? cell[0] : "0.00",
      version: cell ? cell[1] : null,
      lastYear: lastYear[month] ?? null,
      yearBefore: null,
    };
  });
}

function amounts(monthTotals: Readonly<Record<number, string>>, total: string, lastYear: string | null) {
  return {
    __typename: "ExpenseAmounts",
    months: Array.from({ length: 12 }, (_, index) => monthTotals[index + 1] ?? "0.00"),
    total,
    lastYear,
    yearBefore: null,
  };
}

function line(
  terminalId: string | null,
  dimensionKey: string,
  stored: Stored,
  total: string,
  lastYear: Readonly<Record<number, string>> = {},
) {
  return {
    __typename: "ExpenseLineBudget",
    terminalId,
    distributorId: null,
    dimensionKey,
    total,
    lastYear: null,
    yearBefore: null,
    months: months(stored, lastYear),
  };
}

function ratio(current: string | null) {
  return {
    __typename: "RatioComparison",
    current,
    siblingCount: 3,
    lastYear: { __typename: "RatioDeviation", year: 2026, reference: "0.180000" },
    yearBefore: { __typename: "RatioDeviation", year: 2025, reference: "0.170000" },
    siblings: { __typename: "RatioDeviation", reference: "0.190000" },
  };
}

export interface BudgetState {
  readonly editable?: boolean;
  readonly status?: "DRAFT" | "SUBMITTED" | "APPROVED";
  readonly readOnlyReason?: "ROLE" | "STATUS" | null;
  /** 陈列费's March: amount and version. */
  readonly displayMarch?: readonly [string, number];
  readonly transfers?: readonly unknown[];
}

export function budgetData(state: BudgetState = {}) {
  const [displayMarch, displayVersion] = state.displayMarch ?? ["1234.56", 1];
  return {
    plan: {
      __typename: "Plan",
      id: PLAN_ID,
      status: state.status ?? "DRAFT",
      editable: state.editable ?? true,
      readOnlyReason: state.readOnlyReason ?? null,
      catalogue: {
        __typename: "PlanCatalogue",
        terminals: [
          { __typename: "CatalogueTerminal", id: "t-1", code: "T001", name: "金樽超市" },
          { __typename: "CatalogueTerminal", id: "t-2", code: "T002", name: "利民商店" },
        ],
        distributors: [],
      },
      expenses: {
        __typename: "PlanExpenses",
        planId: PLAN_ID,
        cap: "8000.00",
        left: "419.77",
        lastYearActualThroughMonth: 12,
        maxChangesPerSave: 2000,
        amounts: amounts({ 1: "5846.17", 2: "499.50", 3: displayMarch }, "7580.23", "6000.00"),
        categories: [
          {
            __typename: "ExpenseCategoryBudget",
            code: "CHANNEL",
            nameZh: "渠道费用",
            nameEn: "Channel expenses",
            cap: "10000.00",
            left: "4765.44",
            amounts: amounts({ 1: "3500.50", 2: "499.50", 3: displayMarch }, "5234.56", "4100.00"),
            items: [
              {
                __typename: "ExpenseItemBudget",
                itemId: "i-entry",
                code: "ENTRY",
                nameZh: "进场费",
                nameEn: "Listing fee",
                detailDimension: "TERMINAL",
                amounts: amounts({ 1: "3500.50", 2: "499.50" }, "4000.00", "3000.00"),
                lines: [
                  line(null, "", { 1: ["1000.00", 2] }, "1000.00"),
                  line("t-1", TERMINAL_KEY, { 1: ["2500.50", 1], 2: ["499.50", 4] }, "3000.00"),
                ],
              },
              {
                __typename: "ExpenseItemBudget",
                itemId: "i-display",
                code: "DISPLAY",
                nameZh: "陈列费",
                nameEn: "Display fee",
                detailDimension: null,
                amounts: amounts({ 3: displayMarch }, displayMarch, "1100.00"),
                lines: [line(null, "", { 3: [displayMarch, displayVersion] }, displayMarch, { 3: "1100.00" })],
              },
            ],
          },
          {
            __typename: "ExpenseCategoryBudget",
            code: "BRAND",
            nameZh: "品牌费用",
            nameEn: "Brand expenses",
            cap: "2000.00",
            left: "-345.67",
            amounts: amounts({ 1: "2345.67" }, "2345.67", "1900.00"),
            items: [
              {
                __typename: "ExpenseItemBudget",
                itemId: "i-ad",
                code: "AD",
                nameZh: "广告费",
                nameEn: "Advertising",
                detailDimension: null,
                amounts: amounts({ 1: "2345.67" }, "2345.67", "1900.00"),
                lines: [line(null, "", { 1: ["2345.67", 5] }, "2345.67")],
              },
            ],
          },
        ],
      },
      expenseTransfers: state.transfers ?? [],
      expenseRatios: {
        __typename: "PlanExpenseRatios",
        basis: [
          {
            __typename: "ExpenseRatioBasis",
            year: 2027,
            actualThroughMonth: 12,
            expense: "20000.00",
            salesRevenue: "100000.00",
            grossProfit: "40000.00",
          },
        ],
        total: {
          __typename: "ExpenseRatioSet",
          categoryCode: null,
          expense: "20000.00",
          expenseToSales: ratio("0.200000"),
          expensePerGrossProfit: ratio("0.500000"),
        },
        categories: [],
      },
    },
  };
}

export function budgetMock(state: BudgetState = {}): MockLink.MockedResponse {
  return { request: { query: PLAN_EXPENSES_QUERY, variables: VARIABLES }, result: { data: budgetData(state) } };
}

export function saveMock(changes: ExpenseCellChangeInput[], result: unknown): MockLink.MockedResponse {
  return {
    request: { query: SAVE_EXPENSE_CELLS_MUTATION, variables: { planId: PLAN_ID, changes } },
    result: { data: { saveExpenseCells: result } },
  };
}

export function savedAnswer(changes: ExpenseCellChangeInput[]) {
  return {
    __typename: "ExpenseCellsSaved",
    planId: PLAN_ID,
    cells: changes.map((change, index) => ({
      __typename: "SavedExpenseCell",
      itemId: change.itemId,
      month: change.month,
      terminalId: change.terminalId ?? null,
      distributorId: change.distributorId ?? null,
      dimensionKey: change.terminalId ? `terminal=${change.terminalId}` : "",
      id: change.amount === null ? null : `saved-${index}`,
      version: change.amount === null ? null : (change.expectedVersion ?? 0) + 1,
      amount: change.amount ?? null,
    })),
  };
}

export function transferMock(input: Record<string, unknown>, result: MockLink.MockedResponse["result"]): MockLink.MockedResponse {
  return { request: { query: TRANSFER_EXPENSE_MUTATION, variables: { input } }, result };
}
