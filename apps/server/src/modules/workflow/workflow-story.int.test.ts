// The whole bottom-up story through GraphQL (the real schema, @access, the error map) on
// a small pyramid built by the factories: HQ → province → city → counties K1 and K2.
// Two counties draft and submit; the city returns K2 with a reason; it is fixed and
// resubmitted; the city approves both and submits its own plan; the province and HQ
// approve; HQ reopens K1 with a reason, the city, province and HQ plans go stale, and the
// revision flows back up level by level until every mark has cleared.
//
// The cycle's checks are narrowed to two so that every finding is worked out by hand:
// REQUIRED_METRIC_MISSING (BLOCK: revenue and gross profit must both be planned) and
// HISTORY_INSUFFICIENT (WARN: no actuals are loaded, so every plan raises it once).
// Every status, plan version, event, version (number, kind, totals), audit row and the
// approved roll-up at HQ is compared with figures written out below.
import { ApolloServer } from "@apollo/server";
import {
  createOrgUnit,
  createPlan,
  createPlanCycle,
  createUser,
  ensureStandardMetrics,
  useTestDatabase,
} from "@pyramid/db/testing";
import { PLAN_CHECK_CODES, type Role } from "@pyramid/domain";
import type { GraphQLFormattedError } from "graphql";
import { beforeAll, describe, expect, it } from "vitest";
import type { RequestContext } from "../../context.js";
import { createErrorFormatter } from "../../errors.js";
import { NO_SESSION } from "../../http/request-session.js";
import { createSchema } from "../../schema/create-schema.js";
import { createServices } from "../../services.js";
import type { Viewer } from "../../viewer.js";

const getDb = useTestDatabase();

let apollo: ApolloServer<RequestContext>;
let services: ReturnType<typeof createServices>;

beforeAll(async () => {
  apollo = new ApolloServer<RequestContext>({ schema: createSchema(), formatError: createErrorFormatter() });
  await apollo.start();
  services = createServices({ dataAccess: getDb().dataAccess, version: "test", log: { error: () => undefined } });
});

let requestCounter = 0;
const request = () => ({ requestId: `story-${++requestCounter}`, clientAddress: "127.0.0.1", userAgent: null });

async function gql(viewer: Viewer, query: string, variables: Record<string, unknown>) {
  const response = await apollo.executeOperation(
    { query, variables },
    { contextValue: { viewer, services, session: NO_SESSION, request: request() } },
  );
  if (response.body.kind !== "single") throw new Error("expected a single result");
  return response.body.singleResult as { data?: Record<string, unknown> | null; errors?: readonly GraphQLFormattedError[] };
}

const PAYLOAD = `
  plan { id status version staleSince }
  event { action fromStatus toStatus reason waived versionNumber actor { login } }
  version { number kind totals { targets { metricId base stretch } expenses } }
  staleMarkedPlanIds`;

type Mutation = "submitPlan" | "withdrawPlan" | "resumePlan" | "returnPlan" | "approvePlan" | "reopenPlan";
const INPUT_TYPE: Record<Mutation, string> = {
  submitPlan: "SubmitPlanInput",
  withdrawPlan: "PlanTransitionInput",
  resumePlan: "PlanTransitionInput",
  approvePlan: "PlanTransitionInput",
  returnPlan: "PlanTransitionWithReasonInput",
  reopenPlan: "PlanTransitionWithReasonInput",
};

interface Payload {
  plan: { id: string; status: string; version: number; staleSince: string | null };
  event: {
    action: string;
    fromStatus: string;
    toStatus: string;
    reason: string | null;
    waived: boolean;
    versionNumber: number | null;
    actor: { login: string } | null;
  };
  version: {
    number: number;
    kind: string;
    totals: { targets: { metricId: string; base: string; stretch: string }[]; expenses: string };
  } | null;
  staleMarkedPlanIds: string[];
}

async function act(person: Person, mutation: Mutation, input: Record<string, unknown>): Promise<Payload> {
  const result = await gql(person.viewer, `mutation($i: ${INPUT_TYPE[mutation]}!) { ${mutation}(input: $i) { ${PAYLOAD} } }`, {
    i: input,
  });
  expect(result.errors).toBeUndefined();
  return result.data![mutation] as Payload;
}

