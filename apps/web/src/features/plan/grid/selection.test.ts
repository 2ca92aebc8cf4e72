import { describe, expect, it } from "vitest";
import {
  atColumnEdge,
  clampSelection,
  extendTo,
  inRect,
  move,
  positionsOf,
  rectSize,
  selectAll,
  selectCell,
  selectionRect,
} from "./selection.js";

const size = { rows: 5, cols: 4 };

describe("selection", () => {
  it("moves one cell and stops at the border", () => {
    const at = selectCell({ row: 0, col: 0 });
    expect(move(at, "DOWN", size)).toEqual(selectCell({ row: 1, col: 0 }));
    expect(move(at, "UP", size)).toEqual(at);
    expect(move(at, "LEFT", size)).toEqual(at);
    expect(move(selectCell({ row: 4, col: 3 }), "RIGHT", size)).toEqual(selectCell({ row: 4, col: 3 }));
  });

  it("jumps to the edge (Ctrl+arrow, Home, End)", () => {
    expect(move(selectCell({ row: 2, col: 1 }), "RIGHT", size, { toEdge: true })).toEqual(selectCell({ row: 2, col: 3 }));
    expect(move(selectCell({ row: 2, col: 1 }), "DOWN", size, { toEdge: true })).toEqual(selectCell({ row: 4, col: 1 }));
  });

  it("extends from the anchor with shift and shrinks back", () => {
    let s = selectCell({ row: 1, col: 1 });
    s = move(s, "DOWN", size, { extend: true });
    s = move(s, "RIGHT", size, { extend: true });
    expect(selectionRect(s)).toEqual({ top: 1, left: 1, bottom: 2, right: 2 });
    s = move(s, "UP", size, { extend: true });
    s = move(s, "UP", size, { extend: true });
    expect(s.anchor).toEqual({ row: 1, col: 1 });
    expect(selectionRect(s)).toEqual({ top: 0, left: 1, bottom: 1, right: 2 });
    // Without shift the block collapses on the moved focus.
    expect(move(s, "LEFT", size)).toEqual(selectCell({ row: 0, col: 1 }));
  });

  it("drags from the anchor to any cell, in any direction", () => {
    const s = extendTo(selectCell({ row: 3, col: 3 }), { row: 1, col: 0 });
    expect(selectionRect(s)).toEqual({ top: 1, left: 0, bottom: 3, right: 3 });
    expect(rectSize(selectionRect(s))).toEqual({ rows: 3, cols: 4 });
    expect(inRect(selectionRect(s), 2, 2)).toBe(true);
    expect(inRect(selectionRect(s), 0, 2)).toBe(false);
  });

  it("lists a block's cells row by row", () => {
    expect(positionsOf({ top: 0, left: 1, bottom: 1, right: 2 })).toEqual([
      { row: 0, col: 1 },
      { row: 0, col: 2 },
      { row: 1, col: 1 },
      { row: 1, col: 2 },
    ]);
  });

  it("selects all, keeps a selection inside a shrunken grid, knows the column edges", () => {
    expect(selectionRect(selectAll(size))).toEqual({ top: 0, left: 0, bottom: 4, right: 3 });
    const s = extendTo(selectCell({ row: 1, col: 1 }), { row: 4, col: 3 });
    expect(clampSelection(s, { rows: 3, cols: 2 })).toEqual({ anchor: { row: 1, col: 1 }, focus: { row: 2, col: 1 } });
    expect(atColumnEdge(selectCell({ row: 0, col: 3 }), "RIGHT", size)).toBe(true);
    expect(atColumnEdge(selectCell({ row: 0, col: 2 }), "RIGHT", size)).toBe(false);
    expect(atColumnEdge(selectCell({ row: 0, col: 0 }), "LEFT", size)).toBe(true);
  });
});
