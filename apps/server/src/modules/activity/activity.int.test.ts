// The activity feed through the real schema, on PGlite and PostgreSQL: workflow events of
// the plans below the viewer, comments on their own unit's plan and objection steps below
// them, newest first, paged, never their own doings nor another branch's; and the deadline
// notices of their own unit's plan (near, passed) at a fixed clock.
import { ApolloServer } from "@apollo/server";
import {
  createOrgUnit,
  createPlan,
  createPlanCycle,
  createUser,
  ensureStandardMetrics,
  useTestDatabase,
} from "@pyramid/db/testing";
import type { Role } from "@pyramid/domain";
import type { GraphQLFormattedError } from "graphql";
import { beforeAll, describe, expect, it } from "vitest";
import type { RequestContext } from "../../context.js";
import { createErrorFormatter } from "../../errors.js";
import { NO_SESSION } from "../../http/request-session.js";
import { createSchema } from "../../schema/create-schema.js";
import { createServices } from "../../services.js";
import type { Viewer } from "../../viewer.js";

const getDb = useTestDatabase();

// 2026-12-15 10:00 Beijing time.
const NOW = new Date("2026-12-15T02:00:00Z");

let apollo: ApolloServer<RequestContext>;
let services: ReturnType<typeof createServices>;

const FEED = `query($c: ID, $first: Int, $after: String) { myActivity(cycleId: $c, first: $first, after: $after) {
  totalCount nextCursor
  nodes { kind action detail fromStatus toStatus planId unit { code } actor { login } subjectId }
  deadlines { dueOn state daysLeft unit { code } plan { status } }
} }`;

interface Item {
  kind: string;
  action: string;
  detail: string | null;
  fromStatus: string | null;
  toStatus: string | null;
  planId: string;
  unit: { code: string };
  actor: { login: string } | null;
  subjectId: string | null;
}

let world: {
  cycleId: string;
  countyPlanId: string;
  cityPlanId: string;
  otherPlanId: string;
  countyCode: string;
  cityCode: string;
  otherCountyCode: string;
  revenue: string;
  planner: Viewer;
  cityManager: Viewer;
  provinceReviewer: Viewer;
};

async function viewerAt(unit: { id: string; path: string }, roles: Role[], login: string): Promise<Viewer> {
  const { prisma } = getDb();
  const { user } = await createUser(prisma, { orgUnitId: unit.id, roles, login });
  return {
    userId: user.id,
    sessionId: `s-${login}`,
    assignments: roles.map((role) => ({ role, orgUnitId: unit.id, orgUnitPath: unit.path })),
  };
}

let requestCounter = 0;
async function run(viewer: Viewer, query: string, variables: Record<string, unknown>) {
  const response = await apollo.executeOperation(
    { query, variables },
    {
      contextValue: {
        viewer,
        services,
        session: NO_SESSION,
        request: { requestId: `ac-${++requestCounter}`, clientAddress: "127.0.0.1", userAgent: null },
      },
    },
  );
  if (response.body.kind !== "single") throw new Error("expected a single result");
  const { data, errors } = response.body.singleResult as {
    data?: Record<string, unknown> | null;
    errors?: readonly GraphQLFormattedError[];
  };
  expect(errors).toBeUndefined();
  return Object.values(data!)[0] as Record<string, unknown>;
}

