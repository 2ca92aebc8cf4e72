// 市场信息档案 (the market-information archive, seed S1:37-49): typed records a unit reports
// for a period — own sales, competitor sales and promotions, distributor sales, media
// monitoring, local policy, economy — from a standard form (制式表单) or an instant report
// (即时上报), audited (稽核) by a reviewer above before they count as evidence.
//
// Pure: the payload schema of each type (zod; amounts and volumes typed as people type
// them, kept as exact decimal text), the period rules, which structured fields (spec,
// terminal, competitor) a type takes, the audit transition and who may audit, the labels.
import { z } from "zod";
import { can, type AccessAssignment } from "./access.js";
import { parseAmount } from "./fixed.js";
import type { BilingualLabel } from "./org.js";

export const MARKET_INFO_TYPES = [
  "OWN_SALES",
  "COMPETITOR_SALES",
  "COMPETITOR_PROMOTION",
  "DISTRIBUTOR_SALES",
  "MEDIA_MONITORING",
  "LOCAL_POLICY",
  "ECONOMY",
] as const;
export type MarketInfoType = (typeof MARKET_INFO_TYPES)[number];

export const MARKET_INFO_TYPE_LABELS: Readonly<Record<MarketInfoType, BilingualLabel>> = {
  OWN_SALES: { zh: "我方销售", en: "Own sales" },
  COMPETITOR_SALES: { zh: "竞品销售", en: "Competitor sales" },
  COMPETITOR_PROMOTION: { zh: "竞品促销", en: "Competitor promotion" },
  DISTRIBUTOR_SALES: { zh: "经销商销售", en: "Distributor sales" },
  MEDIA_MONITORING: { zh: "媒体投放监测", en: "Media monitoring" },
  LOCAL_POLICY: { zh: "地方政策", en: "Local policy" },
  ECONOMY: { zh: "经济消费", en: "Economy and consumption" },
};

export const INFO_PERIOD_TYPES = ["YEAR", "QUARTER", "MONTH", "WEEK", "HOLIDAY"] as const;
export type InfoPeriodType = (typeof INFO_PERIOD_TYPES)[number];

export const INFO_PERIOD_TYPE_LABELS: Readonly<Record<InfoPeriodType, BilingualLabel>> = {
  YEAR: { zh: "年度", en: "Year" },
  QUARTER: { zh: "季度", en: "Quarter" },
  MONTH: { zh: "月度", en: "Month" },
  WEEK: { zh: "周", en: "Week" },
  HOLIDAY: { zh: "重大节日", en: "Holiday" },
};

export const INFO_SOURCES = ["STANDARD_FORM", "INSTANT_REPORT"] as const;
export type InfoSource = (typeof INFO_SOURCES)[number];

export const INFO_SOURCE_LABELS: Readonly<Record<InfoSource, BilingualLabel>> = {
  STANDARD_FORM: { zh: "制式表单", en: "Standard form" },
  INSTANT_REPORT: { zh: "即时上报", en: "Instant report" },
};

export const AUDIT_STATUSES = ["PENDING", "VERIFIED", "REJECTED"] as const;
export type AuditStatus = (typeof AUDIT_STATUSES)[number];

export const AUDIT_STATUS_LABELS: Readonly<Record<AuditStatus, BilingualLabel>> = {
  PENDING: { zh: "待稽核", en: "Pending audit" },
  VERIFIED: { zh: "已稽核", en: "Verified" },
  REJECTED: { zh: "稽核不通过", en: "Rejected" },
};

export const AUDIT_VERDICTS = ["VERIFIED", "REJECTED"] as const;
export type AuditVerdict = (typeof AUDIT_VERDICTS)[number];

export const MAX_INFO_TITLE_LENGTH = 200;
export const MAX_INFO_TEXT_LENGTH = 4_000;
export const MAX_INFO_REASON_LENGTH = 1_000;
export const MAX_COMPETITOR_NAME_LENGTH = 100;
/** The years a record may concern. */
export const MIN_INFO_YEAR = 2000;
export const MAX_INFO_YEAR = 2100;

