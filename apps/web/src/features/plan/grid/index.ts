// The targets grid, for the plan workbench: the component, the hook that keeps
// its unsaved values, and the types of its inputs and of the edit batches it emits.
export { TargetsGrid, type TargetsGridProps } from "./TargetsGrid.js";
export { useGridDraft, type GridDraft } from "./use-grid-draft.js";
export { formatUnits } from "./cell-view.js";
export { applyBatch, pruneDraft, EMPTY_DRAFT, type CellEdit, type Draft, type EditBatch, type EditKind } from "./edit-batch.js";
export {
  cellKey,
  type CellState,
  type GridCellInput,
  type GridHistoryInput,
  type GridLine,
  type GridMetric,
  type GridRowSpec,
  type SelectedBlock,
  type HistoryView,
  type TargetVariant,
} from "./model.js";
