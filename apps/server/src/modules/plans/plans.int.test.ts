// The plan workbench's reads through the real schema, access rules and error map, on a
// small world built with the factories, every figure worked by hand (below).
//
//   HQ ─ P ─ C1 ─ K1 (the plan under test), K1B (its sibling)
//          └ C2 ─ K2 (another city's county)
//
// Catalogue: line PL-1 with specs SP-1 and SP-2, line PL-2 with SP-3; channels CH-1
// (terminals) and CH-2 (group buy); K1's terminals TA (A, core), TB and TB2 (B), TC (C).
// Actuals of K1, sales revenue (2027's plan: Y-1 = 2026 through October, Y-2 = 2025):
//   SP-1 × CH-1  2026 Jan–Oct 1,000.00 a month (10,000.00 to date)
//                2025 Jan–Oct 800.00 a month (8,000.00), Nov 1,000.00, Dec 1,400.00
//   SP-2         2026 Jan–Oct 500.00 a month (figure rows), nothing in 2025
//   K1B's SP-1 × CH-1 2026 January 99,999.00 is not K1's and must not show.
// Estimate by last year's seasonality: SP-1 10,000 × 2,400/8,000 = 3,000.00, spread
// 1,000 : 1,400 → Nov 1,250.00, Dec 1,750.00 (Y-1 13,000.00); SP-2 has no Y-2, so the
// run rate: 5,000 × 2/10 = 1,000.00 → 500.00 + 500.00 (Y-1 6,000.00).
// By the run rate SP-1 is 10,000 × 2/10 = 2,000.00 → 1,000.00 + 1,000.00 (Y-1 12,000.00).
// Targets (K1's plan, sales revenue): SP-1 1,300.00 every month (stretch 1,500.00 in
// December), its CH-1 breakdown the same, its terminal breakdown in January TA 800.00 +
// TB 400.00 (100.00 short); SP-2 400.00 every month. Sales volume: SP-1 12 and 13 cases in
// January and February.
import {
  createChannel,
  createDistributor,
  createOrgUnit,
  createPlan,
  createPlanCycle,
  createProductLine,
  createProductSpec,
  createTerminal,
  createTownship,
  ensureStandardMetrics,
  useTestDatabase,
} from "@pyramid/db/testing";
import { cellDimensionColumns, type CellDimensions, type Role } from "@pyramid/domain";
import { beforeAll, describe, expect, it } from "vitest";
import { startGraphQLHarness, type GraphQLHarness } from "../../testing/graphql-harness.js";
import type { Viewer } from "../../viewer.js";

const getDb = useTestDatabase();

let harness: GraphQLHarness;
const units = new Map<string, { id: string; path: string; code: string }>();
const ids = new Map<string, string>();
const id = (name: string) => {
  const found = ids.get(name);
  if (found === undefined) throw new Error(`no fixture ${name}`);
  return found;
};
let planId: string;
let plannerId: string;

const PERIODS = "kind index base stretch lastYear { value estimated } yearBefore growth band";
const CELL = `id metricId month productSpecId channelId terminalId distributorId townshipId dimensionKey breakdownAxis
  baseValue stretchValue isHeld note version updatedBy { id displayName } updatedAt`;
const PLAN_HEADER = `
  plan(unitCode: $unitCode, year: $year) {
    id status version editable readOnlyReason estimateMethod growthBand { min max }
    unit { id code nameZh level ancestors { code level } }
    cycle { id year status }
  }`;
const HEADER_QUERY = `query Header($unitCode: String!, $year: Int!) { ${PLAN_HEADER} }`;
const GRID_QUERY = `query Grid($unitCode: String!, $year: Int!, $metricId: ID!, $basis: ValueBasis, $expand: [GridExpansionInput!], $present: [BreakdownAxis!]) {
  plan(unitCode: $unitCode, year: $year) {
    targetGrid(metricId: $metricId, basis: $basis, expand: $expand, expandPresent: $present) {
      metric { code scale aggregation }
      basis
      estimate { method year actualThroughMonth estimatedMonths }
      rows {
        key kind axis productSpecId productLineId memberId
        coordinates { productSpecId channelId terminalId distributorId townshipId dimensionKey }
        months { month cell { ${CELL} } lastYear { value estimated } yearBefore growth band }
        periods { ${PERIODS} }
        estimateMethodUsed estimateFallback
        allocations { axis balanced months { month allocated remaining } }
      }
      totals { scope productLineId periods { ${PERIODS} } }
    }
  }
}`;

