// The dashboard (看板) through the real schema, access rules and error map, on a small world
// whose every figure is worked by hand:
//
//   HQ ─ P ─ C ─ K1, K2, K3          cycle 2026; actuals of 2026 loaded for January and February
//
// Sales revenue targets (saved by each county's planner, then approved: the summary's APPROVED lines):
//   K1  S1 Jan 100.00 (of which RT 60.00: a channel breakdown) · Feb 200.00 · Mar 300.00 → year 600.00
//   K2  S1 Jan 1,000.00 · Feb 1,000.00                                               → year 2,000.00
//   K3  S1 Jan 400.00                                                                  → year 400.00
// Actuals (spec S1): K1 Jan 90.00 (channel RT) · Feb 230.00; K2 Jan 800.00 · Feb 900.00; K3 Jan 300.00.
// Through February (the last month with actuals):
//   K1 300.00 vs 320.00 → 1.066667, +20.00;  K2 2,000.00 vs 1,700.00 → 0.85, −300.00;
//   K3 400.00 vs 300.00 → 0.75, −100.00.  Ranks 1, 2, 3; ≥ 85 %: 2 of 3 (0.666667); ≥ 100 %: 1 (0.333333).
//   C: 2,700.00 vs 2,320.00 → 0.859259; year 3,000.00; straight line 3,000 × 2 / 12 = 500.00;
//      of the year 2,320 / 3,000 = 0.773333. Jan 1,500.00 vs 1,190.00; Feb 1,200.00 vs 1,130.00; Mar 300.00, —.
//   By channel: RT 60.00 vs 90.00 (1.5); the rest 2,640.00 vs 2,230.00.
// Collection (回款, carries over) of K1: targets 100.00 a month Jan–Mar; actual Jan 70.00, Feb 150.00:
//   Jan shortfall 30.00 → Feb's target 130.00, met (150 / 130 = 1.153846), nothing carried to March.
//   K1 is then ≥ 100 % on both its metrics (revenue 1.066667, collection 220 / 200 = 1.1): above all
//   targets; K2 and K3 are not → 1 of 3.
// Expenses of K1's plan: salaries 50.00 a month Jan–Mar; spent 40.00 (Jan) + 70.00 (Feb) + 999.00 (Mar,
//   after the through-month) on salaries and 10.00 (Jan) on rent: personnel 100.00 vs 110.00 (1.1),
//   office 0.00 vs 10.00 (no rate).
import { ApolloServer } from "@apollo/server";
import {
  createChannel,
  createOrgUnit,
  createPlan,
  createPlanCycle,
  createProductLine,
  createProductSpec,
  createUser,
  ensureExpenseTree,
  ensureStandardMetrics,
  ensureTerminalClasses,
  useTestDatabase,
  type Db,
} from "@pyramid/db/testing";
import { cellDimensionColumns, type Role } from "@pyramid/domain";
import { beforeAll, describe, expect, it } from "vitest";
import type { RequestContext } from "../../context.js";
import { createErrorFormatter } from "../../errors.js";
import { NO_SESSION } from "../../http/request-session.js";
import { createSchema } from "../../schema/create-schema.js";
import { createServices } from "../../services.js";
import type { Viewer } from "../../viewer.js";

const getDb = useTestDatabase();

let apollo: ApolloServer<RequestContext>;
let services: ReturnType<typeof createServices>;
let counter = 0;

interface Answer<T> {
  data: T | null;
  errors?: readonly { message: string; extensions?: { code?: string } }[];
}

async function run<T>(
  viewer: Viewer | null,
  query: string,
  variables: Record<string, unknown>,
  field: string,
): Promise<Answer<T>> {
  const response = await apollo.executeOperation(
    { query, variables },
    {
      contextValue: {
        viewer,
        services,
        session: NO_SESSION,
        request: { requestId: `dashboard-${++counter}`, clientAddress: "127.0.0.1", userAgent: null },
      },
    },
  );
  if (response.body.kind !== "single") throw new Error("expected a single result");
  const { data, errors } = response.body.singleResult;
  return {
    data: ((data as Record<string, unknown> | null | undefined)?.[field] ?? null) as T | null,
    errors: errors as Answer<T>["errors"],
  };
}

async function ok<T>(viewer: Viewer, query: string, variables: Record<string, unknown>, field: string): Promise<T> {
  const answer = await run<T>(viewer, query, variables, field);
  expect(answer.errors).toBeUndefined();
  return answer.data!;
}

