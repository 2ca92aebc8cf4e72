// HQ's cycle administration through the real schema, access rules and error map:
// open a cycle (a DRAFT plan per active unit, the template copied, deadlines, settings),
// change it, edit its template, move its status; bad input → a clear error and nothing written.
//
// The world: HQ ─ P ─ C ─ K, plus an inactive county X under C (it gets no plan).
import { ApolloServer } from "@apollo/server";
import { createOrgUnit, createUser, ensureTerminalClasses, useTestDatabase, type Db } from "@pyramid/db/testing";
import { STANDARD_PLAN_TEMPLATE, type Role } from "@pyramid/domain";
type OrgUnit = Awaited<ReturnType<typeof createOrgUnit>>;
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
let counter = 0;

interface Answer<T> {
  data: T | null;
  errors?: readonly { message: string; extensions?: { code?: string; reason?: string; params?: Record<string, unknown> } }[];
}

async function run<T>(
  viewer: Viewer | null,
  query: string,
  variables: Record<string, unknown>,
  field: string,
): Promise<Answer<T>> {
  const response = await apollo.executeOperation(
    { query, variables },
    {
      contextValue: {
        viewer,
        services,
        session: NO_SESSION,
        request: { requestId: `cycle-${++counter}`, clientAddress: "127.0.0.1", userAgent: null },
      },
    },
  );
  if (response.body.kind !== "single") throw new Error("expected a single result");
  const { data, errors } = response.body.singleResult;
  return {
    data: ((data as Record<string, unknown> | null | undefined)?.[field] ?? null) as T | null,
    errors: errors as Answer<T>["errors"],
  };
}

async function ok<T>(viewer: Viewer, query: string, variables: Record<string, unknown>, field: string): Promise<T> {
  const answer = await run<T>(viewer, query, variables, field);
  expect(answer.errors).toBeUndefined();
  return answer.data!;
}

async function refused(viewer: Viewer, query: string, variables: Record<string, unknown>, field: string) {
  const answer = await run(viewer, query, variables, field);
  expect(answer.data).toBeNull();
  return answer.errors?.[0]?.extensions ?? {};
}

const CYCLE_FIELDS = `id code year status opensOn closesOn deadlines { level dueOn }
  settings { growthBandMin growthBandMax implausibleFactor minTerminalRank checkConfig }
  templateSections { code part titleZh titleEn required sortOrder plansWithText }
  progress { level status plans stale }`;
const OPEN = `mutation Open($input: OpenCycleInput!) { openCycle(input: $input) { plansCreated cycle { ${CYCLE_FIELDS} } } }`;
const UPDATE = `mutation Update($input: UpdateCycleInput!) { updateCycle(input: $input) { cycle { ${CYCLE_FIELDS} } } }`;
const ADD = `mutation Add($input: AddTemplateSectionInput!) { addTemplateSection(input: $input) { cycle { ${CYCLE_FIELDS} } } }`;
const EDIT = `mutation Edit($input: UpdateTemplateSectionInput!) { updateTemplateSection(input: $input) { cycle { ${CYCLE_FIELDS} } } }`;
const REMOVE = `mutation Remove($input: RemoveTemplateSectionInput!) { removeTemplateSection(input: $input) { cycle { ${CYCLE_FIELDS} } } }`;
const REORDER = `mutation Reorder($input: ReorderTemplateSectionsInput!) { reorderTemplateSections(input: $input) { cycle { ${CYCLE_FIELDS} } } }`;
const STATUS = `mutation Status($input: SetCycleStatusInput!) { setCycleStatus(input: $input) { cycle { ${CYCLE_FIELDS} } } }`;
const CYCLES = `{ cycles { id code status } }`;

interface Cycle {
  id: string;
  code: string;
  year: number;
  status: string;
  opensOn: string;
  closesOn: string;
  deadlines: { level: string; dueOn: string }[];
  settings: {
    growthBandMin: string;
    growthBandMax: string;
    implausibleFactor: string;
    minTerminalRank: number;
    checkConfig: string;
  };
  templateSections: {
    code: string;
    part: string;
    titleZh: string;
    titleEn: string;
    required: boolean;
    sortOrder: number;
    plansWithText: number;
  }[];
  progress: { level: string; status: string; plans: number; stale: number }[];
}

let hq: OrgUnit;
let province: OrgUnit;
let city: OrgUnit;
let county: OrgUnit;
let admin: Viewer;
let provinceAdmin: Viewer;
let hqReviewer: Viewer;
let countyPlanner: Viewer;

