// Factories: one row at a time, minimal input, sensible defaults, unique codes.
// For integration and browser tests that build their own small world ("each
// test creates its own data") next to — or instead of — the demo company.
//
//   const { hq, province, city, county } = await createOrgChain(prisma);
//   const { user, password } = await createUser(prisma, { orgUnitId: county.id, role: "PLANNER" });
//   const manager = await createUser(prisma, { orgUnitId: city.id, roles: ["PLANNER", "REVIEWER"] });
//   const cycle = await createPlanCycle(prisma, { year: 2027 });
//   const plan = await createPlan(prisma, { cycleId: cycle.id, orgUnitId: county.id });
import { randomUUID } from "node:crypto";
import {
  EXPENSE_CATEGORIES,
  EXPENSE_ITEMS,
  ROOT_PATH,
  STANDARD_METRICS,
  STANDARD_PLAN_TEMPLATE,
  childPath,
  templateSectionFields,
  type OrgLevel,
  type Role,
} from "@pyramid/domain";
import type {
  Channel,
  ChannelKind,
  CycleStatus,
  Distributor,
  ExpenseItem,
  Metric,
  OrgUnit,
  Plan,
  PlanCycle,
  PlanStatus,
  Prisma,
  ProductLine,
  ProductSpec,
  RoleAssignment,
  Terminal,
  Township,
  User,
} from "../../generated/client/index.js";
import { hashPassword, type ScryptCost } from "../password.js";
import { DEMO_TERMINAL_CLASSES } from "../seed/demo-company.data.js";
import { expenseCategoryRows, expenseItemRows, standardMetricRows } from "../seed/standard-rows.js";

/** A PrismaClient or the client of an interactive transaction. */
export type Db = Prisma.TransactionClient;

/** "PREFIX-1a2b3c4d": unique enough for one test database, readable in failure messages. */
export function uniqueCode(prefix: string): string {
  return `${prefix}-${randomUUID().slice(0, 8)}`;
}

// ───────────────────────────── organisation ─────────────────────────────

export interface CreateOrgUnitInput {
  readonly level: OrgLevel;
  /** The parent unit; omit for a top (HQ) unit. */
  readonly parent?: Pick<OrgUnit, "id" | "path" | "depth"> | null;
  readonly code?: string;
  readonly nameZh?: string;
  readonly nameEn?: string;
  readonly sortOrder?: number;
  readonly isActive?: boolean;
}

/** Creates a unit under `parent`, with its materialised path "/<ids…>/<own id>/" and depth. */
export async function createOrgUnit(db: Db, input: CreateOrgUnitInput): Promise<OrgUnit> {
  const id = randomUUID();
  const code = input.code ?? uniqueCode(input.level);
  const parent = input.parent ?? null;
  return db.orgUnit.create({
    data: {
      id,
      code,
      nameZh: input.nameZh ?? `测试单位 ${code}`,
      nameEn: input.nameEn ?? `Test unit ${code}`,
      level: input.level,
      parentId: parent?.id ?? null,
      path: childPath(parent?.path ?? ROOT_PATH, id),
      depth: (parent?.depth ?? 0) + 1,
      sortOrder: input.sortOrder ?? 0,
      isActive: input.isActive ?? true,
    },
  });
}

export interface OrgChain {
  readonly hq: OrgUnit;
  readonly province: OrgUnit;
  readonly city: OrgUnit;
  readonly county: OrgUnit;
}

/** HQ → province → city → county, one of each: the smallest pyramid with every level. */
export async function createOrgChain(db: Db): Promise<OrgChain> {
  const hq = await createOrgUnit(db, { level: "HQ" });
  const province = await createOrgUnit(db, { level: "PROVINCE", parent: hq });
  const city = await createOrgUnit(db, { level: "CITY", parent: province });
  const county = await createOrgUnit(db, { level: "COUNTY", parent: city });
  return { hq, province, city, county };
}

// ───────────────────────────── people ─────────────────────────────

/** Cheap scrypt cost for test users: same format and checks, a few ms per hash. */
export const TEST_PASSWORD_COST: ScryptCost = { N: 1024, r: 8, p: 1 };
export const TEST_PASSWORD = "test1234";

export interface CreateUserInput {
  /** The unit the user's roles are assigned at. */
  readonly orgUnitId: string;
  /** One role at orgUnitId (default PLANNER); ignored when `roles` is given. */
  readonly role?: Role;
  /** Several roles at orgUnitId, e.g. a city manager's PLANNER and REVIEWER; [] for none. */
  readonly roles?: readonly Role[];
  readonly login?: string;
  readonly password?: string;
  readonly displayName?: string;
  readonly locale?: "zh-CN" | "en";
  readonly isActive?: boolean;
  /** Default TEST_PASSWORD_COST; pass DEFAULT_SCRYPT_COST to test production hashing. */
  readonly passwordCost?: ScryptCost;
}

