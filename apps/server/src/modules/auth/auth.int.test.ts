// Sign-in through the real schema and database: login, me, logout, password change,
// and the security rules (revocation, idle and absolute expiry, attempt limits, the
// same answer for an unknown login and a wrong password). The request's session is a
// fake cookie jar that records what the service asks of it; each request's viewer
// comes from auth.viewerForToken, as the HTTP layer's context factory does it.
import { ApolloServer } from "@apollo/server";
import { createOrgChain, createUser, TEST_PASSWORD_COST, useTestDatabase } from "@pyramid/db/testing";
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { RequestContext } from "../../context.js";
import { createErrorFormatter } from "../../errors.js";
import type { RequestInfo, RequestSession } from "../../http/request-session.js";
import { createSchema } from "../../schema/create-schema.js";
import { createServices, type Services } from "../../services.js";

const getDb = useTestDatabase();

/** A browser's cookie jar for one client: what the server set or cleared. */
class FakeCookieJar {
  token: string | null = null;
  readonly calls: string[] = [];
  session(): RequestSession {
    return {
      token: this.token,
      setToken: (token, expiresAt) => {
        this.token = token;
        this.calls.push(`set until ${expiresAt.toISOString()}`);
      },
      clearToken: () => {
        this.token = null;
        this.calls.push("clear");
      },
    };
  }
}

let apollo: ApolloServer<RequestContext>;
let services: Services;
let now = new Date("2026-11-29T08:00:00.000Z");
const minutesLater = (minutes: number) => {
  now = new Date(now.getTime() + minutes * 60_000);
};
let requestCount = 0;

async function run(jar: FakeCookieJar, query: string, variables: Record<string, unknown> = {}, address = "10.1.1.1") {
  const session = jar.session();
  // Handed on unbound, as the HTTP layer's context factory takes it.
  const resolveViewer = services.auth.viewerForToken;
  const viewer = session.token === null ? null : await resolveViewer(session.token);
  const request: RequestInfo = { requestId: `auth-test-${++requestCount}`, clientAddress: address, userAgent: "vitest" };
  const response = await apollo.executeOperation({ query, variables }, { contextValue: { viewer, services, session, request } });
  if (response.body.kind !== "single") throw new Error("expected a single result");
  const { data, errors } = response.body.singleResult;
  return { data, errors, error: errors?.[0] };
}

const LOGIN = `mutation Login($login: String!, $password: String!) {
  login(login: $login, password: $password) { expiresAt me { login locale } }
}`;
const ME = `{ me { id login displayName locale isActive roleAssignments { role orgUnit { code level } orgUnitPath { code } } } }`;
const LOGOUT = `mutation { logout { signedOut } }`;
const CHANGE = `mutation Change($input: ChangePasswordInput!) { changePassword(input: $input) { me { login } } }`;

let cityUnitCode: string;
let countyCode: string;
let provinceCode: string;
let hqCode: string;

beforeAll(async () => {
  const { prisma, dataAccess } = getDb();
  const chain = await createOrgChain(prisma);
  [hqCode, provinceCode, cityUnitCode, countyCode] = [chain.hq.code, chain.province.code, chain.city.code, chain.county.code];
  const { user } = await createUser(prisma, { orgUnitId: chain.city.id, roles: ["PLANNER"], login: "Wang.Fang", locale: "en" });
  await prisma.roleAssignment.create({ data: { userId: user.id, role: "REVIEWER", orgUnitId: chain.province.id } });
  await createUser(prisma, { orgUnitId: chain.county.id, login: "li.lei" });
  await createUser(prisma, { orgUnitId: chain.county.id, login: "gone", isActive: false });
  apollo = new ApolloServer<RequestContext>({ schema: createSchema(), formatError: createErrorFormatter() });
  await apollo.start();
  services = createServices({
    dataAccess,
    version: "test",
    log: { error: () => undefined },
    clock: () => now,
    passwordCost: TEST_PASSWORD_COST,
  });
});

beforeEach(() => {
  // Each test starts well after the previous one's attempts left the 15-minute window.
  minutesLater(24 * 60);
});

