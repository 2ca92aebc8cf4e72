// @vitest-environment happy-dom
// 审核 against a mocked API: the children side by side with their figures formatted as UI.md
// says, the roll-up against guidance with its gap and uplift, the roll-up's lines, and the
// guidance split: preview (each child's share and how), a change marks it out of date, publish
// asks once and sends the previewed input with its token. The city's reviewer approves a
// submitted child after being asked once, and returns one only with a comment; the board is
// read again after each.
import type { MockLink } from "@apollo/client/testing";
import { act } from "react";
import { Outlet, Route } from "react-router";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import {
  buttonByText,
  choose,
  click,
  fieldByLabel,
  render,
  setUpReactTests,
  typeInto,
  unmountAll,
  viewerOf,
  waitForSelector,
  waitForText,
  waitUntil,
} from "../../testing/render.js";
import { PLAN_OBJECTIONS_QUERY } from "../objections/objections-documents.js";
import {
  APPROVE_PLAN_MUTATION,
  PREVIEW_GUIDANCE_SPLIT_QUERY,
  PUBLISH_GUIDANCE_SPLIT_MUTATION,
  REVIEW_BOARD_QUERY,
  RETURN_PLAN_MUTATION,
  REVIEW_ROLLUP_QUERY,
} from "./review-documents.js";
import { ratioOfPercent, ReviewRoute } from "./ReviewRoute.js";
import { sumOfYuan } from "./GuidanceSplitPanel.js";

beforeAll(setUpReactTests);
afterEach(unmountAll);

const unitOf = (code: string, nameZh: string, level: string) => ({
  __typename: "ReviewUnit",
  id: `id-${code}`,
  code,
  nameZh,
  nameEn: code,
  level,
});
const row = (unit: ReturnType<typeof unitOf>, extra: Record<string, unknown>) => ({
  __typename: "ReviewRow",
  unit,
  planId: `plan-${unit.code}`,
  status: "SUBMITTED",
  stale: false,
  sales: "0.00",
  salesLastYear: null,
  salesLastYearEstimated: false,
  salesGrowth: null,
  profit: "0.00",
  expenses: "0.00",
  expenseRatio: null,
  salesGuidance: null,
  lastChangeAt: null,
  ...extra,
});
const GZ = unitOf("GZ", "广州", "CITY");
const CONGHUA = unitOf("CONGHUA", "从化", "COUNTY");
const ZENGCHENG = unitOf("ZENGCHENG", "增城", "COUNTY");

const boardData = (guidance: [string | null, string | null], conghuaStatus = "SUBMITTED") => ({
  reviewBoard: {
    __typename: "ReviewBoard",
    id: "board-GZ",
    unit: GZ,
    basis: "LATEST",
    own: row(GZ, {
      status: "DRAFT",
      sales: "460000.75",
      salesLastYear: "384000.00",
      salesGrowth: "0.197919",
      profit: "50000.00",
    }),
    children: [
      {
        ...row(CONGHUA, {
          status: conghuaStatus,
          sales: "180000.00",
          salesLastYear: "144000.00",
          salesLastYearEstimated: true,
          salesGrowth: "0.25",
          profit: "20000.00",
          expenses: "9000.00",
          expenseRatio: "0.05",
          salesGuidance: guidance[0],
          lastChangeAt: "2026-11-29T06:05:00.000Z",
        }),
        findings: { __typename: "ReviewFindingCount", block: 1, warn: 2 },
      },
      {
        ...row(ZENGCHENG, {
          status: "APPROVED",
          stale: true,
          sales: "270000.50",
          salesGrowth: "-0.125",
          salesGuidance: guidance[1],
        }),
        findings: { __typename: "ReviewFindingCount", block: 0, warn: 0 },
      },
    ],
    reconciliation: [
      {
        __typename: "ReviewReconciliation",
        metricId: "m-sales",
        metricCode: "SALES_REVENUE",
        guidance: "552000.90",
        ownItems: "10000.25",
        childrenTotal: "450000.50",
        total: "460000.75",
        gap: "92000.15",
        upliftFactor: "1.200000",
        upliftPercent: "20.000000",
      },
      {
        __typename: "ReviewReconciliation",
        metricId: "m-profit",
        metricCode: "GROSS_PROFIT",
        guidance: null,
        ownItems: "0.00",
        childrenTotal: "50000.00",
        total: "50000.00",
        gap: null,
        upliftFactor: null,
        upliftPercent: null,
      },
    ],
  },
});
const boardMock = (
  guidance: [string | null, string | null] = [null, null],
  conghuaStatus = "SUBMITTED",
): MockLink.MockedResponse => ({
  request: { query: REVIEW_BOARD_QUERY, variables: { unitCode: "GZ", year: 2027, basis: "LATEST" } },
  result: { data: boardData(guidance, conghuaStatus) },
});
const objectionsMock: MockLink.MockedResponse = {
  request: { query: PLAN_OBJECTIONS_QUERY, variables: { planId: "plan-GZ", includeSubtree: true } },
  result: { data: { planObjections: [] } },
};
const line = (key: string, labelZh: string, own: string, children: string, total: string) => ({
  __typename: "RollupLine",
  key,
  labelZh,
  labelEn: key,
  own,
  children,
  total,
});
const rollupMock: MockLink.MockedResponse = {
  request: {
    query: REVIEW_ROLLUP_QUERY,
    variables: { unitCode: "GZ", year: 2027, basis: "LATEST", metricId: "m-sales", groupBy: "CHILD" },
  },
  result: {
    data: {
      reviewBoard: {
        __typename: "ReviewBoard",
        id: "board-GZ",
        rollup: {
          __typename: "Rollup",
          groupBy: "CHILD",
          own: "10000.25",
          children: "450000.50",
          total: "460000.75",
          lines: [
            line("OWN", "本级事项", "10000.25", "0.00", "10000.25"),
            line("id-CONGHUA", "从化", "0.00", "180000.00", "180000.00"),
            line("id-ZENGCHENG", "增城", "0.00", "270000.50", "270000.50"),
          ],
        },
      },
    },
  },
};