beforeAll(async () => {
  const { prisma, dataAccess } = getDb();
  const hq = await createOrgUnit(prisma, { level: "HQ", code: "T-HQ" });
  const p = await createOrgUnit(prisma, { level: "PROVINCE", parent: hq, code: "T-P" });
  const c1 = await createOrgUnit(prisma, { level: "CITY", parent: p, code: "T-C1" });
  const c2 = await createOrgUnit(prisma, { level: "CITY", parent: p, code: "T-C2" });
  const k1 = await createOrgUnit(prisma, { level: "COUNTY", parent: c1, code: "T-K1", nameZh: "一号县", nameEn: "County One" });
  const k1b = await createOrgUnit(prisma, { level: "COUNTY", parent: c1, code: "T-K1B" });
  const k2 = await createOrgUnit(prisma, { level: "COUNTY", parent: c2, code: "T-K2" });
  for (const unit of [hq, p, c1, c2, k1, k1b, k2]) units.set(unit.code, unit);

  const metrics = await ensureStandardMetrics(prisma);
  for (const [code, metric] of metrics) ids.set(code, metric.id);
  const line1 = await createProductLine(prisma, { code: "PL-1", nameZh: "一号线", nameEn: "Line one" });
  const line2 = await createProductLine(prisma, { code: "PL-2" });
  ids.set("PL-1", line1.id);
  ids.set("PL-2", line2.id);
  for (const [code, lineId, nameEn] of [
    ["SP-1", line1.id, "Spec one"],
    ["SP-2", line1.id, "Spec two"],
    ["SP-3", line2.id, "Spec three"],
  ] as const) {
    ids.set(code, (await createProductSpec(prisma, { code, lineId, nameZh: `品规${code}`, nameEn })).id);
  }
  ids.set("CH-1", (await createChannel(prisma, { code: "CH-1", kind: "TERMINAL" })).id);
  ids.set("CH-2", (await createChannel(prisma, { code: "CH-2", kind: "SPECIAL" })).id);
  ids.set("W1", (await createTownship(prisma, { countyId: k1.id, code: "W1" })).id);
  ids.set("D1", (await createDistributor(prisma, { countyId: k1.id, code: "D1" })).id);
  for (const [code, classCode] of [
    ["TC", "C"],
    ["TB2", "B"],
    ["TB", "B"],
    ["TA", "A"],
  ] as const) {
    ids.set(code, (await createTerminal(prisma, { countyId: k1.id, classCode, channelId: id("CH-1"), code })).id);
  }

  const cycle = await createPlanCycle(prisma, { year: 2027 });
  ids.set("cycle", cycle.id);
  for (const unit of [hq, p, c1, c2, k1, k1b, k2]) {
    const plan = await createPlan(prisma, { cycleId: cycle.id, orgUnitId: unit.id });
    ids.set(`plan:${unit.code}`, plan.id);
  }
  planId = id("plan:T-K1");

  const revenue = id("SALES_REVENUE");
  const actual = (orgUnitId: string, year: number, month: number, value: string, dimensions: CellDimensions) => ({
    orgUnitId,
    metricId: revenue,
    year,
    month,
    value,
    ...cellDimensionColumns(dimensions),
  });
  const sp1ch1 = { productSpecId: id("SP-1"), channelId: id("CH-1") };
  const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);
  await prisma.salesActual.createMany({
    data: [
      ...range(1, 10).map((m) => actual(k1.id, 2026, m, "1000.00", sp1ch1)),
      ...range(1, 10).map((m) => actual(k1.id, 2025, m, "800.00", sp1ch1)),
      actual(k1.id, 2025, 11, "1000.00", sp1ch1),
      actual(k1.id, 2025, 12, "1400.00", sp1ch1),
      ...range(1, 10).map((m) => actual(k1.id, 2026, m, "500.00", { productSpecId: id("SP-2") })),
      actual(k1b.id, 2026, 1, "99999.00", sp1ch1),
    ],
  });

  plannerId = (await prisma.user.create({ data: { login: "k1.planner", displayName: "县计划员", passwordHash: "x" } })).id;
  // The cells go in through the cell save (with its audit rows and the maintained summary the
  // city's checks read), as a planner's save would write them.
  const cell = (month: number, value: string, dimensions: CellDimensions, metricId = revenue, stretch?: string) => ({
    metricId,
    month,
    dimensions,
    baseValue: value,
    stretchValue: stretch ?? null,
    expectedVersion: null,
  });
  await dataAccess.inTransaction((tx) =>
    tx.targetCells.save({
      planId,
      actorId: plannerId,
      requestId: "fixture",
      changes: [
        ...range(1, 12).map((m) => cell(m, "1300.00", { productSpecId: id("SP-1") }, revenue, m === 12 ? "1500.00" : undefined)),
        ...range(1, 12).map((m) => cell(m, "1300.00", sp1ch1)),
        cell(1, "800.00", { productSpecId: id("SP-1"), terminalId: id("TA") }),
        cell(1, "400.00", { productSpecId: id("SP-1"), terminalId: id("TB") }),
        ...range(1, 12).map((m) => cell(m, "400.00", { productSpecId: id("SP-2") })),
        cell(1, "12", { productSpecId: id("SP-1") }, id("SALES_VOLUME")),
        cell(2, "13", { productSpecId: id("SP-1") }, id("SALES_VOLUME")),
      ],
    }),
  );

  harness = await startGraphQLHarness(dataAccess);
});

function viewerAt(...held: [role: Role, code: string][]): Viewer {
  return {
    userId: plannerId,
    assignments: held.map(([role, code]) => {
      const unit = units.get(code);
      if (!unit) throw new Error(`no unit ${code}`);
      return { role, orgUnitId: unit.id, orgUnitPath: unit.path };
    }),
  };
}
const PLANNER = () => viewerAt(["PLANNER", "T-K1"]);

const run = (viewer: Viewer | null, query: string, variables: Record<string, unknown>) =>
  harness.run(viewer, query, variables, "plans-test");

async function ok<T = Record<string, unknown>>(viewer: Viewer | null, query: string, variables: Record<string, unknown>) {
  const answer = await run(viewer, query, variables);
  expect(answer.errors).toBeUndefined();
  return answer.data as T;
}

interface Period {
  kind: string;
  index: number;
  base: string | null;
  stretch: string | null;
  lastYear: { value: string; estimated: boolean } | null;
  yearBefore: string | null;
  growth: string | null;
  band: string | null;
}
interface Row {
  key: string;
  kind: string;
  axis: string | null;
  productSpecId: string | null;
  productLineId: string | null;
  memberId: string | null;
  coordinates: Record<string, string | null>;
  months: {
    month: number;
    cell: Record<string, unknown> | null;
    lastYear: { value: string; estimated: boolean } | null;
    yearBefore: string | null;
    growth: string | null;
    band: string | null;
  }[];
  periods: Period[];
  estimateMethodUsed: string | null;
  estimateFallback: string | null;
  allocations: { axis: string; balanced: boolean; months: { month: number; allocated: string; remaining: string | null }[] }[];
}
interface Grid {
  metric: { code: string; scale: number; aggregation: string };
  basis: string;
  estimate: { method: string; year: number; actualThroughMonth: number; estimatedMonths: number[] };
  rows: Row[];
  totals: { scope: string; productLineId: string | null; periods: Period[] }[];
}

