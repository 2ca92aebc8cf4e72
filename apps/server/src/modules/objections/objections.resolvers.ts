// Thin: the objections service parses, checks access and writes.
import type { Resolvers } from "../../schema/generated/resolvers-types.js";

export const objectionsResolvers = {
  Query: {
    planObjections: (_parent, args, context) => context.services.objections.planObjections(context.viewer, args),
  },
  Mutation: {
    raiseObjection: (_parent, args, context) => context.services.objections.raiseObjection(context.viewer, args, context.request),
    answerObjection: (_parent, args, context) =>
      context.services.objections.answerObjection(context.viewer, args, context.request),
    escalateObjection: (_parent, args, context) =>
      context.services.objections.escalateObjection(context.viewer, args, context.request),
    withdrawObjection: (_parent, args, context) =>
      context.services.objections.withdrawObjection(context.viewer, args, context.request),
  },
} satisfies Resolvers;
