// The shell's cycles and myTasks queries through the real schema and database.
import { ApolloServer } from "@apollo/server";
import { createOrgUnit, createPlan, createPlanCycle, useTestDatabase } from "@pyramid/db/testing";
import type { Role } from "@pyramid/domain";
import { beforeAll, describe, expect, it } from "vitest";
import type { RequestContext } from "../../context.js";
import { createErrorFormatter } from "../../errors.js";
import { NO_SESSION } from "../../http/request-session.js";
import { createSchema } from "../../schema/create-schema.js";
import { createServices, type Services } from "../../services.js";
import type { Viewer } from "../../viewer.js";

const getDb = useTestDatabase();

let apollo: ApolloServer<RequestContext>;
let services: Services;
let now = new Date("2026-12-15T00:00:00.000Z");
const units = new Map<string, { id: string; path: string }>();
const cycleCodes: Record<"open" | "preparing" | "closed", string> = { open: "", preparing: "", closed: "" };

beforeAll(async () => {
  const { prisma, dataAccess } = getDb();
  const hq = await createOrgUnit(prisma, { level: "HQ", code: "T-HQ" });
  const gd = await createOrgUnit(prisma, { level: "PROVINCE", parent: hq, code: "T-GD" });
  const js = await createOrgUnit(prisma, { level: "PROVINCE", parent: hq, code: "T-JS" });
  const gz = await createOrgUnit(prisma, { level: "CITY", parent: gd, code: "T-GZ" });
  const k1 = await createOrgUnit(prisma, { level: "COUNTY", parent: gz, code: "T-K1" });
  const k2 = await createOrgUnit(prisma, { level: "COUNTY", parent: gz, code: "T-K2" });
  for (const unit of [hq, gd, js, gz, k1, k2]) units.set(unit.code, unit);

  // Deadlines of the 2027 cycle (the factory's): county 2026-12-10, city 12-20, province 12-28, HQ 2027-01-08.
  const open = await createPlanCycle(prisma, { year: 2027, withTemplate: false });
  const preparing = await createPlanCycle(prisma, { year: 2028, status: "PREPARING", withTemplate: false });
  const closed = await createPlanCycle(prisma, { year: 2026, status: "CLOSED", withTemplate: false });
  Object.assign(cycleCodes, { open: open.code, preparing: preparing.code, closed: closed.code });
  const plans: [string, "DRAFT" | "SUBMITTED" | "RETURNED" | "REOPENED" | "APPROVED"][] = [
    ["T-K1", "DRAFT"],
    ["T-K2", "SUBMITTED"],
    ["T-GZ", "RETURNED"],
    ["T-GD", "REOPENED"],
    ["T-JS", "SUBMITTED"],
    ["T-HQ", "DRAFT"],
  ];
  for (const [code, status] of plans) await createPlan(prisma, { cycleId: open.id, orgUnitId: units.get(code)!.id, status });
  // A closed cycle's draft waits for nobody.
  await createPlan(prisma, { cycleId: closed.id, orgUnitId: k1.id, status: "DRAFT" });

  apollo = new ApolloServer<RequestContext>({ schema: createSchema(), formatError: createErrorFormatter() });
  await apollo.start();
  services = createServices({ dataAccess, version: "test", log: { error: () => undefined }, clock: () => now });
});

function viewerAt(...held: [Role, string][]): Viewer {
  return {
    userId: "shell-viewer",
    assignments: held.map(([role, code]) => ({ role, orgUnitId: units.get(code)!.id, orgUnitPath: units.get(code)!.path })),
  };
}

async function ask(viewer: Viewer, query: string) {
  const response = await apollo.executeOperation(
    { query },
    {
      contextValue: {
        viewer,
        services,
        session: NO_SESSION,
        request: { requestId: "shell", clientAddress: "x", userAgent: null },
      },
    },
  );
  if (response.body.kind !== "single") throw new Error("expected a single result");
  expect(response.body.singleResult.errors).toBeUndefined();
  return response.body.singleResult.data ?? {};
}

const TASKS = `{ myTasks { kind unit { code } plan { status } cycle { code } dueOn overdue } }`;

