// The review board, the roll-up against guidance, and the guidance split, through the real
// schema, access rules and error map, with figures worked by hand:
//
//   HQ ─ P ─ C (own items) ─ K1, K2          cycle 2027 (OPEN); Y-1 = 2026, all 12 months loaded
//
// Specs S1 (line L1), S2 (line L2); channel GB (团购). Sales revenue (元), saved by each
// unit's planner through saveTargetCells (so the maintained summary holds them):
//   K1  S1 Jan 100,000.00 (of which GB 40,000.00: a breakdown, never added) · S1 Apr 50,000.00 · S2 Jan 30,000.00
//       = 180,000.00;  gross profit S1 Jan 20,000.00;  expenses 9,000.00
//   K2  S1 Feb 200,000.00 · S2 Jul 70,000.50 = 270,000.50;  gross profit S1 Feb 30,000.00
//   C   own items S2 Dec 10,000.25
//   City total = 10,000.25 + 180,000.00 + 270,000.50 = 460,000.75
// Y-1 actuals: K1 12 × 12,000.00 = 144,000.00; K2 12 × 20,000.00 = 240,000.00; C = 384,000.00.
//   growth K1 (180,000 − 144,000) / 144,000 = 0.25; K2 30,000.50 / 240,000 = 0.125002083… → 0.125002;
//   C 76,000.75 / 384,000 = 0.197918619… → 0.197919.  Expense ratios: K1 9,000 / 180,000 = 0.05;
//   C 9,000 / 460,000.75 = 0.019565185… → 0.019565.
// Guidance for C (set by P's reviewer): 552,000.90 = 460,000.75 × 1.2: gap 92,000.15, uplift 20 %.
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
import type { Role } from "@pyramid/domain";
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
  errors?: readonly { message: string; extensions?: { code?: string; reason?: string; params?: Record<string, unknown> } }[];
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
        request: { requestId: `review-${++counter}`, clientAddress: "127.0.0.1", userAgent: null },
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

async function refused(viewer: Viewer, query: string, variables: Record<string, unknown>, field: string) {
  const answer = await run(viewer, query, variables, field);
  expect(answer.data).toBeNull();
  return answer.errors?.[0]?.extensions ?? {};
}

const SAVE = `mutation Save($planId: ID!, $changes: [TargetCellChangeInput!]!) {
  saveTargetCells(planId: $planId, changes: $changes) { __typename ... on TargetCellsSaved { cells { id version } } }
}`;
const ROW = `unit { id code level } planId status stale sales salesLastYear salesLastYearEstimated salesGrowth profit profitLastYear
  profitGrowth expenses expenseRatio salesGuidance lastChangeAt`;
const BOARD = `query Board($unitCode: String!, $year: Int!, $basis: RollupBasis, $metricId: ID!, $groupBy: RollupGrouping!) {
  reviewBoard(unitCode: $unitCode, year: $year, basis: $basis) {
    unit { code } basis cycle { year }
    own { ${ROW} }
    children { ${ROW} findings { block warn } }
    reconciliation { metricCode guidance ownItems childrenTotal total gap upliftFactor upliftPercent }
    rollup(metricId: $metricId, groupBy: $groupBy) { groupBy own children total lines { key labelZh labelEn own children total } }
  }
}`;
const SET_GUIDANCE = `mutation Set($input: SetGuidanceInput!) { setGuidance(input: $input) { guidance { unitCode value upliftNote } } }`;
const PREVIEW = `query Preview($input: GuidanceSplitInput!) {
  previewGuidanceSplit(input: $input) {
    unit { code } figure method basis guidance ownItems childrenTotal gap upliftFactor upliftPercent amount sharesTotal remainder
    children { unit { code } current currentGuidance reference share proposed status explanationZh explanationEn }
    notices { code messageZh messageEn }
    previewToken
  }
}`;
const PUBLISH = `mutation Publish($input: PublishGuidanceSplitInput!) {
  publishGuidanceSplit(input: $input) { total guidance { unitCode value upliftNote } }
}`;

