// Objections (异议) through the real schema, access rules and error map, on PGlite and
// PostgreSQL: raised by a county's planner; the city's reviewer accepts (the county's
// guidance becomes the proposed figure, exactly) or rejects with a reason; the county
// escalates once and the province answers; withdrawal; the ANSWER_OBJECTION task; who may
// not; bad input writes nothing.
import { ApolloServer } from "@apollo/server";
import {
  createOrgUnit,
  createPlan,
  createPlanCycle,
  createProductSpec,
  createUser,
  ensureStandardMetrics,
  useTestDatabase,
} from "@pyramid/db/testing";
import { cellDimensionKey, type Role } from "@pyramid/domain";
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

const OBJECTION = `id planId metricId month dimensionKey reason evidence proposedValue status response
  raisedBy { login } answeredBy { login } escalations escalationReason unit { code }
  viewerMayAnswer viewerMayEscalate viewerMayWithdraw`;
const RAISE = `mutation($i: RaiseObjectionInput!) { raiseObjection(input: $i) { objection { ${OBJECTION} } guidance } }`;
const ANSWER = `mutation($i: AnswerObjectionInput!) { answerObjection(input: $i) { objection { ${OBJECTION} } guidance } }`;
const ESCALATE = `mutation($i: EscalateObjectionInput!) { escalateObjection(input: $i) { objection { ${OBJECTION} } } }`;
const WITHDRAW = `mutation($i: WithdrawObjectionInput!) { withdrawObjection(input: $i) { objection { ${OBJECTION} } } }`;
const LIST = `query($p: ID!, $sub: Boolean, $s: [ObjectionStatus!]) { planObjections(planId: $p, includeSubtree: $sub, statuses: $s) { ${OBJECTION} } }`;
const TASKS = `query($c: ID) { myTasks(cycleId: $c) { kind unit { code } plan { id } } }`;

interface ObjectionShape {
  id: string;
  status: string;
  proposedValue: string | null;
  response: string | null;
  escalations: number;
  escalationReason: string | null;
  answeredBy: { login: string } | null;
  viewerMayAnswer: boolean;
  viewerMayEscalate: boolean;
  viewerMayWithdraw: boolean;
  [field: string]: unknown;
}

let world: {
  cycleId: string;
  planId: string;
  cityPlanId: string;
  countyId: string;
  countyCode: string;
  revenue: string;
  volume: string;
  specKey: string;
  planner: Viewer;
  cityReviewer: Viewer;
  provinceReviewer: Viewer;
  sibling: Viewer;
  cityPlanner: Viewer;
  provincePlanner: Viewer;
  provincePlanId: string;
};

async function viewerAt(unit: { id: string; path: string }, role: Role, login: string): Promise<Viewer> {
  const { prisma } = getDb();
  const { user } = await createUser(prisma, { orgUnitId: unit.id, role, login });
  return { userId: user.id, sessionId: `s-${login}`, assignments: [{ role, orgUnitId: unit.id, orgUnitPath: unit.path }] };
}

beforeAll(async () => {
  apollo = new ApolloServer<RequestContext>({ schema: createSchema(), formatError: createErrorFormatter() });
  await apollo.start();
  const { prisma, dataAccess } = getDb();
  services = createServices({ dataAccess, version: "test", log: { error: () => undefined } });
  const metrics = await ensureStandardMetrics(prisma);
  const cycle = await createPlanCycle(prisma);
  // HQ → P → C → K (objects), K2 (sibling)
  const hq = await createOrgUnit(prisma, { level: "HQ" });
  const province = await createOrgUnit(prisma, { level: "PROVINCE", parent: hq });
  const city = await createOrgUnit(prisma, { level: "CITY", parent: province });
  const county = await createOrgUnit(prisma, { level: "COUNTY", parent: city });
  const sibling = await createOrgUnit(prisma, { level: "COUNTY", parent: city });
  const spec = await createProductSpec(prisma);
  const revenue = metrics.get("SALES_REVENUE")!.id;
  // HQ's guidance for the county before any objection: 1,500,000.00.
  await prisma.guidanceTarget.create({
    data: { cycleId: cycle.id, orgUnitId: county.id, metricId: revenue, value: "1500000.00" },
  });
  world = {
    cycleId: cycle.id,
    planId: (await createPlan(prisma, { cycleId: cycle.id, orgUnitId: county.id })).id,
    cityPlanId: (await createPlan(prisma, { cycleId: cycle.id, orgUnitId: city.id })).id,
    provincePlanId: (await createPlan(prisma, { cycleId: cycle.id, orgUnitId: province.id })).id,
    countyId: county.id,
    countyCode: county.code,
    revenue,
    volume: metrics.get("SALES_VOLUME")!.id,
    specKey: cellDimensionKey({ productSpecId: spec.id }),
    planner: await viewerAt(county, "PLANNER", "ob.planner"),
    cityReviewer: await viewerAt(city, "REVIEWER", "ob.city"),
    provinceReviewer: await viewerAt(province, "REVIEWER", "ob.province"),
    sibling: await viewerAt(sibling, "PLANNER", "ob.sibling"),
    cityPlanner: await viewerAt(city, "PLANNER", "ob.cityplanner"),
    provincePlanner: await viewerAt(province, "PLANNER", "ob.provinceplanner"),
  };
});

