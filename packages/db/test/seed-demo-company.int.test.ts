// The demo company in a real database (PGlite, or PostgreSQL with TEST_DATABASE_URL).
import { isInSubtree } from "@pyramid/domain";
import { beforeAll, describe, expect, it } from "vitest";
import { verifyPassword } from "../src/password.js";
import { DEMO_SEEDED_AT } from "../src/seed/dataset.js";
import { DEMO_PASSWORD, DEMO_PLAN_YEAR } from "../src/seed/demo-company.data.js";
import { createOrgUnit } from "../src/testing/factories.js";
import {
  SeedConflictError,
  countDatabase,
  describeSeed,
  isDatabaseEmpty,
  seedDemoCompany,
  type SeedReport,
} from "../src/seed/seed-demo-company.js";
import { createTestDatabase, testDatabaseKind, useTestDatabase, type TestDatabase } from "../src/testing/test-database.js";

const getDb = useTestDatabase();
let firstRun: SeedReport;

/** Sums and row counts of every fact table, as exact decimal text from the database. */
async function checksum(db: TestDatabase) {
  return db.migrationsExecutor.query<Record<string, string>>(`
    SELECT
      (SELECT count(*)::text FROM "SalesActual") AS sales_rows,
      (SELECT sum("value")::text FROM "SalesActual") AS sales_sum,
      (SELECT sum("value" * "month" * ("year" - 2000))::text FROM "SalesActual") AS sales_weighted,
      (SELECT count(*)::text FROM "ExpenseActual") AS expense_rows,
      (SELECT sum("amount")::text FROM "ExpenseActual") AS expense_sum,
      (SELECT string_agg(md5("id" || "code" || "path" || "nameZh"), '' ORDER BY "id") FROM "OrgUnit") AS units,
      (SELECT string_agg(md5("id" || "login" || "passwordHash" || "updatedAt"::text), '' ORDER BY "id") FROM "User") AS users,
      (SELECT max("id")::text FROM "SalesActual") AS last_sales_id
  `);
}

beforeAll(async () => {
  expect(await isDatabaseEmpty(getDb().prisma)).toBe(true);
  firstRun = await seedDemoCompany(getDb().prisma);
  console.log(`seedDemoCompany on ${testDatabaseKind}: ${firstRun.durationMs} ms, ${firstRun.insertedTotal} rows`);
});

