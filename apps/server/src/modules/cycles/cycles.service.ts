// The cycles a viewer can see. A PREPARING cycle is HQ's work in progress: the
// policy's MANAGE_CYCLES, asked on the top unit of each assignment's tree, says who sees it.
import type { DataAccess, PlanCycleListing } from "@pyramid/db";
import { can, isoDateOf, orgPathOf, pathSegments, type OrgLevel } from "@pyramid/domain";
import { requireViewer } from "../../access-guard.js";
import type { Viewer } from "../../viewer.js";

export type CycleStatus = PlanCycleListing["status"];

/** What PlanCycle resolves from. */
export interface PlanCycleDto {
  readonly id: string;
  readonly code: string;
  readonly year: number;
  readonly nameZh: string;
  readonly nameEn: string;
  readonly status: CycleStatus;
  readonly opensOn: string;
  readonly closesOn: string;
  readonly deadlines: readonly { readonly level: OrgLevel; readonly dueOn: string }[];
}

const VISIBLE_TO_ALL: readonly CycleStatus[] = ["OPEN", "CONSOLIDATING", "APPROVED", "CLOSED"];

/** The top unit of the tree a path lies in. */
function topPathOf(path: string): string {
  return orgPathOf(pathSegments(path).slice(0, 1));
}

/** Whether the viewer may see a cycle in `status`: a PREPARING one only with MANAGE_CYCLES on its tree's top unit. */
export function viewerSeesCycle(viewer: Viewer, status: CycleStatus): boolean {
  if (status !== "PREPARING") return true;
  return viewer.assignments.some((a) =>
    can([{ role: a.role, unitPath: a.orgUnitPath }], "MANAGE_CYCLES", topPathOf(a.orgUnitPath)),
  );
}

/** A cycle with its deadlines as PlanCycle resolves it (dates as YYYY-MM-DD). */
export function planCycleDtoOf(cycle: PlanCycleListing): PlanCycleDto {
  return {
    ...cycle,
    opensOn: isoDateOf(cycle.opensOn),
    closesOn: isoDateOf(cycle.closesOn),
    deadlines: cycle.deadlines.map(({ level, dueOn }) => ({ level, dueOn: isoDateOf(dueOn) })),
  };
}

export class CyclesService {
  constructor(private readonly dependencies: { readonly dataAccess: Pick<DataAccess, "repositories"> }) {}

  async cycles(viewer: Viewer | null): Promise<PlanCycleDto[]> {
    const signedIn = requireViewer(viewer);
    const statuses: CycleStatus[] = viewerSeesCycle(signedIn, "PREPARING")
      ? ["PREPARING", ...VISIBLE_TO_ALL]
      : [...VISIBLE_TO_ALL];
    const cycles = await this.dependencies.dataAccess.repositories.planCycles.list(statuses);
    return cycles.map(planCycleDtoOf);
  }
}
