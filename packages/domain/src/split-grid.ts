// Splitting over a two-way table (rows × columns: specs × months, months ×
// specs), exact on EVERY margin: the grand total, every row total and every
// column total.
//
// The exact table x (row share × column share of the total, held cells at
// their value) has fractional cells. Rounding each row on its own keeps the
// row totals but lets a column miss its exact total by several units.
// Controlled rounding fixes both: every free cell ends at floor(x) or
// ceil(x), every row total and every column total at the floor or ceil of its
// exact total (so exactly on it whenever that is a whole unit), and the grand
// total exactly. Such a rounding always exists: taking one extra unit per
// cell is a flow through a bipartite network (source → rows → cells →
// columns → sink) with integer bounds, and the fractional parts of x are a
// feasible flow, so an integral one exists.
//
// Which one (deterministic, documented): cells are taken in order of
// decreasing fractional part (ties: row key, then column key), in two passes:
// first a cell gets its extra unit if its row or its column is still below
// the floor of its exact total, then any cell does, in both passes only while
// its row, its column and the total still have room. Rows or columns left
// short of their floor are then completed one unit at a time along the
// shortest exchange path (breadth-first, neighbours in key order).
// With one column this is exactly the largest-remainder method. Keys fix
// every choice, so the values do not depend on the order rows or columns are
// listed in. A negative total is rounded as the mirror image of the positive.
import { Dec, Fixed, pow10 } from "./fixed.js";
import {
  ApportionError,
  MAX_SPLIT_CELLS,
  findRepeatedKey,
  methodWeights,
  solveSplit,
  type SplitCell,
  type SplitError,
  type SplitMethod,
  type SplitOptions,
  type SplitWarning,
} from "./split.js";

// ============================================================== hot path

/** A table to round: cell (r, c) is numerators[r·columns + c] / denominators[r], or held. */
interface ExactTable {
  rows: number;
  columns: number;
  /** The grand total in units: Σ exact cells + Σ held cells, a whole number. */
  total: bigint;
  numerators: bigint[];
  /** One positive denominator per row. */
  denominators: bigint[];
  held: readonly (bigint | null)[] | null;
  /** Position of each row / column in key order (tie-breaks). */
  rowRank: Int32Array;
  columnRank: Int32Array;
}

const SURE_MARGIN = 1e-6; // far above the float error of a sum of < 2^20 fractions

/**
 * Controlled rounding of an exact table into out[offset..]. Returns nothing;
 * throws only on an internal inconsistency (an exact table whose cells do not
 * add up to its total).
 */
