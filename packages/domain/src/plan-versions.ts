// Plan versions (DOMAIN.md section 2: "Every submitted or approved state is kept as a
// version") and what a submit needs beyond the workflow guard: the WARN findings each
// acknowledged with a reason.
//
// A version is an immutable snapshot of the whole plan at a SUBMIT or an APPROVE: its
// sections' text, its target cells, its expense lines and their totals. Cells are named
// by coordinates (metric or item, month, dimension key), never by row id, so a diff
// compares the same cell across re-splits. Amounts are exact decimal text at two
// places ("1234.50"); differences are Fixed arithmetic, never floats.
import { Fixed } from "./fixed.js";
import type { Severity } from "./checks/types.js";

export const VERSION_KINDS = ["SUBMITTED", "APPROVED"] as const;
export type VersionKind = (typeof VERSION_KINDS)[number];

export interface SnapshotTargetCell {
  readonly metricId: string;
  readonly month: number;
  readonly dimensionKey: string;
  readonly baseValue: string;
  readonly stretchValue: string | null;
}

export interface SnapshotExpenseCell {
  readonly itemId: string;
  readonly month: number;
  readonly dimensionKey: string;
  readonly amount: string;
}

export interface SnapshotSection {
  readonly code: string;
  readonly body: string;
}

export interface PlanVersionSnapshot {
  readonly sections: readonly SnapshotSection[];
  readonly targetCells: readonly SnapshotTargetCell[];
  readonly expenseCells: readonly SnapshotExpenseCell[];
  readonly totals: {
    /** Per metric, the sum of the figure cells (breakdowns detail a figure and are not added). */
    readonly targets: readonly { readonly metricId: string; readonly base: string; readonly stretch: string }[];
    /** The sum of every expense line. */
    readonly expenses: string;
  };
}

/** A target cell with its breakdown marker: figures are the cells whose key names no channel, terminal, distributor or township. */
export interface SnapshotInputTargetCell extends SnapshotTargetCell {
  readonly isFigure: boolean;
}

const byKey =
  <T>(key: (value: T) => string) =>
  (a: T, b: T) =>
    key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0;
const money = (text: string) => Fixed.parse(text, 2);

/** The snapshot of a plan: sorted, totals computed exactly (stretch counts the base where none is set). */
export function buildPlanVersionSnapshot(input: {
  readonly sections: readonly SnapshotSection[];
  readonly targetCells: readonly SnapshotInputTargetCell[];
  readonly expenseCells: readonly SnapshotExpenseCell[];
}): PlanVersionSnapshot {
  const targetKey = (cell: SnapshotTargetCell) =>
    `${cell.metricId}\u0001${String(cell.month).padStart(2, "0")}\u0001${cell.dimensionKey}`;
  const expenseKey = (cell: SnapshotExpenseCell) =>
    `${cell.itemId}\u0001${String(cell.month).padStart(2, "0")}\u0001${cell.dimensionKey}`;
  const totals = new Map<string, { base: Fixed; stretch: Fixed }>();
  for (const cell of input.targetCells) {
    if (!cell.isFigure) continue;
    const base = money(cell.baseValue);
    const stretch = cell.stretchValue === null ? base : money(cell.stretchValue);
    const before = totals.get(cell.metricId);
    totals.set(
      cell.metricId,
      before ? { base: before.base.plus(base), stretch: before.stretch.plus(stretch) } : { base, stretch },
    );
  }
  let expenses = Fixed.zero(2);
  for (const cell of input.expenseCells) expenses = expenses.plus(money(cell.amount));
  return {
    sections: [...input.sections].map(({ code, body }) => ({ code, body })).sort(byKey((s) => s.code)),
    targetCells: input.targetCells
      .map(({ metricId, month, dimensionKey, baseValue, stretchValue }) => ({
        metricId,
        month,
        dimensionKey,
        baseValue: money(baseValue).toString(),
        stretchValue: stretchValue === null ? null : money(stretchValue).toString(),
      }))
      .sort(byKey(targetKey)),
    expenseCells: input.expenseCells
      .map(({ itemId, month, dimensionKey, amount }) => ({ itemId, month, dimensionKey, amount: money(amount).toString() }))
      .sort(byKey(expenseKey)),
    totals: {
      targets: [...totals]
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
        .map(([metricId, sum]) => ({ metricId, base: sum.base.toString(), stretch: sum.stretch.toString() })),
      expenses: expenses.toString(),
    },
  };
}

export type CellDiffKind = "TARGET_BASE" | "TARGET_STRETCH" | "EXPENSE";

/** One cell that differs between two versions; null before: added; null after: removed. */
export interface CellDiff {
  readonly kind: CellDiffKind;
  /** The metric (targets) or the expense item. */
  readonly subjectId: string;
  readonly month: number;
  readonly dimensionKey: string;
  readonly before: string | null;
  readonly after: string | null;
  /** after − before, a missing side counting as 0. */
  readonly delta: string;
}

