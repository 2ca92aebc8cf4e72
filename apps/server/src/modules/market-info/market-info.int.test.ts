// 市场信息档案 through the real schema, access rules and error map, on PGlite and PostgreSQL:
// a county planner reports; the city's reviewer audits (稽核) — never the reporter, never the
// county's own reviewer; the reporter edits until verified; filters with hand-counted
// answers; evidence attached to environment-analysis sections of plans the user may edit,
// only with records they may read; bad input writes nothing.
import {
  createOrgUnit,
  createPlan,
  createPlanCycle,
  createProductSpec,
  createTerminal,
  createUser,
  useTestDatabase,
} from "@pyramid/db/testing";
import type { Role } from "@pyramid/domain";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startGraphQLHarness, type GraphQLHarness } from "../../testing/graphql-harness.js";
import type { Viewer } from "../../viewer.js";

const getDb = useTestDatabase();
let api: GraphQLHarness;

const RECORD = `id type periodType year periodIndex holidayName title payloadJson competitorName auditStatus auditReason
  unit { code } reporter { login } auditedBy { login } productSpec { code } terminal { code } viewerMayEdit viewerMayAudit`;
const CREATE = `mutation($i: CreateMarketInfoRecordInput!) { createMarketInfoRecord(input: $i) { record { ${RECORD} } } }`;
const UPDATE = `mutation($i: UpdateMarketInfoRecordInput!) { updateMarketInfoRecord(input: $i) { record { ${RECORD} } } }`;
const AUDIT = `mutation($i: AuditMarketInfoRecordInput!) { auditMarketInfoRecord(input: $i) { record { ${RECORD} } } }`;
const ONE = `query($id: ID!) { marketInfoRecord(id: $id) { ${RECORD} } }`;
const LIST = `query($f: MarketInfoFilter!, $first: Int, $after: String) {
  marketInfoRecords(filter: $f, first: $first, after: $after) { totalCount nextCursor nodes { id title } } }`;
const ATTACH = `mutation($i: EvidenceInput!) { attachEvidence(input: $i) { changed evidence { record { id title } attachedBy { login } } } }`;
const DETACH = `mutation($i: EvidenceInput!) { detachEvidence(input: $i) { changed evidence { record { id } } } }`;
const DOCUMENT = `query($u: String!, $y: Int!) { plan(unitCode: $u, year: $y) {
  documentParts { part sections { code evidence { record { id title auditStatus } attachedBy { login } } } } } }`;

interface RecordShape {
  id: string;
  title: string;
  auditStatus: string;
  auditReason: string | null;
  payloadJson: string;
  viewerMayEdit: boolean;
  viewerMayAudit: boolean;
  [field: string]: unknown;
}

type Unit = { id: string; code: string; path: string };
let units: Record<"hq" | "p" | "c" | "k" | "k2" | "p3" | "c3" | "k3a" | "k3b", Unit>;
let people: Record<
  | "planner"
  | "planner2"
  | "countyReviewer"
  | "cityReviewer"
  | "cityPlanner"
  | "provinceReviewer"
  | "sibling"
  | "finance"
  | "hqAdmin",
  Viewer
> &
  Record<"p3Reviewer" | "c3Reviewer" | "k3aPlanner" | "k3bPlanner", Viewer>;
let spec: { id: string; code: string };
let spec2: { id: string; code: string };
let terminal: { id: string; code: string };
let siblingTerminal: { id: string; code: string };
let terminal3: { id: string; code: string };
let planId: string;

async function viewerAt(unit: Unit, role: Role, login: string): Promise<Viewer> {
  const { prisma } = getDb();
  const { user } = await createUser(prisma, { orgUnitId: unit.id, role, login });
  return { userId: user.id, sessionId: `s-${login}`, assignments: [{ role, orgUnitId: unit.id, orgUnitPath: unit.path }] };
}

const promotion = (overrides: Record<string, unknown> = {}) => ({
  type: "COMPETITOR_PROMOTION",
  periodType: "MONTH",
  year: 2026,
  periodIndex: 10,
  source: "INSTANT_REPORT",
  title: "红塔山国庆买赠",
  productSpecId: spec.id,
  terminalId: terminal.id,
  competitorName: " 红塔山 ",
  payloadJson: JSON.stringify({
    promotionType: "买赠",
    details: "国庆期间买两条送打火机一个",
    startsOn: "2026-10-01",
    endsOn: "2026-10-07",
    estimatedSpend: "¥8,000",
  }),
  ...overrides,
});

