// The dashboard on the demo company (docs/demo-company.md): 广州's city manager opens 2026, whose
// plans (FY2026) were approved and whose actuals run through October. Every expected figure is
// plain SQL over the seeded cells and actuals (an independent oracle), never the code under test.
import { ApolloServer } from "@apollo/server";
import { seedDemoCompany } from "@pyramid/db";
import { useTestDatabase } from "@pyramid/db/testing";
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
let manager: Viewer;

beforeAll(async () => {
  const { prisma, dataAccess } = getDb();
  await seedDemoCompany(prisma);
  const user = await prisma.user.findUniqueOrThrow({
    where: { login: "gz.manager" },
    include: { roleAssignments: { include: { orgUnit: true } } },
  });
  manager = {
    userId: user.id,
    assignments: user.roleAssignments.map((a) => ({ role: a.role, orgUnitId: a.orgUnitId, orgUnitPath: a.orgUnit.path })),
  };
  apollo = new ApolloServer<RequestContext>({ schema: createSchema(), formatError: createErrorFormatter() });
  await apollo.start();
  services = createServices({ dataAccess, version: "test", log: { error: () => undefined } });
}, 600_000);

async function dashboard(unitCode: string, metric = "SALES_REVENUE") {
  const response = await apollo.executeOperation(
    {
      query: `query($u: String!, $m: DashboardMetric) { dashboard(unitCode: $u, year: 2026, metric: $m) {
        throughMonth lastActualMonth yearTarget toDate { target actual rate }
        children { unit { code } target actual rate rank }
        expenses { code target actual } } }`,
      variables: { u: unitCode, m: metric },
    },
    {
      contextValue: {
        viewer: manager,
        services,
        session: NO_SESSION,
        request: { requestId: "dash-demo", clientAddress: "127.0.0.1", userAgent: null },
      },
    },
  );
  if (response.body.kind !== "single") throw new Error("expected a single result");
  expect(response.body.singleResult.errors).toBeUndefined();
  return (response.body.singleResult.data as { dashboard: Record<string, any> }).dashboard;
}

/** Per unit under `parent` (each its whole subtree): FY2026 target figures and 2026 actuals, months 1..10. */
async function sqlChildren(parentCode: string, metricCode: string) {
  return getDb().migrationsExecutor.query<{ code: string; target: string; actual: string; rate: string }>(
    `WITH kids AS (
       SELECT k.id, k.code, k.path FROM "OrgUnit" k JOIN "OrgUnit" p ON p.id = k."parentId" WHERE p.code = $1
     ),
     t AS (
       SELECT kids.code, sum(c."baseValue") AS v
       FROM kids JOIN "OrgUnit" u ON u.path LIKE kids.path || '%'
       JOIN "Plan" pl ON pl."orgUnitId" = u.id JOIN "PlanCycle" cy ON cy.id = pl."cycleId" AND cy.code = 'FY2026'
       JOIN "TargetCell" c ON c."planId" = pl.id AND c."channelId" IS NULL AND c.month <= 10
       JOIN "Metric" m ON m.id = c."metricId" AND m.code = $2
       GROUP BY kids.code
     ),
     a AS (
       SELECT kids.code, sum(s.value) AS v
       FROM kids JOIN "OrgUnit" u ON u.path LIKE kids.path || '%'
       JOIN "SalesActual" s ON s."orgUnitId" = u.id AND s.year = 2026 AND s.month <= 10
       JOIN "Metric" m ON m.id = s."metricId" AND m.code = $2
       GROUP BY kids.code
     )
     SELECT t.code, t.v::text AS target, a.v::text AS actual, round(a.v / t.v, 6)::text AS rate
     FROM t JOIN a ON a.code = t.code
     ORDER BY a.v / t.v DESC`,
    [parentCode, metricCode],
  );
}

