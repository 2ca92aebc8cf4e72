// Server configuration, read once from the environment at start-up and
// checked with zod, so a typo in PORT fails loudly instead of half-starting.
// The database part is the db package's reader (readDatabaseEnvironment), the
// same one the db CLIs use; this adds the server's own variables.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { DatabaseOpenError, readDatabaseEnvironment, repoRoot, resolveFromRepoRoot, type DatabaseSettings } from "@pyramid/db";
import { z } from "zod";

const DEFAULT_WEB_DIST_DIR = "apps/web/dist";
/** 200 MiB: a 1,000,000-row CSV of actuals is about 60–100 MB. */
export const DEFAULT_IMPORT_MAX_BYTES = 200 * 1024 * 1024;

const environmentSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65_535).default(4000),
  HOST: z.string().trim().min(1).default("0.0.0.0"),
  WEB_DIST_DIR: z.string().optional(),
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  /** Where users reach the app (behind a proxy, say); an https URL makes the session cookie Secure. */
  PUBLIC_URL: z.url({ protocol: /^https?$/, error: "must be an http:// or https:// URL" }).optional(),
  /** Overrides what PUBLIC_URL implies for the cookie's Secure flag. */
  COOKIE_SECURE: z.enum(["true", "false"], { error: "must be true or false" }).optional(),
  /** Fastify's trustProxy: "true" (any proxy), or the proxies' addresses/CIDRs, comma-separated. */
  TRUST_PROXY: z.string().optional(),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  /** The largest import file accepted (bytes); larger uploads get 413. */
  IMPORT_MAX_BYTES: z.coerce.number().int().min(1).default(DEFAULT_IMPORT_MAX_BYTES),
});

const SERVER_VARIABLES = Object.keys(environmentSchema.shape);

/** An empty value (`PORT=` in a shell or .env file) means "not set". */
function withoutEmptyValues(environment: Record<string, string | undefined>): Record<string, string> {
  const present: Record<string, string> = {};
  for (const name of SERVER_VARIABLES) {
    const value = environment[name]?.trim();
    if (value !== undefined && value !== "") present[name] = value;
  }
  return present;
}

export interface ServerConfig {
  readonly port: number;
  readonly host: string;
  /** What openDatabase is given: a PostgreSQL URL, or the embedded database's directory
   * (absolute or "memory://"), or neither for data/pglite. From DATABASE_URL / PGLITE_DATA_DIR. */
  readonly database: DatabaseSettings;
  /** The built web app (index.html and assets/), absolute. */
  readonly webDistDir: string;
  readonly nodeEnv: "development" | "production" | "test";
  readonly version: string;
  /** `Secure` on the session cookie: COOKIE_SECURE, else whether PUBLIC_URL is https. */
  readonly cookieSecure: boolean;
  readonly publicUrl: string | null;
  /** Whether (and which) proxies' X-Forwarded-For to believe for the client's address. */
  readonly trustProxy: boolean | string[];
  /** The per-request log lines' level (pino). */
  readonly logLevel: "fatal" | "error" | "warn" | "info" | "debug" | "trace" | "silent";
  /** IMPORT_MAX_BYTES: the import upload's size limit. */
  readonly importMaxBytes: number;
}

export class ConfigError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`Invalid server configuration:\n${problems.map((problem) => `  - ${problem}`).join("\n")}`);
    this.name = "ConfigError";
  }
}

function readTrustProxy(value: string | undefined): boolean | string[] {
  if (value === undefined || value === "false") return false;
  if (value === "true") return true;
  return value
    .split(",")
    .map((entry) => entry.trim())
    .filter((entry) => entry !== "");
}

export function readServerVersion(): string {
  const packageJson: unknown = JSON.parse(readFileSync(join(repoRoot(), "apps/server/package.json"), "utf8"));
  const parsed = z.object({ version: z.string() }).safeParse(packageJson);
  return parsed.success ? parsed.data.version : "unknown";
}

/** The database settings, or the sentence saying what is wrong with DATABASE_URL. */
function readDatabaseSettings(environment: Readonly<Record<string, string | undefined>>): DatabaseSettings | string {
  try {
    const settings = readDatabaseEnvironment(environment);
    // Relative directories are taken from the repository root, not the working directory:
    // `pnpm --filter @pyramid/server start` runs inside apps/server.
    return settings.dataDir === undefined || settings.dataDir === "memory://"
      ? settings
      : { ...settings, dataDir: resolveFromRepoRoot(settings.dataDir) };
  } catch (error) {
    if (error instanceof DatabaseOpenError) return `DATABASE_URL: ${error.message}`;
    throw error;
  }
}

/** Reads the server's variables and the database's (DATABASE_ENVIRONMENT_VARIABLES); every
 * problem of both is listed in one ConfigError. */
export function loadConfig(environment: Readonly<Record<string, string | undefined>> = process.env): ServerConfig {
  const parsed = environmentSchema.safeParse(withoutEmptyValues(environment));
  const database = readDatabaseSettings(environment);
  const problems = [
    ...(parsed.success
      ? []
      : parsed.error.issues.map((issue) => {
          const variable = issue.path.join(".") || "(environment)";
          return `${variable}=${JSON.stringify(environment[variable] ?? null)}: ${issue.message}`;
        })),
    ...(typeof database === "string" ? [database] : []),
  ];
  if (!parsed.success || typeof database === "string") throw new ConfigError(problems);
  const values = parsed.data;
  return {
    port: values.PORT,
    host: values.HOST,
    database,
    webDistDir: resolveFromRepoRoot(values.WEB_DIST_DIR ?? DEFAULT_WEB_DIST_DIR),
    nodeEnv: values.NODE_ENV,
    version: readServerVersion(),
    cookieSecure:
      values.COOKIE_SECURE === undefined ? (values.PUBLIC_URL?.startsWith("https://") ?? false) : values.COOKIE_SECURE === "true",
    publicUrl: values.PUBLIC_URL ?? null,
    trustProxy: readTrustProxy(values.TRUST_PROXY),
    logLevel: values.LOG_LEVEL,
    importMaxBytes: values.IMPORT_MAX_BYTES,
  };
}
