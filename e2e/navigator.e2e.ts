// The pyramid navigator, the unit page and the cycle in the address, in a real
// browser against the real server and the demo company (docs/demo-company.md:
// cycle FY2027, every plan a DRAFT, county deadline 2026-12-10; password demo1234).
// Under UPDATE_SCREENSHOT=1 it also takes the README's screenshots (1366×768, zh-CN).
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seriousViolations } from "./axe.js";
import { announceSkip, LAPTOP_VIEWPORT, REPO_ROOT, startHarness, type Harness } from "./harness.js";

const skipReason = announceSkip("pyramid navigator");
const PASSWORD = "demo1234";
const updateScreenshots = process.env.UPDATE_SCREENSHOT === "1";

async function signIn(page: Page, login: string) {
  await page.getByLabel("登录名").fill(login);
  await page.getByLabel("密码").fill(PASSWORD);
  await page.getByRole("button", { name: "登录", exact: true }).click();
}

async function screenshot(page: Page, file: string) {
  if (!updateScreenshots) return;
  mkdirSync(join(REPO_ROOT, "docs"), { recursive: true });
  await page.screenshot({ path: join(REPO_ROOT, "docs", file) });
}

const pathOf = (page: Page) => new URL(page.url()).pathname;
const cycleOf = (page: Page) => new URL(page.url()).searchParams.get("cycle");
const treeRow = (page: Page, code: string) => page.locator(`[data-testid="tree-row"][data-code="${code}"]`);
const focusedCode = (page: Page) => page.evaluate(() => document.activeElement?.getAttribute("data-code") ?? null);
const visibleCodes = (page: Page) =>
  page.locator('[data-testid="tree-row"]').evaluateAll((rows) => rows.map((row) => row.getAttribute("data-code")));