function roundTable(table: ExactTable, out: bigint[], offset: number): void {
  const { rows: m, columns: n, rowRank, columnRank } = table;
  const mirror = table.total < 0n;
  const sign = mirror ? -1n : 1n;
  const size = m * n;
  const remainders = new Array<bigint>(size);
  const fraction = new Float64Array(size);
  const candidate = new Uint8Array(size);
  const rowLow = new Int32Array(m);
  const rowHigh = new Int32Array(m);
  let floorSum = 0n;
  let candidates = 0;
  for (let r = 0; r < m; r++) {
    const d = table.denominators[r]!;
    const dApprox = Number(d);
    let rowRemainders = 0n;
    for (let c = 0; c < n; c++) {
      const i = r * n + c;
      const h = table.held?.[i];
      if (h != null) {
        out[offset + i] = h * sign;
        floorSum += h * sign;
        continue;
      }
      const numerator = table.numerators[i]! * sign;
      if (numerator === 0n) {
        out[offset + i] = 0n;
        continue;
      }
      let q = numerator / d;
      let rem = numerator % d;
      if (rem < 0n) {
        q -= 1n;
        rem += d;
      }
      out[offset + i] = q;
      floorSum += q;
      if (rem !== 0n) {
        remainders[i] = rem;
        // beyond doubles (weights near 10^300), take 53 bits of the fraction exactly
        fraction[i] = dApprox === Infinity ? Number((rem << 53n) / d) / 2 ** 53 : Number(rem) / dApprox;
        candidate[i] = 1;
        candidates++;
        rowRemainders += rem;
      }
    }
    const low = rowRemainders / d;
    rowLow[r] = Number(low);
    rowHigh[r] = Number(low) + (low * d === rowRemainders ? 0 : 1);
  }
  const units = Number(table.total * sign - floorSum); // the extra units to place, < cells
  if (units < 0 || units > candidates) throw new RangeError("controlled rounding: cells do not add up to the total");

  const columnLow = new Int32Array(n);
  const columnHigh = new Int32Array(n);
  for (let c = 0; c < n; c++) {
    let approx = 0;
    for (let r = 0; r < m; r++) if (candidate[r * n + c]) approx += fraction[r * n + c]!;
    const nearest = Math.round(approx);
    if (Math.abs(approx - nearest) > SURE_MARGIN) {
      columnLow[c] = Math.floor(approx);
      columnHigh[c] = columnLow[c]! + 1;
      continue;
    }
    // Close to a whole number: decide exactly.
    let p = 0n;
    let q = 1n;
    for (let r = 0; r < m; r++) {
      const i = r * n + c;
      if (!candidate[i]) continue;
      const d = table.denominators[r]!;
      p = p * d + remainders[i]! * q;
      q = q * d;
    }
    const low = p / q;
    columnLow[c] = Number(low);
    columnHigh[c] = Number(low) + (low * q === p ? 0 : 1);
  }

  // Greedy in preference order: a native sort on (fraction quantised, key
  // position) packed into one double, then an insertion pass with the exact
  // comparison to order what the quantisation could not tell apart.
  const indexBits = Math.max(1, Math.ceil(Math.log2(size + 1)));
  const indexScale = 2 ** indexBits;
  const quantum = 2 ** (52 - indexBits);
  const cellOfPosition = new Int32Array(size);
  const packed = new Float64Array(candidates);
  for (let i = 0, k = 0; i < size; i++) {
    const position = rowRank[(i / n) | 0]! * n + columnRank[i % n]!;
    cellOfPosition[position] = i;
    if (!candidate[i]) continue;
    const q = Math.min(quantum - 1, Math.floor((1 - fraction[i]!) * quantum));
    packed[k++] = q * indexScale + position;
  }
  packed.sort();
  const sorted = new Int32Array(candidates);
  for (let k = 0; k < candidates; k++) sorted[k] = cellOfPosition[packed[k]! % indexScale]!;
  const takesBefore = (a: number, b: number): boolean => {
    const fa = fraction[a]!;
    const fb = fraction[b]!;
    if (Math.abs(fa - fb) > SURE_MARGIN) return fa > fb;
    const cross = remainders[a]! * table.denominators[(b / n) | 0]! - remainders[b]! * table.denominators[(a / n) | 0]!;
    if (cross !== 0n) return cross > 0n;
    const byRow = rowRank[(a / n) | 0]! - rowRank[(b / n) | 0]!;
    return byRow !== 0 ? byRow < 0 : columnRank[a % n]! < columnRank[b % n]!;
  };
  for (let k = 1; k < candidates; k++) {
    const cell = sorted[k]!;
    let j = k - 1;
    if (fraction[cell]! < fraction[sorted[j]!]! - SURE_MARGIN) continue; // already in place: the usual case
    while (j >= 0 && takesBefore(cell, sorted[j]!)) {
      sorted[j + 1] = sorted[j]!;
      j--;
    }
    sorted[j + 1] = cell;
  }
  const up = new Uint8Array(size);
  const rowUp = new Int32Array(m);
  const columnUp = new Int32Array(n);
  let placed = 0;
  // First the cells whose row or column is still below its floor, then any
  // cell while there is room: fewer rows and columns are left to repair.
  for (const belowFloorFirst of [true, false]) {
    for (const i of sorted) {
      if (placed === units) break;
      if (up[i]) continue;
      const r = (i / n) | 0;
      const c = i % n;
      if (rowUp[r]! >= rowHigh[r]! || columnUp[c]! >= columnHigh[c]!) continue;
      if (belowFloorFirst && rowUp[r]! >= rowLow[r]! && columnUp[c]! >= columnLow[c]!) continue;
      up[i] = 1;
      rowUp[r]!++;
      columnUp[c]!++;
      placed++;
    }
  }

  // Repair: raise every flow still below its lower bound along an exchange path.
  const rowsInOrder = Array.from({ length: m }, (_, r) => r).sort((a, b) => rowRank[a]! - rowRank[b]!);
  const columnsInOrder = Array.from({ length: n }, (_, c) => c).sort((a, b) => columnRank[a]! - columnRank[b]!);
  const SOURCE = 0;
  const SINK = m + n + 1;
  const nodes = m + n + 2;
  const previous = new Int32Array(nodes);
  const queue = new Int32Array(nodes);
  const isRow = (x: number) => x >= 1 && x <= m;
  const isColumn = (x: number) => x > m && x <= m + n;
  /** Breadth-first path from `from` to `to` in the residual network; fills `previous`. */
  const findPath = (from: number, to: number): boolean => {
    previous.fill(-1);
    previous[from] = from;
    let head = 0;
    let tail = 0;
    queue[tail++] = from;
    const visit = (x: number, y: number) => {
      if (previous[y] !== -1) return;
      previous[y] = x;
      queue[tail++] = y;
    };
    while (head < tail) {
      const x = queue[head++]!;
      if (x === to) return true;
      if (x === SOURCE) {
        for (const r of rowsInOrder) if (rowUp[r]! < rowHigh[r]!) visit(x, 1 + r);
      } else if (isRow(x)) {
        const r = x - 1;
        for (const c of columnsInOrder) if (candidate[r * n + c] && !up[r * n + c]) visit(x, 1 + m + c);
        if (rowUp[r]! > rowLow[r]!) visit(x, SOURCE);
      } else if (isColumn(x)) {
        const c = x - 1 - m;
        for (const r of rowsInOrder) if (up[r * n + c]) visit(x, 1 + r);
        if (columnUp[c]! < columnHigh[c]!) visit(x, SINK);
      } else {
        if (placed < units) visit(x, SOURCE);
        for (const c of columnsInOrder) if (columnUp[c]! > columnLow[c]!) visit(x, 1 + m + c);
      }
    }
    return false;
  };
  /** Applies one unit along the arc x → y of the residual network. */
  const push = (x: number, y: number) => {
    if (x === SOURCE && isRow(y)) rowUp[y - 1]!++;
    else if (isRow(x) && y === SOURCE) rowUp[x - 1]!--;
    else if (isRow(x) && isColumn(y)) up[(x - 1) * n + (y - 1 - m)] = 1;
    else if (isColumn(x) && isRow(y)) up[(y - 1) * n + (x - 1 - m)] = 0;
    else if (isColumn(x) && y === SINK) columnUp[x - 1 - m]!++;
    else if (x === SINK && isColumn(y)) columnUp[y - 1 - m]!--;
    else if (x === SINK && y === SOURCE) placed++;
  };
  const raise = (p: number, q: number) => {
    if (!findPath(q, p)) throw new RangeError("controlled rounding: no feasible rounding (inconsistent table)");
    push(p, q);
    for (let y = p; y !== q;) {
      const x = previous[y]!;
      push(x, y);
      y = x;
    }
  };
  for (;;) {
    if (placed < units) {
      raise(SINK, SOURCE);
      continue;
    }
    const shortRow = rowsInOrder.find((r) => rowUp[r]! < rowLow[r]!);
    if (shortRow !== undefined) {
      raise(SOURCE, 1 + shortRow);
      continue;
    }
    const shortColumn = columnsInOrder.find((c) => columnUp[c]! < columnLow[c]!);
    if (shortColumn !== undefined) {
      raise(1 + m + shortColumn, SINK);
      continue;
    }
    break;
  }
  for (let i = 0; i < size; i++) {
    if (up[i]) out[offset + i]! += 1n;
    if (mirror) out[offset + i] = -out[offset + i]!;
  }
}

