// The inputs of previewSplit and applySplit, parsed with zod before any work. GraphQL has
// already checked the types; these say what the types cannot: sizes, ranges, which fields
// go together. Amounts stay text here: the service reads them with the domain's one parse
// function (parseTargetValue, at the metric's scale) once it knows the metric.
import { BREAKDOWN_AXES, MAX_SPLIT_BLOCK_CELLS } from "@pyramid/domain";
import { z } from "zod";
import { DomainError } from "../../errors.js";
import { parseInput } from "../plan-edits/plan-edits.input.js";

export const SPLIT_METHOD_KINDS = [
  "EVEN",
  "LAST_YEAR",
  "TWO_YEAR_AVERAGE",
  "SEASONAL_CURVE",
  "GROWTH",
  "CURRENT_VALUES",
  "MANUAL",
] as const;
export type SplitMethodKind = (typeof SPLIT_METHOD_KINDS)[number];

export const SPLIT_FIGURE_KINDS = ["AMOUNT", "CURRENT_TOTAL", "GUIDANCE_GAP", "FIGURES"] as const;
export type SplitFigureKind = (typeof SPLIT_FIGURE_KINDS)[number];

const id = z.string().trim().min(1, "an id is required").max(100, "an id is at most 100 characters");
/** Room for "¥ 1,234,567,890,123,456.78 元" and spaces; the parse decides the rest. */
const amountText = z.string().max(64, "an amount is at most 64 characters");
const month = z.number().int().min(1, "a month is 1–12").max(12, "a month is 1–12");
const unique = <T>(values: readonly T[]) => new Set(values).size === values.length;

const methodSchema = z
  .object({
    kind: z.enum(SPLIT_METHOD_KINDS),
    curve: z.array(z.string().max(32, "a percentage is at most 32 characters")).nullish(),
    growthPercent: amountText.nullish(),
  })
  .refine((method) => (method.kind === "SEASONAL_CURVE") === (method.curve != null), {
    message: "a seasonal curve (12 percentages) goes with SEASONAL_CURVE, and only with it",
    path: ["curve"],
  })
  .refine((method) => method.curve == null || method.curve.length === 12, {
    message: "a seasonal curve has 12 months",
    path: ["curve"],
  })
  .refine((method) => method.growthPercent == null || method.kind === "GROWTH", {
    message: "a growth rate goes with GROWTH only",
    path: ["growthPercent"],
  });

const cellSettingSchema = z.object({
  month: month.nullish(),
  productSpecId: id.nullish(),
  memberId: id.nullish(),
  held: z.boolean().nullish(),
  value: amountText.nullish(),
  min: amountText.nullish(),
  max: amountText.nullish(),
  growthPercent: amountText.nullish(),
});

const blockSchema = z
  .object({
    metricId: id,
    months: z.array(month).min(1, "at least one month").max(12).nullish(),
    monthFrom: month.nullish(),
    monthTo: month.nullish(),
    productSpecIds: z.array(id).min(1, "at least one spec").max(MAX_SPLIT_BLOCK_CELLS).nullish(),
    productLineId: id.nullish(),
    breakdown: z
      .object({
        axis: z.enum(BREAKDOWN_AXES),
        memberIds: z.array(id).min(1, "at least one member").max(MAX_SPLIT_BLOCK_CELLS).nullish(),
      })
      .nullish(),
  })
  .refine((block) => block.months == null || (block.monthFrom == null && block.monthTo == null), {
    message: "give the months as a list or as a range, not both",
    path: ["months"],
  })
  .refine((block) => block.months == null || unique(block.months), { message: "a month is listed twice", path: ["months"] })
  .refine((block) => (block.monthFrom ?? 1) <= (block.monthTo ?? 12), {
    message: "monthFrom is after monthTo",
    path: ["monthFrom"],
  })
  .refine((block) => block.productSpecIds == null || block.productLineId == null, {
    message: "give specs or a product line, not both",
    path: ["productSpecIds"],
  })
  .refine((block) => block.productSpecIds == null || unique(block.productSpecIds), {
    message: "a spec is listed twice",
    path: ["productSpecIds"],
  })
  .refine((block) => block.breakdown?.memberIds == null || unique(block.breakdown.memberIds), {
    message: "a member is listed twice",
    path: ["breakdown", "memberIds"],
  });

export const splitInputSchema = z
  .object({
    planId: id,
    block: blockSchema,
    figure: z
      .object({ kind: z.enum(SPLIT_FIGURE_KINDS), amount: amountText.nullish() })
      .refine((figure) => (figure.kind === "AMOUNT") === (figure.amount != null), {
        message: "an amount goes with AMOUNT, and only with it",
        path: ["amount"],
      }),
    method: methodSchema,
    rowMethod: methodSchema.nullish(),
    keepStoredHolds: z.boolean().nullish(),
    cells: z
      .array(cellSettingSchema)
      .max(MAX_SPLIT_BLOCK_CELLS * 2, "too many cell settings")
      .nullish(),
  })
  .refine(
    (input) => input.rowMethod == null || (input.rowMethod.kind !== "SEASONAL_CURVE" && input.rowMethod.kind !== "MANUAL"),
    {
      message: "the rows are split by EVEN, LAST_YEAR, TWO_YEAR_AVERAGE, GROWTH or CURRENT_VALUES",
      path: ["rowMethod", "kind"],
    },
  );

export const applySplitInputSchema = z.object({
  split: splitInputSchema,
  previewToken: z.string().min(1, "the preview's token is required").max(200, "not a preview token"),
  expectedVersions: z
    .array(z.number().int().min(1, "a version is 1 or more").nullable())
    .max(MAX_SPLIT_BLOCK_CELLS * 2, "more versions than a block has cells"),
});

export type SplitInput = z.infer<typeof splitInputSchema>;
export type SplitMethodInput = z.infer<typeof methodSchema>;
export type SplitCellSetting = z.infer<typeof cellSettingSchema>;
export type ApplySplitInput = z.infer<typeof applySplitInputSchema>;

/** The size limits, checked before zod so that a huge request costs nothing. */
function checkSizes(input: unknown): void {
  const record = (input ?? {}) as { cells?: unknown; block?: { months?: unknown; productSpecIds?: unknown } };
  const cells = Array.isArray(record.cells) ? record.cells.length : 0;
  if (cells > MAX_SPLIT_BLOCK_CELLS * 2) {
    throw new DomainError(
      "VALIDATION_FAILED",
      `A split takes at most ${MAX_SPLIT_BLOCK_CELLS * 2} cell settings; this one has ${cells}.`,
      { reason: "BLOCK_TOO_LARGE", params: { limit: MAX_SPLIT_BLOCK_CELLS, count: cells } },
    );
  }
}

export function parseSplitInput(input: unknown): SplitInput {
  checkSizes(input);
  return parseInput(splitInputSchema, input);
}

export function parseApplySplitInput(input: unknown): ApplySplitInput {
  checkSizes((input as { split?: unknown } | null)?.split);
  return parseInput(applySplitInputSchema, input);
}

/** The block's size limit, once its rows are known. */
export function checkBlockSize(rows: number, months: number): void {
  const count = rows * months;
  if (count > MAX_SPLIT_BLOCK_CELLS) {
    throw new DomainError(
      "VALIDATION_FAILED",
      `A split covers at most ${MAX_SPLIT_BLOCK_CELLS} cells; this block has ${rows} rows × ${months} months = ${count}. Split it in parts.`,
      { reason: "BLOCK_TOO_LARGE", params: { limit: MAX_SPLIT_BLOCK_CELLS, count } },
    );
  }
}
