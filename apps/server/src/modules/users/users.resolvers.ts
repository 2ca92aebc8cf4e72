// Thin: parse nothing, call the users service, wrap the payload.
import type { Resolvers } from "../../schema/generated/resolvers-types.js";

export const usersResolvers = {
  Query: {
    users: (_parent, args, context) => context.services.users.users(context.viewer, args),
    assignableOrgUnits: (_parent, args, context) => context.services.users.assignableOrgUnits(context.viewer, args),
    user: (_parent, { id }, context) => context.services.users.user(context.viewer, id),
  },
  Mutation: {
    createUser: async (_parent, { input }, context) => ({
      user: await context.services.users.createUser(context.viewer, input, context.request),
    }),
    deactivateUser: async (_parent, { input }, context) => ({
      user: await context.services.users.deactivateUser(context.viewer, input.userId, context.request),
    }),
    resetPassword: async (_parent, { input }, context) => ({
      user: await context.services.users.resetPassword(context.viewer, input.userId, input.newPassword, context.request),
    }),
  },
} satisfies Resolvers;
