// The plan workbench, read side. A read: find the plan, ask the access policy on its
// unit (VIEW_UNIT; NOT_FOUND outside the viewer's scope, as for no plan at all), then
// answer the sub-fields the client asked for from one set of reads per request
// (catalogue, cells, actuals), each built by the domain: the grid with its history,
// estimate and totals (buildTargetGrid), the findings (runPlanChecks). The one write
// here, the plan's estimate method, follows withLockedPlan: lock, re-check, write, audit.
import {
  withLockedPlan,
  type CatalogueRecord,
  type ChildUnitRecord,
  type DataAccess,
  type PlanSectionRecord,
  type Repositories,
  type TargetCellRecord,
  type WorkbenchPlanRecord,
  type ActualRecord,
} from "@pyramid/db";
import {
  buildTargetGrid,
  cellDimensionColumns,
  cellDimensionKey,
  formatFindingMessage,
  isPlanEditable,
  parseCellDimensionKey,
  pathSegments,
  runPlanChecks,
  SECTION_PART_LABELS,
  SECTION_PARTS,
  SYMPTOM_LABELS,
  summarizeFindings,
  type BandStatus,
  type BreakdownAxis,
  type CellDimensions,
  type CellRef,
  type CycleSettings,
  type EstimateFallback,
  type EstimateMethod,
  type Fixed,
  type GridCell,
  type GridHistoryValue,
  type GridPeriodValues,
  type OrgLevel,
  type PlanCheckConfig,
  type PlanFinding,
  type PlanStatus,
  type SectionPart,
} from "@pyramid/domain";
import { notFound, requireAccess, requireViewer } from "../../access-guard.js";
import { DomainError } from "../../errors.js";
import type { RequestInfo } from "../../http/request-session.js";
import { viewerCan, type Viewer } from "../../viewer.js";
import { planCycleDtoOf, viewerSeesCycle, type PlanCycleDto } from "../cycles/cycles.service.js";
import { actualThroughByMetric, buildPlanSnapshot } from "./plan-snapshot.js";
import { estimateMethodArgs, gridArgs, parseArgs, planArgs, targetCellArgs } from "./plans.inputs.js";
import { decimalOf, moneyOf, ratioText, valueText } from "./values.js";

// ------------------------------------------------------------------ DTOs

export interface PersonDto {
  readonly id: string;
  readonly displayName: string;
}

export interface TargetCellDto {
  readonly id: string;
  readonly metricId: string;
  readonly month: number;
  readonly productSpecId: string | null;
  readonly channelId: string | null;
  readonly terminalId: string | null;
  readonly distributorId: string | null;
  readonly townshipId: string | null;
  readonly dimensionKey: string;
  readonly breakdownAxis: BreakdownAxis | null;
  readonly baseValue: string;
  readonly stretchValue: string | null;
  readonly isHeld: boolean;
  readonly note: string | null;
  readonly version: number;
  readonly updatedBy: PersonDto | null;
  readonly updatedAt: Date;
}

/** What Plan resolves from: the plan as the viewer may see it, and the reads its sub-fields share. */
export interface PlanDto {
  readonly id: string;
  readonly status: PlanStatus;
  readonly version: number;
  readonly submittedAt: Date | null;
  readonly approvedAt: Date | null;
  readonly staleSince: Date | null;
  readonly editable: boolean;
  readonly readOnlyReason: "ROLE" | "STATUS" | null;
  readonly estimateMethod: EstimateMethod;
  readonly growthBand: { readonly min: string; readonly max: string };
  readonly unit: {
    readonly id: string;
    readonly code: string;
    readonly nameZh: string;
    readonly nameEn: string;
    readonly level: OrgLevel;
    readonly ancestors: {
      readonly id: string;
      readonly code: string;
      readonly nameZh: string;
      readonly nameEn: string;
      readonly level: OrgLevel;
    }[];
  };
  readonly cycle: PlanCycleDto;
  /** Not a GraphQL field: the request's reads of this plan, made once each. */
  readonly reads: PlanReads;
}

interface HistoryDto {
  readonly value: string;
  readonly estimated: boolean;
}

