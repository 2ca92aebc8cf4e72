// @vitest-environment happy-dom
// The objections list against a mocked API: a reviewer sees a child's objection with the
// proposed figure, answers it (a rejection needs its reason, checked before sending), and
// the list shows the answer; a planner is asked once before withdrawing.
import type { MockLink } from "@apollo/client/testing";
import { act } from "react";
import { Route } from "react-router";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { buttonByText, click, fieldByLabel, render, setUpReactTests, unmountAll, waitForText } from "../../testing/render.js";
import { ANSWER_OBJECTION_MUTATION, PLAN_OBJECTIONS_QUERY, WITHDRAW_OBJECTION_MUTATION } from "./objections-documents.js";
import { ObjectionsList } from "./ObjectionsList.js";

beforeAll(setUpReactTests);
afterEach(unmountAll);

function objection(values: Record<string, unknown> = {}) {
  return {
    __typename: "Objection",
    id: "o1",
    planId: "plan-county",
    metricId: "m-sales",
    month: null,
    dimensionKey: null,
    reason: "新竞品进入，全年 150 万过重",
    evidence: null,
    proposedValue: "1200000.50",
    status: "OPEN",
    createdAt: "2026-11-29T06:05:00.000Z",
    response: null,
    answeredAt: null,
    escalations: 0,
    escalationReason: null,
    unit: { __typename: "OrgUnitRef", id: "u-k", code: "CONGHUA", nameZh: "从化县", nameEn: "Conghua", level: "COUNTY" },
    raisedBy: { __typename: "PlanEditor", id: "u-1", displayName: "张三" },
    answeredBy: null,
    viewerMayAnswer: true,
    viewerMayEscalate: false,
    viewerMayWithdraw: false,
    ...values,
  };
}

const listMock = (planId: string, includeSubtree: boolean, rows: unknown[]): MockLink.MockedResponse => ({
  request: { query: PLAN_OBJECTIONS_QUERY, variables: { planId, includeSubtree } },
  result: { data: { planObjections: rows } },
});

async function typeText(element: HTMLTextAreaElement | HTMLInputElement, value: string) {
  await act(async () => {
    const proto =
      element instanceof HTMLTextAreaElement ? window.HTMLTextAreaElement.prototype : window.HTMLInputElement.prototype;
    Object.getOwnPropertyDescriptor(proto, "value")?.set?.call(element, value);
    element.dispatchEvent(new Event("input", { bubbles: true }));
  });
}

describe("ObjectionsList", () => {
  it("lets the parent's reviewer reject a child's objection with a reason", async () => {
    const rejected = objection({ status: "REJECTED", response: "全市增长 8%", viewerMayAnswer: false });
    const root = await render({
      path: "/",
      routes: <Route path="/" element={<ObjectionsList planId="plan-city" includeSubtree metricLabel={() => "销售额"} />} />,
      mocks: [
        listMock("plan-city", true, [objection()]),
        {
          request: {
            query: ANSWER_OBJECTION_MUTATION,
            variables: { input: { objectionId: "o1", decision: "REJECT", response: "全市增长 8%" } },
          },
          result: { data: { answerObjection: { __typename: "ObjectionPayload", guidance: null, objection: rejected } } },
        },
        listMock("plan-city", true, [rejected]),
      ],
    });
    await waitForText(root, "新竞品进入");
    expect(root.textContent).toContain("1,200,000.50");
    expect(root.textContent).toContain("待答复");
    await click(buttonByText(root, "答复"));
    await click(buttonByText(root, "提交答复"));
    await waitForText(root, "驳回须说明理由。");
    await typeText(fieldByLabel<HTMLTextAreaElement>(root, "答复意见"), "全市增长 8%");
    await click(buttonByText(root, "提交答复"));
    await waitForText(root, "已驳回");
    expect(root.querySelector("[data-testid=answer-objection]")).toBeNull();
    expect(root.textContent).toContain("全市增长 8%");
  });

  it("asks once before the planner withdraws an objection", async () => {
    const mine = objection({ viewerMayAnswer: false, viewerMayWithdraw: true });
    const root = await render({
      path: "/",
      routes: <Route path="/" element={<ObjectionsList planId="plan-county" />} />,
      mocks: [
        listMock("plan-county", false, [mine]),
        {
          request: { query: WITHDRAW_OBJECTION_MUTATION, variables: { input: { objectionId: "o1" } } },
          result: {
            data: { withdrawObjection: { __typename: "ObjectionPayload", objection: { ...mine, status: "WITHDRAWN" } } },
          },
        },
        listMock("plan-county", false, [{ ...mine, status: "WITHDRAWN", viewerMayWithdraw: false }]),
      ],
    });
    await waitForText(root, "新竞品进入");
    await click(buttonByText(root, "撤回"));
    await waitForText(root, "撤回此异议？");
    await click(buttonByText(root, "确定"));
    await waitForText(root, "已撤回");
  });
});
