// Writes the demo company (dataset.ts) into a migrated database.
//
// Idempotent: every row has a deterministic id and is inserted with
// createMany({ skipDuplicates: true }), so a second run inserts nothing and
// changes nothing — rows edited since (a renamed unit, a changed password) are
// left as they are. One transaction: a failed seed leaves no half company.
import { createHash } from "node:crypto";
import type { OrgLevel } from "@pyramid/domain";
import type { Prisma, PrismaClient } from "../../generated/client/index.js";
import { hashPassword } from "../password.js";
import { bulkInsert, type ColumnSpec } from "./bulk-insert.js";
import {
  buildDemoDataset,
  DEMO_CYCLE_CODE,
  DEMO_PREVIOUS_CYCLE_CODE,
  type BuildOptions,
  type DemoDataset,
  type DemoUser,
  type PreviousCycle,
} from "./dataset.js";
import { DEMO_HISTORY_YEARS, DEMO_PASSWORD } from "./demo-company.data.js";

export interface DemoCounts {
  readonly orgUnits: Readonly<Record<Exclude<OrgLevel, "REGION">, number>> & { readonly total: number };
  readonly townships: number;
  readonly productLines: number;
  readonly productSpecs: number;
  readonly channels: number;
  readonly terminalClasses: number;
  readonly terminals: number;
  readonly coreTerminals: number;
  readonly distributors: number;
  readonly users: number;
  /** User × role rows: one per single-role login, two per manager. */
  readonly roleAssignments: number;
  readonly metrics: number;
  readonly expenseCategories: number;
  readonly expenseItems: number;
  readonly planCycles: number;
  readonly templateSections: number;
  readonly cycleDeadlines: number;
  readonly plans: number;
  /** Of the closed FY2026 cycle (all APPROVED, counted in planCycles and plans too). */
  readonly previousCycle: {
    readonly plans: number;
    readonly targetCells: number;
    readonly expenseCells: number;
    readonly planVersions: number;
    readonly workflowEvents: number;
  };
  /** Rows per history year, e.g. { "2025": 17160 }. */
  readonly salesActualsByYear: Readonly<Record<string, number>>;
  readonly expenseActualsByYear: Readonly<Record<string, number>>;
}

export interface SeedOptions extends BuildOptions {
  /** Progress lines; default silent. */
  readonly log?: (line: string) => void;
}

export interface SeedReport {
  /** What the demo company consists of (the same as describeSeed()). */
  readonly counts: DemoCounts;
  /** Rows this run inserted, per table: all zero when the company was already there. */
  readonly inserted: Readonly<Record<string, number>>;
  readonly insertedTotal: number;
  readonly durationMs: number;
  readonly logins: readonly DemoLogin[];
}

export interface DemoLogin {
  readonly login: string;
  /** The roles the login holds at orgUnitCode. */
  readonly roles: DemoUser["roles"];
  readonly orgUnitCode: string;
  readonly displayName: string;
  readonly locale: DemoUser["locale"];
}

/** Thrown when the database holds rows with the demo company's codes that the seed did not write. */
export class SeedConflictError extends Error {
  constructor(readonly conflicts: readonly string[]) {
    super(
      `The database already has rows with the demo company's codes that the demo seed did not create ` +
        `(${conflicts.slice(0, 5).join("; ")}${conflicts.length > 5 ? "; …" : ""}). Seed into an empty database instead.`,
    );
    this.name = "SeedConflictError";
  }
}

const SALES_ACTUAL_COLUMNS: ColumnSpec<Prisma.SalesActualCreateManyInput> = [
  ["orgUnitId", "text"],
  ["metricId", "text"],
  ["year", "int"],
  ["month", "int"],
  ["productSpecId", "text"],
  ["channelId", "text"],
  ["terminalId", "text"],
  ["distributorId", "text"],
  ["townshipId", "text"],
  ["dimensionKey", "text"],
  ["value", "numeric"],
  ["updatedAt", "timestamp"],
];

const TARGET_CELL_COLUMNS: ColumnSpec<Prisma.TargetCellCreateManyInput> = [
  ["planId", "text"],
  ["metricId", "text"],
  ["month", "int"],
  ["productSpecId", "text"],
  ["channelId", "text"],
  ["terminalId", "text"],
  ["distributorId", "text"],
  ["townshipId", "text"],
  ["dimensionKey", "text"],
  ["baseValue", "numeric"],
  ["updatedById", "text"],
  ["updatedAt", "timestamp"],
];

