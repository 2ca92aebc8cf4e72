// Finance's export preview (GraphQL exportPreview) on the real app and database: the totals
// per part of the subtree and per category (or metric), the grand total, the file's row count
// and the plans left out, all worked by hand from the lines written below; then held against
// the export's own file (CSV) for the same query, and against the access policy.
//
//   HQ ── P1 ── C1 ── K1, K2
//     └── P2 ── K3
import {
  createOrgUnit,
  createPlan,
  createPlanCycle,
  createProductSpec,
  createTerminal,
  createUser,
  ensureExpenseTree,
  ensureStandardMetrics,
  TEST_PASSWORD_COST,
  useTestDatabase,
} from "@pyramid/db/testing";
import { cellDimensionKey, EXPENSE_CATEGORY_CODES } from "@pyramid/domain";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp, type App } from "../../app.js";

const getDb = useTestDatabase();
let app: App;
const units: Record<string, { id: string; code: string }> = {};
const plans: Record<string, string> = {};
let cycleCode = "";
let activeItems = 0;
const cookies: Record<string, string> = {};

interface Preview {
  kind: string;
  basis: string;
  columns: { code: string }[];
  units: {
    unit: { code: string };
    own: boolean;
    plans: number;
    exportedPlans: number;
    amounts: string[];
    total: string | null;
  }[];
  totals: string[];
  grandTotal: string | null;
  plans: number;
  exportedPlans: number;
  rows: number;
  missingCount: number;
  missing: { code: string }[];
}

const PREVIEW = `query($i: ExportPreviewInput!) { exportPreview(input: $i) {
  kind basis columns { code } units { unit { code } own plans exportedPlans amounts total }
  totals grandTotal plans exportedPlans rows missingCount missing { code } } }`;

async function signIn(login: string): Promise<string> {
  const response = await app.fastify.inject({
    method: "POST",
    url: "/graphql",
    headers: { "content-type": "application/json" },
    payload: {
      query: "mutation($l: String!, $p: String!) { login(login: $l, password: $p) { expiresAt } }",
      variables: { l: login, p: "test1234" },
    },
  });
  const cookie = [response.headers["set-cookie"] ?? []]
    .flat()
    .find((header) => header.startsWith("pp_session="))
    ?.split(";", 1)[0];
  if (cookie === undefined) throw new Error(`${login} did not sign in: ${response.body}`);
  return cookie;
}

async function preview(who: string, input: Record<string, unknown>) {
  const response = await app.fastify.inject({
    method: "POST",
    url: "/graphql",
    headers: { "content-type": "application/json", cookie: cookies[who]! },
    payload: { query: PREVIEW, variables: { i: { cycle: cycleCode, ...input } } },
  });
  return response.json<{ data?: { exportPreview: Preview } | null; errors?: { extensions?: Record<string, unknown> }[] }>();
}

async function ok(who: string, input: Record<string, unknown>): Promise<Preview> {
  const answer = await preview(who, input);
  expect(answer.errors).toBeUndefined();
  return answer.data!.exportPreview;
}

const zeros = (n: number) => Array.from({ length: n }, () => "0.00");
/** Budget amounts by category code, zeros elsewhere, in the domain's category order. */
const byCategory = (amounts: Partial<Record<(typeof EXPENSE_CATEGORY_CODES)[number], string>>) =>
  EXPENSE_CATEGORY_CODES.map((code) => amounts[code] ?? "0.00");