async function grid(variables: Record<string, unknown> = {}, viewer: Viewer = PLANNER()): Promise<Grid> {
  const data = await ok<{ plan: { targetGrid: Grid } }>(viewer, GRID_QUERY, {
    unitCode: "T-K1",
    year: 2027,
    metricId: id("SALES_REVENUE"),
    ...variables,
  });
  return data.plan.targetGrid;
}
const rowOf = (g: Grid, key: string) => {
  const row = g.rows.find((candidate) => candidate.key === key);
  if (!row) throw new Error(`no row ${key} in ${g.rows.map((r) => r.key).join(", ")}`);
  return row;
};
const year = (periods: Period[]) => periods.find((p) => p.kind === "YEAR")!;

describe("plan: the header", () => {
  it("gives the county planner their plan: unit with its ancestors, cycle, status, editable, estimate method and band", async () => {
    const data = await ok<{ plan: Record<string, unknown> }>(PLANNER(), HEADER_QUERY, { unitCode: "T-K1", year: 2027 });
    expect(data.plan).toEqual({
      id: planId,
      status: "DRAFT",
      version: 1,
      editable: true,
      readOnlyReason: null,
      estimateMethod: "LAST_YEAR_SEASONALITY",
      growthBand: { min: "0", max: "0.3" },
      unit: {
        id: units.get("T-K1")!.id,
        code: "T-K1",
        nameZh: "一号县",
        level: "COUNTY",
        ancestors: [
          { code: "T-HQ", level: "HQ" },
          { code: "T-P", level: "PROVINCE" },
          { code: "T-C1", level: "CITY" },
        ],
      },
      cycle: { id: id("cycle"), year: 2027, status: "OPEN" },
    });
  });

  it("lets a viewer at the unit and the city's reviewer read it, not edit it (reason ROLE)", async () => {
    for (const viewer of [viewerAt(["VIEWER", "T-K1"]), viewerAt(["REVIEWER", "T-C1"]), viewerAt(["PLANNER", "T-C1"])]) {
      const data = await ok<{ plan: { editable: boolean; readOnlyReason: string } }>(viewer, HEADER_QUERY, {
        unitCode: "T-K1",
        year: 2027,
      });
      expect(data.plan).toMatchObject({ editable: false, readOnlyReason: "ROLE" });
    }
  });

  it("refuses another city's county planner with the same NOT_FOUND as an unknown unit or year", async () => {
    const outside = await run(viewerAt(["PLANNER", "T-K2"]), HEADER_QUERY, { unitCode: "T-K1", year: 2027 });
    expect(outside.data).toBeNull();
    expect(outside.errors?.[0]?.extensions).toEqual({ code: "NOT_FOUND", reason: "PLAN_NOT_FOUND", params: { id: "T-K1/2027" } });
    const sibling = await run(viewerAt(["PLANNER", "T-K1B"]), HEADER_QUERY, { unitCode: "T-K1", year: 2027 });
    expect(sibling.errors?.[0]?.extensions?.["code"]).toBe("NOT_FOUND");
    const unknown = await run(PLANNER(), HEADER_QUERY, { unitCode: "NO-SUCH", year: 2027 });
    const noCycle = await run(PLANNER(), HEADER_QUERY, { unitCode: "T-K1", year: 2031 });
    for (const refused of [unknown, noCycle]) {
      expect(refused.errors?.[0]?.extensions).toMatchObject({ code: "NOT_FOUND", reason: "PLAN_NOT_FOUND" });
      expect(refused.errors?.[0]?.message).toBe(outside.errors?.[0]?.message);
    }
    expect((await run(null, HEADER_QUERY, { unitCode: "T-K1", year: 2027 })).errors?.[0]?.extensions?.["code"]).toBe(
      "UNAUTHENTICATED",
    );
  });

  it("refuses bad arguments before reading anything", async () => {
    const answer = await run(PLANNER(), HEADER_QUERY, { unitCode: " ", year: 2027 });
    expect(answer.errors?.[0]?.extensions).toMatchObject({ code: "VALIDATION_FAILED", params: { field: "unitCode" } });
  });
});

