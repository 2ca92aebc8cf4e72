// The Import page's GraphQL operations (the upload itself is HTTP: imports-api.ts).
import { graphql } from "../../graphql/generated/index.js";

/** Units to import for: the viewer's subtree in the selected cycle, found by code or name. */
export const IMPORT_SCOPE_UNITS_QUERY = graphql(`
  query ImportScopeUnits($cycleId: ID!, $search: String, $first: Int) {
    orgTree(cycleId: $cycleId, search: $search, first: $first) {
      nodes {
        id
        code
        nameZh
        nameEn
        level
        depth
      }
    }
  }
`);

/** A row of the import history. */
export const IMPORT_BATCH_ROW_FIELDS = graphql(`
  fragment ImportBatchRowFields on ImportBatch {
    id
    kind
    year
    monthFrom
    monthTo
    scope {
      id
      code
      nameZh
      nameEn
    }
    fileName
    status
    rowCount
    acceptedCount
    rejectedCount
    createdBy {
      id
      displayName
    }
    createdAt
    appliedAt
  }
`);

/** The batches of a unit's subtree, of one kind, newest first. */
export const IMPORT_BATCHES_QUERY = graphql(`
  query ImportBatches($scopeCode: String!, $kind: ImportKind, $first: Int, $after: String) {
    importBatches(scopeCode: $scopeCode, kind: $kind, first: $first, after: $after) {
      nodes {
        ...ImportBatchRowFields
      }
      totalCount
      endCursor
      hasNextPage
    }
  }
`);

export const REVERT_IMPORT_MUTATION = graphql(`
  mutation RevertImport($batchId: ID!, $reason: String!) {
    revertImport(batchId: $batchId, reason: $reason) {
      ...ImportBatchRowFields
    }
  }
`);
