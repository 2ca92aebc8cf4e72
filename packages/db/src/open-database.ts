import { existsSync, mkdirSync, readdirSync } from "node:fs";
import { PGlite } from "@electric-sql/pglite";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { PrismaClient } from "../generated/client/index.js";
import {
  describeConfig,
  inMemoryDataDir,
  parseDatabaseConfig,
  redactUrl,
  type DatabaseConfig,
  type OpenDatabaseOptions,
} from "./config.js";
import { acquireDataDirLock, type DataDirLock } from "./data-dir-lock.js";
import { DatabaseOpenError } from "./errors.js";
import { createDataAccess, type DataAccess } from "./repositories/data-access.js";
import { pgliteExecutor, pgPoolExecutor, type MigrationsExecutor } from "./sql-executor.js";

export type { OpenDatabaseOptions } from "./config.js";

export interface Database {
  /** The one Prisma client of this process: for packages/db code (migrations, seed) and tests.
   * The server never receives it; it gets `dataAccess`. */
  readonly prisma: PrismaClient;
  /** Repositories and transactions over this database, without the client: what the server gets. */
  readonly dataAccess: DataAccess;
  readonly kind: "pglite" | "postgres";
  /** Human-readable: where the data lives (never contains a password). */
  readonly describe: string;
  /** Raw SQL below Prisma, for the migration runner and test set-up. */
  readonly migrationsExecutor: MigrationsExecutor;
  /** Disconnects Prisma and closes PGlite / the pool. Safe to call more than once. */
  close(): Promise<void>;
}

const connectTimeoutMs = 10_000;

/**
 * Opens the database: PostgreSQL when a URL is given, otherwise embedded PGlite in a data
 * directory. Reads only what it is given, never process.env (readDatabaseEnvironment turns
 * an environment into these settings). Throws DatabaseOpenError with a code.
 * Call close() when done — an unclosed PGlite can leave its data directory corrupt.
 */
export async function openDatabase(options: OpenDatabaseOptions = {}): Promise<Database> {
  const config = parseDatabaseConfig(options);
  return config.kind === "postgres" ? openPostgres(config) : openPGlite(config);
}

async function openPGlite(config: Extract<DatabaseConfig, { kind: "pglite" }>): Promise<Database> {
  const inMemory = config.dataDir === inMemoryDataDir;
  let lock: DataDirLock | undefined;
  let hadData = false;
  try {
    lock = inMemory ? undefined : acquireDataDirLock(config.dataDir);
    hadData = !inMemory && directoryHasEntries(config.dataDir);
    if (!inMemory) mkdirSync(config.dataDir, { recursive: true });
  } catch (error) {
    lock?.release();
    if (error instanceof DatabaseOpenError) throw error;
    throw new DatabaseOpenError(
      "DATA_DIR_UNUSABLE",
      `The embedded database cannot use ${config.dataDir} (${errorMessage(error)}). It must be a directory this user ` +
        `may create and write, or not exist yet: set PGLITE_DATA_DIR to such a path, or fix its permissions.`,
      { cause: error },
    );
  }

  let pglite: PGlite;
  try {
    pglite = await PGlite.create(config.dataDir);
    await pglite.query("SELECT 1");
  } catch (error) {
    lock?.release();
    throw hadData
      ? new DatabaseOpenError(
          "DATA_DIR_CORRUPT",
          `The embedded database in ${config.dataDir} cannot be opened (${errorMessage(error)}). It may have been damaged by a ` +
            `process that was killed without closing it. Restore the directory from a backup, or move it aside to start ` +
            `with an empty database (then run pnpm db:migrate and pnpm db:seed).`,
          { cause: error },
        )
      : new DatabaseOpenError("UNKNOWN", `Could not create the embedded database in ${config.dataDir}: ${errorMessage(error)}`, {
          cause: error,
        });
  }

  const prisma = new PrismaClient({ adapter: pgliteAdapter(pglite), log: [...config.log] });
  const describe = describeConfig(config);
  return {
    prisma,
    dataAccess: createDataAccess(prisma, "pglite", describe),
    kind: "pglite",
    describe,
    migrationsExecutor: pgliteExecutor(pglite),
    close: once(async () => {
      try {
        await prisma.$disconnect();
      } finally {
        try {
          await pglite.close();
        } finally {
          lock?.release();
        }
      }
    }),
  };
}

