// Guidance (指导目标), top-down and visible: a parent's reviewers set a direct child's figure
// (HQ its provinces'), and split the parent's own guidance — or the gap between it and what
// the parent and its children have planned, or a typed figure — to the children by any of the
// engine's methods (@pyramid/domain splitValue / reconcile: largest remainder, exact sums,
// held values, min / max). The preview writes nothing; publishing splits again and writes the
// children's GuidanceTarget rows only when the result is the one previewed (the token).
// Every write is audited in its transaction.
import { createHash } from "node:crypto";
import type { DataAccess, Repositories } from "@pyramid/db";
import {
  Fixed,
  parseTargetValue,
  reconcile,
  splitValue,
  twoYearAverage,
  type SplitCell,
  type SplitMethod,
  type SplitResult,
  type SplitWarning,
} from "@pyramid/domain";
import { z } from "zod";
import { requireViewer } from "../../access-guard.js";
import { DomainError } from "../../errors.js";
import type { RequestInfo } from "../../http/request-session.js";
import type { Viewer } from "../../viewer.js";
import { parseArgs } from "../plans/plans.inputs.js";
import { figureTotal, ReviewReads, STORED_SCALE, type ReviewUnitDto, type RollupBasis } from "./review-reads.js";
import { findReviewPlan } from "./review.service.js";

const amountText = z.string().trim().min(1).max(40);
const code = z.string().trim().min(1).max(64);

const setGuidanceInput = z.object({
  unitCode: code,
  year: z.number().int().min(1900).max(9999),
  metricId: z.string().trim().min(1).max(100),
  value: amountText,
  note: z.string().trim().max(500).nullish(),
});

const METHODS = ["EVEN", "LAST_YEAR", "TWO_YEAR_AVERAGE", "CURRENT_VALUES", "GROWTH", "MANUAL"] as const;
type GuidanceMethod = (typeof METHODS)[number];

const splitInput = z.object({
  unitCode: code,
  year: z.number().int().min(1900).max(9999),
  metricId: z.string().trim().min(1).max(100),
  figure: z.enum(["GUIDANCE", "GAP", "AMOUNT"]),
  amount: amountText.nullish(),
  basis: z.enum(["APPROVED", "LATEST"]).nullish(),
  method: z.enum(METHODS),
  growth: z.string().trim().max(20).nullish(),
  children: z
    .array(
      z.object({
        unitCode: code,
        held: amountText.nullish(),
        min: amountText.nullish(),
        max: amountText.nullish(),
        value: amountText.nullish(),
        growth: z.string().trim().max(20).nullish(),
      }),
    )
    .max(2_000)
    .nullish(),
  note: z.string().trim().max(500).nullish(),
});
type SplitInput = z.infer<typeof splitInput>;

const publishInput = z.object({ split: splitInput, previewToken: z.string().trim().min(1).max(200) });

export interface GuidanceDto {
  readonly unitId: string;
  readonly unitCode: string;
  readonly metricId: string;
  readonly value: string;
  readonly upliftNote: string | null;
}

export type ShareStatus = "FREE" | "HELD" | "MIN" | "MAX" | "MANUAL";

export interface GuidanceSplitChildDto {
  readonly unit: ReviewUnitDto;
  readonly current: string;
  readonly currentGuidance: string | null;
  readonly reference: string | null;
  readonly share: string;
  readonly proposed: string;
  readonly status: ShareStatus;
  readonly explanationZh: string;
  readonly explanationEn: string;
}

export interface GuidanceSplitPreviewDto {
  readonly unit: ReviewUnitDto;
  readonly metricId: string;
  readonly figure: SplitInput["figure"];
  readonly method: GuidanceMethod;
  readonly basis: RollupBasis;
  readonly guidance: string | null;
  readonly ownItems: string;
  readonly childrenTotal: string;
  readonly gap: string | null;
  readonly upliftFactor: string | null;
  readonly upliftPercent: string | null;
  readonly amount: string;
  readonly sharesTotal: string;
  readonly remainder: string;
  readonly children: GuidanceSplitChildDto[];
  readonly notices: { readonly code: string; readonly messageZh: string; readonly messageEn: string }[];
  readonly previewToken: string;
}

function refuse(reason: string, message: string, params: Record<string, string | number> = {}): DomainError {
  return new DomainError("VALIDATION_FAILED", message, { reason, params });
}