/** Creates a user and their role assignments; returns the plain password too, so the test can log in. */
export async function createUser(
  db: Db,
  input: CreateUserInput,
): Promise<{ user: User; password: string; assignments: RoleAssignment[] }> {
  const password = input.password ?? TEST_PASSWORD;
  const login = input.login ?? uniqueCode("user").toLowerCase();
  const roles = input.roles ?? [input.role ?? "PLANNER"];
  const user = await db.user.create({
    data: {
      login,
      displayName: input.displayName ?? `测试用户 ${login}`,
      passwordHash: await hashPassword(password, { cost: input.passwordCost ?? TEST_PASSWORD_COST }),
      locale: input.locale ?? "zh-CN",
      isActive: input.isActive ?? true,
    },
  });
  // One at a time: `db` may be an interactive transaction, which runs one query at a time.
  const assignments: RoleAssignment[] = [];
  for (const role of roles) assignments.push(await assignRole(db, { userId: user.id, role, orgUnitId: input.orgUnitId }));
  return { user, password, assignments };
}

/** Gives a user one more role at a unit (e.g. REVIEWER at a second city). */
export async function assignRole(
  db: Db,
  input: { userId: string; role: Role; orgUnitId: string; grantedById?: string | null },
): Promise<RoleAssignment> {
  return db.roleAssignment.create({
    data: { userId: input.userId, role: input.role, orgUnitId: input.orgUnitId, grantedById: input.grantedById ?? null },
  });
}

// ───────────────────────────── reference data ─────────────────────────────
// Standard lists (metrics, expense tree, terminal classes) use the demo company's
// deterministic ids, so a test database may hold them and the demo seed together.

/** Ensures the standard metrics exist; returns them by code. */
export async function ensureStandardMetrics(db: Db): Promise<Map<string, Metric>> {
  await db.metric.createMany({
    data: standardMetricRows(),
    skipDuplicates: true,
  });
  const rows = await db.metric.findMany({ where: { code: { in: STANDARD_METRICS.map((metric) => metric.code) } } });
  return new Map(rows.map((row) => [row.code, row]));
}

/** Ensures the 5 categories and 33 standard items exist; returns the items by code. */
export async function ensureExpenseTree(db: Db): Promise<Map<string, ExpenseItem>> {
  await db.expenseCategory.createMany({
    data: expenseCategoryRows(),
    skipDuplicates: true,
  });
  const categories = await db.expenseCategory.findMany({
    where: { code: { in: EXPENSE_CATEGORIES.map((category) => category.code) } },
  });
  const categoryIds = new Map(categories.map((category) => [category.code, category.id]));
  await db.expenseItem.createMany({
    data: expenseItemRows((code) => categoryIds.get(code)!),
    skipDuplicates: true,
  });
  const items = await db.expenseItem.findMany({ where: { code: { in: EXPENSE_ITEMS.map((item) => item.code) } } });
  return new Map(items.map((item) => [item.code, item]));
}

/** Ensures terminal classes A, B, C (ranks 1–3) exist. */
export async function ensureTerminalClasses(db: Db): Promise<void> {
  await db.terminalClass.createMany({
    data: DEMO_TERMINAL_CLASSES.map((terminalClass) => ({ ...terminalClass })),
    skipDuplicates: true,
  });
}

export async function createProductLine(
  db: Db,
  input: { code?: string; nameZh?: string; nameEn?: string } = {},
): Promise<ProductLine> {
  const code = input.code ?? uniqueCode("LINE");
  return db.productLine.create({
    data: { code, nameZh: input.nameZh ?? `产品线 ${code}`, nameEn: input.nameEn ?? `Line ${code}` },
  });
}

export interface CreateProductSpecInput {
  /** Default: a new product line. */
  readonly lineId?: string;
  readonly code?: string;
  readonly nameZh?: string;
  readonly nameEn?: string;
  /** 元 per case, exact decimal text. */
  readonly unitPrice?: string;
  readonly unitCost?: string;
}

export async function createProductSpec(db: Db, input: CreateProductSpecInput = {}): Promise<ProductSpec> {
  const code = input.code ?? uniqueCode("SPEC");
  const lineId = input.lineId ?? (await createProductLine(db)).id;
  return db.productSpec.create({
    data: {
      code,
      lineId,
      nameZh: input.nameZh ?? `品规 ${code}`,
      nameEn: input.nameEn ?? `SKU ${code}`,
      unitPrice: input.unitPrice ?? "1188.00",
      unitCost: input.unitCost ?? "534.60",
    },
  });
}

