// @vitest-environment happy-dom
// The Overview tab against a mocked API (testing.ts): the key figures beside Y-1
// and Y-2 with growth, worked by hand; the findings grouped by symptom in the
// current language, each linking to its cell with the cycle kept; the tables
// beside the charts; and refusals.
import { GraphQLError } from "graphql";
import { Route } from "react-router";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { render, setUpReactTests, unmountAll, waitForSelector, waitForText } from "../../../testing/render.js";
import { OverviewTab } from "./OverviewTab.js";
import { PLAN_OVERVIEW_FIGURES_QUERY, PLAN_OVERVIEW_QUERY } from "./overview-documents.js";
import { EXPENSE_RATIOS, FINDING_GRIDS, overviewPlan, PLAN_ID, PROFIT_GRID, SALES_GRID } from "./testing.js";

beforeAll(setUpReactTests);
afterEach(unmountAll);

const PATH = "/plans/CONGHUA/2027/overview?cycle=2027";
const routes = <Route path="/plans/:code/:year/:tab" element={<OverviewTab unitCode="CONGHUA" year={2027} />} />;

const planMock = (plan = overviewPlan()) => ({
  request: { query: PLAN_OVERVIEW_QUERY, variables: { unitCode: "CONGHUA", year: 2027 } },
  result: { data: { plan } },
});

const figuresMock = (findingMetricIds = ["m-sales", "m-col"]) => ({
  request: {
    query: PLAN_OVERVIEW_FIGURES_QUERY,
    variables: {
      unitCode: "CONGHUA",
      year: 2027,
      figureMetricIds: ["m-sales", "m-gp"],
      findingMetricIds,
      withFindingRows: findingMetricIds.length > 0,
    },
  },
  result: {
    data: {
      plan: {
        __typename: "Plan",
        id: PLAN_ID,
        expenseRatios: EXPENSE_RATIOS,
        figureGrids: [SALES_GRID, PROFIT_GRID],
        ...(findingMetricIds.length > 0 && { findingGrids: FINDING_GRIDS }),
      },
    },
  },
});

/** The text of each cell of a table row, the row header first. */
const cells = (row: Element | null | undefined) => [...(row?.children ?? [])].map((cell) => cell.textContent?.trim());

