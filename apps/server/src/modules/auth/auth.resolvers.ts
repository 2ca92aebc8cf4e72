// Thin: the auth service answers; the request's session (cookie) and info come from the context.
import type { Resolvers } from "../../schema/generated/resolvers-types.js";

export const authResolvers = {
  Query: {
    me: (_parent, _args, context) => context.services.auth.me(context.viewer),
  },
  Mutation: {
    login: (_parent, { login, password }, context) =>
      context.services.auth.login(login, password, context.session, context.request),
    logout: async (_parent, _args, context) => ({
      signedOut: await context.services.auth.logout(context.session, context.request),
    }),
    changePassword: async (_parent, { input }, context) => ({
      me: await context.services.auth.changePassword(context.viewer, input, context.request),
    }),
    setMyLocale: async (_parent, { input }, context) => ({
      me: await context.services.auth.setMyLocale(context.viewer, input.locale, context.request),
    }),
  },
} satisfies Resolvers;
