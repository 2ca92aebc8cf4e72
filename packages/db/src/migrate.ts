import { randomUUID } from "node:crypto";
import { relative } from "node:path";
import { MigrationError } from "./errors.js";
import { checksumMatches, readMigrations, type MigrationFile } from "./migration-files.js";
import type { Database } from "./open-database.js";
import { defaultMigrationsDir, repoRoot } from "./repo-root.js";
import type { MigrationsExecutor, SqlRunner } from "./sql-executor.js";

export interface MigrateOptions {
  /** Default: prisma/migrations in the repository. */
  migrationsDir?: string;
  /** Progress lines ("applying …"); default: silent. */
  log?: (line: string) => void;
  /** How long to wait for another process that is migrating the same database. Default 60 s. */
  lockTimeoutMs?: number;
}

export interface MigrationReport {
  readonly migrationsDir: string;
  /** Names of the migrations applied by this run, in order. */
  readonly applied: string[];
  /** How many of the migrations in migrationsDir were already applied before this run. */
  readonly alreadyApplied: number;
  /**
   * Migrations recorded in the database but absent from migrationsDir: the database is newer
   * than this code (or a migration directory was renamed). Not fatal; worth a warning.
   */
  readonly notFoundLocally: string[];
}

/** Prisma's own lock key (prisma migrate uses pg_advisory_lock(72707369)), so our runner and
 * the Prisma CLI never migrate the same database at the same time. */
export const migrationAdvisoryLockKey = 72707369;

/** The table exactly as Prisma's schema engine creates it on PostgreSQL. */
export const createMigrationsTableSql = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id"                    VARCHAR(36) PRIMARY KEY NOT NULL,
    "checksum"              VARCHAR(64) NOT NULL,
    "finished_at"           TIMESTAMPTZ,
    "migration_name"        VARCHAR(255) NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        TIMESTAMPTZ,
    "started_at"            TIMESTAMPTZ NOT NULL DEFAULT now(),
    "applied_steps_count"   INTEGER NOT NULL DEFAULT 0
)`;

interface MigrationRow extends Record<string, unknown> {
  migration_name: string;
  checksum: string;
  finished_at: Date | null;
  rolled_back_at: Date | null;
}

/**
 * Applies the pending migrations, oldest first, each in its own transaction, recording each
 * in `_prisma_migrations` as Prisma would. Refuses (MigrationError) an applied migration whose
 * file changed, and stops at the first failing migration, which leaves nothing behind.
 */
export async function migrate(db: Pick<Database, "migrationsExecutor">, options: MigrateOptions = {}): Promise<MigrationReport> {
  const migrationsDir = options.migrationsDir ?? defaultMigrationsDir();
  const log = options.log ?? (() => undefined);
  const files = readMigrations(migrationsDir);

  return db.migrationsExecutor.session(async (session) => {
    await acquireMigrationLock(session, options.lockTimeoutMs ?? 60_000);
    try {
      await session.exec(createMigrationsTableSql);
      const rows = await session.query<MigrationRow>(
        `SELECT "migration_name", "checksum", "finished_at", "rolled_back_at" FROM "_prisma_migrations" ORDER BY "started_at"`,
      );
      const { applied, notFoundLocally } = checkHistory(files, rows, migrationsDir);
      const pending = files.filter((file) => !applied.has(file.name));

      for (const file of pending) {
        log(`applying ${file.name}`);
        const startedMs = Date.now();
        await applyMigration(session, file);
        log(`applied ${file.name} in ${Date.now() - startedMs} ms`);
      }
      return { migrationsDir, applied: pending.map((file) => file.name), alreadyApplied: applied.size, notFoundLocally };
    } finally {
      await session.query("SELECT pg_advisory_unlock($1)", [migrationAdvisoryLockKey]);
    }
  });
}

async function acquireMigrationLock(session: SqlRunner, timeoutMs: number): Promise<void> {
  // pg_try_advisory_lock in a loop rather than pg_advisory_lock: a wait we can bound and explain.
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const [row] = await session.query<{ locked: boolean }>("SELECT pg_try_advisory_lock($1) AS locked", [
      migrationAdvisoryLockKey,
    ]);
    if (row?.locked) return;
    if (Date.now() >= deadline) {
      throw new MigrationError(
        "LOCK_TIMEOUT",
        `Another process has been migrating this database for over ${Math.round(timeoutMs / 1000)} s ` +
          `(it holds advisory lock ${migrationAdvisoryLockKey}). Wait for it to finish, or find it in pg_locks and stop it.`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

function checkHistory(files: MigrationFile[], rows: MigrationRow[], migrationsDir: string) {
  const filesByName = new Map(files.map((file) => [file.name, file]));
  const applied = new Set<string>();
  const notFoundLocally: string[] = [];

  for (const row of rows) {
    // A rolled-back attempt (prisma migrate resolve --rolled-back) is history, not state.
    if (row.rolled_back_at !== null) continue;
    if (row.finished_at === null) {
      throw new MigrationError(
        "PREVIOUSLY_FAILED",
        `Migration ${row.migration_name} was started on this database but never finished (a failed run of the Prisma CLI?). ` +
          `Repair the database by hand, then mark it with \`prisma migrate resolve --rolled-back ${row.migration_name}\` ` +
          `(or --applied), or start from a fresh database.`,
        { migrationName: row.migration_name },
      );
    }
    const file = filesByName.get(row.migration_name);
    if (!file) {
      if (!notFoundLocally.includes(row.migration_name)) notFoundLocally.push(row.migration_name);
      continue;
    }
    if (!checksumMatches(file.bytes, row.checksum)) {
      throw new MigrationError(
        "CHECKSUM_MISMATCH",
        `Migration ${row.migration_name} was edited after it was applied to this database ` +
          `(${relative(repoRoot(), file.sqlPath) || file.sqlPath} no longer matches checksum ${row.checksum}). ` +
          `Applied migrations must not change: restore the file (git checkout -- ${relative(repoRoot(), migrationsDir)}) ` +
          `and put the change in a new migration (pnpm db:migration:new <name>).`,
        { migrationName: row.migration_name },
      );
    }
    applied.add(row.migration_name);
  }
  return { applied, notFoundLocally };
}

