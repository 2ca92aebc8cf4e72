// The overview tab's operations. First the plan with its catalogue and findings;
// then, once the metric ids and the cycle are known, the grids of the key
// figures (sales revenue, gross profit), the row keys the findings point into,
// and the expenses with the expense ratio of the unit's subtree beside their history.
import { graphql } from "../../../graphql/generated/index.js";

export const PLAN_OVERVIEW_QUERY = graphql(`
  query PlanOverview($unitCode: String!, $year: Int!) {
    plan(unitCode: $unitCode, year: $year) {
      id
      unit {
        id
        code
        level
      }
      cycle {
        id
      }
      growthBand {
        min
        max
      }
      catalogue {
        ...PlanCatalogueLabels
      }
      findings {
        blockCount
        warnCount
        items {
          code
          symptom
          symptomZh
          symptomEn
          severity
          messageZh
          messageEn
          lastYearEstimated
          targets {
            kind
            metricId
            metricCode
            month
            productSpecId
            dimensionKey
            sectionCode
          }
        }
      }
    }
  }
`);

export const OVERVIEW_PERIOD_VALUES = graphql(`
  fragment OverviewPeriodValues on GridPeriodValues {
    kind
    index
    base
    lastYear {
      value
      estimated
    }
    yearBefore
    growth
    band
  }
`);

export const PLAN_OVERVIEW_FIGURES_QUERY = graphql(`
  query PlanOverviewFigures(
    $unitCode: String!
    $year: Int!
    $figureMetricIds: [ID!]!
    $findingMetricIds: [ID!]!
    $withFindingRows: Boolean!
  ) {
    plan(unitCode: $unitCode, year: $year) {
      id
      expenseRatios {
        basis {
          year
          actualThroughMonth
          expense
          salesRevenue
        }
        total {
          expenseToSales {
            current
            lastYear {
              reference
            }
            yearBefore {
              reference
            }
          }
        }
      }
      figureGrids: targetGrids(metricIds: $figureMetricIds) {
        metric {
          id
          code
        }
        estimate {
          year
          actualThroughMonth
          estimatedMonths
        }
        rows {
          key
          kind
          productSpecId
          productLineId
          periods {
            ...OverviewPeriodValues
          }
        }
        totals {
          scope
          productLineId
          periods {
            ...OverviewPeriodValues
          }
        }
      }
      findingGrids: targetGrids(metricIds: $findingMetricIds, expandPresent: [TERMINAL, DISTRIBUTOR, TOWNSHIP])
        @include(if: $withFindingRows) {
        metric {
          id
        }
        rows {
          key
          coordinates {
            dimensionKey
          }
        }
      }
    }
  }
`);
