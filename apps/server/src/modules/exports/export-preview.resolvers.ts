// Thin: the export preview service answers.
import type { Resolvers } from "../../schema/generated/resolvers-types.js";

export const exportPreviewResolvers = {
  Query: {
    exportPreview: (_parent, args, context) => context.services.exportPreview.exportPreview(context.viewer, args.input),
  },
} satisfies Resolvers;
