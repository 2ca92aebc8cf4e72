// The users list and the units a user may be given roles at, through the real
// schema, access rules and error map, with the viewer injected into the context.
// The fixture is small and its expected answers are worked out by hand below.
import { ApolloServer } from "@apollo/server";
import { createOrgUnit, createUser, useTestDatabase } from "@pyramid/db/testing";
import type { Role } from "@pyramid/domain";
import { beforeAll, describe, expect, it } from "vitest";
import type { RequestContext } from "../../context.js";
import { createErrorFormatter } from "../../errors.js";
import { NO_SESSION } from "../../http/request-session.js";
import { createSchema } from "../../schema/create-schema.js";
import { createServices, type Services } from "../../services.js";
import type { Viewer } from "../../viewer.js";

const getDb = useTestDatabase();

type Unit = Awaited<ReturnType<typeof createOrgUnit>>;

//  HQ                       hq.admin (HQ_ADMIN), hq.viewer (VIEWER)
//  ├─ P1                    p1.admin (HQ_ADMIN)          ← the viewer of most tests
//  │  ├─ C1 (sortOrder 1)   c1.planner (PLANNER), Zhou.Min "周敏" (PLANNER + REVIEWER)
//  │  │  ├─ K1              k1.planner (PLANNER, deactivated), straddler (PLANNER here + VIEWER at P2)
//  │  │  └─ K2 (closed)     —
//  │  └─ C0 (sortOrder 0)   c0.viewer (VIEWER), "50%_off" in the display name
//  └─ P2                    p2.planner (PLANNER)
//  and nobody.here, who holds no role at all.
let hq: Unit;
let p1: Unit;
let p2: Unit;
let c0: Unit;
let c1: Unit;
let k1: Unit;
let apollo: ApolloServer<RequestContext>;
let services: Services;

function viewerAt(unit: Unit, role: Role, userId = "viewer"): Viewer {
  return { userId, assignments: [{ role, orgUnitId: unit.id, orgUnitPath: unit.path }] };
}

async function call(viewer: Viewer, query: string, variables: Record<string, unknown> = {}) {
  const response = await apollo.executeOperation(
    { query, variables },
    {
      contextValue: {
        viewer,
        services,
        session: NO_SESSION,
        request: { requestId: "users-list-test", clientAddress: "127.0.0.1", userAgent: null },
      },
    },
  );
  if (response.body.kind !== "single") throw new Error("expected a single result");
  const { data, errors } = response.body.singleResult;
  return { data, error: errors?.[0] };
}

const USERS = `query($search: String, $code: String, $first: Int, $after: String) {
  users(search: $search, orgUnitCode: $code, first: $first, after: $after) {
    totalCount nextCursor
    nodes { login displayName isActive roleAssignments { role orgUnit { code } orgUnitPath { code } } }
  }
}`;

interface UsersPage {
  totalCount: number;
  nextCursor: string | null;
  nodes: { login: string; displayName: string; isActive: boolean; roleAssignments: unknown[] }[];
}

async function usersOf(viewer: Viewer, variables: Record<string, unknown> = {}): Promise<UsersPage> {
  const result = await call(viewer, USERS, variables);
  if (result.error) throw new Error(`users failed: ${JSON.stringify(result.error)}`);
  return result.data?.["users"] as UsersPage;
}

const loginsOf = (page: UsersPage) => page.nodes.map((node) => node.login);

