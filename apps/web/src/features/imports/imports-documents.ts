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