const EXPENSE_CELL_COLUMNS: ColumnSpec<Prisma.ExpenseCellCreateManyInput> = [
  ["planId", "text"],
  ["itemId", "text"],
  ["month", "int"],
  ["dimensionKey", "text"],
  ["amount", "numeric"],
  ["updatedById", "text"],
  ["updatedAt", "timestamp"],
];

const EXPENSE_ACTUAL_COLUMNS: ColumnSpec<Prisma.ExpenseActualCreateManyInput> = [
  ["orgUnitId", "text"],
  ["itemId", "text"],
  ["year", "int"],
  ["month", "int"],
  ["terminalId", "text"],
  ["distributorId", "text"],
  ["dimensionKey", "text"],
  ["amount", "numeric"],
  ["updatedAt", "timestamp"],
];

function countByYear(rows: readonly { year: number }[]): Record<string, number> {
  const counts: Record<string, number> = Object.fromEntries(DEMO_HISTORY_YEARS.map((year) => [String(year), 0]));
  for (const row of rows) counts[String(row.year)] = (counts[String(row.year)] ?? 0) + 1;
  return counts;
}

function countsOf(dataset: DemoDataset): DemoCounts {
  const level = (wanted: OrgLevel) => dataset.orgUnits.filter((unit) => unit.level === wanted).length;
  return {
    orgUnits: {
      HQ: level("HQ"),
      PROVINCE: level("PROVINCE"),
      CITY: level("CITY"),
      COUNTY: level("COUNTY"),
      total: dataset.orgUnits.length,
    },
    townships: dataset.townships.length,
    productLines: dataset.productLines.length,
    productSpecs: dataset.productSpecs.length,
    channels: dataset.channels.length,
    terminalClasses: dataset.terminalClasses.length,
    terminals: dataset.terminals.length,
    coreTerminals: dataset.terminals.filter((terminal) => terminal.isCore).length,
    distributors: dataset.distributors.length,
    users: dataset.users.length,
    roleAssignments: dataset.roleAssignments.length,
    metrics: dataset.metrics.length,
    expenseCategories: dataset.expenseCategories.length,
    expenseItems: dataset.expenseItems.length,
    planCycles: 2,
    templateSections: dataset.templateSections.length + dataset.previousCycle.templateSections.length,
    cycleDeadlines: dataset.cycleDeadlines.length + dataset.previousCycle.cycleDeadlines.length,
    plans: dataset.plans.length + dataset.previousCycle.plans.length,
    previousCycle: {
      plans: dataset.previousCycle.plans.length,
      targetCells: dataset.previousCycle.targetCells.length,
      expenseCells: dataset.previousCycle.expenseCells.length,
      planVersions: dataset.previousCycle.versions.length,
      workflowEvents: dataset.previousCycle.events.length,
    },
    salesActualsByYear: countByYear(dataset.salesActuals),
    expenseActualsByYear: countByYear(dataset.expenseActuals),
  };
}

const describedCache = new Map<boolean, DemoCounts>();

/** The counts of the demo company, without touching a database (builds the dataset once, ~0.2 s). */
export function describeSeed(options: BuildOptions = {}): DemoCounts {
  const withHistory = options.history ?? true;
  let counts = describedCache.get(withHistory);
  if (!counts) {
    counts = countsOf(buildDemoDataset({ history: withHistory }));
    describedCache.set(withHistory, counts);
  }
  return counts;
}

/** The demo logins (all with DEMO_PASSWORD), in roster order. */
export function demoLogins(): DemoLogin[] {
  return buildDemoDataset({ history: false }).users.map(loginOf);
}

function loginOf({ login, roles, orgUnitCode, displayName, locale }: DemoUser): DemoLogin {
  return { login, roles, orgUnitCode, displayName, locale };
}

/** True when the database has no org units and no users: the server seeds such a database on first start. */
export async function isDatabaseEmpty(prisma: Prisma.TransactionClient): Promise<boolean> {
  const [units, users] = await Promise.all([prisma.orgUnit.count(), prisma.user.count()]);
  return units === 0 && users === 0;
}