async function applyMigration(session: MigrationsExecutor, file: MigrationFile): Promise<void> {
  const startedAt = new Date();
  try {
    await session.transaction(async (tx) => {
      await tx.exec(file.sql);
      // Recorded in the same transaction: the row exists if and only if the migration does.
      await tx.query(
        `INSERT INTO "_prisma_migrations"
           ("id", "checksum", "finished_at", "migration_name", "logs", "rolled_back_at", "started_at", "applied_steps_count")
         VALUES ($1, $2, clock_timestamp(), $3, NULL, NULL, $4, 1)`,
        [randomUUID(), file.checksum, file.name, startedAt],
      );
    });
  } catch (error) {
    throw new MigrationError(
      "MIGRATION_FAILED",
      `Migration ${file.name} failed and was rolled back (none of it was applied): ${describeSqlError(error, file.sql)}. ` +
        `Fix ${file.sqlPath} (it was never applied, so it may still be edited) and run the migrations again.`,
      { migrationName: file.name, cause: error },
    );
  }
}

/** "ERROR 42703: column "x" does not exist (line 12: ALTER TABLE …)" from a pg or PGlite error. */
export function describeSqlError(error: unknown, sql: string): string {
  if (!(error instanceof Error)) return String(error);
  const details = error as Error & { code?: unknown; position?: unknown; detail?: unknown; hint?: unknown };
  let text = typeof details.code === "string" ? `ERROR ${details.code}: ${error.message}` : error.message;
  const position = Number(details.position);
  if (Number.isInteger(position) && position > 0) {
    const before = sql.slice(0, position - 1);
    const lineNumber = before.split("\n").length;
    const lineText = sql.split("\n")[lineNumber - 1]?.trim() ?? "";
    text += ` (line ${lineNumber}: ${lineText.length > 120 ? `${lineText.slice(0, 117)}...` : lineText})`;
  }
  if (typeof details.detail === "string" && details.detail) text += `; detail: ${details.detail}`;
  if (typeof details.hint === "string" && details.hint) text += `; hint: ${details.hint}`;
  return text;
}
