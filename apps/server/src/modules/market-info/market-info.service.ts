// 市场信息档案: list, read, report (create), edit (the reporter, until verified), audit (稽核:
// a reviewer above, never the reporter), and evidence links from the environment-analysis
// sections of a plan. The rules are @pyramid/domain market-info.ts; the access policy's
// VIEW_MARKET_INFO / REPORT_MARKET_INFO / AUDIT_MARKET_INFO / EDIT_PLAN decide who reaches a
// record at all (NOT_FOUND otherwise, as for one that does not exist). Each change is one
// transaction: the record (or the plan and section) locked, the rule re-checked on what is
// locked, the change and its audit row.
import type { DataAccess, EvidenceRow, MarketInfoFields, MarketInfoRow, Repositories } from "@pyramid/db";
import {
  auditMarketInfo,
  checkInfoFields,
  checkInfoPeriod,
  editMarketInfo,
  isPlanEditable,
  isStrictAncestor,
  mayAuditMarketInfo,
  parentPathOf,
  parseInfoPayload,
  takesEvidence,
  type MarketInfoRefusalCode,
  type MarketInfoVerdict,
} from "@pyramid/domain";
import { notFound, requireAccess, requireViewer } from "../../access-guard.js";
import { DomainError } from "../../errors.js";
import type { RequestInfo } from "../../http/request-session.js";
import { nextCursor, pageWindow } from "../../paging.js";
import type { PlanSection } from "../../schema/generated/resolvers-types.js";
import { viewerCan, accessAssignmentsOf, type Viewer } from "../../viewer.js";
import { parseInput } from "../plan-edits/plan-edits.input.js";
import { notEditable } from "../plan-edits/plan-edits.service.js";
import {
  auditMarketInfoSchema,
  createMarketInfoSchema,
  evidenceSchema,
  marketInfoCatalogueSchema,
  marketInfoRecordSchema,
  marketInfoRecordsSchema,
  updateMarketInfoSchema,
  type MarketInfoRecordInput,
} from "./market-info.input.js";

export interface MarketInfoRecordDto extends Omit<MarketInfoRow, "unit" | "payload"> {
  readonly unit: {
    readonly id: string;
    readonly code: string;
    readonly nameZh: string;
    readonly nameEn: string;
    readonly level: MarketInfoRow["unit"]["level"];
  };
  readonly payloadJson: string;
  readonly viewerMayEdit: boolean;
  readonly viewerMayAudit: boolean;
}

/** What the plans module gives for a section: everything but its evidence, which this module resolves. */
export type PlanSectionParent = Omit<PlanSection, "evidence">;

export interface MarketInfoPageDto {
  readonly totalCount: number;
  readonly nodes: MarketInfoRecordDto[];
  readonly nextCursor: string | null;
}

export interface MarketInfoCatalogueDto {
  readonly specs: { id: string; code: string; nameZh: string; nameEn: string }[];
  readonly terminals: { id: string; code: string; name: string; classCode: string; isCore: boolean }[];
  readonly viewerMayReport: boolean;
}

export interface EvidenceDto {
  readonly record: MarketInfoRecordDto;
  readonly attachedBy: EvidenceRow["attachedBy"];
  readonly attachedAt: Date;
}

export interface EvidencePayloadDto {
  readonly evidence: EvidenceDto[];
  readonly changed: boolean;
}

/** Refusals by status or by person; the others are the input's. */
const TRANSITION_REFUSALS: ReadonlySet<MarketInfoRefusalCode> = new Set([
  "NOT_PENDING",
  "NOT_EDITABLE",
  "NOT_THE_REPORTER",
  "REPORTER_CANNOT_AUDIT",
  "NOT_AN_AUDITOR",
]);

function refusal(verdict: Extract<MarketInfoVerdict<unknown>, { ok: false }>): DomainError {
  return new DomainError(TRANSITION_REFUSALS.has(verdict.code) ? "INVALID_TRANSITION" : "VALIDATION_FAILED", verdict.message, {
    reason: verdict.code,
    ...(verdict.params ? { params: { ...verdict.params } } : {}),
  });
}

function invalid(reason: string, message: string, params: Record<string, string | number> = {}): DomainError {
  return new DomainError("VALIDATION_FAILED", message, { reason, params });
}