describe.skipIf(skipReason !== undefined)("pyramid navigator", () => {
  let harness: Harness;

  beforeAll(async () => {
    harness = await startHarness();
    // One of Guangzhou's three counties has submitted (seeded plans are all drafts).
    const zengcheng = await harness.db.prisma.orgUnit.findFirstOrThrow({ where: { code: "ZENGCHENG" } });
    await harness.db.prisma.plan.updateMany({
      where: { orgUnitId: zengcheng.id, cycle: { code: "FY2027" } },
      data: { status: "SUBMITTED", submittedAt: new Date("2026-11-20T02:00:00Z") },
    });
  });

  afterAll(async () => {
    await harness?.close();
  });

  it("a city manager walks the tree with the keyboard, sees the counties' progress, opens a county's page and finds a county by its code", async () => {
    const context = await harness.newContext({ viewport: LAPTOP_VIEWPORT });
    try {
      const page = await context.newPage();
      await page.goto(harness.baseUrl);
      await signIn(page, "gz.manager");
      await page.getByTestId("task-row").filter({ hasText: "审核下级计划" }).waitFor();
      await screenshot(page, "screenshot-tasks.png");

      await page.getByRole("link", { name: "组织金字塔" }).click();
      const city = treeRow(page, "GZ");
      await city.waitFor();
      // The manager's one unit is open at once: Guangzhou and its three counties.
      expect(await visibleCodes(page)).toEqual(["GZ", "CONGHUA", "ZENGCHENG", "HUADU"]);
      expect(await city.getAttribute("aria-expanded")).toBe("true");
      expect(await city.getByTestId("tree-progress").textContent()).toBe("已提交 1/3，已批准 0");
      expect(await page.getByRole("treegrid", { name: "组织金字塔" }).count()).toBe(1);

      // From the search box, Tab reaches the tree: one stop, on Guangzhou.
      await page.getByLabel("搜索单位（编码或名称）").focus();
      await page.keyboard.press("Tab");
      await page.keyboard.press("Tab");
      expect(await focusedCode(page)).toBe("GZ");
      await page.keyboard.press("ArrowLeft");
      expect(await city.getAttribute("aria-expanded")).toBe("false");
      expect(await visibleCodes(page)).toEqual(["GZ"]);
      await page.keyboard.press("ArrowRight");
      expect(await city.getAttribute("aria-expanded")).toBe("true");
      expect(await visibleCodes(page)).toEqual(["GZ", "CONGHUA", "ZENGCHENG", "HUADU"]);
      await page.keyboard.press("ArrowRight");
      expect(await focusedCode(page)).toBe("CONGHUA");
      await page.keyboard.press("ArrowDown");
      expect(await focusedCode(page)).toBe("ZENGCHENG");
      const zengcheng = treeRow(page, "ZENGCHENG");
      expect(await zengcheng.getAttribute("aria-level")).toBe("2");
      expect(await zengcheng.locator("[data-status]").textContent()).toBe("已提交");
      expect(await treeRow(page, "HUADU").locator("[data-status]").textContent()).toBe("草稿");
      expect(await treeRow(page, "HUADU").textContent()).toContain("2026年12月10日");
      expect(await seriousViolations(page)).toEqual([]);
      await screenshot(page, "screenshot.png");

      await page.keyboard.press("Enter");
      await page.getByRole("heading", { name: "增城区市场部 (ZENGCHENG)" }).waitFor();
      expect(pathOf(page)).toBe("/units/ZENGCHENG");
      expect(cycleOf(page)).toBe("2027");
      const crumbs = page.getByRole("navigation", { name: "所在位置" });
      await crumbs.getByRole("link", { name: "广州办事处" }).waitFor();
      expect(await crumbs.locator("li").allTextContents()).toEqual(["营销总部", "广东省分公司", "广州办事处", "增城区市场部"]);
      // Only the units in the manager's scope are links.
      expect(await crumbs.getByRole("link").allTextContents()).toEqual(["广州办事处"]);
      expect(await page.getByRole("link", { name: "打开计划工作台" }).getAttribute("href")).toBe("/plans/ZENGCHENG/2027");
      expect(await page.getByRole("link", { name: "销售目标" }).getAttribute("href")).toBe("/plans/ZENGCHENG/2027/targets");
      expect(await seriousViolations(page)).toEqual([]);

      await crumbs.getByRole("link", { name: "广州办事处" }).click();
      await page.getByRole("heading", { name: "广州办事处 (GZ)" }).waitFor();
      // The children come with their own request, after the unit's heading.
      await page.getByTestId("tree-row").nth(2).waitFor();
      expect(await page.getByTestId("tree-row").count()).toBe(3);

      await page.getByRole("link", { name: "组织金字塔" }).click();
      await page.getByLabel("搜索单位（编码或名称）").fill("HUADU");
      await page.keyboard.press("Enter");
      await page.waitForURL((url) => url.searchParams.get("q") === "HUADU" && url.searchParams.get("cycle") === "2027");
      const found = page.locator('[data-testid="search-row"]');
      await found.first().waitFor();
      expect(await found.evaluateAll((rows) => rows.map((row) => row.getAttribute("data-code")))).toEqual(["HUADU"]);
      await page.getByTestId("search-path").filter({ hasText: "营销总部 › 广东省分公司 › 广州办事处" }).waitFor();
      expect(await seriousViolations(page)).toEqual([]);
      await page.getByRole("button", { name: "在树中显示花都区市场部" }).click();
      await treeRow(page, "HUADU").waitFor();
      await page.waitForFunction(() => document.activeElement?.getAttribute("data-code") === "HUADU");
      expect(new URL(page.url()).searchParams.get("q")).toBeNull();
    } finally {
      await context.close();
    }
  });

  it("keeps the chosen cycle in the address, across pages and a reload", async () => {
    // The demo's closed FY2026 cycle: every plan APPROVED (docs/demo-company.md).
    const context = await harness.newContext();
    try {
      const page = await context.newPage();
      await page.goto(`${harness.baseUrl}/pyramid`);
      await signIn(page, "gz.manager");
      await treeRow(page, "GZ").waitFor();
      // No cycle asked for: the newest open one, written into the address.
      await page.waitForURL((url) => url.searchParams.get("cycle") === "2027");
      const selector = page.getByLabel("计划周期");
      expect(await selector.inputValue()).toBe("FY2027");
      expect(await treeRow(page, "GZ").locator("[data-status]").textContent()).toBe("草稿");

      await selector.selectOption("FY2026");
      await page.waitForURL((url) => url.searchParams.get("cycle") === "2026");
      // 2026's own plans: the same units, each with its approved plan of 2026.
      await treeRow(page, "GZ").locator('[data-status="APPROVED"]').waitFor();
      expect(await treeRow(page, "GZ").locator("[data-status]").textContent()).toBe("已批准");

      await page.reload();
      await treeRow(page, "GZ").locator('[data-status="APPROVED"]').waitFor();
      expect(await page.getByLabel("计划周期").inputValue()).toBe("FY2026");
      expect(cycleOf(page)).toBe("2026");

      await page.getByRole("link", { name: "我的待办" }).click();
      await page.getByRole("heading", { name: "我的待办" }).waitFor();
      expect(pathOf(page)).toBe("/");
      expect(cycleOf(page)).toBe("2026");
      await page.getByRole("link", { name: "组织金字塔" }).click();
      await treeRow(page, "GZ").locator('[data-status="APPROVED"]').waitFor();
      expect(cycleOf(page)).toBe("2026");

      // Back to 2027: its own plans again (nothing of 2026 kept for the same units).
      await page.getByLabel("计划周期").selectOption("FY2027");
      await treeRow(page, "GZ").locator('[data-status="DRAFT"]').waitFor();
      expect(await treeRow(page, "ZENGCHENG").locator("[data-status]").textContent()).toBe("已提交");

      // An address naming a cycle the viewer does not see shows the default, and says so.
      await page.goto(`${harness.baseUrl}/pyramid?cycle=1999`);
      await page.getByText("找不到计划周期“1999”或您无权查看，当前显示的是2027年度营销方案。").waitFor();
      await page.waitForURL((url) => url.searchParams.get("cycle") === "2027");
    } finally {
      await context.close();
    }
  });

  it("sends someone who is signed in from /login to their home, or to a safe next page", async () => {
    const context = await harness.newContext();
    try {
      const page = await context.newPage();
      await page.goto(harness.baseUrl);
      await signIn(page, "conghua.planner");
      await page.getByTestId("task-row").waitFor();

      await page.goto(`${harness.baseUrl}/login`);
      await page.getByRole("heading", { name: "我的待办" }).waitFor();
      expect(pathOf(page)).toBe("/");

      await page.goto(`${harness.baseUrl}/login?next=${encodeURIComponent("/units/CONGHUA")}`);
      await page.getByRole("heading", { name: "从化区市场部 (CONGHUA)" }).waitFor();
      expect(pathOf(page)).toBe("/units/CONGHUA");

      await page.goto(`${harness.baseUrl}/login?next=${encodeURIComponent("https://evil.example/")}`);
      await page.getByRole("heading", { name: "我的待办" }).waitFor();
      expect(new URL(page.url()).origin).toBe(harness.baseUrl);
      expect(pathOf(page)).toBe("/");

      // Signed out, /login is the sign-in page again.
      await page.locator('button[aria-haspopup="menu"]').click();
      await page.getByRole("menuitem", { name: "退出登录" }).click();
      await page.getByText("您已退出登录。").waitFor();
      await page.goto(`${harness.baseUrl}/login`);
      await page.getByRole("button", { name: "登录", exact: true }).waitFor();
      expect(pathOf(page)).toBe("/login");
    } finally {
      await context.close();
    }
  });
});
