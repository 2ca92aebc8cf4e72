import { describe, expect, it } from "vitest";
import {
  auditMarketInfo,
  checkInfoFields,
  checkInfoPeriod,
  editMarketInfo,
  isoWeeksInYear,
  MARKET_INFO_TYPE_LABELS,
  MARKET_INFO_TYPES,
  parseInfoPayload,
  infoPeriodLabel,
  takesEvidence,
  type InfoPeriod,
} from "./market-info.js";

const period = (
  periodType: InfoPeriod["periodType"],
  periodIndex: number | null,
  holidayName: string | null = null,
  year = 2026,
) => ({
  periodType,
  year,
  periodIndex,
  holidayName,
});

describe("periods", () => {
  it("counts ISO weeks: 53 when 1 January is a Thursday (2015, 2026) or a leap-year Wednesday (2020)", () => {
    expect(isoWeeksInYear(2015)).toBe(53);
    expect(isoWeeksInYear(2026)).toBe(53);
    expect(isoWeeksInYear(2020)).toBe(53);
    expect(isoWeeksInYear(2027)).toBe(52);
    expect(isoWeeksInYear(2024)).toBe(52); // a leap year starting on a Monday
  });

  it.each([
    ["YEAR", null, null, true],
    ["YEAR", 1, null, "PERIOD_INDEX_NOT_ALLOWED"],
    ["QUARTER", 4, null, true],
    ["QUARTER", 5, null, "PERIOD_INDEX_OUT_OF_RANGE"],
    ["QUARTER", 0, null, "PERIOD_INDEX_OUT_OF_RANGE"],
    ["QUARTER", null, null, "PERIOD_INDEX_REQUIRED"],
    ["MONTH", 12, null, true],
    ["MONTH", 13, null, "PERIOD_INDEX_OUT_OF_RANGE"],
    ["WEEK", 53, null, true],
    ["HOLIDAY", null, "春节", true],
    ["HOLIDAY", null, "  ", "HOLIDAY_NAME_REQUIRED"],
    ["HOLIDAY", 1, "春节", "PERIOD_INDEX_NOT_ALLOWED"],
    ["MONTH", 3, "春节", "HOLIDAY_NAME_NOT_ALLOWED"],
  ] as const)("2026 %s %s %s → %s", (periodType, index, holiday, expected) => {
    const verdict = checkInfoPeriod("OWN_SALES", period(periodType, index, holiday));
    if (expected === true) expect(verdict.ok).toBe(true);
    else expect(verdict).toMatchObject({ ok: false, code: expected });
  });

  it("refuses week 53 of a 52-week year, and a year outside 2000–2100", () => {
    expect(checkInfoPeriod("OWN_SALES", period("WEEK", 53, null, 2027))).toMatchObject({
      ok: false,
      code: "PERIOD_INDEX_OUT_OF_RANGE",
    });
    expect(checkInfoPeriod("OWN_SALES", period("WEEK", 52, null, 2027)).ok).toBe(true);
    expect(checkInfoPeriod("OWN_SALES", period("YEAR", null, null, 1999))).toMatchObject({ ok: false, code: "BAD_YEAR" });
  });

  it("collects distributor data by year, quarter, month and holiday, never by week (S1:45)", () => {
    expect(checkInfoPeriod("DISTRIBUTOR_SALES", period("WEEK", 3))).toMatchObject({ ok: false, code: "PERIOD_NOT_FOR_TYPE" });
    expect(checkInfoPeriod("DISTRIBUTOR_SALES", period("HOLIDAY", null, "中秋")).ok).toBe(true);
  });

  it("trims the holiday's name", () => {
    expect(checkInfoPeriod("OWN_SALES", period("HOLIDAY", null, " 中秋 "))).toEqual({
      ok: true,
      value: { periodType: "HOLIDAY", year: 2026, periodIndex: null, holidayName: "中秋" },
    });
  });

  it("labels periods in both languages", () => {
    expect(infoPeriodLabel(period("QUARTER", 3), "zh-CN")).toBe("2026年第3季度");
    expect(infoPeriodLabel(period("MONTH", 3), "en")).toBe("2026-03");
    expect(infoPeriodLabel(period("HOLIDAY", null, "春节"), "zh-CN")).toBe("2026年春节");
  });
});