describe("the dashboard on the demo company", () => {
  it("ranks 广州's counties on 2026 through October, each figure equal to plain SQL", async () => {
    const board = await dashboard("GZ");
    expect(board["lastActualMonth"]).toBe(10);
    expect(board["throughMonth"]).toBe(10);
    const expected = await sqlChildren("GZ", "SALES_REVENUE");
    expect(expected).toHaveLength(3);
    expect(board["children"].map((c: Record<string, any>) => [c.unit.code, c.target, c.actual, c.rate])).toEqual(
      expected.map((row) => [row.code, row.target, row.actual, row.rate]),
    );
    expect(board["children"].map((c: Record<string, any>) => c.rank)).toEqual([1, 2, 3]);
  });

  it("gives collection by child the same way, and the city's own total as the sum of its counties", async () => {
    const board = await dashboard("GZ", "COLLECTION");
    const expected = await sqlChildren("GZ", "COLLECTION");
    expect(board["children"].map((c: Record<string, any>) => [c.unit.code, c.target, c.actual])).toEqual(
      expected.map((row) => [row.code, row.target, row.actual]),
    );
    const sum = (key: "target" | "actual") => expected.reduce((total, row) => total + BigInt(row[key].replace(".", "")), 0n);
    const yuan = (fen: bigint) => `${fen / 100n}.${(fen % 100n).toString().padStart(2, "0")}`;
    expect(board["toDate"]).toMatchObject({ target: yuan(sum("target")), actual: yuan(sum("actual")) });
  });

  it("spreads 2026's completion on both sides of 85 % and 100 % across the 26 counties", async () => {
    const counties = [
      ...(await sqlChildren("GZ", "SALES_REVENUE")),
      ...(await sqlChildren("FS", "SALES_REVENUE")),
      ...(await sqlChildren("ZJ", "SALES_REVENUE")),
      ...(await sqlChildren("NJ", "SALES_REVENUE")),
      ...(await sqlChildren("SZ", "SALES_REVENUE")),
      ...(await sqlChildren("XZ", "SALES_REVENUE")),
      ...(await sqlChildren("ZZ", "SALES_REVENUE")),
      ...(await sqlChildren("LY", "SALES_REVENUE")),
    ];
    expect(counties).toHaveLength(26);
    expect(counties.filter((row) => Number(row.rate) >= 1).length).toBeGreaterThanOrEqual(3);
    expect(counties.filter((row) => Number(row.rate) < 0.85).length).toBeGreaterThanOrEqual(3);
  });

  it("compares 广州's spending with its approved budget per category, through October", async () => {
    const board = await dashboard("GZ");
    const rows = await getDb().migrationsExecutor.query<{ code: string; budget: string; actual: string }>(
      `SELECT cat.code,
         coalesce((SELECT sum(e.amount) FROM "ExpenseCell" e JOIN "Plan" p ON p.id = e."planId" JOIN "PlanCycle" cy ON cy.id = p."cycleId"
           JOIN "OrgUnit" u ON u.id = p."orgUnitId" JOIN "ExpenseItem" i ON i.id = e."itemId"
           WHERE cy.code = 'FY2026' AND u.path LIKE g.path || '%' AND i."categoryId" = cat.id AND e.month <= 10), 0)::numeric(20, 2)::text AS budget,
         coalesce((SELECT sum(a.amount) FROM "ExpenseActual" a JOIN "OrgUnit" u ON u.id = a."orgUnitId" JOIN "ExpenseItem" i ON i.id = a."itemId"
           WHERE a.year = 2026 AND a.month <= 10 AND u.path LIKE g.path || '%' AND i."categoryId" = cat.id), 0)::numeric(20, 2)::text AS actual
       FROM "ExpenseCategory" cat CROSS JOIN (SELECT path FROM "OrgUnit" WHERE code = 'GZ') g
       ORDER BY cat."sortOrder"`,
    );
    expect(board["expenses"].map((row: Record<string, string>) => [row["code"], row["target"], row["actual"]])).toEqual(
      rows.map((row) => [row.code, row.budget, row.actual]),
    );
  });
});
