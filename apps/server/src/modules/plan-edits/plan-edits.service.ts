// Writing a plan: batches of target cells, and the sections of its document.
//
// Every use case goes the same way: parse the input (zod), ask the access policy for
// EDIT_PLAN on the plan's unit (NOT_FOUND when it says no, exactly as for a plan that
// does not exist), then one transaction that locks the plan shared, re-checks that it
// is editable (DRAFT / RETURNED), compares the versions the writer read, and writes the
// change with its audit rows (and, for cells, the summary deltas).
//
// A stale version is an answer, not an error: the result is the Conflict member of the
// mutation's union, listing what is there now and who put it there, and nothing is
// written. Bad input is VALIDATION_FAILED with a reason and params, and nothing is written.
import {
  TargetCellSaveRefused,
  type CellConflict,
  type CellEditor,
  type DataAccess,
  type PlanForEdit,
  type EditablePlanSectionRecord as PlanSectionRecord,
  type Repositories,
  type SavedTargetCell,
  type TemplateSectionRecord,
} from "@pyramid/db";
import { isPlanEditable, parseCellDimensionKey, type PlanStatus } from "@pyramid/domain";
import { notFound, requireAccess, requireViewer } from "../../access-guard.js";
import { DomainError } from "../../errors.js";
import type { RequestInfo } from "../../http/request-session.js";
import type { Viewer } from "../../viewer.js";
import {
  checkBatchSize,
  parseInput,
  saveTargetCellsSchema,
  setPlanSectionLinksSchema,
  updatePlanSectionSchema,
} from "./plan-edits.input.js";

export interface PlanEditsServiceDependencies {
  readonly dataAccess: Pick<DataAccess, "repositories" | "inTransaction">;
}

export type PlanEditorDto = CellEditor;

/** The optional dimensions of a cell, each null when absent. */
export interface CellCoordinatesDto {
  readonly metricId: string;
  readonly month: number;
  readonly productSpecId: string | null;
  readonly channelId: string | null;
  readonly terminalId: string | null;
  readonly distributorId: string | null;
  readonly townshipId: string | null;
  readonly dimensionKey: string;
}

export interface SavedTargetCellDto extends CellCoordinatesDto {
  readonly id: string | null;
  readonly version: number | null;
  readonly baseValue: string | null;
  readonly stretchValue: string | null;
  readonly isHeld: boolean;
}

export interface TargetCellConflictDto extends CellCoordinatesDto {
  readonly expectedVersion: number | null;
  readonly current: {
    readonly baseValue: string;
    readonly stretchValue: string | null;
    readonly isHeld: boolean;
    readonly version: number;
    readonly updatedBy: PlanEditorDto | null;
    readonly updatedAt: Date;
  } | null;
}

export type SaveTargetCellsResultDto =
  | { readonly __typename: "TargetCellsSaved"; readonly planId: string; readonly cells: readonly SavedTargetCellDto[] }
  | {
      readonly __typename: "TargetCellsConflict";
      readonly planId: string;
      readonly message: string;
      readonly conflicts: readonly TargetCellConflictDto[];
    };

export interface PlanSectionStateDto {
  readonly planId: string;
  readonly code: string;
  readonly body: string;
  readonly version: number;
  readonly updatedAt: Date;
  readonly updatedBy: PlanEditorDto | null;
  readonly links: readonly { readonly metricId: string; readonly productSpecId: string | null }[];
}

export type PlanSectionResultDto =
  | { readonly __typename: "PlanSectionSaved"; readonly section: PlanSectionStateDto }
  | {
      readonly __typename: "PlanSectionConflict";
      readonly planId: string;
      readonly code: string;
      readonly message: string;
      readonly expectedVersion: number | null;
      readonly current: PlanSectionStateDto | null;
    };

