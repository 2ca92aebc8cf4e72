import { describe, expect, it } from "vitest";
import {
  DEFAULT_AUTH_SETTINGS,
  attemptLimit,
  combineAttemptLimits,
  isValidLogin,
  newPasswordProblem,
  normalizeLogin,
  sessionExpiry,
  sessionNeedsTouch,
  sessionState,
} from "./sign-in.js";

const at = (time: string) => new Date(`2026-11-29T${time}:00.000Z`);

describe("logins", () => {
  it("compares logins without case, surrounding space or full-width forms", () => {
    expect(normalizeLogin("  Zhang.Wei ")).toBe("zhang.wei");
    expect(normalizeLogin("ＨＱ.ａｄｍｉｎ")).toBe("hq.admin");
  });

  it("accepts 2–64 of a–z 0–9 . _ - starting with a letter or digit", () => {
    expect(isValidLogin("gd.reviewer")).toBe(true);
    expect(isValidLogin("GD_Planner-2")).toBe(true);
    expect(isValidLogin("a")).toBe(false);
    expect(isValidLogin(".hidden")).toBe(false);
    expect(isValidLogin("has space")).toBe(false);
    expect(isValidLogin("张伟")).toBe(false);
    expect(isValidLogin("x".repeat(64))).toBe(true);
    expect(isValidLogin("x".repeat(65))).toBe(false);
  });
});

describe("new passwords", () => {
  it("needs 8 to 256 characters, counted as characters, and not the login", () => {
    expect(newPasswordProblem("1234567", "zhang")).toBe("TOO_SHORT");
    expect(newPasswordProblem("密码密码密码密码", "zhang")).toBeNull();
    expect(newPasswordProblem("x".repeat(257), "zhang")).toBe("TOO_LONG");
    expect(newPasswordProblem("Zhang.Wei", "zhang.wei")).toBe("SAME_AS_LOGIN");
    expect(newPasswordProblem("correct horse", "zhang.wei")).toBeNull();
  });
});

describe("sessions", () => {
  const settings = { ...DEFAULT_AUTH_SETTINGS, idleTimeoutMinutes: 30, absoluteLifetimeMinutes: 720 };
  const session = { createdAt: at("08:00"), lastSeenAt: at("09:00"), revokedAt: null, expiresAt: at("20:00") };

  it("is active until 30 minutes without a request", () => {
    expect(sessionState(session, at("09:29"), settings)).toBe("ACTIVE");
    expect(sessionState(session, at("09:30"), settings)).toBe("IDLE");
  });

  it("ends at its absolute expiry however recently it was used", () => {
    expect(sessionState({ ...session, lastSeenAt: at("19:59") }, at("20:00"), settings)).toBe("EXPIRED");
  });

  it("is revoked from the revocation on", () => {
    expect(sessionState({ ...session, revokedAt: at("09:10") }, at("09:10"), settings)).toBe("REVOKED");
  });

  it("expires 12 hours after sign-in by default", () => {
    expect(sessionExpiry(at("08:00"), DEFAULT_AUTH_SETTINGS)).toEqual(at("20:00"));
  });

  it("is touched at most once a minute", () => {
    expect(sessionNeedsTouch(new Date("2026-11-29T09:00:00.000Z"), new Date("2026-11-29T09:00:59.999Z"))).toBe(false);
    expect(sessionNeedsTouch(new Date("2026-11-29T09:00:00.000Z"), new Date("2026-11-29T09:01:00.000Z"))).toBe(true);
  });
});

describe("attempt limits", () => {
  // 5 failures in 15 minutes: the 5 failures at 09:00, 09:02, 09:04, 09:06, 09:08.
  const failures = ["09:00", "09:02", "09:04", "09:06", "09:08"].map(at);

  it("allows while fewer than the limit fall in the window", () => {
    expect(attemptLimit(failures.slice(0, 4), at("09:09"), 5, 15)).toEqual({ limited: false });
  });

  it("limits at the limit, until the oldest counting failure leaves the window", () => {
    expect(attemptLimit(failures, at("09:09"), 5, 15)).toEqual({ limited: true, retryAt: at("09:15") });
    expect(attemptLimit(failures, at("09:15"), 5, 15)).toEqual({ limited: false });
  });

  it("counts only the newest `limit` failures for the retry time", () => {
    const seven = [at("08:58"), at("08:59"), ...failures];
    expect(attemptLimit(seven, at("09:09"), 5, 15)).toEqual({ limited: true, retryAt: at("09:15") });
  });

  it("takes the later retry time of two limits", () => {
    expect(
      combineAttemptLimits({ limited: true, retryAt: at("09:15") }, { limited: false }, { limited: true, retryAt: at("09:20") }),
    ).toEqual({ limited: true, retryAt: at("09:20") });
    expect(combineAttemptLimits({ limited: false }, { limited: false })).toEqual({ limited: false });
  });
});
