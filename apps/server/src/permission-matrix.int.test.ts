// The permission matrix, generated from the policy tables: every root field
// (ROOT_FIELD_POLICY) × every role × where the target unit sits relative to the
// viewer's unit (own unit, direct child, deeper descendant, ancestor, sibling,
// unrelated branch) → allowed or refused as the domain's ACCESS_POLICY says,
// through GraphQL with the real schema, services and database. Viewers sign in
// with the login mutation and each request's viewer comes from their session token
// (auth.viewerForToken), as the HTTP layer does it. A root field without an entry
// in ROOT_FIELD_POLICY, or without an operation here, fails the test.
import { ApolloServer } from "@apollo/server";
import { createOrgUnit, createPlanCycle, createUser, TEST_PASSWORD_COST, useTestDatabase } from "@pyramid/db/testing";
import { ROLES, UNIT_RELATIONS, isAllowed, type Role, type UnitRelation } from "@pyramid/domain";
import type { GraphQLFormattedError } from "graphql";
import { beforeAll, describe, expect, it } from "vitest";
import type { RequestContext } from "./context.js";
import { createErrorFormatter } from "./errors.js";
import type { RequestSession } from "./http/request-session.js";
import { createSchema } from "./schema/create-schema.js";
import { ROOT_FIELD_POLICY } from "./schema/root-field-policy.js";
import { createServices, type Services } from "./services.js";

const getDb = useTestDatabase();

interface Operation {
  readonly query: string;
  readonly variables: Record<string, unknown>;
}

/** The fixtures an operation may refer to: the target unit and a user who holds a role only there. */
interface Target {
  readonly unitId: string;
  readonly subjectUserId: string;
  /** Unique per call, for fields that create something. */
  readonly unique: string;
}

const NO_SUCH_ID = "00000000-0000-4000-8000-000000000000";

// One operation per root field. A field the schema gains without an entry here fails below.
const OPERATIONS: Record<string, (target: Target) => Operation> = {
  "Query.health": () => ({ query: "{ health { status } }", variables: {} }),
  "Query.me": () => ({ query: "{ me { id } }", variables: {} }),
  "Mutation.login": () => ({
    query: "mutation($l: String!, $p: String!) { login(login: $l, password: $p) { expiresAt } }",
    variables: { l: "matrix.login", p: "test1234" },
  }),
  "Mutation.logout": () => ({ query: "mutation { logout { signedOut } }", variables: {} }),
  "Mutation.changePassword": () => ({
    query: "mutation($i: ChangePasswordInput!) { changePassword(input: $i) { me { id } } }",
    variables: { i: { currentPassword: "test1234", newPassword: "test1234" } },
  }),
  "Query.cycles": () => ({ query: "{ cycles { id } }", variables: {} }),
  "Query.myTasks": () => ({ query: "{ myTasks { kind } }", variables: {} }),
  "Query.orgSubtree": (target) => ({
    query: "query($r: ID!, $c: ID!) { orgSubtree(rootId: $r, cycleId: $c) { id } }",
    variables: { r: target.unitId, c: cycleId },
  }),
  "Query.orgTree": (target) => ({
    query: "query($r: ID, $c: ID!) { orgTree(rootId: $r, cycleId: $c) { totalCount nodes { id } } }",
    variables: { r: target.unitId, c: cycleId },
  }),
  "Query.user": (target) => ({ query: "query($id: ID!) { user(id: $id) { id } }", variables: { id: target.subjectUserId } }),
  "Mutation.createUser": (target) => ({
    query: "mutation($i: CreateUserInput!) { createUser(input: $i) { user { id } } }",
    variables: {
      i: {
        login: `m.${target.unique}`,
        displayName: "矩阵",
        password: "matrix-pass-1",
        roleAssignments: [{ role: "PLANNER", orgUnitId: target.unitId }],
      },
    },
  }),
  "Mutation.deactivateUser": (target) => ({
    query: "mutation($i: DeactivateUserInput!) { deactivateUser(input: $i) { user { id } } }",
    variables: { i: { userId: target.subjectUserId } },
  }),
  "Mutation.resetPassword": (target) => ({
    query: "mutation($i: ResetPasswordInput!) { resetPassword(input: $i) { user { id } } }",
    variables: { i: { userId: target.subjectUserId, newPassword: "matrix-reset-1" } },
  }),
};

