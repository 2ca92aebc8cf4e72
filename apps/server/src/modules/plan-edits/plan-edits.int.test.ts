// saveTargetCells through the real schema, access rules and error map, on a small world
// built by the factories: HQ → province → city → counties A and B, one cycle, a plan per
// unit, two planners at county A and one at county B. Expected values are worked by hand
// from what each test sends; the summary is compared with a fresh SQL scan of the cells.
import {
  createChannel,
  createDistributor,
  createOrgUnit,
  createPlan,
  createPlanCycle,
  createProductSpec,
  createTerminal,
  createTownship,
  createUser,
  ensureStandardMetrics,
  useTestDatabase,
  type Db,
} from "@pyramid/db/testing";
import { cellDimensionKey, MAX_CELL_CHANGES_PER_SAVE, type Role } from "@pyramid/domain";
import type { GraphQLFormattedError } from "graphql";
import { beforeAll, describe, expect, it } from "vitest";
import { startGraphQLHarness, type GraphQLHarness } from "../../testing/graphql-harness.js";
import type { Viewer } from "../../viewer.js";

const getDb = useTestDatabase();

let harness: GraphQLHarness;

beforeAll(async () => {
  harness = await startGraphQLHarness(getDb().dataAccess);
});

const SAVE = `
  mutation Save($planId: ID!, $changes: [TargetCellChangeInput!]!) {
    saveTargetCells(planId: $planId, changes: $changes) {
      __typename
      ... on TargetCellsSaved {
        planId
        cells { metricId month productSpecId channelId terminalId distributorId townshipId dimensionKey id version baseValue stretchValue isHeld }
      }
      ... on TargetCellsConflict {
        planId
        message
        conflicts {
          metricId month productSpecId channelId terminalId distributorId townshipId dimensionKey expectedVersion
          current { baseValue stretchValue isHeld version updatedAt updatedBy { id login displayName } }
        }
      }
    }
  }`;

interface Change {
  metricId: string;
  month: number;
  productSpecId?: string | null;
  channelId?: string | null;
  terminalId?: string | null;
  distributorId?: string | null;
  townshipId?: string | null;
  baseValue: string | null;
  stretchValue?: string | null;
  isHeld?: boolean | null;
  expectedVersion?: number | null;
}

interface SavedCell {
  metricId: string;
  month: number;
  productSpecId: string | null;
  channelId: string | null;
  terminalId: string | null;
  distributorId: string | null;
  townshipId: string | null;
  dimensionKey: string;
  id: string | null;
  version: number | null;
  baseValue: string | null;
  stretchValue: string | null;
  isHeld: boolean;
}

interface Conflict {
  metricId: string;
  month: number;
  productSpecId: string | null;
  channelId: string | null;
  dimensionKey: string;
  expectedVersion: number | null;
  current: {
    baseValue: string;
    stretchValue: string | null;
    isHeld: boolean;
    version: number;
    updatedAt: string;
    updatedBy: { id: string; login: string; displayName: string } | null;
  } | null;
}

type SaveResult =
  | { __typename: "TargetCellsSaved"; planId: string; cells: SavedCell[] }
  | { __typename: "TargetCellsConflict"; planId: string; message: string; conflicts: Conflict[] };

let requestCounter = 0;

async function save(viewer: Viewer, planId: string, changes: Change[], requestId = `req-${++requestCounter}`) {
  const { data, errors } = await harness.run<{ saveTargetCells: SaveResult | null }>(
    viewer,
    SAVE,
    { planId, changes },
    requestId,
  );
  return { result: data?.saveTargetCells ?? null, errors };
}

/** Saves and expects every change written; returns the saved cells. */
async function saved(viewer: Viewer, planId: string, changes: Change[], requestId?: string): Promise<SavedCell[]> {
  const { result, errors } = await save(viewer, planId, changes, requestId);
  expect(errors).toBeUndefined();
  if (result?.__typename !== "TargetCellsSaved") throw new Error(`expected TargetCellsSaved, got ${JSON.stringify(result)}`);
  return result.cells;
}

interface Unit {
  id: string;
  path: string;
  planId: string;
}

interface Person {
  viewer: Viewer;
  login: string;
  displayName: string;
}

