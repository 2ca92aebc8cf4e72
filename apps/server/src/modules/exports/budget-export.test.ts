// The budget export's rows over a repository double: every figure below is worked by hand,
// and the page size (1, 2, 250 plans) must not change a single row or total.
import type { ExportPlanRecord, Repositories } from "@pyramid/db";
import { describe, expect, it } from "vitest";
import { budgetRows, readMonthTexts } from "./budget-export.js";
import type { ExportProgress, ExportRow, Fen } from "./export-rows.js";

const categories = [
  { id: "cat-1", code: "BRAND", nameZh: "品牌", nameEn: "Brand", controllability: "HIGH" as const, sortOrder: 1 },
  { id: "cat-2", code: "CHANNEL", nameZh: "渠道", nameEn: "Channel", controllability: "LOW" as const, sortOrder: 2 },
];
const item = (id: string, categoryId: string, code: string, nameZh: string) => ({
  id,
  code,
  categoryId,
  nameZh,
  nameEn: code,
  perTerminal: false,
  isStandard: true,
  isActive: true,
  sortOrder: 1,
  categoryCode: categoryId,
});
const items = [
  item("i-1", "cat-1", "TV", "电视"),
  item("i-2", "cat-1", "NET", "网络"),
  item("i-3", "cat-2", "DISPLAY", "陈列费"),
];

const plan = (key: string): ExportPlanRecord => ({
  planId: `plan-${key}`,
  unitId: `u-${key}`,
  unitCode: key.toUpperCase(),
  unitNameZh: `单位${key}`,
  unitNameEn: `Unit ${key}`,
  unitPath: `/hq/${key}/`,
  level: "COUNTY",
});
const plans = [plan("a"), plan("b"), plan("c")];
const zeros = (n: number) => Array<string>(n).fill("0.00");
const months = (...first: string[]) => [...first, ...zeros(12 - first.length)].join(" ");

// A: TV 100.10 in January, DISPLAY 0.05 every month, NET nothing. B: nothing at all.
// C: NET 9999999999999999.99 (the column's largest), 0.01, -1.00; TV -0.05 in January.
const live: Record<string, { itemId: string; months: string }[]> = {
  "plan-a": [
    { itemId: "i-3", months: Array<string>(12).fill("0.05").join(" ") },
    { itemId: "i-1", months: months("100.10") },
  ],
  "plan-b": [],
  "plan-c": [
    { itemId: "i-2", months: months("9999999999999999.99", "0.01", "-1.00") },
    { itemId: "i-1", months: months("-0.05") },
  ],
};

function repositoriesDouble(snapshots: Record<string, unknown> = {}) {
  const pages: number[] = [];
  const exports = {
    async subtreePlanPage({ afterPath, limit }: { afterPath: string | null; limit: number }) {
      const page = plans.filter((p) => afterPath === null || p.unitPath > afterPath).slice(0, limit);
      pages.push(page.length);
      return page;
    },
    async liveExpenseMonths(planIds: readonly string[]) {
      return planIds.flatMap((planId) => (live[planId] ?? []).map((row) => ({ planId, ...row })));
    },
    async latestApprovedSnapshots(planIds: readonly string[]) {
      return planIds.filter((id) => id in snapshots).map((planId) => ({ planId, number: 1, snapshot: snapshots[planId] }));
    },
  };
  return { repositories: { exports } as unknown as Repositories, pages };
}

async function collect(pageSize: number, basis: "LATEST" | "APPROVED" = "LATEST", snapshots?: Record<string, unknown>) {
  const { repositories, pages } = repositoriesDouble(snapshots);
  const progress: ExportProgress = { rows: 0, plans: 0, missing: [] };
  const rows: ExportRow[] = [];
  for await (const batch of budgetRows({
    repositories,
    cycleId: "cycle",
    rootPath: "/hq/",
    basis,
    locale: "zh-CN",
    tree: { categories, items },
    progress,
    pageSize,
  })) {
    rows.push(...batch);
  }
  return { rows, progress, pages };
}

const year = (row: ExportRow) => row.amounts[12];

