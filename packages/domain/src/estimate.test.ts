import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { estimateYear, type EstimateMethod } from "./estimate.js";
import { money } from "./fixed.js";

const months = (...values: (number | null)[]): (bigint | null)[] => values.map((v) => (v === null ? null : BigInt(v)));
const fen = (text: string) => money(text).units;

describe("estimateYear by run rate (按已实现月均)", () => {
  it("continues the monthly average of the actual months", () => {
    // Jan–Oct 100 each: the average is 100, so November and December are 100 each.
    const result = estimateYear({
      actual: months(100, 100, 100, 100, 100, 100, 100, 100, 100, 100, null, null),
      actualThrough: 10,
      method: "RUN_RATE",
    });
    expect(result.months).toEqual(months(100, 100, 100, 100, 100, 100, 100, 100, 100, 100, 100, 100));
    expect(result.estimated).toEqual([false, false, false, false, false, false, false, false, false, false, true, true]);
    expect(result).toMatchObject({
      methodUsed: "RUN_RATE",
      fallback: null,
      actualToDate: 1000n,
      estimatedTotal: 200n,
      year: 1200n,
    });
  });

  it("rounds the estimated total once (四舍五入) and gives the odd unit to the earlier month", () => {
    // 1,005 over 10 months: 2 × 100.5 = 201 exactly → 101 + 100.
    const odd = estimateYear({
      actual: months(105, 100, 100, 100, 100, 100, 100, 100, 100, 100, 0, 0),
      actualThrough: 10,
      method: "RUN_RATE",
    });
    expect(odd.months.slice(10)).toEqual([101n, 100n]);
    expect(odd.year).toBe(1206n);
    // 1,001 over 10 months: 2 × 100.1 = 200.2 → 200 → 100 + 100.
    const down = estimateYear({
      actual: months(101, 100, 100, 100, 100, 100, 100, 100, 100, 100, 7, 7),
      actualThrough: 10,
      method: "RUN_RATE",
    });
    expect(down.months.slice(10)).toEqual([100n, 100n]);
    expect(down.estimatedTotal).toBe(200n);
    // 7 months of 1 fen each, 5 months to go: 5 × 7/7 = 5 fen, one each.
    const small = estimateYear({ actual: months(1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0), actualThrough: 7, method: "RUN_RATE" });
    expect(small.months).toEqual(months(1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1));
  });

  it("counts a month to date without an actual as zero, and keeps it empty", () => {
    // Jan–Mar: 300, none, 300 → 600 over 3 months = 200 a month for the 9 to go.
    const result = estimateYear({
      actual: months(300, null, 300, 999, 0, 0, 0, 0, 0, 0, 0, 0),
      actualThrough: 3,
      method: "RUN_RATE",
    });
    expect(result.months).toEqual(months(300, null, 300, 200, 200, 200, 200, 200, 200, 200, 200, 200));
    expect(result.year).toBe(2400n);
  });

  it("works on money in fen: 1,234,567.89 元 over ten months", () => {
    // Average 123,456.789 元; two months: 246,913.578 → 246,913.58 元, split 123,456.79 + 123,456.79.
    const actual: (bigint | null)[] = new Array(12).fill(null);
    actual[0] = fen("1234567.89");
    for (let i = 1; i < 10; i++) actual[i] = 0n;
    const result = estimateYear({ actual, actualThrough: 10, method: "RUN_RATE" });
    expect(result.estimatedTotal).toBe(fen("246913.58"));
    expect(result.months.slice(10)).toEqual([fen("123456.79"), fen("123456.79")]);
    expect(result.year).toBe(fen("1481481.47"));
  });
});