const recordNotFound = (id: string) => notFound({ entity: "MARKET_INFO_RECORD", id });

export function marketInfoDto(viewer: Viewer, row: MarketInfoRow): MarketInfoRecordDto {
  const { path, ...unit } = row.unit;
  const { payload, ...rest } = row;
  return {
    ...rest,
    unit,
    payloadJson: JSON.stringify(payload),
    viewerMayEdit:
      viewerCan(viewer, "REPORT_MARKET_INFO", path) &&
      editMarketInfo({ auditStatus: row.auditStatus, reporterId: row.reporter?.id ?? null, editorId: viewer.userId }).ok,
    viewerMayAudit:
      row.auditStatus === "PENDING" &&
      row.reporter?.id !== viewer.userId &&
      mayAuditMarketInfo(accessAssignmentsOf(viewer), path),
  };
}

/** The strict ancestors of a unit, top first. */
function ancestorPathsOf(path: string): string[] {
  const paths: string[] = [];
  for (let parent = parentPathOf(path); parent !== null; parent = parentPathOf(parent)) paths.unshift(parent);
  return paths;
}

export interface MarketInfoServiceDependencies {
  readonly dataAccess: Pick<DataAccess, "repositories" | "inTransaction">;
  readonly clock?: () => Date;
}

export class MarketInfoService {
  private readonly now: () => Date;
  /** Per request: the sections whose evidence is asked in one tick, loaded in one query. */
  private readonly evidenceBatches = new WeakMap<RequestInfo, EvidenceBatch>();

  constructor(private readonly dependencies: MarketInfoServiceDependencies) {
    this.now = dependencies.clock ?? (() => new Date());
  }

  async marketInfoRecords(viewer: Viewer | null, args: unknown): Promise<MarketInfoPageDto> {
    const signedIn = requireViewer(viewer);
    const { filter, first, after } = parseInput(marketInfoRecordsSchema, args);
    const window = pageWindow({ first: first ?? null, after: after ?? null }, { first: 50, max: 200 });
    const { repositories } = this.dependencies.dataAccess;
    const unit = requireAccess(
      signedIn,
      "VIEW_UNIT",
      await repositories.marketInfo.findUnitByCode(filter.unitCode),
      (found) => found.path,
      {
        entity: "ORG_UNIT",
        id: filter.unitCode,
      },
    );
    const page = await repositories.marketInfo.list({
      subtreePath: unit.path,
      alsoUnitPaths: filter.includeAncestors ? ancestorPathsOf(unit.path) : [],
      type: filter.type ?? null,
      year: filter.year ?? null,
      periodType: filter.periodType ?? null,
      periodIndex: filter.periodIndex ?? null,
      auditStatus: filter.auditStatus ?? null,
      productSpecCode: filter.specCode ?? null,
      terminalCode: filter.terminalCode ?? null,
      competitor: filter.competitor ?? null,
      text: filter.text ?? null,
      skip: window.offset,
      take: window.limit,
    });
    return {
      totalCount: page.totalCount,
      nodes: page.nodes.map((row) => marketInfoDto(signedIn, row)),
      nextCursor: nextCursor(window.offset, page.nodes.length, page.totalCount),
    };
  }

  async marketInfoRecord(viewer: Viewer | null, args: unknown): Promise<MarketInfoRecordDto> {
    const signedIn = requireViewer(viewer);
    const { id } = parseInput(marketInfoRecordSchema, args);
    const row = requireAccess(
      signedIn,
      "VIEW_MARKET_INFO",
      await this.dependencies.dataAccess.repositories.marketInfo.findById(id),
      (found) => found.unit.path,
      { entity: "MARKET_INFO_RECORD", id },
    );
    return marketInfoDto(signedIn, row);
  }

  async marketInfoCatalogue(viewer: Viewer | null, args: unknown): Promise<MarketInfoCatalogueDto> {
    const signedIn = requireViewer(viewer);
    const { unitCode } = parseInput(marketInfoCatalogueSchema, args);
    const { marketInfo } = this.dependencies.dataAccess.repositories;
    const unit = requireAccess(signedIn, "VIEW_UNIT", await marketInfo.findUnitByCode(unitCode), (found) => found.path, {
      entity: "ORG_UNIT",
      id: unitCode,
    });
    const [specs, terminals] = await Promise.all([marketInfo.activeSpecs(), marketInfo.terminalsIn(unit.path, 500)]);
    return {
      specs,
      terminals: terminals.map(({ countyPath: _county, ...terminal }) => terminal),
      viewerMayReport: viewerCan(signedIn, "REPORT_MARKET_INFO", unit.path),
    };
  }

