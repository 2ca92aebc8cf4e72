// What a typed value, a paste, a fill-down, a clear or a hold toggle would
// change, decided before anything is applied: either every change of the
// action, or the first reason it cannot be done (and then nothing is done).
// Amounts are read by the domain's one parse function, parseAmount.
import { parseAmount, type AmountParseErrorCode } from "@pyramid/domain";
import type { CellChange, CellLookup } from "./edit-batch.js";
import { cellTarget, type CellAccess, type CellState, type CellTarget, type DisplayRow, type GridColumn } from "./model.js";
import { rectSize, type CellPosition, type GridSize, type Rect } from "./selection.js";

/** The grid as the planners see it. */
export interface EditableGrid {
  readonly size: GridSize;
  readonly scale: number;
  target(row: number, col: number): CellTarget;
  /** The exact value shown at (row, col) — a stored, unsaved or computed amount — or null. */
  value(row: number, col: number): string | null;
  /** The current state of a target cell. */
  state(key: string): CellState;
}

/** The grid of some display rows and columns, as the edit plans see it. */
export function editableGrid(options: {
  readonly rows: readonly DisplayRow[];
  readonly columns: readonly GridColumn[];
  readonly scale: number;
  readonly readOnly: boolean;
  readonly lookup: CellLookup;
  /** The exact value shown in a cell (cell-view's describeCell). */
  readonly valueAt: (row: DisplayRow, column: GridColumn) => string | null;
}): EditableGrid {
  const { rows, columns, scale, readOnly, lookup, valueAt } = options;
  return {
    size: { rows: rows.length, cols: columns.length },
    scale,
    target: (row, col) => cellTarget(rows[row], columns[col], (key) => lookup.current(key).isHeld, readOnly),
    value: (row, col) => {
      const r = rows[row];
      const c = columns[col];
      return r && c ? valueAt(r, c) : null;
    },
    state: (key) => lookup.current(key),
  };
}

export type EditProblem =
  | { readonly code: "EMPTY_CLIPBOARD" }
  /** The block, placed at (row, col), would reach past the last row or column. */
  | { readonly code: "OUTSIDE"; readonly rows: number; readonly cols: number; readonly row: number; readonly col: number }
  /** A total, a history figure, or any cell while the grid is read-only. */
  | {
      readonly code: "NOT_EDITABLE";
      readonly row: number;
      readonly col: number;
      readonly access: Exclude<CellAccess, "EDITABLE" | "HELD">;
    }
  | { readonly code: "HELD"; readonly row: number; readonly col: number }
  | {
      readonly code: "NOT_A_NUMBER";
      readonly row: number;
      readonly col: number;
      readonly text: string;
      readonly reason: AmountParseErrorCode;
      readonly scale: number;
    }
  /** Fill-down of one row with no row above it. */
  | { readonly code: "NO_SOURCE" }
  /** A hold toggle over a block with no monthly target in it. */
  | { readonly code: "NOTHING_TO_HOLD" };

export type EditPlan =
  { readonly ok: true; readonly changes: CellChange[] } | { readonly ok: false; readonly problem: EditProblem };

const refuse = (problem: EditProblem): EditPlan => ({ ok: false, problem });

/** The first cell of a block (row by row) that cannot take a new value, as a problem. */
function firstBlocked(grid: EditableGrid, rect: Rect): EditProblem | null {
  for (let row = rect.top; row <= rect.bottom; row++) {
    for (let col = rect.left; col <= rect.right; col++) {
      const { access } = grid.target(row, col);
      if (access === "EDITABLE") continue;
      return access === "HELD" ? { code: "HELD", row, col } : { code: "NOT_EDITABLE", row, col, access };
    }
  }
  return null;
}

function change(grid: EditableGrid, row: number, col: number, value: string | null): CellChange {
  const target = grid.target(row, col);
  // firstBlocked has checked the cell: an editable cell is a monthly target of a spec row.
  return {
    key: target.key!,
    rowKey: target.rowKey!,
    month: target.month!,
    dimensions: target.dimensions!,
    after: { value, isHeld: grid.state(target.key!).isHeld },
  };
}

/** A cell text as a value: blank clears the cell; anything else must be an amount at the grid's scale. */
function readCell(text: string, scale: number): { ok: true; value: string | null } | { ok: false; reason: AmountParseErrorCode } {
  if (text.trim() === "") return { ok: true, value: null }; // trim() also takes NBSP and the ideographic space
  const parsed = parseAmount(text, { scale });
  return parsed.ok ? { ok: true, value: parsed.value.toString() } : { ok: false, reason: parsed.code };
}

