// The targets export's rows: unit × metric × spec, the twelve months and the year, for every
// plan of the cycle in the chosen subtree, a page of plans at a time (as the budget export).
// Figures only: a breakdown by terminal, distributor, township or channel details a figure and
// is never added to it, so the rows hold each amount once. The spec-less figure of a metric is
// its own row (spec columns empty). Base values (基本任务); stretch is not exported.
//
// The year and the totals rows are sums, so they are given only for metrics that aggregate by
// SUM (money, volume); for AVERAGE and LAST metrics (market share %, distribution rate %) the
// year column is empty and no total is made. A unit's total rows (one per SUM metric it has)
// follow its rows; the grand totals (one per SUM metric) close the file.
import type { ExportPlanRecord, ExportTargetReference, Repositories } from "@pyramid/db";
import { Fixed, parseCellDimensionKey } from "@pyramid/domain";
import type { ExportRow, ExportProgress } from "./budget-export.js";
import { EXPORT_PAGE_SIZE, money } from "./budget-export.js";
import type { ExportBasis, ExportLocale } from "./exports.inputs.js";

const MONTHS = 12;
const zero = () => Fixed.zero(2);

const WORDS: Record<ExportLocale, { texts: string[]; months: string[]; year: string; total: string; grand: string }> = {
  "zh-CN": {
    texts: ["单位编码", "单位", "指标", "品规编码", "品规"],
    months: Array.from({ length: MONTHS }, (_, i) => `${i + 1}月`),
    year: "全年",
    total: "单位合计",
    grand: "总计",
  },
  en: {
    texts: ["Unit code", "Unit", "Metric", "Spec code", "Spec"],
    months: ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"],
    year: "Year",
    total: "Unit total",
    grand: "Grand total",
  },
};

export function targetHeaders(locale: ExportLocale): string[] {
  const w = WORDS[locale];
  return [...w.texts, ...w.months, w.year];
}

interface Figure {
  readonly metricId: string;
  readonly specId: string | null;
  readonly month: number;
  readonly value: Fixed;
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
      value: money(cell.baseValue),
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
}: TargetRowsInput): AsyncGenerator<ExportRow> {
  const words = WORDS[locale];
  const nameOf = (record: { nameZh: string; nameEn: string }) => (locale === "en" ? record.nameEn : record.nameZh);
  const unitName = (plan: ExportPlanRecord) => (locale === "en" ? plan.unitNameEn : plan.unitNameZh);
  const metricOrder = new Map(reference.metrics.map((m, i) => [m.id, i]));
  const metricById = new Map(reference.metrics.map((m) => [m.id, m]));
  const specById = new Map(reference.specs.map((s) => [s.id, s]));
  const isSum = (metricId: string) => metricById.get(metricId)?.aggregation === "SUM";
  const grand = new Map<string, Fixed[]>();
  const amountsOf = (months: readonly (Fixed | null)[], sum: boolean) => {
    const year = sum ? months.reduce<Fixed>((total, m) => total.plus(m ?? zero()), zero()).toString() : "";
    return [...months.map((m) => (m ?? zero()).toString()), year];
  };
  let afterPath: string | null = null;
  for (;;) {
    const page = await repositories.exports.subtreePlanPage({ cycleId, rootPath, afterPath, limit: pageSize });
    if (page.length === 0) break;
    afterPath = page[page.length - 1]!.unitPath;
    const planIds = page.map((plan) => plan.planId);
    const figuresByPlan = new Map<string, Figure[]>();
    if (basis === "LATEST") {
      for (const plan of page) figuresByPlan.set(plan.planId, []);
      for (const cell of await repositories.exports.liveTargetFigures(planIds)) {
        figuresByPlan.get(cell.planId)!.push({
          metricId: cell.metricId,
          specId: cell.productSpecId,
          month: cell.month,
          value: money(cell.baseValue),
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
      const rows = new Map<string, { metricId: string; specId: string | null; months: (Fixed | null)[] }>();
      for (const figure of figures) {
        const key = `${figure.metricId}:${figure.specId ?? ""}`;
        let row = rows.get(key);
        if (!row) rows.set(key, (row = { metricId: figure.metricId, specId: figure.specId, months: Array(MONTHS).fill(null) }));
        row.months[figure.month - 1] = (row.months[figure.month - 1] ?? zero()).plus(figure.value);
      }
      const specCode = (id: string | null) => (id === null ? "" : (specById.get(id)?.code ?? id));
      const ordered = [...rows.values()].sort(
        (a, b) =>
          (metricOrder.get(a.metricId) ?? 0) - (metricOrder.get(b.metricId) ?? 0) ||
          (specCode(a.specId) < specCode(b.specId) ? -1 : specCode(a.specId) > specCode(b.specId) ? 1 : 0),
      );
      const unitTotals = new Map<string, Fixed[]>();
      for (const row of ordered) {
        const metric = metricById.get(row.metricId);
        const spec = row.specId === null ? undefined : specById.get(row.specId);
        if (isSum(row.metricId)) {
          const total = unitTotals.get(row.metricId) ?? Array.from({ length: MONTHS }, zero);
          row.months.forEach((m, i) => (total[i] = total[i]!.plus(m ?? zero())));
          unitTotals.set(row.metricId, total);
        }
        progress.rows += 1;
        yield {
          kind: "LINE",
          texts: [
            plan.unitCode,
            unitName(plan),
            metric ? nameOf(metric) : row.metricId,
            specCode(row.specId),
            spec ? nameOf(spec) : "",
          ],
          amounts: amountsOf(row.months, isSum(row.metricId)),
        };
      }
      for (const [metricId, total] of unitTotals) {
        const all = grand.get(metricId) ?? Array.from({ length: MONTHS }, zero);
        total.forEach((m, i) => (all[i] = all[i]!.plus(m)));
        grand.set(metricId, all);
        progress.rows += 1;
        const metric = metricById.get(metricId);
        yield {
          kind: "UNIT_TOTAL",
          texts: [plan.unitCode, unitName(plan), metric ? nameOf(metric) : metricId, words.total, ""],
          amounts: amountsOf(total, true),
        };
      }
    }
    if (page.length < pageSize) break;
  }
  const grandOrdered = [...grand.entries()].sort((a, b) => (metricOrder.get(a[0]) ?? 0) - (metricOrder.get(b[0]) ?? 0));
  for (const [metricId, total] of grandOrdered) {
    progress.rows += 1;
    const metric = metricById.get(metricId);
    yield {
      kind: "GRAND_TOTAL",
      texts: [words.grand, "", metric ? nameOf(metric) : metricId, "", ""],
      amounts: amountsOf(total, true),
    };
  }
}
