import { z } from "zod";
import { DatabaseOpenError } from "./errors.js";
import { defaultDataDir, resolveFromRepoRoot } from "./repo-root.js";

export const inMemoryDataDir = "memory://";

export const prismaLogLevels = ["query", "info", "warn", "error"] as const;
export type PrismaLogLevel = (typeof prismaLogLevels)[number];

export interface OpenDatabaseOptions {
  /** A postgres:// or postgresql:// URL. Wins over everything else; default: env DATABASE_URL. */
  databaseUrl?: string;
  /**
   * Embedded PGlite data directory, or "memory://" for a throw-away database.
   * Given explicitly, it also wins over env DATABASE_URL. Default: env PGLITE_DATA_DIR, else
   * data/pglite. Relative paths are taken from the repository root.
   */
  dataDir?: string;
  /** Prisma client log levels (printed to stdout/stderr by Prisma). */
  log?: readonly PrismaLogLevel[];
  /** Where DATABASE_URL and PGLITE_DATA_DIR are read from; default process.env. */
  env?: Readonly<Record<string, string | undefined>>;
}

export type DatabaseConfig =
  | { kind: "postgres"; url: URL; log: readonly PrismaLogLevel[] }
  | { kind: "pglite"; dataDir: string | typeof inMemoryDataDir; log: readonly PrismaLogLevel[] };

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

export function parseDatabaseConfig(options: OpenDatabaseOptions = {}): DatabaseConfig {
  const parsedOptions = optionsSchema.safeParse({ databaseUrl: options.databaseUrl, dataDir: options.dataDir, log: options.log });
  if (!parsedOptions.success) {
    throw new DatabaseOpenError("UNKNOWN", `Invalid openDatabase options: ${z.prettifyError(parsedOptions.error)}`);
  }
  const env = envSchema.parse(options.env ?? process.env);
  const { databaseUrl, dataDir, log } = parsedOptions.data;

  const url = databaseUrl ?? (dataDir === undefined ? env.DATABASE_URL : undefined);
  if (url !== undefined) return { kind: "postgres", url: parsePostgresUrl(url), log };

  const chosenDir = dataDir ?? env.PGLITE_DATA_DIR;
  if (chosenDir === inMemoryDataDir) return { kind: "pglite", dataDir: inMemoryDataDir, log };
  return { kind: "pglite", dataDir: chosenDir === undefined ? defaultDataDir() : resolveFromRepoRoot(chosenDir), log };
}

const badUrlAdvice =
  "Set DATABASE_URL to a URL like postgresql://USER:PASSWORD@HOST:5432/DATABASE, " +
  "or unset it to use the embedded database (PGlite) in data/pglite.";

function parsePostgresUrl(raw: string): URL {
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