const splitInput = {
  unitCode: "GZ",
  year: 2027,
  metricId: "m-sales",
  basis: "LATEST",
  figure: "GAP",
  method: "CURRENT_VALUES",
  note: "新品上市",
};
const child = (unit: ReturnType<typeof unitOf>, current: string, share: string, proposed: string, explanationZh: string) => ({
  __typename: "GuidanceSplitChild",
  unit: { __typename: "ReviewUnit", id: unit.id, code: unit.code, nameZh: unit.nameZh, nameEn: unit.nameEn },
  current,
  currentGuidance: null,
  reference: current,
  share,
  proposed,
  status: "FREE",
  explanationZh,
  explanationEn: explanationZh,
});
const previewMock: MockLink.MockedResponse = {
  request: { query: PREVIEW_GUIDANCE_SPLIT_QUERY, variables: { input: splitInput } },
  result: {
    data: {
      previewGuidanceSplit: {
        __typename: "GuidanceSplitPreview",
        figure: "GAP",
        method: "CURRENT_VALUES",
        guidance: "552000.90",
        gap: "92000.15",
        upliftPercent: "20.000000",
        amount: "92000.15",
        sharesTotal: "92000.15",
        remainder: "0.00",
        children: [
          child(
            CONGHUA,
            "180000.00",
            "36800.02",
            "216800.02",
            "当前 180000.00 + 差额份额 按当前计划 (180000.00)：92000.15 × 40% = 36800.02",
          ),
          child(ZENGCHENG, "270000.50", "55200.13", "325200.63", "当前 270000.50 + 差额份额 按当前计划"),
        ],
        notices: [],
        previewToken: "token-1",
      },
    },
  },
};
let published = false;
const publishMock: MockLink.MockedResponse = {
  request: { query: PUBLISH_GUIDANCE_SPLIT_MUTATION, variables: { input: { split: splitInput, previewToken: "token-1" } } },
  result: () => {
    published = true;
    return {
      data: {
        publishGuidanceSplit: {
          __typename: "GuidanceSplitPublished",
          total: "542000.65",
          guidance: [
            { __typename: "Guidance", unitCode: "CONGHUA", value: "216800.02" },
            { __typename: "Guidance", unitCode: "ZENGCHENG", value: "325200.63" },
          ],
        },
      },
    };
  },
};

const cells = (element: Element) => [...element.querySelectorAll("th, td")].map((cell) => cell.textContent);

async function typeIntoTextArea(field: HTMLTextAreaElement, value: string) {
  await act(async () => {
    // React tracks the value through the prototype's setter.
    Object.getOwnPropertyDescriptor(window.HTMLTextAreaElement.prototype, "value")?.set?.call(field, value);
    field.dispatchEvent(new Event("input", { bubbles: true }));
  });
}

/** 广州's reviewer: reviews at the board's unit. */
const gzReviewer = viewerOf("REVIEWER", {
  login: "gz.reviewer",
  roleAssignments: [
    {
      role: "REVIEWER",
      orgUnit: { id: "id-GZ", code: "GZ", nameZh: "广州", nameEn: "GZ", level: "CITY" },
      orgUnitPath: [],
    },
  ],
});

async function renderReview(mocks: MockLink.MockedResponse[], viewer = viewerOf("REVIEWER")) {
  return render({
    path: "/review/GZ/2027",
    routes: (
      <Route element={<Outlet context={{ cycle: null, cycleParam: "2027" }} />}>
        <Route path="/review/:code/:year" element={<ReviewRoute />} />
      </Route>
    ),
    mocks,
    viewer,
  });
}

