// What a change of target cells does to the maintained roll-up, as plain data:
// no database here, so the rule is unit-tested on its own.
//
// Each amount counts once (DOMAIN.md §4): only a plan's FIGURES (metric × month ×
// optional spec, no breakdown dimension) are summed, plus the totals of CHANNEL
// breakdowns (channel only), which reviewers read by channel. Terminal, distributor and
// township breakdowns detail a figure and are never added to it, so they do not touch
// the summary at all.
import { breakdownAxisOf, Fixed, MONEY_SCALE } from "@pyramid/domain";

export type SummaryBasis = "LATEST" | "APPROVED";

/** A target cell as the summary sees it (Decimal columns as text). */
export interface SummaryCellValue {
  readonly metricId: string;
  readonly month: number;
  readonly productSpecId: string | null;
  readonly channelId: string | null;
  readonly terminalId: string | null;
  readonly distributorId: string | null;
  readonly townshipId: string | null;
  readonly baseValue: string;
  readonly stretchValue: string | null;
}

/** The coordinates of one summary line. */
export interface SummaryLineKey {
  readonly metricId: string;
  /** The product spec's id, "" for a figure without a spec. */
  readonly specKey: string;
  /** "" for figures, the channel id for a channel breakdown. */
  readonly channelKey: string;
  readonly month: number;
}

/** A change to one summary line, in fen (bigint): what the cell write adds or removes. */
export interface SummaryDelta extends SummaryLineKey {
  readonly baseDelta: bigint;
  readonly stretchDelta: bigint;
  readonly countDelta: number;
}

/** The summary line a cell counts in, or null when it is a terminal/distributor/township breakdown. */
export function summaryLineOf(cell: Omit<SummaryCellValue, "baseValue" | "stretchValue">): SummaryLineKey | null {
  const axis = breakdownAxisOf(cell); // the domain's one rule: null for a figure
  if (axis !== null && axis !== "CHANNEL") return null;
  return { metricId: cell.metricId, specKey: cell.productSpecId ?? "", channelKey: cell.channelId ?? "", month: cell.month };
}

export function summaryLineId(key: SummaryLineKey): string {
  return `${key.metricId}\u0001${key.specKey}\u0001${key.channelKey}\u0001${key.month}`;
}

function fen(value: string): bigint {
  return Fixed.parse(value, MONEY_SCALE).units;
}

/** A cell's contribution: base, stretch (力争; the base where no stretch is set) and one cell. */
function contributionOf(cell: SummaryCellValue): { base: bigint; stretch: bigint } {
  const base = fen(cell.baseValue);
  return { base, stretch: cell.stretchValue === null ? base : fen(cell.stretchValue) };
}

/**
 * The summary deltas of replacing `before` by `after` (the cells a write touched, as they
 * were and as they are; a created cell is only in `after`, a deleted one only in `before`).
 * Lines whose base, stretch and count all cancel out are dropped.
 */
export function summaryDeltasOf(before: readonly SummaryCellValue[], after: readonly SummaryCellValue[]): SummaryDelta[] {
  const lines = new Map<string, { key: SummaryLineKey; base: bigint; stretch: bigint; count: number }>();
  const add = (cell: SummaryCellValue, sign: 1n | -1n): void => {
    const key = summaryLineOf(cell);
    if (key === null) return;
    const id = summaryLineId(key);
    let line = lines.get(id);
    if (line === undefined) lines.set(id, (line = { key, base: 0n, stretch: 0n, count: 0 }));
    const { base, stretch } = contributionOf(cell);
    line.base += sign * base;
    line.stretch += sign * stretch;
    line.count += sign === 1n ? 1 : -1;
  };
  for (const cell of before) add(cell, -1n);
  for (const cell of after) add(cell, 1n);
  const deltas: SummaryDelta[] = [];
  for (const { key, base, stretch, count } of lines.values()) {
    if (base === 0n && stretch === 0n && count === 0) continue;
    deltas.push({ ...key, baseDelta: base, stretchDelta: stretch, countDelta: count });
  }
  return deltas;
}

/** Fen as the Decimal(20,2) text PostgreSQL takes. */
export function fenText(units: bigint): string {
  return Fixed.fromUnits(units, MONEY_SCALE).toString();
}

export { fen as fenOf };
