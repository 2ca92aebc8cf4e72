// The plan workbench's other stories in a real browser against the real server and the
// demo company (从化's 2027 plan is an empty DRAFT; password demo1234): the county
// planner splits a year figure over every month and spec by last year, applies it and
// sees the exact total (checked against the database's own sum); reads the Overview
// with its findings and charts; writes a section of the plan document, saves, reloads
// and finds it. axe-core checks each tab.
// Under UPDATE_SCREENSHOT=1 it keeps screenshots of the Overview and Document tabs at
// 1366×768 in zh-CN in docs/.
import { mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seriousViolations } from "./axe.js";
import { announceSkip, LAPTOP_VIEWPORT, REPO_ROOT, startHarness, type Harness } from "./harness.js";

const skipReason = announceSkip("plan workbench tabs");
const PASSWORD = "demo1234";
const PLAN = "/plans/CONGHUA/2027";

const updateScreenshots = process.env.UPDATE_SCREENSHOT === "1";

async function screenshot(page: Page, file: string) {
  if (!updateScreenshots) return;
  mkdirSync(join(REPO_ROOT, "docs"), { recursive: true });
  await page.screenshot({ path: join(REPO_ROOT, "docs", file) });
}

/** The English views, for a person to read (UPDATE_SCREENSHOT=1): into the system's temporary directory, not kept. */
async function shoot(page: Page, file: string) {
  if (!updateScreenshots) return;
  await page.screenshot({ path: join(tmpdir(), file) });
}

async function signIn(page: Page, login: string) {
  await page.getByLabel("登录名").fill(login);
  await page.getByLabel("密码").fill(PASSWORD);
  await page.getByRole("button", { name: "登录", exact: true }).click();
}