describe("estimateYear by last year's seasonality (按前年季节性)", () => {
  it("gives the remaining months Y-2's share of the year, applied to the actual to date", () => {
    // Y-2: Jan–Oct 800, Nov 100, Dec 100. Y-1 to date 880 = 1.1 × 800, so Nov = Dec = 110.
    const result = estimateYear({
      actual: months(88, 88, 88, 88, 88, 88, 88, 88, 88, 88, null, null),
      actualThrough: 10,
      reference: months(80, 80, 80, 80, 80, 80, 80, 80, 80, 80, 100, 100),
      method: "LAST_YEAR_SEASONALITY",
    });
    expect(result.months.slice(10)).toEqual([110n, 110n]);
    expect(result).toMatchObject({ methodUsed: "LAST_YEAR_SEASONALITY", fallback: null, estimatedTotal: 220n, year: 1100n });
  });

  it("follows Y-2's own months: a small November and a big December", () => {
    // Y-2 to date 800, Nov 80, Dec 120. Y-1 to date 1,000: 1000 × 200/800 = 250 → 100 and 150.
    const result = estimateYear({
      actual: months(100, 100, 100, 100, 100, 100, 100, 100, 100, 100, null, null),
      actualThrough: 10,
      reference: months(80, 80, 80, 80, 80, 80, 80, 80, 80, 80, 80, 120),
      method: "LAST_YEAR_SEASONALITY",
    });
    expect(result.months.slice(10)).toEqual([100n, 150n]);
  });

  it("rounds the total once and spreads it by largest remainder", () => {
    // Y-2: to date 3, Nov 1, Dec 2. Y-1 to date 10: total 10 × 3/3 = 10; shares 3⅓ and 6⅔ → 3 and 7.
    const result = estimateYear({
      actual: months(1, 1, 1, 1, 1, 1, 1, 1, 1, 1, null, null),
      actualThrough: 10,
      reference: months(1, 0, 0, 0, 0, 0, 2, 0, 0, 0, 1, 2),
      method: "LAST_YEAR_SEASONALITY",
    });
    expect(result.months.slice(10)).toEqual([3n, 7n]);
    // Y-1 to date 7 with the same Y-2: 7 × 3/3 = 7 → 2⅓ and 4⅔ → 2 and 5.
    const seven = estimateYear({
      actual: months(7, 0, 0, 0, 0, 0, 0, 0, 0, 0, null, null),
      actualThrough: 10,
      reference: months(1, 0, 0, 0, 0, 0, 2, 0, 0, 0, 1, 2),
      method: "LAST_YEAR_SEASONALITY",
    });
    expect(seven.months.slice(10)).toEqual([2n, 5n]);
    // Y-2 to date 3, rest 1 + 1: Y-1 to date 10 → 10 × 2/3 = 6.67 → 7 → 4 (November, the earlier) + 3.
    const tie = estimateYear({
      actual: months(10, 0, 0, 0, 0, 0, 0, 0, 0, 0, null, null),
      actualThrough: 10,
      reference: months(3, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1),
      method: "LAST_YEAR_SEASONALITY",
    });
    expect(tie.months.slice(10)).toEqual([4n, 3n]);
    expect(tie.year).toBe(17n);
  });

  it("estimates nothing to come when Y-2 sold nothing in the remaining months", () => {
    const result = estimateYear({
      actual: months(5, 5, 5, 5, 5, 5, 5, 5, 5, 5, null, null),
      actualThrough: 10,
      reference: months(5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 0, null),
      method: "LAST_YEAR_SEASONALITY",
    });
    expect(result.months.slice(10)).toEqual([0n, 0n]);
    expect(result.estimated.slice(10)).toEqual([true, true]);
    expect(result.methodUsed).toBe("LAST_YEAR_SEASONALITY");
  });

  it("falls back to the run rate, and says why, when Y-2 cannot give a share", () => {
    const actual = months(10, 10, 10, 10, 10, 10, 10, 10, 10, 10, null, null);
    const none = estimateYear({ actual, actualThrough: 10, method: "LAST_YEAR_SEASONALITY" });
    expect(none).toMatchObject({ methodUsed: "RUN_RATE", fallback: "NO_REFERENCE", year: 120n });
    const empty = estimateYear({
      actual,
      actualThrough: 10,
      reference: months(null, null, null, null, null, null, null, null, null, null, 50, 50),
      method: "LAST_YEAR_SEASONALITY",
    });
    expect(empty).toMatchObject({ methodUsed: "RUN_RATE", fallback: "REFERENCE_NOT_POSITIVE", year: 120n });
    const negative = estimateYear({
      actual,
      actualThrough: 10,
      reference: months(10, 10, 10, 10, 10, 10, 10, 10, 10, 10, -5, 20),
      method: "LAST_YEAR_SEASONALITY",
    });
    expect(negative).toMatchObject({ methodUsed: "RUN_RATE", fallback: "REFERENCE_NEGATIVE", year: 120n });
  });
});

