// Thin: the dashboard service answers.
import type { Resolvers } from "../../schema/generated/resolvers-types.js";

export const dashboardResolvers = {
  Query: {
    dashboard: (_parent, args, context) =>
      context.services.dashboard.dashboard(context.viewer, {
        unitCode: args.unitCode,
        year: args.year,
        throughMonth: args.throughMonth,
        metricCode: args.metric,
      }),
  },
} satisfies Resolvers;
