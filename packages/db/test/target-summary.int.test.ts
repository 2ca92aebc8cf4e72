// The maintained roll-up and the cell save that keeps it: worked examples, then a
// property test against a fresh scan of the cells.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { cellDimensionKey } from "@pyramid/domain";
import {
  createChannel,
  createOrgUnit,
  createPlan,
  createPlanCycle,
  createProductSpec,
  createTerminal,
  ensureStandardMetrics,
  ensureTerminalClasses,
  useTestDatabase,
  type Db,
} from "../src/testing/index.js";
import { foldPendingSummary, TargetCellSaveRefused, type SummaryLine, type TargetCellChange } from "../src/repositories/index.js";

const getDb = useTestDatabase();

interface World {
  cycleId: string;
  metricId: string;
  units: { hq: Unit; province: Unit; city: Unit; countyA: Unit; countyB: Unit };
  specs: [string, string];
  channelId: string;
  terminalIds: [string, string];
}
interface Unit {
  id: string;
  path: string;
  depth: number;
  planId: string;
}

async function buildWorld(prisma: Db): Promise<World> {
  const metrics = await ensureStandardMetrics(prisma);
  await ensureTerminalClasses(prisma);
  const cycle = await createPlanCycle(prisma, { year: 2027 });
  const unit = async (level: "HQ" | "PROVINCE" | "CITY" | "COUNTY", parent?: Unit): Promise<Unit> => {
    const row = await createOrgUnit(prisma, { level, parent: parent ?? null });
    const plan = await createPlan(prisma, { cycleId: cycle.id, orgUnitId: row.id });
    return { id: row.id, path: row.path, depth: row.depth, planId: plan.id };
  };
  const hq = await unit("HQ");
  const province = await unit("PROVINCE", hq);
  const city = await unit("CITY", province);
  const countyA = await unit("COUNTY", city);
  const countyB = await unit("COUNTY", city);
  const specA = await createProductSpec(prisma);
  const specB = await createProductSpec(prisma);
  const channel = await createChannel(prisma, { kind: "SPECIAL" });
  const terminalOne = await createTerminal(prisma, { countyId: countyA.id });
  const terminalTwo = await createTerminal(prisma, { countyId: countyA.id });
  return {
    cycleId: cycle.id,
    metricId: metrics.get("SALES_REVENUE")!.id,
    units: { hq, province, city, countyA, countyB },
    specs: [specA.id, specB.id],
    channelId: channel.id,
    terminalIds: [terminalOne.id, terminalTwo.id],
  };
}

function figure(
  world: World,
  spec: string,
  month: number,
  base: string | null,
  expectedVersion: number | null,
  stretch?: string,
): TargetCellChange {
  return {
    metricId: world.metricId,
    month,
    dimensions: { productSpecId: spec },
    baseValue: base,
    stretchValue: stretch ?? null,
    expectedVersion,
  };
}

// Through the seams the server uses: a transaction's repositories.
async function save(_prisma: Db, planId: string, changes: TargetCellChange[]) {
  return getDb().dataAccess.inTransaction((repositories) => repositories.targetCells.save({ planId, actorId: null, changes }));
}

const fold = () => getDb().dataAccess.inTransaction((repositories) => repositories.targetSummary.fold());
const approve = (plan: { planId: string; cycleId: string; orgUnitId: string; unitPath: string }) =>
  getDb().dataAccess.inTransaction(async (repositories) => {
    await repositories.plans.lockPlan(plan.planId);
    return repositories.targetSummary.recordApproved(plan);
  });
const readSummary = (
  _prisma: unknown,
  query: Parameters<ReturnType<typeof getDb>["dataAccess"]["repositories"]["targetSummary"]["read"]>[0],
) => getDb().dataAccess.repositories.targetSummary.read(query);
const pendingSummaryDeltas = (_prisma: unknown) => getDb().dataAccess.repositories.targetSummary.pending();

