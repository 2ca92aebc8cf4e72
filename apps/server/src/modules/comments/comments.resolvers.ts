// Thin: the comments service parses, checks access and writes.
import type { Resolvers } from "../../schema/generated/resolvers-types.js";

export const commentsResolvers = {
  Query: {
    planComments: (_parent, args, context) => context.services.comments.planComments(context.viewer, args),
    planCommentMarkers: (_parent, args, context) => context.services.comments.planCommentMarkers(context.viewer, args),
  },
  Mutation: {
    addComment: (_parent, args, context) => context.services.comments.addComment(context.viewer, args, context.request),
    setCommentResolved: (_parent, args, context) =>
      context.services.comments.setCommentResolved(context.viewer, args, context.request),
  },
} satisfies Resolvers;
