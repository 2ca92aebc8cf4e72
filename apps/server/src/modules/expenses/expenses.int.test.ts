// The expense budget through the real schema, access rules and error map (the GraphQL
// harness), on a small world built by the factories: HQ → province → city → counties A–D,
// one cycle, a plan per unit, a planner per county. Every expected figure is worked by hand
// from what the test writes (in the comments beside it), never read back from the code.
import {
  createDistributor,
  createOrgUnit,
  createPlan,
  createPlanCycle,
  createTerminal,
  createUser,
  ensureExpenseTree,
  ensureStandardMetrics,
  useTestDatabase,
  type Db,
} from "@pyramid/db/testing";
import { cellDimensionKey, MAX_EXPENSE_CHANGES_PER_SAVE, type Role } from "@pyramid/domain";
import { beforeAll, describe, expect, it } from "vitest";
import { startGraphQLHarness, type GraphQLHarness } from "../../testing/graphql-harness.js";
import type { Viewer } from "../../viewer.js";

const getDb = useTestDatabase();
let harness: GraphQLHarness;

beforeAll(async () => {
  harness = await startGraphQLHarness(getDb().dataAccess);
});

const YEAR = 2027;

const SAVE = `
  mutation Save($planId: ID!, $changes: [ExpenseCellChangeInput!]!) {
    saveExpenseCells(planId: $planId, changes: $changes) {
      __typename
      ... on ExpenseCellsSaved { planId cells { itemId month terminalId distributorId dimensionKey id version amount } }
      ... on ExpenseCellsConflict {
        planId message
        conflicts { itemId month dimensionKey expectedVersion current { amount version updatedBy { login displayName } } }
      }
    }
  }`;

const TRANSFER = `
  mutation Transfer($input: TransferExpenseInput!) {
    transferExpense(input: $input) {
      transfers { id fromItemCode toItemCode categoryCode month amount reason actor { login } fromBefore fromAfter toBefore toAfter }
      cells { itemId month amount version }
    }
  }`;

const AMOUNTS = "amounts { months total lastYear yearBefore }";
const EXPENSES = `
  query Expenses($unitCode: String!, $year: Int!) {
    plan(unitCode: $unitCode, year: $year) {
      expenses {
        planId cap left maxChangesPerSave lastYearActualThroughMonth
        ${AMOUNTS}
        capExcesses { scope code amount cap excess }
        findings { code params { name value } }
        categories {
          code cap left ${AMOUNTS}
          items {
            itemId code detailDimension ${AMOUNTS}
            lines { terminalId distributorId dimensionKey total lastYear yearBefore months { month cellId amount version lastYear yearBefore } }
          }
        }
      }
      expenseTransfers { fromItemCode toItemCode categoryCode month amount reason actor { login } fromBefore fromAfter toBefore toAfter }
    }
  }`;

const RATIO =
  "current siblingCount lastYear { year reference delta relativeDelta } yearBefore { year reference delta relativeDelta } siblings { reference delta relativeDelta }";
const RATIOS = `
  query Ratios($unitCode: String!, $year: Int!) {
    plan(unitCode: $unitCode, year: $year) {
      expenseRatios {
        basis { year actualThroughMonth expense salesRevenue grossProfit }
        total { categoryCode expense expenseToSales { ${RATIO} } expensePerGrossProfit { ${RATIO} } }
        categories { categoryCode expense expenseToSales { ${RATIO} } expensePerGrossProfit { ${RATIO} } }
        findings { code params { name value } }
      }
    }
  }`;

interface Amounts {
  months: string[];
  total: string;
  lastYear: string | null;
  yearBefore: string | null;
}
interface Line {
  terminalId: string | null;
  distributorId: string | null;
  dimensionKey: string;
  total: string;
  lastYear: string | null;
  yearBefore: string | null;
  months: {
    month: number;
    cellId: string | null;
    amount: string;
    version: number | null;
    lastYear: string | null;
    yearBefore: string | null;
  }[];
}
interface Item {
  itemId: string;
  code: string;
  detailDimension: string | null;
  amounts: Amounts;
  lines: Line[];
}
interface Expenses {
  planId: string;
  cap: string | null;
  left: string | null;
  maxChangesPerSave: number;
  lastYearActualThroughMonth: number;
  amounts: Amounts;
  capExcesses: { scope: string; code: string | null; amount: string; cap: string; excess: string }[];
  findings: { code: string; params: { name: string; value: string }[] }[];
  categories: { code: string; cap: string | null; left: string | null; amounts: Amounts; items: Item[] }[];
}
interface Transfer {
  fromItemCode: string;
  toItemCode: string;
  categoryCode: string;
  month: number;
  amount: string;
  reason: string;
  actor: { login: string } | null;
  fromBefore: string | null;
  fromAfter: string | null;
  toBefore: string | null;
  toAfter: string | null;
}

interface Change {
  itemId: string;
  month: number;
  terminalId?: string | null;
  distributorId?: string | null;
  amount: string | null;
  expectedVersion?: number | null;
}

interface Unit {
  id: string;
  code: string;
  path: string;
  depth: number;
  planId: string;
}
interface Person {
  viewer: Viewer;
  login: string;
}
interface World {
  cycleId: string;
  items: Map<string, string>;
  metrics: Map<string, string>;
  city: Unit;
  counties: [Unit, Unit, Unit, Unit];
  terminals: { a1: string; a2: string; b1: string };
  distributorA: string;
  planners: [Person, Person, Person, Person];
}

let counter = 0;

async function person(prisma: Db, unit: Unit, role: Role, name: string): Promise<Person> {
  const login = `${name}.${++counter}`;
  const { user } = await createUser(prisma, { orgUnitId: unit.id, role, login, displayName: `测试 ${name}` });
  return {
    login,
    viewer: { userId: user.id, sessionId: `s-${login}`, assignments: [{ role, orgUnitId: unit.id, orgUnitPath: unit.path }] },
  };
}

