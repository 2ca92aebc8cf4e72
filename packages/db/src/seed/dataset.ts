// Builds every row of the demo company in memory, with deterministic ids, before
// anything is written. Writing is then a handful of bulk inserts, and the counts
// the docs and tests state come from the same function (describeSeed).
import {
  STANDARD_PLAN_TEMPLATE,
  buildPlanVersionSnapshot,
  cellDimensionColumns,
  moneyFromFen,
  orgPathOf,
  templateSectionFields,
  type OrgLevel,
  type Role,
} from "@pyramid/domain";
import type { Prisma } from "../../generated/client/index.js";
import {
  DEMO_CHANNELS,
  DEMO_HISTORY_YEARS,
  DEMO_HQ,
  DEMO_PLAN_YEAR,
  DEMO_PRODUCT_LINES,
  DEMO_PRODUCT_SPECS,
  DEMO_PROVINCES,
  DEMO_TERMINAL_CLASSES,
  DISTRIBUTOR_TRADE_NAMES,
  TERMINAL_NAME_PATTERNS,
  TIER_SHAPE,
  isDemoActualMonth,
  type CountyDef,
  type TerminalClassCode,
} from "./demo-company.data.js";
import { generateCountyHistory } from "./history.js";
import { generateCountyPlan } from "./plan-2026.js";
import { demoId } from "./ids.js";
import { prngFor } from "./prng.js";
import { expenseCategoryRows, expenseItemRows, standardMetricRows } from "./standard-rows.js";

/** Every seeded row carries this time, so two runs write identical rows (the day the cycle opens). */
export const DEMO_SEEDED_AT = new Date("2026-11-15T00:00:00.000Z");

/** A demo login: one person holding one or more roles, all at one unit. */
export interface DemoUser {
  readonly id: string;
  readonly login: string;
  readonly displayName: string;
  readonly email: string;
  /** Held at orgUnitId; a manager holds PLANNER and REVIEWER. */
  readonly roles: readonly Role[];
  readonly orgUnitId: string;
  readonly orgUnitCode: string;
  readonly locale: "zh-CN" | "en";
}

export interface DemoDataset {
  readonly orgUnits: Prisma.OrgUnitCreateManyInput[];
  readonly townships: Prisma.TownshipCreateManyInput[];
  readonly productLines: Prisma.ProductLineCreateManyInput[];
  readonly productSpecs: Prisma.ProductSpecCreateManyInput[];
  readonly channels: Prisma.ChannelCreateManyInput[];
  readonly terminalClasses: Prisma.TerminalClassCreateManyInput[];
  readonly terminals: Prisma.TerminalCreateManyInput[];
  readonly distributors: Prisma.DistributorCreateManyInput[];
  readonly metrics: Prisma.MetricCreateManyInput[];
  readonly expenseCategories: Prisma.ExpenseCategoryCreateManyInput[];
  readonly expenseItems: Prisma.ExpenseItemCreateManyInput[];
  /** Users without password hashes: hashing is slow and async, done by the writer. */
  readonly users: DemoUser[];
  /** One row per user × role (the users' roles, as the database stores them). */
  readonly roleAssignments: Prisma.RoleAssignmentCreateManyInput[];
  readonly planCycle: Prisma.PlanCycleCreateManyInput;
  readonly templateSections: Prisma.PlanTemplateSectionCreateManyInput[];
  readonly cycleDeadlines: Prisma.CycleDeadlineCreateManyInput[];
  readonly plans: Prisma.PlanCreateManyInput[];
  readonly salesActuals: Prisma.SalesActualCreateManyInput[];
  readonly expenseActuals: Prisma.ExpenseActualCreateManyInput[];
  /** The closed cycle of the year before (FY2026), its plans approved bottom-up. */
  readonly previousCycle: PreviousCycle;
}

