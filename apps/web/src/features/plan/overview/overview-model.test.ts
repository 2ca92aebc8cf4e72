// The overview's figures and links, worked out by hand from testing.ts.
import { describe, expect, it } from "vitest";
import type { PlanCatalogueLabelsFragment } from "../../../graphql/generated/graphql.js";
import {
  expenseKeyFigures,
  findingLinks,
  findingMetricIds,
  findingsBySymptom,
  growthOf,
  metricKeyFigure,
  openExpenseYear,
  monthlySeries,
  rowKeyLookup,
  specGrowth,
  type FigureGrid,
  type Finding,
  type LinkContext,
} from "./overview-model.js";
import { CATALOGUE, EXPENSE_RATIOS, FINDING_GRIDS, FINDINGS, PROFIT_GRID, SALES_GRID } from "./testing.js";

const sales = SALES_GRID as unknown as FigureGrid;
const profit = PROFIT_GRID as unknown as FigureGrid;
const catalogue = CATALOGUE as unknown as PlanCatalogueLabelsFragment;
const findings = FINDINGS as unknown as Finding[];

describe("key figures", () => {
  it("takes the year total of the plan beside Y-1 (estimate flagged) and Y-2, with growth over each", () => {
    expect(metricKeyFigure("SALES", sales, 2)).toEqual({
      name: "SALES",
      kind: "MONEY",
      planned: "1200000.00",
      lastYear: { value: "1000000.00", estimated: true },
      yearBefore: "960000.00",
      // The API's growth over Y-1; over Y-2: (1,200,000 − 960,000) / 960,000 = 0.25.
      growthVsLastYear: "0.2",
      growthVsYearBefore: "0.25",
      subtree: false,
    });
    // (300,000 − 320,000) / 320,000 = −0.0625.
    expect(metricKeyFigure("PROFIT", profit, 2)).toMatchObject({
      planned: "300000.00",
      lastYear: { value: "280000.00", estimated: false },
      growthVsLastYear: "0.071429",
      growthVsYearBefore: "-0.0625",
    });
  });

  it("has nothing to show for a metric without a grid", () => {
    expect(metricKeyFigure("PROFIT", undefined, 2)).toMatchObject({
      planned: null,
      lastYear: null,
      yearBefore: null,
      growthVsLastYear: null,
      growthVsYearBefore: null,
    });
  });

  it("sets expenses beside the past years whose actuals are complete, and the expense ratio beside theirs", () => {
    // EXPENSE_RATIOS: 2027 100,000.00; 2026 through October only (not compared); 2025 80,000.00
    // → +25 % (0.25); ratios as the API divides them (0.083333 against 2025's 0.080000).
    const [expense, ratio] = expenseKeyFigures(EXPENSE_RATIOS, 2027, false);
    expect(expense).toMatchObject({
      name: "EXPENSE",
      kind: "MONEY",
      planned: "100000.00",
      lastYear: null,
      yearBefore: "80000.00",
      growthVsLastYear: null,
      growthVsYearBefore: "0.25",
    });
    expect(ratio).toMatchObject({
      name: "EXPENSE_RATIO",
      kind: "RATIO",
      planned: "0.083333",
      lastYear: null,
      yearBefore: "0.080000",
    });
    expect(openExpenseYear(EXPENSE_RATIOS, 2027)).toEqual({ year: 2026, through: 10 });
    // Once 2026 is complete it is compared: 100,000 on 70,000 = 0.428571 (six places).
    const closed = {
      ...EXPENSE_RATIOS,
      basis: EXPENSE_RATIOS.basis.map((basis) => (basis.year === 2026 ? { ...basis, actualThroughMonth: 12 } : basis)),
    };
    expect(expenseKeyFigures(closed, 2027, true)[0]).toMatchObject({
      lastYear: { value: "70000.00", estimated: false },
      growthVsLastYear: "0.428571",
      subtree: true,
    });
    expect(openExpenseYear(closed, 2027)).toBeNull();
    // Nothing read: nothing shown.
    expect(expenseKeyFigures(null, 2027, false)[1]).toMatchObject({ planned: null, yearBefore: null });
  });

  it("computes growth exactly, and none over a zero or missing base", () => {
    expect(growthOf("110.00", "100.00", 2)).toBe("0.1");
    expect(growthOf("-50.00", "-100.00", 2)).toBe("0.5");
    expect(growthOf("1.00", "3.00", 2)).toBe("-0.666667");
    expect(growthOf("1.00", "0.00", 2)).toBeNull();
    expect(growthOf(null, "1.00", 2)).toBeNull();
  });
});

