// previewSplit and applySplit: a figure split into a block of a plan's cells by the
// domain's engine, shown cell by cell with its explanation, then written exactly as shown.
//
// Both: parse the input (zod), ask the access policy for EDIT_PLAN on the plan's unit
// (NOT_FOUND when it says no, as for a plan that does not exist), refuse a plan that is not
// editable, read the block as the workbench shows it (readBlock), split (computeSplit).
//
// The preview's token is a hash of the input, the versions of every cell the split read and
// every value it gave. Apply reads and splits again and writes through the cell save
// (packages/db save-target-cells: cells locked, versions compared, audit rows, summary
// deltas) in one transaction with the preview's versions, so the result written is the one
// previewed or nothing is:
//   a cell the split read (held ones included) changed since the preview → TargetCellsConflict;
//   the same cells but another result (history, guidance, the plan's other figures, or not
//   the preview's input) → VALIDATION_FAILED / PREVIEW_OUTDATED.
import { createHash } from "node:crypto";
import {
  TargetCellSaveRefused,
  type DataAccess,
  type Repositories,
  type TargetCellChange,
  type WorkbenchPlanRecord,
} from "@pyramid/db";
import { isPlanEditable, parseCellDimensionKey, type Fixed, type PlanStatus } from "@pyramid/domain";
import { notFound, requireAccess, requireViewer } from "../../access-guard.js";
import { DomainError } from "../../errors.js";
import type { RequestInfo } from "../../http/request-session.js";
import type { Viewer } from "../../viewer.js";
import {
  conflictDto,
  notEditable,
  savedCellDto,
  type SavedTargetCellDto,
  type TargetCellConflictDto,
} from "../plan-edits/plan-edits.service.js";
import type { PlansService } from "../plans/plans.service.js";
import { readBlock, type SplitMetric } from "./plan-split.block.js";
import { computeSplit, type BlockState, type SplitCellStatus, type SplitOutcome } from "./plan-split.compute.js";
import {
  parseApplySplitInput,
  parseSplitInput,
  type SplitFigureKind,
  type SplitInput,
  type SplitMethodKind,
} from "./plan-split.input.js";

// ------------------------------------------------------------------ DTOs

export interface SplitPreviewCellDto {
  readonly month: number;
  readonly productSpecId: string | null;
  readonly channelId: string | null;
  readonly terminalId: string | null;
  readonly distributorId: string | null;
  readonly townshipId: string | null;
  readonly dimensionKey: string;
  readonly memberId: string | null;
  readonly cellId: string | null;
  readonly version: number | null;
  readonly currentValue: string | null;
  readonly storedHeld: boolean;
  readonly newValue: string;
  readonly status: SplitCellStatus;
  readonly changes: boolean;
  readonly lastYear: { readonly value: string; readonly estimated: boolean } | null;
  readonly reference: string | null;
  readonly explanationZh: string;
  readonly explanationEn: string;
}

export interface SplitTotalDto {
  readonly memberId: string | null;
  readonly productSpecId: string | null;
  readonly month: number | null;
  readonly currentTotal: string;
  readonly total: string;
}

export interface SplitPreviewDto {
  readonly planId: string;
  readonly metric: SplitMetric;
  readonly figureKind: SplitFigureKind;
  readonly figure: string;
  readonly guidance: string | null;
  readonly planTotal: string | null;
  readonly method: SplitMethodKind;
  readonly rowMethod: SplitMethodKind | null;
  readonly marginsZh: string;
  readonly marginsEn: string;
  readonly currentTotal: string;
  readonly total: string;
  readonly remainder: string;
  readonly rows: readonly SplitTotalDto[];
  readonly months: readonly SplitTotalDto[];
  readonly cells: readonly SplitPreviewCellDto[];
  readonly notices: readonly {
    readonly code: string;
    readonly messageZh: string;
    readonly messageEn: string;
    readonly params: readonly { readonly name: string; readonly value: string }[];
  }[];
  readonly previewToken: string;
  readonly expectedVersions: readonly (number | null)[];
}