describe("ReviewRoute", () => {
  it("shows the children side by side, the roll-up against guidance with its gap and uplift, and the roll-up's lines", async () => {
    const container = await renderReview([boardMock(), rollupMock, objectionsMock]);
    const conghua = await waitForSelector(container, '[data-testid="review-row"][data-unit="CONGHUA"]');
    expect(cells(conghua)).toEqual([
      "从化",
      "已提交",
      "180,000.00",
      "144,000.00 含预估",
      "25.0%",
      "20,000.00",
      "5.0%",
      "—",
      "阻止 1 · 提醒 2",
      "2026-11-29 14:05",
      "打开方案",
    ]);
    // HQ's reviewer does not review 广州's counties: no actions offered.
    expect(container.querySelector('[data-testid="review-actions"]')).toBeNull();
    const zengcheng = container.querySelector('[data-testid="review-row"][data-unit="ZENGCHENG"]')!;
    expect(cells(zengcheng).slice(0, 5)).toEqual(["增城", "已批准待更新", "270,000.50", "—", "-12.5%"]);
    expect(zengcheng.querySelector("a")?.getAttribute("href")).toBe("/plans/ZENGCHENG/2027?cycle=2027");
    const own = container.querySelector('[data-testid="review-row"][data-unit="GZ"]')!;
    expect(cells(own).slice(0, 3)).toEqual(["广州 · 本级合计（本级事项 + 下级）", "草稿", "460,000.75"]);

    const sales = container.querySelector('[data-testid="reconciliation-row"][data-metric="SALES_REVENUE"]')!;
    expect(cells(sales)).toEqual(["销售额", "10,000.25", "450,000.50", "460,000.75", "552,000.90", "92,000.15", "20.0%"]);
    const profit = container.querySelector('[data-testid="reconciliation-row"][data-metric="GROSS_PROFIT"]')!;
    expect(cells(profit)).toEqual(["毛利", "0.00", "50,000.00", "50,000.00", "未下达指导目标", "—", "—"]);

    await waitForSelector(container, '[data-testid="rollup-line"]');
    expect([...container.querySelectorAll('[data-testid="rollup-line"]')].map(cells)).toEqual([
      ["本级事项", "10,000.25", "0.00", "10,000.25"],
      ["从化", "0.00", "180,000.00", "180,000.00"],
      ["增城", "0.00", "270,000.50", "270,000.50"],
    ]);
  });

  it("previews the gap split, marks it out of date on a change, and publishes what was previewed after asking once", async () => {
    published = false;
    const container = await renderReview([
      boardMock(),
      rollupMock,
      objectionsMock,
      previewMock,
      previewMock,
      publishMock,
      boardMock(["216800.02", "325200.63"]),
    ]);
    await waitForText(container, "指导目标分解");
    await choose(fieldByLabel<HTMLSelectElement>(container, "分解对象"), "GAP");
    await choose(fieldByLabel<HTMLSelectElement>(container, "分解方法"), "CURRENT_VALUES");
    const note = fieldByLabel(container, "说明（下级可见）");
    await typeInto(note, "新品上市");
    const publish = buttonByText(container, "发布给下级");
    expect(publish.disabled).toBe(true);
    await click(buttonByText(container, "预览"));
    const conghua = await waitForSelector(container, '[data-testid="split-row"][data-unit="CONGHUA"]');
    expect(cells(conghua)).toEqual([
      "从化",
      "180,000.00",
      "—",
      "36,800.02",
      "216,800.02",
      "当前 180000.00 + 差额份额 按当前计划 (180000.00)：92000.15 × 40% = 36800.02",
    ]);
    expect(container.querySelector('[data-testid="split-totals"]')?.textContent).toBe(
      "分解数 92,000.15 · 份额合计 92,000.15 · 未分配 0.00",
    );
    expect(publish.disabled).toBe(false);

    // A change after the preview: out of date until previewed again.
    await typeInto(note, "新品上市!");
    expect(publish.disabled).toBe(true);
    await waitForText(container, "修改后请重新预览。");
    await typeInto(note, "新品上市");
    await click(buttonByText(container, "预览"));
    await waitUntil("the preview is current", () => !publish.disabled);

    await click(publish);
    const dialog = await waitForSelector(container.ownerDocument, "dialog");
    expect(dialog.textContent).toContain("2 个下级的指导目标将改为预览中的数，合计 542,000.65。");
    expect(published).toBe(false);
    await click([...dialog.querySelectorAll("button")].find((button) => button.textContent === "发布给下级"));
    await waitForText(container, "已发布：2 个下级的指导目标，合计 542,000.65。");
    expect(published).toBe(true);
  });
});