async function counts() {
  const { prisma } = getDb();
  return {
    records: await prisma.marketInfoRecord.count(),
    audits: await prisma.auditLog.count({ where: { entity: "MarketInfoRecord" } }),
    evidence: await prisma.planSectionEvidence.count(),
  };
}

async function create(viewer: Viewer, unitCode: string, record: Record<string, unknown>): Promise<RecordShape> {
  const data = await api.ok<{ createMarketInfoRecord: { record: RecordShape } }>(viewer, CREATE, { i: { unitCode, record } });
  return data.createMarketInfoRecord.record;
}

async function refused(viewer: Viewer, query: string, variables: Record<string, unknown>) {
  const answer = await api.run(viewer, query, variables);
  const extensions = answer.errors?.[0]?.extensions ?? {};
  return { code: extensions["code"], reason: extensions["reason"], params: extensions["params"] };
}

beforeAll(async () => {
  const { prisma, dataAccess } = getDb();
  api = await startGraphQLHarness(dataAccess);
  const hq = await createOrgUnit(prisma, { level: "HQ" });
  const p = await createOrgUnit(prisma, { level: "PROVINCE", parent: hq });
  const c = await createOrgUnit(prisma, { level: "CITY", parent: p });
  const k = await createOrgUnit(prisma, { level: "COUNTY", parent: c });
  const k2 = await createOrgUnit(prisma, { level: "COUNTY", parent: c });
  // A branch of its own for the filters: P3 → C3 → K3a, K3b.
  const p3 = await createOrgUnit(prisma, { level: "PROVINCE", parent: hq });
  const c3 = await createOrgUnit(prisma, { level: "CITY", parent: p3 });
  const k3a = await createOrgUnit(prisma, { level: "COUNTY", parent: c3 });
  const k3b = await createOrgUnit(prisma, { level: "COUNTY", parent: c3 });
  units = { hq, p, c, k, k2, p3, c3, k3a, k3b };
  people = {
    planner: await viewerAt(k, "PLANNER", "mi.planner"),
    planner2: await viewerAt(k, "PLANNER", "mi.planner2"),
    countyReviewer: await viewerAt(k, "REVIEWER", "mi.county.reviewer"),
    cityReviewer: await viewerAt(c, "REVIEWER", "mi.city"),
    cityPlanner: await viewerAt(c, "PLANNER", "mi.city.planner"),
    provinceReviewer: await viewerAt(p, "REVIEWER", "mi.province"),
    sibling: await viewerAt(k2, "PLANNER", "mi.sibling"),
    finance: await viewerAt(c, "FINANCE", "mi.finance"),
    hqAdmin: await viewerAt(hq, "HQ_ADMIN", "mi.hq"),
    p3Reviewer: await viewerAt(p3, "REVIEWER", "mi.p3"),
    c3Reviewer: await viewerAt(c3, "REVIEWER", "mi.c3"),
    k3aPlanner: await viewerAt(k3a, "PLANNER", "mi.k3a"),
    k3bPlanner: await viewerAt(k3b, "PLANNER", "mi.k3b"),
  };
  spec = await createProductSpec(prisma);
  spec2 = await createProductSpec(prisma);
  terminal = await createTerminal(prisma, { countyId: k.id });
  siblingTerminal = await createTerminal(prisma, { countyId: k2.id });
  terminal3 = await createTerminal(prisma, { countyId: k3a.id });
  const cycle = await createPlanCycle(prisma, { year: 2027 });
  planId = (await createPlan(prisma, { cycleId: cycle.id, orgUnitId: k.id })).id;
});

afterAll(async () => {
  await api?.stop();
});

