// Splitting (分解): a parent figure is divided over N cells (counties, months,
// specs) so that the parts add up EXACTLY to the whole.
//
// Every method reduces to non-negative integer weights, one per cell; the
// amount is then apportioned by the largest-remainder method at the unit of
// the metric (0.01 元, 1 case): each cell gets the floor of its exact share,
// and the units left over go one each to the cells with the largest
// fractional remainder (ties: larger weight first, then lower index). A
// negative amount is split as the mirror image of the positive one, so
// split(−x) = −split(x).
//
// Options, applied in this order:
//   held (锁定) cells keep their value, which is taken off the amount first;
//   min / max per cell: a cell whose share falls outside its bounds is fixed
//   at the bound and the rest is re-split among the others, repeatedly;
//   all-zero weights fall back to an even split, with a warning.
//
// The hot path (`apportionUnits`, `splitUnits`) works on bigint arrays; the
// API (`splitValue`, `splitGrid`) wraps it with Fixed values and a per-cell
// explanation.
import { Dec, Fixed, RATIO_DECIMALS, pow10, ratioOfUnits } from "./fixed.js";

// ============================================================== hot path

/**
 * Ranks cell a before cell b for the leftover units: larger remainder, then
 * larger weight, then lower index. A total order, so the result never
 * depends on the sorting algorithm.
 */
function ranksBefore(a: number, b: number, remainders: readonly bigint[], weights: readonly bigint[]): boolean {
  const ra = remainders[a]!;
  const rb = remainders[b]!;
  if (ra !== rb) return ra > rb;
  const wa = weights[a]!;
  const wb = weights[b]!;
  if (wa !== wb) return wa > wb;
  return a < b;
}

/**
 * Puts the k best-ranked cells (by `ranksBefore`) in order[0..k) in linear
 * expected time (Wirth's selection), so a split over 680,000 cells does not
 * pay for a full sort.
 */