describe("plan: the document and the catalogue", () => {
  it("lists the template's three parts (13 + 5 + 10 sections) with what the plan has written", async () => {
    const { prisma } = getDb();
    const template = await prisma.planTemplateSection.findUniqueOrThrow({
      where: { cycleId_code: { cycleId: id("cycle"), code: "GOAL_SALES" } },
    });
    const section = await prisma.planSection.create({
      data: { planId: id("plan:T-K1B"), templateSectionId: template.id, code: "GOAL_SALES", body: "sibling's", version: 5 },
    });
    expect(section.id).toBeTruthy();
    const query = `query Doc($unitCode: String!, $year: Int!) { plan(unitCode: $unitCode, year: $year) {
      documentParts { part titleZh titleEn sections { id code part required sortOrder body version updatedBy { displayName } updatedAt
        links { metricId metricCode productSpecId productSpecCode } } } } }`;
    const before = await ok<{ plan: { documentParts: { part: string; sections: Record<string, unknown>[] }[] } }>(
      PLANNER(),
      query,
      {
        unitCode: "T-K1",
        year: 2027,
      },
    );
    expect(before.plan.documentParts.map((part) => [part.part, part.sections.length])).toEqual([
      ["ENVIRONMENT", 13],
      ["GOALS", 5],
      ["METHODS", 10],
    ]);
    const goalSales = before.plan.documentParts[1]!.sections.find((s) => s.code === "GOAL_SALES");
    // The sibling's text is not this plan's: never saved here.
    expect(goalSales).toMatchObject({ id: null, body: "", version: 0, required: true, updatedBy: null, links: [] });

    const written = await prisma.planSection.create({
      data: {
        planId,
        templateSectionId: template.id,
        code: "GOAL_SALES",
        body: "销售目标：增长两成。",
        version: 3,
        updatedById: plannerId,
        links: { create: [{ metricId: id("SALES_REVENUE") }, { metricId: id("GROSS_PROFIT"), productSpecId: id("SP-1") }] },
      },
    });
    const after = await ok<{ plan: { documentParts: { sections: Record<string, unknown>[] }[] } }>(PLANNER(), query, {
      unitCode: "T-K1",
      year: 2027,
    });
    const saved = after.plan.documentParts[1]!.sections.find((s) => s.code === "GOAL_SALES");
    expect(saved).toMatchObject({
      id: written.id,
      body: "销售目标：增长两成。",
      version: 3,
      updatedBy: { displayName: "县计划员" },
      links: expect.arrayContaining([
        { metricId: id("SALES_REVENUE"), metricCode: "SALES_REVENUE", productSpecId: null, productSpecCode: null },
        { metricId: id("GROSS_PROFIT"), metricCode: "GROSS_PROFIT", productSpecId: id("SP-1"), productSpecCode: "SP-1" },
      ]),
    });
    // Remove it again: the findings below are worked without any text.
    await prisma.planSection.delete({ where: { id: written.id } });
  });

  it("labels every id: metrics, lines with their specs, channels, classes, and the unit's terminals core first", async () => {
    const data = await ok<{ plan: { catalogue: Record<string, { code: string }[]> } }>(
      PLANNER(),
      `query Cat($unitCode: String!, $year: Int!) { plan(unitCode: $unitCode, year: $year) { catalogue {
        metrics { code scale aggregation unit } productLines { code specs { code lineId } } channels { code kind }
        terminalClasses { code rank splitRequired } terminals { code classCode isCore channelId } distributors { code level }
        townships { code } } } }`,
      { unitCode: "T-K1", year: 2027 },
    );
    const catalogue = data.plan.catalogue as unknown as Record<string, Record<string, unknown>[]>;
    expect(catalogue["metrics"]!.map((m) => m["code"])).toEqual([
      "SALES_REVENUE",
      "SALES_VOLUME",
      "GROSS_PROFIT",
      "COLLECTION",
      "MARKET_SHARE",
      "DISTRIBUTION_RATE",
    ]);
    expect(catalogue["metrics"]![1]).toEqual({ code: "SALES_VOLUME", scale: 0, aggregation: "SUM", unit: "UNIT" });
    expect(catalogue["productLines"]).toEqual([
      {
        code: "PL-1",
        specs: [
          { code: "SP-1", lineId: id("PL-1") },
          { code: "SP-2", lineId: id("PL-1") },
        ],
      },
      { code: "PL-2", specs: [{ code: "SP-3", lineId: id("PL-2") }] },
    ]);
    expect(catalogue["channels"]).toEqual([
      { code: "CH-1", kind: "TERMINAL" },
      { code: "CH-2", kind: "SPECIAL" },
    ]);
    expect(catalogue["terminalClasses"]!.map((c) => [c["code"], c["splitRequired"]])).toEqual([
      ["A", true],
      ["B", true],
      ["C", false],
    ]);
    expect(catalogue["terminals"]!.map((t) => [t["code"], t["isCore"]])).toEqual([
      ["TA", true],
      ["TB", false],
      ["TB2", false],
      ["TC", false],
    ]);
    expect(catalogue["distributors"]).toEqual([{ code: "D1", level: 1 }]);
    expect(catalogue["townships"]).toEqual([{ code: "W1" }]);
  });
});

