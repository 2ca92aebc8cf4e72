// The org subtree query through the real schema, access rules and error map,
// on the demo company (docs/demo-company.md), with the viewer injected into
// the context as sign-in will fill it.
import { ApolloServer } from "@apollo/server";
import { DEMO_CYCLE_CODE, seedDemoCompany } from "@pyramid/db";
import { createOrgUnit, useTestDatabase } from "@pyramid/db/testing";
import type { Role } from "@pyramid/domain";
import { beforeAll, describe, expect, it } from "vitest";
import type { RequestContext } from "../../context.js";
import { createErrorFormatter } from "../../errors.js";
import { createSchema } from "../../schema/create-schema.js";
import { createServices } from "../../services.js";
import type { Viewer } from "../../viewer.js";
import { NO_SESSION } from "../../http/request-session.js";

const TEST_REQUEST = { requestId: "org-test", clientAddress: "127.0.0.1", userAgent: null };

const getDb = useTestDatabase();

const QUERY = `
  query Subtree($rootId: ID!, $cycleId: ID!) {
    orgSubtree(rootId: $rootId, cycleId: $cycleId) {
      id code nameZh nameEn level parentId depth sortOrder isActive
      plan { id status version submittedAt approvedAt }
    }
  }`;

interface UnitResult {
  id: string;
  code: string;
  level: string;
  parentId: string | null;
  depth: number;
  plan: { id: string; status: string; version: number; submittedAt: string | null; approvedAt: string | null } | null;
}

// From docs/demo-company.md's structure table, counted by hand:
//   GD: 广州 3 + 佛山 3 + 湛江 4 counties; JS: 南京 2 + 苏州 4 + 徐州 3; HA: 郑州 4 + 洛阳 3.
const DEMO_SHAPE = {
  GD: { PROVINCE: 1, CITY: 3, COUNTY: 10 },
  JS: { PROVINCE: 1, CITY: 3, COUNTY: 9 },
  HA: { PROVINCE: 1, CITY: 2, COUNTY: 7 },
} as const;

let apollo: ApolloServer<RequestContext>;
let contextServices: ReturnType<typeof createServices>;
let cycleId: string;
const units = new Map<string, { id: string; path: string }>();
let extraUnitId: string;
const submittedAt = new Date("2026-12-01T08:30:00.000Z");
const approvedAt = new Date("2026-12-05T10:00:00.000Z");

beforeAll(async () => {
  const { prisma, dataAccess } = getDb();
  await seedDemoCompany(prisma, { history: false });
  cycleId = (await prisma.planCycle.findUniqueOrThrow({ where: { code: DEMO_CYCLE_CODE } })).id;
  for (const unit of await prisma.orgUnit.findMany({ select: { id: true, code: true, path: true } })) units.set(unit.code, unit);

  // Some statuses other than the seed's DRAFT, and a new unit without a plan in the cycle.
  const unit = (code: string) => units.get(code)?.id ?? "";
  await prisma.plan.update({
    where: { cycleId_orgUnitId: { cycleId, orgUnitId: unit("CONGHUA") } },
    data: { status: "SUBMITTED", submittedAt, version: 2 },
  });
  await prisma.plan.update({
    where: { cycleId_orgUnitId: { cycleId, orgUnitId: unit("GZ") } },
    data: { status: "APPROVED", submittedAt, approvedAt, version: 3 },
  });
  const guangzhou = await prisma.orgUnit.findUniqueOrThrow({ where: { code: "GZ" } });
  extraUnitId = (await createOrgUnit(prisma, { level: "COUNTY", parent: guangzhou, code: "NEWCOUNTY", sortOrder: 99 })).id;

  apollo = new ApolloServer<RequestContext>({ schema: createSchema(), formatError: createErrorFormatter() });
  await apollo.start();
  // The services see only dataAccess, as in the app.
  contextServices = createServices({ dataAccess, version: "test", log: { error: () => undefined } });
});

function viewerAt(...held: [role: Role, code: string][]): Viewer {
  return {
    userId: "viewer-under-test",
    assignments: held.map(([role, code]) => {
      const unit = units.get(code);
      if (!unit) throw new Error(`no demo unit ${code}`);
      return { role, orgUnitId: unit.id, orgUnitPath: unit.path };
    }),
  };
}

async function subtree(viewer: Viewer | null, rootId: string, cycle = cycleId) {
  const response = await apollo.executeOperation(
    { query: QUERY, variables: { rootId, cycleId: cycle } },
    { contextValue: { viewer, services: contextServices, session: NO_SESSION, request: TEST_REQUEST } },
  );
  if (response.body.kind !== "single") throw new Error("expected a single result");
  const { data, errors } = response.body.singleResult;
  return { units: (data?.["orgSubtree"] ?? null) as UnitResult[] | null, errors };
}

function countByLevel(list: readonly UnitResult[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const unit of list) counts[unit.level] = (counts[unit.level] ?? 0) + 1;
  return counts;
}