/** Rows whose unique business key (code, login) matches ours under a different id. */
async function findConflicts(prisma: PrismaClient, dataset: DemoDataset): Promise<string[]> {
  const conflicts: string[] = [];
  const check = async (
    table: string,
    wanted: readonly { id?: string; key: string }[],
    find: (keys: string[]) => Promise<{ id: string; key: string }[]>,
  ) => {
    const ours = new Map(wanted.map((row) => [row.key, row.id]));
    for (const row of await find([...ours.keys()])) {
      if (ours.get(row.key) !== row.id) conflicts.push(`${table} ${row.key}`);
    }
  };
  const byCode = (rows: readonly { id?: string; code: string }[]) => rows.map((row) => ({ id: row.id, key: row.code }));
  const select = { id: true, code: true } as const;
  const asKey = (rows: { id: string; code: string }[]) => rows.map((row) => ({ id: row.id, key: row.code }));
  await check("OrgUnit", byCode(dataset.orgUnits), async (codes) =>
    asKey(await prisma.orgUnit.findMany({ where: { code: { in: codes } }, select })),
  );
  await check("Township", byCode(dataset.townships), async (codes) =>
    asKey(await prisma.township.findMany({ where: { code: { in: codes } }, select })),
  );
  await check("ProductLine", byCode(dataset.productLines), async (codes) =>
    asKey(await prisma.productLine.findMany({ where: { code: { in: codes } }, select })),
  );
  await check("ProductSpec", byCode(dataset.productSpecs), async (codes) =>
    asKey(await prisma.productSpec.findMany({ where: { code: { in: codes } }, select })),
  );
  await check("Channel", byCode(dataset.channels), async (codes) =>
    asKey(await prisma.channel.findMany({ where: { code: { in: codes } }, select })),
  );
  await check("Terminal", byCode(dataset.terminals), async (codes) =>
    asKey(await prisma.terminal.findMany({ where: { code: { in: codes } }, select })),
  );
  await check("Distributor", byCode(dataset.distributors), async (codes) =>
    asKey(await prisma.distributor.findMany({ where: { code: { in: codes } }, select })),
  );
  await check("Metric", byCode(dataset.metrics), async (codes) =>
    asKey(await prisma.metric.findMany({ where: { code: { in: codes } }, select })),
  );
  await check("ExpenseCategory", byCode(dataset.expenseCategories), async (codes) =>
    asKey(await prisma.expenseCategory.findMany({ where: { code: { in: codes } }, select })),
  );
  await check("ExpenseItem", byCode(dataset.expenseItems), async (codes) =>
    asKey(await prisma.expenseItem.findMany({ where: { code: { in: codes } }, select })),
  );
  await check("PlanCycle", byCode([dataset.planCycle, dataset.previousCycle.planCycle]), async (codes) =>
    asKey(await prisma.planCycle.findMany({ where: { code: { in: codes } }, select })),
  );
  await check(
    "User",
    dataset.users.map((user) => ({ id: user.id, key: user.login })),
    async (logins) =>
      (await prisma.user.findMany({ where: { login: { in: logins } }, select: { id: true, login: true } })).map((row) => ({
        id: row.id,
        key: row.login,
      })),
  );
  // A unit may carry a plan in our cycle only if it is the demo plan.
  const plans = await prisma.plan.findMany({
    where: { cycle: { code: { in: [DEMO_CYCLE_CODE, DEMO_PREVIOUS_CYCLE_CODE] } } },
    select: { id: true, orgUnitId: true },
  });
  const ourPlanIds = new Set([...dataset.plans, ...dataset.previousCycle.plans].map((plan) => plan.id));
  for (const plan of plans) if (!ourPlanIds.has(plan.id)) conflicts.push(`Plan of unit ${plan.orgUnitId} in a demo cycle`);
  return conflicts;
}

/** The demo password hashed with a salt derived from the login: reproducible rows, still one salt per user. */
function demoPasswordHash(login: string): Promise<string> {
  const salt = createHash("sha256").update(`pyramid-demo-salt:${login}`).digest().subarray(0, 16);
  return hashPassword(DEMO_PASSWORD, { salt });
}

/**
 * Seeds the demo company 金樽酒业 into a migrated database (see docs/demo-company.md):
 * the org pyramid, products, channels, terminals, distributors, metrics, the expense tree,
 * two years of monthly actuals, the open FY2027 cycle with a DRAFT plan per unit, and the
 * demo logins. Safe to run again: nothing is inserted twice and nothing is changed.
 */
