// The dashboard (看板) of a unit for a year: plan vs actual. Targets are the year's plans as
// approved (the maintained summary, SUBTREE / APPROVED), actuals the subtree's SalesActual
// rows, spending its ExpenseActual rows against the budget lines of the cycle's plans; every
// sum comes from SQL (packages/db variance.repository.ts), the rules from @pyramid/domain
// variance.ts: completion 完成率, variance, ranking among siblings, YTD pacing on the target's
// own seasonal curve, the collection shortfall carried into the next month's target, and the
// seed's benchmark (every unit ≥ 85 %, 20 % above all targets).
//
// Access: VIEW_UNIT on the unit (NOT_FOUND for an unknown unit, a year without a plan and a
// unit outside the viewer's scope alike); its children are inside its subtree.
import type { Repositories, DataAccess, KeyedMonthFigure, UnitMonthFigure } from "@pyramid/db";
import {
  Fixed,
  type OrgLevel,
  applyCarryOver,
  benchmarkSummary,
  completionRate,
  exceedsAllTargets,
  rankByCompletion,
  shareExceedingAllTargets,
  ytdPacing,
  type Dec,
  type UnitResult,
} from "@pyramid/domain";
import { z } from "zod";
import { requireViewer } from "../../access-guard.js";
import { DomainError } from "../../errors.js";
import { viewerCan, type Viewer } from "../../viewer.js";
import { parseArgs } from "../plans/plans.inputs.js";
import { findReviewPlan } from "../review/review.service.js";

/** Every stored figure (money and volume) has two decimals. */
const SCALE = 2;
const DEFAULT_METRIC = "SALES_REVENUE";
/** The metrics a dashboard can show: those that add up over months and units. */
export const DASHBOARD_METRICS = ["SALES_REVENUE", "SALES_VOLUME", "GROSS_PROFIT", "COLLECTION"] as const;

const dashboardArgs = z.object({
  unitCode: z.string().trim().min(1).max(64),
  year: z.number().int().min(1900).max(9999),
  throughMonth: z.number().int().min(1).max(12).nullish(),
  metricCode: z.enum(DASHBOARD_METRICS).nullish(),
});

export interface DashboardUnitDto {
  readonly id: string;
  readonly code: string;
  readonly nameZh: string;
  readonly nameEn: string;
  readonly level: OrgLevel;
}

export interface FigureDto {
  readonly target: string;
  readonly actual: string;
  readonly variance: string;
  /** actual / target, 6 decimals; null for a zero target. */
  readonly rate: string | null;
}

export interface ChildDto extends FigureDto {
  readonly unit: DashboardUnitDto;
  /** Rank by completion among the siblings (1 = best); null without a target. */
  readonly rank: number | null;
  /** ≥ 100 % on every metric with a target, through the month. */
  readonly exceedsAllTargets: boolean;
}

export interface MonthDto {
  readonly month: number;
  readonly target: string;
  /** The target plus a shortfall carried in (collection); the target otherwise. */
  readonly effectiveTarget: string;
  /** Null for months after the through-month (not measured yet). */
  readonly actual: string | null;
  readonly variance: string | null;
  /** actual / effective target. */
  readonly rate: string | null;
  /** Carried into the next month. */
  readonly shortfall: string;
  readonly cumulativeTarget: string;
  readonly cumulativeActual: string | null;
  /** The straight line year target × month / 12, for contrast only. */
  readonly straightLine: string;
}

export interface DimensionDto extends FigureDto {
  readonly key: string;
  readonly code: string;
  readonly nameZh: string;
  readonly nameEn: string;
}