export async function createChannel(
  db: Db,
  input: { kind?: ChannelKind; code?: string; nameZh?: string; nameEn?: string } = {},
): Promise<Channel> {
  const kind = input.kind ?? "TERMINAL";
  const code = input.code ?? uniqueCode(kind);
  return db.channel.create({
    data: { code, kind, nameZh: input.nameZh ?? `渠道 ${code}`, nameEn: input.nameEn ?? `Channel ${code}` },
  });
}

export async function createTownship(
  db: Db,
  input: { countyId: string; code?: string; nameZh?: string; nameEn?: string },
): Promise<Township> {
  const code = input.code ?? uniqueCode("TOWN");
  return db.township.create({
    data: { code, countyId: input.countyId, nameZh: input.nameZh ?? `乡镇 ${code}`, nameEn: input.nameEn ?? `Township ${code}` },
  });
}

export interface CreateTerminalInput {
  readonly countyId: string;
  readonly classCode?: "A" | "B" | "C";
  /** Default: a new TERMINAL channel. */
  readonly channelId?: string;
  readonly townshipId?: string | null;
  readonly code?: string;
  readonly name?: string;
  readonly isCore?: boolean;
  readonly isHotspot?: boolean;
}

/** Creates a terminal (ensuring the A/B/C classes exist first). */
export async function createTerminal(db: Db, input: CreateTerminalInput): Promise<Terminal> {
  await ensureTerminalClasses(db);
  const code = input.code ?? uniqueCode("TERM");
  const classCode = input.classCode ?? "B";
  const channelId = input.channelId ?? (await createChannel(db, { kind: "TERMINAL" })).id;
  return db.terminal.create({
    data: {
      code,
      name: input.name ?? `终端 ${code}`,
      classCode,
      channelId,
      countyId: input.countyId,
      townshipId: input.townshipId ?? null,
      isCore: input.isCore ?? classCode === "A",
      isHotspot: input.isHotspot ?? false,
    },
  });
}

/** Creates a distributor: level 1 without a parent, else one level below the parent. */
export async function createDistributor(
  db: Db,
  input: { countyId: string; parent?: Pick<Distributor, "id" | "level"> | null; code?: string; name?: string },
): Promise<Distributor> {
  const code = input.code ?? uniqueCode("DIST");
  return db.distributor.create({
    data: {
      code,
      name: input.name ?? `经销商 ${code}`,
      level: input.parent ? input.parent.level + 1 : 1,
      parentId: input.parent?.id ?? null,
      countyId: input.countyId,
    },
  });
}

// ───────────────────────────── cycles and plans ─────────────────────────────

export interface CreatePlanCycleInput {
  readonly year?: number;
  readonly code?: string;
  readonly status?: CycleStatus;
  readonly createdById?: string | null;
  /** Default 0 … 0.3 (decimal text). */
  readonly growthBandMin?: string;
  readonly growthBandMax?: string;
  /** Issue the standard 28-section template (default true). */
  readonly withTemplate?: boolean;
  /** Due dates per level, "YYYY-MM-DD"; default: county 12-10, city 12-20, province 12-28 of year−1, HQ 01-08. */
  readonly deadlines?: Partial<Record<OrgLevel, string>> | null;
}

/** Creates a plan cycle, OPEN by default, with the standard template and deadlines. */
export async function createPlanCycle(db: Db, input: CreatePlanCycleInput = {}): Promise<PlanCycle> {
  const year = input.year ?? 2027;
  const code = input.code ?? uniqueCode(`FY${year}`);
  const deadlines =
    input.deadlines === undefined
      ? { COUNTY: `${year - 1}-12-10`, CITY: `${year - 1}-12-20`, PROVINCE: `${year - 1}-12-28`, HQ: `${year}-01-08` }
      : (input.deadlines ?? {});
  return db.planCycle.create({
    data: {
      code,
      year,
      nameZh: `${year}年度营销方案 ${code}`,
      nameEn: `${year} annual plan ${code}`,
      status: input.status ?? "OPEN",
      opensOn: new Date(`${year - 1}-11-15T00:00:00.000Z`),
      closesOn: new Date(`${year}-01-10T00:00:00.000Z`),
      growthBandMin: input.growthBandMin ?? "0",
      growthBandMax: input.growthBandMax ?? "0.3",
      createdById: input.createdById ?? null,
      sections:
        input.withTemplate === false
          ? undefined
          : {
              create: STANDARD_PLAN_TEMPLATE.map(templateSectionFields),
            },
      deadlines: {
        create: Object.entries(deadlines).map(([level, dueOn]) => ({
          level: level as OrgLevel,
          dueOn: new Date(`${dueOn}T00:00:00.000Z`),
        })),
      },
    },
  });
}

export async function createPlan(db: Db, input: { cycleId: string; orgUnitId: string; status?: PlanStatus }): Promise<Plan> {
  return db.plan.create({ data: { cycleId: input.cycleId, orgUnitId: input.orgUnitId, status: input.status ?? "DRAFT" } });
}