export async function seedDemoCompany(prisma: PrismaClient, options: SeedOptions = {}): Promise<SeedReport> {
  const started = performance.now();
  const log = options.log ?? (() => undefined);
  const dataset = buildDemoDataset(options);

  const conflicts = await findConflicts(prisma, dataset);
  if (conflicts.length > 0) throw new SeedConflictError(conflicts);

  // scrypt is deliberately slow: hash only for logins that do not exist yet, in parallel (libuv pool).
  const existing = new Set(
    (await prisma.user.findMany({ where: { id: { in: dataset.users.map((user) => user.id) } }, select: { id: true } })).map(
      (user) => user.id,
    ),
  );
  const newUsers = dataset.users.filter((user) => !existing.has(user.id));
  const hashes = await Promise.all(newUsers.map((user) => demoPasswordHash(user.login)));
  const userRows: Prisma.UserCreateManyInput[] = newUsers.map((user, index) => ({
    id: user.id,
    login: user.login,
    displayName: user.displayName,
    email: user.email,
    passwordHash: hashes[index]!,
    locale: user.locale,
    createdAt: dataset.planCycle.createdAt,
    updatedAt: dataset.planCycle.createdAt,
  }));
  log(`hashed ${userRows.length} new demo password(s)`);

  const inserted: Record<string, number> = {};
  await prisma.$transaction(
    async (tx) => {
      const write = async (table: string, insert: () => Promise<{ count: number }>) => {
        inserted[table] = (inserted[table] ?? 0) + (await insert()).count;
      };
      const skipDuplicates = true;
      await write("OrgUnit", () => tx.orgUnit.createMany({ data: dataset.orgUnits, skipDuplicates }));
      await write("Township", () => tx.township.createMany({ data: dataset.townships, skipDuplicates }));
      await write("ProductLine", () => tx.productLine.createMany({ data: dataset.productLines, skipDuplicates }));
      await write("ProductSpec", () => tx.productSpec.createMany({ data: dataset.productSpecs, skipDuplicates }));
      await write("Channel", () => tx.channel.createMany({ data: dataset.channels, skipDuplicates }));
      await write("TerminalClass", () => tx.terminalClass.createMany({ data: dataset.terminalClasses, skipDuplicates }));
      await write("Terminal", () => tx.terminal.createMany({ data: dataset.terminals, skipDuplicates }));
      // Level-1 distributors precede their level-2 children in the list.
      await write("Distributor", () => tx.distributor.createMany({ data: dataset.distributors, skipDuplicates }));
      await write("Metric", () => tx.metric.createMany({ data: dataset.metrics, skipDuplicates }));
      await write("ExpenseCategory", () => tx.expenseCategory.createMany({ data: dataset.expenseCategories, skipDuplicates }));
      await write("ExpenseItem", () => tx.expenseItem.createMany({ data: dataset.expenseItems, skipDuplicates }));
      await write("User", () => tx.user.createMany({ data: userRows, skipDuplicates }));
      // Also for logins that already existed: a database migrated from one role per user keeps
      // its assignments (same user, role and unit: skipped as duplicates), and gains the new ones.
      await write("RoleAssignment", () => tx.roleAssignment.createMany({ data: dataset.roleAssignments, skipDuplicates }));
      await write("PlanCycle", () => tx.planCycle.createMany({ data: [dataset.planCycle], skipDuplicates }));
      await write("PlanTemplateSection", () =>
        tx.planTemplateSection.createMany({ data: dataset.templateSections, skipDuplicates }),
      );
      await write("CycleDeadline", () => tx.cycleDeadline.createMany({ data: dataset.cycleDeadlines, skipDuplicates }));
      await write("Plan", () => tx.plan.createMany({ data: dataset.plans, skipDuplicates }));
      log("reference data, users and the open plan cycle written");
      await write("SalesActual", async () => ({
        count: await bulkInsert(tx, "SalesActual", SALES_ACTUAL_COLUMNS, dataset.salesActuals),
      }));
      await write("ExpenseActual", async () => ({
        count: await bulkInsert(tx, "ExpenseActual", EXPENSE_ACTUAL_COLUMNS, dataset.expenseActuals),
      }));
      log("history written");
      // The closed FY2026 cycle is written whole or not at all: when its cycle row is already
      // there (an earlier run), nothing of it is written again, so its maintained summary and
      // workflow events are never added twice.
      const previousCycleNew = await tx.planCycle.createMany({ data: [dataset.previousCycle.planCycle], skipDuplicates });
      inserted["PlanCycle"] = (inserted["PlanCycle"] ?? 0) + previousCycleNew.count;
      if (previousCycleNew.count === 1) {
        for (const [table, count] of Object.entries(await writePreviousCycle(tx, dataset.previousCycle)))
          inserted[table] = (inserted[table] ?? 0) + count;
        log("the closed FY2026 cycle written");
      }
    },
    { timeout: 300_000, maxWait: 30_000 },
  );

  return {
    counts: countsOf(dataset),
    inserted,
    insertedTotal: Object.values(inserted).reduce((sum, count) => sum + count, 0),
    durationMs: Math.round(performance.now() - started),
    logins: dataset.users.map(loginOf),
  };
}

