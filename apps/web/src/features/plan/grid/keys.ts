// The keyboard, as in a spreadsheet: what each key means, with and without a
// cell being edited. Copy and paste are not here: they come as the browser's
// copy and paste events (Ctrl+C / Ctrl+V, or the menu).
import type { Direction } from "./selection.js";

export interface KeyInput {
  readonly key: string;
  readonly ctrlKey: boolean;
  readonly metaKey: boolean;
  readonly shiftKey: boolean;
  readonly altKey: boolean;
}

/**
 * How the open editor was started: REPLACE by typing over a cell (the arrows
 * then commit and move, as in Excel), EDIT by F2 or a double-click (the arrows
 * move the caret in the text).
 */
export type EditorMode = "REPLACE" | "EDIT";

export type GridAction =
  | { readonly type: "MOVE"; readonly direction: Direction; readonly extend: boolean; readonly toEdge: boolean }
  /** Enter / Tab with no editor open: move one cell, the selection collapsing. */
  | { readonly type: "NEXT"; readonly direction: Direction }
  | { readonly type: "COMMIT"; readonly then: Direction }
  | { readonly type: "CANCEL" }
  | { readonly type: "BEGIN_EDIT" }
  | { readonly type: "TYPE"; readonly text: string }
  | { readonly type: "CLEAR" }
  | { readonly type: "FILL_DOWN" }
  | { readonly type: "UNDO" }
  | { readonly type: "REDO" }
  | { readonly type: "SELECT_ALL" }
  | { readonly type: "TOGGLE_HOLD" }
  /** Space: collapse or expand the product line whose subtotal row has the focus. */
  | { readonly type: "TOGGLE_LINE" };

const ARROWS: Readonly<Record<string, Direction>> = {
  ArrowUp: "UP",
  ArrowDown: "DOWN",
  ArrowLeft: "LEFT",
  ArrowRight: "RIGHT",
};

/** The grid's action for a key press, or null to leave the key to the browser. */
export function actionForKey(input: KeyInput, editor: EditorMode | null): GridAction | null {
  const command = input.ctrlKey || input.metaKey;
  const key = input.key;
  if (editor) {
    if (key === "Enter") return { type: "COMMIT", then: input.shiftKey ? "UP" : "DOWN" };
    if (key === "Tab") return { type: "COMMIT", then: input.shiftKey ? "LEFT" : "RIGHT" };
    if (key === "Escape") return { type: "CANCEL" };
    const arrow = ARROWS[key];
    if (arrow && editor === "REPLACE" && !command && !input.shiftKey) return { type: "COMMIT", then: arrow };
    return null; // the text box has it (caret, selection, its own undo)
  }
  if (command && !input.altKey) {
    const lower = key.toLowerCase();
    if (lower === "z") return input.shiftKey ? { type: "REDO" } : { type: "UNDO" };
    if (lower === "y") return { type: "REDO" };
    if (lower === "d") return { type: "FILL_DOWN" };
    if (lower === "a") return { type: "SELECT_ALL" };
    if (lower === "l" && input.shiftKey) return { type: "TOGGLE_HOLD" };
    const arrow = ARROWS[key];
    if (arrow) return { type: "MOVE", direction: arrow, extend: input.shiftKey, toEdge: true };
    return null;
  }
  const arrow = ARROWS[key];
  if (arrow) return { type: "MOVE", direction: arrow, extend: input.shiftKey, toEdge: false };
  if (key === "Home" || key === "End") {
    return { type: "MOVE", direction: key === "Home" ? "LEFT" : "RIGHT", extend: input.shiftKey, toEdge: true };
  }
  if (key === "Enter") return { type: "NEXT", direction: input.shiftKey ? "UP" : "DOWN" };
  if (key === "Tab") return { type: "NEXT", direction: input.shiftKey ? "LEFT" : "RIGHT" };
  if (key === "F2") return { type: "BEGIN_EDIT" };
  if (key === "Delete" || key === "Backspace") return { type: "CLEAR" };
  if (key === " ") return { type: "TOGGLE_LINE" };
  // A printable character (one code point) starts an editor that replaces the cell.
  if (!input.altKey && [...key].length === 1) return { type: "TYPE", text: key };
  return null;
}
