// Two years of monthly actuals for one county: sales (revenue, volume, gross
// profit by product spec × channel; collection by channel) and expenses (by
// item; per terminal for the channel items, per distributor for the year-end rebate).
// Pure: same input, same output.
//
// All amounts are bigint fen (0.01 元) or whole cases. The PRNG only picks
// integer factors (per-mille); every split uses largest-remainder apportionment
// (domain apportionUnits), so parts always add up exactly to their whole.
import { apportionUnits, divRound } from "@pyramid/domain";
import {
  COUNTY_EXPENSE_PLAN,
  DEMO_CHANNELS,
  DEMO_PRODUCT_SPECS,
  EXPENSE_RATIO_PERMILLE,
  GROWTH_PERMILLE,
  MONTHLY_REVENUE_PROFILE,
  TIER_REVENUE_YUAN,
  type CountyTier,
  type DemoChannelCode,
  type TerminalClassCode,
} from "./demo-company.data.js";
import { prngFor } from "./prng.js";

export interface HistoryTerminal {
  readonly code: string;
  readonly classCode: TerminalClassCode;
}

export interface HistoryDistributor {
  readonly code: string;
  /** 1 for the county's main distributor, 2 for its sub-distributors. */
  readonly level: number;
}

export interface CountyHistoryInput {
  readonly slug: string;
  readonly tier: CountyTier;
  readonly years: readonly number[];
  readonly terminals: readonly HistoryTerminal[];
  /** The county's distributors; without them, per-distributor items are booked for the county as a whole. */
  readonly distributors?: readonly HistoryDistributor[];
}

/** One spec × channel × month of one year. */
export interface SalesCell {
  readonly year: number;
  readonly month: number;
  readonly specCode: string;
  readonly channelCode: DemoChannelCode;
  readonly volumeCases: bigint;
  readonly revenueFen: bigint;
  readonly grossProfitFen: bigint;
}

/** Money received from one channel in one month (回款 is per customer, not per SKU). */
export interface CollectionCell {
  readonly year: number;
  readonly month: number;
  readonly channelCode: DemoChannelCode;
  readonly amountFen: bigint;
}

export interface ExpenseCell {
  readonly year: number;
  readonly month: number;
  readonly itemCode: string;
  /** Set for channel costs detailed per terminal. */
  readonly terminalCode: string | null;
  /** Set for the rebate booked per distributor. */
  readonly distributorCode: string | null;
  readonly amountFen: bigint;
}

export interface CountyHistory {
  readonly sales: SalesCell[];
  readonly collections: CollectionCell[];
  readonly expenses: ExpenseCell[];
}

const PER_MILLE = 1000n;
const MONTHS = 12;

function fenOfYuan(yuan: string): bigint {
  const [whole = "0", fraction = ""] = yuan.split(".");
  return BigInt(whole) * 100n + BigInt((fraction + "00").slice(0, 2));
}

const SPEC_PRICES = new Map(
  DEMO_PRODUCT_SPECS.map((spec) => [spec.code, { priceFen: fenOfYuan(spec.unitPrice), costFen: fenOfYuan(spec.unitCost) }]),
);
const CHANNEL_REALISATION = new Map(DEMO_CHANNELS.map((channel) => [channel.code, BigInt(channel.priceRealisation)]));

/** The spec × channel pairs a county sells, in a fixed order. */
export const SALES_COMBINATIONS: readonly {
  readonly specCode: string;
  readonly channelCode: DemoChannelCode;
  readonly perMille: number;
  readonly specShare: number;
}[] = DEMO_PRODUCT_SPECS.flatMap((spec) =>
  DEMO_CHANNELS.filter((channel) => spec.channels[channel.code] !== undefined).map((channel) => ({
    specCode: spec.code,
    channelCode: channel.code,
    perMille: spec.channels[channel.code] ?? 0,
    specShare: spec.revenueShare,
  })),
);

function sumOf(values: Iterable<bigint>): bigint {
  let total = 0n;
  for (const value of values) total += value;
  return total;
}

