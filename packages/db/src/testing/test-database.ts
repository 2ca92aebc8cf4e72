// Throw-away databases for integration tests (*.int.test.ts), shared by every package's tests.
//
//   const db = await createTestDatabase();          // migrated with prisma/migrations
//   try { ... db.prisma ... } finally { await db.close(); }   // close() also drops it
//
// or, per test file:   const getDb = useTestDatabase();  ...  getDb().prisma
//
// With TEST_DATABASE_URL set (e.g. postgresql://postgres@127.0.0.1:5432/postgres) each call
// creates a uniquely named database on that server and drops it on close(); otherwise each
// call starts a fresh in-memory PGlite (about 2 s). Either way, DATABASE_URL is ignored.
import { randomBytes } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll } from "vitest";
import { inMemoryDataDir, type PrismaLogLevel } from "../config.js";
import { connectErrorFor, openDatabase, type Database } from "../open-database.js";
import { migrate, type MigrationReport } from "../migrate.js";
import { defaultMigrationsDir } from "../repo-root.js";

export interface CreateTestDatabaseOptions {
  /**
   * Migrations to apply before returning: a migrations directory, or false for an empty
   * database. Default: the repository's prisma/migrations.
   */
  migrations?: string | false;
  /** Prisma log levels, e.g. ["query"] while debugging a test. */
  log?: PrismaLogLevel[];
}

export interface TestDatabase extends Database {
  /** The PostgreSQL database's name, or "memory" for PGlite. */
  readonly name: string;
  /** Connection URL of the throw-away PostgreSQL database (to open a second connection); undefined for PGlite. */
  readonly url: string | undefined;
  /** What the migrations did (undefined when migrations: false). */
  readonly migrationReport: MigrationReport | undefined;
  /** Closes the connection and, on PostgreSQL, drops the database. Safe to call twice. */
  close(): Promise<void>;
}

/** "postgres" when TEST_DATABASE_URL is set, else "pglite": for tests that only make sense on one. */
export const testDatabaseKind: "postgres" | "pglite" = testServerUrl() ? "postgres" : "pglite";

const namePrefix = "pyramid_test_";
// Databases of ours this old were left by a crashed run and are dropped on the next run.
const abandonedAfterMs = 24 * 60 * 60 * 1000;

export async function createTestDatabase(options: CreateTestDatabaseOptions = {}): Promise<TestDatabase> {
  const serverUrl = testServerUrl();
  const log = options.log ?? [];
  const created = serverUrl ? await createServerDatabase(serverUrl, log) : await createMemoryDatabase(log);

  try {
    const migrationReport =
      options.migrations === false
        ? undefined
        : await migrate(created.db, { migrationsDir: options.migrations ?? defaultMigrationsDir() });
    return { ...created.db, name: created.name, url: created.url, migrationReport, close: created.close };
  } catch (error) {
    await created.close();
    throw error;
  }
}

/** Registers beforeAll/afterAll in the calling test file: one database for the file. */
export function useTestDatabase(options: CreateTestDatabaseOptions = {}): () => TestDatabase {
  let db: TestDatabase | undefined;
  beforeAll(async () => {
    db = await createTestDatabase(options);
  });
  afterAll(async () => {
    await db?.close();
  });
  return () => {
    if (!db) throw new Error("The test database is not ready: call the getter inside a test or hook, not at import time.");
    return db;
  };
}

interface CreatedDatabase {
  db: Database;
  name: string;
  url: string | undefined;
  close(): Promise<void>;
}

async function createMemoryDatabase(log: PrismaLogLevel[]): Promise<CreatedDatabase> {
  const db = await openDatabase({ dataDir: inMemoryDataDir, log, env: {} });
  return { db, name: "memory", url: undefined, close: db.close };
}

async function createServerDatabase(serverUrl: URL, log: PrismaLogLevel[]): Promise<CreatedDatabase> {
  const name = `${namePrefix}${Date.now()}_${process.pid}_${randomBytes(3).toString("hex")}`;
  await withAdminClient(serverUrl, async (admin) => {
    await dropAbandonedDatabases(admin);
    await admin.query(`CREATE DATABASE ${quoteIdentifier(name)}`);
  });

  const url = new URL(serverUrl.href);
  url.pathname = `/${name}`;
  const drop = () =>
    withAdminClient(serverUrl, (admin) => admin.query(`DROP DATABASE IF EXISTS ${quoteIdentifier(name)} WITH (FORCE)`));

  let db: Database;
  try {
    db = await openDatabase({ databaseUrl: url.href, log, env: {} });
  } catch (error) {
    await drop();
    throw error;
  }
  let closing: Promise<void> | undefined;
  const close = () =>
    (closing ??= (async () => {
      try {
        await db.close();
      } finally {
        await drop();
      }
    })());
  return { db, name, url: url.href, close };
}

async function withAdminClient<T>(serverUrl: URL, work: (admin: pg.Client) => Promise<T>): Promise<T> {
  const admin = new pg.Client({ connectionString: serverUrl.href, connectionTimeoutMillis: 10_000 });
  try {
    await admin.connect();
  } catch (error) {
    await admin.end().catch(() => undefined);
    const reason = connectErrorFor(error, serverUrl);
    throw new Error(`TEST_DATABASE_URL: ${reason.message}`, { cause: reason });
  }
  try {
    return await work(admin);
  } finally {
    await admin.end();
  }
}

async function dropAbandonedDatabases(admin: pg.Client): Promise<void> {
  const { rows } = await admin.query<{ datname: string }>("SELECT datname FROM pg_database WHERE datname LIKE $1", [
    `${namePrefix}%`,
  ]);
  for (const { datname } of rows) {
    const createdMs = Number(/^pyramid_test_(\d+)_/.exec(datname)?.[1]);
    if (Number.isFinite(createdMs) && Date.now() - createdMs > abandonedAfterMs) {
      await admin.query(`DROP DATABASE IF EXISTS ${quoteIdentifier(datname)} WITH (FORCE)`);
    }
  }
}

function testServerUrl(): URL | undefined {
  const raw = process.env.TEST_DATABASE_URL?.trim();
  if (!raw) return undefined;
  try {
    return new URL(raw);
  } catch {
    throw new Error(`TEST_DATABASE_URL is not a valid URL (expected postgresql://USER@HOST:PORT/DATABASE).`);
  }
}

function quoteIdentifier(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}