  async createMarketInfoRecord(
    viewer: Viewer | null,
    args: unknown,
    request: RequestInfo,
  ): Promise<{ record: MarketInfoRecordDto }> {
    const reporter = requireViewer(viewer);
    const { input } = parseInput(createMarketInfoSchema, args);
    const { repositories } = this.dependencies.dataAccess;
    const unit = requireAccess(
      reporter,
      "REPORT_MARKET_INFO",
      await repositories.marketInfo.findUnitByCode(input.unitCode),
      (found) => found.path,
      { entity: "ORG_UNIT", id: input.unitCode },
    );
    return this.dependencies.dataAccess.inTransaction(async (tx) => {
      const fields = await checkRecord(tx, input.record, unit.path);
      const created = await tx.marketInfo.create({ ...fields, orgUnitId: unit.id, reporterId: reporter.userId });
      await this.audit(tx, reporter, request, created, "MARKET_INFO_CREATED", null);
      return { record: marketInfoDto(reporter, created) };
    });
  }

  async updateMarketInfoRecord(
    viewer: Viewer | null,
    args: unknown,
    request: RequestInfo,
  ): Promise<{ record: MarketInfoRecordDto }> {
    const editor = requireViewer(viewer);
    const { input } = parseInput(updateMarketInfoSchema, args);
    await this.reach(editor, "REPORT_MARKET_INFO", input.id);
    return this.dependencies.dataAccess.inTransaction(async (tx) => {
      const locked = await this.lock(tx, input.id);
      const verdict = editMarketInfo({
        auditStatus: locked.auditStatus,
        reporterId: locked.reporter?.id ?? null,
        editorId: editor.userId,
      });
      if (!verdict.ok) throw refusal(verdict);
      const fields = await checkRecord(tx, input.record, locked.unit.path);
      const updated = await tx.marketInfo.update(locked.id, fields);
      await this.audit(tx, editor, request, updated, "MARKET_INFO_UPDATED", locked);
      return { record: marketInfoDto(editor, updated) };
    });
  }

  async auditMarketInfoRecord(
    viewer: Viewer | null,
    args: unknown,
    request: RequestInfo,
  ): Promise<{ record: MarketInfoRecordDto }> {
    const auditor = requireViewer(viewer);
    const { input } = parseInput(auditMarketInfoSchema, args);
    await this.reach(auditor, "AUDIT_MARKET_INFO", input.id);
    return this.dependencies.dataAccess.inTransaction(async (tx) => {
      const locked = await this.lock(tx, input.id);
      const verdict = auditMarketInfo({
        auditStatus: locked.auditStatus,
        reporterId: locked.reporter?.id ?? null,
        unitPath: locked.unit.path,
        auditorId: auditor.userId,
        auditor: accessAssignmentsOf(auditor),
        verdict: input.verdict,
        reason: input.reason ?? null,
      });
      if (!verdict.ok) throw refusal(verdict);
      const audited = await tx.marketInfo.audit(locked.id, {
        status: verdict.value.to,
        reason: verdict.value.reason,
        auditedById: auditor.userId,
        at: this.now(),
      });
      await this.audit(tx, auditor, request, audited, "MARKET_INFO_AUDITED", locked);
      return { record: marketInfoDto(auditor, audited) };
    });
  }

  attachEvidence(viewer: Viewer | null, args: unknown, request: RequestInfo): Promise<EvidencePayloadDto> {
    return this.changeEvidence(viewer, args, request, "ATTACH");
  }

  detachEvidence(viewer: Viewer | null, args: unknown, request: RequestInfo): Promise<EvidencePayloadDto> {
    return this.changeEvidence(viewer, args, request, "DETACH");
  }

  /** PlanSection.evidence: the records the section cites that the viewer may read (batched per request). */
  async sectionEvidence(viewer: Viewer | null, sectionId: string | null, request: RequestInfo): Promise<EvidenceDto[]> {
    const signedIn = requireViewer(viewer);
    if (sectionId === null) return [];
    const rows = await this.loadEvidence(request, sectionId);
    return rows
      .filter((row) => viewerCan(signedIn, "VIEW_MARKET_INFO", row.record.unit.path))
      .map((row) => evidenceDto(signedIn, row));
  }