async function subtree(world: World, unit: Unit, basis: "LATEST" | "APPROVED" = "LATEST", scope: "OWN" | "SUBTREE" = "SUBTREE") {
  return readSummary(getDb().prisma, { cycleId: world.cycleId, orgUnitId: unit.id, unitPath: unit.path, basis, scope });
}

const brief = (lines: readonly SummaryLine[]) =>
  lines.map(
    (line) =>
      `${line.specKey.slice(0, 4)}|${line.channelKey ? "ch" : ""}|${line.month}|${line.baseSum}|${line.stretchSum}|${line.cellCount}`,
  );

describe("maintained target summary", () => {
  it("counts a figure once, whatever breakdown it has, and rolls it up the path (worked by hand)", async () => {
    const { prisma } = getDb();
    const world = await buildWorld(prisma);
    const { countyA, countyB, city, hq } = world.units;
    const [specA] = world.specs;
    const [terminalOne, terminalTwo] = world.terminalIds;
    // County A: 12,000.00 for spec A in January, broken down 600.00 + 400.00 … by terminal
    // (a breakdown that does not add up is the checks' business, not the summary's) and
    // 2,000.00 to the special channel.
    await save(prisma, countyA.planId, [
      figure(world, specA, 1, "12000.00", null, "13000.00"),
      {
        metricId: world.metricId,
        month: 1,
        dimensions: { productSpecId: specA, terminalId: terminalOne },
        baseValue: "600.00",
        expectedVersion: null,
      },
      {
        metricId: world.metricId,
        month: 1,
        dimensions: { productSpecId: specA, terminalId: terminalTwo },
        baseValue: "400.00",
        expectedVersion: null,
      },
      {
        metricId: world.metricId,
        month: 1,
        dimensions: { productSpecId: specA, channelId: world.channelId },
        baseValue: "2000.00",
        expectedVersion: null,
      },
    ]);
    await save(prisma, countyB.planId, [figure(world, specA, 1, "3000.50", null)]);

    const expected = [
      // figures: 12,000.00 + 3,000.50; stretch 13,000.00 + 3,000.50 (no stretch: the base)
      `${specA.slice(0, 4)}||1|15000.50|16000.50|2`,
      `${specA.slice(0, 4)}|ch|1|2000.00|2000.00|1`,
    ];
    expect(brief(await subtree(world, city))).toEqual(expected);
    expect(brief(await subtree(world, hq))).toEqual(expected);
    expect(brief(await subtree(world, countyA, "LATEST", "OWN"))).toEqual([
      `${specA.slice(0, 4)}||1|12000.00|13000.00|1`,
      `${specA.slice(0, 4)}|ch|1|2000.00|2000.00|1`,
    ]);

    // Folding changes where the numbers live, not the numbers.
    expect(await pendingSummaryDeltas(prisma)).toBeGreaterThan(0);
    await fold();
    expect(await pendingSummaryDeltas(prisma)).toBe(0);
    expect(brief(await subtree(world, hq))).toEqual(expected);
    expect(brief(await subtree(world, city, "LATEST", "OWN"))).toEqual([]);
  });

  it("moves the approved roll-up only on approval", async () => {
    const { prisma } = getDb();
    const world = await buildWorld(prisma);
    const { countyA, hq } = world.units;
    const [specA, specB] = world.specs;
    const [saved] = await save(prisma, countyA.planId, [
      figure(world, specA, 3, "1000.00", null),
      figure(world, specB, 3, "250.25", null),
    ]);
    expect(await subtree(world, hq, "APPROVED")).toEqual([]);

    await approve({ planId: countyA.planId, cycleId: world.cycleId, orgUnitId: countyA.id, unitPath: countyA.path });
    const approved = [`${specA.slice(0, 4)}||3|1000.00|1000.00|1`, `${specB.slice(0, 4)}||3|250.25|250.25|1`].sort();
    expect(brief(await subtree(world, hq, "APPROVED")).sort()).toEqual(approved);

    // A later draft edit moves LATEST only.
    await save(prisma, countyA.planId, [figure(world, specA, 3, "1100.00", saved!.version)]);
    expect(brief(await subtree(world, hq, "APPROVED")).sort()).toEqual(approved);
    expect(brief(await subtree(world, hq)).sort()).toEqual(
      [`${specA.slice(0, 4)}||3|1100.00|1100.00|1`, `${specB.slice(0, 4)}||3|250.25|250.25|1`].sort(),
    );

    // Approving again replaces the plan's approved figures; it does not add them twice.
    await approve({ planId: countyA.planId, cycleId: world.cycleId, orgUnitId: countyA.id, unitPath: countyA.path });
    await fold();
    await approve({ planId: countyA.planId, cycleId: world.cycleId, orgUnitId: countyA.id, unitPath: countyA.path });
    expect(brief(await subtree(world, hq, "APPROVED")).sort()).toEqual(
      [`${specA.slice(0, 4)}||3|1100.00|1100.00|1`, `${specB.slice(0, 4)}||3|250.25|250.25|1`].sort(),
    );
  });
});

