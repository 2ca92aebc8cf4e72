// The market-information fields' inputs, parsed with zod before any work. The payload's own
// schema (per type) is the domain's; here it is only JSON text of bounded size.
import {
  AUDIT_STATUSES,
  AUDIT_VERDICTS,
  INFO_PERIOD_TYPES,
  INFO_SOURCES,
  MARKET_INFO_TYPES,
  MAX_COMPETITOR_NAME_LENGTH,
  MAX_INFO_REASON_LENGTH,
  MAX_INFO_TITLE_LENGTH,
} from "@pyramid/domain";
import { z } from "zod";

const id = z.string().trim().min(1, "an id is required").max(100, "an id is at most 100 characters");
const code = z.string().trim().min(1, "a code is required").max(64, "a code is at most 64 characters");
/** Room for every type's fields; the domain's schema decides the rest. */
export const MAX_PAYLOAD_JSON_LENGTH = 20_000;

const record = z.object({
  type: z.enum(MARKET_INFO_TYPES),
  periodType: z.enum(INFO_PERIOD_TYPES),
  year: z.number().int(),
  periodIndex: z.number().int().nullish(),
  holidayName: z.string().max(100).nullish(),
  source: z.enum(INFO_SOURCES),
  title: z
    .string()
    .max(MAX_INFO_TITLE_LENGTH, `a title is at most ${MAX_INFO_TITLE_LENGTH} characters`)
    .refine((value) => value.trim() !== "", "a title is required"),
  payloadJson: z.string().max(MAX_PAYLOAD_JSON_LENGTH, `the payload is at most ${MAX_PAYLOAD_JSON_LENGTH} characters`),
  productSpecId: id.nullish(),
  terminalId: id.nullish(),
  competitorName: z
    .string()
    .max(MAX_COMPETITOR_NAME_LENGTH + 50)
    .nullish(),
});
export type MarketInfoRecordInput = z.infer<typeof record>;

export const createMarketInfoSchema = z.object({ input: z.object({ unitCode: code, record }) });
export const updateMarketInfoSchema = z.object({ input: z.object({ id, record }) });
export const auditMarketInfoSchema = z.object({
  input: z.object({
    id,
    verdict: z.enum(AUDIT_VERDICTS),
    reason: z.string().max(MAX_INFO_REASON_LENGTH, `a reason is at most ${MAX_INFO_REASON_LENGTH} characters`).nullish(),
  }),
});
export const evidenceSchema = z.object({ input: z.object({ planId: id, sectionCode: code, recordId: id }) });
export const marketInfoRecordSchema = z.object({ id });
export const marketInfoCatalogueSchema = z.object({ unitCode: code });
export const marketInfoRecordsSchema = z.object({
  filter: z.object({
    unitCode: code,
    includeAncestors: z.boolean().nullish(),
    type: z.enum(MARKET_INFO_TYPES).nullish(),
    year: z.number().int().nullish(),
    periodType: z.enum(INFO_PERIOD_TYPES).nullish(),
    periodIndex: z.number().int().nullish(),
    auditStatus: z.enum(AUDIT_STATUSES).nullish(),
    specCode: code.nullish(),
    terminalCode: code.nullish(),
    competitor: z.string().max(100).nullish(),
    text: z.string().max(200).nullish(),
  }),
  first: z.number().int().nullish(),
  after: z.string().max(200).nullish(),
});
