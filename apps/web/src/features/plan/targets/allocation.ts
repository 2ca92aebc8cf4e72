// Breakdowns (分解) against their figures, live: the grid's base values as
// they are now (stored, with unsaved edits laid over them) go through the
// domain's one rule (checkBreakdowns: a breakdown adds up to its figure
// exactly, or is a mismatch). For each spec and axis that holds a breakdown:
// the months it covers, what is still to allocate in each (0 when it adds up),
// and the figure cells to flag where it does not.
import { checkBreakdowns, Fixed, type BreakdownAxis, type GrainCell, type Month } from "@pyramid/domain";
import { cellKey, type Draft } from "../grid/index.js";
import type { GridView } from "./grid-view.js";

export interface AllocationMonth {
  readonly month: number;
  /** Σ of the breakdown's base values this month. */
  readonly allocated: string;
  /** figure − allocated; null when the figure has no value this month. */
  readonly remaining: string | null;
  readonly balanced: boolean;
}

/** One breakdown of one figure row (a spec's figure by terminal, say). */
export interface Allocation {
  readonly figureRowKey: string;
  readonly productSpecId: string | null;
  readonly axis: BreakdownAxis;
  readonly months: readonly AllocationMonth[];
  readonly balanced: boolean;
}

export interface AllocationStatus {
  readonly allocations: readonly Allocation[];
  /** Figure cells (grid cell keys) whose breakdown does not add up, with the allocations concerned. */
  readonly unbalanced: ReadonlyMap<string, readonly { readonly axis: BreakdownAxis; readonly month: AllocationMonth }[]>;
}

interface Cell extends GrainCell {
  readonly rowKey: string;
}

const METRIC = "metric"; // one metric at a time: the ledger only needs a code to group by

/** The breakdowns of one grid's base values (stored, overlaid by the base draft); none for a metric that does not add up (AVERAGE, LAST). */
export function allocationStatus(view: GridView, baseDraft: Draft, additive: boolean): AllocationStatus {
  if (!additive) return { allocations: [], unbalanced: new Map() };
  const cells: Cell[] = [];
  const valueAt = (rowKey: string, month: number): string | null => {
    const key = cellKey(rowKey, month);
    const unsaved = baseDraft.get(key);
    return unsaved ? unsaved.value : (view.stored.get(key)?.baseValue ?? null);
  };
  // (figure row, axis) → months with breakdown values; the figure row of a spec is its "F|" row.
  const covered = new Map<
    string,
    { figureRowKey: string; productSpecId: string | null; axis: BreakdownAxis; months: Set<number> }
  >();
  const figureRowOf = new Map<string | null, string>();
  for (const row of view.rows.values()) if (!row.breakdown) figureRowOf.set(row.productSpecId, row.key);
  for (const row of view.rows.values()) {
    for (let month = 1; month <= 12; month++) {
      const value = valueAt(row.key, month);
      if (value === null) continue;
      cells.push({
        ...row.dimensions,
        rowKey: row.key,
        metricCode: METRIC,
        month: month as Month,
        base: Fixed.parse(value, view.scale),
      });
      if (!row.breakdown || row.axis === null) continue;
      const id = `${row.productSpecId ?? ""}|${row.axis}`;
      let entry = covered.get(id);
      if (!entry) {
        const figureRowKey = figureRowOf.get(row.productSpecId) ?? `F|${row.productSpecId ?? ""}`;
        covered.set(id, (entry = { figureRowKey, productSpecId: row.productSpecId, axis: row.axis, months: new Set() }));
      }
      entry.months.add(month);
    }
  }
  const mismatches = new Map(
    checkBreakdowns(cells).map((mismatch) => [`${mismatch.productSpecId ?? ""}|${mismatch.axis}|${mismatch.month}`, mismatch]),
  );
  const allocations: Allocation[] = [];
  const unbalanced = new Map<string, { axis: BreakdownAxis; month: AllocationMonth }[]>();
  for (const [id, entry] of covered) {
    const months: AllocationMonth[] = [...entry.months]
      .sort((a, b) => a - b)
      .map((month) => {
        const mismatch = mismatches.get(`${id}|${month}`);
        if (!mismatch) {
          const figure = valueAt(entry.figureRowKey, month);
          return {
            month,
            allocated: Fixed.parse(figure ?? "0", view.scale).toString(),
            remaining: Fixed.zero(view.scale).toString(),
            balanced: true,
          };
        }
        const allocation: AllocationMonth = {
          month,
          allocated: mismatch.breakdownTotal.toString(),
          remaining: mismatch.figure === null ? null : mismatch.difference.negate().toString(),
          balanced: false,
        };
        const key = cellKey(entry.figureRowKey, month);
        unbalanced.set(key, [...(unbalanced.get(key) ?? []), { axis: entry.axis, month: allocation }]);
        return allocation;
      });
    allocations.push({ ...entry, months, balanced: months.every((month) => month.balanced) });
  }
  return { allocations, unbalanced };
}
