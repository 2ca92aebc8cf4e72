// @vitest-environment happy-dom
// The plan workbench against a mocked API (testing.ts): the header and its
// states (loading, not found, error with retry, read-only by status and by
// role), the Targets tab's grid with breakdowns kept out of the totals and the
// split check, an explicit save with each cell's version, a conflict resolved
// by keeping mine or taking theirs (the other edits kept), stretch targets,
// the leave guard, and ?metric= / ?focus= from a finding's link.
import { InMemoryCache } from "@apollo/client";
import { GraphQLError } from "graphql";
import { MockedProvider } from "@apollo/client/testing/react";
import type { MockLink } from "@apollo/client/testing";
import { act } from "react";
import { createRoot, type Root } from "react-dom/client";
import { createMemoryRouter, Outlet, RouterProvider } from "react-router";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { I18nProvider } from "../../app/i18n/I18nProvider.js";
import { ViewerContext, type Viewer } from "../../app/session/viewer.js";
import { POSSIBLE_TYPES } from "../../graphql/possible-types.js";
import type { ShellOutletContext } from "../../app/shell/cycle.js";
import { buttonByText, choose, click, settle, waitForSelector, waitForText, waitUntil } from "../../testing/render.js";
import { PlanRoute } from "./PlanRoute.js";
import { PLAN_COMMENT_MARKERS_QUERY } from "../comments/comments-documents.js";
import { PREVIEW_SPLIT_QUERY } from "./split/split-documents.js";
import {
  change,
  conflictMock,
  FIRST_CELLS,
  gridMock,
  headerErrorMock,
  headerMock,
  markersMock,
  notFound,
  PLAN_ID,
  savedMock,
  SALES,
  setupMock,
  TERMINAL_ROW,
  VOLUME,
} from "./testing.js";

const mounted: Root[] = [];
const sizeDescriptors = ["clientWidth", "clientHeight"].map(
  (name) => [name, Object.getOwnPropertyDescriptor(HTMLElement.prototype, name)] as const,
);