interface PeriodDto {
  readonly kind: GridPeriodValues["period"]["kind"];
  readonly index: number;
  readonly base: string | null;
  readonly stretch: string | null;
  readonly lastYear: HistoryDto | null;
  readonly yearBefore: string | null;
  readonly growth: string | null;
  readonly band: BandStatus | null;
}

type MetricDto = CatalogueRecord["metrics"][number];

export interface TargetGridDto {
  readonly metric: MetricDto;
  readonly basis: "BASE" | "STRETCH";
  readonly estimate: {
    readonly method: EstimateMethod;
    readonly year: number;
    readonly actualThroughMonth: number;
    readonly estimatedMonths: number[];
  };
  readonly rows: {
    readonly key: string;
    readonly kind: "FIGURE" | "BREAKDOWN";
    readonly axis: BreakdownAxis | null;
    readonly productSpecId: string | null;
    readonly productLineId: string | null;
    readonly memberId: string | null;
    readonly coordinates: ReturnType<typeof cellDimensionColumns>;
    readonly months: {
      readonly month: number;
      readonly cell: TargetCellDto | null;
      readonly lastYear: HistoryDto | null;
      readonly yearBefore: string | null;
      readonly growth: string | null;
      readonly band: BandStatus | null;
    }[];
    readonly periods: PeriodDto[];
    readonly estimateMethodUsed: EstimateMethod | null;
    readonly estimateFallback: EstimateFallback | "NOT_ADDITIVE" | null;
    readonly allocations: {
      readonly axis: BreakdownAxis;
      readonly balanced: boolean;
      readonly months: { readonly month: number; readonly allocated: string; readonly remaining: string | null }[];
    }[];
  }[];
  readonly totals: { readonly scope: "LINE" | "ALL"; readonly productLineId: string | null; readonly periods: PeriodDto[] }[];
}

export interface TargetCellPageDto {
  readonly nodes: TargetCellDto[];
  readonly totalCount: number;
  readonly nextCursor: string | null;
}

export interface FindingTargetDto {
  readonly kind: CellRef["kind"];
  readonly metricId: string | null;
  readonly metricCode: string | null;
  readonly month: number | null;
  readonly cellId: string | null;
  readonly productSpecId: string | null;
  readonly channelId: string | null;
  readonly terminalId: string | null;
  readonly distributorId: string | null;
  readonly townshipId: string | null;
  readonly dimensionKey: string | null;
  readonly categoryCode: string | null;
  readonly itemCode: string | null;
  readonly sectionCode: string | null;
  readonly unitId: string | null;
  readonly objectionId: string | null;
  readonly year: number | null;
}

export interface PlanFindingsDto {
  readonly blockCount: number;
  readonly warnCount: number;
  readonly items: {
    readonly code: string;
    readonly symptom: number;
    readonly symptomZh: string;
    readonly symptomEn: string;
    readonly severity: "BLOCK" | "WARN";
    readonly messageZh: string;
    readonly messageEn: string;
    readonly lastYearEstimated: boolean;
    readonly targets: FindingTargetDto[];
    readonly params: { readonly name: string; readonly value: string }[];
  }[];
  readonly configProblems: string[];
}

// ------------------------------------------------------------------ reads of one plan

/** The reads of one plan in one request, each made at most once (the sub-fields share them). */
export class PlanReads {
  private readonly memo = new Map<string, Promise<unknown>>();

  constructor(
    private readonly repositories: Repositories,
    readonly record: WorkbenchPlanRecord,
    readonly settings: CycleSettings,
  ) {}

  private once<T>(key: string, load: () => Promise<T>): Promise<T> {
    let found = this.memo.get(key) as Promise<T> | undefined;
    if (found === undefined) this.memo.set(key, (found = load()));
    return found;
  }

  catalogue(): Promise<CatalogueRecord> {
    return this.once("catalogue", () => this.repositories.planWorkbench.catalogue(this.record.unit.path));
  }

  cells(): Promise<TargetCellRecord[]> {
    return this.once("cells", () => this.repositories.planWorkbench.cells(this.record.id));
  }

  /** Sales actuals of Y-1 and Y-2 over the unit's subtree. */
  actuals(): Promise<ActualRecord[]> {
    const year = this.record.cycle.year;
    return this.once("actuals", () => this.repositories.planWorkbench.actuals(this.record.unit.path, [year - 1, year - 2]));
  }

