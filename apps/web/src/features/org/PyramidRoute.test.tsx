// @vitest-environment happy-dom
// The pyramid navigator and my tasks against a mocked API: the tree's badges,
// progress and 万元 figures, children loaded when a unit opens (a page at a
// time), the keyboard, the search with each unit's place, overdue deadlines,
// and refusals.
import { MockedProvider } from "@apollo/client/testing/react";
import type { MockLink } from "@apollo/client/testing";
import { GraphQLError } from "graphql";
import { act, type ReactNode } from "react";
import { createRoot, type Root } from "react-dom/client";
import { MemoryRouter, Outlet, Route, Routes, useLocation, useParams } from "react-router";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { I18nProvider } from "../../app/i18n/I18nProvider.js";
import { ViewerContext, type Viewer } from "../../app/session/viewer.js";
import type { ShellOutletContext } from "../../app/shell/cycle.js";
import { MY_TASKS_QUERY, MyTasksRoute } from "../tasks/MyTasksRoute.js";
import { ORG_TREE_QUERY } from "./org-documents.js";
import { PyramidRoute } from "./PyramidRoute.js";
import { waitUntil as waitForPage } from "../../testing/render.js";

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
  cycleParam: "2027",
};

const ref = (code: string, level: "HQ" | "PROVINCE" | "CITY" | "COUNTY") => ({
  __typename: "OrgUnitRef" as const,
  id: `id-${code}`,
  code,
  nameZh: `${code}单位`,
  nameEn: `${code} unit`,
  level,
});

/** A city manager: planner and reviewer at GZ (under GD, under HQ). */
const cityManager: Viewer = {
  id: "u-gz",
  login: "gz.manager",
  displayName: "广州经理",
  locale: "zh-CN",
  roleAssignments: (["PLANNER", "REVIEWER"] as const).map((role) => ({
    role,
    orgUnit: ref("GZ", "CITY"),
    orgUnitPath: [ref("HQ", "HQ"), ref("GD", "PROVINCE"), ref("GZ", "CITY")],
  })),
};

/** Shows where Enter took the user. */
function UnitPage() {
  const { code } = useParams();
  const { search } = useLocation();
  return <p data-testid="unit-page">{`unit ${code} ${search}`}</p>;
}

async function render(
  path: string,
  page: ReactNode,
  mocks: MockLink.MockedResponse[],
  viewer = cityManager,
): Promise<HTMLElement> {
  const container = document.createElement("div");
  document.body.append(container);
  const root = createRoot(container);
  mounted.push(root);
  await act(async () => {
    root.render(
      <I18nProvider>
        <MockedProvider mocks={mocks}>
          <ViewerContext.Provider value={viewer}>
            <MemoryRouter initialEntries={[path]}>
              <Routes>
                <Route element={<Outlet context={shell} />}>
                  <Route path="/" element={<MyTasksRoute />} />
                  <Route path="/pyramid" element={page} />
                  <Route path="/units/:code" element={<UnitPage />} />
                </Route>
              </Routes>
            </MemoryRouter>
          </ViewerContext.Provider>
        </MockedProvider>
      </I18nProvider>,
    );
  });
  return container;
}

const waitUntil = (_container: HTMLElement, done: () => boolean, what: string) => waitForPage(what, done);

const waitFor = (container: HTMLElement, selector: string, count = 1) =>
  waitUntil(container, () => container.querySelectorAll(selector).length >= count, `${count} × ${selector}`);

const codesOf = (container: HTMLElement, selector = '[data-testid="tree-row"]') =>
  [...container.querySelectorAll(selector)].map((row) => row.getAttribute("data-code"));

function press(key: string): void {
  const target = document.activeElement;
  if (!target) throw new Error("nothing has the focus");
  act(() => {
    target.dispatchEvent(new KeyboardEvent("keydown", { key, bubbles: true, cancelable: true }));
  });
}

const row = (container: HTMLElement, code: string) => {
  const found = container.querySelector<HTMLElement>(`[data-testid="tree-row"][data-code="${code}"]`);
  if (!found) throw new Error(`no row ${code}; the page shows: ${container.textContent}`);
  return found;
};