const FIGURE = "target actual variance rate";
const DASHBOARD = `query D($unitCode: String!, $year: Int!, $throughMonth: Int, $metric: DashboardMetric) {
  dashboard(unitCode: $unitCode, year: $year, throughMonth: $throughMonth, metric: $metric) {
    unit { code } parent { code } year cycleCode metric { code carriesOver } throughMonth lastActualMonth yearTarget
    toDate { ${FIGURE} }
    pacing { expectedToDate actualToDate varianceToDate paceIndex completionOfYear straightLineToDate }
    children { unit { code } ${FIGURE} rank exceedsAllTargets }
    benchmark { units judged atOrAboveFloor atOrAbove100 shareAtOrAboveFloor shareAtOrAbove100 exceedingAllTargets shareExceedingAllTargets meetsBenchmark }
    months { month target effectiveTarget actual variance rate shortfall cumulativeTarget cumulativeActual straightLine }
    bySpec { code ${FIGURE} }
    byChannel { code ${FIGURE} }
    expenses { code ${FIGURE} }
  }
}`;

interface Figure {
  target: string;
  actual: string;
  variance: string;
  rate: string | null;
}
interface Dashboard {
  unit: { code: string };
  parent: { code: string } | null;
  year: number;
  cycleCode: string;
  metric: { code: string; carriesOver: boolean };
  throughMonth: number;
  lastActualMonth: number | null;
  yearTarget: string;
  toDate: Figure;
  pacing: Record<string, string | null>;
  children: (Figure & { unit: { code: string }; rank: number | null; exceedsAllTargets: boolean })[];
  benchmark: Record<string, unknown>;
  months: Record<string, unknown>[];
  bySpec: (Figure & { code: string })[];
  byChannel: (Figure & { code: string })[];
  expenses: (Figure & { code: string })[];
}

type Unit = Awaited<ReturnType<typeof createOrgUnit>>;
const w = {} as {
  c: Unit;
  k1: Unit;
  k2: Unit;
  k3: Unit;
  spec: string;
  cityReviewer: Viewer;
  k1Planner: Viewer;
  k3Planner: Viewer;
  provinceViewer: Viewer;
};

async function viewerFor(prisma: Db, unit: Unit, role: Role): Promise<Viewer> {
  const { user } = await createUser(prisma, { orgUnitId: unit.id, role, login: `dashboard.${role.toLowerCase()}.${++counter}` });
  return {
    userId: user.id,
    sessionId: `session-${counter}`,
    assignments: [{ role, orgUnitId: unit.id, orgUnitPath: unit.path }],
  };
}

const SAVE = `mutation Save($planId: ID!, $changes: [TargetCellChangeInput!]!) {
  saveTargetCells(planId: $planId, changes: $changes) { __typename }
}`;

