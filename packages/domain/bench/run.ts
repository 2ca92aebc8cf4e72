// Benchmark of the planning engine (not a test): `pnpm bench`.
//
// Prints the median time of several runs for each figure, next to a plain
// floating-point loop over the same cells, so the cost of exactness (bigint,
// largest remainder) is visible; and the split at 682,560 cells three ways
// side by side: the low-level bigint path, the explained API (splitValue), and
// the explained grid (splitGrid, every margin exact). Floats appear here only
// as the comparison baseline and for generating data.
//
// `pnpm --silent bench --json` prints one JSON object on stdout and nothing
// else (the human report goes to stderr).
import {
  Fixed,
  SALES_REVENUE,
  aggregateUnits,
  apportionGridUnits,
  apportionUnits,
  indexTree,
  money,
  moneyFromFen,
  runPlanChecks,
  splitGrid,
  splitValue,
  sumTreeUnits,
  type ExpenseLine,
  type HistoryValue,
  type Month,
  type OrgNodeRef,
  type PlanSnapshot,
  type SeasonalCurve,
  type SplitCell,
  type SplitMethod,
  type TargetCell,
} from "../src/index.js";

const JSON_MODE = process.argv.includes("--json");
/** Human report: stdout normally, stderr in --json mode so stdout carries only the JSON. */
const say = (text: string) => (JSON_MODE ? process.stderr.write(`${text}\n`) : process.stdout.write(`${text}\n`));
const figures: Record<string, Record<string, number | string | boolean>> = {};

const RUNS = Number(process.env.BENCH_RUNS ?? 7);
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
const HQ = money("48765432109.87");
const HQ_TOTAL = HQ.units;
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

/** Median wall time and median CPU time of this process (user + system, GC threads included). */
function time<T>(fn: () => T): { ms: number; cpuMs: number; result: T } {
  let result: T = fn(); // warm-up
  const times: number[] = [];
  const cpuTimes: number[] = [];
  for (let r = 0; r < RUNS; r++) {
    const cpu = process.cpuUsage();
    const start = performance.now();
    result = fn();
    times.push(performance.now() - start);
    const used = process.cpuUsage(cpu);
    cpuTimes.push((used.user + used.system) / 1000);
  }
  return { ms: median(times), cpuMs: median(cpuTimes), result };
}

const round1 = (ms: number) => Math.round(ms * 10) / 10;

/** floatMs null: no float baseline makes sense for this figure. */
function report(label: string, exactMs: number, floatMs: number | null, extra = ""): void {
  const verdict = exactMs < 1000 ? "OK (< 1 s)" : "SLOW (≥ 1 s)";
  const baseline =
    floatMs === null
      ? ""
      : `   float loop: ${floatMs.toFixed(1)} ms   ratio: ${(exactMs / Math.max(floatMs, 0.001)).toFixed(1)}×`;
  say(`${label}\n  exact: ${exactMs.toFixed(1)} ms${baseline}   ${verdict}${extra ? `\n  ${extra}` : ""}`);
}

say(
  `Planning engine bench — median of ${RUNS} runs; tree: 1 HQ, ${PROVINCES} provinces, ${cityCount} cities, ${COUNTIES} counties; ` +
    `${SPECS} specs × ${MONTHS} months = ${CELLS.toLocaleString("en")} county cells\n`,
);

// ---------------------------------------------------------------- (a) split
// The national split is shaped as the product splits: HQ → counties (one
// flat split of 2,844), then each county's figure over its own grid of
// 20 specs × 12 months (2,844 small grids, both margins exact in each).
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
  `(a) low-level grid split: HQ figure → ${COUNTIES} counties → ${SPECS} specs × ${MONTHS} months (${CELLS.toLocaleString("en")} cells, apportionUnits + apportionGridUnits, every margin exact)`,
  a.ms,
  aFloat.ms,
  `exact cells sum to the HQ figure: ${check === HQ_TOTAL} (off by ${check - HQ_TOTAL} fen); float cells are off by ${(floatCheck - Number(HQ_TOTAL)).toExponential(2)} fen and are not whole fen`,
);

