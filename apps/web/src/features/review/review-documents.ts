// The review screen's operations: the board, its roll-up lines, the guidance split.
import { graphql } from "../../graphql/generated/index.js";

export const REVIEW_ROW_FIELDS = graphql(`
  fragment ReviewRowFields on ReviewRow {
    unit {
      id
      code
      nameZh
      nameEn
      level
    }
    planId
    status
    stale
    sales
    salesLastYear
    salesLastYearEstimated
    salesGrowth
    profit
    expenses
    expenseRatio
    salesGuidance
    lastChangeAt
  }
`);

export const REVIEW_BOARD_QUERY = graphql(`
  query ReviewBoard($unitCode: String!, $year: Int!, $basis: RollupBasis) {
    reviewBoard(unitCode: $unitCode, year: $year, basis: $basis) {
      id
      unit {
        id
        code
        nameZh
        nameEn
        level
      }
      basis
      own {
        ...ReviewRowFields
      }
      children {
        ...ReviewRowFields
        findings {
          block
          warn
        }
      }
      reconciliation {
        metricId
        metricCode
        guidance
        ownItems
        childrenTotal
        total
        gap
        upliftFactor
        upliftPercent
      }
    }
  }
`);

export const REVIEW_ROLLUP_QUERY = graphql(`
  query ReviewRollup($unitCode: String!, $year: Int!, $basis: RollupBasis, $metricId: ID!, $groupBy: RollupGrouping!) {
    reviewBoard(unitCode: $unitCode, year: $year, basis: $basis) {
      id
      rollup(metricId: $metricId, groupBy: $groupBy) {
        groupBy
        own
        children
        total
        lines {
          key
          labelZh
          labelEn
          own
          children
          total
        }
      }
    }
  }
`);

export const PREVIEW_GUIDANCE_SPLIT_QUERY = graphql(`
  query PreviewGuidanceSplit($input: GuidanceSplitInput!) {
    previewGuidanceSplit(input: $input) {
      figure
      method
      guidance
      gap
      upliftPercent
      amount
      sharesTotal
      remainder
      children {
        unit {
          id
          code
          nameZh
          nameEn
        }
        current
        currentGuidance
        reference
        share
        proposed
        status
        explanationZh
        explanationEn
      }
      notices {
        code
        messageZh
        messageEn
      }
      previewToken
    }
  }
`);

export const PUBLISH_GUIDANCE_SPLIT_MUTATION = graphql(`
  mutation PublishGuidanceSplit($input: PublishGuidanceSplitInput!) {
    publishGuidanceSplit(input: $input) {
      total
      guidance {
        unitCode
        value
      }
    }
  }
`);

// The reviewer's transitions of a child's plan (批准 / 退回修改 / 重新打开) and HQ's waiver (豁免).
export const APPROVE_PLAN_MUTATION = graphql(`
  mutation ReviewApprovePlan($input: PlanTransitionInput!) {
    approvePlan(input: $input) {
      plan {
        id
        status
        version
      }
      version {
        number
      }
    }
  }
`);

export const RETURN_PLAN_MUTATION = graphql(`
  mutation ReviewReturnPlan($input: PlanTransitionWithReasonInput!) {
    returnPlan(input: $input) {
      plan {
        id
        status
        version
      }
    }
  }
`);

export const REOPEN_PLAN_MUTATION = graphql(`
  mutation ReviewReopenPlan($input: PlanTransitionWithReasonInput!) {
    reopenPlan(input: $input) {
      plan {
        id
        status
        version
      }
      staleMarkedPlanIds
    }
  }
`);

export const WAIVE_PLAN_CHILDREN_MUTATION = graphql(`
  mutation ReviewWaivePlanChildren($input: PlanTransitionWithReasonInput!) {
    waivePlanChildren(input: $input) {
      plan {
        id
        status
        version
      }
      reason
    }
  }
`);
