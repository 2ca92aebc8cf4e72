// Roll-up (汇总): one aggregation rule, applied over time (month → quarter →
// half → year), over the org tree (county → city → province → HQ) and over
// planning dimensions (品规 → product line, 终端 → channel).
//
// Every roll-up goes through `aggregateUnits`, so a metric combines the same
// way wherever it is summed. SUM is exact; AVERAGE rounds once, HALF_EVEN, at
// the metric's scale; LAST takes the last value present.
import { Fixed, divRound } from "./fixed.js";
import type { Aggregation, MetricDefinition } from "./metrics.js";
import { MONTHS, halfOf, quarterOf } from "./periods.js";

/** The part of a metric a roll-up needs. */
export type AggregationRule = Pick<MetricDefinition, "aggregation" | "scale">;

/**
 * Aggregates integer units (the hot path). Missing values (null/undefined)
 * are skipped. SUM of nothing is 0 (a missing month adds nothing); AVERAGE
 * and LAST of nothing are null (there is no value to show).
 */
export function aggregateUnits(values: readonly (bigint | null | undefined)[], aggregation: Aggregation): bigint | null {
  switch (aggregation) {
    case "SUM": {
      let total = 0n;
      for (const v of values) if (v != null) total += v;
      return total;
    }
    case "AVERAGE": {
      let total = 0n;
      let count = 0n;
      for (const v of values) {
        if (v != null) {
          total += v;
          count += 1n;
        }
      }
      return count === 0n ? null : divRound(total, count, "HALF_EVEN");
    }
    case "LAST": {
      for (let i = values.length - 1; i >= 0; i--) {
        const v = values[i];
        if (v != null) return v;
      }
      return null;
    }
  }
}

function unitsAt(value: Fixed, scale: number): bigint {
  if (value.scale !== scale) throw new RangeError(`value of scale ${value.scale} in a metric of scale ${scale}`);
  return value.units;
}

/** Aggregates Fixed values of one metric; every value must be at the metric's scale. */
export function aggregate(values: readonly (Fixed | null | undefined)[], rule: AggregationRule): Fixed | null {
  const units = values.map((v) => (v == null ? null : unitsAt(v, rule.scale)));
  const result = aggregateUnits(units, rule.aggregation);
  return result === null ? null : Fixed.fromUnits(result, rule.scale);
}

// ---------------------------------------------------------------- over time

export interface YearRollup {
  /** The 12 monthly inputs as given (missing → null). */
  months: (Fixed | null)[];
  /** 一季度..四季度. */
  quarters: (Fixed | null)[];
  /** 上半年, 下半年. */
  halves: (Fixed | null)[];
  year: Fixed | null;
}

/**
 * Rolls 12 monthly values up to quarters, halves and the year. Every period is
 * aggregated from its months directly (an AVERAGE year is the mean of the
 * months present, not the mean of the quarter means).
 */
export function rollupYear(monthly: readonly (Fixed | null | undefined)[], rule: AggregationRule): YearRollup {
  if (monthly.length !== 12) throw new RangeError(`expected 12 monthly values, got ${monthly.length}`);
  const months = monthly.map((v) => v ?? null);
  const quarterBuckets: (Fixed | null)[][] = [[], [], [], []];
  const halfBuckets: (Fixed | null)[][] = [[], []];
  for (const m of MONTHS) {
    const value = months[m - 1] ?? null;
    quarterBuckets[quarterOf(m) - 1]?.push(value);
    halfBuckets[halfOf(m) - 1]?.push(value);
  }
  return {
    months,
    quarters: quarterBuckets.map((bucket) => aggregate(bucket, rule)),
    halves: halfBuckets.map((bucket) => aggregate(bucket, rule)),
    year: aggregate(months, rule),
  };
}

// ----------------------------------------------------------- over org tree

export interface OrgNodeRef {
  id: string;
  parentId: string | null;
}

export type OrgTreeErrorCode = "DUPLICATE_ID" | "UNKNOWN_PARENT" | "UNKNOWN_NODE" | "CYCLE";

export class OrgTreeError extends Error {
  constructor(
    readonly code: OrgTreeErrorCode,
    readonly nodeId: string,
  ) {
    super(`org tree ${code.toLowerCase().replace(/_/g, " ")} at node "${nodeId}"`);
    this.name = "OrgTreeError";
  }
}

