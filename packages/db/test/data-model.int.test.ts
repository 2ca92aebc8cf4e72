// One county's plan, written through every part of the data model the later
// features use (targets, expenses, versions, workflow, discussion, actuals,
// market information, audit), then read back: the relations, uniqueness,
// exact decimals and cascades behave as docs/ARCHITECTURE.md says.
import { cellDimensionColumns, money, sumFixed } from "@pyramid/domain";
import { beforeAll, describe, expect, it } from "vitest";
import { writeConflictOf, type WriteConflict } from "../src/errors.js";
import {
  createChannel,
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
  type OrgChain,
} from "../src/testing/factories.js";
import { testDatabaseKind, useTestDatabase } from "../src/testing/test-database.js";

const getDb = useTestDatabase();

/** The kind of conflict a write was refused for, the same on PGlite and PostgreSQL. */
async function conflictOf(write: Promise<unknown>): Promise<WriteConflict | null | "ACCEPTED"> {
  return write.then(
    () => "ACCEPTED" as const,
    (error: unknown) => writeConflictOf(error),
  );
}

/** The expense dimensions: an expense line is per item and month, optionally per terminal. */
function expenseDimensions(terminalId?: string) {
  const { terminalId: terminal, dimensionKey } = cellDimensionColumns({ terminalId });
  return { terminalId: terminal, dimensionKey };
}

interface World {
  chain: OrgChain;
  cycleId: string;
  planId: string;
  planner: string;
  reviewer: string;
  revenueId: string;
  salaryId: string;
  welfareId: string;
  displayId: string;
  specId: string;
  channelId: string;
  terminalId: string;
  distributorId: string;
  townshipId: string;
}
let world: World;

beforeAll(async () => {
  const prisma = getDb().prisma;
  const chain = await createOrgChain(prisma);
  const cycle = await createPlanCycle(prisma);
  const plan = await createPlan(prisma, { cycleId: cycle.id, orgUnitId: chain.county.id });
  const metrics = await ensureStandardMetrics(prisma);
  const items = await ensureExpenseTree(prisma);
  const township = await createTownship(prisma, { countyId: chain.county.id });
  const channel = await createChannel(prisma);
  const distributor = await createDistributor(prisma, { countyId: chain.county.id });
  world = {
    chain,
    cycleId: cycle.id,
    planId: plan.id,
    planner: (await createUser(prisma, { orgUnitId: chain.county.id, role: "PLANNER" })).user.id,
    reviewer: (await createUser(prisma, { orgUnitId: chain.city.id, role: "REVIEWER" })).user.id,
    revenueId: metrics.get("SALES_REVENUE")!.id,
    salaryId: items.get("PERSONNEL_SALARY")!.id,
    welfareId: items.get("PERSONNEL_WELFARE")!.id,
    displayId: items.get("CHANNEL_DISPLAY")!.id,
    specId: (await createProductSpec(prisma)).id,
    channelId: channel.id,
    terminalId: (await createTerminal(prisma, { countyId: chain.county.id, classCode: "B", townshipId: township.id, channelId: channel.id })).id,
    distributorId: distributor.id,
    townshipId: township.id,
  };
});

