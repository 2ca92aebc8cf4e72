// The seam between the HTTP layer and sign-in: what a request carries about its session.
// The HTTP layer fills it from the request (the session cookie, the client's address, the
// request id it logs) and applies what the auth service asks for (set or clear the cookie);
// services never see headers or cookies themselves.

/** The session cookie's name: HTTP-only, SameSite=Lax, Secure when served over HTTPS. */
export const SESSION_COOKIE_NAME = "pp_session";

export interface RequestSession {
  /** The session token the browser sent, or null. */
  readonly token: string | null;
  /** Sets the session cookie to `token` until `expiresAt` (the session's absolute end). */
  setToken(token: string, expiresAt: Date): void;
  /** Clears the session cookie (logout, or a token that is no longer valid). */
  clearToken(): void;
}

export interface RequestInfo {
  /** The id the HTTP layer logs for this request; audit rows carry it. */
  readonly requestId: string;
  /** The client's address, for login limits per address. */
  readonly clientAddress: string;
  readonly userAgent: string | null;
}

/** A session that reads no cookie and ignores changes: scripts and tests that build a context by hand. */
export const NO_SESSION: RequestSession = { token: null, setToken: () => undefined, clearToken: () => undefined };