describe("the reviewer's actions", () => {
  const transitioned = (field: string, status: string) => ({
    data: {
      [field]: {
        __typename: "PlanTransitionPayload",
        plan: { __typename: "Plan", id: "plan-CONGHUA", status, version: 5 },
        ...(field === "approvePlan" ? { version: { __typename: "PlanVersionInfo", number: 2 } } : {}),
      },
    },
  });

  it("approves a submitted child after asking once, then reads the board again", async () => {
    let approved = 0;
    const container = await renderReview(
      [
        boardMock(),
        rollupMock,
        objectionsMock,
        {
          request: { query: APPROVE_PLAN_MUTATION, variables: { input: { planId: "plan-CONGHUA" } } },
          result: () => {
            approved += 1;
            return transitioned("approvePlan", "APPROVED");
          },
        },
        boardMock([null, null], "APPROVED"),
        rollupMock,
      ],
      gzReviewer,
    );
    const conghua = await waitForSelector(container, '[data-testid="review-row"][data-unit="CONGHUA"]');
    // 增城 is approved: the reviewer may reopen it, not approve it again.
    const zengcheng = container.querySelector('[data-testid="review-row"][data-unit="ZENGCHENG"]')!;
    expect([...zengcheng.querySelectorAll("button")].map((button) => button.textContent)).toEqual(["重新打开"]);
    expect([...conghua.querySelectorAll("button")].map((button) => button.textContent)).toEqual(["批准", "退回修改"]);

    await click(buttonByText(conghua, "批准"));
    const dialog = await waitForSelector(container.ownerDocument, "dialog");
    expect(dialog.textContent).toContain("批准从化的方案？批准后保存一个已批准版本");
    expect(approved).toBe(0);
    await click([...dialog.querySelectorAll("button")].find((button) => button.textContent === "批准"));
    await waitUntil("the board shows 从化 approved", () =>
      (container.querySelector('[data-testid="review-row"][data-unit="CONGHUA"] td')?.textContent ?? "").includes("已批准"),
    );
    expect(approved).toBe(1);
    expect(container.ownerDocument.querySelector("dialog")).toBeNull();
    const after = container.querySelector('[data-testid="review-row"][data-unit="CONGHUA"]')!;
    expect([...after.querySelectorAll("button")].map((button) => button.textContent)).toEqual(["重新打开"]);
  });

  it("returns a child only with a comment, sends the comment, and reads the board again", async () => {
    let sentReason: string | null = null;
    const container = await renderReview(
      [
        boardMock(),
        rollupMock,
        objectionsMock,
        {
          request: {
            query: RETURN_PLAN_MUTATION,
            variables: { input: { planId: "plan-CONGHUA", reason: "请补充终端分解" } },
          },
          result: () => {
            sentReason = "请补充终端分解";
            return transitioned("returnPlan", "RETURNED");
          },
        },
        boardMock([null, null], "RETURNED"),
        rollupMock,
      ],
      gzReviewer,
    );
    const conghua = await waitForSelector(container, '[data-testid="review-row"][data-unit="CONGHUA"]');
    await click(buttonByText(conghua, "退回修改"));
    const dialog = await waitForSelector(container.ownerDocument, "dialog");
    expect(dialog.textContent).toContain("将从化的方案退回修改？");
    const send = [...dialog.querySelectorAll("button")].find((button) => button.textContent === "退回修改")!;
    // No comment yet (or only spaces): it cannot be sent.
    expect(send.disabled).toBe(true);
    expect(dialog.textContent).toContain("请填写原因。");
    const comment = fieldByLabel<HTMLTextAreaElement>(dialog, "退回意见");
    await typeIntoTextArea(comment, "   ");
    expect(send.disabled).toBe(true);
    // The comment is sent trimmed.
    await typeIntoTextArea(comment, "  请补充终端分解 ");
    expect(send.disabled).toBe(false);
    await click(send);
    await waitUntil("the board shows 从化 returned", () =>
      (container.querySelector('[data-testid="review-row"][data-unit="CONGHUA"] td')?.textContent ?? "").includes("已退回"),
    );
    expect(sentReason).toBe("请补充终端分解");
    expect(container.ownerDocument.querySelector("dialog")).toBeNull();
  });
});

describe("helpers", () => {
  it("turns percent points into a ratio and sums 元 exactly", () => {
    expect(ratioOfPercent("20.000000")).toBe("0.20000000");
    expect(ratioOfPercent("-5.5")).toBe("-0.055");
    expect(ratioOfPercent("150.25")).toBe("1.5025");
    expect(sumOfYuan(["216800.02", "325200.63"])).toBe("542000.65");
    expect(sumOfYuan(["0.10", "0.20", "-1.00"])).toBe("-0.70");
  });
});