// ───────────────────────────── periods ─────────────────────────────

/** Which period types each type is collected for (seed S1:41-49: distributors have no weekly data). */
export const INFO_PERIODS_BY_TYPE: Readonly<Record<MarketInfoType, readonly InfoPeriodType[]>> = {
  OWN_SALES: INFO_PERIOD_TYPES,
  COMPETITOR_SALES: INFO_PERIOD_TYPES,
  COMPETITOR_PROMOTION: INFO_PERIOD_TYPES,
  DISTRIBUTOR_SALES: ["YEAR", "QUARTER", "MONTH", "HOLIDAY"],
  MEDIA_MONITORING: INFO_PERIOD_TYPES,
  LOCAL_POLICY: INFO_PERIOD_TYPES,
  ECONOMY: INFO_PERIOD_TYPES,
};

/** ISO weeks in a year: 53 when 1 January is a Thursday, or a Wednesday in a leap year; else 52. */
export function isoWeeksInYear(year: number): 52 | 53 {
  const jan1 = new Date(Date.UTC(year, 0, 1)).getUTCDay(); // 0 Sunday … 6 Saturday
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  return jan1 === 4 || (leap && jan1 === 3) ? 53 : 52;
}

/** The highest index of a period type in a year; null where the type takes no index. */
export function maxPeriodIndex(periodType: InfoPeriodType, year: number): number | null {
  switch (periodType) {
    case "QUARTER":
      return 4;
    case "MONTH":
      return 12;
    case "WEEK":
      return isoWeeksInYear(year);
    default:
      return null;
  }
}

export interface InfoPeriod {
  readonly periodType: InfoPeriodType;
  readonly year: number;
  /** Quarter 1–4, month 1–12 or ISO week 1–52/53; null for YEAR and HOLIDAY. */
  readonly periodIndex: number | null;
  /** The holiday (春节, 中秋 …) for HOLIDAY; null otherwise. */
  readonly holidayName: string | null;
}

export type MarketInfoRefusalCode =
  | "BAD_YEAR"
  | "PERIOD_NOT_FOR_TYPE"
  | "PERIOD_INDEX_REQUIRED"
  | "PERIOD_INDEX_OUT_OF_RANGE"
  | "PERIOD_INDEX_NOT_ALLOWED"
  | "HOLIDAY_NAME_REQUIRED"
  | "HOLIDAY_NAME_NOT_ALLOWED"
  | "FIELD_NOT_FOR_TYPE"
  | "COMPETITOR_REQUIRED"
  | "BAD_PAYLOAD"
  | "NOT_PENDING"
  | "NOT_EDITABLE"
  | "NOT_THE_REPORTER"
  | "REPORTER_CANNOT_AUDIT"
  | "NOT_AN_AUDITOR"
  | "REASON_REQUIRED";

export type MarketInfoVerdict<T = null> =
  | { readonly ok: true; readonly value: T }
  | {
      readonly ok: false;
      readonly code: MarketInfoRefusalCode;
      readonly message: string;
      readonly params?: Readonly<Record<string, string | number>>;
    };

const refuse = (
  code: MarketInfoRefusalCode,
  message: string,
  params?: Record<string, string | number>,
): MarketInfoVerdict<never> => ({ ok: false, code, message, ...(params ? { params } : {}) });

