// Benchmark of the planning engine (not a test): `pnpm bench`.
//
// Prints the median time of several runs for each figure, next to a plain
// floating-point loop over the same cells, so the cost of exactness (bigint,
// largest remainder) is visible. Floats appear here only as the comparison
// baseline and for generating data.
import {
  SALES_REVENUE,
  aggregateUnits,
  apportionGridUnits,
  apportionUnits,
  indexTree,
  money,
  moneyFromFen,
  splitValue,
  sumTreeUnits,
  type OrgNodeRef,
} from "../src/index.js";

const RUNS = 7;
const PROVINCES = 30;
const COUNTIES = 2_844;
const SPECS = 20;
const MONTHS = 12;
const CELLS = COUNTIES * SPECS * MONTHS;

// Deterministic data (mulberry32), so every run and machine sees the same plan.
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const rnd = random(20260101);
const int = (lo: number, hi: number) => BigInt(lo + Math.floor(rnd() * (hi - lo + 1)));

// HQ figure: 48,765,432,109.87 元 for the year.
const HQ_TOTAL = money("48765432109.87").units;
// Last year's actuals per county, in fen (~ 5 to 40 million 元).
const countyReference = Array.from({ length: COUNTIES }, () => int(500_000_000, 4_000_000_000));
// Last year's spec mix per county and one seasonal curve per spec (weights).
const specMix = Array.from({ length: COUNTIES }, () => Array.from({ length: SPECS }, () => int(0, 1_000_000)));
const specCurves = Array.from({ length: SPECS }, () => Array.from({ length: MONTHS }, () => int(300, 1_500)));

// The tree: HQ → 30 provinces → cities (≈ 8 counties each) → 2,844 counties.
const nodes: OrgNodeRef[] = [{ id: "HQ", parentId: null }];
const countyIds: string[] = [];
{
  let county = 0;
  let city = 0;
  for (let p = 0; p < PROVINCES; p++) {
    nodes.push({ id: `P${p}`, parentId: "HQ" });
    const quota = Math.floor(COUNTIES / PROVINCES) + (p < COUNTIES % PROVINCES ? 1 : 0);
    let placed = 0;
    while (placed < quota) {
      const cityId = `C${city++}`;
      nodes.push({ id: cityId, parentId: `P${p}` });
      const size = Math.min(quota - placed, 4 + Math.floor(rnd() * 9));
      for (let k = 0; k < size; k++) {
        const id = `K${county++}`;
        nodes.push({ id, parentId: cityId });
        countyIds.push(id);
      }
      placed += size;
    }
  }
}
const cityCount = nodes.filter((n) => n.id.startsWith("C")).length;