describe("plan: the grid of one metric with history, estimate and totals", () => {
  it("lists the rows: the spec-less figure, each spec's figure and the channels holding cells or history", async () => {
    const g = await grid();
    expect(g.rows.map((row) => row.key)).toEqual([
      "F|",
      `F|${id("SP-1")}`,
      `B|${id("SP-1")}|CHANNEL|${id("CH-1")}`,
      `F|${id("SP-2")}`,
      `F|${id("SP-3")}`,
    ]);
    expect(g.metric).toEqual({ code: "SALES_REVENUE", scale: 2, aggregation: "SUM" });
    expect(g.estimate).toEqual({
      method: "LAST_YEAR_SEASONALITY",
      year: 2026,
      actualThroughMonth: 10,
      estimatedMonths: [11, 12],
    });
    const channelRow = rowOf(g, `B|${id("SP-1")}|CHANNEL|${id("CH-1")}`);
    expect(channelRow).toMatchObject({ kind: "BREAKDOWN", axis: "CHANNEL", productLineId: id("PL-1"), memberId: id("CH-1") });
    expect(channelRow.coordinates).toEqual({
      productSpecId: id("SP-1"),
      channelId: id("CH-1"),
      terminalId: null,
      distributorId: null,
      townshipId: null,
      dimensionKey: `spec=${id("SP-1")};channel=${id("CH-1")}`,
    });
  });

  it("puts each cell in its slot with Y-1 (estimated months flagged) and Y-2 beside it", async () => {
    const g = await grid();
    const sp1 = rowOf(g, `F|${id("SP-1")}`);
    const january = sp1.months[0]!;
    expect(january.cell).toMatchObject({
      month: 1,
      metricId: id("SALES_REVENUE"),
      productSpecId: id("SP-1"),
      channelId: null,
      dimensionKey: `spec=${id("SP-1")}`,
      breakdownAxis: null,
      baseValue: "1300.00",
      stretchValue: null,
      isHeld: false,
      version: 1,
      updatedBy: { id: plannerId, displayName: "县计划员" },
    });
    // 1,300 on 1,000 actual: +30 %, the band's ceiling, still within.
    expect(january).toMatchObject({
      lastYear: { value: "1000.00", estimated: false },
      yearBefore: "800.00",
      growth: "0.3",
      band: "WITHIN",
    });
    // November and December: the estimate (10,000 × 2,400/8,000 = 3,000 → 1,250 + 1,750).
    expect(sp1.months[10]).toMatchObject({
      lastYear: { value: "1250.00", estimated: true },
      yearBefore: "1000.00",
      growth: "0.04",
    });
    expect(sp1.months[11]).toMatchObject({
      cell: { baseValue: "1300.00", stretchValue: "1500.00" },
      lastYear: { value: "1750.00", estimated: true },
      yearBefore: "1400.00",
      growth: "-0.257143",
      band: "BELOW_LAST_YEAR",
    });
    expect(sp1.estimateMethodUsed).toBe("LAST_YEAR_SEASONALITY");
    // K1B's 99,999.00 is not in K1's history.
    expect(rowOf(g, `B|${id("SP-1")}|CHANNEL|${id("CH-1")}`).months[0]!.lastYear).toEqual({ value: "1000.00", estimated: false });
    // SP-2 has no Y-2: the run rate stands in, and says why.
    const sp2 = rowOf(g, `F|${id("SP-2")}`);
    expect(sp2).toMatchObject({ estimateMethodUsed: "RUN_RATE", estimateFallback: "NO_REFERENCE" });
    expect(sp2.months[11]).toMatchObject({ lastYear: { value: "500.00", estimated: true }, yearBefore: null });
  });

  it("rolls rows up month → quarter → half → year, and figures up spec → line → all", async () => {
    const g = await grid();
    const sp1 = rowOf(g, `F|${id("SP-1")}`);
    expect(sp1.periods.map((p) => `${p.kind}${p.index}`)).toEqual([
      "QUARTER1",
      "QUARTER2",
      "QUARTER3",
      "QUARTER4",
      "HALF1",
      "HALF2",
      "YEAR1",
    ]);
    // Q4: 3 × 1,300 = 3,900 on 1,000 + 1,250 + 1,750 = 4,000 (estimated): −2.5 %.
    expect(sp1.periods[3]).toEqual({
      kind: "QUARTER",
      index: 4,
      base: "3900.00",
      stretch: "4100.00",
      lastYear: { value: "4000.00", estimated: true },
      yearBefore: "3200.00",
      growth: "-0.025",
      band: "BELOW_LAST_YEAR",
    });
    expect(sp1.periods[4]).toMatchObject({ base: "7800.00", lastYear: { value: "6000.00", estimated: false } });
    // The year: 15,600 on 13,000 (estimated) = +20 %; stretch 15,800; Y-2 8,000 + 2,400.
    expect(year(sp1.periods)).toEqual({
      kind: "YEAR",
      index: 1,
      base: "15600.00",
      stretch: "15800.00",
      lastYear: { value: "13000.00", estimated: true },
      yearBefore: "10400.00",
      growth: "0.2",
      band: "WITHIN",
    });
    expect(year(rowOf(g, `F|${id("SP-2")}`).periods)).toMatchObject({
      base: "4800.00",
      lastYear: { value: "6000.00", estimated: true },
      growth: "-0.2",
      band: "BELOW_LAST_YEAR",
    });
    expect(g.totals.map((t) => [t.scope, t.productLineId])).toEqual([
      ["LINE", id("PL-1")],
      ["LINE", id("PL-2")],
      ["ALL", null],
    ]);
    const [line1, line2, all] = g.totals;
    // PL-1: 15,600 + 4,800 = 20,400 on 13,000 + 6,000 = 19,000 (estimated): 1,400/19,000 = 0.0736842… → 0.073684.
    expect(year(line1!.periods)).toEqual({
      kind: "YEAR",
      index: 1,
      base: "20400.00",
      stretch: "20600.00",
      lastYear: { value: "19000.00", estimated: true },
      yearBefore: "10400.00",
      growth: "0.073684",
      band: "WITHIN",
    });
    expect(line1!.periods).toHaveLength(19);
    expect(line1!.periods[0]).toMatchObject({ kind: "MONTH", index: 1, base: "1700.00", lastYear: { value: "1500.00" } });
    expect(line1!.periods[10]).toMatchObject({ base: "1700.00", lastYear: { value: "1750.00", estimated: true } });
    expect(line2!.periods.every((p) => p.base === null && p.lastYear === null)).toBe(true);
    expect(year(all!.periods)).toEqual(year(line1!.periods));
  });

  it("agrees with a plain SQL sum of the figure cells and of the actuals (the oracle)", async () => {
    const { migrationsExecutor } = getDb();
    const [sums] = await migrationsExecutor.query<{ target: string; actual2026: string; actual2025: string }>(
      `SELECT
         (SELECT sum("baseValue")::text FROM "TargetCell" WHERE "planId" = $1 AND "metricId" = $2 AND "breakdownAxis" IS NULL) AS target,
         (SELECT sum(value)::text FROM "SalesActual" WHERE "orgUnitId" = $3 AND "metricId" = $2 AND year = 2026) AS actual2026,
         (SELECT sum(value)::text FROM "SalesActual" WHERE "orgUnitId" = $3 AND "metricId" = $2 AND year = 2025) AS actual2025`,
      [planId, id("SALES_REVENUE"), units.get("T-K1")!.id],
    );
    const all = year((await grid()).totals.at(-1)!.periods);
    expect(all.base).toBe(sums!.target);
    expect(all.yearBefore).toBe(sums!.actual2025);
    // Y-1 = the SQL sum to date + the two estimated months of each row (3,000.00 + 1,000.00, worked above).
    expect(BigInt(all.lastYear!.value.replace(".", ""))).toBe(BigInt(sums!.actual2026.replace(".", "")) + 400_000n);
  });

  it("shows what each breakdown allocates of its figure and what is left, and expands axes on request", async () => {
    const g = await grid({ present: ["TERMINAL"] });
    const sp1 = rowOf(g, `F|${id("SP-1")}`);
    expect(sp1.allocations).toEqual([
      {
        axis: "CHANNEL",
        balanced: true,
        months: Array.from({ length: 12 }, (_, i) => ({ month: i + 1, allocated: "1300.00", remaining: "0.00" })),
      },
      { axis: "TERMINAL", balanced: false, months: [{ month: 1, allocated: "1200.00", remaining: "100.00" }] },
    ]);
    expect(g.rows.map((row) => row.key).slice(1, 5)).toEqual([
      `F|${id("SP-1")}`,
      `B|${id("SP-1")}|CHANNEL|${id("CH-1")}`,
      `B|${id("SP-1")}|TERMINAL|${id("TA")}`,
      `B|${id("SP-1")}|TERMINAL|${id("TB")}`,
    ]);
    const all = await grid({ expand: [{ productSpecId: id("SP-2"), axis: "TERMINAL" }] });
    expect(all.rows.filter((row) => row.productSpecId === id("SP-2")).map((row) => row.memberId)).toEqual([
      null,
      id("TA"),
      id("TB"),
      id("TB2"),
      id("TC"),
    ]);
    const bad = await run(PLANNER(), GRID_QUERY, {
      unitCode: "T-K1",
      year: 2027,
      metricId: id("SALES_REVENUE"),
      expand: [{ productSpecId: "no-such-spec", axis: "TERMINAL" }],
    });
    expect(bad.errors?.[0]?.extensions).toMatchObject({ code: "VALIDATION_FAILED", reason: "PRODUCT_SPEC_UNKNOWN" });
  });

  it("compares the stretch value when asked, and shows a cases metric at its own scale", async () => {
    const stretch = await grid({ basis: "STRETCH" });
    // December: 1,500 on 1,750 (estimated).
    expect(rowOf(stretch, `F|${id("SP-1")}`).months[11]).toMatchObject({ growth: "-0.142857", band: "BELOW_LAST_YEAR" });
    expect(year(rowOf(stretch, `F|${id("SP-1")}`).periods)).toMatchObject({ growth: "0.215385" });
    const volume = await grid({ metricId: id("SALES_VOLUME") });
    const sp1 = rowOf(volume, `F|${id("SP-1")}`);
    expect(sp1.months[0]!.cell).toMatchObject({ baseValue: "12" });
    expect(year(sp1.periods)).toMatchObject({ base: "25", lastYear: null, growth: null });
    expect(volume.estimate).toMatchObject({ actualThroughMonth: 0, estimatedMonths: [] });
  });
});

