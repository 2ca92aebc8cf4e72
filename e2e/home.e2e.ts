// The system status page (public, /status) in a real browser against the real server and database.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { announceSkip, startHarness, type Harness } from "./harness.js";

const skipReason = announceSkip("system status page");

describe.skipIf(skipReason !== undefined)("system status page", () => {
  let harness: Harness;

  beforeAll(async () => {
    harness = await startHarness();
  });

  afterAll(async () => {
    await harness?.close();
  });

  const expectedDatabase = () =>
    harness.db.kind === "pglite"
      ? { zh: "嵌入式 PostgreSQL（PGlite）", en: "Embedded PostgreSQL (PGlite)" }
      : { zh: "PostgreSQL 服务器", en: "PostgreSQL server" };

  it("shows the title in Chinese and the live system status from the API", async () => {
    const context = await harness.newContext();
    try {
      const page = await context.newPage();
      await page.goto(`${harness.baseUrl}/status`);

      const title = page.getByRole("heading", { level: 1 });
      await title.waitFor();
      expect(await title.textContent()).toBe("正金字塔营销计划");
      expect(await page.title()).toBe("正金字塔营销计划");
      expect(await page.getAttribute("html", "lang")).toBe("zh-CN");

      const database = page.getByTestId("status-database");
      await database.waitFor();
      expect(await database.textContent()).toBe(expectedDatabase().zh);
      const applied = (harness.db.migrationReport?.alreadyApplied ?? 0) + (harness.db.migrationReport?.applied.length ?? 0);
      expect(await page.getByTestId("status-migrations").textContent()).toBe(`${applied} 个`);
      expect(await page.getByText("运行正常").count()).toBe(1);
      for (const step of ["县级起草", "城市审核", "省级汇总", "总部审批"]) {
        expect(await page.getByRole("heading", { name: step }).count()).toBe(1);
      }
    } finally {
      await context.close();
    }
  });

  it("switches to English and keeps the choice after a reload", async () => {
    const context = await harness.newContext();
    try {
      const page = await context.newPage();
      await page.goto(`${harness.baseUrl}/status`);
      await page.getByTestId("status-database").waitFor();

      await page.getByRole("button", { name: "English" }).click();
      const title = page.getByRole("heading", { level: 1 });
      await page.waitForFunction(() => document.documentElement.lang === "en");
      expect(await title.textContent()).toBe("Pyramid Planner");
      expect(await page.getByTestId("status-database").textContent()).toBe(expectedDatabase().en);
      expect(await page.getByRole("button", { name: "English" }).getAttribute("aria-pressed")).toBe("true");

      await page.reload();
      await page.getByTestId("status-database").waitFor();
      expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe("Pyramid Planner");

      await page.getByRole("button", { name: "中文" }).click();
      await page.waitForFunction(() => document.documentElement.lang === "zh-CN");
      expect(await title.textContent()).toBe("正金字塔营销计划");
    } finally {
      await context.close();
    }
  });

  it("opens a deep link (SPA fallback) on the sign-in page, remembering it, without console errors", async () => {
    const context = await harness.newContext();
    try {
      const page = await context.newPage();
      const consoleErrors: string[] = [];
      page.on("console", (message) => {
        if (message.type() === "error") consoleErrors.push(message.text());
      });
      page.on("pageerror", (error) => consoleErrors.push(error.message));

      const response = await page.goto(`${harness.baseUrl}/units/CONGHUA`);
      expect(response?.status()).toBe(200);
      await page.getByRole("button", { name: "登录" }).waitFor();
      expect(new URL(page.url()).pathname).toBe("/login");
      expect(new URL(page.url()).searchParams.get("next")).toBe("/units/CONGHUA");
      expect(consoleErrors).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