beforeAll(() => {
  (globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;
  // happy-dom lays nothing out: a size for the grid's scroller, so that every row and column renders.
  Object.defineProperty(HTMLElement.prototype, "clientWidth", { configurable: true, get: () => 3000 });
  Object.defineProperty(HTMLElement.prototype, "clientHeight", { configurable: true, get: () => 800 });
});

afterAll(() => {
  for (const [name, descriptor] of sizeDescriptors) {
    if (descriptor) Object.defineProperty(HTMLElement.prototype, name, descriptor);
    else delete (HTMLElement.prototype as unknown as Record<string, unknown>)[name];
  }
});

afterEach(() => {
  for (const root of mounted.splice(0)) act(() => root.unmount());
  document.body.innerHTML = "";
  window.localStorage.clear();
});

const shell: ShellOutletContext = {
  cycle: { id: "c2027", code: "FY2027", year: 2027, nameZh: "2027年度营销方案", nameEn: "FY2027 plan", status: "OPEN" },
  cycleParam: "2027",
};

const unitRef = (code: string, nameZh: string, level: "HQ" | "PROVINCE" | "CITY" | "COUNTY") => ({
  id: `u-${code.toLowerCase()}`,
  code,
  nameZh,
  nameEn: code,
  level,
});

function viewerAtConghua(role: "PLANNER" | "FINANCE"): Viewer {
  const path = [
    unitRef("HQ", "营销总部", "HQ"),
    unitRef("GD", "广东省分公司", "PROVINCE"),
    unitRef("GZ", "广州办事处", "CITY"),
    unitRef("CONGHUA", "从化区市场部", "COUNTY"),
  ];
  return {
    id: "u-planner",
    login: "conghua.planner",
    displayName: "陈秀英",
    locale: "zh-CN",
    roleAssignments: [{ role, orgUnit: path[3]!, orgUnitPath: path }],
  };
}

interface Page {
  readonly container: HTMLElement;
  readonly router: ReturnType<typeof createMemoryRouter>;
}

async function open(path: string, mocks: MockLink.MockedResponse[], viewer = viewerAtConghua("PLANNER")): Promise<Page> {
  const container = document.createElement("div");
  document.body.append(container);
  const root = createRoot(container);
  mounted.push(root);
  const router = createMemoryRouter(
    [
      {
        element: <Outlet context={shell} />,
        children: [
          { path: "/plans/:code/:year/:tab?", element: <PlanRoute /> },
          { path: "/units/:code", element: <p data-testid="unit-page">unit page</p> },
        ],
      },
    ],
    { initialEntries: [path] },
  );
  await act(async () => {
    root.render(
      <I18nProvider>
        <MockedProvider
          mocks={mocks.some((mock) => mock.request.query === PLAN_COMMENT_MARKERS_QUERY) ? mocks : [...mocks, markersMock()]}
          cache={new InMemoryCache({ possibleTypes: POSSIBLE_TYPES })}
        >
          <ViewerContext.Provider value={viewer}>
            <RouterProvider router={router} />
          </ViewerContext.Provider>
        </MockedProvider>
      </I18nProvider>,
    );
  });
  return { container, router };
}

const TARGETS = "/plans/CONGHUA/2027/targets";

async function openTargets(mocks: MockLink.MockedResponse[], path = TARGETS, viewer?: Viewer): Promise<Page> {
  const page = await open(path, mocks, viewer);
  await waitForSelector(page.container, '[role="grid"] [data-row-key="F|s1"]');
  await settle(); // the virtualiser measures the scroller after the first render
  return page;
}

const cellOf = (container: HTMLElement, rowKey: string, column: string) => {
  const rowSelector = rowKey === "ALL" ? '[data-testid="grid-all-row"]' : `[data-row-key="${rowKey}"]`;
  const cell = container.querySelector<HTMLElement>(`${rowSelector} [data-column="${column}"]`);
  if (!cell) throw new Error(`no cell ${rowKey} ${column}; the page shows: ${container.textContent}`);
  return cell;
};
const shown = (container: HTMLElement, rowKey: string, month: number) =>
  cellOf(container, rowKey, `MONTH${month}:TARGET`).querySelector(".tg__value")?.textContent ?? "";
const fieldByLabelIn = (root: Element, label: string) => {
  const found = [...root.querySelectorAll("label")].find((candidate) => candidate.textContent === label);
  const field = found ? root.querySelector<HTMLSelectElement>(`#${CSS.escape(found.htmlFor)}`) : null;
  if (!field) throw new Error(`no field labelled ${label}`);
  return field;
};
const unsaved = (container: HTMLElement) => container.querySelector('[data-testid="unsaved-count"]')?.textContent;
const notice = (container: HTMLElement) => container.querySelector(".targets__notice")?.textContent ?? "";
const saveButton = (container: HTMLElement) => container.querySelector<HTMLButtonElement>(".targets__save-button")!;

/** Types a value over a monthly target, as a person does: select, type, Enter. */
async function typeCell(container: HTMLElement, rowKey: string, month: number, text: string) {
  const cell = cellOf(container, rowKey, `MONTH${month}:TARGET`);
  await act(async () => {
    cell.dispatchEvent(new MouseEvent("mousedown", { bubbles: true, cancelable: true, button: 0, buttons: 1 }));
    window.dispatchEvent(new MouseEvent("mouseup", { bubbles: true }));
  });
  const grid = container.querySelector<HTMLElement>('[role="grid"]')!;
  await act(async () => {
    grid.dispatchEvent(new KeyboardEvent("keydown", { key: text[0]!, bubbles: true, cancelable: true }));
  });
  const input = container.querySelector<HTMLInputElement>(".tg__editor");
  if (!input) throw new Error(`no editor opened on ${rowKey} ${month}`);
  await act(async () => {
    Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, "value")!.set!.call(input, text);
    input.dispatchEvent(new Event("input", { bubbles: true }));
  });
  await act(async () => {
    input.dispatchEvent(new KeyboardEvent("keydown", { key: "Enter", bubbles: true, cancelable: true }));
  });
}

/** Selects from one cell to another, as a click and a shift+click do. */
async function selectCells(container: HTMLElement, from: [string, string], to: [string, string]) {
  for (const [[rowKey, column], shiftKey] of [
    [from, false],
    [to, true],
  ] as const) {
    const cell = cellOf(container, rowKey, column);
    await act(async () => {
      cell.dispatchEvent(new MouseEvent("mousedown", { bubbles: true, cancelable: true, button: 0, buttons: 1, shiftKey }));
      window.dispatchEvent(new MouseEvent("mouseup", { bubbles: true }));
    });
  }
}

/** A breakdown preview of January: 1,000.00 over t1, t3 and t2 at the values given. */
function breakdownPreview(values: readonly [string, string, string]) {
  const members = ["t1", "t3", "t2"] as const;
  const total = (Number(values[0]) + Number(values[1]) + Number(values[2])).toFixed(2);
  return {
    __typename: "SplitPreview",
    planId: PLAN_ID,
    figureKind: "FIGURES",
    figure: "1000.00",
    guidance: null,
    planTotal: null,
    method: "EVEN",
    rowMethod: null,
    marginsZh: "每月的明细合计等于该月的数。",
    marginsEn: "Each month's breakdown adds up to its figure.",
    currentTotal: "0.00",
    total,
    remainder: "0.00",
    rows: members.map((memberId, index) => ({
      __typename: "SplitTotal",
      memberId,
      productSpecId: "s1",
      currentTotal: "0.00",
      total: values[index],
    })),
    months: [{ __typename: "SplitTotal", month: 1, currentTotal: "0.00", total }],
    cells: members.map((memberId, index) => ({
      __typename: "SplitPreviewCell",
      month: 1,
      productSpecId: "s1",
      memberId,
      dimensionKey: `spec=s1;terminal=${memberId}`,
      version: null,
      currentValue: null,
      storedHeld: false,
      newValue: values[index],
      status: "FREE",
      changes: true,
      lastYear: null,
      explanationZh: `${values[index]} = 1,000.00 × 1/3`,
      explanationEn: `${values[index]} = 1,000.00 × 1/3`,
    })),
    notices: [],
    previewToken: "t",
    expectedVersions: [null, null, null, 3],
  };
}

