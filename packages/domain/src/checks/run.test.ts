import { describe, expect, it } from "vitest";
import type { ExpenseLine } from "../expense.js";
import { expenseToSalesRatio, medianRatio } from "../expense.js";
import { money, quantity } from "../fixed.js";
import { checkGrowthBand, growthRate } from "../growth.js";
import { MONTHS, type Month } from "../periods.js";
import { PLAN_CHECKS, PLAN_CHECK_CODES, formatFindingMessage, type PlanCheckCode } from "./registry.js";
import { runPlanChecks, summarizeFindings, type PlanCheckConfig } from "./run.js";
import type { HistoryValue, PlanSnapshot, TargetCell } from "./types.js";

const SPECS = ["S1", "S2", "S3"];

// A county plan that passes every check: +9 % sales on last year, explained,
// 10 % expense ratio like its history and siblings, A/B terminals split: each
// spec × month sales figure of 2000 is detailed as 1000 + 1000 by terminal.
function cleanCounty(): PlanSnapshot {
  const targets: TargetCell[] = [];
  for (const spec of SPECS) {
    for (const month of MONTHS) {
      targets.push({ metricCode: "SALES_REVENUE", month, productSpecId: spec, base: money("2000") });
      for (const terminalId of ["T1", "T2"]) {
        targets.push({ metricCode: "SALES_REVENUE", month, productSpecId: spec, terminalId, base: money("1000") });
      }
      targets.push({ metricCode: "GROSS_PROFIT", month, productSpecId: spec, base: money("500"), stretch: money("550") });
    }
  }
  const yearOf = (sales: string, profit: string): HistoryValue[] =>
    SPECS.flatMap((spec) => [
      { metricCode: "SALES_REVENUE", productSpecId: spec, value: money(sales) },
      { metricCode: "GROSS_PROFIT", productSpecId: spec, value: money(profit) },
    ]);
  const expenses: ExpenseLine[] = MONTHS.map((month) => ({
    itemCode: "PERSONNEL_SALARY",
    categoryCode: "PERSONNEL",
    month,
    amount: money("600"),
  }));
  const sibling = (unitId: string) => ({
    unitId,
    expense: money("7200"),
    salesRevenue: money("72000"),
    grossProfit: money("18000"),
  });
  return {
    unitId: "county-py",
    level: "COUNTY",
    year: 2026,
    targets,
    expenses,
    expenseCaps: { total: money("8000"), categories: { PERSONNEL: money("7200") } },
    history: [
      { year: 2025, actuals: yearOf("22000", "5700"), expenseTotal: money("6600") },
      { year: 2024, actuals: yearOf("20000", "5500"), expenseTotal: money("6000") },
    ],
    sections: [
      {
        code: "OVERALL_APPROACH",
        required: true,
        text: "新开两个核心终端，S1 铺货率提升。",
        explains: [{ metricCode: "SALES_REVENUE" }, { metricCode: "GROSS_PROFIT" }],
      },
      { code: "PROMOTION_MIX", required: false, text: "", explains: [] },
    ],
    children: [],
    need: [{ metricCode: "SALES_REVENUE", value: money("70000"), source: "PARENT" }],
    openObjections: [],
    terminals: [
      { terminalId: "T1", terminalClass: "A" },
      { terminalId: "T2", terminalClass: "B" },
      { terminalId: "T3", terminalClass: "C" },
    ],
    siblings: [sibling("a"), sibling("b"), sibling("c")],
  };
}

const codesOf = (snapshot: PlanSnapshot, config?: PlanCheckConfig) => runPlanChecks(snapshot, config).map((f) => f.code);
const only = (snapshot: PlanSnapshot, code: PlanCheckCode) => runPlanChecks(snapshot).filter((f) => f.code === code);

describe("plan check registry", () => {
  it("defines every code once, with a symptom and both messages", () => {
    expect(PLAN_CHECKS.map((c) => c.code)).toEqual([...PLAN_CHECK_CODES]);
    for (const check of PLAN_CHECKS) {
      expect([1, 2, 3, 4]).toContain(check.symptom);
      expect(check.message.zh).toMatch(/\S/);
      expect(check.message.en).toMatch(/\S/);
    }
    expect(new Set(PLAN_CHECKS.map((c) => c.symptom))).toEqual(new Set([1, 2, 3, 4]));
  });
});

