// Thin: the plans service answers. Plan's parent value is the service's PlanDto (the
// `mappers` in codegen.ts); its cell, grid and findings fields are resolved only when asked.
import type { Resolvers } from "../../schema/generated/resolvers-types.js";

export const plansResolvers = {
  Query: {
    plan: (_parent, args, context) => context.services.plans.plan(context.viewer, args),
  },
  Mutation: {
    setPlanEstimateMethod: async (_parent, { input }, context) => ({
      plan: await context.services.plans.setEstimateMethod(context.viewer, input, context.request),
    }),
  },
  Plan: {
    documentParts: (plan, _args, context) => context.services.plans.documentParts(plan),
    catalogue: (plan, _args, context) => context.services.plans.catalogue(plan),
    targetCells: (plan, args, context) => context.services.plans.targetCells(plan, args),
    targetGrid: async (plan, { metricId, ...args }, context) => {
      const [grid] = await context.services.plans.targetGrids(plan, { ...args, metricIds: [metricId] });
      if (!grid) throw new Error("no grid for a known metric");
      return grid;
    },
    targetGrids: (plan, args, context) => context.services.plans.targetGrids(plan, args),
    findings: (plan, _args, context) => context.services.plans.findings(plan),
  },
} satisfies Resolvers;