async function buildWorld(): Promise<World> {
  const { prisma } = getDb();
  const metrics = await ensureStandardMetrics(prisma);
  const items = await ensureExpenseTree(prisma);
  const cycle = await createPlanCycle(prisma, { year: YEAR });
  const unit = async (level: "HQ" | "PROVINCE" | "CITY" | "COUNTY", parent?: Unit): Promise<Unit> => {
    const row = await createOrgUnit(prisma, { level, parent: parent ?? null });
    const plan = await createPlan(prisma, { cycleId: cycle.id, orgUnitId: row.id });
    return { id: row.id, code: row.code, path: row.path, depth: row.depth, planId: plan.id };
  };
  const hq = await unit("HQ");
  const province = await unit("PROVINCE", hq);
  const city = await unit("CITY", province);
  const counties = [
    await unit("COUNTY", city),
    await unit("COUNTY", city),
    await unit("COUNTY", city),
    await unit("COUNTY", city),
  ] as [Unit, Unit, Unit, Unit];
  const [a, b] = counties;
  const terminals = {
    a1: (await createTerminal(prisma, { countyId: a.id })).id,
    a2: (await createTerminal(prisma, { countyId: a.id })).id,
    b1: (await createTerminal(prisma, { countyId: b.id })).id,
  };
  const distributorA = (await createDistributor(prisma, { countyId: a.id })).id;
  const planners = (await Promise.all(counties.map((county, index) => person(prisma, county, "PLANNER", `p${index}`)))) as [
    Person,
    Person,
    Person,
    Person,
  ];
  return {
    cycleId: cycle.id,
    items: new Map([...items].map(([code, item]) => [code, item.id])),
    metrics: new Map([...metrics].map(([code, metric]) => [code, metric.id])),
    city,
    counties,
    terminals,
    distributorA,
    planners,
  };
}

const item = (world: World, code: string) => world.items.get(code)!;

async function save(viewer: Viewer, planId: string, changes: Change[]) {
  const { data, errors } = await harness.run<{ saveExpenseCells: Record<string, unknown> & { __typename: string } }>(
    viewer,
    SAVE,
    {
      planId,
      changes,
    },
  );
  return { result: data?.saveExpenseCells ?? null, errors };
}

async function saved(viewer: Viewer, planId: string, changes: Change[]) {
  const { result, errors } = await save(viewer, planId, changes);
  expect(errors).toBeUndefined();
  if (result?.__typename !== "ExpenseCellsSaved") throw new Error(`expected ExpenseCellsSaved, got ${JSON.stringify(result)}`);
  return result["cells"] as {
    itemId: string;
    month: number;
    id: string | null;
    version: number | null;
    amount: string | null;
    dimensionKey: string;
  }[];
}

async function expensesOf(viewer: Viewer, unit: Unit): Promise<{ expenses: Expenses; expenseTransfers: Transfer[] }> {
  const data = await harness.ok<{ plan: { expenses: Expenses; expenseTransfers: Transfer[] } }>(viewer, EXPENSES, {
    unitCode: unit.code,
    year: YEAR,
  });
  return data.plan;
}

async function transfer(viewer: Viewer, input: Record<string, unknown>) {
  const { data, errors } = await harness.run<{
    transferExpense: { transfers: Transfer[]; cells: { itemId: string; month: number; amount: string; version: number }[] };
  }>(viewer, TRANSFER, { input });
  return { result: data?.transferExpense ?? null, errors };
}

/** Everything an expense write could have touched, to prove that a refused one touched nothing. */
async function snapshot() {
  const { prisma } = getDb();
  const cells = await prisma.expenseCell.findMany({ orderBy: { id: "asc" } });
  return {
    cells: cells.map((cell) => [String(cell.id), cell.amount.toFixed(2), cell.version]),
    audit: await prisma.auditLog.count(),
    transfers: await prisma.expenseTransfer.count(),
  };
}

function refusal(errors: readonly { extensions?: Record<string, unknown> }[] | undefined) {
  const extensions = errors?.[0]?.extensions ?? {};
  return { code: extensions["code"], reason: extensions["reason"] };
}

const findItem = (expenses: Expenses, code: string) => {
  for (const category of expenses.categories) {
    const found = category.items.find((candidate) => candidate.code === code);
    if (found) return found;
  }
  throw new Error(`no item ${code}`);
};
const category = (expenses: Expenses, code: string) => expenses.categories.find((candidate) => candidate.code === code)!;
const months = (...entries: [number, string][]) => {
  const all = new Array<string>(12).fill("0.00");
  for (const [month, amount] of entries) all[month - 1] = amount;
  return all;
};

