// Splitting (分解): a parent figure is divided over keyed cells (counties,
// months, specs) so that the parts add up EXACTLY to the whole.
//
// Every method reduces to non-negative integer weights, one per cell; the
// amount is then apportioned by the largest-remainder method at the unit of
// the metric (0.01 元, 1 case): each cell gets the floor of its exact share,
// and the units left over go one each to the cells with the largest
// fractional remainder (ties: larger weight first, then the smaller KEY, by
// plain string order of UTF-16 code units, never locale collation). A
// cell's value therefore depends on its key and its data, never on where it
// stands in the list: a grid re-sorted on screen or read back from the
// database in another order gets the same values. A negative amount is split
// as the mirror image of the positive one, so split(−x) = −split(x).
//
// Options, applied in this order:
//   held (锁定) cells keep their value, which is taken off the amount first;
//   held cells that exceed the total (the free cells would take the opposite
//   sign) are refused unless the metric allows it (allowOppositeSignParts);
//   min / max per cell: a cell whose share falls outside its bounds is fixed
//   at the bound and the rest is re-split among the others, repeatedly;
//   all-zero weights fall back to an even split, with a warning.
//
// The hot path (`apportionUnits`, `splitUnits`) works on bigint arrays; the
// API (`splitValue`) wraps it with Fixed values and a per-cell explanation
// whose decimal parts (share, exact share) are computed only when read, so
// explaining 680,000 cells costs little more than splitting them.
// Two-way tables (rows × columns, both margins exact) are in split-grid.ts.
import { Dec, Fixed, RATIO_DECIMALS, parseAmount, pow10, ratioOfUnits } from "./fixed.js";

// ================================================================ limits

/**
 * The most cells one split may have (documented limit): far above a national
 * plan (2,844 counties × 20 specs × 12 months = 682,560) and far below what
 * would exhaust memory. More is refused with TOO_MANY_CELLS.
 */
export const MAX_SPLIT_CELLS = 5_000_000;

export type ApportionErrorCode = "NO_CELLS" | "TOO_MANY_CELLS" | "NEGATIVE_WEIGHT" | "ZERO_WEIGHT_SUM";

/**
 * Thrown by the bigint hot path (apportionUnits, apportionGridUnits) for
 * weights nothing can be split by. Business input goes through splitValue /
 * splitGrid, which return these as results instead of throwing.
 */
export class ApportionError extends RangeError {
  constructor(
    readonly code: ApportionErrorCode,
    /** The cell (or row) at fault, when there is one. */
    readonly cell: number | null,
    message: string,
  ) {
    super(message);
    this.name = "ApportionError";
  }
}

function checkWeights(total: bigint, weights: readonly bigint[], what = "cell"): bigint {
  const n = weights.length;
  if (n === 0) throw new ApportionError("NO_CELLS", null, `cannot split ${total} units over no ${what}s`);
  if (n > MAX_SPLIT_CELLS) {
    throw new ApportionError("TOO_MANY_CELLS", null, `${n} ${what}s is more than the limit of ${MAX_SPLIT_CELLS}`);
  }
  let weightSum = 0n;
  for (let i = 0; i < n; i++) {
    const w = weights[i]!;
    if (w < 0n) throw new ApportionError("NEGATIVE_WEIGHT", i, `${what} ${i} has a negative weight (${w})`);
    weightSum += w;
  }
  if (weightSum === 0n) {
    throw new ApportionError("ZERO_WEIGHT_SUM", null, `every ${what}'s weight is zero: nothing to split ${total} units by`);
  }
  return weightSum;
}

// ============================================================== hot path

/** What the leftover units are ranked by; `approx` is Number(remainder), a monotone shortcut. */
interface Ranking {
  approx: Float64Array;
  remainders: bigint[];
  weights: readonly bigint[];
  /** Tie-break by key (API) or, when null, by position (hot path). */
  keys: readonly string[] | null;
}

/**
 * Ranks cell a before cell b for a leftover unit: larger remainder, then
 * larger weight, then smaller key (or lower index). A total order when keys
 * are unique, so the result never depends on the selection algorithm or on
 * the order of the input. Number(bigint) rounds monotonically, so differing
 * approximations order the exact remainders correctly; equal ones fall
 * through to the exact comparison.
 */
function ranksBefore(a: number, b: number, rk: Ranking): boolean {
  const fa = rk.approx[a]!;
  const fb = rk.approx[b]!;
  if (fa !== fb) return fa > fb;
  const ra = rk.remainders[a]!;
  const rb = rk.remainders[b]!;
  if (ra !== rb) return ra > rb;
  const wa = rk.weights[a]!;
  const wb = rk.weights[b]!;
  if (wa !== wb) return wa > wb;
  if (rk.keys !== null) return rk.keys[a]! < rk.keys[b]!;
  return a < b;
}

/**
 * Puts the k best-ranked cells in order[0..k) in linear expected time
 * (Wirth's selection), so a split over 680,000 cells does not pay for a sort.
 */
function selectTop(order: Int32Array, k: number, rk: Ranking): void {
  let lo = 0;
  let hi = order.length - 1;
  const target = k - 1;
  while (lo < hi) {
    const pivot = order[target]!;
    let i = lo;
    let j = hi;
    do {
      while (ranksBefore(order[i]!, pivot, rk)) i++;
      while (ranksBefore(pivot, order[j]!, rk)) j--;
      if (i <= j) {
        const t = order[i]!;
        order[i] = order[j]!;
        order[j] = t;
        i++;
        j--;
      }
    } while (i <= j);
    if (j < target) lo = i;
    if (target < i) hi = j;
  }
}

