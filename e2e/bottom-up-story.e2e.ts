// The bottom-up story in three signed-in browsers against the real server and the demo
// company (password demo1234): 从化's planner (conghua.planner), 广州's manager (gz.manager,
// who reviews 广州's counties) and HQ's admin (hq.admin).
//
// The demo's 2027 drafts are empty, so the checks BLOCK 从化's plan; the county first makes it
// submittable through the API as the workbench would (story-fixture.ts: the required
// sections, revenue and gross profit at Y-1 × 1.1, the terminal split). Then, in the
// browsers: the county submits (the dialog shows the checks: nothing left to acknowledge);
// the city returns it from the review screen with a comment; the planner sees 已退回 and the
// comment in the plan's activity, revises a section of the document and resubmits; the city
// approves; the planner raises an objection, the city answers it (rejects, with a reason)
// from the review screen and the planner sees the answer; the Versions tab compares the two
// submitted versions section by section. The figures are checked through GraphQL against
// the cells stored in the database. HQ's part as far as the demo allows without the other
// counties: hq.admin sees the approved county in the cycle's progress and on 广州's review
// board, and waives 广州's children with a reason; on the waiver the city submits its own
// regional plan (each WARN acknowledged with a reason) without 增城 and 花都, and HQ sees it
// submitted in the progress. The province's review and HQ's approval are not reached: they
// need a fourth browser (广东's reviewer) and 广东's other cities waived.
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seriousViolations } from "./axe.js";
import { announceSkip, LAPTOP_VIEWPORT, startHarness, type Harness } from "./harness.js";
import { makeSubmittable } from "./story-fixture.js";

const skipReason = announceSkip("bottom-up story");
const PASSWORD = "demo1234";
const PLAN = "/plans/CONGHUA/2027";
const REVIEW = "/review/GZ/2027";
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
const reviewRow = (page: Page, unit: string) => page.locator(`[data-testid="review-row"][data-unit="${unit}"]`);