describe(`the data model on ${testDatabaseKind}`, () => {
  it("addresses a target cell by plan × metric × month × dimensions, and refuses a second one at the same address", async () => {
    const prisma = getDb().prisma;
    const dimensions = cellDimensionColumns({ productSpecId: world.specId, terminalId: world.terminalId });
    const cell = { planId: world.planId, metricId: world.revenueId, month: 1, ...dimensions };
    await prisma.targetCell.create({ data: { ...cell, baseValue: "120000.10", stretchValue: "135000.00" } });
    expect(await conflictOf(prisma.targetCell.create({ data: { ...cell, baseValue: "1.00" } }))).toBe("UNIQUE_VIOLATION");

    // The same month without a terminal is a different cell (the county's spec total).
    await prisma.targetCell.create({
      data: { planId: world.planId, metricId: world.revenueId, month: 1, ...cellDimensionColumns({ productSpecId: world.specId }), baseValue: "0.20" },
    });
    const found = await prisma.targetCell.findUniqueOrThrow({
      where: { planId_metricId_month_dimensionKey: { planId: world.planId, metricId: world.revenueId, month: 1, dimensionKey: dimensions.dimensionKey } },
    });
    expect(found.baseValue.toString()).toBe("120000.1");
    expect(found.stretchValue?.toFixed(2)).toBe("135000.00");
  });

  it("sums money exactly in the database and in the domain", async () => {
    const prisma = getDb().prisma;
    const cells = await prisma.targetCell.findMany({ where: { planId: world.planId, month: 1 }, select: { baseValue: true } });
    const inDomain = sumFixed(cells.map((cell) => money(cell.baseValue.toFixed(2))), 2);
    const inDatabase = await prisma.targetCell.aggregate({ where: { planId: world.planId, month: 1 }, _sum: { baseValue: true } });
    expect(inDomain.toString()).toBe("120000.30");
    expect(inDatabase._sum.baseValue?.toFixed(2)).toBe("120000.30");
  });

  it("keeps expenses per item and terminal, approved caps, and a virement with its reason", async () => {
    const prisma = getDb().prisma;
    await prisma.expenseCell.createMany({
      data: [
        { planId: world.planId, itemId: world.salaryId, month: 3, ...expenseDimensions(), amount: "30000.00" },
        { planId: world.planId, itemId: world.welfareId, month: 3, ...expenseDimensions(), amount: "4000.00" },
        { planId: world.planId, itemId: world.displayId, month: 3, ...expenseDimensions(world.terminalId), amount: "1500.00" },
      ],
    });
    const personnel = await prisma.expenseItem.findUniqueOrThrow({ where: { id: world.salaryId }, select: { categoryId: true } });
    await prisma.expenseCap.create({ data: { planId: world.planId, categoryId: personnel.categoryId, amount: "34000.00", approvedById: world.reviewer } });
    await prisma.expenseTransfer.create({
      data: { planId: world.planId, fromItemId: world.salaryId, toItemId: world.welfareId, month: 3, amount: "500.00", reason: "节日福利", actorId: world.planner },
    });
    const plan = await prisma.plan.findUniqueOrThrow({
      where: { id: world.planId },
      include: { expenseCells: { include: { terminal: true } }, expenseCaps: true, transfers: { include: { fromItem: true, toItem: true } } },
    });
    expect(plan.expenseCells).toHaveLength(3);
    expect(plan.expenseCells.find((cell) => cell.itemId === world.displayId)?.terminal?.id).toBe(world.terminalId);
    expect(plan.expenseCaps[0]?.amount.toFixed(2)).toBe("34000.00");
    expect(plan.transfers[0]).toMatchObject({ reason: "节日福利", fromItem: { code: "PERSONNEL_SALARY" }, toItem: { code: "PERSONNEL_WELFARE" } });
  });

  it("records sections, versions, workflow events, comments with replies, and objections against a cell", async () => {
    const prisma = getDb().prisma;
    const template = await prisma.planTemplateSection.findFirstOrThrow({ where: { cycleId: world.cycleId, code: "METHOD_TARGET_SPLIT" } });
    await prisma.planSection.create({
      data: { planId: world.planId, templateSectionId: template.id, code: template.code, body: "按去年品规结构分解", linkedMetricCodes: ["SALES_REVENUE"], updatedById: world.planner },
    });
    await prisma.planVersion.create({ data: { planId: world.planId, number: 1, kind: "SUBMITTED", snapshot: { status: "SUBMITTED", total: "120000.30" }, createdById: world.planner } });
    await prisma.workflowEvent.createMany({
      data: [
        { planId: world.planId, action: "SUBMIT", fromStatus: "DRAFT", toStatus: "SUBMITTED", actorId: world.planner },
        { planId: world.planId, action: "RETURN", fromStatus: "SUBMITTED", toStatus: "RETURNED", actorId: world.reviewer, reason: "费用率偏高" },
      ],
    });
    const cell = await prisma.targetCell.findFirstOrThrow({ where: { planId: world.planId, terminalId: world.terminalId } });
    const question = await prisma.comment.create({ data: { planId: world.planId, targetCellId: cell.id, authorId: world.reviewer, body: "一月目标依据？" } });
    await prisma.comment.create({ data: { planId: world.planId, parentId: question.id, authorId: world.planner, body: "春节备货" } });
    await prisma.objection.create({
      data: { planId: world.planId, targetCellId: cell.id, metricId: world.revenueId, raisedById: world.planner, reason: "任务过重", proposedValue: "100000.00" },
    });

    const plan = await prisma.plan.findUniqueOrThrow({
      where: { id: world.planId },
      include: {
        sections: true,
        versions: true,
        events: { orderBy: { id: "asc" } },
        comments: { where: { parentId: null }, include: { replies: true, targetCell: true } },
        objections: true,
      },
    });
    expect(plan.sections[0]).toMatchObject({ code: "METHOD_TARGET_SPLIT", linkedMetricCodes: ["SALES_REVENUE"] });
    expect(plan.versions[0]?.snapshot).toEqual({ status: "SUBMITTED", total: "120000.30" });
    expect(plan.events.map((event) => `${event.fromStatus}→${event.toStatus}`)).toEqual(["DRAFT→SUBMITTED", "SUBMITTED→RETURNED"]);
    expect(plan.comments[0]?.replies.map((reply) => reply.body)).toEqual(["春节备货"]);
    expect(plan.comments[0]?.targetCell?.id).toBe(cell.id);
    expect(plan.objections[0]).toMatchObject({ status: "OPEN", reason: "任务过重" });
    expect(await conflictOf(prisma.planVersion.create({ data: { planId: world.planId, number: 1, kind: "APPROVED", snapshot: {} } }))).toBe(
      "UNIQUE_VIOLATION",
    );
  });

  it("loads actuals through an import batch, with market information and audit rows beside them", async () => {
    const prisma = getDb().prisma;
    const batch = await prisma.importBatch.create({
      data: { kind: "SALES_ACTUALS", fileName: "2026-10 销售.csv", checksum: "a".repeat(64), createdById: world.planner, rowCount: 2, acceptedCount: 2 },
    });
    await prisma.salesActual.createMany({
      data: [
        { orgUnitId: world.chain.county.id, metricId: world.revenueId, year: 2026, month: 10, ...cellDimensionColumns({ productSpecId: world.specId }), value: "88000.55", importBatchId: batch.id },
        {
          orgUnitId: world.chain.county.id,
          metricId: world.revenueId,
          year: 2026,
          month: 10,
          ...cellDimensionColumns({ productSpecId: world.specId, distributorId: world.distributorId, townshipId: world.townshipId, channelId: world.channelId }),
          value: "11.45",
          importBatchId: batch.id,
        },
      ],
    });
    await prisma.expenseActual.create({
      data: { orgUnitId: world.chain.county.id, itemId: world.salaryId, year: 2026, month: 10, ...expenseDimensions(), amount: "29876.54", importBatchId: batch.id },
    });
    await prisma.marketInfoRecord.create({
      data: {
        type: "COMPETITOR_PROMOTION",
        periodType: "HOLIDAY",
        year: 2026,
        holidayName: "中秋",
        orgUnitId: world.chain.county.id,
        reporterId: world.planner,
        source: "INSTANT_REPORT",
        title: "竞品中秋买赠",
        payload: { competitor: "某品牌", offer: "买二赠一" },
      },
    });
    await prisma.auditLog.create({
      data: { actorId: world.planner, entity: "TargetCell", entityId: "1", action: "UPDATE", before: { baseValue: "1.00" }, after: { baseValue: "2.00" } },
    });

    const sum = await prisma.salesActual.aggregate({ where: { importBatchId: batch.id }, _sum: { value: true } });
    expect(sum._sum.value?.toFixed(2)).toBe("88012.00");
    expect(await prisma.expenseActual.count({ where: { importBatchId: batch.id } })).toBe(1);
    const info = await prisma.marketInfoRecord.findFirstOrThrow({ where: { orgUnitId: world.chain.county.id } });
    expect(info).toMatchObject({ auditStatus: "PENDING", payload: { offer: "买二赠一" } });
    expect((await prisma.auditLog.findFirstOrThrow({ where: { entity: "TargetCell" } })).after).toEqual({ baseValue: "2.00" });
  });

  it("finds a unit's whole subtree with one prefix query on the materialised path", async () => {
    const prisma = getDb().prisma;
    const secondCounty = await createOrgUnit(prisma, { level: "COUNTY", parent: world.chain.city });
    const otherProvince = await createOrgUnit(prisma, { level: "PROVINCE", parent: world.chain.hq });
    const subtree = await prisma.orgUnit.findMany({ where: { path: { startsWith: world.chain.province.path } }, select: { id: true } });
    expect(new Set(subtree.map((unit) => unit.id))).toEqual(new Set([world.chain.province.id, world.chain.city.id, world.chain.county.id, secondCounty.id]));
    expect(subtree.map((unit) => unit.id)).not.toContain(otherProvince.id);
  });

  it("deletes a plan's own rows with it, but keeps the unit's actuals and refuses to delete a unit that has a plan", async () => {
    const prisma = getDb().prisma;
    expect(await conflictOf(prisma.orgUnit.delete({ where: { id: world.chain.county.id } }))).toBe("FOREIGN_KEY_VIOLATION");
    await prisma.plan.delete({ where: { id: world.planId } });
    for (const count of [
      prisma.targetCell.count({ where: { planId: world.planId } }),
      prisma.expenseCell.count({ where: { planId: world.planId } }),
      prisma.planVersion.count({ where: { planId: world.planId } }),
      prisma.workflowEvent.count({ where: { planId: world.planId } }),
      prisma.comment.count({ where: { planId: world.planId } }),
      prisma.objection.count({ where: { planId: world.planId } }),
    ]) {
      expect(await count).toBe(0);
    }
    expect(await prisma.salesActual.count({ where: { orgUnitId: world.chain.county.id } })).toBe(2);
  });
});
