// Comments through the real schema, access rules and error map, on PGlite and PostgreSQL:
// on the plan, a section, a target cell and an expense line; replies (one level), resolve
// and reopen; lists by anchor and unresolved; markers per anchor; audit rows; a sibling or
// unrelated unit cannot see or comment (NOT_FOUND); bad input writes nothing.
import { ApolloServer } from "@apollo/server";
import {
  createOrgUnit,
  createPlan,
  createPlanCycle,
  createProductSpec,
  createUser,
  ensureExpenseTree,
  ensureStandardMetrics,
  useTestDatabase,
} from "@pyramid/db/testing";
import { MAX_COMMENT_BODY_LENGTH, cellDimensionKey, type Role } from "@pyramid/domain";
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

const COMMENT = `id planId parentId body resolved resolvedBy { login } author { login }
  anchor { kind sectionCode metricId itemId month dimensionKey key }`;
const THREAD = `${COMMENT} replies { ${COMMENT} }`;
const ADD = `mutation($i: AddCommentInput!) { addComment(input: $i) { comment { ${THREAD} } } }`;
const RESOLVE = `mutation($i: SetCommentResolvedInput!) { setCommentResolved(input: $i) { comment { ${THREAD} } } }`;
const LIST = `query($p: ID!, $f: CommentFilter, $first: Int, $after: String) {
  planComments(planId: $p, filter: $f, first: $first, after: $after) { totalCount nextCursor nodes { ${THREAD} } } }`;
const MARKERS = `query($p: ID!) { planCommentMarkers(planId: $p) { count unresolvedThreads anchor { key } } }`;

interface CommentShape {
  id: string;
  parentId: string | null;
  body: string;
  resolved: boolean;
  resolvedBy: { login: string } | null;
  author: { login: string } | null;
  anchor: { kind: string; key: string; month: number | null; dimensionKey: string | null };
  replies: CommentShape[];
}

let world: {
  planId: string;
  cityPlanId: string;
  revenue: string;
  rent: string;
  specKey: string;
  planner: Viewer;
  reviewer: Viewer;
  sibling: Viewer;
  unrelated: Viewer;
  finance: Viewer;
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
  const items = await ensureExpenseTree(prisma);
  const cycle = await createPlanCycle(prisma);
  //  HQ → P → C → K (comments here), K2 (sibling); HQ → P → C2 → K3 (unrelated)
  const hq = await createOrgUnit(prisma, { level: "HQ" });
  const province = await createOrgUnit(prisma, { level: "PROVINCE", parent: hq });
  const city = await createOrgUnit(prisma, { level: "CITY", parent: province });
  const otherCity = await createOrgUnit(prisma, { level: "CITY", parent: province });
  const county = await createOrgUnit(prisma, { level: "COUNTY", parent: city });
  const sibling = await createOrgUnit(prisma, { level: "COUNTY", parent: city });
  const unrelated = await createOrgUnit(prisma, { level: "COUNTY", parent: otherCity });
  const spec = await createProductSpec(prisma);
  world = {
    planId: (await createPlan(prisma, { cycleId: cycle.id, orgUnitId: county.id })).id,
    cityPlanId: (await createPlan(prisma, { cycleId: cycle.id, orgUnitId: city.id })).id,
    revenue: metrics.get("SALES_REVENUE")!.id,
    rent: [...items.values()][0]!.id,
    specKey: cellDimensionKey({ productSpecId: spec.id }),
    planner: await viewerAt(county, "PLANNER", "cm.planner"),
    reviewer: await viewerAt(city, "REVIEWER", "cm.reviewer"),
    sibling: await viewerAt(sibling, "PLANNER", "cm.sibling"),
    unrelated: await viewerAt(unrelated, "REVIEWER", "cm.unrelated"),
    finance: await viewerAt(province, "FINANCE", "cm.finance"),
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
        request: { requestId: `cm-${++requestCounter}`, clientAddress: "127.0.0.1", userAgent: null },
      },
    },
  );
  if (response.body.kind !== "single") throw new Error("expected a single result");
  return response.body.singleResult as { data?: Record<string, unknown> | null; errors?: readonly GraphQLFormattedError[] };
}

async function add(viewer: Viewer, input: Record<string, unknown>): Promise<CommentShape> {
  const { data, errors } = await run(viewer, ADD, { i: input });
  expect(errors).toBeUndefined();
  return (data!["addComment"] as { comment: CommentShape }).comment;
}

async function list(viewer: Viewer, filter: Record<string, unknown> | null = null, planId = world.planId) {
  const { data, errors } = await run(viewer, LIST, { p: planId, f: filter });
  expect(errors).toBeUndefined();
  return data!["planComments"] as { totalCount: number; nextCursor: string | null; nodes: CommentShape[] };
}

function refusal(result: { errors?: readonly GraphQLFormattedError[] }) {
  const extensions = result.errors?.[0]?.extensions ?? {};
  return { code: extensions["code"], reason: extensions["reason"] };
}

async function written() {
  const { prisma } = getDb();
  return {
    comments: await prisma.comment.count(),
    resolved: await prisma.comment.count({ where: { resolved: true } }),
    audit: await prisma.auditLog.count({ where: { entity: "Comment" } }),
  };
}

