// The plan workbench's split and findings stories in a real browser against the real
// server and the demo company (docs/demo-company.md: 从化's 2027 plan is an empty DRAFT;
// growth band 0–30 %; targets split down to B-class terminals; password demo1234):
// - a county planner fixes a WARN finding: a January far above last year's whole year
//   puts the sales target above the growth band; the Overview says so, its link opens the
//   targets, the planner types a figure within the band, saves, and the finding is gone;
// - splits a block selected in the grid (two specs × April–June), evenly, exactly;
// - breaks one spec's January down to the terminals that need a target (B and above, and
//   core ones), with nothing left to allocate, and sees the figure flagged once a terminal
//   is changed by hand.
// Totals are checked against the database's cells as the API reads them (targetCells,
// summed here on bigint fen), and the count of terminals against the database's own.
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seriousViolations } from "./axe.js";
import { announceSkip, LAPTOP_VIEWPORT, startHarness, type Harness } from "./harness.js";

const skipReason = announceSkip("plan workbench stories");
const PASSWORD = "demo1234";
const PLAN = "/plans/CONGHUA/2027";

async function signIn(page: Page, login: string) {
  await page.getByLabel("登录名").fill(login);
  await page.getByLabel("密码").fill(PASSWORD);
  await page.getByRole("button", { name: "登录", exact: true }).click();
}

/** A monthly target (or period column) of a grid row. */
const cell = (page: Page, rowKey: string, column: string) => page.locator(`[data-row-key="${rowKey}"] [data-column="${column}"]`);

/** "1,234.56" or "1234.56" → fen. */
function fenOf(text: string): bigint {
  const match = /^(-?)([\d,]+)\.(\d{2})$/.exec(text.trim());
  if (!match) throw new Error(`not an amount with two decimals: ${text}`);
  const fen = BigInt(`${match[2]!.replace(/,/g, "")}${match[3]}`);
  return match[1] ? -fen : fen;
}
const yuanOf = (fen: bigint) => `${fen / 100n}.${(fen % 100n).toString().padStart(2, "0")}`;

interface CellNode {
  readonly month: number;
  readonly productSpecId: string | null;
  readonly terminalId: string | null;
  readonly baseValue: string;
}

/** The plan's stored cells as the API reads them, through the signed-in page's own session. */
async function targetCells(page: Page, planId: string, filter: Record<string, unknown>): Promise<CellNode[]> {
  const answer = await page.evaluate(async (filter) => {
    const response = await fetch("/graphql", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        query: `query Cells($unit: String!, $year: Int!, $filter: TargetCellFilter) {
            plan(unitCode: $unit, year: $year) { id targetCells(filter: $filter, first: 150) { totalCount nodes { month productSpecId terminalId baseValue } } }
          }`,
        variables: { unit: "CONGHUA", year: 2027, filter },
      }),
    });
    return (await response.json()) as {
      data?: { plan: { id: string; targetCells: { totalCount: number; nodes: CellNode[] } } };
      errors?: unknown;
    };
  }, filter);
  if (!answer.data) throw new Error(`targetCells failed: ${JSON.stringify(answer.errors)}`);
  expect(answer.data.plan.id).toBe(planId);
  expect(answer.data.plan.targetCells.totalCount).toBe(answer.data.plan.targetCells.nodes.length);
  return answer.data.plan.targetCells.nodes;
}
const sumFen = (cells: readonly CellNode[]) => cells.reduce((sum, node) => sum + fenOf(node.baseValue), 0n);

