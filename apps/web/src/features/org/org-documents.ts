import { graphql } from "../../graphql/generated/index.js";

export const ORG_TREE_NODE_FIELDS = graphql(`
  fragment OrgTreeNodeFields on OrgTreeNode {
    id
    code
    nameZh
    nameEn
    level
    parentId
    depth
    plan {
      id
      status
      staleSince
    }
    dueOn
    overdue
    children {
      total
      submitted
      approved
    }
    figures {
      salesTarget
      salesLastYear
      expenseTotal
    }
  }
`);

export const ORG_TREE_QUERY = graphql(`
  query OrgTree($cycleId: ID!, $rootId: ID, $search: String, $first: Int, $after: String) {
    orgTree(cycleId: $cycleId, rootId: $rootId, search: $search, first: $first, after: $after) {
      nodes {
        ...OrgTreeNodeFields
      }
      totalCount
      nextCursor
    }
  }
`);

/** One unit by its code (a unit page's address), within the viewer's scope. */
export const ORG_UNIT_BY_CODE_QUERY = graphql(`
  query OrgUnitByCode($cycleId: ID!, $code: String!) {
    orgTree(cycleId: $cycleId, code: $code, first: 1) {
      nodes {
        ...OrgTreeNodeFields
      }
    }
  }
`);