describe("Plan.expenses", () => {
  it("answers lines × months with past spending over the subtree, exact totals by item, category and plan, caps and excesses", async () => {
    const world = await buildWorld();
    const { prisma } = getDb();
    const [a, b] = world.counties;
    const [pa] = world.planners;
    await saved(pa.viewer, a.planId, [
      { itemId: item(world, "PERSONNEL_SALARY"), month: 1, amount: "1,000" },
      { itemId: item(world, "PERSONNEL_SALARY"), month: 2, amount: "1000.00" },
      { itemId: item(world, "PERSONNEL_WELFARE"), month: 1, amount: "200.5" },
      { itemId: item(world, "CHANNEL_DISPLAY"), month: 3, amount: "300" },
      { itemId: item(world, "CHANNEL_DISPLAY"), month: 3, terminalId: world.terminals.a1, amount: "150.25" },
      { itemId: item(world, "CHANNEL_DISPLAY"), month: 3, terminalId: world.terminals.a2, amount: "49.75" },
      { itemId: item(world, "CHANNEL_DISTRIBUTOR_REBATE"), month: 12, distributorId: world.distributorA, amount: "500" },
    ]);
    // Past spending: county A's own rows, and one of county B (the city sums both).
    const actual = (orgUnitId: string, code: string, year: number, month: number, amount: string, terminalId?: string) =>
      prisma.expenseActual.create({
        data: {
          orgUnitId,
          itemId: item(world, code),
          year,
          month,
          amount,
          ...(terminalId ? { terminalId, dimensionKey: cellDimensionKey({ terminalId }) } : {}),
        },
      });
    await actual(a.id, "PERSONNEL_SALARY", 2026, 1, "900.00");
    await actual(a.id, "PERSONNEL_SALARY", 2026, 2, "950.00");
    await actual(a.id, "PERSONNEL_SALARY", 2025, 1, "800.00");
    await actual(a.id, "CHANNEL_DISPLAY", 2026, 3, "120.00", world.terminals.a1);
    await actual(b.id, "PERSONNEL_SALARY", 2026, 1, "100.00");
    // Caps: personnel 2,000.00 (the plan is over it by 200.50), the plan total 5,000.00.
    const personnel = await prisma.expenseCategory.findUniqueOrThrow({ where: { code: "PERSONNEL" } });
    await prisma.expenseCap.create({ data: { planId: a.planId, categoryId: personnel.id, amount: "2000.00" } });
    await prisma.plan.update({ where: { id: a.planId }, data: { approvedExpenseTotal: "5000.00" } });

    const { expenses } = await expensesOf(pa.viewer, a);
    expect(expenses.maxChangesPerSave).toBe(MAX_EXPENSE_CHANGES_PER_SAVE);
    // Y-1's last month with an expense actual is March (the terminal's display cost).
    expect(expenses.lastYearActualThroughMonth).toBe(3);
    expect(expenses.categories.map((c) => c.code)).toEqual(["PERSONNEL", "OFFICE", "MEDIA", "CHANNEL", "PROMOTION"]);
    expect(expenses.categories.flatMap((c) => c.items).length).toBe(33);

    // 工资: 1,000 + 1,000; Y-1 900 + 950 = 1,850; Y-2 800.
    const salary = findItem(expenses, "PERSONNEL_SALARY");
    expect(salary.amounts).toEqual({
      months: months([1, "1000.00"], [2, "1000.00"]),
      total: "2000.00",
      lastYear: "1850.00",
      yearBefore: "800.00",
    });
    expect(salary.lines).toHaveLength(1);
    expect(salary.lines[0]!.months[0]).toMatchObject({ amount: "1000.00", version: 1, lastYear: "900.00", yearBefore: "800.00" });
    expect(salary.lines[0]!.months[2]).toMatchObject({ cellId: null, amount: "0.00", version: null, lastYear: null });

    // 陈列: the unit line 300 + terminal lines 150.25 + 49.75 = 500.00, each counted once.
    const display = findItem(expenses, "CHANNEL_DISPLAY");
    expect(display.detailDimension).toBe("TERMINAL");
    expect(display.amounts.total).toBe("500.00");
    expect(display.amounts.months[2]).toBe("500.00");
    expect(display.amounts.lastYear).toBe("120.00");
    expect(display.lines.map((line) => [line.terminalId, line.total, line.lastYear])).toEqual(
      [
        [null, "300.00", null],
        [world.terminals.a1, "150.25", "120.00"],
        [world.terminals.a2, "49.75", null],
      ].sort((x, y) =>
        x[0] === null
          ? -1
          : y[0] === null
            ? 1
            : cellDimensionKey({ terminalId: x[0] }) < cellDimensionKey({ terminalId: y[0] })
              ? -1
              : 1,
      ),
    );
    const rebate = findItem(expenses, "CHANNEL_DISTRIBUTOR_REBATE");
    expect(rebate.detailDimension).toBe("DISTRIBUTOR");
    expect(rebate.lines.map((line) => [line.distributorId, line.total])).toEqual([
      [null, "0.00"],
      [world.distributorA, "500.00"],
    ]);

    // Personnel 2,000 + 200.50 = 2,200.50 against 2,000.00: 200.50 over. Channel 500 + 500 = 1,000.
    expect(category(expenses, "PERSONNEL")).toMatchObject({ cap: "2000.00", left: "-200.50" });
    expect(category(expenses, "PERSONNEL").amounts).toMatchObject({
      total: "2200.50",
      lastYear: "1850.00",
      yearBefore: "800.00",
    });
    expect(category(expenses, "CHANNEL").amounts).toMatchObject({ total: "1000.00", lastYear: "120.00", yearBefore: null });
    expect(category(expenses, "OFFICE")).toMatchObject({ cap: null, left: null, amounts: { total: "0.00", lastYear: null } });
    // The plan: 3,200.50 of 5,000.00 → 1,799.50 left; by month 1,200.50 · 1,000 · 500 · … · 500.
    expect(expenses.amounts).toEqual({
      months: months([1, "1200.50"], [2, "1000.00"], [3, "500.00"], [12, "500.00"]),
      total: "3200.50",
      lastYear: "1970.00",
      yearBefore: "800.00",
    });
    expect({ cap: expenses.cap, left: expenses.left }).toEqual({ cap: "5000.00", left: "1799.50" });
    expect(expenses.capExcesses).toEqual([
      { scope: "CATEGORY", code: "PERSONNEL", amount: "2200.50", cap: "2000.00", excess: "200.50" },
    ]);
    expect(
      expenses.findings.map((finding) => [finding.code, Object.fromEntries(finding.params.map((p) => [p.name, p.value]))]),
    ).toEqual([
      ["EXPENSE_OVER_CAP", { scope: "CATEGORY", scopeCode: "PERSONNEL", amount: "2200.50", cap: "2000.00", excess: "200.50" }],
    ]);

    // The city reads the spending of its whole subtree: 工资 Y-1 = A's 1,850 + B's 100.
    const cityPlanner = await person(prisma, world.city, "PLANNER", "city");
    const { expenses: city } = await expensesOf(cityPlanner.viewer, world.city);
    expect(findItem(city, "PERSONNEL_SALARY").amounts).toMatchObject({
      total: "0.00",
      lastYear: "1950.00",
      yearBefore: "800.00",
    });
  });
});