interface Row {
  unit: { id: string; code: string; level: string };
  planId: string | null;
  status: string | null;
  stale: boolean;
  sales: string;
  salesLastYear: string | null;
  salesLastYearEstimated: boolean;
  salesGrowth: string | null;
  profit: string;
  profitLastYear: string | null;
  profitGrowth: string | null;
  expenses: string;
  expenseRatio: string | null;
  salesGuidance: string | null;
  lastChangeAt: string | null;
  findings?: { block: number; warn: number } | null;
}
interface Line {
  key: string;
  labelZh: string;
  labelEn: string;
  own: string;
  children: string;
  total: string;
}
interface Board {
  unit: { code: string };
  basis: string;
  own: Row;
  children: Row[];
  reconciliation: {
    metricCode: string;
    guidance: string | null;
    ownItems: string;
    childrenTotal: string;
    total: string;
    gap: string | null;
    upliftFactor: string | null;
    upliftPercent: string | null;
  }[];
  rollup: { groupBy: string; own: string; children: string; total: string; lines: Line[] };
}
interface Preview {
  figure: string;
  guidance: string | null;
  ownItems: string;
  childrenTotal: string;
  gap: string | null;
  upliftFactor: string | null;
  upliftPercent: string | null;
  amount: string;
  sharesTotal: string;
  remainder: string;
  children: {
    unit: { code: string };
    current: string;
    currentGuidance: string | null;
    reference: string | null;
    share: string;
    proposed: string;
    status: string;
    explanationZh: string;
    explanationEn: string;
  }[];
  notices: { code: string }[];
  previewToken: string;
}

type Unit = Awaited<ReturnType<typeof createOrgUnit>>;
const w = {} as {
  hq: Unit;
  p: Unit;
  c: Unit;
  k1: Unit;
  k2: Unit;
  cycleId: string;
  sales: string;
  profit: string;
  s1: { id: string; lineId: string };
  s2: { id: string; lineId: string };
  gb: string;
  plans: Record<"hq" | "p" | "c" | "k1" | "k2", string>;
  cityReviewer: Viewer;
  cityPlanner: Viewer;
  provinceReviewer: Viewer;
  hqAdmin: Viewer;
  hqViewer: Viewer;
  k1Reviewer: Viewer;
  k1Planner: Viewer;
  /** K1's S1 April cell: id and version, for the edit after approval. */
  k1April: { version: number };
};

async function viewerFor(prisma: Db, unit: Unit, role: Role): Promise<Viewer> {
  const { user } = await createUser(prisma, { orgUnitId: unit.id, role, login: `review.${role.toLowerCase()}.${++counter}` });
  return {
    userId: user.id,
    sessionId: `session-${counter}`,
    assignments: [{ role, orgUnitId: unit.id, orgUnitPath: unit.path }],
  };
}

async function save(viewer: Viewer, planId: string, changes: Record<string, unknown>[]) {
  const saved = await ok<{ __typename: string; cells: { id: string; version: number }[] }>(
    viewer,
    SAVE,
    { planId, changes },
    "saveTargetCells",
  );
  expect(saved.__typename).toBe("TargetCellsSaved");
  return saved.cells;
}

