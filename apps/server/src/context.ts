// Per-request context: who is asking, and the services that answer.
import type { FastifyReply, FastifyRequest } from "fastify";
import type { RequestInfo, RequestSession } from "./http/request-session.js";
import { createRequestSession } from "./http/session-cookie.js";
import type { Services } from "./services.js";
import type { Viewer } from "./viewer.js";

export type { RoleAssignment, Viewer } from "./viewer.js";

export interface RequestContext {
  /** The signed-in user, from the session cookie through `resolveViewer`; null without a
   * valid session. Only @access(public: true) fields answer a null viewer; tests inject one. */
  readonly viewer: Viewer | null;
  readonly services: Services;
  /** The session cookie as the HTTP layer sees it (http/request-session.ts). */
  readonly session: RequestSession;
  readonly request: RequestInfo;
}

/** Turns a session token into the viewer it belongs to, or null (unknown, expired, revoked). */
export type ResolveViewer = (token: string) => Promise<Viewer | null>;

export interface ContextFactoryOptions {
  readonly services: Services;
  /** Sign-in plugs in here; by default no token yields a viewer. Not called without a token. */
  readonly resolveViewer?: ResolveViewer;
  readonly cookieSecure: boolean;
}

const NOBODY: ResolveViewer = () => Promise.resolve(null);

export function createContextFactory({ services, resolveViewer = NOBODY, cookieSecure }: ContextFactoryOptions) {
  return async function createRequestContext(request: FastifyRequest, reply: FastifyReply): Promise<RequestContext> {
    const session = createRequestSession(request, reply, { secure: cookieSecure });
    return {
      viewer: session.token === null ? null : await resolveViewer(session.token),
      services,
      session,
      request: {
        // The id of this request's log line (Fastify's request id).
        requestId: request.id,
        // The socket's address, or the proxy's X-Forwarded-For when TRUST_PROXY says to believe it.
        clientAddress: request.ip,
        userAgent: request.headers["user-agent"] ?? null,
      },
    };
  };
}
