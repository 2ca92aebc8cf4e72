// The ONE map from errors to GraphQL errors. The codes are declared once, as
// the ErrorCode enum in schema/base.graphql; `pnpm codegen` makes the type
// used here and in the web app. Services throw DomainError with a code and,
// for a domain refusal, a machine-readable reason with its parameters (e.g. a
// workflow refusal code from @pyramid/domain). Apollo's formatError turns it
// into `extensions: { code, reason?, params? }`, which the web app maps to a
// zh-CN / en message. Anything else that escapes a resolver is a bug: logged,
// and masked as INTERNAL_SERVER_ERROR.
import type { GraphQLFormattedError } from "graphql";
import { unwrapResolverError } from "@apollo/server/errors";
import { RecordNotFoundError } from "@pyramid/db";
import type { ErrorCode } from "./schema/generated/resolvers-types.js";

export type { ErrorCode };

/** The codes a service may throw; INTERNAL_SERVER_ERROR is only ever the mask for a bug. */
export type DomainErrorCode = Exclude<ErrorCode, "INTERNAL_SERVER_ERROR">;

/** Values a client may show in its message ({name} placeholders): never secrets or SQL. */
export type ErrorParams = Readonly<Record<string, string | number | boolean>>;

export interface DomainErrorDetails {
  /** Machine-readable: why, more precisely than the code (e.g. "CHILDREN_NOT_APPROVED"). */
  readonly reason?: string;
  readonly params?: ErrorParams;
}

/** What every GraphQL error of ours carries in `extensions`. */
export interface ErrorExtensions {
  readonly code: ErrorCode;
  readonly reason?: string;
  readonly params?: ErrorParams;
}

export class DomainError extends Error {
  readonly reason: string | undefined;
  readonly params: ErrorParams | undefined;

  constructor(
    readonly code: DomainErrorCode,
    message: string,
    details: DomainErrorDetails = {},
  ) {
    super(message);
    this.name = "DomainError";
    this.reason = details.reason;
    this.params = details.params;
  }
}

export function isDomainError(error: unknown): error is DomainError {
  return error instanceof DomainError;
}

/** What each code becomes on the wire. `expose: false` replaces the message
 * (and drops reason and params) because it may carry internals. */
const GRAPHQL_ERROR_BY_CODE: Readonly<Record<DomainErrorCode, { readonly expose: boolean }>> = {
  UNAUTHENTICATED: { expose: true },
  FORBIDDEN: { expose: true },
  NOT_FOUND: { expose: true },
  VALIDATION_FAILED: { expose: true },
  CONFLICT: { expose: true },
  INVALID_TRANSITION: { expose: true },
  BUDGET_RULE_BROKEN: { expose: true },
  TOO_MANY_ATTEMPTS: { expose: true },
  DATABASE_UNAVAILABLE: { expose: false },
};

export const INTERNAL_ERROR_CODE = "INTERNAL_SERVER_ERROR" satisfies ErrorCode;

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

/** Errors of the data layer that mean something to the caller, as domain errors. */
function asDomainError(error: unknown): DomainError | undefined {
  if (isDomainError(error)) return error;
  if (error instanceof RecordNotFoundError) {
    return new DomainError("NOT_FOUND", `No ${error.entity} with this id.`, {
      reason: `${error.entity.replace(/([a-z])([A-Z])/g, "$1_$2").toUpperCase()}_NOT_FOUND`,
      params: { id: error.id },
    });
  }
  return undefined;
}

export interface ErrorFormatterOptions {
  /** Called with errors that are not domain errors: bugs worth a log line. */
  readonly onUnexpectedError?: (error: unknown) => void;
}

/** Apollo Server's `formatError`. */
export function createErrorFormatter(options: ErrorFormatterOptions = {}) {
  return function formatError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
    const original = unwrapResolverError(error);
    const domainError = asDomainError(original);
    if (domainError) {
      const { expose } = GRAPHQL_ERROR_BY_CODE[domainError.code];
      const extensions: ErrorExtensions = {
        code: domainError.code,
        ...(expose && domainError.reason !== undefined ? { reason: domainError.reason } : {}),
        ...(expose && domainError.params !== undefined ? { params: domainError.params } : {}),
      };
      return {
        message: expose ? domainError.message : "The service is temporarily unavailable.",
        ...(formatted.locations ? { locations: formatted.locations } : {}),
        ...(formatted.path ? { path: formatted.path } : {}),
        extensions: { ...extensions },
      };
    }
    const apolloCode = formatted.extensions?.["code"];
    if (typeof apolloCode === "string" && APOLLO_REQUEST_ERROR_CODES.has(apolloCode)) {
      return formatted;
    }
    options.onUnexpectedError?.(original);
    const extensions: ErrorExtensions = { code: INTERNAL_ERROR_CODE };
    return {
      message: "Internal server error.",
      ...(formatted.locations ? { locations: formatted.locations } : {}),
      ...(formatted.path ? { path: formatted.path } : {}),
      extensions: { ...extensions },
    };
  };
}
