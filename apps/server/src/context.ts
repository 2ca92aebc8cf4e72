// Per-request context: who is asking, and the services that answer.
import type { IncomingMessage } from "node:http";
import type { Role } from "@pyramid/domain";
import type { Services } from "./services.js";

/** The signed-in user. The GraphQL enum Role (schema/base.graphql) mirrors
 * ROLES in @pyramid/domain; a unit test keeps them equal. */
export interface Viewer {
  readonly userId: string;
  readonly orgUnitId: string;
  readonly role: Role;
}

export interface RequestContext {
  /** Always null for now: sign-in arrives with the API issue, which will read
   * the session here. Until then only @access(public: true) fields answer. */
  readonly viewer: Viewer | null;
  readonly services: Services;
}

export function createContextFactory(services: Services) {
  return async function createRequestContext(_request: IncomingMessage): Promise<RequestContext> {
    return { viewer: null, services };
  };
}