const PREVIOUS_VERSION_SQL = `
  INSERT INTO "PlanVersion" ("id", "planId", "number", "kind", "snapshot", "createdById", "createdAt")
  SELECT id, "planId", number::integer, kind::"VersionKind", snapshot::jsonb, "createdById",
         "createdAt"::timestamptz AT TIME ZONE 'UTC'
  FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[])
    AS u(id, "planId", number, kind, snapshot, "createdById", "createdAt")
  ON CONFLICT DO NOTHING`;

/** Writes the FY2026 cycle's rows after its PlanCycle row, then its maintained summary. */
async function writePreviousCycle(tx: Prisma.TransactionClient, previous: PreviousCycle): Promise<Record<string, number>> {
  const skipDuplicates = true;
  const counts: Record<string, number> = {};
  counts["PlanTemplateSection"] = (
    await tx.planTemplateSection.createMany({ data: previous.templateSections, skipDuplicates })
  ).count;
  counts["CycleDeadline"] = (await tx.cycleDeadline.createMany({ data: previous.cycleDeadlines, skipDuplicates })).count;
  counts["Plan"] = (await tx.plan.createMany({ data: previous.plans, skipDuplicates })).count;
  counts["TargetCell"] = await bulkInsert(tx, "TargetCell", TARGET_CELL_COLUMNS, previous.targetCells);
  counts["ExpenseCell"] = await bulkInsert(tx, "ExpenseCell", EXPENSE_CELL_COLUMNS, previous.expenseCells);
  counts["ExpenseCap"] = (await tx.expenseCap.createMany({ data: previous.expenseCaps, skipDuplicates })).count;
  let versions = 0;
  for (let start = 0; start < previous.versions.length; start += 20) {
    const chunk = previous.versions.slice(start, start + 20);
    versions += await tx.$executeRawUnsafe(
      PREVIOUS_VERSION_SQL,
      chunk.map((version) => version.id),
      chunk.map((version) => version.planId),
      chunk.map((version) => String(version.number)),
      chunk.map((version) => version.kind),
      chunk.map((version) => JSON.stringify(version.snapshot)),
      chunk.map((version) => version.createdById ?? null),
      chunk.map((version) => new Date(version.createdAt as Date).toISOString()),
    );
  }
  counts["PlanVersion"] = versions;
  counts["WorkflowEvent"] = (await tx.workflowEvent.createMany({ data: previous.events })).count;
  counts["TargetSummary"] = await writeSummaryOfCycle(tx, String(previous.planCycle.id));
  return counts;
}

/**
 * The maintained summary (packages/db/src/summary) of a cycle whose plans were all approved as
 * they are: the figure and channel lines of every plan, OWN for its unit and SUBTREE for every
 * unit on its path, on both bases (LATEST and APPROVED are the same figures). One statement
 * instead of deltas and folds; the result is what the fold would leave.
 */
