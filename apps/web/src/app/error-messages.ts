// The one place where errors from the API become sentences for the user:
// every ErrorCode of the schema (extensions.code; generated from the SDL by
// pnpm codegen) maps to a catalogue key, so a new code without a message does
// not compile. Anything else is a network or generic message.
import { CombinedGraphQLErrors, ServerError, ServerParseError } from "@apollo/client";
import type { ErrorCode } from "../graphql/generated/enums.js";
import type { MessageKey } from "./i18n/messages.js";

export const MESSAGE_BY_ERROR_CODE: Readonly<Record<ErrorCode, MessageKey>> = {
  UNAUTHENTICATED: "error.UNAUTHENTICATED",
  FORBIDDEN: "error.FORBIDDEN",
  NOT_FOUND: "error.NOT_FOUND",
  VALIDATION_FAILED: "error.VALIDATION_FAILED",
  CONFLICT: "error.CONFLICT",
  INVALID_TRANSITION: "error.INVALID_TRANSITION",
  TOO_MANY_ATTEMPTS: "error.TOO_MANY_ATTEMPTS",
  DATABASE_UNAVAILABLE: "error.DATABASE_UNAVAILABLE",
  INTERNAL_SERVER_ERROR: "error.unknown",
};

function isErrorCode(code: unknown): code is ErrorCode {
  return typeof code === "string" && Object.hasOwn(MESSAGE_BY_ERROR_CODE, code);
}

export function errorMessageKey(error: unknown): MessageKey {
  if (CombinedGraphQLErrors.is(error)) {
    const code = error.errors[0]?.extensions?.["code"];
    return isErrorCode(code) ? MESSAGE_BY_ERROR_CODE[code] : "error.unknown";
  }
  if (ServerError.is(error) || ServerParseError.is(error) || error instanceof TypeError) return "error.network";
  return "error.unknown";
}
