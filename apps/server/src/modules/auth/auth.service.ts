// Signing in and out, the signed-in user's profile and password, and the
// session → viewer step every request takes (viewerForToken).
//
// A wrong password, an unknown login and a deactivated user get the same error,
// and take about the same time: an unknown login is checked against a dummy hash
// of the same cost. Failed attempts are counted per login (as typed, normalised,
// whether or not it exists) and per address in the database, so every server
// process sees them; the domain's attemptLimit says whether and until when.
import {
  DEFAULT_SCRYPT_COST,
  hashPassword,
  hashSessionToken,
  newSessionToken,
  passwordNeedsRehash,
  verifyPassword,
  type DataAccess,
  type LoginAttemptRepository,
  type ScryptCost,
} from "@pyramid/db";
import {
  attemptLimit,
  combineAttemptLimits,
  newPasswordProblem,
  normalizeLogin,
  sessionExpiry,
  sessionNeedsTouch,
  sessionState,
  type AuthSettings,
} from "@pyramid/domain";
import { randomBytes } from "node:crypto";
import { requireViewer } from "../../access-guard.js";
import { DomainError } from "../../errors.js";
import type { RequestInfo, RequestSession } from "../../http/request-session.js";
import type { Viewer } from "../../viewer.js";
import { isUserLocale, userProfile, type UserProfile } from "../users/user-profile.js";

export interface AuthServiceDependencies {
  readonly dataAccess: Pick<DataAccess, "repositories" | "inTransaction">;
  /** The time now; tests move it. */
  readonly clock?: () => Date;
  /** The cost of new password hashes and of the dummy hash (tests use a cheap one). */
  readonly passwordCost?: ScryptCost;
}

export interface LoginResult {
  readonly me: UserProfile;
  readonly expiresAt: Date;
}

const MINUTE_MS = 60_000;
/** The settings row is read at most this often per process: a change applies within it. */
const SETTINGS_CACHE_MS = 30_000;

const invalidCredentials = () =>
  new DomainError("UNAUTHENTICATED", "The login or the password is wrong.", { reason: "INVALID_CREDENTIALS" });

export function passwordRefusal(problem: string): DomainError {
  return new DomainError("VALIDATION_FAILED", "The new password is not acceptable.", {
    reason: `PASSWORD_${problem}`,
    params: { minLength: 8, maxLength: 256 },
  });
}

export class AuthService {
  private readonly now: () => Date;
  private readonly passwordCost: ScryptCost;
  private dummyHash: Promise<string> | null = null;
  private settingsCache: { readonly settings: AuthSettings; readonly readAt: number } | null = null;

  constructor(private readonly dependencies: AuthServiceDependencies) {
    this.now = dependencies.clock ?? (() => new Date());
    this.passwordCost = dependencies.passwordCost ?? DEFAULT_SCRYPT_COST;
    this.viewerForToken = this.viewerForToken.bind(this);
  }

  /** Checks the password, opens a session and sets the cookie through `session`. */
  async login(login: string, password: string, session: RequestSession, request: RequestInfo): Promise<LoginResult> {
    const { repositories } = this.dependencies.dataAccess;
    const now = this.now();
    const loginKey = normalizeLogin(login);
    const settings = await this.settings();
    const attemptId = await this.recordAttemptUnlessLimited(loginKey, request.clientAddress, now, settings);

    const candidate = loginKey === "" ? null : await repositories.users.findForLogin(loginKey);
    // Always one scrypt, so an unknown login costs what a wrong password costs.
    const matches = await verifyPassword(password, candidate?.passwordHash ?? (await this.dummyPasswordHash()));
    const succeeded = candidate !== null && candidate.isActive && matches;
    if (!succeeded) throw invalidCredentials();

    const { token, tokenHash } = newSessionToken();
    const expiresAt = sessionExpiry(now, settings);
    // A hash made with a weaker cost than today's is replaced while the password is at hand.
    const rehashed = passwordNeedsRehash(candidate.passwordHash, this.passwordCost)
      ? await hashPassword(password, { cost: this.passwordCost })
      : null;
    const user = await this.dependencies.dataAccess.inTransaction(async (tx) => {
      const { id: sessionId } = await tx.sessions.create({
        userId: candidate.id,
        tokenHash,
        createdAt: now,
        expiresAt,
        userAgent: request.userAgent,
      });
      await tx.loginAttempts.markSucceeded(attemptId);
      await tx.users.recordSignIn(candidate.id, now);
      if (rehashed !== null) await tx.users.setPasswordHash(candidate.id, rehashed);
      await tx.audit.append({
        actorId: candidate.id,
        entity: "Session",
        entityId: sessionId,
        action: "LOGIN",
        requestId: request.requestId,
        sessionId,
      });
      return tx.users.findById(candidate.id);
    });
    if (!user) throw invalidCredentials();
    session.setToken(token, expiresAt);
    return { me: await userProfile(repositories, user), expiresAt };
  }

