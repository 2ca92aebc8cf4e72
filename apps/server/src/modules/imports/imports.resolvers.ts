// Thin: the imports service answers (the upload itself is HTTP: http/imports.ts).
import type { Resolvers } from "../../schema/generated/resolvers-types.js";

export const importsResolvers = {
  Query: {
    importBatches: (_parent, args, context) => context.services.imports.batches(context.viewer, args),
    importBatch: (_parent, args, context) => context.services.imports.batch(context.viewer, args.id),
  },
  Mutation: {
    revertImport: (_parent, args, context) =>
      context.services.imports.revert(context.viewer, args.batchId, args.reason, { requestId: context.request.requestId }),
  },
  ImportBatch: {
    scope: (batch) => ({ ...batch.scope, name: batch.scope.nameZh }),
    errors: (batch, args) => (Array.isArray(batch.errors) ? batch.errors : []).slice(0, Math.max(0, args.first ?? 200)) as never,
  },
} satisfies Resolvers;