const node = (code: string, depth: number, overrides: Record<string, unknown> = {}) => ({
  __typename: "OrgTreeNode",
  id: `id-${code}`,
  code,
  nameZh: `${code}单位`,
  nameEn: `${code} unit`,
  level: ["HQ", "PROVINCE", "CITY", "COUNTY"][depth - 1],
  parentId: { 1: null, 2: "id-HQ", 3: "id-GD", 4: "id-GZ" }[depth] ?? null,
  depth,
  plan: { __typename: "PlanSummary", id: `plan-${code}`, status: "DRAFT", staleSince: null },
  dueOn: "2026-12-10",
  overdue: false,
  children: { __typename: "ChildrenProgress", total: 0, submitted: 0, approved: 0 },
  figures: { __typename: "KeyFigures", salesTarget: "0.00", salesLastYear: "0.00", expenseTotal: "0.00" },
  ...overrides,
});

const treePage = (nodes: unknown[], totalCount: number, nextCursor: string | null) => ({
  data: { orgTree: { __typename: "OrgTreePage", nodes, totalCount, nextCursor } },
});

const progress = (total: number, submitted: number, approved: number) => ({
  children: { __typename: "ChildrenProgress", total, submitted, approved },
});

// Guangzhou and its three counties, one of them submitted.
const GZ = node("GZ", 3, {
  ...progress(3, 1, 0),
  figures: { __typename: "KeyFigures", salesTarget: "-1234567.89", salesLastYear: "92028300.00", expenseTotal: "1500000.00" },
});
// Approved, but a plan it rolled up was reopened since: 待更新 beside its status.
const CONGHUA = node("CONGHUA", 4, {
  plan: { __typename: "PlanSummary", id: "plan-CONGHUA", status: "APPROVED", staleSince: "2026-12-18T06:30:00.000Z" },
});
const ZENGCHENG = node("ZENGCHENG", 4, {
  plan: { __typename: "PlanSummary", id: "plan-ZENGCHENG", status: "SUBMITTED", staleSince: null },
  overdue: false,
});
const HUADU = node("HUADU", 4, { overdue: true });

const scope = (first: number) => ({ cycleId: "c2027", search: null, first });
const under = (id: string, first: number, after?: string) => ({
  cycleId: "c2027",
  search: null,
  rootId: id,
  first,
  ...(after ? { after } : {}),
});