beforeAll(async () => {
  const { prisma, dataAccess } = getDb();
  const hq = await createOrgUnit(prisma, { level: "HQ" });
  const p1 = await createOrgUnit(prisma, { level: "PROVINCE", parent: hq });
  const p2 = await createOrgUnit(prisma, { level: "PROVINCE", parent: hq });
  const c1 = await createOrgUnit(prisma, { level: "CITY", parent: p1 });
  const k1 = await createOrgUnit(prisma, { level: "COUNTY", parent: c1 });
  const k2 = await createOrgUnit(prisma, { level: "COUNTY", parent: c1 });
  const k3 = await createOrgUnit(prisma, { level: "COUNTY", parent: p2 });
  Object.assign(units, { hq, p1, p2, c1, k1, k2, k3 });
  const cycle = await createPlanCycle(prisma, { year: 2027 });
  cycleCode = cycle.code;
  for (const [name, unit] of Object.entries(units))
    plans[name] = (await createPlan(prisma, { cycleId: cycle.id, orgUnitId: unit.id })).id;
  const items = await ensureExpenseTree(prisma);
  activeItems = await prisma.expenseItem.count({ where: { isActive: true } });
  const salary = items.get("PERSONNEL_SALARY")!.id;
  const welfare = items.get("PERSONNEL_WELFARE")!.id;
  const display = items.get("CHANNEL_DISPLAY")!.id;
  const terminal = await createTerminal(prisma, { countyId: k1.id });
  const terminalKey = cellDimensionKey({ terminalId: terminal.id });
  const line = (plan: string, itemId: string, month: number, amount: string, terminalId?: string) =>
    prisma.expenseCell.create({
      data: {
        planId: plans[plan]!,
        itemId,
        month,
        amount,
        ...(terminalId ? { terminalId, dimensionKey: cellDimensionKey({ terminalId }) } : {}),
      },
    });
  // Live lines (LATEST). K1: salary Jan 100.10 + Feb 200.20, welfare Jan 0.05 (PERSONNEL 300.35);
  // display Mar 10.00 on the unit + 5.55 on a terminal (CHANNEL 15.55) → 315.90. K2: salary Jan
  // 1000.00. C1: salary Dec 0.01. P1: nothing. K3 (the other province): salary Jan 999.99.
  // Under P1: C1's subtree PERSONNEL 0.01 + 300.35 + 1000.00 = 1300.36, CHANNEL 15.55, 1315.91.
  await line("k1", salary, 1, "100.10");
  await line("k1", salary, 2, "200.20");
  await line("k1", welfare, 1, "0.05");
  await line("k1", display, 3, "10.00");
  await line("k1", display, 3, "5.55", terminal.id);
  await line("k2", salary, 1, "1000.00");
  await line("c1", salary, 12, "0.01");
  await line("k3", salary, 1, "999.99");
  // Targets (LATEST). K1 revenue: S1 Jan 1000.00 + Feb 2000.50, S2 Jan 300.25, no spec Mar 10.00
  // → 3310.75 (a terminal breakdown, 400.00, is not added); market share Jan 12.50 (AVERAGE: no
  // column). C1: revenue S1 Dec 0.01. Under P1: revenue 3310.76.
  // The file: K1 rows (rev,S1) (rev,S2) (rev,-) (share,-) + its revenue total = 5; C1 (rev,S1) +
  // total = 2; the grand total of revenue 1 → 8.
  const metrics = await ensureStandardMetrics(prisma);
  const revenue = metrics.get("SALES_REVENUE")!.id;
  const share = metrics.get("MARKET_SHARE")!.id;
  const s1 = await createProductSpec(prisma, { code: "PRV-S1" });
  const s2 = await createProductSpec(prisma, { code: "PRV-S2" });
  const target = (
    plan: string,
    metricId: string,
    month: number,
    baseValue: string,
    dims: { productSpecId?: string; terminalId?: string },
  ) =>
    prisma.targetCell.create({
      data: { planId: plans[plan]!, metricId, month, baseValue, ...dims, dimensionKey: cellDimensionKey(dims) },
    });
  await target("k1", revenue, 1, "1000.00", { productSpecId: s1.id });
  await target("k1", revenue, 2, "2000.50", { productSpecId: s1.id });
  await target("k1", revenue, 1, "300.25", { productSpecId: s2.id });
  await target("k1", revenue, 3, "10.00", {});
  await target("k1", revenue, 1, "400.00", { productSpecId: s1.id, terminalId: terminal.id });
  await target("k1", share, 1, "12.50", {});
  await target("c1", revenue, 12, "0.01", { productSpecId: s1.id });
  // Versions (APPROVED). K1: v1 APPROVED (salary 50.00: superseded), v2 APPROVED (salary Jan 100.10;
  // display Mar 10.00 + 5.55; revenue S1 Jan 900.00 and its terminal breakdown 400.00, not added),
  // v3 SUBMITTED (999.00: not approved). C1: v1 APPROVED (salary Dec 0.01). P1: v1 APPROVED, empty.
  // K2: only SUBMITTED → missing. Under P1: C1's subtree PERSONNEL 100.11, CHANNEL 15.55 → 115.66;
  // revenue 900.00; the targets file: K1 (rev,S1) + total, the grand total → 3 rows.
  const s1Key = cellDimensionKey({ productSpecId: s1.id });
  const version = (
    plan: string,
    number: number,
    kind: "SUBMITTED" | "APPROVED",
    expenseCells: { itemId: string; month: number; dimensionKey: string; amount: string }[],
    targetCells: { metricId: string; month: number; dimensionKey: string; baseValue: string; stretchValue: null }[] = [],
  ) =>
    prisma.planVersion.create({
      data: {
        planId: plans[plan]!,
        number,
        kind,
        snapshot: { sections: [], targetCells, expenseCells, totals: { targets: [], expenses: "0.00" } },
      },
    });
  await version("k1", 1, "APPROVED", [{ itemId: salary, month: 1, dimensionKey: "", amount: "50.00" }]);
  await version(
    "k1",
    2,
    "APPROVED",
    [
      { itemId: salary, month: 1, dimensionKey: "", amount: "100.10" },
      { itemId: display, month: 3, dimensionKey: "", amount: "10.00" },
      { itemId: display, month: 3, dimensionKey: terminalKey, amount: "5.55" },
    ],
    [
      { metricId: revenue, month: 1, dimensionKey: s1Key, baseValue: "900.00", stretchValue: null },
      {
        metricId: revenue,
        month: 1,
        dimensionKey: cellDimensionKey({ productSpecId: s1.id, terminalId: terminal.id }),
        baseValue: "400.00",
        stretchValue: null,
      },
    ],
  );
  await version("k1", 3, "SUBMITTED", [{ itemId: salary, month: 1, dimensionKey: "", amount: "999.00" }]);
  await version("c1", 1, "APPROVED", [{ itemId: salary, month: 12, dimensionKey: "", amount: "0.01" }]);
  await version("p1", 1, "APPROVED", []);
  await version("k2", 1, "SUBMITTED", [{ itemId: salary, month: 1, dimensionKey: "", amount: "1000.00" }]);

  await createUser(prisma, { orgUnitId: p1.id, role: "FINANCE", login: "preview.finance" });
  await createUser(prisma, { orgUnitId: p1.id, role: "VIEWER", login: "preview.viewer" });
  await createUser(prisma, { orgUnitId: c1.id, role: "PLANNER", login: "preview.planner" });
  await createUser(prisma, { orgUnitId: hq.id, role: "FINANCE", login: "preview.hq" });
  app = createApp({
    dataAccess,
    webDistDir: "/nonexistent",
    version: "test",
    log: { error: () => undefined },
    passwordCost: TEST_PASSWORD_COST,
  });
  await app.ready();
  for (const who of ["finance", "viewer", "planner", "hq"]) cookies[who] = await signIn(`preview.${who}`);
});

