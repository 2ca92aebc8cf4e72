// The unsaved values of a grid, for the page that shows it: apply each batch
// the grid emits, reset after a save. When the stored cells change (a save, a
// reload), cells now stored as drafted leave the draft by themselves. The
// stored cells are indexed only once a draft needs them (the grid itself
// indexes them for its first render).
//
// One page may show several grids in turn (a metric, then another; 基本任务,
// then 力争目标): each is a `scope` with its own draft, kept while another is
// shown, so that nothing typed is lost by switching. `cells` are always the
// stored cells of the scope shown now.
import { useCallback, useEffect, useMemo, useState } from "react";
import { applyBatch, EMPTY_DRAFT, pruneDraft, storedState, type Draft, type EditBatch } from "./edit-batch.js";
import type { CellState, GridCellInput } from "./model.js";
import { indexCells, type StoredCells } from "./totals.js";

export interface GridDraft {
  /** The unsaved cells of the scope shown now. */
  readonly draft: Draft;
  readonly apply: (batch: EditBatch) => void;
  /** Forgets every unsaved cell, of every scope. */
  readonly reset: () => void;
  /** The drafts of every scope that has one (empty drafts left out). */
  readonly drafts: ReadonlyMap<string, Draft>;
  /** Changes one scope's draft (a save settled, a conflict resolved). */
  readonly update: (scope: string, change: (draft: Draft) => Draft) => void;
}

const NO_DRAFTS: ReadonlyMap<string, Draft> = new Map();

function withDraft(drafts: ReadonlyMap<string, Draft>, scope: string, draft: Draft): ReadonlyMap<string, Draft> {
  if ((drafts.get(scope) ?? EMPTY_DRAFT) === draft) return drafts;
  const next = new Map(drafts);
  if (draft.size === 0) next.delete(scope);
  else next.set(scope, draft);
  return next;
}

export function useGridDraft(cells: readonly GridCellInput[], scale: number, scope = ""): GridDraft {
  const storedOf = useMemo(() => {
    let index: StoredCells | null = null;
    return (key: string): CellState => storedState((index ??= indexCells(cells, scale)), key);
  }, [cells, scale]);
  const [drafts, setDrafts] = useState<ReadonlyMap<string, Draft>>(NO_DRAFTS);
  useEffect(
    () =>
      setDrafts((current) => {
        const draft = current.get(scope);
        return draft ? withDraft(current, scope, pruneDraft(draft, storedOf)) : current;
      }),
    [storedOf, scope],
  );
  const apply = useCallback(
    (batch: EditBatch) =>
      setDrafts((current) => withDraft(current, scope, applyBatch(current.get(scope) ?? EMPTY_DRAFT, batch, storedOf))),
    [storedOf, scope],
  );
  const reset = useCallback(() => setDrafts(NO_DRAFTS), []);
  const update = useCallback(
    (target: string, change: (draft: Draft) => Draft) =>
      setDrafts((current) => withDraft(current, target, change(current.get(target) ?? EMPTY_DRAFT))),
    [],
  );
  return { draft: drafts.get(scope) ?? EMPTY_DRAFT, apply, reset, drafts, update };
}