describe("saving target cells", () => {
  it("lets two planners change different cells of one plan, and stops the second writer of the same cell", async () => {
    const { prisma } = getDb();
    const world = await buildWorld(prisma);
    const { countyA } = world.units;
    const [specA, specB] = world.specs;
    const [first, second] = await save(prisma, countyA.planId, [
      figure(world, specA, 1, "100.00", null),
      figure(world, specB, 1, "200.00", null),
    ]);
    expect(first!.version).toBe(1);

    // Both read version 1; each changes a different cell: both succeed.
    await Promise.all([
      save(prisma, countyA.planId, [figure(world, specA, 1, "110.00", 1)]),
      save(prisma, countyA.planId, [figure(world, specB, 1, "220.00", second!.version)]),
    ]);

    // Both read version 2 of spec A's cell: the first wins, the second is told what is there now.
    await save(prisma, countyA.planId, [figure(world, specA, 1, "120.00", 2)]);
    const refused = await save(prisma, countyA.planId, [
      figure(world, specB, 1, "999.00", 2),
      figure(world, specA, 1, "130.00", 2),
    ]).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(TargetCellSaveRefused);
    const refusal = refused as TargetCellSaveRefused;
    expect(refusal.code).toBe("CELL_CONFLICT");
    expect(refusal.conflicts).toHaveLength(1);
    expect(refusal.conflicts[0]).toMatchObject({
      month: 1,
      dimensionKey: cellDimensionKey({ productSpecId: specA }),
      expectedVersion: 2,
      current: { baseValue: "120.00", version: 3 },
    });
    // Nothing of the refused batch was written: spec B's cell still holds 220.00.
    const cells = await prisma.targetCell.findMany({ where: { planId: countyA.planId }, orderBy: { productSpecId: "asc" } });
    expect(cells.map((cell) => [cell.productSpecId, cell.baseValue.toFixed(2)]).sort()).toEqual(
      [
        [specA, "120.00"],
        [specB, "220.00"],
      ].sort(),
    );
    // Every change that went through has its audit row, naming the plan and unit: 2 creates + 3 updates.
    const audit = await prisma.auditLog.findMany({
      where: { planId: countyA.planId, entity: "TargetCell" },
      orderBy: { id: "asc" },
    });
    expect(audit.map((row) => row.action)).toEqual(["CREATE", "CREATE", "UPDATE", "UPDATE", "UPDATE"]);
    expect(new Set(audit.map((row) => row.orgUnitId))).toEqual(new Set([countyA.id]));
    expect(audit.at(-1)).toMatchObject({
      before: { baseValue: "110.00", version: 2 },
      after: { baseValue: "120.00", version: 3 },
    });
  });

  it("refuses a plan that is not editable, an unknown metric and a value finer than the metric", async () => {
    const { prisma } = getDb();
    const world = await buildWorld(prisma);
    const submitted = await createPlan(prisma, {
      cycleId: world.cycleId,
      orgUnitId: (await createOrgUnit(prisma, { level: "COUNTY", parent: world.units.city })).id,
      status: "SUBMITTED",
    });
    await expect(save(prisma, submitted.id, [figure(world, world.specs[0], 1, "1.00", null)])).rejects.toMatchObject({
      code: "PLAN_NOT_EDITABLE",
    });
    await expect(
      save(prisma, world.units.countyA.planId, [
        { ...figure(world, world.specs[0], 1, "1.00", null), metricId: "no-such-metric" },
      ]),
    ).rejects.toMatchObject({ code: "INVALID_CHANGE" });
    const metrics = await ensureStandardMetrics(prisma);
    const volume = metrics.get("SALES_VOLUME")!;
    await expect(
      save(prisma, world.units.countyA.planId, [{ ...figure(world, world.specs[0], 1, "1.5", null), metricId: volume.id }]),
    ).rejects.toMatchObject({ code: "INVALID_CHANGE" });
    await expect(
      save(prisma, world.units.countyA.planId, [figure(world, world.specs[0], 13, "1.00", null)]),
    ).rejects.toMatchObject({ code: "INVALID_CHANGE" });
  });
});

