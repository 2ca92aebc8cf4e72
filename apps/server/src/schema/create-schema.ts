// The executable schema: every module's SDL and resolvers, merged, with the
// @access rules wrapped around the root fields.
import type { GraphQLSchema } from "graphql";
import { makeExecutableSchema } from "@graphql-tools/schema";
import { activityResolvers } from "../modules/activity/activity.resolvers.js";
import { commentsResolvers } from "../modules/comments/comments.resolvers.js";
import { objectionsResolvers } from "../modules/objections/objections.resolvers.js";
import { authResolvers } from "../modules/auth/auth.resolvers.js";
import { cyclesResolvers } from "../modules/cycles/cycles.resolvers.js";
import { importsResolvers } from "../modules/imports/imports.resolvers.js";
import { healthResolvers } from "../modules/health/health.resolvers.js";
import { orgResolvers } from "../modules/org/org.resolvers.js";
import { plansResolvers } from "../modules/plans/plans.resolvers.js";
import { planEditsResolvers } from "../modules/plan-edits/plan-edits.resolvers.js";
import { expensesResolvers } from "../modules/expenses/expenses.resolvers.js";
import { planSplitResolvers } from "../modules/plan-split/plan-split.resolvers.js";
import { reviewResolvers } from "../modules/review/review.resolvers.js";
import { dashboardResolvers } from "../modules/dashboard/dashboard.resolvers.js";
import { tasksResolvers } from "../modules/tasks/tasks.resolvers.js";
import { usersResolvers } from "../modules/users/users.resolvers.js";
import { workflowResolvers } from "../modules/workflow/workflow.resolvers.js";
import { applyAccessRules } from "./access-directive.js";
import { dateTimeScalar } from "./date-time.scalar.js";
import { loadTypeDefs } from "./load-type-defs.js";
import type { Resolvers } from "./generated/resolvers-types.js";

/** One entry per module; a new module adds its resolver map here. Each is
 * typed by the generated `Resolvers` (pnpm codegen, from the SDL files). */
export const moduleResolvers: readonly Resolvers[] = [
  healthResolvers,
  orgResolvers,
  authResolvers,
  usersResolvers,
  cyclesResolvers,
  tasksResolvers,
  plansResolvers,
  planEditsResolvers,
  planSplitResolvers,
  workflowResolvers,
  commentsResolvers,
  objectionsResolvers,
  activityResolvers,
  expensesResolvers,
  reviewResolvers,
  importsResolvers,
  dashboardResolvers,
];

const sharedResolvers: Resolvers = { DateTime: dateTimeScalar };

export function createSchema(): GraphQLSchema {
  const schema = makeExecutableSchema({
    typeDefs: loadTypeDefs().map((file) => file.source),
    resolvers: [sharedResolvers, ...moduleResolvers],
    // A resolver for a field the SDL does not have is a typo: fail at start-up.
    resolverValidationOptions: { requireResolversToMatchSchema: "error" },
  });
  return applyAccessRules(schema);
}