describe("login, me, logout", () => {
  it("signs in case-insensitively, sets the cookie for 12 hours and answers me with roles and unit paths", async () => {
    const jar = new FakeCookieJar();
    const login = await run(jar, LOGIN, { login: "  WANG.fang ", password: "test1234" });
    expect(login.errors).toBeUndefined();
    const expiresAt = new Date(now.getTime() + 12 * 3600_000).toISOString();
    expect(login.data?.["login"]).toEqual({ expiresAt, me: { login: "Wang.Fang", locale: "en" } });
    expect(jar.calls).toEqual([`set until ${expiresAt}`]);
    expect(jar.token).toMatch(/^[A-Za-z0-9_-]{43}$/);

    const me = await run(jar, ME);
    expect(me.data?.["me"]).toMatchObject({
      login: "Wang.Fang",
      locale: "en",
      isActive: true,
      roleAssignments: [
        {
          role: "REVIEWER",
          orgUnit: { code: provinceCode, level: "PROVINCE" },
          orgUnitPath: [{ code: hqCode }, { code: provinceCode }],
        },
        {
          role: "PLANNER",
          orgUnit: { code: cityUnitCode, level: "CITY" },
          orgUnitPath: [{ code: hqCode }, { code: provinceCode }, { code: cityUnitCode }],
        },
      ],
    });
  });

  it("answers me with null for nobody signed in", async () => {
    expect((await run(new FakeCookieJar(), ME)).data?.["me"]).toBeNull();
  });

  it("stores only a hash of the token", async () => {
    const jar = new FakeCookieJar();
    await run(jar, LOGIN, { login: "li.lei", password: "test1234" });
    const rows = await getDb().prisma.session.findMany({ select: { tokenHash: true } });
    expect(rows.some((row) => row.tokenHash === jar.token)).toBe(false);
    expect(rows.every((row) => /^[0-9a-f]{64}$/.test(row.tokenHash))).toBe(true);
  });

  it("logout revokes the session on the server: the old token signs nothing in, even if replayed", async () => {
    const jar = new FakeCookieJar();
    await run(jar, LOGIN, { login: "li.lei", password: "test1234" });
    const token = jar.token;
    const out = await run(jar, LOGOUT);
    expect(out.data?.["logout"]).toEqual({ signedOut: true });
    expect(jar.calls.at(-1)).toBe("clear");
    expect(await services.auth.viewerForToken(token ?? "")).toBeNull();
    const replay = new FakeCookieJar();
    replay.token = token;
    expect((await run(replay, ME)).data?.["me"]).toBeNull();
    const audit = await getDb().prisma.auditLog.findMany({ where: { entity: "Session", action: { in: ["LOGIN", "LOGOUT"] } } });
    expect(audit.filter((row) => row.action === "LOGOUT").length).toBeGreaterThanOrEqual(1);
  });

  it("ends a session after 30 idle minutes, and after 12 hours however busy", async () => {
    const jar = new FakeCookieJar();
    await run(jar, LOGIN, { login: "li.lei", password: "test1234" });
    minutesLater(29);
    expect((await run(jar, ME)).data?.["me"]).not.toBeNull(); // touches last-seen
    minutesLater(29);
    expect((await run(jar, ME)).data?.["me"]).not.toBeNull();
    minutesLater(30);
    expect((await run(jar, ME)).data?.["me"]).toBeNull();

    const busy = new FakeCookieJar();
    await run(busy, LOGIN, { login: "li.lei", password: "test1234" });
    for (let minute = 0; minute < 12 * 60 - 20; minute += 20) {
      minutesLater(20);
      expect((await run(busy, ME)).data?.["me"]).not.toBeNull();
    }
    minutesLater(20);
    expect((await run(busy, ME)).data?.["me"]).toBeNull();
  });

  it("refuses a deactivated user's correct password with the same error as a wrong one", async () => {
    const inactive = await run(new FakeCookieJar(), LOGIN, { login: "gone", password: "test1234" });
    const wrong = await run(new FakeCookieJar(), LOGIN, { login: "li.lei", password: "wrong-password" });
    expect(inactive.error?.extensions).toEqual(wrong.error?.extensions);
    expect(inactive.error?.message).toBe(wrong.error?.message);
  });
});