describe("saving target cells concurrently", () => {
  it("lets exactly one of two writers of the same cell (or of the same new cell) win", async () => {
    const { prisma } = getDb();
    const world = await buildWorld(prisma);
    const { countyA } = world.units;
    const [specA, specB] = world.specs;
    await save(prisma, countyA.planId, [figure(world, specA, 1, "100.00", null)]);

    const sameCell = await Promise.allSettled([
      save(prisma, countyA.planId, [figure(world, specA, 1, "111.00", 1)]),
      save(prisma, countyA.planId, [figure(world, specA, 1, "222.00", 1)]),
    ]);
    expect(sameCell.filter((result) => result.status === "fulfilled")).toHaveLength(1);
    const lost = sameCell.find((result) => result.status === "rejected");
    expect(lost?.reason).toMatchObject({ code: "CELL_CONFLICT" });

    const newCell = await Promise.allSettled([
      save(prisma, countyA.planId, [figure(world, specB, 2, "5.00", null)]),
      save(prisma, countyA.planId, [figure(world, specB, 2, "6.00", null)]),
    ]);
    expect(newCell.filter((result) => result.status === "fulfilled")).toHaveLength(1);
    expect(newCell.find((result) => result.status === "rejected")?.reason).toMatchObject({ code: "CELL_CONFLICT" });

    // The summary holds the winners only.
    const cells = await prisma.targetCell.findMany({ where: { planId: countyA.planId } });
    const total = cells.reduce((sum, cell) => sum + BigInt(cell.baseValue.toFixed(2).replace(".", "")), 0n);
    const [line1, line2] = await subtree(world, world.units.hq);
    expect(BigInt(line1!.baseSum.replace(".", "")) + BigInt(line2!.baseSum.replace(".", ""))).toBe(total);
  });
});

// ─── property: the summary equals a fresh scan after any sequence of writes ───

type Command =
  | {
      kind: "edit";
      plan: number;
      cells: {
        spec: number;
        month: number;
        channel: boolean;
        terminal: number | null;
        fen: number | null;
        stretchFen: number | null;
      }[];
    }
  | { kind: "split"; plan: number; totalFen: number; months: number[]; weights: number[] }
  | { kind: "approve"; plan: number }
  | { kind: "fold" };

