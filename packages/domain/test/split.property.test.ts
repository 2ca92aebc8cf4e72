// Property tests for splitting: over random vectors, every method's parts
// sum exactly to the whole, held cells never move, bounds hold, and the
// largest-remainder rounding stays within one unit of the exact share.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Fixed } from "../src/fixed.js";
import { apportionUnits, splitValue, type SplitMethod, type SplitOptions } from "../src/split.js";

const SCALE = 2;
const fx = (units: bigint) => Fixed.fromUnits(units, SCALE);
const sum = (values: readonly Fixed[]) => values.reduce((a, v) => a + v.units, 0n);

const amount = fc.bigInt({ min: -(10n ** 12n), max: 10n ** 12n });
const weight = fc.oneof(fc.constant(0n), fc.bigInt({ min: 0n, max: 50n }), fc.bigInt({ min: 0n, max: 10n ** 10n }));
const growthRate = fc.integer({ min: -999_999, max: 2_000_000 }).map((micro) => (micro / 1_000_000).toFixed(6));

/** A method over n cells (SEASONAL forces 12). */
function methodFor(n: number): fc.Arbitrary<SplitMethod> {
  const reference = fc.array(weight, { minLength: n, maxLength: n }).map((ws) => ws.map(fx));
  return fc.oneof(
    fc.constant<SplitMethod>({ kind: "EVEN", cells: n }),
    reference.map((r): SplitMethod => ({ kind: "PROPORTIONAL", reference: r })),
    fc
      .array(weight, { minLength: 12, maxLength: 12 })
      .map((ws): SplitMethod => ({ kind: "SEASONAL", curve: { code: "P", nameZh: "p", nameEn: "p", weights: ws } })),
    fc
      .tuple(reference, fc.array(growthRate, { minLength: n, maxLength: n }))
      .map(([r, g]): SplitMethod => ({ kind: "GROWTH", reference: r, growth: g })),
  );
}

const cellsOf = (m: SplitMethod) => (m.kind === "SEASONAL" ? 12 : m.kind === "EVEN" ? m.cells : m.kind === "MANUAL" ? m.values.length : m.reference.length);

const optionsFor = (n: number): fc.Arbitrary<SplitOptions> => {
  const maybe = (arb: fc.Arbitrary<bigint>) =>
    fc.array(fc.option(arb.map(fx), { nil: null, freq: 3 }), { minLength: n, maxLength: n });
  return fc.record({
    held: maybe(fc.bigInt({ min: -(10n ** 6n), max: 10n ** 9n })),
    min: maybe(fc.bigInt({ min: -(10n ** 9n), max: 10n ** 9n })),
    max: maybe(fc.bigInt({ min: -(10n ** 6n), max: 10n ** 11n })),
  });
};

const problem = fc
  .integer({ min: 1, max: 24 })
  .chain((n) => methodFor(n))
  .chain((method) => fc.tuple(fc.constant(method), amount, optionsFor(cellsOf(method))));