  /** The sections asked in one tick (a plan's document lists them together) share one query. */
  private async loadEvidence(request: RequestInfo, sectionId: string): Promise<EvidenceRow[]> {
    let batch = this.evidenceBatches.get(request);
    if (batch === undefined) {
      const sectionIds = new Set<string>();
      const rows = new Promise<EvidenceRow[]>((resolve, reject) => {
        queueMicrotask(() => {
          // Later sections of this request start a new batch.
          this.evidenceBatches.delete(request);
          this.dependencies.dataAccess.repositories.marketInfo.evidenceOf([...sectionIds]).then(resolve, reject);
        });
      });
      batch = { sectionIds, rows };
      this.evidenceBatches.set(request, batch);
    }
    batch.sectionIds.add(sectionId);
    return (await batch.rows).filter((row) => row.sectionId === sectionId);
  }

  private async changeEvidence(viewer: Viewer | null, args: unknown, request: RequestInfo, kind: "ATTACH" | "DETACH") {
    const editor = requireViewer(viewer);
    const { input } = parseInput(evidenceSchema, args);
    const { repositories } = this.dependencies.dataAccess;
    requireAccess(editor, "EDIT_PLAN", await repositories.planSections.findPlanForEdit(input.planId), (plan) => plan.unitPath, {
      entity: "PLAN",
      id: input.planId,
    });
    // Only records the editor may read: another branch's record is as absent as none.
    requireAccess(editor, "VIEW_MARKET_INFO", await repositories.marketInfo.findById(input.recordId), (row) => row.unit.path, {
      entity: "MARKET_INFO_RECORD",
      id: input.recordId,
    });
    return this.dependencies.dataAccess.inTransaction(async (tx): Promise<EvidencePayloadDto> => {
      const plan = await tx.planSections.lockPlanShared(input.planId);
      if (plan === null) throw notFound({ entity: "PLAN", id: input.planId });
      if (!isPlanEditable(plan.status)) throw notEditable(plan.status);
      const template = await tx.planSections.findTemplateSection(plan.cycleId, input.sectionCode);
      if (template === null) {
        throw invalid("UNKNOWN_SECTION", `The plan's template has no section ${input.sectionCode}.`, { code: input.sectionCode });
      }
      if (!takesEvidence(template.part)) {
        throw invalid(
          "NOT_AN_ENVIRONMENT_SECTION",
          `Only a section of the environment analysis (part A) cites evidence; ${template.code} is not one.`,
          {
            code: template.code,
          },
        );
      }
      const record = await tx.marketInfo.lockById(input.recordId);
      if (record === null) throw recordNotFound(input.recordId);
      let section = await tx.planSections.lockSection(plan.planId, template.code);
      if (section === null && kind === "ATTACH") {
        await tx.planSections.create({
          planId: plan.planId,
          templateSectionId: template.id,
          code: template.code,
          body: "",
          actorId: editor.userId,
        });
        section = await tx.planSections.lockSection(plan.planId, template.code);
      }
      if (section === null) return { evidence: [], changed: false };
      const changed =
        kind === "ATTACH"
          ? await tx.marketInfo.attach(section.id, record.id, editor.userId)
          : await tx.marketInfo.detach(section.id, record.id);
      if (changed) {
        await tx.audit.append({
          actorId: editor.userId,
          entity: "PlanSection",
          entityId: section.id,
          action: kind === "ATTACH" ? "EVIDENCE_ATTACHED" : "EVIDENCE_DETACHED",
          after: { code: template.code, recordId: record.id, recordTitle: record.title },
          planId: plan.planId,
          orgUnitId: plan.orgUnitId,
          requestId: request.requestId,
          sessionId: editor.sessionId ?? null,
        });
      }
      const rows = await tx.marketInfo.evidenceOf([section.id]);
      return {
        evidence: rows
          .filter((row) => viewerCan(editor, "VIEW_MARKET_INFO", row.record.unit.path))
          .map((row) => evidenceDto(editor, row)),
        changed,
      };
    });
  }