async function writeSummaryOfCycle(tx: Prisma.TransactionClient, cycleId: string): Promise<number> {
  return tx.$executeRaw`
    WITH lines AS (
      SELECT p."orgUnitId", u.path, c."metricId", coalesce(c."productSpecId", '') AS "specKey",
             coalesce(c."channelId", '') AS "channelKey", c.month,
             sum(c."baseValue") AS base, sum(coalesce(c."stretchValue", c."baseValue")) AS stretch, count(*)::int AS cells
      FROM "TargetCell" c
      JOIN "Plan" p ON p.id = c."planId"
      JOIN "OrgUnit" u ON u.id = p."orgUnitId"
      WHERE p."cycleId" = ${cycleId} AND c."terminalId" IS NULL AND c."distributorId" IS NULL AND c."townshipId" IS NULL
      GROUP BY 1, 2, 3, 4, 5, 6
    ),
    -- every unit on the path (the fold's way: no join on LIKE): SUBTREE for each, OWN for the last
    scoped AS (
      SELECT segment.id AS "orgUnitId", 'SUBTREE' AS scope, l."metricId", l."specKey", l."channelKey", l.month, l.base, l.stretch, l.cells
      FROM lines l CROSS JOIN LATERAL unnest(string_to_array(btrim(l.path, '/'), '/')) AS segment(id)
      UNION ALL
      SELECT l."orgUnitId", 'OWN', l."metricId", l."specKey", l."channelKey", l.month, l.base, l.stretch, l.cells
      FROM lines l
    )
    INSERT INTO "TargetSummary"
      ("cycleId", "orgUnitId", "basis", "scope", "metricId", "specKey", "channelKey", "month", "baseSum", "stretchSum", "cellCount")
    SELECT ${cycleId}, s."orgUnitId", b.basis::"SummaryBasis", s.scope::"SummaryScope", s."metricId", s."specKey", s."channelKey",
           s.month, sum(s.base), sum(s.stretch), sum(s.cells)::int
    FROM scoped s CROSS JOIN (VALUES ('LATEST'), ('APPROVED')) AS b(basis)
    GROUP BY s."orgUnitId", b.basis, s.scope, s."metricId", s."specKey", s."channelKey", s.month
    ON CONFLICT DO NOTHING`;
}

/** The same counts as DemoCounts, read from a database (whatever it holds). */
export async function countDatabase(prisma: Prisma.TransactionClient): Promise<DemoCounts> {
  const [levels, salesByYear, expensesByYear] = await Promise.all([
    prisma.orgUnit.groupBy({ by: ["level"], _count: { _all: true } }),
    prisma.salesActual.groupBy({ by: ["year"], _count: { _all: true } }),
    prisma.expenseActual.groupBy({ by: ["year"], _count: { _all: true } }),
  ]);
  const level = (wanted: OrgLevel) => levels.find((row) => row.level === wanted)?._count._all ?? 0;
  const byYear = (rows: { year: number; _count: { _all: number } }[]) => {
    const counts: Record<string, number> = Object.fromEntries(DEMO_HISTORY_YEARS.map((year) => [String(year), 0]));
    for (const row of rows) counts[String(row.year)] = row._count._all;
    return counts;
  };
  return {
    orgUnits: {
      HQ: level("HQ"),
      PROVINCE: level("PROVINCE"),
      CITY: level("CITY"),
      COUNTY: level("COUNTY"),
      total: levels.reduce((sum, row) => sum + row._count._all, 0),
    },
    townships: await prisma.township.count(),
    productLines: await prisma.productLine.count(),
    productSpecs: await prisma.productSpec.count(),
    channels: await prisma.channel.count(),
    terminalClasses: await prisma.terminalClass.count(),
    terminals: await prisma.terminal.count(),
    coreTerminals: await prisma.terminal.count({ where: { isCore: true } }),
    distributors: await prisma.distributor.count(),
    users: await prisma.user.count(),
    roleAssignments: await prisma.roleAssignment.count(),
    metrics: await prisma.metric.count(),
    expenseCategories: await prisma.expenseCategory.count(),
    expenseItems: await prisma.expenseItem.count(),
    planCycles: await prisma.planCycle.count(),
    templateSections: await prisma.planTemplateSection.count(),
    cycleDeadlines: await prisma.cycleDeadline.count(),
    plans: await prisma.plan.count(),
    previousCycle: {
      plans: await prisma.plan.count({ where: { cycle: { code: DEMO_PREVIOUS_CYCLE_CODE } } }),
      targetCells: await prisma.targetCell.count({ where: { plan: { cycle: { code: DEMO_PREVIOUS_CYCLE_CODE } } } }),
      expenseCells: await prisma.expenseCell.count({ where: { plan: { cycle: { code: DEMO_PREVIOUS_CYCLE_CODE } } } }),
      planVersions: await prisma.planVersion.count({ where: { plan: { cycle: { code: DEMO_PREVIOUS_CYCLE_CODE } } } }),
      workflowEvents: await prisma.workflowEvent.count({ where: { plan: { cycle: { code: DEMO_PREVIOUS_CYCLE_CODE } } } }),
    },
    salesActualsByYear: byYear(salesByYear),
    expenseActualsByYear: byYear(expensesByYear),
  };
}
