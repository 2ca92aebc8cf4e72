// The one place where errors from the API become sentences for the user:
// domain codes (extensions.code) map to catalogue keys, anything else to a
// network or generic message.
import { CombinedGraphQLErrors, ServerError, ServerParseError } from "@apollo/client";
import type { MessageKey } from "./i18n/messages.js";

const MESSAGE_BY_CODE: Readonly<Record<string, MessageKey>> = {
  UNAUTHENTICATED: "error.UNAUTHENTICATED",
  FORBIDDEN: "error.FORBIDDEN",
  NOT_FOUND: "error.NOT_FOUND",
  VALIDATION_FAILED: "error.VALIDATION_FAILED",
  CONFLICT: "error.CONFLICT",
  INVALID_TRANSITION: "error.INVALID_TRANSITION",
  DATABASE_UNAVAILABLE: "error.DATABASE_UNAVAILABLE",
};

export function errorMessageKey(error: unknown): MessageKey {
  if (CombinedGraphQLErrors.is(error)) {
    const code = error.errors[0]?.extensions?.["code"];
    return (typeof code === "string" ? MESSAGE_BY_CODE[code] : undefined) ?? "error.unknown";
  }
  if (ServerError.is(error) || ServerParseError.is(error) || error instanceof TypeError) return "error.network";
  return "error.unknown";
}