  sections(): Promise<PlanSectionRecord[]> {
    return this.once("sections", () => this.repositories.planWorkbench.sections(this.record.id, this.record.cycle.id));
  }
}

// ------------------------------------------------------------------ helpers

/** Cursors are opaque: the offset of the next page, base64url. */
const cursorOf = (offset: number) => Buffer.from(`c:${offset}`).toString("base64url");
function offsetOf(cursor: string | null | undefined): number {
  if (cursor === null || cursor === undefined || cursor === "") return 0;
  const match = /^c:(\d{1,9})$/.exec(Buffer.from(cursor, "base64url").toString("utf8"));
  if (!match) throw new DomainError("VALIDATION_FAILED", "This page cursor is not valid.", { reason: "CURSOR_INVALID" });
  return Number(match[1]);
}

const text = (value: Fixed | null | undefined): string | null => (value == null ? null : value.toString());
const history = (value: GridHistoryValue | null): HistoryDto | null =>
  value === null ? null : { value: value.value.toString(), estimated: value.estimated };
const periodDto = (values: GridPeriodValues): PeriodDto => ({
  kind: values.period.kind,
  index: values.period.index,
  base: text(values.base),
  stretch: text(values.stretch),
  lastYear: history(values.lastYear),
  yearBefore: text(values.yearBefore),
  growth: ratioText(values.growth),
  band: values.band,
});

function cellDto(record: TargetCellRecord, scale: number): TargetCellDto {
  return {
    ...record,
    baseValue: valueText(record.baseValue, scale),
    stretchValue: record.stretchValue === null ? null : valueText(record.stretchValue, scale),
  };
}

const cellDimensions = (row: {
  productSpecId: string | null;
  channelId: string | null;
  terminalId: string | null;
  distributorId: string | null;
  townshipId: string | null;
}): CellDimensions => ({
  productSpecId: row.productSpecId,
  channelId: row.channelId,
  terminalId: row.terminalId,
  distributorId: row.distributorId,
  townshipId: row.townshipId,
});

/** Findings that quote last year's figure (and so may include estimated months). */
const LAST_YEAR_CHECKS = new Set([
  "TARGET_RAISED_WITHOUT_METHOD",
  "SPEC_RAISED_WITHOUT_METHOD",
  "TARGET_BELOW_GROWTH_BAND",
  "TARGET_ABOVE_GROWTH_BAND",
  "VALUE_IMPLAUSIBLE",
]);

export interface PlansServiceDependencies {
  readonly dataAccess: Pick<DataAccess, "repositories" | "inTransaction">;
}

export class PlansService {
  constructor(private readonly dependencies: PlansServiceDependencies) {}

  private get repositories(): Repositories {
    return this.dependencies.dataAccess.repositories;
  }

  /** The plan of a unit (by code) in the cycle of `year`, as the viewer may see it. */
  async plan(viewer: Viewer | null, args: { unitCode: string; year: number }): Promise<PlanDto> {
    const signedIn = requireViewer(viewer);
    const { unitCode, year } = parseArgs(planArgs, args);
    const asked = { entity: "PLAN", id: `${unitCode}/${year}` };
    const candidates = await this.repositories.planWorkbench.findPlans(unitCode, year);
    // An unknown unit, a unit without a plan that year and a unit outside the viewer's scope: one answer.
    const record = candidates.find((candidate) => viewerSeesCycle(signedIn, candidate.cycle.status)) ?? null;
    return this.planDto(
      signedIn,
      requireAccess(signedIn, "VIEW_UNIT", record, (found) => found.unit.path, asked),
    );
  }