/** The period rules: the type's period types; the index in range for the year; a holiday names itself. */
export function checkInfoPeriod(type: MarketInfoType, period: InfoPeriod): MarketInfoVerdict<InfoPeriod> {
  const { periodType, year } = period;
  if (!Number.isInteger(year) || year < MIN_INFO_YEAR || year > MAX_INFO_YEAR) {
    return refuse("BAD_YEAR", `The year is ${MIN_INFO_YEAR}–${MAX_INFO_YEAR}.`, { year });
  }
  if (!INFO_PERIODS_BY_TYPE[type].includes(periodType)) {
    return refuse("PERIOD_NOT_FOR_TYPE", `${type} is not collected by ${periodType}.`, { type, periodType });
  }
  const holiday = period.holidayName?.trim() ?? "";
  const max = maxPeriodIndex(periodType, year);
  if (max === null) {
    if (period.periodIndex !== null) {
      return refuse("PERIOD_INDEX_NOT_ALLOWED", `A ${periodType} period takes no index.`, { periodType });
    }
  } else {
    if (period.periodIndex === null) return refuse("PERIOD_INDEX_REQUIRED", `A ${periodType} period needs its index.`);
    if (!Number.isInteger(period.periodIndex) || period.periodIndex < 1 || period.periodIndex > max) {
      return refuse("PERIOD_INDEX_OUT_OF_RANGE", `A ${periodType} of ${year} is 1–${max}.`, { periodType, max });
    }
  }
  if (periodType === "HOLIDAY") {
    if (holiday === "") return refuse("HOLIDAY_NAME_REQUIRED", "A holiday period names the holiday (春节, 中秋 …).");
    if (holiday.length > 40) return refuse("HOLIDAY_NAME_REQUIRED", "A holiday's name is at most 40 characters.");
  } else if (holiday !== "") {
    return refuse("HOLIDAY_NAME_NOT_ALLOWED", "Only a holiday period names a holiday.");
  }
  return {
    ok: true,
    value: {
      periodType,
      year,
      periodIndex: max === null ? null : period.periodIndex,
      holidayName: holiday === "" ? null : holiday,
    },
  };
}

/** The period as people read it: 2026年第3季度 · 2026 Q3. */
export function infoPeriodLabel(period: InfoPeriod, locale: "zh-CN" | "en"): string {
  const zh = locale === "zh-CN";
  switch (period.periodType) {
    case "YEAR":
      return zh ? `${period.year}年` : `${period.year}`;
    case "QUARTER":
      return zh ? `${period.year}年第${period.periodIndex}季度` : `${period.year} Q${period.periodIndex}`;
    case "MONTH":
      return zh ? `${period.year}年${period.periodIndex}月` : `${period.year}-${String(period.periodIndex).padStart(2, "0")}`;
    case "WEEK":
      return zh ? `${period.year}年第${period.periodIndex}周` : `${period.year} W${period.periodIndex}`;
    case "HOLIDAY":
      return zh ? `${period.year}年${period.holidayName ?? ""}` : `${period.year} ${period.holidayName ?? ""}`;
  }
}

// ───────────────────────────── structured fields ─────────────────────────────

/** Which structured fields a type takes: spec and terminal (filterable), and the competitor. */
export const INFO_FIELDS_BY_TYPE: Readonly<
  Record<
    MarketInfoType,
    { readonly spec: boolean; readonly terminal: boolean; readonly competitor: "REQUIRED" | "OPTIONAL" | "NONE" }
  >
> = {
  OWN_SALES: { spec: true, terminal: true, competitor: "NONE" },
  COMPETITOR_SALES: { spec: true, terminal: true, competitor: "REQUIRED" },
  COMPETITOR_PROMOTION: { spec: true, terminal: true, competitor: "REQUIRED" },
  DISTRIBUTOR_SALES: { spec: true, terminal: false, competitor: "OPTIONAL" },
  MEDIA_MONITORING: { spec: false, terminal: false, competitor: "OPTIONAL" },
  LOCAL_POLICY: { spec: false, terminal: false, competitor: "NONE" },
  ECONOMY: { spec: false, terminal: false, competitor: "NONE" },
};

export interface InfoFields {
  readonly productSpecId: string | null;
  readonly terminalId: string | null;
  readonly competitorName: string | null;
}