export interface DashboardDto {
  readonly id: string;
  readonly unit: DashboardUnitDto;
  readonly parent: DashboardUnitDto | null;
  readonly year: number;
  readonly cycleCode: string;
  readonly metric: {
    readonly id: string;
    readonly code: string;
    readonly nameZh: string;
    readonly nameEn: string;
    readonly carriesOver: boolean;
  };
  readonly throughMonth: number;
  readonly lastActualMonth: number | null;
  readonly yearTarget: string;
  readonly toDate: FigureDto;
  readonly pacing: {
    readonly expectedToDate: string;
    readonly actualToDate: string;
    readonly varianceToDate: string;
    readonly paceIndex: string | null;
    readonly completionOfYear: string | null;
    readonly straightLineToDate: string;
  };
  readonly children: ChildDto[];
  readonly benchmark: {
    readonly units: number;
    readonly judged: number;
    readonly atOrAboveFloor: number;
    readonly atOrAbove100: number;
    readonly shareAtOrAboveFloor: string | null;
    readonly shareAtOrAbove100: string | null;
    readonly exceedingAllTargets: number;
    readonly shareExceedingAllTargets: string | null;
    readonly meetsBenchmark: boolean;
  };
  readonly months: MonthDto[];
  readonly bySpec: DimensionDto[];
  readonly byChannel: DimensionDto[];
  readonly expenses: (FigureDto & { readonly code: string; readonly nameZh: string; readonly nameEn: string })[];
}

const ratio = (value: Dec | null): string | null => (value === null ? null : value.toFixed(6));
const parse = (text: string | null | undefined): Fixed => Fixed.parse(text ?? "0", SCALE);

function figureOf(actual: Fixed, target: Fixed): FigureDto {
  return {
    target: target.toString(),
    actual: actual.toString(),
    variance: actual.minus(target).toString(),
    rate: ratio(completionRate(actual, target)),
  };
}

/** Sums `rows` (by month) of the months 1..through, per key. */
function sumThrough<T extends { month: number; value: string }>(rows: readonly T[], through: number, keyOf: (row: T) => string) {
  const sums = new Map<string, Fixed>();
  for (const row of rows) {
    if (row.month > through) continue;
    const key = keyOf(row);
    sums.set(key, (sums.get(key) ?? Fixed.zero(SCALE)).plus(parse(row.value)));
  }
  return sums;
}

export class DashboardService {
  constructor(private readonly dependencies: { readonly dataAccess: Pick<DataAccess, "repositories"> }) {}

  private get repositories(): Repositories {
    return this.dependencies.dataAccess.repositories;
  }