describe("seedDemoCompany", () => {
  it("writes exactly the documented counts", async () => {
    const counts = await countDatabase(getDb().prisma);
    expect(counts).toEqual(describeSeed());
    expect(counts.orgUnits).toEqual({ HQ: 1, PROVINCE: 3, CITY: 8, COUNTY: 26, total: 38 });
    // 56,324 rows on the model with one role per user, + 11 manager logins (3 provinces,
    // 8 cities) + 81 role assignments (59 single-role logins, 11 managers × PLANNER and
    // REVIEWER) + 104 expense rows (the year-end rebate per distributor: 78 rows instead of 26
    // per year, 2 years) = 56,520 with both years complete. 2026 stops after October:
    // − 3,172 sales rows (26 counties × 2 months × 61) − 1,402 expense rows (per county
    // L 58, M 55, S 48: 7 × 58 + 12 × 55 + 7 × 48, see dataset.test.ts) = 51,946.
    // The closed FY2026 cycle adds 1 cycle + 28 sections + 4 deadlines + 38 plans + 28,704
    // target cells (26 counties × 12 months × (3 metrics × (10 spec figures + 19 spec-channel
    // lines) + collection's figure and 4 channel lines)) + 6,968 budget lines + 130 caps (26 × 5)
    // + 76 versions + 76 events + 141,312 summary rows ((26 OWN + 38 SUBTREE) × 1,104 lines × 2
    // bases) = 229,283.
    expect(counts.users).toBe(70);
    expect(counts.roleAssignments).toBe(81);
    expect(counts.previousCycle).toEqual({
      plans: 38,
      targetCells: 28_704,
      expenseCells: 6_968,
      planVersions: 76,
      workflowEvents: 76,
    });
    expect(firstRun.inserted["TargetSummary"]).toBe(141_312);
    expect(firstRun.insertedTotal).toBe(229_283);
    expect(await isDatabaseEmpty(getDb().prisma)).toBe(false);
  });

  it("stores the expense tree: 5 categories with 5 + 13 + 7 + 5 + 3 items", async () => {
    const categories = await getDb().prisma.expenseCategory.findMany({
      orderBy: { sortOrder: "asc" },
      include: { _count: { select: { items: true } } },
    });
    expect(categories.map((category) => [category.nameZh, category._count.items])).toEqual([
      ["人力成本", 5],
      ["办公管理费用", 13],
      ["媒体投放", 7],
      ["渠道费用", 5],
      ["推广费用", 3],
    ]);
  });

  it("has sales and expense actuals for every county: all of 2025, 2026 through October", async () => {
    const prisma = getDb().prisma;
    const counties = await prisma.orgUnit.findMany({ where: { level: "COUNTY" }, select: { id: true } });
    const sales = await prisma.salesActual.groupBy({ by: ["orgUnitId", "year", "month"], _count: { _all: true } });
    const expenses = await prisma.expenseActual.groupBy({ by: ["orgUnitId", "year", "month"], _count: { _all: true } });
    for (const rows of [sales, expenses]) {
      expect(rows).toHaveLength(counties.length * (12 + 10));
      expect(rows.filter((row) => row.year === DEMO_PLAN_YEAR - 1 && row.month > 10)).toEqual([]);
      expect(new Set(rows.map((row) => row.orgUnitId))).toEqual(new Set(counties.map((county) => county.id)));
      expect(new Set(rows.map((row) => row.year))).toEqual(new Set([DEMO_PLAN_YEAR - 2, DEMO_PLAN_YEAR - 1]));
    }
  });

  it("shows the Spring Festival peak and the summer dip in every county's revenue", async () => {
    const rows = await getDb().migrationsExecutor.query<{ orgUnitId: string; year: number; month: number; revenue: string }>(`
      SELECT s."orgUnitId", s."year", s."month", sum(s."value")::text AS revenue
      FROM "SalesActual" s JOIN "Metric" m ON m."id" = s."metricId"
      WHERE m."code" = 'SALES_REVENUE'
      GROUP BY s."orgUnitId", s."year", s."month"`);
    const byCountyYear = new Map<string, { month: number; revenue: number }[]>();
    for (const row of rows) {
      const key = `${row.orgUnitId}:${row.year}`;
      // Comparing months only: a float is fine for ordering, never for amounts.
      byCountyYear.set(key, [...(byCountyYear.get(key) ?? []), { month: Number(row.month), revenue: Number(row.revenue) }]);
    }
    expect(byCountyYear.size).toBe(26 * 2);
    for (const [key, months] of byCountyYear) {
      const sorted = [...months].sort((a, b) => b.revenue - a.revenue);
      expect([1, 2], `${key} peak`).toContain(sorted[0]!.month);
      expect([6, 7, 8], `${key} low`).toContain(sorted.at(-1)!.month);
    }
  });

  it("keeps sales and profit side by side: gross profit is positive and below revenue in every county", async () => {
    const rows = await getDb().migrationsExecutor.query<{ code: string; total: string }>(`
      SELECT m."code", sum(s."value")::text AS total
      FROM "SalesActual" s JOIN "Metric" m ON m."id" = s."metricId"
      GROUP BY m."code" ORDER BY m."code"`);
    const total = new Map(rows.map((row) => [row.code, BigInt(row.total.replace(".", ""))]));
    expect([...total.keys()]).toEqual(["COLLECTION", "GROSS_PROFIT", "SALES_REVENUE", "SALES_VOLUME"]);
    expect(total.get("GROSS_PROFIT")!).toBeGreaterThan(0n);
    expect(total.get("GROSS_PROFIT")!).toBeLessThan(total.get("SALES_REVENUE")!);
    expect(total.get("COLLECTION")!).toBeLessThan(total.get("SALES_REVENUE")!);
  });

  it("finds each unit's whole subtree with one path-prefix query", async () => {
    const prisma = getDb().prisma;
    const all = await prisma.orgUnit.findMany({ select: { id: true, code: true, path: true, parentId: true, level: true } });
    const childrenOf = (id: string) => all.filter((unit) => unit.parentId === id);
    const walk = (id: string): string[] => [id, ...childrenOf(id).flatMap((child) => walk(child.id))];
    for (const unit of all) {
      const subtree = await prisma.orgUnit.findMany({ where: { path: { startsWith: unit.path } }, select: { id: true } });
      expect(new Set(subtree.map((row) => row.id)), unit.code).toEqual(new Set(walk(unit.id)));
      expect(subtree.every((row) => isInSubtree(all.find((candidate) => candidate.id === row.id)!.path, unit.path))).toBe(true);
    }
    const guangdong = all.find((unit) => unit.code === "GD")!;
    const gdCounties = await prisma.orgUnit.count({ where: { path: { startsWith: guangdong.path }, level: "COUNTY" } });
    expect(gdCounties).toBe(10);
  });

  it("opens the FY2027 cycle with template, deadlines and a DRAFT plan for every unit", async () => {
    const prisma = getDb().prisma;
    const cycle = await prisma.planCycle.findUniqueOrThrow({
      where: { code: "FY2027" },
      include: { sections: true, deadlines: true, plans: true, createdBy: true },
    });
    expect(cycle).toMatchObject({ year: 2027, status: "OPEN" });
    expect(cycle.opensOn.toISOString().slice(0, 10)).toBe("2026-11-15");
    expect(cycle.closesOn.toISOString().slice(0, 10)).toBe("2027-01-10");
    expect(cycle.growthBandMin.toString()).toBe("0");
    expect(cycle.growthBandMax.toString()).toBe("0.3");
    expect(cycle.createdBy?.login).toBe("hq.admin");
    expect(cycle.sections.filter((section) => section.part === "ENVIRONMENT")).toHaveLength(13);
    expect(cycle.sections.filter((section) => section.part === "GOALS")).toHaveLength(5);
    expect(cycle.sections.filter((section) => section.part === "METHODS")).toHaveLength(10);
    expect(cycle.deadlines.map((deadline) => deadline.level).sort()).toEqual(["CITY", "COUNTY", "HQ", "PROVINCE"]);
    expect(cycle.plans).toHaveLength(await prisma.orgUnit.count());
    expect(new Set(cycle.plans.map((plan) => plan.status))).toEqual(new Set(["DRAFT"]));
  });

  it("closes FY2026 with every plan APPROVED bottom-up, versions and events as an approval leaves them", async () => {
    const prisma = getDb().prisma;
    const cycle = await prisma.planCycle.findUniqueOrThrow({ where: { code: "FY2026" }, include: { plans: true } });
    expect(cycle.status).toBe("CLOSED");
    expect(cycle.plans).toHaveLength(38);
    expect(new Set(cycle.plans.map((plan) => plan.status))).toEqual(new Set(["APPROVED"]));
    const versions = await prisma.planVersion.groupBy({
      by: ["kind"],
      where: { plan: { cycleId: cycle.id } },
      _count: { _all: true },
    });
    expect(Object.fromEntries(versions.map((row) => [row.kind, row._count._all]))).toEqual({ SUBMITTED: 38, APPROVED: 38 });
    const approvals = await prisma.workflowEvent.findMany({
      where: { plan: { cycleId: cycle.id }, action: "APPROVE" },
      include: { actor: true, plan: { include: { orgUnit: true } } },
    });
    const conghua = approvals.find((event) => event.plan.orgUnit.code === "CONGHUA")!;
    expect(conghua.actor?.login).toBe("gz.reviewer");
    expect(approvals.find((event) => event.plan.orgUnit.code === "HQ")!.actor?.login).toBe("hq.admin");
  });

  it("keeps FY2026's maintained summary equal to its cells, independently summed", async () => {
    const rows = await getDb().migrationsExecutor.query<{ summary: string; cells: string; own: string }>(`
      SELECT
        (SELECT sum(s."baseSum")::text FROM "TargetSummary" s JOIN "PlanCycle" c ON c.id = s."cycleId" JOIN "OrgUnit" u ON u.id = s."orgUnitId"
          WHERE c.code = 'FY2026' AND u.code = 'HQ' AND s.scope = 'SUBTREE' AND s.basis = 'APPROVED' AND s."channelKey" = '') AS summary,
        (SELECT sum(t."baseValue")::text FROM "TargetCell" t JOIN "Plan" p ON p.id = t."planId" JOIN "PlanCycle" c ON c.id = p."cycleId"
          WHERE c.code = 'FY2026' AND t."channelId" IS NULL) AS cells,
        (SELECT count(*)::text FROM "TargetSummary" s JOIN "PlanCycle" c ON c.id = s."cycleId" JOIN "OrgUnit" u ON u.id = s."orgUnitId"
          WHERE c.code = 'FY2026' AND s.scope = 'OWN' AND u.level <> 'COUNTY') AS own`);
    expect(rows[0]!.summary).toBe(rows[0]!.cells);
    // Parents have no own items: their targets are exactly their counties' roll-up.
    expect(rows[0]!.own).toBe("0");
  });

  it("stores the fixed seed time, exact decimals and the canonical dimension key", async () => {
    const prisma = getDb().prisma;
    const spec = await prisma.productSpec.findUniqueOrThrow({ where: { code: "ZP-RED-500" } });
    expect(spec.unitPrice.toFixed(2)).toBe("828.00");
    expect(spec.unitCost.toFixed(2)).toBe("397.44");
    const row = await prisma.salesActual.findFirstOrThrow({ where: { productSpecId: spec.id }, include: { channel: true } });
    expect(row.dimensionKey).toBe(`spec=${spec.id};channel=${row.channelId}`);
    expect(row.updatedAt.toISOString()).toBe(DEMO_SEEDED_AT.toISOString());
    const user = await prisma.user.findUniqueOrThrow({ where: { login: "gz.planner" } });
    expect(user.createdAt.toISOString()).toBe(DEMO_SEEDED_AT.toISOString());
  });

  it("lets every demo login sign in with the demo password, and no other", async () => {
    const users = await getDb().prisma.user.findMany({ select: { login: true, passwordHash: true } });
    expect(users).toHaveLength(70);
    const results = await Promise.all(users.map((user) => verifyPassword(DEMO_PASSWORD, user.passwordHash)));
    expect(results.every(Boolean)).toBe(true);
    const sample = users.find((user) => user.login === "gd.reviewer")!;
    expect(await verifyPassword("demo12345", sample.passwordHash)).toBe(false);
    expect(new Set(users.map((user) => user.passwordHash)).size).toBe(users.length);
  });

  it("gives a manager both roles at their unit with one login, and a planner or reviewer one role", async () => {
    const prisma = getDb().prisma;
    const rolesOf = async (login: string) =>
      (
        await prisma.roleAssignment.findMany({
          where: { user: { login } },
          select: { role: true, orgUnit: { select: { code: true } } },
          orderBy: { role: "asc" },
        })
      ).map((row) => `${row.role}@${row.orgUnit.code}`);
    expect(await rolesOf("gz.manager")).toEqual(["PLANNER@GZ", "REVIEWER@GZ"]);
    expect(await rolesOf("ha.manager")).toEqual(["PLANNER@HA", "REVIEWER@HA"]);
    expect(await rolesOf("gz.planner")).toEqual(["PLANNER@GZ"]);
    expect(await rolesOf("gd.reviewer")).toEqual(["REVIEWER@GD"]);
    expect(await rolesOf("conghua.planner")).toEqual(["PLANNER@CONGHUA"]);
    expect(await rolesOf("hq.admin")).toEqual(["HQ_ADMIN@HQ"]);
    // Every user holds at least one role.
    expect(await prisma.user.count({ where: { roleAssignments: { none: {} } } })).toBe(0);
  });

  it("books the year-end rebate per distributor, keyed canonically, and every other expense line for the county or a terminal", async () => {
    const prisma = getDb().prisma;
    // Booked in December: 2025's are there; 2026's are not yet (actuals through October).
    expect(await prisma.expenseActual.count({ where: { item: { code: "CHANNEL_DISTRIBUTOR_REBATE" }, year: 2026 } })).toBe(0);
    const rebate = await prisma.expenseActual.findMany({
      where: { item: { code: "CHANNEL_DISTRIBUTOR_REBATE" }, year: 2025 },
      select: { month: true, distributorId: true, terminalId: true, dimensionKey: true },
    });
    expect(rebate).toHaveLength(78);
    expect(
      rebate.every(
        (row) => row.month === 12 && row.terminalId === null && row.dimensionKey === `distributor=${row.distributorId}`,
      ),
    ).toBe(true);
    expect(
      await prisma.expenseActual.count({
        where: { distributorId: { not: null }, item: { code: { not: "CHANNEL_DISTRIBUTOR_REBATE" } } },
      }),
    ).toBe(0);
  });

  it("is idempotent: a second run inserts nothing and changes nothing", async () => {
    const db = getDb();
    const before = await checksum(db);
    const second = await seedDemoCompany(db.prisma);
    expect(second.insertedTotal).toBe(0);
    expect(Object.values(second.inserted).every((count) => count === 0)).toBe(true);
    expect(await checksum(db)).toEqual(before);
    expect(await countDatabase(db.prisma)).toEqual(describeSeed());
  });

  it("leaves rows edited since the seed alone", async () => {
    const prisma = getDb().prisma;
    await prisma.orgUnit.update({ where: { code: "GZ" }, data: { nameZh: "广州办事处（改名）" } });
    const third = await seedDemoCompany(prisma);
    expect(third.insertedTotal).toBe(0);
    expect((await prisma.orgUnit.findUniqueOrThrow({ where: { code: "GZ" } })).nameZh).toBe("广州办事处（改名）");
  });
});

