// The shell's org tree through the real schema and database: plan status, deadline
// and overdue, children's progress, key figures (the maintained summary with its
// pending deltas, last year's actuals, planned expenses), search and paging.
import { ApolloServer } from "@apollo/server";
import {
  createOrgUnit,
  createPlan,
  createPlanCycle,
  ensureExpenseTree,
  ensureStandardMetrics,
  useTestDatabase,
} from "@pyramid/db/testing";
import type { Role } from "@pyramid/domain";
import { beforeAll, describe, expect, it } from "vitest";
import type { RequestContext } from "../../context.js";
import { createErrorFormatter } from "../../errors.js";
import { NO_SESSION } from "../../http/request-session.js";
import { createSchema } from "../../schema/create-schema.js";
import { createServices, type Services } from "../../services.js";
import type { Viewer } from "../../viewer.js";

const getDb = useTestDatabase();

let apollo: ApolloServer<RequestContext>;
let services: Services;
let cycleId: string;
const units = new Map<string, { id: string; path: string }>();

beforeAll(async () => {
  const { prisma, dataAccess } = getDb();
  const hq = await createOrgUnit(prisma, { level: "HQ", code: "TREE-HQ" });
  const gd = await createOrgUnit(prisma, { level: "PROVINCE", parent: hq, code: "TREE-GD", nameZh: "广东省分公司" });
  const gz = await createOrgUnit(prisma, { level: "CITY", parent: gd, code: "TREE-GZ", nameEn: "Guangzhou office" });
  const fs = await createOrgUnit(prisma, { level: "CITY", parent: gd, code: "TREE-FS" });
  const k1 = await createOrgUnit(prisma, { level: "COUNTY", parent: gz, code: "TREE-K1" });
  const k2 = await createOrgUnit(prisma, { level: "COUNTY", parent: gz, code: "TREE-K2" });
  for (const unit of [hq, gd, gz, fs, k1, k2]) units.set(unit.code, unit);

  // Deadlines (the factory's, for 2027): county 2026-12-10, city 12-20, province 12-28.
  const cycle = await createPlanCycle(prisma, { year: 2027, withTemplate: false });
  cycleId = cycle.id;
  await createPlan(prisma, { cycleId, orgUnitId: gd.id, status: "DRAFT" });
  const gzPlan = await createPlan(prisma, { cycleId, orgUnitId: gz.id, status: "SUBMITTED" });
  const k1Plan = await createPlan(prisma, { cycleId, orgUnitId: k1.id, status: "APPROVED" });
  await createPlan(prisma, { cycleId, orgUnitId: k2.id, status: "DRAFT" });

  const metrics = await ensureStandardMetrics(prisma);
  const sales = metrics.get("SALES_REVENUE")!.id;
  const volume = metrics.get("SALES_VOLUME")!.id;
  const summaryRow = (
    orgUnitId: string,
    channelKey: string,
    basis: "LATEST" | "APPROVED",
    baseSum: string,
    metricId = sales,
  ) => ({
    cycleId,
    orgUnitId,
    basis,
    scope: "SUBTREE" as const,
    metricId,
    specKey: "",
    channelKey,
    month: 1,
    baseSum,
    stretchSum: baseSum,
    cellCount: 1,
  });
  await prisma.targetSummary.createMany({
    data: [
      summaryRow(gz.id, "", "LATEST", "1000.50"),
      summaryRow(gd.id, "", "LATEST", "1000.50"),
      summaryRow(gz.id, "some-channel", "LATEST", "999"), // a breakdown's total: never added to the figure
      summaryRow(gz.id, "", "APPROVED", "700"), // another basis
      summaryRow(gz.id, "", "LATEST", "55", volume), // another metric
    ],
  });
  // Saved under K2 but not folded yet: counts for K2, 广州 and 广东.
  await prisma.targetSummaryDelta.create({
    data: {
      cycleId,
      unitPath: k2.path,
      basis: "LATEST",
      metricId: sales,
      specKey: "",
      channelKey: "",
      month: 2,
      baseDelta: "200.25",
      stretchDelta: "200.25",
      countDelta: 1,
    },
  });
  await prisma.salesActual.createMany({
    data: [
      { orgUnitId: k1.id, metricId: sales, year: 2026, month: 1, value: "300.10" },
      { orgUnitId: k2.id, metricId: sales, year: 2026, month: 5, value: "99.90" },
      { orgUnitId: k2.id, metricId: sales, year: 2025, month: 5, value: "5000" }, // two years back
      { orgUnitId: k2.id, metricId: volume, year: 2026, month: 5, value: "12" }, // another metric
    ],
  });
  const item = [...(await ensureExpenseTree(prisma)).values()][0]!;
  await prisma.expenseCell.createMany({
    data: [
      { planId: k1Plan.id, itemId: item.id, month: 1, amount: "50.00" },
      { planId: gzPlan.id, itemId: item.id, month: 3, amount: "25.5" },
    ],
  });

  apollo = new ApolloServer<RequestContext>({ schema: createSchema(), formatError: createErrorFormatter() });
  await apollo.start();
  // 2026-12-21 08:00 in Beijing: the county and city deadlines are over, the province's is not.
  const now = new Date("2026-12-21T00:00:00.000Z");
  services = createServices({ dataAccess, version: "test", log: { error: () => undefined }, clock: () => now });
});