/** A value as typed, at the metric's scale (the one parse function), or VALIDATION_FAILED naming the field. */
function parseValue(text: string, scale: number, field: string): Fixed {
  const parsed = parseTargetValue(text, scale);
  if (!parsed.ok) throw refuse(parsed.code, `${field}: ${parsed.message}`, { field, text });
  return parsed.value.rescale(scale);
}

const METHOD_LABEL: Record<GuidanceMethod, { zh: string; en: string }> = {
  EVEN: { zh: "平均分解", en: "Even" },
  LAST_YEAR: { zh: "按上年比例", en: "By last year" },
  TWO_YEAR_AVERAGE: { zh: "按两年平均", en: "By two-year average" },
  CURRENT_VALUES: { zh: "按当前计划", en: "By current plans" },
  GROWTH: { zh: "按增长率", en: "By growth rate" },
  MANUAL: { zh: "手工", en: "Manual" },
};

function noticeOf(warning: SplitWarning): { code: string; messageZh: string; messageEn: string } {
  switch (warning.code) {
    case "ZERO_REFERENCE_FALLBACK_EVEN":
      return {
        code: warning.code,
        messageZh: "所有下级的参考值都为零：已改为平均分解。",
        messageEn: "Every child's reference is zero: the split is even instead.",
      };
    case "MANUAL_REMAINDER":
      return {
        code: warning.code,
        messageZh: `手工值合计与分解数相差 ${warning.remainder.toString()}，发布前须分完。`,
        messageEn: `The manual values leave ${warning.remainder.toString()} unassigned: split it all before publishing.`,
      };
    case "HELD_EXCEED_TOTAL":
      return {
        code: warning.code,
        messageZh: `锁定值合计 ${warning.heldTotal.toString()} 超过分解数。`,
        messageEn: `The held values total ${warning.heldTotal.toString()}, more than the figure.`,
      };
    default:
      return { code: warning.code, messageZh: warning.code, messageEn: warning.code };
  }
}

export class GuidanceService {
  constructor(private readonly dependencies: { readonly dataAccess: DataAccess }) {}

  /** A unit's guidance for one metric, set by its direct parent's reviewers (REVIEW_PLAN on the unit). */
  async setGuidance(viewer: Viewer | null, args: unknown, request: RequestInfo): Promise<{ guidance: GuidanceDto }> {
    const signedIn = requireViewer(viewer);
    const input = parseArgs(setGuidanceInput, args);
    return this.dependencies.dataAccess.inTransaction(async (repositories) => {
      const record = await findReviewPlan(repositories, signedIn, input.unitCode, input.year, "REVIEW_PLAN");
      if (record.cycle.status === "CLOSED") throw refuse("CYCLE_CLOSED", "The cycle is closed: its guidance is kept as it was.");
      const metric = (await repositories.review.dimensions()).metrics.find((candidate) => candidate.id === input.metricId);
      if (!metric) throw refuse("UNKNOWN_METRIC", "There is no such metric.", { metricId: input.metricId });
      const value = parseValue(input.value, metric.scale, "value").rescale(STORED_SCALE);
      const note = input.note ?? null;
      const before = await repositories.cycleAdmin.upsertGuidance(
        record.cycle.id,
        record.unit.id,
        metric.id,
        value.toString(),
        note,
      );
      await repositories.audit.append({
        actorId: signedIn.userId,
        entity: "GuidanceTarget",
        entityId: `${record.cycle.id}/${record.unit.id}/${metric.id}`,
        action: "GUIDANCE_SET",
        before: before === null ? {} : { value: before.value, upliftNote: before.upliftNote },
        after: { metric: metric.code, value: value.toString(), upliftNote: note },
        orgUnitId: record.unit.id,
        requestId: request.requestId,
        sessionId: signedIn.sessionId ?? null,
      });
      return {
        guidance: {
          unitId: record.unit.id,
          unitCode: record.unit.code,
          metricId: metric.id,
          value: value.toString(),
          upliftNote: note,
        },
      };
    });
  }

  async previewGuidanceSplit(viewer: Viewer | null, args: unknown): Promise<GuidanceSplitPreviewDto> {
    const signedIn = requireViewer(viewer);
    const input = parseArgs(splitInput, args);
    return this.compute(this.dependencies.dataAccess.repositories, signedIn, input);
  }

