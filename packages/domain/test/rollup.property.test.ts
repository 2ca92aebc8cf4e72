// Property tests for roll-up: over random trees of any depth, splitting a
// figure down and rolling it back up returns the input at every node, and
// roll-up is linear.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Fixed } from "../src/fixed.js";
import { SALES_REVENUE } from "../src/metrics.js";
import { aggregate, indexTree, rollupTree, rollupYear, type OrgNodeRef } from "../src/rollup.js";
import { splitValue } from "../src/split.js";

const fx = (units: bigint) => Fixed.fromUnits(units, 2);
const amount = fc.bigInt({ min: -(10n ** 12n), max: 10n ** 12n });

/** A random tree: node i > 0 hangs under some earlier node, so any depth and fan-out occur. */
const tree = fc
  .array(fc.nat(), { minLength: 0, maxLength: 60 })
  .map((picks): OrgNodeRef[] => [
    { id: "n0", parentId: null },
    ...picks.map((p, k) => ({ id: `n${k + 1}`, parentId: `n${p % (k + 1)}` })),
  ]);

function childrenOf(nodes: readonly OrgNodeRef[]): Map<string, string[]> {
  const children = new Map<string, string[]>();
  for (const n of nodes) {
    if (n.parentId === null) continue;
    const list = children.get(n.parentId) ?? [];
    list.push(n.id);
    children.set(n.parentId, list);
  }
  return children;
}

describe("roll-up properties", () => {
  it("splitting HQ's figure down the tree and rolling it up returns every node's figure", () => {
    fc.assert(
      fc.property(
        tree,
        amount,
        fc.array(fc.bigInt({ min: 0n, max: 10n ** 8n }), { minLength: 61, maxLength: 61 }),
        (nodes, total, refs) => {
          const children = childrenOf(nodes);
          const assigned = new Map<string, Fixed>([["n0", fx(total)]]);
          const leaves = new Map<string, Fixed>();
          for (const node of nodes) {
            // nodes come parent-first, so the node's own figure is known here
            const value = assigned.get(node.id)!;
            const kids = children.get(node.id);
            if (!kids) {
              leaves.set(node.id, value);
              continue;
            }
            const cells = kids.map((id) => ({ key: id, reference: fx(refs[Number(id.slice(1))] ?? 0n) }));
            const r = splitValue(value, cells, { kind: "PROPORTIONAL" });
            if (!r.ok) throw new Error(r.error.code);
            kids.forEach((id, i) => assigned.set(id, r.parts[i]!));
          }
          const rolled = rollupTree(indexTree(nodes), leaves, SALES_REVENUE);
          for (const node of nodes) expect(rolled.get(node.id)!.units).toBe(assigned.get(node.id)!.units);
        },
      ),
      { numRuns: 200 },
    );
  });

  it("roll-up over the tree is linear: rollup(a + b) = rollup(a) + rollup(b)", () => {
    fc.assert(
      fc.property(tree, fc.array(fc.tuple(amount, amount, fc.boolean()), { minLength: 61, maxLength: 61 }), (nodes, values) => {
        const index = indexTree(nodes);
        const a = new Map<string, Fixed>();
        const b = new Map<string, Fixed>();
        const both = new Map<string, Fixed>();
        nodes.forEach((node, i) => {
          const [x, y, present] = values[i]!;
          if (!present) return; // some nodes have no own items
          a.set(node.id, fx(x));
          b.set(node.id, fx(y));
          both.set(node.id, fx(x + y));
        });
        const ra = rollupTree(index, a, SALES_REVENUE);
        const rb = rollupTree(index, b, SALES_REVENUE);
        const rab = rollupTree(index, both, SALES_REVENUE);
        for (const node of nodes) {
          expect(rab.get(node.id)!.units).toBe(ra.get(node.id)!.units + rb.get(node.id)!.units);
        }
      }),
      { numRuns: 200 },
    );
  });

  it("a year split by a curve rolls back up to the year, and quarters add up to it", () => {
    fc.assert(
      fc.property(amount, fc.array(fc.bigInt({ min: 0n, max: 1000n }), { minLength: 12, maxLength: 12 }), (total, weights) => {
        const months = Array.from({ length: 12 }, (_, m) => ({ key: `M${String(m + 1).padStart(2, "0")}`, month: m + 1 }));
        const curve = { code: "C", nameZh: "c", nameEn: "c", basis: "RELATIVE" as const, weights };
        const r = splitValue(fx(total), months, { kind: "SEASONAL", curve });
        if (!r.ok) throw new Error(r.error.code);
        const year = rollupYear(r.parts, SALES_REVENUE);
        expect(year.year!.units).toBe(total);
        expect(aggregate(year.quarters, SALES_REVENUE)!.units).toBe(total);
        expect(aggregate(year.halves, SALES_REVENUE)!.units).toBe(total);
      }),
    );
  });
});
