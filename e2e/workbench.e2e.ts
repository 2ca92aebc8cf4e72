// The plan workbench's Targets tab in a real browser against the real server and
// the demo company (docs/demo-company.md: 从化's 2027 plan is a DRAFT with no target
// cells; password demo1234). The county planner pastes a block copied from a
// spreadsheet, sees exact totals (a channel breakdown details its figure and is
// not added), saves, reloads and sees the values; a second planner of the same
// county changes a cell the first is editing, and the first sees whose change it
// is, keeps their own, and saves. axe-core checks each state.
// Under UPDATE_SCREENSHOT=1 it keeps screenshots of the tab at 1366×768 in docs/.
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { hashPassword } from "@pyramid/db";
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seriousViolations } from "./axe.js";
import { announceSkip, LAPTOP_VIEWPORT, REPO_ROOT, startHarness, type Harness } from "./harness.js";

const skipReason = announceSkip("plan workbench");
const PASSWORD = "demo1234";
const updateScreenshots = process.env.UPDATE_SCREENSHOT === "1";
const TARGETS = "/plans/CONGHUA/2027/targets";

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

/** A monthly target (or a period column) of a grid row; "ALL" is the all-specs row. */
const cell = (page: Page, rowKey: string, column: string) =>
  page.locator(`${rowKey === "ALL" ? '[data-testid="grid-all-row"]' : `[data-row-key="${rowKey}"]`} [data-column="${column}"]`);
const shown = (page: Page, rowKey: string, column: string) => cell(page, rowKey, column).locator(".tg__value").innerText();
const unsaved = (page: Page) => page.getByTestId("unsaved-count").innerText();

