// Finance's exports (issue 11): the checks before a byte is sent, the rows, and the audit row.
//
// Who: the session's viewer (none: UNAUTHENTICATED → 401). A viewer holding no role that the
// policy's EXPORT_BUDGET allows anywhere (a VIEWER only) is FORBIDDEN → 403, the role check at
// the edge, which says nothing about any unit. The unit must then be inside the subtree where
// EXPORT_BUDGET is allowed, else NOT_FOUND → 404, the same answer as an unknown code.
//
// The audit row (action EXPORT_BUDGET, entity OrgUnit) is written at the end, when the row
// count is known: who, cycle, unit, basis, locale, format, rows, plans, the missing plans'
// count, and `completed` — false when the client went away or the stream broke midway.
import type { Writable } from "node:stream";
import type { DataAccess } from "@pyramid/db";
import { ACCESS_POLICY } from "@pyramid/domain";
import { notFound, requireAccess, requireViewer } from "../../access-guard.js";
import { DomainError } from "../../errors.js";
import type { Viewer } from "../../viewer.js";
import { budgetHeaders, budgetRows, type ExportProgress } from "./budget-export.js";
import { writeCsv, writeXlsx } from "./export-writers.js";
import { exportQuerySchema, type ExportFormat } from "./exports.inputs.js";
import { targetHeaders, targetRows } from "./targets-export.js";

/** What is exported: the budget breakdown or the target figures. */
export type ExportKind = "budget" | "targets";

export interface PreparedExport {
  readonly fileName: string;
  readonly contentType: string;
  /** Streams the file into `out` and writes the audit row; resolves when both are done. */
  run(out: Writable): Promise<ExportProgress>;
}

export interface ExportRequest {
  readonly requestId?: string;
}

const CONTENT_TYPES: Record<ExportFormat, string> = {
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  csv: "text/csv; charset=utf-8",
};

export const EXPORT_ROLES = ACCESS_POLICY.EXPORT_BUDGET.flatMap((rule) => rule.roles);

export class ExportsService {
  private readonly dataAccess: DataAccess;
  private readonly clock: () => Date;

  constructor({ dataAccess, clock = () => new Date() }: { dataAccess: DataAccess; clock?: () => Date }) {
    this.dataAccess = dataAccess;
    this.clock = clock;
  }

  /** The budget breakdown: unit × category × item × month. */
  prepareBudgetExport(viewer: Viewer | null, rawQuery: unknown, format: ExportFormat, request: ExportRequest = {}) {
    return this.prepareExport("budget", viewer, rawQuery, format, request);
  }