/** The structured fields against the type's table; the competitor's name trimmed (blank = none). */
export function checkInfoFields(type: MarketInfoType, fields: InfoFields): MarketInfoVerdict<InfoFields> {
  const rule = INFO_FIELDS_BY_TYPE[type];
  const competitorName = fields.competitorName?.trim() ? fields.competitorName.trim() : null;
  if (fields.productSpecId !== null && !rule.spec)
    return refuse("FIELD_NOT_FOR_TYPE", `${type} names no spec.`, { field: "productSpecId" });
  if (fields.terminalId !== null && !rule.terminal)
    return refuse("FIELD_NOT_FOR_TYPE", `${type} names no terminal.`, { field: "terminalId" });
  if (competitorName !== null && rule.competitor === "NONE") {
    return refuse("FIELD_NOT_FOR_TYPE", `${type} names no competitor.`, { field: "competitorName" });
  }
  if (competitorName === null && rule.competitor === "REQUIRED") {
    return refuse("COMPETITOR_REQUIRED", `${type} names the competitor it concerns.`);
  }
  if (competitorName !== null && competitorName.length > MAX_COMPETITOR_NAME_LENGTH) {
    return refuse("BAD_PAYLOAD", `competitorName is at most ${MAX_COMPETITOR_NAME_LENGTH} characters.`, {
      field: "competitorName",
    });
  }
  return { ok: true, value: { productSpecId: fields.productSpecId, terminalId: fields.terminalId, competitorName } };
}

// ───────────────────────────── payloads ─────────────────────────────

/** An amount typed as anywhere else (1,234.50 · 1.5万 · ¥1234), kept as exact decimal text at `scale` places. */
function decimalText(scale: number, options: { negative: boolean }) {
  return z.union([z.string().max(64), z.number()]).transform((input, context) => {
    const text = typeof input === "number" ? String(input) : input;
    const parsed = parseAmount(text, { scale });
    if (!parsed.ok) {
      context.addIssue({ code: "custom", message: parsed.message, params: { reason: parsed.code } });
      return z.NEVER;
    }
    if (!options.negative && parsed.value.units < 0n) {
      context.addIssue({ code: "custom", message: `"${text}" is negative`, params: { reason: "NEGATIVE_VALUE" } });
      return z.NEVER;
    }
    return parsed.value.toString();
  });
}

/** Money, 元 to the fen, not negative. */
export const infoMoney = decimalText(2, { negative: false });
/** A volume (units, cases …) to two places, not negative. */
export const infoVolume = decimalText(2, { negative: false });
/** A figure that may be negative (a growth %, a change), to four places. */
const infoFigure = decimalText(4, { negative: true });

const text = (max: number) => z.string().trim().max(max);
const requiredText = (max: number) => text(max).min(1, "required");
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "a date is YYYY-MM-DD");
const note = text(MAX_INFO_TEXT_LENGTH).optional();

const salesFigures = {
  /** 销售额, 元 */
  amount: infoMoney.optional(),
  /** 销量 */
  volume: infoVolume.optional(),
  /** The unit of the volume (条, 箱, 件 …). */
  volumeUnit: text(20).optional(),
  note,
};
const hasAFigure = (value: { amount?: string | undefined; volume?: string | undefined }) =>
  value.amount !== undefined || value.volume !== undefined;

export const MEDIA_KINDS = ["TV", "RADIO", "NEWSPAPER", "MAGAZINE", "DM", "VEHICLE_BODY", "OUTDOOR", "ONLINE", "OTHER"] as const;
export type MediaKind = (typeof MEDIA_KINDS)[number];
export const MEDIA_KIND_LABELS: Readonly<Record<MediaKind, BilingualLabel>> = {
  TV: { zh: "电视", en: "TV" },
  RADIO: { zh: "电台", en: "Radio" },
  NEWSPAPER: { zh: "报纸", en: "Newspaper" },
  MAGAZINE: { zh: "杂志", en: "Magazine" },
  DM: { zh: "DM", en: "Direct mail" },
  VEHICLE_BODY: { zh: "车身", en: "Vehicle body" },
  OUTDOOR: { zh: "户外", en: "Outdoor" },
  ONLINE: { zh: "网络", en: "Online" },
  OTHER: { zh: "其他", en: "Other" },
};

