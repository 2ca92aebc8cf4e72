// The workflow inputs, parsed with zod before any work: GraphQL has checked the types,
// these say what types cannot (lengths, ranges, a reason that is not blank).
import { z } from "zod";
import { DomainError } from "../../errors.js";

const id = z.string().trim().min(1, "an id is required").max(100, "an id is at most 100 characters");
const version = z.number().int().min(1, "a version is 1 or more");
/** The same bound as a section's text would be far too long for a reason: 2,000 characters. */
export const MAX_REASON_LENGTH = 2000;
const reason = z.string().max(MAX_REASON_LENGTH, `a reason is at most ${MAX_REASON_LENGTH} characters`);

export const transitionSchema = z.object({ planId: id, expectedVersion: version.nullish() });

export const transitionWithReasonSchema = transitionSchema.extend({ reason });

export const submitSchema = transitionSchema.extend({
  acknowledgements: z
    .array(z.object({ checkCode: z.string().trim().min(1).max(64), reason }))
    .max(100, "at most 100 acknowledgements")
    .nullish(),
});

export const versionsSchema = z.object({ planId: id });

export const diffSchema = z.object({
  planId: id,
  fromVersion: z.number().int().min(1),
  toVersion: z.number().int().min(1),
});

export const activitySchema = z.object({
  planId: id,
  first: z.number().int().nullish(),
  after: z.string().max(200).nullish(),
});

/** Parses or throws VALIDATION_FAILED / INVALID_INPUT naming the first problem. */
export function parseInput<T extends z.ZodType>(schema: T, input: unknown): z.infer<T> {
  const result = schema.safeParse(input);
  if (!result.success) {
    const issue = result.error.issues[0];
    const path = issue?.path.join(".") ?? "";
    throw new DomainError("VALIDATION_FAILED", `${path === "" ? "" : `${path}: `}${issue?.message ?? "invalid input"}`, {
      reason: "INVALID_INPUT",
      params: { path },
    });
  }
  return result.data;
}
