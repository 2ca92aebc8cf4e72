// Thin: the service answers. OrgTreeUnit's parent value is the service's
// OrgSubtreeUnit (the `mappers` in codegen.ts); its fields resolve by name.
import type { Resolvers } from "../../schema/generated/resolvers-types.js";

export const orgResolvers = {
  Query: {
    orgSubtree: (_parent, { rootId, cycleId }, context) => context.services.org.orgSubtree(context.viewer, rootId, cycleId),
    orgTree: (_parent, args, context) => context.services.org.orgTree(context.viewer, args),
  },
} satisfies Resolvers;