const identityRank = (length: number): Int32Array => Int32Array.from({ length }, (_, i) => i);

/** Rank of each key in ascending key order (keys unique). */
function rankOf(keys: readonly string[]): Int32Array {
  let ascending = true;
  for (let i = 1; i < keys.length && ascending; i++) ascending = keys[i - 1]! < keys[i]!;
  if (ascending) return identityRank(keys.length);
  const order = keys.map((_, i) => i).sort((a, b) => (keys[a]! < keys[b]! ? -1 : keys[a]! > keys[b]! ? 1 : 0));
  const rank = new Int32Array(keys.length);
  order.forEach((i, k) => (rank[i] = k));
  return rank;
}

/**
 * Two-level split with controlled rounding: `total` over rows by
 * `rowWeights`, each row over the columns by `columnWeights[row]` (or one
 * shared column vector). Exact cell = total · a_r / Σa · b_rc / Σb_r. Writes
 * row-major into `out` from `offset`. Exact margins: the grand total, every
 * row total and every column total (each the floor or ceil of its exact
 * total); each cell within one unit of its exact share. Ties by position.
 * Throws ApportionError for weights nothing can be split by.
 */
export function apportionGridUnits(
  total: bigint,
  rowWeights: readonly bigint[],
  columnWeights: readonly (readonly bigint[])[] | readonly bigint[],
  out?: bigint[],
  offset = 0,
): bigint[] {
  const m = rowWeights.length;
  if (m === 0) throw new ApportionError("NO_CELLS", null, `cannot split ${total} units over no rows`);
  const shared = columnWeights.length === 0 || typeof columnWeights[0] === "bigint";
  const columnsOf = (row: number): readonly bigint[] =>
    shared ? (columnWeights as readonly bigint[]) : (columnWeights as readonly (readonly bigint[])[])[row]!;
  const n = columnsOf(0).length;
  if (n === 0) throw new ApportionError("NO_CELLS", null, `cannot split ${total} units over no columns`);
  if (m * n > MAX_SPLIT_CELLS) {
    throw new ApportionError("TOO_MANY_CELLS", null, `${m * n} cells is more than the limit of ${MAX_SPLIT_CELLS}`);
  }
  let rowSum = 0n;
  for (let r = 0; r < m; r++) {
    const a = rowWeights[r]!;
    if (a < 0n) throw new ApportionError("NEGATIVE_WEIGHT", r, `row ${r} has a negative weight (${a})`);
    rowSum += a;
  }
  if (rowSum === 0n)
    throw new ApportionError("ZERO_WEIGHT_SUM", null, `every row's weight is zero: nothing to split ${total} units by`);
  const numerators = new Array<bigint>(m * n);
  const denominators = new Array<bigint>(m);
  for (let r = 0; r < m; r++) {
    const columns = columnsOf(r);
    if (columns.length !== n) throw new RangeError(`row ${r} has ${columns.length} columns, expected ${n}`);
    let columnSum = 0n;
    for (let c = 0; c < n; c++) {
      const b = columns[c]!;
      if (b < 0n) throw new ApportionError("NEGATIVE_WEIGHT", r, `row ${r}, column ${c} has a negative weight (${b})`);
      columnSum += b;
    }
    const rowAmount = total * rowWeights[r]!;
    if (rowAmount !== 0n && columnSum === 0n) {
      throw new ApportionError("ZERO_WEIGHT_SUM", r, `row ${r} has a share of the total but every column weight is zero`);
    }
    denominators[r] = rowAmount === 0n ? 1n : rowSum * columnSum;
    for (let c = 0; c < n; c++) numerators[r * n + c] = rowAmount === 0n ? 0n : rowAmount * columns[c]!;
  }
  const target = out ?? new Array<bigint>(m * n);
  roundTable(
    { rows: m, columns: n, total, numerators, denominators, held: null, rowRank: identityRank(m), columnRank: identityRank(n) },
    target,
    offset,
  );
  return target;
}