export type ApplySplitResultDto =
  | {
      readonly __typename: "SplitApplied";
      readonly planId: string;
      readonly cells: readonly SavedTargetCellDto[];
      readonly total: string;
    }
  | {
      readonly __typename: "TargetCellsConflict";
      readonly planId: string;
      readonly message: string;
      readonly conflicts: readonly TargetCellConflictDto[];
    };

// ------------------------------------------------------------------ helpers

/** A cell the split read: the block's cells, then (FIGURES) the figures they detail. */
interface ReadCell {
  readonly month: number;
  readonly dimensionKey: string;
  readonly version: number | null;
  readonly current: Fixed | null;
}

function readCellsOf(state: BlockState): ReadCell[] {
  const monthCount = state.months.length;
  const block = state.cells.map((cell, i) => ({
    month: state.months[i % monthCount]!,
    dimensionKey: cell.dimensions.dimensionKey,
    version: cell.version,
    current: cell.current,
  }));
  const figures = (state.figures ?? []).map((figure) => ({
    month: figure.month,
    dimensionKey: figure.dimensions.dimensionKey,
    version: figure.version,
    current: figure.current,
  }));
  return [...block, ...figures];
}

/** JSON with sorted keys and without null or absent fields: the same input however it was sent. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(",")}]`;
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, field]) => field !== null && field !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, field]) => `${JSON.stringify(key)}:${canonical(field)}`).join(",")}}`;
  }
  return JSON.stringify(value);
}

/** The preview's token: the input, the versions of every cell read, and every value given. */
function tokenOf(input: SplitInput, state: BlockState, outcome: SplitOutcome): string {
  const hash = createHash("sha256");
  hash.update(canonical({ v: 1, input }));
  hash.update(
    `|${readCellsOf(state)
      .map((cell) => cell.version ?? "-")
      .join(",")}`,
  );
  hash.update(`|${outcome.figure.toString()}|${outcome.cells.map((cell) => cell.value.toString()).join(",")}`);
  return `split1.${hash.digest("base64url")}`;
}

const sum = (values: readonly Fixed[], zero: Fixed) => values.reduce((total, value) => total.plus(value), zero);

function previewDto(
  planId: string,
  metric: SplitMetric,
  state: BlockState,
  outcome: SplitOutcome,
  token: string,
): SplitPreviewDto {
  const { months, rows, cells } = state;
  const monthCount = months.length;
  const zero = outcome.figure.minus(outcome.figure);
  const currentOf = (i: number) => cells[i]!.current ?? zero;
  const newOf = (i: number) => outcome.cells[i]!.value;
  const rowIndices = (r: number) => months.map((_, c) => r * monthCount + c);
  const monthIndices = (c: number) => rows.map((_, r) => r * monthCount + c);
  const all = cells.map((_, i) => i);
  return {
    planId,
    metric,
    figureKind: outcome.figureKind,
    figure: outcome.figure.toString(),
    guidance: outcome.guidance?.toString() ?? null,
    planTotal: outcome.planTotal?.toString() ?? null,
    method: outcome.method,
    rowMethod: outcome.rowMethod,
    marginsZh: outcome.margins.zh,
    marginsEn: outcome.margins.en,
    currentTotal: sum(all.map(currentOf), zero).toString(),
    total: sum(all.map(newOf), zero).toString(),
    remainder: outcome.remainder.toString(),
    rows: rows.map((row, r) => ({
      memberId: row.memberId,
      productSpecId: row.productSpecId,
      month: null,
      currentTotal: sum(rowIndices(r).map(currentOf), zero).toString(),
      total: sum(rowIndices(r).map(newOf), zero).toString(),
    })),
    months: months.map((month, c) => ({
      memberId: null,
      productSpecId: null,
      month,
      currentTotal: sum(monthIndices(c).map(currentOf), zero).toString(),
      total: sum(monthIndices(c).map(newOf), zero).toString(),
    })),
    cells: cells.map((cell, i): SplitPreviewCellDto => {
      const result = outcome.cells[i]!;
      return {
        month: months[i % monthCount]!,
        productSpecId: cell.dimensions.productSpecId,
        channelId: cell.dimensions.channelId,
        terminalId: cell.dimensions.terminalId,
        distributorId: cell.dimensions.distributorId,
        townshipId: cell.dimensions.townshipId,
        dimensionKey: cell.dimensions.dimensionKey,
        memberId: rows[Math.floor(i / monthCount)]!.memberId,
        cellId: cell.cellId,
        version: cell.version,
        currentValue: cell.current?.toString() ?? null,
        storedHeld: cell.storedHeld,
        newValue: result.value.toString(),
        status: result.status,
        changes: result.write,
        lastYear: cell.lastYear === null ? null : { value: cell.lastYear.toString(), estimated: cell.lastYearEstimated },
        reference: result.reference?.toString() ?? null,
        explanationZh: result.explanation.zh,
        explanationEn: result.explanation.en,
      };
    }),
    notices: outcome.notices.map((notice) => ({
      code: notice.code,
      messageZh: notice.message.zh,
      messageEn: notice.message.en,
      params: Object.entries(notice.params).map(([name, value]) => ({ name, value: String(value) })),
    })),
    previewToken: token,
    expectedVersions: readCellsOf(state).map((cell) => cell.version),
  };
}

