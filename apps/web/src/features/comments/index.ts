// Comments on a plan: the panel (anchored to a cell or section, or the whole plan), the
// workbench tab, and the commented cells' keys for the grid's corner marks.
export { CommentsPanel, type CommentsPanelProps } from "./CommentsPanel.js";
export { CommentsTab } from "./CommentsTab.js";
export { targetCellMarkKey, useCommentedCells, type CommentedCells } from "./useCommentedCells.js";
