// HQ administrators' user management through the real schema and database: within
// their subtree only, audited with the request and session, sessions ended.
import { ApolloServer } from "@apollo/server";
import { createOrgUnit, createUser, TEST_PASSWORD_COST, useTestDatabase } from "@pyramid/db/testing";
import { beforeAll, describe, expect, it } from "vitest";
import type { RequestContext } from "../../context.js";
import { createErrorFormatter } from "../../errors.js";
import type { RequestSession } from "../../http/request-session.js";
import { createSchema } from "../../schema/create-schema.js";
import { createServices, type Services } from "../../services.js";

const getDb = useTestDatabase();

type OrgUnit = Awaited<ReturnType<typeof createOrgUnit>>;

let apollo: ApolloServer<RequestContext>;
let services: Services;
let requests = 0;
let province: OrgUnit;
let city: OrgUnit;
let otherProvince: OrgUnit;
let adminToken: string;
let adminId: string;

const NO_SESSION_CHANGES: Omit<RequestSession, "token"> = { setToken: () => undefined, clearToken: () => undefined };

async function signIn(login: string, password = "test1234"): Promise<string | null> {
  let token: string | null = null;
  const session = { token: null, setToken: (value: string) => (token = value), clearToken: () => undefined };
  try {
    await services.auth.login(login, password, session, { requestId: "sign-in", clientAddress: "10.5.5.5", userAgent: null });
  } catch {
    return null;
  }
  return token;
}

async function call(token: string | null, query: string, variables: Record<string, unknown>) {
  const viewer = token === null ? null : await services.auth.viewerForToken(token);
  const response = await apollo.executeOperation(
    { query, variables },
    {
      contextValue: {
        viewer,
        services,
        session: { token, ...NO_SESSION_CHANGES },
        request: { requestId: `users-test-${++requests}`, clientAddress: "10.5.5.6", userAgent: null },
      },
    },
  );
  if (response.body.kind !== "single") throw new Error("expected a single result");
  const { data, errors } = response.body.singleResult;
  return { data, error: errors?.[0] };
}

const CREATE = `mutation($i: CreateUserInput!) {
  createUser(input: $i) { user { id login locale isActive roleAssignments { role orgUnit { id } orgUnitPath { id } } } }
}`;
const DEACTIVATE = `mutation($i: DeactivateUserInput!) { deactivateUser(input: $i) { user { id isActive } } }`;
const RESET = `mutation($i: ResetPasswordInput!) { resetPassword(input: $i) { user { id } } }`;

beforeAll(async () => {
  const { prisma, dataAccess } = getDb();
  const hq = await createOrgUnit(prisma, { level: "HQ" });
  province = await createOrgUnit(prisma, { level: "PROVINCE", parent: hq });
  otherProvince = await createOrgUnit(prisma, { level: "PROVINCE", parent: hq });
  city = await createOrgUnit(prisma, { level: "CITY", parent: province });
  adminId = (await createUser(prisma, { orgUnitId: province.id, role: "HQ_ADMIN", login: "gd.admin" })).user.id;
  apollo = new ApolloServer<RequestContext>({ schema: createSchema(), formatError: createErrorFormatter() });
  await apollo.start();
  services = createServices({ dataAccess, version: "test", log: { error: () => undefined }, passwordCost: TEST_PASSWORD_COST });
  adminToken = (await signIn("gd.admin")) ?? "";
});

