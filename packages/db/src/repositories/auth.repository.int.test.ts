// Users, sessions, login attempts and the sign-in settings on a real database.
import { describe, expect, it } from "vitest";
import { createOrgChain, createUser, useTestDatabase } from "../testing/index.js";
import { hashSessionToken, newSessionToken } from "../session-token.js";

const getDb = useTestDatabase();

const at = (time: string) => new Date(`2026-11-29T${time}:00.000Z`);

describe("users", () => {
  it("finds a login whatever its case, and refuses a second login differing only in case", async () => {
    const { prisma, dataAccess } = getDb();
    const { city } = await createOrgChain(prisma);
    const { user } = await createUser(prisma, { orgUnitId: city.id, login: "Zhang.Wei" });
    const { users } = dataAccess.repositories;
    expect((await users.findForLogin("zhang.wei"))?.id).toBe(user.id);
    expect((await users.findForLogin("ZHANG.WEI"))?.login).toBe("Zhang.Wei");
    expect(await users.findForLogin("zhang_wei")).toBeNull();
    expect(await users.loginExists("zhang.WEI")).toBe(true);
    await expect(createUser(prisma, { orgUnitId: city.id, login: "zhang.wei" })).rejects.toThrow();
  });

  it("creates a user with role assignments, listed from the top unit down", async () => {
    const { prisma, dataAccess } = getDb();
    const { province, city } = await createOrgChain(prisma);
    const created = await dataAccess.repositories.users.create({
      login: "li.na",
      displayName: "李娜",
      email: null,
      locale: "en",
      passwordHash: "scrypt$1024$8$1$c2FsdHNhbHQ=$aGFzaGhhc2hoYXNoaGFzaA==",
      assignments: [
        { role: "PLANNER", orgUnitId: city.id },
        { role: "REVIEWER", orgUnitId: province.id },
      ],
      grantedById: null,
    });
    expect(created).toMatchObject({ login: "li.na", locale: "en", isActive: true, lastLoginAt: null });
    expect(created.assignments.map((a) => [a.role, a.orgUnit.id])).toEqual([
      ["REVIEWER", province.id],
      ["PLANNER", city.id],
    ]);
  });
});

describe("sessions", () => {
  it("stores only the token's hash and finds the session by it", async () => {
    const { prisma, dataAccess } = getDb();
    const { city } = await createOrgChain(prisma);
    const { user } = await createUser(prisma, { orgUnitId: city.id });
    const { token, tokenHash } = newSessionToken();
    expect(Buffer.from(token, "base64url")).toHaveLength(32);
    expect(tokenHash).toBe(hashSessionToken(token));
    const { sessions } = dataAccess.repositories;
    const { id } = await sessions.create({
      userId: user.id,
      tokenHash,
      createdAt: at("08:00"),
      expiresAt: at("20:00"),
      userAgent: "t",
    });
    const stored = await prisma.session.findUniqueOrThrow({ where: { id } });
    expect(JSON.stringify(stored)).not.toContain(token);
    expect(await sessions.findByTokenHash(tokenHash)).toMatchObject({
      id,
      userId: user.id,
      lastSeenAt: at("08:00"),
      revokedAt: null,
      userIsActive: true,
    });

    await sessions.touch(id, at("09:00"));
    await sessions.touch(id, at("08:30")); // never backwards
    expect((await sessions.findByTokenHash(tokenHash))?.lastSeenAt).toEqual(at("09:00"));

    await sessions.revoke(id, at("09:10"));
    await sessions.revoke(id, at("09:20")); // the first revocation stays
    expect((await sessions.findByTokenHash(tokenHash))?.revokedAt).toEqual(at("09:10"));
  });

  it("revokes all of a user's open sessions but the one kept", async () => {
    const { prisma, dataAccess } = getDb();
    const { city } = await createOrgChain(prisma);
    const { user } = await createUser(prisma, { orgUnitId: city.id });
    const { sessions } = dataAccess.repositories;
    const open = async () =>
      (
        await sessions.create({
          userId: user.id,
          tokenHash: newSessionToken().tokenHash,
          createdAt: at("08:00"),
          expiresAt: at("20:00"),
          userAgent: null,
        })
      ).id;
    const [kept, other1, other2] = [await open(), await open(), await open()];
    expect(await sessions.revokeAllForUser(user.id, at("09:00"), kept)).toBe(2);
    const rows = await prisma.session.findMany({ where: { userId: user.id }, select: { id: true, revokedAt: true } });
    expect(Object.fromEntries(rows.map((row) => [row.id, row.revokedAt]))).toEqual({
      [kept]: null,
      [other1]: at("09:00"),
      [other2]: at("09:00"),
    });
  });
});

