// The one pattern for a service that changes a plan (workflow transitions,
// cell saves): open a transaction, lock the plan, re-check the domain rule on
// what is now locked, write the change and its audit row, commit.
//
//   return withLockedPlan(dataAccess, planId, async (plan, repositories) => {
//     const result = transition({ status: plan.status, … });      // re-check: the rule of @pyramid/domain
//     if (!result.ok) throw new DomainError("INVALID_TRANSITION", …);  // throwing rolls everything back
//     const updated = await repositories.plans.update(plan.id, { status: result.to });
//     return { result: updated, audit: { actorId, action: "SUBMIT", before: { status: plan.status }, after: { status: updated.status } } };
//   });
import type { AuditEntry } from "./audit.repository.js";
import type { Repositories } from "./create-repositories.js";
import type { DataAccess, TransactionOptions } from "./data-access.js";
import { RecordNotFoundError } from "./errors.js";
import type { PlanRecord } from "./plans.repository.js";

/** The audit row of a plan change; entity and entityId are the plan's. */
export type PlanChangeAudit = Omit<AuditEntry, "entity" | "entityId">;

export interface LockedPlanChange<T> {
  /** What the service returns to its caller. */
  readonly result: T;
  /** Written in the same transaction: a plan change without its audit row cannot commit. */
  readonly audit: PlanChangeAudit;
}

/**
 * Runs `work` on the plan as it is once locked (SELECT … FOR UPDATE). Concurrent writers on
 * one plan run one after the other, each seeing what the previous one committed. Throws
 * RecordNotFoundError when there is no such plan; whatever `work` throws rolls back.
 */
export function withLockedPlan<T>(
  dataAccess: Pick<DataAccess, "inTransaction">,
  planId: string,
  work: (plan: PlanRecord, repositories: Repositories) => Promise<LockedPlanChange<T>>,
  options?: TransactionOptions,
): Promise<T> {
  return dataAccess.inTransaction(async (repositories) => {
    const plan = await repositories.plans.lockPlan(planId);
    if (!plan) throw new RecordNotFoundError("Plan", planId);
    const { result, audit } = await work(plan, repositories);
    await repositories.audit.append({ ...audit, entity: "Plan", entityId: plan.id, planId: plan.id, orgUnitId: plan.orgUnitId });
    return result;
  }, options);
}
