// What the migrated schema itself guarantees (PGlite, or PostgreSQL with TEST_DATABASE_URL):
// cells and actuals are addressable only by their canonical coordinates, and the queries
// that matter have an index to use.
import { cellDimensionColumns } from "@pyramid/domain";
import { beforeAll, describe, expect, it } from "vitest";
import {
  createChannel,
  createDistributor,
  createOrgChain,
  createPlan,
  createPlanCycle,
  createProductSpec,
  createTerminal,
  ensureExpenseTree,
  ensureStandardMetrics,
  type OrgChain,
} from "../src/testing/factories.js";
import { testDatabaseKind, useTestDatabase } from "../src/testing/test-database.js";

const getDb = useTestDatabase();

let chain: OrgChain;
let planId: string;
let metricId: string;
let itemId: string;
let specId: string;
let channelId: string;
let terminalId: string;
let distributorId: string;

beforeAll(async () => {
  const prisma = getDb().prisma;
  chain = await createOrgChain(prisma);
  const cycle = await createPlanCycle(prisma, { withTemplate: false, deadlines: null });
  planId = (await createPlan(prisma, { cycleId: cycle.id, orgUnitId: chain.county.id })).id;
  metricId = [...(await ensureStandardMetrics(prisma)).values()][0]!.id;
  itemId = [...(await ensureExpenseTree(prisma)).values()][0]!.id;
  specId = (await createProductSpec(prisma)).id;
  channelId = (await createChannel(prisma)).id;
  terminalId = (await createTerminal(prisma, { countyId: chain.county.id, classCode: "A" })).id;
  distributorId = (await createDistributor(prisma, { countyId: chain.county.id })).id;
});

/** The PostgreSQL error code of a rejected write (23514 = check_violation). */
async function sqlStateOf(write: Promise<unknown>): Promise<string | undefined> {
  const error = await write.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  if (error === undefined) return undefined;
  const text = `${String((error as { code?: unknown }).code)} ${(error as Error).message} ${JSON.stringify((error as { meta?: unknown }).meta ?? {})}`;
  return /23514|check constraint/i.test(text) ? "23514" : text;
}

describe(`cells and actuals on ${testDatabaseKind}`, () => {
  it("accept the canonical dimension key of their own dimension columns", async () => {
    const prisma = getDb().prisma;
    const dims = cellDimensionColumns({ productSpecId: specId, channelId, terminalId });
    await prisma.targetCell.create({ data: { planId, metricId, month: 1, ...dims, baseValue: "10.00" } });
    await prisma.targetCell.create({ data: { planId, metricId, month: 1, ...cellDimensionColumns({}), baseValue: "5.00" } });
    await prisma.salesActual.create({
      data: { orgUnitId: chain.county.id, metricId, year: 2026, month: 12, ...dims, value: "1.00" },
    });
    await prisma.expenseCell.create({
      data: { planId, itemId, month: 2, ...pickTerminal(cellDimensionColumns({ terminalId })), amount: "3.00" },
    });
    await prisma.expenseCell.create({
      data: { planId, itemId, month: 2, ...pickExpense(cellDimensionColumns({ distributorId })), amount: "4.00" },
    });
    await prisma.expenseActual.create({
      data: {
        orgUnitId: chain.county.id,
        itemId,
        year: 2026,
        month: 2,
        ...pickExpense(cellDimensionColumns({ distributorId })),
        amount: "4.00",
      },
    });
    await prisma.expenseActual.create({
      data: {
        orgUnitId: chain.county.id,
        itemId,
        year: 2026,
        month: 2,
        ...pickTerminal(cellDimensionColumns({})),
        amount: "3.00",
      },
    });
    expect(await prisma.targetCell.count({ where: { planId } })).toBe(2);
  });

  it("refuse a dimension key that does not match the dimension columns (it would make two cells collide)", async () => {
    const prisma = getDb().prisma;
    // A writer that forgot the key: the column default "" while a spec is set.
    expect(
      await sqlStateOf(
        prisma.targetCell.create({ data: { planId, metricId, month: 3, productSpecId: specId, baseValue: "1.00" } }),
      ),
    ).toBe("23514");
    // Dimensions out of canonical order.
    const swapped = `channel=${channelId};spec=${specId}`;
    expect(
      await sqlStateOf(
        prisma.salesActual.create({
          data: {
            orgUnitId: chain.county.id,
            metricId,
            year: 2026,
            month: 3,
            productSpecId: specId,
            channelId,
            dimensionKey: swapped,
            value: "1.00",
          },
        }),
      ),
    ).toBe("23514");
    // A key naming a dimension whose column is empty.
    expect(
      await sqlStateOf(
        prisma.expenseCell.create({ data: { planId, itemId, month: 3, dimensionKey: `terminal=${terminalId}`, amount: "1.00" } }),
      ),
    ).toBe("23514");
    expect(
      await sqlStateOf(
        prisma.expenseActual.create({
          data: { orgUnitId: chain.county.id, itemId, year: 2026, month: 3, terminalId, dimensionKey: "", amount: "1.00" },
        }),
      ),
    ).toBe("23514");
    // A distributor's line keyed as if it had none.
    expect(
      await sqlStateOf(
        prisma.expenseCell.create({ data: { planId, itemId, month: 3, distributorId, dimensionKey: "", amount: "1.00" } }),
      ),
    ).toBe("23514");
  });

  it("refuse an expense line or actual for a terminal and a distributor at once (a line has one counterpart)", async () => {
    const prisma = getDb().prisma;
    const both = pickExpense(cellDimensionColumns({ terminalId, distributorId }));
    expect(both.dimensionKey).toBe(`terminal=${terminalId};distributor=${distributorId}`);
    expect(await sqlStateOf(prisma.expenseCell.create({ data: { planId, itemId, month: 4, ...both, amount: "1.00" } }))).toBe(
      "23514",
    );
    expect(
      await sqlStateOf(
        prisma.expenseActual.create({
          data: { orgUnitId: chain.county.id, itemId, year: 2026, month: 4, ...both, amount: "1.00" },
        }),
      ),
    ).toBe("23514");
  });

  it("refuse a month outside 1..12", async () => {
    const prisma = getDb().prisma;
    const none = cellDimensionColumns({});
    expect(
      await sqlStateOf(prisma.targetCell.create({ data: { planId, metricId, month: 13, ...none, baseValue: "1.00" } })),
    ).toBe("23514");
    expect(await sqlStateOf(prisma.expenseCell.create({ data: { planId, itemId, month: 0, amount: "1.00" } }))).toBe("23514");
    expect(
      await sqlStateOf(
        prisma.salesActual.create({
          data: { orgUnitId: chain.county.id, metricId, year: 2026, month: 0, ...none, value: "1.00" },
        }),
      ),
    ).toBe("23514");
    expect(
      await sqlStateOf(
        prisma.expenseActual.create({ data: { orgUnitId: chain.county.id, itemId, year: 2026, month: 13, amount: "1.00" } }),
      ),
    ).toBe("23514");
  });
});

