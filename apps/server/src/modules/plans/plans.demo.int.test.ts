// The workbench on the demo company (docs/demo-company.md), "as of 2026-11-15": a county
// planner opens 从化's 2027 plan and sees 2026 through October beside 2025, with November and
// December estimated. The expected figures come from plain SQL over the seeded actuals
// and the estimate's formula worked here on bigint (an independent oracle): per spec,
//   seasonality: round(Jan–Oct 2026 × Nov–Dec 2025 / Jan–Oct 2025), 四舍五入;
//   run rate:    round(Jan–Oct 2026 × 2 / 10).
import { ApolloServer } from "@apollo/server";
import { DEMO_CYCLE_CODE, seedDemoCompany } from "@pyramid/db";
import { useTestDatabase } from "@pyramid/db/testing";
import type { Role } from "@pyramid/domain";
import { beforeAll, describe, expect, it } from "vitest";
import type { RequestContext } from "../../context.js";
import { createErrorFormatter } from "../../errors.js";
import { NO_SESSION } from "../../http/request-session.js";
import { createSchema } from "../../schema/create-schema.js";
import { createServices } from "../../services.js";
import type { Viewer } from "../../viewer.js";

const getDb = useTestDatabase();
const TEST_REQUEST = { requestId: "plans-demo-test", clientAddress: "127.0.0.1", userAgent: null };

let apollo: ApolloServer<RequestContext>;
let services: ReturnType<typeof createServices>;
const units = new Map<string, { id: string; path: string }>();
const metricIds = new Map<string, string>();
let plannerId: string;

beforeAll(async () => {
  const { prisma, dataAccess } = getDb();
  await seedDemoCompany(prisma);
  expect(await prisma.planCycle.count({ where: { code: DEMO_CYCLE_CODE } })).toBe(1);
  for (const unit of await prisma.orgUnit.findMany({ select: { id: true, code: true, path: true } })) units.set(unit.code, unit);
  for (const metric of await prisma.metric.findMany()) metricIds.set(metric.code, metric.id);
  plannerId = (await prisma.user.findUniqueOrThrow({ where: { login: "conghua.planner" } })).id;
  apollo = new ApolloServer<RequestContext>({ schema: createSchema(), formatError: createErrorFormatter() });
  await apollo.start();
  services = createServices({ dataAccess, version: "test", log: { error: () => undefined } });
}, 120_000);

function viewerAt(role: Role, code: string): Viewer {
  const unit = units.get(code)!;
  // The audit row of a change names its actor: the demo's own planner of 从化.
  return { userId: plannerId, assignments: [{ role, orgUnitId: unit.id, orgUnitPath: unit.path }] };
}

async function run(viewer: Viewer, query: string, variables: Record<string, unknown>) {
  const response = await apollo.executeOperation(
    { query, variables },
    { contextValue: { viewer, services, session: NO_SESSION, request: TEST_REQUEST } },
  );
  if (response.body.kind !== "single") throw new Error("expected a single result");
  return response.body.singleResult;
}

const GRID = `query Grid($metricId: ID!) { plan(unitCode: "CONGHUA", year: 2027) {
  editable readOnlyReason estimateMethod
  targetGrid(metricId: $metricId) {
    estimate { method year actualThroughMonth estimatedMonths }
    rows { key kind productSpecId memberId months { month lastYear { value estimated } yearBefore } periods { kind lastYear { value estimated } yearBefore } estimateMethodUsed }
    totals { scope periods { kind index lastYear { value estimated } yearBefore } }
  } } }`;

interface GridAnswer {
  plan: {
    editable: boolean;
    readOnlyReason: string | null;
    estimateMethod: string;
    targetGrid: {
      estimate: { method: string; year: number; actualThroughMonth: number; estimatedMonths: number[] };
      rows: {
        key: string;
        kind: string;
        productSpecId: string | null;
        memberId: string | null;
        months: { month: number; lastYear: { value: string; estimated: boolean } | null; yearBefore: string | null }[];
        periods: { kind: string; lastYear: { value: string; estimated: boolean } | null; yearBefore: string | null }[];
        estimateMethodUsed: string | null;
      }[];
      totals: {
        scope: string;
        periods: {
          kind: string;
          index: number;
          lastYear: { value: string; estimated: boolean } | null;
          yearBefore: string | null;
        }[];
      }[];
    };
  };
}

const fen = (text: string) => BigInt(text.replace(".", ""));
const yuan = (units: bigint) => {
  const negative = units < 0n;
  const digits = (negative ? -units : units).toString().padStart(3, "0");
  return `${negative ? "-" : ""}${digits.slice(0, -2)}.${digits.slice(-2)}`;
};
/** round(a × b / c), half up, for a, b ≥ 0 and c > 0. */
const roundHalfUp = (a: bigint, b: bigint, c: bigint) => (2n * a * b + c) / (2n * c);

