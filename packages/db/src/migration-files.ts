import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { MigrationError } from "./errors.js";

/** One prisma/migrations/<timestamp>_<name>/ directory. */
export interface MigrationFile {
  /** The directory name, e.g. 20250101120000_init; recorded as migration_name. */
  readonly name: string;
  readonly sqlPath: string;
  readonly sql: string;
  /** sha256 hex of migration.sql's bytes, as Prisma records it. */
  readonly checksum: string;
  readonly bytes: Buffer;
}

export const migrationSqlFile = "migration.sql";
/**
 * The schema as of the newest migration, kept once beside the migration directories (not in
 * each of them): the next `db:migration:new` diffs the current schema against it. Only
 * migration.sql is checksummed and applied; this file plays no part in migrating a database.
 */
export const schemaSnapshotFile = "schema.snapshot.prisma";

// Statements that would end our per-migration transaction half-way. (A PL/pgSQL `BEGIN` in a
// function body is not followed by a semicolon, so it does not match.)
const transactionControl = /^\s*(BEGIN|START\s+TRANSACTION|COMMIT|ROLLBACK)\s*;/im;

/**
 * The migrations in `migrationsDir`, oldest first (by directory name, as Prisma orders them).
 * A missing directory means no migrations yet. Files beside the directories (migration_lock.toml)
 * and hidden directories (half-written ones from `db:migration:new`) are ignored.
 */
export function readMigrations(migrationsDir: string): MigrationFile[] {
  if (!existsSync(migrationsDir)) return [];
  const names = readdirSync(migrationsDir)
    .filter((entry) => !entry.startsWith(".") && statSync(join(migrationsDir, entry)).isDirectory())
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));

  return names.map((name) => {
    const sqlPath = join(migrationsDir, name, migrationSqlFile);
    if (!existsSync(sqlPath)) {
      throw new MigrationError(
        "BAD_MIGRATIONS_DIR",
        `Migration ${name} has no ${migrationSqlFile} (expected ${sqlPath}). Remove the directory or restore the file.`,
        { migrationName: name },
      );
    }
    const bytes = readFileSync(sqlPath);
    const sql = bytes.toString("utf8");
    const control = transactionControl.exec(sql);
    if (control) {
      throw new MigrationError(
        "BAD_MIGRATIONS_DIR",
        `Migration ${name} contains "${control[0].trim()}". Each migration already runs in its own transaction; ` +
          `remove the transaction statements from ${sqlPath}.`,
        { migrationName: name },
      );
    }
    return { name, sqlPath, sql, bytes, checksum: checksumOf(bytes) };
  });
}

export function checksumOf(bytes: Buffer | string): string {
  return createHash("sha256").update(bytes).digest("hex");
}

/**
 * Whether a file still matches the checksum recorded when it was applied. Like Prisma, a
 * checksum taken with the other line-ending convention also matches, because git may
 * convert line endings on checkout.
 */
export function checksumMatches(bytes: Buffer, recorded: string): boolean {
  if (checksumOf(bytes) === recorded) return true;
  const text = bytes.toString("utf8");
  const unix = text.replace(/\r\n/g, "\n");
  return checksumOf(unix) === recorded || checksumOf(unix.replace(/\n/g, "\r\n")) === recorded;
}
