// The user's interface language, kept on the server over real HTTP: set in one
// session, it is what the next sign-in (another browser, no shared storage) gets;
// audited when it changes; refused for a language the app does not have.
import { createOrgChain, createTestDatabase, createUser, type TestDatabase } from "@pyramid/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp, type App } from "../../app.js";

let db: TestDatabase;
let app: App;

beforeAll(async () => {
  db = await createTestDatabase();
  app = createApp({ dataAccess: db.dataAccess, webDistDir: "/nonexistent", version: "test", log: { error: () => undefined } });
  await app.ready();
});

afterAll(async () => {
  await app?.close();
  await db?.close();
});

interface Answer {
  data?: Record<string, unknown> | null;
  errors?: { message: string; extensions?: Record<string, unknown> }[];
}

async function graphql(query: string, variables: Record<string, unknown> = {}, cookie?: string) {
  const response = await app.fastify.inject({
    method: "POST",
    url: "/graphql",
    headers: { "content-type": "application/json", ...(cookie ? { cookie } : {}) },
    payload: JSON.stringify({ query, variables }),
  });
  return { response, body: response.json<Answer>() };
}

const LOGIN = "mutation($l: String!, $p: String!) { login(login: $l, password: $p) { me { locale } } }";
const SET_LOCALE = "mutation($i: SetMyLocaleInput!) { setMyLocale(input: $i) { me { login locale } } }";

/** Signs in as a fresh browser would; returns the cookie and the locale the answer carries. */
async function signIn(login: string, password: string): Promise<{ cookie: string; locale: unknown }> {
  const { response, body } = await graphql(LOGIN, { l: login, p: password });
  expect(body.errors).toBeUndefined();
  const cookie = [response.headers["set-cookie"] ?? []]
    .flat()
    .find((header) => header.startsWith("pp_session="))
    ?.split(";", 1)[0];
  if (!cookie) throw new Error("no session cookie");
  return { cookie, locale: (body.data?.["login"] as { me: { locale: unknown } }).me.locale };
}

describe("setMyLocale", () => {
  it("keeps the language with the user: the next sign-in anywhere gets it, and me says it", async () => {
    const { county } = await createOrgChain(db.prisma);
    const { user, password } = await createUser(db.prisma, { orgUnitId: county.id, role: "PLANNER" });
    const first = await signIn(user.login, password);
    expect(first.locale).toBe("zh-CN");

    const set = await graphql(SET_LOCALE, { i: { locale: "en" } }, first.cookie);
    expect(set.body).toEqual({ data: { setMyLocale: { me: { login: user.login, locale: "en" } } } });

    // Another browser: no cookie, no storage; the sign-in answer carries English.
    const second = await signIn(user.login, password);
    expect(second.locale).toBe("en");
    const me = await graphql("{ me { locale } }", {}, second.cookie);
    expect(me.body.data).toEqual({ me: { locale: "en" } });

    // And back, from the second browser.
    await graphql(SET_LOCALE, { i: { locale: "zh-CN" } }, second.cookie);
    expect((await signIn(user.login, password)).locale).toBe("zh-CN");
  });

  it("audits a change with the request and session, and writes nothing when the language is already set", async () => {
    const { county } = await createOrgChain(db.prisma);
    const { user, password } = await createUser(db.prisma, { orgUnitId: county.id, role: "VIEWER" });
    const { cookie } = await signIn(user.login, password);
    const session = await db.prisma.session.findFirstOrThrow({ where: { userId: user.id, revokedAt: null } });

    const unchanged = await graphql(SET_LOCALE, { i: { locale: "zh-CN" } }, cookie);
    expect(unchanged.body.errors).toBeUndefined();
    expect(await db.prisma.auditLog.count({ where: { entityId: user.id, action: "LOCALE_CHANGED" } })).toBe(0);

    await graphql(SET_LOCALE, { i: { locale: "en" } }, cookie);
    const audit = await db.prisma.auditLog.findMany({ where: { entityId: user.id, action: "LOCALE_CHANGED" } });
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({
      actorId: user.id,
      entity: "User",
      before: { locale: "zh-CN" },
      after: { locale: "en" },
      sessionId: session.id,
    });
    expect(audit[0]?.requestId).toMatch(/\S/);
  });

  it("refuses a language the app does not have and changes nothing; refuses nobody signed in", async () => {
    const { county } = await createOrgChain(db.prisma);
    const { user, password } = await createUser(db.prisma, { orgUnitId: county.id, role: "FINANCE", locale: "en" });
    const { cookie } = await signIn(user.login, password);
    for (const locale of ["fr", "zh-TW", "EN", ""]) {
      const refused = await graphql(SET_LOCALE, { i: { locale } }, cookie);
      expect(refused.body.data).toBeNull();
      expect(refused.body.errors?.[0]?.extensions).toMatchObject({ code: "VALIDATION_FAILED", reason: "LOCALE_INVALID" });
    }
    expect((await db.prisma.user.findUniqueOrThrow({ where: { id: user.id } })).locale).toBe("en");
    expect(await db.prisma.auditLog.count({ where: { entityId: user.id, action: "LOCALE_CHANGED" } })).toBe(0);

    const anonymous = await graphql(SET_LOCALE, { i: { locale: "zh-CN" } });
    expect(anonymous.body.errors?.[0]?.extensions?.["code"]).toBe("UNAUTHENTICATED");
  });
});
