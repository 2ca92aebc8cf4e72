import { z } from "zod";
import { DatabaseOpenError } from "./errors.js";
import { defaultDataDir, resolveFromRepoRoot } from "./repo-root.js";

export const inMemoryDataDir = "memory://";

export const prismaLogLevels = ["query", "info", "warn", "error"] as const;
export type PrismaLogLevel = (typeof prismaLogLevels)[number];

/** What openDatabase needs, given explicitly: no field is read from the environment here. */
export interface DatabaseSettings {
  /** A postgres:// or postgresql:// URL: a PostgreSQL server. Wins over dataDir. */
  readonly databaseUrl?: string | undefined;
  /**
   * Embedded PGlite data directory, or "memory://" for a throw-away database. Relative paths
   * are taken from the repository root. Default (neither set): data/pglite.
   */
  readonly dataDir?: string | undefined;
  /** Prisma client log levels (printed to stdout/stderr by Prisma). */
  readonly log?: readonly PrismaLogLevel[];
}

export interface OpenDatabaseOptions extends DatabaseSettings {
  /**
   * An environment map to take the settings not given above from, read by
   * readDatabaseEnvironment. Never defaulted: openDatabase does not look at process.env.
   * Precedence: databaseUrl, then dataDir, then env DATABASE_URL, then env PGLITE_DATA_DIR.
   */
  readonly env?: Readonly<Record<string, string | undefined>>;
}

export type DatabaseConfig =
  | { kind: "postgres"; url: URL; log: readonly PrismaLogLevel[] }
  | { kind: "pglite"; dataDir: string | typeof inMemoryDataDir; log: readonly PrismaLogLevel[] };

/** The environment variables the database settings come from. */
export const DATABASE_ENVIRONMENT_VARIABLES = ["DATABASE_URL", "PGLITE_DATA_DIR"] as const;

// An empty variable counts as unset: `DATABASE_URL=` in a .env file means "no server".
const optionalSetting = z
  .string()
  .trim()
  .optional()
  .transform((value) => (value === "" ? undefined : value));

const optionsSchema = z.object({
  databaseUrl: optionalSetting,
  dataDir: optionalSetting,
  log: z.array(z.enum(prismaLogLevels)).default([]),
});

const envSchema = z.object({
  DATABASE_URL: optionalSetting,
  PGLITE_DATA_DIR: optionalSetting,
});

/**
 * The one reader of the database environment, for the server's config and the db CLIs:
 * DATABASE_URL (a PostgreSQL server) wins over PGLITE_DATA_DIR (the embedded database's
 * directory); empty values count as unset; neither set means the embedded database in
 * data/pglite. Refuses a DATABASE_URL that is not a usable PostgreSQL URL with
 * DatabaseOpenError("BAD_URL"), which says how to fix it.
 */
export function readDatabaseEnvironment(env: Readonly<Record<string, string | undefined>>): DatabaseSettings {
  const values = envSchema.parse({ DATABASE_URL: env["DATABASE_URL"], PGLITE_DATA_DIR: env["PGLITE_DATA_DIR"] });
  if (values.DATABASE_URL !== undefined) {
    parsePostgresUrl(values.DATABASE_URL);
    return { databaseUrl: values.DATABASE_URL };
  }
  return values.PGLITE_DATA_DIR === undefined ? {} : { dataDir: values.PGLITE_DATA_DIR };
}

export function parseDatabaseConfig(options: OpenDatabaseOptions = {}): DatabaseConfig {
  const parsedOptions = optionsSchema.safeParse({ databaseUrl: options.databaseUrl, dataDir: options.dataDir, log: options.log });
  if (!parsedOptions.success) {
    throw new DatabaseOpenError("UNKNOWN", `Invalid openDatabase options: ${z.prettifyError(parsedOptions.error)}`);
  }
  const { databaseUrl, dataDir, log } = parsedOptions.data;
  // Explicit settings win; the environment map (if given) fills in only what they leave open.
  const explicit = databaseUrl !== undefined || dataDir !== undefined;
  const fromEnv = !explicit && options.env ? readDatabaseEnvironment(options.env) : {};

  const url = databaseUrl ?? (dataDir === undefined ? fromEnv.databaseUrl : undefined);
  if (url !== undefined) return { kind: "postgres", url: parsePostgresUrl(url), log };

  const chosenDir = dataDir ?? fromEnv.dataDir;
  if (chosenDir === inMemoryDataDir) return { kind: "pglite", dataDir: inMemoryDataDir, log };
  return { kind: "pglite", dataDir: chosenDir === undefined ? defaultDataDir() : resolveFromRepoRoot(chosenDir), log };
}

const badUrlAdvice =
  "Set DATABASE_URL to a URL like postgresql://USER:PASSWORD@HOST:5432/DATABASE, " +
  "or unset it to use the embedded database (PGlite) in data/pglite.";

export function parsePostgresUrl(raw: string): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new DatabaseOpenError("BAD_URL", `DATABASE_URL is not a valid URL. ${badUrlAdvice}`);
  }
  if (url.protocol !== "postgresql:" && url.protocol !== "postgres:") {
    throw new DatabaseOpenError(
      "BAD_URL",
      `DATABASE_URL must start with postgresql:// or postgres://, not ${url.protocol}//. ${badUrlAdvice}`,
    );
  }
  // Without a host, pg would silently try a local Unix socket; allow that only when asked for (?host=/path).
  if (url.hostname === "" && !url.searchParams.has("host")) {
    throw new DatabaseOpenError("BAD_URL", `DATABASE_URL ${redactUrl(url)} names no host. ${badUrlAdvice}`);
  }
  return url;
}

/** The URL without its password, safe for logs and error messages. */
export function redactUrl(url: URL): string {
  const copy = new URL(url.href);
  if (copy.password !== "") copy.password = "***";
  return copy.href;
}

export function describeConfig(config: DatabaseConfig): string {
  if (config.kind === "postgres") return `PostgreSQL at ${redactUrl(config.url)}`;
  return config.dataDir === inMemoryDataDir ? "embedded PGlite in memory" : `embedded PGlite in ${config.dataDir}`;
}