interface World {
  cycleId: string;
  revenue: string;
  volume: string;
  specs: [string, string];
  groupBuy: string;
  city: Unit;
  countyA: Unit & { terminal: string; distributor: string; township: string };
  countyB: Unit & { terminal: string; distributor: string; township: string };
  a1: Person;
  a2: Person;
  b1: Person;
}

let worldCounter = 0;

async function person(prisma: Db, unit: Unit, role: Role, name: string): Promise<Person> {
  const login = `${name}.${++worldCounter}`;
  const displayName = `测试 ${name}`;
  const { user } = await createUser(prisma, { orgUnitId: unit.id, role, login, displayName });
  return {
    login,
    displayName,
    viewer: {
      userId: user.id,
      sessionId: `session-${login}`,
      assignments: [{ role, orgUnitId: unit.id, orgUnitPath: unit.path }],
    },
  };
}

async function buildWorld(): Promise<World> {
  const { prisma } = getDb();
  const metrics = await ensureStandardMetrics(prisma);
  const cycle = await createPlanCycle(prisma);
  const unit = async (level: "HQ" | "PROVINCE" | "CITY" | "COUNTY", parent?: { id: string; path: string; depth: number }) => {
    const row = await createOrgUnit(prisma, { level, parent: parent ?? null });
    const plan = await createPlan(prisma, { cycleId: cycle.id, orgUnitId: row.id });
    return { id: row.id, path: row.path, depth: row.depth, planId: plan.id };
  };
  const hq = await unit("HQ");
  const province = await unit("PROVINCE", hq);
  const city = await unit("CITY", province);
  const county = async (parent: typeof city) => {
    const created = await unit("COUNTY", parent);
    const township = await createTownship(prisma, { countyId: created.id });
    const terminal = await createTerminal(prisma, { countyId: created.id, townshipId: township.id });
    const distributor = await createDistributor(prisma, { countyId: created.id });
    return { ...created, terminal: terminal.id, distributor: distributor.id, township: township.id };
  };
  const countyA = await county(city);
  const countyB = await county(city);
  const specs: [string, string] = [(await createProductSpec(prisma)).id, (await createProductSpec(prisma)).id];
  const groupBuy = (await createChannel(prisma, { kind: "SPECIAL" })).id;
  return {
    cycleId: cycle.id,
    revenue: metrics.get("SALES_REVENUE")!.id,
    volume: metrics.get("SALES_VOLUME")!.id,
    specs,
    groupBuy,
    city,
    countyA,
    countyB,
    a1: await person(prisma, countyA, "PLANNER", "a1"),
    a2: await person(prisma, countyA, "PLANNER", "a2"),
    b1: await person(prisma, countyB, "PLANNER", "b1"),
  };
}

/** Everything a save could have touched, to prove that a refused one touched nothing. */
async function snapshot() {
  const { prisma } = getDb();
  const cells = await prisma.targetCell.findMany({ orderBy: { id: "asc" } });
  return {
    cells: cells.map((cell) => [
      String(cell.id),
      cell.baseValue.toFixed(2),
      cell.stretchValue?.toFixed(2),
      cell.isHeld,
      cell.version,
    ]),
    audit: await prisma.auditLog.count(),
    deltas: await prisma.targetSummaryDelta.count(),
    summary: await prisma.targetSummary.count(),
  };
}

const revenueOf = (
  world: World,
  spec: number,
  month: number,
  value: string | null,
  expectedVersion: number | null = null,
): Change => ({
  metricId: world.revenue,
  month,
  productSpecId: world.specs[spec]!,
  baseValue: value,
  expectedVersion,
});