// One flat split over all cells with product weights: the worst case for the leftover-unit selection.
const flatWeights = new Array<bigint>(CELLS);
const flatCells = new Array<SplitCell>(CELLS);
for (let c = 0; c < COUNTIES; c++) {
  for (let s = 0; s < SPECS; s++) {
    for (let m = 0; m < MONTHS; m++) {
      const i = (c * SPECS + s) * MONTHS + m;
      flatWeights[i] = countyReference[c]! * specMix[c]![s]! * specCurves[s]![m]!;
      flatCells[i] = { key: `${countyIds[c]};spec=S${s};month=${m + 1}`, reference: Fixed.fromUnits(flatWeights[i]!, 0) };
    }
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
report(
  `(a′) low-level flat split: the same cells as ONE apportionUnits by product weights (${CELLS.toLocaleString("en")} leftover candidates)`,
  flat.ms,
  flatFloat.ms,
);

// The explained API over the same 682,560 keyed cells: Fixed values and a per-cell explanation.
const explained = time(() => splitValue(HQ, flatCells, { kind: "PROPORTIONAL", basis: "OTHER" }));
if (!explained.result.ok) throw new Error(`explained split failed: ${explained.result.error.code}`);
const explainedOff = explained.result.parts.reduce((acc, p) => acc + p.units, 0n) - HQ_TOTAL;
const sameAsLowLevel = explained.result.parts.every((p, i) => p.units === flat.result[i]);
const sample = explained.result.explain(0);
report(
  `(a″) explained flat split: splitValue over the same ${CELLS.toLocaleString("en")} keyed cells (Fixed values + explanation per cell)`,
  explained.ms,
  null,
  `ratio to (a′): ${(explained.ms / flat.ms).toFixed(2)}×; off by ${explainedOff} fen; same parts as (a′): ${sameAsLowLevel}; ` +
    `cell ${sample.key}: share ${sample.share?.toString()}, exact ${sample.exactShare.toFixed(4)}, adjustment ${sample.roundingAdjustment}`,
);

// The explained grid: splitValue over the counties, then splitGrid per county.
const countyCells: SplitCell[] = countyIds.map((id, c) => ({ key: id, reference: moneyFromFen(countyReference[c]!) }));
const specRows: SplitCell[][] = specMix.map((mix) =>
  mix.map((w, s) => ({ key: `spec=S${String(s).padStart(2, "0")}`, reference: Fixed.fromUnits(w, 0) })),
);
const monthColumns: SplitCell[] = Array.from({ length: MONTHS }, (_, m) => ({
  key: `month=${String(m + 1).padStart(2, "0")}`,
  month: m + 1,
}));
const curveMethods = new Map<string, SplitMethod>(
  specCurves.map((weights, s): [string, SplitMethod] => {
    const curve: SeasonalCurve = { code: `S${s}`, nameZh: `品规${s}`, nameEn: `Spec ${s}`, basis: "RELATIVE", weights };
    return [`spec=S${String(s).padStart(2, "0")}`, { kind: "SEASONAL", curve }];
  }),
);
const explainedGrid = time(() => {
  const counties = splitValue(HQ, countyCells, { kind: "PROPORTIONAL", basis: "LAST_YEAR_ACTUAL" });
  if (!counties.ok) throw new Error(counties.error.code);
  return countyCells.map((_, c) => {
    const r = splitGrid(counties.parts[c]!, {
      rows: specRows[c]!,
      rowMethod: { kind: "PROPORTIONAL", basis: "LAST_YEAR_ACTUAL" },
      columns: monthColumns,
      columnMethod: (row) => curveMethods.get(row.key)!,
    });
    if (!r.ok) throw new Error(r.error.code);
    return r;
  });
});
const grids = explainedGrid.result;
let gridSum = 0n;
let gridSameAsLowLevel = true;
grids.forEach((g, c) =>
  g.values.forEach((row, s) =>
    row.forEach((v, m) => {
      gridSum += v.units;
      if (v.units !== cells[(c * SPECS + s) * MONTHS + m]) gridSameAsLowLevel = false;
    }),
  ),
);

// Column (month) margins: distance of each county's month total from the floor/ceil of its exact total.
// The exact total of month m in county c is Σ_s countyTotal·mix_s/Σmix · curve_s[m]/Σcurve_s.
const floorDiv = (n: bigint, d: bigint) => {
  const q = n / d;
  return q * d > n ? q - 1n : q;
};
const countyTotals = apportionUnits(HQ_TOTAL, countyReference);
function maxColumnOff(valueAt: (c: number, s: number, m: number) => bigint): bigint {
  let worst = 0n;
  for (let c = 0; c < COUNTIES; c++) {
    const mixSum = specMix[c]!.reduce((x, y) => x + y, 0n);
    for (let m = 0; m < MONTHS; m++) {
      let p = 0n;
      let q = 1n;
      let sum = 0n;
      for (let s = 0; s < SPECS; s++) {
        const curveSum = specCurves[s]!.reduce((x, y) => x + y, 0n);
        const num = countyTotals[c]! * specMix[c]![s]! * specCurves[s]![m]!;
        const den = mixSum * curveSum;
        p = p * den + num * q;
        q = q * den;
        sum += valueAt(c, s, m);
      }
      const low = floorDiv(p, q);
      const high = low * q === p ? low : low + 1n;
      const off = sum < low ? low - sum : sum > high ? sum - high : 0n;
      if (off > worst) worst = off;
    }
  }
  return worst;
}
const gridColumnOff = maxColumnOff((c, s, m) => grids[c]!.values[s]![m]!.units);
// The former row-by-row rounding (each spec's row by largest remainder on its own) for comparison.
const rowByRow = new Array<bigint>(CELLS);
for (let c = 0; c < COUNTIES; c++) {
  const specTotals = apportionUnits(countyTotals[c]!, specMix[c]!);
  for (let s = 0; s < SPECS; s++) apportionUnits(specTotals[s]!, specCurves[s]!, rowByRow, (c * SPECS + s) * MONTHS);
}
const rowByRowColumnOff = maxColumnOff((c, s, m) => rowByRow[(c * SPECS + s) * MONTHS + m]!);
const lowLevelColumnOff = maxColumnOff((c, s, m) => cells[(c * SPECS + s) * MONTHS + m]!);
const explainedCell = grids[0]!.explain(0, 0);
report(
  `(a‴) explained grid split: splitValue over ${COUNTIES} counties + splitGrid per county (${SPECS} × ${MONTHS}, every margin exact), ${CELLS.toLocaleString("en")} cells`,
  explainedGrid.ms,
  null,
  `ratio to (a): ${(explainedGrid.ms / a.ms).toFixed(2)}×; off by ${gridSum - HQ_TOTAL} fen; same cells as (a): ${gridSameAsLowLevel}; ` +
    `worst month column off its exact total: ${gridColumnOff} fen (row-by-row rounding: ${rowByRowColumnOff} fen); ` +
    `cell ${explainedCell.rowKey} × ${explainedCell.columnKey}: exact ${explainedCell.exactShare.toFixed(4)}, adjustment ${explainedCell.roundingAdjustment}`,
);
say(
  `\nCPU time (this process, GC included): low-level flat ${flat.cpuMs.toFixed(1)} ms | explained flat ${explained.cpuMs.toFixed(1)} ms | ` +
    `low-level grid ${a.cpuMs.toFixed(1)} ms | explained grid ${explainedGrid.cpuMs.toFixed(1)} ms`,
);
say(
  `side by side at ${CELLS.toLocaleString("en")} cells: low-level flat ${flat.ms.toFixed(1)} ms | explained flat ${explained.ms.toFixed(1)} ms ` +
    `(${(explained.ms / flat.ms).toFixed(2)}×) | low-level grid ${a.ms.toFixed(1)} ms | explained grid ${explainedGrid.ms.toFixed(1)} ms ` +
    `(${(explainedGrid.ms / a.ms).toFixed(2)}×)\n`,
);
figures.lowLevelSplit682k = { ms: round1(flat.ms), cpuMs: round1(flat.cpuMs), floatMs: round1(flatFloat.ms), cells: CELLS };
figures.explainedSplit682k = {
  ms: round1(explained.ms),
  cpuMs: round1(explained.cpuMs),
  ratioToLowLevel: Math.round((explained.ms / flat.ms) * 100) / 100,
  offByFen: Number(explainedOff),
  sameAsLowLevel,
  cells: CELLS,
};
figures.lowLevelGrid682k = {
  ms: round1(a.ms),
  cpuMs: round1(a.cpuMs),
  floatMs: round1(aFloat.ms),
  offByFen: Number(check - HQ_TOTAL),
  cells: CELLS,
};
figures.explainedGrid682k = {
  ms: round1(explainedGrid.ms),
  cpuMs: round1(explainedGrid.cpuMs),
  ratioToLowLevel: Math.round((explainedGrid.ms / a.ms) * 100) / 100,
  offByFen: Number(gridSum - HQ_TOTAL),
  sameAsLowLevel: gridSameAsLowLevel,
  cells: CELLS,
};
figures.grid = {
  maxColumnOffByFen: Number(gridColumnOff),
  lowLevelMaxColumnOffByFen: Number(lowLevelColumnOff),
  rowByRowMaxColumnOffByFen: Number(rowByRowColumnOff),
  shape: `${COUNTIES} county grids of ${SPECS} specs × ${MONTHS} months`,
};

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
figures.rollup = { ms: round1(b.ms), floatMs: round1(bFloat.ms), nodes: nodes.length };

// ------------------------------------------------------- (c) plan checks
// 3,000 county plans shaped like real ones: sales and gross profit per spec ×
// month (from the split above), A/B terminals split by month, two years of
// history per spec, 5 expense items by month, siblings for the ratio check.
// About one plan in five carries a defect so that findings fire.
const PLANS = 3_000;
const TERMINALS = [
  { terminalId: "T1", terminalClass: "A" },
  { terminalId: "T2", terminalClass: "A" },
  { terminalId: "T3", terminalClass: "B" },
  { terminalId: "T4", terminalClass: "B" },
  { terminalId: "T5", terminalClass: "C" },
  { terminalId: "T6", terminalClass: "C" },
];
const EXPENSE_ITEMS = [
  { itemCode: "PERSONNEL_SALARY", categoryCode: "PERSONNEL" },
  { itemCode: "OFFICE_RENT", categoryCode: "OFFICE" },
  { itemCode: "OFFICE_TRAVEL", categoryCode: "OFFICE" },
  { itemCode: "CHANNEL_DISPLAY", categoryCode: "CHANNEL" },
  { itemCode: "PROMOTION_PREMIUMS", categoryCode: "PROMOTION" },
] as const;
const monthList = Array.from({ length: MONTHS }, (_, m) => (m + 1) as Month);
function countyPlan(p: number): PlanSnapshot {
  const c = p % COUNTIES;
  const defect = p % 5 === 0 ? (p / 5) % 4 : -1;
  const targets: TargetCell[] = [];
  let sales = 0n;
  const salesBySpec = new Array<bigint>(SPECS).fill(0n);
  for (let s = 0; s < SPECS; s++) {
    for (const month of monthList) {
      if (defect === 0 && s === 0 && month === 12) continue; // a missing month
      const v = cells[(c * SPECS + s) * MONTHS + month - 1]!;
      sales += v;
      salesBySpec[s]! += v;
      targets.push({ metricCode: "SALES_REVENUE", month, productSpecId: `S${s}`, base: moneyFromFen(v) });
      targets.push({ metricCode: "GROSS_PROFIT", month, productSpecId: `S${s}`, base: moneyFromFen(v / 4n) });
    }
  }
  // Spec S0's figure broken down to terminals (defect 1: to the A class only), adding up
  // exactly: each amount counts once, so the breakdown details the figure and is not added.
  const terminalsWithTargets = TERMINALS.slice(0, defect === 1 ? 2 : 4);
  for (const month of monthList) {
    if (defect === 0 && month === 12) continue; // no figure to break down
    const figure = cells[(c * SPECS + 0) * MONTHS + month - 1]!;
    const share = figure / BigInt(terminalsWithTargets.length);
    terminalsWithTargets.forEach((t, index) => {
      const last = index === terminalsWithTargets.length - 1;
      const base = last ? figure - share * BigInt(terminalsWithTargets.length - 1) : share;
      targets.push({
        metricCode: "SALES_REVENUE",
        month,
        productSpecId: "S0",
        terminalId: t.terminalId,
        base: moneyFromFen(base),
      });
    });
  }
  const growth = defect === 2 ? 4n : 1n; // defect 2: last year a quarter of this plan, "> 3×"
  const yearOf = (divisor: bigint): HistoryValue[] =>
    salesBySpec.flatMap((v, s) => [
      { metricCode: "SALES_REVENUE", productSpecId: `S${s}`, value: moneyFromFen((v * 100n) / divisor / growth) },
      { metricCode: "GROSS_PROFIT", productSpecId: `S${s}`, value: moneyFromFen((v * 25n) / divisor / growth) },
    ]);
  const monthlyExpense = sales / 120n / BigInt(EXPENSE_ITEMS.length);
  const expenses: ExpenseLine[] = EXPENSE_ITEMS.flatMap((item) =>
    monthList.map((month) => ({ ...item, month, amount: moneyFromFen(defect === 3 ? monthlyExpense * 3n : monthlyExpense) })),
  );
  const sibling = (unitId: string) => ({
    unitId,
    expense: moneyFromFen(sales / 10n),
    salesRevenue: moneyFromFen(sales),
    grossProfit: moneyFromFen(sales / 4n),
  });
  return {
    unitId: `K${p}`,
    level: "COUNTY",
    year: 2027,
    targets,
    expenses,
    history: [
      { year: 2026, actuals: yearOf(108n), expenseTotal: moneyFromFen(sales / 11n) },
      { year: 2025, actuals: yearOf(118n), expenseTotal: moneyFromFen(sales / 12n) },
    ],
    sections: [
      {
        code: "OVERALL_APPROACH",
        required: true,
        text: "新开核心终端，提升铺货率。",
        explains: [{ metricCode: "SALES_REVENUE" }, { metricCode: "GROSS_PROFIT" }],
      },
    ],
    children: [],
    need: [{ metricCode: "SALES_REVENUE", value: moneyFromFen(sales), source: "PARENT" }],
    openObjections: [],
    terminals: TERMINALS,
    siblings: [sibling("a"), sibling("b"), sibling("c"), sibling("d")],
  };
}
const plans = Array.from({ length: PLANS }, (_, p) => countyPlan(p));
const targetCells = plans.reduce((n, plan) => n + plan.targets.length, 0);
const checksRun = time(() => {
  let findings = 0;
  for (const plan of plans) findings += runPlanChecks(plan).length;
  return findings;
});
// Baseline: one float pass over the same target and history cells (sum per metric, compare with history).
const plansFloat = plans.map((plan) => ({
  targets: plan.targets.map((t) => ({ metric: t.metricCode, value: t.base.toNumber() })),
  history: plan.history.map((y) => y.actuals.map((a) => ({ metric: a.metricCode, value: a.value.toNumber() }))),
}));
const checksFloat = time(() => {
  let flagged = 0;
  for (const plan of plansFloat) {
    const totals = new Map<string, number>();
    for (const t of plan.targets) totals.set(t.metric, (totals.get(t.metric) ?? 0) + t.value);
    const last = new Map<string, number>();
    for (const a of plan.history[0] ?? []) last.set(a.metric, (last.get(a.metric) ?? 0) + a.value);
    for (const [metric, total] of totals) {
      const base = last.get(metric) ?? 0;
      if (base > 0 && (total < base || total > base * 1.5 || total > base * 3)) flagged++;
    }
  }
  return flagged;
});
report(
  `(c) runPlanChecks over ${PLANS.toLocaleString("en")} county plans (${targetCells.toLocaleString("en")} target cells)`,
  checksRun.ms,
  checksFloat.ms,
  `${checksRun.result.toLocaleString("en")} findings in total (snapshot building not timed)`,
);
figures.checks = { ms: round1(checksRun.ms), floatMs: round1(checksFloat.ms), plans: PLANS, findings: checksRun.result };

if (JSON_MODE) process.stdout.write(`${JSON.stringify({ runs: RUNS, ...figures })}\n`);
