// The dashboard (看板) in a real browser against the real server and the demo company: 广州's
// city manager opens 看板 from the header, sees the 2026 ranking of the city's counties (each
// county's figures checked against plain SQL over the seeded cells and actuals), downloads the
// ranking's data (CSV with a BOM), and clicks a county to open its dashboard.
import { readFile } from "node:fs/promises";
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { announceSkip, LAPTOP_VIEWPORT, startHarness, type Harness } from "./harness.js";

const skipReason = announceSkip("dashboard");
const PASSWORD = "demo1234";

/** "1234567.8" → "1,234,567.80" (the app's money format, worked here independently). */
function grouped(decimal: string): string {
  const [whole = "0", fraction = ""] = decimal.split(".");
  return `${whole.replace(/\B(?=(\d{3})+(?!\d))/g, ",")}.${(fraction + "00").slice(0, 2)}`;
}

describe.skipIf(skipReason !== undefined)("dashboard", () => {
  let harness: Harness;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    harness = await startHarness();
  }, 600_000);

  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => undefined);
    await harness?.close();
  });

  async function signedIn(login: string): Promise<Page> {
    const context = await harness.newContext({ viewport: LAPTOP_VIEWPORT });
    contexts.push(context);
    const page = await context.newPage();
    await page.goto(harness.baseUrl);
    await page.getByLabel("登录名", { exact: true }).fill(login);
    await page.getByLabel("密码", { exact: true }).fill(PASSWORD);
    await page.getByRole("button", { name: "登录", exact: true }).click();
    await page.getByRole("heading", { name: "我的待办" }).waitFor();
    return page;
  }

  it("广州's manager reads the counties' completion, checks one against SQL, downloads the data and opens a county", async () => {
    const page = await signedIn("gz.manager");
    await page.getByRole("link", { name: "看板", exact: true }).click();
    await page.getByRole("heading", { name: "看板：广州办事处" }).waitFor();
    expect(new URL(page.url()).pathname).toBe("/dashboard/GZ/2026");

    const [expected] = await harness.db.migrationsExecutor.query<{ target: string; actual: string }>(
      `SELECT
         (SELECT sum(c."baseValue") FROM "TargetCell" c JOIN "Plan" p ON p.id = c."planId" JOIN "PlanCycle" cy ON cy.id = p."cycleId"
            JOIN "OrgUnit" u ON u.id = p."orgUnitId" JOIN "Metric" m ON m.id = c."metricId"
          WHERE cy.code = 'FY2026' AND u.code = 'CONGHUA' AND m.code = 'SALES_REVENUE' AND c."channelId" IS NULL AND c.month <= 10)::text AS target,
         (SELECT sum(a.value) FROM "SalesActual" a JOIN "OrgUnit" u ON u.id = a."orgUnitId" JOIN "Metric" m ON m.id = a."metricId"
          WHERE u.code = 'CONGHUA' AND m.code = 'SALES_REVENUE' AND a.year = 2026 AND a.month <= 10)::text AS actual`,
    );
    const row = page.locator('[data-testid="child-row"][data-unit="CONGHUA"]');
    await row.waitFor({ state: "attached" });
    const cells = await row.locator("td").allTextContents();
    expect(cells).toContain(grouped(expected!.target));
    expect(cells).toContain(grouped(expected!.actual));
    expect(await page.locator('[data-testid="child-row"]').count()).toBe(3);
    await page.locator('[data-testid="children-chart"] svg').first().waitFor();

    const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("children-download").click()]);
    expect(download.suggestedFilename()).toBe("GZ-2026-SALES_REVENUE-M10-children.csv");
    const csv = await readFile((await download.path())!, "utf8");
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    expect(csv.split("\r\n")[0]).toBe("\uFEFF排名,单位,目标,实际,差额,完成率,超额完成各项目标");
    expect(csv).toContain(`从化区市场部,${expected!.target},${expected!.actual},`);

    await page.getByText("数据表").first().click();
    await row.getByRole("link", { name: "从化区市场部" }).click();
    await page.getByRole("heading", { name: "看板：从化区市场部" }).waitFor();
    expect(new URL(page.url()).pathname).toBe("/dashboard/CONGHUA/2026");
    await page.getByTestId("months-chart").waitFor();
  });
});
