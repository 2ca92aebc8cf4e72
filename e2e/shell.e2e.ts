// The signed-in app in a real browser against the real server and the demo
// company (docs/demo-company.md: cycle FY2027, every plan a DRAFT, county
// deadline 2026-12-10; password demo1234).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { announceSkip, startHarness, type Harness } from "./harness.js";

const skipReason = announceSkip("app shell");
const PASSWORD = "demo1234";

async function signIn(
  page: Page,
  login: string,
  password = PASSWORD,
  labels = { login: "登录名", password: "密码", submit: "登录" },
) {
  await page.getByLabel(labels.login).fill(login);
  await page.getByLabel(labels.password).fill(password);
  await page.getByRole("button", { name: labels.submit, exact: true }).click();
}

const pathOf = (page: Page) => new URL(page.url()).pathname;

describe.skipIf(skipReason !== undefined)("app shell", () => {
  let harness: Harness;

  beforeAll(async () => {
    harness = await startHarness();
  });

  afterAll(async () => {
    await harness?.close();
  });

  it("a county planner signs in (zh-CN), sees their task, walks the tree, is refused another city's county, switches to English, reloads and is still signed in, signs out", async () => {
    const context = await harness.newContext();
    try {
      const page = await context.newPage();
      await page.goto(`${harness.baseUrl}/pyramid`);
      await page.getByRole("button", { name: "登录", exact: true }).waitFor();
      expect(pathOf(page)).toBe("/login");

      await signIn(page, "conghua.planner", "wrong-password");
      expect(await page.getByRole("alert").textContent()).toBe("登录名或密码不正确。");

      await page.getByLabel("登录名").fill("");
      await signIn(page, "Conghua.Planner");
      // Back where they were going: the pyramid, from their own unit down.
      const row = page.locator('[data-testid="tree-row"][data-code="CONGHUA"]');
      await row.waitFor();
      expect(pathOf(page)).toBe("/pyramid");
      expect(await page.getByTestId("tree-row").count()).toBe(1);
      expect(await row.locator("[data-status]").textContent()).toBe("草稿");
      expect(await row.textContent()).toContain("2026年12月10日");
      expect(await page.getByTestId("viewer-roles").textContent()).toBe("从化区市场部 · 编制人");
      expect(await page.getByLabel("计划周期").inputValue()).toBe("FY2027");

      await page.getByRole("link", { name: "我的待办" }).click();
      const task = page.getByTestId("task-row");
      await task.waitFor();
      expect(await task.count()).toBe(1);
      expect(await task.locator("td").nth(1).textContent()).toBe("编制并提交计划");
      expect(await task.locator("[data-status]").textContent()).toBe("草稿");

      await task.getByRole("link", { name: "从化区市场部" }).click();
      await page.getByRole("heading", { name: "从化区市场部 (CONGHUA)" }).waitFor();
      expect(pathOf(page)).toBe("/units/CONGHUA");
      const salesTarget = page.locator(".facts__item", { hasText: "销售目标（元）" }).locator("dd");
      expect(await salesTarget.textContent()).toMatch(/^\d{1,3}(,\d{3})*\.\d{2}$/);

      // Shunde (顺德区) belongs to Foshan, another city: outside the planner's scope.
      await page.goto(`${harness.baseUrl}/units/SHUNDE`);
      await page.getByRole("heading", { name: "未找到页面" }).waitFor();

      await page.getByRole("button", { name: "English" }).click();
      await page.waitForFunction(() => document.documentElement.lang === "en");
      await page.reload();
      // Still signed in, still on the refused unit's address, now in English.
      await page.getByRole("heading", { name: "Page not found" }).waitFor();
      expect(pathOf(page)).toBe("/units/SHUNDE");
      expect(await page.getByRole("link", { name: "My tasks", exact: true }).count()).toBe(1);

      await page.locator('button[aria-haspopup="menu"]').click();
      await page.getByRole("menuitem", { name: "Sign out" }).click();
      await page.getByText("You have signed out.").waitFor();
      expect(pathOf(page)).toBe("/login");
      await page.goto(harness.baseUrl);
      await page.getByRole("button", { name: "Sign in", exact: true }).waitFor();
      expect(pathOf(page)).toBe("/login");
    } finally {
      await context.close();
    }
  });

  it("hq.viewer gets the English interface from their own setting", async () => {
    const context = await harness.newContext();
    try {
      const page = await context.newPage();
      await page.goto(harness.baseUrl);
      await signIn(page, "hq.viewer");
      await page.getByRole("link", { name: "My tasks" }).waitFor();
      expect(await page.getAttribute("html", "lang")).toBe("en");
      expect(await page.getByTestId("viewer-roles").textContent()).toBe("Marketing HQ · Viewer");
      await page.getByText("No plan is waiting for you.").waitFor();
    } finally {
      await context.close();
    }
  });

  it("a city manager sees its counties' progress and the submitted plan to review", async () => {
    // One of Guangzhou's three counties has submitted (seeded plans are all drafts).
    const zengcheng = await harness.db.prisma.orgUnit.findFirstOrThrow({ where: { code: "ZENGCHENG" } });
    await harness.db.prisma.plan.updateMany({
      where: { orgUnitId: zengcheng.id, cycle: { code: "FY2027" } },
      data: { status: "SUBMITTED", submittedAt: new Date("2026-11-20T02:00:00Z") },
    });

    const context = await harness.newContext();
    try {
      const page = await context.newPage();
      await page.goto(harness.baseUrl);
      await signIn(page, "gz.manager");
      const review = page.getByTestId("task-row").filter({ hasText: "审核下级计划" });
      await review.waitFor();
      expect(await review.getByRole("link").textContent()).toBe("增城区市场部");
      expect(await review.locator("[data-status]").textContent()).toBe("已提交");

      await page.getByRole("link", { name: "组织金字塔" }).click();
      const city = page.locator('[data-testid="tree-row"][data-code="GZ"]');
      await city.waitFor();
      expect(await city.getByTestId("tree-progress").textContent()).toBe("已提交 1/3，已批准 0");
      expect(await page.getByTestId("tree-row").count()).toBe(4);
      expect(await page.locator('[data-testid="tree-row"][data-code="ZENGCHENG"] [data-status]').textContent()).toBe("已提交");
      // Key figures in 万元: two decimals with thousands separators, the exact 元 in the tooltip.
      const target = city.locator("td.number").first();
      expect(await target.textContent()).toMatch(/^\d{1,3}(,\d{3})*\.\d{2}$/);
      expect(await target.getAttribute("title")).toMatch(/^\d{1,3}(,\d{3})*\.\d{2} 元$/);

      await page.getByLabel("搜索单位（编码或名称）").fill("增城");
      await page.getByRole("button", { name: "搜索" }).click();
      await page.waitForURL((url) => url.searchParams.get("q") === "增城");
      await page.getByText("找到 1 个单位").waitFor();
      expect(
        await page.locator('[data-testid="search-row"]').evaluateAll((rows) => rows.map((row) => row.getAttribute("data-code"))),
      ).toEqual(["ZENGCHENG"]);
    } finally {
      await context.close();
    }
  });

  it("an expired session goes to sign-in and back to the page afterwards", async () => {
    const context = await harness.newContext();
    try {
      const page = await context.newPage();
      await page.goto(harness.baseUrl);
      // Not conghua.planner: the first story saved English as their language on the server.
      await signIn(page, "huadu.planner");
      await page.getByTestId("task-row").waitFor();

      await harness.db.prisma.session.deleteMany({});
      await page.getByRole("link", { name: "组织金字塔" }).click();
      await page.getByText("登录已过期，请重新登录。").waitFor();
      expect(pathOf(page)).toBe("/login");

      await signIn(page, "huadu.planner");
      await page.locator('[data-testid="tree-row"][data-code="HUADU"]').waitFor();
      expect(pathOf(page)).toBe("/pyramid");
    } finally {
      await context.close();
    }
  });
});

