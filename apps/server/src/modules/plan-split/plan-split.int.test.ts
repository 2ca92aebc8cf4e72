// previewSplit / applySplit through the real schema, access rules and error map, on a small
// world per test built with the factories:
//
//   HQ ─ P ─ C ─ K1 (the plan under test), K2 (its sibling)
//
// Specs S1, S2, S3 in line L1, S4 in line L2; K1's terminals TA (A, core), TB (B), TC (C).
// Sales revenue actuals of K1 (the plan is 2027's: Y-1 = 2026, actual through October, Y-2 = 2025):
//   S1  2026 Jan 300,000.00, Feb–Oct 100,000.00;  2025 every month 100,000.00
//   S2  2026 Jan 400,000.00, Feb–Oct 200,000.00;  no 2025 (its estimate is the run rate)
//   S3  2026 Jan–Oct 50,000.00;                   2025 every month 40,000.00
//   S4  nothing.
// So last January is 300,000.00 : 400,000.00 = 3 : 4 between S1 and S2, and 1,000,000.00
// split by last year is 1,000,000.00 × 3/7 = 428,571.428 571… and × 4/7 = 571,428.571 428…:
// the floors 428,571.42 + 571,428.57 leave 0.01, which goes to the larger remainder (S1's
// 0.857… fen against S2's 0.142…): 428,571.43 and 571,428.57.
//
// Sums are checked by an oracle that does not use the engine: the exact share of every
// cell as a fraction of bigints, and the stored values summed by SQL.
import {
  createOrgUnit,
  createPlan,
  createPlanCycle,
  createProductLine,
  createProductSpec,
  createTerminal,
  createUser,
  ensureStandardMetrics,
  useTestDatabase,
  type Db,
} from "@pyramid/db/testing";
import { cellDimensionColumns, MAX_SPLIT_BLOCK_CELLS, type CellDimensions, type Role } from "@pyramid/domain";
import { beforeAll, describe, expect, it } from "vitest";
import { startGraphQLHarness, type GraphQLAnswer, type GraphQLHarness } from "../../testing/graphql-harness.js";
import type { Viewer } from "../../viewer.js";

const getDb = useTestDatabase();

let harness: GraphQLHarness;

beforeAll(async () => {
  harness = await startGraphQLHarness(getDb().dataAccess, { requestPrefix: "split" });
});

// ------------------------------------------------------------------ GraphQL

const PREVIEW = `query Preview($input: SplitInput!) {
  previewSplit(input: $input) {
    planId metric { id code scale } figureKind figure guidance planTotal method rowMethod marginsZh marginsEn
    currentTotal total remainder
    rows { memberId productSpecId month currentTotal total }
    months { memberId productSpecId month currentTotal total }
    cells {
      month productSpecId channelId terminalId distributorId townshipId dimensionKey memberId cellId version
      currentValue storedHeld newValue status changes lastYear { value estimated } reference explanationZh explanationEn
    }
    notices { code messageZh messageEn params { name value } }
    previewToken expectedVersions
  }
}`;

const APPLY = `mutation Apply($input: ApplySplitInput!) {
  applySplit(input: $input) {
    __typename
    ... on SplitApplied { planId total cells { metricId month productSpecId terminalId dimensionKey id version baseValue isHeld } }
    ... on TargetCellsConflict {
      planId message
      conflicts { month productSpecId dimensionKey expectedVersion current { baseValue version updatedBy { login displayName } } }
    }
  }
}`;

const GRID = `query Grid($unitCode: String!, $year: Int!, $metricId: ID!, $expand: [GridExpansionInput!]) {
  plan(unitCode: $unitCode, year: $year) {
    targetGrid(metricId: $metricId, expand: $expand) {
      rows { kind axis productSpecId memberId months { month lastYear { value estimated } cell { baseValue } }
             allocations { axis balanced months { month allocated remaining } } }
    }
  }
}`;

interface PreviewCell {
  month: number;
  productSpecId: string | null;
  terminalId: string | null;
  dimensionKey: string;
  memberId: string | null;
  cellId: string | null;
  version: number | null;
  currentValue: string | null;
  storedHeld: boolean;
  newValue: string;
  status: string;
  changes: boolean;
  lastYear: { value: string; estimated: boolean } | null;
  reference: string | null;
  explanationZh: string;
  explanationEn: string;
}
interface Total {
  memberId: string | null;
  productSpecId: string | null;
  month: number | null;
  currentTotal: string;
  total: string;
}
interface Preview {
  planId: string;
  figureKind: string;
  figure: string;
  guidance: string | null;
  planTotal: string | null;
  method: string;
  rowMethod: string | null;
  marginsZh: string;
  marginsEn: string;
  currentTotal: string;
  total: string;
  remainder: string;
  rows: Total[];
  months: Total[];
  cells: PreviewCell[];
  notices: { code: string; messageZh: string; messageEn: string; params: { name: string; value: string }[] }[];
  previewToken: string;
  expectedVersions: (number | null)[];
}
type ApplyResult =
  | {
      __typename: "SplitApplied";
      planId: string;
      total: string;
      cells: { month: number; dimensionKey: string; version: number; baseValue: string }[];
    }
  | {
      __typename: "TargetCellsConflict";
      planId: string;
      message: string;
      conflicts: {
        month: number;
        productSpecId: string | null;
        dimensionKey: string;
        expectedVersion: number | null;
        current: { baseValue: string; version: number; updatedBy: { login: string; displayName: string } | null } | null;
      }[];
    };

/** One operation's answer for its one root field. */
async function run<T>(
  viewer: Viewer | null,
  query: string,
  variables: Record<string, unknown>,
  field: string,
): Promise<GraphQLAnswer<T>> {
  const { data, errors } = await harness.run<Record<string, T>>(viewer, query, variables);
  return { data: data?.[field] ?? null, errors };
}

type SplitInput = Record<string, unknown>;

