// Sign-in attempts, for the failure limits per account and per address. In the
// database, so every server process counts the same attempts; the domain's
// attemptLimit decides from the failure times these return.
import type { DbClient } from "./db-client.js";

export interface LoginAttemptEntry {
  /** The normalised login as typed (normalizeLogin), whether or not such a user exists. */
  readonly loginKey: string;
  readonly address: string;
  readonly succeeded: boolean;
  readonly at: Date;
}

export interface LoginAttemptRepository {
  /** Returns the attempt's id, for markSucceeded. */
  record(attempt: LoginAttemptEntry): Promise<bigint>;
  /** An attempt recorded as failed before its password was checked turned out a success. */
  markSucceeded(id: bigint): Promise<void>;
  /** An attempt recorded as failed before its password was checked that was no sign-in after all (a right current password). */
  discard(id: bigint): Promise<void>;
  /**
   * Only inside a transaction: waits for, then holds until the transaction ends, a lock
   * on the login and one on the address, so counting an attempt's earlier failures and
   * recording it happen as one step for parallel attempts on either. (Advisory locks
   * in two key spaces, always the login's first: two attempts never wait in a circle.)
   */
  lockForAttempt(loginKey: string, address: string): Promise<void>;
  /**
   * The newest `limit` failed attempts on a login since `since` that came after its
   * last successful sign-in (a success starts the account's count afresh), newest first.
   */
  recentAccountFailures(loginKey: string, since: Date, limit: number): Promise<Date[]>;
  /** The newest `limit` failed attempts from an address since `since`, newest first (successes do not reset it). */
  recentAddressFailures(address: string, since: Date, limit: number): Promise<Date[]>;
  /** Deletes attempts made before `before`; returns how many. */
  purgeBefore(before: Date): Promise<number>;
}

// The first key of the two-key advisory locks: keeps login and address hashes apart.
const LOGIN_LOCK_SPACE = 7_301;
const ADDRESS_LOCK_SPACE = 7_302;

export function createLoginAttemptRepository(client: DbClient): LoginAttemptRepository {
  return {
    async record(attempt) {
      return (await client.loginAttempt.create({ data: attempt, select: { id: true } })).id;
    },
    async markSucceeded(id) {
      await client.loginAttempt.update({ where: { id }, data: { succeeded: true }, select: { id: true } });
    },
    async discard(id) {
      await client.loginAttempt.deleteMany({ where: { id } });
    },
    async lockForAttempt(loginKey, address) {
      await client.$executeRaw`SELECT pg_advisory_xact_lock(${LOGIN_LOCK_SPACE}::int, hashtext(${loginKey}))`;
      await client.$executeRaw`SELECT pg_advisory_xact_lock(${ADDRESS_LOCK_SPACE}::int, hashtext(${address}))`;
    },
    async recentAccountFailures(loginKey, since, limit) {
      // "After the last success" by insertion order: two attempts may share a timestamp.
      const lastSuccess = await client.loginAttempt.findFirst({
        where: { loginKey, succeeded: true, at: { gte: since } },
        orderBy: { id: "desc" },
        select: { id: true },
      });
      const rows = await client.loginAttempt.findMany({
        where: { loginKey, succeeded: false, at: { gte: since }, ...(lastSuccess ? { id: { gt: lastSuccess.id } } : {}) },
        orderBy: { at: "desc" },
        take: limit,
        select: { at: true },
      });
      return rows.map((row) => row.at);
    },
    purgeBefore: async (before) => (await client.loginAttempt.deleteMany({ where: { at: { lt: before } } })).count,
    async recentAddressFailures(address, since, limit) {
      const rows = await client.loginAttempt.findMany({
        where: { address, succeeded: false, at: { gte: since } },
        orderBy: { at: "desc" },
        take: limit,
        select: { at: true },
      });
      return rows.map((row) => row.at);
    },
  };
}