/**
 * A pasted block (rows of cell texts) onto the selection. The block's top-left
 * goes to the selection's top-left; a single value pasted onto a larger
 * selection fills all of it. Refused, with nothing changed, when the block
 * reaches past the grid, covers a total, a history figure or a held cell, or
 * holds a text that is not an amount.
 */
export function planPaste(grid: EditableGrid, selection: Rect, block: readonly (readonly string[])[]): EditPlan {
  const rows = block.length;
  const cols = block[0]?.length ?? 0;
  if (rows === 0 || cols === 0) return refuse({ code: "EMPTY_CLIPBOARD" });
  const single = rows === 1 && cols === 1;
  const size = rectSize(selection);
  const rect: Rect =
    single && (size.rows > 1 || size.cols > 1)
      ? selection
      : { top: selection.top, left: selection.left, bottom: selection.top + rows - 1, right: selection.left + cols - 1 };
  if (rect.bottom >= grid.size.rows || rect.right >= grid.size.cols) {
    return refuse({ code: "OUTSIDE", rows, cols, row: rect.top, col: rect.left });
  }
  const blocked = firstBlocked(grid, rect);
  if (blocked) return refuse(blocked);
  const changes: CellChange[] = [];
  for (let row = rect.top; row <= rect.bottom; row++) {
    for (let col = rect.left; col <= rect.right; col++) {
      const text = single ? block[0]![0]! : block[row - rect.top]![col - rect.left]!;
      const read = readCell(text, grid.scale);
      if (!read.ok) return refuse({ code: "NOT_A_NUMBER", row, col, text, reason: read.reason, scale: grid.scale });
      changes.push(change(grid, row, col, read.value));
    }
  }
  return { ok: true, changes };
}

/** A value typed into one cell: the same rules as a paste of one cell there. */
export function planTypedValue(grid: EditableGrid, at: CellPosition, text: string): EditPlan {
  return planPaste(grid, { top: at.row, left: at.col, bottom: at.row, right: at.col }, [[text]]);
}

/**
 * Fill-down (Ctrl+D): the block's top row copied into the rows below it; a
 * block of one row takes the row above it. Held cells and totals are never
 * overwritten: the fill is refused instead.
 */
export function planFillDown(grid: EditableGrid, selection: Rect): EditPlan {
  const sourceRow = selection.bottom > selection.top ? selection.top : selection.top - 1;
  if (sourceRow < 0) return refuse({ code: "NO_SOURCE" });
  const rect: Rect = { ...selection, top: sourceRow + 1 };
  const blocked = firstBlocked(grid, rect);
  if (blocked) return refuse(blocked);
  const changes: CellChange[] = [];
  for (let col = rect.left; col <= rect.right; col++) {
    const value = grid.value(sourceRow, col);
    for (let row = rect.top; row <= rect.bottom; row++) changes.push(change(grid, row, col, value));
  }
  return { ok: true, changes };
}

/** Delete / Backspace: every cell of the block emptied, or nothing when one of them may not be. */
export function planClear(grid: EditableGrid, selection: Rect): EditPlan {
  const blocked = firstBlocked(grid, selection);
  if (blocked) return refuse(blocked);
  const changes: CellChange[] = [];
  for (let row = selection.top; row <= selection.bottom; row++) {
    for (let col = selection.left; col <= selection.right; col++) changes.push(change(grid, row, col, null));
  }
  return { ok: true, changes };
}

/**
 * Hold (锁定) toggle over the monthly targets of a block (totals and history
 * in it are passed over): all held if any was not, else all released.
 */
export function planHoldToggle(grid: EditableGrid, selection: Rect): EditPlan {
  const cells: CellTarget[] = [];
  for (let row = selection.top; row <= selection.bottom; row++) {
    for (let col = selection.left; col <= selection.right; col++) {
      const target = grid.target(row, col);
      if (target.access === "EDITABLE" || target.access === "HELD") cells.push(target);
    }
  }
  if (cells.length === 0) return refuse({ code: "NOTHING_TO_HOLD" });
  const hold = cells.some((cell) => cell.access === "EDITABLE");
  return {
    ok: true,
    changes: cells.map((cell) => ({
      key: cell.key!,
      rowKey: cell.rowKey!,
      month: cell.month!,
      dimensions: cell.dimensions!,
      after: { value: grid.state(cell.key!).value, isHeld: hold },
    })),
  };
}
