// The document tab's operations: the plan's three parts with their sections, the
// catalogue that names the targets a method section links to, and the two writes
// (a section's text, a method section's links), each answering saved or conflict.
import { graphql } from "../../../graphql/generated/index.js";

/** What the plan tabs show of the catalogue: metric and spec names. Shared with the overview so both ask the same fields. */
export const PLAN_CATALOGUE_LABELS = graphql(`
  fragment PlanCatalogueLabels on PlanCatalogue {
    metrics {
      id
      code
      nameZh
      nameEn
      unit
      scale
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
  }
`);

export const PLAN_DOCUMENT_SECTION = graphql(`
  fragment PlanDocumentSection on PlanSection {
    id
    code
    part
    titleZh
    titleEn
    guidanceZh
    guidanceEn
    required
    sortOrder
    body
    version
    updatedBy {
      id
      displayName
    }
    updatedAt
    links {
      metricId
      metricCode
      productSpecId
      productSpecCode
    }
  }
`);

export const PLAN_DOCUMENT_QUERY = graphql(`
  query PlanDocument($unitCode: String!, $year: Int!) {
    plan(unitCode: $unitCode, year: $year) {
      id
      status
      editable
      readOnlyReason
      documentParts {
        part
        titleZh
        titleEn
        sections {
          ...PlanDocumentSection
        }
      }
      catalogue {
        ...PlanCatalogueLabels
      }
    }
  }
`);

export const PLAN_SECTION_STATE = graphql(`
  fragment PlanSectionStateFields on PlanSectionState {
    planId
    code
    body
    version
    updatedAt
    updatedBy {
      id
      login
      displayName
    }
    links {
      metricId
      productSpecId
    }
  }
`);

export const UPDATE_PLAN_SECTION_MUTATION = graphql(`
  mutation UpdatePlanSection($planId: ID!, $code: String!, $body: String!, $expectedVersion: Int) {
    updatePlanSection(planId: $planId, code: $code, body: $body, expectedVersion: $expectedVersion) {
      ... on PlanSectionSaved {
        section {
          ...PlanSectionStateFields
        }
      }
      ... on PlanSectionConflict {
        code
        expectedVersion
        current {
          ...PlanSectionStateFields
        }
      }
    }
  }
`);

export const SET_PLAN_SECTION_LINKS_MUTATION = graphql(`
  mutation SetPlanSectionLinks($planId: ID!, $code: String!, $links: [PlanSectionLinkInput!]!, $expectedVersion: Int) {
    setPlanSectionLinks(planId: $planId, code: $code, links: $links, expectedVersion: $expectedVersion) {
      ... on PlanSectionSaved {
        section {
          ...PlanSectionStateFields
        }
      }
      ... on PlanSectionConflict {
        code
        expectedVersion
        current {
          ...PlanSectionStateFields
        }
      }
    }
  }
`);