  private async planDto(viewer: Viewer, record: WorkbenchPlanRecord): Promise<PlanDto> {
    const { orgUnits, planCycles } = this.repositories;
    const ancestorIds = pathSegments(record.unit.path).filter((id) => id !== record.unit.id);
    const [ancestors, cycle, settings] = await Promise.all([
      orgUnits.findManyByIds(ancestorIds),
      planCycles.findListing(record.cycle.id),
      planCycles.findSettings(record.cycle.id),
    ]);
    if (!cycle || !settings) throw notFound({ entity: "PLAN", id: record.id });
    const byId = new Map(ancestors.map((unit) => [unit.id, unit]));
    const canEdit = viewerCan(viewer, "EDIT_PLAN", record.unit.path);
    const statusAllows = isPlanEditable(record.status);
    return {
      id: record.id,
      status: record.status,
      version: record.version,
      submittedAt: record.submittedAt,
      approvedAt: record.approvedAt,
      staleSince: record.staleSince,
      editable: canEdit && statusAllows,
      readOnlyReason: !canEdit ? "ROLE" : !statusAllows ? "STATUS" : null,
      estimateMethod: record.estimateMethod,
      growthBand: { min: settings.growthBandMin, max: settings.growthBandMax },
      unit: {
        id: record.unit.id,
        code: record.unit.code,
        nameZh: record.unit.nameZh,
        nameEn: record.unit.nameEn,
        level: record.unit.level,
        ancestors: ancestorIds.flatMap((id) => {
          const unit = byId.get(id);
          return unit ? [{ id: unit.id, code: unit.code, nameZh: unit.nameZh, nameEn: unit.nameEn, level: unit.level }] : [];
        }),
      },
      cycle: planCycleDtoOf(cycle),
      reads: new PlanReads(this.repositories, record, settings),
    };
  }

  /** The three parts of the document with their sections, in template order. */
  async documentParts(plan: PlanDto) {
    const [sections, catalogue] = await Promise.all([plan.reads.sections(), plan.reads.catalogue()]);
    const metricCode = new Map(catalogue.metrics.map((metric) => [metric.id, metric.code]));
    const specCode = new Map(catalogue.productSpecs.map((spec) => [spec.id, spec.code]));
    return SECTION_PARTS.map((part: SectionPart) => ({
      part,
      titleZh: SECTION_PART_LABELS[part].zh,
      titleEn: SECTION_PART_LABELS[part].en,
      sections: sections
        .filter((section) => section.part === part)
        .map((section) => ({
          ...section,
          id: section.sectionId,
          links: section.links.map((link) => ({
            metricId: link.metricId,
            metricCode: metricCode.get(link.metricId) ?? link.metricId,
            productSpecId: link.productSpecId,
            productSpecCode: link.productSpecId === null ? null : (specCode.get(link.productSpecId) ?? link.productSpecId),
          })),
        })),
    }));
  }

  async catalogue(plan: PlanDto) {
    const catalogue = await plan.reads.catalogue();
    const minRank = plan.reads.settings.minTerminalRank;
    return {
      metrics: [...catalogue.metrics],
      productLines: catalogue.productLines.map((line) => ({
        ...line,
        specs: catalogue.productSpecs.filter((spec) => spec.lineId === line.id),
      })),
      channels: [...catalogue.channels],
      terminalClasses: catalogue.terminalClasses.map((terminalClass) => ({
        ...terminalClass,
        splitRequired: terminalClass.rank <= minRank,
      })),
      terminals: [...catalogue.terminals],
      distributors: [...catalogue.distributors],
      townships: [...catalogue.townships],
    };
  }

  /** One page of the plan's cells by the filter. */
  async targetCells(plan: PlanDto, args: unknown): Promise<TargetCellPageDto> {
    const { filter, first, after } = parseArgs(targetCellArgs, args);
    const limit = first ?? 500;
    const offset = offsetOf(after);
    const [catalogue, page] = await Promise.all([
      plan.reads.catalogue(),
      this.repositories.planWorkbench.cellPage(plan.id, {
        ...(filter?.metricIds != null && { metricIds: filter.metricIds }),
        ...(filter?.monthFrom != null && { monthFrom: filter.monthFrom }),
        ...(filter?.monthTo != null && { monthTo: filter.monthTo }),
        ...(filter?.productLineIds != null && { productLineIds: filter.productLineIds }),
        ...(filter?.productSpecIds != null && { productSpecIds: filter.productSpecIds }),
        ...(filter?.channelIds != null && { channelIds: filter.channelIds }),
        ...(filter?.grains != null && { grains: filter.grains }),
        ...(filter?.hasStretch != null && { hasStretch: filter.hasStretch }),
        offset,
        limit,
      }),
    ]);
    const scale = new Map(catalogue.metrics.map((metric) => [metric.id, metric.scale]));
    const nextOffset = offset + page.cells.length;
    return {
      nodes: page.cells.map((cell) => cellDto(cell, scale.get(cell.metricId) ?? 2)),
      totalCount: page.totalCount,
      nextCursor: page.cells.length > 0 && nextOffset < page.totalCount ? cursorOf(nextOffset) : null,
    };
  }

