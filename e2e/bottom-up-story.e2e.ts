// The bottom-up story in five signed-in browsers against the real server and the demo
// company (password demo1234): 从化's and 增城's planners (conghua.planner, zengcheng.planner),
// 广州's manager (gz.manager, who reviews 广州's counties and writes 广州's plan), 广东's
// manager (gd.manager, who reviews 广东's cities and writes 广东's plan) and HQ's admin (hq.admin).
//
// The demo's 2027 drafts are empty, so the checks BLOCK them; each unit first makes its plan
// submittable through the API as the workbench would (story-fixture.ts: the required
// sections, revenue and gross profit at Y-1 × 1.1, the terminal split) — that is drafting,
// not what this story tests. Then, in the browsers, level by level up to HQ:
//   1. both counties submit (the dialog shows the checks first); the city returns 从化 with a
//      comment the planner sees in the activity; 从化 revises a section and resubmits; the city
//      approves both;
//   2. 从化 objects to its sales target, the city answers (rejects, with a reason), the planner
//      sees the answer; the Versions tab compares the two submissions; the figures are checked
//      through GraphQL against the cells in the database;
//   3. HQ waives 广州's remaining county (花都) with a reason from the review screen; the city
//      submits its regional plan on the waiver (each WARN acknowledged with a reason); the
//      province approves 广州 from its own review screen;
//   4. HQ waives 广东's other cities (佛山, 湛江); the province submits; HQ approves 广东 on HQ's
//      review screen, and the cycle's progress shows every level;
//   5. HQ reopens 从化 with a reason: the county shows 已重开 and its approved ancestors
//      (广州, 广东) show 待更新 on every level's screen.
// Each step is its own test, in order, sharing the browsers (each step needs the one before).
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seriousViolations } from "./axe.js";
import { announceSkip, LAPTOP_VIEWPORT, startHarness, type Harness } from "./harness.js";
import { makeSubmittable } from "./story-fixture.js";

const skipReason = announceSkip("bottom-up story");
const PASSWORD = "demo1234";
const PLAN = "/plans/CONGHUA/2027";
const ZC_PLAN = "/plans/ZENGCHENG/2027";
const REVIEW = "/review/GZ/2027";
const PROVINCE_REVIEW = "/review/GD/2027";
const HQ_REVIEW = "/review/HQ/2027";
const CITY_WAIVER = "花都延期至 12 月底提交，广州先行上报";
const PROVINCE_WAIVER = "佛山、湛江延期提交，广东先行上报";
const REOPEN_REASON = "从化新竞品进入，销售目标需重新测算";
const RETURN_COMMENT = "竞争形势分析过于简略，请补充竞品的价格和终端情况。";
const REVISED_SECTION = "本地有三家竞品，价格战激烈；我方加大 A 类终端投入。";
const OBJECTION_REASON = "新竞品进入从化，全年销售额目标过重";
const ANSWER = "竞品影响已在增长率中考虑，维持原目标";

async function signIn(page: Page, login: string) {
  await page.getByLabel("登录名").fill(login);
  await page.getByLabel("密码").fill(PASSWORD);
  await page.getByRole("button", { name: "登录", exact: true }).click();
}

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

const statusBadge = (page: Page) => page.locator(".plan-status").first();
/** Each step's limit: a step signs in, drafts through the API and walks several screens on a shared 2-core machine. */
const STEP_TIMEOUT_MS = 420_000;
const reviewRow = (page: Page, unit: string) => page.locator(`[data-testid="review-row"][data-unit="${unit}"]`);
/** Waits until the unit's row on a review board shows the status (or 待更新 for STALE). */
const rowShows = (page: Page, unit: string, status: string) =>
  reviewRow(page, unit).locator(`.plan-status[data-status="${status}"]`).waitFor();