/**
 * A validated org tree in arrays: build it once per plan cycle and reuse it
 * for every metric and every roll-up.
 */
export interface TreeIndex {
  /** Node ids by position. */
  readonly ids: readonly string[];
  readonly positionOf: ReadonlyMap<string, number>;
  /** Parent position per node, -1 for a root. */
  readonly parent: Int32Array;
  /** Positions with every parent before its children (breadth first). */
  readonly topDown: Int32Array;
}

/** Validates and indexes a flat node list of any depth; throws OrgTreeError on bad data. */
export function indexTree(nodes: readonly OrgNodeRef[]): TreeIndex {
  const positionOf = new Map<string, number>();
  nodes.forEach((node, i) => {
    if (positionOf.has(node.id)) throw new OrgTreeError("DUPLICATE_ID", node.id);
    positionOf.set(node.id, i);
  });
  const parent = new Int32Array(nodes.length);
  const childCount = new Int32Array(nodes.length);
  nodes.forEach((node, i) => {
    if (node.parentId === null) {
      parent[i] = -1;
      return;
    }
    const p = positionOf.get(node.parentId);
    if (p === undefined) throw new OrgTreeError("UNKNOWN_PARENT", node.id);
    parent[i] = p;
    childCount[p] = (childCount[p] ?? 0) + 1;
  });
  // Children lists in one array (CSR layout): children of p are childList[start[p] .. start[p+1]).
  const start = new Int32Array(nodes.length + 1);
  for (let i = 0; i < nodes.length; i++) start[i + 1] = (start[i] ?? 0) + (childCount[i] ?? 0);
  const fill = start.slice(0, nodes.length);
  const childList = new Int32Array(nodes.length);
  for (let i = 0; i < nodes.length; i++) {
    const p = parent[i] ?? -1;
    if (p >= 0) childList[fill[p]!++] = i;
  }
  const topDown = new Int32Array(nodes.length);
  let length = 0;
  for (let i = 0; i < nodes.length; i++) if (parent[i] === -1) topDown[length++] = i;
  for (let head = 0; head < length; head++) {
    const p = topDown[head]!;
    for (let c = start[p]!; c < start[p + 1]!; c++) topDown[length++] = childList[c]!;
  }
  if (length < nodes.length) {
    // Nodes never reached from a root sit on a cycle (or under one).
    const reached = new Uint8Array(nodes.length);
    for (let k = 0; k < length; k++) reached[topDown[k]!] = 1;
    const stuck = nodes.findIndex((_, i) => reached[i] === 0);
    throw new OrgTreeError("CYCLE", nodes[stuck]?.id ?? "");
  }
  return { ids: nodes.map((n) => n.id), positionOf, parent, topDown };
}

/**
 * Hot path for SUM metrics: every node carries `width` values (e.g. 12 months
 * × 20 specs), laid out flat by node position. A node's total is its own
 * values plus the totals of its children, at any depth. Returns a new array.
 */
export function sumTreeUnits(index: TreeIndex, own: readonly bigint[], width: number): bigint[] {
  const n = index.ids.length;
  if (own.length !== n * width) throw new RangeError(`expected ${n * width} values, got ${own.length}`);
  const totals = own.slice();
  for (let k = n - 1; k >= 0; k--) {
    const node = index.topDown[k]!;
    const p = index.parent[node]!;
    if (p < 0) continue;
    const from = node * width;
    const to = p * width;
    for (let j = 0; j < width; j++) totals[to + j]! += totals[from + j]!;
  }
  return totals;
}

export interface TreeRollupOptions {
  /**
   * For AVERAGE / LAST metrics only: a weight per node (market size, sales
   * volume) for a weighted mean of the children. A node without a weight
   * weighs the sum of its children's weights. Omit for a simple mean.
   */
  weights?: ReadonlyMap<string, bigint>;
}