describe("plan: target cells filtered and paged", () => {
  const CELLS = `query Cells($unitCode: String!, $year: Int!, $filter: TargetCellFilter, $first: Int, $after: String) {
    plan(unitCode: $unitCode, year: $year) { targetCells(filter: $filter, first: $first, after: $after) {
      totalCount nextCursor nodes { id metricId month productSpecId channelId terminalId dimensionKey breakdownAxis baseValue stretchValue } } } }`;
  const cells = async (filter: Record<string, unknown> | null, first?: number, after?: string) => {
    const data = await ok<{
      plan: { targetCells: { totalCount: number; nextCursor: string | null; nodes: Record<string, unknown>[] } };
    }>(PLANNER(), CELLS, {
      unitCode: "T-K1",
      year: 2027,
      filter,
      ...(first !== undefined && { first }),
      ...(after !== undefined && { after }),
    });
    return data.plan.targetCells;
  };

  it("filters by metric, months, line, spec, channel, grain and stretch (counts worked by hand)", async () => {
    // 12 SP-1 figures + 12 SP-1 × CH-1 + 2 terminal cells + 12 SP-2 figures = 38 revenue cells; 2 volume cells.
    expect((await cells(null)).totalCount).toBe(40);
    expect((await cells({ metricIds: [id("SALES_REVENUE")] })).totalCount).toBe(38);
    expect((await cells({ grains: ["FIGURE"] })).totalCount).toBe(26);
    expect((await cells({ grains: ["TERMINAL"] })).totalCount).toBe(2);
    expect((await cells({ grains: ["CHANNEL", "TERMINAL"] })).totalCount).toBe(14);
    expect((await cells({ monthFrom: 11, monthTo: 12 })).totalCount).toBe(6);
    expect((await cells({ productSpecIds: [id("SP-2")] })).totalCount).toBe(12);
    expect((await cells({ productLineIds: [id("PL-1")] })).totalCount).toBe(40);
    expect((await cells({ productLineIds: [id("PL-2")] })).totalCount).toBe(0);
    expect((await cells({ channelIds: [id("CH-1")] })).totalCount).toBe(12);
    const stretched = await cells({ hasStretch: true });
    expect(stretched.nodes).toEqual([
      expect.objectContaining({ month: 12, productSpecId: id("SP-1"), baseValue: "1300.00", stretchValue: "1500.00" }),
    ]);
    expect((await cells({ metricIds: [id("SALES_VOLUME")] })).nodes.map((n) => n["baseValue"])).toEqual(["12", "13"]);
  });

  it("pages through every cell once, in a stable order", async () => {
    const seen: string[] = [];
    let after: string | undefined;
    const sizes: number[] = [];
    for (;;) {
      const page = await cells(null, 15, after);
      expect(page.totalCount).toBe(40);
      sizes.push(page.nodes.length);
      seen.push(...page.nodes.map((n) => String(n["id"])));
      if (page.nextCursor === null) break;
      after = page.nextCursor;
    }
    expect(sizes).toEqual([15, 15, 10]);
    expect(new Set(seen).size).toBe(40);
    const first = await cells(null, 3);
    // Revenue first, SP-1's figure before its breakdowns, months in order.
    expect(first.nodes.map((n) => [n["breakdownAxis"], n["month"]])).toEqual([
      [null, 1],
      [null, 2],
      [null, 3],
    ]);
  });

  it("refuses a page size out of range, reversed months and a forged cursor", async () => {
    for (const [variables, field] of [
      [{ first: 0 }, "first"],
      [{ first: 2001 }, "first"],
      [{ filter: { monthFrom: 12, monthTo: 1 } }, "filter.monthFrom"],
      [{ filter: { monthFrom: 13 } }, "filter.monthFrom"],
    ] as const) {
      const answer = await run(PLANNER(), CELLS, { unitCode: "T-K1", year: 2027, ...variables });
      expect(answer.errors?.[0]?.extensions).toMatchObject({ code: "VALIDATION_FAILED", params: { field } });
    }
    const forged = await run(PLANNER(), CELLS, { unitCode: "T-K1", year: 2027, after: "bm90LWEtY3Vyc29y" });
    expect(forged.errors?.[0]?.extensions).toMatchObject({ code: "VALIDATION_FAILED", reason: "CURSOR_INVALID" });
  });
});

