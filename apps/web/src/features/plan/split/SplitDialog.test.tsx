// @vitest-environment happy-dom
// The split dialog against a mocked API: the form's own checks, the preview table with
// each cell's reason, holds that put the preview out of date, the server's refusals in
// words, a conflict on apply, and the apply of what was previewed.
import type { MockLink } from "@apollo/client/testing";
import { GraphQLError } from "graphql";
import { Route } from "react-router";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
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
  waitForText,
} from "../../../testing/render.js";
import { APPLY_SPLIT_MUTATION, PREVIEW_SPLIT_QUERY } from "./split-documents.js";
import { SplitDialog, type AppliedSplit } from "./SplitDialog.js";

beforeAll(setUpReactTests);
afterEach(unmountAll);

const METRIC = { id: "m-rev", nameZh: "销售额", nameEn: "Sales revenue", scale: 2 };
const BLOCK = { months: [1], productSpecIds: ["s1", "s2"] };
const NAMES: Record<string, string> = { s1: "金樽·三十年", s2: "金樽·十五年" };

const splitInput = (extra: Record<string, unknown> = {}) => ({
  planId: "plan-1",
  block: { metricId: "m-rev", months: [1], productSpecIds: ["s1", "s2"] },
  figure: { kind: "AMOUNT", amount: "1,000,000" },
  method: { kind: "LAST_YEAR" },
  keepStoredHolds: true,
  ...extra,
});

const cell = (spec: string, value: string, zh: string, en: string, status = "FREE") => ({
  __typename: "SplitPreviewCell" as const,
  month: 1,
  productSpecId: spec,
  memberId: null,
  dimensionKey: `spec=${spec}`,
  version: null,
  currentValue: null,
  storedHeld: false,
  newValue: value,
  status,
  changes: true,
  lastYear: { __typename: "HistoryValue" as const, value: spec === "s1" ? "300000.00" : "400000.00", estimated: false },
  explanationZh: zh,
  explanationEn: en,
});

const PREVIEW = {
  __typename: "SplitPreview" as const,
  planId: "plan-1",
  figureKind: "AMOUNT",
  figure: "1000000.00",
  guidance: null,
  planTotal: null,
  method: "LAST_YEAR",
  rowMethod: "LAST_YEAR",
  marginsZh: "总数精确；各品规按上年（含预估）比例分配（最大余数法）。",
  marginsEn: "The total is exact; the specs share it in proportion to last year (estimate included) (largest remainder).",
  currentTotal: "0.00",
  total: "1000000.00",
  remainder: "0.00",
  rows: [
    { __typename: "SplitTotal" as const, memberId: null, productSpecId: "s1", currentTotal: "0.00", total: "428571.43" },
    { __typename: "SplitTotal" as const, memberId: null, productSpecId: "s2", currentTotal: "0.00", total: "571428.57" },
  ],
  months: [{ __typename: "SplitTotal" as const, month: 1, currentTotal: "0.00", total: "1000000.00" }],
  cells: [
    cell("s1", "428571.43", "428,571.43 = 1,000,000.00 × 3/7，尾差 +0.01", "428,571.43 = 1,000,000.00 × 3/7, +0.01 remainder"),
    cell("s2", "571428.57", "571,428.57 = 1,000,000.00 × 4/7", "571,428.57 = 1,000,000.00 × 4/7"),
  ],
  notices: [],
  previewToken: "split1.token",
  expectedVersions: [null, null],
};

const previewMock = (input: Record<string, unknown>, result: MockLink.MockedResponse["result"]): MockLink.MockedResponse => ({
  request: { query: PREVIEW_SPLIT_QUERY, variables: { input } },
  result,
});

const APPLIED: AppliedSplit = {
  __typename: "SplitApplied",
  planId: "plan-1",
  total: "1000000.00",
  cells: ["s1", "s2"].map((spec, index) => ({
    __typename: "SavedTargetCell" as const,
    metricId: "m-rev",
    month: 1,
    productSpecId: spec,
    channelId: null,
    terminalId: null,
    distributorId: null,
    townshipId: null,
    dimensionKey: `spec=${spec}`,
    id: `cell-${index + 1}`,
    version: 1,
    baseValue: index === 0 ? "428571.43" : "571428.57",
    isHeld: false,
  })),
};

