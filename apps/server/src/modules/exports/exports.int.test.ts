// Finance's budget export over HTTP on the real app (createApp, fastify.inject, session
// cookies from the login mutation) and database. Every expected figure is worked by hand from
// the lines written below (see the comments), and checked again against the database's own
// SUM over the same lines; the file is read back with ExcelJS and with a small RFC 4180 parser.
//
//   HQ ── P1 ── C1 ("城市, \"一\"": a name CSV must quote) ── K1, K2
//     └── P2 ── K3
import {
  createOrgUnit,
  createPlan,
  createPlanCycle,
  createProductSpec,
  createTerminal,
  createUser,
  ensureExpenseTree,
  ensureStandardMetrics,
  TEST_PASSWORD_COST,
  useTestDatabase,
} from "@pyramid/db/testing";
import { cellDimensionKey } from "@pyramid/domain";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp, type App } from "../../app.js";
import { budgetRows, type ExportRow } from "./budget-export.js";

const getDb = useTestDatabase();
let app: App;
const units: Record<string, { id: string; code: string; path: string }> = {};
const plans: Record<string, string> = {};
let cycleCode = "";
let activeItems = 0;
const cookies: Record<string, string> = {};
const specs: Record<string, { id: string; code: string }> = {};

type SnapshotTarget = { metricId: string; month: number; dimensionKey: string; baseValue: string; stretchValue: null };
const snapshot = (
  expenseCells: { itemId: string; month: number; dimensionKey: string; amount: string }[],
  targetCells: SnapshotTarget[] = [],
) => ({
  sections: [],
  targetCells,
  expenseCells,
  totals: { targets: [], expenses: "0.00" },
});

async function signIn(login: string): Promise<string> {
  const response = await app.fastify.inject({
    method: "POST",
    url: "/graphql",
    headers: { "content-type": "application/json" },
    payload: {
      query: "mutation($l: String!, $p: String!) { login(login: $l, password: $p) { expiresAt } }",
      variables: { l: login, p: "test1234" },
    },
  });
  const cookie = [response.headers["set-cookie"] ?? []]
    .flat()
    .find((header) => header.startsWith("pp_session="))
    ?.split(";", 1)[0];
  if (cookie === undefined) throw new Error(`${login} did not sign in: ${response.body}`);
  return cookie;
}

