// The GraphQL schema, services and error map in one process, for integration tests that ask
// what a browser would ask, as a given viewer, without HTTP (sign-in and cookies are tested
// over HTTP elsewhere: permission-matrix.int.test.ts, modules/auth).
import { ApolloServer } from "@apollo/server";
import type { DataAccess } from "@pyramid/db";
import type { RequestContext } from "../context.js";
import { createErrorFormatter } from "../errors.js";
import { NO_SESSION } from "../http/request-session.js";
import { createSchema } from "../schema/create-schema.js";
import { createServices, type ServiceDependencies, type Services } from "../services.js";
import type { Viewer } from "../viewer.js";

export interface GraphQLAnswer<T = Record<string, unknown>> {
  readonly data: T | null;
  readonly errors: readonly { message: string; extensions?: Record<string, unknown> }[] | undefined;
}

export interface GraphQLHarness {
  readonly services: Services;
  /** One operation as `viewer` (null: signed out); each call is its own request (a new request id unless given). */
  run<T = Record<string, unknown>>(
    viewer: Viewer | null,
    query: string,
    variables?: Record<string, unknown>,
    requestId?: string,
  ): Promise<GraphQLAnswer<T>>;
  /** As `run`, and throws with the errors when there are any. */
  ok<T = Record<string, unknown>>(viewer: Viewer | null, query: string, variables?: Record<string, unknown>): Promise<T>;
  stop(): Promise<void>;
}

export async function startGraphQLHarness(
  dataAccess: DataAccess,
  options: Partial<Omit<ServiceDependencies, "dataAccess">> & { requestPrefix?: string } = {},
): Promise<GraphQLHarness> {
  const { requestPrefix = "test", ...serviceOptions } = options;
  const apollo = new ApolloServer<RequestContext>({ schema: createSchema(), formatError: createErrorFormatter() });
  await apollo.start();
  const services = createServices({ version: "test", log: { error: () => undefined }, ...serviceOptions, dataAccess });
  let requestCounter = 0;

  async function run<T>(
    viewer: Viewer | null,
    query: string,
    variables: Record<string, unknown> = {},
    requestId = `${requestPrefix}-${++requestCounter}`,
  ): Promise<GraphQLAnswer<T>> {
    const response = await apollo.executeOperation(
      { query, variables },
      {
        contextValue: {
          viewer,
          services,
          session: NO_SESSION,
          request: { requestId, clientAddress: "127.0.0.1", userAgent: null },
        },
      },
    );
    if (response.body.kind !== "single") throw new Error("expected a single result");
    const { data, errors } = response.body.singleResult;
    return { data: (data ?? null) as T | null, errors: errors as GraphQLAnswer["errors"] };
  }

  return {
    services,
    run,
    async ok<T>(viewer: Viewer | null, query: string, variables?: Record<string, unknown>): Promise<T> {
      const answer = await run<T>(viewer, query, variables);
      if (answer.errors !== undefined) throw new Error(`the operation failed: ${JSON.stringify(answer.errors)}`);
      return answer.data as T;
    },
    stop: () => apollo.stop(),
  };
}