let requestCounter = 0;
async function run(viewer: Viewer, query: string, variables: Record<string, unknown>) {
  const response = await apollo.executeOperation(
    { query, variables },
    {
      contextValue: {
        viewer,
        services,
        session: NO_SESSION,
        request: { requestId: `ob-${++requestCounter}`, clientAddress: "127.0.0.1", userAgent: null },
      },
    },
  );
  if (response.body.kind !== "single") throw new Error("expected a single result");
  return response.body.singleResult as { data?: Record<string, unknown> | null; errors?: readonly GraphQLFormattedError[] };
}

async function ok(viewer: Viewer, query: string, input: Record<string, unknown>) {
  const result = await run(viewer, query, { i: input });
  expect(result.errors).toBeUndefined();
  return Object.values(result.data!)[0] as { objection: ObjectionShape; guidance?: string | null };
}

function refusal(result: { errors?: readonly GraphQLFormattedError[] }) {
  const extensions = result.errors?.[0]?.extensions ?? {};
  return { code: extensions["code"], reason: extensions["reason"] };
}

async function guidance(metricId = world.revenue): Promise<string | null> {
  const { prisma } = getDb();
  const row = await prisma.guidanceTarget.findUnique({
    where: { cycleId_orgUnitId_metricId: { cycleId: world.cycleId, orgUnitId: world.countyId, metricId } },
  });
  return row?.value.toFixed(2) ?? null;
}

async function written() {
  const { prisma } = getDb();
  return {
    objections: await prisma.objection.findMany({
      orderBy: { id: "asc" },
      select: { id: true, status: true, escalations: true },
    }),
    audit: await prisma.auditLog.count(),
    guidance: await prisma.guidanceTarget.findMany({ orderBy: { id: "asc" }, select: { id: true, value: true } }),
  };
}