describe("PyramidRoute: the tree", () => {
  it("opens the viewer's one top unit, shows each unit's badge, progress and 万元 figures, and loads more children", async () => {
    const container = await render("/pyramid", <PyramidRoute pageSize={2} />, [
      // The first page of the scope holds GZ and only one of its three counties…
      { request: { query: ORG_TREE_QUERY, variables: scope(2) }, result: treePage([GZ, CONGHUA], 4, "scope-2") },
      // …so opening GZ asks for GZ and its first two children,
      { request: { query: ORG_TREE_QUERY, variables: under("id-GZ", 3) }, result: treePage([GZ, CONGHUA, ZENGCHENG], 4, "gz-3") },
      // and "load more" for the one left.
      { request: { query: ORG_TREE_QUERY, variables: under("id-GZ", 1, "gz-3") }, result: treePage([HUADU], 4, null) },
    ]);
    await waitFor(container, '[data-testid="tree-row"]', 3);
    expect(codesOf(container)).toEqual(["GZ", "CONGHUA", "ZENGCHENG"]);
    expect(container.querySelector('[role="treegrid"]')).not.toBeNull();

    const city = row(container, "GZ");
    expect(city.getAttribute("aria-level")).toBe("1");
    expect(city.getAttribute("aria-expanded")).toBe("true");
    expect(city.querySelector("[data-status]")?.textContent).toBe("草稿");
    expect(city.querySelector('[data-testid="tree-progress"]')?.textContent).toBe("已提交 1/3，已批准 0");
    const [target, lastYear, expenses] = [...city.querySelectorAll("td.number")];
    expect(target?.textContent).toBe("-123.46");
    expect(target?.className).toContain("number--negative");
    expect(target?.getAttribute("title")).toBe("-1,234,567.89 元");
    expect(lastYear?.textContent).toBe("9,202.83");
    expect(expenses?.textContent).toBe("150.00");
    expect(container.textContent).toContain("共 4 个单位");

    const county = row(container, "ZENGCHENG");
    expect([
      county.getAttribute("aria-level"),
      county.getAttribute("aria-posinset"),
      county.getAttribute("aria-setsize"),
    ]).toEqual(["2", "2", "3"]);
    expect(county.hasAttribute("aria-expanded")).toBe(false);
    expect(county.querySelector("[data-status]")?.textContent).toBe("已提交");
    const badges = (code: string) =>
      [...row(container, code).querySelectorAll("[data-status]")].map((badge) => badge.textContent);
    expect(badges("ZENGCHENG")).toEqual(["已提交"]);
    expect(badges("CONGHUA")).toEqual(["已批准", "待更新"]);

    const more = container.querySelector<HTMLElement>('[data-testid="tree-more"] button');
    expect(more?.textContent).toBe("加载更多（还有 1 个）");
    await act(async () => more?.click());
    await waitFor(container, '[data-testid="tree-row"]', 4);
    expect(codesOf(container)).toEqual(["GZ", "CONGHUA", "ZENGCHENG", "HUADU"]);
    expect(row(container, "HUADU").querySelector('[data-testid="tree-due"]')?.textContent).toBe("2026年12月10日 · 已逾期");
    expect(container.querySelector('[data-testid="tree-more"]')).toBeNull();
  });

  it("moves, opens and closes with the keyboard, loading a unit's children when it first opens, and Enter opens the unit's page", async () => {
    const hqAdmin: Viewer = {
      ...cityManager,
      roleAssignments: [{ role: "HQ_ADMIN", orgUnit: ref("HQ", "HQ"), orgUnitPath: [ref("HQ", "HQ")] }],
    };
    const HQ = node("HQ", 1, progress(1, 0, 0));
    const GD = node("GD", 2, progress(1, 0, 0));
    const GZ_ALONE = node("GZ", 3, progress(3, 1, 0));
    const container = await render(
      "/pyramid",
      <PyramidRoute />,
      [
        // HQ, and the whole province GD (one city), but not the city's counties.
        { request: { query: ORG_TREE_QUERY, variables: scope(50) }, result: treePage([HQ, GD, GZ_ALONE], 3, null) },
        {
          request: { query: ORG_TREE_QUERY, variables: under("id-GZ", 4) },
          result: treePage([GZ_ALONE, CONGHUA, ZENGCHENG, HUADU], 6, null),
        },
      ],
      hqAdmin,
    );
    await waitFor(container, '[data-testid="tree-row"]', 2);
    // HQ, the only top unit, is open; its province is not, though its city is already loaded.
    expect(codesOf(container)).toEqual(["HQ", "GD"]);
    const tabStops = [...container.querySelectorAll('[data-testid="tree-row"]')].filter(
      (element) => element.getAttribute("tabindex") === "0",
    );
    expect(tabStops.map((element) => element.getAttribute("data-code"))).toEqual(["HQ"]);

    act(() => row(container, "HQ").focus());
    press("ArrowDown");
    expect(document.activeElement?.getAttribute("data-code")).toBe("GD");
    press("ArrowRight"); // opens GD: its city was on the first page, nothing to ask
    expect(codesOf(container)).toEqual(["HQ", "GD", "GZ"]);
    expect(row(container, "GD").getAttribute("aria-expanded")).toBe("true");
    press("ArrowRight"); // into GD's first child
    expect(document.activeElement?.getAttribute("data-code")).toBe("GZ");
    expect(row(container, "GZ").getAttribute("aria-expanded")).toBe("false");
    press("ArrowRight"); // opens GZ: its counties load
    await waitFor(container, '[data-testid="tree-row"]', 6);
    expect(codesOf(container)).toEqual(["HQ", "GD", "GZ", "CONGHUA", "ZENGCHENG", "HUADU"]);
    expect(row(container, "HUADU").getAttribute("aria-level")).toBe("4");
    press("End");
    expect(document.activeElement?.getAttribute("data-code")).toBe("HUADU");
    press("ArrowLeft"); // a county has nothing to close: to its parent
    expect(document.activeElement?.getAttribute("data-code")).toBe("GZ");
    press("ArrowLeft"); // closes GZ
    expect(codesOf(container)).toEqual(["HQ", "GD", "GZ"]);
    press("Home");
    expect(document.activeElement?.getAttribute("data-code")).toBe("HQ");
    press("ArrowUp"); // already at the top
    expect(document.activeElement?.getAttribute("data-code")).toBe("HQ");
    press("ArrowDown");
    press("Enter");
    await waitFor(container, '[data-testid="unit-page"]');
    expect(container.querySelector('[data-testid="unit-page"]')?.textContent).toBe("unit GD ?cycle=2027");
  });

  it("says when a unit's children could not load, and loads them on retry", async () => {
    const GZ_ALONE = node("GZ", 3, progress(1, 0, 0));
    const container = await render("/pyramid", <PyramidRoute />, [
      { request: { query: ORG_TREE_QUERY, variables: scope(50) }, result: treePage([GZ_ALONE], 2, "scope-1") },
      { request: { query: ORG_TREE_QUERY, variables: under("id-GZ", 2) }, error: new TypeError("Failed to fetch") },
      { request: { query: ORG_TREE_QUERY, variables: under("id-GZ", 2) }, result: treePage([GZ_ALONE, CONGHUA], 2, null) },
    ]);
    await waitFor(container, '[data-testid="tree-error"]');
    expect(container.querySelector('[data-testid="tree-error"]')?.textContent).toContain("下级单位加载失败：无法连接服务器");
    await act(async () => container.querySelector<HTMLElement>('[data-testid="tree-error"] button')?.click());
    await waitFor(container, '[data-testid="tree-row"]', 2);
    expect(codesOf(container)).toEqual(["GZ", "CONGHUA"]);
  });

  it("shows a network error with a retry", async () => {
    const container = await render("/pyramid", <PyramidRoute />, [
      { request: { query: ORG_TREE_QUERY, variables: scope(50) }, error: new TypeError("Failed to fetch") },
      { request: { query: ORG_TREE_QUERY, variables: scope(50) }, result: treePage([CONGHUA], 1, null) },
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
        request: { query: ORG_TREE_QUERY, variables: scope(50) },
        result: { errors: [new GraphQLError("not found", { extensions: { code: "NOT_FOUND" } })] },
      },
    ]);
    await waitFor(container, '[role="alert"]');
    expect(container.querySelector("h2")?.textContent).toBe("未找到页面");
  });
});