beforeAll(async () => {
  apollo = new ApolloServer<RequestContext>({ schema: createSchema(), formatError: createErrorFormatter() });
  await apollo.start();
  const { prisma, dataAccess } = getDb();
  services = createServices({ dataAccess, version: "test", log: { error: () => undefined } });
  await ensureTerminalClasses(prisma);
  const metrics = await ensureStandardMetrics(prisma);
  const items = await ensureExpenseTree(prisma);
  w.sales = metrics.get("SALES_REVENUE")!.id;
  w.profit = metrics.get("GROSS_PROFIT")!.id;
  w.hq = await createOrgUnit(prisma, { level: "HQ" });
  w.p = await createOrgUnit(prisma, { level: "PROVINCE", parent: w.hq });
  w.c = await createOrgUnit(prisma, { level: "CITY", parent: w.p, nameZh: "广州", nameEn: "Guangzhou" });
  w.k1 = await createOrgUnit(prisma, {
    level: "COUNTY",
    parent: w.c,
    code: "K1-REVIEW",
    nameZh: "从化",
    nameEn: "Conghua",
    sortOrder: 1,
  });
  w.k2 = await createOrgUnit(prisma, {
    level: "COUNTY",
    parent: w.c,
    code: "K2-REVIEW",
    nameZh: "增城",
    nameEn: "Zengcheng",
    sortOrder: 2,
  });
  // Codes in the order the roll-up lists lines and specs (by line, then code): not left to chance.
  const l1 = await createProductLine(prisma, { code: "REVIEW-L1", nameZh: "白酒", nameEn: "Baijiu" });
  const l2 = await createProductLine(prisma, { code: "REVIEW-L2", nameZh: "啤酒", nameEn: "Beer" });
  const s1 = await createProductSpec(prisma, { lineId: l1.id, nameZh: "品规一", nameEn: "Spec one" });
  const s2 = await createProductSpec(prisma, { lineId: l2.id, nameZh: "品规二", nameEn: "Spec two" });
  w.s1 = { id: s1.id, lineId: l1.id };
  w.s2 = { id: s2.id, lineId: l2.id };
  w.gb = (await createChannel(prisma, { kind: "SPECIAL", nameZh: "团购", nameEn: "Group buying" })).id;
  const cycle = await createPlanCycle(prisma, { year: 2027 });
  w.cycleId = cycle.id;
  w.plans = {} as typeof w.plans;
  for (const key of ["hq", "p", "c", "k1", "k2"] as const) {
    w.plans[key] = (await createPlan(prisma, { cycleId: cycle.id, orgUnitId: w[key].id })).id;
  }
  w.cityReviewer = await viewerFor(prisma, w.c, "REVIEWER");
  w.cityPlanner = await viewerFor(prisma, w.c, "PLANNER");
  w.provinceReviewer = await viewerFor(prisma, w.p, "REVIEWER");
  w.hqAdmin = await viewerFor(prisma, w.hq, "HQ_ADMIN");
  w.hqViewer = await viewerFor(prisma, w.hq, "VIEWER");
  w.k1Reviewer = await viewerFor(prisma, w.k1, "REVIEWER");
  w.k1Planner = await viewerFor(prisma, w.k1, "PLANNER");
  const k2Planner = await viewerFor(prisma, w.k2, "PLANNER");

  const cell = (metricId: string, month: number, productSpecId: string, baseValue: string, channelId?: string) => ({
    metricId,
    month,
    productSpecId,
    baseValue,
    expectedVersion: null,
    ...(channelId ? { channelId } : {}),
  });
  const k1Cells = await save(w.k1Planner, w.plans.k1, [
    cell(w.sales, 1, s1.id, "100,000.00"),
    cell(w.sales, 1, s1.id, "40,000.00", w.gb),
    cell(w.sales, 4, s1.id, "50,000.00"),
    cell(w.sales, 1, s2.id, "30,000.00"),
    cell(w.profit, 1, s1.id, "20,000.00"),
  ]);
  w.k1April = { version: k1Cells[2]!.version };
  await save(k2Planner, w.plans.k2, [
    cell(w.sales, 2, s1.id, "200000"),
    cell(w.sales, 7, s2.id, "70,000.50"),
    cell(w.profit, 2, s1.id, "30000"),
  ]);
  await save(w.cityPlanner, w.plans.c, [cell(w.sales, 12, s2.id, "10,000.25")]);

  const item = [...items.values()][0]!;
  await prisma.expenseCell.create({ data: { planId: w.plans.k1, itemId: item.id, month: 3, amount: "9000.00" } });
  for (const [unit, monthly] of [
    [w.k1, "12000.00"],
    [w.k2, "20000.00"],
  ] as const) {
    await prisma.salesActual.createMany({
      data: Array.from({ length: 12 }, (_, i) => ({
        orgUnitId: unit.id,
        metricId: w.sales,
        year: 2026,
        month: i + 1,
        value: monthly,
      })),
    });
  }
});

