import { describe, expect, it } from "vitest";
import type { EditBatch } from "./edit-batch.js";
import { EMPTY_HISTORY, recordBatch, takeRedo, takeUndo } from "./undo.js";

const batch = (n: number): EditBatch => ({ kind: "EDIT", metricId: `m${n}`, variant: "BASE", edits: [] });

describe("undo history", () => {
  it("undoes the last batch first and redoes in the same order", () => {
    let h = recordBatch(recordBatch(EMPTY_HISTORY, batch(1)), batch(2));
    const u1 = takeUndo(h)!;
    expect(u1.batch).toBe(h.past[1]);
    h = u1.history;
    const u2 = takeUndo(h)!;
    expect(u2.batch.metricId).toBe("m1");
    h = u2.history;
    expect(takeUndo(h)).toBeNull();
    const r1 = takeRedo(h)!;
    expect(r1.batch.metricId).toBe("m1");
    const r2 = takeRedo(r1.history)!;
    expect(r2.batch.metricId).toBe("m2");
    expect(takeRedo(r2.history)).toBeNull();
    expect(r2.history.past.map((b) => b.metricId)).toEqual(["m1", "m2"]);
  });

  it("forgets the undone batches when a new one is done", () => {
    const h = takeUndo(recordBatch(recordBatch(EMPTY_HISTORY, batch(1)), batch(2)))!.history;
    expect(h.future).toHaveLength(1);
    const after = recordBatch(h, batch(3));
    expect(after.future).toEqual([]);
    expect(after.past.map((b) => b.metricId)).toEqual(["m1", "m3"]);
  });

  it("keeps at most the limit, forgetting the oldest", () => {
    let h = EMPTY_HISTORY;
    for (let i = 1; i <= 5; i++) h = recordBatch(h, batch(i), 3);
    expect(h.past.map((b) => b.metricId)).toEqual(["m3", "m4", "m5"]);
  });
});
