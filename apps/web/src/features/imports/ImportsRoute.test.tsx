// @vitest-environment happy-dom
// 导入 against a fake fetch whose NDJSON stream the test writes line by line:
// progress announced while the check runs, the errors as a table with the error
// report, the import asked once and sent with the chosen mode, the result
// (UNCHANGED as "already imported"), refusals in words, and the page refused to
// a viewer who may not import.
import type { MockLink } from "@apollo/client/testing";
import { Outlet, Route } from "react-router";
import { act } from "react";
import { GraphQLError } from "graphql";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import {
  buttonByText,
  choose,
  click,
  fieldByLabel,
  render,
  setUpReactTests,
  unit,
  unmountAll,
  viewerOf,
  waitForSelector,
  waitForText,
  waitUntil,
} from "../../testing/render.js";
import type { Viewer } from "../../app/session/viewer.js";
import { IMPORT_BATCHES_QUERY, REVERT_IMPORT_MUTATION } from "./imports-documents.js";
import { ImportsRoute } from "./ImportsRoute.js";

beforeAll(setUpReactTests);
afterEach(unmountAll);

const encoder = new TextEncoder();
const CONGHUA = unit("CONGHUA", "从化区市场部", "Conghua market department", "COUNTY");

interface Call {
  readonly url: string;
  readonly file: File | null;
  /** Writes one NDJSON line of the answer. */
  send(line: object): void;
  end(): void;
}

/** A fetch whose answers the test writes: each call gets a stream it feeds by hand. */
function streamingFetch(refuse?: () => Response) {
  const calls: Call[] = [];
  const fetchFn = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const body = init?.body instanceof FormData ? init.body.get("file") : null;
    if (refuse) {
      calls.push({ url: String(input), file: body instanceof File ? body : null, send: () => undefined, end: () => undefined });
      return refuse();
    }
    let controller!: ReadableStreamDefaultController<Uint8Array>;
    const stream = new ReadableStream<Uint8Array>({
      start(c) {
        controller = c;
      },
    });
    calls.push({
      url: String(input),
      file: body instanceof File ? body : null,
      send: (line) => controller.enqueue(encoder.encode(`${JSON.stringify(line)}\n`)),
      end: () => controller.close(),
    });
    return new Response(stream, { status: 200, headers: { "content-type": "application/x-ndjson" } });
  }) as typeof fetch;
  return { fetch: fetchFn, calls };
}

const result = (extra: object) => ({
  type: "result",
  batchId: "batch-1",
  status: "VALIDATED",
  rowCount: 4,
  acceptedCount: 4,
  rejectedCount: 0,
  errors: [],
  errorsTruncated: false,
  duplicateOf: null,
  ...extra,
});

const TWO_BAD_ROWS = result({
  rowCount: 5,
  acceptedCount: 3,
  rejectedCount: 2,
  errors: [
    { row: 3, column: "品规", code: "UNKNOWN_SPEC", message: "未知品规：XX-99" },
    { row: 5, column: "月份", code: "MONTH_OUT_OF_PERIOD", message: "月份 13 不在导入期间 1–12 月内" },
  ],
});

const batch = (id: string, status: string, extra: object = {}) => ({
  __typename: "ImportBatch",
  id,
  kind: "SALES_ACTUALS",
  year: 2026,
  monthFrom: 1,
  monthTo: 12,
  scope: {
    __typename: "ImportScope",
    id: "id-CONGHUA",
    code: "CONGHUA",
    nameZh: "从化区市场部",
    nameEn: "Conghua market department",
  },
  fileName: "sales.csv",
  status,
  rowCount: 4,
  acceptedCount: 4,
  rejectedCount: 0,
  createdBy: { __typename: "ImportUploader", id: "viewer-1", displayName: "从化编制人" },
  createdAt: "2026-11-29T06:05:00.000Z",
  appliedAt: status === "APPLIED" ? "2026-11-29T06:05:03.000Z" : null,
  ...extra,
});

const historyMock = (nodes: unknown[], extra: Partial<MockLink.MockedResponse> = {}): MockLink.MockedResponse => ({
  request: { query: IMPORT_BATCHES_QUERY, variables: { scopeCode: "CONGHUA", kind: "SALES_ACTUALS", first: 20 } },
  result: {
    data: {
      importBatches: {
        __typename: "ImportBatchConnection",
        nodes,
        totalCount: nodes.length,
        endCursor: null,
        hasNextPage: false,
      },
    },
  },
  ...extra,
});

/** No history, however often asked. */
const NO_HISTORY = historyMock([], { maxUsageCount: Number.POSITIVE_INFINITY });