beforeAll(async () => {
  const { prisma, dataAccess } = getDb();
  const hq = await createOrgUnit(prisma, { level: "HQ" });
  const p1 = await createOrgUnit(prisma, { level: "PROVINCE", parent: hq });
  const p2 = await createOrgUnit(prisma, { level: "PROVINCE", parent: hq });
  const c1 = await createOrgUnit(prisma, { level: "CITY", parent: p1, nameZh: '城市, "一"' });
  const k1 = await createOrgUnit(prisma, { level: "COUNTY", parent: c1 });
  const k2 = await createOrgUnit(prisma, { level: "COUNTY", parent: c1 });
  const k3 = await createOrgUnit(prisma, { level: "COUNTY", parent: p2 });
  Object.assign(units, { hq, p1, p2, c1, k1, k2, k3 });
  const cycle = await createPlanCycle(prisma, { year: 2027 });
  cycleCode = cycle.code;
  for (const [name, unit] of Object.entries(units))
    plans[name] = (await createPlan(prisma, { cycleId: cycle.id, orgUnitId: unit.id })).id;
  const items = await ensureExpenseTree(prisma);
  activeItems = await prisma.expenseItem.count({ where: { isActive: true } });
  const salary = items.get("PERSONNEL_SALARY")!.id;
  const welfare = items.get("PERSONNEL_WELFARE")!.id;
  const display = items.get("CHANNEL_DISPLAY")!.id;
  const terminal = await createTerminal(prisma, { countyId: k1.id });
  const terminalKey = cellDimensionKey({ terminalId: terminal.id });
  const line = (plan: string, itemId: string, month: number, amount: string, terminalId?: string) =>
    prisma.expenseCell.create({
      data: {
        planId: plans[plan]!,
        itemId,
        month,
        amount,
        ...(terminalId ? { terminalId, dimensionKey: cellDimensionKey({ terminalId }) } : {}),
      },
    });
  // Live lines (LATEST). K1: salary Jan 100.10, Feb 200.20; welfare Jan 0.05; display Mar 10.00 on
  // the unit line + 5.55 on a terminal = 15.55 → K1 315.90. K2: salary Jan 1000.00. C1: salary Dec
  // 0.01. P1: nothing. K3 (the other province): salary Jan 999.99.
  await line("k1", salary, 1, "100.10");
  await line("k1", salary, 2, "200.20");
  await line("k1", welfare, 1, "0.05");
  await line("k1", display, 3, "10.00");
  await line("k1", display, 3, "5.55", terminal.id);
  await line("k2", salary, 1, "1000.00");
  await line("c1", salary, 12, "0.01");
  await line("k3", salary, 1, "999.99");
  // Target figures (LATEST). K1, sales revenue: spec S1 Jan 1000.00 and Feb 2000.50, spec S2 Jan
  // 300.25, the spec-less figure Mar 10.00 → 3310.75 (Jan 1300.25); a terminal breakdown of S1 Jan
  // (400.00) details the figure and is not added. Market share (AVERAGE) Jan 12.50: no year, no total.
  // C1: revenue S1 Dec 0.01. Grand total (revenue): 3310.76.
  const metrics = await ensureStandardMetrics(prisma);
  const revenue = metrics.get("SALES_REVENUE")!.id;
  const share = metrics.get("MARKET_SHARE")!.id;
  specs["s1"] = await createProductSpec(prisma, { code: "EXP-S1" });
  specs["s2"] = await createProductSpec(prisma, { code: "EXP-S2" });
  const target = (
    plan: string,
    metricId: string,
    month: number,
    baseValue: string,
    dims: { productSpecId?: string; terminalId?: string },
  ) =>
    prisma.targetCell.create({
      data: { planId: plans[plan]!, metricId, month, baseValue, ...dims, dimensionKey: cellDimensionKey(dims) },
    });
  await target("k1", revenue, 1, "1000.00", { productSpecId: specs["s1"].id });
  await target("k1", revenue, 2, "2000.50", { productSpecId: specs["s1"].id });
  await target("k1", revenue, 1, "300.25", { productSpecId: specs["s2"].id });
  await target("k1", revenue, 3, "10.00", {});
  await target("k1", revenue, 1, "400.00", { productSpecId: specs["s1"].id, terminalId: terminal.id });
  await target("k1", share, 1, "12.50", {});
  await target("c1", revenue, 12, "0.01", { productSpecId: specs["s1"].id });
  const s1Key = cellDimensionKey({ productSpecId: specs["s1"].id });
  // Versions (APPROVED). K1: v1 APPROVED (salary Jan 50.00: superseded), v2 SUBMITTED, v3 APPROVED
  // (salary Jan 100.10, display Mar 10.00 + 5.55 = 115.65), v4 SUBMITTED (999.00: not approved).
  // C1: v1 APPROVED (salary Dec 0.01). P1: v1 APPROVED with no lines. K2: only SUBMITTED → missing.
  const version = (
    plan: string,
    number: number,
    kind: "SUBMITTED" | "APPROVED",
    cells: Parameters<typeof snapshot>[0],
    targets: SnapshotTarget[] = [],
  ) => prisma.planVersion.create({ data: { planId: plans[plan]!, number, kind, snapshot: snapshot(cells, targets) } });
  await version("k1", 1, "APPROVED", [{ itemId: salary, month: 1, dimensionKey: "", amount: "50.00" }]);
  await version("k1", 2, "SUBMITTED", [{ itemId: salary, month: 1, dimensionKey: "", amount: "70.00" }]);
  await version(
    "k1",
    3,
    "APPROVED",
    [
      { itemId: salary, month: 1, dimensionKey: "", amount: "100.10" },
      { itemId: display, month: 3, dimensionKey: "", amount: "10.00" },
      { itemId: display, month: 3, dimensionKey: terminalKey, amount: "5.55" },
    ],
    [
      // K1's approved targets: revenue S1 Jan 900.00; its terminal breakdown 400.00 is not added.
      { metricId: revenue, month: 1, dimensionKey: s1Key, baseValue: "900.00", stretchValue: null },
      {
        metricId: revenue,
        month: 1,
        dimensionKey: cellDimensionKey({ productSpecId: specs["s1"].id, terminalId: terminal.id }),
        baseValue: "400.00",
        stretchValue: null,
      },
    ],
  );
  await version("k1", 4, "SUBMITTED", [{ itemId: salary, month: 1, dimensionKey: "", amount: "999.00" }]);
  await version("c1", 1, "APPROVED", [{ itemId: salary, month: 12, dimensionKey: "", amount: "0.01" }]);
  await version("p1", 1, "APPROVED", []);
  await version("k2", 1, "SUBMITTED", [{ itemId: salary, month: 1, dimensionKey: "", amount: "1000.00" }]);

  await createUser(prisma, { orgUnitId: p1.id, role: "FINANCE", login: "export.finance" });
  await createUser(prisma, { orgUnitId: p1.id, role: "VIEWER", login: "export.viewer" });
  await createUser(prisma, { orgUnitId: c1.id, role: "PLANNER", login: "export.planner" });
  app = createApp({
    dataAccess,
    webDistDir: "/nonexistent",
    version: "test",
    log: { error: () => undefined },
    passwordCost: TEST_PASSWORD_COST,
  });
  await app.ready();
  for (const who of ["finance", "viewer", "planner"]) cookies[who] = await signIn(`export.${who}`);
});

