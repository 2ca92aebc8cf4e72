import { graphql } from "../../graphql/generated/index.js";

/** Everything the Expenses tab shows: the budget tree, caps, virements and ratios. */
export const PLAN_EXPENSES_QUERY = graphql(`
  query PlanExpenses($unitCode: String!, $year: Int!) {
    plan(unitCode: $unitCode, year: $year) {
      id
      status
      editable
      readOnlyReason
      catalogue {
        terminals {
          id
          code
          name
        }
        distributors {
          id
          code
          name
        }
      }
      expenses {
        planId
        cap
        left
        lastYearActualThroughMonth
        maxChangesPerSave
        amounts {
          months
          total
          lastYear
          yearBefore
        }
        categories {
          code
          nameZh
          nameEn
          cap
          left
          amounts {
            months
            total
            lastYear
            yearBefore
          }
          items {
            itemId
            code
            nameZh
            nameEn
            detailDimension
            amounts {
              months
              total
              lastYear
              yearBefore
            }
            lines {
              terminalId
              distributorId
              dimensionKey
              total
              lastYear
              yearBefore
              months {
                month
                cellId
                amount
                version
                lastYear
                yearBefore
              }
            }
          }
        }
      }
      expenseTransfers {
        id
        fromItemId
        fromItemCode
        toItemId
        toItemCode
        categoryCode
        month
        amount
        reason
        actor {
          id
          displayName
        }
        createdAt
      }
      expenseRatios {
        basis {
          year
          actualThroughMonth
          expense
          salesRevenue
          grossProfit
        }
        total {
          categoryCode
          expense
          expenseToSales {
            current
            siblingCount
            lastYear {
              year
              reference
            }
            yearBefore {
              year
              reference
            }
            siblings {
              reference
            }
          }
          expensePerGrossProfit {
            current
            siblingCount
            lastYear {
              year
              reference
            }
            yearBefore {
              year
              reference
            }
            siblings {
              reference
            }
          }
        }
        categories {
          categoryCode
          expense
          expenseToSales {
            current
            siblingCount
            lastYear {
              year
              reference
            }
            yearBefore {
              year
              reference
            }
            siblings {
              reference
            }
          }
          expensePerGrossProfit {
            current
            siblingCount
            lastYear {
              year
              reference
            }
            yearBefore {
              year
              reference
            }
            siblings {
              reference
            }
          }
        }
      }
    }
  }
`);

export const SAVE_EXPENSE_CELLS_MUTATION = graphql(`
  mutation SaveExpenseCells($planId: ID!, $changes: [ExpenseCellChangeInput!]!) {
    saveExpenseCells(planId: $planId, changes: $changes) {
      __typename
      ... on ExpenseCellsSaved {
        planId
        cells {
          itemId
          month
          terminalId
          distributorId
          dimensionKey
          id
          version
          amount
        }
      }
      ... on ExpenseCellsConflict {
        planId
        message
        conflicts {
          itemId
          month
          terminalId
          distributorId
          dimensionKey
          expectedVersion
          current {
            amount
            version
            updatedBy {
              id
              displayName
            }
            updatedAt
          }
        }
      }
    }
  }
`);

export const TRANSFER_EXPENSE_MUTATION = graphql(`
  mutation TransferExpense($input: TransferExpenseInput!) {
    transferExpense(input: $input) {
      transfers {
        id
        month
        amount
      }
      cells {
        itemId
        month
        version
        amount
      }
    }
  }
`);
