// Comments and objections in a real browser against the real server and the demo company
// (从化's 2027 plan; password demo1234): the county planner comments on its plan and raises
// an objection to its sales revenue with a proposed figure; the city's reviewer (广州) sees
// both on the Comments tab, replies, and accepts the objection, which sets 从化's guidance
// to the proposed figure exactly (checked in the database). axe-core checks the tab.
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seriousViolations } from "./axe.js";
import { announceSkip, LAPTOP_VIEWPORT, startHarness, type Harness } from "./harness.js";

const skipReason = announceSkip("comments and objections");
const PASSWORD = "demo1234";
const TAB = "/plans/CONGHUA/2027/comments";

async function signIn(page: Page, login: string) {
  await page.getByLabel("登录名").fill(login);
  await page.getByLabel("密码").fill(PASSWORD);
  await page.getByRole("button", { name: "登录", exact: true }).click();
}

describe.skipIf(skipReason !== undefined)("comments and objections", () => {
  let harness: Harness;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    harness = await startHarness();
  });

  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => undefined);
    await harness?.close();
  });

  async function open(login: string): Promise<Page> {
    const context = await harness.newContext({ viewport: LAPTOP_VIEWPORT });
    contexts.push(context);
    const page = await context.newPage();
    await page.goto(`${harness.baseUrl}${TAB}`);
    await signIn(page, login);
    await page.getByTestId("comments-panel").waitFor();
    return page;
  }

  it("a county comments and objects; its city replies and accepts, which sets the guidance exactly", async () => {
    const planner = await open("conghua.planner");
    await planner.getByLabel("写评论").fill("请审阅从化 2027 年计划");
    await planner.getByRole("button", { name: "发表", exact: true }).click();
    await planner.getByText("请审阅从化 2027 年计划").waitFor();

    await planner.getByRole("button", { name: "提出异议" }).click();
    const raise = planner.getByTestId("raise-objection");
    await raise.getByLabel("指标").selectOption({ label: "销售额" });
    await raise.getByLabel("理由").fill("新竞品进入，全年目标过重");
    await raise.getByLabel("建议指导目标（全年）").fill("1,234,567.89");
    await raise.getByRole("button", { name: "提交异议" }).click();
    await planner.getByTestId("objection-row").filter({ hasText: "新竞品进入" }).getByText("待答复").waitFor();
    expect(await seriousViolations(planner)).toEqual([]);

    const reviewer = await open("gz.reviewer");
    const thread = reviewer.getByTestId("comment-thread").filter({ hasText: "请审阅从化 2027 年计划" });
    await thread.getByRole("button", { name: "回复" }).click();
    await thread.getByLabel("回复").fill("收到，周五前答复");
    await thread.getByRole("button", { name: "发表回复" }).click();
    await thread.getByText("收到，周五前答复").waitFor();

    const row = reviewer.getByTestId("objection-row").filter({ hasText: "新竞品进入" });
    await row.getByText("1,234,567.89").waitFor();
    await row.getByRole("button", { name: "答复" }).click();
    const answer = reviewer.getByTestId("answer-objection");
    await answer.getByLabel("接受（修改指导目标）").check();
    await answer.getByLabel("答复意见").fill("同意按建议值调整");
    await answer.getByRole("button", { name: "提交答复" }).click();
    await row.getByText("已接受").waitFor();
    expect(await seriousViolations(reviewer)).toEqual([]);

    const { prisma } = harness.db;
    const conghua = await prisma.orgUnit.findFirstOrThrow({ where: { code: "CONGHUA" } });
    const revenue = await prisma.metric.findFirstOrThrow({ where: { code: "SALES_REVENUE" } });
    const plan = await prisma.plan.findFirstOrThrow({ where: { orgUnitId: conghua.id, cycle: { year: 2027 } } });
    const guidance = await prisma.guidanceTarget.findUniqueOrThrow({
      where: { cycleId_orgUnitId_metricId: { cycleId: plan.cycleId, orgUnitId: conghua.id, metricId: revenue.id } },
    });
    expect(guidance.value.toFixed(2)).toBe("1234567.89");
  });
});
