// Finance's exports in a real browser against the real server and the demo company (password
// demo1234). First, through the same GraphQL API the workbench uses (as each user), 广州's three
// counties and the city itself get a budget and targets (story-fixture.ts), are submitted and
// approved bottom-up (the counties by gz.manager, the city by gd.manager). Then gz.finance opens
// 财务导出, previews the approved budget of GZ's subtree and downloads it as XLSX and as CSV: the
// files' totals (read with ExcelJS and a CSV split) equal the page's preview, the database's own
// sum of the approved snapshots and the figures written here, to the fen.
import { mkdirSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { join } from "node:path";
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { announceSkip, LAPTOP_VIEWPORT, REPO_ROOT, startHarness, type Harness } from "./harness.js";
import { makeSubmittable } from "./story-fixture.js";

const skipReason = announceSkip("finance exports");
// Under UPDATE_SCREENSHOT=1 it also keeps the Finance page's screenshots (1366×768, zh-CN and en) in docs/.
const updateScreenshots = process.env.UPDATE_SCREENSHOT === "1";
const PASSWORD = "demo1234";
const YEAR = 2027;
const COUNTIES = ["CONGHUA", "ZENGCHENG", "HUADU"] as const;
const PLANNER: Record<string, string> = {
  CONGHUA: "conghua.planner",
  ZENGCHENG: "zengcheng.planner",
  HUADU: "huadu.planner",
  GZ: "gz.manager",
};

// ExcelJS is the server's dependency: load it from there (the e2e files live at the root).
interface Worksheet {
  readonly rowCount: number;
  readonly columnCount: number;
  getRow(index: number): { getCell(column: number): { value: unknown } };
}
interface ExcelWorkbook {
  readonly xlsx: { load(buffer: Buffer): Promise<unknown> };
  readonly worksheets: Worksheet[];
}
const ExcelJS = createRequire(join(REPO_ROOT, "apps/server/package.json"))("exceljs") as {
  Workbook: new () => ExcelWorkbook;
};

/** Exact decimal text → fen. */
function fenOf(text: string): bigint {
  const clean = text.replace(/,/g, "").trim();
  const match = /^(-?)(\d+)(?:\.(\d{1,2}))?$/.exec(clean);
  if (!match) throw new Error(`"${text}" is not an amount`);
  const fen = BigInt(match[2]!) * 100n + BigInt((match[3] ?? "").padEnd(2, "0"));
  return match[1] === "-" ? -fen : fen;
}
const yuan = (fen: bigint) => `${fen / 100n}.${(fen % 100n).toString().padStart(2, "0")}`;

/** One GraphQL operation in the page, with its session, as the web client sends it. */
async function graphql(page: Page, query: string, variables: Record<string, unknown> = {}): Promise<Record<string, unknown>> {
  const answer = await page.evaluate(
    async ({ query, variables }) => {
      const response = await fetch("/graphql", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ query, variables }),
      });
      return (await response.json()) as { data?: Record<string, unknown>; errors?: unknown[] };
    },
    { query, variables },
  );
  if (answer.errors) throw new Error(`GraphQL refused: ${JSON.stringify(answer.errors)}`);
  return answer.data!;
}

