// pnpm db:migrate — applies pending migrations to the configured database
// (DATABASE_URL, or the embedded PGlite in PGLITE_DATA_DIR / data/pglite).
import { relative } from "node:path";
import { readDatabaseEnvironment } from "../config.js";
import { openDatabase, type Database } from "../open-database.js";
import { migrate } from "../migrate.js";
import { repoRoot } from "../repo-root.js";
import { installShutdownHandlers } from "../shutdown.js";

async function main(): Promise<number> {
  let db: Database | undefined;
  try {
    db = await openDatabase(readDatabaseEnvironment(process.env));
    // Ctrl-C mid-migration: the open transaction is rolled back and PGlite closed cleanly.
    installShutdownHandlers(db);
    console.log(`Migrating ${db.describe}`);
    const report = await migrate(db, { log: (line) => console.log(`  ${line}`) });
    const where = relative(repoRoot(), report.migrationsDir) || report.migrationsDir;
    console.log(
      report.applied.length === 0
        ? `Up to date: ${report.alreadyApplied} migration(s) from ${where} already applied.`
        : `Applied ${report.applied.length} migration(s); ${report.alreadyApplied} were already applied.`,
    );
    if (report.notFoundLocally.length > 0) {
      console.warn(
        `Warning: the database has migrations that ${where} does not: ${report.notFoundLocally.join(", ")}. ` +
          `This code may be older than the database.`,
      );
    }
    return 0;
  } catch (error) {
    console.error(`Migration failed: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  } finally {
    await db?.close();
  }
}

process.exitCode = await main();