afterAll(async () => {
  await app?.close();
});

describe("exportPreview: the budget", () => {
  it("LATEST under a province: its own plan, then its city's subtree, per category, to the fen", async () => {
    const result = await ok("finance", { unitCode: units["p1"]!.code, kind: "BUDGET", basis: "LATEST" });
    expect(result.columns.map((c) => c.code)).toEqual([...EXPENSE_CATEGORY_CODES]);
    expect(result.units).toEqual([
      { unit: { code: units["p1"]!.code }, own: true, plans: 1, exportedPlans: 1, amounts: zeros(5), total: "0.00" },
      {
        unit: { code: units["c1"]!.code },
        own: false,
        plans: 3,
        exportedPlans: 3,
        amounts: byCategory({ PERSONNEL: "1300.36", CHANNEL: "15.55" }),
        total: "1315.91",
      },
    ]);
    expect(result.totals).toEqual(byCategory({ PERSONNEL: "1300.36", CHANNEL: "15.55" }));
    expect(result.grandTotal).toBe("1315.91");
    expect({ plans: result.plans, exported: result.exportedPlans, missing: result.missingCount }).toEqual({
      plans: 4,
      exported: 4,
      missing: 0,
    });
    // Four plans × (every active item + its total row) + the grand total.
    expect(result.rows).toBe(4 * (activeItems + 1) + 1);
  });

  it("APPROVED: each plan's latest approved version; a plan without one is named and left out", async () => {
    const result = await ok("finance", { unitCode: units["p1"]!.code, kind: "BUDGET" });
    expect(result.basis).toBe("APPROVED");
    expect(result.units[1]).toEqual({
      unit: { code: units["c1"]!.code },
      own: false,
      plans: 3,
      exportedPlans: 2,
      amounts: byCategory({ PERSONNEL: "100.11", CHANNEL: "15.55" }),
      total: "115.66",
    });
    expect(result.grandTotal).toBe("115.66");
    expect(result.missingCount).toBe(1);
    expect(result.missing).toEqual([{ code: units["k2"]!.code }]);
    expect(result.rows).toBe(3 * (activeItems + 1) + 1);
  });

  it("a county: its own plan only", async () => {
    const result = await ok("finance", { unitCode: units["k1"]!.code, kind: "BUDGET", basis: "LATEST" });
    expect(result.units).toEqual([
      {
        unit: { code: units["k1"]!.code },
        own: true,
        plans: 1,
        exportedPlans: 1,
        amounts: byCategory({ PERSONNEL: "300.35", CHANNEL: "15.55" }),
        total: "315.90",
      },
    ]);
  });

  it("HQ's finance sees both provinces; the grand total adds the other province's 999.99", async () => {
    const result = await ok("hq", { unitCode: units["hq"]!.code, kind: "BUDGET", basis: "LATEST" });
    const [own, ...children] = result.units.map((u) => [u.unit.code, u.plans, u.total]);
    expect(own).toEqual([units["hq"]!.code, 1, "0.00"]);
    // The children come by path (ids): compare them as a set.
    expect(children.sort()).toEqual(
      [
        [units["p1"]!.code, 4, "1315.91"],
        [units["p2"]!.code, 2, "999.99"],
      ].sort(),
    );
    expect(result.grandTotal).toBe("2315.90");
  });

  it("equals the export's own file (CSV): the grand total row and the row count", async () => {
    for (const basis of ["LATEST", "APPROVED"] as const) {
      const result = await ok("finance", { unitCode: units["p1"]!.code, kind: "BUDGET", basis });
      const response = await app.fastify.inject({
        method: "GET",
        url: `/exports/budget.csv?cycle=${encodeURIComponent(cycleCode)}&unit=${units["p1"]!.code}&basis=${basis}&locale=en`,
        headers: { cookie: cookies["finance"]! },
      });
      expect(response.statusCode).toBe(200);
      const lines = response.body
        .replace(/^\uFEFF/, "")
        .trimEnd()
        .split("\r\n");
      expect(lines.length - 1).toBe(result.rows);
      const last = lines[lines.length - 1]!.split(",");
      expect(last[0]).toBe("Grand total");
      expect(last[last.length - 1]).toBe(result.grandTotal);
    }
  });
});