const previewOf = (viewer: Viewer, input: SplitInput) => run<Preview>(viewer, PREVIEW, { input }, "previewSplit");
async function preview(viewer: Viewer, input: SplitInput): Promise<Preview> {
  const answer = await previewOf(viewer, input);
  expect(answer.errors).toBeUndefined();
  return answer.data!;
}
const applyOf = (
  viewer: Viewer,
  split: SplitInput,
  shown: Pick<Preview, "previewToken" | "expectedVersions">,
  versions?: (number | null)[],
) =>
  run<ApplyResult>(
    viewer,
    APPLY,
    { input: { split, previewToken: shown.previewToken, expectedVersions: versions ?? shown.expectedVersions } },
    "applySplit",
  );
async function applied(
  viewer: Viewer,
  split: SplitInput,
  shown: Preview,
): Promise<Extract<ApplyResult, { __typename: "SplitApplied" }>> {
  const answer = await applyOf(viewer, split, shown);
  expect(answer.errors).toBeUndefined();
  if (answer.data?.__typename !== "SplitApplied") throw new Error(`expected SplitApplied, got ${JSON.stringify(answer.data)}`);
  return answer.data;
}
function refusal(answer: GraphQLAnswer<unknown>): { code: unknown; reason: unknown; params: Record<string, unknown> } {
  expect(answer.data).toBeNull();
  const extensions = answer.errors?.[0]?.extensions ?? {};
  return {
    code: extensions["code"],
    reason: extensions["reason"],
    params: (extensions["params"] ?? {}) as Record<string, unknown>,
  };
}

// ------------------------------------------------------------------ the world

interface World {
  cycleId: string;
  revenue: string;
  volume: string;
  share: string;
  specs: { S1: string; S2: string; S3: string; S4: string };
  lines: { L1: string; L2: string };
  terminals: { TA: string; TB: string; TC: string };
  k1: { id: string; code: string; path: string; planId: string };
  k2: { id: string; code: string; path: string; planId: string };
  city: { id: string; code: string; path: string; planId: string };
  planner: Viewer;
  colleague: { viewer: Viewer; login: string };
  cityPlanner: Viewer;
  k2Planner: Viewer;
}

let worldCounter = 0;

async function viewerFor(prisma: Db, unit: { id: string; path: string }, role: Role, name: string) {
  const login = `${name}.${++worldCounter}`;
  const { user } = await createUser(prisma, { orgUnitId: unit.id, role, login, displayName: `测试 ${name}` });
  const viewer: Viewer = {
    userId: user.id,
    sessionId: `session-${login}`,
    assignments: [{ role, orgUnitId: unit.id, orgUnitPath: unit.path }],
  };
  return { viewer, login };
}

const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

async function buildWorld(): Promise<World> {
  const { prisma } = getDb();
  const metrics = await ensureStandardMetrics(prisma);
  const cycle = await createPlanCycle(prisma, { year: 2027 });
  const n = ++worldCounter;
  const unit = async (
    level: "HQ" | "PROVINCE" | "CITY" | "COUNTY",
    parent: { id: string; path: string } | null,
    code: string,
  ) => {
    const row = await createOrgUnit(prisma, { level, parent: parent as never, code: `${code}-${n}` });
    const plan = await createPlan(prisma, { cycleId: cycle.id, orgUnitId: row.id });
    return { id: row.id, code: row.code, path: row.path, depth: row.depth, planId: plan.id };
  };
  const hq = await unit("HQ", null, "HQ");
  const province = await unit("PROVINCE", hq, "P");
  const city = await unit("CITY", province, "C");
  const k1 = await unit("COUNTY", city, "K1");
  const k2 = await unit("COUNTY", city, "K2");
  const L1 = (await createProductLine(prisma)).id;
  const L2 = (await createProductLine(prisma)).id;
  const spec = async (lineId: string, code: string) => (await createProductSpec(prisma, { lineId, code: `${code}-${n}` })).id;
  const specs = { S1: await spec(L1, "S1"), S2: await spec(L1, "S2"), S3: await spec(L1, "S3"), S4: await spec(L2, "S4") };
  const terminal = async (classCode: "A" | "B" | "C", code: string) =>
    (await createTerminal(prisma, { countyId: k1.id, classCode, code: `${code}-${n}` })).id;
  const terminals = { TA: await terminal("A", "TA"), TB: await terminal("B", "TB"), TC: await terminal("C", "TC") };

  const revenue = metrics.get("SALES_REVENUE")!.id;
  const actual = (year: number, month: number, value: string, productSpecId: string) => ({
    orgUnitId: k1.id,
    metricId: revenue,
    year,
    month,
    value,
    ...cellDimensionColumns({ productSpecId }),
  });
  await prisma.salesActual.createMany({
    data: [
      actual(2026, 1, "300000.00", specs.S1),
      ...range(2, 10).map((m) => actual(2026, m, "100000.00", specs.S1)),
      ...range(1, 12).map((m) => actual(2025, m, "100000.00", specs.S1)),
      actual(2026, 1, "400000.00", specs.S2),
      ...range(2, 10).map((m) => actual(2026, m, "200000.00", specs.S2)),
      ...range(1, 10).map((m) => actual(2026, m, "50000.00", specs.S3)),
      ...range(1, 12).map((m) => actual(2025, m, "40000.00", specs.S3)),
    ],
  });
  return {
    cycleId: cycle.id,
    revenue,
    volume: metrics.get("SALES_VOLUME")!.id,
    share: metrics.get("MARKET_SHARE")!.id,
    specs,
    lines: { L1, L2 },
    terminals,
    k1,
    k2,
    city,
    planner: (await viewerFor(prisma, k1, "PLANNER", "k1.planner")).viewer,
    colleague: await viewerFor(prisma, k1, "PLANNER", "k1.colleague"),
    cityPlanner: (await viewerFor(prisma, city, "PLANNER", "city.planner")).viewer,
    k2Planner: (await viewerFor(prisma, k2, "PLANNER", "k2.planner")).viewer,
  };
}