describe("failed attempts", () => {
  it("gives an unknown login and a wrong password the same code, reason and message", async () => {
    const unknown = await run(new FakeCookieJar(), LOGIN, { login: "no.such.user", password: "test1234" });
    const wrong = await run(new FakeCookieJar(), LOGIN, { login: "li.lei", password: "not-it" });
    expect(unknown.data).toBeNull();
    expect(unknown.error?.extensions).toEqual({ code: "UNAUTHENTICATED", reason: "INVALID_CREDENTIALS" });
    expect(wrong.error?.extensions).toEqual(unknown.error?.extensions);
    expect(wrong.error?.message).toBe(unknown.error?.message);
  });

  it("limits a login after 5 failures in 15 minutes, says until when, then allows it after the window", async () => {
    const jar = new FakeCookieJar();
    const firstFailure = new Date(now);
    for (let attempt = 0; attempt < 5; attempt += 1) {
      const failed = await run(jar, LOGIN, { login: "Wang.Fang", password: "wrong" }, `10.2.0.${attempt}`);
      expect(failed.error?.extensions?.["code"]).toBe("UNAUTHENTICATED");
      minutesLater(1);
    }
    // Even the right password is refused while limited, and from another address.
    const limited = await run(jar, LOGIN, { login: "wang.fang", password: "test1234" }, "10.2.1.1");
    const retryAt = new Date(firstFailure.getTime() + 15 * 60_000).toISOString();
    expect(limited.error?.extensions).toMatchObject({ code: "TOO_MANY_ATTEMPTS", reason: "LOGIN_LIMITED", params: { retryAt } });
    expect(limited.error?.message).toContain(retryAt);
    expect(jar.token).toBeNull();

    now = new Date(retryAt);
    const allowed = await run(jar, LOGIN, { login: "wang.fang", password: "test1234" }, "10.2.1.1");
    expect(allowed.errors).toBeUndefined();
    expect(jar.token).not.toBeNull();
  });

  it("limits an address after 20 failures in 15 minutes, whatever logins it tries", async () => {
    for (let attempt = 0; attempt < 20; attempt += 1) {
      await run(new FakeCookieJar(), LOGIN, { login: `guess${attempt}`, password: "x" }, "10.3.3.3");
    }
    const limited = await run(new FakeCookieJar(), LOGIN, { login: "li.lei", password: "test1234" }, "10.3.3.3");
    expect(limited.error?.extensions).toMatchObject({ code: "TOO_MANY_ATTEMPTS" });
    const elsewhere = await run(new FakeCookieJar(), LOGIN, { login: "li.lei", password: "test1234" }, "10.3.3.4");
    expect(elsewhere.errors).toBeUndefined();
  });

  // The defaults (5 per login, 20 per address in 15 minutes) as the domain's AuthSettings documents them.
  it("lets at most 5 of 12 parallel wrong passwords on one login be tried; the rest are limited", async () => {
    const answers = await Promise.all(
      Array.from({ length: 12 }, (_, attempt) =>
        run(new FakeCookieJar(), LOGIN, { login: "race.login", password: `wrong-${attempt}` }, `10.4.0.${attempt}`),
      ),
    );
    const codes = answers.map((answer) => answer.error?.extensions?.["code"]);
    expect(codes.filter((code) => code === "UNAUTHENTICATED")).toHaveLength(5);
    expect(codes.filter((code) => code === "TOO_MANY_ATTEMPTS")).toHaveLength(7);
    const recorded = await getDb().prisma.loginAttempt.count({ where: { loginKey: "race.login" } });
    expect(recorded).toBe(5);
  });

  it("lets at most 20 of 26 parallel wrong sign-ins from one address be tried, whatever the logins", async () => {
    const answers = await Promise.all(
      Array.from({ length: 26 }, (_, attempt) =>
        run(new FakeCookieJar(), LOGIN, { login: `race.guess${attempt}`, password: "wrong" }, "10.5.5.5"),
      ),
    );
    const codes = answers.map((answer) => answer.error?.extensions?.["code"]);
    expect(codes.filter((code) => code === "UNAUTHENTICATED")).toHaveLength(20);
    expect(codes.filter((code) => code === "TOO_MANY_ATTEMPTS")).toHaveLength(6);
  });
});

describe("stored hashes", () => {
  it("replaces a hash made with a weaker cost at the next sign-in", async () => {
    const { prisma, dataAccess } = getDb();
    const county = await prisma.orgUnit.findFirstOrThrow({ where: { code: countyCode } });
    await createUser(prisma, { orgUnitId: county.id, login: "old.hash" }); // TEST_PASSWORD_COST, N = 1024
    const stronger = createServices({
      dataAccess,
      version: "test",
      log: { error: () => undefined },
      clock: () => now,
      passwordCost: { N: 2048, r: 8, p: 1 },
    });
    await stronger.auth.login("old.hash", "test1234", new FakeCookieJar().session(), {
      requestId: "rehash",
      clientAddress: "10.4.4.4",
      userAgent: null,
    });
    const stored = await prisma.user.findUniqueOrThrow({ where: { login: "old.hash" }, select: { passwordHash: true } });
    expect(stored.passwordHash.startsWith("scrypt$2048$8$1$")).toBe(true);
    expect((await run(new FakeCookieJar(), LOGIN, { login: "old.hash", password: "test1234" })).errors).toBeUndefined();
  });
});

