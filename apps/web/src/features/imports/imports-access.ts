// Who is offered the Import page, and for which units: the roles that may import
// actuals (the domain's IMPORT_ACTUALS: planners, reviewers, HQ's admins and
// finance, over their own subtree). The server decides; this only chooses what to offer.
import { ACCESS_POLICY } from "@pyramid/domain";
import type { Viewer } from "../../app/session/viewer.js";
import type { ScopeUnit } from "./ScopePicker.js";

const IMPORTING_ROLES: ReadonlySet<string> = new Set(ACCESS_POLICY.IMPORT_ACTUALS.flatMap((rule) => rule.roles));

/** The units at which the viewer holds a role that may import, the highest first (each unit once). */
export function importRootUnits(viewer: Viewer): ScopeUnit[] {
  const held = viewer.roleAssignments
    .filter((assignment) => IMPORTING_ROLES.has(assignment.role))
    .map((assignment) => ({ unit: assignment.orgUnit, depth: assignment.orgUnitPath.length }))
    .sort((a, b) => a.depth - b.depth || a.unit.code.localeCompare(b.unit.code));
  const units: ScopeUnit[] = [];
  for (const { unit } of held) if (!units.some((known) => known.id === unit.id)) units.push(unit);
  return units;
}

/** May the viewer import actuals anywhere (the header's 导入 link)? */
export function mayImport(viewer: Viewer): boolean {
  return importRootUnits(viewer).length > 0;
}