function coordinatesOf(cell: { metricId: string; month: number; dimensionKey: string }): CellCoordinatesDto {
  const dimensions = parseCellDimensionKey(cell.dimensionKey);
  return {
    metricId: cell.metricId,
    month: cell.month,
    productSpecId: dimensions.productSpecId ?? null,
    channelId: dimensions.channelId ?? null,
    terminalId: dimensions.terminalId ?? null,
    distributorId: dimensions.distributorId ?? null,
    townshipId: dimensions.townshipId ?? null,
    dimensionKey: cell.dimensionKey,
  };
}

export const savedCellDto = (cell: SavedTargetCell): SavedTargetCellDto => ({
  ...coordinatesOf(cell),
  id: cell.id,
  version: cell.version,
  baseValue: cell.baseValue,
  stretchValue: cell.stretchValue,
  isHeld: cell.isHeld,
});

export const conflictDto = (conflict: CellConflict): TargetCellConflictDto => ({
  ...coordinatesOf(conflict),
  expectedVersion: conflict.expectedVersion,
  current: conflict.current && {
    baseValue: conflict.current.baseValue,
    stretchValue: conflict.current.stretchValue,
    isHeld: conflict.current.isHeld,
    version: conflict.current.version,
    updatedBy: conflict.current.updatedBy,
    updatedAt: conflict.current.updatedAt,
  },
});

const sectionDto = (section: PlanSectionRecord): PlanSectionStateDto => ({
  planId: section.planId,
  code: section.code,
  body: section.body,
  version: section.version,
  updatedAt: section.updatedAt,
  updatedBy: section.updatedBy,
  links: section.links,
});

export function notEditable(status: PlanStatus): DomainError {
  return new DomainError("INVALID_TRANSITION", `The plan is ${status}: only a DRAFT or RETURNED plan can be edited.`, {
    reason: "PLAN_NOT_EDITABLE",
    params: { status },
  });
}

const planNotFound = (planId: string) => notFound({ entity: "PLAN", id: planId });

/** The section's state for the audit log: text, version and links. */
const sectionAudit = (section: PlanSectionRecord) => ({
  body: section.body,
  version: section.version,
  links: section.links.map((link) => ({ metricId: link.metricId, productSpecId: link.productSpecId })),
});

export class PlanEditsService {
  constructor(private readonly dependencies: PlanEditsServiceDependencies) {}

  /** Writes a batch of target cells, all or nothing; a stale cell answers TargetCellsConflict. */
  async saveTargetCells(viewer: Viewer | null, args: unknown, request: RequestInfo): Promise<SaveTargetCellsResultDto> {
    const editor = requireViewer(viewer);
    const changes = (args as { changes?: unknown } | null)?.changes;
    checkBatchSize(Array.isArray(changes) ? changes : []);
    const input = parseInput(saveTargetCellsSchema, args);
    await this.requireEditPlan(editor, input.planId);
    try {
      const saved = await this.dependencies.dataAccess.inTransaction((tx) =>
        tx.targetCells.save({
          planId: input.planId,
          actorId: editor.userId,
          requestId: request.requestId,
          sessionId: editor.sessionId ?? null,
          changes: input.changes.map((change) => ({
            metricId: change.metricId,
            month: change.month,
            dimensions: {
              productSpecId: change.productSpecId ?? null,
              channelId: change.channelId ?? null,
              terminalId: change.terminalId ?? null,
              distributorId: change.distributorId ?? null,
              townshipId: change.townshipId ?? null,
            },
            baseValue: change.baseValue,
            ...(change.stretchValue === undefined ? {} : { stretchValue: change.stretchValue }),
            ...(change.isHeld === undefined || change.isHeld === null ? {} : { isHeld: change.isHeld }),
            expectedVersion: change.expectedVersion ?? null,
          })),
        }),
      );
      return { __typename: "TargetCellsSaved", planId: input.planId, cells: saved.map(savedCellDto) };
    } catch (error) {
      if (!(error instanceof TargetCellSaveRefused)) throw error;
      switch (error.code) {
        case "CELL_CONFLICT":
          return {
            __typename: "TargetCellsConflict",
            planId: input.planId,
            message: error.message,
            conflicts: error.conflicts.map(conflictDto),
          };
        case "PLAN_NOT_FOUND":
          throw planNotFound(input.planId);
        case "PLAN_NOT_EDITABLE":
          throw notEditable(String(error.params["status"]) as PlanStatus);
        case "INVALID_CHANGE":
          throw new DomainError("VALIDATION_FAILED", error.message, {
            reason: error.reason ?? "INVALID_CHANGE",
            params: error.params,
          });
      }
    }
  }

