// Reading the block a split covers, as the workbench shows it: the cells (values, versions,
// holds) and, beside each, last year with its estimate and the year before — taken from the
// plans module's own grid (PlansService.targetGrids over the domain's buildTargetGrid), so a
// split "by last year" divides by exactly the figures the planner sees.
import type { CatalogueRecord, Repositories, WorkbenchPlanRecord } from "@pyramid/db";
import {
  cellDimensionColumns,
  targetValueScale,
  type BreakdownAxis,
  type CellDimensions,
  type CycleSettings,
} from "@pyramid/domain";
import { DomainError } from "../../errors.js";
import { PlanReads, type PlansService, type TargetGridDto } from "../plans/plans.service.js";
import { decimalOf } from "../plans/values.js";
import type { BlockCell, BlockRow, BlockState, FigureCell } from "./plan-split.compute.js";
import { checkBlockSize, type SplitInput } from "./plan-split.input.js";

export type SplitMetric = CatalogueRecord["metrics"][number];

/** The reads of one plan for one metric: the plan's reads, narrowed to the metric's cells and actuals. */
class MetricReads extends PlanReads {
  private cellsRead: ReturnType<PlanReads["cells"]> | null = null;
  private actualsRead: ReturnType<PlanReads["actuals"]> | null = null;

  constructor(
    private readonly source: Repositories,
    record: WorkbenchPlanRecord,
    settings: CycleSettings,
    private readonly metricId: string,
  ) {
    super(source, record, settings);
  }

  override cells(): ReturnType<PlanReads["cells"]> {
    return (this.cellsRead ??= this.source.planWorkbench.cells(this.record.id, [this.metricId]));
  }

  override actuals(): ReturnType<PlanReads["actuals"]> {
    const year = this.record.cycle.year;
    return (this.actualsRead ??= this.source.planWorkbench.actuals(this.record.unit.path, [year - 1, year - 2], [this.metricId]));
  }
}

function refuse(reason: string, message: string, params: Record<string, string | number> = {}): DomainError {
  return new DomainError("VALIDATION_FAILED", message, { reason, params });
}

/** The members of an axis the block may name, and the default list (terminals: the classes the cycle requires, and core ones). */
function membersOf(
  catalogue: CatalogueRecord,
  axis: BreakdownAxis,
  minTerminalRank: number,
): { all: string[]; byDefault: string[] } {
  switch (axis) {
    case "CHANNEL": {
      const all = catalogue.channels.map((channel) => channel.id);
      return { all, byDefault: all };
    }
    case "TERMINAL":
      return {
        all: catalogue.terminals.map((terminal) => terminal.id),
        byDefault: catalogue.terminals
          .filter((terminal) => terminal.isCore || terminal.classRank <= minTerminalRank)
          .map((terminal) => terminal.id),
      };
    case "DISTRIBUTOR": {
      const all = catalogue.distributors.map((distributor) => distributor.id);
      return { all, byDefault: all };
    }
    case "TOWNSHIP": {
      const all = catalogue.townships.map((township) => township.id);
      return { all, byDefault: all };
    }
  }
}

export interface ReadBlock {
  readonly metric: SplitMetric;
  readonly state: BlockState;
}

/**
 * The block of `input` in the plan as it is now. Refuses (VALIDATION_FAILED) an unknown
 * metric, spec, line or member, a metric that is not additive, a breakdown over more than
 * one spec, and a block over MAX_SPLIT_BLOCK_CELLS.
 */