// ========================================================== the API

export interface GridSplitInput {
  /** The rows (e.g. specs) and their data for `rowMethod`; held / min / max apply to row totals. */
  rows: readonly SplitCell[];
  rowMethod: SplitMethod;
  /**
   * The columns (e.g. months) with their data for `columnMethod`: one list for
   * every row, or a list per row (same keys in every row, any order). `held`
   * on a column cell holds that grid cell; min / max are not supported in a grid.
   */
  columns: readonly SplitCell[] | ((row: SplitCell) => readonly SplitCell[]);
  columnMethod: SplitMethod | ((row: SplitCell) => SplitMethod);
}

export type GridSplitError =
  SplitError | { code: "COLUMN_MISMATCH"; column: string } | { code: "UNSUPPORTED_IN_GRID"; what: "MANUAL" | "CELL_BOUNDS" };

/** Why a grid cell got its value; built when asked for (`explain`). */
export interface GridCellExplanation {
  rowKey: string;
  columnKey: string;
  value: Fixed;
  held: boolean;
  /** The column weight the row's free amount was split by (0 for held cells). */
  weight: bigint;
  /** The unrounded share (50 significant digits); for a held cell, its value. */
  exactShare: Dec;
  /** value − floor(exact share): 0 or +1 unit (0 for held cells). */
  roundingAdjustment: bigint;
}