afterAll(async () => {
  await app?.close();
});

function exportUrl(
  format: "xlsx" | "csv",
  unit: string,
  basis: "APPROVED" | "LATEST",
  locale: "zh-CN" | "en" = "zh-CN",
  kind: "budget" | "targets" = "budget",
) {
  return `/exports/${kind}.${format}?cycle=${encodeURIComponent(cycleCode)}&unit=${encodeURIComponent(unit)}&basis=${basis}&locale=${locale}`;
}

async function get(url: string, cookie: string | null) {
  return app.fastify.inject({ method: "GET", url, headers: cookie === null ? {} : { cookie } });
}

/** RFC 4180, for the test: quoted fields with doubled quotes, CRLF records. */
function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let field = "";
  let record: string[] = [];
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i += 1;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ",") {
      record.push(field);
      field = "";
    } else if (c === "\r" && text[i + 1] === "\n") {
      record.push(field);
      records.push(record);
      record = [];
      field = "";
      i += 1;
    } else field += c;
  }
  return records;
}

/** Fen of a decimal string, "1315.91" → 131591n (the test's own parse). */
const fen = (text: string) => {
  const [whole, part = ""] = text.split(".");
  const sign = whole!.startsWith("-") ? -1n : 1n;
  return sign * (BigInt(whole!.replace("-", "")) * 100n + BigInt(part.padEnd(2, "0")));
};
const fenOfNumber = (value: number) => BigInt(Math.round(value * 100));

const YEAR_COLUMN = 17; // 5 text columns, 12 months, then the year (0-based index 17)

