// The rules of signing in, pure: how a login is compared, when a session ends,
// when failed attempts limit further tries and until when, and what a new
// password must be. The database keeps the rows; these functions decide.

/** Sign-in settings (one row in the database; these are its column defaults). */
export interface AuthSettings {
  /** A session unused this long ends. */
  readonly idleTimeoutMinutes: number;
  /** A session ends this long after sign-in, however busy. */
  readonly absoluteLifetimeMinutes: number;
  /** Failed attempts on one login within the window before it is limited. */
  readonly accountFailureLimit: number;
  /** Failed attempts from one address within the window before it is limited. */
  readonly addressFailureLimit: number;
  readonly failureWindowMinutes: number;
}

export const DEFAULT_AUTH_SETTINGS: AuthSettings = {
  idleTimeoutMinutes: 30,
  absoluteLifetimeMinutes: 12 * 60,
  accountFailureLimit: 5,
  addressFailureLimit: 20,
  failureWindowMinutes: 15,
};

const MINUTE_MS = 60_000;

/** The key a login is compared by: "Zhang.Wei " and "zhang.wei" are the same login. */
export function normalizeLogin(login: string): string {
  return login.normalize("NFKC").trim().toLowerCase();
}

const LOGIN_PATTERN = /^[a-z0-9][a-z0-9._-]{1,63}$/;

/** A login an administrator may create: 2–64 of a–z, 0–9, ".", "_", "-", starting with a letter or digit. */
export function isValidLogin(login: string): boolean {
  return LOGIN_PATTERN.test(normalizeLogin(login));
}

export const MIN_PASSWORD_LENGTH = 8;
export const MAX_PASSWORD_LENGTH = 256;

export type PasswordProblem = "TOO_SHORT" | "TOO_LONG" | "SAME_AS_LOGIN";

/** Why a new password is refused, or null when it is acceptable. */
export function newPasswordProblem(password: string, login: string): PasswordProblem | null {
  const length = [...password].length;
  if (length < MIN_PASSWORD_LENGTH) return "TOO_SHORT";
  if (length > MAX_PASSWORD_LENGTH) return "TOO_LONG";
  if (normalizeLogin(password) === normalizeLogin(login)) return "SAME_AS_LOGIN";
  return null;
}

export interface SessionTimes {
  readonly createdAt: Date;
  readonly lastSeenAt: Date;
  readonly revokedAt: Date | null;
  /** The absolute end, fixed at sign-in. */
  readonly expiresAt: Date;
}

export type SessionState = "ACTIVE" | "REVOKED" | "EXPIRED" | "IDLE";

/** Whether a session still signs its requests in at `now`. */
export function sessionState(session: SessionTimes, now: Date, settings: AuthSettings): SessionState {
  if (session.revokedAt !== null && session.revokedAt.getTime() <= now.getTime()) return "REVOKED";
  if (now.getTime() >= session.expiresAt.getTime()) return "EXPIRED";
  if (now.getTime() - session.lastSeenAt.getTime() >= settings.idleTimeoutMinutes * MINUTE_MS) return "IDLE";
  return "ACTIVE";
}

/** The absolute end of a session signed in at `now`. */
export function sessionExpiry(now: Date, settings: AuthSettings): Date {
  return new Date(now.getTime() + settings.absoluteLifetimeMinutes * MINUTE_MS);
}

/** Writing last-seen on every request would turn reads into writes; once a minute is precise enough for a 30-minute timeout. */
export const SESSION_TOUCH_INTERVAL_MS = MINUTE_MS;

export function sessionNeedsTouch(lastSeenAt: Date, now: Date): boolean {
  return now.getTime() - lastSeenAt.getTime() >= SESSION_TOUCH_INTERVAL_MS;
}

export type AttemptLimit = { readonly limited: false } | { readonly limited: true; readonly retryAt: Date };

/**
 * Whether failures limit another attempt at `now`: `failures` are the times of
 * the failed attempts that count (any order). Limited when `limit` or more fall
 * in the window ending at `now`; then another attempt is allowed once the
 * oldest of the newest `limit` failures leaves the window, which is `retryAt`.
 */
export function attemptLimit(failures: readonly Date[], now: Date, limit: number, windowMinutes: number): AttemptLimit {
  const windowMs = windowMinutes * MINUTE_MS;
  const inWindow = failures
    .map((at) => at.getTime())
    .filter((at) => at <= now.getTime() && now.getTime() - at < windowMs)
    .sort((a, b) => b - a);
  if (inWindow.length < limit) return { limited: false };
  const oldestThatCounts = inWindow[limit - 1]!;
  return { limited: true, retryAt: new Date(oldestThatCounts + windowMs) };
}

/** The later of two limits' retry times, or not limited. */
export function combineAttemptLimits(...limits: readonly AttemptLimit[]): AttemptLimit {
  let latest: Date | null = null;
  for (const limit of limits) {
    if (limit.limited && (latest === null || limit.retryAt.getTime() > latest.getTime())) latest = limit.retryAt;
  }
  return latest === null ? { limited: false } : { limited: true, retryAt: latest };
}
