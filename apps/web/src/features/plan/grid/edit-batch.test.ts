import { describe, expect, it } from "vitest";
import {
  applyBatch,
  EMPTY_DRAFT,
  makeBatch,
  pruneDraft,
  redoBatch,
  storedState,
  undoBatch,
  type CellLookup,
  type Draft,
} from "./edit-batch.js";
import { cellKey, EMPTY_CELL, type CellState } from "./model.js";
import { indexCells } from "./totals.js";
import { A, B, CELLS, SALES } from "./testing.js";

const stored = indexCells(CELLS, SALES.scale);
const storedOf = (key: string) => storedState(stored, key);
const lookupOver = (draft: Draft): CellLookup => ({
  current: (key) => draft.get(key) ?? stored.cell(key) ?? EMPTY_CELL,
  version: (key) => stored.cell(key)?.version ?? null,
});
const context = { metricId: SALES.id, variant: "BASE" as const };
const change = (rowKey: string, month: 1 | 2 | 3 | 12, after: CellState) => ({
  key: cellKey(rowKey, month),
  rowKey,
  month,
  dimensions: { productSpecId: "x" },
  after,
});

describe("edit batches", () => {
  it("carries each cell's state before and its stored version, and leaves out changes that change nothing", () => {
    const batch = makeBatch(
      "PASTE",
      context,
      [
        change(A.key, 1, { value: "1000.00", isHeld: false }), // already so
        change(A.key, 3, { value: "5.00", isHeld: false }), // never stored
        change(B.key, 1, { value: null, isHeld: false }),
      ],
      lookupOver(EMPTY_DRAFT),
    )!;
    expect(batch.kind).toBe("PASTE");
    expect(batch.metricId).toBe(SALES.id);
    expect(batch.edits.map((e) => [e.month, e.before.value, e.after.value, e.version])).toEqual([
      [3, null, "5.00", null],
      [1, "700.00", null, 2],
    ]);
    expect(
      makeBatch("EDIT", context, [change(A.key, 1, { value: "1000.00", isHeld: false })], lookupOver(EMPTY_DRAFT)),
    ).toBeNull();
  });

  it("keeps in the draft only what differs from the stored cells", () => {
    const lookup = lookupOver(EMPTY_DRAFT);
    const first = makeBatch("EDIT", context, [change(A.key, 1, { value: "1500.00", isHeld: false })], lookup)!;
    const draft = applyBatch(EMPTY_DRAFT, first, storedOf);
    expect([...draft]).toEqual([[cellKey(A.key, 1), { value: "1500.00", isHeld: false }]]);
    const back = makeBatch("EDIT", context, [change(A.key, 1, { value: "1000.00", isHeld: false })], lookupOver(draft))!;
    expect(back.edits[0]?.before.value).toBe("1500.00");
    expect(applyBatch(draft, back, storedOf).size).toBe(0);
  });

  it("undoes a batch to its before states and redoes it, each against the current cells", () => {
    const paste = makeBatch(
      "PASTE",
      context,
      [change(A.key, 1, { value: "1.00", isHeld: false }), change(A.key, 2, { value: "2.00", isHeld: false })],
      lookupOver(EMPTY_DRAFT),
    )!;
    const afterPaste = applyBatch(EMPTY_DRAFT, paste, storedOf);
    const undo = undoBatch(paste, lookupOver(afterPaste));
    if (!undo.ok || !undo.batch) throw new Error("no undo");
    expect(undo.batch.kind).toBe("UNDO");
    expect(undo.batch.edits.map((e) => [e.before.value, e.after.value, e.version])).toEqual([
      ["1.00", "1000.00", 1],
      ["2.00", "2000.50", 1],
    ]);
    const afterUndo = applyBatch(afterPaste, undo.batch, storedOf);
    expect(afterUndo.size).toBe(0);
    const redo = redoBatch(paste, lookupOver(afterUndo));
    if (!redo.ok || !redo.batch) throw new Error("no redo");
    expect(redo.batch.kind).toBe("REDO");
    expect(applyBatch(afterUndo, redo.batch, storedOf)).toEqual(afterPaste);
    // Nothing to undo when the cells are already back.
    expect(undoBatch(paste, lookupOver(afterUndo))).toEqual({ ok: true, batch: null });
  });

  it("changes back only what the batch changed, and never a value under a hold set since", () => {
    const paste = makeBatch("PASTE", context, [change(A.key, 1, { value: "1.00", isHeld: false })], lookupOver(EMPTY_DRAFT))!;
    // Since the paste, A Jan was held (by a save elsewhere, or a hold outside this history).
    const heldSince: Draft = new Map([[cellKey(A.key, 1), { value: "1.00", isHeld: true }]]);
    expect(undoBatch(paste, lookupOver(heldSince))).toEqual({ ok: false, held: paste.edits[0] });
    // Undoing a hold gives the hold back and keeps the value as it is now.
    const hold = makeBatch("HOLD", context, [change(B.key, 1, { value: "700.00", isHeld: true })], lookupOver(EMPTY_DRAFT))!;
    const valueSince: Draft = new Map([[cellKey(B.key, 1), { value: "5.00", isHeld: true }]]);
    const undo = undoBatch(hold, lookupOver(valueSince));
    expect(undo.ok && undo.batch?.edits.map((e) => e.after)).toEqual([{ value: "5.00", isHeld: false }]);
  });

  it("prunes the draft of cells that are now stored as drafted", () => {
    const draft: Draft = new Map([
      [cellKey(A.key, 1), { value: "1000.00", isHeld: false }],
      [cellKey(A.key, 3), { value: "3.00", isHeld: false }],
    ]);
    expect([...pruneDraft(draft, storedOf).keys()]).toEqual([cellKey(A.key, 3)]);
    const untouched: Draft = new Map([[cellKey(A.key, 3), { value: "3.00", isHeld: false }]]);
    expect(pruneDraft(untouched, storedOf)).toBe(untouched);
  });
});