/** Largest remainder on checked weights (weightSum > 0); `keys` null ranks ties by position. */
function apportionChecked(
  total: bigint,
  weights: readonly bigint[],
  weightSum: bigint,
  keys: readonly string[] | null,
  out: bigint[],
  offset: number,
): void {
  const n = weights.length;
  const negative = total < 0n;
  const amount = negative ? -total : total;
  const remainders = new Array<bigint>(n);
  const approx = new Float64Array(n);
  let assigned = 0n;
  for (let i = 0; i < n; i++) {
    const numerator = amount * weights[i]!;
    const floor = numerator / weightSum;
    const remainder = numerator % weightSum;
    out[offset + i] = floor;
    remainders[i] = remainder;
    approx[i] = Number(remainder);
    assigned += floor;
  }
  const leftover = Number(amount - assigned); // < n, so a safe small integer
  if (leftover > 0) {
    const order = new Int32Array(n);
    for (let i = 0; i < n; i++) order[i] = i;
    const rk: Ranking = { approx, remainders, weights, keys };
    if (leftover < n) selectTop(order, leftover, rk);
    for (let k = 0; k < leftover; k++) out[offset + order[k]!]! += 1n;
  }
  if (negative) for (let i = 0; i < n; i++) out[offset + i] = -out[offset + i]!;
}

/**
 * Largest-remainder apportionment of `total` units by non-negative integer
 * weights. Writes the parts into `out` from `offset` and returns `out`. The
 * parts sum exactly to `total`, and each part is its exact share rounded down
 * or up by less than one unit. Ties go to the larger weight, then the lower
 * index: pass cells in key order (or use splitValue, which ranks by key).
 * Throws ApportionError for no cells, more than MAX_SPLIT_CELLS, a negative
 * weight or all-zero weights.
 */
export function apportionUnits(
  total: bigint,
  weights: readonly bigint[],
  out: bigint[] = new Array<bigint>(weights.length),
  offset = 0,
): bigint[] {
  const weightSum = checkWeights(total, weights);
  apportionChecked(total, weights, weightSum, null, out, offset);
  return out;
}

/** What happened to a cell in `splitUnits`. */
export type CellStatus = "FREE" | "HELD" | "MIN" | "MAX";

export interface UnitSplitProblem {
  total: bigint;
  /** Non-negative integer weights, one per cell. */
  weights: readonly bigint[];
  held?: readonly (bigint | null | undefined)[];
  min?: readonly (bigint | null | undefined)[];
  max?: readonly (bigint | null | undefined)[];
  /** Unique keys ranking ties; without them ties go to the lower index. */
  keys?: readonly string[];
  /** Let free cells take the sign opposite to the total when held cells exceed it. */
  allowOppositeSignParts?: boolean;
}

export type UnitSplitError =
  | { code: "NO_FREE_CELLS"; remaining: bigint }
  | { code: "MIN_ABOVE_MAX"; cell: number }
  | { code: "HELD_EXCEED_TOTAL"; heldTotal: bigint }
  | { code: "INFEASIBLE_BOUNDS"; remaining: bigint; minTotal: bigint | null; maxTotal: bigint | null };

/**
 * The exact (unrounded) answer of a split: fixed cells at their value, free
 * cells at freeAmount × effectiveWeight / freeWeightSum.
 */
export interface ExactSplit {
  /** Held and clamped cells at their value; 0 for free cells (their shares are not whole units yet). */
  parts: bigint[];
  status: CellStatus[];
  /** Weights of the final free cells (after an even fallback: 1 each); 0 for the others. */
  effectiveWeights: bigint[];
  /** The amount apportioned among the final free cells and the sum of their weights. */
  freeAmount: bigint;
  freeWeightSum: bigint;
  /** Indices of the final free cells, ascending. */
  free: number[];
  fellBackToEven: boolean;
  heldTotal: bigint;
  /** Held cells exceed the total (only reachable with allowOppositeSignParts). */
  heldExceedTotal: boolean;
}

export type UnitSplit = ({ ok: true } & Omit<ExactSplit, "free">) | { ok: false; error: UnitSplitError };

/**
 * Held cells, then min/max bounds, without rounding. Bounds are solved
 * exactly: the answer is clamp(λ·weight, min, max) per cell with λ chosen so
 * the cells sum to the amount; each round fixes the side (below min or above
 * max) with the larger total violation, which is provably on its bound in the
 * final answer. Rounding afterwards never crosses a bound (bounds are whole
 * units), so the grid's controlled rounding starts from here too.
 */