  /** The grids of the metrics asked for (every active metric when none is named), in catalogue order. */
  async targetGrids(plan: Pick<PlanDto, "reads" | "estimateMethod">, args: unknown): Promise<TargetGridDto[]> {
    const parsed = parseArgs(gridArgs, args);
    const [catalogue, cells, actuals] = await Promise.all([plan.reads.catalogue(), plan.reads.cells(), plan.reads.actuals()]);
    const known = new Set(catalogue.metrics.map((metric) => metric.id));
    for (const metricId of parsed.metricIds ?? []) {
      if (!known.has(metricId)) {
        throw new DomainError("VALIDATION_FAILED", "No such metric.", { reason: "METRIC_UNKNOWN", params: { metricId } });
      }
    }
    const specIds = new Set(catalogue.productSpecs.map((spec) => spec.id));
    for (const expansion of parsed.expand ?? []) {
      if (expansion.productSpecId != null && !specIds.has(expansion.productSpecId)) {
        throw new DomainError("VALIDATION_FAILED", "No such product spec.", {
          reason: "PRODUCT_SPEC_UNKNOWN",
          params: { productSpecId: expansion.productSpecId },
        });
      }
    }
    const wanted = parsed.metricIds ? new Set(parsed.metricIds) : null;
    const metrics = catalogue.metrics.filter((metric) => wanted === null || wanted.has(metric.id));
    const year = plan.reads.record.cycle.year;
    const through = actualThroughByMetric(actuals, year - 1);
    const basis = parsed.basis ?? "BASE";
    const specs = catalogue.productSpecs.map((spec) => ({ id: spec.id, lineId: spec.lineId }));
    const lines = catalogue.productLines.map((line) => line.id);
    const members = {
      CHANNEL: catalogue.channels.map((channel) => channel.id),
      TERMINAL: catalogue.terminals.map((terminal) => terminal.id),
      DISTRIBUTOR: catalogue.distributors.map((distributor) => distributor.id),
      TOWNSHIP: catalogue.townships.map((township) => township.id),
    };
    const expand = (parsed.expand ?? []).map((e) => ({ productSpecId: e.productSpecId ?? null, axis: e.axis }));
    const band = { minGrowth: plan.reads.settings.growthBandMin, maxGrowth: plan.reads.settings.growthBandMax };

    const cellsByMetric = new Map<string, TargetCellRecord[]>();
    for (const cell of cells) {
      let list = cellsByMetric.get(cell.metricId);
      if (list === undefined) cellsByMetric.set(cell.metricId, (list = []));
      list.push(cell);
    }
    const actualsByMetric = new Map<string, ActualRecord[]>();
    for (const actual of actuals) {
      let list = actualsByMetric.get(actual.metricId);
      if (list === undefined) actualsByMetric.set(actual.metricId, (list = []));
      list.push(actual);
    }

    return metrics.map((metric): TargetGridDto => {
      const gridCells = (cellsByMetric.get(metric.id) ?? []).map((record): GridCell & { dto: TargetCellDto } => ({
        ...cellDimensions(record),
        month: record.month,
        base: decimalOf(record.baseValue, metric.scale),
        stretch: record.stretchValue === null ? null : decimalOf(record.stretchValue, metric.scale),
        dto: cellDto(record, metric.scale),
      }));
      const actualsOf = (y: number) =>
        (actualsByMetric.get(metric.id) ?? [])
          .filter((actual) => actual.year === y)
          .map((actual) => ({ ...cellDimensions(actual), month: actual.month, value: decimalOf(actual.value, metric.scale) }));
      const metricThrough = through.get(metric.id) ?? 0;
      const grid = buildTargetGrid({
        metric,
        specs,
        lines,
        members,
        cells: gridCells,
        lastYear: actualsOf(year - 1),
        yearBefore: actualsOf(year - 2),
        lastYearActualThrough: metricThrough,
        estimateMethod: plan.estimateMethod,
        band,
        basis,
        expand,
        ...(parsed.expandPresent != null && { expandPresent: parsed.expandPresent }),
      });
      return {
        metric,
        basis,
        estimate: {
          method: plan.estimateMethod,
          year: year - 1,
          actualThroughMonth: metricThrough,
          estimatedMonths: [...grid.estimatedMonths],
        },
        rows: grid.rows.map((row) => ({
          key: row.key,
          kind: row.kind,
          axis: row.axis,
          productSpecId: row.productSpecId,
          productLineId: row.productLineId,
          memberId: row.memberId,
          coordinates: cellDimensionColumns(row.dimensions),
          months: row.months.map((slot) => ({
            month: slot.month,
            cell: slot.cell?.dto ?? null,
            lastYear: history(slot.lastYear),
            yearBefore: text(slot.yearBefore),
            growth: ratioText(slot.growth),
            band: slot.band,
          })),
          periods: row.periods.map(periodDto),
          estimateMethodUsed: row.estimateMethodUsed,
          estimateFallback: row.estimateFallback,
          allocations: row.allocations.map((allocation) => ({
            axis: allocation.axis,
            balanced: allocation.balanced,
            months: allocation.allocated.flatMap((allocated, index) =>
              allocated === null
                ? []
                : [{ month: index + 1, allocated: allocated.toString(), remaining: text(allocation.remaining[index]) }],
            ),
          })),
        })),
        totals: grid.totals.map((total) => ({
          scope: total.scope,
          productLineId: total.productLineId,
          periods: total.periods.map(periodDto),
        })),
      };
    });
  }