describe("structured fields", () => {
  const none = { productSpecId: null, terminalId: null, competitorName: null };
  it("requires the competitor for competitor records, refuses it where a type has none", () => {
    expect(checkInfoFields("COMPETITOR_PROMOTION", none)).toMatchObject({ ok: false, code: "COMPETITOR_REQUIRED" });
    expect(checkInfoFields("COMPETITOR_PROMOTION", { ...none, competitorName: "   " })).toMatchObject({
      ok: false,
      code: "COMPETITOR_REQUIRED",
    });
    expect(checkInfoFields("OWN_SALES", { ...none, competitorName: "红塔" })).toMatchObject({
      ok: false,
      code: "FIELD_NOT_FOR_TYPE",
    });
    expect(checkInfoFields("COMPETITOR_SALES", { ...none, competitorName: " 红塔 " })).toEqual({
      ok: true,
      value: { ...none, competitorName: "红塔" },
    });
  });

  it("takes a spec and terminal for sales, none for policy or economy", () => {
    expect(checkInfoFields("OWN_SALES", { productSpecId: "s", terminalId: "t", competitorName: null }).ok).toBe(true);
    expect(checkInfoFields("LOCAL_POLICY", { ...none, productSpecId: "s" })).toMatchObject({
      ok: false,
      code: "FIELD_NOT_FOR_TYPE",
      params: { field: "productSpecId" },
    });
    expect(checkInfoFields("DISTRIBUTOR_SALES", { ...none, terminalId: "t" })).toMatchObject({
      ok: false,
      params: { field: "terminalId" },
    });
  });
});

describe("payloads", () => {
  it("keeps amounts and volumes as exact decimal text, typed as people type them", () => {
    expect(parseInfoPayload("OWN_SALES", { amount: "1,234,567.8", volume: "1.5万", volumeUnit: "条" })).toEqual({
      ok: true,
      value: { amount: "1234567.80", volume: "15000.00", volumeUnit: "条" },
    });
    // 0.1 + 0.2 typed as text stays 0.30 when summed by the caller; here: a fen is kept.
    expect(parseInfoPayload("COMPETITOR_SALES", { amount: "0.01" })).toEqual({ ok: true, value: { amount: "0.01" } });
  });

  it.each([
    ["OWN_SALES", {}, "payload", "FIGURE_REQUIRED"],
    ["OWN_SALES", { amount: "1.234" }, "amount", "TOO_MANY_DECIMALS"],
    ["OWN_SALES", { amount: "-5" }, "amount", "NEGATIVE_VALUE"],
    ["OWN_SALES", { amount: "abc" }, "amount", "NOT_A_NUMBER"],
    ["OWN_SALES", { amount: "5", colour: "red" }, "payload", "unrecognized_keys"],
    ["COMPETITOR_PROMOTION", { promotionType: "买赠" }, "details", "invalid_type"],
    [
      "COMPETITOR_PROMOTION",
      { promotionType: "买赠", details: "买二送一", startsOn: "2026-10-08", endsOn: "2026-10-01" },
      "payload",
      "BAD_DATES",
    ],
    ["MEDIA_MONITORING", { brand: "红塔山", medium: "BILLBOARD" }, "medium", "invalid_value"],
    ["LOCAL_POLICY", { issuer: "市政府", summary: " ", impact: "NEGATIVE" }, "summary", "too_small"],
  ] as const)("%s %j → BAD_PAYLOAD on %s (%s)", (type, payload, field, reason) => {
    expect(parseInfoPayload(type, payload)).toMatchObject({ ok: false, code: "BAD_PAYLOAD", params: { field, reason } });
  });

  it("lets an economy figure be negative (a fall), at four places", () => {
    expect(
      parseInfoPayload("ECONOMY", { topic: "SPENDING_POWER", value: "-2.35", valueUnit: "%", summary: "社零同比下降" }),
    ).toEqual({
      ok: true,
      value: { topic: "SPENDING_POWER", value: "-2.3500", valueUnit: "%", summary: "社零同比下降" },
    });
  });

  it("accepts a full competitor promotion", () => {
    const verdict = parseInfoPayload("COMPETITOR_PROMOTION", {
      competitorProduct: "红塔山(经典)",
      promotionType: "买赠",
      details: "国庆期间买两条送一个打火机",
      startsOn: "2026-10-01",
      endsOn: "2026-10-07",
      estimatedSpend: "¥8,000",
    });
    expect(verdict).toMatchObject({ ok: true, value: { estimatedSpend: "8000.00" } });
  });
});

