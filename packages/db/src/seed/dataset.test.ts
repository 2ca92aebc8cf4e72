// The demo dataset in memory: shape, determinism and plausibility, without a database.
import {
  EXPENSE_ITEMS,
  STANDARD_PLAN_TEMPLATE,
  checkInfoFields,
  checkInfoPeriod,
  isDirectParent,
  money,
  parseCellDimensionKey,
  parseInfoPayload,
  sumFixed,
} from "@pyramid/domain";
import { describe, expect, it } from "vitest";
import { buildDemoDataset } from "./dataset.js";
import {
  COUNTY_EXPENSE_PLAN,
  DEMO_ACTUALS_THROUGH,
  DEMO_HISTORY_YEARS,
  DEMO_PRODUCT_SPECS,
  DEMO_PROVINCES,
  MONTHLY_REVENUE_PROFILE,
} from "./demo-company.data.js";
import { generateCountyHistory } from "./history.js";
import { buildDemoMarketInfo, DEMO_REJECTION_REASON } from "./market-info.js";
import { describeSeed } from "./seed-demo-company.js";

const dataset = buildDemoDataset();
const metricId = (code: string) => dataset.metrics.find((metric) => metric.code === code)!.id!;

describe("the demo dataset", () => {
  it("is identical when built twice (no clock, no Math.random)", () => {
    expect(buildDemoDataset()).toEqual(dataset);
  });

  it("has the documented counts (docs/demo-company.md)", () => {
    expect(describeSeed()).toEqual({
      orgUnits: { HQ: 1, PROVINCE: 3, CITY: 8, COUNTY: 26, total: 38 },
      townships: 78,
      productLines: 3,
      productSpecs: 10,
      channels: 4,
      terminalClasses: 3,
      terminals: 182,
      coreTerminals: 52,
      distributors: 78,
      // 59 single-role logins + one manager per province (3) and city (8).
      users: 70,
      // One per single-role login, two (PLANNER, REVIEWER) per manager: 59 + 2 × 11.
      roleAssignments: 81,
      metrics: 6,
      expenseCategories: 5,
      expenseItems: 33,
      // The open FY2027 cycle and the closed FY2026 one (plan-2026.ts): each with the 28
      // template sections, 4 deadlines and a plan per unit.
      planCycles: 2,
      templateSections: 56,
      cycleDeadlines: 8,
      plans: 76,
      previousCycle: {
        plans: 38,
        // 26 counties × 12 months × 54 figures (3 metrics × 10 specs, revenue's 19
        // spec-channel lines, collection's figure and its 4 channel lines).
        targetCells: 16_848,
        expenseCells: 6_968,
        // A SUBMITTED and an APPROVED version, a SUBMIT and an APPROVE event per plan.
        planVersions: 76,
        workflowEvents: 76,
      },
      // 26 counties × months × (19 spec-channel pairs × 3 metrics + 4 collection rows = 61):
      // 12 months in 2025 (19,032); 2026 is loaded through October, 10 months (15,860).
      salesActualsByYear: { "2025": 19032, "2026": 15860 },
      // Per county and year (COUNTY_EXPENSE_PLAN, FESTIVALS = Jan, Feb, Sep, Oct):
      //   county-level lines: 18 FLAT/SALES items × 12 + welfare 3 + training 2 + recruitment 2
      //     + meetings 3 + bad debt 1 + newspaper 3 + radio 4 + temporary promoters 4 = 238;
      //   per A/B terminal: listing 1 + display 12 + consumer gifts 4 = 17; per A: promoter wages 12;
      //   the year-end rebate: 1 per distributor (December).
      //   L (2 A, 4 B, 4 distributors): 238 + 6 × 17 + 2 × 12 + 4 = 368; M (2 A, 3 B, 3): 350; S (1 A, 2 B, 2): 303.
      //   2025: 7 L + 12 M + 7 S = 7 × 368 + 12 × 350 + 7 × 303 = 8,897.
      // 2026 stops after October: November and December lose the 18 FLAT/SALES items × 2,
      //   meetings and bad debt (December), display × 2 per A/B terminal, promoter wages × 2
      //   per A terminal and every rebate row: L 368 − (38 + 12 + 4 + 4) = 310,
      //   M 350 − (38 + 10 + 4 + 3) = 295, S 303 − (38 + 6 + 2 + 2) = 255;
      //   7 × 310 + 12 × 295 + 7 × 255 = 7,495.
      expenseActualsByYear: { "2025": 8897, "2026": 7495 },
      // 市场信息档案 (market-info.ts): 3 per county, 2 per city, 2 per province: 78 + 16 + 6.
      marketInfoRecords: 100,
    });
  });

  it("has unique codes and ids in every table", () => {
    for (const rows of [dataset.orgUnits, dataset.townships, dataset.productSpecs, dataset.terminals, dataset.distributors]) {
      expect(new Set(rows.map((row) => row.code)).size).toBe(rows.length);
      expect(new Set(rows.map((row) => row.id)).size).toBe(rows.length);
    }
    expect(new Set(dataset.users.map((user) => user.login)).size).toBe(dataset.users.length);
  });

  it("links every unit to its parent by a materialised path of ids", () => {
    const byId = new Map(dataset.orgUnits.map((unit) => [unit.id, unit]));
    for (const unit of dataset.orgUnits) {
      const segments = unit.path.slice(1, -1).split("/");
      expect(segments.at(-1)).toBe(unit.id);
      expect(unit.depth).toBe(segments.length);
      if (unit.parentId) expect(isDirectParent(byId.get(unit.parentId)!.path, unit.path)).toBe(true);
      else expect(unit.level).toBe("HQ");
    }
    const levelAtDepth = { 1: "HQ", 2: "PROVINCE", 3: "CITY", 4: "COUNTY" } as const;
    for (const unit of dataset.orgUnits) expect(unit.level).toBe(levelAtDepth[unit.depth as 1 | 2 | 3 | 4]);
  });

  it("keeps terminals, townships and distributors inside their own county", () => {
    const townshipCounty = new Map(dataset.townships.map((township) => [township.id, township.countyId]));
    for (const terminal of dataset.terminals) {
      if (terminal.townshipId) expect(townshipCounty.get(terminal.townshipId)).toBe(terminal.countyId);
    }
    const distributorById = new Map(dataset.distributors.map((distributor) => [distributor.id, distributor]));
    for (const distributor of dataset.distributors) {
      if (distributor.parentId === null) {
        expect(distributor.level).toBe(1);
      } else {
        const parent = distributorById.get(distributor.parentId!)!;
        expect(distributor.level).toBe(parent.level + 1);
        expect(distributor.countyId).toBe(parent.countyId);
      }
    }
    // Every county has A and B terminals to split targets down to (至少分解至B类及以上终端).
    const counties = dataset.orgUnits.filter((unit) => unit.level === "COUNTY");
    for (const county of counties) {
      const classes = new Set(
        dataset.terminals.filter((terminal) => terminal.countyId === county.id).map((terminal) => terminal.classCode),
      );
      expect(classes).toEqual(new Set(["A", "B", "C"]));
    }
  });

  it("issues the standard template with its sections in order", () => {
    expect(dataset.templateSections.map((section) => section.code)).toEqual(
      STANDARD_PLAN_TEMPLATE.map((section) => section.code),
    );
    expect(dataset.templateSections.map((section) => section.sortOrder)).toEqual(
      STANDARD_PLAN_TEMPLATE.map((_, index) => index + 1),
    );
  });

  it("sets per-level deadlines bottom-up: county earliest, HQ latest, inside the cycle", () => {
    const due = new Map(dataset.cycleDeadlines.map((deadline) => [deadline.level, new Date(deadline.dueOn).getTime()]));
    expect(due.get("COUNTY")!).toBeLessThan(due.get("CITY")!);
    expect(due.get("CITY")!).toBeLessThan(due.get("PROVINCE")!);
    expect(due.get("PROVINCE")!).toBeLessThan(due.get("HQ")!);
    expect(due.get("HQ")!).toBeLessThanOrEqual(new Date(dataset.planCycle.closesOn).getTime());
    expect(due.get("COUNTY")!).toBeGreaterThan(new Date(dataset.planCycle.opensOn).getTime());
  });

  it("gives every county a planner, HQ every role, and only HQ the administrator", () => {
    const counties = dataset.orgUnits.filter((unit) => unit.level === "COUNTY");
    for (const county of counties) {
      expect(dataset.users.some((user) => user.orgUnitId === county.id && user.roles.includes("PLANNER"))).toBe(true);
    }
    const hq = dataset.orgUnits.find((unit) => unit.level === "HQ")!;
    expect(new Set(dataset.users.filter((user) => user.orgUnitId === hq.id).flatMap((user) => user.roles))).toEqual(
      new Set(["HQ_ADMIN", "PLANNER", "REVIEWER", "FINANCE", "VIEWER"]),
    );
    expect(dataset.users.filter((user) => user.roles.includes("HQ_ADMIN")).map((user) => user.login)).toEqual(["hq.admin"]);
  });

  it("gives every province and city one manager login that both plans and reviews there", () => {
    const regional = dataset.orgUnits.filter((unit) => unit.level === "PROVINCE" || unit.level === "CITY");
    expect(regional).toHaveLength(11);
    for (const unit of regional) {
      const managers = dataset.users.filter((user) => user.orgUnitId === unit.id && user.roles.length > 1);
      expect(managers.map((user) => [user.login, [...user.roles].sort()])).toEqual([
        [`${unit.code!.toLowerCase()}.manager`, ["PLANNER", "REVIEWER"]],
      ]);
    }
    // The role rows the database gets are exactly the users' roles, one per user × role.
    const rows = dataset.roleAssignments.map((row) => `${row.userId}:${row.role}@${row.orgUnitId}`).sort();
    const expected = dataset.users.flatMap((user) => user.roles.map((role) => `${user.id}:${role}@${user.orgUnitId}`)).sort();
    expect(rows).toEqual(expected);
    expect(new Set(rows).size).toBe(rows.length);
  });

  it("writes canonical dimension keys that match the dimension columns", () => {
    for (const row of dataset.salesActuals.slice(0, 2000)) {
      expect(parseCellDimensionKey(row.dimensionKey ?? "")).toEqual({
        ...(row.productSpecId ? { productSpecId: row.productSpecId } : {}),
        ...(row.channelId ? { channelId: row.channelId } : {}),
      });
    }
    const keys = new Set(
      dataset.salesActuals.map((row) => `${row.orgUnitId}|${row.metricId}|${row.year}|${row.month}|${row.dimensionKey}`),
    );
    expect(keys.size).toBe(dataset.salesActuals.length);
  });
});