describe("runPlanChecks", () => {
  it("finds nothing in a sound plan", () => {
    expect(runPlanChecks(cleanCounty())).toEqual([]);
  });

  it("1: flags a target raised over last year with no method text linked", () => {
    const plan = {
      ...cleanCounty(),
      sections: cleanCounty().sections.map((s) => ({ ...s, explains: [{ metricCode: "GROSS_PROFIT" }] })),
    };
    const [finding] = only(plan, "TARGET_RAISED_WITHOUT_METHOD");
    expect(finding).toEqual({
      code: "TARGET_RAISED_WITHOUT_METHOD",
      severity: "BLOCK",
      symptom: 1,
      cells: [{ kind: "TARGET", metricCode: "SALES_REVENUE" }],
      params: { metric: "SALES_REVENUE", planned: "72000.00", lastYear: "66000.00", growthPercent: "9.09" },
    });
    expect(formatFindingMessage(finding!, "zh-CN")).toBe(
      "销售额目标 72000.00 高于上年实际 66000.00（+9.09%），但没有方法说明与之关联。",
    );
    expect(formatFindingMessage(finding!, "en")).toContain("Sales revenue target 72000.00");
    // The metric-level finding is not repeated per spec.
    expect(only(plan, "SPEC_RAISED_WITHOUT_METHOD")).toEqual([]);
  });

  it("1: a link with empty text explains nothing; a spec raised alone is flagged per spec", () => {
    const base = cleanCounty();
    const emptied = { ...base, sections: base.sections.map((s) => ({ ...s, text: " " })) };
    expect(codesOf(emptied)).toContain("REQUIRED_SECTION_EMPTY");
    expect(codesOf(emptied)).toContain("TARGET_RAISED_WITHOUT_METHOD");

    // Sales flat overall, but S1 up while S2 goes down.
    const history = base.history.map((h) =>
      h.year === 2025
        ? {
            ...h,
            actuals: h.actuals.map((a) =>
              a.metricCode === "SALES_REVENUE" ? { ...a, value: money(a.productSpecId === "S2" ? "26000" : "23000") } : a,
            ),
          }
        : h,
    );
    const specPlan = {
      ...base,
      history,
      sections: [{ code: "X", required: false, text: "毛利", explains: [{ metricCode: "GROSS_PROFIT" }] }],
    };
    expect(only(specPlan, "TARGET_RAISED_WITHOUT_METHOD")).toEqual([]);
    expect(only(specPlan, "SPEC_RAISED_WITHOUT_METHOD").map((f) => f.cells)).toEqual([
      [{ kind: "TARGET", metricCode: "SALES_REVENUE", productSpecId: "S1" }],
      [{ kind: "TARGET", metricCode: "SALES_REVENUE", productSpecId: "S3" }],
    ]);
    const explainedS1 = {
      ...specPlan,
      sections: [
        ...specPlan.sections,
        { code: "Y", required: false, text: "S1 新品", explains: [{ metricCode: "SALES_REVENUE", productSpecId: "S1" }] },
      ],
    };
    expect(only(explainedS1, "SPEC_RAISED_WITHOUT_METHOD").map((f) => f.params.productSpec)).toEqual(["S3"]);
  });

  it("2: compares own plus children's totals with the need", () => {
    const city: PlanSnapshot = {
      ...cleanCounty(),
      level: "CITY",
      targets: cleanCounty().targets.filter((t) => t.metricCode === "GROSS_PROFIT"),
      terminals: [],
      children: [
        { unitId: "c1", totals: [{ metricCode: "SALES_REVENUE", value: money("40000") }] },
        { unitId: "c2", totals: [{ metricCode: "SALES_REVENUE", value: money("35000") }] },
      ],
      need: [{ metricCode: "SALES_REVENUE", value: money("80000"), source: "HQ_GUIDANCE" }],
    };
    const [finding] = only(city, "BELOW_NEED");
    expect(finding?.params).toEqual({
      metric: "SALES_REVENUE",
      needSource: "HQ_GUIDANCE",
      planned: "75000.00",
      need: "80000.00",
      gap: "5000.00",
    });
    expect(finding?.cells).toContainEqual({ kind: "CHILD", unitId: "c2", metricCode: "SALES_REVENUE" });
    expect(formatFindingMessage(finding!, "zh-CN")).toBe("销售额合计 75000.00 低于总部指导目标 80000.00，缺口 5000.00。");
  });

  it("2: compares only additive metrics with the need, never a sum of percentages", () => {
    const base = cleanCounty();
    const share = MONTHS.map((month): TargetCell => ({ metricCode: "MARKET_SHARE", month, base: money("25") }));
    const plan = {
      ...base,
      targets: [...base.targets, ...share],
      need: [...(base.need ?? []), { metricCode: "MARKET_SHARE", value: money("400"), source: "PARENT" as const }],
    };
    // 12 × 25 % is not a 300 % share: no BELOW_NEED with a "planned 300.00".
    expect(only(plan, "BELOW_NEED")).toEqual([]);
  });

  it("2: flags targets outside the cycle's growth band", () => {
    const plan = cleanCounty();
    expect(only(plan, "TARGET_BELOW_GROWTH_BAND")).toEqual([]);
    const strict = { thresholds: { growthBand: { minGrowth: "0.10", maxGrowth: "0.5" } } };
    const below = runPlanChecks(plan, strict).filter((f) => f.code === "TARGET_BELOW_GROWTH_BAND");
    expect(below.map((f) => [f.params.metric, f.params.growthPercent, f.params.minPercent])).toEqual([
      ["SALES_REVENUE", "9.09", "10.00"],
      ["GROSS_PROFIT", "5.26", "10.00"],
    ]);
    const perMetric = { thresholds: { growthBandByMetric: { GROSS_PROFIT: { minGrowth: "0", maxGrowth: "0.02" } } } };
    expect(runPlanChecks(plan, perMetric).map((f) => [f.code, f.params.metric])).toEqual([
      ["TARGET_ABOVE_GROWTH_BAND", "GROSS_PROFIT"],
    ]);
  });

  it("2: reads the band exactly as growth.ts does, at any precision the cycle stores", () => {
    const plan = cleanCounty(); // sales 72000.00 on last year's 66000.00: +1/11 = 9.0909…%
    for (const maxGrowth of ["0.0909090909", "0.0909090910", "0.09090909090909090909"]) {
      const band = { minGrowth: "0", maxGrowth };
      const fired = runPlanChecks(plan, { thresholds: { growthBand: band } }).some(
        (f) => f.code === "TARGET_ABOVE_GROWTH_BAND" && f.params.metric === "SALES_REVENUE",
      );
      const status = checkGrowthBand(money("72000"), money("66000"), band).status;
      expect(fired).toBe(status === "ABOVE_BAND");
    }
    // 1/11 lies above 0.0909090909 and below 0.0909090910
    expect(checkGrowthBand(money("72000"), money("66000"), { minGrowth: "0", maxGrowth: "0.0909090909" }).status).toBe(
      "ABOVE_BAND",
    );
    expect(checkGrowthBand(money("72000"), money("66000"), { minGrowth: "0", maxGrowth: "0.0909090910" }).status).toBe("WITHIN");
    const [finding] = runPlanChecks(plan, { thresholds: { growthBand: { minGrowth: "0", maxGrowth: "0.0909090909" } } }).filter(
      (f) => f.code === "TARGET_ABOVE_GROWTH_BAND",
    );
    expect(finding?.params).toMatchObject({
      growthPercent: growthRate(money("72000"), money("66000"), 4)?.times(100).toFixed(2),
      maxPercent: "9.09",
    });
  });

  it("3: shows the sibling median expense.ts computes", () => {
    const base = cleanCounty();
    const lavish = { ...base, expenses: base.expenses.map((e) => ({ ...e, amount: money("1000") })), expenseCaps: undefined };
    // Four siblings: the median is the mean of the middle two ratios, 0.1 and 0.1125; 10.625 % shows HALF_EVEN.
    const siblings = ["7200", "8100", "5000", "9000"].map((expense, i) => ({
      unitId: `s${i}`,
      expense: money(expense),
      salesRevenue: money("72000"),
      grossProfit: money("18000"),
    }));
    const [finding] = only({ ...lavish, siblings }, "EXPENSE_RATIO_OFF_SIBLINGS");
    const median = medianRatio(siblings.map((s) => expenseToSalesRatio(s.expense, s.salesRevenue)));
    expect(median?.toString()).toBe("0.10625");
    expect(finding?.params).toMatchObject({ ratio: "EXPENSE_TO_SALES", referencePercent: "10.62", count: 4 });
  });

  it("2: blocks on unanswered child objections, warns on its own pending one", () => {
    const plan = {
      ...cleanCounty(),
      openObjections: [
        { id: "o1", direction: "FROM_CHILD" as const, unitId: "c1", metricCode: "SALES_REVENUE" },
        { id: "o2", direction: "TO_PARENT" as const, unitId: "county-py" },
      ],
    };
    expect(runPlanChecks(plan).map((f) => [f.code, f.severity, f.cells[0]])).toEqual([
      ["OBJECTION_UNANSWERED", "BLOCK", { kind: "OBJECTION", objectionId: "o1" }],
      ["OBJECTION_PENDING", "WARN", { kind: "OBJECTION", objectionId: "o2" }],
    ]);
  });

  it("3: flags an expense ratio far from history and from siblings", () => {
    const base = cleanCounty();
    const lavish = { ...base, expenses: base.expenses.map((e) => ({ ...e, amount: money("1000") })), expenseCaps: undefined };
    const findings = runPlanChecks(lavish).filter((f) => f.symptom === 3);
    expect(findings.map((f) => [f.code, f.params.ratio, f.params.year ?? null])).toEqual([
      ["EXPENSE_RATIO_OFF_HISTORY", "EXPENSE_TO_SALES", 2025],
      ["EXPENSE_RATIO_OFF_HISTORY", "EXPENSE_TO_SALES", 2024],
      ["EXPENSE_RATIO_OFF_SIBLINGS", "EXPENSE_TO_SALES", null],
      ["EXPENSE_RATIO_OFF_HISTORY", "EXPENSE_PER_GROSS_PROFIT", 2025],
      ["EXPENSE_RATIO_OFF_HISTORY", "EXPENSE_PER_GROSS_PROFIT", 2024],
      ["EXPENSE_RATIO_OFF_SIBLINGS", "EXPENSE_PER_GROSS_PROFIT", null],
    ]);
    expect(findings[2]?.params).toMatchObject({
      currentPercent: "16.67",
      referencePercent: "10.00",
      deviationPercent: "66.67",
      count: 3,
    });
    // Two siblings are too few for a median to mean anything.
    const fewSiblings = { ...lavish, siblings: lavish.siblings.slice(0, 2) };
    expect(codesOf(fewSiblings)).not.toContain("EXPENSE_RATIO_OFF_SIBLINGS");
  });

  it("3: blocks a profit target ≤ 0 and warns when gross profit does not cover expenses", () => {
    const base = cleanCounty();
    const withProfit = (value: string) => ({
      ...base,
      targets: base.targets.map((t) => (t.metricCode === "GROSS_PROFIT" ? { ...t, base: money(value), stretch: undefined } : t)),
    });
    expect(only(withProfit("0"), "PROFIT_TARGET_NOT_POSITIVE")[0]?.params).toEqual({ metric: "GROSS_PROFIT", planned: "0.00" });
    expect(codesOf(withProfit("0"))).not.toContain("CONTRIBUTION_NOT_POSITIVE");
    expect(only(withProfit("200"), "CONTRIBUTION_NOT_POSITIVE")[0]?.params).toEqual({
      metric: "GROSS_PROFIT",
      grossProfit: "7200.00",
      expense: "7200.00",
      contribution: "0.00",
    });
  });

  it("3: blocks a plan over its approved budget, with the amounts", () => {
    const plan = { ...cleanCounty(), expenseCaps: { categories: { PERSONNEL: money("7000") } } };
    const [finding] = only(plan, "EXPENSE_OVER_CAP");
    expect(finding).toMatchObject({
      severity: "BLOCK",
      cells: [{ kind: "EXPENSE", categoryCode: "PERSONNEL" }],
      params: { scope: "CATEGORY", scopeCode: "PERSONNEL", amount: "7200.00", cap: "7000.00", excess: "200.00" },
    });
    expect(formatFindingMessage(finding!, "zh-CN")).toBe("人力成本费用 7200.00 超出核定预算 7000.00，超出 200.00。");
  });

  it("4: warns on less than two years of history and on missing required metrics", () => {
    const base = cleanCounty();
    const young = { ...base, history: base.history.filter((h) => h.year === 2025) };
    expect(only(young, "HISTORY_INSUFFICIENT")[0]?.params).toEqual({ found: 1, required: 2 });
    const salesOnly = { ...base, targets: base.targets.filter((t) => t.metricCode === "SALES_REVENUE") };
    expect(only(salesOnly, "REQUIRED_METRIC_MISSING").map((f) => f.params.metric)).toEqual(["GROSS_PROFIT"]);
  });

  it("4: lists the missing months of each grid row", () => {
    const base = cleanCounty();
    const gaps = {
      ...base,
      targets: base.targets.filter(
        (t) => !(t.productSpecId === "S2" && t.metricCode === "GROSS_PROFIT" && (t.month === 3 || t.month === 11)),
      ),
    };
    const [finding] = only(gaps, "MONTHS_MISSING");
    expect(finding?.params).toEqual({ metric: "GROSS_PROFIT", missingMonths: "3, 11", row: "spec=S2" });
    expect(finding?.cells).toEqual([
      { kind: "TARGET", metricCode: "GROSS_PROFIT", month: 3, productSpecId: "S2" },
      { kind: "TARGET", metricCode: "GROSS_PROFIT", month: 11, productSpecId: "S2" },
    ]);
  });

  it("4: requires a split to every A/B and core terminal", () => {
    const base = cleanCounty();
    const plan = {
      ...base,
      terminals: [
        ...base.terminals,
        { terminalId: "T4", terminalClass: "B" },
        { terminalId: "T5", terminalClass: "C", core: true },
      ],
    };
    const [finding] = only(plan, "TERMINAL_SPLIT_MISSING");
    expect(finding?.cells).toEqual([
      { kind: "TERMINAL", terminalId: "T4" },
      { kind: "TERMINAL", terminalId: "T5" },
    ]);
    expect(finding?.params).toEqual({ count: 2, classes: "A/B", terminals: "T4, T5" });
  });

  it("4: checks declared totals against the cells", () => {
    const plan = {
      ...cleanCounty(),
      declaredTotals: [
        { metricCode: "SALES_REVENUE", value: money("72000") },
        { metricCode: "SALES_REVENUE", month: 1 as Month, value: money("6000") },
        { metricCode: "GROSS_PROFIT", productSpecId: "S1", value: money("6000.01") },
        { metricCode: "GROSS_PROFIT", month: 2 as Month, productSpecId: "S3", value: money("499") },
      ],
    };
    expect(only(plan, "SUMS_DO_NOT_ADD_UP").map((f) => [f.params.computed, f.params.declared, f.params.difference])).toEqual([
      ["6000.00", "6000.01", "-0.01"],
      ["500.00", "499.00", "1.00"],
    ]);
  });

  it("4: flags values implausible against last year, per metric and per spec", () => {
    const base = cleanCounty();
    // S1's monthly figure 6000 (detailed 3000 + 3000 by terminal): 72000 on last year's 22000 is 3.27×.
    const inflated = {
      ...base,
      targets: base.targets.map((t) =>
        t.metricCode === "SALES_REVENUE" && t.productSpecId === "S1" ? { ...t, base: money(t.terminalId ? "3000" : "6000") } : t,
      ),
    };
    const findings = only(inflated, "VALUE_IMPLAUSIBLE");
    expect(findings.map((f) => [f.params.productSpec ?? "total", f.params.timesLastYear])).toEqual([["S1", "3.27"]]);
    const looser = runPlanChecks(inflated, { thresholds: { implausibleFactor: "3.5" } });
    expect(looser.some((f) => f.code === "VALUE_IMPLAUSIBLE")).toBe(false);
  });

  it("4: blocks negative targets, percentages over 100, stretch below base and profit above revenue", () => {
    const base = cleanCounty();
    const first = base.targets[0]!;
    const broken: PlanSnapshot = {
      ...base,
      targets: [
        ...base.targets.map((t) => (t === first ? { ...t, base: money("-1") } : t)),
        ...MONTHS.map((month) => ({ metricCode: "MARKET_SHARE", month, base: quantity(month === 6 ? "100.01" : "12.5", 2) })),
        { ...first, productSpecId: "S9", base: money("10"), stretch: money("9") },
      ],
    };
    const codes = codesOf(broken);
    expect(codes).toEqual(expect.arrayContaining(["NEGATIVE_TARGET", "PERCENT_OUT_OF_RANGE", "STRETCH_BELOW_BASE"]));
    expect(only(broken, "PERCENT_OUT_OF_RANGE")[0]?.cells).toEqual([{ kind: "TARGET", metricCode: "MARKET_SHARE", month: 6 }]);

    const rich = {
      ...base,
      targets: base.targets.map((t) => (t.metricCode === "GROSS_PROFIT" ? { ...t, base: money("7000"), stretch: undefined } : t)),
    };
    expect(only(rich, "PROFIT_EXCEEDS_REVENUE")[0]?.params).toEqual({ grossProfit: "252000.00", salesRevenue: "72000.00" });
  });

  it("4: blocks a breakdown that does not add up to its figure, pointing at both", () => {
    const isMayS2AtT2 = (t: TargetCell) =>
      t.metricCode === "SALES_REVENUE" && t.productSpecId === "S2" && t.month === 5 && t.terminalId === "T2";
    const plan = {
      ...cleanCounty(),
      targets: cleanCounty().targets.map((t) => (isMayS2AtT2(t) ? { ...t, base: money("999.99") } : t)),
    };
    const [finding, ...others] = only(plan, "BREAKDOWN_MISMATCH");
    expect(others).toEqual([]);
    expect(finding).toEqual({
      code: "BREAKDOWN_MISMATCH",
      severity: "BLOCK",
      symptom: 4,
      cells: [
        { kind: "TARGET", metricCode: "SALES_REVENUE", month: 5, productSpecId: "S2" },
        { kind: "TARGET", metricCode: "SALES_REVENUE", month: 5, productSpecId: "S2", terminalId: "T1" },
        { kind: "TARGET", metricCode: "SALES_REVENUE", month: 5, productSpecId: "S2", terminalId: "T2" },
      ],
      // 1000.00 + 999.99 − 2000.00
      params: {
        metric: "SALES_REVENUE",
        month: 5,
        row: "spec=S2",
        productSpec: "S2",
        axis: "TERMINAL",
        breakdown: "1999.99",
        figure: "2000.00",
        difference: "-0.01",
        count: 2,
      },
    });
    expect(formatFindingMessage(finding!, "zh-CN")).toBe(
      "销售额 5 月 [spec=S2] 按终端分解的合计 1999.99 与计划数 2000.00 不符，相差 -0.01。",
    );
    expect(formatFindingMessage(finding!, "en")).toBe(
      "The terminal breakdown of Sales revenue for month 5 [spec=S2] adds up to 1999.99, not the plan's figure 2000.00; difference -0.01.",
    );
  });

  it("obeys the cycle's config: disabled checks do not run, severities are re-levelled", () => {
    const plan = { ...cleanCounty(), history: [] };
    expect(runPlanChecks(plan).map((f) => [f.code, f.severity])).toEqual([["HISTORY_INSUFFICIENT", "WARN"]]);
    expect(runPlanChecks(plan, { checks: { HISTORY_INSUFFICIENT: { severity: "BLOCK" } } }).map((f) => f.severity)).toEqual([
      "BLOCK",
    ]);
    expect(runPlanChecks(plan, { checks: { HISTORY_INSUFFICIENT: { enabled: false } } })).toEqual([]);
  });

  it("summarises findings for the workflow guard", () => {
    const plan = { ...cleanCounty(), history: [], openObjections: [{ id: "o", direction: "FROM_CHILD" as const, unitId: "c" }] };
    expect(summarizeFindings(runPlanChecks(plan))).toEqual({ block: 1, warn: 1, bySymptom: { 1: 0, 2: 1, 3: 0, 4: 1 } });
  });
});

