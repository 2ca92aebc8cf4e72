// The market-information archive (市场信息档案) in a real browser against the real server
// and the demo company (password demo1234): 从化's planner reports a competitor promotion
// (即时上报) with its terminal and estimated spend; 广州's reviewer finds it and audits it
// (稽核通过); the planner cites it as evidence of the 竞争形势 section of 从化's 2027 plan
// and still sees it there after a reload. axe-core checks the page. Under
// UPDATE_SCREENSHOT=1 it keeps the page at 1366×768 in zh-CN and in English in docs/.
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seriousViolations } from "./axe.js";
import { announceSkip, LAPTOP_VIEWPORT, REPO_ROOT, startHarness, type Harness } from "./harness.js";

const skipReason = announceSkip("market information");
const PASSWORD = "demo1234";
const TITLE = "古岭春双十一买赠（大润发从化店）";
const updateScreenshots = process.env.UPDATE_SCREENSHOT === "1";

async function screenshot(page: Page, file: string) {
  if (!updateScreenshots) return;
  mkdirSync(join(REPO_ROOT, "docs"), { recursive: true });
  await page.screenshot({ path: join(REPO_ROOT, "docs", file) });
}

async function signIn(page: Page, login: string) {
  await page.getByLabel("登录名").fill(login);
  await page.getByLabel("密码").fill(PASSWORD);
  await page.getByRole("button", { name: "登录", exact: true }).click();
}

describe.skipIf(skipReason !== undefined)("market information", () => {
  let harness: Harness;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    harness = await startHarness();
  });

  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => undefined);
    await harness?.close();
  });

  async function open(login: string, path: string): Promise<Page> {
    const context = await harness.newContext({ viewport: LAPTOP_VIEWPORT });
    contexts.push(context);
    const page = await context.newPage();
    await page.goto(`${harness.baseUrl}${path}`);
    await signIn(page, login);
    return page;
  }

  it("a county reports a competitor promotion, the city audits it, the county cites it in 竞争形势", async () => {
    const planner = await open("conghua.planner", "/market-info");
    await planner.getByRole("heading", { name: "市场信息档案" }).waitFor();
    await planner.getByTestId("market-info-new").click();
    const form = planner.getByTestId("market-info-form");
    await form.locator('select[name="type"]').selectOption("COMPETITOR_PROMOTION");
    await form.locator('select[name="source"]').selectOption("INSTANT_REPORT");
    await form.locator('select[name="periodType"]').selectOption("HOLIDAY");
    await form.locator('input[name="year"]').fill("2026");
    await form.getByLabel("节日名称").fill("双十一");
    await form.locator('input[name="title"]').fill(TITLE);
    // Fields by name (a label around a select also names the option shown). The catalogue's terminals arrive after the form opens.
    const terminal = form.locator('select[name="terminalId"]');
    await terminal.locator("option", { hasText: "大润发（从化店）" }).waitFor({ state: "attached" });
    await terminal.selectOption({ label: "大润发（从化店） (A)" });
    await form.getByLabel("竞品名称").fill("古岭春酒业");
    await form.locator('input[name="promotionType"]').fill("买赠");
    await form.locator('textarea[name="details"]').fill("双十一期间买一箱送两瓶，另送开瓶器");
    await form.getByLabel("估计投入（元）").fill("5,000.5");
    await form.getByRole("button", { name: "保存", exact: true }).click();
    await planner.getByText("已保存，等待稽核。").waitFor();
    const detail = planner.getByTestId("market-info-detail");
    await detail.getByText("待稽核").waitFor();
    await detail.getByText("5,000.50").waitFor();
    expect(await seriousViolations(planner)).toEqual([]);

    const { prisma } = harness.db;
    const stored = await prisma.marketInfoRecord.findFirstOrThrow({ where: { title: TITLE } });
    expect(stored).toMatchObject({
      competitorName: "古岭春酒业",
      periodType: "HOLIDAY",
      holidayName: "双十一",
      auditStatus: "PENDING",
    });
    expect(stored.payload).toMatchObject({ estimatedSpend: "5000.50", promotionType: "买赠" });

    // 广州's reviewer: the county's records are in the city's subtree.
    const reviewer = await open("gz.reviewer", "/market-info");
    await reviewer.getByLabel("关键字").fill("古岭春双十一");
    await reviewer.getByRole("button", { name: "筛选", exact: true }).click();
    await reviewer.getByRole("button", { name: TITLE }).click();
    const reviewed = reviewer.getByTestId("market-info-detail");
    await reviewed.getByRole("button", { name: "稽核通过" }).click();
    await reviewer.getByText("已记录稽核结果。").waitFor();
    await reviewed.getByText("已稽核").waitFor();
    expect((await prisma.marketInfoRecord.findUniqueOrThrow({ where: { id: stored.id } })).auditStatus).toBe("VERIFIED");

    // The planner cites it in 竞争形势 (ENV_COMPETITION) of 从化's plan.
    await planner.goto(`${harness.baseUrl}/plans/CONGHUA/2027/document`);
    const panel = planner.getByTestId("evidence-ENV_COMPETITION");
    const choose = panel.getByLabel("选择要引用的市场信息");
    await choose.focus();
    await choose.locator(`option[value="${stored.id}"]`).waitFor({ state: "attached" });
    await choose.selectOption(stored.id);
    await panel.getByRole("button", { name: "引用", exact: true }).click();
    await panel.getByTestId("evidence-row").filter({ hasText: TITLE }).waitFor();

    await planner.reload();
    const after = planner.getByTestId("evidence-ENV_COMPETITION").getByTestId("evidence-row").filter({ hasText: TITLE });
    await after.waitFor();
    await after.getByText("已稽核").waitFor();
    const section = await prisma.planSection.findFirstOrThrow({
      where: { code: "ENV_COMPETITION", plan: { orgUnit: { code: "CONGHUA" } } },
    });
    expect(await prisma.planSectionEvidence.count({ where: { sectionId: section.id, recordId: stored.id } })).toBe(1);
  });

  it("shows the archive at 1366×768 in both languages", async () => {
    const page = await open("gz.manager", "/market-info");
    await page.getByTestId("market-info-row").first().waitFor();
    await page.getByTestId("market-info-row").first().getByRole("button").click();
    await page.getByTestId("market-info-detail").waitFor();
    await screenshot(page, "screenshot-market-info.png");
    // hq.viewer works in English (its own setting), signed in from the Chinese sign-in page.
    const english = await open("hq.viewer", "/market-info?unit=GZ");
    await english.getByRole("heading", { name: "Market information archive" }).waitFor();
    await english.getByTestId("market-info-row").first().getByRole("button").click();
    await english.getByTestId("market-info-detail").getByText("Audit").first().waitFor();
    await screenshot(english, "screenshot-market-info-en.png");
    expect(await seriousViolations(english)).toEqual([]);
  });
});