function viewerAt(...held: [Role, string][]): Viewer {
  return {
    userId: "tree-viewer",
    assignments: held.map(([role, code]) => ({ role, orgUnitId: units.get(code)!.id, orgUnitPath: units.get(code)!.path })),
  };
}

const TREE = `query Tree($c: ID!, $r: ID, $s: String, $code: String, $first: Int, $after: String) {
  orgTree(cycleId: $c, rootId: $r, search: $s, code: $code, first: $first, after: $after) {
    totalCount nextCursor
    nodes { code depth plan { status } dueOn overdue children { total submitted approved }
            figures { salesTarget salesLastYear expenseTotal } }
  }
}`;

interface TreePage {
  totalCount: number;
  nextCursor: string | null;
  nodes: { code: string; [field: string]: unknown }[];
}

async function tree(viewer: Viewer, variables: Record<string, unknown>) {
  const response = await apollo.executeOperation(
    { query: TREE, variables: { c: cycleId, ...variables } },
    {
      contextValue: {
        viewer,
        services,
        session: NO_SESSION,
        request: { requestId: "tree", clientAddress: "x", userAgent: null },
      },
    },
  );
  if (response.body.kind !== "single") throw new Error("expected a single result");
  const { data, errors } = response.body.singleResult;
  return { page: (data?.["orgTree"] ?? null) as TreePage | null, errors };
}

