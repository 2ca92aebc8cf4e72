// Thin: the activity service answers.
import type { Resolvers } from "../../schema/generated/resolvers-types.js";

export const activityResolvers = {
  Query: {
    myActivity: (_parent, args, context) => context.services.activity.myActivity(context.viewer, args),
  },
} satisfies Resolvers;