describe.skipIf(skipReason !== undefined)("plan workbench tabs", () => {
  let harness: Harness;
  const contexts: BrowserContext[] = [];
  let planId: string;
  let salesMetricId: string;

  beforeAll(async () => {
    harness = await startHarness();
    const { prisma } = harness.db;
    const conghua = await prisma.orgUnit.findFirstOrThrow({ where: { code: "CONGHUA" } });
    planId = (await prisma.plan.findFirstOrThrow({ where: { orgUnitId: conghua.id, cycle: { code: "FY2027" } } })).id;
    salesMetricId = (await prisma.metric.findFirstOrThrow({ where: { code: "SALES_REVENUE" } })).id;
  });

  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => undefined);
    await harness?.close();
  });

  async function open(path: string): Promise<Page> {
    const context = await harness.newContext({ viewport: LAPTOP_VIEWPORT });
    contexts.push(context);
    const page = await context.newPage();
    await page.goto(`${harness.baseUrl}${path}`);
    await signIn(page, "conghua.planner");
    return page;
  }

  it("splits a year figure over the months and specs by last year, exactly, and keeps it", async () => {
    const page = await open(`${PLAN}/targets`);
    // Every spec × every month: a cell, then Ctrl+A (the figures are split; their breakdowns are not).
    await page.locator('[data-row-key^="F|"] [data-column="MONTH1:TARGET"]').first().click();
    await page.keyboard.press("Control+a");
    await page.waitForFunction(() =>
      /^\d+ 个品规 × 1月–12月$/.test(document.querySelector('[data-testid="open-split"]')?.getAttribute("title") ?? ""),
    );
    await page.getByTestId("open-split").click();
    const dialog = page.getByRole("dialog");
    await dialog.getByLabel("金额").fill("12,000,000.00");
    await dialog.getByLabel("各月分解方法").selectOption("LAST_YEAR");
    await dialog.getByRole("button", { name: "预览" }).click();
    await dialog.getByRole("button", { name: "应用" }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await dialog.getByRole("button", { name: "应用" }).click();
    await page.getByText(/已分解并保存 \d+ 个单元格。/).waitFor();

    // The database's own sum of the figures (no breakdowns) is the figure to the fen.
    const { prisma } = harness.db;
    const cells = await prisma.targetCell.findMany({
      where: { planId, metricId: salesMetricId, breakdownAxis: null },
      select: { month: true, baseValue: true },
    });
    // Prisma's Decimal prints 1234.5 without its trailing zero: fix two places before reading fen.
    const fen = (value: { toFixed(places: number): string }) => BigInt(value.toFixed(2).replace(".", ""));
    expect(cells.reduce((sum, cell) => sum + fen(cell.baseValue), 0n)).toBe(1_200_000_000n);
    expect(new Set(cells.map((cell) => cell.month)).size).toBe(12);

    // The grid shows the same total, and so does a reload.
    const yearTotal = () => page.locator('[data-testid="grid-all-row"] [data-column="YEAR1:TARGET"] .tg__value').innerText();
    const showYear = async () => {
      await page.locator('[data-testid="grid-all-row"] [data-column="MONTH1:TARGET"]').click();
      await page.keyboard.press("End"); // the year's columns, scrolled into view
    };
    await showYear();
    await page.waitForFunction(
      () =>
        document.querySelector('[data-testid="grid-all-row"] [data-column="YEAR1:TARGET"] .tg__value')?.textContent ===
        "12,000,000.00",
    );
    await page.reload();
    await page.locator('[data-testid="grid-all-row"]').waitFor();
    await showYear();
    expect(await yearTotal()).toBe("12,000,000.00");
  });

  it("shows the overview's key figures, findings and charts", async () => {
    const page = await open(`${PLAN}/overview`);
    await page.getByRole("heading", { name: "从化区市场部 (CONGHUA)" }).waitFor();
    await page.locator(".recharts-surface").first().waitFor();
    // The draft's document is empty: one BLOCK finding per required section of the cycle's template.
    await page.getByTestId("key-figures").waitFor();
    await page.getByTestId("finding").first().waitFor();
    const required = await harness.db.prisma.planTemplateSection.count({
      where: { required: true, cycle: { plans: { some: { id: planId } } } },
    });
    expect(required).toBeGreaterThan(0);
    expect(await page.locator('[data-testid="finding"][data-code="REQUIRED_SECTION_EMPTY"]').count()).toBe(required);
    expect(await seriousViolations(page)).toEqual([]);
    // The figures after the year's split above: key figures, findings and the monthly chart in view.
    await page.getByTestId("monthly-table").waitFor({ state: "attached" });
    await screenshot(page, "screenshot-workbench-overview.png");
  });

  it("writes a section of the plan document, saves it and finds it after a reload", async () => {
    const page = await open(`${PLAN}/document`);
    const section = page.locator('[data-section="ENV_COMPETITION"]');
    await section.locator("textarea").fill("本地有三家竞品，价格战激烈。");
    await section.getByRole("button", { name: "保存" }).click();
    await section.getByTestId("last-edit").filter({ hasText: "最后修改于" }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await page.reload();
    await page.locator('[data-section="ENV_COMPETITION"] textarea').waitFor();
    expect(await page.locator('[data-section="ENV_COMPETITION"] textarea').inputValue()).toBe("本地有三家竞品，价格战激烈。");
    await screenshot(page, "screenshot-workbench-document.png");
  });

  it("speaks English throughout the workbench's own words when the planner switches to English", async () => {
    const page = await open(`${PLAN}/targets`);
    await page.locator('[data-row-key^="F|"]').first().waitFor();
    await page.getByRole("button", { name: "English", exact: true }).click();
    await page.getByRole("link", { name: "Targets", exact: true }).waitFor();
    // The demo's own data (terminal and shop names, the template's titles) stays as entered; the interface's
    // words do not: no Chinese in the tabs, the toolbar, the grid's header and the split dialog.
    const chinese = /[\u3400-\u9fff]/;
    const textOf = (selector: string) => page.locator(selector).first().innerText();
    for (const selector of [".workbench-tabs", ".targets__bar", ".tg__toolbar", '[role="grid"] [role="row"]']) {
      expect(await textOf(selector), selector).not.toMatch(chinese);
    }
    // A spec's January figure (typed and saved here), broken down to terminals.
    const january = page.locator('[data-row-key^="F|"]:not([data-row-key="F|"]) [data-column="MONTH1:TARGET"]').first();
    await january.click();
    await page.keyboard.type("1000");
    await page.keyboard.press("Enter");
    await page.getByRole("button", { name: "Save", exact: true }).click();
    await page.getByText("Saved: 1 cell(s).").waitFor();
    await january.click();
    await page.getByTestId("open-breakdown").click();
    const dialog = page.getByRole("dialog");
    await dialog.getByLabel("Months by").selectOption("EVEN");
    await dialog.getByRole("button", { name: "Preview" }).click();
    await dialog.getByTestId("split-left-row").waitFor();
    for (const selector of [".split-dialog__settings", '[data-testid="split-left-row"]', '[data-testid="split-remainder"]']) {
      expect(await dialog.locator(selector).innerText(), selector).not.toMatch(chinese);
    }
    await shoot(page, "workbench-en-breakdown.png");
    await dialog.getByRole("button", { name: "Cancel" }).click();
    await shoot(page, "workbench-en-targets.png");

    await page.getByRole("link", { name: "Overview", exact: true }).click();
    await page.getByTestId("key-figures").waitFor();
    expect(await page.getByTestId("key-figures").innerText()).not.toMatch(chinese);
    await shoot(page, "workbench-en-overview.png");
    await page.getByRole("link", { name: "Document", exact: true }).click();
    await page.getByTestId("plan-document").waitFor();
    await shoot(page, "workbench-en-document.png");
  });
});