const board = (viewer: Viewer, unitCode: string, groupBy: string, basis = "LATEST", metricId = w.sales) =>
  ok<Board>(viewer, BOARD, { unitCode, year: 2027, basis, metricId, groupBy }, "reviewBoard");

/** Σ of the figures of a subtree's plans, straight from the cells (a fresh scan, not the summary). */
async function freshScan(unitPath: string, metricId: string): Promise<string> {
  const { prisma } = getDb();
  const rows = await prisma.$queryRaw<{ total: string | null }[]>`
    SELECT sum(t."baseValue")::text AS total
    FROM "TargetCell" t JOIN "Plan" p ON p.id = t."planId" JOIN "OrgUnit" u ON u.id = p."orgUnitId"
    WHERE u.path LIKE ${`${unitPath}%`} AND t."breakdownAxis" IS NULL AND t."metricId" = ${metricId} AND p."cycleId" = ${w.cycleId}`;
  return rows[0]?.total ?? "0.00";
}

describe("the review board", () => {
  it("shows the city and its counties side by side, each figure worked by hand", async () => {
    const answer = await board(w.cityReviewer, w.c.code, "CHILD");
    expect(answer.own).toMatchObject({
      unit: { code: w.c.code, level: "CITY" },
      status: "DRAFT",
      stale: false,
      sales: "460000.75",
      salesLastYear: "384000.00",
      salesLastYearEstimated: false,
      salesGrowth: "0.197919",
      profit: "50000.00",
      profitLastYear: null,
      profitGrowth: null,
      expenses: "9000.00",
      expenseRatio: "0.019565",
      salesGuidance: null,
    });
    expect(
      answer.children.map((row) => [
        row.unit.code,
        row.sales,
        row.salesLastYear,
        row.salesGrowth,
        row.profit,
        row.expenses,
        row.expenseRatio,
      ]),
    ).toEqual([
      ["K1-REVIEW", "180000.00", "144000.00", "0.250000", "20000.00", "9000.00", "0.050000"],
      ["K2-REVIEW", "270000.50", "240000.00", "0.125002", "30000.00", "0.00", "0.000000"],
    ]);
    // Each plan's last change is its save's audit rows.
    expect(answer.children.every((row) => row.lastChangeAt !== null)).toBe(true);
    expect(answer.children.every((row) => row.findings !== null && row.findings!.block + row.findings!.warn >= 0)).toBe(true);
    // By child: own items, then each county; the sum equals a fresh scan of the cells.
    expect(answer.rollup.lines.map((line) => [line.key, line.own, line.children, line.total])).toEqual([
      ["OWN", "10000.25", "0.00", "10000.25"],
      [w.k1.id, "0.00", "180000.00", "180000.00"],
      [w.k2.id, "0.00", "270000.50", "270000.50"],
    ]);
    expect(answer.rollup.total).toBe("460000.75");
    expect(await freshScan(w.c.path, w.sales)).toBe("460000.75");
    // Without guidance the gap and uplift are absent (null), the totals shown.
    expect(answer.reconciliation.find((row) => row.metricCode === "SALES_REVENUE")).toEqual({
      metricCode: "SALES_REVENUE",
      guidance: null,
      ownItems: "10000.25",
      childrenTotal: "450000.50",
      total: "460000.75",
      gap: null,
      upliftFactor: null,
      upliftPercent: null,
    });
  });

  it("groups by month, quarter, spec, line and channel, each equal to the hand sums", async () => {
    const lines = async (groupBy: string) =>
      (await board(w.cityReviewer, w.c.code, groupBy)).rollup.lines.map((line) => [line.key, line.own, line.children]);
    const zero = ["0.00", "0.00"];
    expect(await lines("MONTH")).toEqual([
      ["1", "0.00", "130000.00"],
      ["2", "0.00", "200000.00"],
      ["3", ...zero],
      ["4", "0.00", "50000.00"],
      ["5", ...zero],
      ["6", ...zero],
      ["7", "0.00", "70000.50"],
      ["8", ...zero],
      ["9", ...zero],
      ["10", ...zero],
      ["11", ...zero],
      ["12", "10000.25", "0.00"],
    ]);
    expect(await lines("QUARTER")).toEqual([
      ["1", "0.00", "330000.00"],
      ["2", "0.00", "50000.00"],
      ["3", "0.00", "70000.50"],
      ["4", "10000.25", "0.00"],
    ]);
    expect(await lines("SPEC")).toEqual([
      [w.s1.id, "0.00", "350000.00"],
      [w.s2.id, "10000.25", "100000.50"],
    ]);
    expect(await lines("LINE")).toEqual([
      [w.s1.lineId, "0.00", "350000.00"],
      [w.s2.lineId, "10000.25", "100000.50"],
    ]);
    // 团购 details 40,000.00 of K1's January; the rest of the figures names no channel.
    expect(await lines("CHANNEL")).toEqual([
      [w.gb, "0.00", "40000.00"],
      ["UNASSIGNED", "10000.25", "410000.50"],
    ]);
  });

  it("reconciles against guidance: the gap and the uplift, never hidden", async () => {
    const set = await ok<{ guidance: { unitCode: string; value: string; upliftNote: string | null } }>(
      w.provinceReviewer,
      SET_GUIDANCE,
      { input: { unitCode: w.c.code, year: 2027, metricId: w.sales, value: "552,000.90", note: "上浮 20%：新品上市" } },
      "setGuidance",
    );
    expect(set.guidance).toEqual({ unitCode: w.c.code, value: "552000.90", upliftNote: "上浮 20%：新品上市" });
    const answer = await board(w.cityReviewer, w.c.code, "CHILD");
    expect(answer.own.salesGuidance).toBe("552000.90");
    expect(answer.reconciliation.find((row) => row.metricCode === "SALES_REVENUE")).toEqual({
      metricCode: "SALES_REVENUE",
      guidance: "552000.90",
      ownItems: "10000.25",
      childrenTotal: "450000.50",
      total: "460000.75",
      gap: "92000.15",
      upliftFactor: "1.200000",
      upliftPercent: "20.000000",
    });
    const audit = await getDb().dataAccess.repositories.audit.listFor("GuidanceTarget", `${w.cycleId}/${w.c.id}/${w.sales}`);
    expect(audit.map((row) => [row.action, row.actorId, row.after])).toEqual([
      [
        "GUIDANCE_SET",
        w.provinceReviewer.userId,
        { metric: "SALES_REVENUE", value: "552000.90", upliftNote: "上浮 20%：新品上市" },
      ],
    ]);
  });

  it("sets guidance only as the direct parent's reviewer; bad values are refused and nothing is written", async () => {
    const { prisma } = getDb();
    const before = await prisma.guidanceTarget.count();
    const input = { unitCode: w.c.code, year: 2027, metricId: w.sales, value: "1" };
    expect(await refused(w.hqAdmin, SET_GUIDANCE, { input }, "setGuidance")).toMatchObject({
      code: "NOT_FOUND",
      reason: "PLAN_NOT_FOUND",
    });
    expect(await refused(w.cityReviewer, SET_GUIDANCE, { input }, "setGuidance")).toMatchObject({ code: "NOT_FOUND" });
    expect(await refused(w.cityPlanner, SET_GUIDANCE, { input }, "setGuidance")).toMatchObject({ code: "FORBIDDEN" });
    expect(
      await refused(w.provinceReviewer, SET_GUIDANCE, { input: { ...input, value: "12.345" } }, "setGuidance"),
    ).toMatchObject({ code: "VALIDATION_FAILED", reason: "TOO_MANY_DECIMALS" });
    expect(
      await refused(w.provinceReviewer, SET_GUIDANCE, { input: { ...input, metricId: "no-such-metric" } }, "setGuidance"),
    ).toMatchObject({ code: "VALIDATION_FAILED", reason: "UNKNOWN_METRIC" });
    expect(await prisma.guidanceTarget.count()).toBe(before);
  });

  it("rolls HQ up from its province, and refuses a unit outside the viewer's scope", async () => {
    const answer = await board(w.hqViewer, w.hq.code, "CHILD");
    expect(answer.own.sales).toBe("460000.75");
    expect(answer.children.map((row) => [row.unit.code, row.sales, row.salesGrowth])).toEqual([
      [w.p.code, "460000.75", "0.197919"],
    ]);
    expect(
      await refused(w.k1Reviewer, BOARD, { unitCode: w.c.code, year: 2027, metricId: w.sales, groupBy: "CHILD" }, "reviewBoard"),
    ).toMatchObject({
      code: "NOT_FOUND",
      reason: "PLAN_NOT_FOUND",
    });
    expect(
      await refused(
        w.cityReviewer,
        BOARD,
        { unitCode: w.c.code, year: 2027, metricId: w.profit.replace(/./g, "x"), groupBy: "MONTH" },
        "reviewBoard",
      ),
    ).toMatchObject({ code: "VALIDATION_FAILED", reason: "UNKNOWN_METRIC" });
  });
});

