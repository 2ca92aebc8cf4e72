// Thin: the service parses, checks access, splits and writes. The union resolves by the
// __typename the service puts on each result.
import type { Resolvers } from "../../schema/generated/resolvers-types.js";

export const planSplitResolvers = {
  Query: {
    previewSplit: (_parent, args, context) => context.services.planSplit.previewSplit(context.viewer, args),
  },
  Mutation: {
    applySplit: (_parent, args, context) => context.services.planSplit.applySplit(context.viewer, args, context.request),
  },
  ApplySplitResult: { __resolveType: (result) => result.__typename },
} satisfies Resolvers;