describe("seedDemoCompany into a database with foreign rows", () => {
  it("refuses, naming the conflict, when a unit with a demo code was created by someone else", async () => {
    const db = await createTestDatabase();
    try {
      await createOrgUnit(db.prisma, { level: "HQ", code: "HQ" });
      await expect(seedDemoCompany(db.prisma)).rejects.toThrow(SeedConflictError);
      await expect(seedDemoCompany(db.prisma)).rejects.toThrow(/OrgUnit HQ/);
      // Nothing was written.
      expect(await db.prisma.user.count()).toBe(0);
      expect(await db.prisma.orgUnit.count()).toBe(1);
    } finally {
      await db.close();
    }
  });

  it("can seed without history, for fast browser tests", async () => {
    const db = await createTestDatabase();
    try {
      const report = await seedDemoCompany(db.prisma, { history: false });
      expect(report.counts.salesActualsByYear).toEqual({ "2025": 0, "2026": 0 });
      expect(await countDatabase(db.prisma)).toEqual(describeSeed({ history: false }));
      // FY2027's drafts and FY2026's approved plans (without targets: they come from the history).
      expect(await db.prisma.plan.count()).toBe(76);
      expect(await db.prisma.targetCell.count()).toBe(0);
    } finally {
      await db.close();
    }
  });
});