async function sqlSums(metricCode: string) {
  const { migrationsExecutor } = getDb();
  const rows = await migrationsExecutor.query<{ spec: string | null; year: number; month: number; total: string }>(
    `SELECT a."productSpecId" AS spec, a.year, a.month, sum(a.value)::text AS total
     FROM "SalesActual" a JOIN "OrgUnit" u ON u.id = a."orgUnitId" JOIN "Metric" m ON m.id = a."metricId"
     WHERE u.code = 'CONGHUA' AND m.code = $1
     GROUP BY a."productSpecId", a.year, a.month`,
    [metricCode],
  );
  return rows.map((row) => ({ spec: row.spec, year: Number(row.year), month: Number(row.month), total: fen(row.total) }));
}

describe("从化's 2027 plan on the demo company", () => {
  it("shows 2026 through October, November and December estimated by 2025's seasonality, and 2025 complete", async () => {
    const answer = await run(viewerAt("PLANNER", "CONGHUA"), GRID, { metricId: metricIds.get("SALES_REVENUE") });
    expect(answer.errors).toBeUndefined();
    const { plan } = answer.data as unknown as GridAnswer;
    expect(plan).toMatchObject({ editable: true, readOnlyReason: null, estimateMethod: "LAST_YEAR_SEASONALITY" });
    const grid = plan.targetGrid;
    expect(grid.estimate).toEqual({
      method: "LAST_YEAR_SEASONALITY",
      year: 2026,
      actualThroughMonth: 10,
      estimatedMonths: [11, 12],
    });
    // The spec-less figure, 10 specs, and the 19 spec × channel pairs the demo sells.
    expect(grid.rows.filter((row) => row.kind === "FIGURE")).toHaveLength(11);
    expect(grid.rows.filter((row) => row.kind === "BREAKDOWN")).toHaveLength(19);

    const sums = await sqlSums("SALES_REVENUE");
    const specs = [...new Set(sums.map((row) => row.spec!))];
    const sum = (filter: (row: (typeof sums)[number]) => boolean) =>
      sums.filter(filter).reduce((total, row) => total + row.total, 0n);
    let estimated = 0n;
    for (const spec of specs) {
      const toDate = sum((row) => row.spec === spec && row.year === 2026);
      const beforeToDate = sum((row) => row.spec === spec && row.year === 2025 && row.month <= 10);
      const beforeRest = sum((row) => row.spec === spec && row.year === 2025 && row.month > 10);
      const specEstimate = roundHalfUp(toDate, beforeRest, beforeToDate);
      estimated += specEstimate;
      const row = grid.rows.find((candidate) => candidate.kind === "FIGURE" && candidate.productSpecId === spec)!;
      expect(row.estimateMethodUsed).toBe("LAST_YEAR_SEASONALITY");
      expect(row.periods.at(-1)!.lastYear).toEqual({ value: yuan(toDate + specEstimate), estimated: true });
      expect(row.periods.at(-1)!.yearBefore).toBe(yuan(beforeToDate + beforeRest));
    }
    const all = grid.totals.find((total) => total.scope === "ALL")!;
    for (let month = 1; month <= 10; month++) {
      expect(all.periods[month - 1]!.lastYear).toEqual({
        value: yuan(sum((row) => row.year === 2026 && row.month === month)),
        estimated: false,
      });
    }
    expect(all.periods[10]!.lastYear?.estimated).toBe(true);
    expect(all.periods[11]!.lastYear?.estimated).toBe(true);
    const year = all.periods.find((period) => period.kind === "YEAR")!;
    expect(year.lastYear).toEqual({ value: yuan(sum((row) => row.year === 2026) + estimated), estimated: true });
    expect(year.yearBefore).toBe(yuan(sum((row) => row.year === 2025)));
    // The first half holds no estimate.
    expect(all.periods.find((period) => period.kind === "HALF" && period.index === 1)!.lastYear?.estimated).toBe(false);
  });

  it("follows the planner's switch to the run rate", async () => {
    const plan = await getDb().prisma.plan.findFirstOrThrow({
      where: { orgUnit: { code: "CONGHUA" }, cycle: { code: DEMO_CYCLE_CODE } },
    });
    const set = await run(
      viewerAt("PLANNER", "CONGHUA"),
      `mutation($i: SetPlanEstimateMethodInput!) { setPlanEstimateMethod(input: $i) { plan { estimateMethod } } }`,
      { i: { planId: plan.id, method: "RUN_RATE" } },
    );
    expect(set.errors).toBeUndefined();
    const answer = await run(viewerAt("PLANNER", "CONGHUA"), GRID, { metricId: metricIds.get("SALES_REVENUE") });
    const grid = (answer.data as unknown as GridAnswer).plan.targetGrid;
    const sums = await sqlSums("SALES_REVENUE");
    let expected = 0n;
    for (const spec of new Set(sums.map((row) => row.spec!))) {
      const toDate = sums.filter((row) => row.spec === spec && row.year === 2026).reduce((total, row) => total + row.total, 0n);
      expected += toDate + roundHalfUp(toDate, 2n, 10n);
    }
    const all = grid.totals.find((total) => total.scope === "ALL")!;
    expect(all.periods.at(-1)!.lastYear).toEqual({ value: yuan(expected), estimated: true });
    expect(grid.estimate.method).toBe("RUN_RATE");
  });

  it("reads collection, whose actuals are by channel only, on the spec-less figure row", async () => {
    const answer = await run(viewerAt("REVIEWER", "GZ"), GRID, { metricId: metricIds.get("COLLECTION") });
    expect(answer.errors).toBeUndefined();
    const { plan } = answer.data as unknown as GridAnswer;
    // The city's reviewer reads the county's plan but may not edit it.
    expect(plan).toMatchObject({ editable: false, readOnlyReason: "ROLE" });
    const sums = await sqlSums("COLLECTION");
    const unit = plan.targetGrid.rows[0]!;
    expect(unit).toMatchObject({ key: "F|", kind: "FIGURE", productSpecId: null });
    expect(unit.months[0]!.lastYear).toEqual({
      value: yuan(sums.filter((row) => row.year === 2026 && row.month === 1).reduce((total, row) => total + row.total, 0n)),
      estimated: false,
    });
    expect(unit.periods.at(-1)!.yearBefore).toBe(
      yuan(sums.filter((row) => row.year === 2025).reduce((t, row) => t + row.total, 0n)),
    );
    expect(plan.targetGrid.rows.filter((row) => row.kind === "BREAKDOWN" && row.productSpecId === null)).toHaveLength(4);
  });

  it("refuses the planner of another city's county (NOT_FOUND)", async () => {
    const answer = await run(viewerAt("PLANNER", "SHUNDE"), GRID, { metricId: metricIds.get("SALES_REVENUE") });
    expect(answer.errors?.[0]?.extensions).toMatchObject({ code: "NOT_FOUND", reason: "PLAN_NOT_FOUND" });
  });

  // Last: it adds an actual (and takes it away again at the end).
  it("updates the current-year estimate from a newly imported actual (SalesActual of 2026)", async () => {
    const prisma = getDb().prisma;
    const before = (await run(viewerAt("PLANNER", "CONGHUA"), GRID, { metricId: metricIds.get("SALES_REVENUE") }))
      .data as unknown as GridAnswer;
    expect(before.plan.targetGrid.estimate).toMatchObject({ actualThroughMonth: 10, estimatedMonths: [11, 12] });
    const allBefore = before.plan.targetGrid.totals.find((total) => total.scope === "ALL")!;
    expect(allBefore.periods[10]!.lastYear?.estimated).toBe(true);
    // An import brings November 2026 for one spec × channel of 从化.
    const sample = await prisma.salesActual.findFirstOrThrow({
      where: { orgUnitId: units.get("CONGHUA")!.id, metricId: metricIds.get("SALES_REVENUE"), year: 2026, month: 10 },
      orderBy: { dimensionKey: "asc" },
    });
    const november = await prisma.salesActual.create({
      data: {
        orgUnitId: sample.orgUnitId,
        metricId: sample.metricId,
        year: 2026,
        month: 11,
        productSpecId: sample.productSpecId,
        channelId: sample.channelId,
        dimensionKey: sample.dimensionKey,
        value: "12345.67",
      },
    });
    try {
      const after = (await run(viewerAt("PLANNER", "CONGHUA"), GRID, { metricId: metricIds.get("SALES_REVENUE") }))
        .data as unknown as GridAnswer;
      expect(after.plan.targetGrid.estimate).toMatchObject({ actualThroughMonth: 11, estimatedMonths: [12] });
      const all = after.plan.targetGrid.totals.find((total) => total.scope === "ALL")!;
      // November is now the actual (the one row imported), no longer an estimate.
      expect(all.periods[10]!.lastYear).toEqual({ value: "12345.67", estimated: false });
      expect(all.periods[11]!.lastYear?.estimated).toBe(true);
    } finally {
      await prisma.salesActual.delete({ where: { id: november.id } });
    }
  });
});