describe("exportPreview: the targets", () => {
  it("LATEST: metrics that add up, figures only (a breakdown is not added)", async () => {
    const result = await ok("finance", { unitCode: units["p1"]!.code, kind: "TARGETS", basis: "LATEST" });
    expect(result.columns.map((c) => c.code)).toEqual(["SALES_REVENUE"]);
    expect(result.units.map((u) => [u.unit.code, u.amounts, u.total])).toEqual([
      [units["p1"]!.code, ["0.00"], null],
      [units["c1"]!.code, ["3310.76"], null],
    ]);
    expect(result.totals).toEqual(["3310.76"]);
    expect(result.grandTotal).toBeNull();
    expect(result.rows).toBe(8);
  });

  it("APPROVED: the approved snapshot's figures", async () => {
    const result = await ok("finance", { unitCode: units["p1"]!.code, kind: "TARGETS" });
    expect(result.totals).toEqual(["900.00"]);
    expect(result.rows).toBe(3);
    expect(result.missingCount).toBe(1);
  });
});

describe("exportPreview: asked as the export", () => {
  it("a finance user of one province cannot preview another's (NOT_FOUND, as for no such unit)", async () => {
    const other = await preview("finance", { unitCode: units["p2"]!.code, kind: "BUDGET" });
    const none = await preview("finance", { unitCode: "NO-SUCH-UNIT", kind: "BUDGET" });
    expect(other.errors?.[0]?.extensions).toMatchObject({ code: "NOT_FOUND", reason: "ORG_UNIT_NOT_FOUND" });
    expect(none.errors?.[0]?.extensions).toMatchObject({ code: "NOT_FOUND", reason: "ORG_UNIT_NOT_FOUND" });
    expect(other.data ?? null).toBeNull();
  });

  it("a viewer cannot preview at all (FORBIDDEN), as they cannot export", async () => {
    const answer = await preview("viewer", { unitCode: units["p1"]!.code, kind: "BUDGET" });
    expect(answer.errors?.[0]?.extensions).toMatchObject({ code: "FORBIDDEN" });
  });

  it("a city's planner previews the city, not the province above it; an unknown cycle is NOT_FOUND", async () => {
    expect((await ok("planner", { unitCode: units["c1"]!.code, kind: "BUDGET", basis: "LATEST" })).grandTotal).toBe("1315.91");
    const above = await preview("planner", { unitCode: units["p1"]!.code, kind: "BUDGET" });
    expect(above.errors?.[0]?.extensions).toMatchObject({ code: "NOT_FOUND" });
    const response = await app.fastify.inject({
      method: "POST",
      url: "/graphql",
      headers: { "content-type": "application/json", cookie: cookies["finance"]! },
      payload: { query: PREVIEW, variables: { i: { cycle: "NO-SUCH", unitCode: units["p1"]!.code, kind: "BUDGET" } } },
    });
    expect(response.json<{ errors?: { extensions?: unknown }[] }>().errors?.[0]?.extensions).toMatchObject({
      code: "NOT_FOUND",
      reason: "PLAN_CYCLE_NOT_FOUND",
    });
  });
});
