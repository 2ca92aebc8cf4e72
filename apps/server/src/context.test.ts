// The context factory on a bare Fastify with @fastify/cookie, through inject():
// the session cookie read and written with its flags, the viewer hook, and the
// request's id and address.
import fastifyCookie from "@fastify/cookie";
import Fastify from "fastify";
import { describe, expect, it, vi } from "vitest";
import { createContextFactory, type ContextFactoryOptions } from "./context.js";
import { SESSION_COOKIE_NAME } from "./http/request-session.js";
import type { Services } from "./services.js";
import type { Viewer } from "./viewer.js";

// The factory hands services through untouched; these tests never call one.
const services = {} as Services;
const EXPIRES = new Date("2026-12-01T08:00:00.000Z");

async function appWith(options: Omit<ContextFactoryOptions, "services">) {
  const fastify = Fastify({ genReqId: () => "request-1" });
  await fastify.register(fastifyCookie);
  const createContext = createContextFactory({ services, ...options });
  fastify.get("/whoami", async (request, reply) => {
    const context = await createContext(request, reply);
    return { viewer: context.viewer, token: context.session.token, request: context.request };
  });
  fastify.get("/sign-in", async (request, reply) => {
    (await createContext(request, reply)).session.setToken("new-token", EXPIRES);
    return "ok";
  });
  fastify.get("/sign-out", async (request, reply) => {
    (await createContext(request, reply)).session.clearToken();
    return "ok";
  });
  return fastify;
}

describe("the session cookie", () => {
  it("is set HTTP-only, SameSite=Lax, for the whole site, until the session's end", async () => {
    const fastify = await appWith({ cookieSecure: false });
    const response = await fastify.inject({ method: "GET", url: "/sign-in" });
    expect(response.headers["set-cookie"]).toBe(
      `${SESSION_COOKIE_NAME}=new-token; Path=/; Expires=Tue, 01 Dec 2026 08:00:00 GMT; HttpOnly; SameSite=Lax`,
    );
  });

  it("is Secure when configured", async () => {
    const fastify = await appWith({ cookieSecure: true });
    const response = await fastify.inject({ method: "GET", url: "/sign-in" });
    expect(response.headers["set-cookie"]).toBe(
      `${SESSION_COOKIE_NAME}=new-token; Path=/; Expires=Tue, 01 Dec 2026 08:00:00 GMT; HttpOnly; Secure; SameSite=Lax`,
    );
  });

  it("is cleared with an expiry in the past and the same attributes", async () => {
    const fastify = await appWith({ cookieSecure: true });
    const response = await fastify.inject({ method: "GET", url: "/sign-out", cookies: { [SESSION_COOKIE_NAME]: "old" } });
    expect(response.headers["set-cookie"]).toBe(
      `${SESSION_COOKIE_NAME}=; Max-Age=0; Path=/; Expires=Thu, 01 Jan 1970 00:00:00 GMT; HttpOnly; Secure; SameSite=Lax`,
    );
  });

  it("is read as the session's token, and the request as Fastify sees it", async () => {
    const fastify = await appWith({ cookieSecure: false });
    const response = await fastify.inject({
      method: "GET",
      url: "/whoami",
      cookies: { [SESSION_COOKIE_NAME]: "abc", other: "x" },
      headers: { "user-agent": "test-agent/1" },
      remoteAddress: "10.1.2.3",
    });
    expect(response.json()).toEqual({
      viewer: null,
      token: "abc",
      request: { requestId: "request-1", clientAddress: "10.1.2.3", userAgent: "test-agent/1" },
    });
    expect(response.headers["set-cookie"]).toBeUndefined();
  });
});

describe("resolveViewer", () => {
  const viewer: Viewer = { userId: "user-1", assignments: [{ role: "PLANNER", orgUnitId: "unit-1", orgUnitPath: "/hq/" }] };

  it("turns the cookie's token into the viewer", async () => {
    const resolveViewer = vi.fn(async (token: string) => (token === "good" ? viewer : null));
    const fastify = await appWith({ cookieSecure: false, resolveViewer });
    const good = await fastify.inject({ method: "GET", url: "/whoami", cookies: { [SESSION_COOKIE_NAME]: "good" } });
    const stale = await fastify.inject({ method: "GET", url: "/whoami", cookies: { [SESSION_COOKIE_NAME]: "stale" } });
    expect(good.json()).toMatchObject({ viewer, token: "good" });
    expect(stale.json()).toMatchObject({ viewer: null, token: "stale" });
    expect(resolveViewer.mock.calls).toEqual([["good"], ["stale"]]);
  });

  it("is not asked without a cookie", async () => {
    const resolveViewer = vi.fn(async () => viewer);
    const fastify = await appWith({ cookieSecure: false, resolveViewer });
    const response = await fastify.inject({ method: "GET", url: "/whoami" });
    expect(response.json()).toMatchObject({ viewer: null, token: null });
    expect(resolveViewer).not.toHaveBeenCalled();
  });

  it("leaves everyone signed out by default", async () => {
    const fastify = await appWith({ cookieSecure: false });
    const response = await fastify.inject({ method: "GET", url: "/whoami", cookies: { [SESSION_COOKIE_NAME]: "any" } });
    expect(response.json()).toMatchObject({ viewer: null, token: "any" });
  });
});