// Levels of detail mixed in one plan: a spec × month figure and its breakdown
// by terminal, stored side by side. Each amount must be read once.
describe("runPlanChecks on a plan mixing figures and breakdowns", () => {
  // One spec, one month planned: the figure 12000.00 for January.
  function mixedCounty(terminalSplit: readonly [string, string]): PlanSnapshot {
    return {
      unitId: "county-mixed",
      level: "COUNTY",
      year: 2026,
      targets: [
        { id: "fig", metricCode: "SALES_REVENUE", month: 1, productSpecId: "S1", base: money("12000.00") },
        { id: "t1", metricCode: "SALES_REVENUE", month: 1, productSpecId: "S1", terminalId: "T1", base: money(terminalSplit[0]) },
        {
          id: "t2",
          metricCode: "SALES_REVENUE",
          month: 1,
          productSpecId: "S1",
          terminalId: "T2",
          channelId: "KA",
          base: money(terminalSplit[1]),
        },
      ],
      expenses: [],
      history: [
        {
          year: 2025,
          // last year's figure, and its own terminal detail, which must not be added to it
          actuals: [
            { metricCode: "SALES_REVENUE", productSpecId: "S1", value: money("11500.00") },
            { metricCode: "SALES_REVENUE", productSpecId: "S1", terminalId: "T1", value: money("7000.00") },
          ],
        },
        { year: 2024, actuals: [{ metricCode: "SALES_REVENUE", productSpecId: "S1", value: money("10000.00") }] },
      ],
      sections: [],
      children: [],
      need: [{ metricCode: "SALES_REVENUE", value: money("12500.00"), source: "PARENT" }],
      openObjections: [],
      terminals: [
        { terminalId: "T1", terminalClass: "A" },
        { terminalId: "T2", terminalClass: "B" },
      ],
      siblings: [],
    };
  }

  it("counts a matching breakdown once: 12000.00 planned, not 24000.00", () => {
    const plan = mixedCounty(["7000.00", "5000.00"]);
    const findings = runPlanChecks(plan);
    expect(findings.filter((f) => f.code === "BREAKDOWN_MISMATCH" || f.code === "BREAKDOWN_WITHOUT_FIGURE")).toEqual([]);
    // Read twice, 24000.00 on 11500.00 would be +108.70 %, far above the 30 % ceiling.
    expect(findings.filter((f) => f.code === "TARGET_ABOVE_GROWTH_BAND")).toEqual([]);
    // Read once, 12000.00 is short of the parent's 12500.00 by 500.00.
    expect(only(plan, "BELOW_NEED").map((f) => f.params)).toEqual([
      { metric: "SALES_REVENUE", needSource: "PARENT", planned: "12000.00", need: "12500.00", gap: "500.00" },
    ]);
    // Growth on 12000.00: (12000 − 11500) / 11500 = 0.043478… → 4.35 %; last year is 11500.00, not 18500.00.
    expect(only(plan, "TARGET_RAISED_WITHOUT_METHOD").map((f) => f.params)).toEqual([
      { metric: "SALES_REVENUE", planned: "12000.00", lastYear: "11500.00", growthPercent: "4.35" },
    ]);
    const tight = runPlanChecks(plan, { thresholds: { growthBand: { minGrowth: "0", maxGrowth: "0.04" } } });
    expect(
      tight.filter((f) => f.code === "TARGET_ABOVE_GROWTH_BAND").map((f) => [f.params.planned, f.params.growthPercent]),
    ).toEqual([["12000.00", "4.35"]]);
    // Both A/B terminals carry a breakdown of their own; the figure row is the only grid row.
    expect(findings.filter((f) => f.code === "TERMINAL_SPLIT_MISSING")).toEqual([]);
    expect(only(plan, "MONTHS_MISSING").map((f) => f.params.row)).toEqual(["spec=S1"]);
  });

  it("blocks a breakdown of 600.00 + 400.00 under a figure of 12000.00, with the difference", () => {
    const plan = mixedCounty(["600.00", "400.00"]);
    expect(only(plan, "BREAKDOWN_MISMATCH")).toEqual([
      {
        code: "BREAKDOWN_MISMATCH",
        severity: "BLOCK",
        symptom: 4,
        cells: [
          { kind: "TARGET", metricCode: "SALES_REVENUE", month: 1, cellId: "fig", productSpecId: "S1" },
          { kind: "TARGET", metricCode: "SALES_REVENUE", month: 1, cellId: "t1", productSpecId: "S1", terminalId: "T1" },
          {
            kind: "TARGET",
            metricCode: "SALES_REVENUE",
            month: 1,
            cellId: "t2",
            productSpecId: "S1",
            channelId: "KA",
            terminalId: "T2",
          },
        ],
        params: {
          metric: "SALES_REVENUE",
          month: 1,
          row: "spec=S1",
          productSpec: "S1",
          axis: "TERMINAL",
          breakdown: "1000.00",
          figure: "12000.00",
          difference: "-11000.00",
          count: 2,
        },
      },
    ]);
    // The plan's figure is still 12000.00: the need and the growth do not move.
    expect(only(plan, "BELOW_NEED").map((f) => f.params.planned)).toEqual(["12000.00"]);
  });

  it("blocks a breakdown with no figure, which is no figure of the plan itself", () => {
    const plan = mixedCounty(["7000.00", "5000.00"]);
    const township: TargetCell = {
      metricCode: "SALES_REVENUE",
      month: 2,
      productSpecId: "S1",
      townshipId: "TW1",
      base: money("300.00"),
    };
    const orphan = { ...plan, targets: [...plan.targets, township] };
    const [finding] = only(orphan, "BREAKDOWN_WITHOUT_FIGURE");
    expect(finding?.params).toEqual({
      metric: "SALES_REVENUE",
      month: 2,
      row: "spec=S1",
      productSpec: "S1",
      axis: "TOWNSHIP",
      breakdown: "300.00",
      count: 1,
    });
    expect(finding?.cells[0]).toEqual({ kind: "TARGET", metricCode: "SALES_REVENUE", month: 2, productSpecId: "S1" });
    expect(formatFindingMessage(finding!, "zh-CN")).toBe(
      "销售额 2 月 [spec=S1] 有按乡镇分解的数 300.00，但没有它所分解的计划数。",
    );
    expect(only(orphan, "BELOW_NEED").map((f) => f.params.planned)).toEqual(["12000.00"]);
  });

  it("reads history loaded by spec × channel only once, as the demo seed loads it", () => {
    const plan = mixedCounty(["7000.00", "5000.00"]);
    const byChannel = {
      ...plan,
      history: plan.history.map((h) =>
        h.year === 2025
          ? {
              ...h,
              actuals: [
                { metricCode: "SALES_REVENUE", productSpecId: "S1", channelId: "RETAIL", value: money("8000.00") },
                { metricCode: "SALES_REVENUE", productSpecId: "S1", channelId: "GROUP_BUY", value: money("3500.00") },
              ],
            }
          : h,
      ),
    };
    // 8000.00 + 3500.00 = 11500.00 last year: the same +4.35 %.
    expect(only(byChannel, "TARGET_RAISED_WITHOUT_METHOD").map((f) => [f.params.lastYear, f.params.growthPercent])).toEqual([
      ["11500.00", "4.35"],
    ]);
  });

  it("sums declared totals over the figures only", () => {
    const plan = {
      ...mixedCounty(["7000.00", "5000.00"]),
      declaredTotals: [{ metricCode: "SALES_REVENUE", value: money("12000.00") }],
    };
    expect(only(plan, "SUMS_DO_NOT_ADD_UP")).toEqual([]);
  });
});