describe("budgetRows (LATEST) against hand-worked figures", () => {
  it("lists every item of every plan in the tree's order, then the unit's total, then the whole", async () => {
    const { rows, progress } = await collect(250);
    expect(rows.map((r) => [r.kind, r.texts[0], r.texts[3]])).toEqual([
      ["LINE", "A", "TV"],
      ["LINE", "A", "NET"],
      ["LINE", "A", "DISPLAY"],
      ["UNIT_TOTAL", "A", ""],
      ["LINE", "B", "TV"],
      ["LINE", "B", "NET"],
      ["LINE", "B", "DISPLAY"],
      ["UNIT_TOTAL", "B", ""],
      ["LINE", "C", "TV"],
      ["LINE", "C", "NET"],
      ["LINE", "C", "DISPLAY"],
      ["UNIT_TOTAL", "C", ""],
      ["GRAND_TOTAL", "总计", ""],
    ]);
    expect(progress).toEqual({ rows: 13, plans: 3, missing: [] });
    expect(rows[0]!.texts).toEqual(["A", "单位a", "品牌", "TV", "电视"]);
    expect(rows[2]!.texts).toEqual(["A", "单位a", "渠道", "DISPLAY", "陈列费"]);
    expect(rows[3]!.texts).toEqual(["A", "单位a", "单位合计", "", ""]);
  });

  it("sums exactly: months, years, unit totals and the grand total to the fen, past 2^53 fen", async () => {
    const { rows } = await collect(250);
    const [aTv, aNet, aDisplay, aTotal, , , , bTotal, cTv, cNet, , cTotal, grand] = rows;
    expect(aTv!.amounts).toEqual(["100.10", ...zeros(11), "100.10"]);
    expect(aNet!.amounts).toEqual(zeros(13));
    expect(year(aDisplay!)).toBe("0.60");
    expect(aTotal!.amounts).toEqual(["100.15", ...Array<string>(11).fill("0.05"), "100.70"]);
    expect(bTotal!.amounts).toEqual(zeros(13));
    expect(cTv!.amounts).toEqual(["-0.05", ...zeros(11), "-0.05"]);
    expect(cNet!.amounts).toEqual(["9999999999999999.99", "0.01", "-1.00", ...zeros(9), "9999999999999999.00"]);
    expect(cTotal!.amounts).toEqual(["9999999999999999.94", "0.01", "-1.00", ...zeros(9), "9999999999999998.95"]);
    // 100.15 + 9999999999999999.94; 0.05 + 0.01; 0.05 − 1.00; 0.05 × 9; the years 100.70 + 9999999999999998.95.
    expect(grand!.amounts).toEqual([
      "10000000000000100.09",
      "0.06",
      "-0.95",
      ...Array<string>(9).fill("0.05"),
      "10000000000000099.65",
    ]);
  });

  it("gives the same rows whatever the page size: a unit's lines and its total come from one page", async () => {
    const whole = await collect(250);
    for (const pageSize of [1, 2]) {
      const paged = await collect(pageSize);
      expect(paged.rows).toEqual(whole.rows);
      expect(paged.progress).toEqual(whole.progress);
    }
    expect((await collect(1)).pages).toEqual([1, 1, 1, 0]);
    expect((await collect(2)).pages).toEqual([2, 1]);
  });
});

describe("budgetRows (APPROVED)", () => {
  it("sums a snapshot's lines per item and month, whatever their text, and names the plans without one", async () => {
    const snapshots = {
      "plan-a": {
        expenseCells: [
          { itemId: "i-1", month: 1, amount: "100.1" },
          { itemId: "i-1", month: 1, amount: "0.9" },
          { itemId: "i-3", month: 12, amount: "-2" },
          { itemId: "retired-item", month: 1, amount: "5.00" },
        ],
      },
      "plan-c": { expenseCells: [] },
    };
    const { rows, progress } = await collect(2, "APPROVED", snapshots);
    expect(progress.missing).toEqual([{ unitCode: "B", unitName: "单位b" }]);
    expect(progress.plans).toBe(2);
    expect(rows[0]!.amounts).toEqual(["101.00", ...zeros(11), "101.00"]);
    expect(rows[2]!.amounts).toEqual([...zeros(11), "-2.00", "-2.00"]);
    expect(rows[3]!.amounts).toEqual(["101.00", ...zeros(10), "-2.00", "99.00"]);
    expect(rows.at(-1)!.amounts).toEqual(["101.00", ...zeros(10), "-2.00", "99.00"]);
  });
});

describe("readMonthTexts (the database's twelve sums)", () => {
  it("keeps plain texts, re-writes others, adds into the total and sums the year exactly", () => {
    const total: Fen[] = Array<Fen>(12).fill(0);
    total[0] = 4503599627370496; // 2^52 fen already in January
    const amounts = readMonthTexts("0.01 1.5 -0.50 007.00 0 0.00 0.00 0.00 0.00 0.00 0.00 12345678901234.56", total);
    expect(amounts).toEqual(["0.01", "1.50", "-0.50", "7.00", "0.00", ...zeros(6), "12345678901234.56", "12345678901242.57"]);
    expect(total[0]).toBe(4503599627370497n);
    expect(total.slice(1, 4)).toEqual([150, -50, 700]);
    expect(total[11]).toBe(1234567890123456);
  });

  it("refuses anything but twelve sums", () => {
    expect(() => readMonthTexts(zeros(11).join(" "), Array<Fen>(12).fill(0))).toThrow(/12 monthly sums/);
    expect(() => readMonthTexts(zeros(13).join(" "), Array<Fen>(12).fill(0))).toThrow(/12 monthly sums/);
    expect(() => readMonthTexts(`${zeros(11).join(" ")} 0.001`, Array<Fen>(12).fill(0))).toThrow();
  });
});
