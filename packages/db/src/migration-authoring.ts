import { spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { MigrationAuthoringError } from "./errors.js";
import { migrationSqlFile, readMigrations, schemaSnapshotFile } from "./migration-files.js";
import { defaultMigrationsDir, defaultSchemaPath, repoRoot } from "./repo-root.js";

export interface CreateMigrationOptions {
  /** What the migration does, e.g. "add plan status" or "addPlanStatus"; stored as snake_case. */
  name: string;
  /** The schema to migrate to. Default prisma/schema.prisma. */
  schemaPath?: string;
  /** Default prisma/migrations. */
  migrationsDir?: string;
  /** The clock, for the directory's timestamp. */
  now?: Date;
}

export interface CreatedMigration {
  /** e.g. 20250301093000_add_plan_status */
  readonly name: string;
  readonly directory: string;
  readonly sql: string;
  /** prisma/migrations/schema.snapshot.prisma, now naming this migration. */
  readonly snapshotPath: string;
}

const maxNameLength = 80;

/** "Add plan-status" / "addPlanStatus" → "add_plan_status"; refuses anything else with BAD_NAME. */
export function toMigrationName(raw: string): string {
  const trimmed = raw.trim();
  if (!/^[A-Za-z0-9 _-]+$/.test(trimmed)) {
    throw new MigrationAuthoringError(
      "BAD_NAME",
      `Migration name "${raw}" may contain only letters, digits, spaces, "-" and "_" (e.g. add_plan_status).`,
    );
  }
  const snake = trimmed
    .replace(/([a-z0-9])([A-Z])/g, "$1_$2")
    .toLowerCase()
    .replace(/[\s-]+/g, "_")
    .replace(/_+/g, "_")
    .replace(/^_|_$/g, "");
  if (!/^[a-z]/.test(snake) || snake.length > maxNameLength) {
    throw new MigrationAuthoringError(
      "BAD_NAME",
      `Migration name "${raw}" must start with a letter and be at most ${maxNameLength} characters (e.g. add_plan_status).`,
    );
  }
  return snake;
}

/** UTC yyyymmddHHMMSS. */
export function migrationTimestamp(date: Date): string {
  return date.toISOString().replace(/\D/g, "").slice(0, 14);
}

const snapshotHeaderPrefix = "// Schema snapshot after migration ";

/** The first line of the snapshot: which migration it is the schema of. */
export function snapshotHeader(migrationName: string): string {
  return `${snapshotHeaderPrefix}${migrationName}. Written by pnpm db:migration:new, which diffs the next change from it; do not edit.\n`;
}

/** The migration a snapshot's header names, or undefined when it has no header. */
export function snapshotMigrationName(snapshot: string): string | undefined {
  const firstLine = snapshot.split("\n", 1)[0] ?? "";
  if (!firstLine.startsWith(snapshotHeaderPrefix)) return undefined;
  return /^(\S+?)\.?(\s|$)/.exec(firstLine.slice(snapshotHeaderPrefix.length))?.[1];
}

/**
 * Writes prisma/migrations/<timestamp>_<name>/migration.sql: the SQL that takes the schema
 * of the newest migration (prisma/migrations/schema.snapshot.prisma; nothing when there is
 * no migration yet) to the current schema, generated offline by `prisma migrate diff`
 * between the two datamodels. Then the snapshot becomes the current schema, naming the new
 * migration. One snapshot for all migrations, not a copy in each: only the newest is needed.
 */
export function createMigration(options: CreateMigrationOptions): CreatedMigration {
  const snakeName = toMigrationName(options.name);
  const schemaPath = options.schemaPath ?? defaultSchemaPath();
  const migrationsDir = options.migrationsDir ?? defaultMigrationsDir();
  const existing = readMigrations(migrationsDir);
  const newest = existing.at(-1);

  const snapshotPath = join(migrationsDir, schemaSnapshotFile);
  let from: string[];
  if (newest) {
    if (!existsSync(snapshotPath)) {
      throw new MigrationAuthoringError(
        "DIFF_FAILED",
        `There is no schema snapshot to diff from (expected ${snapshotPath}). ` +
          `Put the schema as it was after the newest migration, ${newest.name}, there, with this first line:\n${snapshotHeader(newest.name)}`,
      );
    }
    // Two branches that each added a migration leave a snapshot of only one of them: diffing
    // from it would repeat or miss changes, so refuse until someone puts the merged schema there.
    const snapshotOf = snapshotMigrationName(readFileSync(snapshotPath, "utf8"));
    if (snapshotOf !== newest.name) {
      throw new MigrationAuthoringError(
        "DIFF_FAILED",
        `${snapshotPath} is the schema after migration ${snapshotOf ?? "(unnamed: its first line is not the snapshot header)"}, ` +
          `but the newest migration is ${newest.name}. Put the schema as it was after ${newest.name} there, with this first line:\n${snapshotHeader(newest.name)}`,
      );
    }
    from = ["--from-schema-datamodel", snapshotPath];
  } else {
    from = ["--from-empty"];
  }

  const sql = diffSchemas(from, schemaPath);
  if (isEmptyMigration(sql)) {
    throw new MigrationAuthoringError(
      "NO_CHANGES",
      newest
        ? `${schemaPath} has no changes since the newest migration, ${newest.name}: nothing to migrate. Edit the schema first.`
        : `${schemaPath} defines nothing to create: nothing to migrate. Add models to the schema first.`,
    );
  }

  const name = `${nextTimestamp(options.now ?? new Date(), newest?.name)}_${snakeName}`;
  const directory = join(migrationsDir, name);
  // Written under a hidden name, then renamed: the migration runner ignores hidden directories,
  // so a server starting meanwhile never sees a half-written migration.
  const staging = join(migrationsDir, `.${name}.${randomBytes(4).toString("hex")}.tmp`);
  mkdirSync(staging, { recursive: true });
  try {
    writeFileSync(join(staging, migrationSqlFile), sql);
    renameSync(staging, directory);
  } catch (error) {
    rmSync(staging, { recursive: true, force: true });
    throw error;
  }
  // After the migration exists: if this write failed, the header check above names the gap.
  const stagedSnapshot = `${snapshotPath}.${randomBytes(4).toString("hex")}.tmp`;
  writeFileSync(stagedSnapshot, snapshotHeader(name) + readFileSync(schemaPath, "utf8"));
  renameSync(stagedSnapshot, snapshotPath);
  writeMigrationLockIfMissing(migrationsDir);
  return { name, directory, sql, snapshotPath };
}

function diffSchemas(from: string[], schemaPath: string): string {
  const prismaScript = join(repoRoot(), "scripts", "prisma.mjs");
  const result = spawnSync(
    process.execPath,
    [prismaScript, "migrate", "diff", ...from, "--to-schema-datamodel", schemaPath, "--script"],
    { cwd: repoRoot(), encoding: "utf8", maxBuffer: 64 * 1024 * 1024 },
  );
  if (result.error || result.status !== 0) {
    const reason =
      result.error?.message ?? (result.stderr.trim() || result.stdout.trim() || `exit code ${String(result.status)}`);
    throw new MigrationAuthoringError("DIFF_FAILED", `prisma migrate diff failed: ${reason}`, { cause: result.error });
  }
  return result.stdout;
}

/** Prisma prints "-- This is an empty migration." when the schemas agree. */
export function isEmptyMigration(sql: string): boolean {
  return sql
    .split("\n")
    .map((line) => line.trim())
    .every((line) => line === "" || line.startsWith("--"));
}

/** Now, or one second after the newest migration if the clock is behind it, so order holds. */
function nextTimestamp(now: Date, newestName: string | undefined): string {
  const candidate = migrationTimestamp(now);
  const newestStamp = newestName?.match(/^(\d{14})_/)?.[1];
  if (newestStamp === undefined || candidate > newestStamp) return candidate;
  const newestDate = new Date(
    Date.UTC(
      Number(newestStamp.slice(0, 4)),
      Number(newestStamp.slice(4, 6)) - 1,
      Number(newestStamp.slice(6, 8)),
      Number(newestStamp.slice(8, 10)),
      Number(newestStamp.slice(10, 12)),
      Number(newestStamp.slice(12, 14)),
    ),
  );
  return migrationTimestamp(new Date(newestDate.getTime() + 1000));
}

// Prisma's CLI (migrate status/deploy) expects this file and checks its provider.
function writeMigrationLockIfMissing(migrationsDir: string): void {
  const lockPath = join(migrationsDir, "migration_lock.toml");
  if (existsSync(lockPath) && readFileSync(lockPath, "utf8").includes("provider")) return;
  writeFileSync(
    lockPath,
    `# Please do not edit this file manually\n# It should be added in your version-control system (e.g., Git)\nprovider = "postgresql"\n`,
  );
}
