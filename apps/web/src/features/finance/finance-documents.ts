import { graphql } from "../../graphql/generated/index.js";

export const EXPORT_PREVIEW_QUERY = graphql(`
  query ExportPreview($input: ExportPreviewInput!) {
    exportPreview(input: $input) {
      kind
      basis
      cycle {
        id
        code
      }
      unit {
        id
        code
        nameZh
        nameEn
        level
      }
      columns {
        id
        code
        nameZh
        nameEn
      }
      units {
        unit {
          id
          code
          nameZh
          nameEn
          level
        }
        own
        plans
        exportedPlans
        amounts
        total
      }
      totals
      grandTotal
      plans
      exportedPlans
      rows
      missingCount
      missing {
        id
        code
        nameZh
        nameEn
      }
    }
  }
`);

/** The units finance may choose: the org tree from the viewer's export root down, searched. */
export const FINANCE_UNITS_QUERY = graphql(`
  query FinanceUnits($cycleId: ID!, $rootId: ID, $search: String) {
    orgTree(cycleId: $cycleId, rootId: $rootId, search: $search, first: 50) {
      nodes {
        id
        code
        nameZh
        nameEn
        level
        depth
      }
      totalCount
    }
  }
`);
