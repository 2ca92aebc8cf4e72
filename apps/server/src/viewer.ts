// Who is asking, and what they may see. Sign-in fills the viewer from the
// user's role assignments: several roles, each held at one org unit. What an
// assignment allows on another unit is the domain's access policy
// (@pyramid/domain access.ts), asked through `viewerCan`.
import { can, isAllowed, unitRelation, type AccessAction, type AccessAssignment, type Role } from "@pyramid/domain";

export interface RoleAssignment {
  readonly role: Role;
  readonly orgUnitId: string;
  /** The unit's materialised path: the policy compares it with the target unit's. */
  readonly orgUnitPath: string;
}

export interface Viewer {
  readonly userId: string;
  readonly assignments: readonly RoleAssignment[];
  /** The session the request came with (audit rows name it); absent for viewers built by hand. */
  readonly sessionId?: string;
}

/** The viewer's assignments as the access policy reads them. */
export function accessAssignmentsOf(viewer: Viewer): AccessAssignment[] {
  return viewer.assignments.map((assignment) => ({ role: assignment.role, unitPath: assignment.orgUnitPath }));
}

/** Does the access policy allow the viewer `action` on the unit at `unitPath`? */
export function viewerCan(viewer: Viewer, action: AccessAction, unitPath: string): boolean {
  return can(accessAssignmentsOf(viewer), action, unitPath);
}

/**
 * True when the viewer holds one of `roles` (any role when omitted) at the unit or above it.
 * @deprecated Ask the policy for the action instead: `viewerCan(viewer, "VIEW_UNIT", unitPath)`
 * (kept so that code written against it before the policy still compiles).
 */
export function viewerCoversUnit(viewer: Viewer, unitPath: string, roles?: readonly Role[]): boolean {
  return viewer.assignments.some(
    (assignment) =>
      (roles === undefined || roles.includes(assignment.role)) &&
      isAllowed(assignment.role, "VIEW_UNIT", unitRelation(assignment.orgUnitPath, unitPath)),
  );
}

/** True when the viewer holds one of `roles` anywhere. */
export function viewerHoldsAnyRole(viewer: Viewer, roles: readonly Role[]): boolean {
  return viewer.assignments.some((assignment) => roles.includes(assignment.role));
}
