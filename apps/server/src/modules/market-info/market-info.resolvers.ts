// Thin: the market-info service parses, checks access and writes.
import type { Resolvers } from "../../schema/generated/resolvers-types.js";

export const marketInfoResolvers = {
  Query: {
    marketInfoRecords: (_parent, args, context) => context.services.marketInfo.marketInfoRecords(context.viewer, args),
    marketInfoRecord: (_parent, args, context) => context.services.marketInfo.marketInfoRecord(context.viewer, args),
    marketInfoCatalogue: (_parent, args, context) => context.services.marketInfo.marketInfoCatalogue(context.viewer, args),
  },
  Mutation: {
    createMarketInfoRecord: (_parent, args, context) =>
      context.services.marketInfo.createMarketInfoRecord(context.viewer, args, context.request),
    updateMarketInfoRecord: (_parent, args, context) =>
      context.services.marketInfo.updateMarketInfoRecord(context.viewer, args, context.request),
    auditMarketInfoRecord: (_parent, args, context) =>
      context.services.marketInfo.auditMarketInfoRecord(context.viewer, args, context.request),
    attachEvidence: (_parent, args, context) => context.services.marketInfo.attachEvidence(context.viewer, args, context.request),
    detachEvidence: (_parent, args, context) => context.services.marketInfo.detachEvidence(context.viewer, args, context.request),
  },
  PlanSection: {
    evidence: (section, _args, context) =>
      context.services.marketInfo.sectionEvidence(context.viewer, section.id ?? null, context.request),
  },
} satisfies Resolvers;