const applyMock = (result: MockLink.MockedResponse["result"]): MockLink.MockedResponse => ({
  request: {
    query: APPLY_SPLIT_MUTATION,
    variables: { input: { split: splitInput(), previewToken: "split1.token", expectedVersions: [null, null] } },
  },
  result,
});

async function open(mocks: MockLink.MockedResponse[], onApplied: (result: AppliedSplit) => void = () => undefined) {
  return render({
    path: "/",
    routes: (
      <Route
        path="/"
        element={
          <SplitDialog
            planId="plan-1"
            metric={METRIC}
            block={BLOCK}
            rowLabel={(row) => NAMES[row.productSpecId ?? ""] ?? "?"}
            onApplied={onApplied}
            onClose={() => undefined}
          />
        }
      />
    ),
    mocks,
    viewer: viewerOf("PLANNER"),
  });
}

const dialog = () => document.querySelector<HTMLElement>('[data-testid="split-dialog"]')!;
const why = () => document.querySelector('[data-testid="split-why"]')?.textContent;
const applyButton = () => buttonByText(dialog(), "应用");

describe("SplitDialog", () => {
  it("previews 1,000,000 by last year cell by cell with the reasons, then applies exactly that", async () => {
    const onApplied = vi.fn();
    await open(
      [previewMock(splitInput(), { data: { previewSplit: PREVIEW } }), applyMock({ data: { applySplit: APPLIED } })],
      onApplied,
    );
    expect(dialog().querySelector("h2")?.textContent).toBe("分解：销售额");
    expect(applyButton().disabled).toBe(true);
    await typeInto(fieldByLabel(dialog(), "金额"), "1,000,000");
    await click(buttonByText(dialog(), "预览"));
    await waitForText(dialog(), "428,571.43");
    const table = dialog().querySelector("table")!;
    expect([...table.querySelectorAll("tbody tr")].map((row) => row.textContent)).toEqual([
      "金樽·三十年428,571.43428,571.43",
      "金樽·十五年571,428.57571,428.57",
    ]);
    expect(table.querySelector("tfoot")?.textContent).toBe("合计1,000,000.001,000,000.00");
    expect(dialog().textContent).toContain("分解 1,000,000.00，当前合计 0.00，分解后合计 1,000,000.00");
    expect(dialog().textContent).toContain("总数精确；各品规按上年（含预估）比例分配（最大余数法）。");
    expect(why()).toBe("说明：428,571.43 = 1,000,000.00 × 3/7，尾差 +0.01");
    await click(buttonByText(dialog(), "571,428.57"));
    expect(why()).toBe("说明：571,428.57 = 1,000,000.00 × 4/7");
    expect(applyButton().disabled).toBe(false);

    await click(applyButton());
    await waitForText(dialog(), "已写入 2 个格，区块合计 1,000,000.00。");
    expect(onApplied).toHaveBeenCalledWith(expect.objectContaining({ __typename: "SplitApplied", total: "1000000.00" }));
    expect(applyButton().disabled).toBe(true);
  });

  it("checks the amount and a seasonal curve before sending anything", async () => {
    await open([]);
    await typeInto(fieldByLabel(dialog(), "金额"), "abc");
    await click(buttonByText(dialog(), "预览"));
    expect(dialog().querySelector('[role="alert"]')?.textContent).toBe("无法识别的金额：abc");
    expect(fieldByLabel(dialog(), "金额").getAttribute("aria-invalid")).toBe("true");
    expect(document.activeElement).toBe(fieldByLabel(dialog(), "金额"));

    await typeInto(fieldByLabel(dialog(), "金额"), "1.5万");
    await choose(fieldByLabel<HTMLSelectElement>(dialog(), "各月分解方法"), "SEASONAL_CURVE");
    for (let month = 1; month <= 12; month++) await typeInto(fieldByLabel(dialog(), `${month}月 %`), "8");
    await click(buttonByText(dialog(), "预览"));
    expect(dialog().querySelector('[role="alert"]')?.textContent).toBe("季节性曲线需要 12 个月的百分比，合计正好 100。");
    expect(dialog().querySelector("table")).toBeNull();
  });

  it("says the server's refusal in words, its amounts grouped", async () => {
    await open([
      previewMock(splitInput(), {
        errors: [
          new GraphQLError("held", {
            extensions: {
              code: "VALIDATION_FAILED",
              reason: "HELD_EXCEED_TOTAL",
              params: { heldTotal: "1500000.00", total: "1000000.00" },
            },
          }),
        ],
      }),
    ]);
    await typeInto(fieldByLabel(dialog(), "金额"), "1,000,000");
    await click(buttonByText(dialog(), "预览"));
    await waitForText(dialog(), "锁定的格合计 1,500,000.00，超过要分解的数 1,000,000.00：请减少锁定或加大数值。");
    expect(dialog().querySelector("table")).toBeNull();
  });

  it("puts the preview out of date when a cell is held, and previews again with the hold", async () => {
    const held = splitInput({ cells: [{ month: 1, productSpecId: "s1", held: true }] });
    const heldPreview = {
      ...PREVIEW,
      cells: [
        cell("s1", "300000.00", "300,000.00（锁定）", "300,000.00 (held)", "HELD"),
        cell("s2", "700000.00", "700,000.00 = 700,000.00", "700,000.00 = 700,000.00"),
      ],
      previewToken: "split1.held",
    };
    await open([
      previewMock(splitInput(), { data: { previewSplit: PREVIEW } }),
      previewMock(held, { data: { previewSplit: heldPreview } }),
    ]);
    await typeInto(fieldByLabel(dialog(), "金额"), "1,000,000");
    await click(buttonByText(dialog(), "预览"));
    await waitForText(dialog(), "428,571.43");
    const hold = dialog().querySelector<HTMLButtonElement>('button[aria-label="锁定 金樽·三十年 1月"]')!;
    expect(hold.getAttribute("aria-pressed")).toBe("false");
    await click(hold);
    expect(hold.getAttribute("aria-pressed")).toBe("true");
    expect(dialog().textContent).toContain("设置已改变，请重新预览后再应用。");
    expect(applyButton().disabled).toBe(true);

    await click(buttonByText(dialog(), "预览"));
    await waitForText(dialog(), "300,000.00（锁定）");
    expect(dialog().textContent).not.toContain("设置已改变");
    expect(applyButton().disabled).toBe(false);
  });

  it("reports a conflict on apply (whose change), writes nothing and asks for a new preview", async () => {
    const onApplied = vi.fn();
    await open(
      [
        previewMock(splitInput(), { data: { previewSplit: PREVIEW } }),
        applyMock({
          data: {
            applySplit: {
              __typename: "TargetCellsConflict",
              planId: "plan-1",
              message: "1 cell(s) of the block were changed by someone else since the preview: nothing was written.",
              conflicts: [
                {
                  __typename: "TargetCellConflict",
                  month: 1,
                  productSpecId: "s1",
                  dimensionKey: "spec=s1",
                  expectedVersion: null,
                  current: {
                    __typename: "TargetCellCurrent",
                    baseValue: "5.00",
                    version: 1,
                    updatedBy: { __typename: "PlanEditor", login: "li.na", displayName: "李娜" },
                  },
                },
              ],
            },
          },
        }),
      ],
      onApplied,
    );
    await typeInto(fieldByLabel(dialog(), "金额"), "1,000,000");
    await click(buttonByText(dialog(), "预览"));
    await waitForText(dialog(), "428,571.43");
    await click(applyButton());
    await waitForText(dialog(), "预览之后有 1 个格被他人修改（李娜），未写入任何数据，请重新预览。");
    expect(onApplied).not.toHaveBeenCalled();
    expect(dialog().querySelector("table")).toBeNull();
    expect(applyButton().disabled).toBe(true);
  });

  it("breaks a figure down by hand: each cell's settings sent, what is still to allocate shown and flagged per month", async () => {
    const block = { months: [1], productSpecIds: ["s1"], breakdown: { axis: "TERMINAL" as const, memberIds: ["t1", "t2"] } };
    const input = (cells?: unknown[]) => ({
      planId: "plan-1",
      block: { metricId: "m-rev", ...block },
      figure: { kind: "FIGURES" },
      method: { kind: "MANUAL" },
      keepStoredHolds: true,
      ...(cells ? { cells } : {}),
    });
    const member = (memberId: string, value: string, status = "FREE") => ({
      ...cell("s1", value, `${value}（手工）`, `${value} (manual)`, status),
      memberId,
      dimensionKey: `spec=s1;terminal=${memberId}`,
      lastYear: null,
    });
    const preview = (t1: string, total: string, remainder: string) => ({
      ...PREVIEW,
      figureKind: "FIGURES",
      method: "MANUAL",
      rowMethod: null,
      currentTotal: "0.00",
      total,
      remainder,
      rows: [
        { __typename: "SplitTotal" as const, memberId: "t1", productSpecId: "s1", currentTotal: "0.00", total: t1 },
        { __typename: "SplitTotal" as const, memberId: "t2", productSpecId: "s1", currentTotal: "0.00", total: "0.00" },
      ],
      months: [{ __typename: "SplitTotal" as const, month: 1, currentTotal: "0.00", total }],
      cells: [member("t1", t1, t1 === "0.00" ? "FREE" : "MANUAL"), member("t2", "0.00")],
    });
    const onAxisChange = vi.fn();
    await render({
      path: "/",
      routes: (
        <Route
          path="/"
          element={
            <SplitDialog
              planId="plan-1"
              metric={METRIC}
              block={block}
              scope="金樽·三十年 的 2 个终端 × 1月"
              initialFigure="FIGURES"
              breakdown={{
                figureName: "金樽·三十年",
                figures: new Map([[1, "1000.00"]]),
                axes: ["TERMINAL", "DISTRIBUTOR"],
                onAxisChange,
              }}
              rowLabel={(row) => (row.memberId === "t1" ? "百佳超市 (A)" : "好又多 (B)")}
              onApplied={() => undefined}
              onClose={() => undefined}
            />
          }
        />
      ),
      mocks: [
        previewMock(input(), { data: { previewSplit: preview("0.00", "0.00", "0.00") } }),
        previewMock(input([{ month: 1, productSpecId: "s1", memberId: "t1", value: "600", max: "800" }]), {
          data: { previewSplit: preview("600.00", "600.00", "400.00") },
        }),
      ],
      viewer: viewerOf("PLANNER"),
    });
    expect(dialog().querySelector('[data-testid="split-figure"]')?.textContent).toBe("细分 金樽·三十年：原数合计 1,000.00");
    await choose(fieldByLabel<HTMLSelectElement>(dialog(), "各月分解方法"), "MANUAL");
    await click(buttonByText(dialog(), "预览"));
    await waitForText(dialog(), "待分配");
    expect(dialog().querySelector('[data-testid="split-left-row"]')?.textContent).toBe("待分配1,000.001,000.00");

    // 百佳超市's January: 600 by hand, at most 800.
    const settings = () => dialog().querySelector('[data-testid="split-cell-settings"]')!;
    expect(settings().querySelector("legend")?.textContent).toBe("单元格设置：百佳超市 (A) 1月");
    await typeInto(fieldByLabel(settings(), "手工数"), "600");
    await typeInto(fieldByLabel(settings(), "上限"), "800");
    expect(applyButton().disabled).toBe(true);
    await click(buttonByText(dialog(), "预览"));
    await waitForText(dialog(), "600.00（手工）");
    const left = dialog().querySelector('[data-testid="split-left-row"]')!;
    expect(left.textContent).toBe("待分配400.00400.00");
    expect(left.querySelector(".split-dialog__left--off")?.getAttribute("title")).toBe("明细合计与原数不符");
    expect(dialog().querySelector('[data-testid="split-remainder"]')?.textContent).toBe("尚待分配：400.00");

    await choose(fieldByLabel<HTMLSelectElement>(dialog(), "细分到"), "DISTRIBUTOR");
    expect(onAxisChange).toHaveBeenCalledWith("DISTRIBUTOR");
  });
});