let apollo: ApolloServer<RequestContext>;
let services: Services;
let cycleId: string;
/** The target units by their relation to the viewers' unit (a province). */
const unitByRelation = new Map<UnitRelation, string>();
const subjectByUnit = new Map<string, string>();
const tokenByRole = new Map<Role, string>();
let callCount = 0;

function sessionWith(token: string | null): RequestSession {
  return { token, setToken: () => undefined, clearToken: () => undefined };
}

async function call(token: string | null, operation: Operation) {
  const viewer = token === null ? null : await services.auth.viewerForToken(token);
  const response = await apollo.executeOperation(operation, {
    contextValue: {
      viewer,
      services,
      session: sessionWith(token),
      request: { requestId: `matrix-${++callCount}`, clientAddress: "10.9.9.9", userAgent: null },
    },
  });
  if (response.body.kind !== "single") throw new Error("expected a single result");
  return response.body.singleResult;
}

async function signIn(login: string): Promise<string> {
  let token: string | null = null;
  const session: RequestSession = { token: null, setToken: (value) => (token = value), clearToken: () => undefined };
  await services.auth.login(login, "test1234", session, {
    requestId: "matrix-login",
    clientAddress: "10.9.9.8",
    userAgent: null,
  });
  if (token === null) throw new Error(`${login} did not sign in`);
  return token;
}

beforeAll(async () => {
  const { prisma, dataAccess } = getDb();
  //            HQ
  //        P1 (viewers)      P2
  //        C1                C2
  //        K1
  const hq = await createOrgUnit(prisma, { level: "HQ" });
  const p1 = await createOrgUnit(prisma, { level: "PROVINCE", parent: hq });
  const p2 = await createOrgUnit(prisma, { level: "PROVINCE", parent: hq });
  const c1 = await createOrgUnit(prisma, { level: "CITY", parent: p1 });
  const c2 = await createOrgUnit(prisma, { level: "CITY", parent: p2 });
  const k1 = await createOrgUnit(prisma, { level: "COUNTY", parent: c1 });
  const byRelation: Record<UnitRelation, string> = {
    SELF: p1.id,
    DIRECT_CHILD: c1.id,
    DESCENDANT: k1.id,
    ANCESTOR: hq.id,
    SIBLING: p2.id,
    UNRELATED: c2.id,
  };
  for (const relation of UNIT_RELATIONS) unitByRelation.set(relation, byRelation[relation]);
  cycleId = (await createPlanCycle(prisma)).id;
  for (const unitId of Object.values(byRelation)) {
    subjectByUnit.set(unitId, (await createUser(prisma, { orgUnitId: unitId, role: "PLANNER" })).user.id);
  }
  await createUser(prisma, { orgUnitId: c2.id, login: "matrix.login" });
  for (const role of ROLES) await createUser(prisma, { orgUnitId: p1.id, role, login: `viewer.${role.toLowerCase()}` });

  apollo = new ApolloServer<RequestContext>({ schema: createSchema(), formatError: createErrorFormatter() });
  await apollo.start();
  services = createServices({ dataAccess, version: "test", log: { error: () => undefined }, passwordCost: TEST_PASSWORD_COST });
  for (const role of ROLES) tokenByRole.set(role, await signIn(`viewer.${role.toLowerCase()}`));
});

function targetFor(relation: UnitRelation, role: Role): Target {
  const unitId = unitByRelation.get(relation) ?? "";
  return { unitId, subjectUserId: subjectByUnit.get(unitId) ?? "", unique: `${role}.${relation}`.toLowerCase() };
}

const fieldOf = (coordinate: string) => coordinate.split(".")[1] ?? "";