async function save(container: HTMLElement) {
  await click(saveButton(container));
}

/** The workflow buttons in the header, by their words. */
function workflowButtons(container: HTMLElement): string[] {
  return [...container.querySelectorAll('[data-testid="workflow-actions"] button')].map((button) => button.textContent ?? "");
}

describe("the plan workbench", () => {
  it("shows whose plan it is, its cycle and status, the tabs, and the targets with last year beside them", async () => {
    const { container } = await openTargets([headerMock(), setupMock(), gridMock()]);
    expect(container.querySelector("h1")?.textContent).toBe("从化区市场部 (CONGHUA)");
    expect(container.textContent).toContain("计划周期：2027年度营销方案");
    expect(container.querySelector("[data-status]")?.textContent).toBe("草稿");
    const crumbs = container.querySelector('nav[aria-label="所在位置"]')!;
    expect([...crumbs.querySelectorAll("li")].map((li) => li.textContent)).toEqual([
      "营销总部",
      "广东省分公司",
      "广州办事处",
      "从化区市场部",
      "计划工作台",
    ]);
    // Only the viewer's own unit is theirs to open.
    expect([...crumbs.querySelectorAll("a")].map((a) => a.getAttribute("href"))).toEqual(["/units/CONGHUA?cycle=2027"]);
    const tabs = container.querySelector('nav[aria-label="计划工作台分页"]')!;
    const targetsTab = [...tabs.querySelectorAll("a")].find((a) => a.textContent === "销售目标")!;
    expect(targetsTab.getAttribute("href")).toBe("/plans/CONGHUA/2027/targets?cycle=2027");
    expect(targetsTab.getAttribute("aria-current")).toBe("page");
    expect(container.querySelector('[data-testid="plan-read-only"]')).toBeNull();
    expect(workflowButtons(container)).toEqual(["提交"]);

    // 金樽500ml Jan 1,000.00; its 商超 breakdown 400.00 details it and is not added: the line and all specs stay 1,000.00.
    expect(shown(container, "F|s1", 1)).toBe("1,000.00");
    expect(shown(container, "B|s1|CHANNEL|ch-ka", 1)).toBe("400.00");
    expect(shown(container, "ALL", 1)).toBe("1,000.00");
    expect(cellOf(container, "ALL", "YEAR1:TARGET").textContent).toBe("1,000.00");
    // Y-1: Jan 900.00 + Nov 100.00 (an estimate) = 1,000.00, marked 预估.
    const lastYear = cellOf(container, "F|s1", "YEAR1:LAST_YEAR");
    expect(lastYear.querySelector(".tg__value")?.textContent).toBe("1,000.00");
    expect(lastYear.querySelector(".tg__estimate")?.textContent).toBe("预估");
    expect(container.querySelector('[data-testid="estimate-note"]')?.textContent).toBe(
      "2026年实际数据截至10月，11月、12月为预估（表中以“预估”标记）。",
    );
    // The 商超 split holds 400.00 of January's 1,000.00: 600.00 still to allocate, flagged on the figure.
    const allocation = container.querySelector('[data-testid="allocation-row"]')!;
    expect(allocation.getAttribute("data-balanced")).toBe("false");
    expect(allocation.textContent).toBe("金樽500ml渠道1月尚余 600.00");
    const figure = cellOf(container, "F|s1", "MONTH1:TARGET");
    expect(figure.className).toContain("is-flagged");
    expect(figure.getAttribute("title")).toContain("按渠道分解合计 400.00，尚余 600.00 待分配");
    expect(unsaved(container)).toBe("没有未保存的修改");
    expect(saveButton(container).disabled).toBe(true);
  });

  it("is read-only, saying why, when the plan is submitted", async () => {
    const submitted = { status: "SUBMITTED", editable: false, readOnlyReason: "STATUS" } as const;
    const { container } = await openTargets([headerMock(submitted), setupMock(submitted), gridMock()]);
    expect(container.querySelector("[data-status]")?.textContent).toBe("已提交");
    // The planner may still take it back before the city acts: 撤回, and no 提交.
    expect(workflowButtons(container)).toEqual(["撤回"]);
    expect(container.querySelector('[data-testid="plan-read-only"]')?.textContent).toBe(
      "只读：计划状态为“已提交”，只有草稿或已退回的计划可以修改",
    );
    expect(container.querySelector('[role="grid"]')?.getAttribute("aria-readonly")).toBe("true");
    expect(container.querySelector<HTMLSelectElement>("select[disabled]")).not.toBeNull(); // the estimate method
    const cell = cellOf(container, "F|s1", "MONTH1:TARGET");
    await act(async () => {
      cell.dispatchEvent(new MouseEvent("mousedown", { bubbles: true, cancelable: true, button: 0, buttons: 1 }));
    });
    await act(async () => {
      container
        .querySelector('[role="grid"]')!
        .dispatchEvent(new KeyboardEvent("keydown", { key: "5", bubbles: true, cancelable: true }));
    });
    expect(container.querySelector(".tg__editor")).toBeNull();
    expect(container.querySelector(".tg__notice")?.textContent).toBe("只读：计划状态为“已提交”，只有草稿或已退回的计划可以修改");
    // Nothing to save in a read-only plan: no save button at all, no changed cell.
    expect(container.querySelector(".targets__save-button")).toBeNull();
    expect(container.querySelector(".tg__cell.is-changed")).toBeNull();
  });

  it("is read-only for a viewer without a planner role at the unit", async () => {
    const role = { editable: false, readOnlyReason: "ROLE" } as const;
    const { container } = await openTargets([headerMock(role), setupMock(role), gridMock()], TARGETS, viewerAtConghua("FINANCE"));
    expect(container.querySelector('[data-testid="plan-read-only"]')?.textContent).toBe(
      "只读：您在本单位没有编制计划的角色，只能查看",
    );
    // Said once, in the header: not again above the grid.
    expect(container.querySelector('[data-testid="grid-read-only"]')).toBeNull();
    expect(container.textContent!.split("您在本单位没有编制计划的角色").length - 1).toBe(1);
    expect(container.querySelector('[data-testid="workflow-actions"]')).toBeNull();
    expect(container.querySelector(".targets__save-button")).toBeNull();
  });

  it("shows a skeleton while loading, and the not-found page for a plan out of scope or a tab that does not exist", async () => {
    const loading = await open(TARGETS, [{ ...headerMock(), delay: 200 }, setupMock(), gridMock()]);
    expect(loading.container.querySelector('.skeleton[aria-busy="true"]')).not.toBeNull();
    await waitForText(loading.container, "从化区市场部 (CONGHUA)");
    await waitForSelector(loading.container, '[data-row-key="F|s1"]');

    const outOfScope = await open(TARGETS, [headerErrorMock(notFound())]);
    await waitForText(outOfScope.container, "未找到页面");
    expect(outOfScope.container.textContent).toContain("该地址不存在，或者不在您的权限范围内。");

    // Not a registered tab: no request at all (no mock would answer it).
    const unknownTab = await open("/plans/CONGHUA/2027/bogus", []);
    await waitForText(unknownTab.container, "未找到页面");
    const badYear = await open("/plans/CONGHUA/20x7", []);
    await waitForText(badYear.container, "未找到页面");
  });

  it("says what failed and loads again on retry", async () => {
    const { container } = await open(TARGETS, [
      headerErrorMock(new Error("connection reset")),
      headerMock(),
      setupMock(),
      gridMock(),
    ]);
    await waitForText(container, "加载失败");
    await click(buttonByText(container, "重试"));
    await waitForSelector(container, '[data-row-key="F|s1"]');
    expect(container.querySelector("h1")?.textContent).toBe("从化区市场部 (CONGHUA)");
  });

  it("saves the unsaved cells in one batch, each with the version it was read at, and says how many", async () => {
    const edits = [change("s1", 1, "1234.50", 3), change("s2", 1, "88.00", null)];
    const { container } = await openTargets([
      headerMock(),
      setupMock(),
      gridMock(),
      savedMock(edits, [4, 1]),
      gridMock({
        ...FIRST_CELLS,
        "F|s1:1": { id: "c1", baseValue: "1234.50", version: 4 },
        "F|s2:1": { id: "c3", baseValue: "88.00", version: 1 },
      }),
    ]);
    await typeCell(container, "F|s1", 1, "1,234.5");
    await typeCell(container, "F|s2", 1, "８８");
    expect(unsaved(container)).toBe("2 个单元格未保存");
    expect(cellOf(container, "F|s1", "MONTH1:TARGET").className).toContain("is-changed");
    // 1,234.50 + 88.00 = 1,322.50 for all specs while typing, before any save.
    expect(shown(container, "ALL", 1)).toBe("1,322.50");

    // Ctrl+S from the grid, as in a spreadsheet.
    await act(async () => {
      container
        .querySelector('[role="grid"]')!
        .dispatchEvent(new KeyboardEvent("keydown", { key: "s", ctrlKey: true, bubbles: true, cancelable: true }));
    });
    await waitForText(container, "已保存 2 个单元格。");
    expect(unsaved(container)).toBe("没有未保存的修改");
    expect(shown(container, "F|s1", 1)).toBe("1,234.50");
    expect(shown(container, "F|s2", 1)).toBe("88.00");
    expect(cellOf(container, "F|s1", "MONTH1:TARGET").className).not.toContain("is-changed");
    // The 商超 split now leaves 1,234.50 − 400.00 = 834.50.
    expect(container.querySelector('[data-testid="allocation-row"]')?.textContent).toBe("金樽500ml渠道1月尚余 834.50");
  });

  it("on a conflict shows whose change and what, keeps the other edits, and keeps mine by sending it again on their version", async () => {
    const first = [change("s1", 1, "1500.00", 3), change("s2", 2, "20.00", null)];
    const again = [change("s1", 1, "1500.00", 4), change("s2", 2, "20.00", null)];
    const theirs = { ...FIRST_CELLS, "F|s1:1": { id: "c1", baseValue: "1800.00", version: 4 } };
    const { container } = await openTargets([
      headerMock(),
      setupMock(),
      gridMock(),
      conflictMock(first, [{ change: first[0]!, theirs: "1800.00", version: 4 }]),
      gridMock(theirs),
      savedMock(again, [5, 1]),
      gridMock({
        ...FIRST_CELLS,
        "F|s1:1": { id: "c1", baseValue: "1500.00", version: 5 },
        "F|s2:2": { id: "c4", baseValue: "20.00", version: 1 },
      }),
    ]);
    await typeCell(container, "F|s1", 1, "1500");
    await typeCell(container, "F|s2", 2, "20");
    await save(container);

    const panel = await waitForSelector(container, '[data-testid="conflict-panel"]');
    expect(panel.querySelector("h2")?.textContent).toBe("有 1 个单元格已被他人修改");
    const row = panel.querySelector('[data-testid="conflict-row"]')!;
    expect(row.querySelector("th")?.textContent).toBe("销售额 · 金樽500ml · 1月王芳 于 2026-11-28 10:30 修改");
    expect(row.querySelector('[data-testid="conflict-theirs"]')?.textContent).toBe("1,800.00");
    expect(row.querySelector('[data-testid="conflict-mine"]')?.textContent).toBe("1,500.00");
    // Nothing was written: both edits are still unsaved, over their value.
    expect(unsaved(container)).toBe("2 个单元格未保存");
    expect(shown(container, "F|s1", 1)).toBe("1,500.00");
    expect(shown(container, "F|s2", 2)).toBe("20.00");
    expect(saveButton(container).disabled).toBe(true);
    expect(saveButton(container).title).toBe("请先处理 1 个冲突");

    await click(buttonByText(panel, "保留我的"));
    expect(row.getAttribute("data-choice")).toBe("MINE");
    expect(row.textContent).toContain("将以您的数值覆盖");
    await click(buttonByText(panel, "保存"));
    await waitForText(container, "已保存 2 个单元格。");
    expect(container.querySelector('[data-testid="conflict-panel"]')).toBeNull();
    expect(unsaved(container)).toBe("没有未保存的修改");
    expect(shown(container, "F|s1", 1)).toBe("1,500.00");
    expect(shown(container, "F|s2", 2)).toBe("20.00");
  });

  it("on a conflict takes theirs for a cell and saves the other edits alone", async () => {
    const first = [change("s1", 1, "1500.00", 3), change("s2", 2, "20.00", null)];
    const theirs = { ...FIRST_CELLS, "F|s1:1": { id: "c1", baseValue: "1800.00", version: 4 } };
    const { container } = await openTargets([
      headerMock(),
      setupMock(),
      gridMock(),
      conflictMock(first, [{ change: first[0]!, theirs: "1800.00", version: 4 }]),
      gridMock(theirs),
      savedMock([change("s2", 2, "20.00", null)], [1]),
      gridMock({ ...theirs, "F|s2:2": { id: "c4", baseValue: "20.00", version: 1 } }),
    ]);
    await typeCell(container, "F|s1", 1, "1500");
    await typeCell(container, "F|s2", 2, "20");
    await save(container);
    const panel = await waitForSelector(container, '[data-testid="conflict-panel"]');

    await click(buttonByText(panel, "采用对方的"));
    // Their 1,800.00 is in the grid at once; my other edit is still unsaved.
    expect(shown(container, "F|s1", 1)).toBe("1,800.00");
    expect(cellOf(container, "F|s1", "MONTH1:TARGET").className).not.toContain("is-changed");
    expect(unsaved(container)).toBe("1 个单元格未保存");
    expect(panel.querySelector('[data-testid="conflict-row"]')?.textContent).toContain("已采用对方的数值");

    await save(container);
    await waitForText(container, "已保存 1 个单元格。");
    expect(unsaved(container)).toBe("没有未保存的修改");
    expect(shown(container, "F|s1", 1)).toBe("1,800.00");
    expect(shown(container, "F|s2", 2)).toBe("20.00");
    // 1,800.00 + 20.00 in the year of all specs.
    expect(cellOf(container, "ALL", "YEAR1:TARGET").textContent).toBe("1,820.00");
  });

  it("saves a stretch target with the stored base beside it, and refuses one without a base", async () => {
    const edits = [change("s1", 1, "1000.00", 3, { stretchValue: "1200.00" })];
    const { container } = await openTargets([
      headerMock(),
      setupMock(),
      gridMock(),
      savedMock(edits, [4]),
      gridMock({ ...FIRST_CELLS, "F|s1:1": { id: "c1", baseValue: "1000.00", stretchValue: "1200.00", version: 4 } }),
    ]);
    await click(buttonByText(container, "力争目标"));
    // Without a stretch of its own a cell counts with its base.
    expect(shown(container, "F|s1", 1)).toBe("1,000.00");
    expect(container.querySelector('[data-testid="estimate-note"]')?.textContent).toContain("没有力争目标的单元格按基本任务计。");
    await typeCell(container, "F|s2", 3, "50");
    await save(container);
    expect(notice(container)).toBe("销售额 · 金樽250ml · 3月：请先填写基本任务，再填写力争目标；未保存任何内容。");
    // Take that one back (Delete on the cell), then save the stretch of a cell that has a base.
    const grid = container.querySelector<HTMLElement>('[role="grid"]')!;
    await act(async () => {
      grid.dispatchEvent(new KeyboardEvent("keydown", { key: "z", ctrlKey: true, bubbles: true, cancelable: true }));
    });
    await typeCell(container, "F|s1", 1, "1200");
    expect(unsaved(container)).toBe("1 个单元格未保存");
    await save(container);
    await waitForText(container, "已保存 1 个单元格。");
    expect(shown(container, "F|s1", 1)).toBe("1,200.00");
    await click(buttonByText(container, "基本任务"));
    expect(shown(container, "F|s1", 1)).toBe("1,000.00");
  });

  it("keeps the unsaved edits of each metric and of base and stretch while another is shown, and saves them together", async () => {
    const edits = [change("s2", 1, "10.00", null), change("s1", 1, "1000.00", 3, { stretchValue: "1200.00" })];
    const { container } = await openTargets([
      headerMock(),
      setupMock(),
      gridMock(),
      gridMock({}, VOLUME),
      savedMock(edits, [1, 4]),
      gridMock({
        ...FIRST_CELLS,
        "F|s1:1": { id: "c1", baseValue: "1000.00", stretchValue: "1200.00", version: 4 },
        "F|s2:1": { id: "c3", baseValue: "10.00", version: 1 },
      }),
    ]);
    await typeCell(container, "F|s2", 1, "10");
    await click(buttonByText(container, "力争目标"));
    expect(shown(container, "F|s2", 1)).toBe(""); // the base edit is not a stretch target
    await typeCell(container, "F|s1", 1, "1200");
    expect(unsaved(container)).toBe("2 个单元格未保存");

    await choose(container.querySelector<HTMLSelectElement>(".targets__field select")!, "SALES_VOLUME");
    await waitUntil("the volume grid", () => container.querySelector('[aria-label="销售目标表：销量"]') !== null);
    await settle();
    expect(shown(container, "F|s1", 1)).toBe("");
    expect(container.querySelectorAll(".tg__cell.is-changed")).toHaveLength(0);
    expect(unsaved(container)).toBe("2 个单元格未保存");

    await choose(container.querySelector<HTMLSelectElement>(".targets__field select")!, "SALES_REVENUE");
    await waitUntil("the sales grid", () => container.querySelector('[aria-label="销售目标表：销售额"]') !== null);
    await settle();
    await click(buttonByText(container, "基本任务"));
    expect(shown(container, "F|s2", 1)).toBe("10.00");
    expect(cellOf(container, "F|s2", "MONTH1:TARGET").className).toContain("is-changed");

    await save(container);
    await waitForText(container, "已保存 2 个单元格。");
    expect(unsaved(container)).toBe("没有未保存的修改");
  });

  it("opens a spec's breakdown by terminal on request, its rows outside the totals", async () => {
    const expand = [{ productSpecId: "s1", axis: "TERMINAL" }];
    const { container } = await openTargets([
      headerMock(),
      setupMock(),
      gridMock(),
      gridMock(FIRST_CELLS, SALES, { expand, rows: [TERMINAL_ROW] }),
    ]);
    const picker = container.querySelector<HTMLFormElement>(".targets-breakdown")!;
    const [spec, axis] = [...picker.querySelectorAll("select")];
    await choose(spec!, "s1");
    await choose(axis!, "TERMINAL");
    await click(buttonByText(picker, "显示"));
    const terminal = await waitForSelector(container, '[data-row-key="B|s1|TERMINAL|t1"]');
    expect(terminal.querySelector('[role="rowheader"]')?.textContent).toBe("百佳超市 (A)终端");
    await settle();
    await typeCell(container, "B|s1|TERMINAL|t1", 1, "250");
    // All specs' January is still the figure's 1,000.00; the terminal split leaves 750.00.
    expect(shown(container, "ALL", 1)).toBe("1,000.00");
    const rows = [...container.querySelectorAll('[data-testid="allocation-row"]')].map((row) => row.textContent);
    expect(rows).toEqual(["金樽500ml渠道1月尚余 600.00", "金樽500ml终端1月尚余 750.00"]);
  });

  it("splits the block selected in the grid: the specs' figures in the months selected, breakdown rows left out", async () => {
    const input = {
      planId: PLAN_ID,
      block: { metricId: "m-sales", months: [1, 2, 3], productSpecIds: ["s1", "s2"] },
      figure: { kind: "CURRENT_TOTAL" },
      method: { kind: "LAST_YEAR" },
      keepStoredHolds: true,
    };
    const refusal = new GraphQLError("held", {
      extensions: { code: "VALIDATION_FAILED", reason: "HELD_EXCEED_TOTAL", params: { heldTotal: "2000.00", total: "1000.00" } },
    });
    const { container } = await openTargets([
      headerMock(),
      setupMock(),
      gridMock(),
      { request: { query: PREVIEW_SPLIT_QUERY, variables: { input } }, result: { errors: [refusal] } },
    ]);
    const open = container.querySelector<HTMLButtonElement>('[data-testid="open-split"]')!;
    // History only: nothing to split.
    await selectCells(container, ["F|s1", "YEAR1:LAST_YEAR"], ["F|s2", "YEAR1:GROWTH"]);
    expect(open.disabled).toBe(true);
    expect(open.title).toBe("先在表格中选择要分解的格（品规行 × 月份、季度或全年）");
    await selectCells(container, ["F|s1", "MONTH1:TARGET"], ["F|s2", "MONTH3:TARGET"]);
    expect(open.disabled).toBe(false);
    expect(open.title).toBe("2 个品规 × 1月–3月");
    await click(open);
    const dialog = await waitForSelector(document, '[data-testid="split-dialog"]');
    expect(dialog.querySelector('[data-testid="split-scope"]')?.textContent).toBe("分解范围：2 个品规 × 1月–3月");
    await choose(dialog.querySelector<HTMLSelectElement>("select")!, "CURRENT_TOTAL");
    await click(buttonByText(dialog, "预览"));
    // The answer to exactly that block (any other request has no answer here).
    await waitForText(dialog, "锁定的格合计 2,000.00，超过要分解的数 1,000.00：请减少锁定或加大数值。");
  });

  it("says what to select before a split, and breaks one spec's figure down to the terminals that need a target", async () => {
    const { container } = await openTargets([
      headerMock(),
      setupMock(),
      gridMock(),
      {
        request: {
          query: PREVIEW_SPLIT_QUERY,
          variables: {
            input: {
              planId: PLAN_ID,
              block: {
                metricId: "m-sales",
                months: [1],
                productSpecIds: ["s1"],
                breakdown: { axis: "TERMINAL", memberIds: ["t1", "t3", "t2"] },
              },
              figure: { kind: "FIGURES" },
              method: { kind: "EVEN" },
              keepStoredHolds: true,
            },
          },
        },
        result: { data: { previewSplit: breakdownPreview(["333.34", "333.33", "333.33"]) } },
      },
    ]);
    const breakdown = container.querySelector<HTMLButtonElement>('[data-testid="open-breakdown"]')!;
    // Two specs' figures: not one figure to break down.
    await selectCells(container, ["F|s1", "MONTH1:TARGET"], ["F|s2", "MONTH1:TARGET"]);
    expect(breakdown.disabled).toBe(true);
    expect(breakdown.title).toBe("先选一个品规合计行的月份、季度或全年，再细分到终端、经销商或乡镇");
    await selectCells(container, ["F|s1", "MONTH1:TARGET"], ["F|s1", "MONTH1:TARGET"]);
    expect(breakdown.disabled).toBe(false);
    await click(breakdown);
    const dialog = await waitForSelector(document, '[data-testid="split-dialog"]');
    expect(dialog.querySelector('[data-testid="split-scope"]')?.textContent).toBe("分解范围：金樽500ml 的 3 个终端 × 1月");
    expect(dialog.querySelector('[data-testid="split-figure"]')?.textContent).toBe("细分 金樽500ml：原数合计 1,000.00");
    await choose(fieldByLabelIn(dialog, "各月分解方法"), "EVEN");
    await click(buttonByText(dialog, "预览"));
    await waitForText(dialog, "333.34");
    // Core terminals first (百佳超市 A, 街口烟酒店 C), then class B; each month against its figure, nothing left.
    expect([...dialog.querySelectorAll("tbody th")].map((th) => th.textContent)).toEqual([
      "百佳超市 (A)",
      "街口烟酒店 (C)",
      "好又多 (B)",
    ]);
    expect(dialog.querySelector('[data-testid="split-figure-row"]')?.textContent).toBe("原数1,000.001,000.00");
    expect(dialog.querySelector('[data-testid="split-left-row"]')?.textContent).toBe("待分配0.000.00");
    expect(dialog.querySelector('[data-testid="split-remainder"]')?.textContent).toBe("尚待分配：0.00");
  });

  it("marks commented cells (open threads apart from resolved ones) and comments on one selected cell", async () => {
    const { container } = await openTargets([
      headerMock(),
      setupMock(),
      gridMock(),
      // 金樽500ml's January has an open thread, its February a resolved one; the other metric's March is not on this grid.
      markersMock([
        [SALES.id, 1, "spec=s1", 1],
        [SALES.id, 2, "spec=s1", 0],
        [VOLUME.id, 3, "spec=s1", 2],
      ]),
    ]);
    await waitUntil("the comment marks", () => cellOf(container, "F|s1", "MONTH1:TARGET").classList.contains("has-open-comment"));
    expect(cellOf(container, "F|s1", "MONTH1:TARGET").title).toContain("有未解决的评论");
    expect(cellOf(container, "F|s1", "MONTH2:TARGET").classList.contains("has-comment")).toBe(true);
    expect(container.querySelectorAll(".has-open-comment, .has-comment")).toHaveLength(2);
    const comment = container.querySelector<HTMLButtonElement>('[data-testid="open-cell-comments"]')!;
    expect(comment.disabled).toBe(true); // nothing selected yet
    await act(async () => {
      cellOf(container, "F|s1", "MONTH1:TARGET").dispatchEvent(
        new MouseEvent("mousedown", { bubbles: true, cancelable: true, button: 0, buttons: 1 }),
      );
    });
    await waitUntil("a cell to comment on", () => !comment.disabled);
  });

  it("asks before leaving the page with unsaved edits", async () => {
    const { container, router } = await openTargets([headerMock(), setupMock(), gridMock()]);
    await typeCell(container, "F|s2", 1, "10");
    const unitLink = [...container.querySelectorAll('nav[aria-label="所在位置"] a')].find(
      (a) => a.textContent === "从化区市场部",
    )!;
    await click(unitLink);
    const dialog = await waitForSelector<HTMLDialogElement>(document, '[data-testid="leave-dialog"]');
    expect(dialog.textContent).toContain("有 1 个单元格的修改尚未保存，离开后将丢失。");
    await click(buttonByText(dialog, "留在此页"));
    expect(document.querySelector('[data-testid="leave-dialog"]')).toBeNull();
    expect(router.state.location.pathname).toBe("/plans/CONGHUA/2027/targets");
    expect(unsaved(container)).toBe("1 个单元格未保存");

    // The same page with another metric is not leaving.
    await act(async () => {
      await router.navigate("/plans/CONGHUA/2027/targets?metric=SALES_REVENUE");
    });
    expect(document.querySelector('[data-testid="leave-dialog"]')).toBeNull();

    await click(unitLink);
    await click(buttonByText(await waitForSelector(document, '[data-testid="leave-dialog"]'), "放弃修改并离开"));
    await waitForSelector(container, '[data-testid="unit-page"]');
    expect(router.state.location.pathname).toBe("/units/CONGHUA");
  });

  it("opens the metric and focuses the cell a link names, and says when it names none", async () => {
    const focused = await openTargets([headerMock(), setupMock(), gridMock()], `${TARGETS}?metric=SALES_REVENUE&focus=F|s2:2`);
    await waitUntil(
      "the focus to reach the cell",
      () =>
        focused.container.querySelector(".tg__cell.is-active")?.closest("[data-row-key]")?.getAttribute("data-row-key") ===
        "F|s2",
    );
    const active = focused.container.querySelector(".tg__cell.is-active")!;
    expect(active.closest("[data-row-key]")?.getAttribute("data-row-key")).toBe("F|s2");
    expect(active.getAttribute("data-column")).toBe("MONTH2:TARGET");
    expect(document.activeElement?.getAttribute("role")).toBe("grid");
    act(() => focused.router.dispose());

    const volume = await open(`${TARGETS}?metric=${VOLUME.code}`, [headerMock(), setupMock(), gridMock({}, VOLUME)]);
    await waitForSelector(volume.container, '[data-row-key="F|s1"]');
    expect(volume.container.querySelector<HTMLSelectElement>(".targets__field select")?.value).toBe("SALES_VOLUME");

    const unknown = await open(`${TARGETS}?metric=NOPE&focus=F|zz:3`, [headerMock(), setupMock(), gridMock()]);
    await waitForSelector(unknown.container, '[data-row-key="F|s1"]');
    expect(unknown.container.textContent).toContain("没有指标“NOPE”，当前显示的是销售额。");
    expect(unknown.container.textContent).toContain("表中没有要定位的单元格（F|zz:3）。");
  });
});
