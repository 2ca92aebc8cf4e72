// The review screen (审核) of a parent: its plan and its direct children side by side, the
// roll-up (the parent's own items as drafted + each child's subtree, approved or latest) read
// from the maintained summary, grouped as asked, and the parent against its guidance: the gap
// and the uplift, never hidden (@pyramid/domain reconcile).
//
// Access: VIEW_UNIT on the parent (NOT_FOUND for an unknown unit, a year without a plan and a
// unit outside the viewer's scope alike); the children are inside its subtree.
import type { DataAccess, Repositories, WorkbenchPlanRecord } from "@pyramid/db";
import { Fixed, growthRate, quarterOf, reconcile, type Dec } from "@pyramid/domain";
import { z } from "zod";
import { requireAccess, requireViewer } from "../../access-guard.js";
import { DomainError } from "../../errors.js";
import type { Viewer } from "../../viewer.js";
import { viewerSeesCycle, type PlanCycleDto, planCycleDtoOf } from "../cycles/cycles.service.js";
import { parseArgs } from "../plans/plans.inputs.js";
import type { PlansService } from "../plans/plans.service.js";
import { figureTotal, ReviewReads, STORED_SCALE, stored, type ReviewUnitDto, type RollupBasis } from "./review-reads.js";

export const SALES_METRIC = "SALES_REVENUE";
export const PROFIT_METRIC = "GROSS_PROFIT";

export interface ReviewRowDto {
  readonly unit: ReviewUnitDto;
  readonly planId: string | null;
  readonly status: WorkbenchPlanRecord["status"] | null;
  readonly stale: boolean;
  readonly sales: string;
  readonly salesLastYear: string | null;
  readonly salesLastYearEstimated: boolean;
  readonly salesGrowth: string | null;
  readonly profit: string;
  readonly profitLastYear: string | null;
  readonly profitGrowth: string | null;
  readonly expenses: string;
  readonly expenseRatio: string | null;
  readonly salesGuidance: string | null;
  readonly lastChangeAt: Date | null;
  /** For the findings field: the year the plan is read in. */
  readonly year: number;
}

export interface ReviewReconciliationDto {
  readonly metricId: string;
  readonly metricCode: string;
  readonly guidance: string | null;
  readonly ownItems: string;
  readonly childrenTotal: string;
  readonly total: string;
  readonly gap: string | null;
  readonly upliftFactor: string | null;
  readonly upliftPercent: string | null;
}

export interface ReviewBoardDto {
  readonly id: string;
  readonly unit: ReviewUnitDto;
  readonly cycle: PlanCycleDto;
  readonly basis: RollupBasis;
  readonly own: ReviewRowDto;
  readonly children: ReviewRowDto[];
  readonly reconciliation: ReviewReconciliationDto[];
  readonly reads: ReviewReads;
}

export type RollupGrouping = "MONTH" | "QUARTER" | "SPEC" | "LINE" | "CHANNEL" | "CHILD";

export interface RollupLineDto {
  readonly key: string;
  readonly labelZh: string;
  readonly labelEn: string;
  readonly own: string;
  readonly children: string;
  readonly total: string;
}

export interface RollupDto {
  readonly metricId: string;
  readonly groupBy: RollupGrouping;
  readonly lines: RollupLineDto[];
  readonly own: string;
  readonly children: string;
  readonly total: string;
}

const boardArgs = z.object({
  unitCode: z.string().trim().min(1).max(64),
  year: z.number().int().min(1900).max(9999),
  basis: z.enum(["APPROVED", "LATEST"]).nullish(),
});

const rollupArgs = z.object({
  metricId: z.string().trim().min(1).max(100),
  groupBy: z.enum(["MONTH", "QUARTER", "SPEC", "LINE", "CHANNEL", "CHILD"]),
});

const text = (value: Fixed | null | undefined): string | null => (value == null ? null : value.toString());
const ratioText = (value: Dec | null): string | null => (value === null ? null : value.toFixed(6));

