// The ONE map from domain error codes to GraphQL errors. Services throw
// DomainError with a code; Apollo's formatError turns it into a GraphQL error
// whose extensions.code the web app maps to a zh-CN / en message. Anything
// else that escapes a resolver is a bug: logged, and masked as INTERNAL.
import type { GraphQLFormattedError } from "graphql";
import { unwrapResolverError } from "@apollo/server/errors";

export const DOMAIN_ERROR_CODES = [
  "UNAUTHENTICATED",
  "FORBIDDEN",
  "NOT_FOUND",
  "VALIDATION_FAILED",
  "CONFLICT",
  "INVALID_TRANSITION",
  "DATABASE_UNAVAILABLE",
] as const;
export type DomainErrorCode = (typeof DOMAIN_ERROR_CODES)[number];

export class DomainError extends Error {
  constructor(
    readonly code: DomainErrorCode,
    message: string,
    /** Safe to show to the caller (field names, ids); never secrets or SQL. */
    readonly details?: Readonly<Record<string, unknown>>,
  ) {
    super(message);
    this.name = "DomainError";
  }
}

export function isDomainError(error: unknown): error is DomainError {
  return error instanceof DomainError;
}

/** What each code becomes on the wire. `expose: false` replaces the message
 * with a generic one because it may carry internals. */
const GRAPHQL_ERROR_BY_CODE: Readonly<Record<DomainErrorCode, { readonly expose: boolean }>> = {
  UNAUTHENTICATED: { expose: true },
  FORBIDDEN: { expose: true },
  NOT_FOUND: { expose: true },
  VALIDATION_FAILED: { expose: true },
  CONFLICT: { expose: true },
  INVALID_TRANSITION: { expose: true },
  DATABASE_UNAVAILABLE: { expose: false },
};

export const INTERNAL_ERROR_CODE = "INTERNAL_SERVER_ERROR";

// Codes Apollo Server itself sets (parse/validation/bad input); they describe
// the request, not our internals, so they pass through unchanged.
const APOLLO_REQUEST_ERROR_CODES = new Set([
  "GRAPHQL_PARSE_FAILED",
  "GRAPHQL_VALIDATION_FAILED",
  "BAD_USER_INPUT",
  "PERSISTED_QUERY_NOT_FOUND",
  "PERSISTED_QUERY_NOT_SUPPORTED",
  "OPERATION_RESOLUTION_FAILURE",
  "BAD_REQUEST",
]);

export interface ErrorFormatterOptions {
  /** Called with errors that are not domain errors: bugs worth a log line. */
  readonly onUnexpectedError?: (error: unknown) => void;
}

/** Apollo Server's `formatError`. */
export function createErrorFormatter(options: ErrorFormatterOptions = {}) {
  return function formatError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
    const original = unwrapResolverError(error);
    if (isDomainError(original)) {
      const { expose } = GRAPHQL_ERROR_BY_CODE[original.code];
      return {
        message: expose ? original.message : "The service is temporarily unavailable.",
        ...(formatted.locations ? { locations: formatted.locations } : {}),
        ...(formatted.path ? { path: formatted.path } : {}),
        extensions: {
          code: original.code,
          ...(expose && original.details ? { details: original.details } : {}),
        },
      };
    }
    const apolloCode = formatted.extensions?.["code"];
    if (typeof apolloCode === "string" && APOLLO_REQUEST_ERROR_CODES.has(apolloCode)) {
      return formatted;
    }
    options.onUnexpectedError?.(original);
    return {
      message: "Internal server error.",
      ...(formatted.locations ? { locations: formatted.locations } : {}),
      ...(formatted.path ? { path: formatted.path } : {}),
      extensions: { code: INTERNAL_ERROR_CODE },
    };
  };
}