  /** The record exists and the policy allows `action` on its unit; NOT_FOUND otherwise. */
  private async reach(viewer: Viewer, action: "REPORT_MARKET_INFO" | "AUDIT_MARKET_INFO", recordId: string): Promise<void> {
    const found = await this.dependencies.dataAccess.repositories.marketInfo.findById(recordId);
    requireAccess(viewer, action, found, (row) => row.unit.path, { entity: "MARKET_INFO_RECORD", id: recordId });
  }

  private async lock(tx: Repositories, recordId: string): Promise<MarketInfoRow> {
    const locked = await tx.marketInfo.lockById(recordId);
    if (locked === null) throw recordNotFound(recordId);
    return locked;
  }

  private audit(
    tx: Repositories,
    viewer: Viewer,
    request: RequestInfo,
    row: MarketInfoRow,
    action: string,
    before: MarketInfoRow | null,
  ) {
    const snapshot = (r: MarketInfoRow) => ({
      type: r.type,
      periodType: r.periodType,
      year: r.year,
      periodIndex: r.periodIndex,
      holidayName: r.holidayName,
      title: r.title,
      auditStatus: r.auditStatus,
      auditReason: r.auditReason,
      competitorName: r.competitorName,
      productSpecId: r.productSpec?.id ?? null,
      terminalId: r.terminal?.id ?? null,
      payload: JSON.stringify(r.payload),
    });
    return tx.audit.append({
      actorId: viewer.userId,
      entity: "MarketInfoRecord",
      entityId: row.id,
      action,
      ...(before === null ? {} : { before: snapshot(before) }),
      after: snapshot(row),
      orgUnitId: row.unit.id,
      requestId: request.requestId,
      sessionId: viewer.sessionId ?? null,
    });
  }
}

interface EvidenceBatch {
  readonly sectionIds: Set<string>;
  readonly rows: Promise<EvidenceRow[]>;
}

function evidenceDto(viewer: Viewer, row: EvidenceRow): EvidenceDto {
  return { record: marketInfoDto(viewer, row.record), attachedBy: row.attachedBy, attachedAt: row.attachedAt };
}

/** The record's fields checked: period, structured fields (spec, terminal in the unit's subtree), payload. */
async function checkRecord(tx: Repositories, input: MarketInfoRecordInput, unitPath: string): Promise<MarketInfoFields> {
  const period = checkInfoPeriod(input.type, {
    periodType: input.periodType,
    year: input.year,
    periodIndex: input.periodIndex ?? null,
    holidayName: input.holidayName ?? null,
  });
  if (!period.ok) throw refusal(period);
  const fields = checkInfoFields(input.type, {
    productSpecId: input.productSpecId ?? null,
    terminalId: input.terminalId ?? null,
    competitorName: input.competitorName ?? null,
  });
  if (!fields.ok) throw refusal(fields);
  let json: unknown;
  try {
    json = JSON.parse(input.payloadJson);
  } catch {
    throw invalid("BAD_PAYLOAD", "payloadJson is not JSON.", { field: "payload", reason: "NOT_JSON" });
  }
  const payload = parseInfoPayload(input.type, json);
  if (!payload.ok) throw refusal(payload);
  const { productSpecId, terminalId, competitorName } = fields.value;
  if (productSpecId !== null && (await tx.marketInfo.findSpec(productSpecId)) === null) {
    throw invalid("UNKNOWN_PRODUCT_SPEC", `No product spec ${productSpecId}.`, { id: productSpecId });
  }
  if (terminalId !== null) {
    const terminal = await tx.marketInfo.findTerminal(terminalId);
    if (terminal === null) throw invalid("UNKNOWN_TERMINAL", `No terminal ${terminalId}.`, { id: terminalId });
    if (terminal.countyPath !== unitPath && !isStrictAncestor(unitPath, terminal.countyPath)) {
      throw invalid("TERMINAL_OUTSIDE_UNIT", `Terminal ${terminal.code} is not in the record's unit.`, { code: terminal.code });
    }
  }
  return {
    type: input.type,
    periodType: period.value.periodType,
    year: period.value.year,
    periodIndex: period.value.periodIndex,
    holidayName: period.value.holidayName,
    source: input.source,
    title: input.title.trim(),
    payload: payload.value,
    productSpecId,
    terminalId,
    competitorName,
  };
}