describe("the history", () => {
  const counties = dataset.orgUnits.filter((unit) => unit.level === "COUNTY");
  const revenue = metricId("SALES_REVENUE");

  // Revenue by county and year, in fen per month, indexed once.
  const revenueIndex = new Map<string, bigint[]>();
  for (const row of dataset.salesActuals) {
    if (row.metricId !== revenue) continue;
    const key = `${row.orgUnitId}:${row.year}`;
    const months = revenueIndex.get(key) ?? Array.from({ length: 12 }, () => 0n);
    months[row.month - 1]! += money(String(row.value)).units;
    revenueIndex.set(key, months);
  }
  const monthlyRevenue = (countyId: string, year: number): bigint[] => revenueIndex.get(`${countyId}:${year}`) ?? [];

  it("peaks at the Spring Festival (January or February) and dips in summer, in every county and year", () => {
    for (const county of counties) {
      for (const year of DEMO_HISTORY_YEARS) {
        // The months loaded so far (2026: January to October).
        const months = monthlyRevenue(county.id!, year).slice(
          0,
          year === DEMO_ACTUALS_THROUGH.year ? DEMO_ACTUALS_THROUGH.month : 12,
        );
        const best = months.indexOf(months.reduce((a, b) => (a > b ? a : b))) + 1;
        const worst = months.indexOf(months.reduce((a, b) => (a < b ? a : b))) + 1;
        expect([1, 2], `${county.code} ${year} peak`).toContain(best);
        expect([6, 7, 8], `${county.code} ${year} low`).toContain(worst);
        // The festival month sells at least twice the July figure.
        expect(months[best - 1]!).toBeGreaterThan(2n * months[6]!);
      }
    }
    // The festival moves: 春节 2025 fell in January, 2026 in February.
    expect(MONTHLY_REVENUE_PROFILE[2025]![0]!).toBeGreaterThan(MONTHLY_REVENUE_PROFILE[2025]![1]!);
    expect(MONTHLY_REVENUE_PROFILE[2026]![1]!).toBeGreaterThan(MONTHLY_REVENUE_PROFILE[2026]![0]!);
  });

  it("varies county size and year-on-year growth", () => {
    const annual = counties.map((county) => monthlyRevenue(county.id!, 2025).reduce((a, b) => a + b, 0n));
    const largest = annual.reduce((a, b) => (a > b ? a : b));
    const smallest = annual.reduce((a, b) => (a < b ? a : b));
    expect(largest).toBeGreaterThan(3n * smallest);
    // Growth compares the same months: January to October, all that 2026 has so far.
    const toOctober = (months: bigint[]) => months.slice(0, 10).reduce((a, b) => a + b, 0n);
    const growth = counties.map((county) => {
      const before = toOctober(monthlyRevenue(county.id!, 2025));
      const after = toOctober(monthlyRevenue(county.id!, 2026));
      return Number((after * 1000n) / before) / 1000;
    });
    expect(Math.min(...growth)).toBeLessThan(1.03);
    expect(Math.max(...growth)).toBeGreaterThan(1.1);
  });

  it("spends 15–25 % of revenue, in the planned category shares", () => {
    const totals = new Map<string, { revenue: bigint; expense: bigint }>();
    for (const row of dataset.salesActuals) {
      if (row.metricId !== revenue) continue;
      const key = `${row.orgUnitId}:${row.year}`;
      const total = totals.get(key) ?? { revenue: 0n, expense: 0n };
      total.revenue += money(String(row.value)).units;
      totals.set(key, total);
    }
    for (const row of dataset.expenseActuals)
      totals.get(`${row.orgUnitId}:${row.year}`)!.expense += money(String(row.amount)).units;
    for (const [key, { revenue: earned, expense }] of totals) {
      const perMille = Number((expense * 1000n) / earned);
      expect(perMille, key).toBeGreaterThanOrEqual(150);
      expect(perMille, key).toBeLessThanOrEqual(250);
    }
    const basisPoints = Object.values(COUNTY_EXPENSE_PLAN).reduce((sum, item) => sum + item.basisPoints, 0);
    expect(basisPoints).toBe(10_000);
    for (const code of Object.keys(COUNTY_EXPENSE_PLAN))
      expect(
        EXPENSE_ITEMS.some((item) => item.code === code),
        code,
      ).toBe(true);
  });

  it("computes money exactly: revenue = cases × realised price, gross profit = revenue − cases × cost", () => {
    const history = generateCountyHistory({
      slug: "conghua",
      tier: "M",
      years: DEMO_HISTORY_YEARS,
      terminals: [
        { code: "T1", classCode: "A" },
        { code: "T2", classCode: "B" },
      ],
    });
    for (const cell of history.sales) {
      const spec = DEMO_PRODUCT_SPECS.find((candidate) => candidate.code === cell.specCode)!;
      const cost = money(spec.unitCost).units;
      expect(cell.volumeCases).toBeGreaterThanOrEqual(1n);
      expect(cell.grossProfitFen).toBe(cell.revenueFen - cell.volumeCases * cost);
    }
    // Per-terminal channel costs: A carries three times B's share, to the fen.
    const display = history.expenses.filter(
      (cell) => cell.itemCode === "CHANNEL_DISPLAY" && cell.year === 2025 && cell.month === 5,
    );
    const a = display.find((cell) => cell.terminalCode === "T1")!.amountFen;
    const b = display.find((cell) => cell.terminalCode === "T2")!.amountFen;
    expect(a - 3n * b).toBeGreaterThanOrEqual(-3n);
    expect(a - 3n * b).toBeLessThanOrEqual(3n);
    // The year-end rebate per distributor: the main one earns three times a sub-distributor, to the fen.
    const withDistributors = generateCountyHistory({
      slug: "conghua",
      tier: "M",
      years: DEMO_HISTORY_YEARS,
      terminals: [{ code: "T1", classCode: "A" }],
      distributors: [
        { code: "D1", level: 1 },
        { code: "D1-1", level: 2 },
      ],
    });
    const rebate = withDistributors.expenses.filter(
      (cell) => cell.itemCode === "CHANNEL_DISTRIBUTOR_REBATE" && cell.year === 2025,
    );
    expect(rebate.map((cell) => [cell.month, cell.distributorCode, cell.terminalCode])).toEqual([
      [12, "D1", null],
      [12, "D1-1", null],
    ]);
    const [main, sub] = rebate.map((cell) => cell.amountFen);
    expect(main! - 3n * sub!).toBeGreaterThanOrEqual(-3n);
    expect(main! - 3n * sub!).toBeLessThanOrEqual(3n);
    // Without distributors the rebate is one county line, of the same amount.
    const countyRebate = history.expenses.filter((cell) => cell.itemCode === "CHANNEL_DISTRIBUTOR_REBATE" && cell.year === 2025);
    expect(countyRebate.map((cell) => [cell.month, cell.distributorCode])).toEqual([[12, null]]);
    expect(main! + sub!).toBe(countyRebate[0]!.amountFen);
    // Sums stay exact when read back as decimals.
    const total = sumFixed(
      history.expenses.map((cell) => money(`${cell.amountFen / 100n}.${String(cell.amountFen % 100n).padStart(2, "0")}`)),
      2,
    );
    expect(total.units).toBe(history.expenses.reduce((sum, cell) => sum + cell.amountFen, 0n));
  });

  it("covers every month of 2025 and January to October 2026 (as of 2026-11-15) for every county", () => {
    expect(DEMO_ACTUALS_THROUGH).toEqual({ year: 2026, month: 10 });
    const monthsSeen = new Map<string, Set<number>>();
    for (const rows of [dataset.salesActuals, dataset.expenseActuals]) {
      for (const row of rows) {
        const key = `${row.orgUnitId}:${row.year}`;
        monthsSeen.set(key, (monthsSeen.get(key) ?? new Set()).add(row.month));
      }
    }
    const january = (last: number) => Array.from({ length: last }, (_, i) => i + 1);
    for (const county of counties) {
      expect(
        [...monthsSeen.get(`${county.id}:2025`)!].sort((a, b) => a - b),
        `${county.code} 2025`,
      ).toEqual(january(12));
      expect(
        [...monthsSeen.get(`${county.id}:2026`)!].sort((a, b) => a - b),
        `${county.code} 2026`,
      ).toEqual(january(10));
    }
    expect(DEMO_PROVINCES.flatMap((province) => province.cities.flatMap((city) => city.counties))).toHaveLength(counties.length);
  });
});

