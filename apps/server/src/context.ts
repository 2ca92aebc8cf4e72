// Per-request context: who is asking, and the services that answer.
import type { IncomingMessage } from "node:http";
import { NO_SESSION, type RequestInfo, type RequestSession } from "./http/request-session.js";
import type { Services } from "./services.js";
import type { Viewer } from "./viewer.js";

export type { RoleAssignment, Viewer } from "./viewer.js";

export interface RequestContext {
  /** Always null for now: sign-in arrives with its own issue, which will read the
   * session here and fill the viewer's role assignments. Until then only
   * @access(public: true) fields answer over HTTP; tests inject a viewer. */
  readonly viewer: Viewer | null;
  readonly services: Services;
  /** The session cookie as the HTTP layer sees it (http/request-session.ts). */
  readonly session: RequestSession;
  readonly request: RequestInfo;
}

export function createContextFactory(services: Services) {
  return async function createRequestContext(request: IncomingMessage): Promise<RequestContext> {
    return {
      viewer: null,
      services,
      session: NO_SESSION,
      request: {
        requestId: crypto.randomUUID(),
        clientAddress: request.socket.remoteAddress ?? "unknown",
        userAgent: request.headers["user-agent"] ?? null,
      },
    };
  };
}