beforeAll(async () => {
  apollo = new ApolloServer<RequestContext>({ schema: createSchema(), formatError: createErrorFormatter() });
  await apollo.start();
  const { prisma, dataAccess } = getDb();
  services = createServices({ dataAccess, version: "test", log: { error: () => undefined } });
  await ensureTerminalClasses(prisma);
  const metrics = await ensureStandardMetrics(prisma);
  const items = await ensureExpenseTree(prisma);
  const sales = metrics.get("SALES_REVENUE")!.id;
  const collection = metrics.get("COLLECTION")!.id;
  const hq = await createOrgUnit(prisma, { level: "HQ" });
  const p = await createOrgUnit(prisma, { level: "PROVINCE", parent: hq });
  w.c = await createOrgUnit(prisma, { level: "CITY", parent: p, code: "C-DASH" });
  w.k1 = await createOrgUnit(prisma, { level: "COUNTY", parent: w.c, code: "K1-DASH", sortOrder: 1 });
  w.k2 = await createOrgUnit(prisma, { level: "COUNTY", parent: w.c, code: "K2-DASH", sortOrder: 2 });
  w.k3 = await createOrgUnit(prisma, { level: "COUNTY", parent: w.c, code: "K3-DASH", sortOrder: 3 });
  const line = await createProductLine(prisma, { code: "DASH-L1" });
  w.spec = (await createProductSpec(prisma, { lineId: line.id, code: "DASH-S1" })).id;
  const rt = (await createChannel(prisma, { kind: "TERMINAL", code: "DASH-RT" })).id;
  const cycle = await createPlanCycle(prisma, { year: 2026 });
  const plans = new Map<string, { id: string; unit: Unit }>();
  for (const unit of [hq, p, w.c, w.k1, w.k2, w.k3]) {
    plans.set(unit.code, { id: (await createPlan(prisma, { cycleId: cycle.id, orgUnitId: unit.id })).id, unit });
  }
  w.cityReviewer = await viewerFor(prisma, w.c, "REVIEWER");
  w.k1Planner = await viewerFor(prisma, w.k1, "PLANNER");
  w.k3Planner = await viewerFor(prisma, w.k3, "PLANNER");
  w.provinceViewer = await viewerFor(prisma, p, "VIEWER");

  const cell = (metricId: string, month: number, baseValue: string, extra: Record<string, string> = {}) => ({
    metricId,
    month,
    baseValue,
    expectedVersion: null,
    ...extra,
  });
  const s = { productSpecId: w.spec };
  const targets: [Unit, Record<string, unknown>[]][] = [
    [
      w.k1,
      [
        cell(sales, 1, "100.00", s),
        cell(sales, 1, "60.00", { ...s, channelId: rt }),
        cell(sales, 2, "200.00", s),
        cell(sales, 3, "300.00", s),
        cell(collection, 1, "100.00"),
        cell(collection, 2, "100.00"),
        cell(collection, 3, "100.00"),
      ],
    ],
    [w.k2, [cell(sales, 1, "1000.00", s), cell(sales, 2, "1000.00", s)]],
    [w.k3, [cell(sales, 1, "400.00", s)]],
  ];
  for (const [unit, changes] of targets) {
    const planner = await viewerFor(prisma, unit, "PLANNER");
    const saved = await ok<{ __typename: string }>(
      planner,
      SAVE,
      { planId: plans.get(unit.code)!.id, changes },
      "saveTargetCells",
    );
    expect(saved.__typename).toBe("TargetCellsSaved");
  }
  // As the approvals leave them: every plan's figures become its APPROVED lines.
  for (const { id, unit } of plans.values()) {
    await prisma.plan.update({ where: { id }, data: { status: "APPROVED" } });
    await dataAccess.repositories.targetSummary.recordApproved({
      planId: id,
      cycleId: cycle.id,
      orgUnitId: unit.id,
      unitPath: unit.path,
    });
  }
  const actual = (
    unit: Unit,
    metricId: string,
    month: number,
    value: string,
    dims: { productSpecId?: string; channelId?: string },
  ) => ({
    orgUnitId: unit.id,
    metricId,
    year: 2026,
    month,
    value,
    ...cellDimensionColumns(dims),
  });
  await prisma.salesActual.createMany({
    data: [
      actual(w.k1, sales, 1, "90.00", { ...s, channelId: rt }),
      actual(w.k1, sales, 2, "230.00", s),
      actual(w.k2, sales, 1, "800.00", s),
      actual(w.k2, sales, 2, "900.00", s),
      actual(w.k3, sales, 1, "300.00", s),
      actual(w.k1, collection, 1, "70.00", {}),
      actual(w.k1, collection, 2, "150.00", {}),
      // another year: never counted
      { ...actual(w.k1, sales, 3, "5000.00", s), year: 2025 },
    ],
  });
  const salary = items.get("PERSONNEL_SALARY")!.id;
  const rent = items.get("OFFICE_RENT")!.id;
  await prisma.expenseCell.createMany({
    data: [1, 2, 3].map((month) => ({ planId: plans.get(w.k1.code)!.id, itemId: salary, month, amount: "50.00" })),
  });
  await prisma.expenseActual.createMany({
    data: [
      { orgUnitId: w.k1.id, itemId: salary, year: 2026, month: 1, amount: "40.00" },
      { orgUnitId: w.k1.id, itemId: salary, year: 2026, month: 2, amount: "70.00" },
      { orgUnitId: w.k1.id, itemId: salary, year: 2026, month: 3, amount: "999.00" },
      { orgUnitId: w.k1.id, itemId: rent, year: 2026, month: 1, amount: "10.00" },
    ],
  });
});

const dashboard = (viewer: Viewer, unitCode: string, extra: Record<string, unknown> = {}) =>
  ok<Dashboard>(viewer, DASHBOARD, { unitCode, year: 2026, ...extra }, "dashboard");

