// The review screen and the cycle admin in a real browser against the real server and the
// demo company (password demo1234): 广州's manager opens the review of GZ, sees its three
// counties side by side and the roll-up by child, splits a typed figure evenly as their
// guidance (preview, publish asked once) and sees it on each county's row; hq.admin opens the
// cycle admin and manages FY2027 (its 28 template sections, its progress).
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { announceSkip, startHarness, type Harness } from "./harness.js";

const skipReason = announceSkip("review and cycles");
const PASSWORD = "demo1234";

async function signIn(page: Page, login: string) {
  await page.getByLabel("登录名", { exact: true }).fill(login);
  await page.getByLabel("密码", { exact: true }).fill(PASSWORD);
  await page.getByRole("button", { name: "登录", exact: true }).click();
  await page.getByRole("heading", { name: "我的待办" }).waitFor();
}

describe.skipIf(skipReason !== undefined)("review and cycles", () => {
  let harness: Harness;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    harness = await startHarness();
  });

  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => undefined);
    await harness?.close();
  });

  async function signedIn(login: string): Promise<Page> {
    const context = await harness.newContext();
    contexts.push(context);
    const page = await context.newPage();
    await page.goto(harness.baseUrl);
    await signIn(page, login);
    return page;
  }

  it("广州's manager reviews the counties side by side and publishes an even split of a figure as their guidance", async () => {
    const page = await signedIn("gz.manager");
    await page.goto(`${harness.baseUrl}/review/GZ/2027`);
    await page.getByRole("heading", { name: "审核：广州办事处" }).waitFor();
    const rows = page.locator('[data-testid="review-row"]');
    await rows.first().waitFor();
    expect(await rows.evaluateAll((elements) => elements.map((element) => element.getAttribute("data-unit")))).toEqual([
      "CONGHUA",
      "ZENGCHENG",
      "HUADU",
      "GZ",
    ]);
    await page.locator('[data-testid="reconciliation-row"][data-metric="SALES_REVENUE"]').waitFor();
    // By child: the city's own items, then each county.
    await page.locator('[data-testid="rollup-line"]').nth(3).waitFor();
    expect(await page.locator('[data-testid="rollup-line"]').count()).toBe(4);

    await page.getByLabel("分解对象").selectOption("AMOUNT");
    await page.getByLabel("数额（元）").fill("300,000.01");
    await page.getByLabel("分解方法").selectOption("EVEN");
    await page.getByRole("button", { name: "预览", exact: true }).click();
    await page.locator('[data-testid="split-row"]').nth(2).waitFor();
    // 300,000.01 ÷ 3: 100,000.00 each and the leftover fen to one of them, by the smallest key.
    const proposed = await page.locator('[data-testid="split-row"] td:nth-of-type(4)').allTextContents();
    expect([...proposed].sort()).toEqual(["100,000.00", "100,000.00", "100,000.01"]);
    await page.getByRole("button", { name: "发布给下级", exact: true }).click();
    const dialog = page.getByRole("dialog");
    await dialog.getByText("3 个下级的指导目标将改为预览中的数，合计 300,000.01。").waitFor();
    await dialog.getByRole("button", { name: "发布给下级" }).click();
    await page.getByText("已发布：3 个下级的指导目标，合计 300,000.01。").waitFor();
    // The counties' rows show their guidance (column 8).
    await page
      .locator('[data-testid="review-row"][data-unit="CONGHUA"] td:nth-of-type(7)')
      .filter({ hasText: "100,000" })
      .waitFor();
    const guidance = await page.locator('[data-testid="review-row"] td:nth-of-type(7)').allTextContents();
    expect([...guidance.slice(0, 3)].sort()).toEqual(["100,000.00", "100,000.00", "100,000.01"]);
  });

  it("hq.admin manages the cycle: the template's sections and the progress across the pyramid", async () => {
    const page = await signedIn("hq.admin");
    await page.locator('button[aria-haspopup="menu"]').click();
    await page.getByRole("menuitem", { name: "计划周期" }).click();
    const row = page.locator('[data-testid="cycle-row"][data-code="FY2027"]');
    await row.waitFor();
    await row.getByRole("button", { name: "管理" }).click();
    await page.locator('[data-testid="template-section"]').nth(27).waitFor();
    expect(await page.locator('[data-testid="template-section"]').count()).toBe(28);
    expect(await page.locator('[data-testid="cycle-progress"] tbody tr').count()).toBeGreaterThan(0);
    await page.locator('[data-testid="province-guidance"]').first().waitFor();
  });
});