describe("edit and audit", () => {
  // HQ /hq/ → province /hq/gd/ → city /hq/gd/gz/ → county /hq/gd/gz/zc/
  const county = "/hq/gd/gz/zc/";
  const base = {
    auditStatus: "PENDING" as const,
    reporterId: "planner",
    unitPath: county,
    auditorId: "city-reviewer",
    auditor: [{ role: "REVIEWER" as const, unitPath: "/hq/gd/gz/" }],
    verdict: "VERIFIED" as const,
    reason: null,
  };

  it("a city reviewer verifies a county record; a province's and HQ's reviewer may too", () => {
    expect(auditMarketInfo(base)).toEqual({ ok: true, value: { to: "VERIFIED", reason: null } });
    expect(auditMarketInfo({ ...base, auditor: [{ role: "REVIEWER", unitPath: "/hq/gd/" }] }).ok).toBe(true);
    expect(auditMarketInfo({ ...base, auditor: [{ role: "HQ_ADMIN", unitPath: "/hq/" }] }).ok).toBe(true);
  });

  it("refuses the reporter, even when they review the unit", () => {
    expect(auditMarketInfo({ ...base, auditorId: "planner" })).toMatchObject({ ok: false, code: "REPORTER_CANNOT_AUDIT" });
  });

  it("refuses a reviewer of the unit itself, a sibling's, or a planner above", () => {
    expect(auditMarketInfo({ ...base, auditor: [{ role: "REVIEWER", unitPath: county }] })).toMatchObject({
      code: "NOT_AN_AUDITOR",
    });
    expect(auditMarketInfo({ ...base, auditor: [{ role: "REVIEWER", unitPath: "/hq/gd/sz/" }] })).toMatchObject({
      code: "NOT_AN_AUDITOR",
    });
    expect(auditMarketInfo({ ...base, auditor: [{ role: "PLANNER", unitPath: "/hq/gd/gz/" }] })).toMatchObject({
      code: "NOT_AN_AUDITOR",
    });
  });

  it("rejects only with a reason, and audits only what is pending", () => {
    expect(auditMarketInfo({ ...base, verdict: "REJECTED", reason: "  " })).toMatchObject({ code: "REASON_REQUIRED" });
    expect(auditMarketInfo({ ...base, verdict: "REJECTED", reason: " 数据与经销商出货不符 " })).toEqual({
      ok: true,
      value: { to: "REJECTED", reason: "数据与经销商出货不符" },
    });
    expect(auditMarketInfo({ ...base, auditStatus: "VERIFIED" })).toMatchObject({ code: "NOT_PENDING" });
    expect(auditMarketInfo({ ...base, auditStatus: "REJECTED" })).toMatchObject({ code: "NOT_PENDING" });
  });

  it("lets the reporter edit a pending or rejected record (back to pending), never a verified one", () => {
    expect(editMarketInfo({ auditStatus: "PENDING", reporterId: "a", editorId: "a" })).toEqual({
      ok: true,
      value: { to: "PENDING" },
    });
    expect(editMarketInfo({ auditStatus: "REJECTED", reporterId: "a", editorId: "a" }).ok).toBe(true);
    expect(editMarketInfo({ auditStatus: "VERIFIED", reporterId: "a", editorId: "a" })).toMatchObject({ code: "NOT_EDITABLE" });
    expect(editMarketInfo({ auditStatus: "PENDING", reporterId: "a", editorId: "b" })).toMatchObject({
      code: "NOT_THE_REPORTER",
    });
  });

  it("takes evidence in the environment analysis only", () => {
    expect([takesEvidence("ENVIRONMENT"), takesEvidence("GOALS"), takesEvidence("METHODS")]).toEqual([true, false, false]);
  });

  it("labels every type in both languages", () => {
    for (const type of MARKET_INFO_TYPES) {
      expect(MARKET_INFO_TYPE_LABELS[type].zh).not.toBe("");
      expect(MARKET_INFO_TYPE_LABELS[type].en).not.toBe("");
    }
  });
});