function pickTerminal(columns: ReturnType<typeof cellDimensionColumns>) {
  return { terminalId: columns.terminalId, dimensionKey: columns.dimensionKey };
}

/** The dimensions an expense line or actual has: terminal and distributor. */
function pickExpense(columns: ReturnType<typeof cellDimensionColumns>) {
  return { terminalId: columns.terminalId, distributorId: columns.distributorId, dimensionKey: columns.dimensionKey };
}

describe(`indexes on ${testDatabaseKind}`, () => {
  /** The plan PostgreSQL picks when it may not scan whole tables: proves an index can serve the query. */
  async function planOf(sql: string): Promise<string> {
    return getDb().migrationsExecutor.session(async (session) => {
      await session.exec("SET enable_seqscan = off");
      try {
        const rows = await session.query<{ "QUERY PLAN": string }>(`EXPLAIN ${sql}`);
        return rows.map((row) => row["QUERY PLAN"]).join("\n");
      } finally {
        await session.exec("RESET enable_seqscan");
      }
    });
  }

  it.each([
    ["a unit's subtree by path prefix", `SELECT "id" FROM "OrgUnit" WHERE "path" LIKE '/abc/def/%'`, "OrgUnit_path_prefix_idx"],
    ["a plan's cells of one month", `SELECT "id" FROM "TargetCell" WHERE "planId" = 'p' AND "month" = 3`, "TargetCell_planId_"],
    [
      "a plan's expense lines of one month",
      `SELECT "id" FROM "ExpenseCell" WHERE "planId" = 'p' AND "month" = 3`,
      "ExpenseCell_planId_",
    ],
    [
      "a unit's sales actuals of one metric and year",
      `SELECT sum("value") FROM "SalesActual" WHERE "orgUnitId" = 'u' AND "metricId" = 'm' AND "year" = 2026`,
      "SalesActual_orgUnitId_metricId_year_month_dimensionKey_key",
    ],
    [
      "a unit's spending of one year",
      `SELECT sum("amount") FROM "ExpenseActual" WHERE "orgUnitId" = 'u' AND "year" = 2026`,
      "ExpenseActual_orgUnitId_year_month_idx",
    ],
    [
      "a plan's figures (no breakdown rows)",
      `SELECT sum("baseValue") FROM "TargetCell" WHERE "planId" = 'p' AND "metricId" = 'm' AND "breakdownAxis" IS NULL`,
      // Either figure index: both hold figures only.
      "TargetCell_figures_",
    ],
    [
      "a metric's figures of one month across a subtree's plans",
      `SELECT sum(t."baseValue") FROM "TargetCell" t WHERE t."metricId" = 'm' AND t."month" = 3 AND t."breakdownAxis" IS NULL
         AND t."planId" IN (SELECT p."id" FROM "Plan" p JOIN "OrgUnit" o ON o."id" = p."orgUnitId" WHERE o."path" LIKE '/abc/%')`,
      "TargetCell_figures_by_month_idx",
    ],
    [
      "the thread of one target cell",
      `SELECT "id" FROM "Comment" WHERE "planId" = 'p' AND "metricId" = 'm' AND "month" = 1 AND "dimensionKey" = ''`,
      "Comment_planId_",
    ],
    [
      "the objections on one target cell",
      `SELECT "id" FROM "Objection" WHERE "planId" = 'p' AND "metricId" = 'm' AND "month" = 1 AND "dimensionKey" = ''`,
      "Objection_planId_metricId_month_dimensionKey_idx",
    ],
    ["replies to a deleted comment", `SELECT "id" FROM "Comment" WHERE "parentId" = 'c'`, "Comment_parentId_idx"],
    ["a plan's audit trail", `SELECT "id" FROM "AuditLog" WHERE "planId" = 'p' ORDER BY "at"`, "AuditLog_planId_at_idx"],
    [
      "the values an import batch replaced",
      `SELECT "id" FROM "ImportReplacedValue" WHERE "batchId" = 'b'`,
      "ImportReplacedValue_",
    ],
    [
      "who holds which role at a unit",
      `SELECT "userId" FROM "RoleAssignment" WHERE "orgUnitId" = 'u' AND "role" = 'REVIEWER'`,
      "RoleAssignment_orgUnitId_role_idx",
    ],
  ])("serve %s", async (_what, sql, index) => {
    // Either index led by the named columns will do (the planner may pick a unique one).
    expect(await planOf(sql)).toContain(index);
  });
});