/** Finds a unit's plan in the newest cycle of `year` the viewer sees, with VIEW_UNIT (or `action`) on the unit. */
export async function findReviewPlan(
  repositories: Repositories,
  viewer: Viewer,
  unitCode: string,
  year: number,
  action: "VIEW_UNIT" | "GUIDE_CHILDREN" | "REVIEW_PLAN",
): Promise<WorkbenchPlanRecord> {
  const candidates = await repositories.planWorkbench.findPlans(unitCode, year);
  const record = candidates.find((candidate) => viewerSeesCycle(viewer, candidate.cycle.status)) ?? null;
  return requireAccess(viewer, action, record, (found) => found.unit.path, { entity: "PLAN", id: `${unitCode}/${year}` });
}

export class ReviewService {
  constructor(
    private readonly dependencies: { readonly dataAccess: Pick<DataAccess, "repositories">; readonly plans: PlansService },
  ) {}

  private get repositories(): Repositories {
    return this.dependencies.dataAccess.repositories;
  }

  async reviewBoard(viewer: Viewer | null, args: unknown): Promise<ReviewBoardDto> {
    const signedIn = requireViewer(viewer);
    const { unitCode, year, basis } = parseArgs(boardArgs, args);
    const record = await findReviewPlan(this.repositories, signedIn, unitCode, year, "VIEW_UNIT");
    const cycle = await this.repositories.planCycles.findListing(record.cycle.id);
    if (!cycle) throw new DomainError("NOT_FOUND", "No such cycle.", { reason: "PLAN_NOT_FOUND" });
    const reads = new ReviewReads(this.repositories, record, basis ?? "LATEST");
    const dimensions = await reads.dimensions();
    const salesId = dimensions.metrics.find((metric) => metric.code === SALES_METRIC)?.id ?? "";
    const profitId = dimensions.metrics.find((metric) => metric.code === PROFIT_METRIC)?.id ?? "";
    const [units, plans, ownLines, childLines, expenses, guidance, lastYears] = [
      await reads.units(),
      await reads.plans(),
      await reads.ownLines(),
      await reads.childLines(),
      await reads.expenses(),
      await reads.guidance(),
      await reads.lastYearOf([salesId, profitId]),
    ];
    const salesHistory = lastYears.get(salesId)!;
    const profitHistory = lastYears.get(profitId)!;
    const [parent, ...children] = units as [ReviewUnitDto, ...ReviewUnitDto[]];
    const childTotal = (metricId: string) =>
      children.reduce((sum, child) => sum.plus(figureTotal(childLines.get(child.id) ?? [], metricId)), Fixed.zero(STORED_SCALE));

    const row = (unit: ReviewUnitDto, sales: Fixed, profit: Fixed): ReviewRowDto => {
      const plan = plans.get(unit.id) ?? null;
      const salesY1 = salesHistory.get(unit.id)?.y1 ?? null;
      const profitY1 = profitHistory.get(unit.id)?.y1 ?? null;
      const spent = stored(expenses.get(unit.id) ?? "0");
      return {
        unit,
        planId: plan?.planId ?? null,
        status: plan?.status ?? null,
        stale: plan?.staleSince != null,
        sales: sales.toString(),
        salesLastYear: text(salesY1?.value),
        salesLastYearEstimated: salesY1?.estimated ?? false,
        salesGrowth: ratioText(growthRate(sales, salesY1?.value)),
        profit: profit.toString(),
        profitLastYear: text(profitY1?.value),
        profitGrowth: ratioText(growthRate(profit, profitY1?.value)),
        expenses: spent.toString(),
        expenseRatio: ratioText(spent.ratioTo(sales)),
        salesGuidance: text(guidance.get(unit.id)?.get(salesId)?.value),
        lastChangeAt: plan?.lastChangeAt ?? null,
        year: record.cycle.year,
      };
    };

    const own = row(
      parent,
      figureTotal(ownLines, salesId).plus(childTotal(salesId)),
      figureTotal(ownLines, profitId).plus(childTotal(profitId)),
    );
    const childRows = children.map((child) => {
      const lines = childLines.get(child.id) ?? [];
      return row(child, figureTotal(lines, salesId), figureTotal(lines, profitId));
    });

    // Sales and profit always; any other metric with guidance for the parent too.
    const parentGuidance = guidance.get(parent.id) ?? new Map();
    const reconciled = dimensions.metrics.filter(
      (metric) =>
        metric.aggregation === "SUM" && (metric.id === salesId || metric.id === profitId || parentGuidance.has(metric.id)),
    );
    const reconciliation = reconciled.map((metric): ReviewReconciliationDto => {
      const ownItems = figureTotal(ownLines, metric.id);
      const childValues = children.map((child) => ({
        id: child.id,
        value: figureTotal(childLines.get(child.id) ?? [], metric.id),
      }));
      const childrenTotal = childValues.reduce((sum, child) => sum.plus(child.value), Fixed.zero(STORED_SCALE));
      const total = ownItems.plus(childrenTotal);
      const need = parentGuidance.get(metric.id)?.value ?? null;
      if (need === null) {
        return {
          metricId: metric.id,
          metricCode: metric.code,
          guidance: null,
          ownItems: ownItems.toString(),
          childrenTotal: childrenTotal.toString(),
          total: total.toString(),
          gap: null,
          upliftFactor: null,
          upliftPercent: null,
        };
      }
      const result = reconcile({ need, children: [{ id: "OWN", value: ownItems }, ...childValues] });
      return {
        metricId: metric.id,
        metricCode: metric.code,
        guidance: need.toString(),
        ownItems: ownItems.toString(),
        childrenTotal: childrenTotal.toString(),
        total: result.childrenTotal.toString(),
        gap: result.gap.toString(),
        upliftFactor: ratioText(result.upliftFactor),
        upliftPercent: ratioText(result.upliftPercent),
      };
    });

    return {
      id: `${parent.id}/${cycle.id}/${reads.basis}`,
      unit: parent,
      cycle: planCycleDtoOf(cycle),
      basis: reads.basis,
      own,
      children: childRows,
      reconciliation,
      reads,
    };
  }