export function solveSplit(problem: UnitSplitProblem): { ok: true; exact: ExactSplit } | { ok: false; error: UnitSplitError } {
  const { total, weights } = problem;
  const n = weights.length;
  const held = problem.held ?? [];
  const min = problem.min ?? [];
  const max = problem.max ?? [];
  const parts = new Array<bigint>(n).fill(0n);
  const status = new Array<CellStatus>(n).fill("FREE");
  let heldTotal = 0n;
  let anyHeld = false;
  for (let i = 0; i < held.length; i++) {
    const h = held[i];
    if (h != null) {
      parts[i] = h;
      status[i] = "HELD";
      heldTotal += h;
      anyHeld = true;
    }
  }
  const remaining = total - heldTotal;
  const heldExceedTotal = heldTotal !== 0n && (total >= 0n ? heldTotal > total : heldTotal < total);
  if (heldExceedTotal && !problem.allowOppositeSignParts) return { ok: false, error: { code: "HELD_EXCEED_TOTAL", heldTotal } };
  let free: number[];
  if (anyHeld) {
    free = [];
    for (let i = 0; i < n; i++) if (status[i] === "FREE") free.push(i);
  } else {
    free = new Array<number>(n);
    for (let i = 0; i < n; i++) free[i] = i;
  }
  const effectiveWeights = anyHeld ? new Array<bigint>(n).fill(0n) : weights.slice();
  const done = (active: number[], freeAmount: bigint, freeWeightSum: bigint, fellBackToEven: boolean) => ({
    ok: true as const,
    exact: {
      parts,
      status,
      effectiveWeights,
      freeAmount,
      freeWeightSum,
      free: active,
      fellBackToEven,
      heldTotal,
      heldExceedTotal,
    },
  });
  if (free.length === 0) {
    return remaining === 0n ? done([], 0n, 0n, false) : { ok: false, error: { code: "NO_FREE_CELLS", remaining } };
  }

  let minTotal: bigint | null = 0n;
  let maxTotal: bigint | null = 0n;
  let anyBound = false;
  if (min.length > 0 || max.length > 0) {
    for (const i of free) {
      const lo = min[i];
      const hi = max[i];
      if (lo != null && hi != null && lo > hi) return { ok: false, error: { code: "MIN_ABOVE_MAX", cell: i } };
      if (lo != null || hi != null) anyBound = true;
      minTotal = lo == null || minTotal === null ? null : minTotal + lo;
      maxTotal = hi == null || maxTotal === null ? null : maxTotal + hi;
    }
  } else {
    minTotal = null;
    maxTotal = null;
  }
  if ((minTotal !== null && remaining < minTotal) || (maxTotal !== null && remaining > maxTotal)) {
    return { ok: false, error: { code: "INFEASIBLE_BOUNDS", remaining, minTotal, maxTotal } };
  }

  let fellBackToEven = false;
  if (anyHeld) for (const i of free) effectiveWeights[i] = weights[i]!;
  let active = free;
  let amount = remaining;
  for (;;) {
    let weightSum = 0n;
    for (const i of active) weightSum += effectiveWeights[i]!;
    if (weightSum === 0n) {
      // Nothing to be proportional to: share evenly and say so.
      fellBackToEven = true;
      for (const i of active) effectiveWeights[i] = 1n;
      weightSum = BigInt(active.length);
    }
    if (!anyBound) return done(active, amount, weightSum, fellBackToEven);
    // Violations scaled by weightSum (exact): share_i = amount·w_i / weightSum.
    let deficit = 0n;
    let excess = 0n;
    const below: number[] = [];
    const above: number[] = [];
    for (const i of active) {
      const scaledShare = amount * effectiveWeights[i]!;
      const lo = min[i];
      const hi = max[i];
      if (lo != null && scaledShare < lo * weightSum) {
        deficit += lo * weightSum - scaledShare;
        below.push(i);
      } else if (hi != null && scaledShare > hi * weightSum) {
        excess += scaledShare - hi * weightSum;
        above.push(i);
      }
    }
    if (below.length === 0 && above.length === 0) return done(active, amount, weightSum, fellBackToEven);
    const fix = (cells: number[], bound: readonly (bigint | null | undefined)[], side: "MIN" | "MAX") => {
      for (const i of cells) {
        parts[i] = bound[i]!;
        status[i] = side;
        effectiveWeights[i] = 0n;
        amount -= bound[i]!;
      }
    };
    if (deficit >= excess) fix(below, min, "MIN");
    if (excess >= deficit) fix(above, max, "MAX");
    active = active.filter((i) => status[i] === "FREE");
    if (active.length === 0) {
      // Only reachable when the bounds meet the amount exactly.
      return amount === 0n
        ? done([], 0n, 0n, fellBackToEven)
        : { ok: false, error: { code: "INFEASIBLE_BOUNDS", remaining, minTotal, maxTotal } };
    }
  }
}

/**
 * The general split on bigint arrays: held cells, then min/max bounds, then
 * largest remainder (ties by `keys` when given, else by index).
 */
export function splitUnits(problem: UnitSplitProblem): UnitSplit {
  const solved = solveSplit(problem);
  if (!solved.ok) return solved;
  const { free, ...exact } = solved.exact;
  roundFreeCells(exact.parts, free, exact.effectiveWeights, exact.freeAmount, exact.freeWeightSum, problem.keys ?? null);
  return { ok: true, ...exact };
}

/** Largest remainder of the free amount over the free cells, written into parts. */
function roundFreeCells(
  parts: bigint[],
  free: readonly number[],
  effectiveWeights: readonly bigint[],
  freeAmount: bigint,
  freeWeightSum: bigint,
  keys: readonly string[] | null,
): void {
  if (free.length === 0) return;
  if (free.length === parts.length) {
    apportionChecked(freeAmount, effectiveWeights, freeWeightSum, keys, parts, 0);
    return;
  }
  const weights = free.map((i) => effectiveWeights[i]!);
  const freeKeys = keys === null ? null : free.map((i) => keys[i]!);
  const shares = new Array<bigint>(free.length);
  apportionChecked(freeAmount, weights, freeWeightSum, freeKeys, shares, 0);
  free.forEach((i, k) => (parts[i] = shares[k]!));
}

// ================================================== references and curves

/** Where a reference vector came from; shown in the explanation. */
export type ReferenceBasis = "LAST_YEAR_ACTUAL" | "TWO_YEAR_AVERAGE" | "CURRENT_VALUES" | "POTENTIAL" | "OTHER";