describe("comments on a plan, a section and a cell", () => {
  it("writes threads on each anchor, replies one level deep, resolves and reopens, audited", async () => {
    const before = await written();
    const onPlan = await add(world.planner, { planId: world.planId, body: "请审阅整体思路" });
    const onSection = await add(world.reviewer, {
      planId: world.planId,
      anchor: { kind: "SECTION", sectionCode: "ENV_COMPETITION" },
      body: "竞品分析缺少价格",
    });
    const cell = { kind: "TARGET_CELL", metricId: world.revenue, month: 3, dimensionKey: world.specKey };
    const onCell = await add(world.reviewer, { planId: world.planId, anchor: cell, body: "3 月目标偏高，依据？" });
    const onExpense = await add(world.finance, {
      planId: world.planId,
      anchor: { kind: "EXPENSE_CELL", itemId: world.rent, month: 2, dimensionKey: "" },
      body: "租金与合同不符",
    });
    expect(onPlan.anchor).toMatchObject({ kind: "PLAN", key: "PLAN" });
    expect(onSection.anchor).toMatchObject({ kind: "SECTION", key: "SECTION:ENV_COMPETITION" });
    expect(onCell.anchor).toMatchObject({ kind: "TARGET_CELL", key: `TARGET:${world.revenue}:3:${world.specKey}` });
    expect(onExpense.anchor.key).toBe(`EXPENSE:${world.rent}:2:`);

    // A reply sits where its thread does (the anchor given is ignored); a reply to a reply joins the thread.
    const reply = await add(world.planner, {
      planId: world.planId,
      parentId: onCell.id,
      anchor: { kind: "PLAN" },
      body: "依据去年 3 月的团购",
    });
    expect(reply).toMatchObject({ parentId: onCell.id, anchor: { key: onCell.anchor.key } });
    const second = await add(world.reviewer, { planId: world.planId, parentId: reply.id, body: "好的" });
    expect(second.parentId).toBe(onCell.id);

    const all = await list(world.reviewer);
    expect(all.totalCount).toBe(4);
    expect(all.nodes.map((thread) => thread.id)).toEqual([onExpense.id, onCell.id, onSection.id, onPlan.id]);
    const byCell = await list(world.finance, { anchor: cell });
    expect(byCell.nodes.map((thread) => [thread.id, thread.replies.map((r) => [r.body, r.author?.login])])).toEqual([
      [
        onCell.id,
        [
          ["依据去年 3 月的团购", "cm.planner"],
          ["好的", "cm.reviewer"],
        ],
      ],
    ]);
    expect((await list(world.planner, { anchorKind: "SECTION" })).nodes.map((t) => t.id)).toEqual([onSection.id]);
    expect((await list(world.planner, { anchorKind: "PLAN" })).nodes.map((t) => t.id)).toEqual([onPlan.id]);
    const paged = await run(world.planner, LIST, { p: world.planId, first: 3 });
    const firstPage = paged.data!["planComments"] as { nodes: CommentShape[]; nextCursor: string };
    expect(firstPage.nodes).toHaveLength(3);
    const rest = await run(world.planner, LIST, { p: world.planId, first: 3, after: firstPage.nextCursor });
    expect((rest.data!["planComments"] as { nodes: CommentShape[] }).nodes.map((t) => t.id)).toEqual([onPlan.id]);

    // Resolving through any comment of the thread resolves the thread; twice writes once.
    const resolved = await run(world.planner, RESOLVE, { i: { commentId: second.id, resolved: true } });
    expect(resolved.errors).toBeUndefined();
    const thread = (resolved.data!["setCommentResolved"] as { comment: CommentShape }).comment;
    expect([thread.id, thread.resolved, thread.resolvedBy?.login, thread.replies.length]).toEqual([
      onCell.id,
      true,
      "cm.planner",
      2,
    ]);
    expect((await run(world.planner, RESOLVE, { i: { commentId: onCell.id, resolved: true } })).errors).toBeUndefined();
    expect((await list(world.planner, { unresolvedOnly: true })).nodes.map((t) => t.id)).toEqual([
      onExpense.id,
      onSection.id,
      onPlan.id,
    ]);

    const markers = await run(world.planner, MARKERS, { p: world.planId });
    expect(markers.data!["planCommentMarkers"]).toEqual(
      expect.arrayContaining([
        { anchor: { key: "SECTION:ENV_COMPETITION" }, count: 1, unresolvedThreads: 1 },
        { anchor: { key: onCell.anchor.key }, count: 3, unresolvedThreads: 0 },
        { anchor: { key: onExpense.anchor.key }, count: 1, unresolvedThreads: 1 },
      ]),
    );
    expect(markers.data!["planCommentMarkers"]).toHaveLength(3);

    const reopened = await run(world.reviewer, RESOLVE, { i: { commentId: onCell.id, resolved: false } });
    expect((reopened.data!["setCommentResolved"] as { comment: CommentShape }).comment).toMatchObject({
      resolved: false,
      resolvedBy: null,
    });

    const after = await written();
    expect(after.comments - before.comments).toBe(6);
    expect(after.resolved - before.resolved).toBe(0);
    const { prisma } = getDb();
    const audit = await prisma.auditLog.findMany({ where: { entity: "Comment", entityId: onCell.id }, orderBy: { id: "asc" } });
    expect(audit.map((row) => [row.action, row.actorId, row.planId, row.before, row.after])).toEqual([
      [
        "COMMENT_ADDED",
        world.reviewer.userId,
        world.planId,
        null,
        { anchor: onCell.anchor.key, parentId: null, body: "3 月目标偏高，依据？" },
      ],
      ["COMMENT_RESOLVED", world.planner.userId, world.planId, { resolved: false }, { resolved: true }],
      ["COMMENT_REOPENED", world.reviewer.userId, world.planId, { resolved: true }, { resolved: false }],
    ]);
    expect(after.audit - before.audit).toBe(8);
  });

  it("is NOT_FOUND for a sibling or an unrelated unit, as for a plan that does not exist, and writes nothing", async () => {
    const existing = await add(world.planner, { planId: world.planId, body: "仅本县可见" });
    const before = await written();
    for (const outsider of [world.sibling, world.unrelated]) {
      expect(refusal(await run(outsider, LIST, { p: world.planId }))).toEqual({ code: "NOT_FOUND", reason: "PLAN_NOT_FOUND" });
      expect(refusal(await run(outsider, MARKERS, { p: world.planId }))).toEqual({ code: "NOT_FOUND", reason: "PLAN_NOT_FOUND" });
      expect(refusal(await run(outsider, ADD, { i: { planId: world.planId, body: "越权" } }))).toEqual({
        code: "NOT_FOUND",
        reason: "PLAN_NOT_FOUND",
      });
      expect(refusal(await run(outsider, ADD, { i: { planId: world.planId, parentId: existing.id, body: "越权" } }))).toEqual({
        code: "NOT_FOUND",
        reason: "PLAN_NOT_FOUND",
      });
      expect(refusal(await run(outsider, RESOLVE, { i: { commentId: existing.id, resolved: true } }))).toEqual({
        code: "NOT_FOUND",
        reason: "COMMENT_NOT_FOUND",
      });
    }
    // The county planner cannot see the city's plan above it either.
    expect(refusal(await run(world.planner, ADD, { i: { planId: world.cityPlanId, body: "向上" } }))).toEqual({
      code: "NOT_FOUND",
      reason: "PLAN_NOT_FOUND",
    });
    expect(await written()).toEqual(before);
  });

  it("refuses bad input with a clear reason and writes nothing", async () => {
    const before = await written();
    const cases: [Record<string, unknown>, string][] = [
      [{ planId: world.planId, body: "   " }, "EMPTY_BODY"],
      [{ planId: world.planId, body: "长".repeat(MAX_COMMENT_BODY_LENGTH + 1) }, "BODY_TOO_LONG"],
      [
        {
          planId: world.planId,
          body: "x",
          anchor: { kind: "TARGET_CELL", metricId: world.revenue, month: 13, dimensionKey: "" },
        },
        "BAD_MONTH",
      ],
      [
        {
          planId: world.planId,
          body: "x",
          anchor: { kind: "TARGET_CELL", metricId: world.revenue, month: 1, dimensionKey: "terminal=a;spec=b" },
        },
        "BAD_DIMENSION_KEY",
      ],
      [
        {
          planId: world.planId,
          body: "x",
          anchor: { kind: "EXPENSE_CELL", itemId: world.rent, month: 1, dimensionKey: world.specKey },
        },
        "EXPENSE_KEY_DIMENSION",
      ],
      [
        { planId: world.planId, body: "x", anchor: { kind: "TARGET_CELL", metricId: world.revenue, month: 1 } },
        "ANCHOR_INCOMPLETE",
      ],
      [{ planId: world.planId, body: "x", anchor: { kind: "SECTION", sectionCode: "NO_SUCH_SECTION" } }, "UNKNOWN_SECTION"],
      [
        {
          planId: world.planId,
          body: "x",
          anchor: { kind: "TARGET_CELL", metricId: "no-such-metric", month: 1, dimensionKey: "" },
        },
        "UNKNOWN_METRIC",
      ],
      [
        { planId: world.planId, body: "x", anchor: { kind: "EXPENSE_CELL", itemId: "no-such-item", month: 1, dimensionKey: "" } },
        "UNKNOWN_EXPENSE_ITEM",
      ],
    ];
    for (const [input, reason] of cases) {
      const result = await run(world.reviewer, ADD, { i: input });
      expect(refusal(result)).toEqual({ code: "VALIDATION_FAILED", reason });
      expect(result.errors?.[0]?.message).not.toBe("");
    }
    expect(
      refusal(await run(world.reviewer, ADD, { i: { planId: world.planId, parentId: "no-such-comment", body: "x" } })),
    ).toEqual({
      code: "NOT_FOUND",
      reason: "COMMENT_NOT_FOUND",
    });
    expect(await written()).toEqual(before);
  });
});
