// The shape every module's resolver map satisfies. Arguments arrive untyped on
// purpose: resolvers parse them with zod before calling a service.
import type { GraphQLFieldResolver, GraphQLScalarType } from "graphql";
import type { RequestContext } from "../context.js";

export type FieldResolver = GraphQLFieldResolver<unknown, RequestContext, Record<string, unknown>>;

/** Enum maps (GraphQL value → internal value) hold strings or numbers. */
export type ResolverMap = Record<string, Record<string, FieldResolver | string | number> | GraphQLScalarType>;
