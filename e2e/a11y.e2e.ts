// axe-core in the browser on each page of the shell: no serious or critical
// violation (WCAG 2.1 A and AA rules), in both languages.
import { AxeBuilder } from "@axe-core/playwright";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { announceSkip, startHarness, type Harness } from "./harness.js";

const skipReason = announceSkip("accessibility");

async function seriousViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  // The rules ran on this page (an empty result from a page axe never saw would prove nothing).
  expect(results.passes.length).toBeGreaterThan(10);
  return results.violations
    .filter((violation) => violation.impact === "serious" || violation.impact === "critical")
    .map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(" ")).join(", ")}`);
}

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
