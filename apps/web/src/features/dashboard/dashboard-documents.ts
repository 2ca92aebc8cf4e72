import { graphql } from "../../graphql/generated/index.js";

export const DASHBOARD_QUERY = graphql(`
  query Dashboard($unitCode: String!, $year: Int!, $throughMonth: Int, $metric: DashboardMetric) {
    dashboard(unitCode: $unitCode, year: $year, throughMonth: $throughMonth, metric: $metric) {
      id
      unit {
        id
        code
        nameZh
        nameEn
        level
      }
      parent {
        id
        code
        nameZh
        nameEn
      }
      year
      cycleCode
      metric {
        id
        code
        nameZh
        nameEn
        carriesOver
      }
      throughMonth
      lastActualMonth
      yearTarget
      toDate {
        target
        actual
        variance
        rate
      }
      pacing {
        expectedToDate
        actualToDate
        varianceToDate
        paceIndex
        completionOfYear
        straightLineToDate
      }
      children {
        unit {
          id
          code
          nameZh
          nameEn
        }
        target
        actual
        variance
        rate
        rank
        exceedsAllTargets
      }
      benchmark {
        units
        judged
        atOrAboveFloor
        atOrAbove100
        shareAtOrAboveFloor
        shareAtOrAbove100
        exceedingAllTargets
        shareExceedingAllTargets
        meetsBenchmark
      }
      months {
        month
        target
        effectiveTarget
        actual
        variance
        rate
        shortfall
        cumulativeTarget
        cumulativeActual
        straightLine
      }
      bySpec {
        key
        code
        nameZh
        nameEn
        target
        actual
        variance
        rate
      }
      byChannel {
        key
        code
        nameZh
        nameEn
        target
        actual
        variance
        rate
      }
      expenses {
        code
        nameZh
        nameEn
        target
        actual
        variance
        rate
      }
    }
  }
`);