describe("the guidance split", () => {
  const input = (extra: Record<string, unknown>) => ({ unitCode: w.c.code, year: 2027, metricId: w.sales, ...extra });
  const preview = (extra: Record<string, unknown>, viewer = w.cityReviewer) =>
    ok<Preview>(viewer, PREVIEW, { input: input(extra) }, "previewGuidanceSplit");

  it("splits the city's guidance evenly and by last year, exactly", async () => {
    const even = await preview({ figure: "GUIDANCE", method: "EVEN" });
    expect(even.children.map((child) => [child.unit.code, child.share, child.proposed, child.status])).toEqual([
      ["K1-REVIEW", "276000.45", "276000.45", "FREE"],
      ["K2-REVIEW", "276000.45", "276000.45", "FREE"],
    ]);
    // 552,000.90 by 144,000 : 240,000 = 3 : 5 → 207,000.3375 and 345,000.5625; the floors leave
    // 0.01, which goes to the larger remainder (K1's 0.75 fen against K2's 0.25).
    const lastYear = await preview({ figure: "GUIDANCE", method: "LAST_YEAR" });
    expect(lastYear.children.map((child) => [child.reference, child.share])).toEqual([
      ["144000.00", "207000.34"],
      ["240000.00", "345000.56"],
    ]);
    expect([lastYear.amount, lastYear.sharesTotal, lastYear.remainder]).toEqual(["552000.90", "552000.90", "0.00"]);
    expect(lastYear.children[0]!.explanationEn).toBe("By last year (144000.00): 552000.90 × 37.5% = 207000.34, +0.01 remainder");
    expect(lastYear.children[1]!.explanationZh).toBe("按上年比例 (240000.00)：552000.90 × 62.5% = 345000.56");
    // K1 held at 100,000.00: K2 carries the rest.
    const held = await preview({ figure: "GUIDANCE", method: "EVEN", children: [{ unitCode: "K1-REVIEW", held: "100000" }] });
    expect(held.children.map((child) => [child.share, child.status])).toEqual([
      ["100000.00", "HELD"],
      ["452000.90", "FREE"],
    ]);
  });

  it("splits the gap by the children's current plans and publishes it as their guidance", async () => {
    const { prisma } = getDb();
    // Gap for the children: 552,000.90 − 10,000.25 own − 450,000.50 = 92,000.15, by 180,000.00 :
    // 270,000.50: K1 9,200,015 × 18,000,000 / 45,000,050 fen = 3,680,001.911…, K2 5,520,013.088…;
    // the floors leave one fen for K1: shares 36,800.02 and 55,200.13.
    const gap = await preview({ figure: "GAP", method: "CURRENT_VALUES", note: "差额按当前计划分摊" });
    expect([gap.gap, gap.upliftPercent, gap.amount, gap.sharesTotal]).toEqual(["92000.15", "20.000000", "92000.15", "92000.15"]);
    expect(gap.children.map((child) => [child.current, child.share, child.proposed])).toEqual([
      ["180000.00", "36800.02", "216800.02"],
      ["270000.50", "55200.13", "325200.63"],
    ]);
    expect(gap.children[0]!.explanationEn).toMatch(/^current 180000\.00 \+ gap share By current plans/);
    const published = await ok<{ total: string; guidance: { unitCode: string; value: string; upliftNote: string | null }[] }>(
      w.cityReviewer,
      PUBLISH,
      {
        input: {
          split: input({ figure: "GAP", method: "CURRENT_VALUES", note: "差额按当前计划分摊" }),
          previewToken: gap.previewToken,
        },
      },
      "publishGuidanceSplit",
    );
    // The children's guidance plus the city's own items give the city's guidance exactly.
    expect(published.total).toBe("542000.65");
    expect(published.guidance).toEqual([
      { unitCode: "K1-REVIEW", value: "216800.02", upliftNote: "差额按当前计划分摊" },
      { unitCode: "K2-REVIEW", value: "325200.63", upliftNote: "差额按当前计划分摊" },
    ]);
    const rows = await prisma.guidanceTarget.findMany({
      where: { cycleId: w.cycleId, metricId: w.sales, orgUnitId: { in: [w.k1.id, w.k2.id] } },
      orderBy: { value: "asc" },
    });
    expect(rows.map((row) => row.value.toFixed(2))).toEqual(["216800.02", "325200.63"]);
    const audit = await getDb().dataAccess.repositories.audit.listFor("OrgUnit", w.c.id);
    expect(audit.map((row) => row.action)).toEqual(["GUIDANCE_SPLIT_PUBLISHED"]);
    // The counties see it on the board.
    const seen = await board(w.cityReviewer, w.c.code, "CHILD");
    expect(seen.children.map((row) => row.salesGuidance)).toEqual(["216800.02", "325200.63"]);
  });

  it("refuses what cannot be published and writes nothing", async () => {
    const { prisma } = getDb();
    const before = { guidance: await prisma.guidanceTarget.count(), audit: await prisma.auditLog.count() };
    // MANUAL values that leave 0.90 unassigned: previewed with the notice, refused on publish.
    const manualInput = input({
      figure: "GUIDANCE",
      method: "MANUAL",
      children: [
        { unitCode: "K1-REVIEW", value: "300000" },
        { unitCode: "K2-REVIEW", value: "252000" },
      ],
    });
    const manual = await ok<Preview>(w.cityReviewer, PREVIEW, { input: manualInput }, "previewGuidanceSplit");
    expect([manual.remainder, manual.notices.map((notice) => notice.code)]).toEqual(["0.90", ["MANUAL_REMAINDER"]]);
    expect(
      await refused(
        w.cityReviewer,
        PUBLISH,
        { input: { split: manualInput, previewToken: manual.previewToken } },
        "publishGuidanceSplit",
      ),
    ).toMatchObject({ code: "VALIDATION_FAILED", reason: "SPLIT_NOT_EXACT", params: { remainder: "0.90" } });
    // A token from another preview.
    expect(
      await refused(
        w.cityReviewer,
        PUBLISH,
        { input: { split: input({ figure: "GUIDANCE", method: "EVEN" }), previewToken: manual.previewToken } },
        "publishGuidanceSplit",
      ),
    ).toMatchObject({ reason: "PREVIEW_OUTDATED" });
    const refusals: [Record<string, unknown>, string][] = [
      [{ figure: "GUIDANCE", method: "EVEN", children: [{ unitCode: "NOT-MINE" }] }, "NOT_A_CHILD"],
      [
        { figure: "GUIDANCE", method: "EVEN", children: [{ unitCode: "K1-REVIEW" }, { unitCode: "K1-REVIEW" }] },
        "DUPLICATE_CHILD",
      ],
      [{ figure: "AMOUNT", method: "EVEN" }, "MISSING_AMOUNT"],
      [{ figure: "AMOUNT", amount: "1.005", method: "EVEN" }, "TOO_MANY_DECIMALS"],
      [{ figure: "GUIDANCE", method: "EVEN", children: [{ unitCode: "K1-REVIEW", held: "600000" }] }, "HELD_EXCEED_TOTAL"],
      [{ figure: "GUIDANCE", method: "EVEN", children: [{ unitCode: "K1-REVIEW", min: "5", max: "4" }] }, "MIN_ABOVE_MAX"],
      [{ figure: "GUIDANCE", method: "GROWTH" }, "MISSING_INPUT"],
    ];
    for (const [extra, reason] of refusals) {
      expect({
        reason,
        ...(await refused(w.cityReviewer, PREVIEW, { input: input(extra) }, "previewGuidanceSplit")),
      }).toMatchObject({
        code: "VALIDATION_FAILED",
        reason,
      });
    }
    // The province has no guidance of its own.
    expect(
      await refused(
        w.provinceReviewer,
        PREVIEW,
        { input: { ...input({ figure: "GUIDANCE", method: "EVEN" }), unitCode: w.p.code } },
        "previewGuidanceSplit",
      ),
    ).toMatchObject({ reason: "NO_GUIDANCE" });
    // Only the parent's reviewers: a planner is refused at the edge, a reviewer elsewhere finds nothing.
    expect(
      await refused(w.cityPlanner, PREVIEW, { input: input({ figure: "GUIDANCE", method: "EVEN" }) }, "previewGuidanceSplit"),
    ).toMatchObject({
      code: "FORBIDDEN",
    });
    expect(
      await refused(
        w.provinceReviewer,
        PREVIEW,
        { input: input({ figure: "GUIDANCE", method: "EVEN" }) },
        "previewGuidanceSplit",
      ),
    ).toMatchObject({
      code: "NOT_FOUND",
    });
    expect({ guidance: await prisma.guidanceTarget.count(), audit: await prisma.auditLog.count() }).toEqual(before);
  });

  it("lets HQ split a typed figure to its provinces", async () => {
    const answer = await ok<Preview>(
      w.hqAdmin,
      PREVIEW,
      { input: { unitCode: w.hq.code, year: 2027, metricId: w.sales, figure: "AMOUNT", amount: "1,000,000.01", method: "EVEN" } },
      "previewGuidanceSplit",
    );
    expect(answer.children.map((child) => [child.unit.code, child.proposed])).toEqual([[w.p.code, "1000000.01"]]);
  });
});

