// The cycle admin's operations (HQ administrators).
import { graphql } from "../../graphql/generated/index.js";

export const CYCLES_ADMIN_QUERY = graphql(`
  query CyclesAdmin {
    cycles {
      id
      code
      year
      nameZh
      nameEn
      status
      opensOn
      closesOn
      deadlines {
        level
        dueOn
      }
      settings {
        growthBandMin
        growthBandMax
        implausibleFactor
        minTerminalRank
        checkConfig
      }
      templateSections {
        code
        part
        titleZh
        titleEn
        guidanceZh
        guidanceEn
        required
        sortOrder
        plansWithText
      }
      progress {
        level
        status
        plans
        stale
      }
    }
  }
`);

export const OPEN_CYCLE_MUTATION = graphql(`
  mutation OpenCycle($input: OpenCycleInput!) {
    openCycle(input: $input) {
      plansCreated
      cycle {
        id
        code
      }
    }
  }
`);

export const UPDATE_CYCLE_MUTATION = graphql(`
  mutation UpdateCycle($input: UpdateCycleInput!) {
    updateCycle(input: $input) {
      cycle {
        id
      }
    }
  }
`);

export const ADD_SECTION_MUTATION = graphql(`
  mutation AddTemplateSection($input: AddTemplateSectionInput!) {
    addTemplateSection(input: $input) {
      cycle {
        id
      }
    }
  }
`);

export const REMOVE_SECTION_MUTATION = graphql(`
  mutation RemoveTemplateSection($input: RemoveTemplateSectionInput!) {
    removeTemplateSection(input: $input) {
      cycle {
        id
      }
    }
  }
`);

export const REORDER_SECTIONS_MUTATION = graphql(`
  mutation ReorderTemplateSections($input: ReorderTemplateSectionsInput!) {
    reorderTemplateSections(input: $input) {
      cycle {
        id
      }
    }
  }
`);

export const SET_CYCLE_STATUS_MUTATION = graphql(`
  mutation SetCycleStatus($input: SetCycleStatusInput!) {
    setCycleStatus(input: $input) {
      cycle {
        id
        status
      }
    }
  }
`);

export const PROVINCES_GUIDANCE_QUERY = graphql(`
  query ProvincesGuidance($unitCode: String!, $year: Int!) {
    reviewBoard(unitCode: $unitCode, year: $year, basis: LATEST) {
      id
      reconciliation {
        metricId
        metricCode
      }
      children {
        unit {
          id
          code
          nameZh
          nameEn
        }
        sales
        salesGuidance
      }
    }
  }
`);

export const SET_GUIDANCE_MUTATION = graphql(`
  mutation SetGuidance($input: SetGuidanceInput!) {
    setGuidance(input: $input) {
      guidance {
        unitCode
        value
      }
    }
  }
`);