/** A closed cycle with every plan APPROVED as the workflow leaves it (see plan-2026.ts). */
export interface PreviousCycle {
  readonly planCycle: Prisma.PlanCycleCreateManyInput;
  readonly templateSections: Prisma.PlanTemplateSectionCreateManyInput[];
  readonly cycleDeadlines: Prisma.CycleDeadlineCreateManyInput[];
  readonly plans: Prisma.PlanCreateManyInput[];
  /** County plans only: figures per spec (and one for collection) with their channel breakdowns. Empty without history. */
  readonly targetCells: Prisma.TargetCellCreateManyInput[];
  readonly expenseCells: Prisma.ExpenseCellCreateManyInput[];
  readonly expenseCaps: Prisma.ExpenseCapCreateManyInput[];
  /** Per plan: version 1 SUBMITTED, version 2 APPROVED (the same snapshot). */
  readonly versions: (Omit<Prisma.PlanVersionCreateManyInput, "snapshot"> & { snapshot: unknown })[];
  readonly events: Prisma.WorkflowEventCreateManyInput[];
}

export interface BuildOptions {
  /** Include the two years of sales and expense actuals (default true). */
  readonly history?: boolean;
}

export const DEMO_CYCLE_CODE = `FY${DEMO_PLAN_YEAR}`;
/** The closed cycle of the current year, whose approved targets 2026's actuals are measured against. */
export const DEMO_PREVIOUS_CYCLE_CODE = `FY${DEMO_PLAN_YEAR - 1}`;

const at = DEMO_SEEDED_AT;

// Plausible people's names, combined deterministically per login.
const SURNAMES = [
  "王",
  "李",
  "张",
  "刘",
  "陈",
  "杨",
  "黄",
  "赵",
  "吴",
  "周",
  "徐",
  "孙",
  "马",
  "朱",
  "胡",
  "郭",
  "何",
  "林",
  "罗",
  "郑",
];
const GIVEN_NAMES = [
  "伟",
  "芳",
  "敏",
  "静",
  "磊",
  "军",
  "洋",
  "勇",
  "艳",
  "杰",
  "涛",
  "明",
  "超",
  "秀英",
  "建华",
  "志强",
  "海燕",
  "晓东",
  "丽娟",
  "国庆",
  "春梅",
  "永强",
  "文博",
  "雪梅",
];

function personName(login: string): string {
  const random = prngFor(`person:${login}`);
  return `${random.pick(SURNAMES)}${random.pick(GIVEN_NAMES)}`;
}

const unitCode = (slug: string) => slug.toUpperCase();

interface UnitNode {
  readonly id: string;
  readonly code: string;
  readonly path: string;
}

function buildOrgUnits(): { rows: Prisma.OrgUnitCreateManyInput[]; counties: { def: CountyDef; unit: UnitNode }[] } {
  const rows: Prisma.OrgUnitCreateManyInput[] = [];
  const counties: { def: CountyDef; unit: UnitNode }[] = [];
  const add = (
    level: OrgLevel,
    code: string,
    nameZh: string,
    nameEn: string,
    parent: UnitNode | null,
    sortOrder: number,
  ): UnitNode => {
    const id = demoId("OrgUnit", code);
    const path = orgPathOf([...(parent ? parent.path.slice(1, -1).split("/") : []), id]);
    rows.push({
      id,
      code,
      nameZh,
      nameEn,
      level,
      parentId: parent?.id ?? null,
      path,
      depth: path.split("/").length - 2,
      sortOrder,
      createdAt: at,
      updatedAt: at,
    });
    return { id, code, path };
  };
  const hq = add("HQ", DEMO_HQ.code, DEMO_HQ.nameZh, DEMO_HQ.nameEn, null, 0);
  DEMO_PROVINCES.forEach((province, provinceIndex) => {
    const provinceUnit = add("PROVINCE", unitCode(province.slug), province.nameZh, province.nameEn, hq, provinceIndex + 1);
    province.cities.forEach((city, cityIndex) => {
      const cityUnit = add("CITY", unitCode(city.slug), city.nameZh, city.nameEn, provinceUnit, cityIndex + 1);
      city.counties.forEach((county, countyIndex) => {
        const unit = add(
          "COUNTY",
          unitCode(county.slug),
          `${county.nameZh}市场部`,
          `${county.nameEn} market dept.`,
          cityUnit,
          countyIndex + 1,
        );
        counties.push({ def: county, unit });
      });
    });
  });
  return { rows, counties };
}