describe("reporting", () => {
  let reported: RecordShape;

  it("a county planner reports a competitor promotion: PENDING, the spend exact, the competitor trimmed, audited", async () => {
    reported = await create(people.planner, units.k.code, promotion());
    expect(reported).toMatchObject({
      type: "COMPETITOR_PROMOTION",
      periodType: "MONTH",
      periodIndex: 10,
      competitorName: "红塔山",
      auditStatus: "PENDING",
      unit: { code: units.k.code },
      reporter: { login: "mi.planner" },
      productSpec: { code: spec.code },
      terminal: { code: terminal.code },
      viewerMayEdit: true,
      viewerMayAudit: false,
    });
    expect(JSON.parse(reported.payloadJson)).toMatchObject({ estimatedSpend: "8000.00", promotionType: "买赠" });
    const { prisma } = getDb();
    const audit = await prisma.auditLog.findFirst({ where: { entity: "MarketInfoRecord", entityId: reported.id } });
    expect(audit?.action).toBe("MARKET_INFO_CREATED");
  });

  it.each([
    ["no competitor", () => promotion({ competitorName: "  " }), "VALIDATION_FAILED", "COMPETITOR_REQUIRED"],
    [
      "a spend to the tenth of a fen",
      () => promotion({ payloadJson: JSON.stringify({ promotionType: "买赠", details: "x", estimatedSpend: "1.234" }) }),
      "VALIDATION_FAILED",
      "BAD_PAYLOAD",
    ],
    ["payload not JSON", () => promotion({ payloadJson: "{not json" }), "VALIDATION_FAILED", "BAD_PAYLOAD"],
    ["an empty terminal id", () => promotion({ terminalId: "" }), "VALIDATION_FAILED", "INVALID_INPUT"],
    [
      "week 53 of 2027 (a 52-week year)",
      () => promotion({ periodType: "WEEK", year: 2027, periodIndex: 53 }),
      "VALIDATION_FAILED",
      "PERIOD_INDEX_OUT_OF_RANGE",
    ],
    [
      "a distributor's weekly figures",
      () => ({ ...promotion(), type: "DISTRIBUTOR_SALES", terminalId: null, periodType: "WEEK", periodIndex: 3 }),
      "VALIDATION_FAILED",
      "PERIOD_NOT_FOR_TYPE",
    ],
    [
      "an unknown spec",
      () => promotion({ productSpecId: "00000000-0000-4000-8000-000000000000" }),
      "VALIDATION_FAILED",
      "UNKNOWN_PRODUCT_SPEC",
    ],
  ])("refuses %s and writes nothing", async (_what, record, code, reason) => {
    const before = await counts();
    expect(await refused(people.planner, CREATE, { i: { unitCode: units.k.code, record: record() } })).toMatchObject({
      code,
      reason,
    });
    expect(await counts()).toEqual(before);
  });

  it("refuses a terminal of another county (TERMINAL_OUTSIDE_UNIT) and names the payload's field", async () => {
    const before = await counts();
    expect(
      await refused(people.planner, CREATE, {
        i: { unitCode: units.k.code, record: promotion({ terminalId: siblingTerminal.id }) },
      }),
    ).toMatchObject({
      code: "VALIDATION_FAILED",
      reason: "TERMINAL_OUTSIDE_UNIT",
    });
    const bad = promotion({ payloadJson: JSON.stringify({ promotionType: "买赠", details: "x", estimatedSpend: "1.234" }) });
    expect(await refused(people.planner, CREATE, { i: { unitCode: units.k.code, record: bad } })).toMatchObject({
      params: { field: "estimatedSpend", reason: "TOO_MANY_DECIMALS" },
    });
    expect(await counts()).toEqual(before);
  });

  it("reports only for units of the reporter's subtree; finance reports nothing", async () => {
    const before = await counts();
    // The sibling county's planner, for K: as if K did not exist.
    expect(await refused(people.sibling, CREATE, { i: { unitCode: units.k.code, record: promotion() } })).toMatchObject({
      code: "NOT_FOUND",
    });
    // The county's planner for its city (above it): NOT_FOUND too.
    expect(
      await refused(people.planner, CREATE, { i: { unitCode: units.c.code, record: promotion({ terminalId: null }) } }),
    ).toMatchObject({
      code: "NOT_FOUND",
    });
    expect(await refused(people.finance, CREATE, { i: { unitCode: units.k.code, record: promotion() } })).toMatchObject({
      code: "FORBIDDEN",
    });
    expect(await counts()).toEqual(before);
    // The city's reviewer reports for its county.
    const byCity = await create(people.cityReviewer, units.k.code, promotion({ title: "城市经理走访" }));
    expect(byCity.reporter).toEqual({ login: "mi.city" });
  });

  describe("audit (稽核)", () => {
    it("the county's planner may not audit (FORBIDDEN), nor the county's own reviewer (NOT_FOUND), nor a sibling", async () => {
      const i = { id: reported.id, verdict: "VERIFIED" };
      expect(await refused(people.planner, AUDIT, { i })).toMatchObject({ code: "FORBIDDEN" });
      expect(await refused(people.countyReviewer, AUDIT, { i })).toMatchObject({ code: "NOT_FOUND" });
      expect(await refused(people.sibling, AUDIT, { i })).toMatchObject({ code: "FORBIDDEN" });
    });

    it("the city's reviewer sees it may audit; rejecting needs a reason", async () => {
      const seen = await api.ok<{ marketInfoRecord: RecordShape }>(people.cityReviewer, ONE, { id: reported.id });
      expect(seen.marketInfoRecord).toMatchObject({ viewerMayAudit: true, viewerMayEdit: false });
      const before = await counts();
      expect(
        await refused(people.cityReviewer, AUDIT, { i: { id: reported.id, verdict: "REJECTED", reason: "  " } }),
      ).toMatchObject({
        code: "VALIDATION_FAILED",
        reason: "REASON_REQUIRED",
      });
      expect(await counts()).toEqual(before);
      const rejected = await api.ok<{ auditMarketInfoRecord: { record: RecordShape } }>(people.cityReviewer, AUDIT, {
        i: { id: reported.id, verdict: "REJECTED", reason: "活动时间与终端核实不符" },
      });
      expect(rejected.auditMarketInfoRecord.record).toMatchObject({
        auditStatus: "REJECTED",
        auditReason: "活动时间与终端核实不符",
        auditedBy: { login: "mi.city" },
      });
    });

    it("a rejected record is not audited again until the reporter edits it; the edit sends it back to PENDING", async () => {
      expect(await refused(people.provinceReviewer, AUDIT, { i: { id: reported.id, verdict: "VERIFIED" } })).toMatchObject({
        code: "INVALID_TRANSITION",
        reason: "NOT_PENDING",
      });
      // Another planner of the same county may not edit it.
      expect(await refused(people.planner2, UPDATE, { i: { id: reported.id, record: promotion() } })).toMatchObject({
        code: "INVALID_TRANSITION",
        reason: "NOT_THE_REPORTER",
      });
      const edited = await api.ok<{ updateMarketInfoRecord: { record: RecordShape } }>(people.planner, UPDATE, {
        i: { id: reported.id, record: promotion({ periodIndex: 9, title: "红塔山中秋国庆买赠" }) },
      });
      expect(edited.updateMarketInfoRecord.record).toMatchObject({
        auditStatus: "PENDING",
        auditReason: null,
        auditedBy: null,
        periodIndex: 9,
        title: "红塔山中秋国庆买赠",
      });
    });

    it("the city verifies it; a verified record is no longer edited", async () => {
      const verified = await api.ok<{ auditMarketInfoRecord: { record: RecordShape } }>(people.cityReviewer, AUDIT, {
        i: { id: reported.id, verdict: "VERIFIED" },
      });
      expect(verified.auditMarketInfoRecord.record).toMatchObject({ auditStatus: "VERIFIED", viewerMayAudit: false });
      const before = await counts();
      expect(await refused(people.planner, UPDATE, { i: { id: reported.id, record: promotion() } })).toMatchObject({
        code: "INVALID_TRANSITION",
        reason: "NOT_EDITABLE",
      });
      expect(await counts()).toEqual(before);
    });

    it("a reviewer who reported a record does not audit it; the province's reviewer (and HQ) may", async () => {
      const byCity = await create(people.cityReviewer, units.k.code, promotion({ title: "城市经理上报" }));
      expect(byCity.viewerMayAudit).toBe(false);
      expect(await refused(people.cityReviewer, AUDIT, { i: { id: byCity.id, verdict: "VERIFIED" } })).toMatchObject({
        code: "INVALID_TRANSITION",
        reason: "REPORTER_CANNOT_AUDIT",
      });
      const byProvince = await api.ok<{ auditMarketInfoRecord: { record: RecordShape } }>(people.hqAdmin, AUDIT, {
        i: { id: byCity.id, verdict: "VERIFIED", reason: "总部抽查属实" },
      });
      expect(byProvince.auditMarketInfoRecord.record).toMatchObject({ auditStatus: "VERIFIED", auditReason: "总部抽查属实" });
    });
  });

  describe("evidence", () => {
    let siblingRecord: RecordShape;
    let provinceRecord: RecordShape;

    beforeAll(async () => {
      siblingRecord = await create(people.sibling, units.k2.code, {
        ...promotion(),
        terminalId: siblingTerminal.id,
        title: "邻县",
      });
      provinceRecord = await create(people.provinceReviewer, units.p.code, {
        type: "ECONOMY",
        periodType: "YEAR",
        year: 2026,
        source: "STANDARD_FORM",
        title: "全省社零增速",
        payloadJson: JSON.stringify({
          topic: "SPENDING_POWER",
          value: "4.2",
          valueUnit: "%",
          summary: "全省社会消费品零售总额增长4.2%",
        }),
      });
    });

    it("the county planner attaches its record to 竞争形势 once; a second attach changes nothing", async () => {
      const i = { planId, sectionCode: "ENV_COMPETITION", recordId: reported.id };
      const first = await api.ok<{ attachEvidence: { changed: boolean; evidence: { record: { id: string } }[] } }>(
        people.planner,
        ATTACH,
        { i },
      );
      expect(first.attachEvidence.changed).toBe(true);
      expect(first.attachEvidence.evidence.map((row) => row.record.id)).toEqual([reported.id]);
      const again = await api.ok<{ attachEvidence: { changed: boolean } }>(people.planner, ATTACH, { i });
      expect(again.attachEvidence.changed).toBe(false);
      expect(await getDb().prisma.planSectionEvidence.count({ where: { recordId: reported.id } })).toBe(1);
    });

    it("cites a record of a unit above (the province's economy figures), never another branch's", async () => {
      const above = await api.ok<{ attachEvidence: { evidence: { record: { id: string } }[] } }>(people.planner, ATTACH, {
        i: { planId, sectionCode: "ENV_ECONOMY", recordId: provinceRecord.id },
      });
      expect(above.attachEvidence.evidence.map((row) => row.record.id)).toEqual([provinceRecord.id]);
      const before = await counts();
      expect(
        await refused(people.planner, ATTACH, { i: { planId, sectionCode: "ENV_COMPETITION", recordId: siblingRecord.id } }),
      ).toMatchObject({
        code: "NOT_FOUND",
        reason: "MARKET_INFO_RECORD_NOT_FOUND",
      });
      expect(await counts()).toEqual(before);
    });

    it("attaches to part A only, and only to plans the user may edit", async () => {
      const before = await counts();
      expect(
        await refused(people.planner, ATTACH, { i: { planId, sectionCode: "GOAL_SALES", recordId: reported.id } }),
      ).toMatchObject({
        code: "VALIDATION_FAILED",
        reason: "NOT_AN_ENVIRONMENT_SECTION",
      });
      // The city's planner edits the city's plan, not the county's.
      expect(
        await refused(people.cityPlanner, ATTACH, { i: { planId, sectionCode: "ENV_COMPETITION", recordId: reported.id } }),
      ).toMatchObject({
        code: "NOT_FOUND",
        reason: "PLAN_NOT_FOUND",
      });
      expect(
        await refused(people.cityReviewer, ATTACH, { i: { planId, sectionCode: "ENV_COMPETITION", recordId: reported.id } }),
      ).toMatchObject({
        code: "FORBIDDEN",
      });
      const { prisma } = getDb();
      await prisma.plan.update({ where: { id: planId }, data: { status: "SUBMITTED" } });
      try {
        expect(
          await refused(people.planner, DETACH, { i: { planId, sectionCode: "ENV_COMPETITION", recordId: reported.id } }),
        ).toMatchObject({
          code: "INVALID_TRANSITION",
          reason: "PLAN_NOT_EDITABLE",
        });
      } finally {
        await prisma.plan.update({ where: { id: planId }, data: { status: "DRAFT" } });
      }
      expect(await counts()).toEqual(before);
    });

    it("the plan's document shows each section's evidence, to the planner and to the city's reviewer", async () => {
      for (const viewer of [people.planner, people.cityReviewer]) {
        const data = await api.ok<{
          plan: {
            documentParts: {
              part: string;
              sections: {
                code: string;
                evidence: { record: { id: string; auditStatus: string }; attachedBy: { login: string } }[];
              }[];
            }[];
          };
        }>(viewer, DOCUMENT, { u: units.k.code, y: 2027 });
        const cited = data.plan.documentParts.flatMap((part) =>
          part.sections
            .filter((section) => section.evidence.length > 0)
            .map((section) => [section.code, section.evidence.map((row) => row.record.id)]),
        );
        expect(Object.fromEntries(cited)).toEqual({ ENV_ECONOMY: [provinceRecord.id], ENV_COMPETITION: [reported.id] });
        const competition = data.plan.documentParts[0]!.sections.find((section) => section.code === "ENV_COMPETITION")!;
        expect(competition.evidence[0]).toMatchObject({
          record: { auditStatus: "VERIFIED" },
          attachedBy: { login: "mi.planner" },
        });
      }
    });

    it("detaches; detaching again changes nothing", async () => {
      const i = { planId, sectionCode: "ENV_ECONOMY", recordId: provinceRecord.id };
      const first = await api.ok<{ detachEvidence: { changed: boolean; evidence: unknown[] } }>(people.planner, DETACH, { i });
      expect(first.detachEvidence).toEqual({ changed: true, evidence: [] });
      const again = await api.ok<{ detachEvidence: { changed: boolean } }>(people.planner, DETACH, { i });
      expect(again.detachEvidence.changed).toBe(false);
      const actions = await getDb().prisma.auditLog.findMany({
        where: { entity: "PlanSection", action: { in: ["EVIDENCE_ATTACHED", "EVIDENCE_DETACHED"] } },
        orderBy: { at: "asc" },
        select: { action: true },
      });
      expect(actions.map((row) => row.action)).toEqual(["EVIDENCE_ATTACHED", "EVIDENCE_ATTACHED", "EVIDENCE_DETACHED"]);
    });
  });
});

