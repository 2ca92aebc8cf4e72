// How services ask the access policy, and the one answer they give when it says
// no: NOT_FOUND, exactly as for a record that does not exist, so a refusal never
// tells the caller that a unit, user or plan is there. FORBIDDEN is left for the
// role check at the schema edge (@access), which reveals nothing about records.
import type { AccessAction } from "@pyramid/domain";
import { DomainError } from "./errors.js";
import { viewerCan, type Viewer } from "./viewer.js";

/** The signed-in viewer, or UNAUTHENTICATED. */
export function requireViewer(viewer: Viewer | null): Viewer {
  if (!viewer) throw new DomainError("UNAUTHENTICATED", "Please sign in.", { reason: "SIGN_IN_REQUIRED" });
  return viewer;
}

/** What the caller asked for, named as it asked (never with data it could not see). */
export interface AskedFor {
  /** e.g. "ORG_UNIT", "USER": the reason becomes ORG_UNIT_NOT_FOUND. */
  readonly entity: string;
  readonly id: string;
}

/** The same error for "does not exist" and "outside your scope". */
export function notFound({ entity, id }: AskedFor): DomainError {
  const label = entity.toLowerCase().replace(/_/g, " ");
  return new DomainError("NOT_FOUND", `No ${label} with this id among the units you work for.`, {
    reason: `${entity}_NOT_FOUND`,
    params: { id },
  });
}

/**
 * Returns `record` when it exists and the policy allows `action` on its unit;
 * otherwise throws the one NOT_FOUND. `unitPathOf` says which unit the record belongs to.
 */
export function requireAccess<T>(
  viewer: Viewer,
  action: AccessAction,
  record: T | null | undefined,
  unitPathOf: (record: T) => string,
  asked: AskedFor,
): T {
  if (record === null || record === undefined || !viewerCan(viewer, action, unitPathOf(record))) throw notFound(asked);
  return record;
}