/**
 * Rolls one value per node up the tree.
 *
 * SUM metrics: total = own value + sum of the children's totals.
 *
 * AVERAGE and LAST metrics (market share, distribution rate) are not additive
 * over units. A unit's figure is its own value when it has one (a province
 * that states its own share target keeps it); otherwise the mean of its
 * children's figures, weighted when weights are given, rounded HALF_EVEN at
 * the metric's scale at each level. LAST is a rule over time only: across
 * units a distribution rate is averaged like a share. Nodes without any value
 * below them are null.
 */
export function rollupTree(
  index: TreeIndex,
  own: ReadonlyMap<string, Fixed>,
  rule: AggregationRule,
  options: TreeRollupOptions = {},
): Map<string, Fixed | null> {
  const n = index.ids.length;
  const ownUnits: (bigint | null)[] = index.ids.map((id) => {
    const v = own.get(id);
    return v === undefined ? null : unitsAt(v, rule.scale);
  });
  for (const id of own.keys()) {
    if (!index.positionOf.has(id)) throw new OrgTreeError("UNKNOWN_NODE", id);
  }
  const result = new Map<string, Fixed | null>();
  if (rule.aggregation === "SUM") {
    const totals = sumTreeUnits(
      index,
      ownUnits.map((v) => v ?? 0n),
      1,
    );
    index.ids.forEach((id, i) => result.set(id, Fixed.fromUnits(totals[i]!, rule.scale)));
    return result;
  }

  const weighted = options.weights !== undefined;
  const weight: bigint[] = index.ids.map((id) => options.weights?.get(id) ?? 0n);
  const hasOwnWeight: boolean[] = index.ids.map((id) => options.weights?.has(id) ?? false);
  // Per node: Σ value×weight, Σ weight, Σ value, count, over children that have a value.
  const sumVW = new Array<bigint>(n).fill(0n);
  const sumW = new Array<bigint>(n).fill(0n);
  const sumV = new Array<bigint>(n).fill(0n);
  const count = new Array<bigint>(n).fill(0n);
  const childWeight = new Array<bigint>(n).fill(0n);
  const value: (bigint | null)[] = new Array<bigint | null>(n).fill(null);
  for (let k = n - 1; k >= 0; k--) {
    const node = index.topDown[k]!;
    const mine = ownUnits[node] ?? null;
    let v: bigint | null = mine;
    if (v === null && count[node]! > 0n) {
      v =
        weighted && sumW[node]! > 0n
          ? divRound(sumVW[node]!, sumW[node]!, "HALF_EVEN")
          : divRound(sumV[node]!, count[node]!, "HALF_EVEN");
    }
    value[node] = v;
    const w = hasOwnWeight[node] ? weight[node]! : childWeight[node]!;
    const p = index.parent[node]!;
    if (p >= 0) {
      childWeight[p]! += w;
      if (v !== null) {
        sumVW[p]! += v * w;
        sumW[p]! += w;
        sumV[p]! += v;
        count[p]! += 1n;
      }
    }
  }
  index.ids.forEach((id, i) => {
    const v = value[i] ?? null;
    result.set(id, v === null ? null : Fixed.fromUnits(v, rule.scale));
  });
  return result;
}

// -------------------------------------------------------- over dimensions

export interface DimensionRollup<K> {
  /** Aggregated value per group, groups in order of first appearance. */
  groups: Map<string, Fixed | null>;
  /** Keys the mapping did not place in any group (shown, never dropped silently). */
  unmapped: K[];
}

/**
 * Generic group-by: 品规 → product line, terminal → channel, township → county.
 * `groupOf` maps each key to its group (undefined = unmapped). Values keep
 * their input order inside a group, which is what LAST uses.
 */
export function rollupByDimension<K>(
  entries: Iterable<readonly [K, Fixed | null]>,
  groupOf: (key: K) => string | undefined,
  rule: AggregationRule,
): DimensionRollup<K> {
  const buckets = new Map<string, (Fixed | null)[]>();
  const unmapped: K[] = [];
  for (const [key, value] of entries) {
    const group = groupOf(key);
    if (group === undefined) {
      unmapped.push(key);
      continue;
    }
    let bucket = buckets.get(group);
    if (!bucket) buckets.set(group, (bucket = []));
    bucket.push(value);
  }
  const groups = new Map<string, Fixed | null>();
  for (const [group, bucket] of buckets) groups.set(group, aggregate(bucket, rule));
  return { groups, unmapped };
}