/** Writes cells as a planner's save would (audit rows and summary included). */
async function put(
  world: World,
  actor: Viewer,
  cells: {
    month: number;
    dimensions: CellDimensions;
    value: string;
    held?: boolean;
    metricId?: string;
    version?: number | null;
  }[],
) {
  await getDb().dataAccess.inTransaction((tx) =>
    tx.targetCells.save({
      planId: world.k1.planId,
      actorId: actor.userId,
      requestId: "fixture",
      changes: cells.map((cell) => ({
        metricId: cell.metricId ?? world.revenue,
        month: cell.month,
        dimensions: cell.dimensions,
        baseValue: cell.value,
        ...(cell.held === undefined ? {} : { isHeld: cell.held }),
        expectedVersion: cell.version ?? null,
      })),
    }),
  );
}

interface StoredCell {
  month: number;
  productSpecId: string | null;
  terminalId: string | null;
  dimensionKey: string;
  baseValue: string;
  version: number;
  isHeld: boolean;
}

async function storedCells(planId: string, metricId: string): Promise<StoredCell[]> {
  const rows = await getDb().prisma.$queryRawUnsafe<StoredCell[]>(
    `SELECT month, "productSpecId", "terminalId", "dimensionKey", "baseValue"::text AS "baseValue", version, "isHeld"
     FROM "TargetCell" WHERE "planId" = $1 AND "metricId" = $2 ORDER BY "dimensionKey", month`,
    planId,
    metricId,
  );
  return rows.map((row) => ({ ...row, month: Number(row.month), version: Number(row.version) }));
}

async function auditCount(planId: string): Promise<number> {
  const [row] = await getDb().prisma.$queryRawUnsafe<{ n: bigint }[]>(
    `SELECT count(*) AS n FROM "AuditLog" WHERE "planId" = $1`,
    planId,
  );
  return Number(row!.n);
}

/** Sums by SQL: the block's stored figures by spec and by month, and in all. */
async function sqlSums(planId: string, metricId: string, specIds: string[]) {
  const prisma = getDb().prisma;
  const bySpec = await prisma.$queryRawUnsafe<{ spec: string; total: string }[]>(
    `SELECT "productSpecId" AS spec, sum("baseValue")::text AS total FROM "TargetCell"
     WHERE "planId" = $1 AND "metricId" = $2 AND "breakdownAxis" IS NULL AND "productSpecId" = ANY($3::text[]) GROUP BY 1`,
    planId,
    metricId,
    specIds,
  );
  const byMonth = await prisma.$queryRawUnsafe<{ month: number; total: string }[]>(
    `SELECT month, sum("baseValue")::text AS total FROM "TargetCell"
     WHERE "planId" = $1 AND "metricId" = $2 AND "breakdownAxis" IS NULL AND "productSpecId" = ANY($3::text[]) GROUP BY 1`,
    planId,
    metricId,
    specIds,
  );
  const [all] = await prisma.$queryRawUnsafe<{ total: string }[]>(
    `SELECT sum("baseValue")::text AS total FROM "TargetCell"
     WHERE "planId" = $1 AND "metricId" = $2 AND "breakdownAxis" IS NULL AND "productSpecId" = ANY($3::text[])`,
    planId,
    metricId,
    specIds,
  );
  return {
    bySpec: new Map(bySpec.map((row) => [row.spec, fen(row.total)])),
    byMonth: new Map(byMonth.map((row) => [Number(row.month), fen(row.total)])),
    all: fen(all!.total),
  };
}

/** Decimal text (up to 2 places) → fen, by plain string and bigint arithmetic. */
function fen(text: string): bigint {
  const match = /^(-?)(\d+)(?:\.(\d{1,2}))?$/.exec(text);
  if (!match) throw new Error(`not money: ${text}`);
  const value = BigInt(match[2]!) * 100n + BigInt((match[3] ?? "").padEnd(2, "0"));
  return match[1] === "-" ? -value : value;
}

/** floor and ceil of p/q (q > 0). */
function bounds(p: bigint, q: bigint): [bigint, bigint] {
  const floor = p >= 0n ? p / q : -((-p + q - 1n) / q);
  return [floor, floor * q === p ? floor : floor + 1n];
}
function within(value: bigint, p: bigint, q: bigint): boolean {
  const [low, high] = bounds(p, q);
  return value >= low && value <= high;
}

const byCell = (cells: PreviewCell[]) => new Map(cells.map((cell) => [`${cell.dimensionKey}|${cell.month}`, cell]));
const byStored = (cells: StoredCell[]) => new Map(cells.map((cell) => [`${cell.dimensionKey}|${cell.month}`, cell]));

const CURVE = ["6", "6", "8", "8", "8", "8", "8", "8", "8", "10", "10", "12"];

// ------------------------------------------------------------------ tests

