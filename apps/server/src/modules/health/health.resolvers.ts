// Thin: the service answers; these only map it onto the Health type.
import type { ResolverMap } from "../../schema/resolver-map.js";

export const healthResolvers = {
  Query: {
    health: (_parent, _args, context) => context.services.health.getHealth(),
  },
  // The service speaks the db package's kinds; GraphQL shows enum values.
  DatabaseKind: {
    PGLITE: "pglite",
    POSTGRES: "postgres",
  },
} satisfies ResolverMap;
