// The demo company's logins (docs/demo-company.md, README) sign in with the demo
// password, and the shell's first queries answer what that document says.
import { ApolloServer } from "@apollo/server";
import { DEMO_PASSWORD, seedDemoCompany } from "@pyramid/db";
import { useTestDatabase } from "@pyramid/db/testing";
import { beforeAll, describe, expect, it } from "vitest";
import type { RequestContext } from "../../context.js";
import { createErrorFormatter } from "../../errors.js";
import type { RequestSession } from "../../http/request-session.js";
import { createSchema } from "../../schema/create-schema.js";
import { createServices, type Services } from "../../services.js";

const getDb = useTestDatabase();

let apollo: ApolloServer<RequestContext>;
let services: Services;
// Before the county deadline (2026-12-10), so nothing is overdue yet.
const now = new Date("2026-12-01T02:00:00.000Z");

beforeAll(async () => {
  const { prisma, dataAccess } = getDb();
  await seedDemoCompany(prisma, { history: false });
  apollo = new ApolloServer<RequestContext>({ schema: createSchema(), formatError: createErrorFormatter() });
  await apollo.start();
  services = createServices({ dataAccess, version: "test", log: { error: () => undefined }, clock: () => now });
});

async function signIn(login: string): Promise<string> {
  let token = "";
  const session: RequestSession = { token: null, setToken: (value) => (token = value), clearToken: () => undefined };
  await services.auth.login(login, DEMO_PASSWORD, session, { requestId: "demo", clientAddress: "10.6.6.6", userAgent: null });
  return token;
}

async function ask(token: string, query: string) {
  const viewer = await services.auth.viewerForToken(token);
  const response = await apollo.executeOperation(
    { query },
    {
      contextValue: {
        viewer,
        services,
        session: { token, setToken: () => undefined, clearToken: () => undefined },
        request: { requestId: "demo", clientAddress: "10.6.6.6", userAgent: null },
      },
    },
  );
  if (response.body.kind !== "single") throw new Error("expected a single result");
  expect(response.body.singleResult.errors).toBeUndefined();
  return response.body.singleResult.data ?? {};
}

describe("demo sign-in", () => {
  it("signs 广州's manager in (in any case) as PLANNER and REVIEWER of 广州, under 广东 and HQ", async () => {
    const token = await signIn("GZ.Manager");
    const data = await ask(token, "{ me { login locale roleAssignments { role orgUnit { code } orgUnitPath { code } } } }");
    expect(data["me"]).toEqual({
      login: "gz.manager",
      locale: "zh-CN",
      roleAssignments: [
        { role: "PLANNER", orgUnit: { code: "GZ" }, orgUnitPath: [{ code: "HQ" }, { code: "GD" }, { code: "GZ" }] },
        { role: "REVIEWER", orgUnit: { code: "GZ" }, orgUnitPath: [{ code: "HQ" }, { code: "GD" }, { code: "GZ" }] },
      ],
    });
  });

  it("shows 广州's manager the cycle FY2027 (and the closed FY2026), 广州 and its three counties, and the city plan to draft", async () => {
    const token = await signIn("gz.manager");
    const cycles = (await ask(token, "{ cycles { code status } }"))["cycles"];
    expect(cycles).toEqual([
      { code: "FY2027", status: "OPEN" },
      { code: "FY2026", status: "CLOSED" },
    ]);
    const cycleId = (await getDb().prisma.planCycle.findUniqueOrThrow({ where: { code: "FY2027" } })).id;
    const tree = (await ask(token, `{ orgTree(cycleId: "${cycleId}") { totalCount nodes { code children { total } } } }`))[
      "orgTree"
    ] as { totalCount: number; nodes: { code: string; children: { total: number } }[] };
    expect(tree.totalCount).toBe(4);
    expect(tree.nodes[0]).toEqual({ code: "GZ", children: { total: 3 } });
    const tasks = (await ask(token, "{ myTasks { kind unit { code } dueOn overdue } }"))["myTasks"];
    // Every demo plan is a draft: the city's own plan waits; no county has submitted.
    expect(tasks).toEqual([{ kind: "DRAFT_PLAN", unit: { code: "GZ" }, dueOn: "2026-12-20", overdue: false }]);
  });

  it("shows HQ's admin the whole company: 1 + 3 + 8 + 26 units", async () => {
    const token = await signIn("hq.admin");
    const cycleId = (await getDb().prisma.planCycle.findUniqueOrThrow({ where: { code: "FY2027" } })).id;
    const tree = (await ask(token, `{ orgTree(cycleId: "${cycleId}", first: 5) { totalCount nodes { code } } }`))["orgTree"];
    expect(tree).toMatchObject({ totalCount: 38, nodes: [{ code: "HQ" }, {}, {}, {}, {}] });
  });
});