describe.skipIf(skipReason !== undefined)("the bottom-up story", () => {
  let harness: Harness;
  const contexts: BrowserContext[] = [];
  // The five signed-in browsers, opened by the first steps.
  let planner: Page;
  let zengcheng: Page;
  let city: Page;
  let province: Page;
  let hq: Page;

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
    // Signed in when the form has gone (the next navigation then carries the session).
    await page.getByLabel("密码").waitFor({ state: "detached" });
    return page;
  }

  const go = (page: Page, path: string) => page.goto(`${harness.baseUrl}${path}`);

  /** Submits from the workbench: the dialog shows the checks first; each kind of WARN is acknowledged with a reason. */
  async function submit(page: Page, versionNumber: number, path: string): Promise<string[]> {
    await go(page, path);
    await page.getByTestId("workflow-actions").getByRole("button", { name: "提交", exact: true }).click();
    const dialog = page.getByTestId("submit-dialog");
    await dialog.getByText("检查未发现问题，可以提交。").or(dialog.getByTestId("submit-warnings")).waitFor();
    expect(await dialog.getByTestId("submit-blocking").count()).toBe(0);
    const warnings = dialog.locator("[data-check]");
    const acknowledged = await warnings.evaluateAll((elements) => elements.map((element) => element.getAttribute("data-check")!));
    for (let index = 0; index < acknowledged.length; index += 1) {
      await warnings.nth(index).getByLabel("理由").fill("已与上级沟通，按计划执行");
    }
    await dialog.getByRole("button", { name: "提交", exact: true }).click();
    await page.getByText(`已提交，保存为版本 ${versionNumber}。`).waitFor();
    await page.locator('.plan-status[data-status="SUBMITTED"]').waitFor();
    return acknowledged;
  }

  /** One reviewer's action on a review board's row, asked once (with the reason when it needs one). */
  async function reviewAction(reviewer: Page, unit: string, action: string, reason?: string) {
    await reviewRow(reviewer, unit).getByRole("button", { name: action, exact: true }).click();
    const dialog = reviewer.getByTestId("review-action-dialog");
    if (reason !== undefined) await dialog.getByRole("textbox").fill(reason);
    await dialog.getByRole("button", { name: action, exact: true }).click();
    await dialog.waitFor({ state: "detached" });
  }

  /** The cycle's progress as HQ sees it in the cycle admin: [level, status, plans] per line. */
  async function progressLines(): Promise<string[][]> {
    await go(hq, "/cycles");
    await hq.locator('[data-testid="cycle-row"][data-code="FY2027"]').getByRole("button", { name: "管理" }).click();
    const progress = hq.locator('[data-testid="cycle-progress"] tbody tr');
    await progress.first().waitFor();
    return (await progress.allInnerTexts()).map((text) => text.split("\t").map((cell) => cell.trim()));
  }

  async function planOf(code: string) {
    return harness.db.prisma.plan.findFirstOrThrow({
      where: { orgUnit: { code }, cycle: { year: 2027 } },
      include: { childWaiverGrantor: true },
    });
  }

  async function eventsOf(code: string) {
    const plan = await planOf(code);
    const events = await harness.db.prisma.workflowEvent.findMany({ where: { planId: plan.id }, orderBy: { createdAt: "asc" } });
    return events.map((event) => [event.action, event.toStatus, event.reason, event.waived]);
  }

  it(
    "two counties submit; the city returns 从化 with a comment the planner sees; revised, resubmitted; the city approves both",
    async () => {
      planner = await open("conghua.planner", PLAN);
      await statusBadge(planner).filter({ hasText: "草稿" }).waitFor();
      zengcheng = await open("zengcheng.planner", ZC_PLAN);
      await statusBadge(zengcheng).filter({ hasText: "草稿" }).waitFor();
      await makeSubmittable((query, variables) => graphql(planner, query, variables), "CONGHUA", 2027);
      await makeSubmittable((query, variables) => graphql(zengcheng, query, variables), "ZENGCHENG", 2027);

      // The counties submit: the checks first, nothing blocking.
      expect(await submit(planner, 1, PLAN)).toEqual([]);
      await submit(zengcheng, 1, ZC_PLAN);

      // The city sees both submitted and 花都 still a draft (nothing to approve or return there),
      // and returns 从化 with a comment.
      city = await open("gz.manager", REVIEW);
      await rowShows(city, "CONGHUA", "SUBMITTED");
      await rowShows(city, "ZENGCHENG", "SUBMITTED");
      await rowShows(city, "HUADU", "DRAFT");
      expect(await reviewRow(city, "HUADU").getByTestId("review-actions").count()).toBe(0);
      await reviewRow(city, "CONGHUA").getByRole("button", { name: "退回修改", exact: true }).click();
      const returnDialog = city.getByTestId("review-action-dialog");
      await returnDialog.getByText("将从化区市场部的方案退回修改？", { exact: false }).waitFor();
      // The comment is required.
      expect(await returnDialog.getByRole("button", { name: "退回修改", exact: true }).isDisabled()).toBe(true);
      await returnDialog.getByLabel("退回意见").fill(RETURN_COMMENT);
      await returnDialog.getByRole("button", { name: "退回修改", exact: true }).click();
      await rowShows(city, "CONGHUA", "RETURNED");

      // The planner sees the return and the comment in the plan's activity.
      await go(planner, `${PLAN}/activity`);
      await planner.locator('.plan-status[data-status="RETURNED"]').filter({ hasText: "已退回" }).waitFor();
      await planner.locator('[data-testid="activity-row"][data-source="EVENT"]').filter({ hasText: RETURN_COMMENT }).waitFor();

      // The planner revises the competition section and resubmits.
      await go(planner, `${PLAN}/document`);
      const section = planner.locator('[data-section="ENV_COMPETITION"]');
      await section.locator("textarea").fill(REVISED_SECTION);
      await section.getByRole("button", { name: "保存" }).click();
      await section.getByTestId("last-edit").filter({ hasText: "最后修改于" }).waitFor();
      expect(await submit(planner, 2, PLAN)).toEqual([]);

      // The city approves both, each asked once.
      await go(city, REVIEW);
      await rowShows(city, "CONGHUA", "SUBMITTED");
      await reviewRow(city, "CONGHUA").getByRole("button", { name: "批准", exact: true }).click();
      const approveDialog = city.getByTestId("review-action-dialog");
      await approveDialog.getByText("批准从化区市场部的方案？", { exact: false }).waitFor();
      await approveDialog.getByRole("button", { name: "批准", exact: true }).click();
      await rowShows(city, "CONGHUA", "APPROVED");
      await reviewRow(city, "CONGHUA").getByRole("button", { name: "重新打开", exact: true }).waitFor();
      await reviewAction(city, "ZENGCHENG", "批准");
      await rowShows(city, "ZENGCHENG", "APPROVED");
      // The city's own plan cannot be submitted yet: 花都 is neither approved nor waived.
      await rowShows(city, "GZ", "DRAFT");
      for (const [page, path] of [
        [planner, PLAN],
        [zengcheng, ZC_PLAN],
      ] as const) {
        await go(page, path);
        await page.locator('.plan-status[data-status="APPROVED"]').filter({ hasText: "已批准" }).waitFor();
      }
      expect(await eventsOf("CONGHUA")).toEqual([
        ["SUBMIT", "SUBMITTED", null, false],
        ["RETURN", "RETURNED", RETURN_COMMENT, false],
        ["SUBMIT", "SUBMITTED", null, false],
        ["APPROVE", "APPROVED", null, false],
      ]);
      expect(await eventsOf("ZENGCHENG")).toEqual([
        ["SUBMIT", "SUBMITTED", null, false],
        ["APPROVE", "APPROVED", null, false],
      ]);
    },
    STEP_TIMEOUT_MS,
  );

  it(
    "从化 objects to its target and the city answers; the versions compared; the figures match the stored cells",
    async () => {
      await go(planner, `${PLAN}/comments`);
      await planner.getByRole("button", { name: "提出异议" }).click();
      const raise = planner.getByTestId("raise-objection");
      await raise.getByLabel("指标").selectOption({ label: "销售额" });
      await raise.getByLabel("理由").fill(OBJECTION_REASON);
      await raise.getByLabel("建议指导目标（全年）").fill("25,000,000.00");
      await raise.getByRole("button", { name: "提交异议" }).click();
      await planner.getByTestId("objection-row").filter({ hasText: OBJECTION_REASON }).getByText("待答复").waitFor();

      await go(city, REVIEW);
      const objection = city.getByTestId("objection-row").filter({ hasText: OBJECTION_REASON });
      await objection.getByText("25,000,000.00").waitFor();
      await objection.getByText("待答复").waitFor();
      expect(await seriousViolations(city)).toEqual([]);
      await objection.getByRole("button", { name: "答复" }).click();
      const answer = city.getByTestId("answer-objection");
      await answer.getByLabel("驳回").check();
      await answer.getByLabel("答复意见").fill(ANSWER);
      await answer.getByRole("button", { name: "提交答复" }).click();
      await objection.getByText("已驳回").waitFor();

      await planner.reload();
      const answered = planner.getByTestId("objection-row").filter({ hasText: OBJECTION_REASON });
      await answered.getByText("已驳回").waitFor();
      await answered.getByText(ANSWER).waitFor();

      // The Versions tab: 1 and 2 submitted, 3 approved; 1 → 2 shows the revised section.
      await go(planner, `${PLAN}/versions`);
      await planner.getByTestId("version-row").nth(2).waitFor();
      expect(await planner.getByTestId("version-row").locator("td:nth-of-type(2)").allTextContents()).toEqual([
        "已批准",
        "已提交",
        "已提交",
      ]);
      await planner.getByLabel("较早版本").selectOption({ label: "版本 1" });
      await planner.getByLabel("较新版本").selectOption({ label: "版本 2" });
      const diff = planner.locator('[data-testid="diff-section"][data-section="ENV_COMPETITION"]');
      await diff.waitFor();
      expect(await diff.getByLabel("版本 1").innerText()).toBe("竞争形势：见附件。");
      expect(await diff.getByLabel("版本 2").innerText()).toBe(REVISED_SECTION);
      // Only the section changed between the two submissions.
      expect(await planner.getByTestId("diff-cell").count()).toBe(0);

      // The figures through GraphQL against the cells stored in the database.
      const { prisma } = harness.db;
      const revenue = await prisma.metric.findFirstOrThrow({ where: { code: "SALES_REVENUE" } });
      const plan = await planOf("CONGHUA");
      const stored = await prisma.targetCell.aggregate({
        _sum: { baseValue: true },
        where: {
          planId: plan.id,
          metricId: revenue.id,
          terminalId: null,
          channelId: null,
          distributorId: null,
          townshipId: null,
        },
      });
      const figure = stored._sum.baseValue!.toFixed(2);
      const versions = (await graphql(
        planner,
        `
          query ($p: ID!) {
            planVersions(planId: $p) {
              number
              kind
              totals {
                targets {
                  metricId
                  base
                }
              }
            }
          }
        `,
        { p: plan.id },
      )) as { planVersions: { number: number; kind: string; totals: { targets: { metricId: string; base: string }[] } }[] };
      expect(versions.planVersions.map((version) => [version.number, version.kind])).toEqual([
        [3, "APPROVED"],
        [2, "SUBMITTED"],
        [1, "SUBMITTED"],
      ]);
      for (const version of versions.planVersions) {
        expect(version.totals.targets.find((target) => target.metricId === revenue.id)?.base).toBe(figure);
      }
      const board = (await graphql(
        city,
        `
          {
            reviewBoard(unitCode: "GZ", year: 2027, basis: APPROVED) {
              children {
                unit {
                  code
                }
                status
                sales
              }
            }
          }
        `,
      )) as { reviewBoard: { children: { unit: { code: string }; status: string; sales: string }[] } };
      expect(board.reviewBoard.children.find((child) => child.unit.code === "CONGHUA")).toEqual({
        unit: { code: "CONGHUA" },
        status: "APPROVED",
        sales: figure,
      });
    },
    STEP_TIMEOUT_MS,
  );

  it(
    "HQ waives 花都 for 广州 with a reason; the city submits its regional plan; the province approves 广州",
    async () => {
      hq = await open("hq.admin", "/cycles");
      const lines = await progressLines();
      expect(lines).toContainEqual(["县级市场部", "已批准", "2"]);
      expect(lines).toContainEqual(["县级市场部", "草稿", "24"]);

      // HQ waives 广州's remaining county from 广州's review screen (the row of 广州's own plan).
      await go(hq, REVIEW);
      await rowShows(hq, "CONGHUA", "APPROVED");
      await rowShows(hq, "HUADU", "DRAFT");
      await reviewAction(hq, "GZ", "豁免", CITY_WAIVER);
      const gzPlan = await planOf("GZ");
      expect([gzPlan.status, gzPlan.childWaiverReason, gzPlan.childWaiverGrantor?.login]).toEqual([
        "DRAFT",
        CITY_WAIVER,
        "hq.admin",
      ]);

      // On the waiver the city submits its own regional plan (made submittable as the counties' were).
      await makeSubmittable((query, variables) => graphql(city, query, variables), "GZ", 2027);
      const cityWarnings = await submit(city, 1, "/plans/GZ/2027");
      expect(await eventsOf("GZ")).toEqual([["SUBMIT", "SUBMITTED", null, true]]);
      // The WARN checks the dialog showed are the acknowledgements recorded with the submission, each with its reason.
      const submitAudit = await harness.db.prisma.auditLog.findFirstOrThrow({ where: { planId: gzPlan.id, action: "SUBMIT" } });
      const recorded =
        (submitAudit.after as { acknowledgements?: { checkCode: string; reason: string }[] }).acknowledgements ?? [];
      expect(recorded).toEqual(cityWarnings.map((checkCode) => ({ checkCode, reason: "已与上级沟通，按计划执行" })));
      const submitEvent = await harness.db.prisma.workflowEvent.findFirstOrThrow({
        where: { planId: gzPlan.id, action: "SUBMIT" },
      });
      expect(submitEvent.acknowledgements).toEqual(recorded);
      await go(city, REVIEW);
      await rowShows(city, "GZ", "SUBMITTED");

      // The province reviews its cities: 广州 submitted, 佛山 and 湛江 drafts; it approves 广州.
      province = await open("gd.manager", PROVINCE_REVIEW);
      await rowShows(province, "GZ", "SUBMITTED");
      await rowShows(province, "FS", "DRAFT");
      await rowShows(province, "ZJ", "DRAFT");
      expect(await reviewRow(province, "FS").getByTestId("review-actions").count()).toBe(0);
      await reviewAction(province, "GZ", "批准");
      await rowShows(province, "GZ", "APPROVED");
      await rowShows(province, "GD", "DRAFT");
      await go(city, "/plans/GZ/2027");
      await city.locator('.plan-status[data-status="APPROVED"]').filter({ hasText: "已批准" }).waitFor();
      // The approval re-checks the children and goes through on the same waiver.
      expect(await eventsOf("GZ")).toEqual([
        ["SUBMIT", "SUBMITTED", null, true],
        ["APPROVE", "APPROVED", null, true],
      ]);
    },
    STEP_TIMEOUT_MS,
  );

  it(
    "HQ waives 广东's other cities; the province submits; HQ approves 广东",
    async () => {
      await go(hq, PROVINCE_REVIEW);
      await rowShows(hq, "GZ", "APPROVED");
      await reviewAction(hq, "GD", "豁免", PROVINCE_WAIVER);
      expect((await planOf("GD")).childWaiverReason).toBe(PROVINCE_WAIVER);

      await makeSubmittable((query, variables) => graphql(province, query, variables), "GD", 2027);
      await submit(province, 1, "/plans/GD/2027");
      await go(province, PROVINCE_REVIEW);
      await rowShows(province, "GD", "SUBMITTED");

      // HQ's review screen: its provinces side by side; 广东 submitted, the others drafts.
      await go(hq, HQ_REVIEW);
      await rowShows(hq, "GD", "SUBMITTED");
      await rowShows(hq, "JS", "DRAFT");
      await rowShows(hq, "HA", "DRAFT");
      await reviewAction(hq, "GD", "批准");
      await rowShows(hq, "GD", "APPROVED");

      await go(province, "/plans/GD/2027");
      await province.locator('.plan-status[data-status="APPROVED"]').filter({ hasText: "已批准" }).waitFor();
      expect(await eventsOf("GD")).toEqual([
        ["SUBMIT", "SUBMITTED", null, true],
        ["APPROVE", "APPROVED", null, true],
      ]);
      const lines = await progressLines();
      expect(lines).toContainEqual(["县级市场部", "已批准", "2"]);
      expect(lines).toContainEqual(["城市办事处", "已批准", "1"]);
      expect(lines).toContainEqual(["省级分公司", "已批准", "1"]);
    },
    STEP_TIMEOUT_MS,
  );

  it(
    "HQ reopens 从化 with a reason: the county shows 已重开, its approved ancestors 待更新 on every level",
    async () => {
      await go(hq, REVIEW);
      await rowShows(hq, "CONGHUA", "APPROVED");
      await reviewAction(hq, "CONGHUA", "重新打开", REOPEN_REASON);
      await rowShows(hq, "CONGHUA", "REOPENED");
      // 广州's own row on its board, approved over a reopened county.
      await rowShows(hq, "GZ", "STALE");
      expect(await eventsOf("CONGHUA")).toContainEqual(["REOPEN", "REOPENED", REOPEN_REASON, false]);

      // The county sees its plan reopened, and why.
      await go(planner, `${PLAN}/activity`);
      await planner.locator('.plan-status[data-status="REOPENED"]').filter({ hasText: "已重开" }).waitFor();
      await planner.locator('[data-testid="activity-row"][data-source="EVENT"]').filter({ hasText: REOPEN_REASON }).waitFor();
      // The city: 从化 reopened, 增城 still approved, its own plan 待更新.
      await go(city, REVIEW);
      await rowShows(city, "CONGHUA", "REOPENED");
      await rowShows(city, "ZENGCHENG", "APPROVED");
      await rowShows(city, "GZ", "APPROVED");
      await rowShows(city, "GZ", "STALE");
      // The province: 广州 and its own plan 待更新.
      await go(province, PROVINCE_REVIEW);
      await rowShows(province, "GZ", "STALE");
      await rowShows(province, "GD", "STALE");
      // HQ: 广东 待更新.
      await go(hq, HQ_REVIEW);
      await rowShows(hq, "GD", "APPROVED");
      await rowShows(hq, "GD", "STALE");
      expect((await planOf("ZENGCHENG")).status).toBe("APPROVED");
      const lines = await progressLines();
      expect(lines).toContainEqual(["城市办事处", "已批准", "1 (待更新 1)"]);
      expect(lines).toContainEqual(["省级分公司", "已批准", "1 (待更新 1)"]);
    },
    STEP_TIMEOUT_MS,
  );
});