  /** Replaces a section's text; a stale version answers PlanSectionConflict. */
  async updatePlanSection(viewer: Viewer | null, args: unknown, request: RequestInfo): Promise<PlanSectionResultDto> {
    const editor = requireViewer(viewer);
    const input = parseInput(updatePlanSectionSchema, args);
    await this.requireEditPlan(editor, input.planId);
    return this.dependencies.dataAccess.inTransaction(async (tx) => {
      const { plan, template, section } = await lockSectionForEdit(tx, input.planId, input.code);
      const expectedVersion = input.expectedVersion ?? null;
      if (isStale(section, expectedVersion)) return sectionConflict(input.planId, input.code, expectedVersion, section);
      const saved =
        section === null
          ? await tx.planSections.create({
              planId: plan.planId,
              templateSectionId: template.id,
              code: template.code,
              body: input.body,
              actorId: editor.userId,
            })
          : await tx.planSections.update(section.id, { body: input.body, actorId: editor.userId });
      if (saved === null) return raced(tx, input.planId, input.code, expectedVersion);
      await tx.audit.append({
        actorId: editor.userId,
        entity: "PlanSection",
        entityId: saved.id,
        action: section === null ? "SECTION_CREATED" : "SECTION_UPDATED",
        ...(section === null ? {} : { before: sectionAudit(section) }),
        after: sectionAudit(saved),
        planId: plan.planId,
        orgUnitId: plan.orgUnitId,
        requestId: request.requestId,
        sessionId: editor.sessionId ?? null,
      });
      return { __typename: "PlanSectionSaved", section: sectionDto(saved) };
    });
  }

  /** Replaces the targets a method section links to; versioned like the text. */
  async setPlanSectionLinks(viewer: Viewer | null, args: unknown, request: RequestInfo): Promise<PlanSectionResultDto> {
    const editor = requireViewer(viewer);
    const input = parseInput(setPlanSectionLinksSchema, args);
    const links = input.links.map((link) => ({ metricId: link.metricId, productSpecId: link.productSpecId ?? null }));
    const seen = new Set<string>();
    links.forEach((link, index) => {
      const key = `${link.metricId}\u0001${link.productSpecId ?? ""}`;
      if (seen.has(key)) {
        throw new DomainError("VALIDATION_FAILED", `links.${index}: the same target is linked twice.`, {
          reason: "DUPLICATE_LINK",
          params: { index, metricId: link.metricId, productSpecId: link.productSpecId ?? "" },
        });
      }
      seen.add(key);
    });
    await this.requireEditPlan(editor, input.planId);
    return this.dependencies.dataAccess.inTransaction(async (tx) => {
      const { plan, template, section } = await lockSectionForEdit(tx, input.planId, input.code);
      if (template.part !== "METHODS") {
        throw new DomainError(
          "VALIDATION_FAILED",
          `Only a method section (part C) links to targets; ${template.code} is not one.`,
          {
            reason: "SECTION_NOT_A_METHOD",
            params: { code: template.code },
          },
        );
      }
      const existing = await tx.planSections.existingTargets(
        [...new Set(links.map((link) => link.metricId))],
        [...new Set(links.flatMap((link) => (link.productSpecId === null ? [] : [link.productSpecId])))],
      );
      links.forEach((link, index) => {
        if (!existing.metricIds.has(link.metricId)) {
          throw new DomainError("VALIDATION_FAILED", `links.${index}: no metric ${link.metricId}.`, {
            reason: "UNKNOWN_METRIC",
            params: { index, id: link.metricId },
          });
        }
        if (link.productSpecId !== null && !existing.productSpecIds.has(link.productSpecId)) {
          throw new DomainError("VALIDATION_FAILED", `links.${index}: no product spec ${link.productSpecId}.`, {
            reason: "UNKNOWN_PRODUCT_SPEC",
            params: { index, id: link.productSpecId },
          });
        }
      });
      const expectedVersion = input.expectedVersion ?? null;
      if (isStale(section, expectedVersion)) return sectionConflict(input.planId, input.code, expectedVersion, section);
      const target =
        section ??
        (await tx.planSections.create({
          planId: plan.planId,
          templateSectionId: template.id,
          code: template.code,
          body: "",
          actorId: editor.userId,
        }));
      if (target === null) return raced(tx, input.planId, input.code, expectedVersion);
      await tx.planSections.replaceLinks(target.id, links);
      // A new section is at version 1 with its links; an existing one moves to the next version.
      const saved =
        section === null
          ? await tx.planSections.lockSection(plan.planId, template.code)
          : await tx.planSections.update(section.id, { actorId: editor.userId });
      if (saved === null) throw new Error("the section vanished inside its transaction");
      await tx.audit.append({
        actorId: editor.userId,
        entity: "PlanSection",
        entityId: saved.id,
        action: "SECTION_LINKS_SET",
        ...(section === null ? {} : { before: sectionAudit(section) }),
        after: sectionAudit(saved),
        planId: plan.planId,
        orgUnitId: plan.orgUnitId,
        requestId: request.requestId,
        sessionId: editor.sessionId ?? null,
      });
      return { __typename: "PlanSectionSaved", section: sectionDto(saved) };
    });
  }