async function refused(person: Person, mutation: Mutation, input: Record<string, unknown>) {
  const result = await gql(person.viewer, `mutation($i: ${INPUT_TYPE[mutation]}!) { ${mutation}(input: $i) { ${PAYLOAD} } }`, {
    i: input,
  });
  expect(result.data ?? null).toBeNull();
  return result.errors?.[0]?.extensions as { code: string; reason?: string; params?: Record<string, unknown> };
}

interface Person {
  viewer: Viewer;
  login: string;
  userId: string;
}

interface Unit {
  id: string;
  path: string;
  planId: string;
}

const NO_HISTORY = "HISTORY_INSUFFICIENT";
const ack = (reason: string) => [{ checkCode: NO_HISTORY, reason }];

describe("the bottom-up story", () => {
  it("drafts, submits, returns, resubmits, approves up to HQ, reopens a county and flows the revision back up", async () => {
    const { prisma, dataAccess } = getDb();
    const metrics = await ensureStandardMetrics(prisma);
    const revenue = metrics.get("SALES_REVENUE")!.id;
    const profit = metrics.get("GROSS_PROFIT")!.id;
    const cycle = await createPlanCycle(prisma, { year: 2027 });
    const onlyTwo = Object.fromEntries(
      PLAN_CHECK_CODES.filter((code) => code !== "REQUIRED_METRIC_MISSING" && code !== NO_HISTORY).map((code) => [
        code,
        { enabled: false },
      ]),
    );
    await prisma.planCycle.update({ where: { id: cycle.id }, data: { checkConfig: onlyTwo } });

    const unit = async (level: "HQ" | "PROVINCE" | "CITY" | "COUNTY", parent?: { id: string; path: string; depth: number }) => {
      const row = await createOrgUnit(prisma, { level, parent: parent ?? null });
      const plan = await createPlan(prisma, { cycleId: cycle.id, orgUnitId: row.id });
      return { id: row.id, path: row.path, depth: row.depth, planId: plan.id };
    };
    const hq = await unit("HQ");
    const province = await unit("PROVINCE", hq);
    const city = await unit("CITY", province);
    const k1 = await unit("COUNTY", city);
    const k2 = await unit("COUNTY", city);

    let people = 0;
    const person = async (name: string, roles: [[Role, Unit], ...[Role, Unit][]]): Promise<Person> => {
      const login = `${name}.${++people}`;
      const [[firstRole, firstUnit], ...more] = roles;
      const { user } = await createUser(prisma, { orgUnitId: firstUnit.id, role: firstRole, login, displayName: name });
      for (const [role, at] of more) {
        await prisma.roleAssignment.create({ data: { userId: user.id, role, orgUnitId: at.id } });
      }
      return {
        login,
        userId: user.id,
        viewer: {
          userId: user.id,
          sessionId: `session-${login}`,
          assignments: roles.map(([role, at]) => ({ role, orgUnitId: at.id, orgUnitPath: at.path })),
        },
      };
    };
    const k1Planner = await person("k1.planner", [["PLANNER", k1]]);
    const k2Planner = await person("k2.planner", [["PLANNER", k2]]);
    // The city manager writes the city plan and reviews its counties.
    const cityManager = await person("city.manager", [
      ["PLANNER", city],
      ["REVIEWER", city],
    ]);
    const provinceManager = await person("province.manager", [
      ["PLANNER", province],
      ["REVIEWER", province],
    ]);
    const hqPlanner = await person("hq.planner", [["PLANNER", hq]]);
    const hqAdmin = await person("hq.admin", [["HQ_ADMIN", hq]]);

    const save = async (who: Person, plan: Unit, cells: [metricId: string, value: string][]) => {
      const current = await prisma.targetCell.findMany({
        where: { planId: plan.planId },
        select: { metricId: true, version: true },
      });
      const versionOf = new Map(current.map((cell) => [cell.metricId, cell.version]));
      const result = await services.planEdits.saveTargetCells(
        who.viewer,
        {
          planId: plan.planId,
          changes: cells.map(([metricId, baseValue]) => ({
            metricId,
            month: 1,
            baseValue,
            expectedVersion: versionOf.get(metricId) ?? null,
          })),
        },
        request(),
      );
      expect(result.__typename).toBe("TargetCellsSaved");
    };
    const submit = (who: Person, plan: Unit, reason: string) =>
      act(who, "submitPlan", { planId: plan.planId, acknowledgements: ack(reason) });

    // ── 1. K1 plans its revenue only: the checks block the submit, and nothing is written.
    await save(k1Planner, k1, [[revenue, "1000"]]);
    const blocked = await refused(k1Planner, "submitPlan", { planId: k1.planId });
    expect(blocked).toEqual({
      code: "INVALID_TRANSITION",
      reason: "BLOCKING_FINDINGS",
      params: { count: 1, findings: "REQUIRED_METRIC_MISSING", blockCount: 1 },
    });
    // ── 2. With its profit, only the WARN is left; it must be acknowledged with a reason.
    await save(k1Planner, k1, [[profit, "200"]]);
    expect(await refused(k1Planner, "submitPlan", { planId: k1.planId, expectedVersion: 1 })).toEqual({
      code: "INVALID_TRANSITION",
      reason: "WARNINGS_NOT_ACKNOWLEDGED",
      params: { checkCodes: NO_HISTORY, count: 1 },
    });
    expect(
      await refused(k1Planner, "submitPlan", { planId: k1.planId, acknowledgements: [{ checkCode: NO_HISTORY, reason: "  " }] }),
    ).toMatchObject({ code: "VALIDATION_FAILED", reason: "ACKNOWLEDGEMENT_REASON_REQUIRED" });
    expect(
      await refused(k1Planner, "submitPlan", { planId: k1.planId, expectedVersion: 7, acknowledgements: ack("x") }),
    ).toMatchObject({
      code: "CONFLICT",
      reason: "PLAN_VERSION_CHANGED",
      params: { expectedVersion: 7, version: 1 },
    });
    expect(await prisma.workflowEvent.count({ where: { planId: k1.planId } })).toBe(0);

    // ── 3. K1 submits: version 1 (SUBMITTED) with its totals; the plan moves to version 2.
    const k1Submitted = await submit(k1Planner, k1, "新设县，尚无两年历史");
    expect(k1Submitted).toEqual({
      plan: { id: k1.planId, status: "SUBMITTED", version: 2, staleSince: null },
      event: {
        action: "SUBMIT",
        fromStatus: "DRAFT",
        toStatus: "SUBMITTED",
        reason: null,
        waived: false,
        versionNumber: 1,
        actor: { login: k1Planner.login },
      },
      version: {
        number: 1,
        kind: "SUBMITTED",
        totals: {
          targets: [
            { metricId: revenue, base: "1000.00", stretch: "1000.00" },
            { metricId: profit, base: "200.00", stretch: "200.00" },
          ].sort((a, b) => (a.metricId < b.metricId ? -1 : 1)),
          expenses: "0.00",
        },
      },
      staleMarkedPlanIds: [],
    });
    // A planner holds no reviewer role: refused at the schema edge.
    expect(await refused(k1Planner, "approvePlan", { planId: k1.planId })).toMatchObject({ code: "FORBIDDEN" });

    // ── 4. K2 submits 500.50 / 100.25.
    await save(k2Planner, k2, [
      [revenue, "500.50"],
      [profit, "100.25"],
    ]);
    expect((await submit(k2Planner, k2, "新设县")).plan).toMatchObject({ status: "SUBMITTED", version: 2 });

    // ── 5. The city returns K2 with a reason; the city cannot submit while its counties are not approved.
    expect(await refused(cityManager, "returnPlan", { planId: k2.planId, reason: " " })).toMatchObject({
      code: "INVALID_TRANSITION",
      reason: "REASON_REQUIRED",
    });
    const returned = await act(cityManager, "returnPlan", { planId: k2.planId, reason: "利润率偏低，请调整毛利目标" });
    expect(returned.plan).toMatchObject({ status: "RETURNED", version: 3 });
    expect(returned.event).toMatchObject({
      action: "RETURN",
      fromStatus: "SUBMITTED",
      toStatus: "RETURNED",
      reason: "利润率偏低，请调整毛利目标",
      versionNumber: null,
    });
    expect(returned.version).toBeNull();
    expect(await refused(cityManager, "submitPlan", { planId: city.planId })).toEqual({
      code: "INVALID_TRANSITION",
      reason: "CHILDREN_NOT_APPROVED",
      params: { pending: 2, total: 2 },
    });

    // ── 6. K2 raises its profit to 120.25 and resubmits: version 2, SUBMITTED.
    await save(k2Planner, k2, [[profit, "120.25"]]);
    const k2Resubmitted = await submit(k2Planner, k2, "新设县");
    expect(k2Resubmitted.plan).toMatchObject({ status: "SUBMITTED", version: 4 });
    expect(k2Resubmitted.event).toMatchObject({ fromStatus: "RETURNED", toStatus: "SUBMITTED", versionNumber: 2 });

    // The diff between K2's two submissions: the one profit cell, +20.00; no text.
    const diff = await gql(
      cityManager.viewer,
      `query($p: ID!) { planVersionDiff(planId: $p, fromVersion: 1, toVersion: 2) {
         from { number kind } to { number kind }
         cells { kind metricId itemId month productSpecId dimensionKey before after delta }
         sections { code before after } } }`,
      { p: k2.planId },
    );
    expect(diff.errors).toBeUndefined();
    expect(diff.data!["planVersionDiff"]).toEqual({
      from: { number: 1, kind: "SUBMITTED" },
      to: { number: 2, kind: "SUBMITTED" },
      cells: [
        {
          kind: "TARGET_BASE",
          metricId: profit,
          itemId: null,
          month: 1,
          productSpecId: null,
          dimensionKey: "",
          before: "100.25",
          after: "120.25",
          delta: "20.00",
        },
      ],
      sections: [],
    });

    // ── 7. The city approves both counties (APPROVED versions 2 and 3).
    expect((await act(cityManager, "approvePlan", { planId: k1.planId })).version).toMatchObject({ number: 2, kind: "APPROVED" });
    const k2Approved = await act(cityManager, "approvePlan", { planId: k2.planId, expectedVersion: 4 });
    expect(k2Approved.plan).toMatchObject({ status: "APPROVED", version: 5 });
    expect(k2Approved.version).toMatchObject({ number: 3, kind: "APPROVED" });
    // Approving again is refused: the plan is no longer SUBMITTED.
    expect(await refused(cityManager, "approvePlan", { planId: k2.planId })).toEqual({
      code: "INVALID_TRANSITION",
      reason: "INVALID_TRANSITION",
      params: { from: "APPROVED", action: "APPROVE" },
    });

    // ── 8. The city writes its own items (300.00 / 60.00) and submits; the province approves it.
    await save(cityManager, city, [
      [revenue, "300"],
      [profit, "60"],
    ]);
    expect((await submit(cityManager, city, "无历史")).plan).toMatchObject({ status: "SUBMITTED", version: 2 });
    // HQ sees the city but is not its direct parent: it acts through reopen and the waiver only.
    expect(await refused(hqAdmin, "approvePlan", { planId: city.planId })).toMatchObject({ code: "NOT_FOUND" });
    expect((await act(provinceManager, "approvePlan", { planId: city.planId })).plan).toMatchObject({
      status: "APPROVED",
      version: 3,
    });

    // ── 9. The province (100.00 / 20.00) and HQ (50.00 / 10.00) submit; HQ approves both.
    await save(provinceManager, province, [
      [revenue, "100"],
      [profit, "20"],
    ]);
    await submit(provinceManager, province, "无历史");
    expect((await act(hqAdmin, "approvePlan", { planId: province.planId })).plan).toMatchObject({
      status: "APPROVED",
      version: 3,
    });
    await save(hqPlanner, hq, [
      [revenue, "50"],
      [profit, "10"],
    ]);
    await submit(hqPlanner, hq, "无历史");
    // The top plan has nobody above it: HQ's own admin approves it.
    expect((await act(hqAdmin, "approvePlan", { planId: hq.planId })).plan).toMatchObject({ status: "APPROVED", version: 3 });

    const approvedAtHq = async () => {
      const lines = await dataAccess.repositories.targetSummary.read({
        cycleId: cycle.id,
        orgUnitId: hq.id,
        unitPath: hq.path,
        basis: "APPROVED",
        scope: "SUBTREE",
        lines: "FIGURES",
      });
      return Object.fromEntries(lines.map((line) => [line.metricId === revenue ? "revenue" : "profit", line.baseSum]));
    };
    // 1000.00 + 500.50 + 300.00 + 100.00 + 50.00 = 1950.50; 200.00 + 120.25 + 60.00 + 20.00 + 10.00 = 410.25
    expect(await approvedAtHq()).toEqual({ revenue: "1950.50", profit: "410.25" });

    // ── 10. HQ reopens K1 with a reason: the city, province and HQ plans (approved after K1) go stale.
    // The province's reviewer is not K1's direct parent: it cannot reopen it.
    expect(await refused(provinceManager, "reopenPlan", { planId: k1.planId, reason: "x" })).toMatchObject({ code: "NOT_FOUND" });
    const reopened = await act(hqAdmin, "reopenPlan", { planId: k1.planId, reason: "县级会议修订：增加新品目标" });
    expect(reopened.plan).toMatchObject({ status: "REOPENED", version: 4, staleSince: null });
    expect(reopened.staleMarkedPlanIds).toEqual([city.planId, province.planId, hq.planId]);
    const reopenEvent = await prisma.workflowEvent.findFirstOrThrow({ where: { planId: k1.planId, action: "REOPEN" } });
    const staleRows = await prisma.plan.findMany({
      where: { id: { in: [city.planId, province.planId, hq.planId] } },
      select: { id: true, status: true, staleSince: true, staleReason: true, staleCausePlanId: true },
    });
    expect(staleRows).toHaveLength(3);
    for (const row of staleRows) {
      expect(row).toEqual({
        id: row.id,
        status: "APPROVED",
        staleSince: reopenEvent.createdAt,
        staleReason: "县级会议修订：增加新品目标",
        staleCausePlanId: k1.planId,
      });
    }
    // What was approved stays the approved roll-up until the revision is approved.
    expect(await approvedAtHq()).toEqual({ revenue: "1950.50", profit: "410.25" });

    // ── 11. K1 resumes, revises its revenue to 1100.00, resubmits; the city approves it.
    expect((await act(k1Planner, "resumePlan", { planId: k1.planId })).plan).toMatchObject({ status: "DRAFT", version: 5 });
    await save(k1Planner, k1, [[revenue, "1100"]]);
    expect((await submit(k1Planner, k1, "新设县，尚无两年历史")).version).toMatchObject({ number: 3, kind: "SUBMITTED" });
    expect((await act(cityManager, "approvePlan", { planId: k1.planId })).plan).toMatchObject({ status: "APPROVED", version: 7 });
    // The city is still stale: its own approval has not been given again.
    expect((await prisma.plan.findUniqueOrThrow({ where: { id: city.planId } })).staleSince).toEqual(reopenEvent.createdAt);

    // ── 12. The revision flows up: each level is reopened by the one above, resumed, resubmitted
    // and approved again; each approval clears that plan's mark. Marks already there keep their cause.
    const flowUp = async (plan: Unit, reviewer: Person, planner: Person) => {
      const reopenedAgain = await act(reviewer, "reopenPlan", { planId: plan.planId, reason: "下级修订后重新汇总" });
      expect(reopenedAgain.staleMarkedPlanIds).toEqual([]);
      await act(planner, "resumePlan", { planId: plan.planId });
      await submit(planner, plan, "无历史");
      const approved = await act(reviewer, "approvePlan", { planId: plan.planId });
      expect(approved.plan).toMatchObject({ status: "APPROVED", version: 7, staleSince: null });
      expect(approved.version).toMatchObject({ number: 4, kind: "APPROVED" });
    };
    await flowUp(city, provinceManager, cityManager);
    expect((await prisma.plan.findUniqueOrThrow({ where: { id: province.planId } })).staleCausePlanId).toBe(k1.planId);
    await flowUp(province, hqAdmin, provinceManager);
    await flowUp(hq, hqAdmin, hqPlanner);
    expect(await prisma.plan.count({ where: { cycleId: cycle.id, staleSince: { not: null } } })).toBe(0);
    // 1100.00 + 500.50 + 300.00 + 100.00 + 50.00 = 2050.50
    expect(await approvedAtHq()).toEqual({ revenue: "2050.50", profit: "410.25" });

    // ── Every plan: final status and version, its events, versions and Plan audit rows.
    const finalPlans = await prisma.plan.findMany({
      where: { cycleId: cycle.id },
      select: { id: true, status: true, version: true },
    });
    const expectedFinal = new Map([
      [k1.planId, 7],
      [k2.planId, 5],
      [city.planId, 7],
      [province.planId, 7],
      [hq.planId, 7],
    ]);
    for (const plan of finalPlans) expect(plan).toEqual({ id: plan.id, status: "APPROVED", version: expectedFinal.get(plan.id) });

    const eventsOf = async (planId: string) =>
      (
        await prisma.workflowEvent.findMany({
          where: { planId },
          orderBy: { id: "asc" },
          include: { version: { select: { number: true, kind: true } } },
        })
      ).map((e) => [
        e.action,
        e.fromStatus,
        e.toStatus,
        e.actorId,
        e.reason,
        e.waived,
        e.version?.number ?? null,
        e.version?.kind ?? null,
      ]);
    expect(await eventsOf(k1.planId)).toEqual([
      ["SUBMIT", "DRAFT", "SUBMITTED", k1Planner.userId, null, false, 1, "SUBMITTED"],
      ["APPROVE", "SUBMITTED", "APPROVED", cityManager.userId, null, false, 2, "APPROVED"],
      ["REOPEN", "APPROVED", "REOPENED", hqAdmin.userId, "县级会议修订：增加新品目标", false, null, null],
      ["RESUME", "REOPENED", "DRAFT", k1Planner.userId, null, false, null, null],
      ["SUBMIT", "DRAFT", "SUBMITTED", k1Planner.userId, null, false, 3, "SUBMITTED"],
      ["APPROVE", "SUBMITTED", "APPROVED", cityManager.userId, null, false, 4, "APPROVED"],
    ]);
    // Each SUBMIT event stores the WARN checks acknowledged, each with its reason (as its audit row does, below).
    const k1Acknowledged = [{ checkCode: NO_HISTORY, reason: "新设县，尚无两年历史" }];
    expect(
      (
        await prisma.workflowEvent.findMany({
          where: { planId: k1.planId },
          orderBy: { id: "asc" },
          select: { action: true, acknowledgements: true },
        })
      ).map((e) => [e.action, e.acknowledgements]),
    ).toEqual([
      ["SUBMIT", k1Acknowledged],
      ["APPROVE", null],
      ["REOPEN", null],
      ["RESUME", null],
      ["SUBMIT", k1Acknowledged],
      ["APPROVE", null],
    ]);
    expect(await eventsOf(k2.planId)).toEqual([
      ["SUBMIT", "DRAFT", "SUBMITTED", k2Planner.userId, null, false, 1, "SUBMITTED"],
      ["RETURN", "SUBMITTED", "RETURNED", cityManager.userId, "利润率偏低，请调整毛利目标", false, null, null],
      ["SUBMIT", "RETURNED", "SUBMITTED", k2Planner.userId, null, false, 2, "SUBMITTED"],
      ["APPROVE", "SUBMITTED", "APPROVED", cityManager.userId, null, false, 3, "APPROVED"],
    ]);
    const upper = (planner: Person, reviewer: Person) => [
      ["SUBMIT", "DRAFT", "SUBMITTED", planner.userId, null, false, 1, "SUBMITTED"],
      ["APPROVE", "SUBMITTED", "APPROVED", reviewer.userId, null, false, 2, "APPROVED"],
      ["REOPEN", "APPROVED", "REOPENED", reviewer.userId, "下级修订后重新汇总", false, null, null],
      ["RESUME", "REOPENED", "DRAFT", planner.userId, null, false, null, null],
      ["SUBMIT", "DRAFT", "SUBMITTED", planner.userId, null, false, 3, "SUBMITTED"],
      ["APPROVE", "SUBMITTED", "APPROVED", reviewer.userId, null, false, 4, "APPROVED"],
    ];
    expect(await eventsOf(city.planId)).toEqual(upper(cityManager, provinceManager));
    expect(await eventsOf(province.planId)).toEqual(upper(provinceManager, hqAdmin));
    expect(await eventsOf(hq.planId)).toEqual(upper(hqPlanner, hqAdmin));

    // K1's versions, newest first, with the totals of each.
    const versions = await gql(
      k1Planner.viewer,
      `query($p: ID!) { planVersions(planId: $p) { number kind createdBy { login } totals { targets { metricId base } expenses } } }`,
      { p: k1.planId },
    );
    const totals = (rev: string) =>
      [
        { metricId: revenue, base: rev },
        { metricId: profit, base: "200.00" },
      ].sort((a, b) => (a.metricId < b.metricId ? -1 : 1));
    expect(versions.data!["planVersions"]).toEqual([
      {
        number: 4,
        kind: "APPROVED",
        createdBy: { login: cityManager.login },
        totals: { targets: totals("1100.00"), expenses: "0.00" },
      },
      {
        number: 3,
        kind: "SUBMITTED",
        createdBy: { login: k1Planner.login },
        totals: { targets: totals("1100.00"), expenses: "0.00" },
      },
      {
        number: 2,
        kind: "APPROVED",
        createdBy: { login: cityManager.login },
        totals: { targets: totals("1000.00"), expenses: "0.00" },
      },
      {
        number: 1,
        kind: "SUBMITTED",
        createdBy: { login: k1Planner.login },
        totals: { targets: totals("1000.00"), expenses: "0.00" },
      },
    ]);

    // K1's Plan audit rows: one per transition, in the transition's transaction, with before/after.
    const planAudit = await prisma.auditLog.findMany({
      where: { planId: k1.planId, entity: "Plan" },
      orderBy: { id: "asc" },
      select: { action: true, actorId: true, before: true, after: true, requestId: true, sessionId: true },
    });
    const acknowledged = [{ checkCode: NO_HISTORY, reason: "新设县，尚无两年历史" }];
    expect(planAudit.map(({ requestId: _r, ...row }) => row)).toEqual([
      {
        action: "SUBMIT",
        actorId: k1Planner.userId,
        sessionId: k1Planner.viewer.sessionId,
        before: { status: "DRAFT", version: 1 },
        after: { status: "SUBMITTED", version: 2, reason: null, versionNumber: 1, waived: false, acknowledgements: acknowledged },
      },
      {
        action: "APPROVE",
        actorId: cityManager.userId,
        sessionId: cityManager.viewer.sessionId,
        before: { status: "SUBMITTED", version: 2 },
        after: { status: "APPROVED", version: 3, reason: null, versionNumber: 2, waived: false },
      },
      {
        action: "REOPEN",
        actorId: hqAdmin.userId,
        sessionId: hqAdmin.viewer.sessionId,
        before: { status: "APPROVED", version: 3 },
        after: {
          status: "REOPENED",
          version: 4,
          reason: "县级会议修订：增加新品目标",
          versionNumber: null,
          waived: false,
          staleMarked: [city.planId, province.planId, hq.planId],
        },
      },
      {
        action: "RESUME",
        actorId: k1Planner.userId,
        sessionId: k1Planner.viewer.sessionId,
        before: { status: "REOPENED", version: 4 },
        after: { status: "DRAFT", version: 5, reason: null, versionNumber: null, waived: false },
      },
      {
        action: "SUBMIT",
        actorId: k1Planner.userId,
        sessionId: k1Planner.viewer.sessionId,
        before: { status: "DRAFT", version: 5 },
        after: { status: "SUBMITTED", version: 6, reason: null, versionNumber: 3, waived: false, acknowledgements: acknowledged },
      },
      {
        action: "APPROVE",
        actorId: cityManager.userId,
        sessionId: cityManager.viewer.sessionId,
        before: { status: "SUBMITTED", version: 6 },
        after: { status: "APPROVED", version: 7, reason: null, versionNumber: 4, waived: false },
      },
    ]);
    // The city's re-approval recorded that it cleared the mark.
    const cityApprovals = await prisma.auditLog.findMany({
      where: { planId: city.planId, entity: "Plan", action: "APPROVE" },
      orderBy: { id: "asc" },
    });
    expect(cityApprovals.map((row) => (row.after as { staleCleared?: boolean }).staleCleared ?? false)).toEqual([false, true]);

    // K1's activity, newest first: the last approval's audit row (written last), then its event, then the submit's…
    const activity = await gql(
      k1Planner.viewer,
      `query($p: ID!) { planActivity(planId: $p, first: 4) { totalCount nextCursor nodes { source action entity fromStatus toStatus reason versionNumber actor { login } } } }`,
      { p: k1.planId },
    );
    // 6 events + 6 Plan audit rows + 3 cell audit rows (revenue, profit, revenue again) = 15.
    expect(activity.data!["planActivity"]).toMatchObject({
      totalCount: 15,
      nodes: [
        {
          source: "AUDIT",
          action: "APPROVE",
          entity: "Plan",
          fromStatus: null,
          toStatus: null,
          versionNumber: null,
          actor: { login: cityManager.login },
        },
        {
          source: "EVENT",
          action: "APPROVE",
          entity: "Plan",
          fromStatus: "SUBMITTED",
          toStatus: "APPROVED",
          versionNumber: 4,
          actor: { login: cityManager.login },
        },
        { source: "AUDIT", action: "SUBMIT", entity: "Plan", actor: { login: k1Planner.login } },
        { source: "EVENT", action: "SUBMIT", entity: "Plan", versionNumber: 3, actor: { login: k1Planner.login } },
      ],
    });
    expect((activity.data!["planActivity"] as { nextCursor: string | null }).nextCursor).not.toBeNull();
  });
});
