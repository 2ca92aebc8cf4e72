// From unsaved grid edits to one saveTargetCells batch, and back: the
// changes to send (one per cell, the base and stretch drafts of a cell
// merged, each with the version the person read), the conflicts of an answer
// matched to those changes, what "take theirs" / "keep mine" does to the
// drafts, and what a successful save leaves of them.
//
// Drafts are kept per scope (metric × 基本任务/力争目标, see useGridDraft); the
// basis of a cell is what was stored when it was first edited (its version,
// base, stretch, hold), recorded by the page from the grid it edited.
import { cellDimensionKey, type CellDimensions } from "@pyramid/domain";
import type { SaveTargetCellsMutation, TargetCellChangeInput } from "../../../graphql/generated/graphql.js";
import type { CellState, Draft, TargetVariant } from "../grid/index.js";

export const VARIANTS: readonly TargetVariant[] = ["BASE", "STRETCH"];

/** The draft scope of a metric's base or stretch grid. */
export function draftScope(metricId: string, variant: TargetVariant): string {
  return `${metricId}|${variant}`;
}

export function parseScope(scope: string): { readonly metricId: string; readonly variant: TargetVariant } {
  const at = scope.lastIndexOf("|");
  const variant = scope.slice(at + 1);
  if (at < 0 || (variant !== "BASE" && variant !== "STRETCH")) throw new RangeError(`not a draft scope: ${scope}`);
  return { metricId: scope.slice(0, at), variant };
}

/** What was stored in a cell when it was first edited, and where the cell is. */
export interface CellBasis {
  readonly metricId: string;
  /** The metric's decimal places, for showing the cell's values. */
  readonly scale: number;
  /** "销售额 · 金樽·三十年 · 3月": how messages name the cell. */
  readonly label: string;
  readonly rowKey: string;
  readonly month: number;
  readonly dimensions: CellDimensions;
  /** The version read; null when there was no cell. */
  readonly version: number | null;
  readonly base: string | null;
  readonly stretch: string | null;
  readonly isHeld: boolean;
}

/** The key of a cell of a metric in the bases: the metric and the grid's cell key. */
export function basisKey(metricId: string, key: string): string {
  return `${metricId}\u0001${key}`;
}

function splitBasisKey(key: string): { readonly metricId: string; readonly cellKey: string } {
  const at = key.indexOf("\u0001");
  return { metricId: key.slice(0, at), cellKey: key.slice(at + 1) };
}

/** One cell's change, as sent. */
export interface PendingChange {
  readonly key: string;
  readonly basis: CellBasis;
  readonly dimensionKey: string;
  /** Null when there is nothing to store (a hold on an empty cell): it leaves the draft once the rest is saved. */
  readonly input: TargetCellChangeInput | null;
  /** What the person set: base, stretch (undefined: not changed; null: none), hold (undefined: not changed). */
  readonly mine: {
    readonly base: string | null;
    readonly stretch: string | null | undefined;
    readonly isHeld: boolean | undefined;
  };
  /** The draft states that went into it, by variant. */
  readonly sent: Partial<Record<TargetVariant, CellState>>;
}

export type BuildResult =
  | { readonly ok: true; readonly changes: readonly PendingChange[] }
  | { readonly ok: false; readonly problem: { readonly code: "STRETCH_WITHOUT_BASE"; readonly basis: CellBasis } };

/**
 * The changes for every unsaved cell of every scope. A cell's base comes from
 * the base draft, else from what was stored; its stretch and hold are sent only
 * when changed. A stretch target on a cell without a base is refused (the API
 * stores no stretch without a base).
 */
export function buildChanges(drafts: ReadonlyMap<string, Draft>, bases: ReadonlyMap<string, CellBasis>): BuildResult {
  const byCell = new Map<string, Partial<Record<TargetVariant, CellState>>>();
  for (const [scope, draft] of drafts) {
    const { metricId, variant } = parseScope(scope);
    for (const [key, state] of draft) {
      const id = basisKey(metricId, key);
      let entry = byCell.get(id);
      if (!entry) byCell.set(id, (entry = {}));
      entry[variant] = state;
    }
  }
  const changes: PendingChange[] = [];
  for (const [id, sent] of byCell) {
    const basis = bases.get(id);
    if (!basis) throw new Error(`no basis recorded for the edited cell ${splitBasisKey(id).cellKey}`);
    const { BASE: base, STRETCH: stretch } = sent;
    const baseValue = base ? base.value : basis.base;
    const stretchValue = stretch ? stretch.value : undefined;
    const isHeld =
      base && base.isHeld !== basis.isHeld
        ? base.isHeld
        : stretch && stretch.isHeld !== basis.isHeld
          ? stretch.isHeld
          : undefined;
    if (baseValue === null && stretchValue) return { ok: false, problem: { code: "STRETCH_WITHOUT_BASE", basis } };
    const dimensionKey = cellDimensionKey(basis.dimensions);
    const nothingToStore = baseValue === null && basis.version === null;
    changes.push({
      key: id,
      basis,
      dimensionKey,
      mine: { base: baseValue, stretch: stretchValue, isHeld },
      sent,
      input: nothingToStore
        ? null
        : {
            metricId: basis.metricId,
            month: basis.month,
            productSpecId: basis.dimensions.productSpecId ?? null,
            channelId: basis.dimensions.channelId ?? null,
            terminalId: basis.dimensions.terminalId ?? null,
            distributorId: basis.dimensions.distributorId ?? null,
            townshipId: basis.dimensions.townshipId ?? null,
            baseValue,
            ...(stretchValue === undefined ? {} : { stretchValue }),
            ...(isHeld === undefined ? {} : { isHeld }),
            expectedVersion: basis.version,
          },
    });
  }
  return { ok: true, changes };
}

