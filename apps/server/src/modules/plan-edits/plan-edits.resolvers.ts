// Thin: the service parses, checks access and writes. The unions resolve by the
// __typename the service puts on each result.
import type { Resolvers } from "../../schema/generated/resolvers-types.js";

export const planEditsResolvers = {
  Mutation: {
    saveTargetCells: (_parent, args, context) =>
      context.services.planEdits.saveTargetCells(context.viewer, args, context.request),
    updatePlanSection: (_parent, args, context) =>
      context.services.planEdits.updatePlanSection(context.viewer, args, context.request),
    setPlanSectionLinks: (_parent, args, context) =>
      context.services.planEdits.setPlanSectionLinks(context.viewer, args, context.request),
  },
  SaveTargetCellsResult: { __resolveType: (result) => result.__typename },
  PlanSectionResult: { __resolveType: (result) => result.__typename },
} satisfies Resolvers;