describe("myTasks", () => {
  it("gives a city manager their returned plan and their submitted county to review, due on the city's deadline", async () => {
    now = new Date("2026-12-15T00:00:00.000Z");
    const data = await ask(viewerAt(["PLANNER", "T-GZ"], ["REVIEWER", "T-GZ"]), TASKS);
    // The same deadline: by unit code.
    expect(data["myTasks"]).toEqual([
      {
        kind: "REVISE_PLAN",
        unit: { code: "T-GZ" },
        plan: { status: "RETURNED" },
        cycle: { code: cycleCodes.open },
        dueOn: "2026-12-20",
        overdue: false,
      },
      {
        kind: "REVIEW_PLAN",
        unit: { code: "T-K2" },
        plan: { status: "SUBMITTED" },
        cycle: { code: cycleCodes.open },
        dueOn: "2026-12-20",
        overdue: false,
      },
    ]);
  });

  it("marks a task overdue once its deadline day is over in Beijing, and lists overdue first", async () => {
    now = new Date("2026-12-20T16:00:00.000Z"); // 2026-12-21 00:00 in Beijing
    const data = await ask(viewerAt(["PLANNER", "T-K1"], ["PLANNER", "T-GD"]), TASKS);
    expect(data["myTasks"]).toEqual([
      {
        kind: "DRAFT_PLAN",
        unit: { code: "T-K1" },
        plan: { status: "DRAFT" },
        cycle: { code: cycleCodes.open },
        dueOn: "2026-12-10",
        overdue: true,
      },
      {
        kind: "RESUME_PLAN",
        unit: { code: "T-GD" },
        plan: { status: "REOPENED" },
        cycle: { code: cycleCodes.open },
        dueOn: "2026-12-28",
        overdue: false,
      },
    ]);
  });

  it("gives HQ the submitted provinces to review, and nothing to roles that neither plan nor review", async () => {
    now = new Date("2026-12-15T00:00:00.000Z");
    const hq = await ask(viewerAt(["HQ_ADMIN", "T-HQ"]), TASKS);
    expect(hq["myTasks"]).toEqual([
      {
        kind: "REVIEW_PLAN",
        unit: { code: "T-JS" },
        plan: { status: "SUBMITTED" },
        cycle: { code: cycleCodes.open },
        dueOn: "2027-01-08",
        overdue: false,
      },
    ]);
    const onlookers = await ask(viewerAt(["VIEWER", "T-GZ"], ["FINANCE", "T-GD"], ["REVIEWER", "T-K1"]), TASKS);
    expect(onlookers["myTasks"]).toEqual([]);
  });
});

describe("cycles", () => {
  const CYCLES = `{ cycles { code year status opensOn closesOn deadlines { level dueOn } } }`;

  it("lists the cycles newest first with their deadlines; PREPARING only for an HQ_ADMIN of the top unit", async () => {
    const hq = (await ask(viewerAt(["HQ_ADMIN", "T-HQ"]), CYCLES))["cycles"] as { code: string; status: string }[];
    expect(hq.map((cycle) => [cycle.code, cycle.status])).toEqual([
      [cycleCodes.preparing, "PREPARING"],
      [cycleCodes.open, "OPEN"],
      [cycleCodes.closed, "CLOSED"],
    ]);
    expect(hq[1]).toMatchObject({
      year: 2027,
      opensOn: "2026-11-15",
      closesOn: "2027-01-10",
      deadlines: [
        { level: "HQ", dueOn: "2027-01-08" },
        { level: "PROVINCE", dueOn: "2026-12-28" },
        { level: "CITY", dueOn: "2026-12-20" },
        { level: "COUNTY", dueOn: "2026-12-10" },
      ],
    });
    for (const viewer of [viewerAt(["HQ_ADMIN", "T-GD"]), viewerAt(["REVIEWER", "T-HQ"]), viewerAt(["PLANNER", "T-K1"])]) {
      const seen = (await ask(viewer, CYCLES))["cycles"] as { code: string }[];
      expect(seen.map((cycle) => cycle.code)).toEqual([cycleCodes.open, cycleCodes.closed]);
    }
  });
});
