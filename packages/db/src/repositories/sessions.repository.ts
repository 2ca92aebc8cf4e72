// Sign-in sessions, found by the hash of their token (session-token.ts): the token itself is never stored.
import type { DbClient } from "./db-client.js";

export interface SessionRecord {
  readonly id: string;
  readonly userId: string;
  readonly createdAt: Date;
  readonly expiresAt: Date;
  readonly lastSeenAt: Date;
  readonly revokedAt: Date | null;
  /** The user's own flag: a deactivated user's sessions sign nothing in. */
  readonly userIsActive: boolean;
}

export interface NewSession {
  readonly userId: string;
  readonly tokenHash: string;
  readonly createdAt: Date;
  readonly expiresAt: Date;
  readonly userAgent: string | null;
}

export interface SessionRepository {
  create(session: NewSession): Promise<{ readonly id: string }>;
  findByTokenHash(tokenHash: string): Promise<SessionRecord | null>;
  /** Moves last-seen forward (never back). */
  touch(sessionId: string, at: Date): Promise<void>;
  /** Revokes one session if it is not revoked yet. */
  revoke(sessionId: string, at: Date): Promise<void>;
  /** Revokes every open session of a user, except `keepSessionId`; returns how many. */
  revokeAllForUser(userId: string, at: Date, keepSessionId?: string): Promise<number>;
  /** Deletes sessions that expired or were revoked before `before`; returns how many. */
  purgeEndedBefore(before: Date): Promise<number>;
}

export function createSessionRepository(client: DbClient): SessionRepository {
  return {
    async create({ userId, tokenHash, createdAt, expiresAt, userAgent }) {
      return client.session.create({
        data: { userId, tokenHash, createdAt, expiresAt, lastSeenAt: createdAt, userAgent },
        select: { id: true },
      });
    },
    async findByTokenHash(tokenHash) {
      const row = await client.session.findUnique({
        where: { tokenHash },
        select: {
          id: true,
          userId: true,
          createdAt: true,
          expiresAt: true,
          lastSeenAt: true,
          revokedAt: true,
          user: { select: { isActive: true } },
        },
      });
      if (row === null) return null;
      const { user, ...session } = row;
      return { ...session, userIsActive: user.isActive };
    },
    async touch(sessionId, at) {
      await client.session.updateMany({ where: { id: sessionId, lastSeenAt: { lt: at } }, data: { lastSeenAt: at } });
    },
    async revoke(sessionId, at) {
      await client.session.updateMany({ where: { id: sessionId, revokedAt: null }, data: { revokedAt: at } });
    },
    async purgeEndedBefore(before) {
      const result = await client.session.deleteMany({
        where: { OR: [{ expiresAt: { lt: before } }, { revokedAt: { lt: before } }] },
      });
      return result.count;
    },
    async revokeAllForUser(userId, at, keepSessionId) {
      const result = await client.session.updateMany({
        where: { userId, revokedAt: null, expiresAt: { gt: at }, ...(keepSessionId ? { id: { not: keepSessionId } } : {}) },
        data: { revokedAt: at },
      });
      return result.count;
    },
  };
}
