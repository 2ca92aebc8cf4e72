// Objections (异议): raise (a planner of the plan's own unit), answer (the reviewer of the
// answering unit: the direct parent, or the grandparent once escalated), escalate once,
// withdraw. The rules are @pyramid/domain objections.ts; the access policy's
// RAISE_OBJECTION / ANSWER_OBJECTION / VIEW_UNIT decide who reaches an objection at all
// (NOT_FOUND otherwise, as for one that does not exist). Each change is one transaction:
// the objection locked, the rule re-checked on what is locked, the change and its audit
// row — and on ACCEPT the unit's guidance (GuidanceTarget) with its own audit row.
import type { DataAccess, ObjectionRecord, Repositories } from "@pyramid/db";
import {
  answerObjection,
  escalateObjection,
  isAwaitingAnswer,
  mayAnswerObjection,
  parseCellDimensionKey,
  parseTargetValue,
  raiseObjection,
  withdrawObjection,
  CellKeyError,
  type ObjectionRefusalCode,
  type ObjectionVerdict,
} from "@pyramid/domain";
import { notFound, requireAccess, requireViewer } from "../../access-guard.js";
import { DomainError } from "../../errors.js";
import type { RequestInfo } from "../../http/request-session.js";
import { accessAssignmentsOf, viewerCan, type Viewer } from "../../viewer.js";
import { parseInput } from "../plan-edits/plan-edits.input.js";
import {
  answerObjectionSchema,
  escalateObjectionSchema,
  planObjectionsSchema,
  raiseObjectionSchema,
  withdrawObjectionSchema,
} from "./objections.input.js";

export interface ObjectionDto extends Omit<ObjectionRecord, "unit"> {
  readonly unit: {
    readonly id: string;
    readonly code: string;
    readonly nameZh: string;
    readonly nameEn: string;
    readonly level: ObjectionRecord["unit"]["level"];
  };
  readonly viewerMayAnswer: boolean;
  readonly viewerMayEscalate: boolean;
  readonly viewerMayWithdraw: boolean;
}

export interface ObjectionPayloadDto {
  readonly objection: ObjectionDto;
  readonly guidance: string | null;
}

/** Refusals by status or by who answers; the others are the input's. */
const TRANSITION_REFUSALS: ReadonlySet<ObjectionRefusalCode> = new Set([
  "OBJECTION_NOT_OPEN",
  "OBJECTION_NOT_REJECTED",
  "ALREADY_ESCALATED",
  "NO_LEVEL_ABOVE",
  "NOT_THE_ANSWERER",
]);

function refusal(verdict: Extract<ObjectionVerdict, { ok: false }>): DomainError {
  return new DomainError(TRANSITION_REFUSALS.has(verdict.code) ? "INVALID_TRANSITION" : "VALIDATION_FAILED", verdict.message, {
    reason: verdict.code,
  });
}

function invalid(reason: string, message: string, params: Record<string, string | number> = {}): DomainError {
  return new DomainError("VALIDATION_FAILED", message, { reason, params });
}

const objectionNotFound = (id: string) => notFound({ entity: "OBJECTION", id });

export function objectionDto(viewer: Viewer, record: ObjectionRecord): ObjectionDto {
  const { path, ...unit } = record.unit;
  const planner = viewerCan(viewer, "RAISE_OBJECTION", path);
  return {
    ...record,
    unit,
    viewerMayAnswer: isAwaitingAnswer(record.status) && mayAnswerObjection(accessAssignmentsOf(viewer), path, record.escalations),
    viewerMayEscalate:
      planner && escalateObjection({ status: record.status, escalations: record.escalations, unitPath: path }).ok,
    viewerMayWithdraw: planner && withdrawObjection(record.status).ok,
  };
}

/** A typed amount at the metric's scale, not negative: the guidance figure. */
async function parseFigure(tx: Repositories, metricId: string, text: string, field: string): Promise<string> {
  const metric = await tx.objections.findMetric(metricId);
  if (metric === null) throw invalid("UNKNOWN_METRIC", `No metric ${metricId}.`, { id: metricId });
  const parsed = parseTargetValue(text, metric.scale);
  if (!parsed.ok) throw invalid(parsed.code, `${field}: ${parsed.message}`, { field, scale: parsed.scale });
  if (parsed.value.isNegative()) throw invalid("NEGATIVE_VALUE", `${field}: a guidance figure is not negative.`, { field });
  return parsed.value.toString();
}

