// Sign-in over real HTTP: the cookie the browser gets, the viewer it makes, and logout.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createOrgChain, createTestDatabase, createUser, type TestDatabase } from "@pyramid/db/testing";
import { createApp, type App } from "../../app.js";

let db: TestDatabase;
let app: App;
let login: string;
let password: string;

beforeAll(async () => {
  db = await createTestDatabase();
  const chain = await createOrgChain(db.prisma);
  const created = await createUser(db.prisma, { orgUnitId: chain.county.id, role: "PLANNER" });
  login = created.user.login;
  password = created.password;
  app = createApp({ dataAccess: db.dataAccess, webDistDir: "/nonexistent", version: "test", log: { error: () => undefined } });
  await app.ready();
});

afterAll(async () => {
  await app?.close();
  await db?.close();
});

async function graphql(query: string, variables: Record<string, unknown> = {}, cookie?: string) {
  const response = await app.fastify.inject({
    method: "POST",
    url: "/graphql",
    headers: { "content-type": "application/json", ...(cookie ? { cookie } : {}) },
    payload: JSON.stringify({ query, variables }),
  });
  return { response, body: response.json() as { data?: Record<string, unknown>; errors?: { extensions?: { code?: string } }[] } };
}

const sessionCookieOf = (setCookie: string | string[] | undefined) =>
  [setCookie ?? []].flat().find((header) => header.startsWith("pp_session="));

describe("sign-in over HTTP", () => {
  it("sets an HTTP-only SameSite=Lax session cookie, signs the next request in, and logout ends it server-side", async () => {
    const signedIn = await graphql(
      "mutation($l: String!, $p: String!) { login(login: $l, password: $p) { me { login } expiresAt } }",
      {
        l: login.toUpperCase(), // logins are compared without regard to case
        p: password,
      },
    );
    expect(signedIn.body.errors).toBeUndefined();
    const cookie = sessionCookieOf(signedIn.response.headers["set-cookie"]);
    expect(cookie).toBeDefined();
    expect(cookie).toMatch(/; HttpOnly/);
    expect(cookie).toMatch(/; SameSite=Lax/);
    expect(cookie).toMatch(/; Path=\//);
    expect(cookie).not.toMatch(/; Secure/); // COOKIE_SECURE is off by default
    const token = cookie!.split(";", 1)[0]!;

    const me = await graphql("{ me { login roleAssignments { role } } }", {}, token);
    expect(me.body.data?.["me"]).toEqual({ login, roleAssignments: [{ role: "PLANNER" }] });

    const signedOut = await graphql("mutation { logout { signedOut } }", {}, token);
    expect(signedOut.body.data?.["logout"]).toEqual({ signedOut: true });
    expect(sessionCookieOf(signedOut.response.headers["set-cookie"])).toMatch(/Expires=Thu, 01 Jan 1970/);

    // The old token is revoked on the server, not only forgotten by the browser.
    const replayed = await graphql("{ me { login } }", {}, token);
    expect(replayed.body.data?.["me"]).toBeNull();
  });

  it("answers a wrong password and an unknown login the same way, without a cookie", async () => {
    const wrong = await graphql("mutation($l: String!, $p: String!) { login(login: $l, password: $p) { expiresAt } }", {
      l: login,
      p: "not-it-1",
    });
    const unknown = await graphql("mutation($l: String!, $p: String!) { login(login: $l, password: $p) { expiresAt } }", {
      l: "nobody.here",
      p: "not-it-1",
    });
    expect(wrong.body.errors?.[0]).toEqual(unknown.body.errors?.[0]);
    expect(wrong.body.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
    expect(sessionCookieOf(wrong.response.headers["set-cookie"])).toBeUndefined();
  });
});