function median(times: number[]): number {
  const sorted = [...times].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

function time<T>(fn: () => T): { ms: number; result: T } {
  let result: T = fn(); // warm-up
  const times: number[] = [];
  for (let r = 0; r < RUNS; r++) {
    const start = performance.now();
    result = fn();
    times.push(performance.now() - start);
  }
  const ms = median(times);
  return { ms, result };
}

/** floatMs null: no float baseline makes sense for this figure. */
function report(label: string, exactMs: number, floatMs: number | null, extra = ""): void {
  const verdict = exactMs < 1000 ? "OK (< 1 s)" : "SLOW (≥ 1 s)";
  const baseline =
    floatMs === null ? "" : `   float loop: ${floatMs.toFixed(1)} ms   ratio: ${(exactMs / Math.max(floatMs, 0.001)).toFixed(1)}×`;
  console.log(`${label}\n  exact: ${exactMs.toFixed(1)} ms${baseline}   ${verdict}${extra ? `\n  ${extra}` : ""}`);
}

console.log(
  `Planning engine bench — median of ${RUNS} runs; tree: 1 HQ, ${PROVINCES} provinces, ${cityCount} cities, ${COUNTIES} counties; ` +
    `${SPECS} specs × ${MONTHS} months = ${CELLS.toLocaleString("en")} county cells\n`,
);

// ---------------------------------------------------------------- (a) split
const splitDown = (): bigint[] => {
  const out = new Array<bigint>(CELLS);
  const countyTotals = apportionUnits(HQ_TOTAL, countyReference);
  for (let c = 0; c < COUNTIES; c++) {
    apportionGridUnits(countyTotals[c]!, specMix[c]!, specCurves, out, c * SPECS * MONTHS);
  }
  return out;
};
const countyRefFloat = countyReference.map(Number);
const specMixFloat = specMix.map((row) => row.map(Number));
const curvesFloat = specCurves.map((row) => row.map(Number));
const splitDownFloat = (): Float64Array => {
  const out = new Float64Array(CELLS);
  const total = Number(HQ_TOTAL);
  const refSum = countyRefFloat.reduce((a, b) => a + b, 0);
  for (let c = 0; c < COUNTIES; c++) {
    const countyTotal = (total * countyRefFloat[c]!) / refSum;
    const mix = specMixFloat[c]!;
    const mixSum = mix.reduce((a, b) => a + b, 0);
    for (let s = 0; s < SPECS; s++) {
      const specTotal = (countyTotal * mix[s]!) / mixSum;
      const curve = curvesFloat[s]!;
      const curveSum = curve.reduce((a, b) => a + b, 0);
      for (let m = 0; m < MONTHS; m++) out[(c * SPECS + s) * MONTHS + m] = (specTotal * curve[m]!) / curveSum;
    }
  }
  return out;
};
const a = time(splitDown);
const aFloat = time(splitDownFloat);
const cells = a.result;
let check = 0n;
for (const v of cells) check += v;
let floatCheck = 0;
for (const v of aFloat.result) floatCheck += v;
report(
  `(a) split HQ figure → ${COUNTIES} counties → ${SPECS} specs × ${MONTHS} months (${CELLS.toLocaleString("en")} cells, largest remainder at 0.01 元)`,
  a.ms,
  aFloat.ms,
  `exact cells sum to the HQ figure: ${check === HQ_TOTAL} (off by ${check - HQ_TOTAL} fen); float cells are off by ${(floatCheck - Number(HQ_TOTAL)).toExponential(2)} fen and are not whole fen`,
);

// One flat split over all cells with product weights: the worst case for the leftover-unit selection.
const flatWeights = new Array<bigint>(CELLS);
for (let c = 0; c < COUNTIES; c++) {
  for (let s = 0; s < SPECS; s++) {
    for (let m = 0; m < MONTHS; m++) flatWeights[(c * SPECS + s) * MONTHS + m] = countyReference[c]! * specMix[c]![s]! * specCurves[s]![m]!;
  }
}
const flatWeightsFloat = flatWeights.map(Number);
const flat = time(() => apportionUnits(HQ_TOTAL, flatWeights));
const flatFloat = time(() => {
  const out = new Float64Array(CELLS);
  let sum = 0;
  for (let i = 0; i < CELLS; i++) sum += flatWeightsFloat[i]!;
  const total = Number(HQ_TOTAL);
  for (let i = 0; i < CELLS; i++) out[i] = (total * flatWeightsFloat[i]!) / sum;
  return out;
});
report(`(a′) the same cells as ONE flat split by product weights (${CELLS.toLocaleString("en")} leftover candidates)`, flat.ms, flatFloat.ms);

// The API with Fixed values and a per-cell explanation, for one level.
const countyRefFixed = countyReference.map(moneyFromFen);
const api = time(() => splitValue(money("48765432109.87"), { kind: "PROPORTIONAL", reference: countyRefFixed }));
report(`(a″) API splitValue over ${COUNTIES} counties (Fixed values + explanation per cell)`, api.ms, null);

// -------------------------------------------------------------- (b) roll-up
const index = time(() => indexTree(nodes));
const tree = index.result;
const width = SPECS * MONTHS;
const own = new Array<bigint>(nodes.length * width).fill(0n);
countyIds.forEach((id, c) => {
  const position = tree.positionOf.get(id)!;
  for (let j = 0; j < width; j++) own[position * width + j] = cells[c * width + j]!;
});
const ownFloat = Float64Array.from(own, Number);
const quarterBuf: bigint[] = [0n, 0n, 0n];
const monthsBuf: bigint[] = new Array<bigint>(MONTHS).fill(0n);
const rollUp = () => {
  const totals = sumTreeUnits(tree, own, width);
  // then every node × spec over time: 4 quarters, 2 halves, the year (via the one aggregation rule)
  const periods = new Array<bigint>(nodes.length * SPECS * 7);
  let k = 0;
  for (let n = 0; n < nodes.length; n++) {
    for (let s = 0; s < SPECS; s++) {
      const base = n * width + s * MONTHS;
      for (let m = 0; m < MONTHS; m++) monthsBuf[m] = totals[base + m]!;
      const q: bigint[] = [];
      for (let qi = 0; qi < 4; qi++) {
        for (let j = 0; j < 3; j++) quarterBuf[j] = monthsBuf[qi * 3 + j]!;
        q.push(aggregateUnits(quarterBuf, SALES_REVENUE.aggregation)!);
      }
      periods[k++] = q[0]!;
      periods[k++] = q[1]!;
      periods[k++] = q[2]!;
      periods[k++] = q[3]!;
      periods[k++] = aggregateUnits([q[0], q[1]], SALES_REVENUE.aggregation)!;
      periods[k++] = aggregateUnits([q[2], q[3]], SALES_REVENUE.aggregation)!;
      periods[k++] = aggregateUnits(monthsBuf, SALES_REVENUE.aggregation)!;
    }
  }
  return { totals, periods };
};
const rollUpFloat = () => {
  const totals = ownFloat.slice();
  for (let k = nodes.length - 1; k >= 0; k--) {
    const node = tree.topDown[k]!;
    const p = tree.parent[node]!;
    if (p < 0) continue;
    for (let j = 0; j < width; j++) totals[p * width + j]! += totals[node * width + j]!;
  }
  const periods = new Float64Array(nodes.length * SPECS * 7);
  let k = 0;
  for (let n = 0; n < nodes.length; n++) {
    for (let s = 0; s < SPECS; s++) {
      const base = n * width + s * MONTHS;
      const q = [0, 0, 0, 0];
      for (let m = 0; m < MONTHS; m++) q[Math.floor(m / 3)]! += totals[base + m]!;
      periods.set([q[0]!, q[1]!, q[2]!, q[3]!, q[0]! + q[1]!, q[2]! + q[3]!, q[0]! + q[1]! + q[2]! + q[3]!], k);
      k += 7;
    }
  }
  return totals;
};
const b = time(rollUp);
const bFloat = time(rollUpFloat);
const hq = tree.positionOf.get("HQ")!;
let hqYear = 0n;
for (let j = 0; j < width; j++) hqYear += b.result.totals[hq * width + j]!;
report(
  `(b) full roll-up: ${nodes.length.toLocaleString("en")} nodes × ${width} cells up the tree, then every node × spec to quarters, halves, year`,
  b.ms,
  bFloat.ms,
  `HQ year after roll-up equals the split figure: ${hqYear === HQ_TOTAL}; tree index built once in ${index.ms.toFixed(1)} ms`,
);

// ------------------------------------------------------- (c) plan checks
// TODO(checks): the four-symptom checks (packages/domain/src/checks/) are not
// exported from src/index.ts yet. When `runPlanChecks` is, build 3,000 county
// PlanSnapshots here and time runPlanChecks over all of them.
console.log("(c) checks: not yet available (runPlanChecks is not exported from @pyramid/domain yet)");