describe("saveExpenseCells", () => {
  it("creates, updates and deletes lines by version, audited per line; a change to the same amount writes nothing", async () => {
    const world = await buildWorld();
    const { prisma } = getDb();
    const [a] = world.counties;
    const [pa] = world.planners;
    const salary = item(world, "PERSONNEL_SALARY");
    const [created] = await saved(pa.viewer, a.planId, [{ itemId: salary, month: 4, amount: "¥1,234.5" }]);
    expect(created).toMatchObject({ month: 4, amount: "1234.50", version: 1, dimensionKey: "" });
    const [updated] = await saved(pa.viewer, a.planId, [{ itemId: salary, month: 4, amount: "1.5万", expectedVersion: 1 }]);
    expect(updated).toMatchObject({ amount: "15000.00", version: 2, id: created!.id });
    const auditBefore = await prisma.auditLog.count({ where: { entity: "ExpenseCell", planId: a.planId } });
    const [same] = await saved(pa.viewer, a.planId, [{ itemId: salary, month: 4, amount: "15000", expectedVersion: 2 }]);
    expect(same).toMatchObject({ amount: "15000.00", version: 2 });
    expect(await prisma.auditLog.count({ where: { entity: "ExpenseCell", planId: a.planId } })).toBe(auditBefore);
    const [deleted] = await saved(pa.viewer, a.planId, [{ itemId: salary, month: 4, amount: null, expectedVersion: 2 }]);
    expect(deleted).toMatchObject({ id: null, version: null, amount: null });
    const audit = await prisma.auditLog.findMany({ where: { entity: "ExpenseCell", planId: a.planId }, orderBy: { id: "asc" } });
    expect(
      audit.map((row) => [
        row.action,
        (row.before as { amount?: string } | null)?.amount ?? null,
        (row.after as { amount?: string } | null)?.amount ?? null,
        row.actorId,
      ]),
    ).toEqual([
      ["CREATE", null, "1234.50", pa.viewer.userId],
      ["UPDATE", "1234.50", "15000.00", pa.viewer.userId],
      ["DELETE", "15000.00", null, pa.viewer.userId],
    ]);
    expect(audit.every((row) => row.sessionId === pa.viewer.sessionId && row.requestId !== null && row.orgUnitId === a.id)).toBe(
      true,
    );
    expect(await prisma.expenseCell.count({ where: { planId: a.planId } })).toBe(0);
  });

  it("answers a stale line with what is there now and who put it there, and writes nothing of the batch", async () => {
    const world = await buildWorld();
    const { prisma } = getDb();
    const [a] = world.counties;
    const [pa] = world.planners;
    const other = await person(prisma, a, "PLANNER", "other");
    const salary = item(world, "PERSONNEL_SALARY");
    await saved(pa.viewer, a.planId, [{ itemId: salary, month: 1, amount: "100" }]);
    await saved(other.viewer, a.planId, [{ itemId: salary, month: 1, amount: "150", expectedVersion: 1 }]);
    const before = await snapshot();
    const { result, errors } = await save(pa.viewer, a.planId, [
      { itemId: salary, month: 2, amount: "999" },
      { itemId: salary, month: 1, amount: "120", expectedVersion: 1 },
    ]);
    expect(errors).toBeUndefined();
    expect(result).toMatchObject({
      __typename: "ExpenseCellsConflict",
      conflicts: [
        {
          itemId: salary,
          month: 1,
          dimensionKey: "",
          expectedVersion: 1,
          current: { amount: "150.00", version: 2, updatedBy: { login: other.login } },
        },
      ],
    });
    expect(await snapshot()).toEqual(before);
  });

  it("lets exactly one of 20 parallel saves of one line at one version through", async () => {
    const world = await buildWorld();
    const { prisma } = getDb();
    const [a] = world.counties;
    const [pa] = world.planners;
    const salary = item(world, "PERSONNEL_SALARY");
    await saved(pa.viewer, a.planId, [{ itemId: salary, month: 6, amount: "1" }]);
    const answers = await Promise.all(
      Array.from({ length: 20 }, (_, index) =>
        save(pa.viewer, a.planId, [{ itemId: salary, month: 6, amount: `${index + 10}`, expectedVersion: 1 }]),
      ),
    );
    expect(answers.every((answer) => answer.errors === undefined)).toBe(true);
    const winners = answers.filter((answer) => answer.result?.__typename === "ExpenseCellsSaved");
    expect(winners).toHaveLength(1);
    expect(answers.filter((answer) => answer.result?.__typename === "ExpenseCellsConflict")).toHaveLength(19);
    const line = await prisma.expenseCell.findFirstOrThrow({ where: { planId: a.planId, itemId: salary, month: 6 } });
    const winner = (winners[0]!.result!["cells"] as { amount: string }[])[0]!;
    expect([line.amount.toFixed(2), line.version]).toEqual([winner.amount, 2]);
    expect(await prisma.auditLog.count({ where: { entity: "ExpenseCell", planId: a.planId, action: "UPDATE" } })).toBe(1);
  });

  it("holds a category and the plan to their caps: exactly to the cap passes, one fen over is refused and writes nothing", async () => {
    const world = await buildWorld();
    const { prisma } = getDb();
    const [a] = world.counties;
    const [pa] = world.planners;
    const office = await prisma.expenseCategory.findUniqueOrThrow({ where: { code: "OFFICE" } });
    await prisma.expenseCap.create({ data: { planId: a.planId, categoryId: office.id, amount: "1000.00" } });
    await prisma.plan.update({ where: { id: a.planId }, data: { approvedExpenseTotal: "1500.00" } });
    // Office: rent 600 + travel 400 = 1,000.00, exactly the cap.
    const [rent, travel] = await saved(pa.viewer, a.planId, [
      { itemId: item(world, "OFFICE_RENT"), month: 1, amount: "600" },
      { itemId: item(world, "OFFICE_TRAVEL"), month: 1, amount: "400" },
    ]);
    let before = await snapshot();
    const overCategory = await save(pa.viewer, a.planId, [
      { itemId: item(world, "OFFICE_TRAVEL"), month: 1, amount: "400.01", expectedVersion: travel!.version },
    ]);
    expect(refusal(overCategory.errors)).toEqual({ code: "BUDGET_RULE_BROKEN", reason: "OVER_CAP" });
    expect(overCategory.errors?.[0]?.extensions?.["params"]).toMatchObject({
      scope: "CATEGORY",
      code: "OFFICE",
      cap: "1000.00",
      excess: "0.01",
    });
    expect(await snapshot()).toEqual(before);
    // Moving money inside the category keeps it at the cap: rent −100, travel +100 in one batch.
    await saved(pa.viewer, a.planId, [
      { itemId: item(world, "OFFICE_RENT"), month: 1, amount: "500", expectedVersion: rent!.version },
      { itemId: item(world, "OFFICE_TRAVEL"), month: 1, amount: "500", expectedVersion: travel!.version },
    ]);
    // The plan: office 1,000 + media 500 = 1,500.00, exactly the plan's cap; 0.01 more is refused.
    await saved(pa.viewer, a.planId, [{ itemId: item(world, "MEDIA_TV"), month: 2, amount: "500.00" }]);
    before = await snapshot();
    const overTotal = await save(pa.viewer, a.planId, [{ itemId: item(world, "MEDIA_RADIO"), month: 2, amount: "0.01" }]);
    expect(refusal(overTotal.errors)).toEqual({ code: "BUDGET_RULE_BROKEN", reason: "OVER_CAP" });
    expect(overTotal.errors?.[0]?.extensions?.["params"]).toMatchObject({ scope: "TOTAL", cap: "1500.00", excess: "0.01" });
    expect(await snapshot()).toEqual(before);
    // A cap lowered below what is budgeted (office 900.00 < 1,000.00): lowering a line passes, raising one does not.
    await prisma.expenseCap.update({
      where: { planId_categoryId: { planId: a.planId, categoryId: office.id } },
      data: { amount: "900.00" },
    });
    await saved(pa.viewer, a.planId, [{ itemId: item(world, "OFFICE_RENT"), month: 1, amount: "450", expectedVersion: 2 }]);
    const stillOver = await save(pa.viewer, a.planId, [
      { itemId: item(world, "OFFICE_RENT"), month: 1, amount: "450.01", expectedVersion: 3 },
    ]);
    expect(refusal(stillOver.errors)).toEqual({ code: "BUDGET_RULE_BROKEN", reason: "OVER_CAP" });
  });

  it("refuses bad input with a clear reason and writes nothing", async () => {
    const world = await buildWorld();
    const { prisma } = getDb();
    const [a, b] = world.counties;
    const [pa, pb] = world.planners;
    const salary = item(world, "PERSONNEL_SALARY");
    const display = item(world, "CHANNEL_DISPLAY");
    await saved(pa.viewer, a.planId, [{ itemId: salary, month: 1, amount: "100" }]);
    const before = await snapshot();
    const cases: [Change[], string, string][] = [
      [[{ itemId: salary, month: 2, amount: "abc" }], "VALIDATION_FAILED", "NOT_A_NUMBER"],
      [[{ itemId: salary, month: 2, amount: "1.005" }], "VALIDATION_FAILED", "TOO_MANY_DECIMALS"],
      [[{ itemId: salary, month: 2, amount: "100000000000000000000" }], "VALIDATION_FAILED", "TOO_LARGE"],
      [[{ itemId: salary, month: 2, amount: "-5" }], "VALIDATION_FAILED", "NEGATIVE"],
      [[{ itemId: salary, month: 13, amount: "5" }], "VALIDATION_FAILED", "INVALID_INPUT"],
      [[{ itemId: "no-such-item", month: 2, amount: "5" }], "VALIDATION_FAILED", "UNKNOWN_ITEM"],
      [[{ itemId: display, month: 2, terminalId: "no-such-terminal", amount: "5" }], "VALIDATION_FAILED", "UNKNOWN_TERMINAL"],
      [
        [{ itemId: display, month: 2, terminalId: world.terminals.b1, amount: "5" }],
        "VALIDATION_FAILED",
        "TERMINAL_OUTSIDE_UNIT",
      ],
      [[{ itemId: salary, month: 2, terminalId: world.terminals.a1, amount: "5" }], "VALIDATION_FAILED", "TERMINAL_NOT_ALLOWED"],
      [
        [{ itemId: display, month: 2, distributorId: world.distributorA, amount: "5" }],
        "VALIDATION_FAILED",
        "DISTRIBUTOR_NOT_ALLOWED",
      ],
      [
        [
          { itemId: salary, month: 2, amount: "5" },
          { itemId: salary, month: 2, amount: "6" },
        ],
        "VALIDATION_FAILED",
        "DUPLICATE_CELL",
      ],
      [
        Array.from({ length: MAX_EXPENSE_CHANGES_PER_SAVE + 1 }, (_, index) => ({
          itemId: salary,
          month: (index % 12) + 1,
          amount: "1",
        })),
        "VALIDATION_FAILED",
        "BATCH_TOO_LARGE",
      ],
    ];
    for (const [changes, code, reason] of cases) {
      // A good change first: a refused batch writes none of it.
      const { result, errors } = await save(pa.viewer, a.planId, [
        { itemId: item(world, "PERSONNEL_WELFARE"), month: 3, amount: "1" },
        ...changes,
      ]);
      expect({ result, ...refusal(errors) }).toEqual({ result: null, code, reason });
    }
    // Someone else's plan is not found, as a plan that does not exist.
    const foreign = await save(pb.viewer, a.planId, [{ itemId: salary, month: 2, amount: "5" }]);
    const missing = await save(pb.viewer, "no-such-plan", [{ itemId: salary, month: 2, amount: "5" }]);
    expect(refusal(foreign.errors)).toEqual({ code: "NOT_FOUND", reason: refusal(missing.errors).reason });
    expect(foreign.errors?.[0]?.message).toBe(missing.errors?.[0]?.message);
    // A reviewer of the city cannot write a county's lines at all.
    const reviewer = await person(prisma, world.city, "REVIEWER", "reviewer");
    expect(refusal((await save(reviewer.viewer, a.planId, [{ itemId: salary, month: 2, amount: "5" }])).errors).code).toBe(
      "FORBIDDEN",
    );
    // A submitted plan is not editable.
    await prisma.plan.update({ where: { id: b.planId }, data: { status: "SUBMITTED" } });
    expect(refusal((await save(pb.viewer, b.planId, [{ itemId: salary, month: 2, amount: "5" }])).errors)).toEqual({
      code: "INVALID_TRANSITION",
      reason: "PLAN_NOT_EDITABLE",
    });
    expect(await snapshot()).toEqual(before);
  });
});

