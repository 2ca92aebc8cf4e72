/** Why a database could not be opened. Each code has one cause and one remedy. */
export const databaseOpenErrorCodes = [
  "BAD_URL",
  "CONNECTION_REFUSED",
  "AUTH_FAILED",
  "DATABASE_MISSING",
  "DATA_DIR_LOCKED",
  "DATA_DIR_CORRUPT",
  /** The data directory's path is not a directory, or this user may not write there. */
  "DATA_DIR_UNUSABLE",
  "UNKNOWN",
] as const;
export type DatabaseOpenErrorCode = (typeof databaseOpenErrorCodes)[number];

/** Thrown by openDatabase. The message names the problem and what to do about it. */
export class DatabaseOpenError extends Error {
  override readonly name = "DatabaseOpenError";
  readonly code: DatabaseOpenErrorCode;

  constructor(code: DatabaseOpenErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
  }
}

export const migrationErrorCodes = [
  /** A migration directory is unusable (no migration.sql, unreadable). */
  "BAD_MIGRATIONS_DIR",
  /** An applied migration's file was edited afterwards. */
  "CHECKSUM_MISMATCH",
  /** The database records a migration that started but never finished (e.g. by the Prisma CLI). */
  "PREVIOUSLY_FAILED",
  /** A migration's SQL failed; it was rolled back. */
  "MIGRATION_FAILED",
  /** Another process held the migration lock for too long. */
  "LOCK_TIMEOUT",
] as const;
export type MigrationErrorCode = (typeof migrationErrorCodes)[number];

/** Thrown by migrate. `migrationName` names the migration at fault, when there is one. */
export class MigrationError extends Error {
  override readonly name = "MigrationError";
  readonly code: MigrationErrorCode;
  readonly migrationName: string | undefined;

  constructor(code: MigrationErrorCode, message: string, options?: { migrationName?: string; cause?: unknown }) {
    super(message, { cause: options?.cause });
    this.code = code;
    this.migrationName = options?.migrationName;
  }
}

/** Thrown by createMigration (pnpm db:migration:new). */
export class MigrationAuthoringError extends Error {
  override readonly name = "MigrationAuthoringError";
  readonly code: "BAD_NAME" | "NO_CHANGES" | "DIFF_FAILED";

  constructor(code: MigrationAuthoringError["code"], message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
  }
}

/** What a refused write ran into, whichever driver reported it. */
export type WriteConflict = "UNIQUE_VIOLATION" | "FOREIGN_KEY_VIOLATION" | "CHECK_VIOLATION";

const conflictBySqlState: Readonly<Record<string, WriteConflict>> = {
  "23505": "UNIQUE_VIOLATION",
  "23503": "FOREIGN_KEY_VIOLATION",
  "23001": "FOREIGN_KEY_VIOLATION", // restrict_violation
  "23514": "CHECK_VIOLATION",
};

const conflictByPrismaCode: Readonly<Record<string, WriteConflict>> = {
  P2002: "UNIQUE_VIOLATION",
  P2003: "FOREIGN_KEY_VIOLATION",
  P2014: "FOREIGN_KEY_VIOLATION",
};

/**
 * Classifies a failed write. Prisma maps PostgreSQL's errors to its own codes
 * (P2002 …) for @prisma/adapter-pg, but the PGlite adapter passes them through
 * as a DriverAdapterError whose cause carries the SQLSTATE; services should
 * not care which database they run on.
 */
export function writeConflictOf(error: unknown): WriteConflict | null {
  if (typeof error !== "object" || error === null) return null;
  const { code, cause } = error as { code?: unknown; cause?: unknown };
  if (typeof code === "string") {
    const conflict = conflictByPrismaCode[code] ?? conflictBySqlState[code];
    if (conflict) return conflict;
  }
  if (typeof cause === "object" && cause !== null) {
    const { code: causeCode, originalCode } = cause as { code?: unknown; originalCode?: unknown };
    for (const candidate of [causeCode, originalCode]) {
      if (typeof candidate === "string" && conflictBySqlState[candidate]) return conflictBySqlState[candidate];
    }
  }
  return null;
}
