// The inputs of the plan-edit mutations, parsed with zod before any work. GraphQL has
// already checked the types; these say what the types cannot: sizes, ranges, lengths.
// Amounts stay text here: the repository reads them with the domain's one parse function
// (parseTargetValue) at their metric's scale.
import { MAX_CELL_CHANGES_PER_SAVE, MAX_SECTION_BODY_LENGTH, MAX_SECTION_LINKS } from "@pyramid/domain";
import { z } from "zod";
import { DomainError } from "../../errors.js";

const id = z.string().trim().min(1, "an id is required").max(100, "an id is at most 100 characters");
const optionalId = id.nullish();
/** Room for "¥ 1,234,567,890,123,456.78 元" and spaces; the parse decides the rest. */
const amountText = z.string().max(64, "an amount is at most 64 characters");
const version = z.number().int().min(1, "a version is 1 or more");

export const targetCellChangeSchema = z.object({
  metricId: id,
  month: z.number().int().min(1, "the month is 1–12").max(12, "the month is 1–12"),
  productSpecId: optionalId,
  channelId: optionalId,
  terminalId: optionalId,
  distributorId: optionalId,
  townshipId: optionalId,
  baseValue: amountText.nullable(),
  // undefined (absent) keeps the cell's own; null clears it.
  stretchValue: amountText.nullish(),
  isHeld: z.boolean().nullish(),
  expectedVersion: version.nullish(),
});

export const saveTargetCellsSchema = z.object({
  planId: id,
  changes: z.array(targetCellChangeSchema),
});

/** A section code of the template: ENV_COMPETITION, METHOD_TARGET_SPLIT… */
const sectionCode = z
  .string()
  .trim()
  .min(1, "a section code is required")
  .max(64, "a section code is at most 64 characters")
  .regex(/^[A-Z][A-Z0-9_]*$/, "a section code is capital letters, digits and _");

export const updatePlanSectionSchema = z.object({
  planId: id,
  code: sectionCode,
  body: z.string().max(MAX_SECTION_BODY_LENGTH, `a section's text is at most ${MAX_SECTION_BODY_LENGTH} characters`),
  expectedVersion: version.nullish(),
});

export const setPlanSectionLinksSchema = z.object({
  planId: id,
  code: sectionCode,
  links: z
    .array(z.object({ metricId: id, productSpecId: optionalId }))
    .max(MAX_SECTION_LINKS, `a section links to at most ${MAX_SECTION_LINKS} targets`),
  expectedVersion: version.nullish(),
});

export type SaveTargetCellsInput = z.infer<typeof saveTargetCellsSchema>;
export type UpdatePlanSectionInput = z.infer<typeof updatePlanSectionSchema>;
export type SetPlanSectionLinksInput = z.infer<typeof setPlanSectionLinksSchema>;

/** Parses `input` or throws VALIDATION_FAILED naming the first problem and where it is. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const path = issue?.path.map(String).join(".") ?? "";
  const index = issue?.path[0] === "changes" || issue?.path[0] === "links" ? issue.path[1] : undefined;
  throw new DomainError("VALIDATION_FAILED", `${path === "" ? "" : `${path}: `}${issue?.message ?? "invalid input"}.`, {
    reason: "INVALID_INPUT",
    params: { path, ...(typeof index === "number" ? { index } : {}) },
  });
}

/** The batch limit, checked before anything else so that a huge batch costs nothing. */
export function checkBatchSize(changes: readonly unknown[]): void {
  if (changes.length > MAX_CELL_CHANGES_PER_SAVE) {
    throw new DomainError(
      "VALIDATION_FAILED",
      `One save takes at most ${MAX_CELL_CHANGES_PER_SAVE} changes; this one has ${changes.length}. Save in smaller batches.`,
      { reason: "BATCH_TOO_LARGE", params: { limit: MAX_CELL_CHANGES_PER_SAVE, count: changes.length } },
    );
  }
}