describe("transferExpense", () => {
  it("moves money inside a category exactly to zero, refuses one fen more, across categories or without a reason, and logs before/after", async () => {
    const world = await buildWorld();
    const { prisma } = getDb();
    const [a] = world.counties;
    const [pa] = world.planners;
    const salary = item(world, "PERSONNEL_SALARY");
    const training = item(world, "PERSONNEL_TRAINING");
    const personnel = await prisma.expenseCategory.findUniqueOrThrow({ where: { code: "PERSONNEL" } });
    await prisma.expenseCap.create({ data: { planId: a.planId, categoryId: personnel.id, amount: "130.00" } });
    await saved(pa.viewer, a.planId, [
      { itemId: salary, month: 5, amount: "100" },
      { itemId: training, month: 5, amount: "30" },
    ]);
    // All of 工资's 100.00 in May to 培训: 0.00 and 130.00; the category stays at its cap of 130.00.
    const moved = await transfer(pa.viewer, {
      planId: a.planId,
      fromItemId: salary,
      toItemId: training,
      month: 5,
      amount: "100.00",
      reason: "  培训前移  ",
    });
    expect(moved.errors).toBeUndefined();
    expect(moved.result!.transfers).toEqual([
      {
        id: expect.any(String),
        fromItemCode: "PERSONNEL_SALARY",
        toItemCode: "PERSONNEL_TRAINING",
        categoryCode: "PERSONNEL",
        month: 5,
        amount: "100.00",
        reason: "培训前移",
        actor: { login: pa.login },
        fromBefore: "100.00",
        fromAfter: "0.00",
        toBefore: "30.00",
        toAfter: "130.00",
      },
    ]);
    expect(moved.result!.cells.map((cell) => [cell.itemId, cell.amount, cell.version])).toEqual([
      [salary, "0.00", 2],
      [training, "130.00", 2],
    ]);
    const before = await snapshot();
    const cases: [Record<string, unknown>, string, string][] = [
      [
        { fromItemId: salary, toItemId: training, month: 5, amount: "0.01", reason: "再调" },
        "BUDGET_RULE_BROKEN",
        "SOURCE_BELOW_ZERO",
      ],
      [
        { fromItemId: training, toItemId: item(world, "OFFICE_RENT"), month: 5, amount: "1", reason: "跨类" },
        "BUDGET_RULE_BROKEN",
        "CROSS_CATEGORY",
      ],
      [{ fromItemId: training, toItemId: training, month: 5, amount: "1", reason: "同项" }, "VALIDATION_FAILED", "SAME_LINE"],
      [
        { fromItemId: training, toItemId: salary, month: 5, amount: "0", reason: "零" },
        "VALIDATION_FAILED",
        "AMOUNT_NOT_POSITIVE",
      ],
      [{ fromItemId: training, toItemId: salary, month: 5, amount: "1", reason: "   " }, "VALIDATION_FAILED", "INVALID_INPUT"],
      [
        { fromItemId: training, toItemId: salary, month: 5, amount: "1.001", reason: "三位" },
        "VALIDATION_FAILED",
        "TOO_MANY_DECIMALS",
      ],
      [
        { fromItemId: training, toItemId: "no-such-item", month: 5, amount: "1", reason: "无项" },
        "VALIDATION_FAILED",
        "UNKNOWN_ITEM",
      ],
    ];
    for (const [input, code, reason] of cases) {
      const answer = await transfer(pa.viewer, { planId: a.planId, ...input });
      expect({ result: answer.result, ...refusal(answer.errors) }).toEqual({ result: null, code, reason });
    }
    const other = await transfer(world.planners[1].viewer, {
      planId: a.planId,
      fromItemId: training,
      toItemId: salary,
      month: 5,
      amount: "1",
      reason: "他人",
    });
    expect(refusal(other.errors).code).toBe("NOT_FOUND");
    expect(await snapshot()).toEqual(before);

    // The reviewer of the plan sees the virement with its reason and before/after.
    const reviewer = await person(prisma, world.city, "REVIEWER", "reviewer");
    const { expenseTransfers, expenses } = await expensesOf(reviewer.viewer, a);
    expect(expenseTransfers).toEqual([
      {
        fromItemCode: "PERSONNEL_SALARY",
        toItemCode: "PERSONNEL_TRAINING",
        categoryCode: "PERSONNEL",
        month: 5,
        amount: "100.00",
        reason: "培训前移",
        actor: { login: pa.login },
        fromBefore: "100.00",
        fromAfter: "0.00",
        toBefore: "30.00",
        toAfter: "130.00",
      },
    ]);
    expect(category(expenses, "PERSONNEL")).toMatchObject({ cap: "130.00", left: "0.00", amounts: { total: "130.00" } });
    const audit = await prisma.auditLog.findMany({ where: { entity: "ExpenseTransfer", planId: a.planId } });
    expect(
      audit.map((row) => [
        row.action,
        row.actorId,
        (row.before as { from: { amount: string } }).from.amount,
        (row.after as { to: { amount: string } }).to.amount,
      ]),
    ).toEqual([["EXPENSE_TRANSFER", pa.viewer.userId, "100.00", "130.00"]]);
  });

  it("moves a year's amount month by month in proportion to the source's months", async () => {
    const world = await buildWorld();
    const [a] = world.counties;
    const [pa] = world.planners;
    const tv = item(world, "MEDIA_TV");
    const radio = item(world, "MEDIA_RADIO");
    await saved(pa.viewer, a.planId, [
      { itemId: tv, month: 1, amount: "300" },
      { itemId: tv, month: 2, amount: "100" },
      { itemId: radio, month: 2, amount: "10" },
    ]);
    // 200 of the year's 400: January 200 × 300/400 = 150, February 200 × 100/400 = 50.
    const moved = await transfer(pa.viewer, {
      planId: a.planId,
      fromItemId: tv,
      toItemId: radio,
      amount: "200",
      reason: "改投电台",
    });
    expect(moved.errors).toBeUndefined();
    expect(moved.result!.transfers.map((t) => [t.month, t.amount, t.fromBefore, t.fromAfter, t.toBefore, t.toAfter])).toEqual([
      [1, "150.00", "300.00", "150.00", "0.00", "150.00"],
      [2, "50.00", "100.00", "50.00", "10.00", "60.00"],
    ]);
    const { expenses } = await expensesOf(pa.viewer, a);
    expect(findItem(expenses, "MEDIA_TV").amounts.months.slice(0, 2)).toEqual(["150.00", "50.00"]);
    expect(findItem(expenses, "MEDIA_RADIO").amounts.months.slice(0, 2)).toEqual(["150.00", "60.00"]);
    expect(category(expenses, "MEDIA").amounts.total).toBe("410.00");
    // More than the year holds: 200.01 of the 200.00 left.
    const over = await transfer(pa.viewer, {
      planId: a.planId,
      fromItemId: tv,
      toItemId: radio,
      amount: "200.01",
      reason: "再调",
    });
    expect(refusal(over.errors)).toEqual({ code: "BUDGET_RULE_BROKEN", reason: "SOURCE_BELOW_ZERO" });
  });
});