describe("an objection accepted", () => {
  it("sets the county's guidance to the proposed figure exactly, audited, and leaves the task list", async () => {
    const raised = await ok(world.planner, RAISE, {
      planId: world.planId,
      metricId: world.revenue,
      reason: "新竞品进入，全年 150 万过重",
      evidence: "竞品 9 月起在城区铺货 40 家终端",
      proposedValue: "1,200,000.50",
    });
    expect(raised.objection).toMatchObject({
      status: "OPEN",
      proposedValue: "1200000.50",
      escalations: 0,
      viewerMayWithdraw: true,
      viewerMayEscalate: false,
      viewerMayAnswer: false,
    });

    // The city's reviewer has a task for the county's plan, and sees the objection from its own plan's subtree.
    const tasks = await run(world.cityReviewer, TASKS, { c: world.cycleId });
    expect(tasks.data!["myTasks"]).toContainEqual({
      kind: "ANSWER_OBJECTION",
      unit: { code: world.countyCode },
      plan: { id: world.planId },
    });
    const seen = await run(world.cityReviewer, LIST, { p: world.cityPlanId, sub: true, s: ["OPEN"] });
    expect((seen.data!["planObjections"] as ObjectionShape[]).map((o) => [o.id, o.viewerMayAnswer])).toEqual([
      [raised.objection.id, true],
    ]);
    // The province is not the answerer while it is not escalated.
    expect(
      refusal(await run(world.provinceReviewer, ANSWER, { i: { objectionId: raised.objection.id, decision: "ACCEPT" } })),
    ).toEqual({
      code: "INVALID_TRANSITION",
      reason: "NOT_THE_ANSWERER",
    });
    expect((await run(world.provinceReviewer, TASKS, { c: world.cycleId })).data!["myTasks"]).toEqual([]);

    const accepted = await ok(world.cityReviewer, ANSWER, {
      objectionId: raised.objection.id,
      decision: "ACCEPT",
      response: "同意",
    });
    expect(accepted.guidance).toBe("1200000.50");
    expect(accepted.objection).toMatchObject({ status: "ACCEPTED", response: "同意", answeredBy: { login: "ob.city" } });
    expect(await guidance()).toBe("1200000.50");
    const { prisma } = getDb();
    const audit = await prisma.auditLog.findMany({
      where: { OR: [{ entity: "Objection", entityId: raised.objection.id }, { entity: "GuidanceTarget" }] },
      orderBy: { id: "asc" },
    });
    expect(audit.map((row) => [row.entity, row.action, row.actorId, row.before, row.after])).toEqual([
      [
        "Objection",
        "OBJECTION_RAISED",
        world.planner.userId,
        null,
        {
          status: "OPEN",
          metricId: world.revenue,
          month: null,
          dimensionKey: null,
          proposedValue: "1200000.50",
          detail: "新竞品进入，全年 150 万过重",
        },
      ],
      [
        "GuidanceTarget",
        "GUIDANCE_SET_BY_OBJECTION",
        world.cityReviewer.userId,
        { value: "1500000.00" },
        { value: "1200000.50", objectionId: raised.objection.id },
      ],
      [
        "Objection",
        "OBJECTION_ACCEPTED",
        world.cityReviewer.userId,
        { status: "OPEN", escalations: 0 },
        { status: "ACCEPTED", escalations: 0, guidance: "1200000.50", detail: "同意" },
      ],
    ]);
    expect(audit.every((row) => row.planId === world.planId && row.orgUnitId === world.countyId)).toBe(true);
    // Answered: no task left, and a second answer is refused.
    expect((await run(world.cityReviewer, TASKS, { c: world.cycleId })).data!["myTasks"]).toEqual([]);
    expect(
      refusal(
        await run(world.cityReviewer, ANSWER, { i: { objectionId: raised.objection.id, decision: "REJECT", response: "再议" } }),
      ),
    ).toEqual({
      code: "INVALID_TRANSITION",
      reason: "OBJECTION_NOT_OPEN",
    });
  });
});

describe("an objection rejected, then escalated", () => {
  it("rejects only with a reason, escalates once to the province, which answers", async () => {
    const cell = await ok(world.planner, RAISE, {
      planId: world.planId,
      metricId: world.revenue,
      month: 3,
      dimensionKey: world.specKey,
      reason: "3 月该品规目标过重",
      proposedValue: "1.1万",
    });
    expect(cell.objection).toMatchObject({ month: 3, dimensionKey: world.specKey, proposedValue: "11000.00" });
    const before = await guidance();
    expect(
      refusal(
        await run(world.cityReviewer, ANSWER, { i: { objectionId: cell.objection.id, decision: "REJECT", response: "  " } }),
      ),
    ).toEqual({
      code: "VALIDATION_FAILED",
      reason: "REASON_REQUIRED",
    });
    const rejected = await ok(world.cityReviewer, ANSWER, {
      objectionId: cell.objection.id,
      decision: "REJECT",
      response: "全市增长 8%，该县不能低于 5%",
    });
    expect(rejected.objection).toMatchObject({ status: "REJECTED", response: "全市增长 8%，该县不能低于 5%" });
    expect(rejected.guidance).toBeNull();
    expect(await guidance()).toBe(before);

    // The planner sees it may escalate; a sibling cannot reach it.
    const mine = await run(world.planner, LIST, { p: world.planId, s: ["REJECTED"] });
    expect((mine.data!["planObjections"] as ObjectionShape[]).find((o) => o.id === cell.objection.id)).toMatchObject({
      viewerMayEscalate: true,
      viewerMayWithdraw: false,
    });
    expect(refusal(await run(world.sibling, ESCALATE, { i: { objectionId: cell.objection.id } }))).toEqual({
      code: "NOT_FOUND",
      reason: "OBJECTION_NOT_FOUND",
    });

    const escalated = await ok(world.planner, ESCALATE, { objectionId: cell.objection.id, reason: "请省区裁定" });
    expect(escalated.objection).toMatchObject({ status: "ESCALATED", escalations: 1, escalationReason: "请省区裁定" });
    expect(refusal(await run(world.cityReviewer, ANSWER, { i: { objectionId: cell.objection.id, decision: "ACCEPT" } }))).toEqual(
      {
        code: "INVALID_TRANSITION",
        reason: "NOT_THE_ANSWERER",
      },
    );
    expect((await run(world.provinceReviewer, TASKS, { c: world.cycleId })).data!["myTasks"]).toContainEqual({
      kind: "ANSWER_OBJECTION",
      unit: { code: world.countyCode },
      plan: { id: world.planId },
    });
    // The province accepts with its own figure instead of the proposed one.
    const answered = await ok(world.provinceReviewer, ANSWER, {
      objectionId: cell.objection.id,
      decision: "ACCEPT",
      value: "1,350,000",
      response: "折中",
    });
    expect(answered.guidance).toBe("1350000.00");
    expect(answered.objection).toMatchObject({ status: "ACCEPTED", answeredBy: { login: "ob.province" }, escalations: 1 });
    expect(await guidance()).toBe("1350000.00");
    expect(refusal(await run(world.planner, ESCALATE, { i: { objectionId: cell.objection.id } }))).toEqual({
      code: "INVALID_TRANSITION",
      reason: "ALREADY_ESCALATED",
    });
  });

  it("cannot escalate above the top: a province's objection answered by HQ stays there", async () => {
    const raised = await ok(world.provincePlanner, RAISE, {
      planId: world.provincePlanId,
      metricId: world.revenue,
      reason: "过重",
    });
    const { prisma } = getDb();
    await prisma.objection.update({ where: { id: raised.objection.id }, data: { status: "REJECTED" } });
    expect(refusal(await run(world.provincePlanner, ESCALATE, { i: { objectionId: raised.objection.id } }))).toEqual({
      code: "INVALID_TRANSITION",
      reason: "NO_LEVEL_ABOVE",
    });
  });
});