describe("budget export: who may", () => {
  it("answers 401 without a session", async () => {
    const response = await get(exportUrl("csv", units.p1!.code, "LATEST"), null);
    expect(response.statusCode).toBe(401);
    expect(response.json()).toEqual({ code: "UNAUTHENTICATED", reason: "SIGN_IN_REQUIRED" });
  });

  it("answers 403 to a VIEWER (the policy gives VIEWER no EXPORT_BUDGET), even on its own unit", async () => {
    const response = await get(exportUrl("xlsx", units.p1!.code, "APPROVED"), cookies["viewer"]!);
    expect(response.statusCode).toBe(403);
    expect(response.json()).toEqual({ code: "FORBIDDEN", reason: "EXPORT_NOT_ALLOWED" });
  });

  it("answers 404 for another province's units, as for an unknown code", async () => {
    for (const unit of [units.p2!.code, units.k3!.code, "NO-SUCH-UNIT"]) {
      const response = await get(exportUrl("csv", unit, "LATEST"), cookies["finance"]!);
      expect(response.statusCode).toBe(404);
      expect(response.json()).toEqual({ code: "NOT_FOUND", reason: "ORG_UNIT_NOT_FOUND" });
    }
  });

  it("answers 404 to a city planner asking for its province (above its subtree)", async () => {
    expect((await get(exportUrl("csv", units.p1!.code, "LATEST"), cookies["planner"]!)).statusCode).toBe(404);
    expect((await get(exportUrl("csv", units.c1!.code, "LATEST"), cookies["planner"]!)).statusCode).toBe(200);
  });

  it("answers 400 for a bad basis and 404 for an unknown cycle", async () => {
    const bad = await get(exportUrl("csv", units.p1!.code, "LATEST").replace("LATEST", "NEWEST"), cookies["finance"]!);
    expect(bad.statusCode).toBe(400);
    const url = `/exports/budget.csv?cycle=NOPE&unit=${units.p1!.code}`;
    expect((await get(url, cookies["finance"]!)).json()).toEqual({ code: "NOT_FOUND", reason: "PLAN_CYCLE_NOT_FOUND" });
  });
});

