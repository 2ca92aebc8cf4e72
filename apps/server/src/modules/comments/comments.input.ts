// The comment fields' inputs, parsed with zod before any work. GraphQL has checked the
// types; these say what the types cannot. The anchor's own rules (a month 1–12, a canonical
// key) are the domain's (checkCommentAnchor), asked by the service.
import { MAX_COMMENT_BODY_LENGTH } from "@pyramid/domain";
import { z } from "zod";

const id = z.string().trim().min(1, "an id is required").max(100, "an id is at most 100 characters");

export const anchorInputSchema = z.object({
  kind: z.enum(["PLAN", "SECTION", "TARGET_CELL", "EXPENSE_CELL"]),
  sectionCode: z.string().trim().max(64).nullish(),
  metricId: id.nullish(),
  itemId: id.nullish(),
  month: z.number().int().nullish(),
  dimensionKey: z.string().max(1_000, "a dimension key is at most 1,000 characters").nullish(),
});

export const addCommentSchema = z.object({
  input: z.object({
    planId: id,
    anchor: anchorInputSchema.nullish(),
    parentId: id.nullish(),
    // The domain's check (checkCommentBody) names EMPTY_BODY / BODY_TOO_LONG; this only bounds the work.
    body: z.string().max(MAX_COMMENT_BODY_LENGTH * 4, `a comment is at most ${MAX_COMMENT_BODY_LENGTH} characters`),
  }),
});

export const setCommentResolvedSchema = z.object({
  input: z.object({ commentId: id, resolved: z.boolean() }),
});

export const planCommentsSchema = z.object({
  planId: id,
  filter: z
    .object({
      anchorKind: z.enum(["PLAN", "SECTION", "TARGET_CELL", "EXPENSE_CELL"]).nullish(),
      anchor: anchorInputSchema.nullish(),
      unresolvedOnly: z.boolean().nullish(),
    })
    .nullish(),
  first: z.number().int().nullish(),
  after: z.string().max(100).nullish(),
});

export const planIdSchema = z.object({ planId: id });

export type AnchorInput = z.infer<typeof anchorInputSchema>;