describe("the demo market-information archive", () => {
  const records = buildDemoMarketInfo(buildDemoDataset({ history: false }));

  it("has 100 records with unique ids: 37 verified, 5 rejected (with the reason), 58 pending", () => {
    expect(records).toHaveLength(100);
    expect(new Set(records.map((record) => record.id)).size).toBe(100);
    const status = (wanted: string) => records.filter((record) => (record.auditStatus ?? "PENDING") === wanted);
    expect([status("VERIFIED").length, status("REJECTED").length, status("PENDING").length]).toEqual([37, 5, 58]);
    expect(status("REJECTED").every((record) => record.auditReason === DEMO_REJECTION_REASON)).toBe(true);
  });

  it("passes the domain's rules: period, structured fields and the type's payload schema", () => {
    for (const record of records) {
      const period = checkInfoPeriod(record.type, {
        periodType: record.periodType,
        year: record.year,
        periodIndex: record.periodIndex ?? null,
        holidayName: record.holidayName ?? null,
      });
      expect(period.ok, record.title).toBe(true);
      const fields = checkInfoFields(record.type, {
        productSpecId: record.productSpecId ?? null,
        terminalId: record.terminalId ?? null,
        competitorName: record.competitorName ?? null,
      });
      expect(fields.ok, record.title).toBe(true);
      // The stored payload is already canonical: parsing it again changes nothing.
      expect(parseInfoPayload(record.type, record.payload), record.title).toEqual({ ok: true, value: record.payload });
    }
  });

  it("prices own sales exactly: 从化's 20 cases of 金樽·三十年 at 7,680.00 are 153,600.00", () => {
    const conghua = records.find((record) => record.title.startsWith("从化区10月"));
    expect(conghua?.payload).toEqual({ amount: "153600.00", volume: "20.00", volumeUnit: "箱" });
  });
});
