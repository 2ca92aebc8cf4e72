// The estimate (预估) of a year that is not over yet. Plans are drafted in
// November and December (岁末年初), so last year's figure (Y-1) is the actual to
// date plus an estimate of the months without actuals; the planner sees which
// method made it and can change it (the plan stores its choice):
//
//   LAST_YEAR_SEASONALITY  the months without actuals take the share of the year
//                          they had in the year before (Y-2), applied to the
//                          actual to date:
//                            estimated total = actual to date × ΣY-2(rest) / ΣY-2(to date)
//                          spread over the remaining months by Y-2's months.
//   RUN_RATE               each remaining month is the average of the actual months:
//                            estimated total = actual to date × remaining months / actual months
//                          spread evenly.
//
// Exact: amounts are integer units (fen, cases); the estimated total is rounded
// once, HALF_UP (四舍五入), and spread by largest remainder (apportionUnits), so
// the estimated months add up to it exactly and the year is the actual to date
// plus the estimated months, to the unit. Non-negative actuals never give a
// negative estimate. Seasonality needs a Y-2 whose months to date sum to more
// than zero and whose remaining months are not negative; otherwise the run rate
// stands in, and the result says why (`fallback`).
import type { BilingualLabel } from "./org.js";
import { divRound } from "./fixed.js";
import { apportionUnits } from "./split.js";

export const ESTIMATE_METHODS = ["LAST_YEAR_SEASONALITY", "RUN_RATE"] as const;
export type EstimateMethod = (typeof ESTIMATE_METHODS)[number];

/** A new plan's method (the database column's default is the same). */
export const DEFAULT_ESTIMATE_METHOD: EstimateMethod = "LAST_YEAR_SEASONALITY";

export const ESTIMATE_METHOD_LABELS: Readonly<Record<EstimateMethod, BilingualLabel>> = {
  LAST_YEAR_SEASONALITY: { zh: "按前年季节性", en: "By the year before's seasonality" },
  RUN_RATE: { zh: "按已实现月均", en: "By the monthly run rate" },
};

export function isEstimateMethod(value: unknown): value is EstimateMethod {
  return typeof value === "string" && (ESTIMATE_METHODS as readonly string[]).includes(value);
}

/**
 * Why the run rate stood in for seasonality:
 * NO_REFERENCE — no Y-2 months were given;
 * REFERENCE_NOT_POSITIVE — Y-2's months to date sum to zero or less (nothing to take a share of);
 * REFERENCE_NEGATIVE — a remaining Y-2 month is negative (not a share).
 */
export type EstimateFallback = "NO_REFERENCE" | "REFERENCE_NOT_POSITIVE" | "REFERENCE_NEGATIVE";

export interface YearEstimateInput {
  /**
   * The year being estimated, 12 months in integer units. Months 1..actualThrough
   * are its actuals (null: no actual that month, counted as 0); later months are not read.
   */
  readonly actual: readonly (bigint | null | undefined)[];
  /** The last month with actuals loaded: 0 (none) … 12 (the year is over). */
  readonly actualThrough: number;
  /** The year before (Y-2), 12 months in the same units: the seasonality. */
  readonly reference?: readonly (bigint | null | undefined)[] | null;
  readonly method: EstimateMethod;
}

export interface YearEstimate {
  /** 12 months: the actual months as given, the estimated months filled in; null where there is neither. */
  readonly months: (bigint | null)[];
  /** Per month: true when the value is an estimate. */
  readonly estimated: boolean[];
  /** The method that made the estimated months; null when nothing was estimated. */
  readonly methodUsed: EstimateMethod | null;
  /** Set when seasonality was asked for and the run rate stood in. */
  readonly fallback: EstimateFallback | null;
  /** Σ of the actual months (nulls as 0). */
  readonly actualToDate: bigint;
  /** Σ of the estimated months (0 when none). */
  readonly estimatedTotal: bigint;
  /** actualToDate + estimatedTotal; null when there is no actual at all. */
  readonly year: bigint | null;
}

export class EstimateInputError extends RangeError {
  constructor(message: string) {
    super(message);
    this.name = "EstimateInputError";
  }
}

function twelve(values: readonly (bigint | null | undefined)[], what: string): void {
  if (values.length !== 12) throw new EstimateInputError(`${what}: expected 12 months, got ${values.length}`);
}

/**
 * Completes a year that has actuals through `actualThrough` with an estimate of
 * the remaining months by `method` (see the module header). Nothing is estimated
 * when the year is over (actualThrough 12) or has no actual at all (every month
 * to date null, or actualThrough 0): there is nothing to estimate from.
 */
export function estimateYear(input: YearEstimateInput): YearEstimate {
  const { actual, actualThrough, reference, method } = input;
  twelve(actual, "actual");
  if (reference != null) twelve(reference, "reference");
  if (!Number.isInteger(actualThrough) || actualThrough < 0 || actualThrough > 12) {
    throw new EstimateInputError(`actualThrough must be a month 0..12, got ${actualThrough}`);
  }
  const months: (bigint | null)[] = new Array<bigint | null>(12).fill(null);
  const estimated = new Array<boolean>(12).fill(false);
  let actualToDate = 0n;
  let anyActual = false;
  for (let i = 0; i < actualThrough; i++) {
    const value = actual[i];
    if (value == null) continue;
    months[i] = value;
    actualToDate += value;
    anyActual = true;
  }
  const nothing = (): YearEstimate => ({
    months,
    estimated,
    methodUsed: null,
    fallback: null,
    actualToDate,
    estimatedTotal: 0n,
    year: anyActual ? actualToDate : null,
  });
  if (!anyActual || actualThrough === 12) return nothing();

  const remaining = 12 - actualThrough;
  let used: EstimateMethod = "RUN_RATE";
  let fallback: EstimateFallback | null = null;
  let total: bigint;
  let weights: bigint[];

  if (method === "LAST_YEAR_SEASONALITY") {
    let referenceToDate = 0n;
    let referenceRest = 0n;
    const rest: bigint[] = [];
    if (reference == null) fallback = "NO_REFERENCE";
    else {
      for (let i = 0; i < 12; i++) {
        const value = reference[i] ?? 0n;
        if (i < actualThrough) referenceToDate += value;
        else {
          rest.push(value);
          referenceRest += value;
          if (value < 0n) fallback = "REFERENCE_NEGATIVE";
        }
      }
      if (fallback === null && referenceToDate <= 0n) fallback = "REFERENCE_NOT_POSITIVE";
    }
    if (fallback === null) {
      used = "LAST_YEAR_SEASONALITY";
      total = divRound(actualToDate * referenceRest, referenceToDate, "HALF_UP");
      weights = rest;
    }
  }
  if (used === "RUN_RATE") {
    total = divRound(actualToDate * BigInt(remaining), BigInt(actualThrough), "HALF_UP");
    weights = new Array<bigint>(remaining).fill(1n);
  }
  // Zero weights everywhere (Y-2 sold nothing in the remaining months): nothing is estimated to come.
  const parts = weights!.some((w) => w > 0n) ? apportionUnits(total!, weights!) : weights!.map(() => 0n);
  for (let k = 0; k < remaining; k++) {
    months[actualThrough + k] = parts[k] ?? 0n;
    estimated[actualThrough + k] = true;
  }
  return {
    months,
    estimated,
    methodUsed: used,
    fallback,
    actualToDate,
    estimatedTotal: total!,
    year: actualToDate + total!,
  };
}
