// The org tree use cases. A read: look the unit up, check the viewer's scope,
// one query for the subtree. (A state change follows withLockedPlan in
// @pyramid/db: lock, re-check the domain rule, write with its audit row.)
import type { DataAccess, OrgUnitWithPlan, PlanSummaryRecord } from "@pyramid/db";
import { DomainError } from "../../errors.js";
import { viewerCoversUnit, type Viewer } from "../../viewer.js";

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
    if (!viewer) throw new DomainError("UNAUTHENTICATED", "Please sign in.", { reason: "SIGN_IN_REQUIRED" });
    const { orgUnits, planCycles } = this.dependencies.dataAccess.repositories;
    const [root, cycle] = await Promise.all([orgUnits.findById(rootId), planCycles.findById(cycleId)]);
    if (!root) throw new DomainError("NOT_FOUND", "No such org unit.", { reason: "ORG_UNIT_NOT_FOUND", params: { id: rootId } });
    if (!cycle)
      throw new DomainError("NOT_FOUND", "No such plan cycle.", { reason: "PLAN_CYCLE_NOT_FOUND", params: { id: cycleId } });
    if (!viewerCoversUnit(viewer, root.path)) {
      throw new DomainError("FORBIDDEN", "This unit is outside the units you work for.", {
        reason: "OUTSIDE_SUBTREE",
        params: { unitCode: root.code },
      });
    }
    return orgUnits.findSubtreeWithPlans(root.path, cycle.id);
  }
}