describe("previewSplit and applySplit", () => {
  it("splits 1,000,000.00 by last year 3 : 4 into 428,571.43 and 571,428.57, says why, and writes exactly that", async () => {
    const world = await buildWorld();
    const split = {
      planId: world.k1.planId,
      block: { metricId: world.revenue, months: [1], productSpecIds: [world.specs.S1, world.specs.S2] },
      figure: { kind: "AMOUNT", amount: "1,000,000.00" },
      method: { kind: "LAST_YEAR" },
    };
    const shown = await preview(world.planner, split);
    expect(shown.figure).toBe("1000000.00");
    expect(shown.rowMethod).toBe("LAST_YEAR");
    expect(
      shown.cells.map((cell) => [cell.productSpecId, cell.month, cell.newValue, cell.reference, cell.status, cell.changes]),
    ).toEqual([
      [world.specs.S1, 1, "428571.43", "300000.00", "FREE", true],
      [world.specs.S2, 1, "571428.57", "400000.00", "FREE", true],
    ]);
    expect(shown.cells[0]!.explanationEn).toBe("428,571.43 = 1,000,000.00 × 3/7, +0.01 remainder");
    expect(shown.cells[0]!.explanationZh).toBe("428,571.43 = 1,000,000.00 × 3/7，尾差 +0.01");
    expect(shown.cells[1]!.explanationEn).toBe("571,428.57 = 1,000,000.00 × 4/7");
    expect(shown.cells[0]!.lastYear).toEqual({ value: "300000.00", estimated: false });
    expect(shown.total).toBe("1000000.00");
    expect(shown.remainder).toBe("0.00");
    expect(shown.currentTotal).toBe("0.00");
    expect(shown.marginsEn).toContain("largest remainder");
    expect(shown.previewToken).toMatch(/^split1\./);

    const auditBefore = await auditCount(world.k1.planId);
    const result = await applied(world.planner, split, shown);
    expect(result.total).toBe("1000000.00");
    expect(result.cells.map((cell) => [cell.month, cell.baseValue, cell.version])).toEqual([
      [1, "428571.43", 1],
      [1, "571428.57", 1],
    ]);
    const stored = byStored(await storedCells(world.k1.planId, world.revenue));
    for (const cell of shown.cells) expect(stored.get(`${cell.dimensionKey}|${cell.month}`)?.baseValue).toBe(cell.newValue);
    // One audit row per cell written, and one for the split.
    expect(await auditCount(world.k1.planId)).toBe(auditBefore + 3);
    const [audit] = await getDb().prisma.$queryRawUnsafe<{ after: { figure: string; method: string; cellsWritten: number } }[]>(
      `SELECT after FROM "AuditLog" WHERE "planId" = $1 AND action = 'TARGET_SPLIT_APPLIED'`,
      world.k1.planId,
    );
    expect(audit?.after).toMatchObject({ figure: "1000000.00", method: "LAST_YEAR", cellsWritten: 2 });

    // The same split again changes nothing: every cell already holds its value.
    const again = await preview(world.planner, split);
    expect(again.cells.map((cell) => [cell.currentValue, cell.newValue, cell.changes])).toEqual([
      ["428571.43", "428571.43", false],
      ["571428.57", "571428.57", false],
    ]);
  });

  it("splits a year over 12 months × 3 specs (months by a curve, specs by last year) exact on every margin, and apply writes the preview", async () => {
    const world = await buildWorld();
    const specIds = [world.specs.S1, world.specs.S2, world.specs.S3];
    const split = {
      planId: world.k1.planId,
      block: { metricId: world.revenue, productSpecIds: specIds },
      figure: { kind: "AMOUNT", amount: "9,876,543.21" },
      method: { kind: "SEASONAL_CURVE", curve: CURVE },
    };
    const shown = await preview(world.planner, split);
    expect(shown.method).toBe("SEASONAL_CURVE");
    expect(shown.rowMethod).toBe("LAST_YEAR");
    expect(shown.marginsEn).toContain("controlled rounding");
    expect(shown.cells).toHaveLength(36);

    // The rows' weights are last year's totals as the grid shows them (estimate included).
    const grid = await run<{
      targetGrid: {
        rows: {
          kind: string;
          productSpecId: string | null;
          months: { month: number; lastYear: { value: string; estimated: boolean } | null }[];
        }[];
      };
    }>(world.planner, GRID, { unitCode: world.k1.code, year: 2027, metricId: world.revenue }, "plan");
    expect(grid.errors).toBeUndefined();
    const lastYear = new Map<string, bigint[]>();
    for (const row of grid.data!.targetGrid.rows) {
      if (row.kind !== "FIGURE" || row.productSpecId === null || !specIds.includes(row.productSpecId)) continue;
      lastYear.set(
        row.productSpecId,
        row.months.map((slot) => fen(slot.lastYear?.value ?? "0")),
      );
    }
    for (const cell of shown.cells) {
      expect(cell.lastYear?.value).toBe(
        grid.data!.targetGrid.rows.find((row) => row.kind === "FIGURE" && row.productSpecId === cell.productSpecId)!.months[
          cell.month - 1
        ]!.lastYear?.value,
      );
      expect(cell.lastYear?.estimated).toBe(cell.month > 10);
    }
    // By hand: S1's Y-1 = 300,000 + 9 × 100,000 and its estimate; the oracle reads the grid.
    expect(
      lastYear
        .get(world.specs.S1)!
        .slice(0, 10)
        .reduce((a, b) => a + b, 0n),
    ).toBe(120_000_000n);
    expect(shown.notices.map((notice) => notice.code)).toContain("LAST_YEAR_ESTIMATED");

    // The oracle: exact cell = T × a_r/A × c_m/C, with a_r the spec's Y-1 year and c_m the curve.
    const T = fen("9876543.21");
    const a = specIds.map((id) => lastYear.get(id)!.reduce((x, y) => x + y, 0n));
    const A = a.reduce((x, y) => x + y, 0n);
    const curve = CURVE.map((percent) => BigInt(percent));
    const C = curve.reduce((x, y) => x + y, 0n);
    const value = (spec: string, month: number) =>
      fen(shown.cells.find((cell) => cell.productSpecId === spec && cell.month === month)!.newValue);
    specIds.forEach((spec, r) => {
      for (let m = 1; m <= 12; m++) expect(within(value(spec, m), T * a[r]! * curve[m - 1]!, A * C)).toBe(true);
      const rowSum = range(1, 12).reduce((sum, m) => sum + value(spec, m), 0n);
      expect(within(rowSum, T * a[r]!, A)).toBe(true);
    });
    for (let m = 1; m <= 12; m++) {
      const columnSum = specIds.reduce((sum, spec) => sum + value(spec, m), 0n);
      expect(within(columnSum, T * curve[m - 1]!, C)).toBe(true);
    }
    expect(shown.cells.reduce((sum, cell) => sum + fen(cell.newValue), 0n)).toBe(T);
    // The preview's own totals agree with the cells.
    for (const row of shown.rows) {
      expect(fen(row.total)).toBe(
        shown.cells.filter((cell) => cell.productSpecId === row.productSpecId).reduce((s, c) => s + fen(c.newValue), 0n),
      );
    }

    // One cell's words, worked by hand: S2's January is T × a_2/A × 6/100 = the cell's exact share.
    const s2January = shown.cells.find((cell) => cell.productSpecId === world.specs.S2 && cell.month === 1)!;
    expect(s2January.explanationEn).toMatch(/^[\d,]+\.\d\d = 9,876,543\.21 × \d+\/\d+ × 3\/50(, \+0\.01 remainder)?$/);

    await applied(world.planner, split, shown);
    const sums = await sqlSums(world.k1.planId, world.revenue, specIds);
    expect(sums.all).toBe(T);
    for (const row of shown.rows) expect(sums.bySpec.get(row.productSpecId!)).toBe(fen(row.total));
    for (const month of shown.months) expect(sums.byMonth.get(month.month!)).toBe(fen(month.total));
    const stored = byStored(await storedCells(world.k1.planId, world.revenue));
    for (const cell of shown.cells) expect(stored.get(`${cell.dimensionKey}|${cell.month}`)?.baseValue).toBe(cell.newValue);
  });

  it("keeps held cells as they are (the plan's own holds and the ones asked for) and splits the rest exactly", async () => {
    const world = await buildWorld();
    await put(world, world.colleague.viewer, [
      { month: 3, dimensions: { productSpecId: world.specs.S1 }, value: "123456.78", held: true },
      { month: 5, dimensions: { productSpecId: world.specs.S2 }, value: "1000.00" },
    ]);
    const before = byStored(await storedCells(world.k1.planId, world.revenue));
    const split = {
      planId: world.k1.planId,
      block: { metricId: world.revenue, monthFrom: 1, monthTo: 6, productSpecIds: [world.specs.S1, world.specs.S2] },
      figure: { kind: "AMOUNT", amount: "600万" },
      method: { kind: "EVEN" },
      cells: [{ month: 4, productSpecId: world.specs.S2, held: true, value: "50,000" }],
    };
    const shown = await preview(world.planner, split);
    const cells = byCell(shown.cells);
    const s1March = [...cells.values()].find((cell) => cell.productSpecId === world.specs.S1 && cell.month === 3)!;
    expect(s1March).toMatchObject({ status: "HELD", storedHeld: true, newValue: "123456.78", changes: false });
    expect(s1March.explanationEn).toBe("123,456.78 (held)");
    const s2April = [...cells.values()].find((cell) => cell.productSpecId === world.specs.S2 && cell.month === 4)!;
    expect(s2April).toMatchObject({ status: "HELD", newValue: "50000.00", changes: true });
    expect(shown.total).toBe("6000000.00");
    // Each spec gets half of the figure (EVEN rows); S1's free months share 3,000,000.00 − 123,456.78.
    expect(shown.rows.map((row) => row.total)).toEqual(["3000000.00", "3000000.00"]);
    const s1Free = shown.cells.filter((cell) => cell.productSpecId === world.specs.S1 && cell.month !== 3);
    // 2,876,543.22 / 5 = 575,308.644 → four cells of 575,308.64 and one of 575,308.66? No: largest remainder gives
    // 575,308.64 × 5 = 2,876,543.20, the 0.02 left go to two cells: 575,308.65 twice.
    expect(s1Free.map((cell) => cell.newValue).sort()).toEqual(["575308.64", "575308.64", "575308.64", "575308.65", "575308.65"]);
    // Each: (6,000,000.00 × 1/2 − 123,456.78) × 1/5 = 575,308.644, and the two that took a fen say so.
    for (const cell of s1Free) {
      const remainder = cell.newValue === "575308.65" ? ", +0.01 remainder" : "";
      expect(cell.explanationEn).toBe(
        `${cell.newValue === "575308.65" ? "575,308.65" : "575,308.64"} = (6,000,000.00 × 1/2 − 123,456.78) × 1/5${remainder}`,
      );
    }

    await applied(world.planner, split, shown);
    const after = byStored(await storedCells(world.k1.planId, world.revenue));
    const heldKey = `${s1March.dimensionKey}|3`;
    expect(after.get(heldKey)).toEqual(before.get(heldKey)); // same value, same version: untouched
    expect(after.get(`${s2April.dimensionKey}|4`)?.baseValue).toBe("50000.00");
    const sums = await sqlSums(world.k1.planId, world.revenue, [world.specs.S1, world.specs.S2]);
    expect(sums.bySpec.get(world.specs.S1)).toBe(300_000_000n);
    expect(sums.bySpec.get(world.specs.S2)).toBe(300_000_000n);
    for (const month of shown.months) expect(sums.byMonth.get(month.month!)).toBe(fen(month.total));
  });

  it("refuses to apply when a cell of the block changed since the preview: the conflict names it, and nothing is written", async () => {
    const world = await buildWorld();
    await put(world, world.planner, [
      { month: 1, dimensions: { productSpecId: world.specs.S1 }, value: "10.00" },
      { month: 2, dimensions: { productSpecId: world.specs.S1 }, value: "20.00", held: true },
    ]);
    const split = {
      planId: world.k1.planId,
      block: { metricId: world.revenue, months: [1, 2, 3], productSpecIds: [world.specs.S1] },
      figure: { kind: "AMOUNT", amount: "300" },
      method: { kind: "EVEN" },
    };
    const shown = await preview(world.planner, split);
    // Someone else changes January (a touched cell) and then February (a held one).
    await put(world, world.colleague.viewer, [
      { month: 1, dimensions: { productSpecId: world.specs.S1 }, value: "11.00", version: 1 },
    ]);
    const before = await storedCells(world.k1.planId, world.revenue);
    const auditBefore = await auditCount(world.k1.planId);
    const answer = await applyOf(world.planner, split, shown);
    expect(answer.errors).toBeUndefined();
    if (answer.data?.__typename !== "TargetCellsConflict") throw new Error(JSON.stringify(answer.data));
    expect(answer.data.conflicts).toEqual([
      {
        month: 1,
        productSpecId: world.specs.S1,
        dimensionKey: shown.cells[0]!.dimensionKey,
        expectedVersion: 1,
        current: {
          baseValue: "11.00",
          version: 2,
          updatedBy: { login: world.colleague.login, displayName: "测试 k1.colleague" },
        },
      },
    ]);
    expect(await storedCells(world.k1.planId, world.revenue)).toEqual(before);
    expect(await auditCount(world.k1.planId)).toBe(auditBefore);

    // A held cell changed: the result would differ, so that is a conflict too.
    const fresh = await preview(world.planner, split);
    await put(world, world.colleague.viewer, [
      { month: 2, dimensions: { productSpecId: world.specs.S1 }, value: "25.00", version: 1 },
    ]);
    const held = await applyOf(world.planner, split, fresh);
    expect(held.data?.__typename).toBe("TargetCellsConflict");
    if (held.data?.__typename === "TargetCellsConflict")
      expect(held.data.conflicts.map((conflict) => conflict.month)).toEqual([2]);

    // Previewed again, it applies.
    const last = await preview(world.planner, split);
    expect(last.cells.map((cell) => cell.newValue)).toEqual(["137.50", "25.00", "137.50"]);
    await applied(world.planner, split, last);
  });

  it("refuses an apply that is not what was previewed: another input, a wrong token, versions that do not match", async () => {
    const world = await buildWorld();
    const split = {
      planId: world.k1.planId,
      block: { metricId: world.revenue, months: [1, 2], productSpecIds: [world.specs.S1] },
      figure: { kind: "AMOUNT", amount: "100.00" },
      method: { kind: "EVEN" },
    };
    const shown = await preview(world.planner, split);
    const other = { ...split, figure: { kind: "AMOUNT", amount: "100.01" } };
    expect(refusal(await applyOf(world.planner, other, shown))).toMatchObject({
      code: "VALIDATION_FAILED",
      reason: "PREVIEW_OUTDATED",
    });
    expect(refusal(await applyOf(world.planner, split, { ...shown, previewToken: "split1.forged" }))).toMatchObject({
      reason: "PREVIEW_OUTDATED",
    });
    expect(refusal(await applyOf(world.planner, split, shown, [null]))).toMatchObject({
      reason: "VERSIONS_MISMATCH",
      params: { expected: 2, count: 1 },
    });
    // The same input sent with its optional fields spelled out as null is the same input.
    const spelled = { ...split, rowMethod: null, cells: null, keepStoredHolds: null };
    expect((await applied(world.planner, spelled, shown)).total).toBe("100.00");
    expect(await storedCells(world.k1.planId, world.revenue)).toHaveLength(2);
  });

  it("splits the gap to the guidance over the block, on top of the current values, so the plan totals the guidance", async () => {
    const world = await buildWorld();
    await put(world, world.planner, [
      { month: 1, dimensions: { productSpecId: world.specs.S1 }, value: "300.00" },
      { month: 1, dimensions: { productSpecId: world.specs.S2 }, value: "400.00" },
      { month: 6, dimensions: { productSpecId: world.specs.S4 }, value: "1000.00" }, // outside the block, in the plan's total
    ]);
    const split = {
      planId: world.k1.planId,
      block: { metricId: world.revenue, months: [1], productSpecIds: [world.specs.S1, world.specs.S2] },
      figure: { kind: "GUIDANCE_GAP" },
      method: { kind: "CURRENT_VALUES" },
    };
    expect(refusal(await previewOf(world.planner, split))).toMatchObject({ code: "VALIDATION_FAILED", reason: "NO_GUIDANCE" });
    await getDb().prisma.guidanceTarget.create({
      data: { cycleId: world.cycleId, orgUnitId: world.k1.id, metricId: world.revenue, value: "2700.00" },
    });
    const shown = await preview(world.planner, split);
    // Gap: 2,700.00 − (300 + 400 + 1,000) = 1,000.00, shared 3 : 4 by the current values.
    expect({ figure: shown.figure, guidance: shown.guidance, planTotal: shown.planTotal }).toEqual({
      figure: "1000.00",
      guidance: "2700.00",
      planTotal: "1700.00",
    });
    expect(shown.cells.map((cell) => cell.newValue)).toEqual(["728.57", "971.43"]);
    expect(shown.cells[0]!.explanationEn).toBe("728.57 = 300.00 + 428.57 (share of the gap: 428.57 = 1,000.00 × 3/7)");
    expect(shown.cells[1]!.explanationEn).toBe(
      "971.43 = 400.00 + 571.43 (share of the gap: 571.43 = 1,000.00 × 4/7, +0.01 remainder)",
    );
    expect(shown.cells[1]!.explanationZh).toBe("971.43 = 400.00 + 571.43（差额分摊：571.43 = 1,000.00 × 4/7，尾差 +0.01）");
    expect(shown.marginsEn).toMatch(/^The gap between the guidance/);
    await applied(world.planner, split, shown);
    const [total] = await getDb().prisma.$queryRawUnsafe<{ total: string }[]>(
      `SELECT sum("baseValue")::text AS total FROM "TargetCell" WHERE "planId" = $1 AND "metricId" = $2 AND "breakdownAxis" IS NULL`,
      world.k1.planId,
      world.revenue,
    );
    expect(total?.total).toBe("2700.00");
    // A breakdown has no gap of its own.
    expect(
      refusal(
        await previewOf(world.planner, {
          ...split,
          block: { ...split.block, productSpecIds: [world.specs.S1], breakdown: { axis: "TERMINAL" } },
        }),
      ),
    ).toMatchObject({ reason: "GAP_NEEDS_FIGURES" });
  });

  it("breaks each month's figure down over the terminals (B and above by default) so that it adds up exactly", async () => {
    const world = await buildWorld();
    await put(world, world.planner, [
      { month: 1, dimensions: { productSpecId: world.specs.S1 }, value: "1000.00" },
      { month: 2, dimensions: { productSpecId: world.specs.S1 }, value: "100.01" },
    ]);
    const split = {
      planId: world.k1.planId,
      block: { metricId: world.revenue, months: [1, 2], productSpecIds: [world.specs.S1], breakdown: { axis: "TERMINAL" } },
      figure: { kind: "FIGURES" },
      method: { kind: "EVEN" },
    };
    const shown = await preview(world.planner, split);
    expect(shown.rows.map((row) => row.memberId)).toEqual([world.terminals.TA, world.terminals.TB]); // TC (class C) is not required
    expect(shown.cells.map((cell) => [cell.terminalId, cell.month, cell.newValue])).toEqual([
      [world.terminals.TA, 1, "500.00"],
      [world.terminals.TA, 2, expect.stringMatching(/^50\.0[01]$/)],
      [world.terminals.TB, 1, "500.00"],
      [world.terminals.TB, 2, expect.stringMatching(/^50\.0[01]$/)],
    ]);
    expect(shown.months.map((month) => month.total)).toEqual(["1000.00", "100.01"]);
    expect(shown.cells[0]!.explanationEn).toBe("500.00 = 1,000.00 × 1/2");
    await applied(world.planner, split, shown);
    // The grid (the plans module) now sees the breakdown balanced against its figures.
    const grid = await run<{
      targetGrid: {
        rows: {
          kind: string;
          productSpecId: string | null;
          allocations: { axis: string; balanced: boolean; months: { month: number; remaining: string | null }[] }[];
        }[];
      };
    }>(
      world.planner,
      GRID,
      {
        unitCode: world.k1.code,
        year: 2027,
        metricId: world.revenue,
        expand: [{ productSpecId: world.specs.S1, axis: "TERMINAL" }],
      },
      "plan",
    );
    const figure = grid.data!.targetGrid.rows.find((row) => row.kind === "FIGURE" && row.productSpecId === world.specs.S1)!;
    expect(figure.allocations).toEqual([
      {
        axis: "TERMINAL",
        balanced: true,
        months: [
          { month: 1, allocated: "1000.00", remaining: "0.00" },
          { month: 2, allocated: "100.01", remaining: "0.00" },
        ],
      },
    ]);
    // The figures are read too: one changed since the preview is a conflict, and nothing is written.
    const again = await preview(world.planner, split);
    expect(again.expectedVersions).toEqual([...again.cells.map((cell) => cell.version), 1, 1]);
    await put(world, world.colleague.viewer, [
      { month: 2, dimensions: { productSpecId: world.specs.S1 }, value: "200.00", version: 1 },
    ]);
    const changed = await applyOf(world.planner, split, again);
    if (changed.data?.__typename !== "TargetCellsConflict") throw new Error(JSON.stringify(changed));
    expect(
      changed.data.conflicts.map((conflict) => [conflict.month, conflict.productSpecId, conflict.current?.baseValue]),
    ).toEqual([[2, world.specs.S1, "200.00"]]);
    // A month without a figure cannot be broken down.
    expect(refusal(await previewOf(world.planner, { ...split, block: { ...split.block, months: [1, 3] } }))).toMatchObject({
      reason: "FIGURE_MISSING",
      params: { month: 3 },
    });
  });

  it("MANUAL writes the values given, keeps the rest and shows what is left; bounds clamp a one-month split", async () => {
    const world = await buildWorld();
    await put(world, world.planner, [{ month: 1, dimensions: { productSpecId: world.specs.S3 }, value: "5.00" }]);
    const manual = {
      planId: world.k1.planId,
      block: { metricId: world.revenue, months: [1], productSpecIds: [world.specs.S1, world.specs.S2, world.specs.S3] },
      figure: { kind: "AMOUNT", amount: "100" },
      method: { kind: "MANUAL" },
      cells: [
        { month: 1, productSpecId: world.specs.S1, value: "30" },
        { month: 1, productSpecId: world.specs.S2, value: "（４０）" },
      ],
    };
    const shown = await preview(world.planner, manual);
    expect(shown.cells.map((cell) => [cell.newValue, cell.status, cell.changes])).toEqual([
      ["30.00", "MANUAL", true],
      ["-40.00", "MANUAL", true],
      ["5.00", "HELD", false],
    ]);
    expect(shown.remainder).toBe("105.00");
    expect(shown.notices.map((notice) => notice.code)).toEqual(["MANUAL_REMAINDER", "NEGATIVE_VALUES"]);
    expect(shown.cells[2]!.explanationEn).toBe("5.00 (kept: no value given)");
    await applied(world.planner, manual, shown);

    const bounded = {
      planId: world.k1.planId,
      block: { metricId: world.revenue, months: [2], productSpecIds: [world.specs.S1, world.specs.S2] },
      figure: { kind: "AMOUNT", amount: "1000" },
      method: { kind: "LAST_YEAR" },
      cells: [{ month: 2, productSpecId: world.specs.S2, max: "600" }],
    };
    // Last February 100,000 : 200,000 would give S2 666.67; its maximum is 600.
    const clamped = await preview(world.planner, bounded);
    expect(clamped.cells.map((cell) => [cell.newValue, cell.status, cell.explanationEn])).toEqual([
      ["400.00", "FREE", "400.00 = (1,000.00 − 600.00)"],
      ["600.00", "MAX", "600.00 (its maximum)"],
    ]);
    expect(refusal(await previewOf(world.planner, { ...bounded, block: { ...bounded.block, months: [2, 3] } }))).toMatchObject({
      reason: "BOUNDS_NEED_ONE_ROW_OR_MONTH",
    });
  });

  it("refuses the engine's refusals with their reason and params, and writes nothing", async () => {
    const world = await buildWorld();
    await put(world, world.planner, [{ month: 1, dimensions: { productSpecId: world.specs.S1 }, value: "500.00", held: true }]);
    const base = {
      planId: world.k1.planId,
      block: { metricId: world.revenue, months: [1, 2], productSpecIds: [world.specs.S1] },
      figure: { kind: "AMOUNT", amount: "100" },
      method: { kind: "EVEN" },
    };
    expect(refusal(await previewOf(world.planner, base))).toMatchObject({
      code: "VALIDATION_FAILED",
      reason: "HELD_EXCEED_TOTAL",
      params: { heldTotal: "500.00", total: "100.00", productSpecId: world.specs.S1 },
    });
    const s4 = { ...base, block: { ...base.block, productSpecIds: [world.specs.S4] } };
    expect(refusal(await previewOf(world.planner, { ...s4, method: { kind: "LAST_YEAR" } }))).toMatchObject({
      reason: "ZERO_REFERENCE_SUM",
    });
    const badCurve = CURVE.map((percent, index) => (index === 0 ? "7" : percent));
    expect(refusal(await previewOf(world.planner, { ...s4, method: { kind: "SEASONAL_CURVE", curve: badCurve } }))).toMatchObject(
      {
        reason: "INVALID_CURVE",
        params: { problem: "CURVE_NOT_100_PERCENT", percentTotal: "101.0000" },
      },
    );
    expect(refusal(await previewOf(world.planner, { ...s4, method: { kind: "GROWTH" } }))).toMatchObject({
      reason: "GROWTH_RATE_MISSING",
    });
    expect(refusal(await previewOf(world.planner, { ...s4, method: { kind: "GROWTH", growthPercent: "-100" } }))).toMatchObject({
      reason: "INVALID_GROWTH",
    });
    expect(await storedCells(world.k1.planId, world.revenue)).toHaveLength(1);
  });

  it("refuses bad input with a clear reason: amounts, unknown ids, a block too large, a metric that is not a sum", async () => {
    const world = await buildWorld();
    const base = {
      planId: world.k1.planId,
      block: { metricId: world.revenue, months: [1], productSpecIds: [world.specs.S1] },
      figure: { kind: "AMOUNT", amount: "100" },
      method: { kind: "EVEN" },
    };
    const with_ = (changes: Record<string, unknown>) => ({ ...base, ...changes });
    const cases: [SplitInput, Record<string, unknown>][] = [
      [with_({ figure: { kind: "AMOUNT", amount: "abc" } }), { reason: "NOT_A_NUMBER", params: { field: "figure.amount" } }],
      [with_({ figure: { kind: "AMOUNT", amount: "1.234" } }), { reason: "TOO_MANY_DECIMALS" }],
      [with_({ figure: { kind: "AMOUNT", amount: "1" + "0".repeat(20) } }), { reason: "TOO_LARGE" }],
      [with_({ figure: { kind: "AMOUNT" } }), { reason: "INVALID_INPUT", params: { path: "figure.amount" } }],
      [with_({ block: { ...base.block, metricId: "no-such-metric" } }), { reason: "UNKNOWN_METRIC" }],
      [with_({ block: { ...base.block, metricId: world.share } }), { reason: "METRIC_NOT_ADDITIVE" }],
      [
        with_({ block: { ...base.block, productSpecIds: ["no-such-spec"] } }),
        { reason: "UNKNOWN_PRODUCT_SPEC", params: { index: 0 } },
      ],
      [with_({ block: { ...base.block, months: [1, 1] } }), { reason: "INVALID_INPUT", params: { path: "block.months" } }],
      [with_({ block: { ...base.block, months: [13] } }), { reason: "INVALID_INPUT" }],
      [
        with_({ block: { ...base.block, months: null, productSpecIds: range(1, 420).map((i) => `spec-${i}`) } }),
        { reason: "BLOCK_TOO_LARGE", params: { limit: MAX_SPLIT_BLOCK_CELLS, count: 5040 } },
      ],
      [
        with_({ block: { ...base.block, productSpecIds: [world.specs.S1, world.specs.S2], breakdown: { axis: "TERMINAL" } } }),
        { reason: "BREAKDOWN_NEEDS_ONE_SPEC" },
      ],
      [
        with_({ block: { ...base.block, breakdown: { axis: "TERMINAL", memberIds: ["no-such-terminal"] } } }),
        { reason: "UNKNOWN_MEMBER" },
      ],
      [with_({ cells: [{ month: 2, productSpecId: world.specs.S1, held: true }] }), { reason: "CELL_OUTSIDE_BLOCK" }],
      [with_({ cells: [{ month: 1, productSpecId: world.specs.S1, value: "5" }] }), { reason: "VALUE_NEEDS_HOLD" }],
      [with_({ method: { kind: "EVEN", curve: CURVE } }), { reason: "INVALID_INPUT", params: { path: "method.curve" } }],
      [with_({ figure: { kind: "FIGURES" } }), { reason: "FIGURES_NEED_BREAKDOWN" }],
    ];
    for (const [input, expected] of cases) {
      const answer = refusal(await previewOf(world.planner, input));
      expect({ input: JSON.stringify(input).slice(0, 80), ...answer }).toMatchObject({ code: "VALIDATION_FAILED", ...expected });
    }
    expect(await storedCells(world.k1.planId, world.revenue)).toHaveLength(0);
  });

  it("refuses another county's plan, the city's planner on a county's plan, and a plan that is not editable", async () => {
    const world = await buildWorld();
    const split = (planId: string) => ({
      planId,
      block: { metricId: world.revenue, months: [1], productSpecIds: [world.specs.S1] },
      figure: { kind: "AMOUNT", amount: "100" },
      method: { kind: "EVEN" },
    });
    const shown = await preview(world.planner, split(world.k1.planId));
    for (const [viewer, planId] of [
      [world.k2Planner, world.k1.planId],
      [world.cityPlanner, world.k1.planId],
      [world.planner, world.k2.planId],
    ] as const) {
      expect(refusal(await previewOf(viewer, split(planId)))).toMatchObject({ code: "NOT_FOUND", reason: "PLAN_NOT_FOUND" });
      expect(refusal(await applyOf(viewer, split(planId), shown))).toMatchObject({ code: "NOT_FOUND", reason: "PLAN_NOT_FOUND" });
    }
    await getDb().prisma.plan.update({ where: { id: world.k1.planId }, data: { status: "SUBMITTED", submittedAt: new Date() } });
    expect(refusal(await previewOf(world.planner, split(world.k1.planId)))).toMatchObject({
      code: "INVALID_TRANSITION",
      reason: "PLAN_NOT_EDITABLE",
    });
    expect(refusal(await applyOf(world.planner, split(world.k1.planId), shown))).toMatchObject({ reason: "PLAN_NOT_EDITABLE" });
    expect(await storedCells(world.k1.planId, world.revenue)).toHaveLength(0);
    // The city's planner splits the city's own plan (its own figures).
    const city = await preview(world.cityPlanner, split(world.city.planId));
    expect(city.cells[0]!.newValue).toBe("100.00");
  });
});
