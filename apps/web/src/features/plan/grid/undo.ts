// Undo and redo of edit batches (Ctrl+Z / Ctrl+Y): a batch is undone whole, as
// it was done. Immutable; the grid keeps one history per metric and variant.
import type { EditBatch } from "./edit-batch.js";

export interface UndoHistory {
  /** Done batches, oldest first. */
  readonly past: readonly EditBatch[];
  /** Undone batches, the next to redo last. */
  readonly future: readonly EditBatch[];
}

export const EMPTY_HISTORY: UndoHistory = Object.freeze({ past: [], future: [] });

/** How many batches can be undone; older ones are forgotten. */
export const UNDO_LIMIT = 100;

/** A new batch was done: it can be undone, and what was undone can no longer be redone. */
export function recordBatch(history: UndoHistory, batch: EditBatch, limit = UNDO_LIMIT): UndoHistory {
  const past = [...history.past, batch];
  return { past: past.length > limit ? past.slice(past.length - limit) : past, future: [] };
}

/** The batch to undo (the last done) and the history once it is undone; null when there is none. */
export function takeUndo(history: UndoHistory): { batch: EditBatch; history: UndoHistory } | null {
  const batch = history.past.at(-1);
  if (!batch) return null;
  return { batch, history: { past: history.past.slice(0, -1), future: [...history.future, batch] } };
}

/** The batch to redo (the last undone) and the history once it is redone; null when there is none. */
export function takeRedo(history: UndoHistory): { batch: EditBatch; history: UndoHistory } | null {
  const batch = history.future.at(-1);
  if (!batch) return null;
  return { batch, history: { past: [...history.past, batch], future: history.future.slice(0, -1) } };
}
