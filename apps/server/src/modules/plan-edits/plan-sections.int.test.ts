// updatePlanSection and setPlanSectionLinks through the real schema, access rules and
// error map: optimistic concurrency per section, the body limit, method-only links,
// audit rows, and refusals that write nothing.
import {
  createOrgUnit,
  createPlan,
  createPlanCycle,
  createProductSpec,
  createUser,
  ensureStandardMetrics,
  useTestDatabase,
} from "@pyramid/db/testing";
import { MAX_SECTION_BODY_LENGTH, MAX_SECTION_LINKS, type PlanStatus } from "@pyramid/domain";
import { beforeAll, describe, expect, it } from "vitest";
import { startGraphQLHarness, type GraphQLHarness } from "../../testing/graphql-harness.js";
import type { Viewer } from "../../viewer.js";

const getDb = useTestDatabase();

let harness: GraphQLHarness;

const SECTION_FIELDS = `planId code body version updatedAt updatedBy { id login displayName } links { metricId productSpecId }`;
const RESULT = `
  __typename
  ... on PlanSectionSaved { section { ${SECTION_FIELDS} } }
  ... on PlanSectionConflict { planId code message expectedVersion current { ${SECTION_FIELDS} } }`;
const UPDATE = `
  mutation Update($planId: ID!, $code: String!, $body: String!, $expectedVersion: Int) {
    updatePlanSection(planId: $planId, code: $code, body: $body, expectedVersion: $expectedVersion) { ${RESULT} }
  }`;
const LINKS = `
  mutation Links($planId: ID!, $code: String!, $links: [PlanSectionLinkInput!]!, $expectedVersion: Int) {
    setPlanSectionLinks(planId: $planId, code: $code, links: $links, expectedVersion: $expectedVersion) { ${RESULT} }
  }`;

interface Section {
  planId: string;
  code: string;
  body: string;
  version: number;
  updatedAt: string;
  updatedBy: { id: string; login: string; displayName: string } | null;
  links: { metricId: string; productSpecId: string | null }[];
}

type SectionResult =
  | { __typename: "PlanSectionSaved"; section: Section }
  | {
      __typename: "PlanSectionConflict";
      planId: string;
      code: string;
      message: string;
      expectedVersion: number | null;
      current: Section | null;
    };

interface World {
  planId: string;
  otherPlanId: string;
  cycleId: string;
  cityId: string;
  cityPath: string;
  revenue: string;
  profit: string;
  spec: string;
  one: { viewer: Viewer; login: string; displayName: string };
  two: { viewer: Viewer; login: string; displayName: string };
}

let world: World;

beforeAll(async () => {
  const { prisma, dataAccess } = getDb();
  harness = await startGraphQLHarness(dataAccess);
  const metrics = await ensureStandardMetrics(prisma);
  const cycle = await createPlanCycle(prisma);
  const hq = await createOrgUnit(prisma, { level: "HQ" });
  const city = await createOrgUnit(prisma, { level: "CITY", parent: hq });
  const county = await createOrgUnit(prisma, { level: "COUNTY", parent: city });
  const other = await createOrgUnit(prisma, { level: "COUNTY", parent: city });
  const planner = async (login: string) => {
    const displayName = `规划 ${login}`;
    const { user } = await createUser(prisma, { orgUnitId: county.id, role: "PLANNER", login, displayName });
    return {
      login,
      displayName,
      viewer: {
        userId: user.id,
        sessionId: `session-${login}`,
        assignments: [{ role: "PLANNER" as const, orgUnitId: county.id, orgUnitPath: county.path }],
      },
    };
  };
  world = {
    planId: (await createPlan(prisma, { cycleId: cycle.id, orgUnitId: county.id })).id,
    otherPlanId: (await createPlan(prisma, { cycleId: cycle.id, orgUnitId: other.id })).id,
    cycleId: cycle.id,
    cityId: city.id,
    cityPath: city.path,
    revenue: metrics.get("SALES_REVENUE")!.id,
    profit: metrics.get("GROSS_PROFIT")!.id,
    spec: (await createProductSpec(prisma)).id,
    one: await planner("section.one"),
    two: await planner("section.two"),
  };
});

let requestCounter = 0;

async function run(viewer: Viewer, query: string, variables: Record<string, unknown>, requestId = `sec-${++requestCounter}`) {
  const { data, errors } = await harness.run(viewer, query, variables, requestId);
  const result = (data?.["updatePlanSection"] ?? data?.["setPlanSectionLinks"] ?? null) as SectionResult | null;
  return { result, errors };
}

