// Thin: the cycles services answer.
import type { Resolvers } from "../../schema/generated/resolvers-types.js";

export const cyclesResolvers = {
  Query: {
    cycles: (_parent, _args, context) => context.services.cycles.cycles(context.viewer),
  },
  Mutation: {
    openCycle: (_parent, args, context) => context.services.cycleAdmin.openCycle(context.viewer, args.input, context.request),
    updateCycle: (_parent, args, context) => context.services.cycleAdmin.updateCycle(context.viewer, args.input, context.request),
    addTemplateSection: (_parent, args, context) =>
      context.services.cycleAdmin.addTemplateSection(context.viewer, args.input, context.request),
    updateTemplateSection: (_parent, args, context) =>
      context.services.cycleAdmin.updateTemplateSection(context.viewer, args.input, context.request),
    removeTemplateSection: (_parent, args, context) =>
      context.services.cycleAdmin.removeTemplateSection(context.viewer, args.input, context.request),
    reorderTemplateSections: (_parent, args, context) =>
      context.services.cycleAdmin.reorderTemplateSections(context.viewer, args.input, context.request),
    setCycleStatus: (_parent, args, context) =>
      context.services.cycleAdmin.setCycleStatus(context.viewer, args.input, context.request),
  },
  PlanCycle: {
    settings: (cycle, _args, context) => context.services.cycleAdmin.settings(cycle),
    templateSections: (cycle, _args, context) => context.services.cycleAdmin.templateSections(cycle),
    progress: (cycle, _args, context) => context.services.cycleAdmin.progress(cycle),
  },
} satisfies Resolvers;