describe("OverviewTab", () => {
  it("shows the key figures of the year against Y-1 and Y-2 with growth, Y-1 marked as an estimate", async () => {
    const container = await render({ path: PATH, routes, mocks: [planMock(), figuresMock()] });
    const table = await waitForSelector(container, '[data-testid="key-figures"]');
    const row = (name: string) => table.querySelector(`tr[data-figure="${name}"]`);
    expect(cells(table.querySelector("thead tr"))).toEqual([
      "指标",
      "2027 年目标",
      "上年实际（2026）",
      "较上年增长率",
      "前年实际（2025）",
      "较前年增长率",
    ]);
    // 1,200,000 on 1,000,000 (estimate) = +20.0 %; on 960,000 = +25.0 %.
    expect(cells(row("SALES"))).toEqual(["销售额", "1,200,000.00", "1,000,000.00 预估", "20.0%", "960,000.00", "25.0%"]);
    expect(row("SALES")?.querySelector(".estimated")?.getAttribute("title")).toBe("含预估月份（上年尚未结束）");
    // 300,000 on 280,000 = 0.071429 → 7.1 %; on 320,000 = −6.25 % → −6.2 % (half to even).
    expect(cells(row("PROFIT"))).toEqual(["毛利", "300,000.00", "280,000.00", "7.1%", "320,000.00", "-6.2%"]);
    expect(row("PROFIT")?.querySelectorAll(".number--negative")).toHaveLength(1);
    // Expenses 100,000 on 2025's 80,000 = +25.0 %; 100,000 / 1,200,000 = 8.3 % against 2025's 8.0 %;
    // 2026's actuals stop in October: not compared.
    expect(cells(row("EXPENSE"))).toEqual(["营销费用", "100,000.00", "—", "—", "80,000.00", "25.0%"]);
    expect(cells(row("EXPENSE_RATIO"))).toEqual(["费用率", "8.3%", "—", "—", "8.0%", "—"]);
    expect(container.textContent).toContain("上年实际含预估月份（标“预估”）：上年尚未结束。");
    expect(container.textContent).toContain("2026 年的费用实际只到 10 月，营销费用与费用率不与该年比较。");
    // A county's figures are its own: no subtree note.
    expect(container.textContent).not.toContain("全部下级单位的合计");
  });

  it("lists the findings by symptom, BLOCK first, each linking to its cell with the cycle kept", async () => {
    const container = await render({ path: PATH, routes, mocks: [planMock(), figuresMock()] });
    await waitForSelector(container, '[data-testid="key-figures"]');
    expect(container.textContent).toContain("须修改 3 项，提醒 1 项");
    const groups = [...container.querySelectorAll(".finding-group")];
    expect(groups.map((group) => group.querySelector("h3")?.textContent)).toEqual(["症状1：思路不清晰", "症状4：数据失真"]);
    const findings = [...container.querySelectorAll<HTMLElement>('[data-testid="finding"]')];
    expect(findings.map((finding) => finding.dataset["code"])).toEqual([
      "REQUIRED_SECTION_EMPTY",
      "TARGET_RAISED_WITHOUT_METHOD",
      "SPEC_RAISED_WITHOUT_METHOD",
      "MONTHS_MISSING",
      "BREAKDOWN_MISMATCH",
    ]);
    const links = (code: string) =>
      [...(container.querySelector(`[data-code="${code}"]`)?.querySelectorAll("a") ?? [])].map((link) => [
        link.textContent,
        decodeURIComponent(link.getAttribute("href") ?? ""),
      ]);
    const spec = container.querySelector('[data-code="SPEC_RAISED_WITHOUT_METHOD"]');
    expect(spec?.querySelector(".status-badge")?.textContent).toBe("提醒");
    expect(spec?.textContent).toContain("品规 金樽500ml 的销售额目标高于上年实际，但没有方法说明与之关联。（上年含预估）");
    expect(links("SPEC_RAISED_WITHOUT_METHOD")).toEqual([
      ["定位到 销售额 · 金樽500ml", "/plans/CONGHUA/2027/targets?metric=SALES_REVENUE&focus=F|s1&cycle=2027"],
    ]);
    expect(container.querySelector('[data-code="MONTHS_MISSING"] .status-badge')?.textContent).toBe("须修改");
    expect(links("MONTHS_MISSING")).toEqual([
      ["定位到 回款 · 金樽250ml · 3月", "/plans/CONGHUA/2027/targets?metric=COLLECTION&focus=F|s2:3&cycle=2027"],
      ["定位到 回款 · 金樽250ml · 4月", "/plans/CONGHUA/2027/targets?metric=COLLECTION&focus=F|s2:4&cycle=2027"],
    ]);
    expect(links("BREAKDOWN_MISMATCH")).toEqual([
      ["定位到 销售额 · 金樽500ml · 5月", "/plans/CONGHUA/2027/targets?metric=SALES_REVENUE&focus=B|s1|TERMINAL|t9:5&cycle=2027"],
    ]);
    expect(links("TARGET_RAISED_WITHOUT_METHOD")).toEqual([
      ["定位到 销售额", "/plans/CONGHUA/2027/targets?metric=SALES_REVENUE&cycle=2027"],
    ]);
    expect(links("REQUIRED_SECTION_EMPTY")).toEqual([
      ["打开方案文本中的该章节", "/plans/CONGHUA/2027/document?cycle=2027#section-ENV_COMPETITION"],
    ]);
  });

  it("speaks English when the interface does", async () => {
    window.localStorage.setItem("pyramid.locale", "en");
    const container = await render({ path: PATH, routes, mocks: [planMock(), figuresMock()] });
    await waitForSelector(container, '[data-testid="key-figures"]');
    expect(container.textContent).toContain("Symptom 4: Distorted data");
    expect(container.querySelector('[data-code="MONTHS_MISSING"]')?.textContent).toContain(
      "The collection target [Jinzun 250ml] lacks month(s) 3, 4.",
    );
    expect(container.querySelector('[data-code="MONTHS_MISSING"] a')?.textContent).toBe("Go to Collection · Jinzun 250ml · Mar");
    expect(cells(container.querySelector('tr[data-figure="SALES"]'))).toEqual([
      "Sales revenue",
      "1,200,000.00",
      "1,000,000.00 Est.",
      "20.0%",
      "960,000.00",
      "25.0%",
    ]);
  });

  it("gives each chart a summary and a table of its values", async () => {
    const container = await render({ path: PATH, routes, mocks: [planMock(), figuresMock()] });
    const monthly = await waitForSelector(container, '[data-testid="monthly-table"]');
    const rows = [...monthly.querySelectorAll("tbody tr")];
    expect(rows).toHaveLength(12);
    expect(cells(rows[0])).toEqual(["1月", "100,000.00", "90,000.00", "80,000.00"]);
    expect(cells(rows[1])).toEqual(["2月", "—", "—", "—"]);
    expect(cells(rows[10])).toEqual(["11月", "120,000.00", "110,000.00 预估", "—"]);
    expect(cells(rows[11])).toEqual(["12月", "130,000.00", "105,000.00 预估", "99,000.50"]);
    const images = [...container.querySelectorAll('[role="img"]')].map((image) => image.getAttribute("aria-label"));
    expect(images).toEqual([
      "销售额：每月目标（柱）与上年实际、前年实际（线）对比；上年 11月、12月 为预估（空心点，底色标出）。各月数值见下方表格。",
      "销售额：2 个有目标和上年实际的品规全年目标较上年的增长率，1 个低于上年实际，1 个超出增长区间上限。各品规数值见下方表格。",
    ]);
    const specs = container.querySelector('[data-testid="spec-growth-table"]');
    expect([...(specs?.querySelectorAll("tbody tr") ?? [])].map(cells)).toEqual([
      ["金樽500ml", "700,000.00", "500,000.00 预估", "40.0%", "超出增长区间上限"],
      // −0.038462 → −3.8 %.
      ["金樽250ml", "500,000.00", "520,000.00", "-3.8%", "低于上年实际"],
    ]);
  });

  it("notes when the expenses cover the units below, and works without findings", async () => {
    const city = overviewPlan({
      unit: { __typename: "PlanUnit", id: "u-conghua", code: "CONGHUA", level: "CITY" },
      findings: { __typename: "PlanFindings", blockCount: 0, warnCount: 0, items: [] },
    });
    const container = await render({ path: PATH, routes, mocks: [planMock(city), figuresMock([])] });
    await waitForSelector(container, '[data-testid="key-figures"]');
    expect(container.querySelector('tr[data-figure="EXPENSE"] th')?.textContent).toBe("营销费用*");
    expect(container.textContent).toContain("* 营销费用与费用率为本单位及全部下级单位的合计。");
    expect(container.textContent).toContain("未发现问题。");
  });

  it("shows the not-found page when the plan is not there or outside the viewer's scope", async () => {
    const container = await render({
      path: PATH,
      routes,
      mocks: [
        {
          request: { query: PLAN_OVERVIEW_QUERY, variables: { unitCode: "CONGHUA", year: 2027 } },
          result: { errors: [new GraphQLError("Not found", { extensions: { code: "NOT_FOUND" } })] },
        },
      ],
    });
    await waitForText(container, "未找到页面");
  });
});
