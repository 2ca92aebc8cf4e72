import { isDirectParent } from "@pyramid/domain";
import { describe, expect, it } from "vitest";
import { verifyPassword } from "../src/password.js";
import {
  TEST_PASSWORD,
  assignRole,
  createDistributor,
  createOrgChain,
  createOrgUnit,
  createPlan,
  createPlanCycle,
  createProductSpec,
  createTerminal,
  createTownship,
  createUser,
  ensureExpenseTree,
  ensureStandardMetrics,
} from "../src/testing/factories.js";
import { seedDemoCompany } from "../src/seed/seed-demo-company.js";
import { useTestDatabase } from "../src/testing/test-database.js";

const getDb = useTestDatabase();

describe("factories", () => {
  it("build an org chain with materialised paths of ids", async () => {
    const { hq, province, city, county } = await createOrgChain(getDb().prisma);
    expect(hq.path).toBe(`/${hq.id}/`);
    expect(county.path).toBe(`/${hq.id}/${province.id}/${city.id}/${county.id}/`);
    expect([hq.depth, province.depth, city.depth, county.depth]).toEqual([1, 2, 3, 4]);
    expect(isDirectParent(city.path, county.path)).toBe(true);
    const subtree = await getDb().prisma.orgUnit.findMany({ where: { path: { startsWith: province.path } } });
    expect(subtree.map((unit) => unit.id).sort()).toEqual([province.id, city.id, county.id].sort());
  });

  it("create users whose password verifies, and two of them never collide", async () => {
    const unit = await createOrgUnit(getDb().prisma, { level: "HQ" });
    const { user, password } = await createUser(getDb().prisma, { orgUnitId: unit.id, role: "REVIEWER" });
    const other = await createUser(getDb().prisma, { orgUnitId: unit.id, password: "another-secret" });
    expect(password).toBe(TEST_PASSWORD);
    expect(user.login).not.toBe(other.user.login);
    expect(await verifyPassword(TEST_PASSWORD, user.passwordHash)).toBe(true);
    expect(await verifyPassword(TEST_PASSWORD, other.user.passwordHash)).toBe(false);
    const rolesOf = async (userId: string) =>
      (await getDb().prisma.roleAssignment.findMany({ where: { userId }, select: { role: true, orgUnitId: true } }))
        .map((row) => `${row.role}@${row.orgUnitId}`)
        .sort();
    expect(await rolesOf(user.id)).toEqual([`REVIEWER@${unit.id}`]);
    expect(await rolesOf(other.user.id)).toEqual([`PLANNER@${unit.id}`]);
  });

  it("create a manager holding several roles at one unit, and give a user a role at another unit", async () => {
    const prisma = getDb().prisma;
    const { city, county } = await createOrgChain(prisma);
    const { user, assignments } = await createUser(prisma, { orgUnitId: city.id, roles: ["PLANNER", "REVIEWER"] });
    expect(assignments.map((assignment) => assignment.role).sort()).toEqual(["PLANNER", "REVIEWER"]);
    await assignRole(prisma, { userId: user.id, role: "VIEWER", orgUnitId: county.id, grantedById: user.id });
    const stored = await prisma.roleAssignment.findMany({ where: { userId: user.id }, orderBy: { role: "asc" } });
    expect(stored.map((row) => [row.role, row.orgUnitId === city.id ? "city" : "county"])).toEqual([
      ["PLANNER", "city"],
      ["REVIEWER", "city"],
      ["VIEWER", "county"],
    ]);
  });

  it("create a cycle with the standard template and deadlines, and a plan in it", async () => {
    const prisma = getDb().prisma;
    const { county } = await createOrgChain(prisma);
    const cycle = await createPlanCycle(prisma, { year: 2030 });
    const plan = await createPlan(prisma, { cycleId: cycle.id, orgUnitId: county.id });
    const loaded = await prisma.planCycle.findUniqueOrThrow({
      where: { id: cycle.id },
      include: { sections: true, deadlines: true },
    });
    expect(loaded.status).toBe("OPEN");
    expect(loaded.sections).toHaveLength(28);
    expect(loaded.deadlines).toHaveLength(4);
    expect(plan).toMatchObject({ status: "DRAFT", version: 1, orgUnitId: county.id });
    const bare = await createPlanCycle(prisma, { withTemplate: false, deadlines: null });
    expect(await prisma.planTemplateSection.count({ where: { cycleId: bare.id } })).toBe(0);
  });

  it("create planning dimensions owned by a county", async () => {
    const prisma = getDb().prisma;
    const { county } = await createOrgChain(prisma);
    const township = await createTownship(prisma, { countyId: county.id });
    const terminal = await createTerminal(prisma, { countyId: county.id, classCode: "A", townshipId: township.id });
    const level1 = await createDistributor(prisma, { countyId: county.id });
    const level2 = await createDistributor(prisma, { countyId: county.id, parent: level1 });
    const spec = await createProductSpec(prisma, { unitPrice: "0.10", unitCost: "0.20" });
    expect(terminal).toMatchObject({ classCode: "A", isCore: true, countyId: county.id, townshipId: township.id });
    expect([level1.level, level2.level, level2.parentId]).toEqual([1, 2, level1.id]);
    expect(spec.unitPrice.plus(spec.unitCost).toFixed(2)).toBe("0.30");
  });

  it("ensure the standard metrics and expense tree without duplicating the demo company's", async () => {
    const prisma = getDb().prisma;
    const metrics = await ensureStandardMetrics(prisma);
    const items = await ensureExpenseTree(prisma);
    expect(metrics.size).toBe(6);
    expect(items.size).toBe(33);
    // The demo seed recognises them as its own (same deterministic ids) and adds the rest.
    const report = await seedDemoCompany(prisma, { history: false });
    expect(report.inserted.Metric).toBe(0);
    expect(report.inserted.ExpenseItem).toBe(0);
    expect(await prisma.metric.count()).toBe(6);
    expect((await ensureStandardMetrics(prisma)).size).toBe(6);
  });
});
