// Thin: the review and guidance services answer.
import type { Resolvers } from "../../schema/generated/resolvers-types.js";

export const reviewResolvers = {
  Query: {
    reviewBoard: (_parent, args, context) => context.services.review.reviewBoard(context.viewer, args),
    previewGuidanceSplit: (_parent, args, context) => context.services.guidance.previewGuidanceSplit(context.viewer, args.input),
  },
  Mutation: {
    setGuidance: (_parent, args, context) => context.services.guidance.setGuidance(context.viewer, args.input, context.request),
    publishGuidanceSplit: (_parent, args, context) =>
      context.services.guidance.publishGuidanceSplit(context.viewer, args.input, context.request),
  },
  ReviewBoard: {
    rollup: (board, args, context) => context.services.review.rollup(board, args),
  },
  ReviewRow: {
    findings: (row, _args, context) => context.services.review.findings(context.viewer, row),
  },
} satisfies Resolvers;