beforeAll(async () => {
  const { prisma, dataAccess } = getDb();
  hq = await createOrgUnit(prisma, { level: "HQ", code: "T-HQ", nameZh: "总部", nameEn: "Head office" });
  p1 = await createOrgUnit(prisma, { level: "PROVINCE", parent: hq, code: "T-P1", nameZh: "甲省", nameEn: "Province One" });
  p2 = await createOrgUnit(prisma, { level: "PROVINCE", parent: hq, code: "T-P2", nameZh: "乙省", nameEn: "Province Two" });
  c1 = await createOrgUnit(prisma, { level: "CITY", parent: p1, code: "T-C1", nameZh: "一市", nameEn: "City One", sortOrder: 1 });
  c0 = await createOrgUnit(prisma, {
    level: "CITY",
    parent: p1,
    code: "T-C0",
    nameZh: "零市",
    nameEn: "City Zero",
    sortOrder: 0,
  });
  k1 = await createOrgUnit(prisma, { level: "COUNTY", parent: c1, code: "T-K1", nameZh: "一县", nameEn: "County One" });
  await createOrgUnit(prisma, {
    level: "COUNTY",
    parent: c1,
    code: "T-K2",
    nameZh: "二县",
    nameEn: "County Two",
    isActive: false,
  });

  const add = async (login: string, unit: Unit, roles: Role[], extra: { displayName?: string; isActive?: boolean } = {}) => {
    return (await createUser(prisma, { orgUnitId: unit.id, roles, login, ...extra })).user;
  };
  await add("hq.admin", hq, ["HQ_ADMIN"]);
  await add("hq.viewer", hq, ["VIEWER"]);
  await add("p1.admin", p1, ["HQ_ADMIN"]);
  await add("c1.planner", c1, ["PLANNER"]);
  await add("Zhou.Min", c1, ["PLANNER", "REVIEWER"], { displayName: "周敏" });
  await add("k1.planner", k1, ["PLANNER"], { isActive: false });
  const straddler = await add("straddler", k1, ["PLANNER"]);
  await prisma.roleAssignment.create({ data: { userId: straddler.id, role: "VIEWER", orgUnitId: p2.id } });
  await add("c0.viewer", c0, ["VIEWER"], { displayName: "50%_off 促销员" });
  await add("p2.planner", p2, ["PLANNER"]);
  await add("nobody.here", hq, []);

  apollo = new ApolloServer<RequestContext>({ schema: createSchema(), formatError: createErrorFormatter() });
  await apollo.start();
  services = createServices({ dataAccess, version: "test", log: { error: () => undefined } });
});

describe("users", () => {
  it("lists the users whose every role is inside the admin's subtree, by login ignoring case, deactivated ones too", async () => {
    // In P1's subtree: p1.admin, c1.planner, Zhou.Min, k1.planner, c0.viewer. Not the
    // straddler (also a VIEWER at P2), not HQ's or P2's users, not nobody.here (no role).
    const page = await usersOf(viewerAt(p1, "HQ_ADMIN"));
    expect(page.totalCount).toBe(5);
    expect(page.nextCursor).toBeNull();
    expect(loginsOf(page)).toEqual(["c0.viewer", "c1.planner", "k1.planner", "p1.admin", "Zhou.Min"]);
    expect(page.nodes.find((node) => node.login === "k1.planner")?.isActive).toBe(false);
    expect(page.nodes.find((node) => node.login === "Zhou.Min")).toEqual({
      login: "Zhou.Min",
      displayName: "周敏",
      isActive: true,
      roleAssignments: [
        { role: "PLANNER", orgUnit: { code: "T-C1" }, orgUnitPath: [{ code: "T-HQ" }, { code: "T-P1" }, { code: "T-C1" }] },
        { role: "REVIEWER", orgUnit: { code: "T-C1" }, orgUnitPath: [{ code: "T-HQ" }, { code: "T-P1" }, { code: "T-C1" }] },
      ],
    });
  });

  it("lists everyone with a role for an admin at the top, and nobody who holds no role", async () => {
    const page = await usersOf(viewerAt(hq, "HQ_ADMIN"));
    expect(loginsOf(page)).toEqual([
      "c0.viewer",
      "c1.planner",
      "hq.admin",
      "hq.viewer",
      "k1.planner",
      "p1.admin",
      "p2.planner",
      "straddler",
      "Zhou.Min",
    ]);
    expect(page.totalCount).toBe(9);
  });

  it("pages with first and after until the last page, whose cursor is null", async () => {
    const admin = viewerAt(p1, "HQ_ADMIN");
    const first = await usersOf(admin, { first: 2 });
    expect(loginsOf(first)).toEqual(["c0.viewer", "c1.planner"]);
    expect(first.totalCount).toBe(5);
    const second = await usersOf(admin, { first: 2, after: first.nextCursor });
    expect(loginsOf(second)).toEqual(["k1.planner", "p1.admin"]);
    const third = await usersOf(admin, { first: 2, after: second.nextCursor });
    expect(loginsOf(third)).toEqual(["Zhou.Min"]);
    expect(third.nextCursor).toBeNull();
    expect(third.totalCount).toBe(5);
  });

  it("searches the login, the display name and the email, ignoring case, with % and _ taken literally", async () => {
    const admin = viewerAt(p1, "HQ_ADMIN");
    expect(loginsOf(await usersOf(admin, { search: "ZHOU" }))).toEqual(["Zhou.Min"]);
    expect(loginsOf(await usersOf(admin, { search: "周" }))).toEqual(["Zhou.Min"]);
    expect(loginsOf(await usersOf(admin, { search: " c1 " }))).toEqual(["c1.planner"]);
    expect(loginsOf(await usersOf(admin, { search: "50%_" }))).toEqual(["c0.viewer"]);
    // "%" alone would match everyone as a pattern; as text, only a name that has one.
    expect(loginsOf(await usersOf(admin, { search: "%" }))).toEqual(["c0.viewer"]);
    const none = await usersOf(admin, { search: "p2.planner" });
    expect(none).toEqual({ totalCount: 0, nextCursor: null, nodes: [] });
  });

  it("keeps the users holding a role at a unit or below it, with orgUnitCode", async () => {
    const admin = viewerAt(p1, "HQ_ADMIN");
    expect(loginsOf(await usersOf(admin, { code: "T-C1" }))).toEqual(["c1.planner", "k1.planner", "Zhou.Min"]);
    expect(loginsOf(await usersOf(admin, { code: "T-K1" }))).toEqual(["k1.planner"]);
    expect(loginsOf(await usersOf(admin, { code: "T-C1", search: "zhou" }))).toEqual(["Zhou.Min"]);
  });

  it("answers NOT_FOUND for a unit outside the subtree, exactly as for a code that does not exist", async () => {
    const admin = viewerAt(p1, "HQ_ADMIN");
    const outside = await call(admin, USERS, { code: "T-P2" });
    const above = await call(admin, USERS, { code: "T-HQ" });
    const missing = await call(admin, USERS, { code: "NO-SUCH" });
    for (const result of [outside, above, missing]) {
      expect(result.data).toBeNull();
      expect(result.error?.extensions).toMatchObject({ code: "NOT_FOUND", reason: "ORG_UNIT_NOT_FOUND" });
      expect(result.error?.message).toBe(missing.error?.message);
    }
  });

  it("refuses a page size outside 1…200 and a cursor that is not one of ours", async () => {
    const admin = viewerAt(p1, "HQ_ADMIN");
    for (const first of [0, 201]) {
      const result = await call(admin, USERS, { first });
      expect(result.error?.extensions).toMatchObject({ code: "VALIDATION_FAILED", reason: "PAGE_SIZE_INVALID" });
    }
    const foreign = await call(admin, USERS, { after: "not-a-cursor" });
    expect(foreign.error?.extensions).toMatchObject({ code: "VALIDATION_FAILED", reason: "CURSOR_INVALID" });
  });

  it("is refused at the edge for every role but HQ_ADMIN", async () => {
    const result = await call(viewerAt(p1, "REVIEWER"), USERS);
    expect(result.error?.extensions?.["code"]).toBe("FORBIDDEN");
  });
});

