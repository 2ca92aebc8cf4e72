// Server configuration, read once from the environment at start-up and
// checked with zod, so a typo in PORT fails loudly instead of half-starting.
import { readFileSync } from "node:fs";
import { dirname, isAbsolute, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { z } from "zod";

/** The monorepo root: apps/server/src → ../../.. */
export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../../..");

const DEFAULT_WEB_DIST_DIR = "apps/web/dist";

const environmentSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65_535).default(4000),
  HOST: z.string().trim().min(1).default("0.0.0.0"),
  // Checked in depth (scheme, host) by openDatabase, which explains how to fix it.
  DATABASE_URL: z.string().optional(),
  PGLITE_DATA_DIR: z.string().optional(),
  WEB_DIST_DIR: z.string().optional(),
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
});

const KNOWN_VARIABLES = Object.keys(environmentSchema.shape);

/** An empty value (`PORT=` in a shell or .env file) means "not set". */
function withoutEmptyValues(environment: Record<string, string | undefined>): Record<string, string> {
  const present: Record<string, string> = {};
  for (const name of KNOWN_VARIABLES) {
    const value = environment[name]?.trim();
    if (value !== undefined && value !== "") present[name] = value;
  }
  return present;
}

export interface ServerConfig {
  readonly port: number;
  readonly host: string;
  /** PostgreSQL server; when absent the embedded PGlite database is used. */
  readonly databaseUrl: string | undefined;
  /** Where PGlite keeps its files ("memory://" for a throw-away database); absolute,
   * or undefined for the db package's default (data/pglite). */
  readonly pgliteDataDir: string | undefined;
  /** The built web app (index.html and assets/), absolute. */
  readonly webDistDir: string;
  readonly nodeEnv: "development" | "production" | "test";
  readonly version: string;
}

export class ConfigError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`Invalid server configuration:\n${problems.map((problem) => `  - ${problem}`).join("\n")}`);
    this.name = "ConfigError";
  }
}

/** Relative paths are taken from the repository root, not the working directory:
 * `pnpm --filter @pyramid/server start` runs inside apps/server. */
function fromRepoRoot(path: string): string {
  return isAbsolute(path) ? path : join(REPO_ROOT, path);
}

export function readServerVersion(): string {
  const packageJson: unknown = JSON.parse(readFileSync(join(REPO_ROOT, "apps/server/package.json"), "utf8"));
  const parsed = z.object({ version: z.string() }).safeParse(packageJson);
  return parsed.success ? parsed.data.version : "unknown";
}

export function loadConfig(environment: Record<string, string | undefined> = process.env): ServerConfig {
  const parsed = environmentSchema.safeParse(withoutEmptyValues(environment));
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((issue) => {
        const variable = issue.path.join(".") || "(environment)";
        return `${variable}=${JSON.stringify(environment[variable] ?? null)}: ${issue.message}`;
      }),
    );
  }
  const values = parsed.data;
  return {
    port: values.PORT,
    host: values.HOST,
    databaseUrl: values.DATABASE_URL,
    pgliteDataDir:
      values.PGLITE_DATA_DIR === undefined || values.PGLITE_DATA_DIR === "memory://"
        ? values.PGLITE_DATA_DIR
        : fromRepoRoot(values.PGLITE_DATA_DIR),
    webDistDir: fromRepoRoot(values.WEB_DIST_DIR ?? DEFAULT_WEB_DIST_DIR),
    nodeEnv: values.NODE_ENV,
    version: readServerVersion(),
  };
}
