// Finance's export preview (issue 11): what a file of GET /exports/{budget,targets} will hold,
// before it is downloaded: per part of the subtree and per category (or metric), the grand
// total and the row count, all summed by the database (repository exportPreview), not by the
// export's writer, so the two can be held against each other to the fen.
//
// Asked exactly as the export: a viewer whose roles the policy's EXPORT_BUDGET never allows is
// FORBIDDEN (the edge's @access says the same); the unit must lie where EXPORT_BUDGET is
// allowed, else NOT_FOUND, as for an unknown unit or cycle. Nothing is written (no audit row:
// the export's own row is written when the file is taken).
import type { DataAccess, ExportPreviewSumRecord, ExportPreviewUnitRecord } from "@pyramid/db";
import { Fixed, type OrgLevel } from "@pyramid/domain";
import { z } from "zod";
import { notFound, requireAccess, requireViewer } from "../../access-guard.js";
import { DomainError } from "../../errors.js";
import type { Viewer } from "../../viewer.js";
import type { OrgUnitRefDto } from "../users/user-profile.js";
import { EXPORT_ROLES } from "./exports.service.js";

/** How many plans without an approved version the preview names. */
export const PREVIEW_MISSING_LIMIT = 50;

export const exportPreviewInputSchema = z.object({
  cycle: z.string().trim().min(1).max(64),
  unitCode: z.string().trim().min(1).max(64),
  kind: z.enum(["BUDGET", "TARGETS"]),
  basis: z
    .enum(["APPROVED", "LATEST"])
    .nullish()
    .transform((basis) => basis ?? "APPROVED"),
});

export interface ExportPreviewUnitDto {
  readonly unit: OrgUnitRefDto;
  readonly own: boolean;
  readonly plans: number;
  readonly exportedPlans: number;
  readonly amounts: string[];
  readonly total: string | null;
}

export interface ExportPreviewDto {
  readonly cycle: { readonly id: string; readonly code: string; readonly nameZh: string; readonly nameEn: string };
  readonly unit: OrgUnitRefDto;
  readonly kind: "BUDGET" | "TARGETS";
  readonly basis: "APPROVED" | "LATEST";
  readonly columns: { readonly id: string; readonly code: string; readonly nameZh: string; readonly nameEn: string }[];
  readonly units: ExportPreviewUnitDto[];
  readonly totals: string[];
  readonly grandTotal: string | null;
  readonly plans: number;
  readonly exportedPlans: number;
  readonly rows: number;
  readonly missingCount: number;
  readonly missing: OrgUnitRefDto[];
}

/** The database's decimal text as money text with two places ("12.5" → "12.50"). */
const fen = (text: string | undefined) => (text === undefined ? "0.00" : Fixed.parse(text, 2).toString());

const refOf = (unit: ExportPreviewUnitRecord): OrgUnitRefDto => ({
  id: unit.unitId,
  code: unit.code,
  nameZh: unit.nameZh,
  nameEn: unit.nameEn,
  level: unit.level as OrgLevel,
});

export class ExportPreviewService {
  private readonly dataAccess: DataAccess;

  constructor({ dataAccess }: { dataAccess: DataAccess }) {
    this.dataAccess = dataAccess;
  }

  async exportPreview(viewerOrNull: Viewer | null, rawInput: unknown): Promise<ExportPreviewDto> {
    const viewer = requireViewer(viewerOrNull);
    if (!viewer.assignments.some((a) => EXPORT_ROLES.includes(a.role))) {
      throw new DomainError("FORBIDDEN", "Your roles do not include exports.", { reason: "EXPORT_NOT_ALLOWED" });
    }
    const parsed = exportPreviewInputSchema.safeParse(rawInput);
    if (!parsed.success) {
      throw new DomainError("VALIDATION_FAILED", "The preview needs cycle and unit codes, a kind and a basis.", {
        reason: "INVALID_EXPORT_QUERY",
      });
    }
    const input = parsed.data;
    const repositories = this.dataAccess.repositories;
    const unit = requireAccess(
      viewer,
      "EXPORT_BUDGET",
      await repositories.orgUnits.findByCode(input.unitCode),
      (found) => found.path,
      { entity: "ORG_UNIT", id: input.unitCode },
    );
    const cycle = await repositories.exportPreview.findCycleByCode(input.cycle);
    if (cycle === null) throw notFound({ entity: "PLAN_CYCLE", id: input.cycle });
    const record = await repositories.exportPreview.preview({
      cycleId: cycle.id,
      rootPath: unit.path,
      kind: input.kind,
      basis: input.basis,
      missingLimit: PREVIEW_MISSING_LIMIT,
    });

    const sumAt = new Map<string, string>();
    const keyOf = (sum: Pick<ExportPreviewSumRecord, "groupPath" | "columnId">) =>
      `${sum.groupPath ?? "*"}|${sum.columnId ?? "*"}`;
    for (const sum of record.sums) sumAt.set(keyOf(sum), sum.amount);
    const budget = input.kind === "BUDGET";
    const units = record.groups.map((group) => ({
      unit: refOf(group),
      own: group.path === unit.path,
      plans: group.plans,
      exportedPlans: group.exported,
      amounts: record.columns.map((column) => fen(sumAt.get(keyOf({ groupPath: group.path, columnId: column.id })))),
      total: budget ? fen(sumAt.get(keyOf({ groupPath: group.path, columnId: null }))) : null,
    }));
    const plans = record.groups.reduce((n, g) => n + g.plans, 0);
    const exportedPlans = record.groups.reduce((n, g) => n + g.exported, 0);
    return {
      cycle: { id: cycle.id, code: cycle.code, nameZh: cycle.nameZh, nameEn: cycle.nameEn },
      unit: { id: unit.id, code: unit.code, nameZh: unit.nameZh, nameEn: unit.nameEn, level: unit.level as OrgLevel },
      kind: input.kind,
      basis: input.basis,
      columns: record.columns,
      units,
      totals: record.columns.map((column) => fen(sumAt.get(keyOf({ groupPath: null, columnId: column.id })))),
      grandTotal: budget ? fen(sumAt.get(keyOf({ groupPath: null, columnId: null }))) : null,
      plans,
      exportedPlans,
      rows: record.rows,
      missingCount: input.basis === "APPROVED" ? plans - exportedPlans : 0,
      missing: record.missing.map(refOf),
    };
  }
}