describe("withdrawing and refusals", () => {
  it("withdraws an open objection; it can then be neither answered nor withdrawn again", async () => {
    const raised = await ok(world.planner, RAISE, { planId: world.planId, metricId: world.volume, reason: "销量过重" });
    expect(refusal(await run(world.planner, ESCALATE, { i: { objectionId: raised.objection.id } }))).toEqual({
      code: "INVALID_TRANSITION",
      reason: "OBJECTION_NOT_REJECTED",
    });
    // Accepting needs a figure: none was proposed and none given.
    expect(
      refusal(await run(world.cityReviewer, ANSWER, { i: { objectionId: raised.objection.id, decision: "ACCEPT" } })),
    ).toEqual({
      code: "VALIDATION_FAILED",
      reason: "NO_PROPOSED_VALUE",
    });
    const withdrawn = await ok(world.planner, WITHDRAW, { objectionId: raised.objection.id });
    expect(withdrawn.objection.status).toBe("WITHDRAWN");
    expect(
      refusal(
        await run(world.cityReviewer, ANSWER, { i: { objectionId: raised.objection.id, decision: "REJECT", response: "x" } }),
      ),
    ).toEqual({
      code: "INVALID_TRANSITION",
      reason: "OBJECTION_NOT_OPEN",
    });
    expect(refusal(await run(world.planner, WITHDRAW, { i: { objectionId: raised.objection.id } }))).toEqual({
      code: "INVALID_TRANSITION",
      reason: "OBJECTION_NOT_OPEN",
    });
  });

  it("refuses bad input and the wrong people with a clear error, and writes nothing", async () => {
    const before = await written();
    const base = { planId: world.planId, metricId: world.revenue, reason: "过重" };
    const cases: [Viewer, Record<string, unknown>, { code: string; reason?: string }][] = [
      [world.planner, { ...base, proposedValue: "一百万" }, { code: "VALIDATION_FAILED", reason: "NOT_A_NUMBER" }],
      [world.planner, { ...base, proposedValue: "-5" }, { code: "VALIDATION_FAILED", reason: "NEGATIVE_VALUE" }],
      [world.planner, { ...base, proposedValue: "1.234" }, { code: "VALIDATION_FAILED", reason: "TOO_MANY_DECIMALS" }],
      [world.planner, { ...base, month: 3 }, { code: "VALIDATION_FAILED", reason: "ANCHOR_INCOMPLETE" }],
      [world.planner, { ...base, month: 3, dimensionKey: "spec" }, { code: "VALIDATION_FAILED", reason: "BAD_DIMENSION_KEY" }],
      [world.planner, { ...base, month: 13, dimensionKey: "" }, { code: "VALIDATION_FAILED", reason: "INVALID_INPUT" }],
      [world.planner, { ...base, reason: "  " }, { code: "VALIDATION_FAILED", reason: "INVALID_INPUT" }],
      [world.planner, { ...base, metricId: "no-such-metric" }, { code: "VALIDATION_FAILED", reason: "UNKNOWN_METRIC" }],
      [
        world.planner,
        { ...base, metricId: "no-such-metric", proposedValue: "1" },
        { code: "VALIDATION_FAILED", reason: "UNKNOWN_METRIC" },
      ],
      // Another county's planner, and the city's planner (the plan is not its own unit's): not found.
      [world.sibling, base, { code: "NOT_FOUND", reason: "PLAN_NOT_FOUND" }],
      [world.cityPlanner, base, { code: "NOT_FOUND", reason: "PLAN_NOT_FOUND" }],
      // A reviewer does not raise objections at all.
      [world.cityReviewer, base, { code: "FORBIDDEN" }],
    ];
    for (const [viewer, input, expected] of cases) {
      const result = await run(viewer, RAISE, { i: input });
      expect({ input, ...refusal(result) }).toEqual({
        input,
        code: expected.code,
        reason: expected.reason ?? refusal(result).reason,
      });
      expect(result.errors?.[0]?.message).toBeTruthy();
    }
    const open = await ok(world.planner, RAISE, { ...base, proposedValue: "100" });
    const afterRaise = await written();
    for (const [input, expected] of [
      [{ objectionId: open.objection.id, decision: "ACCEPT", value: "abc" }, "NOT_A_NUMBER"],
      [{ objectionId: open.objection.id, decision: "ACCEPT", value: "-1" }, "NEGATIVE_VALUE"],
    ] as const) {
      expect(refusal(await run(world.cityReviewer, ANSWER, { i: input }))).toEqual({
        code: "VALIDATION_FAILED",
        reason: expected,
      });
    }
    expect(refusal(await run(world.sibling, WITHDRAW, { i: { objectionId: open.objection.id } }))).toEqual({
      code: "NOT_FOUND",
      reason: "OBJECTION_NOT_FOUND",
    });
    expect(await written()).toEqual(afterRaise);
    expect(afterRaise.objections.length).toBe(before.objections.length + 1);
    expect(afterRaise.guidance).toEqual(before.guidance);
  });
});