describe("changePassword", () => {
  it("needs the current password, checks the new one, ends other sessions and is audited", async () => {
    const { prisma } = getDb();
    await createUser(prisma, {
      orgUnitId: (await prisma.orgUnit.findFirstOrThrow({ where: { code: countyCode } })).id,
      login: "chen",
    });
    const here = new FakeCookieJar();
    const elsewhere = new FakeCookieJar();
    await run(here, LOGIN, { login: "chen", password: "test1234" });
    await run(elsewhere, LOGIN, { login: "chen", password: "test1234" });

    const wrongCurrent = await run(here, CHANGE, { input: { currentPassword: "nope", newPassword: "a-new-secret" } });
    expect(wrongCurrent.error?.extensions).toMatchObject({ code: "VALIDATION_FAILED", reason: "CURRENT_PASSWORD_WRONG" });
    const tooShort = await run(here, CHANGE, { input: { currentPassword: "test1234", newPassword: "short" } });
    expect(tooShort.error?.extensions).toMatchObject({ code: "VALIDATION_FAILED", reason: "PASSWORD_TOO_SHORT" });

    const changed = await run(here, CHANGE, { input: { currentPassword: "test1234", newPassword: "a-new-secret" } });
    expect(changed.errors).toBeUndefined();
    expect((await run(here, ME)).data?.["me"]).toMatchObject({ login: "chen" });
    expect((await run(elsewhere, ME)).data?.["me"]).toBeNull();
    expect((await run(new FakeCookieJar(), LOGIN, { login: "chen", password: "test1234" })).error).toBeDefined();
    expect((await run(new FakeCookieJar(), LOGIN, { login: "chen", password: "a-new-secret" })).errors).toBeUndefined();

    const user = await prisma.user.findUniqueOrThrow({ where: { login: "chen" } });
    const audit = await prisma.auditLog.findMany({ where: { entityId: user.id, action: "PASSWORD_CHANGED" } });
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actorId: user.id, after: { sessionsEnded: 1 } });
    expect(audit[0]?.requestId).toMatch(/^auth-test-/);
    expect(audit[0]?.sessionId).not.toBeNull();
  });

  it("counts wrong current passwords as failed sign-ins: the sixth try is limited", async () => {
    const { prisma } = getDb();
    await createUser(prisma, {
      orgUnitId: (await prisma.orgUnit.findFirstOrThrow({ where: { code: countyCode } })).id,
      login: "guesser",
    });
    const jar = new FakeCookieJar();
    await run(jar, LOGIN, { login: "guesser", password: "test1234" });
    for (let attempt = 0; attempt < 5; attempt += 1) {
      const wrong = await run(jar, CHANGE, { input: { currentPassword: `guess-${attempt}`, newPassword: "a-new-secret" } });
      expect(wrong.error?.extensions).toMatchObject({ reason: "CURRENT_PASSWORD_WRONG" });
    }
    const limited = await run(jar, CHANGE, { input: { currentPassword: "test1234", newPassword: "a-new-secret" } });
    expect(limited.error?.extensions).toMatchObject({ code: "TOO_MANY_ATTEMPTS" });
  });

  it("lets at most 5 of 9 parallel wrong current passwords be tried; the rest are limited", async () => {
    const { prisma } = getDb();
    await createUser(prisma, {
      orgUnitId: (await prisma.orgUnit.findFirstOrThrow({ where: { code: countyCode } })).id,
      login: "racer",
    });
    const jar = new FakeCookieJar();
    await run(jar, LOGIN, { login: "racer", password: "test1234" });
    const answers = await Promise.all(
      Array.from({ length: 9 }, (_, attempt) =>
        run(jar, CHANGE, { input: { currentPassword: `guess-${attempt}`, newPassword: "a-new-secret" } }, `10.6.0.${attempt}`),
      ),
    );
    const reasons = answers.map((answer) => answer.error?.extensions?.["reason"] ?? answer.error?.extensions?.["code"]);
    expect(reasons.filter((reason) => reason === "CURRENT_PASSWORD_WRONG")).toHaveLength(5);
    expect(reasons.filter((reason) => reason === "LOGIN_LIMITED")).toHaveLength(4);
  });

  it("does not count a right current password as a failure", async () => {
    const { prisma } = getDb();
    await createUser(prisma, {
      orgUnitId: (await prisma.orgUnit.findFirstOrThrow({ where: { code: countyCode } })).id,
      login: "careful",
    });
    const jar = new FakeCookieJar();
    await run(jar, LOGIN, { login: "careful", password: "test1234" });
    // Six right current passwords with a new one too short: refused for the new one, never limited.
    for (let attempt = 0; attempt < 6; attempt += 1) {
      const refused = await run(jar, CHANGE, { input: { currentPassword: "test1234", newPassword: "short" } });
      expect(refused.error?.extensions).toMatchObject({ reason: "PASSWORD_TOO_SHORT" });
    }
    expect(await prisma.loginAttempt.count({ where: { loginKey: "careful", succeeded: false } })).toBe(0);
  });

  it("is refused without a session", async () => {
    const result = await run(new FakeCookieJar(), CHANGE, { input: { currentPassword: "a", newPassword: "bbbbbbbbb" } });
    expect(result.error?.extensions).toMatchObject({ code: "UNAUTHENTICATED" });
  });
});
