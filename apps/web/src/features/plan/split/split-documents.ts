// The split dialog's operations: a preview (a query: nothing is written) and the apply of
// what it showed (the same input, its token and the versions it read).
import { graphql } from "../../../graphql/generated/index.js";

export const PREVIEW_SPLIT_QUERY = graphql(`
  query PreviewSplit($input: SplitInput!) {
    previewSplit(input: $input) {
      planId
      figureKind
      figure
      guidance
      planTotal
      method
      rowMethod
      marginsZh
      marginsEn
      currentTotal
      total
      remainder
      rows {
        memberId
        productSpecId
        currentTotal
        total
      }
      months {
        month
        currentTotal
        total
      }
      cells {
        month
        productSpecId
        memberId
        dimensionKey
        version
        currentValue
        storedHeld
        newValue
        status
        changes
        lastYear {
          value
          estimated
        }
        explanationZh
        explanationEn
      }
      notices {
        code
        messageZh
        messageEn
      }
      previewToken
      expectedVersions
    }
  }
`);

export const APPLY_SPLIT_MUTATION = graphql(`
  mutation ApplySplit($input: ApplySplitInput!) {
    applySplit(input: $input) {
      __typename
      ... on SplitApplied {
        planId
        total
        cells {
          metricId
          month
          productSpecId
          channelId
          terminalId
          distributorId
          townshipId
          dimensionKey
          id
          version
          baseValue
          isHeld
        }
      }
      ... on TargetCellsConflict {
        planId
        message
        conflicts {
          month
          productSpecId
          dimensionKey
          expectedVersion
          current {
            baseValue
            version
            updatedBy {
              login
              displayName
            }
          }
        }
      }
    }
  }
`);
