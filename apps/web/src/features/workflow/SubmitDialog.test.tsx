// @vitest-environment happy-dom
// The submit dialog against a mocked API: BLOCK findings stop the submit; each kind of
// WARN needs a reason, sent as its acknowledgement with the version the findings were read
// at; a refusal from the server (a check raised on the locked plan) is said in words.
import { GraphQLError } from "graphql";
import { Route } from "react-router";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import type { MockLink } from "@apollo/client/testing";
import {
  buttonByText,
  click,
  render,
  setUpReactTests,
  typeInto,
  unmountAll,
  waitForSelector,
  waitForText,
  waitUntil,
} from "../../testing/render.js";
import { SubmitDialog } from "./SubmitDialog.js";
import { SUBMIT_FINDINGS_QUERY, SUBMIT_PLAN_MUTATION } from "./workflow-documents.js";

beforeAll(setUpReactTests);
afterEach(unmountAll);

const finding = (code: string, severity: "BLOCK" | "WARN", messageZh: string) => ({
  __typename: "PlanFinding",
  code,
  severity,
  messageZh,
  messageEn: `${code} (en)`,
});

const findingsMock = (items: ReturnType<typeof finding>[]): MockLink.MockedResponse => ({
  request: { query: SUBMIT_FINDINGS_QUERY, variables: { unitCode: "CONGHUA", year: 2027 } },
  result: {
    data: {
      plan: {
        __typename: "Plan",
        id: "plan-1",
        status: "DRAFT",
        version: 3,
        findings: {
          __typename: "PlanFindings",
          blockCount: items.filter((item) => item.severity === "BLOCK").length,
          warnCount: items.filter((item) => item.severity === "WARN").length,
          items,
        },
      },
    },
  },
});

const submitted = {
  data: {
    submitPlan: {
      __typename: "PlanTransitionPayload",
      plan: { __typename: "Plan", id: "plan-1", status: "SUBMITTED", version: 4 },
      version: { __typename: "PlanVersionInfo", number: 2 },
    },
  },
};

function mount(mocks: MockLink.MockedResponse[], onSubmitted = vi.fn()) {
  return render({
    path: "/plans/CONGHUA/2027",
    routes: (
      <Route
        path="/plans/:code/:year"
        element={<SubmitDialog unitCode="CONGHUA" year={2027} onClose={() => undefined} onSubmitted={onSubmitted} />}
      />
    ),
    mocks,
  });
}

describe("SubmitDialog", () => {
  it("lists BLOCK findings and does not let the plan be submitted", async () => {
    const container = await mount([
      findingsMock([
        finding("REQUIRED_METRIC_MISSING", "BLOCK", "缺少毛利目标。"),
        finding("HISTORY_INSUFFICIENT", "WARN", "历史数据不足两年。"),
      ]),
    ]);
    await waitForText(container, "缺少毛利目标。");
    expect(container.querySelector('[data-testid="submit-blocking"] h3')?.textContent).toBe("1 个必须解决的问题：解决后才能提交");
    await typeInto(container.querySelector<HTMLInputElement>('input[name="HISTORY_INSUFFICIENT"]')!, "新设县");
    expect(buttonByText(container, "提交").disabled).toBe(true);
  });

  it("needs a reason for each kind of warning and sends them as acknowledgements with the version read", async () => {
    const onSubmitted = vi.fn();
    let sent = false;
    const container = await mount(
      [
        findingsMock([
          finding("HISTORY_INSUFFICIENT", "WARN", "历史数据不足两年。"),
          finding("VALUE_IMPLAUSIBLE", "WARN", "2月销售额是上年的 4 倍。"),
          finding("VALUE_IMPLAUSIBLE", "WARN", "3月销售额是上年的 5 倍。"),
        ]),
        {
          request: {
            query: SUBMIT_PLAN_MUTATION,
            variables: {
              input: {
                planId: "plan-1",
                expectedVersion: 3,
                acknowledgements: [
                  { checkCode: "HISTORY_INSUFFICIENT", reason: "新设县" },
                  { checkCode: "VALUE_IMPLAUSIBLE", reason: "新品上市" },
                ],
              },
            },
          },
          result: () => {
            sent = true;
            return submitted;
          },
        },
      ],
      onSubmitted,
    );
    await waitForText(container, "3月销售额是上年的 5 倍。");
    // Two kinds of warning, one reason each (the two VALUE_IMPLAUSIBLE findings share one).
    expect(container.querySelectorAll('[data-severity="WARN"] input')).toHaveLength(2);
    expect(buttonByText(container, "提交").disabled).toBe(true);
    expect(container.textContent).toContain("每类提示都需填写理由。");
    await typeInto(container.querySelector<HTMLInputElement>('input[name="HISTORY_INSUFFICIENT"]')!, "新设县");
    expect(buttonByText(container, "提交").disabled).toBe(true);
    await typeInto(container.querySelector<HTMLInputElement>('input[name="VALUE_IMPLAUSIBLE"]')!, "  新品上市 ");
    expect(buttonByText(container, "提交").disabled).toBe(false);
    await click(buttonByText(container, "提交"));
    await waitUntil("the submit was sent", () => sent);
    await waitUntil("the owner was told", () => onSubmitted.mock.calls.length === 1);
    expect(onSubmitted).toHaveBeenCalledWith(2);
  });

  it("says why the server refused (a BLOCK raised on the locked plan)", async () => {
    const container = await mount([
      findingsMock([]),
      {
        request: {
          query: SUBMIT_PLAN_MUTATION,
          variables: { input: { planId: "plan-1", expectedVersion: 3, acknowledgements: [] } },
        },
        result: {
          errors: [
            new GraphQLError("blocked", {
              extensions: {
                code: "INVALID_TRANSITION",
                reason: "BLOCKING_FINDINGS",
                params: { findings: "MONTHS_MISSING", blockCount: 1, count: 1 },
              },
            }),
          ],
        },
      },
    ]);
    await waitForText(container, "检查未发现问题，可以提交。");
    await click(buttonByText(container, "提交"));
    const alert = await waitForSelector(container, '[role="alert"]');
    expect(alert.textContent).toBe("方案仍有必须解决的问题（MONTHS_MISSING），无法提交。");
  });
});