describe("chart series", () => {
  it("lists the twelve months of the plan's total with last year's estimated months marked", () => {
    const points = monthlySeries(sales);
    expect(points).toHaveLength(12);
    expect(points[0]).toEqual({
      month: 1,
      target: "100000.00",
      lastYear: "90000.00",
      lastYearEstimated: false,
      yearBefore: "80000.00",
    });
    expect(points[1]).toEqual({ month: 2, target: null, lastYear: null, lastYearEstimated: false, yearBefore: null });
    expect(points.filter((point) => point.lastYearEstimated).map((point) => point.month)).toEqual([11, 12]);
    expect(points[11]).toMatchObject({ target: "130000.00", lastYear: "105000.00", yearBefore: "99000.50" });
  });

  it("takes each spec's figure row (not the spec-less figure, not breakdowns) with its year's growth and band", () => {
    expect(specGrowth(sales, catalogue)).toEqual([
      {
        specId: "s1",
        nameZh: "金樽500ml",
        nameEn: "Jinzun 500ml",
        target: "700000.00",
        lastYear: "500000.00",
        lastYearEstimated: true,
        growth: "0.4",
        band: "ABOVE_BAND",
      },
      {
        specId: "s2",
        nameZh: "金樽250ml",
        nameEn: "Jinzun 250ml",
        target: "500000.00",
        lastYear: "520000.00",
        lastYearEstimated: false,
        growth: "-0.038462",
        band: "BELOW_LAST_YEAR",
      },
    ]);
  });
});

describe("finding links", () => {
  const context: LinkContext = {
    unitCode: "CONGHUA",
    year: 2027,
    cycleParam: "2027",
    metricsById: new Map(catalogue.metrics.map((metric) => [metric.id, metric])),
    specsById: new Map(catalogue.productLines.flatMap((line) => line.specs.map((spec) => [spec.id, spec] as const))),
    rowKeyOf: rowKeyLookup(FINDING_GRIDS),
  };
  const hrefs = (index: number) => findingLinks(findings[index]!, context).map((link) => decodeURIComponent(link.href));

  it("asks for the grids of the metrics the findings point into", () => {
    expect(findingMetricIds(findings)).toEqual(["m-sales", "m-col"]);
  });

  it("points a spec's year at its row, and a month at the row's cell, by the grid's own row keys", () => {
    expect(hrefs(0)).toEqual(["/plans/CONGHUA/2027/targets?metric=SALES_REVENUE&focus=F|s1&cycle=2027"]);
    expect(hrefs(1)).toEqual([
      "/plans/CONGHUA/2027/targets?metric=COLLECTION&focus=F|s2:3&cycle=2027",
      "/plans/CONGHUA/2027/targets?metric=COLLECTION&focus=F|s2:4&cycle=2027",
    ]);
    expect(hrefs(4)).toEqual(["/plans/CONGHUA/2027/targets?metric=SALES_REVENUE&focus=B|s1|TERMINAL|t9:5&cycle=2027"]);
  });

  it("encodes the focus for the address", () => {
    expect(findingLinks(findings[4]!, context)[0]?.href).toBe(
      "/plans/CONGHUA/2027/targets?metric=SALES_REVENUE&focus=B%7Cs1%7CTERMINAL%7Ct9%3A5&cycle=2027",
    );
  });

  it("opens a whole metric without a focus, and a section in the document", () => {
    expect(hrefs(3)).toEqual(["/plans/CONGHUA/2027/targets?metric=SALES_REVENUE&cycle=2027"]);
    expect(hrefs(2)).toEqual(["/plans/CONGHUA/2027/document?cycle=2027#section-ENV_COMPETITION"]);
  });

  it("keeps no cycle when the address has none, and names the metric, spec and month", () => {
    const [link] = findingLinks(findings[1]!, { ...context, cycleParam: null });
    expect(link?.href).toBe("/plans/CONGHUA/2027/targets?metric=COLLECTION&focus=F%7Cs2%3A3");
    expect([link?.metric?.nameZh, link?.spec?.nameZh, link?.month]).toEqual(["回款", "金樽250ml", 3]);
  });

  it("opens the metric alone when the grid has no row for the coordinates", () => {
    const [link] = findingLinks(findings[4]!, { ...context, rowKeyOf: rowKeyLookup([]) });
    expect(link?.href).toBe("/plans/CONGHUA/2027/targets?metric=SALES_REVENUE&cycle=2027");
  });

  it("groups findings by symptom, BLOCK before WARN", () => {
    expect(findingsBySymptom(findings).map((group) => [group.symptom, group.items.map((item) => item.code)])).toEqual([
      [1, ["REQUIRED_SECTION_EMPTY", "TARGET_RAISED_WITHOUT_METHOD", "SPEC_RAISED_WITHOUT_METHOD"]],
      [4, ["MONTHS_MISSING", "BREAKDOWN_MISMATCH"]],
    ]);
  });
});
