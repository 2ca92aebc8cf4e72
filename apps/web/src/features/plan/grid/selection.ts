// The selection: an anchor (where it started) and a focus (the active cell,
// which the keyboard moves), both (row, col) in display coordinates. The
// selected block is the rectangle between them, as in a spreadsheet.

export interface CellPosition {
  readonly row: number;
  readonly col: number;
}

export interface Selection {
  readonly anchor: CellPosition;
  readonly focus: CellPosition;
}

/** Inclusive bounds of a block. */
export interface Rect {
  readonly top: number;
  readonly left: number;
  readonly bottom: number;
  readonly right: number;
}

export interface GridSize {
  readonly rows: number;
  readonly cols: number;
}

const clamp = (value: number, max: number) => Math.max(0, Math.min(value, max - 1));

export function clampPosition(position: CellPosition, size: GridSize): CellPosition {
  return { row: clamp(position.row, size.rows), col: clamp(position.col, size.cols) };
}

/** One cell selected. */
export function selectCell(position: CellPosition): Selection {
  return { anchor: position, focus: position };
}

/** The anchor stays; the focus moves to `position` (shift+click, mouse drag). */
export function extendTo(selection: Selection, position: CellPosition): Selection {
  return { anchor: selection.anchor, focus: position };
}

export function selectionRect(selection: Selection): Rect {
  const { anchor, focus } = selection;
  return {
    top: Math.min(anchor.row, focus.row),
    left: Math.min(anchor.col, focus.col),
    bottom: Math.max(anchor.row, focus.row),
    right: Math.max(anchor.col, focus.col),
  };
}

export function rectSize(rect: Rect): GridSize {
  return { rows: rect.bottom - rect.top + 1, cols: rect.right - rect.left + 1 };
}

export function inRect(rect: Rect, row: number, col: number): boolean {
  return row >= rect.top && row <= rect.bottom && col >= rect.left && col <= rect.right;
}

/** Every position of a block, row by row. */
export function positionsOf(rect: Rect): CellPosition[] {
  const out: CellPosition[] = [];
  for (let row = rect.top; row <= rect.bottom; row++) for (let col = rect.left; col <= rect.right; col++) out.push({ row, col });
  return out;
}

export type Direction = "UP" | "DOWN" | "LEFT" | "RIGHT";

const STEP: Record<Direction, CellPosition> = {
  UP: { row: -1, col: 0 },
  DOWN: { row: 1, col: 0 },
  LEFT: { row: 0, col: -1 },
  RIGHT: { row: 0, col: 1 },
};

/**
 * Moves the focus one cell (or to the edge with `toEdge`, as Ctrl+arrow) and
 * stops at the border. Without `extend` the selection collapses onto the new
 * focus; with it (shift) the anchor stays and the block grows or shrinks.
 */
export function move(
  selection: Selection,
  direction: Direction,
  size: GridSize,
  options: { extend?: boolean; toEdge?: boolean } = {},
): Selection {
  const step = STEP[direction];
  const far = Math.max(size.rows, size.cols);
  const distance = options.toEdge ? far : 1;
  const focus = clampPosition(
    { row: selection.focus.row + step.row * distance, col: selection.focus.col + step.col * distance },
    size,
  );
  return options.extend ? { anchor: selection.anchor, focus } : selectCell(focus);
}

/** Keeps a selection inside a grid that has shrunk (a line collapsed, a view switched). */
export function clampSelection(selection: Selection, size: GridSize): Selection {
  return { anchor: clampPosition(selection.anchor, size), focus: clampPosition(selection.focus, size) };
}

export function selectAll(size: GridSize): Selection {
  return { anchor: { row: 0, col: 0 }, focus: { row: size.rows - 1, col: size.cols - 1 } };
}

/** True when the focus is at the given column edge (Tab leaves the grid from the last column). */
export function atColumnEdge(selection: Selection, direction: "LEFT" | "RIGHT", size: GridSize): boolean {
  return direction === "LEFT" ? selection.focus.col === 0 : selection.focus.col === size.cols - 1;
}