function buildUsers(units: readonly Prisma.OrgUnitCreateManyInput[]): DemoUser[] {
  const users: DemoUser[] = [];
  const byCode = new Map(units.map((unit) => [unit.code, unit]));
  const add = (unitSlug: string, roles: Role | readonly Role[], suffix: string, locale: "zh-CN" | "en" = "zh-CN") => {
    const unit = byCode.get(unitCode(unitSlug));
    if (!unit?.id) throw new Error(`demo user for unknown unit ${unitSlug}`);
    const login = `${unitSlug}.${suffix}`;
    users.push({
      id: demoId("User", login),
      login,
      displayName: personName(login),
      email: `${login}@jinzun.example`,
      roles: typeof roles === "string" ? [roles] : roles,
      orgUnitId: unit.id,
      orgUnitCode: unit.code,
      locale,
    });
  };
  // HQ: every role once; the viewer uses the English interface, to show both languages.
  add(DEMO_HQ.slug, "HQ_ADMIN", "admin");
  add(DEMO_HQ.slug, "PLANNER", "planner");
  add(DEMO_HQ.slug, "REVIEWER", "reviewer");
  add(DEMO_HQ.slug, "FINANCE", "finance");
  add(DEMO_HQ.slug, "VIEWER", "viewer", "en");
  for (const province of DEMO_PROVINCES) {
    // Each province and city writes its own regional plan and reviews the units below it: a
    // planner and a reviewer, and a manager (省区经理 / 城市经理) who does both with one login.
    add(province.slug, "PLANNER", "planner");
    add(province.slug, "REVIEWER", "reviewer");
    add(province.slug, ["PLANNER", "REVIEWER"], "manager");
    for (const city of province.cities) {
      add(city.slug, "PLANNER", "planner");
      add(city.slug, "REVIEWER", "reviewer");
      add(city.slug, ["PLANNER", "REVIEWER"], "manager");
      for (const county of city.counties) add(county.slug, "PLANNER", "planner");
    }
  }
  // One finance and one read-only login per level below HQ, in the Guangdong → Guangzhou → Conghua branch.
  // (HQ_ADMIN exists only at HQ, and a county has no units below it to review.)
  for (const slug of ["gd", "gz", "conghua"]) {
    add(slug, "FINANCE", "finance");
    add(slug, "VIEWER", "viewer");
  }
  return users;
}

function buildRoleAssignments(users: readonly DemoUser[]): Prisma.RoleAssignmentCreateManyInput[] {
  return users.flatMap((user) =>
    user.roles.map((role) => ({
      id: demoId("RoleAssignment", `${user.login}:${role}`),
      userId: user.id,
      role,
      orgUnitId: user.orgUnitId,
      createdAt: at,
    })),
  );
}

function buildCountyDimensions(county: CountyDef, unit: UnitNode, channelIds: ReadonlyMap<string, string>) {
  const townships: Prisma.TownshipCreateManyInput[] = county.townships.map(([zh, en], index) => ({
    id: demoId("Township", `${unit.code}-W${index + 1}`),
    code: `${unit.code}-W${index + 1}`,
    nameZh: zh,
    nameEn: en,
    countyId: unit.id,
  }));
  const shape = TIER_SHAPE[county.tier];
  const terminals: Prisma.TerminalCreateManyInput[] = [];
  const addTerminals = (classCode: TerminalClassCode, count: number) => {
    const patterns = TERMINAL_NAME_PATTERNS[classCode];
    for (let index = 0; index < count; index++) {
      const [channelCode, pattern] = patterns[index % patterns.length]!;
      // Class A shops are in the county town; B and C are spread over the townships.
      const township = classCode === "A" ? null : townships[(index + (classCode === "C" ? 1 : 0)) % townships.length]!;
      const code = `${unit.code}-${classCode}${String(index + 1).padStart(2, "0")}`;
      terminals.push({
        id: demoId("Terminal", code),
        code,
        name: pattern.replace("{county}", county.shortZh).replace("{town}", township?.nameZh ?? county.shortZh),
        classCode,
        channelId: channelIds.get(channelCode)!,
        countyId: unit.id,
        townshipId: township?.id ?? null,
        // Every A shop is core; a big county also counts its first B shop as core.
        isCore: classCode === "A" || (classCode === "B" && index === 0 && county.tier === "L"),
        isHotspot: classCode === "A" && channelCode === "RETAIL",
        address: `${county.nameZh}${township?.nameZh ?? "城区"}`,
        createdAt: at,
      });
    }
  };
  addTerminals("A", shape.A);
  addTerminals("B", shape.B);
  addTerminals("C", shape.C);

  const random = prngFor(`distributors:${county.slug}`);
  const primaryCode = `${unit.code}-D1`;
  const primaryId = demoId("Distributor", primaryCode);
  const distributors: Prisma.DistributorCreateManyInput[] = [
    {
      id: primaryId,
      code: primaryCode,
      name: `${county.shortZh}${random.pick(DISTRIBUTOR_TRADE_NAMES)}商贸有限公司`,
      level: 1,
      parentId: null,
      countyId: unit.id,
      createdAt: at,
    },
  ];
  for (let index = 0; index < shape.subDistributors; index++) {
    const code = `${primaryCode}-${index + 1}`;
    const town = county.townships[index % county.townships.length]![0];
    distributors.push({
      id: demoId("Distributor", code),
      code,
      name: `${town}${random.pick(DISTRIBUTOR_TRADE_NAMES)}酒水批发部`,
      level: 2,
      parentId: primaryId,
      countyId: unit.id,
      createdAt: at,
    });
  }
  return { townships, terminals, distributors };
}