describe("PyramidRoute: the search", () => {
  it("lists the units found with the units above them, and shows one in the tree, opened down to it", async () => {
    const GZ_ALONE = node("GZ", 3, progress(3, 1, 0));
    const container = await render("/pyramid?q=zeng", <PyramidRoute />, [
      { request: { query: ORG_TREE_QUERY, variables: scope(50) }, result: treePage([GZ_ALONE], 4, "scope-1") },
      {
        request: { query: ORG_TREE_QUERY, variables: { cycleId: "c2027", search: "zeng", first: 50 } },
        result: treePage([ZENGCHENG], 1, null),
      },
      {
        request: { query: ORG_TREE_QUERY, variables: under("id-GZ", 4) },
        result: treePage([GZ_ALONE, CONGHUA, ZENGCHENG, HUADU], 4, null),
      },
    ]);
    await waitFor(container, '[data-testid="search-row"]');
    expect(codesOf(container, '[data-testid="search-row"]')).toEqual(["ZENGCHENG"]);
    expect(container.textContent).toContain("找到 1 个单位");
    // Above the city manager's own GZ: HQ and GD, named though outside the scope.
    await waitUntil(
      container,
      () => container.querySelector('[data-testid="search-path"]')?.textContent === "HQ单位 › GD单位 › GZ单位",
      "the path",
    );
    expect(container.querySelector('[data-testid="search-row"] [data-status]')?.textContent).toBe("已提交");

    const show = [...container.querySelectorAll("button")].find((button) => button.textContent === "在树中显示");
    await act(async () => show?.click());
    await waitFor(container, '[data-testid="tree-row"]', 4);
    expect(container.querySelector('[data-testid="search-row"]')).toBeNull();
    expect(codesOf(container)).toEqual(["GZ", "CONGHUA", "ZENGCHENG", "HUADU"]);
    await waitUntil(container, () => document.activeElement?.getAttribute("data-code") === "ZENGCHENG", "the focus on ZENGCHENG");
  });

  it("says when nothing matches", async () => {
    const container = await render("/pyramid?q=nothing", <PyramidRoute />, [
      { request: { query: ORG_TREE_QUERY, variables: scope(50) }, result: treePage([CONGHUA], 1, null) },
      {
        request: { query: ORG_TREE_QUERY, variables: { cycleId: "c2027", search: "nothing", first: 50 } },
        result: treePage([], 0, null),
      },
    ]);
    await waitUntil(container, () => container.textContent?.includes("没有符合条件的单位。") ?? false, "the empty answer");
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
    await waitUntil(container, () => container.textContent?.includes("目前没有需要您处理的计划。") ?? false, "the empty list");
  });
});
