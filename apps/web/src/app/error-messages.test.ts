import { CombinedGraphQLErrors } from "@apollo/client";
import { describe, expect, it } from "vitest";
import { errorMessageKey, errorSentence, MESSAGE_BY_ERROR_CODE, MESSAGE_BY_ERROR_REASON } from "./error-messages.js";
import { MESSAGES } from "./i18n/messages.js";

const graphqlError = (extensions: Record<string, unknown>) =>
  new CombinedGraphQLErrors({ data: null, errors: [{ message: "refused", extensions }] });

describe("errorMessageKey", () => {
  it("maps a code the server sends, whatever its reason and params", () => {
    expect(errorMessageKey(graphqlError({ code: "FORBIDDEN", reason: "OUTSIDE_SUBTREE", params: { unitCode: "GD" } }))).toBe(
      "error.FORBIDDEN",
    );
    expect(errorMessageKey(graphqlError({ code: "INTERNAL_SERVER_ERROR" }))).toBe("error.unknown");
  });

  it("falls back to the generic message for a code outside the schema's ErrorCode", () => {
    expect(errorMessageKey(graphqlError({ code: "GRAPHQL_VALIDATION_FAILED" }))).toBe("error.unknown");
    expect(errorMessageKey(graphqlError({ code: "toString" }))).toBe("error.unknown");
    expect(errorMessageKey(graphqlError({}))).toBe("error.unknown");
  });

  it("says network for a failed fetch", () => {
    expect(errorMessageKey(new TypeError("Failed to fetch"))).toBe("error.network");
  });

  it("points every code at a message both languages have", () => {
    for (const key of Object.values(MESSAGE_BY_ERROR_CODE)) {
      expect(MESSAGES["zh-CN"][key]).not.toBe("");
      expect(MESSAGES.en[key]).not.toBe("");
    }
  });
});

describe("errorSentence", () => {
  it("gives the reason's sentence with the server's params when the reason is known", () => {
    const error = graphqlError({
      code: "VALIDATION_FAILED",
      reason: "PASSWORD_TOO_SHORT",
      params: { minLength: 8, maxLength: 256, nested: { no: 1 } },
    });
    expect(errorSentence(error)).toEqual({
      key: "error.reason.PASSWORD_TOO_SHORT",
      params: { minLength: 8, maxLength: 256 },
      reason: "PASSWORD_TOO_SHORT",
    });
  });

  it("falls back to the code's sentence for a reason it does not know, and to network for a failed fetch", () => {
    expect(errorSentence(graphqlError({ code: "NOT_FOUND", reason: "PLAN_CYCLE_NOT_FOUND" }))).toEqual({
      key: "error.NOT_FOUND",
      params: {},
      reason: null,
    });
    expect(errorSentence(graphqlError({ code: "CONFLICT", reason: "hasOwnProperty" })).key).toBe("error.CONFLICT");
    expect(errorSentence(new TypeError("Failed to fetch"))).toEqual({ key: "error.network", params: {}, reason: null });
  });

  it("points every reason at a message both languages have", () => {
    for (const key of Object.values(MESSAGE_BY_ERROR_REASON)) {
      expect(MESSAGES["zh-CN"][key]).not.toBe("");
      expect(MESSAGES.en[key]).not.toBe("");
    }
  });
});