describe.skipIf(skipReason !== undefined)("finance exports", () => {
  let harness: Harness;
  const contexts: BrowserContext[] = [];
  /** The budget written per unit, in fen (the oracle the files are held against). */
  const writtenFen = new Map<string, bigint>();

  beforeAll(async () => {
    harness = await startHarness();
  });

  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => undefined);
    await harness?.close();
  });

  async function apiAs(login: string): Promise<Page> {
    const context = await harness.newContext({ viewport: LAPTOP_VIEWPORT });
    contexts.push(context);
    const page = await context.newPage();
    await page.goto(`${harness.baseUrl}/login`);
    await graphql(page, "mutation($l: String!, $p: String!) { login(login: $l, password: $p) { expiresAt } }", {
      l: login,
      p: PASSWORD,
    });
    return page;
  }

  /** Targets and the document as story-fixture makes them, and a budget: three unit-level items × 12 months. */
  async function prepare(page: Page, unitCode: string, index: number): Promise<string> {
    const call = (query: string, variables?: Record<string, unknown>) => graphql(page, query, variables);
    await makeSubmittable(call, unitCode, YEAR);
    const read = (await call(
      `query($u: String!, $y: Int!) { plan(unitCode: $u, year: $y) { id
         expenses { categories { code items { itemId code detailDimension } } } } }`,
      { u: unitCode, y: YEAR },
    )) as {
      plan: {
        id: string;
        expenses: { categories: { code: string; items: { itemId: string; code: string; detailDimension: string | null }[] }[] };
      };
    };
    const planId = read.plan.id;
    const items = ["PERSONNEL", "OFFICE", "MEDIA"].map((code) =>
      read.plan.expenses.categories.find((c) => c.code === code)!.items.find((i) => i.detailDimension === null)!,
    );
    // Unit i, item j, month m: (i+1)·1000 + j·100 + m yuan and (7m + j) fen — every amount with fen.
    let total = 0n;
    const changes = items.flatMap((item, j) =>
      Array.from({ length: 12 }, (_, k) => {
        const month = k + 1;
        const fen = BigInt((index + 1) * 1000 + j * 100 + month) * 100n + BigInt((7 * month + j) % 100);
        total += fen;
        return { itemId: item.itemId, month, amount: yuan(fen), expectedVersion: null };
      }),
    );
    const saved = (await call(
      `mutation($p: ID!, $c: [ExpenseCellChangeInput!]!) { saveExpenseCells(planId: $p, changes: $c) { __typename } }`,
      { p: planId, c: changes },
    )) as { saveExpenseCells: { __typename: string } };
    expect(saved.saveExpenseCells.__typename).toBe("ExpenseCellsSaved");
    writtenFen.set(unitCode, total);
    return planId;
  }

  /** Submits with an acknowledgement for each WARN check the findings raise. */
  async function submit(page: Page, unitCode: string, planId: string) {
    const read = (await graphql(
      page,
      `
        query ($u: String!, $y: Int!) {
          plan(unitCode: $u, year: $y) {
            findings {
              items {
                code
                severity
              }
            }
          }
        }
      `,
      { u: unitCode, y: YEAR },
    )) as { plan: { findings: { items: { code: string; severity: string }[] } } };
    const findings = read.plan.findings.items;
    expect(findings.filter((f) => f.severity === "BLOCK")).toEqual([]);
    const warnCodes = [...new Set(findings.filter((f) => f.severity === "WARN").map((f) => f.code))];
    await graphql(
      page,
      `
        mutation ($i: SubmitPlanInput!) {
          submitPlan(input: $i) {
            plan {
              status
            }
          }
        }
      `,
      {
        i: { planId, acknowledgements: warnCodes.map((checkCode) => ({ checkCode, reason: "已与上级沟通，按计划执行" })) },
      },
    );
  }

  async function approve(page: Page, planId: string) {
    const answer = (await graphql(
      page,
      `
        mutation ($i: PlanTransitionInput!) {
          approvePlan(input: $i) {
            plan {
              status
            }
          }
        }
      `,
      {
        i: { planId },
      },
    )) as { approvePlan: { plan: { status: string } } };
    expect(answer.approvePlan.plan.status).toBe("APPROVED");
  }

  it("finance previews GZ's approved budget and downloads it; the XLSX and CSV totals equal the page's and the database's, to the fen", async () => {
    // 1. Bottom-up: the counties, then the city.
    const city = await apiAs("gz.manager");
    for (const [index, county] of COUNTIES.entries()) {
      const planner = await apiAs(PLANNER[county]!);
      const planId = await prepare(planner, county, index);
      await submit(planner, county, planId);
      await approve(city, planId);
    }
    const gzPlan = await prepare(city, "GZ", COUNTIES.length);
    await submit(city, "GZ", gzPlan);
    await approve(await apiAs("gd.manager"), gzPlan);

    // The oracles: what was written, and the database's own sum of the approved snapshots.
    const written = [...writtenFen.values()].reduce((a, b) => a + b, 0n);
    const [sql] = await harness.db.prisma.$queryRaw<{ total: string }[]>`
      WITH latest AS (
        SELECT DISTINCT ON (v."planId") v.snapshot
        FROM "PlanVersion" v
        JOIN "Plan" p ON p.id = v."planId"
        JOIN "PlanCycle" c ON c.id = p."cycleId" AND c.year = ${YEAR}
        JOIN "OrgUnit" u ON u.id = p."orgUnitId"
        JOIN "OrgUnit" gz ON gz.code = 'GZ' AND u.path LIKE gz.path || '%'
        WHERE v.kind = 'APPROVED'
        ORDER BY v."planId", v.number DESC
      )
      SELECT COALESCE(SUM((cell->>'amount')::numeric), 0)::text AS total
      FROM latest CROSS JOIN LATERAL jsonb_array_elements(latest.snapshot->'expenseCells') AS cell`;
    expect(fenOf(sql!.total)).toBe(written);

    // 2. Finance signs in and opens 财务导出 from the nav.
    const context = await harness.newContext({ viewport: LAPTOP_VIEWPORT });
    contexts.push(context);
    const page = await context.newPage();
    await page.goto(harness.baseUrl);
    await page.getByLabel("登录名", { exact: true }).fill("gz.finance");
    await page.getByLabel("密码", { exact: true }).fill(PASSWORD);
    await page.getByRole("button", { name: "登录", exact: true }).click();
    await page.getByRole("heading", { name: "我的待办" }).waitFor();
    await page.getByRole("link", { name: "财务导出" }).click();
    await page.getByRole("heading", { name: "财务导出" }).waitFor();
    const grandCell = page.getByTestId("finance-grand-total-cell");
    await grandCell.waitFor();
    const pageGrand = fenOf(await grandCell.innerText());
    expect(pageGrand).toBe(written);
    // Per unit: GZ's own plan and each county's row.
    const unitTotals = new Map<string, bigint>();
    for (const row of await page.locator('[data-testid="finance-preview"] tbody tr').all()) {
      const code = (await row.getAttribute("data-unit"))!;
      unitTotals.set(code, fenOf(await row.locator("td").last().innerText()));
    }
    expect(Object.fromEntries(unitTotals)).toEqual(Object.fromEntries(writtenFen));
    expect(await page.getByTestId("finance-missing").count()).toBe(0);

    // 3. XLSX: the last row is the grand total; its last column the year.
    const [xlsxDownload] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("button", { name: "下载 XLSX" }).click(),
    ]);
    expect(xlsxDownload.suggestedFilename()).toMatch(/^budget-FY2027-GZ-approved-\d{4}-\d{2}-\d{2}\.xlsx$/);
    await page.getByTestId("finance-done").waitFor();
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await readFile((await xlsxDownload.path())!));
    const sheet = workbook.worksheets[0]!;
    const last = sheet.getRow(sheet.rowCount);
    expect(last.getCell(1).value).toBe("总计");
    const xlsxGrand = BigInt(Math.round(Number(last.getCell(sheet.columnCount).value) * 100));
    expect(xlsxGrand).toBe(pageGrand);
    const summary = await page.getByTestId("finance-summary").innerText();
    expect(summary).toContain(`文件共 ${sheet.rowCount - 1} 行`);

    // 4. CSV: the grand total row and each unit's total row.
    const [csvDownload] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("button", { name: "下载 CSV" }).click(),
    ]);
    expect(csvDownload.suggestedFilename()).toMatch(/\.csv$/);
    const csv = (await readFile((await csvDownload.path())!, "utf8")).replace(/^\uFEFF/, "");
    const lines = csv
      .trimEnd()
      .split("\r\n")
      .map((line) => line.split(","));
    const grandLine = lines[lines.length - 1]!;
    expect(grandLine[0]).toBe("总计");
    expect(fenOf(grandLine[grandLine.length - 1]!)).toBe(pageGrand);
    const csvUnitTotals = Object.fromEntries(
      lines.filter((cells) => cells[2] === "单位合计").map((cells) => [cells[0], fenOf(cells[cells.length - 1]!)]),
    );
    expect(csvUnitTotals).toEqual(Object.fromEntries(writtenFen));
    await page.getByTestId("finance-done").waitFor();

    if (updateScreenshots) {
      mkdirSync(join(REPO_ROOT, "docs"), { recursive: true });
      // The form's last row at the top, so that the preview's table is on the laptop's screen.
      const scrollToTable = () =>
        page.evaluate(() => {
          const table = document.querySelector('[data-testid="finance-preview"]');
          if (table) window.scrollBy(0, table.getBoundingClientRect().bottom + 16 - window.innerHeight);
        });
      await scrollToTable();
      await page.screenshot({ path: join(REPO_ROOT, "docs", "screenshot-finance.png") });
      await page.getByRole("button", { name: "English" }).click();
      await page.getByRole("heading", { name: "Finance exports" }).waitFor();
      await page.getByTestId("finance-grand-total-cell").waitFor();
      await scrollToTable();
      await page.screenshot({ path: join(REPO_ROOT, "docs", "screenshot-finance-en.png") });
    }

    // 5. Beside the review board's table: the export links of the same subtree, on the board's basis.
    await page.goto(`${harness.baseUrl}/review/GZ/${YEAR}`);
    const links = page.getByTestId("export-budget");
    await links.waitFor();
    expect(await links.locator('a[data-format="xlsx"]').getAttribute("href")).toMatch(
      /^\/exports\/budget\.xlsx\?cycle=FY2027&unit=GZ&basis=LATEST&locale=(zh-CN|en)$/,
    );
    // The file behind the link is the one the Finance page downloads, on its basis.
    const [linkDownload] = await Promise.all([page.waitForEvent("download"), links.locator('a[data-format="csv"]').click()]);
    const linked = (await readFile((await linkDownload.path())!, "utf8")).trimEnd().split("\r\n");
    expect(fenOf(linked[linked.length - 1]!.split(",").pop()!)).toBe(written);
  });
});