describe("login attempts", () => {
  it("counts an account's failures since its last success, and an address's failures regardless", async () => {
    const { dataAccess } = getDb();
    const { loginAttempts } = dataAccess.repositories;
    const attempt = (loginKey: string, address: string, succeeded: boolean, time: string) =>
      loginAttempts.record({ loginKey, address, succeeded, at: at(time) });
    await attempt("wang", "10.0.0.1", false, "09:00");
    await attempt("wang", "10.0.0.1", false, "09:01");
    await attempt("wang", "10.0.0.1", true, "09:02");
    await attempt("wang", "10.0.0.2", false, "09:03");
    await attempt("wang", "10.0.0.1", false, "09:04");
    await attempt("zhao", "10.0.0.1", false, "09:05");
    expect(await loginAttempts.recentAccountFailures("wang", at("08:50"), 10)).toEqual([at("09:04"), at("09:03")]);
    expect(await loginAttempts.recentAddressFailures("10.0.0.1", at("08:50"), 10)).toEqual([
      at("09:05"),
      at("09:04"),
      at("09:01"),
      at("09:00"),
    ]);
    expect(await loginAttempts.recentAddressFailures("10.0.0.1", at("09:01"), 2)).toEqual([at("09:05"), at("09:04")]);
    expect(await loginAttempts.recentAccountFailures("nobody", at("08:50"), 10)).toEqual([]);
  });
});

describe("purging", () => {
  it("deletes attempts before a time, and sessions that expired or were revoked before it", async () => {
    const { prisma, dataAccess } = getDb();
    const { city } = await createOrgChain(prisma);
    const { user } = await createUser(prisma, { orgUnitId: city.id });
    const { loginAttempts, sessions } = dataAccess.repositories;
    await loginAttempts.record({ loginKey: "purge", address: "10.7.7.7", succeeded: false, at: at("01:00") });
    await loginAttempts.record({ loginKey: "purge", address: "10.7.7.7", succeeded: false, at: at("03:00") });
    const open = (expiresAt: Date) =>
      sessions.create({
        userId: user.id,
        tokenHash: newSessionToken().tokenHash,
        createdAt: at("00:00"),
        expiresAt,
        userAgent: null,
      });
    const expired = await open(at("01:00"));
    const revoked = await open(at("20:00"));
    await sessions.revoke(revoked.id, at("01:30"));
    const live = await open(at("20:00"));

    expect(await loginAttempts.purgeBefore(at("02:00"))).toBeGreaterThanOrEqual(1);
    expect(await loginAttempts.recentAddressFailures("10.7.7.7", at("00:00"), 10)).toEqual([at("03:00")]);
    expect(await sessions.purgeEndedBefore(at("02:00"))).toBe(2);
    const left = await prisma.session.findMany({ where: { userId: user.id }, select: { id: true } });
    expect(left.map((row) => row.id)).toEqual([live.id]);
    expect([expired.id, revoked.id]).not.toContain(live.id);
  });
});

describe("sign-in settings", () => {
  it("start as 30 minutes idle, 12 hours absolute, 5 per account and 20 per address in 15 minutes", async () => {
    const { dataAccess } = getDb();
    expect(await dataAccess.repositories.authSettings.read()).toEqual({
      idleTimeoutMinutes: 30,
      absoluteLifetimeMinutes: 720,
      accountFailureLimit: 5,
      addressFailureLimit: 20,
      failureWindowMinutes: 15,
    });
  });

  it("refuse a limit of zero", async () => {
    const { dataAccess } = getDb();
    await expect(dataAccess.repositories.authSettings.update({ accountFailureLimit: 0 })).rejects.toThrow();
    expect((await dataAccess.repositories.authSettings.update({ accountFailureLimit: 3 })).accountFailureLimit).toBe(3);
  });
});