  /** Checks the viewer, the query, the unit and the cycle; throws DomainError before anything is written. */
  async prepareExport(
    kind: ExportKind,
    viewerOrNull: Viewer | null,
    rawQuery: unknown,
    format: ExportFormat,
    request: ExportRequest = {},
  ): Promise<PreparedExport> {
    const viewer = requireViewer(viewerOrNull);
    if (!viewer.assignments.some((a) => EXPORT_ROLES.includes(a.role))) {
      throw new DomainError("FORBIDDEN", "Your roles do not include exports.", { reason: "EXPORT_NOT_ALLOWED" });
    }
    const parsed = exportQuerySchema.safeParse(rawQuery);
    if (!parsed.success) {
      throw new DomainError("VALIDATION_FAILED", "The export needs cycle and unit codes, a basis and a locale.", {
        reason: "INVALID_EXPORT_QUERY",
      });
    }
    const query = parsed.data;
    const repositories = this.dataAccess.repositories;
    const unit = requireAccess(
      viewer,
      "EXPORT_BUDGET",
      await repositories.orgUnits.findByCode(query.unit),
      (found) => found.path,
      { entity: "ORG_UNIT", id: query.unit },
    );
    const cycle = await repositories.exports.findCycleByCode(query.cycle);
    if (cycle === null) throw notFound({ entity: "PLAN_CYCLE", id: query.cycle });
    const [tree, reference, user] = await Promise.all([
      kind === "budget" ? repositories.expenses.tree() : null,
      kind === "targets" ? repositories.exports.targetReference() : null,
      repositories.users.findById(viewer.userId),
    ]);
    const startedAt = this.clock();
    const en = query.locale === "en";
    const stamp = startedAt.toISOString().slice(0, 10);
    const fileName = `${kind}-${cycle.code}-${unit.code}-${query.basis.toLowerCase()}-${stamp}.${format}`;

    const run = async (out: Writable): Promise<ExportProgress> => {
      const progress: ExportProgress = { rows: 0, plans: 0, missing: [] };
      const common = { repositories, cycleId: cycle.id, rootPath: unit.path, basis: query.basis, locale: query.locale, progress };
      const table =
        kind === "budget"
          ? {
              sheetName: en ? "Budget" : "费用预算",
              headers: budgetHeaders(query.locale),
              rows: budgetRows({ ...common, tree: tree! }),
            }
          : {
              sheetName: en ? "Targets" : "销售目标",
              headers: targetHeaders(query.locale),
              rows: targetRows({ ...common, reference: reference! }),
            };
      let completed = false;
      try {
        if (format === "csv") await writeCsv(out, table);
        else {
          const description = () => {
            const who = user ? `${user.displayName} (${user.login})` : viewer.userId;
            const basis =
              query.basis === "APPROVED"
                ? en
                  ? "APPROVED: each plan's latest approved version"
                  : "已批准：各计划最新的批准版本"
                : en
                  ? "LATEST: the plans' current figures"
                  : "最新：各计划当前数据";
            const missing = progress.missing.map((m) => `${m.unitCode} ${m.unitName}`).join("; ");
            return en
              ? ([
                  [
                    "Export",
                    kind === "budget"
                      ? "Budget breakdown: unit × category × item × month (元)"
                      : "Target figures (base): unit × metric × spec × month; breakdowns are not added",
                  ],
                  ["Exported by", who],
                  ["Exported at (UTC)", startedAt.toISOString()],
                  ["Cycle", `${cycle.code} ${cycle.nameEn}`],
                  ["Scope", `${unit.code} ${unit.nameEn} and every unit below it`],
                  ["Basis", basis],
                  ["Plans exported", String(progress.plans)],
                  ["Rows (with totals)", String(progress.rows)],
                  ["Plans without an approved version", missing === "" ? "none" : missing],
                ] as const)
              : ([
                  [
                    "导出内容",
                    kind === "budget"
                      ? "费用预算明细：单位 × 费用类别 × 费用项目 × 月份（元）"
                      : "销售目标（基本任务）：单位 × 指标 × 品规 × 月份；细分不重复计入",
                  ],
                  ["导出人", who],
                  ["导出时间 (UTC)", startedAt.toISOString()],
                  ["计划周期", `${cycle.code} ${cycle.nameZh}`],
                  ["范围", `${unit.code} ${unit.nameZh} 及其下属单位`],
                  ["数据口径", basis],
                  ["导出计划数", String(progress.plans)],
                  ["行数（含合计）", String(progress.rows)],
                  ["无批准版本的计划", missing === "" ? "无" : missing],
                ] as const);
          };
          await writeXlsx(out, table, description, en ? "About this export" : "导出说明");
        }
        completed = true;
        return progress;
      } finally {
        await this.dataAccess.inTransaction((tx) =>
          tx.audit.append({
            actorId: viewer.userId,
            entity: "OrgUnit",
            entityId: unit.id,
            action: kind === "budget" ? "EXPORT_BUDGET" : "EXPORT_TARGETS",
            orgUnitId: unit.id,
            requestId: request.requestId ?? null,
            sessionId: viewer.sessionId ?? null,
            after: {
              format,
              cycle: cycle.code,
              unit: unit.code,
              basis: query.basis,
              locale: query.locale,
              rows: progress.rows,
              plans: progress.plans,
              missingPlans: progress.missing.length,
              completed,
            },
          }),
        );
      }
    };
    return { fileName, contentType: CONTENT_TYPES[format], run };
  }
}