async function viewerFor(prisma: Db, unit: OrgUnit, role: Role): Promise<Viewer> {
  const { user } = await createUser(prisma, { orgUnitId: unit.id, role, login: `cycle.${role.toLowerCase()}.${++counter}` });
  return {
    userId: user.id,
    sessionId: `session-${counter}`,
    assignments: [{ role, orgUnitId: unit.id, orgUnitPath: unit.path }],
  };
}

beforeAll(async () => {
  apollo = new ApolloServer<RequestContext>({ schema: createSchema(), formatError: createErrorFormatter() });
  await apollo.start();
  const { prisma, dataAccess } = getDb();
  services = createServices({ dataAccess, version: "test", log: { error: () => undefined } });
  await ensureTerminalClasses(prisma);
  hq = await createOrgUnit(prisma, { level: "HQ" });
  province = await createOrgUnit(prisma, { level: "PROVINCE", parent: hq });
  city = await createOrgUnit(prisma, { level: "CITY", parent: province });
  county = await createOrgUnit(prisma, { level: "COUNTY", parent: city });
  await createOrgUnit(prisma, { level: "COUNTY", parent: city, isActive: false });
  admin = await viewerFor(prisma, hq, "HQ_ADMIN");
  provinceAdmin = await viewerFor(prisma, province, "HQ_ADMIN");
  hqReviewer = await viewerFor(prisma, hq, "REVIEWER");
  countyPlanner = await viewerFor(prisma, county, "PLANNER");
});

const openInput = (code: string, year: number, extra: Record<string, unknown> = {}) => ({
  code,
  year,
  nameZh: `${year}年度营销方案`,
  nameEn: `${year} annual plan`,
  opensOn: `${year - 1}-11-15`,
  closesOn: `${year}-01-10`,
  template: "STANDARD",
  deadlines: [
    { level: "COUNTY", dueOn: `${year - 1}-12-10` },
    { level: "CITY", dueOn: `${year - 1}-12-20` },
    { level: "PROVINCE", dueOn: `${year - 1}-12-28` },
    { level: "HQ", dueOn: `${year}-01-08` },
  ],
  ...extra,
});

async function counts() {
  const { prisma } = getDb();
  return { cycles: await prisma.planCycle.count(), plans: await prisma.plan.count(), audit: await prisma.auditLog.count() };
}