describe("orgSubtree on the demo company", () => {
  it.each(Object.entries(DEMO_SHAPE))(
    "gives province %s's reviewer the province, its cities and counties",
    async (code, shape) => {
      const extra = code === "GD" ? 1 : 0; // NEWCOUNTY sits under 广州
      const result = await subtree(viewerAt(["REVIEWER", code]), units.get(code)?.id ?? "");
      expect(result.errors).toBeUndefined();
      const list = result.units ?? [];
      expect(countByLevel(list)).toEqual({ ...shape, COUNTY: shape.COUNTY + extra });
      expect(list[0]?.code).toBe(code);
      // Parents come before their children, and every parent is inside the answer.
      const seen = new Set<string>();
      for (const unit of list) {
        if (unit !== list[0]) expect(seen.has(unit.parentId ?? "")).toBe(true);
        seen.add(unit.id);
      }
    },
  );

  it("gives every unit its plan in the cycle: status, version and dates", async () => {
    const list = (await subtree(viewerAt(["REVIEWER", "GD"]), units.get("GD")?.id ?? "")).units ?? [];
    const byCode = new Map(list.map((unit) => [unit.code, unit]));
    expect(byCode.get("CONGHUA")?.plan).toMatchObject({
      status: "SUBMITTED",
      version: 2,
      submittedAt: submittedAt.toISOString(),
      approvedAt: null,
    });
    expect(byCode.get("GZ")?.plan).toMatchObject({
      status: "APPROVED",
      version: 3,
      submittedAt: submittedAt.toISOString(),
      approvedAt: approvedAt.toISOString(),
    });
    expect(byCode.get("NEWCOUNTY")).toMatchObject({ id: extraUnitId, plan: null, depth: 4 });
    const others = list.filter((unit) => !["CONGHUA", "GZ", "NEWCOUNTY"].includes(unit.code));
    expect(others).toHaveLength(12);
    expect(others.map((unit) => unit.plan?.status)).toEqual(others.map(() => "DRAFT"));
  });

  it("gives HQ the whole company: 1 + 3 provinces + 8 cities + 26 counties (+ the added one)", async () => {
    const list = (await subtree(viewerAt(["HQ_ADMIN", "HQ"]), units.get("HQ")?.id ?? "")).units ?? [];
    expect(countByLevel(list)).toEqual({ HQ: 1, PROVINCE: 3, CITY: 8, COUNTY: 27 });
    expect(list.map((unit) => unit.depth)).toEqual([...list.map((unit) => unit.depth)].sort((a, b) => a - b));
  });

  it("lets any one of several assignments cover the unit", async () => {
    const result = await subtree(viewerAt(["PLANNER", "CONGHUA"], ["REVIEWER", "GZ"]), units.get("GZ")?.id ?? "");
    expect(result.errors).toBeUndefined();
    expect(countByLevel(result.units ?? [])).toEqual({ CITY: 1, COUNTY: 4 });
  });
});

describe("orgSubtree refusals", () => {
  const codeOf = (errors: readonly { extensions?: Record<string, unknown> }[] | undefined) => errors?.[0]?.extensions;

  it("NOT_FOUND for a unit outside the viewer's subtrees (another province, or above), exactly as for an unknown one", async () => {
    const otherProvince = await subtree(viewerAt(["REVIEWER", "JS"]), units.get("GD")?.id ?? "");
    expect(otherProvince.units).toBeNull();
    const gdId = units.get("GD")?.id ?? "";
    expect(codeOf(otherProvince.errors)).toEqual({ code: "NOT_FOUND", reason: "ORG_UNIT_NOT_FOUND", params: { id: gdId } });
    const above = await subtree(viewerAt(["REVIEWER", "GZ"]), gdId);
    expect(codeOf(above.errors)).toMatchObject({ code: "NOT_FOUND", reason: "ORG_UNIT_NOT_FOUND" });
    const unknownId = "00000000-0000-0000-0000-000000000000";
    const unknown = await subtree(viewerAt(["REVIEWER", "JS"]), unknownId);
    expect(unknown.errors?.[0]?.message).toBe(otherProvince.errors?.[0]?.message);
    expect(codeOf(unknown.errors)).toEqual({ code: "NOT_FOUND", reason: "ORG_UNIT_NOT_FOUND", params: { id: unknownId } });
  });

  it("NOT_FOUND for an unknown unit or cycle", async () => {
    const unknownUnit = await subtree(viewerAt(["HQ_ADMIN", "HQ"]), "00000000-0000-0000-0000-000000000000");
    expect(codeOf(unknownUnit.errors)).toMatchObject({ code: "NOT_FOUND", reason: "ORG_UNIT_NOT_FOUND" });
    const unknownCycle = await subtree(viewerAt(["HQ_ADMIN", "HQ"]), units.get("GD")?.id ?? "", "no-such-cycle");
    expect(codeOf(unknownCycle.errors)).toMatchObject({ code: "NOT_FOUND", reason: "PLAN_CYCLE_NOT_FOUND" });
  });

  it("UNAUTHENTICATED without a viewer, and FORBIDDEN for a viewer holding no role", async () => {
    expect(codeOf((await subtree(null, units.get("GD")?.id ?? "")).errors)).toMatchObject({ code: "UNAUTHENTICATED" });
    expect(codeOf((await subtree(viewerAt(), units.get("GD")?.id ?? "")).errors)).toMatchObject({ code: "FORBIDDEN" });
  });
});
