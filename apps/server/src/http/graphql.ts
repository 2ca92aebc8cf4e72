// /graphql on Fastify through @as-integrations/fastify. Apollo Server keeps its
// CSRF prevention (on by default: a GET, or a POST whose content type a form
// could send, needs `apollo-require-preflight` or `x-apollo-operation-name`;
// the web client's JSON POSTs pass because application/json is not such a type).
// GraphQL Armor bounds each operation's depth, cost, aliases, directives and
// tokens; batched requests stay refused (Apollo's default); the body has a limit.
import { ApolloServer, type ApolloServerPlugin } from "@apollo/server";
import { ApolloServerPluginLandingPageDisabled } from "@apollo/server/plugin/disabled";
import { fastifyApolloDrainPlugin, fastifyApolloHandler, type ApolloFastifyContextFunction } from "@as-integrations/fastify";
import { ApolloArmor } from "@escape.tech/graphql-armor";
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { GraphQLSchema } from "graphql";
import type { RequestContext } from "../context.js";
import type { createErrorFormatter } from "../errors.js";

export const GRAPHQL_PATH = "/graphql";

/** The largest GraphQL request body; uploads (imports) get their own route and limit. */
export const GRAPHQL_BODY_LIMIT_BYTES = 1024 * 1024;

/** GraphQL Armor's limits (introspection is not counted; production has none). */
export const GRAPHQL_LIMITS = {
  maxDepth: 12,
  maxCost: 5000,
  maxAliases: 15,
  maxDirectives: 50,
  maxTokens: 2000,
} as const;

export interface GraphqlOptions {
  readonly schema: GraphQLSchema;
  readonly formatError: ReturnType<typeof createErrorFormatter>;
  /** Production: no introspection and no stack traces in error responses. */
  readonly production: boolean;
}

export function createApolloServer(fastify: FastifyInstance, { schema, formatError, production }: GraphqlOptions) {
  const armor = new ApolloArmor({
    maxDepth: { n: GRAPHQL_LIMITS.maxDepth },
    costLimit: { maxCost: GRAPHQL_LIMITS.maxCost },
    maxAliases: { n: GRAPHQL_LIMITS.maxAliases },
    maxDirectives: { n: GRAPHQL_LIMITS.maxDirectives },
    maxTokens: { n: GRAPHQL_LIMITS.maxTokens },
  }).protect();
  const plugins: ApolloServerPlugin<RequestContext>[] = [
    ...(armor.plugins as ApolloServerPlugin<RequestContext>[]),
    fastifyApolloDrainPlugin(fastify),
    // The default landing page loads Apollo Sandbox from a CDN, which offline and
    // firewalled networks cannot reach; the web app is what lives at "/".
    ApolloServerPluginLandingPageDisabled(),
  ];
  return new ApolloServer<RequestContext>({
    schema,
    formatError,
    plugins,
    validationRules: armor.validationRules,
    allowBatchedHttpRequests: false,
    csrfPrevention: true,
    // main.ts owns SIGINT/SIGTERM (close HTTP, then the database). Apollo's own handlers (on outside
    // NODE_ENV=test) would stop it first and re-raise the signal, and the process then ended
    // without closing PGlite.
    stopOnTerminationSignals: false,
    introspection: !production,
    includeStacktraceInErrorResponses: !production,
  });
}

/** A request the body parser refused, as a GraphQL-shaped error (clients read `errors[].extensions.code`). */
function bodyErrorMessage(error: FastifyError): string {
  switch (error.code) {
    case "FST_ERR_CTP_BODY_TOO_LARGE":
      return `Request body larger than ${GRAPHQL_BODY_LIMIT_BYTES} bytes.`;
    case "FST_ERR_CTP_INVALID_MEDIA_TYPE":
      return "Unsupported content type: send application/json.";
    case "FST_ERR_CTP_EMPTY_JSON_BODY":
      return "The request body is empty.";
    default:
      // Never echo the parser's message: Node's JSON errors quote the body, which may hold a password.
      return "The request body is not valid JSON.";
  }
}

export function registerGraphqlRoute(
  fastify: FastifyInstance,
  apollo: ApolloServer<RequestContext>,
  context: ApolloFastifyContextFunction<RequestContext>,
): void {
  const handler = fastifyApolloHandler<RequestContext>(apollo, { context });
  async function graphqlHandler(request: FastifyRequest, reply: FastifyReply) {
    // Answers depend on who asks; never let a shared cache keep them.
    void reply.header("cache-control", "no-store");
    return handler.call(fastify, request as never, reply as never);
  }
  function onError(error: FastifyError, _request: FastifyRequest, reply: FastifyReply) {
    const statusCode = error.statusCode ?? 500;
    if (statusCode >= 500) throw error; // the app's error handler logs it and answers 500
    return reply
      .code(statusCode)
      .header("cache-control", "no-store")
      .send({ errors: [{ message: bodyErrorMessage(error), extensions: { code: "BAD_REQUEST" } }] });
  }
  for (const path of [GRAPHQL_PATH, `${GRAPHQL_PATH}/`]) {
    fastify.route({
      method: ["GET", "POST"],
      url: path,
      bodyLimit: GRAPHQL_BODY_LIMIT_BYTES,
      handler: graphqlHandler,
      errorHandler: onError,
    });
  }
}
