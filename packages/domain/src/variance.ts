// Plan vs actual during the year: completion rate 完成率 = actual / target,
// variance, year-to-date pacing against the target's own monthly curve,
// collection carry-over, ranking of units and the seed's benchmark
// (every department ≥ 85 %, 20 % of them above 100 %).
import { Dec, Fixed, RATIO_DECIMALS, divRound } from "./fixed.js";
import type { MetricDefinition } from "./metrics.js";

/** actual / target at RATIO_DECIMALS (1.05 = 105 %); null when the target is zero. */
export function completionRate(actual: Fixed, target: Fixed): Dec | null {
  if (actual.scale !== target.scale) throw new RangeError(`actual at scale ${actual.scale}, target at ${target.scale}`);
  return actual.ratioTo(target, RATIO_DECIMALS);
}

/** actual − target: positive when ahead of plan. */
export function targetVariance(actual: Fixed, target: Fixed): Fixed {
  return actual.minus(target);
}

function sumMonths(values: readonly (Fixed | null | undefined)[], through: number, scale: number): Fixed {
  let total = 0n;
  for (let m = 0; m < through; m++) {
    const v = values[m];
    if (v == null) continue;
    if (v.scale !== scale) throw new RangeError(`month ${m + 1} at scale ${v.scale}, expected ${scale}`);
    total += v.units;
  }
  return Fixed.fromUnits(total, scale);
}

export interface YtdPacing {
  throughMonth: number;
  yearTarget: Fixed;
  /** Sum of the target's months 1..throughMonth: the plan's own seasonality. */
  expectedToDate: Fixed;
  actualToDate: Fixed;
  varianceToDate: Fixed;
  /** actual to date / expected to date; 1 = on pace. Null when nothing was expected yet. */
  paceIndex: Dec | null;
  /** actual to date / year target. */
  completionOfYear: Dec | null;
  /** year target × months / 12 (HALF_EVEN): the naive straight line, shown for contrast only. */
  straightLineToDate: Fixed;
}

/**
 * Year-to-date pacing. The expectation is the sum of the target months so
 * far, not a straight line: a baijiu county planned 30 % into Q1 is not
 * "ahead" for having done 25 % of the year by March. Missing actual months
 * count as zero.
 */
export function ytdPacing(
  targetMonthly: readonly (Fixed | null | undefined)[],
  actualMonthly: readonly (Fixed | null | undefined)[],
  throughMonth: number,
  scale: number,
): YtdPacing {
  if (targetMonthly.length !== 12 || actualMonthly.length !== 12) throw new RangeError("expected 12 months of target and actual");
  if (!Number.isInteger(throughMonth) || throughMonth < 1 || throughMonth > 12) {
    throw new RangeError(`not a month (1..12): ${throughMonth}`);
  }
  const yearTarget = sumMonths(targetMonthly, 12, scale);
  const expectedToDate = sumMonths(targetMonthly, throughMonth, scale);
  const actualToDate = sumMonths(actualMonthly, throughMonth, scale);
  return {
    throughMonth,
    yearTarget,
    expectedToDate,
    actualToDate,
    varianceToDate: actualToDate.minus(expectedToDate),
    paceIndex: actualToDate.ratioTo(expectedToDate),
    completionOfYear: actualToDate.ratioTo(yearTarget),
    straightLineToDate: Fixed.fromUnits(divRound(yearTarget.units * BigInt(throughMonth), 12n, "HALF_EVEN"), scale),
  };
}

export interface CarryOverMonth {
  month: number;
  planned: Fixed | null;
  /** planned + the shortfall carried in from the previous month. */
  effectiveTarget: Fixed | null;
  actual: Fixed | null;
  /** effective target − actual when positive, carried into the next month. */
  shortfall: Fixed;
}

/**
 * Applies the metric's carry-over policy month by month. For
 * SHORTFALL_TO_NEXT_MONTH (回款): a month's unmet part is added to next
 * month's target; surpluses do not carry. Months without an actual yet end
 * the carrying (there is nothing to measure). Other metrics: targets as planned.
 */
export function applyCarryOver(
  targetMonthly: readonly (Fixed | null | undefined)[],
  actualMonthly: readonly (Fixed | null | undefined)[],
  metric: Pick<MetricDefinition, "carryOver" | "scale">,
): CarryOverMonth[] {
  const zero = Fixed.zero(metric.scale);
  let carried = zero;
  return targetMonthly.map((planned, m) => {
    const actual = actualMonthly[m] ?? null;
    const plannedValue = planned ?? null;
    const carries = metric.carryOver === "SHORTFALL_TO_NEXT_MONTH";
    const effectiveTarget =
      carries && (plannedValue !== null || !carried.isZero()) ? (plannedValue ?? zero).plus(carried) : plannedValue;
    let shortfall = zero;
    if (carries && effectiveTarget !== null && actual !== null) {
      const gap = effectiveTarget.minus(actual);
      shortfall = gap.isPositive() ? gap : zero;
    }
    carried = actual === null ? zero : shortfall;
    return { month: m + 1, planned: plannedValue, effectiveTarget, actual, shortfall };
  });
}