const ROLLBACK = Symbol("rollback");

export interface PlanSplitServiceDependencies {
  readonly dataAccess: Pick<DataAccess, "repositories" | "inTransaction">;
  /** The workbench's reads: the grid a split reads its history from. */
  readonly plans: PlansService;
}

export class PlanSplitService {
  constructor(private readonly dependencies: PlanSplitServiceDependencies) {}

  private get repositories(): Repositories {
    return this.dependencies.dataAccess.repositories;
  }

  /** What the split would give, cell by cell; writes nothing. */
  async previewSplit(viewer: Viewer | null, args: unknown): Promise<SplitPreviewDto> {
    const editor = requireViewer(viewer);
    const input = parseSplitInput((args as { input?: unknown } | null)?.input);
    const record = await this.editablePlan(editor, input.planId);
    const { metric, state } = await readBlock(this.repositories, this.dependencies.plans, record, input);
    const outcome = computeSplit(state, input);
    return previewDto(record.id, metric, state, outcome, tokenOf(input, state, outcome));
  }

  /** Writes what the preview showed, or answers TargetCellsConflict and writes nothing. */
  async applySplit(viewer: Viewer | null, args: unknown, request: RequestInfo): Promise<ApplySplitResultDto> {
    const editor = requireViewer(viewer);
    const { split, previewToken, expectedVersions } = parseApplySplitInput((args as { input?: unknown } | null)?.input);
    const record = await this.editablePlan(editor, split.planId);
    const { metric, state } = await readBlock(this.repositories, this.dependencies.plans, record, split);
    const read = readCellsOf(state);
    if (expectedVersions.length !== read.length) {
      throw new DomainError(
        "VALIDATION_FAILED",
        `The split reads ${read.length} cells but ${expectedVersions.length} versions were sent: send the preview's expectedVersions as it gave them.`,
        { reason: "VERSIONS_MISMATCH", params: { expected: read.length, count: expectedVersions.length } },
      );
    }
    const change = (cell: ReadCell, k: number, value: Fixed | null): TargetCellChange => ({
      metricId: metric.id,
      month: cell.month,
      dimensions: parseCellDimensionKey(cell.dimensionKey),
      baseValue: value?.toString() ?? null,
      expectedVersion: expectedVersions[k] ?? null,
    });
    /** Every cell read, as it is: the save compares their versions and writes nothing. */
    const asTheyAre = read.map((cell, k) => change(cell, k, cell.current));
    if (read.some((cell, k) => cell.version !== (expectedVersions[k] ?? null))) {
      return this.conflictAnswer(record.id, editor, request, asTheyAre);
    }
    const outcome = computeSplit(state, split);
    if (tokenOf(split, state, outcome) !== previewToken) {
      throw new DomainError(
        "VALIDATION_FAILED",
        "This is not what was previewed: the input differs from the preview's, or what the split reads (history, guidance, the plan's other figures) changed since. Preview again.",
        { reason: "PREVIEW_OUTDATED" },
      );
    }
    const written = outcome.cells.map((cell) => cell.write);
    const changes = read.map((cell, k) => (written[k] === true ? change(cell, k, outcome.cells[k]!.value) : asTheyAre[k]!));
    const total = outcome.cells.reduce((sum, cell) => sum.plus(cell.value), outcome.figure.minus(outcome.figure));
    try {
      const saved = await this.dependencies.dataAccess.inTransaction(async (tx) => {
        const cells = await tx.targetCells.save({
          planId: record.id,
          actorId: editor.userId,
          requestId: request.requestId,
          sessionId: editor.sessionId ?? null,
          changes,
        });
        await tx.audit.append({
          actorId: editor.userId,
          entity: "Plan",
          entityId: record.id,
          action: "TARGET_SPLIT_APPLIED",
          after: {
            metricId: metric.id,
            figureKind: outcome.figureKind,
            figure: outcome.figure.toString(),
            ...(outcome.guidance === null ? {} : { guidance: outcome.guidance.toString() }),
            method: outcome.method,
            ...(outcome.rowMethod === null ? {} : { rowMethod: outcome.rowMethod }),
            months: [...state.months],
            productSpecIds: [...new Set(state.rows.map((row) => row.productSpecId ?? ""))],
            ...(state.axis === null ? {} : { axis: state.axis, members: state.rows.length }),
            cellsWritten: written.filter(Boolean).length,
            total: total.toString(),
          },
          planId: record.id,
          orgUnitId: record.unit.id,
          requestId: request.requestId,
          sessionId: editor.sessionId ?? null,
        });
        return cells;
      });
      return {
        __typename: "SplitApplied",
        planId: record.id,
        cells: saved.filter((_, k) => written[k] === true).map(savedCellDto),
        total: total.toString(),
      };
    } catch (error) {
      const answer = refusalAnswer(error, record.id);
      if (answer === null) throw error;
      return answer;
    }
  }