describe("orgTree", () => {
  it("gives each unit its plan, deadline, overdue flag, children's progress and key figures", async () => {
    const { page, errors } = await tree(viewerAt(["REVIEWER", "TREE-GD"]), {});
    expect(errors).toBeUndefined();
    expect(page?.totalCount).toBe(5);
    expect(page?.nextCursor).toBeNull();
    const byCode = Object.fromEntries((page?.nodes ?? []).map(({ code, ...node }) => [code, node]));
    expect(Object.keys(byCode)).toEqual(["TREE-GD", "TREE-FS", "TREE-GZ", "TREE-K1", "TREE-K2"]);
    expect(byCode["TREE-GD"]).toEqual({
      depth: 2,
      plan: { status: "DRAFT" },
      dueOn: "2026-12-28",
      overdue: false,
      children: { total: 2, submitted: 1, approved: 0 },
      figures: { salesTarget: "1200.75", salesLastYear: "400.00", expenseTotal: "75.50" },
    });
    expect(byCode["TREE-GZ"]).toEqual({
      depth: 3,
      plan: { status: "SUBMITTED" },
      dueOn: "2026-12-20",
      overdue: false,
      children: { total: 2, submitted: 1, approved: 1 },
      figures: { salesTarget: "1200.75", salesLastYear: "400.00", expenseTotal: "75.50" },
    });
    expect(byCode["TREE-FS"]).toMatchObject({ plan: null, dueOn: "2026-12-20", overdue: true, children: { total: 0 } });
    expect(byCode["TREE-K1"]).toMatchObject({
      overdue: false,
      figures: { salesTarget: "0.00", salesLastYear: "300.10", expenseTotal: "50.00" },
    });
    expect(byCode["TREE-K2"]).toMatchObject({
      overdue: true,
      figures: { salesTarget: "200.25", salesLastYear: "99.90", expenseTotal: "0.00" },
    });
  });

  it("says since when an approved plan is stale (待更新), and nothing for the others", async () => {
    const { prisma } = getDb();
    const k1Plan = await prisma.plan.findFirstOrThrow({ where: { cycleId, orgUnitId: units.get("TREE-K1")!.id } });
    const since = new Date("2026-12-18T06:30:00.000Z");
    await prisma.plan.update({ where: { id: k1Plan.id }, data: { staleSince: since, staleReason: "a child was reopened" } });
    try {
      const STALE = `query Stale($c: ID!) { orgTree(cycleId: $c) { nodes { code plan { status staleSince } } } }`;
      const response = await apollo.executeOperation(
        { query: STALE, variables: { c: cycleId } },
        {
          contextValue: {
            viewer: viewerAt(["REVIEWER", "TREE-GZ"]),
            services,
            session: NO_SESSION,
            request: { requestId: "stale", clientAddress: "x", userAgent: null },
          },
        },
      );
      if (response.body.kind !== "single") throw new Error("expected a single result");
      const nodes = (response.body.singleResult.data?.["orgTree"] as { nodes: { code: string; plan: unknown }[] }).nodes;
      expect(Object.fromEntries(nodes.map((node) => [node.code, node.plan]))).toEqual({
        "TREE-GZ": { status: "SUBMITTED", staleSince: null },
        "TREE-K1": { status: "APPROVED", staleSince: "2026-12-18T06:30:00.000Z" },
        "TREE-K2": { status: "DRAFT", staleSince: null },
      });
    } finally {
      await prisma.plan.update({ where: { id: k1Plan.id }, data: { staleSince: null, staleReason: null } });
    }
  });

  it("finds one unit by its exact code, in any case, and only inside the viewer's scope", async () => {
    const codes = (page: TreePage | null) => [page?.nodes.map((node) => node.code), page?.totalCount];
    expect(codes((await tree(viewerAt(["REVIEWER", "TREE-GD"]), { code: "tree-k1" })).page)).toEqual([["TREE-K1"], 1]);
    // Part of a code is not a code.
    expect(codes((await tree(viewerAt(["REVIEWER", "TREE-GD"]), { code: "TREE-K" })).page)).toEqual([[], 0]);
    // 佛山's reviewer does not see 广州's county: the same empty answer as a code that does not exist.
    expect(codes((await tree(viewerAt(["REVIEWER", "TREE-FS"]), { code: "TREE-K1" })).page)).toEqual([[], 0]);
  });

  it("pages parents first, and searches code and names without regard to case", async () => {
    const viewer = viewerAt(["HQ_ADMIN", "TREE-HQ"]);
    const codes = (page: TreePage | null) => page?.nodes.map((node) => node.code);
    const first = (await tree(viewer, { r: units.get("TREE-GD")!.id, first: 2 })).page;
    expect([codes(first), first?.totalCount]).toEqual([["TREE-GD", "TREE-FS"], 5]);
    const second = (await tree(viewer, { r: units.get("TREE-GD")!.id, first: 2, after: first?.nextCursor })).page;
    expect(codes(second)).toEqual(["TREE-GZ", "TREE-K1"]);
    const third = (await tree(viewer, { r: units.get("TREE-GD")!.id, first: 2, after: second?.nextCursor })).page;
    expect([codes(third), third?.nextCursor]).toEqual([["TREE-K2"], null]);

    expect(codes((await tree(viewer, { s: "tree-k" })).page)).toEqual(["TREE-K1", "TREE-K2"]);
    expect(codes((await tree(viewer, { s: "广东" })).page)).toEqual(["TREE-GD"]);
    expect(codes((await tree(viewer, { s: "GUANGZHOU" })).page)).toEqual(["TREE-GZ"]);
    expect(codes((await tree(viewer, { s: "%" })).page)).toEqual([]);
  });

  it("shows only the viewer's subtrees, and NOT_FOUND for a root outside them", async () => {
    const county = (await tree(viewerAt(["PLANNER", "TREE-K1"]), {})).page;
    expect(county?.nodes.map((node) => node.code)).toEqual(["TREE-K1"]);
    const above = await tree(viewerAt(["PLANNER", "TREE-K1"]), { r: units.get("TREE-GZ")!.id });
    expect(above.page).toBeNull();
    expect(above.errors?.[0]?.extensions).toMatchObject({ code: "NOT_FOUND", reason: "ORG_UNIT_NOT_FOUND" });
  });

  it("refuses a page size over 200 and a cursor it did not make", async () => {
    const viewer = viewerAt(["HQ_ADMIN", "TREE-HQ"]);
    expect((await tree(viewer, { first: 201 })).errors?.[0]?.extensions).toMatchObject({ reason: "PAGE_SIZE_INVALID" });
    expect((await tree(viewer, { after: "bm9wZQ" })).errors?.[0]?.extensions).toMatchObject({ reason: "CURSOR_INVALID" });
  });
});
