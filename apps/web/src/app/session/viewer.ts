import { subtreeScope } from "@pyramid/domain";
import { createContext, useContext } from "react";
import type { ViewerFieldsFragment } from "../../graphql/generated/graphql.js";

export type Viewer = ViewerFieldsFragment;
export type ViewerUnitRef = Viewer["roleAssignments"][number]["orgUnit"];

export const ViewerContext = createContext<Viewer | null>(null);

/** The signed-in viewer; only inside RequireSession. */
export function useViewer(): Viewer {
  const viewer = useContext(ViewerContext);
  if (!viewer) throw new Error("useViewer must be used inside <RequireSession>.");
  return viewer;
}

/** One unit at the top of what the viewer may see, with the units above it (outside the scope). */
export interface ScopeRoot {
  readonly unit: ViewerUnitRef;
  /** From the top unit (HQ) down to the unit's parent. */
  readonly above: readonly ViewerUnitRef[];
}

/**
 * The tops of the subtrees the viewer may see (the access policy's VIEW_UNIT
 * scope, as the server computes it): a unit held inside another's subtree adds
 * nothing. From the top of the tree down.
 */
export function viewerScopeRoots(viewer: Viewer): ScopeRoot[] {
  const byPath = new Map<string, readonly ViewerUnitRef[]>();
  const assignments = viewer.roleAssignments.map((assignment) => {
    const units = assignment.orgUnitPath.length > 0 ? assignment.orgUnitPath : [assignment.orgUnit];
    const unitPath = `/${units.map((unit) => unit.id).join("/")}/`;
    byPath.set(unitPath, units);
    return { role: assignment.role, unitPath };
  });
  return subtreeScope(assignments, "VIEW_UNIT").flatMap((path) => {
    const units = byPath.get(path) ?? [];
    const unit = units[units.length - 1];
    return unit ? [{ unit, above: units.slice(0, -1) }] : [];
  });
}

/** HQ administrators manage users (the server decides; this only chooses what to offer). */
export function isHqAdmin(viewer: Viewer): boolean {
  return viewer.roleAssignments.some((assignment) => assignment.role === "HQ_ADMIN");
}