describe("plan: findings (四大症状)", () => {
  const FINDINGS = `query F($unitCode: String!, $year: Int!) { plan(unitCode: $unitCode, year: $year) { findings {
    blockCount warnCount configProblems
    items { code symptom symptomZh severity messageZh messageEn lastYearEstimated params { name value }
      targets { kind metricId metricCode month cellId productSpecId terminalId dimensionKey sectionCode unitId } } } } }`;
  type Findings = {
    blockCount: number;
    warnCount: number;
    configProblems: string[];
    items: {
      code: string;
      symptom: number;
      severity: string;
      messageZh: string;
      messageEn: string;
      lastYearEstimated: boolean;
      targets: Record<string, unknown>[];
    }[];
  };
  const findings = async () =>
    (await ok<{ plan: { findings: Findings } }>(PLANNER(), FINDINGS, { unitCode: "T-K1", year: 2027 })).plan.findings;

  it("finds what the plan lacks, each with its severity, both messages and the cells it points at", async () => {
    const result = await findings();
    const codes = result.items.map((item) => item.code);
    // 16 required sections are empty (7 in A and B, 9 methods); the raised revenue has no method;
    // gross profit is missing; volume has only January and February; TB2 (B) has no target;
    // SP-1's January terminals are 100.00 short.
    expect(codes.filter((code) => code === "REQUIRED_SECTION_EMPTY")).toHaveLength(16);
    expect(codes.filter((code) => code !== "REQUIRED_SECTION_EMPTY")).toEqual([
      "TARGET_RAISED_WITHOUT_METHOD",
      "REQUIRED_METRIC_MISSING",
      "MONTHS_MISSING",
      "TERMINAL_SPLIT_MISSING",
      "BREAKDOWN_MISMATCH",
    ]);
    expect(result).toMatchObject({ blockCount: 21, warnCount: 0, configProblems: [] });
    const months = result.items.find((item) => item.code === "MONTHS_MISSING")!;
    expect(months.messageEn).toBe("The Sales volume target [Spec one] lacks month(s) 3, 4, 5, 6, 7, 8, 9, 10, 11, 12.");
    expect(months.targets.map((t) => [t["metricCode"], t["month"], t["productSpecId"]])).toEqual(
      [3, 4, 5, 6, 7, 8, 9, 10, 11, 12].map((m) => ["SALES_VOLUME", m, id("SP-1")]),
    );

    const raised = result.items.find((item) => item.code === "TARGET_RAISED_WITHOUT_METHOD")!;
    expect(raised).toMatchObject({
      symptom: 1,
      severity: "BLOCK",
      lastYearEstimated: true,
      messageEn:
        "The Sales revenue target 20400.00 is above last year's actual 19000.00 (+7.37%) but no method text explains it.",
      messageZh: "销售额目标 20400.00 高于上年实际 19000.00（+7.37%），但没有方法说明与之关联。",
    });
    expect(raised.targets).toEqual([
      expect.objectContaining({ kind: "TARGET", metricId: id("SALES_REVENUE"), metricCode: "SALES_REVENUE", month: null }),
    ]);

    const terminal = result.items.find((item) => item.code === "TERMINAL_SPLIT_MISSING")!;
    expect(terminal.messageEn).toBe("1 terminal(s) of class A/B or core have no target: TB2.");
    expect(terminal.targets).toEqual([expect.objectContaining({ kind: "TERMINAL", terminalId: id("TB2") })]);

    const mismatch = result.items.find((item) => item.code === "BREAKDOWN_MISMATCH")!;
    expect(mismatch.messageEn).toBe(
      "The terminal breakdown of Sales revenue for month 1 [Spec one] adds up to 1200.00, not the plan's figure 1300.00; difference -100.00.",
    );
    const { prisma } = getDb();
    const januaryCells = await prisma.targetCell.findMany({
      where: { planId, metricId: id("SALES_REVENUE"), month: 1, productSpecId: id("SP-1"), channelId: null },
      orderBy: { dimensionKey: "asc" },
    });
    const refs = mismatch.targets.map((t) => [t["cellId"], t["month"], t["terminalId"], t["dimensionKey"]]);
    const expected = (terminalId: string | null) => {
      const c = januaryCells.find((candidate) => candidate.terminalId === terminalId)!;
      return [c.id.toString(), 1, c.terminalId, c.dimensionKey];
    };
    // The figure first, then its breakdown cells.
    expect(refs[0]).toEqual(expected(null));
    expect(refs.slice(1)).toEqual(expect.arrayContaining([expected(id("TA")), expected(id("TB"))]));
    expect(refs).toHaveLength(3);

    const empty = result.items.find((item) => item.code === "REQUIRED_SECTION_EMPTY")!;
    expect(empty.targets[0]).toMatchObject({ kind: "SECTION" });
    expect(empty.messageZh).toMatch(/^必填章节“.+”尚未填写。$/);
  });

  it("checks a city plan against its children's totals (the maintained summary), HQ's guidance and open objections", async () => {
    const { prisma } = getDb();
    const guidance = await prisma.guidanceTarget.create({
      data: { cycleId: id("cycle"), orgUnitId: units.get("T-C1")!.id, metricId: id("SALES_REVENUE"), value: "30000.00" },
    });
    const objection = await prisma.objection.create({
      data: { planId, metricId: id("SALES_REVENUE"), reason: "任务过重", raisedById: plannerId },
    });
    try {
      const city = (
        await ok<{ plan: { findings: Findings } }>(viewerAt(["REVIEWER", "T-P"]), FINDINGS, { unitCode: "T-C1", year: 2027 })
      ).plan.findings;
      // K1's figures are 15,600 + 4,800 = 20,400.00 and K1B has none: 9,600.00 short of 30,000.00.
      const below = city.items.find((item) => item.code === "BELOW_NEED")!;
      expect(below).toMatchObject({
        severity: "WARN",
        symptom: 2,
        messageEn: "The Sales revenue total 20400.00 is below the HQ guidance 30000.00; gap 9600.00.",
        messageZh: "销售额合计 20400.00 低于总部指导目标 30000.00，缺口 9600.00。",
      });
      expect(below.targets.map((t) => [t["kind"], t["metricCode"], t["unitId"]])).toEqual([
        ["TARGET", "SALES_REVENUE", null],
        ["CHILD", "SALES_REVENUE", units.get("T-K1")!.id],
        ["CHILD", "SALES_REVENUE", units.get("T-K1B")!.id],
      ]);
      const unanswered = city.items.find((item) => item.code === "OBJECTION_UNANSWERED")!;
      expect(unanswered).toMatchObject({
        severity: "BLOCK",
        messageEn: "An objection from child unit County One to its split has not been answered.",
      });
      expect(unanswered.messageZh).toBe("下级单位 一号县 对任务分解提出的异议尚未答复。");
      // The city's Y-1 is its whole subtree's, K1B's 99,999.00 included: far above the target.
      expect(city.items.find((item) => item.code === "TARGET_BELOW_GROWTH_BAND")).toMatchObject({ lastYearEstimated: true });
      // The county that objected waits for the answer.
      const county = await findings();
      expect(county.items.filter((item) => item.code === "OBJECTION_PENDING").map((item) => item.severity)).toEqual(["WARN"]);
    } finally {
      await prisma.objection.delete({ where: { id: objection.id } });
      await prisma.guidanceTarget.delete({ where: { id: guidance.id } });
    }
  });

  it("drops the finding once a written method section explains the raised target", async () => {
    const { prisma } = getDb();
    const template = await prisma.planTemplateSection.findUniqueOrThrow({
      where: { cycleId_code: { cycleId: id("cycle"), code: "METHOD_TARGET_SPLIT" } },
    });
    const section = await prisma.planSection.create({
      data: {
        planId,
        templateSectionId: template.id,
        code: template.code,
        body: "按终端分解。",
        links: { create: [{ metricId: id("SALES_REVENUE") }] },
      },
    });
    try {
      const result = await findings();
      expect(result.items.map((item) => item.code)).not.toContain("TARGET_RAISED_WITHOUT_METHOD");
      expect(result.items.filter((item) => item.code === "REQUIRED_SECTION_EMPTY")).toHaveLength(15);
    } finally {
      await prisma.planSection.delete({ where: { id: section.id } });
    }
  });
});

