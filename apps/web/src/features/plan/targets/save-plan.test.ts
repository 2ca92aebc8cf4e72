// From drafts to one batch and back, worked by hand on two cells of 销售额:
// A = 金樽500ml Jan, stored 1,000.00 (version 3); B = 金樽250ml Feb, never stored.
import { describe, expect, it } from "vitest";
import { cellKey, type Draft } from "../grid/index.js";
import {
  basisKey,
  buildChanges,
  draftScope,
  keepMine,
  matchConflicts,
  parseScope,
  settleSaved,
  takeTheirs,
  type CellBasis,
  type DraftStore,
} from "./save-plan.js";

const M = "m-sales";
const A_KEY = cellKey("F|s1", 1);
const B_KEY = cellKey("F|s2", 2);
const A: CellBasis = {
  metricId: M,
  scale: 2,
  label: "销售额 · 金樽500ml · 1月",
  rowKey: "F|s1",
  month: 1,
  dimensions: { productSpecId: "s1" },
  version: 3,
  base: "1000.00",
  stretch: null,
  isHeld: false,
};
const B: CellBasis = {
  ...A,
  label: "销售额 · 金樽250ml · 2月",
  rowKey: "F|s2",
  month: 2,
  dimensions: { productSpecId: "s2" },
  version: null,
  base: null,
};
const BASES = new Map([
  [basisKey(M, A_KEY), A],
  [basisKey(M, B_KEY), B],
]);

const drafts = (entries: Record<string, Record<string, { value: string | null; isHeld: boolean }>>) =>
  new Map(Object.entries(entries).map(([scope, cells]) => [scope, new Map(Object.entries(cells)) as Draft]));

/** A store over plain maps, as the page's state would be. */
function memoryStore(initial: Map<string, Draft>, bases = new Map(BASES)) {
  const state = { drafts: initial, bases: bases as ReadonlyMap<string, CellBasis> };
  const store: DraftStore = {
    update: (scope, change) => {
      const next = new Map(state.drafts);
      next.set(scope, change(state.drafts.get(scope) ?? new Map()));
      state.drafts = next;
    },
    setBases: (change) => {
      state.bases = change(state.bases);
    },
  };
  return { state, store };
}

describe("draft scopes", () => {
  it("name a metric's base or stretch grid and read back", () => {
    expect(draftScope("m|x", "STRETCH")).toBe("m|x|STRETCH");
    expect(parseScope("m|x|STRETCH")).toEqual({ metricId: "m|x", variant: "STRETCH" });
    expect(() => parseScope("m-sales")).toThrow(/not a draft scope/);
  });
});

describe("buildChanges", () => {
  it("sends a changed base with the version read, and a new cell with none", () => {
    const built = buildChanges(
      drafts({
        [draftScope(M, "BASE")]: { [A_KEY]: { value: "1234.50", isHeld: false }, [B_KEY]: { value: "20.00", isHeld: false } },
      }),
      BASES,
    );
    expect(built.ok && built.changes.map((change) => change.input)).toEqual([
      {
        metricId: M,
        month: 1,
        productSpecId: "s1",
        channelId: null,
        terminalId: null,
        distributorId: null,
        townshipId: null,
        baseValue: "1234.50",
        expectedVersion: 3,
      },
      {
        metricId: M,
        month: 2,
        productSpecId: "s2",
        channelId: null,
        terminalId: null,
        distributorId: null,
        townshipId: null,
        baseValue: "20.00",
        expectedVersion: null,
      },
    ]);
  });

  it("merges a cell's base and stretch edits into one change, with the hold when it changed", () => {
    const built = buildChanges(
      drafts({
        [draftScope(M, "BASE")]: { [A_KEY]: { value: "1100.00", isHeld: false } },
        [draftScope(M, "STRETCH")]: { [A_KEY]: { value: "1300.00", isHeld: true } },
      }),
      BASES,
    );
    expect(built.ok && built.changes).toHaveLength(1);
    expect(built.ok && built.changes[0]?.input).toMatchObject({
      baseValue: "1100.00",
      stretchValue: "1300.00",
      isHeld: true,
      expectedVersion: 3,
    });
    expect(built.ok && built.changes[0]?.dimensionKey).toBe("spec=s1");
  });

  it("sends the stored base under a stretch edit, and a cleared stretch as null", () => {
    const built = buildChanges(drafts({ [draftScope(M, "STRETCH")]: { [A_KEY]: { value: null, isHeld: false } } }), BASES);
    expect(built.ok && built.changes[0]?.input).toMatchObject({ baseValue: "1000.00", stretchValue: null, expectedVersion: 3 });
    expect(built.ok && "isHeld" in built.changes[0]!.input!).toBe(false);
  });

  it("refuses a stretch target on a cell without a base, naming the cell", () => {
    const built = buildChanges(drafts({ [draftScope(M, "STRETCH")]: { [B_KEY]: { value: "50.00", isHeld: false } } }), BASES);
    expect(built).toEqual({ ok: false, problem: { code: "STRETCH_WITHOUT_BASE", basis: B } });
  });

  it("has nothing to store for a hold on a cell that holds no value", () => {
    const built = buildChanges(drafts({ [draftScope(M, "BASE")]: { [B_KEY]: { value: null, isHeld: true } } }), BASES);
    expect(built.ok && built.changes[0]?.input).toBeNull();
  });
});