describe("saveTargetCells", () => {
  it("writes a batch of figures and breakdowns as typed, each at version 1, then updates and deletes", async () => {
    const world = await buildWorld();
    const [specA, specB] = world.specs;
    const { countyA, a1 } = world;
    const cells = await saved(a1.viewer, countyA.planId, [
      // Full-width digits with thousands separators, 万, ¥ and parentheses, as Excel / WPS paste them.
      { ...revenueOf(world, 0, 1, "１２，０００．５０"), stretchValue: "1.3万" },
      revenueOf(world, 1, 1, "¥3,000"),
      { metricId: world.volume, month: 2, productSpecId: specA, baseValue: "（５）" },
      { ...revenueOf(world, 0, 1, "600"), terminalId: countyA.terminal },
      { ...revenueOf(world, 0, 1, "400.25"), distributorId: countyA.distributor },
      { ...revenueOf(world, 0, 1, "0.05"), townshipId: countyA.township },
      { ...revenueOf(world, 0, 1, "2000"), channelId: world.groupBuy, isHeld: true },
    ]);
    expect(cells.map((cell) => [cell.baseValue, cell.stretchValue, cell.isHeld, cell.version])).toEqual([
      ["12000.50", "13000.00", false, 1],
      ["3000.00", null, false, 1],
      ["-5.00", null, false, 1],
      ["600.00", null, false, 1],
      ["400.25", null, false, 1],
      ["0.05", null, false, 1],
      ["2000.00", null, true, 1],
    ]);
    expect(cells[3]).toMatchObject({
      productSpecId: specA,
      terminalId: countyA.terminal,
      channelId: null,
      dimensionKey: cellDimensionKey({ productSpecId: specA, terminalId: countyA.terminal }),
    });
    expect(cells[1]).toMatchObject({ productSpecId: specB, dimensionKey: cellDimensionKey({ productSpecId: specB }) });

    const stored = await getDb().prisma.targetCell.findMany({ where: { planId: countyA.planId }, orderBy: { id: "asc" } });
    expect(stored.map((cell) => [String(cell.id), cell.baseValue.toFixed(2), cell.updatedById])).toEqual(
      cells.map((cell) => [cell.id, cell.baseValue, a1.viewer.userId]),
    );

    // The next batch names the versions it read: update two, delete one.
    const next = await saved(a1.viewer, countyA.planId, [
      { ...revenueOf(world, 0, 1, "12,100", 1), stretchValue: null },
      revenueOf(world, 1, 1, null, 1),
      { ...revenueOf(world, 0, 1, "650", 1), terminalId: countyA.terminal },
    ]);
    expect(next.map((cell) => [cell.baseValue, cell.stretchValue, cell.version, cell.id])).toEqual([
      ["12100.00", null, 2, cells[0]!.id],
      [null, null, null, null],
      ["650.00", null, 2, cells[3]!.id],
    ]);
    expect(await getDb().prisma.targetCell.count({ where: { planId: countyA.planId } })).toBe(6);
  });

  it("saves the held flag, and keeps it and the stretch value when a change leaves them out", async () => {
    const world = await buildWorld();
    const { countyA, a1 } = world;
    const [first] = await saved(a1.viewer, countyA.planId, [
      { ...revenueOf(world, 0, 3, "100"), stretchValue: "120", isHeld: true },
    ]);
    expect(first).toMatchObject({ baseValue: "100.00", stretchValue: "120.00", isHeld: true, version: 1 });
    // Only the base: stretch and hold stay.
    const [second] = await saved(a1.viewer, countyA.planId, [revenueOf(world, 0, 3, "110", 1)]);
    expect(second).toMatchObject({ baseValue: "110.00", stretchValue: "120.00", isHeld: true, version: 2 });
    // Releasing the hold is a change of its own, and a version.
    const [third] = await saved(a1.viewer, countyA.planId, [{ ...revenueOf(world, 0, 3, "110", 2), isHeld: false }]);
    expect(third).toMatchObject({ baseValue: "110.00", stretchValue: "120.00", isHeld: false, version: 3 });
    const stored = await getDb().prisma.targetCell.findFirstOrThrow({ where: { planId: countyA.planId } });
    expect([stored.isHeld, stored.stretchValue?.toFixed(2), stored.version]).toEqual([false, "120.00", 3]);
  });

  it("writes nothing for a change that leaves the cell as it is: same version, no audit row", async () => {
    const world = await buildWorld();
    const { countyA, a1 } = world;
    const [cell] = await saved(a1.viewer, countyA.planId, [{ ...revenueOf(world, 0, 10, "1,000"), stretchValue: "1100" }]);
    const before = await snapshot();
    // The same values, typed differently.
    const [again] = await saved(a1.viewer, countyA.planId, [
      { ...revenueOf(world, 0, 10, "1000.00", 1), stretchValue: "0.11万" },
    ]);
    expect(again).toMatchObject({ id: cell!.id, version: 1, baseValue: "1000.00", stretchValue: "1100.00" });
    expect(await snapshot()).toEqual(before);
  });

  it("answers CONFLICT listing every stale cell with its current values, version, who and when, and writes nothing", async () => {
    const world = await buildWorld();
    const { countyA, a1, a2 } = world;
    await saved(a1.viewer, countyA.planId, [revenueOf(world, 0, 1, "100"), revenueOf(world, 1, 1, "200")]);
    // a2 changes spec A's January and creates spec A's February.
    await saved(a2.viewer, countyA.planId, [
      { ...revenueOf(world, 0, 1, "150", 1), stretchValue: "160" },
      revenueOf(world, 0, 2, "70"),
    ]);
    const before = await snapshot();
    const startedAt = Date.now();

    // a1 still holds version 1 of January and saw no February.
    const { result, errors } = await save(a1.viewer, countyA.planId, [
      revenueOf(world, 1, 1, "999", 1), // fresh: would be fine alone
      revenueOf(world, 0, 1, "111", 1), // stale
      revenueOf(world, 0, 2, "80", null), // created by a2 meanwhile
      revenueOf(world, 1, 3, "5", null), // new
    ]);
    expect(errors).toBeUndefined();
    if (result?.__typename !== "TargetCellsConflict") throw new Error(`expected a conflict, got ${JSON.stringify(result)}`);
    expect(result.planId).toBe(countyA.planId);
    expect(result.conflicts).toHaveLength(2);
    const who = { id: a2.viewer.userId, login: a2.login, displayName: a2.displayName };
    expect(result.conflicts[0]).toMatchObject({
      metricId: world.revenue,
      month: 1,
      productSpecId: world.specs[0],
      expectedVersion: 1,
      current: { baseValue: "150.00", stretchValue: "160.00", isHeld: false, version: 2, updatedBy: who },
    });
    expect(result.conflicts[1]).toMatchObject({
      month: 2,
      expectedVersion: null,
      current: { baseValue: "70.00", stretchValue: null, version: 1, updatedBy: who },
    });
    const changedAt = Date.parse(result.conflicts[0]!.current!.updatedAt);
    expect(changedAt).toBeLessThanOrEqual(startedAt + 1000);
    expect(changedAt).toBeGreaterThan(startedAt - 10 * 60 * 1000);
    expect(await snapshot()).toEqual(before);
  });

  it("keeps both of two people's edits to different cells of one plan, made at the same time", async () => {
    const world = await buildWorld();
    const { countyA, a1, a2 } = world;
    await saved(a1.viewer, countyA.planId, [revenueOf(world, 0, 4, "10"), revenueOf(world, 1, 4, "20")]);
    const [one, two] = await Promise.all([
      save(a1.viewer, countyA.planId, [revenueOf(world, 0, 4, "11", 1), revenueOf(world, 0, 5, "1")]),
      save(a2.viewer, countyA.planId, [revenueOf(world, 1, 4, "22", 1), revenueOf(world, 1, 5, "2")]),
    ]);
    expect([one.result?.__typename, two.result?.__typename]).toEqual(["TargetCellsSaved", "TargetCellsSaved"]);
    const cells = await getDb().prisma.targetCell.findMany({ where: { planId: countyA.planId } });
    const byKey = new Map(cells.map((cell) => [`${cell.productSpecId === world.specs[0] ? "A" : "B"}${cell.month}`, cell]));
    expect(
      [...byKey.entries()].map(([key, cell]) => [key, cell.baseValue.toFixed(2), cell.version, cell.updatedById]).sort(),
    ).toEqual(
      [
        ["A4", "11.00", 2, a1.viewer.userId],
        ["A5", "1.00", 1, a1.viewer.userId],
        ["B4", "22.00", 2, a2.viewer.userId],
        ["B5", "2.00", 1, a2.viewer.userId],
      ].sort(),
    );
  });

  it("lets exactly one of 20 parallel saves of the same cell at the same version win; 19 conflict; nothing is lost", async () => {
    const world = await buildWorld();
    const { countyA, a1, a2 } = world;
    const [cell] = await saved(a1.viewer, countyA.planId, [revenueOf(world, 0, 6, "1000")]);
    const writers = Array.from({ length: 20 }, (_, index) => ({ who: index % 2 === 0 ? a1 : a2, value: `${1001 + index}.00` }));
    const results = await Promise.all(
      writers.map(({ who, value }) => save(who.viewer, countyA.planId, [revenueOf(world, 0, 6, value, 1)])),
    );
    expect(results.map((answer) => answer.errors)).toEqual(writers.map(() => undefined));
    const wins = results.flatMap((answer, index) => (answer.result?.__typename === "TargetCellsSaved" ? [index] : []));
    const conflicts = results.flatMap((answer) => (answer.result?.__typename === "TargetCellsConflict" ? [answer.result] : []));
    expect(wins).toHaveLength(1);
    expect(conflicts).toHaveLength(19);
    const winner = writers[wins[0]!]!;

    // The winner's value is what the cell holds, at version 2, and every loser was shown it.
    const stored = await getDb().prisma.targetCell.findUniqueOrThrow({ where: { id: BigInt(cell!.id!) } });
    expect([stored.baseValue.toFixed(2), stored.version, stored.updatedById]).toEqual([
      winner.value,
      2,
      winner.who.viewer.userId,
    ]);
    for (const conflict of conflicts) {
      expect(conflict.conflicts).toHaveLength(1);
      expect(conflict.conflicts[0]!.current).toMatchObject({
        baseValue: winner.value,
        version: 2,
        updatedBy: { login: winner.who.login },
      });
    }
    // One row per change that happened: the create and the one winning update.
    const audit = await getDb().prisma.auditLog.findMany({
      where: { entity: "TargetCell", entityId: cell!.id! },
      orderBy: { id: "asc" },
    });
    expect(audit.map((row) => [row.action, (row.after as { baseValue: string }).baseValue])).toEqual([
      ["CREATE", "1000.00"],
      ["UPDATE", winner.value],
    ]);
  });

  it("writes one audit row per changed cell: before, after, who, the request and the session", async () => {
    const world = await buildWorld();
    const { countyA, a1, a2 } = world;
    const first = await saved(
      a1.viewer,
      countyA.planId,
      [revenueOf(world, 0, 7, "10"), revenueOf(world, 1, 7, "20")],
      "req-audit-1",
    );
    const second = await saved(
      a2.viewer,
      countyA.planId,
      [
        { ...revenueOf(world, 0, 7, "15", 1), isHeld: true }, // update
        revenueOf(world, 1, 7, null, 1), // delete
        { ...revenueOf(world, 0, 8, "30"), stretchValue: "33" }, // create
        revenueOf(world, 1, 9, null, null), // delete of nothing: no change, no row
      ],
      "req-audit-2",
    );
    const rows = await getDb().prisma.auditLog.findMany({ where: { requestId: "req-audit-2" }, orderBy: { entityId: "asc" } });
    const expected = [
      {
        entityId: first[0]!.id,
        action: "UPDATE",
        before: { baseValue: "10.00", stretchValue: null, isHeld: false, version: 1 },
        after: { baseValue: "15.00", stretchValue: null, isHeld: true, version: 2 },
      },
      {
        entityId: first[1]!.id,
        action: "DELETE",
        before: { baseValue: "20.00", stretchValue: null, isHeld: false, version: 1 },
        after: null,
      },
      {
        entityId: second[2]!.id,
        action: "CREATE",
        before: null,
        after: { baseValue: "30.00", stretchValue: "33.00", isHeld: false, version: 1 },
      },
    ].map((row) => ({
      ...row,
      entity: "TargetCell",
      actorId: a2.viewer.userId,
      planId: countyA.planId,
      orgUnitId: countyA.id,
      requestId: "req-audit-2",
      sessionId: a2.viewer.sessionId,
    }));
    expect(
      rows.map(({ entityId, action, before, after, entity, actorId, planId, orgUnitId, requestId, sessionId }) => ({
        entityId,
        action,
        before,
        after,
        entity,
        actorId,
        planId,
        orgUnitId,
        requestId,
        sessionId,
      })),
    ).toEqual(expected.sort((a, b) => (a.entityId! < b.entityId! ? -1 : 1)));
    expect(await getDb().prisma.auditLog.count({ where: { requestId: "req-audit-1" } })).toBe(2);
  });

  it("keeps the maintained summary equal to a fresh scan of the cells after saves in several plans", async () => {
    const world = await buildWorld();
    const { countyA, countyB, city, a1, b1 } = world;
    const cityPlanner = await person(getDb().prisma, city, "PLANNER", "city");
    const [specA, specB] = world.specs;
    const v = await saved(a1.viewer, countyA.planId, [
      revenueOf(world, 0, 1, "1,000.10"),
      revenueOf(world, 1, 1, "2000"),
      { ...revenueOf(world, 0, 1, "300"), channelId: world.groupBuy },
      { ...revenueOf(world, 0, 1, "999"), terminalId: countyA.terminal }, // details a figure: never summed
      { metricId: world.volume, month: 1, productSpecId: specA, baseValue: "12" },
    ]);
    await saved(b1.viewer, countyB.planId, [
      { ...revenueOf(world, 0, 1, "0.90"), stretchValue: "1.90" },
      revenueOf(world, 0, 2, "50"),
    ]);
    await saved(cityPlanner.viewer, city.planId, [revenueOf(world, 1, 1, "7")]);
    await saved(a1.viewer, countyA.planId, [revenueOf(world, 1, 1, null, v[1]!.version), revenueOf(world, 0, 1, "1000.00", 1)]);

    // By hand: January spec A figures 1,000.00 (A) + 0.90 (B); stretch 1,000.00 + 1.90. Spec B: city's 7.00 only.
    const { dataAccess, prisma } = getDb();
    const lines = await dataAccess.repositories.targetSummary.read({
      cycleId: world.cycleId,
      orgUnitId: city.id,
      unitPath: city.path,
      basis: "LATEST",
      scope: "SUBTREE",
    });
    const brief = (list: typeof lines) =>
      list
        .map(
          (line) =>
            `${line.metricId === world.revenue ? "rev" : "vol"}|${line.specKey === specA ? "A" : line.specKey === specB ? "B" : line.specKey}|${line.channelKey === "" ? "" : "gb"}|${line.month}|${line.baseSum}|${line.stretchSum}|${line.cellCount}`,
        )
        .sort();
    expect(brief(lines)).toEqual(
      [
        "rev|A||1|1000.90|1001.90|2",
        "rev|A|gb|1|300.00|300.00|1",
        "rev|A||2|50.00|50.00|1",
        "rev|B||1|7.00|7.00|1",
        "vol|A||1|12.00|12.00|1",
      ].sort(),
    );

    // The oracle: figures and channel breakdowns of every plan in the subtree, scanned afresh, per unit.
    for (const unit of [city, countyA, countyB]) {
      const scan = await prisma.$queryRaw<
        { metric: string; spec: string; channel: string; month: number; base: string; stretch: string; count: number }[]
      >`
        SELECT c."metricId" AS metric, coalesce(c."productSpecId", '') AS spec, coalesce(c."channelId", '') AS channel, c."month" AS month,
               sum(c."baseValue")::text AS base, sum(coalesce(c."stretchValue", c."baseValue"))::text AS stretch, count(*)::int AS count
        FROM "TargetCell" c JOIN "Plan" p ON p."id" = c."planId" JOIN "OrgUnit" u ON u."id" = p."orgUnitId"
        WHERE p."cycleId" = ${world.cycleId} AND u."path" LIKE ${`${unit.path}%`}
          AND c."terminalId" IS NULL AND c."distributorId" IS NULL AND c."townshipId" IS NULL
        GROUP BY 1, 2, 3, 4`;
      const summary = await dataAccess.repositories.targetSummary.read({
        cycleId: world.cycleId,
        orgUnitId: unit.id,
        unitPath: unit.path,
        basis: "LATEST",
        scope: "SUBTREE",
      });
      const asKeys = (
        rows: { metric: string; spec: string; channel: string; month: number; base: string; stretch: string; count: number }[],
      ) =>
        rows
          .map(
            (row) =>
              `${row.metric}|${row.spec}|${row.channel}|${Number(row.month)}|${row.base}|${row.stretch}|${Number(row.count)}`,
          )
          .sort();
      expect(
        asKeys(
          summary
            .filter((line) => line.cellCount !== 0)
            .map((line) => ({
              metric: line.metricId,
              spec: line.specKey,
              channel: line.channelKey,
              month: line.month,
              base: line.baseSum,
              stretch: line.stretchSum,
              count: line.cellCount,
            })),
        ),
      ).toEqual(asKeys(scan));
    }
  });
});