  /** The plan (by id) as the viewer may see it (VIEW_UNIT; NOT_FOUND otherwise): what a workflow payload returns. */
  async planById(viewer: Viewer | null, planId: string): Promise<PlanDto> {
    const signedIn = requireViewer(viewer);
    const record = await this.repositories.planWorkbench.findPlan(planId);
    return this.planDto(
      signedIn,
      requireAccess(signedIn, "VIEW_UNIT", record, (found) => found.unit.path, { entity: "PLAN", id: planId }),
    );
  }

  /**
   * The findings on the plan as a transaction sees it (the workflow's submit and approve,
   * under the plan's lock): the same checks as `findings`, read through `tx`.
   */
  async findingsWithin(tx: Repositories, planId: string): Promise<PlanFindingsDto> {
    return (await this.findingsAndCellsWithin(tx, planId)).findings;
  }

  /**
   * As `findingsWithin`, with the plan's target cells the checks read (read once: a submit or
   * an approval snapshots the same cells into its version, in the same transaction).
   */
  async findingsAndCellsWithin(
    tx: Repositories,
    planId: string,
  ): Promise<{ readonly findings: PlanFindingsDto; readonly cells: readonly TargetCellRecord[] }> {
    const record = await tx.planWorkbench.findPlan(planId);
    const settings = record === null ? null : await tx.planCycles.findSettings(record.cycle.id);
    if (record === null || settings === null) throw notFound({ entity: "PLAN", id: planId });
    const reads = new PlanReads(tx, record, settings);
    const findings = await this.findings({ reads, estimateMethod: record.estimateMethod }, tx);
    return { findings, cells: await reads.cells() };
  }

