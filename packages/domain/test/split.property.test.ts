// Property tests for splitting: over random inputs, every method's parts sum
// exactly to the whole, held cells never move, bounds hold, rounding stays
// within one unit of the exact share, a cell's value depends on its key and
// never on its position, and a grid is exact on the total, every row and every
// column. Exact shares here come from a small rational oracle written from the
// definition (total × weight / weight sum), not from the engine's code.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Fixed } from "../src/fixed.js";
import { splitGrid, type GridSplitSuccess } from "../src/split-grid.js";
import { apportionUnits, findRepeatedKey, splitValue, type SplitCell, type SplitMethod } from "../src/split.js";

const SCALE = 2;
const fx = (units: bigint) => Fixed.fromUnits(units, SCALE);
const sum = (values: readonly Fixed[]) => values.reduce((a, v) => a + v.units, 0n);

const amount = fc.bigInt({ min: -(10n ** 12n), max: 10n ** 12n });
const weight = fc.oneof(fc.constant(0n), fc.bigInt({ min: 0n, max: 50n }), fc.bigInt({ min: 0n, max: 10n ** 10n }));
const growthRate = fc.integer({ min: -999_999, max: 2_000_000 }).map((micro) => (micro / 1_000_000).toFixed(6));
const keyOf = (i: number) => `c${String(i).padStart(3, "0")}`;

/** floor(n / d) for d > 0 (bigint division truncates toward zero). */
const floorDiv = (n: bigint, d: bigint) => {
  const q = n / d;
  return q * d > n ? q - 1n : q;
};
/** a / b + c / d, unreduced. */
const addFraction = ([a, b]: [bigint, bigint], [c, d]: [bigint, bigint]): [bigint, bigint] => [a * d + c * b, b * d];
/** A value on the floor or ceil of the fraction n / d (d > 0). */
const onFloorOrCeil = (value: bigint, [n, d]: [bigint, bigint]) => {
  const floor = floorDiv(n, d);
  return value === floor || (value === floor + 1n && floor * d !== n);
};

/** A method and n keyed cells for it (SEASONAL forces 12 cells, one per month). */
const methodAndCells = (n: number): fc.Arbitrary<{ method: SplitMethod; cells: SplitCell[] }> => {
  const keys = Array.from({ length: n }, (_, i) => keyOf(i));
  return fc.oneof(
    fc.constant({ method: { kind: "EVEN" } as SplitMethod, cells: keys.map((key) => ({ key })) }),
    fc.array(weight, { minLength: n, maxLength: n }).map((ws) => ({
      method: { kind: "PROPORTIONAL" } as SplitMethod,
      cells: ws.map((w, i) => ({ key: keys[i]!, reference: fx(w) })),
    })),
    fc.array(weight, { minLength: 12, maxLength: 12 }).map((ws) => ({
      method: { kind: "SEASONAL", curve: { code: "P", nameZh: "p", nameEn: "p", basis: "RELATIVE", weights: ws } } as SplitMethod,
      cells: ws.map((_, m) => ({ key: `m${String(m + 1).padStart(2, "0")}`, month: m + 1 })),
    })),
    fc
      .tuple(fc.array(weight, { minLength: n, maxLength: n }), fc.array(growthRate, { minLength: n, maxLength: n }))
      .map(([ws, gs]) => ({
        method: { kind: "GROWTH" } as SplitMethod,
        cells: ws.map((w, i) => ({ key: keys[i]!, reference: fx(w), growth: gs[i]! })),
      })),
  );
};

const withOptions = ({ method, cells }: { method: SplitMethod; cells: SplitCell[] }) => {
  const maybe = (arb: fc.Arbitrary<bigint>) =>
    fc.array(fc.option(arb.map(fx), { nil: null, freq: 3 }), { minLength: cells.length, maxLength: cells.length });
  return fc
    .record({
      held: maybe(fc.bigInt({ min: -(10n ** 6n), max: 10n ** 9n })),
      min: maybe(fc.bigInt({ min: -(10n ** 9n), max: 10n ** 9n })),
      max: maybe(fc.bigInt({ min: -(10n ** 6n), max: 10n ** 11n })),
    })
    .map(({ held, min, max }) => ({ method, cells: cells.map((c, i) => ({ ...c, held: held[i], min: min[i], max: max[i] })) }));
};