describe("budget export: figures", () => {
  it("CSV, LATEST: BOM, quoting, every line, totals per unit and for the whole, to the fen", async () => {
    const response = await get(exportUrl("csv", units.p1!.code, "LATEST"), cookies["finance"]!);
    expect(response.statusCode).toBe(200);
    expect(response.headers["content-type"]).toBe("text/csv; charset=utf-8");
    const bytes = response.rawPayload;
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.toString("utf8").slice(1);
    expect(text).toContain('"城市, ""一"""');
    const [header, ...rows] = parseCsv(text);
    expect(header!.slice(0, 6)).toEqual(["单位编码", "单位", "费用类别", "费用项目编码", "费用项目", "1月"]);
    expect(header![YEAR_COLUMN]).toBe("全年");
    // Four plans (P1, C1, K1, K2), each with every active item and a totals row, then the whole.
    expect(rows).toHaveLength(4 * (activeItems + 1) + 1);
    const unitTotal = (code: string) => rows.find((row) => row[0] === code && row[2] === "单位合计")!;
    expect(unitTotal(units.k1!.code)[YEAR_COLUMN]).toBe("315.90");
    expect(unitTotal(units.k1!.code).slice(5, 8)).toEqual(["100.15", "200.20", "15.55"]);
    expect(unitTotal(units.k2!.code)[YEAR_COLUMN]).toBe("1000.00");
    expect(unitTotal(units.c1!.code)[YEAR_COLUMN]).toBe("0.01");
    expect(unitTotal(units.c1!.code)[1]).toBe('城市, "一"');
    expect(unitTotal(units.p1!.code)[YEAR_COLUMN]).toBe("0.00");
    const display = rows.find((row) => row[0] === units.k1!.code && row[3] === "CHANNEL_DISPLAY")!;
    expect(display.slice(5, 8)).toEqual(["0.00", "0.00", "15.55"]);
    const grand = rows[rows.length - 1]!;
    expect(grand[0]).toBe("总计");
    expect(grand.slice(5)).toEqual(["1100.15", "200.20", "15.55", ...Array(8).fill("0.00"), "0.01", "1315.91"]);
    // The database's own sums over the same lines, per plan.
    const { prisma } = getDb();
    for (const name of ["p1", "c1", "k1", "k2"]) {
      const sum = await prisma.expenseCell.aggregate({ where: { planId: plans[name]! }, _sum: { amount: true } });
      expect(fen(unitTotal(units[name]!.code)[YEAR_COLUMN]!)).toBe(fen(sum._sum.amount?.toFixed(2) ?? "0.00"));
    }
    // Each line row's year is the sum of its months; the grand total is the sum of the unit totals.
    for (const row of rows) {
      expect(row.slice(5, 17).reduce((sum, v) => sum + fen(v), 0n)).toBe(fen(row[YEAR_COLUMN]!));
    }
    const unitTotals = rows.filter((row) => row[2] === "单位合计").reduce((sum, row) => sum + fen(row[YEAR_COLUMN]!), 0n);
    expect(unitTotals).toBe(fen(grand[YEAR_COLUMN]!));
  });

  it("XLSX, APPROVED: read back with ExcelJS, numbers in 0.00, frozen header, the description sheet names the missing plan", async () => {
    const response = await get(exportUrl("xlsx", units.p1!.code, "APPROVED", "en"), cookies["finance"]!);
    expect(response.statusCode).toBe(200);
    expect(response.headers["content-disposition"]).toContain(".xlsx");
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(response.rawPayload as unknown as ArrayBuffer);
    const [sheet, about] = workbook.worksheets;
    expect(sheet!.name).toBe("Budget");
    expect(sheet!.views[0]).toMatchObject({ state: "frozen", ySplit: 1 });
    const values = (rowNumber: number) => (sheet!.getRow(rowNumber).values as unknown[]).slice(1);
    expect(values(1).slice(0, 6)).toEqual(["Unit code", "Unit", "Category", "Item code", "Item", "Jan"]);
    // APPROVED: P1 (empty version), C1, K1 (v3); K2 has no approved version.
    expect(sheet!.rowCount).toBe(1 + 3 * (activeItems + 1) + 1);
    const rows = Array.from({ length: sheet!.rowCount - 1 }, (_, i) => values(i + 2));
    const unitTotal = (code: string) => rows.find((row) => row[0] === code && row[2] === "Unit total");
    expect(unitTotal(units.k2!.code)).toBeUndefined();
    expect(fenOfNumber(unitTotal(units.k1!.code)![YEAR_COLUMN] as number)).toBe(11565n); // 100.10 + 10.00 + 5.55
    expect(fenOfNumber(unitTotal(units.c1!.code)![YEAR_COLUMN] as number)).toBe(1n);
    const grand = rows[rows.length - 1]!;
    expect(grand[0]).toBe("Grand total");
    expect(grand.slice(5).map((v) => fenOfNumber(v as number))).toEqual([
      10010n,
      0n,
      1555n,
      ...Array<bigint>(8).fill(0n),
      1n,
      11566n,
    ]);
    const yearCell = sheet!.getRow(rows.length + 1).getCell(YEAR_COLUMN + 1);
    expect(typeof yearCell.value).toBe("number");
    expect(yearCell.numFmt).toBe("0.00");
    expect(sheet!.getRow(rows.length + 1).font?.bold).toBe(true);
    expect(about!.name).toBe("About this export");
    const described = new Map(
      Array.from({ length: about!.rowCount }, (_, i) => (about!.getRow(i + 1).values as unknown[]).slice(1) as [string, string]),
    );
    expect(described.get("Basis")).toMatch(/^APPROVED/);
    expect(described.get("Cycle")).toContain(cycleCode);
    expect(described.get("Exported by")).toContain("export.finance");
    expect(described.get("Plans without an approved version")).toContain(units.k2!.code);
  });

  it("APPROVED and LATEST differ exactly by what changed since the approval", async () => {
    const read = async (basis: "APPROVED" | "LATEST") => {
      const rows = parseCsv(
        (await get(exportUrl("csv", units.k1!.code, basis), cookies["finance"]!)).rawPayload.toString("utf8").slice(1),
      );
      return rows[rows.length - 1]!.slice(5);
    };
    const [approved, latest] = [await read("APPROVED"), await read("LATEST")];
    // Since v3: salary Feb 200.20 and welfare Jan 0.05 were added.
    expect(approved[0]).toBe("100.10");
    expect(latest[0]).toBe("100.15");
    expect(approved[1]).toBe("0.00");
    expect(latest[1]).toBe("200.20");
    expect(fen(latest[12]!) - fen(approved[12]!)).toBe(20025n);
  });

  it("writes one audit row per export: who, scope, basis, format, rows", async () => {
    const { prisma } = getDb();
    const before = await prisma.auditLog.count({ where: { action: "EXPORT_BUDGET", orgUnitId: units.c1!.id } });
    await get(exportUrl("csv", units.c1!.code, "LATEST"), cookies["finance"]!);
    const rows = await prisma.auditLog.findMany({
      where: { action: "EXPORT_BUDGET", orgUnitId: units.c1!.id },
      orderBy: { id: "asc" },
    });
    expect(rows).toHaveLength(before + 1);
    const last = rows[rows.length - 1]!;
    const finance = await prisma.user.findUniqueOrThrow({ where: { login: "export.finance" } });
    expect(last.actorId).toBe(finance.id);
    // C1, K1, K2: three plans, each with its items and totals row, plus the grand total.
    expect(last.after).toMatchObject({
      format: "csv",
      cycle: cycleCode,
      unit: units.c1!.code,
      basis: "LATEST",
      rows: 3 * (activeItems + 1) + 1,
      plans: 3,
      missingPlans: 0,
      completed: true,
    });
    expect(last.requestId).not.toBeNull();
  });
});