const update = (
  viewer: Viewer,
  code: string,
  body: string,
  expectedVersion: number | null,
  planId = world.planId,
  requestId?: string,
) => run(viewer, UPDATE, { planId, code, body, expectedVersion }, requestId);
const setLinks = (
  viewer: Viewer,
  code: string,
  links: { metricId: string; productSpecId?: string | null }[],
  expectedVersion: number | null,
  planId = world.planId,
) => run(viewer, LINKS, { planId, code, links, expectedVersion });

async function savedSection(answer: Promise<{ result: SectionResult | null; errors: unknown }>): Promise<Section> {
  const { result, errors } = await answer;
  expect(errors).toBeUndefined();
  if (result?.__typename !== "PlanSectionSaved") throw new Error(`expected PlanSectionSaved, got ${JSON.stringify(result)}`);
  return result.section;
}

async function snapshot() {
  const { prisma } = getDb();
  const sections = await prisma.planSection.findMany({ orderBy: { id: "asc" }, include: { links: { orderBy: { id: "asc" } } } });
  return {
    sections: sections.map((section) => [
      section.id,
      section.code,
      section.body,
      section.version,
      section.links.map((link) => [link.metricId, link.productSpecId]),
    ]),
    audit: await prisma.auditLog.count(),
  };
}

describe("updatePlanSection", () => {
  it("creates a section on its first save, then moves it version by version, audited", async () => {
    const { one, two } = world;
    const first = await savedSection(
      update(one.viewer, "ENV_COMPETITION", "竞品：某某酒业，主推 52 度。", null, world.planId, "sec-create"),
    );
    expect(first).toMatchObject({
      planId: world.planId,
      code: "ENV_COMPETITION",
      body: "竞品：某某酒业，主推 52 度。",
      version: 1,
      updatedBy: { id: one.viewer.userId, login: one.login, displayName: one.displayName },
      links: [],
    });
    const second = await savedSection(update(two.viewer, "ENV_COMPETITION", "竞品：某某酒业。", 1, world.planId, "sec-update"));
    expect(second).toMatchObject({ body: "竞品：某某酒业。", version: 2, updatedBy: { login: two.login } });

    const { prisma } = getDb();
    const stored = await prisma.planSection.findUniqueOrThrow({
      where: { planId_code: { planId: world.planId, code: "ENV_COMPETITION" } },
    });
    expect([stored.body, stored.version, stored.updatedById]).toEqual(["竞品：某某酒业。", 2, two.viewer.userId]);
    const audit = await prisma.auditLog.findMany({
      where: { entity: "PlanSection", entityId: stored.id },
      orderBy: { id: "asc" },
    });
    expect(
      audit.map(({ action, actorId, before, after, planId, requestId, sessionId }) => ({
        action,
        actorId,
        before,
        after,
        planId,
        requestId,
        sessionId,
      })),
    ).toEqual([
      {
        action: "SECTION_CREATED",
        actorId: one.viewer.userId,
        before: null,
        after: { body: "竞品：某某酒业，主推 52 度。", version: 1, links: [] },
        planId: world.planId,
        requestId: "sec-create",
        sessionId: "session-section.one",
      },
      {
        action: "SECTION_UPDATED",
        actorId: two.viewer.userId,
        before: { body: "竞品：某某酒业，主推 52 度。", version: 1, links: [] },
        after: { body: "竞品：某某酒业。", version: 2, links: [] },
        planId: world.planId,
        requestId: "sec-update",
        sessionId: "session-section.two",
      },
    ]);
  });

  it("answers CONFLICT with the current text, who and when, and writes nothing, when the version is stale", async () => {
    const { one, two } = world;
    await savedSection(update(one.viewer, "ENV_DEMAND", "需求：婚宴旺季。", null));
    await savedSection(update(two.viewer, "ENV_DEMAND", "需求：婚宴与春节旺季。", 1));
    const before = await snapshot();
    const { result, errors } = await update(one.viewer, "ENV_DEMAND", "我的版本", 1);
    expect(errors).toBeUndefined();
    expect(result).toMatchObject({
      __typename: "PlanSectionConflict",
      planId: world.planId,
      code: "ENV_DEMAND",
      expectedVersion: 1,
      current: {
        body: "需求：婚宴与春节旺季。",
        version: 2,
        updatedBy: { id: two.viewer.userId, login: two.login, displayName: two.displayName },
      },
    });
    expect(Number.isNaN(Date.parse((result as { current: Section }).current.updatedAt))).toBe(false);
    // "I saw no section" when there is one is stale too.
    const fresh = await update(one.viewer, "ENV_DEMAND", "我的版本", null);
    expect(fresh.result).toMatchObject({ __typename: "PlanSectionConflict", current: { version: 2 } });
    // A version for a section never saved: nothing there to match.
    const never = await update(one.viewer, "ENV_CHANNELS", "x", 3);
    expect(never.result).toMatchObject({ __typename: "PlanSectionConflict", current: null, expectedVersion: 3 });
    expect(await snapshot()).toEqual(before);
  });

  it("lets exactly one of two writers of the same version win", async () => {
    const { one, two } = world;
    await savedSection(update(one.viewer, "ENV_INDUSTRY_TRENDS", "v1", null));
    const answers = await Promise.all([
      update(one.viewer, "ENV_INDUSTRY_TRENDS", "one's", 1),
      update(two.viewer, "ENV_INDUSTRY_TRENDS", "two's", 1),
    ]);
    const kinds = answers.map((answer) => answer.result?.__typename).sort();
    expect(kinds).toEqual(["PlanSectionConflict", "PlanSectionSaved"]);
    const winner = answers.find((answer) => answer.result?.__typename === "PlanSectionSaved")!.result as { section: Section };
    const loser = answers.find((answer) => answer.result?.__typename === "PlanSectionConflict")!.result as { current: Section };
    expect(loser.current.body).toBe(winner.section.body);
    const stored = await getDb().prisma.planSection.findUniqueOrThrow({
      where: { planId_code: { planId: world.planId, code: "ENV_INDUSTRY_TRENDS" } },
    });
    expect([stored.body, stored.version]).toEqual([winner.section.body, 2]);
  });

  it("lets exactly one of two first saves of the same section win", async () => {
    const { one, two } = world;
    const answers = await Promise.all([
      update(one.viewer, "ENV_ADVERTISING", "one's first", null),
      update(two.viewer, "ENV_ADVERTISING", "two's first", null),
    ]);
    expect(answers.map((answer) => answer.result?.__typename).sort()).toEqual(["PlanSectionConflict", "PlanSectionSaved"]);
    const winner = answers.find((answer) => answer.result?.__typename === "PlanSectionSaved")!.result as { section: Section };
    const loser = answers.find((answer) => answer.result?.__typename === "PlanSectionConflict")!.result as { current: Section };
    expect(loser.current).toMatchObject({ body: winner.section.body, version: 1 });
  });

  it("accepts a text of exactly the limit", async () => {
    const body = "字".repeat(MAX_SECTION_BODY_LENGTH);
    expect((await savedSection(update(world.one.viewer, "ENV_ECONOMY", body, null))).body).toHaveLength(MAX_SECTION_BODY_LENGTH);
  });
});

