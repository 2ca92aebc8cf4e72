// Thin: the expenses service answers. The Plan fields read the plan the plans service
// found (its PlanDto); the mutations parse and write through the service.
import type { Resolvers } from "../../schema/generated/resolvers-types.js";

export const expensesResolvers = {
  Mutation: {
    saveExpenseCells: (_parent, args, context) =>
      context.services.expenses.saveExpenseCells(context.viewer, args, context.request),
    transferExpense: (_parent, { input }, context) =>
      context.services.expenses.transferExpense(context.viewer, input, context.request),
  },
  Plan: {
    expenses: (plan, _args, context) => context.services.expenses.expenses(plan),
    expenseTransfers: (plan, _args, context) => context.services.expenses.transfers(plan),
    expenseRatios: (plan, _args, context) => context.services.expenses.ratios(plan),
  },
} satisfies Resolvers;
