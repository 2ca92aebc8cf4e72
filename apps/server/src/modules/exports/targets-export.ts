// The targets export's rows: unit × metric × spec, the twelve months and the year, for every
// plan of the cycle in the chosen subtree, a page of plans at a time, yielded a unit at a time (as the budget export).
// Figures only: a breakdown by terminal, distributor, township or channel details a figure and
// is never added to it, so the rows hold each amount once. The spec-less figure of a metric is
// its own row (spec columns empty). Base values (基本任务); stretch is not exported.
//
// The year and the totals rows are sums, so they are given only for metrics that aggregate by
// SUM (money, volume); for AVERAGE and LAST metrics (market share %, distribution rate %) the
// year column is empty and no total is made. A unit's total rows (one per SUM metric it has)
// follow its rows; the grand totals (one per SUM metric) close the file.
import type { ExportTargetReference, Repositories } from "@pyramid/db";
import { parseCellDimensionKey } from "@pyramid/domain";
import {
  addFen,
  addMonths,
  EXPORT_PAGE_SIZE,
  fenOf,
  formatFen,
  localName,
  MONTHS,
  planPages,
  TABLE_WORDS,
  tableHeaders,
  unitNameOf,
  zeroMonths,
  type ExportProgress,
  type ExportRow,
  type Fen,
} from "./export-rows.js";
import type { ExportBasis, ExportLocale } from "./exports.inputs.js";

const TEXT_HEADERS: Record<ExportLocale, string[]> = {
  "zh-CN": ["单位编码", "单位", "指标", "品规编码", "品规"],
  en: ["Unit code", "Unit", "Metric", "Spec code", "Spec"],
};

export function targetHeaders(locale: ExportLocale): string[] {
  return tableHeaders(locale, TEXT_HEADERS[locale]);
}

interface Figure {
  readonly metricId: string;
  readonly specId: string | null;
  readonly month: number;
  readonly value: Fen;
}

/** A snapshot's figures: target cells whose key names a spec at most. */
function snapshotFigures(snapshot: unknown): Figure[] {
  const cells =
    (snapshot as { targetCells?: { metricId: string; month: number; dimensionKey: string; baseValue: string }[] } | null)
      ?.targetCells ?? [];
  const figures: Figure[] = [];
  for (const cell of cells) {
    const dims = parseCellDimensionKey(cell.dimensionKey);
    if (dims.channelId || dims.terminalId || dims.distributorId || dims.townshipId) continue;
    figures.push({
      metricId: cell.metricId,
      specId: dims.productSpecId ?? null,
      month: cell.month,
      value: fenOf(cell.baseValue),
    });
  }
  return figures;
}

export interface TargetRowsInput {
  readonly repositories: Repositories;
  readonly cycleId: string;
  readonly rootPath: string;
  readonly basis: ExportBasis;
  readonly locale: ExportLocale;
  readonly reference: ExportTargetReference;
  readonly progress: ExportProgress;
  readonly pageSize?: number;
}