async function openPostgres(config: Extract<DatabaseConfig, { kind: "postgres" }>): Promise<Database> {
  const pool = new pg.Pool({ connectionString: config.url.href, connectionTimeoutMillis: connectTimeoutMs });
  // An idle connection dropped by the server (restart, network) must not crash the process;
  // the pool replaces it on the next query.
  pool.on("error", (error) => console.error(`[db] idle PostgreSQL connection failed: ${error.message}`));
  try {
    await pool.query("SELECT 1");
  } catch (error) {
    await pool.end().catch(() => undefined);
    throw connectErrorFor(error, config.url);
  }

  const prisma = new PrismaClient({ adapter: new PrismaPg(pool, { disposeExternalPool: false }), log: [...config.log] });
  const describe = describeConfig(config);
  return {
    prisma,
    dataAccess: createDataAccess(prisma, "postgres", describe),
    kind: "postgres",
    describe,
    migrationsExecutor: pgPoolExecutor(pool),
    close: once(async () => {
      try {
        await prisma.$disconnect();
      } finally {
        await pool.end();
      }
    }),
  };
}

type PrismaAdapterFactory = NonNullable<NonNullable<ConstructorParameters<typeof PrismaClient>[0]>["adapter"]>;

// pglite-prisma-adapter 0.6.1 is typed against @prisma/driver-adapter-utils 6.10, whose ArgType
// was a string; 6.19 made it an object. The adapter never reads argTypes (it passes `args` to
// PGlite as they are), so only the declared types differ. Parameter round-trips are tested.
function pgliteAdapter(pglite: PGlite): PrismaAdapterFactory {
  return new PrismaPGlite(pglite) as unknown as PrismaAdapterFactory;
}

/** Maps a pg connection error to one of our codes, with advice. */
export function connectErrorFor(error: unknown, url: URL): DatabaseOpenError {
  const where = redactUrl(url);
  const server = `${url.hostname || url.searchParams.get("host") || "localhost"}:${url.port || "5432"}`;
  const code = errorCode(error);
  const fallBack = "or unset DATABASE_URL to use the embedded database.";
  switch (code) {
    case "ECONNREFUSED":
      return new DatabaseOpenError(
        "CONNECTION_REFUSED",
        `Cannot connect to PostgreSQL at ${server}: connection refused (nothing is listening there). ` +
          `Start PostgreSQL, fix the host or port in DATABASE_URL, ${fallBack}`,
        { cause: error },
      );
    case "ENOTFOUND":
    case "EAI_AGAIN":
      return new DatabaseOpenError(
        "CONNECTION_REFUSED",
        `Cannot connect to PostgreSQL at ${server}: the host name does not resolve. Fix the host in DATABASE_URL, ${fallBack}`,
        { cause: error },
      );
    case "ETIMEDOUT":
    case "EHOSTUNREACH":
    case "ENETUNREACH":
    case "TIMEOUT":
      return new DatabaseOpenError(
        "CONNECTION_REFUSED",
        `Cannot connect to PostgreSQL at ${server}: no answer within ${connectTimeoutMs / 1000} s (${errorMessage(error)}). ` +
          `Check that the server is up and reachable (firewall, host, port), ${fallBack}`,
        { cause: error },
      );
    case "28P01":
    case "28000":
      return new DatabaseOpenError(
        "AUTH_FAILED",
        `PostgreSQL at ${server} refused the login for user "${decodeURIComponent(url.username)}": ${errorMessage(error)}. ` +
          `Check the user name and password in DATABASE_URL (and the server's pg_hba.conf).`,
        { cause: error },
      );
    case "3D000": {
      const database = decodeURIComponent(url.pathname.replace(/^\//, "")) || decodeURIComponent(url.username);
      return new DatabaseOpenError(
        "DATABASE_MISSING",
        `PostgreSQL at ${server} has no database "${database}". Create it (createdb -h ${url.hostname} -p ${url.port || "5432"} ` +
          `${database}, or CREATE DATABASE "${database}"), or name an existing one in DATABASE_URL.`,
        { cause: error },
      );
    }
    default:
      return new DatabaseOpenError("UNKNOWN", `Cannot open PostgreSQL at ${where}: ${errorMessage(error)}`, { cause: error });
  }
}

function errorCode(error: unknown): string | undefined {
  if (typeof error !== "object" || error === null) return undefined;
  const code = (error as { code?: unknown }).code;
  if (typeof code === "string") return code;
  // Node reports a host with several addresses (localhost: ::1 and 127.0.0.1) as an AggregateError.
  if (error instanceof AggregateError) return errorCode(error.errors[0]);
  if (error instanceof Error && /timeout/i.test(error.message)) return "TIMEOUT";
  return undefined;
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function directoryHasEntries(path: string): boolean {
  return existsSync(path) && readdirSync(path).length > 0;
}

function once(close: () => Promise<void>): () => Promise<void> {
  let closing: Promise<void> | undefined;
  return () => (closing ??= close());
}
