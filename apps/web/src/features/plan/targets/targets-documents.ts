import { graphql } from "../../../graphql/generated/index.js";

/** What the Targets tab needs before any grid: the catalogue that labels rows, the estimate method, the band. */
export const PLAN_TARGETS_SETUP_QUERY = graphql(`
  query PlanTargetsSetup($unitCode: String!, $year: Int!) {
    plan(unitCode: $unitCode, year: $year) {
      id
      status
      editable
      readOnlyReason
      estimateMethod
      growthBand {
        min
        max
      }
      catalogue {
        metrics {
          id
          code
          nameZh
          nameEn
          unit
          scale
          aggregation
        }
        productLines {
          id
          code
          nameZh
          nameEn
          specs {
            id
            code
            nameZh
            nameEn
            lineId
          }
        }
        channels {
          id
          code
          nameZh
          nameEn
        }
        terminals {
          id
          code
          name
          classCode
          classRank
          isCore
        }
        terminalClasses {
          code
          rank
          splitRequired
        }
        distributors {
          id
          code
          name
        }
        townships {
          id
          code
          nameZh
          nameEn
        }
      }
    }
  }
`);

export const TARGET_GRID_CELL_FIELDS = graphql(`
  fragment TargetGridCellFields on TargetCell {
    id
    baseValue
    stretchValue
    isHeld
    version
    updatedAt
    updatedBy {
      id
      displayName
    }
  }
`);

/** One metric's grid: every row with its cells and history, breakdown rows present (and asked for). */
export const PLAN_TARGET_GRID_QUERY = graphql(`
  query PlanTargetGrid($unitCode: String!, $year: Int!, $metricId: ID!, $expand: [GridExpansionInput!]) {
    plan(unitCode: $unitCode, year: $year) {
      id
      targetGrid(metricId: $metricId, basis: BASE, expand: $expand, expandPresent: [TERMINAL, DISTRIBUTOR, TOWNSHIP]) {
        metric {
          id
          code
          scale
          aggregation
        }
        estimate {
          method
          year
          actualThroughMonth
          estimatedMonths
        }
        rows {
          key
          kind
          axis
          productSpecId
          productLineId
          memberId
          coordinates {
            productSpecId
            channelId
            terminalId
            distributorId
            townshipId
            dimensionKey
          }
          months {
            month
            cell {
              ...TargetGridCellFields
            }
            lastYear {
              value
              estimated
            }
            yearBefore
          }
          estimateMethodUsed
          estimateFallback
        }
      }
    }
  }
`);

export const SET_PLAN_ESTIMATE_METHOD_MUTATION = graphql(`
  mutation SetPlanEstimateMethod($input: SetPlanEstimateMethodInput!) {
    setPlanEstimateMethod(input: $input) {
      plan {
        id
        estimateMethod
      }
    }
  }
`);

export const SAVE_TARGET_CELLS_MUTATION = graphql(`
  mutation SaveTargetCells($planId: ID!, $changes: [TargetCellChangeInput!]!) {
    saveTargetCells(planId: $planId, changes: $changes) {
      __typename
      ... on TargetCellsSaved {
        planId
        cells {
          metricId
          month
          dimensionKey
          id
          version
          baseValue
          stretchValue
          isHeld
        }
      }
      ... on TargetCellsConflict {
        planId
        message
        conflicts {
          metricId
          month
          dimensionKey
          expectedVersion
          current {
            baseValue
            stretchValue
            isHeld
            version
            updatedAt
            updatedBy {
              id
              login
              displayName
            }
          }
        }
      }
    }
  }
`);