/**
 * Two-year average reference, exact: (Y-1 + Y-2) / 2 at one more decimal
 * place than the inputs (so 3 + 4 → 3.5 for cases). A cell with only one year
 * uses that year; a cell with neither is zero.
 */
export function twoYearAverage(
  lastYear: readonly (Fixed | null | undefined)[],
  yearBefore: readonly (Fixed | null | undefined)[],
): Fixed[] {
  if (lastYear.length !== yearBefore.length) {
    throw new RangeError(`Y-1 has ${lastYear.length} cells, Y-2 has ${yearBefore.length}`);
  }
  const scale = (lastYear.find((v) => v != null) ?? yearBefore.find((v) => v != null))?.scale ?? 0;
  return lastYear.map((a, i) => {
    const b = yearBefore[i];
    for (const v of [a, b]) if (v != null && v.scale !== scale) throw new RangeError("mixed scales in history");
    if (a != null && b != null) return Fixed.fromUnits((a.units + b.units) * 5n, scale + 1);
    const only = a ?? b;
    return Fixed.fromUnits(only == null ? 0n : only.units * 10n, scale + 1);
  });
}

/**
 * A 12-month distribution (季节性曲线), weights[0] for January. Two kinds:
 *   PERCENT   weights are percentages in units of 0.0001 % (CURVE_PERCENT_SCALE)
 *             and must total exactly 100 % (CURVE_PERCENT_TOTAL);
 *   RELATIVE  only the proportions matter (a curve from history, FLAT).
 * The one rule for every curve, typed or built by hand: checkSeasonalCurve.
 */
export interface SeasonalCurve {
  code: string;
  nameZh: string;
  nameEn: string;
  basis: "PERCENT" | "RELATIVE";
  weights: readonly bigint[];
}

export const CURVE_PERCENT_SCALE = 4;
/** 100 % in curve units (0.0001 %). */
export const CURVE_PERCENT_TOTAL = 100n * pow10(CURVE_PERCENT_SCALE);

export const FLAT_CURVE: SeasonalCurve = Object.freeze({
  code: "FLAT",
  nameZh: "平均分布",
  nameEn: "Flat",
  basis: "RELATIVE" as const,
  weights: Object.freeze(new Array<bigint>(12).fill(1n)),
});

export type CurveProblem =
  | { code: "CURVE_MONTHS"; months: number }
  | { code: "CURVE_NEGATIVE_MONTH"; month: number }
  | { code: "CURVE_BAD_PERCENT"; month: number; text: string }
  /** A PERCENT curve that does not total 100 %: percentTotal is what it totals. */
  | { code: "CURVE_NOT_100_PERCENT"; percentTotal: Fixed }
  | { code: "CURVE_ALL_ZERO" };

/** A curve normalised to its own total (the user sees this notice). */
export type CurveNotice = { code: "CURVE_NORMALISED"; curve: string; percentTotal: Fixed };

/**
 * The one rule for a curve: 12 months, none negative, and a PERCENT curve
 * totals exactly 100 % (a RELATIVE curve is normalised by definition). null
 * when the curve is sound.
 */
export function checkSeasonalCurve(curve: SeasonalCurve): CurveProblem | null {
  if (curve.weights.length !== 12) return { code: "CURVE_MONTHS", months: curve.weights.length };
  let sum = 0n;
  for (let m = 0; m < 12; m++) {
    const w = curve.weights[m]!;
    if (w < 0n) return { code: "CURVE_NEGATIVE_MONTH", month: m + 1 };
    sum += w;
  }
  if (curve.basis === "PERCENT" && sum !== CURVE_PERCENT_TOTAL) {
    return { code: "CURVE_NOT_100_PERCENT", percentTotal: Fixed.fromUnits(sum, CURVE_PERCENT_SCALE) };
  }
  return null;
}

// A grid asks for the same curve once per row: check each curve object once
// (curves are treated as immutable values).
const curveChecks = new WeakMap<SeasonalCurve, CurveProblem | null>();
function checkedCurve(curve: SeasonalCurve): CurveProblem | null {
  let problem = curveChecks.get(curve);
  if (problem === undefined) curveChecks.set(curve, (problem = checkSeasonalCurve(curve)));
  return problem;
}

export type CurveResult = { ok: true; curve: SeasonalCurve; notices: CurveNotice[] } | { ok: false; error: CurveProblem };

/**
 * A curve from 12 monthly percentages as typed ("8.5", "１２", "8.3333", "15%"),
 * up to 4 decimals. A curve that does not total exactly 100 % is refused
 * (CURVE_NOT_100_PERCENT) or, with `normalise`, kept as a RELATIVE curve with
 * a CURVE_NORMALISED notice saying what it totalled.
 */
export function seasonalCurveFromPercents(
  code: string,
  nameZh: string,
  nameEn: string,
  percents: readonly string[],
  options: { normalise?: boolean } = {},
): CurveResult {
  if (percents.length !== 12) return { ok: false, error: { code: "CURVE_MONTHS", months: percents.length } };
  const weights: bigint[] = [];
  for (let m = 0; m < 12; m++) {
    const parsed = parseAmount(percents[m]!.replace(/\s*[%％]\s*$/, ""), { scale: CURVE_PERCENT_SCALE });
    if (!parsed.ok) return { ok: false, error: { code: "CURVE_BAD_PERCENT", month: m + 1, text: percents[m]! } };
    weights.push(parsed.value.units);
  }
  const curve: SeasonalCurve = { code, nameZh, nameEn, basis: "PERCENT", weights };
  const problem = checkSeasonalCurve(curve);
  if (problem === null) return { ok: true, curve, notices: [] };
  if (problem.code === "CURVE_NOT_100_PERCENT" && options.normalise && problem.percentTotal.isPositive()) {
    return {
      ok: true,
      curve: { ...curve, basis: "RELATIVE" },
      notices: [{ code: "CURVE_NORMALISED", curve: code, percentTotal: problem.percentTotal }],
    };
  }
  return { ok: false, error: problem };
}