const MONTHS = [1, 2, 3];
const cellArbitrary = fc.record({
  spec: fc.integer({ min: 0, max: 1 }),
  month: fc.constantFrom(...MONTHS),
  channel: fc.boolean(),
  terminal: fc.option(fc.integer({ min: 0, max: 1 }), { nil: null }),
  fen: fc.option(fc.integer({ min: 0, max: 1_000_000_000 }), { nil: null, freq: 4 }),
  stretchFen: fc.option(fc.integer({ min: 0, max: 1_000_000_000 }), { nil: null }),
});
const commandArbitrary: fc.Arbitrary<Command> = fc.oneof(
  {
    weight: 5,
    arbitrary: fc.record({
      kind: fc.constant("edit" as const),
      plan: fc.integer({ min: 0, max: 4 }),
      cells: fc.array(cellArbitrary, { minLength: 1, maxLength: 6 }),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant("split" as const),
      plan: fc.integer({ min: 0, max: 4 }),
      totalFen: fc.integer({ min: 0, max: 2_000_000_000 }),
      months: fc.uniqueArray(fc.constantFrom(...MONTHS), { minLength: 1, maxLength: 3 }),
      weights: fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 2, maxLength: 2 }),
    }),
  },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant("approve" as const), plan: fc.integer({ min: 0, max: 4 }) }) },
  { weight: 2, arbitrary: fc.constant({ kind: "fold" as const }) },
);

/** The test's own record of every plan's cells: key → value; independent of the code under test. */
interface ModelCell {
  spec: string;
  channel: string | null;
  terminal: string | null;
  month: number;
  base: bigint;
  stretch: bigint | null;
  version: number;
}

const fenText = (fen: bigint) =>
  `${fen < 0n ? "-" : ""}${(fen < 0n ? -fen : fen) / 100n}.${String((fen < 0n ? -fen : fen) % 100n).padStart(2, "0")}`;

/** Σ of the figure and channel cells of the given plans' models, as "spec|channel|month" → [base, stretch, count]. */
function expectedLines(models: readonly Map<string, ModelCell>[]): Map<string, [bigint, bigint, number]> {
  const lines = new Map<string, [bigint, bigint, number]>();
  for (const model of models) {
    for (const cell of model.values()) {
      if (cell.terminal !== null) continue; // a terminal breakdown details a figure; never added
      const key = `${cell.spec}|${cell.channel ?? ""}|${cell.month}`;
      const line = lines.get(key) ?? [0n, 0n, 0];
      lines.set(key, [line[0] + cell.base, line[1] + (cell.stretch ?? cell.base), line[2] + 1]);
    }
  }
  for (const [key, [base, stretch, count]] of lines) if (base === 0n && stretch === 0n && count === 0) lines.delete(key);
  return lines;
}

function asLines(lines: readonly SummaryLine[]): Map<string, [bigint, bigint, number]> {
  const toFen = (text: string) => BigInt(text.replace(".", ""));
  return new Map(
    lines.map((line) => [
      `${line.specKey}|${line.channelKey}|${line.month}`,
      [toFen(line.baseSum), toFen(line.stretchSum), line.cellCount],
    ]),
  );
}