describe("approved or latest", () => {
  it("adds the children as last approved, or as they are now", async () => {
    const { prisma, dataAccess } = getDb();
    // K1 is approved as it stands (the workflow's approval records its figures), then reopened and edited:
    // April 50,000.00 → 60,000.00.
    await dataAccess.inTransaction((repositories) =>
      repositories.targetSummary.recordApproved({
        planId: w.plans.k1,
        cycleId: w.cycleId,
        orgUnitId: w.k1.id,
        unitPath: w.k1.path,
      }),
    );
    await prisma.plan.update({ where: { id: w.plans.k1 }, data: { status: "DRAFT" } });
    await save(w.k1Planner, w.plans.k1, [
      { metricId: w.sales, month: 4, productSpecId: w.s1.id, baseValue: "60000", expectedVersion: w.k1April.version },
    ]);
    const latest = await board(w.cityReviewer, w.c.code, "MONTH", "LATEST");
    const approved = await board(w.cityReviewer, w.c.code, "MONTH", "APPROVED");
    // LATEST: 10,000.25 + 190,000.00 + 270,000.50; APPROVED: own items as drafted + K1 as approved (K2 never was).
    expect([latest.own.sales, latest.children.map((row) => row.sales)]).toEqual(["470000.75", ["190000.00", "270000.50"]]);
    expect([approved.basis, approved.own.sales, approved.children.map((row) => row.sales)]).toEqual([
      "APPROVED",
      "190000.25",
      ["180000.00", "0.00"],
    ]);
    expect(latest.rollup.lines[3]).toMatchObject({ key: "4", children: "60000.00" });
    expect(approved.rollup.lines[3]).toMatchObject({ key: "4", children: "50000.00" });
    expect(await freshScan(w.c.path, w.sales)).toBe("470000.75");
    // Against the guidance of 552,000.90: gap 82,000.15 (latest), 362,000.65 (approved).
    const gapOf = (answer: Board) => answer.reconciliation.find((row) => row.metricCode === "SALES_REVENUE")!.gap;
    expect([gapOf(latest), gapOf(approved)]).toEqual(["82000.15", "362000.65"]);
  });
});
