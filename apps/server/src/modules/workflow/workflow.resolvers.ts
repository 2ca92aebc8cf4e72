// Thin: the workflow service parses, checks access, locks and writes.
import type { Resolvers } from "../../schema/generated/resolvers-types.js";

export const workflowResolvers = {
  Query: {
    planVersions: (_parent, args, context) => context.services.workflow.planVersions(context.viewer, args),
    planVersionDiff: (_parent, args, context) => context.services.workflow.planVersionDiff(context.viewer, args),
    planActivity: (_parent, args, context) => context.services.workflow.planActivity(context.viewer, args),
  },
  Mutation: {
    submitPlan: (_parent, { input }, context) => context.services.workflow.submitPlan(context.viewer, input, context.request),
    withdrawPlan: (_parent, { input }, context) => context.services.workflow.withdrawPlan(context.viewer, input, context.request),
    resumePlan: (_parent, { input }, context) => context.services.workflow.resumePlan(context.viewer, input, context.request),
    returnPlan: (_parent, { input }, context) => context.services.workflow.returnPlan(context.viewer, input, context.request),
    approvePlan: (_parent, { input }, context) => context.services.workflow.approvePlan(context.viewer, input, context.request),
    reopenPlan: (_parent, { input }, context) => context.services.workflow.reopenPlan(context.viewer, input, context.request),
    waivePlanChildren: (_parent, { input }, context) =>
      context.services.workflow.waivePlanChildren(context.viewer, input, context.request),
  },
} satisfies Resolvers;