export interface GridSplitSuccess {
  ok: true;
  total: Fixed;
  /** Row and column keys; values[r][c] is the cell of rowKeys[r] × columnKeys[c]. */
  rowKeys: readonly string[];
  columnKeys: readonly string[];
  values: Fixed[][];
  /** Each the floor or ceil of the row's exact total; they sum to the total. */
  rowTotals: Fixed[];
  /** Each the floor or ceil of the column's exact total; they sum to the total. */
  columnTotals: Fixed[];
  warnings: SplitWarning[];
  explain(row: number, column: number): GridCellExplanation;
  /** The cell at these keys (undefined for unknown keys). */
  valueOf(rowKey: string, columnKey: string): Fixed | undefined;
}

export type GridSplitResult = GridSplitSuccess | { ok: false; error: GridSplitError; row: string | null };

/** Keys of a list of cells, or the first repeated key. */
function uniqueKeys(cells: readonly SplitCell[]): string[] | { code: "DUPLICATE_KEY"; key: string } {
  const keys = cells.map((c) => c.key);
  const repeated = findRepeatedKey(keys);
  return repeated === null ? keys : { code: "DUPLICATE_KEY", key: repeated };
}

interface ColumnList {
  keys: string[];
  index: Map<string, number>;
  rank: Int32Array;
}
// The same column list (12 months) is shared by thousands of grids: read it once.
const columnLists = new WeakMap<readonly SplitCell[], ColumnList>();
function listedColumns(columns: readonly SplitCell[]): ColumnList | { code: "DUPLICATE_KEY"; key: string } {
  const known = columnLists.get(columns);
  if (known !== undefined && known.keys.every((k, c) => columns[c]!.key === k)) return known;
  const keys = uniqueKeys(columns);
  if (!Array.isArray(keys)) return keys;
  const list = { keys, index: new Map(keys.map((k, c) => [k, c])), rank: rankOf(keys) };
  columnLists.set(columns, list);
  return list;
}

/**
 * Splits one figure over rows × columns, e.g. a county's year → 20 specs × 12
 * months: the exact table is the total split over rows by `rowMethod`, each
 * row's exact share split over the columns by `columnMethod(row)` (a seasonal
 * curve per spec); it is then rounded with every margin exact (controlled
 * rounding, see the top of this file). Held row totals, row bounds and held
 * cells are honoured; a row whose every cell is held is a held row. Never
 * throws for business input.
 */
