// The workbench's Expenses tab (费用预算) in a real browser against the real server and
// the demo company (docs/demo-company.md: 从化's 2027 plan is a DRAFT; password demo1234).
// The county planner types an amount the way people do (1.5万), sees the totals move by
// exactly that, saves, reloads and sees it; the plan total shown equals the one the API
// reads from the database.
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { announceSkip, LAPTOP_VIEWPORT, startHarness, type Harness } from "./harness.js";

const skipReason = announceSkip("expenses tab");
const PASSWORD = "demo1234";
const EXPENSES = "/plans/CONGHUA/2027/expenses";

/** "1,234.56" or "-1,234.56" → fen. */
function fenOf(text: string): bigint {
  const match = /^(-?)([\d,]+)\.(\d{2})$/.exec(text.trim());
  if (!match) throw new Error(`not an amount with two decimals: ${text}`);
  const fen = BigInt(`${match[2]!.replace(/,/g, "")}${match[3]}`);
  return match[1] ? -fen : fen;
}

/** The plan total row's year total (the 13th figure after the heading). */
const planTotal = (page: Page) => page.locator('[data-testid="expenses-plan-total"] td').nth(12).innerText();

describe.skipIf(skipReason !== undefined)("expenses tab", () => {
  let harness: Harness;
  const contexts: BrowserContext[] = [];
  let itemId: string;
  let planId: string;

  beforeAll(async () => {
    harness = await startHarness();
    const { prisma } = harness.db;
    itemId = (await prisma.expenseItem.findFirstOrThrow({ where: { code: "PERSONNEL_TRAINING" } })).id;
    const conghua = await prisma.orgUnit.findFirstOrThrow({ where: { code: "CONGHUA" } });
    planId = (await prisma.plan.findFirstOrThrow({ where: { orgUnitId: conghua.id, cycle: { code: "FY2027" } } })).id;
  });

  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => undefined);
    await harness?.close();
  });

  it("a county planner types an amount, saves, reloads and sees it; the total is the database's", async () => {
    const context = await harness.newContext({ viewport: LAPTOP_VIEWPORT });
    contexts.push(context);
    const page = await context.newPage();
    await page.goto(`${harness.baseUrl}${EXPENSES}`);
    await page.getByLabel("登录名").fill("conghua.planner");
    await page.getByLabel("密码").fill(PASSWORD);
    await page.getByRole("button", { name: "登录", exact: true }).click();
    await page.getByTestId("expenses-table").waitFor();
    expect(await page.getByRole("link", { name: "费用预算" }).getAttribute("aria-current")).toBe("page");

    const input = page.getByTestId(`cell-${itemId}||3`);
    const before = fenOf((await input.inputValue()) || "0.00");
    const totalBefore = fenOf(await planTotal(page));
    await input.fill("1.5万");
    // The plan total moves by exactly 15,000.00 minus what the cell held.
    expect(fenOf(await planTotal(page))).toBe(totalBefore - before + 1_500_000n);
    await page.getByRole("button", { name: "保存", exact: true }).click();
    await page.getByText("已保存 1 行费用").waitFor();

    await page.reload();
    await page.getByTestId("expenses-table").waitFor();
    expect(await page.getByTestId(`cell-${itemId}||3`).inputValue()).toBe("15,000.00");
    const shownTotal = await planTotal(page);
    expect(fenOf(shownTotal)).toBe(totalBefore - before + 1_500_000n);

    const answer = await page.evaluate(async () => {
      const response = await fetch("/graphql", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({
          query: `query { plan(unitCode: "CONGHUA", year: 2027) { id expenses { amounts { total } } } }`,
        }),
      });
      return (await response.json()) as { data?: { plan: { id: string; expenses: { amounts: { total: string } } } } };
    });
    expect(answer.data?.plan.id).toBe(planId);
    expect(fenOf(answer.data!.plan.expenses.amounts.total)).toBe(fenOf(shownTotal));
    const stored = await harness.db.prisma.expenseCell.findFirstOrThrow({
      where: { planId, itemId, month: 3, terminalId: null },
    });
    expect(stored.amount.toFixed(2)).toBe("15000.00");
  });
});