async function renderPage(
  fetch: typeof globalThis.fetch,
  viewer: Viewer = plannerOfConghua,
  mocks: MockLink.MockedResponse[] = [NO_HISTORY],
) {
  return render({
    path: "/imports",
    routes: (
      <Route element={<Outlet context={{ cycle: null, cycleParam: null }} />}>
        <Route path="/imports" element={<ImportsRoute fetch={fetch} />} />
      </Route>
    ),
    mocks,
    viewer,
  });
}

const plannerOfConghua = viewerOf("PLANNER", {
  login: "conghua.planner",
  displayName: "从化编制人",
  roleAssignments: [
    {
      role: "PLANNER",
      orgUnit: CONGHUA,
      orgUnitPath: [unit("HQ", "营销总部", "Marketing HQ", "HQ"), CONGHUA],
    },
  ],
});

async function chooseFile(container: HTMLElement, name: string, content: string) {
  const input = fieldByLabel(container, "文件（CSV 或 XLSX）");
  const file = new File([content], name, { type: "text/csv" });
  await act(async () => {
    Object.defineProperty(input, "files", { value: [file], configurable: true });
    input.dispatchEvent(new Event("change", { bubbles: true }));
  });
}

async function typeIntoArea(area: HTMLTextAreaElement, value: string) {
  await act(async () => {
    Object.getOwnPropertyDescriptor(window.HTMLTextAreaElement.prototype, "value")?.set?.call(area, value);
    area.dispatchEvent(new Event("input", { bubbles: true }));
  });
}

const progressText = (container: HTMLElement) => container.querySelector('[data-testid="import-progress"]')?.textContent ?? "";

const errorRows = (container: HTMLElement) =>
  [...container.querySelectorAll('[data-testid="import-error-row"]')].map((row) =>
    [...row.querySelectorAll("td")].map((cell) => cell.textContent),
  );