describe.skipIf(skipReason !== undefined)("plan workbench stories", () => {
  let harness: Harness;
  const contexts: BrowserContext[] = [];
  let planId: string;
  let salesMetricId: string;
  let countyId: string;
  /** 金樽·三十年 500ml (the demo's first spec) and its figure row. */
  let specId: string;
  let figureRow: string;

  beforeAll(async () => {
    harness = await startHarness();
    const { prisma } = harness.db;
    const conghua = await prisma.orgUnit.findFirstOrThrow({ where: { code: "CONGHUA" } });
    countyId = conghua.id;
    planId = (await prisma.plan.findFirstOrThrow({ where: { orgUnitId: conghua.id, cycle: { code: "FY2027" } } })).id;
    salesMetricId = (await prisma.metric.findFirstOrThrow({ where: { code: "SALES_REVENUE" } })).id;
    specId = (await prisma.productSpec.findFirstOrThrow({ where: { code: "JZ-30Y-500" } })).id;
    figureRow = `F|${specId}`;
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

  async function typeInto(page: Page, rowKey: string, column: string, text: string) {
    await cell(page, rowKey, column).click();
    await page.keyboard.type(text);
    await page.keyboard.press("Enter");
  }

  async function save(page: Page, count: number) {
    await page.getByRole("button", { name: "保存", exact: true }).click();
    await page.getByText(`已保存 ${count} 个单元格。`).waitFor();
  }

  it("a county planner fixes a WARN finding: follows its link from the Overview, changes the value, saves, and it is gone", async () => {
    const page = await open(`${PLAN}/targets`);
    await page.locator(`[data-row-key="${figureRow}"]`).waitFor();
    // 99 million in January alone: far above last year's sales (a county of size M sells some millions).
    await typeInto(page, figureRow, "MONTH1:TARGET", "99000000");
    await save(page, 1);

    await page.getByRole("link", { name: "概览", exact: true }).click();
    const finding = page.locator('[data-testid="finding"][data-code="TARGET_ABOVE_GROWTH_BAND"]');
    await finding.waitFor();
    expect(await finding.locator(".status-badge").innerText()).toBe("提醒");
    const message = await finding.locator(".finding__message").innerText();
    // "销售额目标 99000000.00 较上年实际 <Y-1> 增长 …%，高于上限 30.0%：跳一跳能否摸得着？"
    const lastYearText = /较上年实际 ([\d,]+\.\d{2})/.exec(message)?.[1];
    expect(lastYearText, message).toBeDefined();
    const lastYear = fenOf(lastYearText!);
    expect(lastYear).toBeGreaterThan(0n);
    expect(lastYear * 130n).toBeLessThan(9_900_000_000n * 100n); // the target is above the band indeed

    await finding.getByRole("link").first().click();
    await page.waitForURL(/\/plans\/CONGHUA\/2027\/targets\?.*metric=SALES_REVENUE/);
    await page.locator(`[data-row-key="${figureRow}"]`).waitFor();
    // Last year + 10 %, to the fen (rounded down): within the band of 0–30 %.
    const fixed = (lastYear * 110n) / 100n;
    await typeInto(page, figureRow, "MONTH1:TARGET", yuanOf(fixed));
    await save(page, 1);
    expect(sumFen(await targetCells(page, planId, { metricIds: [salesMetricId], grains: ["FIGURE"] }))).toBe(fixed);

    await page.getByRole("link", { name: "概览", exact: true }).click();
    await page.getByTestId("key-figures").waitFor();
    await page.getByTestId("finding").first().waitFor(); // the empty document's sections are still BLOCK findings
    await page.waitForFunction(
      () => document.querySelectorAll('[data-testid="finding"][data-code$="_GROWTH_BAND"]').length === 0,
      undefined,
      { timeout: 10_000 },
    );
    expect(await seriousViolations(page)).toEqual([]);
  });

  it("splits the block selected in the grid, two specs × April–June, evenly and exactly", async () => {
    const page = await open(`${PLAN}/targets`);
    await page.locator(`[data-row-key="${figureRow}"]`).waitFor();
    // The first two specs' figure rows (their channel breakdowns between them are left out of the split).
    const specRows = await page
      .locator('[data-row-key^="F|"]')
      .evaluateAll((rows) => rows.map((row) => row.getAttribute("data-row-key")!).filter((key) => key !== "F|"));
    const [first, second] = specRows as [string, string];
    await cell(page, first, "MONTH4:TARGET").click();
    await cell(page, second, "MONTH6:TARGET").click({ modifiers: ["Shift"] });
    const splitButton = page.getByTestId("open-split");
    // The button names the block once the selection has reached the page.
    await page.waitForFunction(
      (title) => document.querySelector('[data-testid="open-split"]')?.getAttribute("title") === title,
      "2 个品规 × 4月–6月",
    );
    await splitButton.click();
    const dialog = page.getByRole("dialog");
    expect(await dialog.getByTestId("split-scope").innerText()).toBe("分解范围：2 个品规 × 4月–6月");
    await dialog.getByLabel("金额").fill("300,000.01");
    await dialog.getByLabel("各月分解方法").selectOption("EVEN");
    await dialog.getByRole("button", { name: "预览" }).click();
    await dialog.getByTestId("split-why").waitFor();
    expect(await dialog.getByTestId("split-remainder").innerText()).toBe("尚待分配：0.00");
    expect(await seriousViolations(page)).toEqual([]);
    await dialog.getByRole("button", { name: "应用" }).click();
    await page.getByText("已分解并保存 6 个单元格。").waitFor();

    // 300,000.01 over 2 × 3 cells: 50,000.00 each and the one fen to one cell; each spec and month
    // within a fen of its share, and the whole to the fen.
    const cells = await targetCells(page, planId, {
      metricIds: [salesMetricId],
      grains: ["FIGURE"],
      monthFrom: 4,
      monthTo: 6,
      productSpecIds: [first.slice(2), second.slice(2)],
    });
    expect(cells).toHaveLength(6);
    expect(sumFen(cells)).toBe(30_000_001n);
    expect(cells.map((node) => node.baseValue).sort()).toEqual([
      "50000.00",
      "50000.00",
      "50000.00",
      "50000.00",
      "50000.00",
      "50000.01",
    ]);
    // The grid shows the same six values, 300,000.01 together.
    let shownFen = 0n;
    for (const rowKey of [first, second]) {
      for (const month of [4, 5, 6]) {
        shownFen += fenOf(await cell(page, rowKey, `MONTH${month}:TARGET`).locator(".tg__value").innerText());
      }
    }
    expect(shownFen).toBe(30_000_001n);
  });

  it("breaks one spec's January down to the terminals that need a target, core ones first, with nothing left; a change by hand is flagged on the figure", async () => {
    const page = await open(`${PLAN}/targets`);
    await page.locator(`[data-row-key="${figureRow}"]`).waitFor();
    const [figure] = await targetCells(page, planId, {
      metricIds: [salesMetricId],
      grains: ["FIGURE"],
      productSpecIds: [specId],
      monthFrom: 1,
      monthTo: 1,
    });
    expect(figure).toBeDefined();
    const figureFen = fenOf(figure!.baseValue);

    await cell(page, figureRow, "MONTH1:TARGET").click();
    await page.getByTestId("open-breakdown").click();
    const dialog = page.getByRole("dialog");
    expect(await dialog.getByLabel("细分到").inputValue()).toBe("TERMINAL");
    expect(await dialog.getByLabel("要分解的数").inputValue()).toBe("FIGURES");
    // The county's terminals of class B and above, and its core terminals (the demo: every A shop is core).
    const required = await harness.db.prisma.terminal.count({
      where: { countyId, isActive: true, OR: [{ isCore: true }, { class: { rank: { lte: 2 } } }] },
    });
    expect(required).toBeGreaterThan(0);
    expect(await dialog.getByTestId("split-scope").innerText()).toBe(
      `分解范围：金樽·三十年 52度 500ml×6 的 ${required} 个终端 × 1月`,
    );
    await dialog.getByLabel("各月分解方法").selectOption("EVEN");
    await dialog.getByRole("button", { name: "预览" }).click();
    await dialog.getByTestId("split-left-row").waitFor();
    expect(await dialog.getByTestId("split-left-row").innerText()).toMatch(/^待分配\s+0\.00\s+0\.00$/);
    expect(await dialog.locator("tbody tr").count()).toBe(required);
    // Core terminals first: the first row is a core shop of class A.
    expect(await dialog.locator("tbody th").first().innerText()).toMatch(/\(A\)$/);
    await dialog.getByRole("button", { name: "应用" }).click();
    await page.getByText(`已分解并保存 ${required} 个单元格。`).waitFor();

    const terminals = await targetCells(page, planId, {
      metricIds: [salesMetricId],
      grains: ["TERMINAL"],
      productSpecIds: [specId],
      monthFrom: 1,
      monthTo: 1,
    });
    expect(terminals).toHaveLength(required);
    expect(sumFen(terminals)).toBe(figureFen);

    // The grid: the terminal rows under the figure, adding up; one changed by hand leaves the figure flagged.
    const terminalRow = page.locator(`[data-row-key^="B|${specId}|TERMINAL|"]`).first();
    await terminalRow.waitFor();
    const terminalKey = (await terminalRow.getAttribute("data-row-key"))!;
    const allocation = page.locator('[data-testid="allocation-row"]').filter({ hasText: "终端" });
    expect(await allocation.getAttribute("data-balanced")).toBe("true");
    const before = fenOf(await cell(page, terminalKey, "MONTH1:TARGET").locator(".tg__value").innerText());
    await typeInto(page, terminalKey, "MONTH1:TARGET", yuanOf(before + 100n));
    expect(await cell(page, figureRow, "MONTH1:TARGET").getAttribute("class")).toContain("is-flagged");
    expect(await cell(page, figureRow, "MONTH1:TARGET").getAttribute("title")).toContain("超出目标 1.00");
    expect(await allocation.getAttribute("data-balanced")).toBe("false");
  });
});
