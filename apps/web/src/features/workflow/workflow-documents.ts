// The workflow's operations for the workbench: the findings a submit shows first, the
// transitions the plan's own planner takes (submit, withdraw, resume), the versions with
// their diff, and the activity.
import { graphql } from "../../graphql/generated/index.js";

export const SUBMIT_FINDINGS_QUERY = graphql(`
  query SubmitFindings($unitCode: String!, $year: Int!) {
    plan(unitCode: $unitCode, year: $year) {
      id
      status
      version
      findings {
        blockCount
        warnCount
        items {
          code
          severity
          messageZh
          messageEn
        }
      }
    }
  }
`);

export const SUBMIT_PLAN_MUTATION = graphql(`
  mutation SubmitPlan($input: SubmitPlanInput!) {
    submitPlan(input: $input) {
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

export const WITHDRAW_PLAN_MUTATION = graphql(`
  mutation WithdrawPlan($input: PlanTransitionInput!) {
    withdrawPlan(input: $input) {
      plan {
        id
        status
        version
      }
    }
  }
`);

export const RESUME_PLAN_MUTATION = graphql(`
  mutation ResumePlan($input: PlanTransitionInput!) {
    resumePlan(input: $input) {
      plan {
        id
        status
        version
      }
    }
  }
`);

/** The plan's id and the metric names a diff labels its cells with. */
export const WORKFLOW_PLAN_QUERY = graphql(`
  query WorkflowPlan($unitCode: String!, $year: Int!) {
    plan(unitCode: $unitCode, year: $year) {
      id
      catalogue {
        metrics {
          id
          code
          nameZh
          nameEn
        }
      }
    }
  }
`);

export const PLAN_VERSIONS_QUERY = graphql(`
  query PlanVersions($planId: ID!) {
    planVersions(planId: $planId) {
      id
      number
      kind
      createdAt
      createdBy {
        id
        displayName
      }
      totals {
        targets {
          metricId
          base
        }
        expenses
      }
    }
  }
`);

export const PLAN_VERSION_DIFF_QUERY = graphql(`
  query PlanVersionDiff($planId: ID!, $fromVersion: Int!, $toVersion: Int!) {
    planVersionDiff(planId: $planId, fromVersion: $fromVersion, toVersion: $toVersion) {
      from {
        id
        number
      }
      to {
        id
        number
      }
      cells {
        kind
        metricId
        itemId
        month
        dimensionKey
        before
        after
        delta
      }
      sections {
        code
        before
        after
      }
    }
  }
`);

export const PLAN_ACTIVITY_QUERY = graphql(`
  query PlanActivity($planId: ID!, $first: Int, $after: String) {
    planActivity(planId: $planId, first: $first, after: $after) {
      totalCount
      nextCursor
      nodes {
        source
        id
        at
        actor {
          id
          displayName
        }
        action
        entity
        fromStatus
        toStatus
        reason
        waived
        versionNumber
        beforeJson
        afterJson
      }
    }
  }
`);