  async publishGuidanceSplit(
    viewer: Viewer | null,
    args: unknown,
    request: RequestInfo,
  ): Promise<{ guidance: GuidanceDto[]; total: string }> {
    const signedIn = requireViewer(viewer);
    const { split, previewToken } = parseArgs(publishInput, args);
    return this.dependencies.dataAccess.inTransaction(async (repositories) => {
      const preview = await this.compute(repositories, signedIn, split);
      if (preview.previewToken !== previewToken) {
        throw refuse("PREVIEW_OUTDATED", "The figures changed since the preview (or this is not its input): preview again.");
      }
      if (!Fixed.parse(preview.remainder, STORED_SCALE).isZero()) {
        throw refuse("SPLIT_NOT_EXACT", "The children's figures do not add up to the figure split: nothing was published.", {
          remainder: preview.remainder,
        });
      }
      const cycleId = (await findReviewPlan(repositories, signedIn, split.unitCode, split.year, "GUIDE_CHILDREN")).cycle.id;
      const note = split.note ?? null;
      const written: GuidanceDto[] = [];
      let total = Fixed.zero(STORED_SCALE);
      for (const child of preview.children) {
        const value = Fixed.parse(child.proposed, STORED_SCALE);
        total = total.plus(value);
        const before = await repositories.cycleAdmin.upsertGuidance(
          cycleId,
          child.unit.id,
          split.metricId,
          value.toString(),
          note,
        );
        await repositories.audit.append({
          actorId: signedIn.userId,
          entity: "GuidanceTarget",
          entityId: `${cycleId}/${child.unit.id}/${split.metricId}`,
          action: "GUIDANCE_PUBLISHED",
          before: before === null ? {} : { value: before.value, upliftNote: before.upliftNote },
          after: {
            value: value.toString(),
            upliftNote: note,
            from: preview.unit.code,
            figure: split.figure,
            method: split.method,
          },
          orgUnitId: child.unit.id,
          requestId: request.requestId,
          sessionId: signedIn.sessionId ?? null,
        });
        written.push({
          unitId: child.unit.id,
          unitCode: child.unit.code,
          metricId: split.metricId,
          value: value.toString(),
          upliftNote: note,
        });
      }
      await repositories.audit.append({
        actorId: signedIn.userId,
        entity: "OrgUnit",
        entityId: preview.unit.id,
        action: "GUIDANCE_SPLIT_PUBLISHED",
        after: {
          metricId: split.metricId,
          figure: split.figure,
          method: split.method,
          basis: preview.basis,
          amount: preview.amount,
          gap: preview.gap,
          upliftPercent: preview.upliftPercent,
          children: preview.children.map((child) => ({ unit: child.unit.code, value: child.proposed })),
        },
        orgUnitId: preview.unit.id,
        requestId: request.requestId,
        sessionId: signedIn.sessionId ?? null,
      });
      return { guidance: written, total: total.toString() };
    });
  }

