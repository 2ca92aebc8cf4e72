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
  BUDGET_RULE_BROKEN: "error.BUDGET_RULE_BROKEN",
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

/**
 * Refusals whose `extensions.reason` says more than the code, as a form shows them
 * beside the field they concern. The same keys serve the checks a form makes before
 * sending (the domain's own rules), so the user reads one sentence for one rule.
 */
export const MESSAGE_BY_ERROR_REASON = {
  LOGIN_INVALID: "error.reason.LOGIN_INVALID",
  LOGIN_TAKEN: "error.reason.LOGIN_TAKEN",
  DISPLAY_NAME_REQUIRED: "error.reason.DISPLAY_NAME_REQUIRED",
  LOCALE_INVALID: "error.reason.LOCALE_INVALID",
  ROLE_ASSIGNMENT_REQUIRED: "error.reason.ROLE_ASSIGNMENT_REQUIRED",
  ROLE_INVALID: "error.reason.ROLE_INVALID",
  ORG_UNIT_NOT_FOUND: "error.reason.ORG_UNIT_NOT_FOUND",
  USER_NOT_FOUND: "error.reason.USER_NOT_FOUND",
  CANNOT_DEACTIVATE_SELF: "error.reason.CANNOT_DEACTIVATE_SELF",
  PASSWORD_TOO_SHORT: "error.reason.PASSWORD_TOO_SHORT",
  PASSWORD_TOO_LONG: "error.reason.PASSWORD_TOO_LONG",
  PASSWORD_SAME_AS_LOGIN: "error.reason.PASSWORD_SAME_AS_LOGIN",
  CURRENT_PASSWORD_WRONG: "error.reason.CURRENT_PASSWORD_WRONG",
} as const satisfies Readonly<Record<string, MessageKey>>;

export type ErrorReason = keyof typeof MESSAGE_BY_ERROR_REASON;

export interface ErrorSentence {
  readonly key: MessageKey;
  readonly params: Readonly<Record<string, string | number>>;
  /** The reason the server gave, when this table knows it. */
  readonly reason: ErrorReason | null;
}

function isErrorReason(reason: unknown): reason is ErrorReason {
  return typeof reason === "string" && Object.hasOwn(MESSAGE_BY_ERROR_REASON, reason);
}

/** What to tell the user about a failed operation: the reason's sentence when there is one, else the code's. */
export function errorSentence(error: unknown): ErrorSentence {
  if (CombinedGraphQLErrors.is(error)) {
    const extensions = error.errors[0]?.extensions;
    const reason = extensions?.["reason"];
    const rawParams = extensions?.["params"];
    const params =
      typeof rawParams === "object" && rawParams !== null
        ? Object.fromEntries(
            Object.entries(rawParams).filter((entry): entry is [string, string | number] =>
              ["string", "number"].includes(typeof entry[1]),
            ),
          )
        : {};
    if (isErrorReason(reason)) return { key: MESSAGE_BY_ERROR_REASON[reason], params, reason };
    return { key: errorMessageKey(error), params, reason: null };
  }
  return { key: errorMessageKey(error), params: {}, reason: null };
}
