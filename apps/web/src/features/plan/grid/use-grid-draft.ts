// The unsaved values of one grid (one metric, one variant), for the page that
// shows the grid: apply each batch the grid emits, reset after a save. When
// the stored cells change (a save, a reload), cells now stored as drafted
// leave the draft by themselves.
import { useCallback, useEffect, useMemo, useState } from "react";
import { applyBatch, EMPTY_DRAFT, pruneDraft, storedState, type Draft, type EditBatch } from "./edit-batch.js";
import type { GridCellInput } from "./model.js";
import { indexCells } from "./totals.js";

export interface GridDraft {
  readonly draft: Draft;
  readonly apply: (batch: EditBatch) => void;
  readonly reset: () => void;
}

export function useGridDraft(cells: readonly GridCellInput[], scale: number): GridDraft {
  const stored = useMemo(() => indexCells(cells, scale).byKey, [cells, scale]);
  const [draft, setDraft] = useState<Draft>(EMPTY_DRAFT);
  useEffect(() => setDraft((current) => pruneDraft(current, (key) => storedState(stored, key))), [stored]);
  const apply = useCallback(
    (batch: EditBatch) => setDraft((current) => applyBatch(current, batch, (key) => storedState(stored, key))),
    [stored],
  );
  const reset = useCallback(() => setDraft(EMPTY_DRAFT), []);
  return { draft, apply, reset };
}