describe(`pages with room for updates on ${testDatabaseKind}`, () => {
  /** The block (page) number of a row's current version, from its ctid "(block,offset)". */
  async function blockOfCell(id: bigint): Promise<number> {
    const rows = await getDb().prisma.$queryRawUnsafe<{ ctid: string }[]>(
      `SELECT "ctid"::text AS "ctid" FROM "TargetCell" WHERE "id" = $1`,
      id,
    );
    return Number(/^\((\d+),/.exec(rows[0]!.ctid)![1]);
  }

  it("keep a cell's new value on its own page, so a save touches no index (a HOT update)", async () => {
    const prisma = getDb().prisma;
    const plan = await createPlan(prisma, {
      cycleId: (await createPlanCycle(prisma, { withTemplate: false, deadlines: null })).id,
      orgUnitId: chain.county.id,
    });
    // Enough cells to fill several pages (12 months × 40 specs): at 100 % fill the first page
    // would have no room left for a new version of its rows.
    const specIds: string[] = [];
    for (let spec = 0; spec < 40; spec++) specIds.push((await createProductSpec(prisma)).id);
    await prisma.targetCell.createMany({
      data: specIds.flatMap((productSpecId) =>
        Array.from({ length: 12 }, (_, index) => ({
          planId: plan.id,
          metricId,
          month: index + 1,
          ...cellDimensionColumns({ productSpecId }),
          baseValue: "1000.00",
        })),
      ),
    });
    const first = await prisma.targetCell.findFirstOrThrow({ where: { planId: plan.id }, orderBy: { id: "asc" } });
    const before = await blockOfCell(first.id);
    await prisma.targetCell.update({ where: { id: first.id }, data: { baseValue: "2000.00", version: { increment: 1 } } });
    expect(await blockOfCell(first.id)).toBe(before);
    const options = await prisma.$queryRawUnsafe<{ relname: string; reloptions: string[] | null }[]>(
      `SELECT "relname"::text AS "relname", "reloptions"::text[] AS "reloptions" FROM "pg_class" WHERE "relname" IN ('TargetCell', 'ExpenseCell', 'TargetSummary') ORDER BY "relname"`,
    );
    expect(options.map((row) => [row.relname, row.reloptions])).toEqual([
      ["ExpenseCell", ["fillfactor=70"]],
      ["TargetCell", ["fillfactor=70"]],
      ["TargetSummary", ["fillfactor=70"]],
    ]);
  });
});
