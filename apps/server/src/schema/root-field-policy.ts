// Every root field and the access-policy question its service asks: the table the
// permission matrix test is generated from. A root field missing here fails that
// test and root-field-policy.test.ts, as does an @access declaration that says
// something else than the policy (the edge roles must be exactly the roles the
// policy allows the action for, somewhere).
import type { AccessAction } from "@pyramid/domain";

export type RootFieldPolicy =
  /** Anyone, signed in or not (@access(public: true)). */
  | { readonly kind: "PUBLIC" }
  /** The signed-in user's own account, whatever their roles and units. */
  | { readonly kind: "OWN_ACCOUNT" }
  /** Answers every signed-in role; what it lists is filtered by the policy (never refused). */
  | { readonly kind: "FILTERED_LIST" }
  /** The service asks the policy for `action` on the unit the field is about. */
  | { readonly kind: "UNIT"; readonly action: AccessAction }
  /** The service asks the policy for `action` on the top unit of the viewer's tree (HQ's cycle administration). */
  | { readonly kind: "TOP_UNIT"; readonly action: AccessAction };

const PUBLIC: RootFieldPolicy = { kind: "PUBLIC" };
const OWN_ACCOUNT: RootFieldPolicy = { kind: "OWN_ACCOUNT" };
const FILTERED_LIST: RootFieldPolicy = { kind: "FILTERED_LIST" };
const unit = (action: AccessAction): RootFieldPolicy => ({ kind: "UNIT", action });
const topUnit = (action: AccessAction): RootFieldPolicy => ({ kind: "TOP_UNIT", action });

export const ROOT_FIELD_POLICY: Readonly<Record<string, RootFieldPolicy>> = {
  "Query.health": PUBLIC,
  "Query.me": PUBLIC,
  "Mutation.login": PUBLIC,
  "Mutation.logout": PUBLIC,
  "Mutation.changePassword": OWN_ACCOUNT,
  "Mutation.setMyLocale": OWN_ACCOUNT,
  "Query.cycles": FILTERED_LIST,
  "Query.myTasks": FILTERED_LIST,
  "Query.orgSubtree": unit("VIEW_UNIT"),
  "Query.orgTree": unit("VIEW_UNIT"),
  "Query.user": unit("VIEW_USERS"),
  "Query.users": unit("VIEW_USERS"),
  "Query.assignableOrgUnits": FILTERED_LIST,
  "Mutation.createUser": unit("MANAGE_USERS"),
  "Mutation.deactivateUser": unit("MANAGE_USERS"),
  "Mutation.resetPassword": unit("MANAGE_USERS"),
  "Query.plan": unit("VIEW_UNIT"),
  "Mutation.setPlanEstimateMethod": unit("EDIT_PLAN"),
  "Mutation.saveTargetCells": unit("EDIT_PLAN"),
  "Mutation.updatePlanSection": unit("EDIT_PLAN"),
  "Mutation.setPlanSectionLinks": unit("EDIT_PLAN"),
  "Mutation.saveExpenseCells": unit("EDIT_PLAN"),
  "Mutation.transferExpense": unit("EDIT_PLAN"),
  "Query.previewSplit": unit("EDIT_PLAN"),
  "Mutation.applySplit": unit("EDIT_PLAN"),
  "Query.planVersions": unit("VIEW_UNIT"),
  "Query.planVersionDiff": unit("VIEW_UNIT"),
  "Query.planActivity": unit("VIEW_UNIT"),
  "Mutation.submitPlan": unit("EDIT_PLAN"),
  "Mutation.withdrawPlan": unit("EDIT_PLAN"),
  "Mutation.resumePlan": unit("EDIT_PLAN"),
  // The direct parent's reviewers (the workflow adds the top unit's own HQ admin, and HQ's reopen of any plan below).
  "Mutation.returnPlan": unit("REVIEW_PLAN"),
  "Mutation.approvePlan": unit("REVIEW_PLAN"),
  "Mutation.reopenPlan": unit("REVIEW_PLAN"),
  // HQ_ADMIN in the subtree by the policy; the workflow's grantChildrenWaiver also requires the assignment at HQ.
  "Mutation.waivePlanChildren": unit("WAIVE_CHILDREN"),
  "Query.planComments": unit("VIEW_UNIT"),
  "Query.planCommentMarkers": unit("VIEW_UNIT"),
  "Mutation.addComment": unit("VIEW_UNIT"),
  "Mutation.setCommentResolved": unit("VIEW_UNIT"),
  "Query.planObjections": unit("VIEW_UNIT"),
  "Mutation.raiseObjection": unit("RAISE_OBJECTION"),
  "Mutation.answerObjection": unit("ANSWER_OBJECTION"),
  "Mutation.escalateObjection": unit("RAISE_OBJECTION"),
  "Mutation.withdrawObjection": unit("RAISE_OBJECTION"),
  "Query.myActivity": FILTERED_LIST,
  "Mutation.openCycle": topUnit("MANAGE_CYCLES"),
  "Mutation.updateCycle": topUnit("MANAGE_CYCLES"),
  "Mutation.addTemplateSection": topUnit("MANAGE_CYCLES"),
  "Mutation.updateTemplateSection": topUnit("MANAGE_CYCLES"),
  "Mutation.removeTemplateSection": topUnit("MANAGE_CYCLES"),
  "Mutation.reorderTemplateSections": topUnit("MANAGE_CYCLES"),
  "Mutation.setCycleStatus": topUnit("MANAGE_CYCLES"),
  "Query.reviewBoard": unit("VIEW_UNIT"),
  "Query.dashboard": unit("VIEW_UNIT"),
  "Mutation.setGuidance": unit("REVIEW_PLAN"),
  "Query.previewGuidanceSplit": unit("GUIDE_CHILDREN"),
  "Mutation.publishGuidanceSplit": unit("GUIDE_CHILDREN"),
  // The actuals import: batches are read where the unit is visible (by scope code or by the batch's
  // scope), reverted with IMPORT_ACTUALS on the batch's scope. The upload itself is HTTP (POST /imports).
  "Query.importBatches": unit("VIEW_UNIT"),
  "Query.importBatch": unit("VIEW_UNIT"),
  "Mutation.revertImport": unit("IMPORT_ACTUALS"),
};