export interface ObjectionsServiceDependencies {
  readonly dataAccess: Pick<DataAccess, "repositories" | "inTransaction">;
  readonly clock?: () => Date;
}

export class ObjectionsService {
  private readonly now: () => Date;

  constructor(private readonly dependencies: ObjectionsServiceDependencies) {
    this.now = dependencies.clock ?? (() => new Date());
  }

  async planObjections(viewer: Viewer | null, args: unknown): Promise<ObjectionDto[]> {
    const signedIn = requireViewer(viewer);
    const input = parseInput(planObjectionsSchema, args);
    const { repositories } = this.dependencies.dataAccess;
    const plan = requireAccess(
      signedIn,
      "VIEW_UNIT",
      await repositories.planSections.findPlanForEdit(input.planId),
      (found) => found.unitPath,
      { entity: "PLAN", id: input.planId },
    );
    const records = await repositories.objections.list({
      planId: plan.planId,
      cycleId: plan.cycleId,
      subtreePath: input.includeSubtree ? plan.unitPath : null,
      statuses: input.statuses ?? null,
    });
    return records
      .filter((record) => viewerCan(signedIn, "VIEW_UNIT", record.unit.path))
      .map((record) => objectionDto(signedIn, record));
  }

  async raiseObjection(viewer: Viewer | null, args: unknown, request: RequestInfo): Promise<ObjectionPayloadDto> {
    const planner = requireViewer(viewer);
    const { input } = parseInput(raiseObjectionSchema, args);
    const month = input.month ?? null;
    const dimensionKey = input.dimensionKey ?? null;
    if ((month === null) !== (dimensionKey === null)) {
      throw invalid("ANCHOR_INCOMPLETE", "A cell is named by month and dimensionKey together; give both or neither.");
    }
    if (dimensionKey !== null) {
      try {
        parseCellDimensionKey(dimensionKey);
      } catch (error) {
        if (error instanceof CellKeyError) throw invalid("BAD_DIMENSION_KEY", error.message);
        throw error;
      }
    }
    const { repositories } = this.dependencies.dataAccess;
    const plan = requireAccess(
      planner,
      "RAISE_OBJECTION",
      await repositories.planSections.findPlanForEdit(input.planId),
      (found) => found.unitPath,
      { entity: "PLAN", id: input.planId },
    );
    const verdict = raiseObjection(plan.unitPath);
    if (!verdict.ok) throw refusal(verdict);
    return this.dependencies.dataAccess.inTransaction(async (tx) => {
      const proposedValue =
        input.proposedValue == null || input.proposedValue.trim() === ""
          ? null
          : await parseFigure(tx, input.metricId, input.proposedValue, "proposedValue");
      if (proposedValue === null && (await tx.objections.findMetric(input.metricId)) === null) {
        throw invalid("UNKNOWN_METRIC", `No metric ${input.metricId}.`, { id: input.metricId });
      }
      const created = await tx.objections.create({
        planId: plan.planId,
        metricId: input.metricId,
        month,
        dimensionKey,
        raisedById: planner.userId,
        reason: input.reason,
        evidence: input.evidence ?? null,
        proposedValue,
      });
      await this.audit(tx, planner, request, created, "OBJECTION_RAISED", null, {
        status: created.status,
        metricId: created.metricId,
        month,
        dimensionKey,
        proposedValue,
        detail: created.reason,
      });
      return { objection: objectionDto(planner, created), guidance: null };
    });
  }