export interface SectionDiff {
  readonly code: string;
  readonly before: string | null;
  readonly after: string | null;
}

export interface PlanVersionDiff {
  readonly cells: readonly CellDiff[];
  readonly sections: readonly SectionDiff[];
}

/** Cell by cell (base, stretch and expense values apart) and section by section, in a stable order. */
export function diffPlanVersions(from: PlanVersionSnapshot, to: PlanVersionSnapshot): PlanVersionDiff {
  const values = new Map<
    string,
    { kind: CellDiffKind; subjectId: string; month: number; dimensionKey: string; before: string | null; after: string | null }
  >();
  const put = (
    kind: CellDiffKind,
    subjectId: string,
    month: number,
    dimensionKey: string,
    side: "before" | "after",
    value: string | null,
  ) => {
    if (value === null) return;
    const id = `${kind}\u0001${subjectId}\u0001${String(month).padStart(2, "0")}\u0001${dimensionKey}`;
    const entry = values.get(id) ?? { kind, subjectId, month, dimensionKey, before: null, after: null };
    entry[side] = value;
    values.set(id, entry);
  };
  for (const [side, snapshot] of [
    ["before", from],
    ["after", to],
  ] as const) {
    for (const cell of snapshot.targetCells) {
      put("TARGET_BASE", cell.metricId, cell.month, cell.dimensionKey, side, cell.baseValue);
      put("TARGET_STRETCH", cell.metricId, cell.month, cell.dimensionKey, side, cell.stretchValue);
    }
    for (const cell of snapshot.expenseCells) put("EXPENSE", cell.itemId, cell.month, cell.dimensionKey, side, cell.amount);
  }
  const cells: CellDiff[] = [];
  for (const [, entry] of [...values].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const before = entry.before === null ? Fixed.zero(2) : money(entry.before);
    const after = entry.after === null ? Fixed.zero(2) : money(entry.after);
    if (entry.before !== null && entry.after !== null && before.equals(after)) continue;
    cells.push({ ...entry, delta: after.minus(before).toString() });
  }
  const fromSections = new Map(from.sections.map((s) => [s.code, s.body]));
  const toSections = new Map(to.sections.map((s) => [s.code, s.body]));
  const codes = [...new Set([...fromSections.keys(), ...toSections.keys()])].sort();
  const sections: SectionDiff[] = [];
  for (const code of codes) {
    const before = fromSections.get(code) ?? null;
    const after = toSections.get(code) ?? null;
    if ((before ?? "") !== (after ?? "")) sections.push({ code, before, after });
  }
  return { cells, sections };
}

/** A submitter's acknowledgement of a WARN finding: the check's code and why it is acceptable. */
export interface FindingAcknowledgement {
  readonly checkCode: string;
  readonly reason: string;
}

export type AcknowledgementCheck =
  | { readonly ok: true; readonly acknowledged: readonly FindingAcknowledgement[] }
  | {
      readonly ok: false;
      readonly code: "WARNINGS_NOT_ACKNOWLEDGED" | "ACKNOWLEDGEMENT_REASON_REQUIRED" | "ACKNOWLEDGEMENT_UNKNOWN";
      /** The check codes concerned, sorted. */
      readonly checkCodes: readonly string[];
    };

/**
 * Every WARN finding's check must be acknowledged once with a non-blank reason; an
 * acknowledgement of a check that raised no WARN is refused (the planner saw something
 * else than the server). Returns the acknowledgements to record, trimmed, in check order.
 */
export function checkWarnAcknowledgements(
  findings: readonly { readonly code: string; readonly severity: Severity }[],
  acknowledgements: readonly FindingAcknowledgement[],
): AcknowledgementCheck {
  const warned = [...new Set(findings.filter((f) => f.severity === "WARN").map((f) => f.code))].sort();
  const given = new Map<string, string>();
  for (const ack of acknowledgements) given.set(ack.checkCode, ack.reason.trim());
  const unknown = [...given.keys()].filter((code) => !warned.includes(code)).sort();
  if (unknown.length > 0) return { ok: false, code: "ACKNOWLEDGEMENT_UNKNOWN", checkCodes: unknown };
  const blank = [...given]
    .filter(([, reason]) => reason === "")
    .map(([code]) => code)
    .sort();
  if (blank.length > 0) return { ok: false, code: "ACKNOWLEDGEMENT_REASON_REQUIRED", checkCodes: blank };
  const missing = warned.filter((code) => !given.has(code));
  if (missing.length > 0) return { ok: false, code: "WARNINGS_NOT_ACKNOWLEDGED", checkCodes: missing };
  return { ok: true, acknowledged: warned.map((checkCode) => ({ checkCode, reason: given.get(checkCode)! })) };
}