describe("split properties", () => {
  it("every method's parts sum exactly to the whole, with no options", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 40 }).chain(methodFor),
        amount,
        (method, total) => {
          const r = splitValue(fx(total), method);
          expect(r.ok).toBe(true);
          if (r.ok) {
            expect(sum(r.parts)).toBe(total);
            expect(r.parts).toHaveLength(cellsOf(method));
          }
        },
      ),
      { numRuns: 400 },
    );
  });

  it("with held cells and bounds: exact sum, held unchanged, bounds kept, or a truthful error", () => {
    fc.assert(
      fc.property(problem, ([method, total, options]) => {
        const r = splitValue(fx(total), method, options);
        const n = cellsOf(method);
        const held = options.held ?? [];
        const heldTotal = held.reduce((a, h) => a + (h?.units ?? 0n), 0n);
        const remaining = total - heldTotal;
        const free = Array.from({ length: n }, (_, i) => i).filter((i) => held[i] == null);
        if (r.ok) {
          expect(sum(r.parts)).toBe(total);
          for (let i = 0; i < n; i++) {
            const h = held[i];
            if (h != null) expect(r.parts[i]!.units).toBe(h.units);
            else {
              const lo = options.min?.[i];
              const hi = options.max?.[i];
              if (lo != null) expect(r.parts[i]!.units >= lo.units).toBe(true);
              if (hi != null) expect(r.parts[i]!.units <= hi.units).toBe(true);
            }
          }
          return;
        }
        const e = r.error;
        if (e.code === "NO_FREE_CELLS") {
          expect(free).toHaveLength(0);
          expect(remaining).not.toBe(0n);
        } else if (e.code === "MIN_ABOVE_MAX") {
          expect(options.min?.[e.cell]!.units).toBeGreaterThan(options.max?.[e.cell]!.units as bigint);
        } else if (e.code === "INFEASIBLE_BOUNDS") {
          const mins = free.map((i) => options.min?.[i]);
          const maxs = free.map((i) => options.max?.[i]);
          const minTotal = mins.every((m) => m != null) ? mins.reduce((a, m) => a + m!.units, 0n) : null;
          const maxTotal = maxs.every((m) => m != null) ? maxs.reduce((a, m) => a + m!.units, 0n) : null;
          expect((minTotal !== null && remaining < minTotal) || (maxTotal !== null && remaining > maxTotal)).toBe(true);
        } else {
          throw new Error(`unexpected error ${e.code}`);
        }
      }),
      { numRuns: 600 },
    );
  });

  it("a proportional part is within one unit of its exact share", () => {
    fc.assert(
      fc.property(
        fc.array(weight, { minLength: 1, maxLength: 40 }).filter((ws) => ws.some((w) => w > 0n)),
        amount,
        (weights, total) => {
          const r = splitValue(fx(total), { kind: "PROPORTIONAL", reference: weights.map(fx) });
          if (!r.ok) throw new Error(r.error.code);
          const W = weights.reduce((a, b) => a + b, 0n);
          r.parts.forEach((p, i) => {
            const scaledError = p.units * W - total * weights[i]!;
            expect(scaledError < W && scaledError > -W).toBe(true);
          });
          expect(r.cells.every((c) => c.roundingAdjustment >= -1n && c.roundingAdjustment <= 1n)).toBe(true);
        },
      ),
      { numRuns: 400 },
    );
  });

  it("splitting a negative figure mirrors the positive one", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 30 }).chain(methodFor), amount, (method, total) => {
        const pos = splitValue(fx(total), method);
        const neg = splitValue(fx(-total), method);
        if (!pos.ok || !neg.ok) throw new Error("split failed");
        expect(neg.parts.map((p) => p.units)).toEqual(pos.parts.map((p) => -p.units));
      }),
    );
  });

  it("MANUAL parts plus the reported remainder equal the whole", () => {
    fc.assert(
      fc.property(fc.array(amount, { minLength: 1, maxLength: 20 }), amount, (values, total) => {
        const r = splitValue(fx(total), { kind: "MANUAL", values: values.map(fx) });
        if (!r.ok) throw new Error(r.error.code);
        expect(sum(r.parts) + r.remainder.units).toBe(total);
        expect(r.warnings.length === 0).toBe(r.remainder.isZero());
      }),
    );
  });

  it("linear-time selection gives the same parts as a full sort by the tie-break rule", () => {
    const reference = (total: bigint, weights: bigint[]) => {
      const W = weights.reduce((a, b) => a + b, 0n);
      const floors = weights.map((w) => (total * w) / W);
      const rems = weights.map((w, i) => total * w - floors[i]! * W);
      const order = weights.map((_, i) => i);
      order.sort((a, b) => {
        if (rems[a] !== rems[b]) return rems[a]! > rems[b]! ? -1 : 1;
        if (weights[a] !== weights[b]) return weights[a]! > weights[b]! ? -1 : 1;
        return a - b;
      });
      const left = Number(total - floors.reduce((a, b) => a + b, 0n));
      for (let k = 0; k < left; k++) floors[order[k]!]! += 1n;
      return floors;
    };
    fc.assert(
      fc.property(
        fc.array(fc.bigInt({ min: 0n, max: 6n }), { minLength: 1, maxLength: 300 }).filter((ws) => ws.some((w) => w > 0n)),
        fc.bigInt({ min: 0n, max: 10n ** 6n }),
        (weights, total) => {
          expect(apportionUnits(total, weights)).toEqual(reference(total, weights));
        },
      ),
      { numRuns: 300 },
    );
  });
});