  /** One additive metric grouped by month, quarter, spec, line, channel or child: own items, children, total. */
  async rollup(board: ReviewBoardDto, args: unknown): Promise<RollupDto> {
    const { metricId, groupBy } = parseArgs(rollupArgs, args);
    const { reads } = board;
    const dimensions = await reads.dimensions();
    const metric = dimensions.metrics.find((candidate) => candidate.id === metricId);
    if (!metric) {
      throw new DomainError("VALIDATION_FAILED", "There is no such metric.", { reason: "UNKNOWN_METRIC", params: { metricId } });
    }
    if (metric.aggregation !== "SUM") {
      throw new DomainError("VALIDATION_FAILED", "Only an additive (SUM) metric can be rolled up by adding.", {
        reason: "METRIC_NOT_ADDITIVE",
        params: { metric: metric.code },
      });
    }
    const ownLines = (await reads.ownLines()).filter((line) => line.metricId === metricId);
    const childLines = await reads.childLines();
    const children = await reads.children();
    const allChildLines = children.flatMap((child) =>
      (childLines.get(child.id) ?? [])
        .filter((line) => line.metricId === metricId)
        .map((line) => ({ ...line, childId: child.id })),
    );

    interface Bucket {
      key: string;
      labelZh: string;
      labelEn: string;
      own: bigint;
      children: bigint;
    }
    const buckets: Bucket[] = [];
    const byKey = new Map<string, Bucket>();
    const bucket = (key: string, labelZh: string, labelEn: string): Bucket => {
      let found = byKey.get(key);
      if (!found) {
        found = { key, labelZh, labelEn, own: 0n, children: 0n };
        byKey.set(key, found);
        buckets.push(found);
      }
      return found;
    };
    const figures = (line: { channelKey: string }) => line.channelKey === "";
    const add = (target: Bucket, side: "own" | "children", value: string) => {
      target[side] += stored(value).units;
    };

    switch (groupBy) {
      case "MONTH":
      case "QUARTER": {
        const periods = groupBy === "MONTH" ? 12 : 4;
        for (let index = 1; index <= periods; index++) {
          bucket(
            String(index),
            groupBy === "MONTH" ? `${index}月` : `${index}季度`,
            groupBy === "MONTH" ? `M${index}` : `Q${index}`,
          );
        }
        const keyOf = (month: number) => String(groupBy === "MONTH" ? month : quarterOf(month));
        for (const line of ownLines.filter(figures)) add(byKey.get(keyOf(line.month))!, "own", line.baseSum);
        for (const line of allChildLines.filter(figures)) add(byKey.get(keyOf(line.month))!, "children", line.baseSum);
        break;
      }
      case "SPEC":
      case "LINE": {
        const specs = new Map(dimensions.productSpecs.map((spec) => [spec.id, spec]));
        const lines = new Map(dimensions.productLines.map((line) => [line.id, line]));
        // In the catalogue's order, then what the figures hold.
        if (groupBy === "SPEC") for (const spec of dimensions.productSpecs) bucket(spec.id, spec.nameZh, spec.nameEn);
        else for (const line of dimensions.productLines) bucket(line.id, line.nameZh, line.nameEn);
        const keyOf = (specKey: string): Bucket => {
          if (specKey === "") return bucket("", "未分品规", "No spec");
          const spec = specs.get(specKey);
          if (groupBy === "SPEC") return bucket(specKey, spec?.nameZh ?? specKey, spec?.nameEn ?? specKey);
          const line = spec === undefined ? undefined : lines.get(spec.lineId);
          return line === undefined ? bucket(`?${specKey}`, specKey, specKey) : bucket(line.id, line.nameZh, line.nameEn);
        };
        for (const line of ownLines.filter(figures)) add(keyOf(line.specKey), "own", line.baseSum);
        for (const line of allChildLines.filter(figures)) add(keyOf(line.specKey), "children", line.baseSum);
        break;
      }
      case "CHANNEL": {
        // Channel breakdowns detail the figures: each channel's total, and the part of the
        // figures no channel names (so the lines add up to the figures, never to more).
        for (const channel of dimensions.channels) bucket(channel.id, channel.nameZh, channel.nameEn);
        const unassigned = { key: "UNASSIGNED", labelZh: "未分渠道", labelEn: "No channel", own: 0n, children: 0n };
        for (const [lines, side] of [
          [ownLines, "own"],
          [allChildLines, "children"],
        ] as const) {
          for (const line of lines) {
            if (line.channelKey === "") unassigned[side] += stored(line.baseSum).units;
            else {
              const target = byKey.get(line.channelKey) ?? bucket(line.channelKey, line.channelKey, line.channelKey);
              target[side] += stored(line.baseSum).units;
              unassigned[side] -= stored(line.baseSum).units;
            }
          }
        }
        byKey.set(unassigned.key, unassigned);
        buckets.push(unassigned);
        break;
      }
      case "CHILD": {
        const own = bucket("OWN", "本级事项", "Own items");
        for (const line of ownLines.filter(figures)) own.own += stored(line.baseSum).units;
        for (const child of children) bucket(child.id, child.nameZh, child.nameEn);
        for (const line of allChildLines.filter(figures)) add(byKey.get(line.childId)!, "children", line.baseSum);
        break;
      }
    }
    const money = (units: bigint) => Fixed.fromUnits(units, STORED_SCALE).toString();
    // Lines with nothing in them are left out, except the fixed periods and the children.
    const keepEmpty = groupBy === "MONTH" || groupBy === "QUARTER" || groupBy === "CHILD";
    const shown = buckets.filter((line) => keepEmpty || line.own !== 0n || line.children !== 0n);
    const ownTotal = ownLines.filter(figures).reduce((sum, line) => sum + stored(line.baseSum).units, 0n);
    const childrenTotal = allChildLines.filter(figures).reduce((sum, line) => sum + stored(line.baseSum).units, 0n);
    return {
      metricId,
      groupBy,
      lines: shown.map((line) => ({
        key: line.key,
        labelZh: line.labelZh,
        labelEn: line.labelEn,
        own: money(line.own),
        children: money(line.children),
        total: money(line.own + line.children),
      })),
      own: money(ownTotal),
      children: money(childrenTotal),
      total: money(ownTotal + childrenTotal),
    };
  }

  /** A row's findings: the checks of its plan, read as the viewer (null without a plan). */
  async findings(viewer: Viewer | null, row: ReviewRowDto): Promise<{ block: number; warn: number } | null> {
    if (row.planId === null) return null;
    const plan = await this.dependencies.plans.plan(viewer, { unitCode: row.unit.code, year: row.year });
    const findings = await this.dependencies.plans.findings(plan);
    return { block: findings.blockCount, warn: findings.warnCount };
  }
}