export interface UnitResult {
  id: string;
  actual: Fixed;
  target: Fixed;
}

export interface RankedUnit extends UnitResult {
  rate: Dec | null;
  /** 1-based competition rank (1, 2, 2, 4); null for units without a target. */
  rank: number | null;
}

/** Sign-normalised fraction for exact comparison of actual/target across units. */
function fraction(unit: UnitResult): { n: bigint; d: bigint } {
  if (unit.actual.scale !== unit.target.scale) throw new RangeError(`unit ${unit.id}: actual and target scales differ`);
  const d = unit.target.units;
  return d < 0n ? { n: -unit.actual.units, d: -d } : { n: unit.actual.units, d };
}

/**
 * Ranks units by completion rate, highest first. Rates are compared exactly
 * (not as rounded decimals); equal rates share a rank and keep their input
 * order. Units with a zero target come last, unranked.
 */
export function rankByCompletion(units: readonly UnitResult[]): RankedUnit[] {
  const entries = units.map((unit, index) => ({ unit, index, f: fraction(unit) }));
  const withTarget = entries.filter((e) => e.f.d !== 0n);
  const without = entries.filter((e) => e.f.d === 0n);
  const cmp = (a: (typeof entries)[number], b: (typeof entries)[number]): number => {
    const left = a.f.n * b.f.d;
    const right = b.f.n * a.f.d;
    return left > right ? -1 : left < right ? 1 : 0;
  };
  withTarget.sort((a, b) => cmp(a, b) || a.index - b.index);
  const ranked: RankedUnit[] = [];
  withTarget.forEach((e, i) => {
    const previous = withTarget[i - 1];
    const rank = previous !== undefined && cmp(previous, e) === 0 ? ranked[i - 1]!.rank : i + 1;
    ranked.push({ ...e.unit, rate: completionRate(e.unit.actual, e.unit.target), rank });
  });
  for (const e of without) ranked.push({ ...e.unit, rate: null, rank: null });
  return ranked;
}

export interface BenchmarkOptions {
  /** Completion floor every unit should reach, in percent. Seed: 85. */
  floorPercent?: bigint;
  /** Share of units expected to exceed 100 %. Seed: 0.20. */
  exceedShare?: Dec | string;
}

export interface BenchmarkSummary {
  units: number;
  /** Units with a non-zero target (the others cannot be judged). */
  judged: number;
  atOrAboveFloor: number;
  atOrAbove100: number;
  /** Counts / judged at RATIO_DECIMALS; null when no unit can be judged. */
  shareAtOrAboveFloor: Dec | null;
  shareAtOrAbove100: Dec | null;
  /** Every judged unit at or above the floor AND enough units at or above 100 %. */
  meetsBenchmark: boolean;
}

function rateAtLeast(unit: UnitResult, percent: bigint): boolean {
  const { n, d } = fraction(unit);
  return n * 100n >= percent * d;
}

/** The seed's benchmark on one metric: every department ≥ 85 %, 20 % above 100 %. */
export function benchmarkSummary(units: readonly UnitResult[], options: BenchmarkOptions = {}): BenchmarkSummary {
  const floor = options.floorPercent ?? 85n;
  const exceedShare = new Dec(options.exceedShare ?? "0.20");
  const judged = units.filter((u) => !u.target.isZero());
  const atOrAboveFloor = judged.filter((u) => rateAtLeast(u, floor)).length;
  const atOrAbove100 = judged.filter((u) => rateAtLeast(u, 100n)).length;
  const share = (count: number) =>
    judged.length === 0 ? null : new Dec(count).div(judged.length).toDecimalPlaces(RATIO_DECIMALS, Dec.ROUND_HALF_EVEN);
  return {
    units: units.length,
    judged: judged.length,
    atOrAboveFloor,
    atOrAbove100,
    shareAtOrAboveFloor: share(atOrAboveFloor),
    shareAtOrAbove100: share(atOrAbove100),
    meetsBenchmark:
      judged.length > 0 &&
      atOrAboveFloor === judged.length &&
      new Dec(atOrAbove100).greaterThanOrEqualTo(exceedShare.times(judged.length)),
  };
}

/**
 * The seed's "超额完成各项营销目标": a unit exceeds all its targets when it has at least one
 * metric with a non-zero target and reaches 100 % on every such metric.
 */
export function exceedsAllTargets(results: readonly UnitResult[]): boolean {
  const judged = results.filter((result) => !result.target.isZero());
  return judged.length > 0 && judged.every((result) => rateAtLeast(result, 100n));
}

/** Share of units (each given by its per-metric results) that exceed all their targets, at RATIO_DECIMALS. */
export function shareExceedingAllTargets(units: readonly (readonly UnitResult[])[]): {
  count: number;
  judged: number;
  share: Dec | null;
} {
  const judged = units.filter((results) => results.some((result) => !result.target.isZero()));
  const count = judged.filter(exceedsAllTargets).length;
  return {
    count,
    judged: judged.length,
    share: judged.length === 0 ? null : new Dec(count).div(judged.length).toDecimalPlaces(RATIO_DECIMALS, Dec.ROUND_HALF_EVEN),
  };
}