describe("transferExpense by status", () => {
  it("runs on the approved plan (in-year 微调) and is refused while the plan is with its reviewer", async () => {
    const world = await buildWorld();
    const { prisma } = getDb();
    const [a] = world.counties;
    const [pa] = world.planners;
    const tv = item(world, "MEDIA_TV");
    const radio = item(world, "MEDIA_RADIO");
    await saved(pa.viewer, a.planId, [{ itemId: tv, month: 7, amount: "80" }]);
    await prisma.plan.update({ where: { id: a.planId }, data: { status: "SUBMITTED" } });
    const before = await snapshot();
    const submitted = await transfer(pa.viewer, {
      planId: a.planId,
      fromItemId: tv,
      toItemId: radio,
      month: 7,
      amount: "30",
      reason: "审核中",
    });
    expect(refusal(submitted.errors)).toEqual({ code: "INVALID_TRANSITION", reason: "PLAN_NOT_EDITABLE" });
    expect(await snapshot()).toEqual(before);
    // Lines cannot be saved on the approved plan; a virement inside its totals can: 80 − 30 = 50, 0 + 30 = 30.
    await prisma.plan.update({ where: { id: a.planId }, data: { status: "APPROVED" } });
    const line = await save(pa.viewer, a.planId, [{ itemId: tv, month: 7, amount: "81", expectedVersion: 1 }]);
    expect(refusal(line.errors)).toEqual({ code: "INVALID_TRANSITION", reason: "PLAN_NOT_EDITABLE" });
    const approved = await transfer(pa.viewer, {
      planId: a.planId,
      fromItemId: tv,
      toItemId: radio,
      month: 7,
      amount: "30",
      reason: "年中微调",
    });
    expect(approved.errors).toBeUndefined();
    expect(approved.result!.cells.map((cell) => [cell.itemId, cell.amount, cell.version])).toEqual([
      [tv, "50.00", 2],
      [radio, "30.00", 1],
    ]);
  });
});