describe("maintained target summary (property)", () => {
  it("equals a fresh scan of the cells, and the approved figures, after random edits, splits, approvals and folds", async () => {
    const { prisma } = getDb();
    const world = await buildWorld(prisma);
    const { hq, province, city, countyA, countyB } = world.units;
    const units = [hq, province, city, countyA, countyB];
    const ancestorsOf = (unit: Unit) => units.filter((other) => unit.path.startsWith(other.path));

    await fc.assert(
      fc.asyncProperty(fc.array(commandArbitrary, { minLength: 1, maxLength: 25 }), async (commands) => {
        // A fresh cycle per run: the summary is per cycle, so runs cannot see each other.
        const cycle = await createPlanCycle(prisma, { year: 2027 });
        const planIds: string[] = [];
        for (const unit of units) planIds.push((await createPlan(prisma, { cycleId: cycle.id, orgUnitId: unit.id })).id);
        const models = units.map(() => new Map<string, ModelCell>());
        const approved = units.map(() => new Map<string, ModelCell>());

        const write = async (
          plan: number,
          cells: {
            spec: string;
            channel: string | null;
            terminal: string | null;
            month: number;
            base: bigint | null;
            stretch: bigint | null;
          }[],
        ) => {
          const model = models[plan]!;
          const changes: TargetCellChange[] = [];
          const seen = new Set<string>();
          for (const cell of cells) {
            const key = `${cell.spec}|${cell.channel ?? ""}|${cell.terminal ?? ""}|${cell.month}`;
            if (seen.has(key)) continue;
            seen.add(key);
            const current = model.get(key);
            changes.push({
              metricId: world.metricId,
              month: cell.month,
              dimensions: { productSpecId: cell.spec, channelId: cell.channel, terminalId: cell.terminal },
              baseValue: cell.base === null ? null : fenText(cell.base),
              stretchValue: cell.stretch === null ? null : fenText(cell.stretch),
              expectedVersion: current?.version ?? null,
            });
          }
          const saved = await save(prisma, planIds[plan]!, changes);
          changes.forEach((change, index) => {
            const dims = change.dimensions;
            const key = `${dims.productSpecId}|${dims.channelId ?? ""}|${dims.terminalId ?? ""}|${change.month}`;
            if (change.baseValue === null) model.delete(key);
            else {
              const base = BigInt(change.baseValue.replace(".", ""));
              const stretch = change.stretchValue ? BigInt(change.stretchValue.replace(".", "")) : null;
              model.set(key, {
                spec: dims.productSpecId!,
                channel: dims.channelId ?? null,
                terminal: dims.terminalId ?? null,
                month: change.month,
                base,
                stretch,
                version: saved[index]!.version!,
              });
            }
          });
        };

        for (const command of commands) {
          if (command.kind === "edit") {
            // The terminals belong to county A: only plans whose unit contains it may break down by them.
            const unit = units[command.plan]!;
            const terminalOf = (index: number | null) =>
              index === null || !countyA.path.startsWith(unit.path) ? null : world.terminalIds[index]!;
            await write(
              command.plan,
              command.cells.map((cell) => ({
                spec: world.specs[cell.spec]!,
                channel: cell.channel && terminalOf(cell.terminal) === null ? world.channelId : null,
                terminal: terminalOf(cell.terminal),
                month: cell.month,
                base: cell.fen === null ? null : BigInt(cell.fen),
                stretch: cell.fen === null || cell.stretchFen === null ? null : BigInt(cell.stretchFen),
              })),
            );
          } else if (command.kind === "split") {
            // A total split over months × specs by weights, remainders to the first cells:
            // many cells written at once, summing exactly to the total.
            const slots = command.months.flatMap((month) =>
              world.specs.map((spec, index) => ({ month, spec, weight: BigInt(command.weights[index]! + 1) })),
            );
            const weightSum = slots.reduce((sum, slot) => sum + slot.weight, 0n);
            const total = BigInt(command.totalFen);
            const parts = slots.map((slot) => (total * slot.weight) / weightSum);
            let rest = total - parts.reduce((sum, part) => sum + part, 0n);
            for (let index = 0; rest > 0n; index = (index + 1) % parts.length, rest -= 1n) parts[index]! += 1n;
            await write(
              command.plan,
              slots.map((slot, index) => ({
                spec: slot.spec,
                channel: null,
                terminal: null,
                month: slot.month,
                base: parts[index]!,
                stretch: null,
              })),
            );
          } else if (command.kind === "approve") {
            const unit = units[command.plan]!;
            await approve({ planId: planIds[command.plan]!, cycleId: cycle.id, orgUnitId: unit.id, unitPath: unit.path });
            approved[command.plan] = new Map(models[command.plan]);
          } else {
            await fold();
          }
        }

        // The oracle: a fresh scan of the cells table for LATEST, the test's own record for
        // APPROVED; checked with deltas pending, and again once everything is folded.
        await compareWithScan();
        await fold();
        await compareWithScan();

        async function compareWithScan() {
          for (const unit of units) {
            const covered = units
              .map((other, index) => ({ other, index }))
              .filter(({ other }) => ancestorsOf(other).includes(unit));
            const scan = await prisma.$queryRaw<
              { spec: string; channel: string; month: number; base: string; stretch: string; count: number }[]
            >`
            SELECT coalesce(c."productSpecId", '') AS spec, coalesce(c."channelId", '') AS channel, c."month" AS month,
                   sum(c."baseValue")::text AS base, sum(coalesce(c."stretchValue", c."baseValue"))::text AS stretch, count(*)::int AS count
            FROM "TargetCell" c JOIN "Plan" p ON p."id" = c."planId" JOIN "OrgUnit" u ON u."id" = p."orgUnitId"
            WHERE p."cycleId" = ${cycle.id} AND u."path" LIKE ${unit.path + "%"}
              AND c."terminalId" IS NULL AND c."distributorId" IS NULL AND c."townshipId" IS NULL
            GROUP BY 1, 2, 3`;
            const scanned = new Map(
              scan.map((row) => [
                `${row.spec}|${row.channel}|${Number(row.month)}`,
                [BigInt(row.base.replace(".", "")), BigInt(row.stretch.replace(".", "")), Number(row.count)] as [
                  bigint,
                  bigint,
                  number,
                ],
              ]),
            );
            for (const [key, [base, stretch, count]] of scanned)
              if (base === 0n && stretch === 0n && count === 0) scanned.delete(key);
            const query = { cycleId: cycle.id, orgUnitId: unit.id, unitPath: unit.path };
            expect(asLines(await readSummary(prisma, { ...query, basis: "LATEST", scope: "SUBTREE" }))).toEqual(scanned);
            expect(scanned).toEqual(expectedLines(covered.map(({ index }) => models[index]!)));
            expect(asLines(await readSummary(prisma, { ...query, basis: "APPROVED", scope: "SUBTREE" }))).toEqual(
              expectedLines(covered.map(({ index }) => approved[index]!)),
            );
            const own = units.indexOf(unit);
            expect(asLines(await readSummary(prisma, { ...query, basis: "LATEST", scope: "OWN" }))).toEqual(
              expectedLines([models[own]!]),
            );
            expect(asLines(await readSummary(prisma, { ...query, basis: "APPROVED", scope: "OWN" }))).toEqual(
              expectedLines([approved[own]!]),
            );
          }
        }
      }),
      { numRuns: 25 },
    );
  });
});

describe("folding everything pending", () => {
  it("folds what planners saved in batches, leaves the totals unchanged, and finds nothing the second time", async () => {
    const { prisma, dataAccess } = getDb();
    const world = await buildWorld(prisma);
    const [specA, specB] = world.specs;
    await save(prisma, world.units.countyA.planId, [figure(world, specA, 4, "10.00", null)]);
    await save(prisma, world.units.countyB.planId, [figure(world, specB, 4, "0.05", null)]);
    const before = brief(await subtree(world, world.units.hq));
    const pending = await dataAccess.repositories.targetSummary.pending();
    expect(pending).toBeGreaterThanOrEqual(2);

    expect(await foldPendingSummary(dataAccess, 1)).toBe(pending); // one delta per transaction
    expect(await dataAccess.repositories.targetSummary.pending()).toBe(0);
    expect(await foldPendingSummary(dataAccess, 1)).toBe(0);
    expect(brief(await subtree(world, world.units.hq))).toEqual(before);
    expect([...before].sort()).toEqual([`${specA.slice(0, 4)}||4|10.00|10.00|1`, `${specB.slice(0, 4)}||4|0.05|0.05|1`].sort());
  });
});