type SaveAnswer = SaveTargetCellsMutation["saveTargetCells"];
export type ConflictAnswer = Extract<SaveAnswer, { __typename: "TargetCellsConflict" }>;
export type SavedAnswer = Extract<SaveAnswer, { __typename: "TargetCellsSaved" }>;
export type ConflictCurrent = ConflictAnswer["conflicts"][number]["current"];

export type ConflictChoice = "MINE" | "THEIRS";

/** A cell someone else changed since it was read: their values, and ours. */
export interface CellConflict {
  readonly change: PendingChange;
  /** Null: they deleted the cell. */
  readonly current: ConflictCurrent;
  readonly choice: ConflictChoice | null;
}

const cellId = (metricId: string, month: number, dimensionKey: string) => `${metricId}|${month}|${dimensionKey}`;

/** The answer's stale cells, each with the change it refused (in the order of the answer). */
export function matchConflicts(changes: readonly PendingChange[], answer: ConflictAnswer): CellConflict[] {
  const byCell = new Map(
    changes.map((change) => [cellId(change.basis.metricId, change.basis.month, change.dimensionKey), change]),
  );
  return answer.conflicts.flatMap((conflict) => {
    const change = byCell.get(cellId(conflict.metricId, conflict.month, conflict.dimensionKey));
    return change ? [{ change, current: conflict.current, choice: null }] : [];
  });
}

/** The drafts and bases a page keeps, and the operations on them. */
export interface DraftStore {
  readonly update: (scope: string, change: (draft: Draft) => Draft) => void;
  readonly setBases: (change: (bases: ReadonlyMap<string, CellBasis>) => ReadonlyMap<string, CellBasis>) => void;
}

const sameState = (a: CellState, b: CellState) => a.value === b.value && a.isHeld === b.isHeld;

/** The draft without the cell's state. */
function without(draft: Draft, key: string): Draft {
  const state = draft.get(key);
  if (!state) return draft;
  const next = new Map(draft);
  next.delete(key);
  return next;
}

/** Take theirs: my edits of the cell (base and stretch) are dropped; the grid shows what they stored. */
export function takeTheirs(conflict: CellConflict, store: DraftStore): void {
  const { metricId } = conflict.change.basis;
  const { cellKey } = splitBasisKey(conflict.change.key);
  for (const variant of VARIANTS) store.update(draftScope(metricId, variant), (draft) => without(draft, cellKey));
  store.setBases((bases) => {
    const next = new Map(bases);
    next.delete(conflict.change.key);
    return next;
  });
}

/** Keep mine: my edits stay and are sent again against the version they now hold (their base kept under my stretch). */
export function keepMine(conflict: CellConflict, store: DraftStore): void {
  const { current } = conflict;
  store.setBases((bases) => {
    const basis = bases.get(conflict.change.key);
    if (!basis) return bases;
    const next = new Map(bases);
    next.set(conflict.change.key, {
      ...basis,
      version: current?.version ?? null,
      base: current?.baseValue ?? null,
      stretch: current?.stretchValue ?? null,
      isHeld: current?.isHeld ?? false,
    });
    return next;
  });
}

/**
 * After a successful save: each draft state that was sent and has not been
 * edited since leaves its draft; a cell edited again meanwhile keeps its draft
 * and now stands on the version just saved.
 */
export function settleSaved(
  changes: readonly PendingChange[],
  saved: SavedAnswer["cells"],
  drafts: ReadonlyMap<string, Draft>,
  store: DraftStore,
): void {
  const savedById = new Map(saved.map((cell) => [cellId(cell.metricId, cell.month, cell.dimensionKey), cell]));
  const stillEdited = new Map<string, CellBasis>();
  const settled = new Set<string>();
  // Per scope, the cells to leave its draft if they still hold what was sent (one update per scope).
  const leaving = new Map<string, Map<string, CellState>>();
  for (const change of changes) {
    const { metricId } = change.basis;
    const { cellKey } = splitBasisKey(change.key);
    let edited = false;
    for (const variant of VARIANTS) {
      const sent = change.sent[variant];
      const scope = draftScope(metricId, variant);
      const now = drafts.get(scope)?.get(cellKey);
      if (now && (!sent || !sameState(now, sent))) edited = true;
      else if (sent) {
        let cells = leaving.get(scope);
        if (!cells) leaving.set(scope, (cells = new Map()));
        cells.set(cellKey, sent);
      }
    }
    if (!edited) {
      settled.add(change.key);
      continue;
    }
    const cell = savedById.get(cellId(metricId, change.basis.month, change.dimensionKey));
    stillEdited.set(change.key, {
      ...change.basis,
      version: cell?.version ?? null,
      base: cell?.baseValue ?? null,
      stretch: cell?.stretchValue ?? null,
      isHeld: cell?.isHeld ?? false,
    });
  }
  for (const [scope, cells] of leaving) {
    store.update(scope, (draft) => {
      let next: Map<string, CellState> | null = null;
      for (const [key, sent] of cells) {
        const state = draft.get(key);
        if (state && sameState(state, sent)) (next ??= new Map(draft)).delete(key);
      }
      return next ?? draft;
    });
  }
  store.setBases((bases) => {
    const next = new Map(bases);
    for (const key of settled) next.delete(key);
    for (const [key, basis] of stillEdited) next.set(key, basis);
    return next;
  });
}