describe.skipIf(skipReason !== undefined)("plan workbench", () => {
  let harness: Harness;
  const contexts: BrowserContext[] = [];
  /** 金樽·三十年's figure row and its first channel breakdown (the demo's first spec; its channels hold history). */
  let figureRow: string;
  let breakdownRow: string;
  let planId: string;

  beforeAll(async () => {
    harness = await startHarness();
    const { prisma } = harness.db;
    const spec = await prisma.productSpec.findFirstOrThrow({ where: { code: "JZ-30Y-500" } });
    figureRow = `F|${spec.id}`;
    const conghua = await prisma.orgUnit.findFirstOrThrow({ where: { code: "CONGHUA" } });
    planId = (await prisma.plan.findFirstOrThrow({ where: { orgUnitId: conghua.id, cycle: { code: "FY2027" } } })).id;
    // A second planner of 从化 (the demo has one): 王芳.
    await prisma.user.create({
      data: {
        login: "conghua.deputy",
        displayName: "王芳",
        passwordHash: await hashPassword(PASSWORD),
        roleAssignments: { create: { role: "PLANNER", orgUnitId: conghua.id } },
      },
    });
  });

  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => undefined);
    await harness?.close();
  });

  async function openTargets(login: string): Promise<Page> {
    const context = await harness.newContext({ viewport: LAPTOP_VIEWPORT });
    contexts.push(context);
    await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: harness.baseUrl });
    const page = await context.newPage();
    await page.goto(`${harness.baseUrl}${TARGETS}`);
    await signIn(page, login);
    await page.locator(`[data-row-key="${figureRow}"]`).waitFor();
    return page;
  }

  it("a county planner pastes a block from a spreadsheet, sees exact totals, saves, reloads and sees the values", async () => {
    const page = await openTargets("conghua.planner");
    breakdownRow = (await page
      .locator(`[data-row-key^="B|${figureRow.slice(2)}|CHANNEL|"]`)
      .first()
      .getAttribute("data-row-key"))!;
    expect(await page.getByRole("heading", { level: 1 }).innerText()).toBe("从化区市场部 (CONGHUA)");
    expect(await page.getByRole("link", { name: "销售目标" }).getAttribute("aria-current")).toBe("page");
    expect(await page.getByTestId("estimate-note").innerText()).toBe(
      "2026年实际数据截至10月，11月、12月为预估（表中以“预估”标记）。",
    );
    expect(await unsaved(page)).toBe("没有未保存的修改");
    expect(await seriousViolations(page)).toEqual([]);

    // Two rows × three months as Excel or WPS put them on the clipboard: thousands separators, full-width digits.
    await cell(page, figureRow, "MONTH1:TARGET").click();
    await page.evaluate(() => navigator.clipboard.writeText("1,234.50\t２，０００\t0.01\r\n1,234.50\t2000\t０.０１\r\n"));
    await page.keyboard.press("Control+v");
    await page.getByText("已粘贴 6 个单元格。").waitFor();
    expect(await unsaved(page)).toBe("6 个单元格未保存");
    expect(await shown(page, figureRow, "MONTH2:TARGET")).toBe("2,000.00");
    expect(await shown(page, breakdownRow, "MONTH3:TARGET")).toBe("0.01");
    // The figure's quarter: 1,234.50 + 2,000.00 + 0.01 = 3,234.51. The channel breakdown details the
    // figure and is not added: all specs' January is 1,234.50, its year 3,234.51.
    expect(await shown(page, figureRow, "QUARTER1:TARGET")).toBe("3,234.51");
    expect(await shown(page, "ALL", "MONTH1:TARGET")).toBe("1,234.50");
    await page.keyboard.press("End"); // the year's columns, scrolled into view
    expect(await shown(page, "ALL", "YEAR1:TARGET")).toBe("3,234.51");
    // One channel holds the whole figure: the split adds up.
    const split = page.getByTestId("allocation-row");
    expect(await split.getAttribute("data-balanced")).toBe("true");
    expect(await split.innerText()).toContain("已分解完毕");

    await page.getByRole("button", { name: "保存", exact: true }).click();
    await page.getByText("已保存 6 个单元格。").waitFor();
    expect(await unsaved(page)).toBe("没有未保存的修改");
    const stored = await harness.db.prisma.targetCell.findMany({
      where: { planId },
      orderBy: [{ dimensionKey: "asc" }, { month: "asc" }],
    });
    expect(stored.map((row) => [row.month, row.baseValue.toFixed(2), row.version])).toEqual([
      [1, "1234.50", 1],
      [2, "2000.00", 1],
      [3, "0.01", 1],
      [1, "1234.50", 1],
      [2, "2000.00", 1],
      [3, "0.01", 1],
    ]);

    await page.reload();
    await page.locator(`[data-row-key="${figureRow}"]`).waitFor();
    expect(await shown(page, figureRow, "MONTH1:TARGET")).toBe("1,234.50");
    expect(await shown(page, breakdownRow, "MONTH2:TARGET")).toBe("2,000.00");
    expect(await cell(page, figureRow, "MONTH1:TARGET").getAttribute("class")).not.toContain("is-changed");
    await cell(page, figureRow, "MONTH1:TARGET").click();
    await page.keyboard.press("End");
    expect(await shown(page, "ALL", "YEAR1:TARGET")).toBe("3,234.51");
    await page.keyboard.press("Home");
    expect(await unsaved(page)).toBe("没有未保存的修改");
    await screenshot(page, "screenshot-workbench-targets.png");
  });

  it("a second planner changes a cell the first is editing: the first sees whose change, keeps their other edit, keeps their own value and saves", async () => {
    const first = await openTargets("conghua.planner");
    const second = await openTargets("conghua.deputy");

    // The first planner edits March (stored 0.01) and April (empty), and has not saved.
    await cell(first, figureRow, "MONTH3:TARGET").click();
    await first.keyboard.type("800");
    await first.keyboard.press("Enter");
    await cell(first, figureRow, "MONTH4:TARGET").click();
    await first.keyboard.type("10");
    await first.keyboard.press("Enter");
    expect(await unsaved(first)).toBe("2 个单元格未保存");

    // Meanwhile 王芳 sets March to 900 and saves.
    await cell(second, figureRow, "MONTH3:TARGET").click();
    await second.keyboard.type("900");
    await second.keyboard.press("Enter");
    await second.getByRole("button", { name: "保存", exact: true }).click();
    await second.getByText("已保存 1 个单元格。").waitFor();

    await first.getByRole("button", { name: "保存", exact: true }).click();
    const panel = first.getByTestId("conflict-panel");
    await panel.waitFor();
    expect(await panel.getByRole("heading").innerText()).toBe("有 1 个单元格已被他人修改");
    expect(await panel.getByTestId("conflict-who").innerText()).toMatch(/^王芳 于 \d{4}-\d{2}-\d{2} \d{2}:\d{2} 修改$/);
    expect(await panel.getByTestId("conflict-theirs").innerText()).toBe("900.00");
    expect(await panel.getByTestId("conflict-mine").innerText()).toBe("800.00");
    // Nothing was written: March is still 王芳's 900.00 (version 2), April not stored; both edits wait in the grid.
    const march = () =>
      harness.db.prisma.targetCell.findFirstOrThrow({ where: { planId, dimensionKey: `spec=${figureRow.slice(2)}`, month: 3 } });
    expect([(await march()).baseValue.toFixed(2), (await march()).version]).toEqual(["900.00", 2]);
    expect(await unsaved(first)).toBe("2 个单元格未保存");
    expect(await shown(first, figureRow, "MONTH4:TARGET")).toBe("10.00");
    expect(await seriousViolations(first)).toEqual([]);
    await screenshot(first, "screenshot-workbench-conflict.png");

    await panel.getByRole("button", { name: "保留我的" }).click();
    await panel.getByRole("button", { name: "保存", exact: true }).click();
    await first.getByText("已保存 2 个单元格。").waitFor();
    expect(await panel.count()).toBe(0);
    expect(await unsaved(first)).toBe("没有未保存的修改");
    expect([(await march()).baseValue.toFixed(2), (await march()).version]).toEqual(["800.00", 3]);
    // The figure's quarter now: 1,234.50 + 2,000.00 + 800.00 = 4,034.50.
    expect(await shown(first, figureRow, "QUARTER1:TARGET")).toBe("4,034.50");

    await second.reload();
    await second.locator(`[data-row-key="${figureRow}"]`).waitFor();
    expect(await shown(second, figureRow, "MONTH3:TARGET")).toBe("800.00");
    expect(await shown(second, figureRow, "MONTH4:TARGET")).toBe("10.00");
  });

  it("asks before unsaved edits are left behind: by a link in the app, and by closing the browser tab", async () => {
    const page = await openTargets("conghua.planner");
    await cell(page, figureRow, "MONTH6:TARGET").click();
    await page.keyboard.type("66");
    await page.keyboard.press("Enter");
    expect(await unsaved(page)).toBe("1 个单元格未保存");

    await page.getByRole("link", { name: "组织金字塔" }).click();
    const dialog = page.getByTestId("leave-dialog");
    await dialog.waitFor();
    expect(await dialog.innerText()).toContain("有 1 个单元格的修改尚未保存，离开后将丢失。");
    expect(await seriousViolations(page)).toEqual([]);
    await dialog.getByRole("button", { name: "留在此页" }).click();
    expect(new URL(page.url()).pathname).toBe(TARGETS);
    expect(await shown(page, figureRow, "MONTH6:TARGET")).toBe("66.00");

    // Closing the tab: the browser's own question (beforeunload).
    const asked = page.waitForEvent("dialog");
    await page.close({ runBeforeUnload: true });
    const question = await asked;
    expect(question.type()).toBe("beforeunload");
    await question.accept();
  });
});
