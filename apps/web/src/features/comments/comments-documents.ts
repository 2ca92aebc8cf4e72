// The comments panel's operations: a plan's threads (optionally on one anchor), the
// markers per anchor (which cells and sections have comments), and the two writes.
import { graphql } from "../../graphql/generated/index.js";

export const COMMENT_FIELDS = graphql(`
  fragment CommentFields on Comment {
    id
    planId
    parentId
    body
    createdAt
    resolved
    resolvedAt
    author {
      id
      displayName
    }
    resolvedBy {
      id
      displayName
    }
    anchor {
      kind
      sectionCode
      metricId
      itemId
      month
      dimensionKey
      key
    }
  }
`);

export const PLAN_COMMENTS_QUERY = graphql(`
  query PlanComments($planId: ID!, $filter: CommentFilter, $first: Int, $after: String) {
    planComments(planId: $planId, filter: $filter, first: $first, after: $after) {
      totalCount
      nextCursor
      nodes {
        ...CommentFields
        replies {
          ...CommentFields
        }
      }
    }
  }
`);

export const PLAN_COMMENT_MARKERS_QUERY = graphql(`
  query PlanCommentMarkers($planId: ID!) {
    planCommentMarkers(planId: $planId) {
      count
      unresolvedThreads
      anchor {
        kind
        metricId
        month
        dimensionKey
        sectionCode
        key
      }
    }
  }
`);

export const ADD_COMMENT_MUTATION = graphql(`
  mutation AddComment($input: AddCommentInput!) {
    addComment(input: $input) {
      comment {
        ...CommentFields
      }
    }
  }
`);

export const SET_COMMENT_RESOLVED_MUTATION = graphql(`
  mutation SetCommentResolved($input: SetCommentResolvedInput!) {
    setCommentResolved(input: $input) {
      comment {
        ...CommentFields
        replies {
          ...CommentFields
        }
      }
    }
  }
`);

export const PLAN_ID_QUERY = graphql(`
  query PlanIdForTab($unitCode: String!, $year: Int!) {
    plan(unitCode: $unitCode, year: $year) {
      id
      catalogue {
        metrics {
          id
          nameZh
          nameEn
        }
      }
    }
  }
`);