/**
 * A curve from monthly history (one or more years of 12 values at one
 * scale): the weight of a month is its total over the years, exactly. A month
 * that is net negative over the years (returns) gets weight 0.
 */
export function seasonalCurveFromHistory(
  code: string,
  nameZh: string,
  nameEn: string,
  years: readonly (readonly (Fixed | null | undefined)[])[],
): SeasonalCurve {
  const weights = new Array<bigint>(12).fill(0n);
  let scale: number | null = null;
  for (const year of years) {
    if (year.length !== 12) throw new RangeError(`a year of history has 12 months, got ${year.length}`);
    year.forEach((v, m) => {
      if (v == null) return;
      if (scale !== null && v.scale !== scale) throw new RangeError("mixed scales in history");
      scale = v.scale;
      weights[m]! += v.units;
    });
  }
  return { code, nameZh, nameEn, basis: "RELATIVE", weights: weights.map((w) => (w < 0n ? 0n : w)) };
}

/** A curve's months as percentages at RATIO_DECIMALS (for display); null if all weights are zero. */
export function curvePercents(curve: SeasonalCurve): Dec[] | null {
  const sum = curve.weights.reduce((a, b) => a + b, 0n);
  if (sum === 0n) return null;
  return curve.weights.map((w) => ratioOf(w * 100n, sum));
}

/** A share of a non-zero weight sum, by the one ratio rule (ratioOfUnits). */
function ratioOf(numerator: bigint, denominator: bigint): Dec {
  const ratio = ratioOfUnits(numerator, denominator, RATIO_DECIMALS);
  if (ratio === null) throw new RangeError("share of a zero weight sum");
  return ratio;
}

// ========================================================== the API

/**
 * One cell to split into, named by a unique key (a cellDimensionKey, an org
 * unit id, a month code). Which fields a method reads:
 *   PROPORTIONAL  reference          GROWTH  reference, growth (or the method's)
 *   SEASONAL      month (1–12)       MANUAL  value          EVEN  none
 * held / min / max apply to every method, at the total's scale.
 */
export interface SplitCell {
  readonly key: string;
  readonly reference?: Fixed | null;
  /** Growth rate for this cell ("0.15" = +15 %), overriding the method's. */
  readonly growth?: Dec | string | null;
  readonly month?: number | null;
  readonly value?: Fixed | null;
  /** Locked (锁定): the cell keeps this value, taken off the total first. */
  readonly held?: Fixed | null;
  readonly min?: Fixed | null;
  readonly max?: Fixed | null;
}

/**
 * GROWTH splits the parent in proportion to reference × (1 + g) per cell:
 * with one rate for all cells it is the same as PROPORTIONAL; with a rate per
 * cell it leans the split towards the faster-growing cells. (To let the
 * parent FOLLOW the cells instead, use `growFromReference`.) Rates are
 * decimals ("0.15" = +15 %), rounded HALF_EVEN to RATIO_DECIMALS, above −1.
 * SEASONAL refuses a curve that fails checkSeasonalCurve unless
 * `normaliseCurve` is set, in which case the split says so (CURVE_NORMALISED).
 */
export type SplitMethod =
  | { kind: "EVEN" }
  | { kind: "PROPORTIONAL"; basis?: ReferenceBasis }
  | { kind: "SEASONAL"; curve: SeasonalCurve; normaliseCurve?: boolean }
  | { kind: "GROWTH"; growth?: Dec | string; basis?: ReferenceBasis }
  | { kind: "MANUAL" };

export type SplitMethodKind = SplitMethod["kind"];

export interface SplitOptions {
  /**
   * The metric allows parts of the opposite sign (a profit, a balance): held
   * cells may then exceed the total, with a HELD_EXCEED_TOTAL warning. For a
   * sales target that would be a wrong result, so by default it is refused.
   */
  allowOppositeSignParts?: boolean;
}

export type SplitCellField = "reference" | "growth" | "month" | "value" | "held" | "min" | "max";

export type SplitError =
  | { code: "NO_CELLS" }
  | { code: "TOO_MANY_CELLS"; cells: number; limit: number }
  | { code: "DUPLICATE_KEY"; key: string }
  | { code: "MISSING_INPUT"; key: string; field: SplitCellField }
  | { code: "SCALE_MISMATCH"; key: string; field: SplitCellField }
  | { code: "NEGATIVE_REFERENCE"; key: string }
  | { code: "INVALID_GROWTH"; key: string; text: string }
  | { code: "INVALID_MONTH"; key: string }
  | { code: "INVALID_CURVE"; curve: string; problem: CurveProblem }
  | { code: "MIN_ABOVE_MAX"; key: string }
  | { code: "HELD_EXCEED_TOTAL"; heldTotal: Fixed; total: Fixed }
  | { code: "NO_FREE_CELLS"; remaining: Fixed }
  | { code: "INFEASIBLE_BOUNDS"; remaining: Fixed; minTotal: Fixed | null; maxTotal: Fixed | null }
  | { code: "MANUAL_OUT_OF_BOUNDS"; key: string };

