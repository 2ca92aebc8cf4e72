// The objection fields' inputs, parsed with zod before any work. Lengths are the domain's.
import { MAX_OBJECTION_EVIDENCE_LENGTH, MAX_OBJECTION_TEXT_LENGTH, OBJECTION_STATUSES } from "@pyramid/domain";
import { z } from "zod";

const id = z.string().trim().min(1, "an id is required").max(100, "an id is at most 100 characters");
const text = (what: string) =>
  z.string().max(MAX_OBJECTION_TEXT_LENGTH, `${what} is at most ${MAX_OBJECTION_TEXT_LENGTH} characters`);
/** Room for "¥ 1,234,567,890,123,456.78 元" and spaces; the parse decides the rest. */
const amountText = z.string().max(64, "an amount is at most 64 characters");

export const raiseObjectionSchema = z.object({
  input: z.object({
    planId: id,
    metricId: id,
    month: z.number().int().min(1, "the month is 1–12").max(12, "the month is 1–12").nullish(),
    dimensionKey: z.string().max(1_000).nullish(),
    reason: text("a reason").refine((value) => value.trim() !== "", "a reason is required"),
    evidence: z
      .string()
      .max(MAX_OBJECTION_EVIDENCE_LENGTH, `evidence is at most ${MAX_OBJECTION_EVIDENCE_LENGTH} characters`)
      .nullish(),
    proposedValue: amountText.nullish(),
  }),
});

export const answerObjectionSchema = z.object({
  input: z.object({
    objectionId: id,
    decision: z.enum(["ACCEPT", "REJECT"]),
    response: text("an answer").nullish(),
    value: amountText.nullish(),
  }),
});

export const escalateObjectionSchema = z.object({
  input: z.object({ objectionId: id, reason: text("a reason").nullish() }),
});

export const withdrawObjectionSchema = z.object({ input: z.object({ objectionId: id }) });

export const planObjectionsSchema = z.object({
  planId: id,
  includeSubtree: z.boolean().nullish(),
  statuses: z.array(z.enum(OBJECTION_STATUSES)).max(OBJECTION_STATUSES.length).nullish(),
});
