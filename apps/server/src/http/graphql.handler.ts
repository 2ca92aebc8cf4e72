// /graphql on plain node:http: Apollo Server 5 does the GraphQL work through
// executeHTTPGraphQLRequest; this only translates the request and response,
// so the API and the web app share one port without express.
import type { IncomingMessage, ServerResponse } from "node:http";
import { HeaderMap, type ApolloServer } from "@apollo/server";
import type { RequestContext } from "../context.js";
import { readJsonBody, RequestBodyError } from "./request-body.js";

const BODY_LIMIT_BYTES = 1024 * 1024;

export interface GraphqlHandlerOptions {
  readonly apollo: ApolloServer<RequestContext>;
  readonly createContext: (request: IncomingMessage) => Promise<RequestContext>;
}

function toHeaderMap(request: IncomingMessage): HeaderMap {
  const headers = new HeaderMap();
  for (const [name, value] of Object.entries(request.headers)) {
    if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(", ") : value);
  }
  return headers;
}

function sendJsonError(response: ServerResponse, statusCode: number, message: string): void {
  response.writeHead(statusCode, { "content-type": "application/json; charset=utf-8" });
  response.end(JSON.stringify({ errors: [{ message, extensions: { code: "BAD_REQUEST" } }] }));
}

export function createGraphqlHandler({ apollo, createContext }: GraphqlHandlerOptions) {
  return async function handleGraphql(request: IncomingMessage, response: ServerResponse, search: string): Promise<void> {
    let body: unknown;
    try {
      body = await readJsonBody(request, BODY_LIMIT_BYTES);
    } catch (error) {
      if (error instanceof RequestBodyError) return sendJsonError(response, error.statusCode, error.message);
      throw error;
    }
    const result = await apollo.executeHTTPGraphQLRequest({
      httpGraphQLRequest: { method: (request.method ?? "GET").toUpperCase(), headers: toHeaderMap(request), search, body },
      context: () => createContext(request),
    });
    for (const [name, value] of result.headers) response.setHeader(name, value);
    // Answers depend on who asks; never let a shared cache keep them.
    if (!response.hasHeader("cache-control")) response.setHeader("cache-control", "no-store");
    response.statusCode = result.status ?? 200;
    if (result.body.kind === "complete") {
      response.end(result.body.string);
      return;
    }
    for await (const chunk of result.body.asyncIterator) response.write(chunk);
    response.end();
  };
}