describe.skipIf(skipReason !== undefined)("sign-in limits", () => {
  let harness: Harness;

  beforeAll(async () => {
    harness = await startHarness();
  });

  afterAll(async () => {
    await harness?.close();
  });

  it("after five wrong passwords the login page says when to try again (Beijing time), even with the right one", async () => {
    const context = await harness.newContext();
    try {
      const page = await context.newPage();
      await page.goto(harness.baseUrl);
      const firstFailure = Date.now();
      for (let attempt = 1; attempt <= 5; attempt += 1) {
        await signIn(page, "huadu.planner", `wrong-${attempt}`);
        await page.getByRole("alert").filter({ hasText: "登录名或密码不正确。" }).waitFor();
        // The next answer replaces this one: wait until the form is ready again.
        await page.getByRole("button", { name: "登录", exact: true }).and(page.locator(":enabled")).waitFor();
      }
      const lastFailure = Date.now();
      await signIn(page, "huadu.planner");
      const alert = page.getByRole("alert").filter({ hasText: "登录失败次数过多" });
      await alert.waitFor();
      const shown = /请于 (\d{4}-\d{2}-\d{2} \d{2}:\d{2})（北京时间）后再试。/.exec((await alert.textContent()) ?? "")?.[1];
      // The window is 15 minutes from the first failure (docs: sign-in limits), shown to the minute in UTC+8.
      const beijingMinute = (ms: number) =>
        new Date(ms + 15 * 60_000 + 8 * 3_600_000).toISOString().slice(0, 16).replace("T", " ");
      expect([beijingMinute(firstFailure), beijingMinute(lastFailure)]).toContain(shown);
      expect(pathOf(page)).toBe("/login");
    } finally {
      await context.close();
    }
  });
});
