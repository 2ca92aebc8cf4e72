// Edit batches: what the grid emits (onChange) for one user action — a typed
// value, a paste, a fill, a clear, a hold toggle, an undo or redo. A batch is
// all or nothing; the parent keeps the unsaved values (the draft) and saves
// them, each with the version it was read at.
import type { CellDimensions, Month } from "@pyramid/domain";
import { EMPTY_CELL, type CellState, type TargetVariant } from "./model.js";

export type EditKind = "EDIT" | "PASTE" | "FILL" | "CLEAR" | "HOLD" | "UNDO" | "REDO";

export interface CellEdit {
  readonly key: string;
  readonly rowKey: string;
  readonly month: Month;
  readonly dimensions: CellDimensions;
  readonly before: CellState;
  readonly after: CellState;
  /** The stored version this edit was made against (null for a cell never stored). */
  readonly version: number | null;
}

export interface EditBatch {
  readonly kind: EditKind;
  readonly metricId: string;
  readonly variant: TargetVariant;
  readonly edits: readonly CellEdit[];
}

/** Unsaved cell states by cell key (only cells that differ from what is stored). */
export type Draft = ReadonlyMap<string, CellState>;

export const EMPTY_DRAFT: Draft = new Map();

export function sameState(a: CellState, b: CellState): boolean {
  return a.value === b.value && a.isHeld === b.isHeld;
}

/** A change the grid wants to make, before it is checked against the current state. */
export interface CellChange {
  readonly key: string;
  readonly rowKey: string;
  readonly month: Month;
  readonly dimensions: CellDimensions;
  readonly after: CellState;
}

/** What the grid currently shows for a cell (stored value overlaid by the draft) and its stored version. */
export interface CellLookup {
  current(key: string): CellState;
  version(key: string): number | null;
}

/**
 * The batch for some changes: each change against the cell's current state,
 * changes that change nothing left out. Null when nothing would change (so
 * nothing is emitted and nothing goes on the undo stack).
 */
export function makeBatch(
  kind: EditKind,
  context: { metricId: string; variant: TargetVariant },
  changes: readonly CellChange[],
  lookup: CellLookup,
): EditBatch | null {
  const edits: CellEdit[] = [];
  for (const change of changes) {
    const before = lookup.current(change.key);
    if (sameState(before, change.after)) continue;
    edits.push({ ...change, before, version: lookup.version(change.key) });
  }
  return edits.length === 0 ? null : { kind, metricId: context.metricId, variant: context.variant, edits };
}

/** An undo or redo: its batch (null when the cells are already there), or the held cell it would overwrite. */
export type Replay = { readonly ok: true; readonly batch: EditBatch | null } | { readonly ok: false; readonly held: CellEdit };

/**
 * Takes the cells of `batch` to its `before` states (undo) or its `after`
 * states (redo), made against what the cells hold now, so that it carries the
 * current versions. Only what the batch changed is changed back: undoing a
 * paste restores the values and leaves each cell's hold as it is now, undoing a
 * hold leaves the values. A value is never changed under a hold set since
 * (by another save, say): the undo is refused instead.
 */
function replay(batch: EditBatch, kind: "UNDO" | "REDO", lookup: CellLookup): Replay {
  const changes: CellChange[] = [];
  for (const edit of batch.edits) {
    const [from, to] = kind === "UNDO" ? [edit.after, edit.before] : [edit.before, edit.after];
    const current = lookup.current(edit.key);
    const next: CellState = {
      value: from.value !== to.value ? to.value : current.value,
      isHeld: from.isHeld !== to.isHeld ? to.isHeld : current.isHeld,
    };
    if (next.value !== current.value && current.isHeld && next.isHeld) return { ok: false, held: edit };
    changes.push({ key: edit.key, rowKey: edit.rowKey, month: edit.month, dimensions: edit.dimensions, after: next });
  }
  return { ok: true, batch: makeBatch(kind, batch, changes, lookup) };
}

export function undoBatch(batch: EditBatch, lookup: CellLookup): Replay {
  return replay(batch, "UNDO", lookup);
}

export function redoBatch(batch: EditBatch, lookup: CellLookup): Replay {
  return replay(batch, "REDO", lookup);
}

/** The draft after a batch: a cell back at its stored state leaves the draft. */
export function applyBatch(draft: Draft, batch: EditBatch, stored: (key: string) => CellState): Draft {
  const next = new Map(draft);
  for (const edit of batch.edits) {
    if (sameState(edit.after, stored(edit.key))) next.delete(edit.key);
    else next.set(edit.key, edit.after);
  }
  return next;
}

/** Stored state of a cell (absent = empty, not held). */
export function storedState(cells: { cell(key: string): CellState | undefined }, key: string): CellState {
  const cell = cells.cell(key);
  return cell ? { value: cell.value, isHeld: cell.isHeld } : EMPTY_CELL;
}

/** The draft once the stored cells have changed (after a save or a reload): cells now stored as drafted leave it. */
export function pruneDraft(draft: Draft, stored: (key: string) => CellState): Draft {
  let next: Map<string, CellState> | null = null;
  for (const [key, state] of draft) {
    if (sameState(state, stored(key))) (next ??= new Map(draft)).delete(key);
  }
  return next ?? draft;
}