export type SplitWarning =
  /** Every free cell's reference was zero: the split was even instead. */
  | { code: "ZERO_REFERENCE_FALLBACK_EVEN" }
  /** Held cells exceed the parent, so the free cells carry the opposite sign (allowOppositeSignParts). */
  | { code: "HELD_EXCEED_TOTAL"; heldTotal: Fixed }
  /** MANUAL values do not add up to the parent: this much is left unassigned. */
  | { code: "MANUAL_REMAINDER"; remainder: Fixed }
  | CurveNotice;

/** The free cells' common terms, shared by their explanations. */
interface FreeTerms {
  amount: bigint;
  weightSum: bigint;
  scale: number;
}

/**
 * Why a cell got its value. Integer facts are fields; the decimal ones
 * (share, exactShare) are computed when read, so a split of 680,000 cells
 * does not pay for 680,000 divisions at 50 digits nobody looks at.
 */
export class SplitCellExplanation {
  constructor(
    readonly key: string,
    readonly method: SplitMethodKind,
    /** The cell's reference value (history, potential, current) if the method had one. */
    readonly reference: Fixed | null,
    /** The integer weight the cell was split by (0 for held, clamped and MANUAL cells). */
    readonly weight: bigint,
    readonly status: CellStatus,
    readonly value: Fixed,
    private readonly terms: FreeTerms | null,
  ) {}

  get held(): boolean {
    return this.status === "HELD";
  }

  get clamped(): "MIN" | "MAX" | null {
    return this.status === "MIN" || this.status === "MAX" ? this.status : null;
  }

  /** weight / sum of the free cells' weights, at RATIO_DECIMALS; null for held, clamped and MANUAL cells. */
  get share(): Dec | null {
    const t = this.terms;
    return t === null || this.status !== "FREE" ? null : ratioOf(this.weight, t.weightSum);
  }

  /** The unrounded amount the share gives (50 significant digits); for the other cells, the value. */
  get exactShare(): Dec {
    const t = this.terms;
    if (t === null || this.status !== "FREE") return this.value.toDecimal();
    return new Dec((t.amount * this.weight).toString()).div(t.weightSum.toString()).div(pow10(t.scale).toString());
  }

  /** value − exactShare truncated to whole units: 0, +1 or −1 unit, or 0 for held / clamped / MANUAL cells. */
  get roundingAdjustment(): bigint {
    const t = this.terms;
    if (t === null || this.status !== "FREE") return 0n;
    return this.value.units - (t.amount * this.weight) / t.weightSum; // bigint division truncates toward zero
  }
}

export interface SplitSuccess {
  ok: true;
  total: Fixed;
  /** The cells' keys, in the order given. */
  keys: readonly string[];
  /** One part per cell, in the order given. */
  parts: Fixed[];
  /** Every cell's explanation, built on first read (use `explain` for one cell). */
  readonly cells: SplitCellExplanation[];
  /** The explanation of the cell at this position, built when asked for. */
  explain(index: number): SplitCellExplanation;
  warnings: SplitWarning[];
  /** total − sum(parts): always zero except for MANUAL values that do not add up. */
  remainder: Fixed;
  /** The part of the cell with this key (undefined for an unknown key). */
  partOf(key: string): Fixed | undefined;
}

export interface SplitFailure {
  ok: false;
  error: SplitError;
}

export type SplitResult = SplitSuccess | SplitFailure;

const fail = (error: SplitError): SplitFailure => ({ ok: false, error });

function makeSuccess(
  total: Fixed,
  keys: readonly string[],
  parts: Fixed[],
  explain: (index: number) => SplitCellExplanation,
  warnings: SplitWarning[],
  remainder: Fixed,
): SplitSuccess {
  let index: Map<string, number> | null = null;
  let cells: SplitCellExplanation[] | null = null;
  return {
    ok: true,
    total,
    keys,
    parts,
    get cells() {
      return (cells ??= parts.map((_, i) => explain(i)));
    },
    explain,
    warnings,
    remainder,
    partOf(key: string) {
      index ??= new Map(keys.map((k, i) => [k, i]));
      const i = index.get(key);
      return i === undefined ? undefined : parts[i];
    },
  };
}

/**
 * The first key that appears twice, or null. An open-addressing table of
 * string hashes: a Set of 680,000 strings costs more than the split itself.
 */
export function findRepeatedKey(keys: readonly string[]): string | null {
  const n = keys.length;
  if (n < 2) return null;
  let size = 16;
  while (size < n * 2) size *= 2;
  const mask = size - 1;
  const slots = new Int32Array(size).fill(-1);
  for (let i = 0; i < n; i++) {
    const key = keys[i]!;
    let h = 0x811c9dc5; // FNV-1a over UTF-16 code units
    for (let k = 0; k < key.length; k++) h = Math.imul(h ^ key.charCodeAt(k), 0x01000193);
    let slot = h & mask;
    for (;;) {
      const j = slots[slot]!;
      if (j === -1) {
        slots[slot] = i;
        break;
      }
      if (keys[j] === key) return key;
      slot = (slot + 1) & mask;
    }
  }
  return null;
}

/** Keys of the cells, refusing a repeated key (the tie-break needs a total order). */
function cellKeys(cells: readonly SplitCell[]): string[] | SplitError {
  const n = cells.length;
  const keys = new Array<string>(n);
  for (let i = 0; i < n; i++) keys[i] = cells[i]!.key;
  const repeated = findRepeatedKey(keys);
  return repeated === null ? keys : { code: "DUPLICATE_KEY", key: repeated };
}