describe("ImportsRoute", () => {
  it("checks the file with progress announced, then lists the two bad rows with the error report", async () => {
    const { fetch, calls } = streamingFetch();
    const container = await renderPage(fetch);
    await waitForText(container, "导入实际数据");
    // The viewer's own unit is the scope until another is chosen.
    expect(fieldByLabel<HTMLSelectElement>(container, "单位").value).toBe("id-CONGHUA");
    expect(buttonByText(container, "检查（试运行）").disabled).toBe(true);

    await chooseFile(container, "销售实际.csv", "单位,月份,品规,金额\n");
    await waitForText(container, "已选择：销售实际.csv");
    await click(buttonByText(container, "检查（试运行）"));
    await waitUntil("the upload", () => calls.length === 1);
    const [call] = calls as [Call];
    const year = new Date().getFullYear();
    expect(call.url).toBe(
      `/imports?kind=SALES_ACTUALS&year=${year}&monthFrom=1&monthTo=12&scope=CONGHUA&dryRun=true&mode=ALL_OR_NOTHING&lang=zh-CN`,
    );
    expect(call.file?.name).toBe("销售实际.csv");

    // The progress region is a polite live region, and shows the counts as they come.
    const region = await waitForSelector(container, '[data-testid="import-progress"]');
    expect(region.getAttribute("role")).toBe("status");
    expect(region.getAttribute("aria-live")).toBe("polite");
    await waitForText(region, "正在检查…");
    call.send({ type: "progress", rowsRead: 12000, rowsValid: 11998, rowsWritten: 0 });
    await waitForText(region, "已读取 12,000 行 · 正确 11,998 行 · 已写入 0 行");

    call.send(TWO_BAD_ROWS);
    call.end();
    await waitForSelector(container, '[data-testid="import-errors"]');
    expect(progressText(container)).toBe("");
    expect(container.textContent).toContain("检查发现 2 行有错误（检查不写入任何数据）。");
    expect(container.textContent).toContain("共 5 行 · 正确 3 行 · 有错 2 行");
    expect(errorRows(container)).toEqual([
      ["3", "品规", "未知品规：XX-99"],
      ["5", "月份", "月份 13 不在导入期间 1–12 月内"],
    ]);
    const report = [...container.querySelectorAll("a")].find((link) => link.textContent === "下载错误报告（CSV）");
    expect(report?.getAttribute("href")).toBe("/imports/batch-1/errors.csv");

    // All or nothing cannot import a file with errors; only-valid-rows can.
    expect(buttonByText(container, "导入").disabled).toBe(true);
    expect(container.textContent).toContain("文件中有错误：请修改文件后重新检查，或选择“只导入正确的行”。");
    await click(container.querySelector('input[name="mode"][value="VALID_ONLY"]'));
    expect(buttonByText(container, "导入").disabled).toBe(false);
  });

  it("imports after a clean check, asked once, and shows the rows written and the new batch in the history", async () => {
    const { fetch, calls } = streamingFetch();
    const container = await renderPage(fetch, plannerOfConghua, [
      historyMock([]),
      historyMock([batch("batch-2", "APPLIED", { monthFrom: 3, monthTo: 5 })]),
    ]);
    await waitForText(container, "该单位还没有此类数据的导入记录。");
    await chooseFile(container, "sales.csv", "x\n");
    await choose(fieldByLabel<HTMLSelectElement>(container, "起始月份"), "3");
    await choose(fieldByLabel<HTMLSelectElement>(container, "截止月份"), "5");
    await click(buttonByText(container, "检查（试运行）"));
    await waitUntil("the check", () => calls.length === 1);
    calls[0]?.send(result({}));
    calls[0]?.end();
    await waitForText(container, "检查通过：可以导入。");

    await click(buttonByText(container, "导入"));
    const dialog = await waitForSelector(container.ownerDocument.body, '[data-testid="import-confirm"]');
    expect(dialog.textContent).toContain("把 sales.csv 中的 4 行实际销售导入从化区市场部 (CONGHUA)");
    expect(dialog.textContent).toContain("3–5月");
    // The safe answer has the focus.
    expect(document.activeElement?.textContent).toBe("取消");
    expect(calls).toHaveLength(1);
    await click(buttonByText(dialog, "导入"));
    await waitUntil("the import", () => calls.length === 2);
    expect(calls[1]?.url).toContain("monthFrom=3&monthTo=5&scope=CONGHUA&dryRun=false&mode=ALL_OR_NOTHING");
    expect(container.querySelector('[data-testid="import-confirm"]')).toBeNull();
    await waitForText(container, "正在导入…");
    calls[1]?.send({ type: "progress", rowsRead: 4, rowsValid: 4, rowsWritten: 4 });
    await waitForText(container, "已读取 4 行 · 正确 4 行 · 已写入 4 行");
    calls[1]?.send(result({ status: "APPLIED", batchId: "batch-2" }));
    calls[1]?.end();
    await waitForText(container, "导入完成：已写入 4 行。");
    expect(container.querySelector('[data-testid="import-outcome"]')?.getAttribute("data-status")).toBe("APPLIED");
    // Done: no second import of the same check.
    expect([...container.querySelectorAll("button")].some((button) => button.textContent === "导入")).toBe(false);
    const row = await waitForSelector(container, '[data-testid="import-batch-row"][data-batch-id="batch-2"]');
    expect([...row.querySelectorAll("td")].map((cell) => cell.textContent)).toEqual([
      "2026-11-29 14:05",
      "sales.csv",
      "2026年3–5月",
      "从化区市场部 (CONGHUA)",
      "已导入",
      "4 (4 / 0)",
      "从化编制人",
      "撤销导入",
    ]);
  });

  it("reverts an applied batch with a reason, asked once, and shows the refusal when a later import overwrote it", async () => {
    const { fetch } = streamingFetch();
    const revertMock = (reason: string, answer: MockLink.MockedResponse["result"]): MockLink.MockedResponse => ({
      request: { query: REVERT_IMPORT_MUTATION, variables: { batchId: "batch-1", reason } },
      result: answer,
    });
    const container = await renderPage(fetch, plannerOfConghua, [
      historyMock([batch("batch-1", "APPLIED")]),
      revertMock("错传", {
        errors: [
          new GraphQLError("overwritten", {
            extensions: { code: "CONFLICT", reason: "IMPORT_OVERWRITTEN", params: { batchId: "b-9" } },
          }),
        ],
      }),
      revertMock("导错了月份", { data: { revertImport: batch("batch-1", "REVERTED") } }),
      historyMock([batch("batch-1", "REVERTED")]),
    ]);
    const row = await waitForSelector(container, '[data-testid="import-batch-row"][data-batch-id="batch-1"]');
    await click(buttonByText(row, "撤销导入"));
    const dialog = await waitForSelector(document.body, '[data-testid="revert-import-dialog"]');
    expect(dialog.textContent).toContain("撤销 sales.csv（2026-11-29 14:05）的导入？");
    // The reason is asked for, with the focus on it.
    const reason = fieldByLabel<HTMLTextAreaElement>(dialog, "撤销原因");
    expect(document.activeElement).toBe(reason);
    await click(buttonByText(dialog, "撤销导入"));
    expect(dialog.textContent).toContain("请填写撤销原因。");

    await typeIntoArea(reason, "错传");
    await click(buttonByText(dialog, "撤销导入"));
    await waitForText(dialog, "之后的导入替换了此批的部分数值：请先撤销之后的那一批。");

    await typeIntoArea(reason, "导错了月份");
    await click(buttonByText(dialog, "撤销导入"));
    await waitForText(container, "已撤销 sales.csv 的导入。");
    expect(document.querySelector('[data-testid="revert-import-dialog"]')).toBeNull();
    await waitUntil(
      "the history shows the revert",
      () => container.querySelector('[data-batch-id="batch-1"]')?.getAttribute("data-status") === "REVERTED",
    );
    const reverted = container.querySelector('[data-batch-id="batch-1"]');
    expect(reverted?.textContent).toContain("已撤销");
    expect([...(reverted?.querySelectorAll("button") ?? [])]).toEqual([]);
  });

  it("says a file imported before changed nothing", async () => {
    const { fetch, calls } = streamingFetch();
    const container = await renderPage(fetch);
    await chooseFile(container, "sales.csv", "x\n");
    await click(buttonByText(container, "检查（试运行）"));
    await waitUntil("the check", () => calls.length === 1);
    calls[0]?.send(result({ status: "UNCHANGED", duplicateOf: "batch-0", batchId: "batch-0" }));
    calls[0]?.end();
    await waitForText(container, "此文件已经导入过，没有任何变化。");
    expect(buttonByText(container, "导入").disabled).toBe(true);
  });

  it("drops the check when the form changes", async () => {
    const { fetch, calls } = streamingFetch();
    const noExpenseHistory: MockLink.MockedResponse = {
      ...NO_HISTORY,
      request: { query: IMPORT_BATCHES_QUERY, variables: { scopeCode: "CONGHUA", kind: "EXPENSE_ACTUALS", first: 20 } },
    };
    const container = await renderPage(fetch, plannerOfConghua, [NO_HISTORY, noExpenseHistory]);
    await chooseFile(container, "sales.csv", "x\n");
    await click(buttonByText(container, "检查（试运行）"));
    await waitUntil("the check", () => calls.length === 1);
    calls[0]?.send(result({}));
    calls[0]?.end();
    await waitForText(container, "检查通过：可以导入。");
    await choose(fieldByLabel<HTMLSelectElement>(container, "数据类型"), "EXPENSE_ACTUALS");
    expect(container.querySelector('[data-testid="import-outcome"]')).toBeNull();
    expect([...container.querySelectorAll("button")].some((button) => button.textContent === "导入")).toBe(false);
    // The templates follow the kind.
    const template = [...container.querySelectorAll("a")].find((link) => link.textContent === "CSV 模板");
    expect(template?.getAttribute("href")).toBe("/imports/templates/expenses.csv?lang=zh-CN");
  });

  it("refuses a month range that runs backwards and a file that is not CSV or XLSX", async () => {
    const { fetch } = streamingFetch();
    const container = await renderPage(fetch);
    await chooseFile(container, "sales.csv", "x\n");
    await choose(fieldByLabel<HTMLSelectElement>(container, "起始月份"), "6");
    await choose(fieldByLabel<HTMLSelectElement>(container, "截止月份"), "2");
    expect(container.textContent).toContain("截止月份不能早于起始月份。");
    expect(buttonByText(container, "检查（试运行）").disabled).toBe(true);
    await chooseFile(container, "notes.txt", "x\n");
    expect(container.textContent).toContain("只能导入 .csv 或 .xlsx 文件。");
  });

  it("words a refusal before the stream, with the server's own words", async () => {
    const { fetch } = streamingFetch(
      () =>
        new Response(JSON.stringify({ code: "VALIDATION_FAILED", reason: "FILE_TOO_LARGE", message: "上限 200 MiB" }), {
          status: 413,
        }),
    );
    const container = await renderPage(fetch);
    await chooseFile(container, "big.csv", "x\n");
    await click(buttonByText(container, "检查（试运行）"));
    const failure = await waitForSelector(container, '[data-testid="import-failure"]');
    expect(failure.getAttribute("role")).toBe("alert");
    expect(failure.textContent).toBe("文件太大，无法上传。请拆分后分批导入。服务器说明：上限 200 MiB");
  });

  it("shows a viewer who may not import that the page is not theirs", async () => {
    const { fetch } = streamingFetch();
    const container = await renderPage(fetch, viewerOf("VIEWER"));
    await waitForText(container, "无权");
    expect(container.querySelector("form")).toBeNull();
  });
});
