// @vitest-environment happy-dom
// The Expenses tab against a mocked API (testing.ts, figures worked by hand there):
// the tree's totals, caps and what is left; typing updates every total exactly (and
// the ratios); Save sends each line's version; a conflict shows whose change and
// "keep mine" sends again against their version; the virement dialog sends the
// right input and says a refusal in words; a plan that is not editable has no inputs.
import { InMemoryCache } from "@apollo/client";
import { MockedProvider } from "@apollo/client/testing/react";
import type { MockLink } from "@apollo/client/testing";
import { GraphQLError } from "graphql";
import { act } from "react";
import { createRoot, type Root } from "react-dom/client";
import { createMemoryRouter, RouterProvider } from "react-router";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { I18nProvider } from "../../app/i18n/I18nProvider.js";
import { POSSIBLE_TYPES } from "../../graphql/possible-types.js";
import { buttonByText, choose, click, typeInto, waitForSelector, waitForText, waitUntil } from "../../testing/render.js";
import { ExpensesTab } from "./ExpensesTab.js";
import { budgetMock, PLAN_ID, saveMock, savedAnswer, TERMINAL_KEY, transferMock } from "./testing.js";

const mounted: Root[] = [];

beforeAll(() => {
  (globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;
});

afterEach(() => {
  for (const root of mounted.splice(0)) act(() => root.unmount());
  document.body.innerHTML = "";
  window.localStorage.clear();
});

async function open(mocks: MockLink.MockedResponse[]): Promise<HTMLElement> {
  const container = document.createElement("div");
  document.body.append(container);
  const root = createRoot(container);
  mounted.push(root);
  const router = createMemoryRouter(
    [{ path: "/plans/CONGHUA/2027/expenses", element: <ExpensesTab unitCode="CONGHUA" year={2027} /> }],
    {
      initialEntries: ["/plans/CONGHUA/2027/expenses"],
    },
  );
  await act(async () => {
    root.render(
      <I18nProvider>
        <MockedProvider mocks={mocks} cache={new InMemoryCache({ possibleTypes: POSSIBLE_TYPES })}>
          <RouterProvider router={router} />
        </MockedProvider>
      </I18nProvider>,
    );
  });
  await waitForSelector(container, '[data-testid="expenses-table"]');
  return container;
}

const text = (root: ParentNode, selector: string) => root.querySelector(selector)?.textContent ?? null;
/** A row's cells after its heading: 12 months, year total, Y-1, cap, left. */
const rowCells = (row: Element | null) => [...(row?.querySelectorAll("td") ?? [])].map((cell) => cell.textContent);
const categoryRow = (root: ParentNode, code: string) => root.querySelector(`[data-testid="category-${code}"] tr`);
const cell = (root: ParentNode, key: string) => root.querySelector<HTMLInputElement>(`input[data-testid="cell-${key}"]`)!;

describe("the Expenses tab", () => {
  it("shows categories with totals, caps and what is left (over the cap in red), and the lines of an item booked per terminal", async () => {
    const page = await open([budgetMock()]);
    const channel = rowCells(categoryRow(page, "CHANNEL"));
    expect(channel.slice(0, 3)).toEqual(["3,500.50", "499.50", "1,234.56"]);
    expect(channel.slice(12)).toEqual(["5,234.56", "4,100.00", "10,000.00", "4,765.44"]);
    const brand = rowCells(categoryRow(page, "BRAND"));
    expect(brand.slice(12)).toEqual(["2,345.67", "1,900.00", "2,000.00", "-345.67"]);
    expect(page.querySelector('[data-testid="category-left-BRAND"]')?.className).toContain("is-over");
    expect(page.querySelector('[data-testid="category-left-CHANNEL"]')?.className).not.toContain("is-over");
    const plan = rowCells(page.querySelector('[data-testid="expenses-plan-total"]'));
    expect(plan[0]).toBe("5,846.17");
    expect(plan.slice(12)).toEqual(["7,580.23", "6,000.00", "8,000.00", "419.77"]);

    // The terminal line shows when its item is opened.
    expect(page.querySelector(`[data-testid="line-i-entry|${TERMINAL_KEY}"]`)).toBeNull();
    expect(rowCells(page.querySelector('[data-testid="item-ENTRY"]')).slice(0, 2)).toEqual(["3,500.50", "499.50"]);
    await click(page.querySelector('[data-testid="item-ENTRY"] button'));
    const terminalRow = page.querySelector(`[data-testid="line-i-entry|${TERMINAL_KEY}"]`);
    expect(terminalRow?.textContent).toContain("终端：金樽超市");
    expect(cell(page, `i-entry|${TERMINAL_KEY}|2`).value).toBe("499.50");
    expect(text(page, `[data-testid="line-total-i-entry|${TERMINAL_KEY}"]`)).toBe("3,000.00");

    // Collapsing a category hides its items.
    await click(categoryRow(page, "CHANNEL")?.querySelector("button"));
    expect(page.querySelector('[data-testid="item-ENTRY"]')).toBeNull();
  });

  it("counts a typed amount (万, full-width) in every total at once, exactly, and in the ratios; refuses what is not an amount", async () => {
    const page = await open([budgetMock()]);
    expect(text(page, '[data-testid="ratio-TOTAL-sales"]')).toBe("20.0%");
    await typeInto(cell(page, "i-display||3"), "1.5万");
    // CHANNEL: 4,000.00 + 15,000.00; left 10,000.00 − 19,000.00; plan 19,000.00 + 2,345.67.
    expect(rowCells(categoryRow(page, "CHANNEL")).slice(12)).toEqual(["19,000.00", "4,100.00", "10,000.00", "-9,000.00"]);
    const plan = rowCells(page.querySelector('[data-testid="expenses-plan-total"]'));
    expect(plan[2]).toBe("15,000.00");
    expect(plan.slice(12)).toEqual(["21,345.67", "6,000.00", "8,000.00", "-13,345.67"]);
    expect(cell(page, "i-display||3").closest("td")?.className).toContain("is-changed");
    // Ratios: 20,000.00 − 1,234.56 + 15,000.00 = 33,765.44; / 100,000.00 = 33.8%, / 40,000.00 = 84.4%.
    expect(text(page, '[data-testid="ratio-TOTAL-sales"]')).toBe("33.8%");
    expect(text(page, '[data-testid="ratio-TOTAL-gp"]')).toBe("84.4%");

    // Full-width digits and separators as pasted from WPS: 1,234.57 − 1,234.56 moves the plan by 0.01.
    await typeInto(cell(page, "i-display||3"), "１，２３４．５７");
    expect(rowCells(page.querySelector('[data-testid="expenses-plan-total"]'))[12]).toBe("7,580.24");

    await typeInto(cell(page, "i-display||3"), "12abc");
    expect(cell(page, "i-display||3").getAttribute("aria-invalid")).toBe("true");
    expect(rowCells(page.querySelector('[data-testid="expenses-plan-total"]'))[12]).toBe("7,580.23");
    expect(buttonByText(page, "保存").disabled).toBe(true);
  });

  it("fills a block pasted from Excel across months and down the lines", async () => {
    const page = await open([budgetMock()]);
    const target = cell(page, "i-display||3");
    await act(async () => {
      const event = new Event("paste", { bubbles: true, cancelable: true }) as Event & { clipboardData: unknown };
      event.clipboardData = { getData: () => "100\t200\r\n300\t400\r\n" };
      target.dispatchEvent(event);
    });
    // 陈列费 Mar 100, Apr 200; the next line down is 广告费: Mar 300, Apr 400.
    expect(cell(page, "i-display||4").value).toBe("200");
    expect(cell(page, "i-ad||3").value).toBe("300");
    expect(cell(page, "i-ad||4").value).toBe("400");
    // Plan: 7,580.23 − 1,234.56 + 100 + 200 + 300 + 400.
    expect(rowCells(page.querySelector('[data-testid="expenses-plan-total"]'))[12]).toBe("7,345.67");
  });

  it("saves the changed lines with the version each was read at (a cleared line deleted, a new one with none)", async () => {
    const changes = [
      { itemId: "i-entry", month: 2, terminalId: "t-1", distributorId: null, amount: null, expectedVersion: 4 },
      { itemId: "i-display", month: 3, terminalId: null, distributorId: null, amount: "1300.00", expectedVersion: 1 },
      { itemId: "i-ad", month: 2, terminalId: null, distributorId: null, amount: "100.00", expectedVersion: null },
    ];
    const page = await open([
      budgetMock(),
      saveMock(changes, savedAnswer(changes)),
      budgetMock({ displayMarch: ["1300.00", 2] }),
    ]);
    await click(page.querySelector('[data-testid="item-ENTRY"] button'));
    await typeInto(cell(page, `i-entry|${TERMINAL_KEY}|2`), "");
    await typeInto(cell(page, "i-display||3"), "1,300");
    await typeInto(cell(page, "i-ad||2"), "100");
    expect(text(page, '[data-testid="expenses-unsaved"]')).toBe("3 处修改未保存");
    await click(buttonByText(page, "保存"));
    await waitForText(page, "已保存 3 行费用");
  });

  it("adds a line for a terminal that has none yet under an item booked per terminal, and saves it as a new line", async () => {
    const changes = [
      { itemId: "i-entry", month: 1, terminalId: "t-2", distributorId: null, amount: "300.00", expectedVersion: null },
    ];
    const page = await open([budgetMock(), saveMock(changes, savedAnswer(changes)), budgetMock()]);
    await click(page.querySelector('[data-testid="item-ENTRY"] button'));
    const add = page.querySelector<HTMLSelectElement>('[data-testid="add-line-ENTRY"]')!;
    // 金樽超市 has its line already: only 利民商店 is offered.
    expect([...add.options].map((option) => option.value)).toEqual(["", "t-2"]);
    await choose(add, "t-2");
    expect(page.querySelector('[data-testid="line-i-entry|terminal=t-2"]')?.textContent).toContain("终端：利民商店");
    await typeInto(cell(page, "i-entry|terminal=t-2|1"), "300");
    // ENTRY's January: 3,500.50 + 300.00.
    expect(rowCells(page.querySelector('[data-testid="item-ENTRY"]'))[0]).toBe("3,800.50");
    await click(buttonByText(page, "保存"));
    await waitForText(page, "已保存 1 行费用");
  });

  it("shows whose change a save met, and keeping mine sends it again against their version", async () => {
    const first = [
      { itemId: "i-display", month: 3, terminalId: null, distributorId: null, amount: "1300.00", expectedVersion: 1 },
    ];
    const again = [{ ...first[0]!, expectedVersion: 2 }];
    const conflict = {
      __typename: "ExpenseCellsConflict",
      planId: PLAN_ID,
      message: "changed",
      conflicts: [
        {
          __typename: "ExpenseCellConflict",
          itemId: "i-display",
          month: 3,
          terminalId: null,
          distributorId: null,
          dimensionKey: "",
          expectedVersion: 1,
          current: {
            __typename: "ExpenseCellCurrent",
            amount: "1250.00",
            version: 2,
            updatedBy: { __typename: "PlanEditor", id: "u-wang", displayName: "王芳" },
            updatedAt: "2026-11-20T02:00:00.000Z",
          },
        },
      ],
    };
    const page = await open([
      budgetMock(),
      saveMock(first, conflict),
      // Their version arrives late: the panel (and so "keep mine") must wait for it.
      { ...budgetMock({ displayMarch: ["1250.00", 2] }), delay: 400 },
      saveMock(again, savedAnswer(again)),
      budgetMock({ displayMarch: ["1300.00", 3] }),
    ]);
    await typeInto(cell(page, "i-display||3"), "1300");
    await click(buttonByText(page, "保存"));
    const panel = await waitForSelector(page, '[data-testid="conflict-panel"]');
    expect(text(panel, '[data-testid="conflict-who"]')).toContain("王芳");
    expect(text(panel, '[data-testid="conflict-theirs"]')).toBe("1,250.00");
    expect(text(panel, '[data-testid="conflict-mine"]')).toBe("1,300.00");
    expect(text(panel, "th")).toBe("费用项目");
    await click(buttonByText(panel, "保留我的"));
    await click(buttonByText(panel, "保存"));
    await waitForText(page, "已保存 1 行费用");
  });

  it("taking theirs drops the typed amount and shows their figure", async () => {
    const first = [
      { itemId: "i-display", month: 3, terminalId: null, distributorId: null, amount: "1300.00", expectedVersion: 1 },
    ];
    const page = await open([
      budgetMock(),
      saveMock(first, {
        __typename: "ExpenseCellsConflict",
        planId: PLAN_ID,
        message: "changed",
        conflicts: [
          {
            __typename: "ExpenseCellConflict",
            itemId: "i-display",
            month: 3,
            terminalId: null,
            distributorId: null,
            dimensionKey: "",
            expectedVersion: 1,
            current: null,
          },
        ],
      }),
      budgetMock({ displayMarch: ["1250.00", 2] }),
    ]);
    await typeInto(cell(page, "i-display||3"), "1300");
    await click(buttonByText(page, "保存"));
    const panel = await waitForSelector(page, '[data-testid="conflict-panel"]');
    expect(text(panel, '[data-testid="conflict-who"]')).toBe("已被删除");
    await click(buttonByText(panel, "采用对方的"));
    await waitUntil("their figure shows", () => cell(page, "i-display||3").value === "1,250.00");
    expect(text(page, '[data-testid="expenses-unsaved"]')).toBe("0 处修改未保存");
  });

  it("sends a virement from one item to another of its category, and says a refusal in words", async () => {
    const input = {
      planId: PLAN_ID,
      fromItemId: "i-entry",
      toItemId: "i-display",
      month: 3,
      amount: "500.00",
      reason: "调整陈列",
    };
    const transfer = {
      __typename: "ExpenseTransfer",
      id: "tr-1",
      fromItemId: "i-entry",
      fromItemCode: "ENTRY",
      toItemId: "i-display",
      toItemCode: "DISPLAY",
      categoryCode: "CHANNEL",
      month: 3,
      amount: "500.00",
      reason: "调整陈列",
      actor: { __typename: "PlanEditor", id: "u-planner", displayName: "陈秀英" },
      createdAt: "2026-11-20T02:00:00.000Z",
    };
    const refused = new GraphQLError("Only 0.00 is budgeted", {
      extensions: { code: "BUDGET_RULE_BROKEN", reason: "SOURCE_BELOW_ZERO", params: { available: "0.00", amount: "500.00" } },
    });
    const page = await open([
      budgetMock(),
      transferMock(input, { errors: [refused] }),
      transferMock(input, {
        data: {
          transferExpense: {
            __typename: "TransferExpensePayload",
            transfers: [{ __typename: "ExpenseTransfer", id: "tr-1", month: 3, amount: "500.00" }],
            cells: [],
          },
        },
      }),
      budgetMock({ displayMarch: ["1734.56", 2], transfers: [transfer] }),
    ]);
    expect(text(page, '[data-testid="transfers"]')).toContain("尚无费用调剂");
    await click(buttonByText(page, "费用调剂（微调）"));
    const dialog = await waitForSelector(page, '[data-testid="virement-dialog"]');
    // Only the items of the chosen category are offered.
    expect([...dialog.querySelectorAll('[data-testid="virement-to"] option')].map((o) => o.textContent)).toEqual([
      "进场费",
      "陈列费",
    ]);
    await choose(dialog.querySelector('[data-testid="virement-to"]')!, "i-display");
    await choose(dialog.querySelector('[data-testid="virement-month"]')!, "3");
    await typeInto(dialog.querySelector('[data-testid="virement-amount"]')!, "500");
    // No reason yet: said before anything is sent.
    await click(buttonByText(dialog, "确认调剂"));
    expect(text(dialog, '[data-testid="virement-error"]')).toBe("请填写调剂原因。");
    await act(async () => {
      const area = dialog.querySelector<HTMLTextAreaElement>('[data-testid="virement-reason"]')!;
      Object.getOwnPropertyDescriptor(window.HTMLTextAreaElement.prototype, "value")?.set?.call(area, "调整陈列");
      area.dispatchEvent(new Event("input", { bubbles: true }));
    });
    await click(buttonByText(dialog, "确认调剂"));
    await waitForText(dialog, "调出项目只有 0.00 元预算，调剂后不能低于零。");
    await click(buttonByText(dialog, "确认调剂"));
    await waitForText(page, "已调剂（1 笔）");
    expect(page.querySelector('[data-testid="virement-dialog"]')).toBeNull();
    const row = page.querySelector('[data-testid="transfer-row"]');
    expect(row?.textContent).toContain("进场费");
    expect(row?.textContent).toContain("500.00");
    expect(row?.textContent).toContain("调整陈列");
  });

  it("has no inputs and says why when the plan is not editable", async () => {
    const page = await open([budgetMock({ editable: false, status: "SUBMITTED", readOnlyReason: "STATUS" })]);
    expect(page.querySelectorAll("input.expenses-input")).toHaveLength(0);
    expect(text(page, '[data-testid="expenses-read-only"]')).toContain("已提交");
    expect(text(page, '[data-testid="cell-i-display||3"]')).toBe("1,234.56");
    expect([...page.querySelectorAll("button")].map((b) => b.textContent)).not.toContain("保存");
  });
});