function buildPlanCycle(hqAdminId: string, units: readonly Prisma.OrgUnitCreateManyInput[]) {
  const cycleId = demoId("PlanCycle", DEMO_CYCLE_CODE);
  const planCycle: Prisma.PlanCycleCreateManyInput = {
    id: cycleId,
    code: DEMO_CYCLE_CODE,
    year: DEMO_PLAN_YEAR,
    nameZh: `${DEMO_PLAN_YEAR}年度营销方案`,
    nameEn: `${DEMO_PLAN_YEAR} annual marketing plan`,
    status: "OPEN",
    opensOn: new Date(`${DEMO_PLAN_YEAR - 1}-11-15T00:00:00.000Z`),
    closesOn: new Date(`${DEMO_PLAN_YEAR}-01-10T00:00:00.000Z`),
    growthBandMin: "0",
    growthBandMax: "0.3",
    implausibleFactor: "3",
    minTerminalRank: 2,
    createdById: hqAdminId,
    createdAt: at,
    updatedAt: at,
  };
  const templateSections: Prisma.PlanTemplateSectionCreateManyInput[] = STANDARD_PLAN_TEMPLATE.map((section, index) => ({
    id: demoId("PlanTemplateSection", `${DEMO_CYCLE_CODE}:${section.code}`),
    cycleId,
    ...templateSectionFields(section, index),
  }));
  // Bottom-up: counties first, each level above gets time to review before its own deadline.
  const dueOn: readonly (readonly [OrgLevel, string])[] = [
    ["COUNTY", `${DEMO_PLAN_YEAR - 1}-12-10`],
    ["CITY", `${DEMO_PLAN_YEAR - 1}-12-20`],
    ["PROVINCE", `${DEMO_PLAN_YEAR - 1}-12-28`],
    ["HQ", `${DEMO_PLAN_YEAR}-01-08`],
  ];
  const cycleDeadlines: Prisma.CycleDeadlineCreateManyInput[] = dueOn.map(([level, date]) => ({
    id: demoId("CycleDeadline", `${DEMO_CYCLE_CODE}:${level}`),
    cycleId,
    level,
    dueOn: new Date(`${date}T00:00:00.000Z`),
  }));
  const plans: Prisma.PlanCreateManyInput[] = units.map((unit) => ({
    id: demoId("Plan", `${DEMO_CYCLE_CODE}:${unit.code}`),
    cycleId,
    orgUnitId: unit.id!,
    status: "DRAFT",
    version: 1,
    createdAt: at,
    updatedAt: at,
  }));
  return { planCycle, templateSections, cycleDeadlines, plans };
}

interface CountyPlanRows {
  readonly targetCells: Omit<Prisma.TargetCellCreateManyInput, "planId" | "updatedById" | "updatedAt">[];
  readonly expenseCells: Omit<Prisma.ExpenseCellCreateManyInput, "planId" | "updatedById" | "updatedAt">[];
}

