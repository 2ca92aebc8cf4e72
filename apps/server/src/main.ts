// Start-up: read the configuration, open and migrate the database (and give an
// empty embedded database the demo company), then serve the API and the web
// app on one port. The app itself receives only db.dataAccess (repositories and
// transactions), never the Prisma client. Any failure before listening prints
// why and exits 1, after closing the database (an embedded PGlite left open
// can corrupt its data directory).
import { existsSync } from "node:fs";
import { join } from "node:path";
import {
  DEMO_PASSWORD,
  installShutdownHandlers,
  isEmptyDatabase,
  migrate,
  openDatabase,
  seedDemoCompanyIfEmpty,
  foldPendingSummary,
  type Database,
} from "@pyramid/db";
import { createApp, type App } from "./app.js";
import { ConfigError, loadConfig, type ServerConfig } from "./config.js";
import { startPeriodicTask, type PeriodicTask } from "./periodic-task.js";

/** How often expired sessions and login attempts older than a day are deleted. */
const PURGE_INTERVAL_MS = 15 * 60_000;
/** How often the roll-up's pending deltas are folded into its rows. */
const SUMMARY_FOLD_INTERVAL_MS = 2_000;

function fail(message: string): never {
  console.error(`\nPyramid Planner did not start.\n${message}\n`);
  process.exit(1);
}

function describeError(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function readConfigOrFail(): ServerConfig {
  try {
    return loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) fail(error.message);
    throw error;
  }
}

/** Prints "still <doing> (N s)" every few seconds until stopped: the first start on the
 * embedded database takes seconds to open and tens of seconds to seed, and silence looks hung. */
function startTicker(prefix: string, doing: string, everyMs = 3000): () => void {
  const startedMs = Date.now();
  const timer = setInterval(() => {
    console.log(`${prefix} still ${doing} (${Math.round((Date.now() - startedMs) / 1000)} s)`);
  }, everyMs);
  timer.unref();
  return () => clearInterval(timer);
}

async function failAfterClosing(db: Database, message: string): Promise<never> {
  await db.close().catch((error: unknown) => console.error(`[db] closing failed: ${describeError(error)}`));
  return fail(message);
}

async function main(): Promise<void> {
  const config = readConfigOrFail();

  let db: Database;
  const embedded = config.database.databaseUrl === undefined;
  console.log(
    embedded
      ? `[db] opening the embedded database (PGlite) in ${config.database.dataDir ?? "data/pglite"}…`
      : "[db] connecting to PostgreSQL (DATABASE_URL)…",
  );
  const stopOpeningTicker = startTicker("[db]", "opening the database");
  try {
    db = await openDatabase(config.database);
  } catch (error) {
    return fail(`Could not open the database: ${describeError(error)}`);
  } finally {
    stopOpeningTicker();
  }
  console.log(`[db] opened ${db.describe}`);

  // Handlers from the moment the database is open: Ctrl-C during the migrations or the
  // first-start seed (tens of seconds) must close PGlite too, not kill the process with it
  // open. PGlite's close waits for a running transaction; the steps below then stop.
  let app: App | undefined = undefined; // created once the database is ready
  let summaryFolder: PeriodicTask | undefined = undefined;
  let purge: PeriodicTask | undefined = undefined;
  let stopping = false;
  installShutdownHandlers(db, {
    beforeClose: async () => {
      stopping = true;
      await app?.close();
      await purge?.stop();
      await summaryFolder?.stop();
    },
  });

  try {
    console.log("[db] checking migrations…");
    const report = await migrate(db, { log: (line) => console.log(`[db] ${line}`) });
    console.log(`[db] ${report.alreadyApplied + report.applied.length} migrations applied (${report.applied.length} new)`);
    if (report.notFoundLocally.length > 0) {
      console.warn(`[db] the database has migrations this code does not know: ${report.notFoundLocally.join(", ")}`);
    }
  } catch (error) {
    if (stopping) return; // interrupted: the shutdown handler closes the database and exits
    return failAfterClosing(
      db,
      `The database could not be migrated, so the server refuses to run on it:\n${describeError(error)}`,
    );
  }

  // A first run on the embedded database should show something to plan with. A
  // PostgreSQL server is never seeded behind its owner's back: pnpm db:seed does that.
  if (db.kind === "pglite" && !stopping) {
    let stopSeedTicker = (): void => undefined;
    try {
      const report = await seedDemoCompanyIfEmpty(db, {
        onEmpty: () => {
          console.log("[db] the embedded database is empty: adding the demo company 金樽酒业 (takes a while once)…");
          stopSeedTicker = startTicker("[seed]", "adding the demo company");
        },
        log: (line) => console.log(`[seed] ${line}`),
      });
      stopSeedTicker();
      if (report) {
        console.log(
          `[db] demo company added: ${report.insertedTotal} rows in ${(report.durationMs / 1000).toFixed(1)} s; ` +
            `${report.logins.length} demo logins, password "${DEMO_PASSWORD}" (pnpm db:seed lists them)`,
        );
      }
    } catch (error) {
      stopSeedTicker();
      if (stopping) return;
      return failAfterClosing(db, `Adding the demo company to the empty database failed:\n${describeError(error)}`);
    }
  } else if (!stopping && (await isEmptyDatabase(db).catch(() => false))) {
    console.log("[db] the database is empty: `pnpm db:seed` loads the demo company 金樽酒业 into it");
  }

  if (stopping) return;
  // Moves the roll-up's pending deltas into its rows now and then; reads are exact either way.
  summaryFolder = startPeriodicTask(() => foldPendingSummary(db.dataAccess), {
    intervalMs: SUMMARY_FOLD_INTERVAL_MS,
    onError: (error) => console.error(`[db] folding the target summary failed: ${describeError(error)}`),
  });
  app = createApp({
    dataAccess: db.dataAccess,
    webDistDir: config.webDistDir,
    version: config.version,
    requestLog: { level: config.logLevel },
    cookieSecure: config.cookieSecure,
    production: config.nodeEnv === "production",
    trustProxy: config.trustProxy,
    importMaxBytes: config.importMaxBytes,
  });

  try {
    const { url } = await app.listen(config.port, config.host);
    if (!existsSync(join(config.webDistDir, "index.html"))) {
      console.warn(`[web] no built web app in ${config.webDistDir}; run: pnpm --filter @pyramid/web build`);
    }
    console.log(`Pyramid Planner is running at ${url} (GraphQL API: ${url}/graphql)`);
    // The sessions and login-attempts tables otherwise only grow. (Not after a shutdown began
    // during listen: it stops the tasks it knows of, then closes the database.)
    const { auth } = app.services;
    if (!stopping)
      purge = startPeriodicTask(() => auth.purgeExpired(), {
        intervalMs: PURGE_INTERVAL_MS,
        onError: (error) =>
          console.error(`[auth] purging expired sessions and old login attempts failed: ${describeError(error)}`),
      });
  } catch (error) {
    if (stopping) return;
    await app.close().catch(() => undefined);
    return failAfterClosing(db, `Could not listen on ${config.host}:${config.port}: ${describeError(error)}`);
  }
}

await main();