beforeAll(async () => {
  apollo = new ApolloServer<RequestContext>({ schema: createSchema(), formatError: createErrorFormatter() });
  await apollo.start();
  const { prisma, dataAccess } = getDb();
  services = createServices({ dataAccess, version: "test", log: { error: () => undefined }, clock: () => NOW });
  const revenue = (await ensureStandardMetrics(prisma)).get("SALES_REVENUE")!.id;
  // County deadline 2026-12-10 (passed), city 2026-12-20 (5 days: near), province 2027-01-05 (far).
  const cycle = await createPlanCycle(prisma, {
    deadlines: { COUNTY: "2026-12-10", CITY: "2026-12-20", PROVINCE: "2027-01-05", HQ: "2027-01-08" },
  });
  const hq = await createOrgUnit(prisma, { level: "HQ" });
  const province = await createOrgUnit(prisma, { level: "PROVINCE", parent: hq });
  const city = await createOrgUnit(prisma, { level: "CITY", parent: province });
  const otherCity = await createOrgUnit(prisma, { level: "CITY", parent: province });
  const county = await createOrgUnit(prisma, { level: "COUNTY", parent: city });
  const otherCounty = await createOrgUnit(prisma, { level: "COUNTY", parent: otherCity });
  world = {
    cycleId: cycle.id,
    countyPlanId: (await createPlan(prisma, { cycleId: cycle.id, orgUnitId: county.id })).id,
    cityPlanId: (await createPlan(prisma, { cycleId: cycle.id, orgUnitId: city.id })).id,
    otherPlanId: (await createPlan(prisma, { cycleId: cycle.id, orgUnitId: otherCounty.id })).id,
    countyCode: county.code,
    cityCode: city.code,
    otherCountyCode: otherCounty.code,
    revenue,
    planner: await viewerAt(county, ["PLANNER"], "ac.planner"),
    // A city manager writes the city plan and reviews its counties.
    cityManager: await viewerAt(city, ["PLANNER", "REVIEWER"], "ac.city"),
    provinceReviewer: await viewerAt(province, ["REVIEWER"], "ac.province"),
  };
  await createPlan(prisma, { cycleId: cycle.id, orgUnitId: province.id, status: "SUBMITTED" });
});

