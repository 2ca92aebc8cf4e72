// @vitest-environment happy-dom
// The pyramid navigator and my tasks against a mocked API: the badges, the
// progress and 万元 figures, "load more", overdue deadlines, and refusals.
import { MockedProvider } from "@apollo/client/testing/react";
import type { MockLink } from "@apollo/client/testing";
import { GraphQLError } from "graphql";
import { act, type ReactNode } from "react";
import { createRoot, type Root } from "react-dom/client";
import { MemoryRouter, Outlet, Route, Routes } from "react-router";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { I18nProvider } from "../../app/i18n/I18nProvider.js";
import type { ShellOutletContext } from "../../app/shell/cycle.js";
import { MY_TASKS_QUERY, MyTasksRoute } from "../tasks/MyTasksRoute.js";
import { ORG_TREE_QUERY } from "./org-documents.js";
import { PyramidRoute } from "./PyramidRoute.js";

const mounted: Root[] = [];

beforeAll(() => {
  (globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;
});

afterEach(() => {
  for (const root of mounted.splice(0)) act(() => root.unmount());
  document.body.innerHTML = "";
  window.localStorage.clear();
});

const shell: ShellOutletContext = {
  cycle: { id: "c2027", code: "FY2027", year: 2027, nameZh: "2027年度营销方案", nameEn: "FY2027 plan", status: "OPEN" },
};

async function render(path: string, page: ReactNode, mocks: MockLink.MockedResponse[]): Promise<HTMLElement> {
  const container = document.createElement("div");
  document.body.append(container);
  const root = createRoot(container);
  mounted.push(root);
  await act(async () => {
    root.render(
      <I18nProvider>
        <MockedProvider mocks={mocks}>
          <MemoryRouter initialEntries={[path]}>
            <Routes>
              <Route element={<Outlet context={shell} />}>
                <Route path="/" element={<MyTasksRoute />} />
                <Route path="/pyramid" element={page} />
              </Route>
            </Routes>
          </MemoryRouter>
        </MockedProvider>
      </I18nProvider>,
    );
  });
  return container;
}

async function waitFor(container: HTMLElement, selector: string, count = 1): Promise<void> {
  const deadline = Date.now() + 3000;
  while (container.querySelectorAll(selector).length < count) {
    if (Date.now() > deadline) throw new Error(`${selector} did not appear; the page shows: ${container.textContent}`);
    await act(() => new Promise((resolve) => setTimeout(resolve, 10)));
  }
}

const node = (code: string, depth: number, overrides: Record<string, unknown> = {}) => ({
  __typename: "OrgTreeNode",
  id: `id-${code}`,
  code,
  nameZh: `${code}单位`,
  nameEn: `${code} unit`,
  level: depth === 3 ? "CITY" : "COUNTY",
  parentId: depth === 3 ? "id-GD" : "id-GZ",
  depth,
  plan: { __typename: "PlanSummary", id: `plan-${code}`, status: "DRAFT" },
  dueOn: "2026-12-10",
  overdue: false,
  children: { __typename: "ChildrenProgress", total: 0, submitted: 0, approved: 0 },
  figures: { __typename: "KeyFigures", salesTarget: "0.00", salesLastYear: "0.00", expenseTotal: "0.00" },
  ...overrides,
});

const treePage = (nodes: unknown[], totalCount: number, nextCursor: string | null) => ({
  data: { orgTree: { __typename: "OrgTreePage", nodes, totalCount, nextCursor } },
});

describe("PyramidRoute", () => {
  it("shows each unit's badge, children's progress and figures in 万元, and loads the next page", async () => {
    const city = node("GZ", 3, {
      children: { __typename: "ChildrenProgress", total: 3, submitted: 1, approved: 0 },
      figures: { __typename: "KeyFigures", salesTarget: "-1234567.89", salesLastYear: "92028300.00", expenseTotal: "0.00" },
    });
    const submitted = node("ZENGCHENG", 4, { plan: { __typename: "PlanSummary", id: "plan-ZENGCHENG", status: "SUBMITTED" } });
    const container = await render("/pyramid", <PyramidRoute />, [
      {
        request: { query: ORG_TREE_QUERY, variables: { cycleId: "c2027", search: null, first: 50 } },
        result: treePage([city], 2, "cursor-1"),
      },
      {
        request: { query: ORG_TREE_QUERY, variables: { cycleId: "c2027", search: null, first: 50, after: "cursor-1" } },
        result: treePage([submitted], 2, null),
      },
    ]);
    await waitFor(container, '[data-testid="tree-row"]');
    const row = container.querySelector('[data-code="GZ"]');
    expect(row?.querySelector("[data-status]")?.textContent).toBe("草稿");
    expect(row?.querySelector('[data-testid="tree-progress"]')?.textContent).toBe("已提交 1/3，已批准 0");
    const [target, lastYear] = [...(row?.querySelectorAll("td.number") ?? [])];
    expect(target?.textContent).toBe("-123.46");
    expect(target?.className).toContain("number--negative");
    expect(target?.getAttribute("title")).toBe("-1,234,567.89 元");
    expect(lastYear?.textContent).toBe("9,202.83");
    expect(container.textContent).toContain("共 2 个单位");

    const more = [...container.querySelectorAll("button")].find((button) => button.textContent === "加载更多");
    await act(async () => more?.click());
    await waitFor(container, '[data-testid="tree-row"]', 2);
    expect(container.querySelector('[data-code="ZENGCHENG"] [data-status]')?.textContent).toBe("已提交");
    expect([...container.querySelectorAll("button")].some((button) => button.textContent === "加载更多")).toBe(false);
  });

  it("shows a network error with a retry", async () => {
    const container = await render("/pyramid?q=GZ", <PyramidRoute />, [
      {
        request: { query: ORG_TREE_QUERY, variables: { cycleId: "c2027", search: "GZ", first: 50 } },
        error: new TypeError("Failed to fetch"),
      },
      {
        request: { query: ORG_TREE_QUERY, variables: { cycleId: "c2027", search: "GZ", first: 50 } },
        result: treePage([node("GZ", 3)], 1, null),
      },
    ]);
    await waitFor(container, '[role="alert"]');
    expect(container.textContent).toContain("无法连接服务器");
    const retry = [...container.querySelectorAll("button")].find((button) => button.textContent === "重试");
    await act(async () => retry?.click());
    await waitFor(container, '[data-testid="tree-row"]');
  });

  it("shows the not-found page when the server refuses the tree as NOT_FOUND", async () => {
    const container = await render("/pyramid", <PyramidRoute />, [
      {
        request: { query: ORG_TREE_QUERY, variables: { cycleId: "c2027", search: null, first: 50 } },
        result: { errors: [new GraphQLError("not found", { extensions: { code: "NOT_FOUND" } })] },
      },
    ]);
    await waitFor(container, '[role="alert"]');
    expect(container.querySelector("h2")?.textContent).toBe("未找到页面");
  });
});

describe("MyTasksRoute", () => {
  it("lists the tasks with what to do, the status and an overdue deadline", async () => {
    const task = (kind: string, code: string, status: string, overdue: boolean) => ({
      __typename: "Task",
      kind,
      unit: { __typename: "OrgUnitRef", id: `id-${code}`, code, nameZh: `${code}单位`, nameEn: `${code} unit` },
      plan: { __typename: "PlanSummary", id: `plan-${code}`, status },
      dueOn: "2026-12-20",
      overdue,
    });
    const container = await render("/", <PyramidRoute />, [
      {
        request: { query: MY_TASKS_QUERY, variables: { cycleId: "c2027" } },
        result: {
          data: { myTasks: [task("REVIEW_PLAN", "ZENGCHENG", "SUBMITTED", true), task("DRAFT_PLAN", "GZ", "DRAFT", false)] },
        },
      },
    ]);
    await waitFor(container, '[data-testid="task-row"]', 2);
    const cells = [...container.querySelectorAll('[data-testid="task-row"]')].map((row) =>
      [...row.querySelectorAll("td")].map((cell) => cell.textContent),
    );
    expect(cells).toEqual([
      ["ZENGCHENG单位", "审核下级计划", "已提交", "2026年12月20日 · 已逾期"],
      ["GZ单位", "编制并提交计划", "草稿", "2026年12月20日"],
    ]);
  });

  it("says so when nothing waits", async () => {
    const container = await render("/", <PyramidRoute />, [
      { request: { query: MY_TASKS_QUERY, variables: { cycleId: "c2027" } }, result: { data: { myTasks: [] } } },
    ]);
    const deadline = Date.now() + 3000;
    while (!container.textContent?.includes("目前没有需要您处理的计划。")) {
      if (Date.now() > deadline) throw new Error(container.textContent ?? "");
      await act(() => new Promise((resolve) => setTimeout(resolve, 10)));
    }
  });
});