function monthlyWeights(pattern: (typeof COUNTY_EXPENSE_PLAN)[string]["pattern"], revenueByMonth: readonly bigint[]): bigint[] {
  if (pattern === "FLAT") return Array.from({ length: MONTHS }, () => 1n);
  if (pattern === "SALES") return [...revenueByMonth];
  return Array.from({ length: MONTHS }, (_, index) => (pattern.includes(index + 1) ? 1n : 0n));
}

function generateSalesYear(
  input: CountyHistoryInput,
  year: number,
  annualFen: bigint,
): { sales: SalesCell[]; revenueByMonth: bigint[] } {
  const profile = MONTHLY_REVENUE_PROFILE[year];
  if (!profile) throw new RangeError(`no monthly revenue profile for ${year}`);
  const random = prngFor(`sales:${input.slug}:${year}`);
  // Each county's months wobble a little around the company profile (±6 %).
  const monthWeights = profile.map((weight) => BigInt(weight * random.int(940, 1060)));
  const monthTargets = apportionUnits(annualFen, monthWeights);
  // The product mix differs by county (±20 % per spec) but is stable within a year.
  const mixRandom = prngFor(`mix:${input.slug}`);
  const specJitter = new Map(DEMO_PRODUCT_SPECS.map((spec) => [spec.code, mixRandom.int(800, 1200)]));

  const sales: SalesCell[] = [];
  const revenueByMonth: bigint[] = [];
  for (let monthIndex = 0; monthIndex < MONTHS; monthIndex++) {
    const cellWeights = SALES_COMBINATIONS.map(({ specCode, perMille, specShare }) =>
      BigInt(specShare * (specJitter.get(specCode) ?? 1000) * perMille * random.int(920, 1080)),
    );
    const cellTargets = apportionUnits(monthTargets[monthIndex] ?? 0n, cellWeights);
    let monthRevenue = 0n;
    SALES_COMBINATIONS.forEach(({ specCode, channelCode }, index) => {
      const prices = SPEC_PRICES.get(specCode);
      const realisation = CHANNEL_REALISATION.get(channelCode);
      if (!prices || !realisation) throw new Error(`unknown spec or channel ${specCode}/${channelCode}`);
      // Realised price per case in milli-fen keeps the division exact until the final rounding.
      const realisedMilliFen = prices.priceFen * realisation;
      const cases = divRound((cellTargets[index] ?? 0n) * PER_MILLE, realisedMilliFen, "HALF_UP");
      const volumeCases = cases < 1n ? 1n : cases;
      const revenueFen = divRound(volumeCases * realisedMilliFen, PER_MILLE, "HALF_UP");
      sales.push({
        year,
        month: monthIndex + 1,
        specCode,
        channelCode,
        volumeCases,
        revenueFen,
        grossProfitFen: revenueFen - volumeCases * prices.costFen,
      });
      monthRevenue += revenueFen;
    });
    revenueByMonth.push(monthRevenue);
  }
  return { sales, revenueByMonth };
}

function generateCollections(input: CountyHistoryInput, year: number, sales: readonly SalesCell[]): CollectionCell[] {
  const random = prngFor(`collection:${input.slug}:${year}`);
  // 60 % is collected in the month of sale, the rest (minus a little left outstanding) the month after.
  const collectedPerMille = BigInt(random.int(930, 1010));
  const sameMonth = 600n;
  const collections: CollectionCell[] = [];
  for (const channel of DEMO_CHANNELS) {
    const byMonth = Array.from({ length: MONTHS }, (_, index) =>
      sumOf(sales.filter((cell) => cell.channelCode === channel.code && cell.month === index + 1).map((cell) => cell.revenueFen)),
    );
    if (byMonth.every((amount) => amount === 0n)) continue;
    byMonth.forEach((revenue, index) => {
      // January collects December's sales; the previous December is approximated by this one.
      const previous = byMonth[(index + MONTHS - 1) % MONTHS] ?? 0n;
      const amountFen = divRound(revenue * sameMonth + previous * (collectedPerMille - sameMonth), PER_MILLE, "HALF_UP");
      collections.push({ year, month: index + 1, channelCode: channel.code, amountFen });
    });
  }
  return collections;
}

const CLASS_COST_WEIGHT: Readonly<Record<TerminalClassCode, bigint>> = { A: 3n, B: 1n, C: 0n };
const distributorWeight = (level: number): bigint => (level === 1 ? 3n : 1n);