export async function readBlock(
  repositories: Repositories,
  plans: PlansService,
  record: WorkbenchPlanRecord,
  input: SplitInput,
): Promise<ReadBlock> {
  const { block } = input;
  const months =
    block.months != null
      ? [...block.months].sort((a, b) => a - b)
      : Array.from({ length: (block.monthTo ?? 12) - (block.monthFrom ?? 1) + 1 }, (_, i) => (block.monthFrom ?? 1) + i);

  // The size first, from the lists as given: a huge request is refused before any lookup.
  const listedRows = block.breakdown != null ? block.breakdown.memberIds?.length : block.productSpecIds?.length;
  if (listedRows !== undefined) checkBlockSize(listedRows, months.length);

  const settings = await repositories.planCycles.findSettings(record.cycle.id);
  if (settings === null) throw new Error(`plan ${record.id} has no cycle settings`);
  const reads = new MetricReads(repositories, record, settings, block.metricId);
  const catalogue = await reads.catalogue();

  const metric = catalogue.metrics.find((candidate) => candidate.id === block.metricId);
  if (metric === undefined) throw refuse("UNKNOWN_METRIC", `No metric ${block.metricId}.`, { metricId: block.metricId });
  if (metric.aggregation !== "SUM") {
    throw refuse(
      "METRIC_NOT_ADDITIVE",
      `${metric.code} is not a sum over months and specs (${metric.aggregation}): its values are set, not split.`,
      { metricId: metric.id, aggregation: metric.aggregation },
    );
  }

  let specs: (string | null)[];
  if (block.productSpecIds != null) {
    const known = new Set(catalogue.productSpecs.map((spec) => spec.id));
    block.productSpecIds.forEach((id, index) => {
      if (!known.has(id)) throw refuse("UNKNOWN_PRODUCT_SPEC", `block.productSpecIds.${index}: no spec ${id}.`, { index, id });
    });
    specs = [...block.productSpecIds];
  } else if (block.productLineId != null) {
    const lineId = block.productLineId;
    if (!catalogue.productLines.some((line) => line.id === lineId)) {
      throw refuse("UNKNOWN_PRODUCT_LINE", `No product line ${lineId}.`, { id: lineId });
    }
    specs = catalogue.productSpecs.filter((spec) => spec.lineId === lineId).map((spec) => spec.id);
    if (specs.length === 0) throw refuse("EMPTY_PRODUCT_LINE", `Product line ${lineId} has no specs.`, { id: lineId });
  } else {
    specs = [null];
  }

  const axis = block.breakdown?.axis ?? null;
  let rows: BlockRow[];
  if (axis === null) {
    rows = specs.map((productSpecId) => ({ productSpecId, memberId: null }));
  } else {
    if (specs.length !== 1) {
      throw refuse("BREAKDOWN_NEEDS_ONE_SPEC", "A breakdown details the figures of one spec: give one spec (or none).", {
        specs: specs.length,
      });
    }
    const members = membersOf(catalogue, axis, settings.minTerminalRank);
    const known = new Set(members.all);
    const chosen = block.breakdown?.memberIds ?? members.byDefault;
    chosen.forEach((id, index) => {
      if (!known.has(id)) {
        throw refuse("UNKNOWN_MEMBER", `block.breakdown.memberIds.${index}: no ${axis.toLowerCase()} ${id} in the plan's unit.`, {
          index,
          id,
          axis,
        });
      }
    });
    if (chosen.length === 0)
      throw refuse("NO_MEMBERS", `The unit has no ${axis.toLowerCase()} to break the figures down by.`, { axis });
    rows = chosen.map((memberId) => ({ productSpecId: specs[0] ?? null, memberId }));
  }
  checkBlockSize(rows.length, months.length);

  const [grid] = await plans.targetGrids(
    { reads, estimateMethod: record.estimateMethod },
    { metricIds: [metric.id], ...(axis === null ? {} : { expand: [{ productSpecId: specs[0] ?? null, axis }] }) },
  );
  if (grid === undefined) throw new Error("no grid for a known metric");
  const scale = targetValueScale(metric.scale);
  const value = (text: string | null | undefined) => (text == null ? null : decimalOf(text, scale).rescale(scale));

  const gridRowOf = (row: BlockRow) =>
    grid.rows.find((candidate) =>
      axis === null
        ? candidate.kind === "FIGURE" && candidate.productSpecId === row.productSpecId
        : candidate.kind === "BREAKDOWN" &&
          candidate.axis === axis &&
          candidate.productSpecId === row.productSpecId &&
          candidate.memberId === row.memberId,
    );
  const cellsOf = (row: BlockRow, gridRow: TargetGridDto["rows"][number] | undefined): BlockCell[] => {
    const dimensions: CellDimensions =
      axis === null
        ? { productSpecId: row.productSpecId }
        : { productSpecId: row.productSpecId, [AXIS_FIELD[axis]]: row.memberId };
    const coordinates = gridRow?.coordinates ?? cellDimensionColumns(dimensions);
    return months.map((month): BlockCell => {
      const slot = gridRow?.months[month - 1];
      const cell = slot?.cell ?? null;
      return {
        dimensions: coordinates,
        cellId: cell?.id ?? null,
        version: cell?.version ?? null,
        current: value(cell?.baseValue),
        storedHeld: cell?.isHeld ?? false,
        lastYear: value(slot?.lastYear?.value),
        lastYearEstimated: slot?.lastYear?.estimated ?? false,
        yearBefore: value(slot?.yearBefore),
      };
    });
  };
  const cells = rows.flatMap((row) => cellsOf(row, gridRowOf(row)));

  let figures: FigureCell[] | null = null;
  if (axis !== null) {
    const figureRow = grid.rows.find(
      (candidate) => candidate.kind === "FIGURE" && candidate.productSpecId === (specs[0] ?? null),
    );
    const coordinates = figureRow?.coordinates ?? cellDimensionColumns({ productSpecId: specs[0] ?? null });
    figures = months.map((month) => {
      const cell = figureRow?.months[month - 1]?.cell ?? null;
      return {
        month,
        dimensions: coordinates,
        cellId: cell?.id ?? null,
        version: cell?.version ?? null,
        current: value(cell?.baseValue),
      };
    });
  }

  let guidance = null;
  if (input.figure.kind === "GUIDANCE_GAP") {
    const found = (await repositories.planChecks.guidance(record.cycle.id, record.unit.id)).find(
      (candidate) => candidate.metricId === metric.id,
    );
    guidance = found === undefined ? null : value(found.value);
  }
  const all = grid.totals.find((total) => total.scope === "ALL");
  const year = all?.periods.find((period) => period.kind === "YEAR");
  const planTotal = value(year?.base) ?? decimalOf("0", scale);

  return {
    metric,
    state: {
      scale,
      metricScale: metric.scale,
      axis,
      rows,
      months,
      cells,
      figures,
      guidance,
      planTotal,
    },
  };
}

const AXIS_FIELD: Readonly<Record<BreakdownAxis, keyof CellDimensions>> = {
  CHANNEL: "channelId",
  TERMINAL: "terminalId",
  DISTRIBUTOR: "distributorId",
  TOWNSHIP: "townshipId",
};
