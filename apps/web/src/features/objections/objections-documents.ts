// The objections' operations: a plan's objections (with its subtree's, for a reviewer),
// raise, answer, escalate and withdraw.
import { graphql } from "../../graphql/generated/index.js";

export const OBJECTION_FIELDS = graphql(`
  fragment ObjectionFields on Objection {
    id
    planId
    metricId
    month
    dimensionKey
    reason
    evidence
    proposedValue
    status
    createdAt
    response
    answeredAt
    escalations
    escalationReason
    unit {
      id
      code
      nameZh
      nameEn
      level
    }
    raisedBy {
      id
      displayName
    }
    answeredBy {
      id
      displayName
    }
    viewerMayAnswer
    viewerMayEscalate
    viewerMayWithdraw
  }
`);

export const PLAN_OBJECTIONS_QUERY = graphql(`
  query PlanObjections($planId: ID!, $includeSubtree: Boolean) {
    planObjections(planId: $planId, includeSubtree: $includeSubtree) {
      ...ObjectionFields
    }
  }
`);

export const RAISE_OBJECTION_MUTATION = graphql(`
  mutation RaiseObjection($input: RaiseObjectionInput!) {
    raiseObjection(input: $input) {
      objection {
        ...ObjectionFields
      }
    }
  }
`);

export const ANSWER_OBJECTION_MUTATION = graphql(`
  mutation AnswerObjection($input: AnswerObjectionInput!) {
    answerObjection(input: $input) {
      guidance
      objection {
        ...ObjectionFields
      }
    }
  }
`);

export const ESCALATE_OBJECTION_MUTATION = graphql(`
  mutation EscalateObjection($input: EscalateObjectionInput!) {
    escalateObjection(input: $input) {
      objection {
        ...ObjectionFields
      }
    }
  }
`);

export const WITHDRAW_OBJECTION_MUTATION = graphql(`
  mutation WithdrawObjection($input: WithdrawObjectionInput!) {
    withdrawObjection(input: $input) {
      objection {
        ...ObjectionFields
      }
    }
  }
`);