// When each level submitted and had its plan approved in the FY2026 season (bottom-up).
const PREVIOUS_SEASON: Readonly<Record<Exclude<OrgLevel, "REGION">, readonly [submit: string, approve: string]>> = {
  COUNTY: ["2025-12-08T02:00:00.000Z", "2025-12-15T06:00:00.000Z"],
  CITY: ["2025-12-18T02:00:00.000Z", "2025-12-24T06:00:00.000Z"],
  PROVINCE: ["2025-12-26T02:00:00.000Z", "2026-01-05T06:00:00.000Z"],
  HQ: ["2026-01-06T02:00:00.000Z", "2026-01-08T06:00:00.000Z"],
};

function buildPreviousCycle(
  hqAdminId: string,
  units: readonly Prisma.OrgUnitCreateManyInput[],
  users: readonly DemoUser[],
  countyPlans: ReadonlyMap<string, CountyPlanRows>,
  expenseCategoryOfItem: ReadonlyMap<string, string>,
): PreviousCycle {
  const code = DEMO_PREVIOUS_CYCLE_CODE;
  const year = DEMO_PLAN_YEAR - 1;
  const cycleId = demoId("PlanCycle", code);
  const createdAt = new Date(`${year - 1}-11-15T00:00:00.000Z`);
  const planCycle: Prisma.PlanCycleCreateManyInput = {
    id: cycleId,
    code,
    year,
    nameZh: `${year}年度营销方案`,
    nameEn: `${year} annual marketing plan`,
    status: "CLOSED",
    opensOn: createdAt,
    closesOn: new Date(`${year}-01-10T00:00:00.000Z`),
    growthBandMin: "0",
    growthBandMax: "0.3",
    implausibleFactor: "3",
    minTerminalRank: 2,
    createdById: hqAdminId,
    createdAt,
    updatedAt: new Date(PREVIOUS_SEASON.HQ[1]),
  };
  const templateSections = STANDARD_PLAN_TEMPLATE.map((section, index) => ({
    id: demoId("PlanTemplateSection", `${code}:${section.code}`),
    cycleId,
    ...templateSectionFields(section, index),
  }));
  const cycleDeadlines = (Object.keys(PREVIOUS_SEASON) as (keyof typeof PREVIOUS_SEASON)[]).map((level) => ({
    id: demoId("CycleDeadline", `${code}:${level}`),
    cycleId,
    level,
    dueOn: new Date(`${PREVIOUS_SEASON[level][1].slice(0, 10)}T00:00:00.000Z`),
  }));
  const byId = new Map(units.map((unit) => [unit.id!, unit]));
  const userWith = (unitId: string | null | undefined, role: Role): string | null => {
    if (!unitId) return null;
    const holders = users.filter((user) => user.orgUnitId === unitId && user.roles.includes(role));
    return (holders.find((user) => user.roles.length === 1) ?? holders[0])?.id ?? null;
  };
  const plans: Prisma.PlanCreateManyInput[] = [];
  const targetCells: Prisma.TargetCellCreateManyInput[] = [];
  const expenseCells: Prisma.ExpenseCellCreateManyInput[] = [];
  const expenseCaps: Prisma.ExpenseCapCreateManyInput[] = [];
  const versions: PreviousCycle["versions"] = [];
  const events: Prisma.WorkflowEventCreateManyInput[] = [];
  for (const unit of units) {
    const level = unit.level as keyof typeof PREVIOUS_SEASON;
    const [submitText, approveText] = PREVIOUS_SEASON[level];
    const submittedAt = new Date(submitText);
    const approvedAt = new Date(approveText);
    const planId = demoId("Plan", `${code}:${unit.code}`);
    const plannerId = userWith(unit.id, "PLANNER");
    const approverId = unit.parentId ? userWith(byId.get(unit.parentId)?.id, "REVIEWER") : hqAdminId;
    const rows = countyPlans.get(unit.id!);
    const cells = (rows?.targetCells ?? []).map((cell) => ({ ...cell, planId, updatedById: plannerId, updatedAt: submittedAt }));
    const lines = (rows?.expenseCells ?? []).map((cell) => ({ ...cell, planId, updatedById: plannerId, updatedAt: submittedAt }));
    targetCells.push(...cells);
    expenseCells.push(...lines);
    const byCategory = new Map<string, bigint>();
    let expenseTotal = 0n;
    for (const line of lines) {
      const amount = fenOfText(String(line.amount));
      const category = expenseCategoryOfItem.get(line.itemId)!;
      byCategory.set(category, (byCategory.get(category) ?? 0n) + amount);
      expenseTotal += amount;
    }
    for (const [categoryId, amount] of byCategory) {
      expenseCaps.push({
        id: demoId("ExpenseCap", `${code}:${unit.code}:${categoryId}`),
        planId,
        categoryId,
        amount: fen(amount),
        approvedById: approverId,
        approvedAt,
      });
    }
    plans.push({
      id: planId,
      cycleId,
      orgUnitId: unit.id!,
      status: "APPROVED",
      // created 1, submitted 2, approved 3
      version: 3,
      approvedExpenseTotal: lines.length > 0 ? fen(expenseTotal) : null,
      submittedAt,
      approvedAt,
      createdAt,
      updatedAt: approvedAt,
    });
    const snapshot = buildPlanVersionSnapshot({
      sections: [],
      targetCells: cells.map((cell) => ({
        metricId: cell.metricId,
        month: cell.month,
        dimensionKey: cell.dimensionKey ?? "",
        baseValue: String(cell.baseValue),
        stretchValue: null,
        isFigure: !cell.channelId,
      })),
      expenseCells: lines.map((line) => ({
        itemId: line.itemId,
        month: line.month,
        dimensionKey: line.dimensionKey ?? "",
        amount: String(line.amount),
      })),
    });
    const submitted = {
      id: demoId("PlanVersion", `${code}:${unit.code}:1`),
      number: 1,
      kind: "SUBMITTED" as const,
      at: submittedAt,
      by: plannerId,
    };
    const approved = {
      id: demoId("PlanVersion", `${code}:${unit.code}:2`),
      number: 2,
      kind: "APPROVED" as const,
      at: approvedAt,
      by: approverId,
    };
    for (const version of [submitted, approved]) {
      versions.push({
        id: version.id,
        planId,
        number: version.number,
        kind: version.kind,
        snapshot,
        createdById: version.by,
        createdAt: version.at,
      });
    }
    events.push(
      {
        planId,
        action: "SUBMIT",
        fromStatus: "DRAFT",
        toStatus: "SUBMITTED",
        actorId: plannerId,
        versionId: submitted.id,
        createdAt: submittedAt,
      },
      {
        planId,
        action: "APPROVE",
        fromStatus: "SUBMITTED",
        toStatus: "APPROVED",
        actorId: approverId,
        versionId: approved.id,
        createdAt: approvedAt,
      },
    );
  }
  return { planCycle, templateSections, cycleDeadlines, plans, targetCells, expenseCells, expenseCaps, versions, events };
}