  /** Reads and splits; the same input on the same data gives the same preview and token. */
  private async compute(repositories: Repositories, viewer: Viewer, input: SplitInput): Promise<GuidanceSplitPreviewDto> {
    const record = await findReviewPlan(repositories, viewer, input.unitCode, input.year, "GUIDE_CHILDREN");
    if (record.cycle.status === "CLOSED") throw refuse("CYCLE_CLOSED", "The cycle is closed: its guidance is kept as it was.");
    const basis: RollupBasis = input.basis ?? "LATEST";
    const reads = new ReviewReads(repositories, record, basis);
    const dimensions = await reads.dimensions();
    const metric = dimensions.metrics.find((candidate) => candidate.id === input.metricId);
    if (!metric) throw refuse("UNKNOWN_METRIC", "There is no such metric.", { metricId: input.metricId });
    if (metric.aggregation !== "SUM") {
      throw refuse("METRIC_NOT_ADDITIVE", "Only an additive (SUM) metric is split by adding parts.", { metric: metric.code });
    }
    const scale = metric.scale;
    const atScale = (value: Fixed) => value.rescale(scale, "HALF_EVEN");
    const children = await reads.children();
    if (children.length === 0) throw refuse("NO_CHILDREN", "This unit has no children to split to.");
    const byCode = new Map(children.map((child) => [child.code, child]));
    const settings = new Map<string, NonNullable<SplitInput["children"]>[number]>();
    for (const [index, given] of (input.children ?? []).entries()) {
      const child = byCode.get(given.unitCode);
      if (!child)
        throw refuse("NOT_A_CHILD", `${given.unitCode} is not a direct child of ${record.unit.code}.`, {
          index,
          unitCode: given.unitCode,
        });
      if (settings.has(child.id))
        throw refuse("DUPLICATE_CHILD", `${given.unitCode} is given twice.`, { index, unitCode: given.unitCode });
      settings.set(child.id, given);
    }
    const childLines = await reads.childLines();
    const ownItems = atScale(figureTotal(await reads.ownLines(), metric.id));
    const current = new Map(children.map((child) => [child.id, atScale(figureTotal(childLines.get(child.id) ?? [], metric.id))]));
    const childrenTotal = children.reduce((sum, child) => sum.plus(current.get(child.id)!), Fixed.zero(scale));
    const guidance = await reads.guidance();
    const parentGuidance = guidance.get(record.unit.id)?.get(metric.id)?.value ?? null;
    const need = parentGuidance === null ? null : atScale(parentGuidance);

    // The references each method divides by.
    let references: Map<string, Fixed | null> = new Map();
    if (input.method === "LAST_YEAR" || input.method === "GROWTH" || input.method === "TWO_YEAR_AVERAGE") {
      const history = await reads.lastYear(metric.id);
      const y1 = children.map((child) => {
        const value = history.get(child.id)?.y1?.value;
        return value === undefined ? null : atScale(value);
      });
      if (input.method === "TWO_YEAR_AVERAGE") {
        const y2 = children.map((child) => {
          const value = history.get(child.id)?.y2;
          return value == null ? null : atScale(value);
        });
        const averages = twoYearAverage(y1, y2);
        references = new Map(children.map((child, i) => [child.id, averages[i]!]));
      } else {
        references = new Map(children.map((child, i) => [child.id, y1[i] ?? Fixed.zero(scale)]));
      }
    } else if (input.method === "CURRENT_VALUES") {
      references = new Map(children.map((child) => [child.id, current.get(child.id)!]));
    }
    const method: SplitMethod =
      input.method === "EVEN"
        ? { kind: "EVEN" }
        : input.method === "MANUAL"
          ? { kind: "MANUAL" }
          : input.method === "GROWTH"
            ? { kind: "GROWTH", basis: "LAST_YEAR_ACTUAL", ...(input.growth ? { growth: input.growth } : {}) }
            : {
                kind: "PROPORTIONAL",
                basis:
                  input.method === "LAST_YEAR"
                    ? "LAST_YEAR_ACTUAL"
                    : input.method === "TWO_YEAR_AVERAGE"
                      ? "TWO_YEAR_AVERAGE"
                      : "CURRENT_VALUES",
              };
    const cells: SplitCell[] = children.map((child) => {
      const given = settings.get(child.id);
      const field = (name: "held" | "min" | "max" | "value") => {
        const typed = given?.[name];
        return typed == null ? null : parseValue(typed, scale, `${child.code}.${name}`);
      };
      return {
        key: child.id,
        reference: references.get(child.id) ?? null,
        growth: given?.growth ?? null,
        held: field("held"),
        min: field("min"),
        max: field("max"),
        value: field("value"),
      };
    });

    let amount: Fixed;
    let result: SplitResult;
    let gap: Fixed | null = null;
    let upliftFactor: string | null = null;
    let upliftPercent: string | null = null;
    if (need !== null) {
      const reconciled = reconcile({
        need,
        children: [{ id: "OWN", value: ownItems }, ...children.map((child) => ({ id: child.id, value: current.get(child.id)! }))],
      });
      gap = reconciled.gap;
      upliftFactor = reconciled.upliftFactor?.toFixed(6) ?? null;
      upliftPercent = reconciled.upliftPercent?.toFixed(6) ?? null;
    }
    switch (input.figure) {
      case "GUIDANCE":
        if (need === null)
          throw refuse("NO_GUIDANCE", "This unit has no guidance for the metric to split.", { metric: metric.code });
        amount = need;
        result = splitValue(amount, cells, method);
        break;
      case "AMOUNT":
        if (input.amount == null) throw refuse("MISSING_AMOUNT", "Type the figure to split.");
        amount = parseValue(input.amount, scale, "amount");
        result = splitValue(amount, cells, method);
        break;
      case "GAP": {
        if (need === null)
          throw refuse("NO_GUIDANCE", "This unit has no guidance: there is no gap to split.", { metric: metric.code });
        // The children carry the gap less nothing of the own items: guidance − own − Σ children.
        const reconciled = reconcile({
          need: need.minus(ownItems),
          children: children.map((child) => ({ id: child.id, value: current.get(child.id)! })),
          gapMethod: method,
          gapCells: Object.fromEntries(cells.map(({ key, ...rest }) => [key, rest])),
        });
        amount = reconciled.gap;
        result = reconciled.split;
        break;
      }
    }
    if (!result.ok) {
      const params: Record<string, string | number> = {};
      for (const [name, value] of Object.entries(result.error)) {
        if (name === "code" || value == null) continue;
        const shown = typeof value === "object" && "toString" in value ? String(value) : String(value);
        params[name] = name === "key" ? (children.find((child) => child.id === value)?.code ?? shown) : shown;
      }
      throw refuse(result.error.code, `The split cannot be made: ${result.error.code}.`, params);
    }
    const split = result;
    const isGap = input.figure === "GAP";
    const label = METHOD_LABEL[input.method];
    const childDtos: GuidanceSplitChildDto[] = children.map((child, index) => {
      const share = split.parts[index]!;
      const explanation = split.explain(index);
      const base = isGap ? current.get(child.id)! : Fixed.zero(scale);
      const proposed = base.plus(share);
      const status: ShareStatus = input.method === "MANUAL" && explanation.status === "FREE" ? "MANUAL" : explanation.status;
      const reference = references.get(child.id) ?? null;
      const prefix = isGap
        ? { zh: `当前 ${base.toString()} + 差额份额 `, en: `current ${base.toString()} + gap share ` }
        : { zh: "", en: "" };
      let how: { zh: string; en: string };
      if (status === "HELD") how = { zh: `锁定 ${share.toString()}`, en: `held at ${share.toString()}` };
      else if (status === "MIN") how = { zh: `下限 ${share.toString()}`, en: `at its minimum ${share.toString()}` };
      else if (status === "MAX") how = { zh: `上限 ${share.toString()}`, en: `at its maximum ${share.toString()}` };
      else if (status === "MANUAL") how = { zh: `手工 ${share.toString()}`, en: `manual ${share.toString()}` };
      else {
        const percent = explanation.share === null ? "" : `${explanation.share.times(100).toDecimalPlaces(4).toString()}%`;
        const adjustment = explanation.roundingAdjustment;
        const unit = Fixed.fromUnits(adjustment < 0n ? -adjustment : adjustment, scale).toString();
        const rounding =
          adjustment === 0n
            ? { zh: "", en: "" }
            : { zh: `，${adjustment > 0n ? "+" : "−"}${unit} 尾差`, en: `, ${adjustment > 0n ? "+" : "−"}${unit} remainder` };
        const refText = reference === null ? "" : ` (${reference.toString()})`;
        how = {
          zh: `${label.zh}${refText}：${amount.toString()} × ${percent} = ${share.toString()}${rounding.zh}`,
          en: `${label.en}${refText}: ${amount.toString()} × ${percent} = ${share.toString()}${rounding.en}`,
        };
      }
      return {
        unit: child,
        current: current.get(child.id)!.toString(),
        currentGuidance: guidance.get(child.id)?.get(metric.id)?.value.toString() ?? null,
        reference: reference?.toString() ?? null,
        share: share.toString(),
        proposed: proposed.rescale(STORED_SCALE).toString(),
        status,
        explanationZh: `${prefix.zh}${how.zh}`,
        explanationEn: `${prefix.en}${how.en}`,
      };
    });
    const sharesTotal = split.parts.reduce((sum, part) => sum.plus(part), Fixed.zero(scale));
    const body = {
      input: { ...input, basis, children: [...(input.children ?? [])].sort((a, b) => a.unitCode.localeCompare(b.unitCode)) },
      amount: amount.toString(),
      guidance: need?.toString() ?? null,
      current: childDtos.map((child) => [child.unit.id, child.current, child.reference, child.proposed]),
    };
    const previewToken = createHash("sha256").update(JSON.stringify(body)).digest("hex");
    return {
      unit: (await reads.units())[0]!,
      metricId: metric.id,
      figure: input.figure,
      method: input.method,
      basis,
      guidance: need?.rescale(STORED_SCALE).toString() ?? null,
      ownItems: ownItems.rescale(STORED_SCALE).toString(),
      childrenTotal: childrenTotal.rescale(STORED_SCALE).toString(),
      gap: gap?.rescale(STORED_SCALE).toString() ?? null,
      upliftFactor,
      upliftPercent,
      amount: amount.rescale(STORED_SCALE).toString(),
      sharesTotal: sharesTotal.rescale(STORED_SCALE).toString(),
      remainder: split.remainder.rescale(STORED_SCALE).toString(),
      children: childDtos,
      notices: split.warnings.map(noticeOf),
      previewToken,
    };
  }
}