describe("budget export: the reads behind it", () => {
  it("pivots a plan's months in the database: unit and terminal lines summed, a month without lines 0.00", async () => {
    const { dataAccess, prisma } = getDb();
    const code = async (itemId: string) => (await prisma.expenseItem.findUniqueOrThrow({ where: { id: itemId } })).code;
    const rows = await dataAccess.repositories.exports.liveExpenseMonths([plans["k1"]!, plans["p1"]!]);
    const byCode = new Map(await Promise.all(rows.map(async (row) => [await code(row.itemId), row] as const)));
    const zeros = (n: number) => Array<string>(n).fill("0.00");
    expect(rows.every((row) => row.planId === plans["k1"])).toBe(true); // P1 has no lines: no rows
    expect([...byCode.keys()].sort()).toEqual(["CHANNEL_DISPLAY", "PERSONNEL_SALARY", "PERSONNEL_WELFARE"]);
    expect(byCode.get("PERSONNEL_SALARY")!.months).toBe(["100.10", "200.20", ...zeros(10)].join(" "));
    expect(byCode.get("PERSONNEL_WELFARE")!.months).toBe(["0.05", ...zeros(11)].join(" "));
    expect(byCode.get("CHANNEL_DISPLAY")!.months).toBe(["0.00", "0.00", "15.55", ...zeros(9)].join(" ")); // 10.00 + 5.55
  });

  it("gives the same rows with a page of one plan as with one page for all", async () => {
    const { dataAccess } = getDb();
    const repositories = dataAccess.repositories;
    const cycle = (await repositories.exports.findCycleByCode(cycleCode))!;
    const tree = await repositories.expenses.tree();
    const read = async (pageSize: number) => {
      const progress = { rows: 0, plans: 0, missing: [] };
      const rows: ExportRow[] = [];
      const input = {
        repositories,
        cycleId: cycle.id,
        rootPath: units.hq!.path,
        basis: "LATEST" as const,
        locale: "zh-CN" as const,
      };
      for await (const batch of budgetRows({ ...input, tree, progress, pageSize })) rows.push(...batch);
      return { rows, progress };
    };
    const [one, all] = [await read(1), await read(250)];
    expect(one).toEqual(all);
    expect(all.progress.plans).toBe(7);
    // 315.90 (K1) + 1000.00 (K2) + 0.01 (C1) + 999.99 (K3)
    expect(all.rows.at(-1)!.amounts[12]).toBe("2315.90");
  });
});