describe("createUser", () => {
  it("creates a user at a unit in the admin's subtree, who can then sign in; audited with request and session", async () => {
    const { prisma } = getDb();
    const created = await call(adminToken, CREATE, {
      i: {
        login: "Zhou.Min",
        displayName: "周敏",
        locale: "en",
        password: "first-pass-1",
        roleAssignments: [
          { role: "PLANNER", orgUnitId: city.id },
          { role: "REVIEWER", orgUnitId: city.id },
        ],
      },
    });
    expect(created.error).toBeUndefined();
    const user = (created.data?.["createUser"] as { user: { id: string } }).user;
    expect(created.data?.["createUser"]).toMatchObject({
      user: { login: "Zhou.Min", locale: "en", isActive: true },
    });
    expect(await signIn("zhou.min", "first-pass-1")).not.toBeNull();

    const audit = await prisma.auditLog.findMany({ where: { entityId: user.id, action: "USER_CREATED" } });
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actorId: adminId, entity: "User", orgUnitId: city.id });
    expect(audit[0]?.requestId).toMatch(/^users-test-/);
    expect(audit[0]?.sessionId).not.toBeNull();
    expect(JSON.stringify(audit[0]?.after)).not.toContain("scrypt");
    const grants = await prisma.roleAssignment.findMany({ where: { userId: user.id }, select: { grantedById: true } });
    expect(grants.map((grant) => grant.grantedById)).toEqual([adminId, adminId]);
  });

  it("refuses a login taken in another case, a bad login and a short password", async () => {
    const base = { displayName: "x", password: "long-enough-1", roleAssignments: [{ role: "PLANNER", orgUnitId: city.id }] };
    const taken = await call(adminToken, CREATE, { i: { ...base, login: "GD.ADMIN" } });
    expect(taken.error?.extensions).toMatchObject({ code: "CONFLICT", reason: "LOGIN_TAKEN" });
    const badLogin = await call(adminToken, CREATE, { i: { ...base, login: "has space" } });
    expect(badLogin.error?.extensions).toMatchObject({ code: "VALIDATION_FAILED", reason: "LOGIN_INVALID" });
    const short = await call(adminToken, CREATE, { i: { ...base, login: "new.one", password: "short" } });
    expect(short.error?.extensions).toMatchObject({ code: "VALIDATION_FAILED", reason: "PASSWORD_TOO_SHORT" });
  });

  it("answers NOT_FOUND for a unit in another province, as for a unit that does not exist", async () => {
    const base = { login: "outside.one", displayName: "x", password: "long-enough-1" };
    const outside = await call(adminToken, CREATE, {
      i: { ...base, roleAssignments: [{ role: "PLANNER", orgUnitId: otherProvince.id }] },
    });
    const missingId = "00000000-0000-4000-8000-000000000001";
    const missing = await call(adminToken, CREATE, {
      i: { ...base, roleAssignments: [{ role: "PLANNER", orgUnitId: missingId }] },
    });
    expect(outside.error?.extensions).toMatchObject({ code: "NOT_FOUND", reason: "ORG_UNIT_NOT_FOUND" });
    expect(missing.error?.extensions).toMatchObject({ code: "NOT_FOUND", reason: "ORG_UNIT_NOT_FOUND" });
    expect(outside.error?.message).toBe(missing.error?.message);
    expect(await getDb().prisma.user.count({ where: { login: "outside.one" } })).toBe(0);
  });
});

describe("deactivateUser and resetPassword", () => {
  it("deactivates a user in the subtree: their sessions end and they cannot sign in; audited", async () => {
    const { prisma } = getDb();
    const { user } = await createUser(prisma, { orgUnitId: city.id, login: "to.leave" });
    const theirToken = await signIn("to.leave");
    expect(await services.auth.viewerForToken(theirToken ?? "")).not.toBeNull();
    const result = await call(adminToken, DEACTIVATE, { i: { userId: user.id } });
    expect(result.data?.["deactivateUser"]).toEqual({ user: { id: user.id, isActive: false } });
    expect(await services.auth.viewerForToken(theirToken ?? "")).toBeNull();
    expect(await signIn("to.leave")).toBeNull();
    const audit = await prisma.auditLog.findMany({ where: { entityId: user.id, action: "USER_DEACTIVATED" } });
    expect(audit[0]).toMatchObject({
      actorId: adminId,
      before: { isActive: true },
      after: { isActive: false, sessionsEnded: 1 },
    });
  });

  it("resets a password: the old one stops working, the new one works, sessions end; audited", async () => {
    const { prisma } = getDb();
    const { user } = await createUser(prisma, { orgUnitId: city.id, login: "forgot.it" });
    const before = await signIn("forgot.it");
    const result = await call(adminToken, RESET, { i: { userId: user.id, newPassword: "brand-new-1" } });
    expect(result.error).toBeUndefined();
    expect(await services.auth.viewerForToken(before ?? "")).toBeNull();
    expect(await signIn("forgot.it")).toBeNull();
    expect(await signIn("forgot.it", "brand-new-1")).not.toBeNull();
    expect(await prisma.auditLog.count({ where: { entityId: user.id, action: "PASSWORD_RESET", actorId: adminId } })).toBe(1);
  });

  it("answers NOT_FOUND for users outside the subtree (or partly outside), and refuses deactivating oneself", async () => {
    const { prisma } = getDb();
    const outsider = (await createUser(prisma, { orgUnitId: otherProvince.id })).user;
    const straddling = (await createUser(prisma, { orgUnitId: city.id })).user;
    await prisma.roleAssignment.create({ data: { userId: straddling.id, role: "VIEWER", orgUnitId: otherProvince.id } });
    for (const userId of [outsider.id, straddling.id, "00000000-0000-4000-8000-000000000002"]) {
      const result = await call(adminToken, DEACTIVATE, { i: { userId } });
      expect(result.error?.extensions).toMatchObject({ code: "NOT_FOUND", reason: "USER_NOT_FOUND" });
    }
    expect((await prisma.user.findUniqueOrThrow({ where: { id: outsider.id } })).isActive).toBe(true);
    const self = await call(adminToken, DEACTIVATE, { i: { userId: adminId } });
    expect(self.error?.extensions).toMatchObject({ code: "VALIDATION_FAILED", reason: "CANNOT_DEACTIVATE_SELF" });
  });
});