  /** Revokes the request's session on the server (if it has a live one) and clears the cookie. */
  async logout(session: RequestSession, request: RequestInfo): Promise<boolean> {
    const token = session.token;
    session.clearToken();
    if (token === null) return false;
    const now = this.now();
    return this.dependencies.dataAccess.inTransaction(async (tx) => {
      const stored = await tx.sessions.findByTokenHash(hashSessionToken(token));
      if (!stored || stored.revokedAt !== null) return false;
      await tx.sessions.revoke(stored.id, now);
      await tx.audit.append({
        actorId: stored.userId,
        entity: "Session",
        entityId: stored.id,
        action: "LOGOUT",
        requestId: request.requestId,
        sessionId: stored.id,
      });
      return true;
    });
  }

  /** The signed-in user's profile, or null when nobody is signed in. */
  async me(viewer: Viewer | null): Promise<UserProfile | null> {
    if (!viewer) return null;
    const { repositories } = this.dependencies.dataAccess;
    const user = await repositories.users.findById(viewer.userId);
    return user ? userProfile(repositories, user) : null;
  }

  /** The viewer's own password; their other sessions end. Audited (without the hashes). */
  async changePassword(
    viewer: Viewer | null,
    input: { readonly currentPassword: string; readonly newPassword: string },
    request: RequestInfo,
  ): Promise<UserProfile> {
    const signedIn = requireViewer(viewer);
    const { repositories } = this.dependencies.dataAccess;
    const user = await repositories.users.findById(signedIn.userId);
    const storedHash = await repositories.users.findPasswordHash(signedIn.userId);
    if (!user || storedHash === null) throw invalidCredentials();
    // Guessing the current password from a signed-in session counts as failed sign-ins.
    const loginKey = normalizeLogin(user.login);
    const now = this.now();
    const attemptId = await this.recordAttemptUnlessLimited(loginKey, request.clientAddress, now, await this.settings());
    if (!(await verifyPassword(input.currentPassword, storedHash))) {
      throw new DomainError("VALIDATION_FAILED", "The current password is wrong.", { reason: "CURRENT_PASSWORD_WRONG" });
    }
    await repositories.loginAttempts.discard(attemptId);
    const problem = newPasswordProblem(input.newPassword, user.login);
    if (problem !== null) throw passwordRefusal(problem);
    const passwordHash = await hashPassword(input.newPassword, { cost: this.passwordCost });
    await this.dependencies.dataAccess.inTransaction(async (tx) => {
      await tx.users.setPasswordHash(user.id, passwordHash);
      const sessionsEnded = await tx.sessions.revokeAllForUser(user.id, now, signedIn.sessionId);
      await tx.audit.append({
        actorId: user.id,
        entity: "User",
        entityId: user.id,
        action: "PASSWORD_CHANGED",
        after: { sessionsEnded },
        requestId: request.requestId,
        sessionId: signedIn.sessionId ?? null,
      });
    });
    return userProfile(repositories, user);
  }

  /**
   * The signed-in user's interface language (zh-CN or en), kept with the user so that the
   * next sign-in anywhere takes it. Audited when it changes (LOCALE_CHANGED); setting the
   * language the user already has changes nothing and writes no audit row.
   */
  async setMyLocale(viewer: Viewer | null, locale: string, request: RequestInfo): Promise<UserProfile> {
    const signedIn = requireViewer(viewer);
    if (!isUserLocale(locale)) {
      throw new DomainError("VALIDATION_FAILED", "The locale is zh-CN or en.", {
        reason: "LOCALE_INVALID",
        params: { locale },
      });
    }
    const { dataAccess } = this.dependencies;
    const user = await dataAccess.inTransaction(async (tx) => {
      const found = await tx.users.findById(signedIn.userId);
      if (!found) throw new DomainError("UNAUTHENTICATED", "Please sign in.", { reason: "SIGN_IN_REQUIRED" });
      if (found.locale === locale) return found;
      await tx.users.setLocale(found.id, locale);
      await tx.audit.append({
        actorId: found.id,
        entity: "User",
        entityId: found.id,
        action: "LOCALE_CHANGED",
        before: { locale: found.locale },
        after: { locale },
        requestId: request.requestId,
        sessionId: signedIn.sessionId ?? null,
      });
      return { ...found, locale };
    });
    return userProfile(dataAccess.repositories, user);
  }

