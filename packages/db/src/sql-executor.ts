import type { PGlite, Transaction as PGliteTransaction } from "@electric-sql/pglite";
import type pg from "pg";

/** Raw SQL on one connection, below Prisma. Used by the migration runner and by tests. */
export interface SqlRunner {
  /** Runs a script of one or more statements, without parameters. */
  exec(sql: string): Promise<void>;
  /** Runs one statement with $1, $2 … parameters and returns its rows. */
  query<Row extends Record<string, unknown> = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<Row[]>;
}

export interface MigrationsExecutor extends SqlRunner {
  /** Runs `work` in one transaction: committed if it resolves, rolled back if it throws. */
  transaction<T>(work: (tx: SqlRunner) => Promise<T>): Promise<T>;
  /**
   * Runs `work` on one dedicated connection, so that session state (a session-level
   * advisory lock) spans its statements and transactions. PGlite has only one connection.
   */
  session<T>(work: (session: MigrationsExecutor) => Promise<T>): Promise<T>;
}

export function pgliteExecutor(pglite: PGlite): MigrationsExecutor {
  const executor: MigrationsExecutor = {
    ...pgliteRunner(pglite),
    transaction: (work) => pglite.transaction((tx) => work(pgliteRunner(tx))),
    session: (work) => work(executor),
  };
  return executor;
}

function pgliteRunner(target: PGlite | PGliteTransaction): SqlRunner {
  return {
    async exec(sql) {
      await target.exec(sql);
    },
    async query<Row>(sql: string, params: readonly unknown[] = []) {
      const result = await target.query<Row>(sql, [...params]);
      return result.rows;
    },
  };
}

export function pgPoolExecutor(pool: pg.Pool): MigrationsExecutor {
  return {
    ...pgRunner(pool),
    async transaction(work) {
      return withClient(pool, (client) => pgTransaction(client, work));
    },
    async session(work) {
      return withClient(pool, (client) => work(pgClientExecutor(client)));
    },
  };
}

function pgClientExecutor(client: pg.PoolClient): MigrationsExecutor {
  const executor: MigrationsExecutor = {
    ...pgRunner(client),
    transaction: (work) => pgTransaction(client, work),
    session: (work) => work(executor),
  };
  return executor;
}

function pgRunner(target: pg.Pool | pg.PoolClient): SqlRunner {
  return {
    async exec(sql) {
      // Without parameters pg uses the simple query protocol, which accepts many statements.
      await target.query(sql);
    },
    async query<Row extends Record<string, unknown>>(sql: string, params: readonly unknown[] = []) {
      const result = await target.query<Row>(sql, [...params]);
      return result.rows;
    },
  };
}

// Connections whose ROLLBACK failed are unusable: destroyed on release instead of pooled.
const brokenClients = new WeakSet<pg.PoolClient>();

async function withClient<T>(pool: pg.Pool, work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    return await work(client);
  } finally {
    client.release(brokenClients.has(client) ? new Error("connection broken during rollback") : undefined);
  }
}

async function pgTransaction<T>(client: pg.PoolClient, work: (tx: SqlRunner) => Promise<T>): Promise<T> {
  await client.query("BEGIN");
  let result: T;
  try {
    result = await work(pgRunner(client));
  } catch (error) {
    await client.query("ROLLBACK").catch(() => brokenClients.add(client));
    throw error;
  }
  await client.query("COMMIT");
  return result;
}