describe("Plan.expenseRatios", () => {
  it("answers 费用率 and expense per gross profit by category and in total, against Y-1, Y-2 and the siblings' median", async () => {
    const world = await buildWorld();
    const { prisma } = getDb();
    const [a] = world.counties;
    const revenue = world.metrics.get("SALES_REVENUE")!;
    const profit = world.metrics.get("GROSS_PROFIT")!;
    const targets = async (index: number, sales: string, grossProfit: string, expenses: [string, string][]) => {
      const unit = world.counties[index]!;
      const { viewer } = world.planners[index]!;
      const { errors } = await harness.run(
        viewer,
        `mutation($p: ID!, $c: [TargetCellChangeInput!]!) { saveTargetCells(planId: $p, changes: $c) { __typename } }`,
        {
          p: unit.planId,
          c: [
            { metricId: revenue, month: 1, baseValue: sales },
            { metricId: profit, month: 1, baseValue: grossProfit },
          ],
        },
      );
      expect(errors).toBeUndefined();
      await saved(
        viewer,
        unit.planId,
        expenses.map(([code, amount]) => ({ itemId: item(world, code), month: 1, amount })),
      );
    };
    // A: sales 100,000, gross profit 40,000; salaries 6,000 + display 2,000 = 8,000.
    await targets(0, "100000", "40000", [
      ["PERSONNEL_SALARY", "6000"],
      ["CHANNEL_DISPLAY", "2000"],
    ]);
    // Siblings: B 5,000 / 100,000 = 0.05 and 5,000 / 50,000 = 0.1; C 20,000 / 200,000 = 0.1 and 0.4;
    // D 7,000 / 100,000 = 0.07 and 7,000 / 35,000 = 0.2. Medians 0.07 and 0.2.
    await targets(1, "100000", "50000", [["PERSONNEL_SALARY", "5000"]]);
    await targets(2, "200000", "50000", [["PERSONNEL_SALARY", "20000"]]);
    await targets(3, "100000", "35000", [["CHANNEL_DISPLAY", "7000"]]);
    // History of A, whole years (December), so nothing is estimated: 2026 sales 80,000, gross
    // profit 30,000, salaries 4,000; 2025 sales 50,000, gross profit 20,000, salaries 5,000.
    const sales = (year: number, metricId: string, value: string) =>
      prisma.salesActual.create({ data: { orgUnitId: a.id, metricId, year, month: 12, value } });
    await sales(2026, revenue, "80000");
    await sales(2026, profit, "30000");
    await sales(2025, revenue, "50000");
    await sales(2025, profit, "20000");
    await prisma.expenseActual.create({
      data: { orgUnitId: a.id, itemId: item(world, "PERSONNEL_SALARY"), year: 2026, month: 12, amount: "4000" },
    });
    await prisma.expenseActual.create({
      data: { orgUnitId: a.id, itemId: item(world, "PERSONNEL_SALARY"), year: 2025, month: 12, amount: "5000" },
    });

    const data = await harness.ok<{
      plan: {
        expenseRatios: Record<string, unknown> & { findings: { code: string; params: { name: string; value: string }[] }[] };
      };
    }>(world.planners[0].viewer, RATIOS, { unitCode: a.code, year: YEAR });
    const ratios = data.plan.expenseRatios;
    expect(ratios["basis"]).toEqual([
      { year: 2027, actualThroughMonth: 12, expense: "8000.00", salesRevenue: "100000.00", grossProfit: "40000.00" },
      { year: 2026, actualThroughMonth: 12, expense: "4000.00", salesRevenue: "80000.00", grossProfit: "30000.00" },
      { year: 2025, actualThroughMonth: 12, expense: "5000.00", salesRevenue: "50000.00", grossProfit: "20000.00" },
    ]);
    // Total: 8,000 / 100,000 = 0.08; Y-1 4,000 / 80,000 = 0.05 (Δ 0.03, +60 %); Y-2 5,000 / 50,000 = 0.1
    // (Δ −0.02, −20 %); siblings' median 0.07 (Δ 0.01, 0.01 / 0.07 = 0.142857 to six places).
    // Per gross profit: 8,000 / 40,000 = 0.2; Y-1 4,000 / 30,000 = 0.133333 (Δ 0.066667, ÷ 0.133333 = 0.500004);
    // Y-2 5,000 / 20,000 = 0.25 (Δ −0.05, −20 %); median 0.2 (Δ 0).
    expect(ratios["total"]).toEqual({
      categoryCode: null,
      expense: "8000.00",
      expenseToSales: {
        current: "0.08",
        siblingCount: 3,
        lastYear: { year: 2026, reference: "0.05", delta: "0.03", relativeDelta: "0.6" },
        yearBefore: { year: 2025, reference: "0.1", delta: "-0.02", relativeDelta: "-0.2" },
        siblings: { reference: "0.07", delta: "0.01", relativeDelta: "0.142857" },
      },
      expensePerGrossProfit: {
        current: "0.2",
        siblingCount: 3,
        lastYear: { year: 2026, reference: "0.133333", delta: "0.066667", relativeDelta: "0.500004" },
        yearBefore: { year: 2025, reference: "0.25", delta: "-0.05", relativeDelta: "-0.2" },
        siblings: { reference: "0.2", delta: "0", relativeDelta: "0" },
      },
    });
    const categories = ratios["categories"] as {
      categoryCode: string;
      expense: string;
      expenseToSales: { current: string | null; siblings: { reference: string | null } };
    }[];
    // Personnel 6,000 / 100,000 = 0.06; siblings 0.05, 0.1, 0 (D spends none on personnel) → median 0.05.
    // Channel 2,000 / 100,000 = 0.02; siblings 0, 0, 0.07 → median 0.
    expect(
      categories.map((entry) => [
        entry.categoryCode,
        entry.expense,
        entry.expenseToSales.current,
        entry.expenseToSales.siblings.reference,
      ]),
    ).toEqual([
      ["PERSONNEL", "6000.00", "0.06", "0.05"],
      ["OFFICE", "0.00", "0", "0"],
      ["MEDIA", "0.00", "0", "0"],
      ["CHANNEL", "2000.00", "0.02", "0"],
      ["PROMOTION", "0.00", "0", "0"],
    ]);
    // The checks (tolerance 30 %): both ratios are off Y-1 (+60 %, +50 %); Y-2 (−20 %) and the siblings are within.
    expect(
      ratios.findings.map((finding) => {
        const params = Object.fromEntries(finding.params.map((p) => [p.name, p.value]));
        return [finding.code, params["ratio"], params["year"]];
      }),
    ).toEqual([
      ["EXPENSE_RATIO_OFF_HISTORY", "EXPENSE_TO_SALES", "2026"],
      ["EXPENSE_RATIO_OFF_HISTORY", "EXPENSE_PER_GROSS_PROFIT", "2026"],
    ]);
  });
});