  /** The plan checks (四大症状) on the plan as it is now. */
  async findings(
    plan: Pick<PlanDto, "reads" | "estimateMethod">,
    repositories: Repositories = this.repositories,
  ): Promise<PlanFindingsDto> {
    const { planChecks, planCycles, targetSummary } = repositories;
    const record = plan.reads.record;
    const year = record.cycle.year;
    const [catalogue, cells, actuals, sections, checkConfig, expenseLines, expenseCaps, guidance, objections, expenseActuals] =
      await Promise.all([
        plan.reads.catalogue(),
        plan.reads.cells(),
        plan.reads.actuals(),
        plan.reads.sections(),
        planCycles.findCheckConfig(record.cycle.id),
        planChecks.expenseLines(record.id),
        planChecks.expenseCaps(record.id),
        planChecks.guidance(record.cycle.id, record.unit.id),
        planChecks.openObjections(record.id, record.cycle.id, record.unit.id),
        planChecks.expenseActualsByMonth(record.unit.path, [year - 1, year - 2]),
      ]);
    const [children, parentsChildren] = await Promise.all([
      planChecks.childUnits(record.unit.id),
      record.unit.parentId === null ? Promise.resolve([] as ChildUnitRecord[]) : planChecks.childUnits(record.unit.parentId),
    ]);
    const siblings = parentsChildren.filter((unit) => unit.id !== record.unit.id);
    const others = [...children, ...siblings];
    const [plannedExpenses, ...summaries] = await Promise.all([
      planChecks.plannedExpenses(record.cycle.id, others),
      ...others.map((unit) =>
        targetSummary.read({
          cycleId: record.cycle.id,
          orgUnitId: unit.id,
          unitPath: unit.path,
          basis: "LATEST",
          scope: "SUBTREE",
          lines: "FIGURES",
        }),
      ),
    ]);
    const figuresOf = (unit: ChildUnitRecord, index: number) => {
      const totals = new Map<string, Fixed>();
      for (const line of summaries[index] ?? []) {
        const sum = moneyOf(line.baseSum);
        const before = totals.get(line.metricId);
        totals.set(line.metricId, before === undefined ? sum : before.plus(sum));
      }
      return {
        unitId: unit.id,
        totals: new Map([...totals].map(([metricId, value]) => [metricId, value.toString()])),
        expense: plannedExpenses.get(unit.id) ?? "0",
      };
    };
    const built = buildPlanSnapshot({
      unit: { id: record.unit.id, level: record.unit.level },
      year,
      estimateMethod: plan.estimateMethod,
      catalogue,
      cells,
      actuals,
      sections,
      expenseLines,
      expenseCaps,
      guidance,
      objections,
      expenseActuals,
      children: children.map((unit, index) => figuresOf(unit, index)),
      siblings: siblings.map((unit, index) => figuresOf(unit, children.length + index)),
    });
    const configProblems =
      checkConfig === null || checkConfig.ok ? [] : checkConfig.problems.map((problem) => JSON.stringify(problem));
    const config: PlanCheckConfig = checkConfig?.ok ? checkConfig.config : {};
    const findings = runPlanChecks(built.snapshot, config);
    const summary = summarizeFindings(findings);

    const metricIdOf = new Map(catalogue.metrics.map((metric) => [metric.code, metric.id]));
    const specs = new Map(catalogue.productSpecs.map((spec) => [spec.id, spec]));
    const terminalCode = new Map(catalogue.terminals.map((terminal) => [terminal.id, terminal.code]));
    const sectionTitle = new Map(sections.map((section) => [section.code, section]));
    const unitNames = new Map(others.map((unit) => [unit.id, unit]));
    const estimatedLastYear = (finding: PlanFinding): boolean => {
      const metric = String(finding.params.metric ?? "");
      if (LAST_YEAR_CHECKS.has(finding.code)) return built.estimatedMetrics.has(metric);
      if (finding.code === "EXPENSE_RATIO_OFF_HISTORY" && finding.params.year === year - 1) {
        return (
          built.expenseEstimated || built.estimatedMetrics.has("SALES_REVENUE") || built.estimatedMetrics.has("GROSS_PROFIT")
        );
      }
      return false;
    };
    /** Ids in the params shown by name in the message (the raw params stay as they are). */
    const shown = (finding: PlanFinding, lang: "zh" | "en") => {
      const params: Record<string, string | number> = { ...finding.params };
      const specName = (id: string) => {
        const spec = specs.get(id);
        return spec ? (lang === "zh" ? spec.nameZh : spec.nameEn) : id;
      };
      if (typeof params.productSpec === "string") params.productSpec = specName(params.productSpec);
      if (typeof params.row === "string") {
        const spec = parseCellDimensionKey(params.row).productSpecId;
        params.row = spec ? specName(spec) : lang === "zh" ? "不分品规" : "all specs";
      }
      if (typeof params.terminals === "string") {
        params.terminals = params.terminals.replace(/[^\s,…]+/g, (id) => terminalCode.get(id) ?? id);
      }
      if (typeof params.section === "string") {
        const section = sectionTitle.get(params.section);
        if (section) params.section = lang === "zh" ? section.titleZh : section.titleEn;
      }
      if (typeof params.unitId === "string") {
        const unit = unitNames.get(params.unitId);
        if (unit) params.unitId = lang === "zh" ? unit.nameZh : unit.nameEn;
      }
      return { ...finding, params };
    };
    return {
      blockCount: summary.block,
      warnCount: summary.warn,
      items: findings.map((finding) => ({
        code: finding.code,
        symptom: finding.symptom,
        symptomZh: SYMPTOM_LABELS[finding.symptom].zh,
        symptomEn: SYMPTOM_LABELS[finding.symptom].en,
        severity: finding.severity,
        messageZh: formatFindingMessage(shown(finding, "zh"), "zh-CN", built.metrics),
        messageEn: formatFindingMessage(shown(finding, "en"), "en", built.metrics),
        lastYearEstimated: estimatedLastYear(finding),
        targets: finding.cells.map((ref) => findingTargetOf(ref, metricIdOf)),
        params: Object.entries(finding.params).map(([name, value]) => ({ name, value: String(value) })),
      })),
      configProblems,
    };
  }