describe.skipIf(skipReason !== undefined)("the bottom-up story", () => {
  let harness: Harness;
  const contexts: BrowserContext[] = [];

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
    return page;
  }

  /** Submits from the workbench: the dialog shows the checks first; each kind of WARN is acknowledged with a reason. */
  async function submit(planner: Page, versionNumber: number, path = PLAN): Promise<string[]> {
    await planner.goto(`${harness.baseUrl}${path}`);
    await planner.getByTestId("workflow-actions").getByRole("button", { name: "提交", exact: true }).click();
    const dialog = planner.getByTestId("submit-dialog");
    await dialog.getByText("检查未发现问题，可以提交。").or(dialog.getByTestId("submit-warnings")).waitFor();
    expect(await dialog.getByTestId("submit-blocking").count()).toBe(0);
    const warnings = dialog.locator("[data-check]");
    const acknowledged = await warnings.evaluateAll((elements) => elements.map((element) => element.getAttribute("data-check")!));
    for (let index = 0; index < acknowledged.length; index += 1) {
      await warnings.nth(index).getByLabel("理由").fill("已与上级沟通，按计划执行");
    }
    await dialog.getByRole("button", { name: "提交", exact: true }).click();
    await planner.getByText(`已提交，保存为版本 ${versionNumber}。`).waitFor();
    await planner.locator('.plan-status[data-status="SUBMITTED"]').waitFor();
    return acknowledged;
  }

  async function reviewAction(reviewer: Page, unit: string, action: string, reason?: string) {
    await reviewRow(reviewer, unit).getByRole("button", { name: action, exact: true }).click();
    const dialog = reviewer.getByTestId("review-action-dialog");
    if (reason !== undefined) await dialog.getByRole("textbox").fill(reason);
    await dialog.getByRole("button", { name: action, exact: true }).click();
    await dialog.waitFor({ state: "detached" });
  }

  it("county submits, city returns with a comment, county revises and resubmits, city approves, an objection is answered, the versions compared", async () => {
    const planner = await open("conghua.planner", PLAN);
    await statusBadge(planner).filter({ hasText: "草稿" }).waitFor();
    await makeSubmittable((query, variables) => graphql(planner, query, variables), "CONGHUA", 2027);

    // 1. The county submits: the checks first, nothing blocking, no warning to acknowledge.
    expect(await submit(planner, 1)).toEqual([]);

    // 2. The city sees it submitted on the review screen and returns it with a comment.
    const city = await open("gz.manager", REVIEW);
    await reviewRow(city, "CONGHUA").locator('.plan-status[data-status="SUBMITTED"]').waitFor();
    // 增城 and 花都 are still drafts: nothing to approve or return there.
    expect(await reviewRow(city, "ZENGCHENG").getByTestId("review-actions").count()).toBe(0);
    await reviewRow(city, "CONGHUA").getByRole("button", { name: "退回修改", exact: true }).click();
    const returnDialog = city.getByTestId("review-action-dialog");
    await returnDialog.getByText("将从化区市场部的方案退回修改？", { exact: false }).waitFor();
    // The comment is required.
    expect(await returnDialog.getByRole("button", { name: "退回修改", exact: true }).isDisabled()).toBe(true);
    await returnDialog.getByLabel("退回意见").fill(RETURN_COMMENT);
    await returnDialog.getByRole("button", { name: "退回修改", exact: true }).click();
    await reviewRow(city, "CONGHUA").locator('.plan-status[data-status="RETURNED"]').waitFor();

    // 3. The planner sees the return and the comment in the plan's activity.
    await planner.goto(`${harness.baseUrl}${PLAN}/activity`);
    await planner.locator('.plan-status[data-status="RETURNED"]').filter({ hasText: "已退回" }).waitFor();
    await planner.locator('[data-testid="activity-row"][data-source="EVENT"]').filter({ hasText: RETURN_COMMENT }).waitFor();

    // 4. The planner revises the competition section and resubmits.
    await planner.goto(`${harness.baseUrl}${PLAN}/document`);
    const section = planner.locator('[data-section="ENV_COMPETITION"]');
    await section.locator("textarea").fill(REVISED_SECTION);
    await section.getByRole("button", { name: "保存" }).click();
    await section.getByTestId("last-edit").filter({ hasText: "最后修改于" }).waitFor();
    expect(await submit(planner, 2)).toEqual([]);

    // 5. The city approves, asked once.
    await city.reload();
    await reviewRow(city, "CONGHUA").locator('.plan-status[data-status="SUBMITTED"]').waitFor();
    await reviewRow(city, "CONGHUA").getByRole("button", { name: "批准", exact: true }).click();
    const approveDialog = city.getByTestId("review-action-dialog");
    await approveDialog.getByText("批准从化区市场部的方案？", { exact: false }).waitFor();
    await approveDialog.getByRole("button", { name: "批准", exact: true }).click();
    await reviewRow(city, "CONGHUA").locator('.plan-status[data-status="APPROVED"]').waitFor();
    await reviewRow(city, "CONGHUA").getByRole("button", { name: "重新打开", exact: true }).waitFor();
    await planner.goto(`${harness.baseUrl}${PLAN}`);
    await planner.locator('.plan-status[data-status="APPROVED"]').filter({ hasText: "已批准" }).waitFor();

    // 6. The planner objects to the sales revenue target; the city answers from the review screen.
    await planner.goto(`${harness.baseUrl}${PLAN}/comments`);
    await planner.getByRole("button", { name: "提出异议" }).click();
    const raise = planner.getByTestId("raise-objection");
    await raise.getByLabel("指标").selectOption({ label: "销售额" });
    await raise.getByLabel("理由").fill(OBJECTION_REASON);
    await raise.getByLabel("建议指导目标（全年）").fill("25,000,000.00");
    await raise.getByRole("button", { name: "提交异议" }).click();
    await planner.getByTestId("objection-row").filter({ hasText: OBJECTION_REASON }).getByText("待答复").waitFor();

    await city.reload();
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

    // 7. The Versions tab: 1 and 2 submitted, 3 approved; 1 → 2 shows the revised section.
    await planner.goto(`${harness.baseUrl}${PLAN}/versions`);
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

    // 8. The figures through GraphQL against the cells stored in the database.
    const { prisma } = harness.db;
    const conghua = await prisma.orgUnit.findFirstOrThrow({ where: { code: "CONGHUA" } });
    const revenue = await prisma.metric.findFirstOrThrow({ where: { code: "SALES_REVENUE" } });
    const plan = await prisma.plan.findFirstOrThrow({ where: { orgUnitId: conghua.id, cycle: { year: 2027 } } });
    const stored = await prisma.targetCell.aggregate({
      _sum: { baseValue: true },
      where: { planId: plan.id, metricId: revenue.id, terminalId: null, channelId: null, distributorId: null, townshipId: null },
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
    const events = await prisma.workflowEvent.findMany({ where: { planId: plan.id }, orderBy: { createdAt: "asc" } });
    expect(events.map((event) => [event.action, event.reason])).toEqual([
      ["SUBMIT", null],
      ["RETURN", RETURN_COMMENT],
      ["SUBMIT", null],
      ["APPROVE", null],
    ]);

    // 9. HQ: the approved county in the cycle's progress and on 广州's board; a waiver for 广州.
    const hq = await open("hq.admin", "/cycles");
    const cycleRow = hq.locator('[data-testid="cycle-row"][data-code="FY2027"]');
    await cycleRow.waitFor();
    await cycleRow.getByRole("button", { name: "管理" }).click();
    const progress = hq.locator('[data-testid="cycle-progress"] tbody tr');
    await progress.first().waitFor();
    const lines = (await progress.allInnerTexts()).map((text) => text.split("\t").map((cell) => cell.trim()));
    expect(lines).toContainEqual(["县级市场部", "已批准", "1"]);
    expect(lines).toContainEqual(["县级市场部", "草稿", "25"]);

    await hq.goto(`${harness.baseUrl}${REVIEW}`);
    await reviewRow(hq, "CONGHUA").locator('.plan-status[data-status="APPROVED"]').waitFor();
    await reviewAction(hq, "GZ", "豁免", "增城、花都延期至 12 月底提交，广州先行上报");
    const gzPlan = await prisma.plan.findFirstOrThrow({
      where: { orgUnit: { code: "GZ" }, cycle: { year: 2027 } },
      include: { childWaiverGrantor: true },
    });
    expect([gzPlan.status, gzPlan.childWaiverReason, gzPlan.childWaiverGrantor?.login]).toEqual([
      "DRAFT",
      "增城、花都延期至 12 月底提交，广州先行上报",
      "hq.admin",
    ]);

    // 10. On the waiver, the city submits its own regional plan (made submittable as the county's was)
    // over its children not all approved; HQ sees the city submitted in the cycle's progress.
    await makeSubmittable((query, variables) => graphql(city, query, variables), "GZ", 2027);
    const cityWarnings = await submit(city, 1, "/plans/GZ/2027");
    const citySubmit = await prisma.workflowEvent.findFirstOrThrow({ where: { planId: gzPlan.id, action: "SUBMIT" } });
    expect([citySubmit.toStatus, citySubmit.waived]).toEqual(["SUBMITTED", true]);
    // The WARN checks the dialog showed are the acknowledgements recorded with the submission, each with its reason.
    const submitAudit = await prisma.auditLog.findFirstOrThrow({ where: { planId: gzPlan.id, action: "SUBMIT" } });
    const recorded = (submitAudit.after as { acknowledgements?: { checkCode: string; reason: string }[] }).acknowledgements ?? [];
    expect(recorded).toEqual(cityWarnings.map((checkCode) => ({ checkCode, reason: "已与上级沟通，按计划执行" })));
    await hq.goto(`${harness.baseUrl}/cycles`);
    await hq.locator('[data-testid="cycle-row"][data-code="FY2027"]').getByRole("button", { name: "管理" }).click();
    await hq.locator('[data-testid="cycle-progress"] tbody tr').first().waitFor();
    const after = (await hq.locator('[data-testid="cycle-progress"] tbody tr').allInnerTexts()).map((text) =>
      text.split("\t").map((cell) => cell.trim()),
    );
    expect(after).toContainEqual(["城市办事处", "已提交", "1"]);
  });
});