describe("a conflict and its choices", () => {
  const sent = buildChanges(
    drafts({
      [draftScope(M, "BASE")]: { [A_KEY]: { value: "1500.00", isHeld: false }, [B_KEY]: { value: "20.00", isHeld: false } },
    }),
    BASES,
  );
  const changes = sent.ok ? sent.changes : [];
  const answer = {
    __typename: "TargetCellsConflict" as const,
    planId: "p",
    message: "1 cell(s) were changed by someone else since they were read.",
    conflicts: [
      {
        metricId: M,
        month: 1,
        dimensionKey: "spec=s1",
        expectedVersion: 3,
        current: {
          baseValue: "1800.00",
          stretchValue: "2000.00",
          isHeld: true,
          version: 4,
          updatedAt: "2026-11-28T02:30:00.000Z",
          updatedBy: { id: "u-wang", login: "conghua.wang", displayName: "王芳" },
        },
      },
    ],
  };

  it("are matched to the change the answer refused", () => {
    const conflicts = matchConflicts(changes, answer);
    expect(conflicts).toHaveLength(1);
    expect(conflicts[0]?.change.basis).toBe(A);
    expect(conflicts[0]?.choice).toBeNull();
  });

  it("keep mine: sent again on their version, their stretch and hold kept under my base", () => {
    const { state, store } = memoryStore(drafts({ [draftScope(M, "BASE")]: { [A_KEY]: { value: "1500.00", isHeld: false } } }));
    keepMine(matchConflicts(changes, answer)[0]!, store);
    expect(state.bases.get(basisKey(M, A_KEY))).toMatchObject({ version: 4, base: "1800.00", stretch: "2000.00", isHeld: true });
    const again = buildChanges(state.drafts, state.bases);
    // My hold (false) differs from theirs (true): sent too.
    expect(again.ok && again.changes[0]?.input).toMatchObject({ baseValue: "1500.00", isHeld: false, expectedVersion: 4 });
  });

  it("take theirs: my edits of the cell leave both drafts, the other cell's stay", () => {
    const { state, store } = memoryStore(
      drafts({
        [draftScope(M, "BASE")]: { [A_KEY]: { value: "1500.00", isHeld: false }, [B_KEY]: { value: "20.00", isHeld: false } },
        [draftScope(M, "STRETCH")]: { [A_KEY]: { value: "1600.00", isHeld: false } },
      }),
    );
    takeTheirs(matchConflicts(changes, answer)[0]!, store);
    expect([...state.drafts.get(draftScope(M, "BASE"))!.keys()]).toEqual([B_KEY]);
    expect(state.drafts.get(draftScope(M, "STRETCH"))!.size).toBe(0);
    expect(state.bases.has(basisKey(M, A_KEY))).toBe(false);
  });
});

describe("settleSaved", () => {
  it("drops what was saved, and keeps a cell edited again meanwhile on the version just saved", () => {
    const before = drafts({
      [draftScope(M, "BASE")]: { [A_KEY]: { value: "1500.00", isHeld: false }, [B_KEY]: { value: "20.00", isHeld: false } },
    });
    const built = buildChanges(before, BASES);
    if (!built.ok) throw new Error("expected changes");
    // While the save ran, B was typed over again.
    const { state, store } = memoryStore(
      drafts({
        [draftScope(M, "BASE")]: { [A_KEY]: { value: "1500.00", isHeld: false }, [B_KEY]: { value: "25.00", isHeld: false } },
      }),
    );
    const saved = [
      {
        metricId: M,
        month: 1,
        dimensionKey: "spec=s1",
        id: "c1",
        version: 4,
        baseValue: "1500.00",
        stretchValue: null,
        isHeld: false,
      },
      {
        metricId: M,
        month: 2,
        dimensionKey: "spec=s2",
        id: "c9",
        version: 1,
        baseValue: "20.00",
        stretchValue: null,
        isHeld: false,
      },
    ];
    settleSaved(built.changes, saved, state.drafts, store);
    expect([...state.drafts.get(draftScope(M, "BASE"))!.entries()]).toEqual([[B_KEY, { value: "25.00", isHeld: false }]]);
    expect(state.bases.has(basisKey(M, A_KEY))).toBe(false);
    expect(state.bases.get(basisKey(M, B_KEY))).toMatchObject({ version: 1, base: "20.00" });
    const next = buildChanges(state.drafts, state.bases);
    expect(next.ok && next.changes.map((change) => change.input?.expectedVersion)).toEqual([1]);
  });
});