function fenOfText(amount: string): bigint {
  const negative = amount.startsWith("-");
  const [whole = "0", fraction = ""] = (negative ? amount.slice(1) : amount).split(".");
  const value = BigInt(whole) * 100n + BigInt((fraction + "00").slice(0, 2));
  return negative ? -value : value;
}

function fen(amount: bigint): string {
  return moneyFromFen(amount).toString();
}

export function buildDemoDataset(options: BuildOptions = {}): DemoDataset {
  const withHistory = options.history ?? true;
  const { rows: orgUnits, counties } = buildOrgUnits();

  const productLines = DEMO_PRODUCT_LINES.map((line, index) => ({
    id: demoId("ProductLine", line.code),
    code: line.code,
    nameZh: line.nameZh,
    nameEn: line.nameEn,
    sortOrder: index + 1,
  }));
  const specIds = new Map(DEMO_PRODUCT_SPECS.map((spec) => [spec.code, demoId("ProductSpec", spec.code)]));
  const productSpecs: Prisma.ProductSpecCreateManyInput[] = DEMO_PRODUCT_SPECS.map((spec, index) => ({
    id: specIds.get(spec.code)!,
    code: spec.code,
    nameZh: spec.nameZh,
    nameEn: spec.nameEn,
    lineId: demoId("ProductLine", spec.lineCode),
    unitZh: "箱",
    unitEn: "case",
    unitPrice: spec.unitPrice,
    unitCost: spec.unitCost,
    sortOrder: index + 1,
    launchedOn: new Date(`${spec.launchedOn}T00:00:00.000Z`),
  }));
  const channelIds = new Map(DEMO_CHANNELS.map((channel) => [channel.code, demoId("Channel", channel.code)]));
  const channels: Prisma.ChannelCreateManyInput[] = DEMO_CHANNELS.map((channel, index) => ({
    id: channelIds.get(channel.code)!,
    code: channel.code,
    nameZh: channel.nameZh,
    nameEn: channel.nameEn,
    kind: channel.kind,
    sortOrder: index + 1,
  }));
  const terminalClasses = DEMO_TERMINAL_CLASSES.map((terminalClass) => ({ ...terminalClass }));

  const metrics = standardMetricRows();
  const metricIds = new Map(metrics.map((metric) => [metric.code, metric.id!]));
  const expenseCategories = expenseCategoryRows();
  const expenseItems = expenseItemRows();
  const itemIds = new Map(expenseItems.map((item) => [item.code, item.id!]));

  const townships: Prisma.TownshipCreateManyInput[] = [];
  const terminals: Prisma.TerminalCreateManyInput[] = [];
  const distributors: Prisma.DistributorCreateManyInput[] = [];
  const salesActuals: Prisma.SalesActualCreateManyInput[] = [];
  const expenseActuals: Prisma.ExpenseActualCreateManyInput[] = [];
  const metricId = (code: string) => metricIds.get(code)!;
  const countyPlans = new Map<string, CountyPlanRows>();

  for (const { def, unit } of counties) {
    const dimensions = buildCountyDimensions(def, unit, channelIds);
    townships.push(...dimensions.townships);
    terminals.push(...dimensions.terminals);
    distributors.push(...dimensions.distributors);
    if (!withHistory) continue;

    const history = generateCountyHistory({
      slug: def.slug,
      tier: def.tier,
      years: DEMO_HISTORY_YEARS,
      terminals: dimensions.terminals.map((terminal) => ({
        code: terminal.code,
        classCode: terminal.classCode as TerminalClassCode,
      })),
      distributors: dimensions.distributors.map((distributor) => ({ code: distributor.code, level: distributor.level })),
    });
    countyPlans.set(unit.id, countyPlanRows(def.slug, history, { specIds, channelIds, itemIds, metricId }));
    const terminalIds = new Map(dimensions.terminals.map((terminal) => [terminal.code, terminal.id!]));
    const distributorIds = new Map(dimensions.distributors.map((distributor) => [distributor.code, distributor.id!]));
    // Each year is generated whole (so the loaded months keep their values), then cut at
    // the demo's "as of" month: November and December 2026 have no actuals yet.
    for (const cell of history.sales) {
      if (!isDemoActualMonth(cell.year, cell.month)) continue;
      const dims = cellDimensionColumns({
        productSpecId: specIds.get(cell.specCode)!,
        channelId: channelIds.get(cell.channelCode)!,
      });
      const base = { orgUnitId: unit.id, year: cell.year, month: cell.month, ...dims, updatedAt: at };
      salesActuals.push(
        { ...base, metricId: metricId("SALES_REVENUE"), value: fen(cell.revenueFen) },
        { ...base, metricId: metricId("SALES_VOLUME"), value: cell.volumeCases.toString() },
        { ...base, metricId: metricId("GROSS_PROFIT"), value: fen(cell.grossProfitFen) },
      );
    }
    for (const cell of history.collections) {
      if (!isDemoActualMonth(cell.year, cell.month)) continue;
      const dims = cellDimensionColumns({ channelId: channelIds.get(cell.channelCode)! });
      salesActuals.push({
        orgUnitId: unit.id,
        metricId: metricId("COLLECTION"),
        year: cell.year,
        month: cell.month,
        ...dims,
        value: fen(cell.amountFen),
        updatedAt: at,
      });
    }
    for (const cell of history.expenses) {
      if (!isDemoActualMonth(cell.year, cell.month)) continue;
      const { terminalId, distributorId, dimensionKey } = cellDimensionColumns({
        terminalId: cell.terminalCode ? terminalIds.get(cell.terminalCode)! : null,
        distributorId: cell.distributorCode ? distributorIds.get(cell.distributorCode)! : null,
      });
      expenseActuals.push({
        orgUnitId: unit.id,
        itemId: itemIds.get(cell.itemCode)!,
        year: cell.year,
        month: cell.month,
        terminalId,
        distributorId,
        dimensionKey,
        amount: fen(cell.amountFen),
        updatedAt: at,
      });
    }
  }

  const users = buildUsers(orgUnits);
  const roleAssignments = buildRoleAssignments(users);
  const hqAdmin = users.find((user) => user.roles.includes("HQ_ADMIN"));
  if (!hqAdmin) throw new Error("the demo roster has no HQ administrator");
  const cycle = buildPlanCycle(hqAdmin.id, orgUnits);
  const expenseCategoryOfItem = new Map(expenseItems.map((item) => [item.id!, item.categoryId]));
  const previousCycle = buildPreviousCycle(hqAdmin.id, orgUnits, users, countyPlans, expenseCategoryOfItem);

  return {
    orgUnits,
    townships,
    productLines,
    productSpecs,
    channels,
    terminalClasses,
    terminals,
    distributors,
    metrics,
    expenseCategories,
    expenseItems,
    users,
    roleAssignments,
    ...cycle,
    salesActuals,
    expenseActuals,
    previousCycle,
  };
}