export function splitGrid(total: Fixed, input: GridSplitInput, options: SplitOptions = {}): GridSplitResult {
  const scale = total.scale;
  const refuse = (error: GridSplitError, row: string | null = null): GridSplitResult => ({ ok: false, error, row });
  const rowCells = input.rows;
  const m = rowCells.length;
  if (m === 0) return refuse({ code: "NO_CELLS" });
  const rowKeys = uniqueKeys(rowCells);
  if (!Array.isArray(rowKeys)) return refuse(rowKeys);
  if (input.rowMethod.kind === "MANUAL") return refuse({ code: "UNSUPPORTED_IN_GRID", what: "MANUAL" });

  // Columns: the first row's list fixes the order of the result.
  const columnsOf = (r: number) => (typeof input.columns === "function" ? input.columns(rowCells[r]!) : input.columns);
  const firstColumns = columnsOf(0);
  const n = firstColumns.length;
  if (n === 0) return refuse({ code: "NO_CELLS" });
  if (m * n > MAX_SPLIT_CELLS) return refuse({ code: "TOO_MANY_CELLS", cells: m * n, limit: MAX_SPLIT_CELLS });
  const columnList = listedColumns(firstColumns);
  if (!("keys" in columnList)) return refuse(columnList);
  const { keys: columnKeys, index: columnIndex, rank: columnRank } = columnList;

  // Per row: its column cells in result order, their weights and held cells.
  const columnWeights: bigint[][] = [];
  const held: (bigint | null)[] = new Array<bigint | null>(m * n).fill(null);
  let anyHeld = false;
  const heldInRow = new Array<bigint>(m).fill(0n);
  const freeInRow = new Array<number>(m).fill(n);
  const warnings: SplitWarning[] = [];
  const warned = new Set<string>();
  const warn = (w: SplitWarning) => {
    const id = JSON.stringify(w, (_, v: unknown) => (typeof v === "bigint" ? v.toString() : v));
    if (!warned.has(id)) {
      warned.add(id);
      warnings.push(w);
    }
  };
  for (let r = 0; r < m; r++) {
    const listed = r === 0 ? firstColumns : columnsOf(r);
    let cells: readonly SplitCell[] = listed;
    if (listed !== firstColumns) {
      if (listed.length !== n)
        return refuse({ code: "COLUMN_MISMATCH", column: listed[n]?.key ?? columnKeys[listed.length]! }, rowKeys[r]!);
      const arranged = new Array<SplitCell>(n);
      for (const cell of listed) {
        const c = columnIndex.get(cell.key);
        if (c === undefined || arranged[c] !== undefined)
          return refuse({ code: "COLUMN_MISMATCH", column: cell.key }, rowKeys[r]!);
        arranged[c] = cell;
      }
      cells = arranged;
    }
    const method = typeof input.columnMethod === "function" ? input.columnMethod(rowCells[r]!) : input.columnMethod;
    if (method.kind === "MANUAL") return refuse({ code: "UNSUPPORTED_IN_GRID", what: "MANUAL" }, rowKeys[r]!);
    const weighed = methodWeights(cells, method);
    if (!("weights" in weighed)) return refuse(weighed, rowKeys[r]!);
    weighed.warnings.forEach(warn);
    columnWeights.push(weighed.weights);
    for (let c = 0; c < n; c++) {
      const cell = cells[c]!;
      if (cell.min != null || cell.max != null) return refuse({ code: "UNSUPPORTED_IN_GRID", what: "CELL_BOUNDS" }, rowKeys[r]!);
      if (cell.held == null) continue;
      if (cell.held.scale !== scale) return refuse({ code: "SCALE_MISMATCH", key: cell.key, field: "held" }, rowKeys[r]!);
      held[r * n + c] = cell.held.units;
      heldInRow[r]! += cell.held.units;
      freeInRow[r]!--;
      anyHeld = true;
    }
  }

  // Row totals, exact: held rows (and rows whose every cell is held) at their value.
  const rowWeighed = methodWeights(rowCells, input.rowMethod);
  if (!("weights" in rowWeighed)) return refuse(rowWeighed);
  rowWeighed.warnings.forEach(warn);
  const rowHeld: (bigint | null)[] = new Array<bigint | null>(m).fill(null);
  const rowMin: (bigint | null)[] = new Array<bigint | null>(m).fill(null);
  const rowMax: (bigint | null)[] = new Array<bigint | null>(m).fill(null);
  for (let r = 0; r < m; r++) {
    const cell = rowCells[r]!;
    if (cell.held != null || cell.min != null || cell.max != null) {
      for (const [field, target] of [
        ["held", rowHeld],
        ["min", rowMin],
        ["max", rowMax],
      ] as const) {
        const v = cell[field];
        if (v == null) continue;
        if (v.scale !== scale) return refuse({ code: "SCALE_MISMATCH", key: cell.key, field });
        target[r] = v.units;
      }
    }
    if (freeInRow[r] === 0 && rowHeld[r] === null) rowHeld[r] = heldInRow[r]!;
  }
  const solved = solveSplit({
    total: total.units,
    weights: rowWeighed.weights,
    held: rowHeld,
    min: rowMin,
    max: rowMax,
    allowOppositeSignParts: options.allowOppositeSignParts,
  });
  const toFixed = (units: bigint) => Fixed.fromUnits(units, scale);
  if (!solved.ok) {
    const e = solved.error;
    switch (e.code) {
      case "MIN_ABOVE_MAX":
        return refuse({ code: "MIN_ABOVE_MAX", key: rowKeys[e.cell]! });
      case "NO_FREE_CELLS":
        return refuse({ code: "NO_FREE_CELLS", remaining: toFixed(e.remaining) });
      case "HELD_EXCEED_TOTAL":
        return refuse({ code: "HELD_EXCEED_TOTAL", heldTotal: toFixed(e.heldTotal), total });
      case "INFEASIBLE_BOUNDS":
        return refuse({
          code: "INFEASIBLE_BOUNDS",
          remaining: toFixed(e.remaining),
          minTotal: e.minTotal === null ? null : toFixed(e.minTotal),
          maxTotal: e.maxTotal === null ? null : toFixed(e.maxTotal),
        });
    }
  }
  const exact = solved.exact;
  if (exact.fellBackToEven) warn({ code: "ZERO_REFERENCE_FALLBACK_EVEN" });
  if (exact.heldExceedTotal) warn({ code: "HELD_EXCEED_TOTAL", heldTotal: toFixed(exact.heldTotal) });

  // The exact table: row r's free amount (its exact total less its held cells) over its free cells.
  const numerators = new Array<bigint>(m * n);
  const denominators = new Array<bigint>(m);
  for (let r = 0; r < m; r++) {
    const free = exact.status[r] === "FREE";
    const rowNumerator = free ? exact.freeAmount * exact.effectiveWeights[r]! : exact.parts[r]!;
    const rowDenominator = free ? exact.freeWeightSum : 1n;
    const freeNumerator = rowNumerator - heldInRow[r]! * rowDenominator;
    const weights = columnWeights[r]!;
    if (freeInRow[r] === 0) {
      if (freeNumerator !== 0n)
        return refuse({ code: "NO_FREE_CELLS", remaining: toFixed(-heldInRow[r]! + exact.parts[r]!) }, rowKeys[r]!);
      denominators[r] = 1n;
      for (let c = 0; c < n; c++) numerators[r * n + c] = 0n;
      continue;
    }
    const heldRow = heldInRow[r]!;
    if (heldRow !== 0n && !options.allowOppositeSignParts) {
      const exceeds = rowNumerator >= 0n ? heldRow * rowDenominator > rowNumerator : heldRow * rowDenominator < rowNumerator;
      if (exceeds) return refuse({ code: "HELD_EXCEED_TOTAL", heldTotal: toFixed(heldRow), total }, rowKeys[r]!);
    }
    let weightSum = 0n;
    for (let c = 0; c < n; c++) if (held[r * n + c] === null) weightSum += weights[c]!;
    if (weightSum === 0n && freeNumerator !== 0n) {
      warn({ code: "ZERO_REFERENCE_FALLBACK_EVEN" });
      for (let c = 0; c < n; c++) weights[c] = held[r * n + c] === null ? 1n : 0n;
      weightSum = BigInt(freeInRow[r]!);
    }
    if (freeNumerator === 0n) {
      denominators[r] = 1n;
      for (let c = 0; c < n; c++) numerators[r * n + c] = 0n;
      continue;
    }
    denominators[r] = rowDenominator * weightSum;
    for (let c = 0; c < n; c++) numerators[r * n + c] = held[r * n + c] === null ? freeNumerator * weights[c]! : 0n;
  }

  const units = new Array<bigint>(m * n);
  roundTable(
    {
      rows: m,
      columns: n,
      total: total.units,
      numerators,
      denominators,
      held: anyHeld ? held : null,
      rowRank: rankOf(rowKeys),
      columnRank,
    },
    units,
    0,
  );

  const values: Fixed[][] = new Array<Fixed[]>(m);
  const rowTotals = new Array<Fixed>(m);
  const columnUnits = new Array<bigint>(n).fill(0n);
  for (let r = 0; r < m; r++) {
    const row = new Array<Fixed>(n);
    let sum = 0n;
    for (let c = 0; c < n; c++) {
      const u = units[r * n + c]!;
      row[c] = Fixed.fromUnits(u, scale);
      sum += u;
      columnUnits[c]! += u;
    }
    values[r] = row;
    rowTotals[r] = Fixed.fromUnits(sum, scale);
  }
  let rowIndex: Map<string, number> | null = null;
  return {
    ok: true,
    total,
    rowKeys,
    columnKeys,
    values,
    rowTotals,
    columnTotals: columnUnits.map(toFixed),
    warnings,
    explain(r: number, c: number): GridCellExplanation {
      const i = r * n + c;
      const value = values[r]![c]!;
      const h = held[i];
      const base = { rowKey: rowKeys[r]!, columnKey: columnKeys[c]!, value };
      if (h !== null && h !== undefined) {
        return { ...base, held: true, weight: 0n, exactShare: value.toDecimal(), roundingAdjustment: 0n };
      }
      const numerator = numerators[i]!;
      const denominator = denominators[r]!;
      let floor = numerator / denominator;
      if (floor * denominator > numerator) floor -= 1n;
      return {
        ...base,
        held: false,
        weight: columnWeights[r]![c]!,
        exactShare: new Dec(numerator.toString()).div(denominator.toString()).div(pow10(scale).toString()),
        roundingAdjustment: units[i]! - floor,
      };
    },
    valueOf(rowKey: string, columnKey: string) {
      rowIndex ??= new Map(rowKeys.map((k, r) => [k, r]));
      const r = rowIndex.get(rowKey);
      const c = columnIndex.get(columnKey);
      return r === undefined || c === undefined ? undefined : values[r]![c];
    },
  };
}