describe("saveTargetCells refuses bad input with a clear error and writes nothing", () => {
  let world: World;
  let version: number;
  beforeAll(async () => {
    world = await buildWorld();
    const [cell] = await saved(world.a1.viewer, world.countyA.planId, [revenueOf(world, 0, 1, "100")]);
    version = cell!.version!;
  });

  // Each batch starts with a change that would be fine on its own.
  const fine = () => revenueOf(world, 0, 1, "101", version);
  const refusals: [string, () => { viewer?: () => Viewer; planId?: () => string; changes: () => Change[] }, string, string][] = [
    ["a non-number", () => ({ changes: () => [fine(), revenueOf(world, 1, 1, "十二")] }), "VALIDATION_FAILED", "NOT_A_NUMBER"],
    [
      "commas that are not thousands",
      () => ({ changes: () => [fine(), revenueOf(world, 1, 1, "1,23")] }),
      "VALIDATION_FAILED",
      "BAD_GROUPING",
    ],
    [
      "three decimals for money",
      () => ({ changes: () => [fine(), revenueOf(world, 1, 1, "1.005")] }),
      "VALIDATION_FAILED",
      "TOO_MANY_DECIMALS",
    ],
    [
      "decimals for cases",
      () => ({ changes: () => [fine(), { metricId: world.volume, month: 1, productSpecId: world.specs[0], baseValue: "1.5" }] }),
      "VALIDATION_FAILED",
      "TOO_MANY_DECIMALS",
    ],
    [
      "10^20",
      () => ({ changes: () => [fine(), revenueOf(world, 1, 1, "100000000000000000000")] }),
      "VALIDATION_FAILED",
      "TOO_LARGE",
    ],
    [
      "a stretch value that is not a number",
      () => ({ changes: () => [fine(), { ...revenueOf(world, 1, 1, "1"), stretchValue: "abc" }] }),
      "VALIDATION_FAILED",
      "NOT_A_NUMBER",
    ],
    ["month 13", () => ({ changes: () => [fine(), revenueOf(world, 1, 13, "1")] }), "VALIDATION_FAILED", "INVALID_INPUT"],
    ["a version 0", () => ({ changes: () => [fine(), revenueOf(world, 1, 1, "1", 0)] }), "VALIDATION_FAILED", "INVALID_INPUT"],
    [
      "the same cell twice",
      () => ({ changes: () => [fine(), revenueOf(world, 1, 2, "1"), revenueOf(world, 1, 2, "2")] }),
      "VALIDATION_FAILED",
      "DUPLICATE_CELL",
    ],
    [
      "an unknown metric",
      () => ({ changes: () => [fine(), { ...revenueOf(world, 1, 1, "1"), metricId: "no-such-metric" }] }),
      "VALIDATION_FAILED",
      "UNKNOWN_METRIC",
    ],
    [
      "an unknown spec",
      () => ({ changes: () => [fine(), { ...revenueOf(world, 1, 1, "1"), productSpecId: "no-such-spec" }] }),
      "VALIDATION_FAILED",
      "UNKNOWN_PRODUCT_SPEC",
    ],
    [
      "an unknown channel",
      () => ({ changes: () => [fine(), { ...revenueOf(world, 1, 1, "1"), channelId: "no-such-channel" }] }),
      "VALIDATION_FAILED",
      "UNKNOWN_CHANNEL",
    ],
    [
      "an unknown terminal",
      () => ({ changes: () => [fine(), { ...revenueOf(world, 1, 1, "1"), terminalId: "no-such-terminal" }] }),
      "VALIDATION_FAILED",
      "UNKNOWN_TERMINAL",
    ],
    [
      "an unknown distributor",
      () => ({ changes: () => [fine(), { ...revenueOf(world, 1, 1, "1"), distributorId: "no-such-distributor" }] }),
      "VALIDATION_FAILED",
      "UNKNOWN_DISTRIBUTOR",
    ],
    [
      "an unknown township",
      () => ({ changes: () => [fine(), { ...revenueOf(world, 1, 1, "1"), townshipId: "no-such-township" }] }),
      "VALIDATION_FAILED",
      "UNKNOWN_TOWNSHIP",
    ],
    [
      "another county's terminal",
      () => ({ changes: () => [fine(), { ...revenueOf(world, 1, 1, "1"), terminalId: world.countyB.terminal }] }),
      "VALIDATION_FAILED",
      "TERMINAL_OUTSIDE_UNIT",
    ],
    [
      "another county's distributor",
      () => ({ changes: () => [fine(), { ...revenueOf(world, 1, 1, "1"), distributorId: world.countyB.distributor }] }),
      "VALIDATION_FAILED",
      "DISTRIBUTOR_OUTSIDE_UNIT",
    ],
    [
      "another county's township",
      () => ({ changes: () => [fine(), { ...revenueOf(world, 1, 1, "1"), townshipId: world.countyB.township }] }),
      "VALIDATION_FAILED",
      "TOWNSHIP_OUTSIDE_UNIT",
    ],
    [
      `a batch over ${MAX_CELL_CHANGES_PER_SAVE} changes`,
      () => ({
        changes: () =>
          Array.from({ length: MAX_CELL_CHANGES_PER_SAVE + 1 }, (_, index) => revenueOf(world, index % 2, 1, String(index))),
      }),
      "VALIDATION_FAILED",
      "BATCH_TOO_LARGE",
    ],
    [
      "cells of someone else's plan",
      () => ({ viewer: () => world.b1.viewer, changes: () => [fine()] }),
      "NOT_FOUND",
      "PLAN_NOT_FOUND",
    ],
    [
      "a county plan written by its city's planner",
      () => ({
        viewer: () => ({
          userId: world.a1.viewer.userId,
          assignments: [{ role: "PLANNER", orgUnitId: world.city.id, orgUnitPath: world.city.path }],
        }),
        changes: () => [fine()],
      }),
      "NOT_FOUND",
      "PLAN_NOT_FOUND",
    ],
    [
      "a plan that does not exist",
      () => ({ planId: () => "00000000-0000-4000-8000-000000000000", changes: () => [fine()] }),
      "NOT_FOUND",
      "PLAN_NOT_FOUND",
    ],
  ];

  it.each(refusals)("%s", async (_name, make, code, reason) => {
    const { viewer, planId, changes } = make();
    const before = await snapshot();
    const { result, errors } = await save(viewer?.() ?? world.a1.viewer, planId?.() ?? world.countyA.planId, changes());
    expect(result).toBeNull();
    expect(errors?.[0]?.extensions).toMatchObject({ code, reason });
    expect(errors?.[0]?.message.length).toBeGreaterThan(10);
    expect(await snapshot()).toEqual(before);
  });

  it("names the offending change and the text in a value's error", async () => {
    const { errors } = await save(world.a1.viewer, world.countyA.planId, [fine(), revenueOf(world, 1, 1, "1.005")]);
    const error = errors?.[0] as GraphQLFormattedError;
    expect(error.extensions).toMatchObject({ params: { index: 1, value: "1.005", scale: 2 } });
    expect(error.message).toContain('"1.005"');
  });

  it("answers someone else's plan exactly as a plan that does not exist", async () => {
    const other = await save(world.a1.viewer, world.countyB.planId, [fine()]);
    const missing = await save(world.a1.viewer, "00000000-0000-4000-8000-000000000000", [fine()]);
    expect(other.errors?.[0]?.message).toBe(missing.errors?.[0]?.message);
    expect(other.errors?.[0]?.extensions?.["reason"]).toBe(missing.errors?.[0]?.extensions?.["reason"]);
  });

  it.each(["SUBMITTED", "APPROVED", "REOPENED"] as const)("refuses a %s plan", async (status) => {
    const { prisma } = getDb();
    const unit = await createOrgUnit(prisma, { level: "COUNTY", parent: { id: world.city.id, path: world.city.path, depth: 3 } });
    const plan = await createPlan(prisma, { cycleId: world.cycleId, orgUnitId: unit.id, status });
    const planner = await person(prisma, { id: unit.id, path: unit.path, planId: plan.id }, "PLANNER", "locked");
    const before = await snapshot();
    const { result, errors } = await save(planner.viewer, plan.id, [revenueOf(world, 0, 1, "1")]);
    expect(result).toBeNull();
    expect(errors?.[0]?.extensions).toMatchObject({
      code: "INVALID_TRANSITION",
      reason: "PLAN_NOT_EDITABLE",
      params: { status },
    });
    expect(await snapshot()).toEqual(before);
  });
});