describe("the database's own rules for escalation", () => {
  it("refuses a second escalation and an escalation count without its time", async () => {
    const { prisma } = getDb();
    const row = await prisma.objection.create({
      data: { planId: world.planId, metricId: world.revenue, reason: "约束", raisedById: world.planner.userId },
    });
    await expect(
      prisma.objection.update({ where: { id: row.id }, data: { escalations: 2, escalatedAt: new Date() } }),
    ).rejects.toThrow();
    await expect(prisma.objection.update({ where: { id: row.id }, data: { escalations: 1 } })).rejects.toThrow();
    await expect(prisma.objection.update({ where: { id: row.id }, data: { escalatedAt: new Date() } })).rejects.toThrow();
    expect(await prisma.objection.findUniqueOrThrow({ where: { id: row.id } })).toMatchObject({
      escalations: 0,
      escalatedAt: null,
    });
  });
});

describe("the plan checks", () => {
  it("count an escalated objection of the plan as still pending, and not once answered", async () => {
    const { prisma, dataAccess } = getDb();
    const row = await prisma.objection.create({
      data: {
        planId: world.planId,
        metricId: world.revenue,
        reason: "待省区答复",
        raisedById: world.planner.userId,
        status: "ESCALATED",
        escalations: 1,
        escalatedAt: new Date(),
      },
    });
    const pending = async () =>
      (await dataAccess.repositories.planChecks.openObjections(world.planId, world.cycleId, world.countyId)).filter(
        (objection) => objection.id === row.id,
      );
    expect(await pending()).toEqual([{ id: row.id, direction: "TO_PARENT", unitId: world.countyId, metricId: world.revenue }]);
    await ok(world.provinceReviewer, ANSWER, { objectionId: row.id, decision: "REJECT", response: "维持" });
    expect(await pending()).toEqual([]);
  });
});