  async dashboard(viewer: Viewer | null, args: unknown): Promise<DashboardDto> {
    const signedIn = requireViewer(viewer);
    const { unitCode, year, throughMonth, metricCode } = parseArgs(dashboardArgs, args);
    const record = await findReviewPlan(this.repositories, signedIn, unitCode, year, "VIEW_UNIT");
    const repos = this.repositories;
    const unitRef = { id: record.unit.id, path: record.unit.path };
    const dimensions = await repos.review.dimensions();
    const metricRows = dimensions.metrics;
    const metric = metricRows.find((row) => row.code === (metricCode ?? DEFAULT_METRIC));
    if (!metric) throw new DomainError("NOT_FOUND", "No such metric.", { reason: "METRIC_NOT_FOUND" });
    const summed = metricRows.filter((row) => (DASHBOARD_METRICS as readonly string[]).includes(row.code));
    const carriesOver = metric.code === "COLLECTION";

    const lastActualMonth = await repos.variance.lastActualMonth(unitRef, year);
    const through = throughMonth ?? lastActualMonth ?? 12;
    const children = await repos.review.childUnits(record.unit.id);
    const units = [unitRef, ...children.map((child) => ({ id: child.id, path: child.path }))];
    // One read each for targets and actuals: every metric, every unit (the unit and its children), every month.
    const targets = await repos.variance.targetsByUnit(
      record.cycle.id,
      "APPROVED",
      units,
      summed.map((row) => row.id),
    );
    const actualRows = await repos.review.actualsByUnit(
      units,
      [year],
      summed.map((row) => row.id),
    );
    const actuals: UnitMonthFigure[] = actualRows.map((row) => ({
      unitId: row.unitId,
      metricId: row.metricId,
      month: row.month,
      value: row.value,
    }));
    const targetSums = sumThrough(targets, through, (row) => `${row.unitId}|${row.metricId}`);
    const actualSums = sumThrough(actuals, through, (row) => `${row.unitId}|${row.metricId}`);
    const resultOf = (unitId: string, metricId: string): UnitResult => ({
      id: unitId,
      actual: actualSums.get(`${unitId}|${metricId}`) ?? Fixed.zero(SCALE),
      target: targetSums.get(`${unitId}|${metricId}`) ?? Fixed.zero(SCALE),
    });

    // Children: ranked on the chosen metric; "above all targets" over every summed metric.
    const ranked = rankByCompletion(children.map((child) => resultOf(child.id, metric.id)));
    const rankOf = new Map(ranked.map((row) => [row.id, row.rank]));
    const allResults = children.map((child) => summed.map((row) => resultOf(child.id, row.id)));
    const childDtos: ChildDto[] = children
      .map((child, index) => {
        const result = resultOf(child.id, metric.id);
        return {
          unit: { id: child.id, code: child.code, nameZh: child.nameZh, nameEn: child.nameEn, level: child.level },
          ...figureOf(result.actual, result.target),
          rank: rankOf.get(child.id) ?? null,
          exceedsAllTargets: exceedsAllTargets(allResults[index]!),
        };
      })
      .sort((a, b) => (a.rank ?? Number.MAX_SAFE_INTEGER) - (b.rank ?? Number.MAX_SAFE_INTEGER));
    const bench = benchmarkSummary(children.map((child) => resultOf(child.id, metric.id)));
    const exceeding = shareExceedingAllTargets(allResults);

    // Months of the unit itself.
    const monthly = (rows: readonly UnitMonthFigure[]) => {
      const values: (Fixed | null)[] = Array.from({ length: 12 }, () => null);
      for (const row of rows) {
        if (row.unitId !== record.unit.id || row.metricId !== metric.id) continue;
        values[row.month - 1] = (values[row.month - 1] ?? Fixed.zero(SCALE)).plus(parse(row.value));
      }
      return values;
    };
    const targetMonths = monthly(targets).map((value) => value ?? Fixed.zero(SCALE));
    const actualMonthsAll = monthly(actuals);
    const actualMonths = actualMonthsAll.map((value, index) => (index < through ? (value ?? Fixed.zero(SCALE)) : null));
    const pacing = ytdPacing(targetMonths, actualMonths, through, SCALE);
    const carried = applyCarryOver(targetMonths, actualMonths, {
      carryOver: carriesOver ? "SHORTFALL_TO_NEXT_MONTH" : "NONE",
      scale: SCALE,
    });
    const yearTarget = pacing.yearTarget;
    let cumulativeTarget = Fixed.zero(SCALE);
    let cumulativeActual = Fixed.zero(SCALE);
    const months: MonthDto[] = carried.map((row, index) => {
      const target = targetMonths[index]!;
      const effective = row.effectiveTarget ?? target;
      const actual = actualMonths[index] ?? null;
      cumulativeTarget = cumulativeTarget.plus(target);
      if (actual !== null) cumulativeActual = cumulativeActual.plus(actual);
      return {
        month: index + 1,
        target: target.toString(),
        effectiveTarget: effective.toString(),
        actual: actual?.toString() ?? null,
        variance: actual === null ? null : actual.minus(effective).toString(),
        rate: actual === null ? null : ratio(completionRate(actual, effective)),
        shortfall: row.shortfall.toString(),
        cumulativeTarget: cumulativeTarget.toString(),
        cumulativeActual: actual === null ? null : cumulativeActual.toString(),
        straightLine: Fixed.fromUnits((yearTarget.units * BigInt(index + 1) + 6n) / 12n, SCALE).toString(),
      };
    });

    const dimensionRows = async (by: "SPEC" | "CHANNEL"): Promise<DimensionDto[]> => {
      const [planned, actual]: [KeyedMonthFigure[], KeyedMonthFigure[]] = [
        await repos.variance.targetsBy(record.cycle.id, "APPROVED", unitRef, metric.id, by),
        await repos.variance.actualsBy(unitRef, year, metric.id, by),
      ];
      const plannedSums = sumThrough(planned, through, (row) => row.key);
      const actualSumsBy = sumThrough(actual, through, (row) => row.key);
      const named = by === "SPEC" ? dimensions.productSpecs : dimensions.channels;
      const lines: DimensionDto[] = named
        .filter((entry) => plannedSums.has(entry.id) || actualSumsBy.has(entry.id))
        .map((entry) => ({
          key: entry.id,
          code: entry.code,
          nameZh: entry.nameZh,
          nameEn: entry.nameEn,
          ...figureOf(actualSumsBy.get(entry.id) ?? Fixed.zero(SCALE), plannedSums.get(entry.id) ?? Fixed.zero(SCALE)),
        }));
      // What no spec / channel names: the figures' rest (target) and rows without the dimension (actual).
      const namedTarget = lines.reduce((sum, line) => sum.plus(parse(line.target)), Fixed.zero(SCALE));
      const restTarget = pacing.expectedToDate.minus(namedTarget);
      const restActual = actualSumsBy.get("") ?? Fixed.zero(SCALE);
      if (!restTarget.isZero() || !restActual.isZero()) {
        lines.push({ key: "", code: "UNASSIGNED", nameZh: "未指定", nameEn: "Unassigned", ...figureOf(restActual, restTarget) });
      }
      return lines;
    };
    const bySpec = await dimensionRows("SPEC");
    const byChannel = await dimensionRows("CHANNEL");
    const expenseRows = await repos.variance.expensesByCategory(record.cycle.id, unitRef, year, through);
    const toDate = resultOf(record.unit.id, metric.id);

    return {
      id: `${record.unit.code}/${year}/${metric.code}/${through}`,
      unit: {
        id: record.unit.id,
        code: record.unit.code,
        nameZh: record.unit.nameZh,
        nameEn: record.unit.nameEn,
        level: record.unit.level,
      },
      parent: record.unit.parentId === null ? null : await this.parentRef(signedIn, record.unit.parentId),
      year,
      cycleCode: record.cycle.code,
      metric: { id: metric.id, code: metric.code, nameZh: metric.nameZh, nameEn: metric.nameEn, carriesOver },
      throughMonth: through,
      lastActualMonth,
      yearTarget: yearTarget.toString(),
      toDate: figureOf(toDate.actual, toDate.target),
      pacing: {
        expectedToDate: pacing.expectedToDate.toString(),
        actualToDate: pacing.actualToDate.toString(),
        varianceToDate: pacing.varianceToDate.toString(),
        paceIndex: ratio(pacing.paceIndex),
        completionOfYear: ratio(pacing.completionOfYear),
        straightLineToDate: pacing.straightLineToDate.toString(),
      },
      children: childDtos,
      benchmark: {
        units: bench.units,
        judged: bench.judged,
        atOrAboveFloor: bench.atOrAboveFloor,
        atOrAbove100: bench.atOrAbove100,
        shareAtOrAboveFloor: ratio(bench.shareAtOrAboveFloor),
        shareAtOrAbove100: ratio(bench.shareAtOrAbove100),
        exceedingAllTargets: exceeding.count,
        shareExceedingAllTargets: ratio(exceeding.share),
        meetsBenchmark: bench.meetsBenchmark,
      },
      months,
      bySpec,
      byChannel,
      expenses: expenseRows.map((row) => ({
        code: row.code,
        nameZh: row.nameZh,
        nameEn: row.nameEn,
        ...figureOf(parse(row.actual), parse(row.budget)),
      })),
    };
  }

  /** The parent's code when the viewer may open the parent's dashboard, else null. */
  private async parentRef(viewer: Viewer, parentId: string): Promise<DashboardUnitDto | null> {
    const parent = await this.repositories.orgUnits.findById(parentId);
    if (!parent || !viewerCan(viewer, "VIEW_UNIT", parent.path)) return null;
    return { id: parent.id, code: parent.code, nameZh: parent.nameZh, nameEn: parent.nameEn, level: parent.level };
  }
}
