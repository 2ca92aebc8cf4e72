// The data layer's public API. packages/db is the only package that touches Prisma.
export { openDatabase, type Database, type OpenDatabaseOptions } from "./open-database.js";
export {
  inMemoryDataDir,
  readDatabaseEnvironment,
  DATABASE_ENVIRONMENT_VARIABLES,
  type DatabaseSettings,
  type PrismaLogLevel,
} from "./config.js";
export { migrate, type MigrateOptions, type MigrationReport } from "./migrate.js";
export { createMigration, type CreateMigrationOptions, type CreatedMigration } from "./migration-authoring.js";
export { installShutdownHandlers, type ShutdownOptions } from "./shutdown.js";
export type { MigrationsExecutor, SqlRunner } from "./sql-executor.js";
export {
  DatabaseOpenError,
  MigrationError,
  MigrationAuthoringError,
  databaseOpenErrorCodes,
  migrationErrorCodes,
  type DatabaseOpenErrorCode,
  type MigrationErrorCode,
  writeConflictOf,
  type WriteConflict,
} from "./errors.js";
export { repoRoot, resolveFromRepoRoot, defaultMigrationsDir, defaultDataDir, defaultSchemaPath } from "./repo-root.js";
export type { PrismaClient } from "../generated/client/index.js";
export * from "./repositories/index.js";
export { seedDemoCompanyIfEmpty, isEmptyDatabase, type FirstStartOptions, type FirstStartSeed } from "./first-start.js";
export {
  hashPassword,
  verifyPassword,
  passwordNeedsRehash,
  DEFAULT_SCRYPT_COST,
  type ScryptCost,
  type HashPasswordOptions,
} from "./password.js";
export * from "./seed/index.js";
export { newSessionToken, hashSessionToken, type NewSessionToken } from "./session-token.js";