describe("setPlanSectionLinks", () => {
  it("links a method section to whole metrics and to specs, replaces the list, and versions it with the text", async () => {
    const { one, two } = world;
    const linked = await savedSection(
      setLinks(
        one.viewer,
        "METHOD_SKU_MIX",
        [{ metricId: world.revenue, productSpecId: world.spec }, { metricId: world.profit }, { metricId: world.revenue }],
        null,
      ),
    );
    const byMetric = (links: Section["links"]) =>
      [...links].sort((a, b) => `${a.metricId}${a.productSpecId ?? ""}`.localeCompare(`${b.metricId}${b.productSpecId ?? ""}`));
    expect(linked).toMatchObject({ body: "", version: 1 });
    expect(byMetric(linked.links)).toEqual(
      byMetric([
        { metricId: world.revenue, productSpecId: world.spec },
        { metricId: world.profit, productSpecId: null },
        { metricId: world.revenue, productSpecId: null },
      ]),
    );
    const text = await savedSection(update(two.viewer, "METHOD_SKU_MIX", "主推樽品·蓝。", 1));
    expect([text.version, text.links.length]).toEqual([2, 3]);
    const replaced = await savedSection(setLinks(one.viewer, "METHOD_SKU_MIX", [{ metricId: world.profit }], 2));
    expect(replaced).toMatchObject({
      body: "主推樽品·蓝。",
      version: 3,
      links: [{ metricId: world.profit, productSpecId: null }],
    });
    const stale = await setLinks(two.viewer, "METHOD_SKU_MIX", [], 2);
    expect(stale.result).toMatchObject({
      __typename: "PlanSectionConflict",
      current: { version: 3, links: [{ metricId: world.profit, productSpecId: null }], updatedBy: { login: one.login } },
    });
    const stored = await getDb().prisma.planSectionLink.findMany({
      where: { section: { planId: world.planId, code: "METHOD_SKU_MIX" } },
    });
    expect(stored.map((link) => [link.metricId, link.productSpecId])).toEqual([[world.profit, null]]);
  });
});