describe("filters (a branch of its own: P3 → C3 → K3a, K3b)", () => {
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    // f1 K3a 竞品促销 2026-10, spec S, terminal T3, 红塔山 (then VERIFIED)
    ids["f1"] = (
      await create(
        people.k3aPlanner,
        units.k3a.code,
        promotion({ productSpecId: spec.id, terminalId: terminal3.id, title: "f1 促销" }),
      )
    ).id;
    // f2 K3a 我方销售 2026 Q3, spec S, terminal T3
    ids["f2"] = (
      await create(people.k3aPlanner, units.k3a.code, {
        type: "OWN_SALES",
        periodType: "QUARTER",
        year: 2026,
        periodIndex: 3,
        source: "STANDARD_FORM",
        title: "f2 本品三季度",
        productSpecId: spec.id,
        terminalId: terminal3.id,
        payloadJson: JSON.stringify({ amount: "125,000.50", volume: "250", volumeUnit: "条" }),
      })
    ).id;
    // f3 K3a 竞品销售 2025 year, spec S2, 红河
    ids["f3"] = (
      await create(people.k3aPlanner, units.k3a.code, {
        type: "COMPETITOR_SALES",
        periodType: "YEAR",
        year: 2025,
        source: "STANDARD_FORM",
        title: "f3 竞品年销量",
        productSpecId: spec2.id,
        competitorName: "红河",
        payloadJson: JSON.stringify({ volume: "1.2万", volumeUnit: "条" }),
      })
    ).id;
    // f4 K3b 经济 2026 year
    ids["f4"] = (
      await create(people.k3bPlanner, units.k3b.code, {
        type: "ECONOMY",
        periodType: "YEAR",
        year: 2026,
        source: "STANDARD_FORM",
        title: "f4 县域经济",
        payloadJson: JSON.stringify({ topic: "MACRO_ECONOMY", summary: "县域GDP增长" }),
      })
    ).id;
    // f5 C3 地方政策 2026 春节
    ids["f5"] = (
      await create(people.c3Reviewer, units.c3.code, {
        type: "LOCAL_POLICY",
        periodType: "HOLIDAY",
        year: 2026,
        holidayName: "春节",
        source: "INSTANT_REPORT",
        title: "f5 节日市场管控",
        payloadJson: JSON.stringify({ issuer: "市市场监管局", summary: "春节期间加强市场检查", impact: "NEUTRAL" }),
      })
    ).id;
    // f6 P3 经济 2026 year
    ids["f6"] = (
      await create(people.p3Reviewer, units.p3.code, {
        type: "ECONOMY",
        periodType: "YEAR",
        year: 2026,
        source: "STANDARD_FORM",
        title: "f6 全省经济",
        payloadJson: JSON.stringify({ topic: "SPENDING_POWER", summary: "居民收入稳步增长" }),
      })
    ).id;
    await api.ok(people.c3Reviewer, AUDIT, { i: { id: ids["f1"], verdict: "VERIFIED" } });
  });

  const titles = async (viewer: Viewer, filter: Record<string, unknown>) => {
    const data = await api.ok<{ marketInfoRecords: { totalCount: number; nodes: { title: string }[] } }>(viewer, LIST, {
      f: filter,
    });
    expect(data.marketInfoRecords.totalCount).toBe(data.marketInfoRecords.nodes.length);
    return data.marketInfoRecords.nodes.map((node) => node.title.split(" ")[0]).sort();
  };

  it.each([
    [{}, ["f1", "f2", "f3", "f4", "f5"]],
    [{ includeAncestors: true }, ["f1", "f2", "f3", "f4", "f5", "f6"]],
    [{ type: "COMPETITOR_PROMOTION" }, ["f1"]],
    [{ year: 2026 }, ["f1", "f2", "f4", "f5"]],
    [{ periodType: "YEAR" }, ["f3", "f4"]],
    [{ periodType: "MONTH", periodIndex: 10 }, ["f1"]],
    [{ auditStatus: "VERIFIED" }, ["f1"]],
    [{ auditStatus: "PENDING" }, ["f2", "f3", "f4", "f5"]],
    [{ specCode: "S" }, ["f1", "f2"]],
    [{ specCode: "S2" }, ["f3"]],
    [{ terminalCode: "T3" }, ["f1", "f2"]],
    [{ competitor: "红" }, ["f1", "f3"]],
    [{ competitor: "红塔" }, ["f1"]],
    [{ text: "春节" }, ["f5"]],
    [{ text: "红河" }, ["f3"]],
    [{ year: 2026, specCode: "S" }, ["f1", "f2"]],
  ])("the city's reviewer lists C3 with %j → %j", async (filter, expected) => {
    const resolved = { ...filter } as Record<string, unknown>;
    if (resolved["specCode"] === "S") resolved["specCode"] = spec.code;
    if (resolved["specCode"] === "S2") resolved["specCode"] = spec2.code;
    if (resolved["terminalCode"] === "T3") resolved["terminalCode"] = terminal3.code;
    expect(await titles(people.c3Reviewer, { unitCode: units.c3.code, ...resolved })).toEqual(expected);
  });

  it("a county sees its own records, and with includeAncestors its city's and province's, never its sibling's", async () => {
    expect(await titles(people.k3aPlanner, { unitCode: units.k3a.code })).toEqual(["f1", "f2", "f3"]);
    expect(await titles(people.k3aPlanner, { unitCode: units.k3a.code, includeAncestors: true })).toEqual([
      "f1",
      "f2",
      "f3",
      "f5",
      "f6",
    ]);
    expect(await refused(people.k3bPlanner, LIST, { f: { unitCode: units.k3a.code } })).toMatchObject({ code: "NOT_FOUND" });
    expect(await refused(people.k3aPlanner, ONE, { id: ids["f4"] })).toMatchObject({
      code: "NOT_FOUND",
      reason: "MARKET_INFO_RECORD_NOT_FOUND",
    });
    expect(
      (await api.ok<{ marketInfoRecord: { id: string } }>(people.k3aPlanner, ONE, { id: ids["f6"] })).marketInfoRecord.id,
    ).toBe(ids["f6"]);
  });

  it("pages newest year first: 2 + 2 + 1 over C3's five records", async () => {
    const page = (after: string | null) =>
      api.ok<{ marketInfoRecords: { totalCount: number; nextCursor: string | null; nodes: { title: string }[] } }>(
        people.c3Reviewer,
        LIST,
        {
          f: { unitCode: units.c3.code },
          first: 2,
          after,
        },
      );
    const one = (await page(null)).marketInfoRecords;
    const two = (await page(one.nextCursor)).marketInfoRecords;
    const three = (await page(two.nextCursor)).marketInfoRecords;
    expect([one.nodes.length, two.nodes.length, three.nodes.length, one.totalCount]).toEqual([2, 2, 1, 5]);
    expect(three.nextCursor).toBeNull();
    // The only 2025 record comes last.
    expect(three.nodes[0]!.title).toBe("f3 竞品年销量");
  });
});