describe("estimateYear: when there is nothing to estimate", () => {
  it("leaves a finished year as it is", () => {
    const actual = months(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12);
    const result = estimateYear({ actual, actualThrough: 12, method: "RUN_RATE" });
    expect(result).toMatchObject({ months: actual, methodUsed: null, estimatedTotal: 0n, year: 78n });
    expect(result.estimated.every((flag) => !flag)).toBe(true);
  });

  it("estimates nothing without any actual", () => {
    expect(estimateYear({ actual: months(...new Array(12).fill(null)), actualThrough: 10, method: "RUN_RATE" })).toMatchObject({
      year: null,
      methodUsed: null,
    });
    expect(estimateYear({ actual: months(...new Array(12).fill(5)), actualThrough: 0, method: "RUN_RATE" }).year).toBeNull();
  });

  it("refuses a malformed input", () => {
    expect(() => estimateYear({ actual: [1n], actualThrough: 1, method: "RUN_RATE" })).toThrow(/12 months/);
    expect(() => estimateYear({ actual: months(...new Array(12).fill(0)), actualThrough: 13, method: "RUN_RATE" })).toThrow(
      /0\.\.12/,
    );
  });
});

describe("estimateYear properties", () => {
  const amount = fc.bigInt({ min: 0n, max: 10n ** 13n });
  const year = fc.array(fc.option(amount, { nil: null }), { minLength: 12, maxLength: 12 });
  const method = fc.constantFrom<EstimateMethod>("LAST_YEAR_SEASONALITY", "RUN_RATE");

  /** round(a × b / c) half up, for a, b ≥ 0 and c > 0: (2ab + c) div 2c. */
  const roundHalfUp = (a: bigint, b: bigint, c: bigint) => (2n * a * b + c) / (2n * c);

  it("is exact: the year is the actual months plus the estimated months, and the estimate is the method's total", () => {
    fc.assert(
      fc.property(year, year, fc.integer({ min: 1, max: 11 }), method, (actual, reference, through, chosen) => {
        const result = estimateYear({ actual, actualThrough: through, reference, method: chosen });
        const toDate = actual.slice(0, through).reduce<bigint>((sum, v) => sum + (v ?? 0n), 0n);
        const anyActual = actual.slice(0, through).some((v) => v !== null);
        if (!anyActual) {
          expect(result.year).toBeNull();
          expect(result.estimated.every((flag) => !flag)).toBe(true);
          return;
        }
        // Actual months kept as given, estimated months flagged and filled.
        for (let i = 0; i < 12; i++) {
          if (i < through) {
            expect(result.months[i]).toBe(actual[i]);
            expect(result.estimated[i]).toBe(false);
          } else {
            expect(result.estimated[i]).toBe(true);
            expect(result.months[i]).not.toBeNull();
          }
        }
        const estimatedSum = result.months.slice(through).reduce<bigint>((sum, v) => sum + (v ?? 0n), 0n);
        expect(estimatedSum).toBe(result.estimatedTotal);
        expect(result.year).toBe(toDate + estimatedSum);
        // The total, worked independently.
        const refToDate = reference.slice(0, through).reduce<bigint>((sum, v) => sum + (v ?? 0n), 0n);
        const refRest = reference.slice(through).reduce<bigint>((sum, v) => sum + (v ?? 0n), 0n);
        const seasonal = chosen === "LAST_YEAR_SEASONALITY" && refToDate > 0n;
        expect(result.methodUsed).toBe(seasonal ? "LAST_YEAR_SEASONALITY" : "RUN_RATE");
        const expected = seasonal
          ? roundHalfUp(toDate, refRest, refToDate)
          : roundHalfUp(toDate, BigInt(12 - through), BigInt(through));
        expect(result.estimatedTotal).toBe(expected);
        // Each estimated month is its exact share of that total, rounded down or up by less than one unit.
        const weights = seasonal ? reference.slice(through).map((v) => v ?? 0n) : new Array<bigint>(12 - through).fill(1n);
        const weightSum = weights.reduce((a, b) => a + b, 0n);
        result.months.slice(through).forEach((value, k) => {
          const exactTimesW = expected * weights[k]!;
          const diff = value! * weightSum - exactTimesW;
          if (weightSum > 0n) expect(diff < 0n ? -diff : diff).toBeLessThan(weightSum);
          else expect(value).toBe(0n);
        });
      }),
      { numRuns: 500 },
    );
  });

  it("never gives a negative month for non-negative input", () => {
    fc.assert(
      fc.property(
        year,
        fc.option(year, { nil: null }),
        fc.integer({ min: 0, max: 12 }),
        method,
        (actual, reference, through, chosen) => {
          const result = estimateYear({ actual, actualThrough: through, reference, method: chosen });
          for (const value of result.months) if (value !== null) expect(value >= 0n).toBe(true);
        },
      ),
      { numRuns: 500 },
    );
  });
});
