import { GraphQLError } from "graphql";
import { describe, expect, it, vi } from "vitest";
import { RecordNotFoundError } from "@pyramid/db";
import { createErrorFormatter, DomainError, INTERNAL_ERROR_CODE } from "./errors.js";

// What Apollo Server hands formatError for an error thrown in a resolver.
function resolverError(original: Error): GraphQLError {
  return new GraphQLError(original.message, { path: ["plan"], originalError: original });
}

describe("createErrorFormatter", () => {
  it("turns a DomainError into extensions { code, reason, params }", () => {
    const error = resolverError(
      new DomainError("INVALID_TRANSITION", "Not every county plan is approved yet.", {
        reason: "CHILDREN_NOT_APPROVED",
        params: { pending: 2, total: 4 },
      }),
    );
    expect(createErrorFormatter()(error.toJSON(), error)).toEqual({
      message: "Not every county plan is approved yet.",
      path: ["plan"],
      extensions: { code: "INVALID_TRANSITION", reason: "CHILDREN_NOT_APPROVED", params: { pending: 2, total: 4 } },
    });
  });

  it("sends only the code when there is no reason", () => {
    const error = resolverError(new DomainError("CONFLICT", "Someone else saved first."));
    expect(createErrorFormatter()(error.toJSON(), error).extensions).toEqual({ code: "CONFLICT" });
  });

  it("turns the data layer's RecordNotFoundError into NOT_FOUND, with the entity as the reason", () => {
    const error = resolverError(new RecordNotFoundError("PlanCycle", "c-1"));
    expect(createErrorFormatter()(error.toJSON(), error).extensions).toEqual({
      code: "NOT_FOUND",
      reason: "PLAN_CYCLE_NOT_FOUND",
      params: { id: "c-1" },
    });
  });

  it("hides the message of codes that may carry internals", () => {
    const error = resolverError(
      new DomainError("DATABASE_UNAVAILABLE", "connect ECONNREFUSED 10.0.0.5:5432", {
        reason: "ECONNREFUSED",
        params: { host: "10.0.0.5" },
      }),
    );
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
    const formatted = {
      message: 'Cannot query field "nope" on type "Query".',
      extensions: { code: "GRAPHQL_VALIDATION_FAILED" },
    };
    expect(createErrorFormatter()(formatted, new GraphQLError(formatted.message))).toBe(formatted);
  });
});