type BoundField = "held" | "min" | "max";

/** held / min / max units, or null when no cell has the field (the common case). */
function boundUnits(cells: readonly SplitCell[], field: BoundField, scale: number): (bigint | null)[] | null | SplitError {
  let out: (bigint | null)[] | null = null;
  for (let i = 0; i < cells.length; i++) {
    const v = cells[i]![field];
    if (v == null) continue;
    if (v.scale !== scale) return { code: "SCALE_MISMATCH", key: cells[i]!.key, field };
    out ??= new Array<bigint | null>(cells.length).fill(null);
    out[i] = v.units;
  }
  return out;
}

const GROWTH_TEXT = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)$/;

/** (1 + g) × 10^RATIO_DECIMALS as an integer; null when g is not a number or g ≤ −1. */
function growthFactor(rate: Dec | string): bigint | null {
  if (typeof rate === "string" ? !GROWTH_TEXT.test(rate.trim()) : !rate.isFinite()) return null;
  const factor = Fixed.round(new Dec(typeof rate === "string" ? rate.trim() : rate).plus(1), RATIO_DECIMALS, "HALF_EVEN").units;
  return factor <= 0n ? null : factor;
}

/** Integer weights per cell for a method (MANUAL has none). Exported for the grid. */
export function methodWeights(
  cells: readonly SplitCell[],
  method: SplitMethod,
): { weights: bigint[]; warnings: SplitWarning[] } | SplitError {
  const n = cells.length;
  switch (method.kind) {
    case "EVEN":
    case "MANUAL":
      return { weights: new Array<bigint>(n).fill(1n), warnings: [] };
    case "SEASONAL": {
      const curve = method.curve;
      const problem = checkedCurve(curve);
      const warnings: SplitWarning[] = [];
      if (problem !== null) {
        if (problem.code !== "CURVE_NOT_100_PERCENT" || !method.normaliseCurve || !problem.percentTotal.isPositive()) {
          return { code: "INVALID_CURVE", curve: curve.code, problem };
        }
        warnings.push({ code: "CURVE_NORMALISED", curve: curve.code, percentTotal: problem.percentTotal });
      }
      const weights = new Array<bigint>(n);
      for (let i = 0; i < n; i++) {
        const month = cells[i]!.month;
        if (month == null) return { code: "MISSING_INPUT", key: cells[i]!.key, field: "month" };
        if (!Number.isInteger(month) || month < 1 || month > 12) return { code: "INVALID_MONTH", key: cells[i]!.key };
        weights[i] = curve.weights[month - 1]!;
      }
      return { weights, warnings };
    }
    case "PROPORTIONAL":
    case "GROWTH": {
      const weights = new Array<bigint>(n);
      let scale = -1;
      for (let i = 0; i < n; i++) {
        const r = cells[i]!.reference;
        if (r == null) return { code: "MISSING_INPUT", key: cells[i]!.key, field: "reference" };
        if (scale < 0) scale = r.scale;
        else if (r.scale !== scale) return { code: "SCALE_MISMATCH", key: cells[i]!.key, field: "reference" };
        if (r.units < 0n) return { code: "NEGATIVE_REFERENCE", key: cells[i]!.key };
        weights[i] = r.units;
      }
      if (method.kind === "PROPORTIONAL") return { weights, warnings: [] };
      const factors = new Map<string | Dec, bigint | null>();
      for (let i = 0; i < n; i++) {
        const rate = cells[i]!.growth ?? method.growth;
        if (rate == null) return { code: "MISSING_INPUT", key: cells[i]!.key, field: "growth" };
        let factor = factors.get(rate);
        if (factor === undefined) factors.set(rate, (factor = growthFactor(rate)));
        if (factor === null) return { code: "INVALID_GROWTH", key: cells[i]!.key, text: rate.toString() };
        weights[i] = weights[i]! * factor;
      }
      return { weights, warnings: [] };
    }
  }
}

/**
 * Splits `total` over keyed cells by `method`. Never throws for business
 * input (infeasible bounds, negative references, a bad growth rate, a curve
 * that is not 100 %, too many cells): it returns `{ ok: false, error }`.
 * Negative totals are allowed (a negative gap, a loss): split(−x) = −split(x).
 * Each part depends on its cell's key and data, not on its position.
 */