  async answerObjection(viewer: Viewer | null, args: unknown, request: RequestInfo): Promise<ObjectionPayloadDto> {
    const answerer = requireViewer(viewer);
    const { input } = parseInput(answerObjectionSchema, args);
    await this.reach(answerer, "ANSWER_OBJECTION", input.objectionId);
    return this.dependencies.dataAccess.inTransaction(async (tx) => {
      const locked = await this.lock(tx, input.objectionId);
      const response = input.response?.trim() ?? "";
      const value = input.value == null || input.value.trim() === "" ? null : input.value;
      const verdict = answerObjection({
        status: locked.status,
        escalations: locked.escalations,
        unitPath: locked.unit.path,
        answerer: accessAssignmentsOf(answerer),
        decision: input.decision,
        hasProposedValue: locked.proposedValue !== null,
        hasAnswerValue: value !== null,
        response,
      });
      if (!verdict.ok) throw refusal(verdict);
      const at = this.now();
      let guidance: string | null = null;
      if (verdict.to === "ACCEPTED") {
        const metricId = locked.metricId!;
        guidance = value === null ? locked.proposedValue! : await parseFigure(tx, metricId, value, "value");
        const before = await tx.objections.findGuidance(locked.cycleId, locked.unit.id, metricId);
        await tx.objections.upsertGuidance(locked.cycleId, locked.unit.id, metricId, guidance);
        await tx.audit.append({
          actorId: answerer.userId,
          entity: "GuidanceTarget",
          entityId: `${locked.cycleId}:${locked.unit.id}:${metricId}`,
          action: "GUIDANCE_SET_BY_OBJECTION",
          before: { value: before },
          after: { value: guidance, objectionId: locked.id },
          planId: locked.planId,
          orgUnitId: locked.unit.id,
          requestId: request.requestId,
          sessionId: answerer.sessionId ?? null,
        });
      }
      const updated = await tx.objections.update(locked.id, {
        kind: "ANSWER",
        status: verdict.to,
        response: response === "" ? null : response,
        answeredById: answerer.userId,
        at,
      });
      await this.audit(
        tx,
        answerer,
        request,
        updated,
        verdict.to === "ACCEPTED" ? "OBJECTION_ACCEPTED" : "OBJECTION_REJECTED",
        locked,
        {
          status: updated.status,
          escalations: updated.escalations,
          guidance,
          detail: updated.response,
        },
      );
      return { objection: objectionDto(answerer, updated), guidance };
    });
  }

  async escalateObjection(viewer: Viewer | null, args: unknown, request: RequestInfo): Promise<ObjectionPayloadDto> {
    const planner = requireViewer(viewer);
    const { input } = parseInput(escalateObjectionSchema, args);
    await this.reach(planner, "RAISE_OBJECTION", input.objectionId);
    return this.dependencies.dataAccess.inTransaction(async (tx) => {
      const locked = await this.lock(tx, input.objectionId);
      const verdict = escalateObjection({ status: locked.status, escalations: locked.escalations, unitPath: locked.unit.path });
      if (!verdict.ok) throw refusal(verdict);
      const reason = input.reason?.trim() ? input.reason.trim() : null;
      const updated = await tx.objections.update(locked.id, { kind: "ESCALATE", reason, at: this.now() });
      await this.audit(tx, planner, request, updated, "OBJECTION_ESCALATED", locked, {
        status: updated.status,
        escalations: updated.escalations,
        detail: reason,
      });
      return { objection: objectionDto(planner, updated), guidance: null };
    });
  }

  async withdrawObjection(viewer: Viewer | null, args: unknown, request: RequestInfo): Promise<ObjectionPayloadDto> {
    const planner = requireViewer(viewer);
    const { input } = parseInput(withdrawObjectionSchema, args);
    await this.reach(planner, "RAISE_OBJECTION", input.objectionId);
    return this.dependencies.dataAccess.inTransaction(async (tx) => {
      const locked = await this.lock(tx, input.objectionId);
      const verdict = withdrawObjection(locked.status);
      if (!verdict.ok) throw refusal(verdict);
      const updated = await tx.objections.update(locked.id, { kind: "WITHDRAW" });
      await this.audit(tx, planner, request, updated, "OBJECTION_WITHDRAWN", locked, { status: updated.status, detail: null });
      return { objection: objectionDto(planner, updated), guidance: null };
    });
  }

  /** The objection exists and the policy allows `action` on its unit; NOT_FOUND otherwise. */
  private async reach(viewer: Viewer, action: "ANSWER_OBJECTION" | "RAISE_OBJECTION", objectionId: string): Promise<void> {
    const found = await this.dependencies.dataAccess.repositories.objections.findById(objectionId);
    requireAccess(viewer, action, found, (record) => record.unit.path, { entity: "OBJECTION", id: objectionId });
  }

  private async lock(tx: Repositories, objectionId: string): Promise<ObjectionRecord> {
    const locked = await tx.objections.lockById(objectionId);
    if (locked === null) throw objectionNotFound(objectionId);
    return locked;
  }

  private audit(
    tx: Repositories,
    viewer: Viewer,
    request: RequestInfo,
    objection: ObjectionRecord,
    action: string,
    before: ObjectionRecord | null,
    after: Record<string, string | number | null>,
  ) {
    return tx.audit.append({
      actorId: viewer.userId,
      entity: "Objection",
      entityId: objection.id,
      action,
      ...(before === null ? {} : { before: { status: before.status, escalations: before.escalations } }),
      after,
      planId: objection.planId,
      orgUnitId: objection.unit.id,
      requestId: request.requestId,
      sessionId: viewer.sessionId ?? null,
    });
  }
}