export const POLICY_IMPACTS = ["POSITIVE", "NEUTRAL", "NEGATIVE"] as const;
export const POLICY_IMPACT_LABELS: Readonly<Record<(typeof POLICY_IMPACTS)[number], BilingualLabel>> = {
  POSITIVE: { zh: "利好", en: "Positive" },
  NEUTRAL: { zh: "中性", en: "Neutral" },
  NEGATIVE: { zh: "不利", en: "Negative" },
};

/** The seed's four kinds of economic and consumption information (S1:49). */
export const ECONOMY_TOPICS = ["NATURAL_DISASTER", "MACRO_ECONOMY", "SPENDING_POWER", "CONSUMPTION_HABITS"] as const;
export const ECONOMY_TOPIC_LABELS: Readonly<Record<(typeof ECONOMY_TOPICS)[number], BilingualLabel>> = {
  NATURAL_DISASTER: { zh: "自然灾害", en: "Natural disaster" },
  MACRO_ECONOMY: { zh: "宏观经济变化", en: "Macro-economic change" },
  SPENDING_POWER: { zh: "消费能力", en: "Spending power" },
  CONSUMPTION_HABITS: { zh: "消费习惯与方向", en: "Consumption habits" },
};

/** Each type's payload: strict objects (an unknown key is refused, not dropped). */
export const MARKET_INFO_PAYLOAD_SCHEMAS = {
  OWN_SALES: z
    .strictObject({ ...salesFigures, terminalDevelopments: note })
    .refine(hasAFigure, { message: "an amount or a volume is required", params: { reason: "FIGURE_REQUIRED" } }),
  COMPETITOR_SALES: z
    .strictObject({ ...salesFigures, competitorProduct: text(100).optional(), retailPrice: infoMoney.optional() })
    .refine(hasAFigure, { message: "an amount or a volume is required", params: { reason: "FIGURE_REQUIRED" } }),
  COMPETITOR_PROMOTION: z
    .strictObject({
      competitorProduct: text(100).optional(),
      /** 买赠, 特价, 陈列奖励 … */
      promotionType: requiredText(50),
      details: requiredText(MAX_INFO_TEXT_LENGTH),
      startsOn: isoDate.optional(),
      endsOn: isoDate.optional(),
      /** 终端费用投入 the competitor spends, estimated. */
      estimatedSpend: infoMoney.optional(),
    })
    .refine((value) => value.startsOn === undefined || value.endsOn === undefined || value.startsOn <= value.endsOn, {
      message: "the promotion ends before it starts",
      params: { reason: "BAD_DATES" },
    }),
  DISTRIBUTOR_SALES: z
    .strictObject({
      distributorName: requiredText(100),
      ownAmount: infoMoney.optional(),
      ownVolume: infoVolume.optional(),
      competitorAmount: infoMoney.optional(),
      competitorVolume: infoVolume.optional(),
      /** 经销商动态 */
      developments: note,
    })
    .refine(
      (value) =>
        [value.ownAmount, value.ownVolume, value.competitorAmount, value.competitorVolume].some((v) => v !== undefined) ||
        (value.developments ?? "") !== "",
      { message: "a figure or the distributor's developments are required", params: { reason: "FIGURE_REQUIRED" } },
    ),
  MEDIA_MONITORING: z.strictObject({
    /** The brand seen: ours or a competitor's (then competitorName says whose). */
    brand: requiredText(100),
    medium: z.enum(MEDIA_KINDS),
    outlet: text(100).optional(),
    placements: z.number().int().min(0).max(1_000_000).optional(),
    spend: infoMoney.optional(),
    note,
  }),
  LOCAL_POLICY: z.strictObject({
    issuer: requiredText(100),
    summary: requiredText(MAX_INFO_TEXT_LENGTH),
    effectiveOn: isoDate.optional(),
    impact: z.enum(POLICY_IMPACTS),
  }),
  ECONOMY: z.strictObject({
    topic: z.enum(ECONOMY_TOPICS),
    indicator: text(100).optional(),
    value: infoFigure.optional(),
    valueUnit: text(20).optional(),
    summary: requiredText(MAX_INFO_TEXT_LENGTH),
  }),
} as const satisfies Record<MarketInfoType, z.ZodType>;