function expectRefused(errors: readonly GraphQLFormattedError[] | undefined, data: unknown, field: string, code: string) {
  expect(errors?.[0]?.extensions?.["code"]).toBe(code);
  expect((data as Record<string, unknown> | null | undefined)?.[field] ?? null).toBeNull();
}

describe("the permission matrix", () => {
  it("has an operation for every root field in the policy table", () => {
    expect(Object.keys(OPERATIONS).sort()).toEqual(Object.keys(ROOT_FIELD_POLICY).sort());
  });

  const unitFields = Object.entries(ROOT_FIELD_POLICY).flatMap(([coordinate, policy]) =>
    policy.kind === "UNIT" ? [[coordinate, policy.action] as const] : [],
  );
  const unitCases = unitFields.flatMap(([coordinate, action]) =>
    ROLES.flatMap((role) =>
      UNIT_RELATIONS.map((relation) => [coordinate, role, relation, isAllowed(role, action, relation)] as const),
    ),
  );

  it.each(unitCases)("%s by a %s on the %s unit → allowed: %s", async (coordinate, role, relation, allowed) => {
    const operation = OPERATIONS[coordinate];
    if (!operation) throw new Error(`no operation for ${coordinate}`);
    // The @access roles are the roles the policy allows the action somewhere (root-field-policy.test.ts).
    const roleAtEdge = UNIT_RELATIONS.some((other) => isAllowed(role, policyAction(coordinate), other));
    const result = await call(tokenByRole.get(role) ?? null, operation(targetFor(relation, role)));
    if (allowed) {
      expect(result.errors).toBeUndefined();
      return;
    }
    // The role check at the edge, or the policy's NOT_FOUND: never data.
    expectRefused(result.errors, result.data, fieldOf(coordinate), roleAtEdge ? "NOT_FOUND" : "FORBIDDEN");
    if (roleAtEdge) {
      // Outside the scope, the same answer as for nothing at all.
      const missing = await call(
        tokenByRole.get(role) ?? null,
        operation({ unitId: NO_SUCH_ID, subjectUserId: NO_SUCH_ID, unique: `missing.${role}.${relation}`.toLowerCase() }),
      );
      const { code, reason } = missing.errors?.[0]?.extensions ?? {};
      expect({ code, reason, message: missing.errors?.[0]?.message }).toEqual({
        code: result.errors?.[0]?.extensions?.["code"],
        reason: result.errors?.[0]?.extensions?.["reason"],
        message: result.errors?.[0]?.message,
      });
    }
  });

  const accountFields = Object.entries(ROOT_FIELD_POLICY).flatMap(([coordinate, policy]) =>
    policy.kind === "UNIT" ? [] : ROLES.map((role) => [coordinate, policy.kind, role] as const),
  );

  it.each(accountFields)("%s (%s) answers a %s", async (coordinate, _kind, role) => {
    const operation = OPERATIONS[coordinate];
    if (!operation) throw new Error(`no operation for ${coordinate}`);
    // logout ends the session it is sent with: give it a session of its own.
    const token = coordinate === "Mutation.logout" ? await signIn(`viewer.${role.toLowerCase()}`) : tokenByRole.get(role)!;
    const result = await call(token, operation(targetFor("SELF", role)));
    expect(result.errors).toBeUndefined();
  });

  it.each(Object.entries(ROOT_FIELD_POLICY))("%s without a session: %s", async (coordinate, policy) => {
    const operation = OPERATIONS[coordinate];
    if (!operation) throw new Error(`no operation for ${coordinate}`);
    const result = await call(null, operation(targetFor("SELF", "VIEWER")));
    if (policy.kind === "PUBLIC") expect(result.errors).toBeUndefined();
    else expectRefused(result.errors, result.data, fieldOf(coordinate), "UNAUTHENTICATED");
  });
});

function policyAction(coordinate: string) {
  const policy = ROOT_FIELD_POLICY[coordinate];
  if (policy?.kind !== "UNIT") throw new Error(`${coordinate} is not a unit field`);
  return policy.action;
}
