// Who is asking, and what they may see. Sign-in fills the viewer from the
// user's role assignments: several roles, each held at one org unit and valid
// for that unit's whole subtree (a city manager writes the city's plan and
// reviews its counties' from the same assignment set).
import { isInSubtree, type Role } from "@pyramid/domain";

export interface RoleAssignment {
  readonly role: Role;
  readonly orgUnitId: string;
  /** The unit's materialised path: the assignment covers every unit whose path starts with it. */
  readonly orgUnitPath: string;
}

export interface Viewer {
  readonly userId: string;
  readonly assignments: readonly RoleAssignment[];
}

/** True when the viewer holds one of `roles` (any role when omitted) at the unit or above it. */
export function viewerCoversUnit(viewer: Viewer, unitPath: string, roles?: readonly Role[]): boolean {
  return viewer.assignments.some(
    (assignment) => (roles === undefined || roles.includes(assignment.role)) && isInSubtree(unitPath, assignment.orgUnitPath),
  );
}

/** True when the viewer holds one of `roles` anywhere. */
export function viewerHoldsAnyRole(viewer: Viewer, roles: readonly Role[]): boolean {
  return viewer.assignments.some((assignment) => roles.includes(assignment.role));
}