  /** The plan's own planner chooses how Y-1 is estimated, while the plan is editable; audited. */
  async setEstimateMethod(viewer: Viewer | null, input: unknown, request: RequestInfo): Promise<PlanDto> {
    const signedIn = requireViewer(viewer);
    const { planId, method } = parseArgs(estimateMethodArgs, input);
    const found = await this.repositories.planWorkbench.findPlan(planId);
    requireAccess(signedIn, "EDIT_PLAN", found, (plan) => plan.unit.path, { entity: "PLAN", id: planId });
    await withLockedPlan(this.dependencies.dataAccess, planId, async (locked, tx) => {
      if (!isPlanEditable(locked.status)) {
        throw new DomainError("INVALID_TRANSITION", "The plan can be changed only while it is a draft or returned.", {
          reason: "PLAN_NOT_EDITABLE",
          params: { status: locked.status },
        });
      }
      const current = await tx.planWorkbench.findPlan(planId);
      await tx.planWorkbench.setEstimateMethod(planId, method);
      return {
        result: undefined,
        audit: {
          actorId: signedIn.userId,
          action: "ESTIMATE_METHOD_SET",
          before: { estimateMethod: current?.estimateMethod ?? null },
          after: { estimateMethod: method },
          requestId: request.requestId,
          sessionId: signedIn.sessionId ?? null,
        },
      };
    });
    const updated = await this.repositories.planWorkbench.findPlan(planId);
    if (!updated) throw notFound({ entity: "PLAN", id: planId });
    return this.planDto(signedIn, updated);
  }
}

function findingTargetOf(ref: CellRef, metricIdOf: ReadonlyMap<string, string>): FindingTargetDto {
  const empty: FindingTargetDto = {
    kind: ref.kind,
    metricId: null,
    metricCode: null,
    month: null,
    cellId: null,
    productSpecId: null,
    channelId: null,
    terminalId: null,
    distributorId: null,
    townshipId: null,
    dimensionKey: null,
    categoryCode: null,
    itemCode: null,
    sectionCode: null,
    unitId: null,
    objectionId: null,
    year: null,
  };
  switch (ref.kind) {
    case "TARGET": {
      const dimensions = cellDimensionColumns(ref);
      return {
        ...empty,
        metricId: metricIdOf.get(ref.metricCode) ?? null,
        metricCode: ref.metricCode,
        month: ref.month ?? null,
        cellId: ref.cellId ?? null,
        productSpecId: dimensions.productSpecId,
        channelId: dimensions.channelId,
        terminalId: dimensions.terminalId,
        distributorId: dimensions.distributorId,
        townshipId: dimensions.townshipId,
        dimensionKey: cellDimensionKey(ref),
      };
    }
    case "EXPENSE":
      return { ...empty, categoryCode: ref.categoryCode ?? null, itemCode: ref.itemCode ?? null };
    case "SECTION":
      return { ...empty, sectionCode: ref.sectionCode };
    case "CHILD":
      return {
        ...empty,
        unitId: ref.unitId,
        metricCode: ref.metricCode ?? null,
        metricId: ref.metricCode === undefined ? null : (metricIdOf.get(ref.metricCode) ?? null),
      };
    case "OBJECTION":
      return { ...empty, objectionId: ref.objectionId };
    case "TERMINAL":
      return { ...empty, terminalId: ref.terminalId };
    case "HISTORY":
      return { ...empty, year: ref.year };
  }
}
