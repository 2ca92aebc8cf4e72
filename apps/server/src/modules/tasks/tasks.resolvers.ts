// Thin: the tasks service answers.
import type { Resolvers } from "../../schema/generated/resolvers-types.js";

export const tasksResolvers = {
  Query: {
    myTasks: (_parent, { cycleId }, context) => context.services.tasks.myTasks(context.viewer, cycleId ?? null),
  },
} satisfies Resolvers;
