import { graphql } from "../../graphql/generated/index.js";

/** The workbench's header: whose plan, in which cycle, its status, and whether the viewer may edit it. */
export const PLAN_HEADER_QUERY = graphql(`
  query PlanHeader($unitCode: String!, $year: Int!) {
    plan(unitCode: $unitCode, year: $year) {
      id
      status
      version
      staleSince
      editable
      readOnlyReason
      unit {
        id
        code
        nameZh
        nameEn
        level
        ancestors {
          id
          code
          nameZh
          nameEn
          level
        }
      }
      cycle {
        id
        code
        year
        nameZh
        nameEn
      }
    }
  }
`);
