// The targets and expense budget of one county's approved plan for the year before the demo's
// plan year (FY2026, drafted in late 2025 from 2025's actuals): what the dashboards compare
// 2026's actuals with. Pure: same input, same output.
//
// - Volume (cases) per spec × channel: the county's 2025 cases grown by its planned growth,
//   spread over the months by the company's 2026 season (春节 in February 2026), whole cases by
//   largest remainder. Revenue = cases × realised price, gross profit = revenue − cases × cost,
//   in integer fen, exactly as the actuals are made.
// - Collection per channel: 60 % of a month's planned revenue that month, 38 % the month after
//   (January collects December 2025's actual revenue).
// - Planned growth = the county's actual growth + an ambition drawn per county (−8 % … +30 %),
//   so 2026's completion rates spread on both sides of 85 % and 100 %.
// - Expense budget per item × month (county as a whole): 2025's spending on the item, grown by
//   the planned growth, spread over the months as 2025's was.
import { apportionUnits, divRound } from "@pyramid/domain";
import {
  DEMO_CHANNELS,
  DEMO_PRODUCT_SPECS,
  GROWTH_PERMILLE,
  MONTHLY_REVENUE_PROFILE,
  type DemoChannelCode,
} from "./demo-company.data.js";
import type { CollectionCell, ExpenseCell, SalesCell } from "./history.js";
import { prngFor } from "./prng.js";

export const PLAN_AMBITION_PERMILLE: readonly [min: number, max: number] = [-80, 300];

const PER_MILLE = 1000n;
const MONTHS = 12;

export interface PlannedSalesCell {
  readonly month: number;
  readonly specCode: string;
  readonly channelCode: DemoChannelCode;
  readonly volumeCases: bigint;
  readonly revenueFen: bigint;
  readonly grossProfitFen: bigint;
}

export interface PlannedCollectionCell {
  readonly month: number;
  readonly channelCode: DemoChannelCode;
  readonly amountFen: bigint;
}

export interface PlannedExpenseCell {
  readonly month: number;
  readonly itemCode: string;
  readonly amountFen: bigint;
}

export interface CountyPlan {
  readonly growthPerMille: number;
  readonly sales: PlannedSalesCell[];
  readonly collections: PlannedCollectionCell[];
  readonly expenses: PlannedExpenseCell[];
}

function fenOfYuan(yuan: string): bigint {
  const [whole = "0", fraction = ""] = yuan.split(".");
  return BigInt(whole) * 100n + BigInt((fraction + "00").slice(0, 2));
}

/** The county's actual growth per mille (as history.ts draws it) plus its planning ambition. */
export function plannedGrowthPerMille(slug: string): number {
  const size = prngFor(`size:${slug}`);
  size.int(0, 1); // the size draw (its bounds do not change the stream)
  const actual = size.int(GROWTH_PERMILLE[0], GROWTH_PERMILLE[1]);
  return actual + prngFor(`plan:${slug}`).int(PLAN_AMBITION_PERMILLE[0], PLAN_AMBITION_PERMILLE[1]);
}

/**
 * One county's plan for `year` from its actuals of `year − 1` (whole year).
 */
export function generateCountyPlan(input: {
  readonly slug: string;
  readonly year: number;
  readonly lastYearSales: readonly SalesCell[];
  readonly lastYearCollections: readonly CollectionCell[];
  readonly lastYearExpenses: readonly ExpenseCell[];
}): CountyPlan {
  const profile = MONTHLY_REVENUE_PROFILE[input.year];
  if (!profile) throw new RangeError(`no monthly revenue profile for ${input.year}`);
  const growthPerMille = plannedGrowthPerMille(input.slug);
  const grow = (value: bigint) => divRound(value * (PER_MILLE + BigInt(growthPerMille)), PER_MILLE, "HALF_UP");
  const season = profile.map((weight) => BigInt(weight));

  const sales: PlannedSalesCell[] = [];
  for (const spec of DEMO_PRODUCT_SPECS) {
    const priceFen = fenOfYuan(spec.unitPrice);
    const costFen = fenOfYuan(spec.unitCost);
    for (const channel of DEMO_CHANNELS) {
      if (spec.channels[channel.code] === undefined) continue;
      let lastYearCases = 0n;
      for (const cell of input.lastYearSales)
        if (cell.specCode === spec.code && cell.channelCode === channel.code) lastYearCases += cell.volumeCases;
      const byMonth = apportionUnits(grow(lastYearCases), season);
      const realisedMilliFen = priceFen * BigInt(channel.priceRealisation);
      byMonth.forEach((volumeCases, index) => {
        const revenueFen = divRound(volumeCases * realisedMilliFen, PER_MILLE, "HALF_UP");
        sales.push({
          month: index + 1,
          specCode: spec.code,
          channelCode: channel.code,
          volumeCases,
          revenueFen,
          grossProfitFen: revenueFen - volumeCases * costFen,
        });
      });
    }
  }

  const collections: PlannedCollectionCell[] = [];
  for (const channel of DEMO_CHANNELS) {
    const revenue = Array.from({ length: MONTHS }, () => 0n);
    for (const cell of sales) if (cell.channelCode === channel.code) revenue[cell.month - 1]! += cell.revenueFen;
    if (revenue.every((amount) => amount === 0n)) continue;
    let lastDecember = 0n;
    for (const cell of input.lastYearSales)
      if (cell.channelCode === channel.code && cell.month === MONTHS) lastDecember += cell.revenueFen;
    revenue.forEach((amount, index) => {
      const previous = index === 0 ? lastDecember : revenue[index - 1]!;
      collections.push({
        month: index + 1,
        channelCode: channel.code,
        amountFen: divRound(amount * 600n + previous * 380n, PER_MILLE, "HALF_UP"),
      });
    });
  }

  const byItem = new Map<string, bigint[]>();
  for (const cell of input.lastYearExpenses) {
    let months = byItem.get(cell.itemCode);
    if (!months) byItem.set(cell.itemCode, (months = Array.from({ length: MONTHS }, () => 0n)));
    months[cell.month - 1]! += cell.amountFen;
  }
  const expenses: PlannedExpenseCell[] = [];
  for (const [itemCode, months] of byItem) {
    const total = months.reduce((sum, amount) => sum + amount, 0n);
    apportionUnits(grow(total), months).forEach((amountFen, index) => {
      if (amountFen !== 0n) expenses.push({ month: index + 1, itemCode, amountFen });
    });
  }
  return { growthPerMille, sales, collections, expenses };
}
