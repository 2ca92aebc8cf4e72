// The org tree use cases. A read: look the unit up, ask the access policy,
// one query for the subtree. (A state change follows withLockedPlan in
// @pyramid/db: lock, re-check the domain rule, write with its audit row.)
import type { DataAccess, OrgUnitWithPlan, PlanSummaryRecord } from "@pyramid/db";
import { requireAccess, requireViewer } from "../../access-guard.js";
import { DomainError } from "../../errors.js";
import type { Viewer } from "../../viewer.js";

/** One unit of a subtree with its plan in the cycle: what OrgTreeUnit resolves from. */
export type OrgSubtreeUnit = OrgUnitWithPlan;
/** What PlanSummary resolves from. */
export type UnitPlanSummary = PlanSummaryRecord;

export interface OrgServiceDependencies {
  readonly dataAccess: Pick<DataAccess, "repositories">;
}

export class OrgService {
  constructor(private readonly dependencies: OrgServiceDependencies) {}

  /** The unit `rootId` and all units below it, each with its plan in `cycleId`. */
  async orgSubtree(viewer: Viewer | null, rootId: string, cycleId: string): Promise<OrgSubtreeUnit[]> {
    const signedIn = requireViewer(viewer);
    const { orgUnits, planCycles } = this.dependencies.dataAccess.repositories;
    const [unit, cycle] = await Promise.all([orgUnits.findById(rootId), planCycles.findById(cycleId)]);
    // An unknown unit and one outside the viewer's scope get the same answer.
    const root = requireAccess(signedIn, "VIEW_UNIT", unit, (found) => found.path, { entity: "ORG_UNIT", id: rootId });
    if (!cycle)
      throw new DomainError("NOT_FOUND", "No such plan cycle.", { reason: "PLAN_CYCLE_NOT_FOUND", params: { id: cycleId } });
    return orgUnits.findSubtreeWithPlans(root.path, cycle.id);
  }
}
