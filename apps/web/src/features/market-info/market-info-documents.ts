// The market-information page's operations (市场信息档案) and the document tab's evidence.
import { graphql } from "../../graphql/generated/index.js";

export const MARKET_INFO_RECORD_FIELDS = graphql(`
  fragment MarketInfoRecordFields on MarketInfoRecord {
    id
    type
    periodType
    year
    periodIndex
    holidayName
    unit {
      id
      code
      nameZh
      nameEn
      level
    }
    source
    reporter {
      id
      displayName
    }
    auditStatus
    auditedBy {
      id
      displayName
    }
    auditedAt
    auditReason
    title
    payloadJson
    productSpec {
      id
      code
      nameZh
      nameEn
    }
    terminal {
      id
      code
      name
    }
    competitorName
    createdAt
    viewerMayEdit
    viewerMayAudit
  }
`);

export const MARKET_INFO_RECORDS_QUERY = graphql(`
  query MarketInfoRecords($filter: MarketInfoFilter!, $first: Int, $after: String) {
    marketInfoRecords(filter: $filter, first: $first, after: $after) {
      totalCount
      nextCursor
      nodes {
        ...MarketInfoRecordFields
      }
    }
  }
`);

export const MARKET_INFO_CATALOGUE_QUERY = graphql(`
  query MarketInfoCatalogue($unitCode: String!) {
    marketInfoCatalogue(unitCode: $unitCode) {
      viewerMayReport
      specs {
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
        isCore
      }
    }
  }
`);

export const CREATE_MARKET_INFO_MUTATION = graphql(`
  mutation CreateMarketInfoRecord($input: CreateMarketInfoRecordInput!) {
    createMarketInfoRecord(input: $input) {
      record {
        ...MarketInfoRecordFields
      }
    }
  }
`);

export const UPDATE_MARKET_INFO_MUTATION = graphql(`
  mutation UpdateMarketInfoRecord($input: UpdateMarketInfoRecordInput!) {
    updateMarketInfoRecord(input: $input) {
      record {
        ...MarketInfoRecordFields
      }
    }
  }
`);

export const AUDIT_MARKET_INFO_MUTATION = graphql(`
  mutation AuditMarketInfoRecord($input: AuditMarketInfoRecordInput!) {
    auditMarketInfoRecord(input: $input) {
      record {
        ...MarketInfoRecordFields
      }
    }
  }
`);

export const PLAN_EVIDENCE_QUERY = graphql(`
  query PlanEvidence($unitCode: String!, $year: Int!) {
    plan(unitCode: $unitCode, year: $year) {
      id
      documentParts {
        part
        sections {
          code
          evidence {
            attachedAt
            attachedBy {
              id
              displayName
            }
            record {
              ...MarketInfoRecordFields
            }
          }
        }
      }
    }
  }
`);

export const ATTACH_EVIDENCE_MUTATION = graphql(`
  mutation AttachEvidence($input: EvidenceInput!) {
    attachEvidence(input: $input) {
      changed
    }
  }
`);

export const DETACH_EVIDENCE_MUTATION = graphql(`
  mutation DetachEvidence($input: EvidenceInput!) {
    detachEvidence(input: $input) {
      changed
    }
  }
`);
