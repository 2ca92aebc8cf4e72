// What the split dialog is opened on, from the grid's selection (plain data, no React):
// - a block (分解选区): the selected figure rows × the selected months, or the selected
//   breakdown rows of one spec and axis × the months;
// - a breakdown (细分): one spec's figure, in the selected months, detailed to the
//   members of an axis (terminals of the classes that need a target and core terminals,
//   core ones first; distributors; townships; channels).
// A selection that names neither says why, in a message key.
import { periodLabel, type BreakdownAxis } from "@pyramid/domain";
import type { MessageKey } from "../../../app/i18n/messages.js";
import type { SelectedBlock } from "../grid/index.js";
import { cellKey } from "../grid/index.js";
import type { SplitBlock } from "../split/split-form.js";
import { memberName, type GridView, type PlanCatalogue } from "./grid-view.js";

type Locale = "zh-CN" | "en";

export type SplitRequest =
  | {
      readonly ok: true;
      readonly block: SplitBlock;
      /** The scope in words: a message key and its params (months already in words). */
      readonly scope: { readonly key: MessageKey; readonly params: Readonly<Record<string, string | number>> };
    }
  | { readonly ok: false; readonly reason: MessageKey };

const MEMBER_FIELD = {
  CHANNEL: "channelId",
  TERMINAL: "terminalId",
  DISTRIBUTOR: "distributorId",
  TOWNSHIP: "townshipId",
} as const satisfies Record<BreakdownAxis, string>;

/** The months in words: "1月–3月", "1月、5月", "Jan–Mar". */
export function monthsInWords(months: readonly number[], locale: Locale): string {
  const label = (month: number) => periodLabel({ kind: "MONTH", index: month as 1 }, locale);
  const first = months[0];
  const last = months[months.length - 1];
  if (first === undefined || last === undefined) return "";
  if (months.length > 1 && last - first === months.length - 1) return `${label(first)}–${label(last)}`;
  return months.map(label).join(locale === "en" ? ", " : "、");
}

/**
 * The block the selection names. Figure rows win: when the selection holds a spec's figure,
 * the breakdown rows in it are left out (they detail the figures, and are split apart), and so
 * is the unit's figure without a spec (it is never split together with the specs).
 */
export function blockSplitOf(
  selection: SelectedBlock | null,
  view: GridView,
  locale: Locale,
  names: { readonly axis: Readonly<Record<BreakdownAxis, string>>; readonly spec: (id: string | null) => string },
): SplitRequest {
  if (selection === null) return { ok: false, reason: "targets.splitPick" };
  const rows = selection.rows.map((row) => view.rows.get(row.key)).filter((row) => row !== undefined);
  const months = monthsInWords(selection.months, locale);
  const figures = rows.filter((row) => !row.breakdown);
  if (figures.length > 0) {
    const specIds = [...new Set(figures.map((row) => row.productSpecId).filter((id): id is string => id !== null))];
    if (specIds.length === 0) {
      return { ok: true, block: { months: selection.months }, scope: { key: "targets.scope.noSpec", params: { months } } };
    }
    return {
      ok: true,
      block: { months: selection.months, productSpecIds: specIds },
      scope: { key: "targets.scope.specs", params: { count: specIds.length, months } },
    };
  }
  const first = rows[0];
  if (!first?.axis) return { ok: false, reason: "targets.splitPick" };
  const { axis, productSpecId } = first;
  if (rows.some((row) => row.axis !== axis || row.productSpecId !== productSpecId)) {
    return { ok: false, reason: "targets.splitMixed" };
  }
  const memberIds = [
    ...new Set(rows.map((row) => row.dimensions[MEMBER_FIELD[axis]]).filter((id): id is string => typeof id === "string")),
  ];
  return {
    ok: true,
    block: {
      months: selection.months,
      ...(productSpecId === null ? {} : { productSpecIds: [productSpecId] }),
      breakdown: { axis, memberIds },
    },
    scope: {
      key: "targets.scope.members",
      params: { count: memberIds.length, axis: names.axis[axis], spec: names.spec(productSpecId), months },
    },
  };
}

/** The figure a breakdown details: one spec's (or the unit's) figure row, and the months selected. */
export interface BreakdownFigure {
  readonly figureRowKey: string;
  readonly productSpecId: string | null;
  readonly name: string;
  readonly months: readonly number[];
  /** The stored base value of the figure in each month (null: none yet). */
  readonly figures: ReadonlyMap<number, string | null>;
}

/** The figure the selection opens for a breakdown: every selected row must be of one spec (its figure or its breakdowns). */
export function breakdownFigureOf(
  selection: SelectedBlock | null,
  view: GridView,
): { readonly ok: true; readonly figure: BreakdownFigure } | { readonly ok: false; readonly reason: MessageKey } {
  if (selection === null) return { ok: false, reason: "targets.breakdownPick" };
  const rows = selection.rows.map((row) => view.rows.get(row.key)).filter((row) => row !== undefined);
  const spec = rows[0]?.productSpecId;
  if (spec === undefined || rows.some((row) => row.productSpecId !== spec)) return { ok: false, reason: "targets.breakdownPick" };
  const figure = [...view.rows.values()].find((row) => !row.breakdown && row.productSpecId === spec);
  if (!figure) return { ok: false, reason: "targets.breakdownPick" };
  const figures = new Map(
    selection.months.map((month) => [month, view.stored.get(cellKey(figure.key, month))?.baseValue ?? null] as const),
  );
  return {
    ok: true,
    figure: { figureRowKey: figure.key, productSpecId: spec, name: figure.name, months: selection.months, figures },
  };
}

/**
 * The members a breakdown goes to, in the order shown: terminals of the classes that must carry
 * a target of their own, and core terminals (核心终端) whatever their class, core ones first, then
 * by class (A first) and the catalogue's order; every distributor, township or channel.
 */
export function breakdownMembers(catalogue: PlanCatalogue, axis: BreakdownAxis): string[] {
  switch (axis) {
    case "TERMINAL": {
      const required = new Set(catalogue.terminalClasses.filter((cls) => cls.splitRequired).map((cls) => cls.code));
      return catalogue.terminals
        .map((terminal, index) => ({ terminal, index }))
        .filter(({ terminal }) => terminal.isCore || required.has(terminal.classCode))
        .sort(
          (a, b) =>
            Number(b.terminal.isCore) - Number(a.terminal.isCore) ||
            a.terminal.classRank - b.terminal.classRank ||
            a.index - b.index,
        )
        .map(({ terminal }) => terminal.id);
    }
    case "DISTRIBUTOR":
      return catalogue.distributors.map((distributor) => distributor.id);
    case "TOWNSHIP":
      return catalogue.townships.map((township) => township.id);
    case "CHANNEL":
      return catalogue.channels.map((channel) => channel.id);
  }
}

/** A member's name (a terminal with its class), whatever its axis; its id when unknown. */
export function memberLabel(catalogue: PlanCatalogue, memberId: string, locale: Locale): string {
  for (const axis of ["TERMINAL", "DISTRIBUTOR", "TOWNSHIP", "CHANNEL"] as const) {
    const name = memberName(catalogue, axis, memberId, locale);
    if (name !== memberId) return name;
  }
  return memberId;
}