describe("split properties", () => {
  it("every method's parts sum exactly to the whole, with no options (400 runs)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 40 }).chain(methodAndCells), amount, ({ method, cells }, total) => {
        const r = splitValue(fx(total), cells, method);
        expect(r.ok).toBe(true);
        if (r.ok) {
          expect(sum(r.parts)).toBe(total);
          expect(r.parts).toHaveLength(cells.length);
        }
      }),
      { numRuns: 400 },
    );
  });

  it("with held cells and bounds: exact sum, held unchanged, bounds kept, or a truthful error (600 runs)", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 24 }).chain(methodAndCells).chain(withOptions),
        amount,
        fc.boolean(),
        ({ method, cells }, total, allowOpposite) => {
          const r = splitValue(fx(total), cells, method, { allowOppositeSignParts: allowOpposite });
          const heldTotal = cells.reduce((a, c) => a + (c.held?.units ?? 0n), 0n);
          const remaining = total - heldTotal;
          const free = cells.filter((c) => c.held == null);
          if (r.ok) {
            expect(sum(r.parts)).toBe(total);
            cells.forEach((c, i) => {
              const part = r.parts[i]!.units;
              if (c.held != null) expect(part).toBe(c.held.units);
              else {
                if (c.min != null) expect(part >= c.min.units).toBe(true);
                if (c.max != null) expect(part <= c.max.units).toBe(true);
              }
            });
            return;
          }
          const e = r.error;
          if (e.code === "HELD_EXCEED_TOTAL") {
            expect(allowOpposite).toBe(false);
            expect(total >= 0n ? heldTotal > total : heldTotal < total).toBe(true);
          } else if (e.code === "NO_FREE_CELLS") {
            expect(free).toHaveLength(0);
            expect(remaining).not.toBe(0n);
          } else if (e.code === "MIN_ABOVE_MAX") {
            const cell = cells.find((c) => c.key === e.key)!;
            expect(cell.min!.units > cell.max!.units).toBe(true);
          } else if (e.code === "INFEASIBLE_BOUNDS") {
            const minTotal = free.every((c) => c.min != null) ? free.reduce((a, c) => a + c.min!.units, 0n) : null;
            const maxTotal = free.every((c) => c.max != null) ? free.reduce((a, c) => a + c.max!.units, 0n) : null;
            expect((minTotal !== null && remaining < minTotal) || (maxTotal !== null && remaining > maxTotal)).toBe(true);
          } else {
            throw new Error(`unexpected error ${e.code}`);
          }
        },
      ),
      { numRuns: 600 },
    );
  });

  it("a proportional part is within one unit of its exact share (400 runs)", () => {
    fc.assert(
      fc.property(
        fc.array(weight, { minLength: 1, maxLength: 40 }).filter((ws) => ws.some((w) => w > 0n)),
        amount,
        (weights, total) => {
          const cells = weights.map((w, i) => ({ key: keyOf(i), reference: fx(w) }));
          const r = splitValue(fx(total), cells, { kind: "PROPORTIONAL" });
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

  it("any permutation of the cells gives the same value per key, ties included (500 runs)", () => {
    // Small weights make tied remainders common: 7 cells of weight 1–3 tie constantly.
    const cellsArb = fc
      .integer({ min: 1, max: 12 })
      .chain((n) =>
        fc
          .array(fc.bigInt({ min: 0n, max: 3n }), { minLength: n, maxLength: n })
          .map((ws) => ws.map((w, i) => ({ key: keyOf(i), reference: fx(w) }))),
      );
    fc.assert(
      fc.property(
        cellsArb.chain((cells) =>
          fc.tuple(fc.constant(cells), fc.shuffledSubarray(cells, { minLength: cells.length, maxLength: cells.length })),
        ),
        fc.bigInt({ min: -10000n, max: 10000n }),
        fc.constantFrom<SplitMethod>({ kind: "EVEN" }, { kind: "PROPORTIONAL" }),
        ([cells, shuffled], total, method) => {
          const a = splitValue(fx(total), cells, method);
          const b = splitValue(fx(total), shuffled, method);
          if (!a.ok || !b.ok) throw new Error("split failed");
          for (const c of cells) expect(b.partOf(c.key)!.units).toBe(a.partOf(c.key)!.units);
        },
      ),
      { numRuns: 500 },
    );
  });

  it("with every method, held cells and bounds: any permutation gives the same value per key, or the same refusal (300 runs)", () => {
    fc.assert(
      fc.property(
        fc
          .integer({ min: 1, max: 16 })
          .chain(methodAndCells)
          .chain(withOptions)
          .chain(({ method, cells }) =>
            fc.tuple(
              fc.constant(method),
              fc.constant(cells),
              fc.shuffledSubarray(cells, { minLength: cells.length, maxLength: cells.length }),
            ),
          ),
        amount,
        ([method, cells, shuffled], total) => {
          const a = splitValue(fx(total), cells, method);
          const b = splitValue(fx(total), shuffled, method);
          expect(b.ok).toBe(a.ok);
          if (!a.ok || !b.ok) {
            if (!a.ok && !b.ok) expect(b.error.code).toBe(a.error.code);
            return;
          }
          for (const c of cells) expect(b.partOf(c.key)!.units).toBe(a.partOf(c.key)!.units);
        },
      ),
      { numRuns: 300 },
    );
  });

  it("the hash-table key check finds the same first repeated key as a Set (300 runs)", () => {
    const oracle = (keys: string[]) => {
      const seen = new Set<string>();
      for (const k of keys) {
        if (seen.has(k)) return k;
        seen.add(k);
      }
      return null;
    };
    fc.assert(
      fc.property(
        fc.array(fc.string({ unit: fc.constantFrom("a", "b", "=", ";", "é", "分"), maxLength: 3 }), { maxLength: 200 }),
        (keys) => {
          expect(findRepeatedKey(keys)).toBe(oracle(keys));
        },
      ),
      { numRuns: 300 },
    );
  });

  it("splitting a negative figure mirrors the positive one (100 runs)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 30 }).chain(methodAndCells), amount, ({ method, cells }, total) => {
        const pos = splitValue(fx(total), cells, method);
        const neg = splitValue(fx(-total), cells, method);
        if (!pos.ok || !neg.ok) throw new Error("split failed");
        expect(neg.parts.map((p) => p.units)).toEqual(pos.parts.map((p) => -p.units));
      }),
    );
  });

  it("MANUAL parts plus the reported remainder equal the whole (100 runs)", () => {
    fc.assert(
      fc.property(fc.array(amount, { minLength: 1, maxLength: 20 }), amount, (values, total) => {
        const r = splitValue(
          fx(total),
          values.map((v, i) => ({ key: keyOf(i), value: fx(v) })),
          { kind: "MANUAL" },
        );
        if (!r.ok) throw new Error(r.error.code);
        expect(sum(r.parts) + r.remainder.units).toBe(total);
        expect(r.warnings.length === 0).toBe(r.remainder.isZero());
      }),
    );
  });

  it("linear-time selection gives the same parts as a full sort by the tie-break rule (300 runs)", () => {
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

// ------------------------------------------------------------------ grids

interface GridCase {
  total: bigint;
  rowWeights: bigint[];
  /** columnWeights[r][c] */
  columnWeights: bigint[][];
  /** held[r][c], null when free; rows whose every cell is held are held rows. */
  held: (bigint | null)[][];
}

const gridCase: fc.Arbitrary<GridCase> = fc
  .record({ rows: fc.integer({ min: 1, max: 7 }), columns: fc.integer({ min: 1, max: 7 }) })
  .chain(({ rows, columns }) => {
    const small = fc.oneof(fc.constant(0n), fc.bigInt({ min: 0n, max: 9n }), fc.bigInt({ min: 0n, max: 10n ** 6n }));
    return fc.record({
      total: fc.oneof(fc.bigInt({ min: -1000n, max: 1000n }), amount),
      rowWeights: fc.array(small, { minLength: rows, maxLength: rows }),
      // a zero column: weight 0 in every row, now and then
      zeroColumn: fc.option(fc.integer({ min: 0, max: columns - 1 }), { nil: null }),
      columnWeights: fc.array(fc.array(small, { minLength: columns, maxLength: columns }), { minLength: rows, maxLength: rows }),
      held: fc.array(
        fc.array(fc.option(fc.bigInt({ min: -500n, max: 5000n }), { nil: null, freq: 6 }), {
          minLength: columns,
          maxLength: columns,
        }),
        {
          minLength: rows,
          maxLength: rows,
        },
      ),
    });
  })
  .map(({ total, rowWeights, zeroColumn, columnWeights, held }) => ({
    total,
    rowWeights,
    columnWeights: columnWeights.map((row) => row.map((w, c) => (c === zeroColumn ? 0n : w))),
    // row 0 always has a free cell, so some row can take what is left
    held: held.map((row, r) => (r === 0 ? row.map(() => null) : row)),
  }));

const rowKey = (r: number) => `r${r}`;
const columnKey = (c: number) => `k${c}`;

function runGrid(g: GridCase, rowOrder: number[], columnOrder: number[]) {
  const rows: SplitCell[] = rowOrder.map((r) => ({ key: rowKey(r), reference: fx(g.rowWeights[r]!) }));
  const columns = (row: SplitCell): SplitCell[] => {
    const r = Number(row.key.slice(1));
    return columnOrder.map((c) => ({
      key: columnKey(c),
      reference: fx(g.columnWeights[r]![c]!),
      held: g.held[r]![c] == null ? null : fx(g.held[r]![c]!),
    }));
  };
  return splitGrid(
    fx(g.total),
    { rows, rowMethod: { kind: "PROPORTIONAL" }, columns, columnMethod: { kind: "PROPORTIONAL" } },
    { allowOppositeSignParts: true },
  );
}

/** The exact table by definition, as fractions [numerator, denominator]. */
function exactTable(g: GridCase): [bigint, bigint][][] {
  const m = g.rowWeights.length;
  const heldRow = g.held.map((row) => (row.every((h) => h !== null) ? row.reduce((a, h) => a + h!, 0n) : null));
  const freeRows = [...Array(m).keys()].filter((r) => heldRow[r] === null);
  const left = g.total - heldRow.reduce<bigint>((a, h) => a + (h ?? 0n), 0n);
  const weightSum = freeRows.reduce((a, r) => a + g.rowWeights[r]!, 0n);
  const evenRows = weightSum === 0n; // nothing to be proportional to: an even split
  const A = evenRows ? BigInt(freeRows.length) : weightSum;
  const rowWeight = (r: number) => (evenRows ? 1n : g.rowWeights[r]!);
  return g.held.map((row, r) => {
    const rowExact: [bigint, bigint] = heldRow[r] !== null ? [heldRow[r]!, 1n] : [left * rowWeight(r), A];
    const heldSum = row.reduce<bigint>((a, h) => a + (h ?? 0n), 0n);
    const freeAmount: [bigint, bigint] = [rowExact[0] - heldSum * rowExact[1], rowExact[1]];
    const freeColumns = row.map((h, c) => (h === null ? c : -1)).filter((c) => c >= 0);
    let B = freeColumns.reduce((a, c) => a + g.columnWeights[r]![c]!, 0n);
    const even = B === 0n;
    if (even) B = BigInt(freeColumns.length);
    return row.map((h, c): [bigint, bigint] =>
      h !== null ? [h, 1n] : [freeAmount[0] * (even ? 1n : g.columnWeights[r]![c]!), freeAmount[1] * B],
    );
  });
}

describe("grid properties (controlled rounding)", () => {
  it("total, every row and every column exact; each free cell on the floor or ceil of its exact share; held cells kept (400 runs)", () => {
    fc.assert(
      fc.property(gridCase, (g) => {
        const m = g.rowWeights.length;
        const n = g.columnWeights[0]!.length;
        const r = runGrid(g, [...Array(m).keys()], [...Array(n).keys()]);
        if (!r.ok) throw new Error(`${r.error.code} at ${r.row}`);
        const exact = exactTable(g);
        let grand = 0n;
        for (let row = 0; row < m; row++) {
          let rowExact: [bigint, bigint] = [0n, 1n];
          for (let c = 0; c < n; c++) {
            const v = r.values[row]![c]!.units;
            grand += v;
            rowExact = addFraction(rowExact, exact[row]![c]!);
            if (g.held[row]![c] !== null) expect(v).toBe(g.held[row]![c]);
            else expect(onFloorOrCeil(v, exact[row]![c]!)).toBe(true);
          }
          expect(onFloorOrCeil(r.rowTotals[row]!.units, rowExact)).toBe(true);
        }
        expect(grand).toBe(g.total);
        for (let c = 0; c < n; c++) {
          let columnExact: [bigint, bigint] = [0n, 1n];
          let columnSum = 0n;
          for (let row = 0; row < m; row++) {
            columnExact = addFraction(columnExact, exact[row]![c]!);
            columnSum += r.values[row]![c]!.units;
          }
          expect(r.columnTotals[c]!.units).toBe(columnSum);
          expect(onFloorOrCeil(columnSum, columnExact)).toBe(true);
        }
      }),
      { numRuns: 400 },
    );
  });

  it("any order of rows and columns gives the same value per key (300 runs)", () => {
    fc.assert(
      fc.property(
        gridCase.chain((g) =>
          fc.tuple(
            fc.constant(g),
            fc.shuffledSubarray([...Array(g.rowWeights.length).keys()], {
              minLength: g.rowWeights.length,
              maxLength: g.rowWeights.length,
            }),
            fc.shuffledSubarray([...Array(g.columnWeights[0]!.length).keys()], {
              minLength: g.columnWeights[0]!.length,
              maxLength: g.columnWeights[0]!.length,
            }),
          ),
        ),
        ([g, rowOrder, columnOrder]) => {
          const m = g.rowWeights.length;
          const n = g.columnWeights[0]!.length;
          const a = runGrid(g, [...Array(m).keys()], [...Array(n).keys()]) as GridSplitSuccess;
          const b = runGrid(g, rowOrder, columnOrder) as GridSplitSuccess;
          for (let row = 0; row < m; row++) {
            for (let c = 0; c < n; c++) expect(b.valueOf(rowKey(row), columnKey(c))!.units).toBe(a.values[row]![c]!.units);
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it("is deterministic and mirrors a negative total (200 runs)", () => {
    fc.assert(
      fc.property(gridCase, (g) => {
        const m = [...Array(g.rowWeights.length).keys()];
        const n = [...Array(g.columnWeights[0]!.length).keys()];
        const once = runGrid(g, m, n) as GridSplitSuccess;
        const again = runGrid(g, m, n) as GridSplitSuccess;
        expect(again.values.map((row) => row.map((v) => v.units))).toEqual(once.values.map((row) => row.map((v) => v.units)));
        if (g.total === 0n) return; // zero has no mirror image to be
        const negated = runGrid(
          { ...g, total: -g.total, held: g.held.map((row) => row.map((h) => (h === null ? null : -h))) },
          m,
          n,
        ) as GridSplitSuccess;
        expect(negated.values.map((row) => row.map((v) => v.units))).toEqual(once.values.map((row) => row.map((v) => -v.units)));
      }),
      { numRuns: 200 },
    );
  });
});
