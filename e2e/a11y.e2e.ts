// axe-core in the browser on each page of the shell: no serious or critical
// violation (WCAG 2.1 A and AA rules), in both languages.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seriousViolations } from "./axe.js";
import { announceSkip, startHarness, type Harness } from "./harness.js";

const skipReason = announceSkip("accessibility");

describe.skipIf(skipReason !== undefined)("accessibility", () => {
  let harness: Harness;

  beforeAll(async () => {
    harness = await startHarness();
  });

  afterAll(async () => {
    await harness?.close();
  });

  it("the sign-in page (with an error), my tasks, the pyramid, a unit page and the status page", async () => {
    const context = await harness.newContext();
    try {
      const page = await context.newPage();
      await page.goto(`${harness.baseUrl}/status`);
      await page.getByTestId("status-database").waitFor();
      expect(await seriousViolations(page)).toEqual([]);

      await page.goto(harness.baseUrl);
      await page.getByLabel("登录名").fill("gz.manager");
      await page.getByLabel("密码").fill("not-the-password");
      await page.getByRole("button", { name: "登录", exact: true }).click();
      await page.getByRole("alert").waitFor();
      expect(await seriousViolations(page)).toEqual([]);

      await page.getByLabel("密码").fill("demo1234");
      await page.getByRole("button", { name: "登录", exact: true }).click();
      await page.getByRole("heading", { name: "我的待办" }).waitFor();
      expect(await seriousViolations(page)).toEqual([]);

      await page.getByRole("link", { name: "组织金字塔" }).click();
      await page.locator('[data-testid="tree-row"][data-code="GZ"]').waitFor();
      expect(await seriousViolations(page)).toEqual([]);

      await page.getByRole("link", { name: "广州办事处" }).click();
      await page.getByRole("heading", { name: "下级单位" }).waitFor();
      expect(await seriousViolations(page)).toEqual([]);

      await page.getByRole("button", { name: "English" }).click();
      await page.waitForFunction(() => document.documentElement.lang === "en");
      expect(await seriousViolations(page)).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
