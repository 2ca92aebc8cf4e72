// The unsaved values of one grid (one metric, one variant), for the page that
// shows the grid: apply each batch the grid emits, reset after a save. When
// the stored cells change (a save, a reload), cells now stored as drafted
// leave the draft by themselves. The stored cells are indexed only once a
// draft needs them (the grid itself indexes them for its first render).
import { useCallback, useEffect, useMemo, useState } from "react";
import { applyBatch, EMPTY_DRAFT, pruneDraft, storedState, type Draft, type EditBatch } from "./edit-batch.js";
import type { CellState, GridCellInput } from "./model.js";
import { indexCells, type StoredCells } from "./totals.js";

export interface GridDraft {
  readonly draft: Draft;
  readonly apply: (batch: EditBatch) => void;
  readonly reset: () => void;
}

export function useGridDraft(cells: readonly GridCellInput[], scale: number): GridDraft {
  const storedOf = useMemo(() => {
    let index: StoredCells | null = null;
    return (key: string): CellState => storedState((index ??= indexCells(cells, scale)), key);
  }, [cells, scale]);
  const [draft, setDraft] = useState<Draft>(EMPTY_DRAFT);
  useEffect(() => setDraft((current) => (current.size === 0 ? current : pruneDraft(current, storedOf))), [storedOf]);
  const apply = useCallback((batch: EditBatch) => setDraft((current) => applyBatch(current, batch, storedOf)), [storedOf]);
  const reset = useCallback(() => setDraft(EMPTY_DRAFT), []);
  return { draft, apply, reset };
}