describe("targets export", () => {
  it("CSV, LATEST: figures only (a breakdown is not added), totals only for SUM metrics, to the fen", async () => {
    const response = await get(exportUrl("csv", units.c1!.code, "LATEST", "en", "targets"), cookies["finance"]!);
    expect(response.statusCode).toBe(200);
    const [header, ...rows] = parseCsv(response.rawPayload.toString("utf8").slice(1));
    expect(header!.slice(0, 5)).toEqual(["Unit code", "Unit", "Metric", "Spec code", "Spec"]);
    const k1 = rows.filter((row) => row[0] === units.k1!.code);
    // Revenue: spec-less, S1, S2; market share; the unit's revenue total.
    expect(k1.map((row) => [row[2], row[3]])).toEqual([
      ["Sales revenue", ""],
      ["Sales revenue", "EXP-S1"],
      ["Sales revenue", "EXP-S2"],
      ["Market share", ""],
      ["Sales revenue", "Unit total"],
    ]);
    expect(k1[1]!.slice(5, 7)).toEqual(["1000.00", "2000.50"]);
    expect(k1[1]![YEAR_COLUMN]).toBe("3000.50");
    expect(k1[3]![5]).toBe("12.50");
    expect(k1[3]![YEAR_COLUMN]).toBe("");
    expect(k1[4]!.slice(5, 8)).toEqual(["1300.25", "2000.50", "10.00"]);
    expect(k1[4]![YEAR_COLUMN]).toBe("3310.75");
    // The database's own sum of K1's revenue figures (breakdownAxis IS NULL).
    const { prisma } = getDb();
    const revenueId = (await prisma.metric.findUniqueOrThrow({ where: { code: "SALES_REVENUE" } })).id;
    const sum = await prisma.targetCell.aggregate({
      where: { planId: plans["k1"]!, metricId: revenueId, breakdownAxis: null },
      _sum: { baseValue: true },
    });
    expect(fen(k1[4]![YEAR_COLUMN]!)).toBe(fen(sum._sum.baseValue!.toFixed(2)));
    const grand = rows[rows.length - 1]!;
    expect([grand[0], grand[2], grand[YEAR_COLUMN]]).toEqual(["Grand total", "Sales revenue", "3310.76"]);
    expect(rows.filter((row) => row[0] === "Grand total")).toHaveLength(1);
  });

  it("XLSX, APPROVED: the approved figures; a plan without an approved version is named missing", async () => {
    const response = await get(exportUrl("xlsx", units.c1!.code, "APPROVED", "zh-CN", "targets"), cookies["finance"]!);
    expect(response.statusCode).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(response.rawPayload as unknown as ArrayBuffer);
    const [sheet, about] = workbook.worksheets;
    expect(sheet!.name).toBe("销售目标");
    const rows = Array.from({ length: sheet!.rowCount - 1 }, (_, i) => (sheet!.getRow(i + 2).values as unknown[]).slice(1));
    const k1Total = rows.find((row) => row[0] === units.k1!.code && row[3] === "单位合计")!;
    expect(fenOfNumber(k1Total[YEAR_COLUMN] as number)).toBe(90000n); // 900.00; the 400.00 breakdown not added
    const grand = rows[rows.length - 1]!;
    expect(grand[0]).toBe("总计");
    expect(fenOfNumber(grand[YEAR_COLUMN] as number)).toBe(90000n); // C1's approved version holds no targets (its live 0.01 is not approved)
    const described = Array.from({ length: about!.rowCount }, (_, i) => (about!.getRow(i + 1).values as unknown[]).slice(1));
    expect(described.find((row) => row[0] === "无批准版本的计划")![1]).toContain(units.k2!.code);
  });

  it("refuses as the budget export does, and logs EXPORT_TARGETS", async () => {
    expect((await get(exportUrl("csv", units.p1!.code, "LATEST", "en", "targets"), null)).statusCode).toBe(401);
    expect((await get(exportUrl("csv", units.p1!.code, "LATEST", "en", "targets"), cookies["viewer"]!)).statusCode).toBe(403);
    expect((await get(exportUrl("csv", units.p2!.code, "LATEST", "en", "targets"), cookies["finance"]!)).statusCode).toBe(404);
    const { prisma } = getDb();
    const logged = await prisma.auditLog.findFirst({ where: { action: "EXPORT_TARGETS", orgUnitId: units.c1!.id } });
    expect(logged?.after).toMatchObject({ basis: expect.stringMatching(/^(LATEST|APPROVED)$/), completed: true });
  });
});
