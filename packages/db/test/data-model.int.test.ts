// One county's plan, written through every part of the data model the later
// features use (targets, expenses, versions, workflow, discussion, actuals,
// market information, audit), then read back: the relations, uniqueness,
// exact decimals and what survives a plan's deletion behave as docs/ARCHITECTURE.md says.
import { cellDimensionColumns, cellDimensionKey, money, sumFixed } from "@pyramid/domain";
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

/** The text of a refused write (message, Prisma meta and driver cause), or "ACCEPTED". */
async function refusalOf(write: Promise<unknown>): Promise<string> {
  return write.then(
    () => "ACCEPTED",
    (error: unknown) => {
      const { message, meta, cause } = error as { message?: string; meta?: unknown; cause?: unknown };
      return `${message ?? String(error)} ${JSON.stringify(meta ?? {})} ${cause instanceof Error ? cause.message : JSON.stringify(cause ?? {})}`;
    },
  );
}

/** The expense dimensions: an expense line is per item and month, optionally per terminal or distributor. */
function expenseDimensions(dimensions: { terminalId?: string; distributorId?: string } = {}) {
  const { terminalId, distributorId, dimensionKey } = cellDimensionColumns(dimensions);
  return { terminalId, distributorId, dimensionKey };
}

interface World {
  chain: OrgChain;
  cycleId: string;
  planId: string;
  planner: string;
  reviewer: string;
  hqAdmin: string;
  revenueId: string;
  salaryId: string;
  welfareId: string;
  displayId: string;
  rebateId: string;
  specId: string;
  otherSpecId: string;
  channelId: string;
  terminalId: string;
  otherTerminalId: string;
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
  const terminal = (classCode: "A" | "B") =>
    createTerminal(prisma, { countyId: chain.county.id, classCode, townshipId: township.id, channelId: channel.id });
  world = {
    chain,
    cycleId: cycle.id,
    planId: plan.id,
    planner: (await createUser(prisma, { orgUnitId: chain.county.id, role: "PLANNER" })).user.id,
    reviewer: (await createUser(prisma, { orgUnitId: chain.city.id, roles: ["PLANNER", "REVIEWER"] })).user.id,
    hqAdmin: (await createUser(prisma, { orgUnitId: chain.hq.id, role: "HQ_ADMIN" })).user.id,
    revenueId: metrics.get("SALES_REVENUE")!.id,
    salaryId: items.get("PERSONNEL_SALARY")!.id,
    welfareId: items.get("PERSONNEL_WELFARE")!.id,
    displayId: items.get("CHANNEL_DISPLAY")!.id,
    rebateId: items.get("CHANNEL_DISTRIBUTOR_REBATE")!.id,
    specId: (await createProductSpec(prisma)).id,
    otherSpecId: (await createProductSpec(prisma)).id,
    channelId: channel.id,
    terminalId: (await terminal("B")).id,
    otherTerminalId: (await terminal("A")).id,
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

    const found = await prisma.targetCell.findUniqueOrThrow({
      where: {
        planId_metricId_month_dimensionKey: {
          planId: world.planId,
          metricId: world.revenueId,
          month: 1,
          dimensionKey: dimensions.dimensionKey,
        },
      },
    });
    expect(found.baseValue.toString()).toBe("120000.1");
    expect(found.stretchValue?.toFixed(2)).toBe("135000.00");
    expect(found.version).toBe(1);
  });

  it("counts every amount once: a figure and its terminal breakdown side by side, and the sum of figures is the figure", async () => {
    const prisma = getDb().prisma;
    const base = { planId: world.planId, metricId: world.revenueId, month: 2 };
    // One spec × month figure of 12,000.00, detailed by two terminals (600.00 + 400.00, the rest
    // not yet split), and a second spec's figure of 0.30: stored together, as a grid holds them.
    await prisma.targetCell.createMany({
      data: [
        { ...base, ...cellDimensionColumns({ productSpecId: world.specId }), baseValue: "12000.00" },
        {
          ...base,
          ...cellDimensionColumns({ productSpecId: world.specId, channelId: world.channelId, terminalId: world.terminalId }),
          baseValue: "600.00",
        },
        {
          ...base,
          ...cellDimensionColumns({ productSpecId: world.specId, channelId: world.channelId, terminalId: world.otherTerminalId }),
          baseValue: "400.00",
        },
        { ...base, ...cellDimensionColumns({ productSpecId: world.otherSpecId }), baseValue: "0.30" },
      ],
    });

    const cells = await prisma.targetCell.findMany({
      where: base,
      select: { baseValue: true, breakdownAxis: true, productSpecId: true },
    });
    expect(cells.map((cell) => [cell.baseValue.toFixed(2), cell.breakdownAxis]).sort()).toEqual([
      ["0.30", null],
      ["12000.00", null],
      ["400.00", "TERMINAL"],
      ["600.00", "TERMINAL"],
    ]);

    // Figures only: 12,000.00 + 0.30, exact to the fen, in the database and in the domain.
    const figures = await prisma.targetCell.aggregate({ where: { ...base, breakdownAxis: null }, _sum: { baseValue: true } });
    expect(figures._sum.baseValue?.toFixed(2)).toBe("12000.30");
    const inDomain = sumFixed(
      cells.filter((cell) => cell.breakdownAxis === null).map((cell) => money(cell.baseValue.toFixed(2))),
      2,
    );
    expect(inDomain.toString()).toBe("12000.30");
    const specFigure = await prisma.targetCell.aggregate({
      where: { ...base, productSpecId: world.specId, breakdownAxis: null },
      _sum: { baseValue: true },
    });
    expect(specFigure._sum.baseValue?.toFixed(2)).toBe("12000.00");
    // The breakdown of that figure by terminal: what has been split down so far.
    const byTerminal = await prisma.targetCell.aggregate({
      where: { ...base, productSpecId: world.specId, breakdownAxis: "TERMINAL" },
      _sum: { baseValue: true },
    });
    expect(byTerminal._sum.baseValue?.toFixed(2)).toBe("1000.00");
  });

  it("derives the breakdown axis from the dimension columns (terminal, then distributor, then township, then channel) and never takes it from a writer", async () => {
    const prisma = getDb().prisma;
    const cases: [Parameters<typeof cellDimensionColumns>[0], string | null][] = [
      [{}, null],
      [{ productSpecId: world.specId }, null],
      [{ channelId: world.channelId }, "CHANNEL"],
      [{ townshipId: world.townshipId }, "TOWNSHIP"],
      [{ channelId: world.channelId, townshipId: world.townshipId }, "TOWNSHIP"],
      [{ distributorId: world.distributorId, townshipId: world.townshipId }, "DISTRIBUTOR"],
      [
        { productSpecId: world.specId, channelId: world.channelId, terminalId: world.terminalId, townshipId: world.townshipId },
        "TERMINAL",
      ],
    ];
    for (const [index, [dimensions, axis]] of cases.entries()) {
      const month = 3 + (index % 2);
      const cell = await prisma.targetCell.create({
        data: { planId: world.planId, metricId: world.revenueId, month, ...cellDimensionColumns(dimensions), baseValue: "1.00" },
      });
      expect(cell.breakdownAxis, JSON.stringify(dimensions)).toBe(axis);
    }

    // A cell whose terminal is removed becomes the figure of its spec again.
    const moved = await prisma.targetCell.findFirstOrThrow({
      where: { planId: world.planId, month: 3, terminalId: world.terminalId },
    });
    const { terminalId, channelId, townshipId, dimensionKey } = cellDimensionColumns({ productSpecId: world.otherSpecId });
    const updated = await prisma.targetCell.update({
      where: { id: moved.id },
      data: { terminalId, channelId, townshipId, productSpecId: world.otherSpecId, dimensionKey },
    });
    expect(updated.breakdownAxis).toBeNull();

    // Written by a client, the generated column is refused.
    const written = prisma.targetCell.create({
      data: {
        planId: world.planId,
        metricId: world.revenueId,
        month: 5,
        ...cellDimensionColumns({}),
        baseValue: "1.00",
        breakdownAxis: "CHANNEL",
      },
    });
    expect(await refusalOf(written)).toMatch(/breakdownAxis|generated/i);
  });

  it("lets two writers change different cells of one plan, but only one of two changing the same cell (per-cell version)", async () => {
    const prisma = getDb().prisma;
    const base = { planId: world.planId, metricId: world.revenueId, month: 6 };
    const first = await prisma.targetCell.create({
      data: { ...base, ...cellDimensionColumns({ productSpecId: world.specId }), baseValue: "10.00" },
    });
    const second = await prisma.targetCell.create({
      data: { ...base, ...cellDimensionColumns({ productSpecId: world.otherSpecId }), baseValue: "20.00" },
    });
    // Each save says which version it read; the update matches only if nobody saved since.
    const save = (id: bigint, readVersion: number, baseValue: string, by: string) =>
      prisma.targetCell.updateMany({
        where: { id, version: readVersion },
        data: { baseValue, version: { increment: 1 }, updatedById: by },
      });

    expect((await save(first.id, 1, "11.00", world.planner)).count).toBe(1);
    expect((await save(second.id, 1, "21.00", world.reviewer)).count).toBe(1);
    // The reviewer read the first cell at version 1 too: their save is stale and touches nothing.
    expect((await save(first.id, 1, "99.00", world.reviewer)).count).toBe(0);
    const after = await prisma.targetCell.findUniqueOrThrow({ where: { id: first.id } });
    expect([after.baseValue.toFixed(2), after.version, after.updatedById]).toEqual(["11.00", 2, world.planner]);

    // The same for expense lines and text sections.
    const line = await prisma.expenseCell.create({
      data: { planId: world.planId, itemId: world.salaryId, month: 6, ...expenseDimensions(), amount: "5.00" },
    });
    expect(
      (
        await prisma.expenseCell.updateMany({
          where: { id: line.id, version: 1 },
          data: { amount: "6.00", version: { increment: 1 } },
        })
      ).count,
    ).toBe(1);
    expect(
      (
        await prisma.expenseCell.updateMany({
          where: { id: line.id, version: 1 },
          data: { amount: "7.00", version: { increment: 1 } },
        })
      ).count,
    ).toBe(0);
    const section = await prisma.planSection.create({ data: { planId: world.planId, code: "ENV_ECONOMY", body: "v1" } });
    expect(
      (
        await prisma.planSection.updateMany({
          where: { id: section.id, version: 1 },
          data: { body: "v2", version: { increment: 1 } },
        })
      ).count,
    ).toBe(1);
    expect(
      (
        await prisma.planSection.updateMany({
          where: { id: section.id, version: 1 },
          data: { body: "v2'", version: { increment: 1 } },
        })
      ).count,
    ).toBe(0);
  });

  it("keeps expenses per item, terminal or distributor, approved caps, and a virement with its reason", async () => {
    const prisma = getDb().prisma;
    await prisma.expenseCell.createMany({
      data: [
        { planId: world.planId, itemId: world.salaryId, month: 3, ...expenseDimensions(), amount: "30000.00" },
        { planId: world.planId, itemId: world.welfareId, month: 3, ...expenseDimensions(), amount: "4000.00" },
        {
          planId: world.planId,
          itemId: world.displayId,
          month: 3,
          ...expenseDimensions({ terminalId: world.terminalId }),
          amount: "1500.00",
        },
        {
          planId: world.planId,
          itemId: world.rebateId,
          month: 12,
          ...expenseDimensions({ distributorId: world.distributorId }),
          amount: "8800.00",
        },
      ],
    });
    const personnel = await prisma.expenseItem.findUniqueOrThrow({ where: { id: world.salaryId }, select: { categoryId: true } });
    await prisma.expenseCap.create({
      data: { planId: world.planId, categoryId: personnel.categoryId, amount: "34000.00", approvedById: world.reviewer },
    });
    await prisma.expenseTransfer.create({
      data: {
        planId: world.planId,
        fromItemId: world.salaryId,
        toItemId: world.welfareId,
        month: 3,
        amount: "500.00",
        reason: "节日福利",
        actorId: world.planner,
      },
    });
    const plan = await prisma.plan.findUniqueOrThrow({
      where: { id: world.planId },
      include: {
        expenseCells: { include: { terminal: true, distributor: true } },
        expenseCaps: true,
        transfers: { include: { fromItem: true, toItem: true } },
      },
    });
    expect(plan.expenseCells.find((cell) => cell.itemId === world.displayId)?.terminal?.id).toBe(world.terminalId);
    const rebate = plan.expenseCells.find((cell) => cell.itemId === world.rebateId);
    expect(rebate?.distributor?.id).toBe(world.distributorId);
    expect(rebate?.dimensionKey).toBe(`distributor=${world.distributorId}`);
    expect(plan.expenseCaps[0]?.amount.toFixed(2)).toBe("34000.00");
    expect(plan.transfers[0]).toMatchObject({
      reason: "节日福利",
      fromItem: { code: "PERSONNEL_SALARY" },
      toItem: { code: "PERSONNEL_WELFARE" },
    });
  });

  it("records sections with their linked targets, versions linked to the events that took them, and waivers with their granter", async () => {
    const prisma = getDb().prisma;
    const template = await prisma.planTemplateSection.findFirstOrThrow({
      where: { cycleId: world.cycleId, code: "METHOD_TARGET_SPLIT" },
    });
    const section = await prisma.planSection.create({
      data: {
        planId: world.planId,
        templateSectionId: template.id,
        code: template.code,
        body: "按去年品规结构分解",
        updatedById: world.planner,
        links: { create: [{ metricId: world.revenueId }, { metricId: world.revenueId, productSpecId: world.specId }] },
      },
      include: { links: true },
    });
    expect(section.links.map((link) => link.productSpecId).sort()).toEqual([world.specId, null].sort());
    // Each link once: with a spec, and for the metric as a whole.
    expect(
      await conflictOf(
        prisma.planSectionLink.create({
          data: { sectionId: section.id, metricId: world.revenueId, productSpecId: world.specId },
        }),
      ),
    ).toBe("UNIQUE_VIOLATION");
    expect(await conflictOf(prisma.planSectionLink.create({ data: { sectionId: section.id, metricId: world.revenueId } }))).toBe(
      "UNIQUE_VIOLATION",
    );

    const version = await prisma.planVersion.create({
      data: {
        planId: world.planId,
        number: 1,
        kind: "SUBMITTED",
        snapshot: { status: "SUBMITTED", total: "12000.30" },
        createdById: world.planner,
      },
    });
    await prisma.workflowEvent.create({
      data: {
        planId: world.planId,
        action: "SUBMIT",
        fromStatus: "DRAFT",
        toStatus: "SUBMITTED",
        actorId: world.planner,
        versionId: version.id,
        waived: true,
        waiverGrantedById: world.hqAdmin,
        reason: "乡镇数据延迟",
      },
    });
    await prisma.plan.update({
      where: { id: world.planId },
      data: { childWaiverReason: "乡镇数据延迟", childWaiverGrantedById: world.hqAdmin },
    });
    // A version is taken by one event only.
    expect(
      await conflictOf(
        prisma.workflowEvent.create({
          data: { planId: world.planId, action: "APPROVE", fromStatus: "SUBMITTED", toStatus: "APPROVED", versionId: version.id },
        }),
      ),
    ).toBe("UNIQUE_VIOLATION");
    // Nor can an event of another plan claim it.
    const cityPlan = await createPlan(prisma, { cycleId: world.cycleId, orgUnitId: world.chain.city.id });
    const otherVersion = await prisma.planVersion.create({
      data: { planId: cityPlan.id, number: 1, kind: "SUBMITTED", snapshot: {} },
    });
    expect(
      await conflictOf(
        prisma.workflowEvent.create({
          data: {
            planId: world.planId,
            action: "APPROVE",
            fromStatus: "SUBMITTED",
            toStatus: "APPROVED",
            versionId: otherVersion.id,
          },
        }),
      ),
    ).toBe("FOREIGN_KEY_VIOLATION");
    // A granter without a waiver, or without its reason, is refused.
    expect(
      await conflictOf(
        prisma.workflowEvent.create({
          data: {
            planId: world.planId,
            action: "RETURN",
            fromStatus: "SUBMITTED",
            toStatus: "RETURNED",
            waiverGrantedById: world.hqAdmin,
          },
        }),
      ),
    ).toBe("CHECK_VIOLATION");
    expect(await conflictOf(prisma.plan.update({ where: { id: world.planId }, data: { childWaiverReason: null } }))).toBe(
      "CHECK_VIOLATION",
    );

    const event = await prisma.workflowEvent.findFirstOrThrow({
      where: { planId: world.planId },
      include: { version: true, waiverGrantor: true },
    });
    expect(event.version?.number).toBe(1);
    expect(event.waiverGrantor?.id).toBe(world.hqAdmin);
    expect(
      await conflictOf(prisma.planVersion.create({ data: { planId: world.planId, number: 1, kind: "APPROVED", snapshot: {} } })),
    ).toBe("UNIQUE_VIOLATION");
  });

  it("marks an approved ancestor stale with the reopened plan that caused it, and refuses stale details on a plan that is not stale", async () => {
    const prisma = getDb().prisma;
    const cityPlan = await prisma.plan.update({
      where: { cycleId_orgUnitId: { cycleId: world.cycleId, orgUnitId: world.chain.city.id } },
      data: { status: "APPROVED" },
    });
    const staleSince = new Date("2026-12-15T08:00:00.000Z");
    await prisma.plan.update({
      where: { id: cityPlan.id },
      data: { staleSince, staleReason: "县级方案重新打开", staleCausePlanId: world.planId },
    });
    const stale = await prisma.plan.findUniqueOrThrow({
      where: { id: cityPlan.id },
      include: { staleCause: { select: { orgUnitId: true } } },
    });
    expect(stale.staleSince?.toISOString()).toBe(staleSince.toISOString());
    expect(stale.staleCause?.orgUnitId).toBe(world.chain.county.id);
    expect(await conflictOf(prisma.plan.update({ where: { id: cityPlan.id }, data: { staleSince: null } }))).toBe(
      "CHECK_VIOLATION",
    );
    await prisma.plan.update({
      where: { id: cityPlan.id },
      data: { staleSince: null, staleReason: null, staleCausePlanId: null },
    });
  });

  it("anchors comments and objections to a cell's coordinates, so re-splitting the grid keeps them", async () => {
    const prisma = getDb().prisma;
    const key = cellDimensionKey({ productSpecId: world.specId, terminalId: world.terminalId });
    const anchor = { metricId: world.revenueId, month: 1, dimensionKey: key };
    const question = await prisma.comment.create({
      data: { planId: world.planId, ...anchor, authorId: world.reviewer, body: "一月目标依据？" },
    });
    await prisma.comment.create({
      data: { planId: world.planId, parentId: question.id, authorId: world.planner, body: "春节备货" },
    });
    await prisma.comment.create({
      data: {
        planId: world.planId,
        itemId: world.rebateId,
        month: 12,
        dimensionKey: `distributor=${world.distributorId}`,
        authorId: world.reviewer,
        body: "折让比例？",
      },
    });
    await prisma.objection.create({
      data: { planId: world.planId, ...anchor, raisedById: world.planner, reason: "任务过重", proposedValue: "100000.00" },
    });
    await prisma.objection.create({
      data: { planId: world.planId, metricId: world.revenueId, raisedById: world.planner, reason: "全年销售额过重" },
    });

    // Re-split January: every cell row of the month is deleted and written again.
    const january = { planId: world.planId, metricId: world.revenueId, month: 1 };
    await prisma.targetCell.deleteMany({ where: january });
    await prisma.targetCell.create({
      data: {
        ...january,
        ...cellDimensionColumns({ productSpecId: world.specId, terminalId: world.terminalId }),
        baseValue: "110000.00",
      },
    });

    const cell = await prisma.targetCell.findFirstOrThrow({ where: { ...january, dimensionKey: key } });
    const thread = await prisma.comment.findMany({
      where: { planId: cell.planId, metricId: cell.metricId, month: cell.month, dimensionKey: cell.dimensionKey, parentId: null },
      include: { replies: true },
    });
    expect(thread.map((comment) => [comment.body, comment.replies.map((reply) => reply.body)])).toEqual([
      ["一月目标依据？", ["春节备货"]],
    ]);
    const objections = await prisma.objection.findMany({
      where: { planId: cell.planId, metricId: cell.metricId, month: cell.month, dimensionKey: cell.dimensionKey },
    });
    expect(objections.map((objection) => [objection.status, objection.reason])).toEqual([["OPEN", "任务过重"]]);
    expect(await prisma.objection.count({ where: { planId: world.planId, metricId: world.revenueId, month: null } })).toBe(1);
  });

  it("refuses an incomplete or mixed cell anchor", async () => {
    const prisma = getDb().prisma;
    const planId = world.planId;
    for (const data of [
      { metricId: world.revenueId, month: 1 }, // no dimension key
      { month: 1, dimensionKey: "" }, // neither metric nor item
      { metricId: world.revenueId, itemId: world.salaryId, month: 1, dimensionKey: "" }, // both
      { metricId: world.revenueId, month: 1, dimensionKey: "", sectionCode: "ENV_ECONOMY" }, // a cell and a section
      { metricId: world.revenueId, month: 13, dimensionKey: "" },
    ]) {
      expect(await conflictOf(prisma.comment.create({ data: { planId, body: "?", ...data } })), JSON.stringify(data)).toBe(
        "CHECK_VIOLATION",
      );
    }
    // The key is canonical for its kind of cell: tags in order, known, once; expense lines know only terminal and distributor.
    const spec = `spec=${world.specId}`;
    const channel = `channel=${world.channelId}`;
    for (const [anchor, expected] of [
      [{ metricId: world.revenueId, dimensionKey: `${spec};${channel}` }, "ACCEPTED"],
      [{ metricId: world.revenueId, dimensionKey: `${channel};${spec}` }, "CHECK_VIOLATION"],
      [{ metricId: world.revenueId, dimensionKey: `${spec};${spec}` }, "CHECK_VIOLATION"],
      [{ metricId: world.revenueId, dimensionKey: `sku=${world.specId}` }, "CHECK_VIOLATION"],
      [{ metricId: world.revenueId, dimensionKey: `${spec};` }, "CHECK_VIOLATION"],
      [{ itemId: world.rebateId, dimensionKey: `distributor=${world.distributorId}` }, "ACCEPTED"],
      [{ itemId: world.rebateId, dimensionKey: spec }, "CHECK_VIOLATION"],
    ] as const) {
      expect(
        await conflictOf(prisma.comment.create({ data: { planId, body: "?", month: 7, ...anchor } })),
        JSON.stringify(anchor),
      ).toBe(expected);
    }
    expect(
      await conflictOf(
        prisma.objection.create({
          data: { planId, reason: "?", metricId: world.revenueId, month: 7, dimensionKey: `${channel};${spec}` },
        }),
      ),
    ).toBe("CHECK_VIOLATION");
    expect(await conflictOf(prisma.comment.create({ data: { planId, body: "on the plan" } }))).toBe("ACCEPTED");
    expect(await conflictOf(prisma.comment.create({ data: { planId, body: "on a section", sectionCode: "ENV_ECONOMY" } }))).toBe(
      "ACCEPTED",
    );
    for (const data of [
      { month: 1, dimensionKey: "" },
      { metricId: world.revenueId, month: 2 },
      { metricId: world.revenueId, dimensionKey: "" },
    ]) {
      expect(await conflictOf(prisma.objection.create({ data: { planId, reason: "?", ...data } })), JSON.stringify(data)).toBe(
        "CHECK_VIOLATION",
      );
    }
  });

  it("loads actuals through an import batch that names its scope and keeps the values it replaced", async () => {
    const prisma = getDb().prisma;
    const county = world.chain.county.id;
    const scope = { year: 2026, monthFrom: 10, monthTo: 10, scopeOrgUnitId: world.chain.city.id };
    const first = await prisma.importBatch.create({
      data: {
        kind: "SALES_ACTUALS",
        ...scope,
        fileName: "2026-10 销售.csv",
        checksum: "a".repeat(64),
        createdById: world.planner,
        status: "APPLIED",
      },
    });
    const specKey = cellDimensionColumns({ productSpecId: world.specId });
    const fullKey = cellDimensionColumns({
      productSpecId: world.specId,
      distributorId: world.distributorId,
      townshipId: world.townshipId,
      channelId: world.channelId,
    });
    await prisma.salesActual.create({
      data: {
        orgUnitId: county,
        metricId: world.revenueId,
        year: 2026,
        month: 10,
        ...specKey,
        value: "88000.55",
        importBatchId: first.id,
      },
    });

    // A corrected file: it overwrites one value and adds one row, recording both.
    const second = await prisma.importBatch.create({
      data: {
        kind: "SALES_ACTUALS",
        ...scope,
        fileName: "2026-10 销售（更正）.csv",
        checksum: "b".repeat(64),
        createdById: world.planner,
      },
    });
    const natural = { orgUnitId: county, metricId: world.revenueId, year: 2026, month: 10 };
    await prisma.importReplacedValue.createMany({
      data: [
        {
          batchId: second.id,
          target: "SALES_ACTUAL",
          ...natural,
          dimensionKey: specKey.dimensionKey,
          previousValue: "88000.55",
          previousImportBatchId: first.id,
        },
        { batchId: second.id, target: "SALES_ACTUAL", ...natural, dimensionKey: fullKey.dimensionKey, previousValue: null },
      ],
    });
    await prisma.salesActual.update({
      where: { orgUnitId_metricId_year_month_dimensionKey: { ...natural, dimensionKey: specKey.dimensionKey } },
      data: { value: "88100.55", importBatchId: second.id },
    });
    await prisma.salesActual.create({ data: { ...natural, ...fullKey, value: "11.45", importBatchId: second.id } });
    await prisma.expenseActual.create({
      data: {
        orgUnitId: county,
        itemId: world.rebateId,
        year: 2026,
        month: 10,
        ...expenseDimensions({ distributorId: world.distributorId }),
        amount: "2987.54",
        importBatchId: second.id,
      },
    });

    const replaced = await prisma.importReplacedValue.findMany({ where: { batchId: second.id }, orderBy: { id: "asc" } });
    expect(
      replaced.map((row) => [
        row.dimensionKey === specKey.dimensionKey,
        row.previousValue?.toFixed(2) ?? null,
        row.previousImportBatchId,
      ]),
    ).toEqual([
      [true, "88000.55", first.id],
      [false, null, null],
    ]);
    // Once per natural key; a sales row names a metric and no item.
    expect(
      await conflictOf(
        prisma.importReplacedValue.create({
          data: { batchId: second.id, target: "SALES_ACTUAL", ...natural, dimensionKey: fullKey.dimensionKey },
        }),
      ),
    ).toBe("UNIQUE_VIOLATION");
    expect(
      await conflictOf(
        prisma.importReplacedValue.create({
          data: { batchId: second.id, target: "EXPENSE_ACTUAL", ...natural, dimensionKey: "", previousValue: "1.00" },
        }),
      ),
    ).toBe("CHECK_VIOLATION");
    expect(
      await conflictOf(
        prisma.importBatch.create({
          data: {
            kind: "EXPENSE_ACTUALS",
            year: 2026,
            monthFrom: 11,
            monthTo: 10,
            scopeOrgUnitId: county,
            fileName: "x",
            checksum: "c",
          },
        }),
      ),
    ).toBe("CHECK_VIOLATION");

    const sum = await prisma.salesActual.aggregate({ where: { importBatchId: second.id }, _sum: { value: true } });
    expect(sum._sum.value?.toFixed(2)).toBe("88112.00");
    const batch = await prisma.importBatch.findUniqueOrThrow({ where: { id: second.id }, include: { scopeOrgUnit: true } });
    expect(batch).toMatchObject({ year: 2026, monthFrom: 10, monthTo: 10, scopeOrgUnit: { id: world.chain.city.id } });
  });

  it("keeps market information audited, and an append-only audit log that names plan, unit, request and session", async () => {
    const prisma = getDb().prisma;
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
    const info = await prisma.marketInfoRecord.findFirstOrThrow({ where: { orgUnitId: world.chain.county.id } });
    expect(info).toMatchObject({ auditStatus: "PENDING", payload: { offer: "买二赠一" } });

    const entry = await prisma.auditLog.create({
      data: {
        actorId: world.planner,
        entity: "TargetCell",
        entityId: "1",
        action: "UPDATE",
        before: { baseValue: "1.00" },
        after: { baseValue: "2.00" },
        planId: world.planId,
        orgUnitId: world.chain.county.id,
        requestId: "req-7f3a",
        sessionId: "session-1",
      },
    });
    expect(await prisma.auditLog.findUniqueOrThrow({ where: { id: entry.id } })).toMatchObject({
      after: { baseValue: "2.00" },
      planId: world.planId,
      orgUnitId: world.chain.county.id,
      requestId: "req-7f3a",
      sessionId: "session-1",
    });

    expect(await refusalOf(prisma.auditLog.update({ where: { id: entry.id }, data: { action: "DELETE" } }))).toMatch(
      /append-only: UPDATE/,
    );
    expect(await refusalOf(prisma.auditLog.delete({ where: { id: entry.id } }))).toMatch(/append-only: DELETE/);
    expect(await refusalOf(getDb().migrationsExecutor.exec(`TRUNCATE "AuditLog"`))).toMatch(/append-only: TRUNCATE/);
    // Nor can a foreign key action change it: the actor cannot be deleted while the log names them.
    expect(await conflictOf(prisma.user.delete({ where: { id: world.planner } }))).toBe("FOREIGN_KEY_VIOLATION");
    expect(await prisma.auditLog.count({ where: { id: entry.id, action: "UPDATE" } })).toBe(1);
  });

  it("finds a unit's whole subtree with one prefix query on the materialised path", async () => {
    const prisma = getDb().prisma;
    const secondCounty = await createOrgUnit(prisma, { level: "COUNTY", parent: world.chain.city });
    const otherProvince = await createOrgUnit(prisma, { level: "PROVINCE", parent: world.chain.hq });
    const subtree = await prisma.orgUnit.findMany({
      where: { path: { startsWith: world.chain.province.path } },
      select: { id: true },
    });
    expect(new Set(subtree.map((unit) => unit.id))).toEqual(
      new Set([world.chain.province.id, world.chain.city.id, world.chain.county.id, secondCounty.id]),
    );
    expect(subtree.map((unit) => unit.id)).not.toContain(otherProvince.id);
  });

  it("never deletes history with a plan: a plan with versions, events, comments, objections, virements or audit rows stays", async () => {
    const prisma = getDb().prisma;
    expect(await conflictOf(prisma.orgUnit.delete({ where: { id: world.chain.county.id } }))).toBe("FOREIGN_KEY_VIOLATION");
    expect(await conflictOf(prisma.plan.delete({ where: { id: world.planId } }))).toBe("FOREIGN_KEY_VIOLATION");
    for (const [table, count] of [
      ["PlanVersion", prisma.planVersion.count({ where: { planId: world.planId } })],
      ["WorkflowEvent", prisma.workflowEvent.count({ where: { planId: world.planId } })],
      ["Comment", prisma.comment.count({ where: { planId: world.planId } })],
      ["Objection", prisma.objection.count({ where: { planId: world.planId } })],
      ["ExpenseTransfer", prisma.expenseTransfer.count({ where: { planId: world.planId } })],
      ["AuditLog", prisma.auditLog.count({ where: { planId: world.planId } })],
    ] as const) {
      expect(await count, table).toBeGreaterThan(0);
    }

    // A plan without history (cells and sections only) can still be removed, with its cells.
    const scratch = await createPlan(prisma, { cycleId: world.cycleId, orgUnitId: world.chain.province.id });
    await prisma.targetCell.create({
      data: { planId: scratch.id, metricId: world.revenueId, month: 1, ...cellDimensionColumns({}), baseValue: "1.00" },
    });
    await prisma.planSection.create({
      data: { planId: scratch.id, code: "ENV_ECONOMY", links: { create: { metricId: world.revenueId } } },
    });
    await prisma.plan.delete({ where: { id: scratch.id } });
    expect(await prisma.targetCell.count({ where: { planId: scratch.id } })).toBe(0);
    expect(await prisma.planSectionLink.count({ where: { section: { planId: scratch.id } } })).toBe(0);
  });
});
