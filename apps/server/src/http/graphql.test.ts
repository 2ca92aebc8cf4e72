// The GraphQL limits and the production switches on a tiny recursive schema
// (ours has no recursive type yet, so no query of ours can be deep).
import { makeExecutableSchema } from "@graphql-tools/schema";
import Fastify from "fastify";
import { afterEach, describe, expect, it } from "vitest";
import type { RequestContext } from "../context.js";
import { createErrorFormatter } from "../errors.js";
import { createApolloServer } from "./graphql.js";

const schema = makeExecutableSchema({
  typeDefs: "type Node { name: String!, child: Node, broken: String } type Query { root: Node! }",
  resolvers: {
    Query: { root: () => ({}) },
    Node: {
      name: () => "n",
      child: () => ({}),
      broken: () => {
        throw new Error("a bug with internals");
      },
    },
  },
});

/** A selection `levels` deep: root { child { … { name } } }. */
function nested(levels: number): string {
  const children = levels - 2;
  return `{ root { ${"child { ".repeat(children)}name${" }".repeat(children)} } }`;
}

const stops: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const stop of stops.splice(0)) await stop();
});

async function startApollo(production: boolean) {
  const fastify = Fastify();
  const apollo = createApolloServer(fastify, { schema, formatError: createErrorFormatter(), production });
  await apollo.start();
  stops.push(() => apollo.stop());
  return async (query: string) => {
    const response = await apollo.executeOperation({ query }, { contextValue: {} as RequestContext });
    if (response.body.kind !== "single") throw new Error("expected a single result");
    return response.body.singleResult;
  };
}

describe("GraphQL limits", () => {
  it("answers a query 12 levels deep and refuses one 13 deep", async () => {
    const run = await startApollo(false);
    expect((await run(nested(12))).errors).toBeUndefined();
    const refused = await run(nested(13));
    expect(refused.errors?.[0]?.message).toContain("Query depth limit of 12 exceeded, found 13");
    expect(refused.data).toBeUndefined();
  });
});

describe("production", () => {
  it("refuses introspection", async () => {
    const run = await startApollo(true);
    const result = await run("{ __schema { types { name } } }");
    expect(result.errors?.[0]?.message).toContain("introspection is not allowed");
  });

  it("sends errors without stack traces", async () => {
    const run = await startApollo(true);
    const validation = await run("{ root { nope } }");
    const bug = await run("{ root { broken } }");
    for (const error of [...(validation.errors ?? []), ...(bug.errors ?? [])]) {
      expect(error.extensions?.["stacktrace"]).toBeUndefined();
    }
    expect(validation.errors).toHaveLength(1);
    expect(bug.errors).toEqual([expect.objectContaining({ message: "Internal server error." })]);
  });

  it("shows stack traces of request errors in development", async () => {
    const run = await startApollo(false);
    const validation = await run("{ root { nope } }");
    expect(validation.errors?.[0]?.extensions?.["stacktrace"]).toEqual(expect.any(Array));
  });
});
