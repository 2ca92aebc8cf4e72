// The RequestSession (http/request-session.ts) over @fastify/cookie: the session
// token travels only in an HTTP-only cookie, never in a header or the URL, so
// page scripts cannot read it and logs never see it.
import type { FastifyReply, FastifyRequest } from "fastify";
import { SESSION_COOKIE_NAME, type RequestSession } from "./request-session.js";

export interface SessionCookieOptions {
  /** Adds `Secure` (browsers then send it over HTTPS only): COOKIE_SECURE or an https PUBLIC_URL. */
  readonly secure: boolean;
}

export function createRequestSession(
  request: FastifyRequest,
  reply: FastifyReply,
  { secure }: SessionCookieOptions,
): RequestSession {
  const sent = request.cookies[SESSION_COOKIE_NAME];
  const attributes = { path: "/", httpOnly: true, sameSite: "lax", secure } as const;
  return {
    token: sent === undefined || sent === "" ? null : sent,
    setToken(token, expiresAt) {
      void reply.setCookie(SESSION_COOKIE_NAME, token, { ...attributes, expires: expiresAt });
    },
    clearToken() {
      void reply.clearCookie(SESSION_COOKIE_NAME, attributes);
    },
  };
}