export function splitValue(
  total: Fixed,
  cells: readonly SplitCell[],
  method: SplitMethod,
  options: SplitOptions = {},
): SplitResult {
  const n = cells.length;
  if (n === 0) return fail({ code: "NO_CELLS" });
  if (n > MAX_SPLIT_CELLS) return fail({ code: "TOO_MANY_CELLS", cells: n, limit: MAX_SPLIT_CELLS });
  const keys = cellKeys(cells);
  if (!Array.isArray(keys)) return fail(keys);
  const scale = total.scale;
  const held = boundUnits(cells, "held", scale);
  if (held !== null && !Array.isArray(held)) return fail(held);
  const min = boundUnits(cells, "min", scale);
  if (min !== null && !Array.isArray(min)) return fail(min);
  const max = boundUnits(cells, "max", scale);
  if (max !== null && !Array.isArray(max)) return fail(max);
  if (method.kind === "MANUAL") return manualSplit(total, cells, keys, held, min, max);
  const weighed = methodWeights(cells, method);
  if (!("weights" in weighed)) return fail(weighed);
  const toFixed = (units: bigint) => Fixed.fromUnits(units, scale);

  const solved = solveSplit({
    total: total.units,
    weights: weighed.weights,
    held: held ?? undefined,
    min: min ?? undefined,
    max: max ?? undefined,
    allowOppositeSignParts: options.allowOppositeSignParts,
  });
  if (!solved.ok) {
    const e = solved.error;
    switch (e.code) {
      case "MIN_ABOVE_MAX":
        return fail({ code: "MIN_ABOVE_MAX", key: keys[e.cell]! });
      case "NO_FREE_CELLS":
        return fail({ code: "NO_FREE_CELLS", remaining: toFixed(e.remaining) });
      case "HELD_EXCEED_TOTAL":
        return fail({ code: "HELD_EXCEED_TOTAL", heldTotal: toFixed(e.heldTotal), total });
      case "INFEASIBLE_BOUNDS":
        return fail({
          code: "INFEASIBLE_BOUNDS",
          remaining: toFixed(e.remaining),
          minTotal: e.minTotal === null ? null : toFixed(e.minTotal),
          maxTotal: e.maxTotal === null ? null : toFixed(e.maxTotal),
        });
    }
  }
  const exact = solved.exact;
  roundFreeCells(exact.parts, exact.free, exact.effectiveWeights, exact.freeAmount, exact.freeWeightSum, keys);
  const warnings: SplitWarning[] = [...weighed.warnings];
  if (exact.fellBackToEven) warnings.push({ code: "ZERO_REFERENCE_FALLBACK_EVEN" });
  if (exact.heldExceedTotal) warnings.push({ code: "HELD_EXCEED_TOTAL", heldTotal: toFixed(exact.heldTotal) });

  const terms: FreeTerms = { amount: exact.freeAmount, weightSum: exact.freeWeightSum, scale };
  const hasReference = method.kind === "PROPORTIONAL" || method.kind === "GROWTH";
  const parts = new Array<Fixed>(n);
  for (let i = 0; i < n; i++) parts[i] = Fixed.fromUnits(exact.parts[i]!, scale);
  const explain = (i: number) =>
    new SplitCellExplanation(
      keys[i]!,
      method.kind,
      hasReference ? cells[i]!.reference! : null,
      exact.effectiveWeights[i]!,
      exact.status[i]!,
      parts[i]!,
      terms,
    );
  return makeSuccess(total, keys, parts, explain, warnings, toFixed(0n));
}

function manualSplit(
  total: Fixed,
  cells: readonly SplitCell[],
  keys: readonly string[],
  held: readonly (bigint | null)[] | null,
  min: readonly (bigint | null)[] | null,
  max: readonly (bigint | null)[] | null,
): SplitResult {
  const scale = total.scale;
  const parts: bigint[] = [];
  for (let i = 0; i < cells.length; i++) {
    const h = held?.[i] ?? null;
    const v = cells[i]!.value;
    if (h === null && v == null) return fail({ code: "MISSING_INPUT", key: keys[i]!, field: "value" });
    if (h === null && v!.scale !== scale) return fail({ code: "SCALE_MISMATCH", key: keys[i]!, field: "value" });
    const units = h ?? v!.units;
    const lo = min?.[i] ?? null;
    const hi = max?.[i] ?? null;
    if (h === null && ((lo !== null && units < lo) || (hi !== null && units > hi))) {
      return fail({ code: "MANUAL_OUT_OF_BOUNDS", key: keys[i]! });
    }
    parts.push(units);
  }
  const remainder = total.units - parts.reduce((a, b) => a + b, 0n);
  const remainderFixed = Fixed.fromUnits(remainder, scale);
  const values = parts.map((u) => Fixed.fromUnits(u, scale));
  return makeSuccess(
    total,
    keys,
    values,
    (i) => new SplitCellExplanation(keys[i]!, "MANUAL", null, 0n, held?.[i] != null ? "HELD" : "FREE", values[i]!, null),
    remainder === 0n ? [] : [{ code: "MANUAL_REMAINDER", remainder: remainderFixed }],
    remainderFixed,
  );
}

/**
 * Bottom-up growth ("the parent follows"): each cell = reference × (1 + g),
 * rounded at the reference's scale by `mode`; the total is the exact sum of
 * the rounded cells. Use this when each child proposes its own growth. Each
 * cell is rounded on its own, so no order matters. A rate that is not a
 * decimal ("abc", "15%") or is at most −1 is refused, naming the cell.
 */
export function growFromReference(
  reference: readonly Fixed[],
  growth: Dec | string | readonly (Dec | string)[],
  mode: "HALF_UP" | "HALF_EVEN" = "HALF_UP",
):
  | { ok: true; parts: Fixed[]; total: Fixed }
  | { ok: false; error: { code: "INVALID_GROWTH"; cell: number; text: string } | { code: "SCALE_MISMATCH"; cell: number } } {
  const scale = reference[0]?.scale ?? 0;
  const parts: Fixed[] = [];
  let total = 0n;
  for (let i = 0; i < reference.length; i++) {
    const r = reference[i]!;
    if (r.scale !== scale) return { ok: false, error: { code: "SCALE_MISMATCH", cell: i } };
    const g = Array.isArray(growth) ? (growth as readonly (Dec | string)[])[i] : (growth as Dec | string);
    if (g === undefined || growthFactor(g) === null)
      return { ok: false, error: { code: "INVALID_GROWTH", cell: i, text: String(g) } };
    const part = r.times(new Dec(typeof g === "string" ? g.trim() : g).plus(1), mode);
    parts.push(part);
    total += part.units;
  }
  return { ok: true, parts, total: Fixed.fromUnits(total, scale) };
}
