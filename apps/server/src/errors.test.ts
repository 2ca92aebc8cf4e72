import { GraphQLError } from "graphql";
import { describe, expect, it, vi } from "vitest";
import { createErrorFormatter, DomainError, INTERNAL_ERROR_CODE } from "./errors.js";

// What Apollo Server hands formatError for an error thrown in a resolver.
function resolverError(original: Error): GraphQLError {
  return new GraphQLError(original.message, { path: ["plan"], originalError: original });
}

describe("createErrorFormatter", () => {
  it("turns a DomainError into its code in extensions.code", () => {
    const error = resolverError(new DomainError("FORBIDDEN", "Your role may not do this.", { field: "Query.plan" }));
    expect(createErrorFormatter()(error.toJSON(), error)).toEqual({
      message: "Your role may not do this.",
      path: ["plan"],
      extensions: { code: "FORBIDDEN", details: { field: "Query.plan" } },
    });
  });

  it("hides the message of codes that may carry internals", () => {
    const error = resolverError(new DomainError("DATABASE_UNAVAILABLE", "connect ECONNREFUSED 10.0.0.5:5432"));
    const formatted = createErrorFormatter()(error.toJSON(), error);
    expect(formatted.message).not.toContain("10.0.0.5");
    expect(formatted.extensions).toEqual({ code: "DATABASE_UNAVAILABLE" });
  });

  it("masks unexpected errors and reports them", () => {
    const onUnexpectedError = vi.fn();
    const bug = new TypeError("Cannot read properties of undefined (reading 'rows')");
    const error = resolverError(bug);
    const formatted = createErrorFormatter({ onUnexpectedError })(error.toJSON(), error);
    expect(formatted).toEqual({ message: "Internal server error.", path: ["plan"], extensions: { code: INTERNAL_ERROR_CODE } });
    expect(onUnexpectedError).toHaveBeenCalledWith(bug);
  });

  it("passes Apollo's request errors through unchanged", () => {
    const formatted = { message: 'Cannot query field "nope" on type "Query".', extensions: { code: "GRAPHQL_VALIDATION_FAILED" } };
    expect(createErrorFormatter()(formatted, new GraphQLError(formatted.message))).toBe(formatted);
  });
});