export type MarketInfoPayload<T extends MarketInfoType = MarketInfoType> = z.output<(typeof MARKET_INFO_PAYLOAD_SCHEMAS)[T]>;

/** The payload checked against its type's schema; the first problem as a BAD_PAYLOAD refusal naming the field. */
export function parseInfoPayload(type: MarketInfoType, payload: unknown): MarketInfoVerdict<Record<string, unknown>> {
  const parsed = MARKET_INFO_PAYLOAD_SCHEMAS[type].safeParse(payload);
  if (parsed.success) return { ok: true, value: parsed.data as Record<string, unknown> };
  const issue = parsed.error.issues[0]!;
  const field = issue.path.join(".") || "payload";
  const reason =
    (issue.code === "custom" && typeof issue.params?.["reason"] === "string" ? (issue.params["reason"] as string) : null) ??
    issue.code;
  return refuse("BAD_PAYLOAD", `payload.${field}: ${issue.message}`, { field, reason });
}

// ───────────────────────────── edit and audit ─────────────────────────────

/** The reporter edits a record until it is verified: PENDING stays PENDING; REJECTED goes back to PENDING. */
export function editMarketInfo(record: {
  readonly auditStatus: AuditStatus;
  readonly reporterId: string | null;
  readonly editorId: string;
}): MarketInfoVerdict<{ readonly to: "PENDING" }> {
  if (record.reporterId !== record.editorId) return refuse("NOT_THE_REPORTER", "Only the reporter edits a record.");
  if (record.auditStatus === "VERIFIED") return refuse("NOT_EDITABLE", "A verified record is no longer edited.");
  return { ok: true, value: { to: "PENDING" } };
}

/** Who may audit a record of the unit at `unitPath`: a reviewer (or HQ admin) of an ancestor unit. */
export function mayAuditMarketInfo(assignments: readonly AccessAssignment[], unitPath: string): boolean {
  return can(assignments, "AUDIT_MARKET_INFO", unitPath);
}

/**
 * 稽核: PENDING → VERIFIED or REJECTED (with a reason), by a reviewer of an ancestor unit
 * (HQ's included), never by the reporter; nothing else moves.
 */
export function auditMarketInfo(input: {
  readonly auditStatus: AuditStatus;
  readonly reporterId: string | null;
  readonly unitPath: string;
  readonly auditorId: string;
  readonly auditor: readonly AccessAssignment[];
  readonly verdict: AuditVerdict;
  readonly reason: string | null;
}): MarketInfoVerdict<{ readonly to: AuditVerdict; readonly reason: string | null }> {
  if (input.reporterId !== null && input.reporterId === input.auditorId) {
    return refuse("REPORTER_CANNOT_AUDIT", "A reporter does not audit their own record.");
  }
  if (!mayAuditMarketInfo(input.auditor, input.unitPath)) {
    return refuse("NOT_AN_AUDITOR", "Only a reviewer of a unit above the record's audits it.");
  }
  if (input.auditStatus !== "PENDING")
    return refuse("NOT_PENDING", `The record is ${input.auditStatus}, not waiting for an audit.`);
  const reason = input.reason?.trim() ? input.reason.trim() : null;
  if (input.verdict === "REJECTED" && reason === null) return refuse("REASON_REQUIRED", "A rejection says why.");
  if (reason !== null && reason.length > MAX_INFO_REASON_LENGTH) {
    return refuse("BAD_PAYLOAD", `A reason is at most ${MAX_INFO_REASON_LENGTH} characters.`, { field: "reason" });
  }
  return { ok: true, value: { to: input.verdict, reason } };
}

/** Whether records of this part of the document may be attached as evidence: the environment analysis (part A). */
export function takesEvidence(part: "ENVIRONMENT" | "GOALS" | "METHODS"): boolean {
  return part === "ENVIRONMENT";
}