describe("myActivity", () => {
  it("lists what changed below the viewer, newest first, paged, without the viewer's own doings", async () => {
    const { prisma } = getDb();
    const at = (iso: string) => new Date(iso);
    // Workflow events (written as the workflow module writes them): the county submits, the city
    // (the viewer) returns it, the county submits again; another branch's county submits.
    await prisma.workflowEvent.createMany({
      data: [
        {
          planId: world.countyPlanId,
          action: "SUBMIT",
          fromStatus: "DRAFT",
          toStatus: "SUBMITTED",
          actorId: world.planner.userId,
          createdAt: at("2026-11-01T01:00:00Z"),
        },
        {
          planId: world.countyPlanId,
          action: "RETURN",
          fromStatus: "SUBMITTED",
          toStatus: "RETURNED",
          actorId: world.cityManager.userId,
          reason: "费用率过高",
          createdAt: at("2026-11-02T01:00:00Z"),
        },
        {
          planId: world.countyPlanId,
          action: "SUBMIT",
          fromStatus: "RETURNED",
          toStatus: "SUBMITTED",
          actorId: world.planner.userId,
          createdAt: at("2026-11-03T01:00:00Z"),
        },
        {
          planId: world.otherPlanId,
          action: "SUBMIT",
          fromStatus: "DRAFT",
          toStatus: "SUBMITTED",
          actorId: null,
          createdAt: at("2026-11-04T01:00:00Z"),
        },
      ],
    });
    // Then (now, after those): the county raises an objection; the province comments on the city's plan;
    // the city manager comments on the county's plan (its own doing: not in its feed).
    const objection = (await run(
      world.planner,
      `mutation($i: RaiseObjectionInput!) { raiseObjection(input: $i) { objection { id } } }`,
      {
        i: { planId: world.countyPlanId, metricId: world.revenue, reason: "目标过重", proposedValue: "100" },
      },
    )) as { objection: { id: string } };
    const comment = (await run(
      world.provinceReviewer,
      `mutation($i: AddCommentInput!) { addComment(input: $i) { comment { id } } }`,
      {
        i: { planId: world.cityPlanId, body: "请补充县级汇总说明" },
      },
    )) as { comment: { id: string } };
    await run(world.cityManager, `mutation($i: AddCommentInput!) { addComment(input: $i) { comment { id } } }`, {
      i: { planId: world.countyPlanId, body: "已看" },
    });

    const feed = (await run(world.cityManager, FEED, { c: world.cycleId })) as { totalCount: number; nodes: Item[] };
    expect(feed.totalCount).toBe(4);
    expect(
      feed.nodes.map((item) => [item.kind, item.action, item.unit.code, item.actor?.login ?? null, item.detail, item.toStatus]),
    ).toEqual([
      ["COMMENT", "COMMENT_ADDED", world.cityCode, "ac.province", "请补充县级汇总说明", null],
      ["OBJECTION", "OBJECTION_RAISED", world.countyCode, "ac.planner", "目标过重", "OPEN"],
      ["WORKFLOW", "SUBMIT", world.countyCode, "ac.planner", null, "SUBMITTED"],
      ["WORKFLOW", "SUBMIT", world.countyCode, "ac.planner", null, "SUBMITTED"],
    ]);
    expect(feed.nodes[0]!.subjectId).toBe(comment.comment.id);
    expect(feed.nodes[1]!.subjectId).toBe(objection.objection.id);
    expect(feed.nodes[2]!.fromStatus).toBe("RETURNED");
    expect(feed.nodes[3]!.fromStatus).toBe("DRAFT");

    // Paged: two, then the other two, the same order.
    const first = (await run(world.cityManager, FEED, { c: world.cycleId, first: 2 })) as { nodes: Item[]; nextCursor: string };
    const second = (await run(world.cityManager, FEED, { c: world.cycleId, first: 2, after: first.nextCursor })) as {
      nodes: Item[];
      nextCursor: string | null;
      totalCount: number;
    };
    expect([...first.nodes, ...second.nodes]).toEqual(feed.nodes);
    expect([second.nextCursor, second.totalCount]).toEqual([null, 4]);

    // The county planner sees the city's return and the city manager's comment on its plan, not its own steps.
    const county = (await run(world.planner, FEED, { c: world.cycleId })) as { nodes: Item[] };
    expect(county.nodes.map((item) => [item.kind, item.action, item.actor?.login, item.detail])).toEqual([
      ["COMMENT", "COMMENT_ADDED", "ac.city", "已看"],
      ["WORKFLOW", "RETURN", "ac.city", "费用率过高"],
    ]);

    // The province sees both branches' workflow, but comments only on its own unit's plan (none by others).
    const province = (await run(world.provinceReviewer, FEED, { c: world.cycleId })) as { nodes: Item[] };
    expect(province.nodes.map((item) => [item.kind, item.action, item.unit.code])).toEqual([
      ["OBJECTION", "OBJECTION_RAISED", world.countyCode],
      ["WORKFLOW", "SUBMIT", world.otherCountyCode],
      ["WORKFLOW", "SUBMIT", world.countyCode],
      ["WORKFLOW", "RETURN", world.countyCode],
      ["WORKFLOW", "SUBMIT", world.countyCode],
    ]);
  });

  it("names the deadlines of the viewer's own unfinished plans that are near or passed", async () => {
    const county = (await run(world.planner, FEED, { c: world.cycleId })) as { deadlines: unknown[] };
    // 2026-12-10 ended on 12-10 16:00 UTC; at 12-15 10:00 Beijing it is 5 days past.
    expect(county.deadlines).toEqual([
      { dueOn: "2026-12-10", state: "PASSED", daysLeft: -5, unit: { code: world.countyCode }, plan: { status: "DRAFT" } },
    ]);
    const city = (await run(world.cityManager, FEED, { c: world.cycleId })) as { deadlines: unknown[] };
    expect(city.deadlines).toEqual([
      { dueOn: "2026-12-20", state: "NEAR", daysLeft: 5, unit: { code: world.cityCode }, plan: { status: "DRAFT" } },
    ]);
    // The province's plan is submitted: nothing to remind.
    expect(((await run(world.provinceReviewer, FEED, { c: world.cycleId })) as { deadlines: unknown[] }).deadlines).toEqual([]);
  });
});