  /**
   * The viewer a session token signs in, or null: the token must name a session that
   * is not revoked, not past its absolute end, not idle too long, of an active user.
   * Moves the session's last-seen forward at most once a minute. The HTTP layer's
   * context factory calls it with the session cookie's value. Bound in the constructor, so
   * it may be handed on as a plain function (`resolveViewer: services.auth.viewerForToken`).
   */
  async viewerForToken(token: string): Promise<Viewer | null> {
    if (token === "") return null;
    const { repositories } = this.dependencies.dataAccess;
    const session = await repositories.sessions.findByTokenHash(hashSessionToken(token));
    if (!session || !session.userIsActive) return null;
    const now = this.now();
    if (sessionState(session, now, await this.settings()) !== "ACTIVE") return null;
    const [user] = await Promise.all([
      repositories.users.findById(session.userId),
      sessionNeedsTouch(session.lastSeenAt, now) ? repositories.sessions.touch(session.id, now) : Promise.resolve(),
    ]);
    if (!user) return null;
    return {
      userId: user.id,
      sessionId: session.id,
      assignments: user.assignments.map(({ role, orgUnit }) => ({ role, orgUnitId: orgUnit.id, orgUnitPath: orgUnit.path })),
    };
  }

  /**
   * Counts the earlier failures and records this attempt in one step under a lock on the login
   * and the address (otherwise parallel attempts all pass the check before any is recorded), or
   * refuses with TOO_MANY_ATTEMPTS. The attempt is recorded as failed until the password proves
   * right (markSucceeded or discard), so parallel attempts count it meanwhile.
   */
  private recordAttemptUnlessLimited(loginKey: string, address: string, now: Date, settings: AuthSettings): Promise<bigint> {
    return this.dependencies.dataAccess.inTransaction(async (tx) => {
      await tx.loginAttempts.lockForAttempt(loginKey, address);
      this.refuseWhileLimited(await this.recentFailures(tx.loginAttempts, loginKey, address, now, settings), now, settings);
      return tx.loginAttempts.record({ loginKey, address, succeeded: false, at: now });
    });
  }

  /** The failures inside the window on the login and from the address, as far as the limits need. */
  private async recentFailures(
    loginAttempts: LoginAttemptRepository,
    loginKey: string,
    address: string,
    now: Date,
    settings: AuthSettings,
  ): Promise<{ readonly accountFailures: Date[]; readonly addressFailures: Date[] }> {
    const since = new Date(now.getTime() - settings.failureWindowMinutes * MINUTE_MS);
    const accountFailures = await loginAttempts.recentAccountFailures(loginKey, since, settings.accountFailureLimit);
    const addressFailures = await loginAttempts.recentAddressFailures(address, since, settings.addressFailureLimit);
    return { accountFailures, addressFailures };
  }

  /** TOO_MANY_ATTEMPTS while the failures on the login or from the address reach their limits. */
  private refuseWhileLimited(
    { accountFailures, addressFailures }: { readonly accountFailures: Date[]; readonly addressFailures: Date[] },
    now: Date,
    settings: AuthSettings,
  ): void {
    const limit = combineAttemptLimits(
      attemptLimit(accountFailures, now, settings.accountFailureLimit, settings.failureWindowMinutes),
      attemptLimit(addressFailures, now, settings.addressFailureLimit, settings.failureWindowMinutes),
    );
    if (!limit.limited) return;
    const retryAfterSeconds = Math.max(1, Math.ceil((limit.retryAt.getTime() - now.getTime()) / 1000));
    throw new DomainError("TOO_MANY_ATTEMPTS", `Too many failed sign-ins. Try again after ${limit.retryAt.toISOString()}.`, {
      reason: "LOGIN_LIMITED",
      params: { retryAt: limit.retryAt.toISOString(), retryAfterSeconds },
    });
  }

  /**
   * Deletes login attempts older than a day (far outside any window) and sessions that
   * ended more than a day ago; returns how many. For a periodic job (the server's
   * background timer): the tables otherwise only grow. Audit rows keep the session ids.
   */
  async purgeExpired(): Promise<{ readonly attempts: number; readonly sessions: number }> {
    const { repositories } = this.dependencies.dataAccess;
    const dayAgo = new Date(this.now().getTime() - 24 * 60 * MINUTE_MS);
    const [attempts, sessions] = await Promise.all([
      repositories.loginAttempts.purgeBefore(dayAgo),
      repositories.sessions.purgeEndedBefore(dayAgo),
    ]);
    return { attempts, sessions };
  }

  private async settings(): Promise<AuthSettings> {
    const nowMs = Date.now();
    if (this.settingsCache && nowMs - this.settingsCache.readAt < SETTINGS_CACHE_MS) return this.settingsCache.settings;
    const settings = await this.dependencies.dataAccess.repositories.authSettings.read();
    this.settingsCache = { settings, readAt: nowMs };
    return settings;
  }

  private dummyPasswordHash(): Promise<string> {
    this.dummyHash ??= hashPassword(randomBytes(16).toString("base64url"), { cost: this.passwordCost });
    return this.dummyHash;
  }
}
