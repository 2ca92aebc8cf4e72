// Thin: the cycles service answers.
import type { Resolvers } from "../../schema/generated/resolvers-types.js";

export const cyclesResolvers = {
  Query: {
    cycles: (_parent, _args, context) => context.services.cycles.cycles(context.viewer),
  },
} satisfies Resolvers;