describe("openCycle", () => {
  let opened: Cycle;

  it("opens a cycle in PREPARING with a DRAFT plan for every active unit, the standard template, deadlines and settings", async () => {
    const { prisma } = getDb();
    const answer = await ok<{ plansCreated: number; cycle: Cycle }>(
      admin,
      OPEN,
      {
        input: openInput("FY2028-A", 2028, {
          settings: {
            growthBandMin: "0.05",
            growthBandMax: "0.25",
            implausibleFactor: "2.5",
            minTerminalRank: 1,
            checkConfig: '{"TARGET_ABOVE_GROWTH_BAND":{"severity":"BLOCK"}}',
          },
        }),
      },
      "openCycle",
    );
    opened = answer.cycle;
    // Four active units (HQ, P, C, K); the inactive county gets none.
    expect(answer.plansCreated).toBe(4);
    const plans = await prisma.plan.findMany({ where: { cycleId: opened.id }, select: { orgUnitId: true, status: true } });
    expect(plans.map((plan) => plan.orgUnitId).sort()).toEqual([hq.id, province.id, city.id, county.id].sort());
    expect(new Set(plans.map((plan) => plan.status))).toEqual(new Set(["DRAFT"]));
    expect(opened.status).toBe("PREPARING");
    expect([opened.opensOn, opened.closesOn]).toEqual(["2027-11-15", "2028-01-10"]);
    expect(opened.deadlines).toEqual([
      { level: "HQ", dueOn: "2028-01-08" },
      { level: "PROVINCE", dueOn: "2027-12-28" },
      { level: "CITY", dueOn: "2027-12-20" },
      { level: "COUNTY", dueOn: "2027-12-10" },
    ]);
    expect(opened.templateSections.map((section) => section.code)).toEqual(STANDARD_PLAN_TEMPLATE.map((section) => section.code));
    expect(opened.templateSections.map((section) => section.sortOrder)).toEqual(STANDARD_PLAN_TEMPLATE.map((_, i) => i + 1));
    expect(opened.settings).toEqual({
      growthBandMin: "0.05",
      growthBandMax: "0.25",
      implausibleFactor: "2.5",
      minTerminalRank: 1,
      checkConfig: '{"TARGET_ABOVE_GROWTH_BAND":{"severity":"BLOCK"}}',
    });
    expect(opened.progress).toEqual([
      { level: "HQ", status: "DRAFT", plans: 1, stale: 0 },
      { level: "PROVINCE", status: "DRAFT", plans: 1, stale: 0 },
      { level: "CITY", status: "DRAFT", plans: 1, stale: 0 },
      { level: "COUNTY", status: "DRAFT", plans: 1, stale: 0 },
    ]);
    const audit = await getDb().dataAccess.repositories.audit.listFor("PlanCycle", opened.id);
    expect(audit.map((row) => [row.action, row.actorId])).toEqual([["CYCLE_OPENED", admin.userId]]);
    expect(audit[0]?.after).toMatchObject({ code: "FY2028-A", sections: 28, plansCreated: 4, template: "STANDARD" });
  });

  it("keeps a PREPARING cycle from everyone but HQ's administrators", async () => {
    const listed = await ok<{ id: string }[]>(countyPlanner, CYCLES, {}, "cycles");
    expect(listed.map((cycle) => cycle.id)).not.toContain(opened.id);
    expect((await ok<{ id: string }[]>(admin, CYCLES, {}, "cycles")).map((cycle) => cycle.id)).toContain(opened.id);
  });

  it("refuses bad input with a clear reason and writes nothing", async () => {
    const before = await counts();
    const cases: [Record<string, unknown>, string, string][] = [
      [openInput("FY2028-A", 2028), "CONFLICT", "CYCLE_CODE_TAKEN"],
      [openInput("fy 2029", 2029), "VALIDATION_FAILED", "BAD_CYCLE_CODE"],
      [openInput("FY2029-B", 2029, { closesOn: "2028-11-01" }), "VALIDATION_FAILED", "CLOSES_BEFORE_OPENS"],
      [
        openInput("FY2029-C", 2029, {
          deadlines: [
            { level: "CITY", dueOn: "2028-12-05" },
            { level: "COUNTY", dueOn: "2028-12-10" },
          ],
        }),
        "VALIDATION_FAILED",
        "DEADLINE_ORDER",
      ],
      [openInput("FY2029-D", 2029, { opensOn: "2028-02-30" }), "VALIDATION_FAILED", "BAD_DATE"],
      [
        openInput("FY2029-E", 2029, {
          settings: { growthBandMin: "0.4", growthBandMax: "0.3", implausibleFactor: "3", minTerminalRank: 2 },
        }),
        "VALIDATION_FAILED",
        "GROWTH_BAND_INVERTED",
      ],
      [
        openInput("FY2029-F", 2029, {
          settings: {
            growthBandMin: "0",
            growthBandMax: "0.3",
            implausibleFactor: "3",
            minTerminalRank: 2,
            checkConfig: '{"NO_SUCH":{}}',
          },
        }),
        "VALIDATION_FAILED",
        "UNKNOWN_CHECK",
      ],
      [
        openInput("FY2029-G", 2029, {
          settings: {
            growthBandMin: "0",
            growthBandMax: "0.3",
            implausibleFactor: "3",
            minTerminalRank: 2,
            checkConfig: "{oops",
          },
        }),
        "VALIDATION_FAILED",
        "CHECK_CONFIG_NOT_JSON",
      ],
    ];
    for (const [input, code, reason] of cases) {
      expect({ input: input["code"], ...(await refused(admin, OPEN, { input }, "openCycle")) }).toMatchObject({
        input: input["code"],
        code,
        reason,
      });
    }
    expect(await counts()).toEqual(before);
  });

  it("answers NOT_FOUND to an HQ_ADMIN below the top and FORBIDDEN to other roles", async () => {
    const before = await counts();
    expect(await refused(provinceAdmin, OPEN, { input: openInput("FY2029-P", 2029) }, "openCycle")).toMatchObject({
      code: "NOT_FOUND",
    });
    expect(await refused(hqReviewer, OPEN, { input: openInput("FY2029-R", 2029) }, "openCycle")).toMatchObject({
      code: "FORBIDDEN",
    });
    expect(await counts()).toEqual(before);
  });

  it("edits the template while preparing: add at a place, update, reorder, remove; never a section with text", async () => {
    const { prisma } = getDb();
    const added = await ok<{ cycle: Cycle }>(
      admin,
      ADD,
      {
        input: {
          cycleId: opened.id,
          position: 2,
          section: {
            code: "ENV_DIGITAL",
            part: "ENVIRONMENT",
            titleZh: "数字化环境",
            titleEn: "Digital environment",
            required: false,
          },
        },
      },
      "addTemplateSection",
    );
    const codes = STANDARD_PLAN_TEMPLATE.map((section) => section.code);
    expect(added.cycle.templateSections.map((section) => section.code)).toEqual([codes[0], "ENV_DIGITAL", ...codes.slice(1)]);
    expect(added.cycle.templateSections.map((section) => section.sortOrder)).toEqual(codes.map((_, i) => i + 1).concat(29));

    const edited = await ok<{ cycle: Cycle }>(
      admin,
      EDIT,
      {
        input: {
          cycleId: opened.id,
          section: {
            code: "ENV_DIGITAL",
            part: "ENVIRONMENT",
            titleZh: "数字化与电商",
            titleEn: "Digital and e-commerce",
            required: true,
          },
        },
      },
      "updateTemplateSection",
    );
    expect(edited.cycle.templateSections[1]).toMatchObject({ code: "ENV_DIGITAL", titleZh: "数字化与电商", required: true });

    // A county writes text into ENV_ECONOMY: that section can no longer be removed.
    const countyPlan = await prisma.plan.findFirstOrThrow({ where: { cycleId: opened.id, orgUnitId: county.id } });
    await prisma.planSection.create({ data: { planId: countyPlan.id, code: "ENV_ECONOMY", body: "本县经济稳中有升。" } });
    const before = await counts();
    expect(
      await refused(admin, REMOVE, { input: { cycleId: opened.id, code: "ENV_ECONOMY" } }, "removeTemplateSection"),
    ).toMatchObject({
      code: "VALIDATION_FAILED",
      reason: "SECTION_HAS_TEXT",
      params: { code: "ENV_ECONOMY", plans: 1 },
    });
    expect(
      await refused(admin, REMOVE, { input: { cycleId: opened.id, code: "NO_SUCH" } }, "removeTemplateSection"),
    ).toMatchObject({
      reason: "UNKNOWN_SECTION",
    });
    expect(
      await refused(
        admin,
        ADD,
        {
          input: {
            cycleId: opened.id,
            section: { code: "ENV_DIGITAL", part: "GOALS", titleZh: "重复", titleEn: "Again", required: false },
          },
        },
        "addTemplateSection",
      ),
    ).toMatchObject({ reason: "DUPLICATE_SECTION" });
    expect(
      await refused(admin, REORDER, { input: { cycleId: opened.id, codes: ["ENV_ECONOMY"] } }, "reorderTemplateSections"),
    ).toMatchObject({ reason: "REORDER_NOT_A_PERMUTATION" });
    expect(await counts()).toEqual(before);

    const removed = await ok<{ cycle: Cycle }>(
      admin,
      REMOVE,
      { input: { cycleId: opened.id, code: "ENV_DIGITAL" } },
      "removeTemplateSection",
    );
    expect(removed.cycle.templateSections.map((section) => section.code)).toEqual(codes);
    expect(removed.cycle.templateSections.find((section) => section.code === "ENV_ECONOMY")?.plansWithText).toBe(1);

    const reversed = [...codes].reverse();
    const reordered = await ok<{ cycle: Cycle }>(
      admin,
      REORDER,
      { input: { cycleId: opened.id, codes: reversed } },
      "reorderTemplateSections",
    );
    expect(reordered.cycle.templateSections.map((section) => section.code)).toEqual(reversed);

    const actions = (await getDb().dataAccess.repositories.audit.listFor("PlanCycle", opened.id)).map((row) => row.action);
    expect(actions).toEqual([
      "CYCLE_OPENED",
      "TEMPLATE_SECTION_ADDED",
      "TEMPLATE_SECTION_UPDATED",
      "TEMPLATE_SECTION_REMOVED",
      "TEMPLATE_SECTIONS_REORDERED",
    ]);
  });

  it("updates settings and deadlines, checked as on opening", async () => {
    const updated = await ok<{ cycle: Cycle }>(
      admin,
      UPDATE,
      {
        input: {
          cycleId: opened.id,
          nameEn: "2028 plan",
          settings: { growthBandMin: "0", growthBandMax: "0.4", implausibleFactor: "3", minTerminalRank: 2 },
          deadlines: [
            { level: "COUNTY", dueOn: "2027-12-08" },
            { level: "CITY", dueOn: "2027-12-18" },
          ],
        },
      },
      "updateCycle",
    );
    expect(updated.cycle.settings).toEqual({
      growthBandMin: "0",
      growthBandMax: "0.4",
      implausibleFactor: "3",
      minTerminalRank: 2,
      checkConfig: "{}",
    });
    expect(updated.cycle.deadlines).toEqual([
      { level: "CITY", dueOn: "2027-12-18" },
      { level: "COUNTY", dueOn: "2027-12-08" },
    ]);
    const before = await counts();
    expect(
      await refused(
        admin,
        UPDATE,
        { input: { cycleId: opened.id, deadlines: [{ level: "CITY", dueOn: "2028-03-01" }] } },
        "updateCycle",
      ),
    ).toMatchObject({ reason: "DEADLINE_OUTSIDE_CYCLE", params: { level: "CITY", dueOn: "2028-03-01" } });
    expect(await refused(admin, UPDATE, { input: { cycleId: "no-such-cycle", nameEn: "x" } }, "updateCycle")).toMatchObject({
      code: "NOT_FOUND",
    });
    expect(await counts()).toEqual(before);
  });

  it("moves the status one step at a time; a closed cycle's template and settings stay as they were", async () => {
    const step = (status: string) =>
      ok<{ cycle: Cycle }>(admin, STATUS, { input: { cycleId: opened.id, status } }, "setCycleStatus");
    expect(
      await refused(admin, STATUS, { input: { cycleId: opened.id, status: "CONSOLIDATING" } }, "setCycleStatus"),
    ).toMatchObject({
      code: "INVALID_TRANSITION",
      reason: "CYCLE_STATUS_STEP",
      params: { from: "PREPARING", to: "CONSOLIDATING" },
    });
    expect((await step("OPEN")).cycle.status).toBe("OPEN");
    // Open: everyone sees it.
    expect((await ok<{ id: string }[]>(countyPlanner, CYCLES, {}, "cycles")).map((cycle) => cycle.id)).toContain(opened.id);
    expect((await step("CONSOLIDATING")).cycle.status).toBe("CONSOLIDATING");
    expect(await refused(admin, REORDER, { input: { cycleId: opened.id, codes: [] } }, "reorderTemplateSections")).toMatchObject({
      reason: "TEMPLATE_LOCKED",
      params: { status: "CONSOLIDATING" },
    });
    expect((await step("OPEN")).cycle.status).toBe("OPEN");
    await step("CONSOLIDATING");
    await step("APPROVED");
    expect((await step("CLOSED")).cycle.status).toBe("CLOSED");
    expect(await refused(admin, UPDATE, { input: { cycleId: opened.id, nameEn: "late" } }, "updateCycle")).toMatchObject({
      reason: "CYCLE_CLOSED",
    });
    const statuses = (await getDb().dataAccess.repositories.audit.listFor("PlanCycle", opened.id))
      .filter((row) => row.action === "CYCLE_STATUS_CHANGED")
      .map((row) => (row.after as { status: string }).status);
    expect(statuses).toEqual(["OPEN", "CONSOLIDATING", "OPEN", "CONSOLIDATING", "APPROVED", "CLOSED"]);
  });

  it("copies the template of the previous cycle", async () => {
    const next = await ok<{ plansCreated: number; cycle: Cycle }>(
      admin,
      OPEN,
      { input: openInput("FY2029-A", 2029, { template: "PREVIOUS_CYCLE" }) },
      "openCycle",
    );
    // The 2028 cycle's template, as reordered (reversed standard order).
    expect(next.cycle.templateSections.map((section) => section.code)).toEqual(
      STANDARD_PLAN_TEMPLATE.map((section) => section.code).reverse(),
    );
    expect(next.cycle.templateSections.every((section) => section.plansWithText === 0)).toBe(true);
    expect(next.plansCreated).toBe(4);
    expect(
      await refused(admin, OPEN, { input: openInput("FY2000-A", 2000, { template: "PREVIOUS_CYCLE" }) }, "openCycle"),
    ).toMatchObject({
      reason: "NO_PREVIOUS_CYCLE",
    });
  });
});
