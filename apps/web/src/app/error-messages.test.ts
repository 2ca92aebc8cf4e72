import { CombinedGraphQLErrors } from "@apollo/client";
import { describe, expect, it } from "vitest";
import { errorMessageKey, MESSAGE_BY_ERROR_CODE } from "./error-messages.js";
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
