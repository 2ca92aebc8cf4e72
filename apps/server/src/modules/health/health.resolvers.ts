// Thin: the service answers; these only map it onto the Health type.
// Typed by the generated resolver types: Health's parent value is the
// service's HealthReport (the `mappers` in codegen.ts).
import type { Resolvers } from "../../schema/generated/resolvers-types.js";

export const healthResolvers = {
  Query: {
    health: (_parent, _args, context) => context.services.health.getHealth(),
  },
  // The service speaks the db package's kinds; GraphQL shows enum values.
  DatabaseKind: {
    PGLITE: "pglite",
    POSTGRES: "postgres",
  },
} satisfies Resolvers;