describe("setPlanEstimateMethod", () => {
  const SET = `mutation Set($input: SetPlanEstimateMethodInput!) { setPlanEstimateMethod(input: $input) { plan { id estimateMethod version } } }`;

  it("lets the plan's planner switch to the run rate: the grid follows, an audit row records it", async () => {
    const answer = await ok<{ setPlanEstimateMethod: { plan: Record<string, unknown> } }>(PLANNER(), SET, {
      input: { planId, method: "RUN_RATE" },
    });
    expect(answer.setPlanEstimateMethod.plan).toEqual({ id: planId, estimateMethod: "RUN_RATE", version: 1 });
    const g = await grid();
    expect(g.estimate.method).toBe("RUN_RATE");
    const sp1 = rowOf(g, `F|${id("SP-1")}`);
    // 10,000 × 2/10 = 2,000 → 1,000 + 1,000; the year 12,000 (15,600 on it: +30 %).
    expect(sp1.months[10]!.lastYear).toEqual({ value: "1000.00", estimated: true });
    expect(sp1.months[11]!.lastYear).toEqual({ value: "1000.00", estimated: true });
    expect(year(sp1.periods)).toMatchObject({ lastYear: { value: "12000.00", estimated: true }, growth: "0.3" });
    const audit = await getDb().prisma.auditLog.findMany({ where: { planId, action: "ESTIMATE_METHOD_SET" } });
    expect(audit.map((row) => [row.actorId, row.entity, row.entityId, row.before, row.after, row.requestId])).toEqual([
      [plannerId, "Plan", planId, { estimateMethod: "LAST_YEAR_SEASONALITY" }, { estimateMethod: "RUN_RATE" }, "plans-test"],
    ]);
    await ok(PLANNER(), SET, { input: { planId, method: "LAST_YEAR_SEASONALITY" } });
  });

  it("refuses anyone but the plan's own planner (NOT_FOUND), and a plan that is not editable", async () => {
    const before = await getDb().prisma.auditLog.count({ where: { action: "ESTIMATE_METHOD_SET" } });
    const cityPlanner = await run(viewerAt(["PLANNER", "T-C1"]), SET, { input: { planId, method: "RUN_RATE" } });
    expect(cityPlanner.errors?.[0]?.extensions).toMatchObject({ code: "NOT_FOUND", reason: "PLAN_NOT_FOUND" });
    const viewer = await run(viewerAt(["VIEWER", "T-K1"]), SET, { input: { planId, method: "RUN_RATE" } });
    expect(viewer.errors?.[0]?.extensions?.["code"]).toBe("FORBIDDEN");

    await getDb().prisma.plan.update({ where: { id: planId }, data: { status: "SUBMITTED" } });
    try {
      const header = await ok<{ plan: Record<string, unknown> }>(PLANNER(), HEADER_QUERY, { unitCode: "T-K1", year: 2027 });
      expect(header.plan).toMatchObject({ status: "SUBMITTED", editable: false, readOnlyReason: "STATUS" });
      const submitted = await run(PLANNER(), SET, { input: { planId, method: "RUN_RATE" } });
      expect(submitted.errors?.[0]?.extensions).toMatchObject({
        code: "INVALID_TRANSITION",
        reason: "PLAN_NOT_EDITABLE",
        params: { status: "SUBMITTED" },
      });
    } finally {
      await getDb().prisma.plan.update({ where: { id: planId }, data: { status: "DRAFT" } });
    }
    // Nothing was written.
    expect(await getDb().prisma.auditLog.count({ where: { action: "ESTIMATE_METHOD_SET" } })).toBe(before);
    expect((await getDb().prisma.plan.findUniqueOrThrow({ where: { id: planId } })).estimateMethod).toBe("LAST_YEAR_SEASONALITY");
  });
});