/** A county's FY2026 target cells and budget lines from its 2025 actuals (plan-2026.ts). */
function countyPlanRows(
  slug: string,
  history: ReturnType<typeof generateCountyHistory>,
  ids: {
    readonly specIds: ReadonlyMap<string, string>;
    readonly channelIds: ReadonlyMap<string, string>;
    readonly itemIds: ReadonlyMap<string, string>;
    readonly metricId: (code: string) => string;
  },
): CountyPlanRows {
  const planYear = DEMO_PLAN_YEAR - 1;
  const plan = generateCountyPlan({
    slug,
    year: planYear,
    lastYearSales: history.sales.filter((cell) => cell.year === planYear - 1),
    lastYearCollections: history.collections.filter((cell) => cell.year === planYear - 1),
    lastYearExpenses: history.expenses.filter((cell) => cell.year === planYear - 1),
  });
  const targetCells: CountyPlanRows["targetCells"] = [];
  const metrics = [
    ["SALES_REVENUE", (cell: (typeof plan.sales)[number]) => fen(cell.revenueFen)],
    ["SALES_VOLUME", (cell: (typeof plan.sales)[number]) => cell.volumeCases.toString()],
    ["GROSS_PROFIT", (cell: (typeof plan.sales)[number]) => fen(cell.grossProfitFen)],
  ] as const;
  for (const [code, valueOf] of metrics) {
    const figures = new Map<string, { month: number; specCode: string; total: bigint }>();
    for (const cell of plan.sales) {
      const key = `${cell.specCode}:${cell.month}`;
      const figure = figures.get(key) ?? { month: cell.month, specCode: cell.specCode, total: 0n };
      figure.total += fenOfText(valueOf(cell));
      figures.set(key, figure);
      targetCells.push({
        metricId: ids.metricId(code),
        month: cell.month,
        ...cellDimensionColumns({
          productSpecId: ids.specIds.get(cell.specCode)!,
          channelId: ids.channelIds.get(cell.channelCode)!,
        }),
        baseValue: valueOf(cell),
      });
    }
    for (const figure of figures.values()) {
      targetCells.push({
        metricId: ids.metricId(code),
        month: figure.month,
        ...cellDimensionColumns({ productSpecId: ids.specIds.get(figure.specCode)! }),
        baseValue: fen(figure.total),
      });
    }
  }
  const collectionFigures = new Map<number, bigint>();
  for (const cell of plan.collections) {
    collectionFigures.set(cell.month, (collectionFigures.get(cell.month) ?? 0n) + cell.amountFen);
    targetCells.push({
      metricId: ids.metricId("COLLECTION"),
      month: cell.month,
      ...cellDimensionColumns({ channelId: ids.channelIds.get(cell.channelCode)! }),
      baseValue: fen(cell.amountFen),
    });
  }
  for (const [month, amount] of collectionFigures) {
    targetCells.push({ metricId: ids.metricId("COLLECTION"), month, ...cellDimensionColumns({}), baseValue: fen(amount) });
  }
  const expenseCells = plan.expenses.map((cell) => ({
    itemId: ids.itemIds.get(cell.itemCode)!,
    month: cell.month,
    dimensionKey: "",
    amount: fen(cell.amountFen),
  }));
  return { targetCells, expenseCells };
}