const ASSIGNABLE = `query($search: String, $first: Int) { assignableOrgUnits(search: $search, first: $first) { code nameZh level } }`;

async function assignableCodes(viewer: Viewer, variables: Record<string, unknown> = {}): Promise<string[]> {
  const result = await call(viewer, ASSIGNABLE, variables);
  if (result.error) throw new Error(`assignableOrgUnits failed: ${JSON.stringify(result.error)}`);
  return (result.data?.["assignableOrgUnits"] as { code: string }[]).map((unit) => unit.code);
}

describe("assignableOrgUnits", () => {
  it("lists the admin's active units, parents first, siblings by sortOrder (the closed county left out)", async () => {
    expect(await assignableCodes(viewerAt(p1, "HQ_ADMIN"))).toEqual(["T-P1", "T-C0", "T-C1", "T-K1"]);
    const [first] = (await call(viewerAt(p1, "HQ_ADMIN"), ASSIGNABLE, { first: 1 })).data?.["assignableOrgUnits"] as unknown[];
    expect(first).toEqual({ code: "T-P1", nameZh: "甲省", level: "PROVINCE" });
  });

  it("searches the code and both names, ignoring case, and stops at first", async () => {
    const admin = viewerAt(p1, "HQ_ADMIN");
    expect(await assignableCodes(admin, { search: "county" })).toEqual(["T-K1"]);
    expect(await assignableCodes(admin, { search: "一" })).toEqual(["T-C1", "T-K1"]);
    expect(await assignableCodes(admin, { search: "t-c" })).toEqual(["T-C0", "T-C1"]);
    expect(await assignableCodes(admin, { search: "乙省" })).toEqual([]);
    expect(await assignableCodes(admin, { first: 2 })).toEqual(["T-P1", "T-C0"]);
  });

  it("is empty for a viewer who manages no users, and refuses a size outside 1…100", async () => {
    expect(await assignableCodes(viewerAt(hq, "PLANNER"))).toEqual([]);
    expect(await assignableCodes(viewerAt(k1, "VIEWER"))).toEqual([]);
    const tooMany = await call(viewerAt(p1, "HQ_ADMIN"), ASSIGNABLE, { first: 101 });
    expect(tooMany.error?.extensions).toMatchObject({ code: "VALIDATION_FAILED", reason: "PAGE_SIZE_INVALID" });
  });
});