  /** The plan exists and the policy lets the viewer EDIT_PLAN its unit (one read); NOT_FOUND otherwise. */
  private async requireEditPlan(viewer: Viewer, planId: string): Promise<void> {
    const plan = await this.dependencies.dataAccess.repositories.planSections.findPlanForEdit(planId);
    requireAccess(viewer, "EDIT_PLAN", plan, (found) => found.unitPath, { entity: "PLAN", id: planId });
  }
}

/** Locks the plan (shared) and the section, after re-checking that the plan is editable and the code is the template's. */
async function lockSectionForEdit(
  tx: Repositories,
  planId: string,
  code: string,
): Promise<{ plan: PlanForEdit; template: TemplateSectionRecord; section: PlanSectionRecord | null }> {
  const plan = await tx.planSections.lockPlanShared(planId);
  if (plan === null) throw planNotFound(planId);
  if (!isPlanEditable(plan.status)) throw notEditable(plan.status);
  const template = await tx.planSections.findTemplateSection(plan.cycleId, code);
  if (template === null) {
    throw new DomainError("VALIDATION_FAILED", `The plan's template has no section ${code}.`, {
      reason: "UNKNOWN_SECTION",
      params: { code },
    });
  }
  return { plan, template, section: await tx.planSections.lockSection(planId, template.code) };
}

/** null expected: the writer saw no section; otherwise the version it read. */
function isStale(section: PlanSectionRecord | null, expectedVersion: number | null): boolean {
  return expectedVersion === null ? section !== null : section?.version !== expectedVersion;
}

function sectionConflict(
  planId: string,
  code: string,
  expectedVersion: number | null,
  current: PlanSectionRecord | null,
): PlanSectionResultDto {
  return {
    __typename: "PlanSectionConflict",
    planId,
    code,
    message:
      current === null
        ? "The section was never saved: send no expectedVersion."
        : `The section was changed by someone else since it was read (now version ${current.version}).`,
    expectedVersion,
    current: current && sectionDto(current),
  };
}

/** Another writer created the section between our look and our insert: show theirs. */
async function raced(tx: Repositories, planId: string, code: string, expectedVersion: number | null) {
  return sectionConflict(planId, code, expectedVersion, await tx.planSections.findSection(planId, code));
}