  /**
   * The cells that changed since the preview, as the cell save reports them (what is there
   * now, who changed it): the save is run on the cells as they are and rolled back.
   */
  private async conflictAnswer(
    planId: string,
    editor: Viewer,
    request: RequestInfo,
    asTheyAre: readonly TargetCellChange[],
  ): Promise<ApplySplitResultDto> {
    try {
      await this.dependencies.dataAccess.inTransaction(async (tx) => {
        await tx.targetCells.save({ planId, actorId: editor.userId, requestId: request.requestId, changes: asTheyAre });
        throw ROLLBACK;
      });
    } catch (error) {
      if (error !== ROLLBACK) {
        const answer = refusalAnswer(error, planId);
        if (answer === null) throw error;
        return answer;
      }
    }
    // The cells moved and came back between two reads: nothing is stale now, but it was.
    throw new DomainError("VALIDATION_FAILED", "The block changed while it was being read. Preview again.", {
      reason: "PREVIEW_OUTDATED",
    });
  }

  /** The plan, when the viewer may edit it (NOT_FOUND otherwise) and it is DRAFT or RETURNED. */
  private async editablePlan(viewer: Viewer, planId: string): Promise<WorkbenchPlanRecord> {
    const found = await this.repositories.planWorkbench.findPlan(planId);
    const record = requireAccess(viewer, "EDIT_PLAN", found, (plan) => plan.unit.path, { entity: "PLAN", id: planId });
    if (!isPlanEditable(record.status)) throw notEditable(record.status);
    return record;
  }
}

/** A refused cell save as the answer (CONFLICT) or the error it is; null for anything else. */
function refusalAnswer(error: unknown, planId: string): ApplySplitResultDto | null {
  if (!(error instanceof TargetCellSaveRefused)) return null;
  switch (error.code) {
    case "CELL_CONFLICT":
      return {
        __typename: "TargetCellsConflict",
        planId,
        message: `${error.conflicts.length} cell(s) of the block were changed by someone else since the preview: nothing was written.`,
        conflicts: error.conflicts.map(conflictDto),
      };
    case "PLAN_NOT_FOUND":
      throw notFound({ entity: "PLAN", id: planId });
    case "PLAN_NOT_EDITABLE":
      throw notEditable(String(error.params["status"]) as PlanStatus);
    case "INVALID_CHANGE":
      throw new DomainError("VALIDATION_FAILED", error.message, {
        reason: error.reason ?? "INVALID_CHANGE",
        params: error.params,
      });
  }
}