function generateExpenses(input: CountyHistoryInput, year: number, revenueByMonth: readonly bigint[]): ExpenseCell[] {
  const random = prngFor(`expense:${input.slug}:${year}`);
  const ratioPerMille = BigInt(random.int(EXPENSE_RATIO_PERMILLE[0], EXPENSE_RATIO_PERMILLE[1]));
  const annualExpense = divRound(sumOf(revenueByMonth) * ratioPerMille, PER_MILLE, "HALF_UP");
  const itemCodes = Object.keys(COUNTY_EXPENSE_PLAN);
  const itemTotals = apportionUnits(
    annualExpense,
    itemCodes.map((code) => BigInt(COUNTY_EXPENSE_PLAN[code]?.basisPoints ?? 0)),
  );
  const expenses: ExpenseCell[] = [];
  itemCodes.forEach((itemCode, itemIndex) => {
    const plan = COUNTY_EXPENSE_PLAN[itemCode];
    if (!plan) return;
    const monthAmounts = apportionUnits(itemTotals[itemIndex] ?? 0n, monthlyWeights(plan.pattern, revenueByMonth));
    const terminals = plan.terminals
      ? input.terminals.filter((terminal) =>
          plan.terminals === "A" ? terminal.classCode === "A" : CLASS_COST_WEIGHT[terminal.classCode] > 0n,
        )
      : [];
    const distributors = plan.perDistributor ? (input.distributors ?? []) : [];
    monthAmounts.forEach((amountFen, monthIndex) => {
      if (amountFen === 0n) return;
      const month = monthIndex + 1;
      if (terminals.length > 0) {
        const perTerminal = apportionUnits(
          amountFen,
          terminals.map((terminal) => CLASS_COST_WEIGHT[terminal.classCode]),
        );
        terminals.forEach((terminal, terminalIndex) => {
          const share = perTerminal[terminalIndex] ?? 0n;
          if (share > 0n)
            expenses.push({ year, month, itemCode, terminalCode: terminal.code, distributorCode: null, amountFen: share });
        });
      } else if (distributors.length > 0) {
        const perDistributor = apportionUnits(
          amountFen,
          distributors.map((distributor) => distributorWeight(distributor.level)),
        );
        distributors.forEach((distributor, distributorIndex) => {
          const share = perDistributor[distributorIndex] ?? 0n;
          if (share > 0n)
            expenses.push({ year, month, itemCode, terminalCode: null, distributorCode: distributor.code, amountFen: share });
        });
      } else {
        expenses.push({ year, month, itemCode, terminalCode: null, distributorCode: null, amountFen });
      }
    });
  });
  return expenses;
}

/** Annual revenue of each history year, whole fen: a size drawn from the tier, then the county's growth. */
export function countyAnnualRevenueFen(input: Pick<CountyHistoryInput, "slug" | "tier" | "years">): bigint[] {
  const random = prngFor(`size:${input.slug}`);
  const [minYuan, maxYuan] = TIER_REVENUE_YUAN[input.tier];
  // Rounded to the 10,000 元 a planner would quote.
  let annualFen = BigInt(random.int(minYuan / 10_000, maxYuan / 10_000)) * 10_000n * 100n;
  const growthPerMille = BigInt(random.int(GROWTH_PERMILLE[0], GROWTH_PERMILLE[1]));
  return input.years.map((_, index) => {
    if (index > 0) annualFen = divRound(annualFen * (PER_MILLE + growthPerMille), PER_MILLE, "HALF_UP");
    return annualFen;
  });
}

export function generateCountyHistory(input: CountyHistoryInput): CountyHistory {
  const annual = countyAnnualRevenueFen(input);
  const history: CountyHistory = { sales: [], collections: [], expenses: [] };
  input.years.forEach((year, index) => {
    const { sales, revenueByMonth } = generateSalesYear(input, year, annual[index] ?? 0n);
    history.sales.push(...sales);
    history.collections.push(...generateCollections(input, year, sales));
    history.expenses.push(...generateExpenses(input, year, revenueByMonth));
  });
  return history;
}