describe("plan sections refuse bad input with a clear error and write nothing", () => {
  const viewer = () => world.one.viewer;
  const cases: [string, () => ReturnType<typeof update>, string, string][] = [
    [
      "a text over the limit",
      () => update(viewer(), "ENV_CULTURE", "字".repeat(MAX_SECTION_BODY_LENGTH + 1), null),
      "VALIDATION_FAILED",
      "INVALID_INPUT",
    ],
    ["a code not in the template", () => update(viewer(), "ENV_WEATHER", "晴", null), "VALIDATION_FAILED", "UNKNOWN_SECTION"],
    ["a code that is not a code", () => update(viewer(), "env culture", "x", null), "VALIDATION_FAILED", "INVALID_INPUT"],
    [
      "links on a section that is not a method",
      () => setLinks(viewer(), "GOAL_SALES", [{ metricId: world.revenue }], null),
      "VALIDATION_FAILED",
      "SECTION_NOT_A_METHOD",
    ],
    [
      "an unknown metric",
      () => setLinks(viewer(), "METHOD_TERMINAL", [{ metricId: "no-such-metric" }], null),
      "VALIDATION_FAILED",
      "UNKNOWN_METRIC",
    ],
    [
      "an unknown spec",
      () => setLinks(viewer(), "METHOD_TERMINAL", [{ metricId: world.revenue, productSpecId: "no-such-spec" }], null),
      "VALIDATION_FAILED",
      "UNKNOWN_PRODUCT_SPEC",
    ],
    [
      "the same link twice",
      () =>
        setLinks(
          viewer(),
          "METHOD_TERMINAL",
          [{ metricId: world.revenue }, { metricId: world.revenue, productSpecId: null }],
          null,
        ),
      "VALIDATION_FAILED",
      "DUPLICATE_LINK",
    ],
    [
      `more than ${MAX_SECTION_LINKS} links`,
      () =>
        setLinks(
          viewer(),
          "METHOD_TERMINAL",
          Array.from({ length: MAX_SECTION_LINKS + 1 }, () => ({ metricId: world.revenue })),
          null,
        ),
      "VALIDATION_FAILED",
      "INVALID_INPUT",
    ],
    ["someone else's plan", () => update(viewer(), "ENV_CULTURE", "x", null, world.otherPlanId), "NOT_FOUND", "PLAN_NOT_FOUND"],
    [
      "someone else's plan's links",
      () => setLinks(viewer(), "METHOD_TERMINAL", [], null, world.otherPlanId),
      "NOT_FOUND",
      "PLAN_NOT_FOUND",
    ],
    [
      "a county's plan by its city's planner",
      () =>
        run(
          {
            userId: world.one.viewer.userId,
            assignments: [{ role: "PLANNER", orgUnitId: world.cityId, orgUnitPath: world.cityPath }],
          },
          UPDATE,
          { planId: world.planId, code: "ENV_CULTURE", body: "x" },
        ),
      "NOT_FOUND",
      "PLAN_NOT_FOUND",
    ],
  ];

  it.each(cases)("%s", async (_name, send, code, reason) => {
    const before = await snapshot();
    const { result, errors } = await send();
    expect(result).toBeNull();
    expect(errors?.[0]?.extensions).toMatchObject({ code, reason });
    expect(await snapshot()).toEqual(before);
  });

  it.each(["SUBMITTED", "APPROVED", "REOPENED"] satisfies PlanStatus[])("refuses a %s plan", async (status) => {
    const { prisma } = getDb();
    await prisma.plan.update({ where: { id: world.planId }, data: { status } });
    try {
      const before = await snapshot();
      for (const answer of [
        await update(viewer(), "ENV_CULTURE", "x", null),
        await setLinks(viewer(), "METHOD_TERMINAL", [], null),
      ]) {
        expect(answer.result).toBeNull();
        expect(answer.errors?.[0]?.extensions).toMatchObject({
          code: "INVALID_TRANSITION",
          reason: "PLAN_NOT_EDITABLE",
          params: { status },
        });
      }
      expect(await snapshot()).toEqual(before);
    } finally {
      await prisma.plan.update({ where: { id: world.planId }, data: { status: "DRAFT" } });
    }
  });

  it("edits a RETURNED plan", async () => {
    const { prisma } = getDb();
    await prisma.plan.update({ where: { id: world.planId }, data: { status: "RETURNED" } });
    try {
      expect((await savedSection(update(viewer(), "ENV_PRODUCT", "退回后修改。", null))).version).toBe(1);
    } finally {
      await prisma.plan.update({ where: { id: world.planId }, data: { status: "DRAFT" } });
    }
  });
});