function selectTop(order: Int32Array, k: number, remainders: readonly bigint[], weights: readonly bigint[]): void {
  let lo = 0;
  let hi = order.length - 1;
  const target = k - 1;
  while (lo < hi) {
    const pivot = order[target]!;
    let i = lo;
    let j = hi;
    do {
      while (ranksBefore(order[i]!, pivot, remainders, weights)) i++;
      while (ranksBefore(pivot, order[j]!, remainders, weights)) j--;
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

/**
 * Largest-remainder apportionment of `total` units by non-negative integer
 * weights (sum > 0). Writes the parts into `out` from `offset` and returns
 * `out`. The parts sum exactly to `total`, and each part is its exact share
 * rounded down or up by less than one unit.
 */
export function apportionUnits(
  total: bigint,
  weights: readonly bigint[],
  out: bigint[] = new Array<bigint>(weights.length),
  offset = 0,
): bigint[] {
  const n = weights.length;
  let weightSum = 0n;
  for (let i = 0; i < n; i++) {
    const w = weights[i]!;
    if (w < 0n) throw new RangeError(`negative weight at cell ${i}`);
    weightSum += w;
  }
  if (weightSum === 0n) throw new RangeError("weights sum to zero");
  const negative = total < 0n;
  const amount = negative ? -total : total;
  const remainders = new Array<bigint>(n);
  let assigned = 0n;
  for (let i = 0; i < n; i++) {
    const numerator = amount * weights[i]!;
    const floor = numerator / weightSum;
    out[offset + i] = floor;
    remainders[i] = numerator - floor * weightSum;
    assigned += floor;
  }
  const leftover = Number(amount - assigned); // < n, so a safe small integer
  if (leftover > 0) {
    const order = new Int32Array(n);
    for (let i = 0; i < n; i++) order[i] = i;
    if (leftover < n) selectTop(order, leftover, remainders, weights);
    for (let k = 0; k < leftover; k++) out[offset + order[k]!]! += 1n;
  }
  if (negative) for (let i = 0; i < n; i++) out[offset + i] = -out[offset + i]!;
  return out;
}

/**
 * Two-level split in one pass: `total` over rows by `rowWeights`, then each
 * row total over its columns by `columnWeights[row]` (or one shared column
 * vector). Writes row-major into `out` from `offset`. Exact margins: the grand
 * total and every row total; a column's total is the sum of its cells.
 */
export function apportionGridUnits(
  total: bigint,
  rowWeights: readonly bigint[],
  columnWeights: readonly (readonly bigint[])[] | readonly bigint[],
  out?: bigint[],
  offset = 0,
): bigint[] {
  const shared = columnWeights.length === 0 || typeof columnWeights[0] === "bigint";
  const columnsOf = (row: number): readonly bigint[] =>
    shared ? (columnWeights as readonly bigint[]) : (columnWeights as readonly (readonly bigint[])[])[row]!;
  const width = columnsOf(0).length;
  const target = out ?? new Array<bigint>(rowWeights.length * width);
  const rowTotals = apportionUnits(total, rowWeights);
  for (let r = 0; r < rowWeights.length; r++) {
    const columns = columnsOf(r);
    if (columns.length !== width) throw new RangeError(`row ${r} has ${columns.length} columns, expected ${width}`);
    apportionUnits(rowTotals[r]!, columns, target, offset + r * width);
  }
  return target;
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
}

export type UnitSplitError =
  | { code: "NO_FREE_CELLS"; remaining: bigint }
  | { code: "MIN_ABOVE_MAX"; cell: number }
  | { code: "INFEASIBLE_BOUNDS"; remaining: bigint; minTotal: bigint | null; maxTotal: bigint | null };

export type UnitSplit =
  | {
      ok: true;
      parts: bigint[];
      status: CellStatus[];
      /** Weights of the final free cells (after an even fallback: 1 each); 0 for the others. */
      effectiveWeights: bigint[];
      /** The amount apportioned among the final free cells and the sum of their weights. */
      freeAmount: bigint;
      freeWeightSum: bigint;
      fellBackToEven: boolean;
      heldTotal: bigint;
    }
  | { ok: false; error: UnitSplitError };

/**
 * The general split on bigint arrays: held cells, then min/max bounds, then
 * largest remainder. Bounds are solved exactly: the answer is
 * clamp(λ·weight, min, max) per cell with λ chosen so the cells sum to the
 * amount; each round fixes the side (below min or above max) with the larger
 * total violation, which is provably on its bound in the final answer.
 * Rounding afterwards never crosses a bound, since bounds are whole units.
 */
export function splitUnits(problem: UnitSplitProblem): UnitSplit {
  const { total, weights } = problem;
  const n = weights.length;
  const held = problem.held ?? [];
  const min = problem.min ?? [];
  const max = problem.max ?? [];
  const parts = new Array<bigint>(n).fill(0n);
  const status = new Array<CellStatus>(n).fill("FREE");
  let heldTotal = 0n;
  for (let i = 0; i < n; i++) {
    const h = held[i];
    if (h != null) {
      parts[i] = h;
      status[i] = "HELD";
      heldTotal += h;
    }
  }
  const remaining = total - heldTotal;
  const free: number[] = [];
  for (let i = 0; i < n; i++) if (status[i] === "FREE") free.push(i);
  const effectiveWeights = new Array<bigint>(n).fill(0n);
  const done = (freeAmount: bigint, freeWeightSum: bigint, fellBackToEven: boolean): UnitSplit => ({
    ok: true,
    parts,
    status,
    effectiveWeights,
    freeAmount,
    freeWeightSum,
    fellBackToEven,
    heldTotal,
  });
  if (free.length === 0) {
    return remaining === 0n ? done(0n, 0n, false) : { ok: false, error: { code: "NO_FREE_CELLS", remaining } };
  }

  let minTotal: bigint | null = 0n;
  let maxTotal: bigint | null = 0n;
  for (const i of free) {
    const lo = min[i];
    const hi = max[i];
    if (lo != null && hi != null && lo > hi) return { ok: false, error: { code: "MIN_ABOVE_MAX", cell: i } };
    minTotal = lo == null || minTotal === null ? null : minTotal + lo;
    maxTotal = hi == null || maxTotal === null ? null : maxTotal + hi;
  }
  if ((minTotal !== null && remaining < minTotal) || (maxTotal !== null && remaining > maxTotal)) {
    return { ok: false, error: { code: "INFEASIBLE_BOUNDS", remaining, minTotal, maxTotal } };
  }

  let fellBackToEven = false;
  const w = new Array<bigint>(n).fill(0n);
  for (const i of free) w[i] = weights[i]!;
  let active = free;
  let amount = remaining;
  for (;;) {
    let weightSum = 0n;
    for (const i of active) weightSum += w[i]!;
    if (weightSum === 0n) {
      // Nothing to be proportional to: share evenly and say so.
      fellBackToEven = true;
      for (const i of active) w[i] = 1n;
      weightSum = BigInt(active.length);
    }
    // Violations scaled by weightSum (exact): share_i = amount·w_i / weightSum.
    let deficit = 0n;
    let excess = 0n;
    const below: number[] = [];
    const above: number[] = [];
    for (const i of active) {
      const scaledShare = amount * w[i]!;
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
    if (below.length === 0 && above.length === 0) {
      const activeWeights = active.map((i) => w[i]!);
      const shares = apportionUnits(amount, activeWeights);
      active.forEach((i, k) => {
        parts[i] = shares[k]!;
        effectiveWeights[i] = w[i]!;
      });
      return done(amount, weightSum, fellBackToEven);
    }
    const fixBelow = deficit >= excess;
    const fixAbove = excess >= deficit;
    if (fixBelow) {
      for (const i of below) {
        parts[i] = min[i]!;
        status[i] = "MIN";
        amount -= min[i]!;
      }
    }
    if (fixAbove) {
      for (const i of above) {
        parts[i] = max[i]!;
        status[i] = "MAX";
        amount -= max[i]!;
      }
    }
    active = active.filter((i) => status[i] === "FREE");
    if (active.length === 0) {
      // Only reachable when the bounds meet the amount exactly.
      return amount === 0n
        ? done(0n, 0n, fellBackToEven)
        : { ok: false, error: { code: "INFEASIBLE_BOUNDS", remaining, minTotal, maxTotal } };
    }
  }
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
 * A 12-month distribution (季节性曲线): one non-negative integer weight per
 * month; only the proportions matter. Companies name their own curves.
 */
export interface SeasonalCurve {
  code: string;
  nameZh: string;
  nameEn: string;
  weights: readonly bigint[];
}

export const FLAT_CURVE: SeasonalCurve = Object.freeze({
  code: "FLAT",
  nameZh: "平均分布",
  nameEn: "Flat",
  weights: Object.freeze(new Array<bigint>(12).fill(1n)),
});

const CURVE_PERCENT_SCALE = 4;

/**
 * A curve from 12 monthly percentages ("8.5", "12"), up to 4 decimals, which
 * must total exactly 100 (a curve that does not is a typing error to fix, not
 * to normalise silently).
 */
export function seasonalCurveFromPercents(
  code: string,
  nameZh: string,
  nameEn: string,
  percents: readonly string[],
): SeasonalCurve {
  if (percents.length !== 12) throw new RangeError(`a curve has 12 months, got ${percents.length}`);
  const weights = percents.map((p) => Fixed.parse(p, CURVE_PERCENT_SCALE).units);
  if (weights.some((w) => w < 0n)) throw new RangeError(`curve ${code} has a negative month`);
  const sum = weights.reduce((a, b) => a + b, 0n);
  if (sum !== 100n * pow10(CURVE_PERCENT_SCALE)) {
    throw new RangeError(`curve ${code} totals ${Fixed.fromUnits(sum, CURVE_PERCENT_SCALE).toString()}%, not 100%`);
  }
  return { code, nameZh, nameEn, weights };
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
  return { code, nameZh, nameEn, weights: weights.map((w) => (w < 0n ? 0n : w)) };
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
 * GROWTH splits the parent in proportion to reference × (1 + g) per cell:
 * with one rate for all cells it is the same as PROPORTIONAL; with a rate per
 * cell it leans the split towards the faster-growing cells. (To let the
 * parent FOLLOW the cells instead, use `growFromReference`.) Rates are
 * decimals ("0.15" = +15 %), rounded HALF_EVEN to RATIO_DECIMALS, above −1.
 */
export type SplitMethod =
  | { kind: "EVEN"; cells: number }
  | { kind: "PROPORTIONAL"; reference: readonly Fixed[]; basis?: ReferenceBasis }
  | { kind: "SEASONAL"; curve: SeasonalCurve }
  | { kind: "GROWTH"; reference: readonly Fixed[]; growth: Dec | string | readonly (Dec | string)[]; basis?: ReferenceBasis }
  | { kind: "MANUAL"; values: readonly Fixed[] };

export type SplitMethodKind = SplitMethod["kind"];

/** Per-cell options; every value at the parent's scale. */
export interface SplitOptions {
  /** Locked cells (锁定): they keep this value, taken off the parent first. */
  held?: readonly (Fixed | null | undefined)[];
  min?: readonly (Fixed | null | undefined)[];
  max?: readonly (Fixed | null | undefined)[];
}

export type SplitError =
  | { code: "NO_CELLS" }
  | { code: "LENGTH_MISMATCH"; field: "held" | "min" | "max" | "growth"; expected: number; actual: number }
  | { code: "SCALE_MISMATCH"; field: "reference" | "held" | "min" | "max" | "values"; cell: number }
  | { code: "NEGATIVE_REFERENCE"; cell: number }
  | { code: "INVALID_GROWTH"; cell: number }
  | { code: "MIN_ABOVE_MAX"; cell: number }
  | { code: "NO_FREE_CELLS"; remaining: Fixed }
  | { code: "INFEASIBLE_BOUNDS"; remaining: Fixed; minTotal: Fixed | null; maxTotal: Fixed | null }
  | { code: "MANUAL_OUT_OF_BOUNDS"; cell: number };

export type SplitWarning =
  /** Every free cell's reference was zero: the split was even instead. */
  | { code: "ZERO_REFERENCE_FALLBACK_EVEN" }
  /** Held cells exceed the parent, so the free cells carry the opposite sign. */
  | { code: "HELD_EXCEED_TOTAL"; heldTotal: Fixed }
  /** MANUAL values do not add up to the parent: this much is left unassigned. */
  | { code: "MANUAL_REMAINDER"; remainder: Fixed };

export interface SplitCellExplanation {
  method: SplitMethodKind;
  /** The cell's reference value (history, potential, current) if the method had one. */
  reference: Fixed | null;
  /** The integer weight the cell was split by (0 for held and clamped cells). */
  weight: bigint;
  /** weight / sum of the free cells' weights, at RATIO_DECIMALS; null for held and clamped cells. */
  share: Dec | null;
  /** The unrounded amount the share gives (50 significant digits); for held/clamped cells, the value. */
  exactShare: Dec;
  /** value − exactShare truncated to whole units: 0, +1 or −1 unit, or 0 for held/clamped cells. */
  roundingAdjustment: bigint;
  held: boolean;
  clamped: "MIN" | "MAX" | null;
}

export interface SplitSuccess {
  ok: true;
  total: Fixed;
  parts: Fixed[];
  cells: SplitCellExplanation[];
  warnings: SplitWarning[];
  /** total − sum(parts): always zero except for MANUAL values that do not add up. */
  remainder: Fixed;
}

export interface SplitFailure {
  ok: false;
  error: SplitError;
}

export type SplitResult = SplitSuccess | SplitFailure;

const fail = (error: SplitError): SplitFailure => ({ ok: false, error });

function cellCount(method: SplitMethod): number {
  switch (method.kind) {
    case "EVEN":
      return method.cells;
    case "PROPORTIONAL":
    case "GROWTH":
      return method.reference.length;
    case "SEASONAL":
      return method.curve.weights.length;
    case "MANUAL":
      return method.values.length;
  }
}

function optionUnits(
  values: readonly (Fixed | null | undefined)[] | undefined,
  field: "held" | "min" | "max",
  n: number,
  scale: number,
): (bigint | null)[] | SplitError {
  if (values === undefined) return new Array<bigint | null>(n).fill(null);
  if (values.length !== n) return { code: "LENGTH_MISMATCH", field, expected: n, actual: values.length };
  const out: (bigint | null)[] = [];
  for (let i = 0; i < n; i++) {
    const v = values[i];
    if (v == null) out.push(null);
    else if (v.scale !== scale) return { code: "SCALE_MISMATCH", field, cell: i };
    else out.push(v.units);
  }
  return out;
}

function referenceWeights(reference: readonly Fixed[]): bigint[] | SplitError {
  const scale = reference[0]?.scale ?? 0;
  const out: bigint[] = [];
  for (let i = 0; i < reference.length; i++) {
    const r = reference[i]!;
    if (r.scale !== scale) return { code: "SCALE_MISMATCH", field: "reference", cell: i };
    if (r.units < 0n) return { code: "NEGATIVE_REFERENCE", cell: i };
    out.push(r.units);
  }
  return out;
}

/** (1 + g) × 10^RATIO_DECIMALS as an integer, or null when g ≤ −1 (nothing left to grow from). */
function growthFactor(rate: Dec | string): bigint | null {
  const factor = Fixed.round(new Dec(rate).plus(1), RATIO_DECIMALS, "HALF_EVEN").units;
  return factor <= 0n ? null : factor;
}

function methodWeights(method: SplitMethod, n: number): bigint[] | SplitError {
  switch (method.kind) {
    case "EVEN":
    case "MANUAL":
      return new Array<bigint>(n).fill(1n);
    case "SEASONAL":
    {
      const negative = method.curve.weights.findIndex((w) => w < 0n);
      return negative >= 0 ? { code: "NEGATIVE_REFERENCE", cell: negative } : [...method.curve.weights];
    }
    case "PROPORTIONAL":
      return referenceWeights(method.reference);
    case "GROWTH": {
      const base = referenceWeights(method.reference);
      if (!Array.isArray(base)) return base;
      const rates = method.growth;
      const perCell = Array.isArray(rates);
      if (perCell && rates.length !== n) return { code: "LENGTH_MISMATCH", field: "growth", expected: n, actual: rates.length };
      const shared = perCell ? null : growthFactor(rates as Dec | string);
      const out: bigint[] = [];
      for (let i = 0; i < n; i++) {
        const factor = perCell ? growthFactor((rates as readonly (Dec | string)[])[i]!) : shared;
        if (factor === null) return { code: "INVALID_GROWTH", cell: i };
        out.push(base[i]! * factor);
      }
      return out;
    }
  }
}

const isError = (x: unknown): x is SplitError => !Array.isArray(x);

function decimalOfUnits(numerator: bigint, denominator: bigint, scale: number): Dec {
  return new Dec(numerator.toString()).div(denominator.toString()).div(pow10(scale).toString());
}

/**
 * Splits `total` over cells by `method`. Never throws for bad business input
 * (infeasible bounds, negative references): it returns `{ ok: false, error }`.
 * Negative totals are allowed (a negative gap, a loss): split(−x) = −split(x).
 */
export function splitValue(total: Fixed, method: SplitMethod, options: SplitOptions = {}): SplitResult {
  const n = cellCount(method);
  if (!Number.isSafeInteger(n) || n <= 0) return fail({ code: "NO_CELLS" });
  const scale = total.scale;
  const held = optionUnits(options.held, "held", n, scale);
  if (isError(held)) return fail(held);
  const min = optionUnits(options.min, "min", n, scale);
  if (isError(min)) return fail(min);
  const max = optionUnits(options.max, "max", n, scale);
  if (isError(max)) return fail(max);
  const weights = methodWeights(method, n);
  if (isError(weights)) return fail(weights);
  const toFixed = (units: bigint) => Fixed.fromUnits(units, scale);
  const references: (Fixed | null)[] =
    method.kind === "PROPORTIONAL" || method.kind === "GROWTH" ? [...method.reference] : new Array<Fixed | null>(n).fill(null);

  if (method.kind === "MANUAL") return manualSplit(total, method.values, held, min, max);

  const outcome = splitUnits({ total: total.units, weights, held, min, max });
  if (!outcome.ok) {
    const e = outcome.error;
    if (e.code === "MIN_ABOVE_MAX") return fail(e);
    if (e.code === "NO_FREE_CELLS") return fail({ code: "NO_FREE_CELLS", remaining: toFixed(e.remaining) });
    return fail({
      code: "INFEASIBLE_BOUNDS",
      remaining: toFixed(e.remaining),
      minTotal: e.minTotal === null ? null : toFixed(e.minTotal),
      maxTotal: e.maxTotal === null ? null : toFixed(e.maxTotal),
    });
  }
  const warnings: SplitWarning[] = [];
  if (outcome.fellBackToEven) warnings.push({ code: "ZERO_REFERENCE_FALLBACK_EVEN" });
  const heldTotal = outcome.heldTotal;
  if (heldTotal !== 0n && (total.units >= 0n ? heldTotal > total.units : heldTotal < total.units)) {
    warnings.push({ code: "HELD_EXCEED_TOTAL", heldTotal: toFixed(heldTotal) });
  }
  const cells: SplitCellExplanation[] = outcome.parts.map((value, i) => {
    const status = outcome.status[i]!;
    const base = { method: method.kind, reference: references[i] ?? null };
    if (status !== "FREE") {
      return {
        ...base,
        weight: 0n,
        share: null,
        exactShare: decimalOfUnits(value, 1n, scale),
        roundingAdjustment: 0n,
        held: status === "HELD",
        clamped: status === "HELD" ? null : status,
      };
    }
    const weight = outcome.effectiveWeights[i]!;
    const numerator = outcome.freeAmount * weight;
    const truncated = numerator / outcome.freeWeightSum; // bigint division truncates toward zero
    return {
      ...base,
      weight,
      share: ratioOf(weight, outcome.freeWeightSum),
      exactShare: decimalOfUnits(numerator, outcome.freeWeightSum, scale),
      roundingAdjustment: value - truncated,
      held: false,
      clamped: null,
    };
  });
  return { ok: true, total, parts: outcome.parts.map(toFixed), cells, warnings, remainder: toFixed(0n) };
}

function manualSplit(
  total: Fixed,
  values: readonly Fixed[],
  held: readonly (bigint | null)[],
  min: readonly (bigint | null)[],
  max: readonly (bigint | null)[],
): SplitResult {
  const scale = total.scale;
  const parts: bigint[] = [];
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (v.scale !== scale) return fail({ code: "SCALE_MISMATCH", field: "values", cell: i });
    const h = held[i] ?? null;
    const units = h ?? v.units;
    if (h === null && ((min[i] != null && units < min[i]!) || (max[i] != null && units > max[i]!))) {
      return fail({ code: "MANUAL_OUT_OF_BOUNDS", cell: i });
    }
    parts.push(units);
  }
  const remainder = total.units - parts.reduce((a, b) => a + b, 0n);
  const remainderFixed = Fixed.fromUnits(remainder, scale);
  return {
    ok: true,
    total,
    parts: parts.map((u) => Fixed.fromUnits(u, scale)),
    cells: parts.map((u, i) => ({
      method: "MANUAL" as const,
      reference: null,
      weight: 0n,
      share: null,
      exactShare: decimalOfUnits(u, 1n, scale),
      roundingAdjustment: 0n,
      held: held[i] != null,
      clamped: null,
    })),
    warnings: remainder === 0n ? [] : [{ code: "MANUAL_REMAINDER", remainder: remainderFixed }],
    remainder: remainderFixed,
  };
}

/**
 * Bottom-up growth ("the parent follows"): each cell = reference × (1 + g),
 * rounded at the reference's scale by `mode`; the total is the exact sum of
 * the rounded cells. Use this when each child proposes its own growth.
 */
export function growFromReference(
  reference: readonly Fixed[],
  growth: Dec | string | readonly (Dec | string)[],
  mode: "HALF_UP" | "HALF_EVEN" = "HALF_UP",
): { parts: Fixed[]; total: Fixed } {
  const scale = reference[0]?.scale ?? 0;
  const parts = reference.map((r, i) => {
    const g = Array.isArray(growth) ? (growth as readonly (Dec | string)[])[i] : (growth as Dec | string);
    if (g === undefined) throw new RangeError(`no growth rate for cell ${i}`);
    return r.times(new Dec(g).plus(1), mode);
  });
  let total = 0n;
  for (const p of parts) {
    if (p.scale !== scale) throw new RangeError("mixed scales in reference");
    total += p.units;
  }
  return { parts, total: Fixed.fromUnits(total, scale) };
}

// =================================================== several dimensions

export interface GridSplitSuccess {
  ok: true;
  total: Fixed;
  /** The split of the total over rows (e.g. 品规 by last year's mix). */
  rowSplit: SplitSuccess;
  /** The split of each row total over the columns (e.g. months by that spec's curve). */
  rowSplits: SplitSuccess[];
  /** values[row][column]. */
  values: Fixed[][];
  /** Sum of each column's cells (derived, not independently targeted). */
  columnTotals: Fixed[];
}

export type GridSplitError = SplitError | { code: "ROW_WIDTH_MISMATCH"; expected: number; actual: number };

export type GridSplitResult = GridSplitSuccess | { ok: false; error: GridSplitError; row: number | null };

/**
 * Splits one figure over rows × columns in one call, e.g. a county's year →
 * 10 specs × 12 months: first over rows by `rowMethod`, then each row total
 * over the columns by `columnMethod(row)` (a seasonal curve per spec).
 * Exact margins: the grand total and every row total. Column totals are the
 * sums of the rounded cells; they are consistent by construction, but no
 * separate column target is imposed (fixing both margins is a matrix rounding
 * problem this does not solve).
 */
export function splitGrid(
  total: Fixed,
  rowMethod: SplitMethod,
  columnMethod: SplitMethod | ((row: number) => SplitMethod),
  options: { rows?: SplitOptions; columns?: (row: number) => SplitOptions } = {},
): GridSplitResult {
  const rowSplit = splitValue(total, rowMethod, options.rows);
  if (!rowSplit.ok) return { ok: false, error: rowSplit.error, row: null };
  const rowSplits: SplitSuccess[] = [];
  for (let r = 0; r < rowSplit.parts.length; r++) {
    const method = typeof columnMethod === "function" ? columnMethod(r) : columnMethod;
    const result = splitValue(rowSplit.parts[r]!, method, options.columns?.(r));
    if (!result.ok) return { ok: false, error: result.error, row: r };
    rowSplits.push(result);
  }
  const width = rowSplits[0]?.parts.length ?? 0;
  const columnUnits = new Array<bigint>(width).fill(0n);
  for (let r = 0; r < rowSplits.length; r++) {
    const parts = rowSplits[r]!.parts;
    if (parts.length !== width) {
      return { ok: false, error: { code: "ROW_WIDTH_MISMATCH", expected: width, actual: parts.length }, row: r };
    }
    parts.forEach((p, c) => (columnUnits[c]! += p.units));
  }
  return {
    ok: true,
    total,
    rowSplit,
    rowSplits,
    values: rowSplits.map((r) => r.parts),
    columnTotals: columnUnits.map((u) => Fixed.fromUnits(u, total.scale)),
  };
}