describe("the dashboard", () => {
  it("ranks the city's counties by completion through the last month with actuals, figures worked by hand", async () => {
    const board = await dashboard(w.cityReviewer, w.c.code);
    expect(board).toMatchObject({
      unit: { code: "C-DASH" },
      parent: null,
      year: 2026,
      metric: { code: "SALES_REVENUE", carriesOver: false },
    });
    expect(board.lastActualMonth).toBe(2);
    expect(board.throughMonth).toBe(2);
    expect(
      board.children.map((child) => [child.unit.code, child.target, child.actual, child.variance, child.rate, child.rank]),
    ).toEqual([
      ["K1-DASH", "300.00", "320.00", "20.00", "1.066667", 1],
      ["K2-DASH", "2000.00", "1700.00", "-300.00", "0.850000", 2],
      ["K3-DASH", "400.00", "300.00", "-100.00", "0.750000", 3],
    ]);
    expect(board.children.map((child) => child.exceedsAllTargets)).toEqual([true, false, false]);
    expect(board.benchmark).toEqual({
      units: 3,
      judged: 3,
      atOrAboveFloor: 2,
      atOrAbove100: 1,
      shareAtOrAboveFloor: "0.666667",
      shareAtOrAbove100: "0.333333",
      exceedingAllTargets: 1,
      shareExceedingAllTargets: "0.333333",
      meetsBenchmark: false,
    });
  });

  it("paces the year to date on the target's own months, not a straight line", async () => {
    const board = await dashboard(w.cityReviewer, w.c.code);
    expect(board.toDate).toEqual({ target: "2700.00", actual: "2320.00", variance: "-380.00", rate: "0.859259" });
    expect(board.yearTarget).toBe("3000.00");
    expect(board.pacing).toEqual({
      expectedToDate: "2700.00",
      actualToDate: "2320.00",
      varianceToDate: "-380.00",
      paceIndex: "0.859259",
      completionOfYear: "0.773333",
      straightLineToDate: "500.00",
    });
    expect(
      board.months
        .slice(0, 3)
        .map((m) => [m["month"], m["target"], m["actual"], m["cumulativeTarget"], m["cumulativeActual"], m["straightLine"]]),
    ).toEqual([
      [1, "1500.00", "1190.00", "1500.00", "1190.00", "250.00"],
      [2, "1200.00", "1130.00", "2700.00", "2320.00", "500.00"],
      [3, "300.00", null, "3000.00", null, "750.00"],
    ]);
    expect(board.months.every((m) => m["shortfall"] === "0.00")).toBe(true);
  });

  it("splits by spec and by channel, the part no channel names kept apart (never added twice)", async () => {
    const board = await dashboard(w.cityReviewer, w.c.code);
    expect(board.bySpec).toEqual([
      { code: "DASH-S1", target: "2700.00", actual: "2320.00", variance: "-380.00", rate: "0.859259" },
    ]);
    expect(board.byChannel).toEqual([
      { code: "DASH-RT", target: "60.00", actual: "90.00", variance: "30.00", rate: "1.500000" },
      { code: "UNASSIGNED", target: "2640.00", actual: "2230.00", variance: "-410.00", rate: "0.844697" },
    ]);
  });

  it("carries a collection shortfall into the next month's target", async () => {
    const board = await dashboard(w.k1Planner, w.k1.code, { metric: "COLLECTION" });
    expect(board.metric).toEqual({ code: "COLLECTION", carriesOver: true });
    expect(
      board.months
        .slice(0, 3)
        .map((m) => [m["month"], m["target"], m["effectiveTarget"], m["actual"], m["rate"], m["shortfall"]]),
    ).toEqual([
      [1, "100.00", "100.00", "70.00", "0.700000", "30.00"],
      [2, "100.00", "130.00", "150.00", "1.153846", "0.00"],
      [3, "100.00", "100.00", null, null, "0.00"],
    ]);
    expect(board.toDate).toEqual({ target: "200.00", actual: "220.00", variance: "20.00", rate: "1.100000" });
    expect(board.children).toEqual([]);
  });

  it("compares spending with the budget by category, through the month", async () => {
    const board = await dashboard(w.cityReviewer, w.c.code);
    expect(board.expenses.map((row) => [row.code, row.target, row.actual, row.variance, row.rate])).toEqual([
      ["PERSONNEL", "100.00", "110.00", "10.00", "1.100000"],
      ["OFFICE", "0.00", "10.00", "10.00", null],
      ["MEDIA", "0.00", "0.00", "0.00", null],
      ["CHANNEL", "0.00", "0.00", "0.00", null],
      ["PROMOTION", "0.00", "0.00", "0.00", null],
    ]);
    // Through March, March's 999.00 counts and the March budget too.
    const march = await dashboard(w.cityReviewer, w.c.code, { throughMonth: 3 });
    expect(march.expenses[0]).toMatchObject({ target: "150.00", actual: "1109.00" });
    expect(march.toDate).toMatchObject({ target: "3000.00", actual: "2320.00" });
  });

  it("answers within the viewer's subtree only: NOT_FOUND outside it, the parent named only when visible", async () => {
    const outside = await run(w.k3Planner, DASHBOARD, { unitCode: w.c.code, year: 2026 }, "dashboard");
    expect(outside.data).toBeNull();
    expect(outside.errors?.[0]?.extensions?.code).toBe("NOT_FOUND");
    const sibling = await run(w.k3Planner, DASHBOARD, { unitCode: w.k1.code, year: 2026 }, "dashboard");
    expect(sibling.errors?.[0]?.extensions?.code).toBe("NOT_FOUND");
    const noPlan = await run(w.cityReviewer, DASHBOARD, { unitCode: w.c.code, year: 2030 }, "dashboard");
    expect(noPlan.errors?.[0]?.extensions?.code).toBe("NOT_FOUND");
    expect((await dashboard(w.provinceViewer, w.k1.code)).parent).toEqual({ code: "C-DASH" });
    expect((await dashboard(w.k1Planner, w.k1.code)).parent).toBeNull();
  });
});
