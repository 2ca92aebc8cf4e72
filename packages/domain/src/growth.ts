// Growth against history: every target sits next to the two prior years'
// actuals (Y-1, Y-2) with its growth, and the "跳一跳, 摸得着" band flags
// targets below last year's actual or above a reachable stretch.
import { Dec, Fixed, RATIO_DECIMALS } from "./fixed.js";

function sameScale(a: Fixed, b: Fixed): void {
  if (a.scale !== b.scale) throw new RangeError(`cannot compare scale ${a.scale} with scale ${b.scale}`);
}

/**
 * (current − base) / |base| at `decimals` places (RATIO_DECIMALS by default),
 * HALF_EVEN: 0.15 = +15 %.
 * Dividing by |base| keeps the sign meaningful when the base is a loss
 * (−100 → −50 is +0.5, an improvement). Null when there is no base or it is zero.
 */
export function growthRate(current: Fixed, base: Fixed | null | undefined, decimals: number = RATIO_DECIMALS): Dec | null {
  if (base == null || base.isZero()) return null;
  sameScale(current, base);
  return current.minus(base).ratioTo(base.abs(), decimals);
}

/**
 * Compound annual growth over two years: √(current / base) − 1 at
 * RATIO_DECIMALS (Decimal square root at 50 digits, then HALF_EVEN). Null
 * when the base is missing or not positive, or the current value is negative.
 */
export function twoYearCagr(current: Fixed, yearBefore: Fixed | null | undefined): Dec | null {
  if (yearBefore == null || !yearBefore.isPositive() || current.isNegative()) return null;
  sameScale(current, yearBefore);
  const ratio = new Dec(current.units.toString()).div(yearBefore.units.toString());
  return ratio.sqrt().minus(1).toDecimalPlaces(RATIO_DECIMALS, Dec.ROUND_HALF_EVEN);
}

export interface HistoryGrowth {
  /** vs Y-1 (同比). */
  vsLastYear: Dec | null;
  /** vs Y-2, over two years in total. */
  vsYearBefore: Dec | null;
  /** The yearly rate that compounds Y-2 into the current value. */
  twoYearCagr: Dec | null;
  /** Y-1 vs Y-2: the trend the target continues or breaks. */
  lastYearTrend: Dec | null;
}

export function growthVsHistory(
  current: Fixed,
  lastYear: Fixed | null | undefined,
  yearBefore: Fixed | null | undefined,
): HistoryGrowth {
  return {
    vsLastYear: growthRate(current, lastYear),
    vsYearBefore: growthRate(current, yearBefore),
    twoYearCagr: twoYearCagr(current, yearBefore),
    lastYearTrend: lastYear == null ? null : growthRate(lastYear, yearBefore),
  };
}

/** Month-by-month growth against the same month last year (同月同比). */
export function sameMonthLastYear(
  current: readonly (Fixed | null | undefined)[],
  lastYear: readonly (Fixed | null | undefined)[],
): (Dec | null)[] {
  if (current.length !== 12 || lastYear.length !== 12) throw new RangeError("expected 12 months on both sides");
  return current.map((value, m) => (value == null ? null : growthRate(value, lastYear[m])));
}

/** A plan cycle's growth band, e.g. { minGrowth: "0", maxGrowth: "0.30" }. */
export interface GrowthBandLimits {
  /** Lowest acceptable growth over last year's actual; 0 = not below last year. */
  minGrowth: Dec | string;
  /** Highest growth still "within reach" (摸得着). */
  maxGrowth: Dec | string;
}

export type BandStatus = "BELOW_LAST_YEAR" | "ABOVE_BAND" | "WITHIN" | "NO_HISTORY";

export interface BandCheck {
  status: BandStatus;
  /** Growth over last year's actual, or null without usable history. */
  growth: Dec | null;
  /** last year × (1 + minGrowth) and × (1 + maxGrowth), exact; null without history. */
  lowest: Dec | null;
  highest: Dec | null;
}

/**
 * Classifies a target against last year's actual. The bounds are inclusive
 * and compared exactly (no rounded growth rate decides a borderline case).
 * Without a positive last-year actual there is nothing to measure against:
 * NO_HISTORY (a new county, or a loss last year).
 */
export function checkGrowthBand(target: Fixed, lastYearActual: Fixed | null | undefined, band: GrowthBandLimits): BandCheck {
  const minGrowth = new Dec(band.minGrowth);
  const maxGrowth = new Dec(band.maxGrowth);
  if (minGrowth.greaterThan(maxGrowth)) throw new RangeError(`growth band minimum ${minGrowth} is above maximum ${maxGrowth}`);
  if (lastYearActual == null || !lastYearActual.isPositive()) {
    return { status: "NO_HISTORY", growth: null, lowest: null, highest: null };
  }
  sameScale(target, lastYearActual);
  const base = lastYearActual.toDecimal();
  const lowest = base.times(minGrowth.plus(1));
  const highest = base.times(maxGrowth.plus(1));
  const value = target.toDecimal();
  const status: BandStatus = value.lessThan(lowest) ? "BELOW_LAST_YEAR" : value.greaterThan(highest) ? "ABOVE_BAND" : "WITHIN";
  return { status, growth: growthRate(target, lastYearActual), lowest, highest };
}