export async function* targetRows({
  repositories,
  cycleId,
  rootPath,
  basis,
  locale,
  reference,
  progress,
  pageSize = EXPORT_PAGE_SIZE,
}: TargetRowsInput): AsyncGenerator<ExportRow[]> {
  const words = TABLE_WORDS[locale];
  const nameOf = localName(locale);
  const unitName = unitNameOf(locale);
  const metricOrder = new Map(reference.metrics.map((m, i) => [m.id, i]));
  const metricById = new Map(reference.metrics.map((m) => [m.id, m]));
  const specById = new Map(reference.specs.map((s) => [s.id, s]));
  const isSum = (metricId: string) => metricById.get(metricId)?.aggregation === "SUM";
  const grand = new Map<string, Fen[]>();
  // A month without a figure is 0.00; the year only where the metric sums.
  const amountsOf = (months: readonly (Fen | null)[], sum: boolean) => {
    const year = sum ? formatFen(months.reduce<Fen>((total, m) => addFen(total, m ?? 0), 0)) : "";
    return [...months.map((m) => formatFen(m ?? 0)), year];
  };
  for await (const page of planPages(repositories, { cycleId, rootPath, pageSize })) {
    const planIds = page.map((plan) => plan.planId);
    const figuresByPlan = new Map<string, Figure[]>();
    if (basis === "LATEST") {
      for (const plan of page) figuresByPlan.set(plan.planId, []);
      for (const cell of await repositories.exports.liveTargetFigures(planIds)) {
        figuresByPlan.get(cell.planId)!.push({
          metricId: cell.metricId,
          specId: cell.productSpecId,
          month: cell.month,
          value: fenOf(cell.baseValue),
        });
      }
    } else {
      for (const version of await repositories.exports.latestApprovedSnapshots(planIds)) {
        figuresByPlan.set(version.planId, snapshotFigures(version.snapshot));
      }
    }
    for (const plan of page) {
      const figures = figuresByPlan.get(plan.planId);
      if (figures === undefined) {
        progress.missing.push({ unitCode: plan.unitCode, unitName: unitName(plan) });
        continue;
      }
      progress.plans += 1;
      const out: ExportRow[] = [];
      const byKey = new Map<string, { metricId: string; specId: string | null; months: (Fen | null)[] }>();
      for (const figure of figures) {
        const key = `${figure.metricId}:${figure.specId ?? ""}`;
        let row = byKey.get(key);
        if (!row) byKey.set(key, (row = { metricId: figure.metricId, specId: figure.specId, months: Array(MONTHS).fill(null) }));
        row.months[figure.month - 1] = addFen(row.months[figure.month - 1] ?? 0, figure.value);
      }
      const specCode = (id: string | null) => (id === null ? "" : (specById.get(id)?.code ?? id));
      const ordered = [...byKey.values()].sort(
        (a, b) =>
          (metricOrder.get(a.metricId) ?? 0) - (metricOrder.get(b.metricId) ?? 0) ||
          (specCode(a.specId) < specCode(b.specId) ? -1 : specCode(a.specId) > specCode(b.specId) ? 1 : 0),
      );
      const unitTotals = new Map<string, Fen[]>();
      for (const row of ordered) {
        const metric = metricById.get(row.metricId);
        const spec = row.specId === null ? undefined : specById.get(row.specId);
        if (isSum(row.metricId)) {
          const total = unitTotals.get(row.metricId) ?? zeroMonths();
          addMonths(
            total,
            row.months.map((m) => m ?? 0),
          );
          unitTotals.set(row.metricId, total);
        }
        out.push({
          kind: "LINE",
          texts: [
            plan.unitCode,
            unitName(plan),
            metric ? nameOf(metric) : row.metricId,
            specCode(row.specId),
            spec ? nameOf(spec) : "",
          ],
          amounts: amountsOf(row.months, isSum(row.metricId)),
        });
      }
      for (const [metricId, total] of unitTotals) {
        const all = grand.get(metricId) ?? zeroMonths();
        addMonths(all, total);
        grand.set(metricId, all);
        const metric = metricById.get(metricId);
        out.push({
          kind: "UNIT_TOTAL",
          texts: [plan.unitCode, unitName(plan), metric ? nameOf(metric) : metricId, words.total, ""],
          amounts: amountsOf(total, true),
        });
      }
      progress.rows += out.length;
      yield out;
    }
  }
  const grandOrdered = [...grand.entries()].sort((a, b) => (metricOrder.get(a[0]) ?? 0) - (metricOrder.get(b[0]) ?? 0));
  const grandRows = grandOrdered.map(([metricId, total]): ExportRow => {
    const metric = metricById.get(metricId);
    return {
      kind: "GRAND_TOTAL",
      texts: [words.grand, "", metric ? nameOf(metric) : metricId, "", ""],
      amounts: amountsOf(total, true),
    };
  });
  progress.rows += grandRows.length;
  yield grandRows;
}
