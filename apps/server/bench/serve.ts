// The servers under load for `pnpm bench:api`, in their own process so the load
// tool does not share their event loop: the real app on the embedded database
// with the demo company (in memory, so nothing on disk is touched), and a bare
// Fastify answering a constant, the framework's own floor on this machine.
// With BENCH_DATABASE_URL=postgresql://… the app runs on PostgreSQL instead: a
// throw-away database created on that server for the run (the URL's own database
// is only used to create and drop it). Prints one line of JSON ({ appUrl, bareUrl,
// database }) on stdout when both listen; progress goes to stderr. SIGTERM closes
// both and the database (and drops the throw-away one).
import { randomUUID } from "node:crypto";
import type { AddressInfo } from "node:net";
import {
  DEMO_CYCLE_CODE,
  DEMO_PLAN_YEAR,
  foldPendingSummary,
  installShutdownHandlers,
  migrate,
  openDatabase,
  seedDemoCompanyIfEmpty,
} from "@pyramid/db";
import { PLAN_CHECK_CODES } from "@pyramid/domain";
import Fastify from "fastify";
import { createApp } from "../src/app.js";
import { loadConfig } from "../src/config.js";
import { startPeriodicTask } from "../src/periodic-task.js";
import { fillCountyPlan } from "./county-plan.js";

/** The county whose full plan `countyPlanLoad` reads (a large one: 9 terminals, 4 distributors). */
const BENCH_COUNTY = "ZENGCHENG";

const say = (line: string) => process.stderr.write(`[bench:serve] ${line}\n`);

const serverUrl = process.env.BENCH_DATABASE_URL?.trim() || undefined;
const benchDatabase = serverUrl === undefined ? undefined : await createBenchDatabase(serverUrl);
const config = loadConfig(
  benchDatabase === undefined
    ? { ...process.env, DATABASE_URL: undefined, PGLITE_DATA_DIR: "memory://" }
    : { ...process.env, DATABASE_URL: benchDatabase.url },
);
say(benchDatabase === undefined ? "opening an in-memory embedded database…" : `opening ${benchDatabase.name} on PostgreSQL…`);
const db = await openDatabase(config.database);
try {
  await migrate(db);
  say("adding the demo company (tens of seconds)…");
  const seed = await seedDemoCompanyIfEmpty(db, { log: (line) => say(line) });
  say(`demo company added: ${seed?.insertedTotal ?? 0} rows`);
  const filled = await fillCountyPlan(db.dataAccess, BENCH_COUNTY, DEMO_PLAN_YEAR);
  say(`${BENCH_COUNTY}'s ${DEMO_PLAN_YEAR} plan filled: ${filled} target cells`);
  // submitWithChecks and approve move the bench county's plan through the workflow: every
  // check still runs on every submit and approval, but as a WARN (the submit acknowledges
  // each), so that the demo plan's BLOCK findings (empty required sections …) do not stop it.
  const allWarn = JSON.stringify(Object.fromEntries(PLAN_CHECK_CODES.map((code) => [code, { severity: "WARN" }])));
  await db.migrationsExecutor.exec(
    `UPDATE "PlanCycle" SET "checkConfig" = '${allWarn}'::jsonb WHERE code = '${DEMO_CYCLE_CODE}'`,
  );
} catch (error) {
  // Leave no throw-away database behind when the set-up fails.
  await db.close();
  await benchDatabase?.drop();
  throw error;
}

// As main.ts does: the roll-up's pending deltas are folded in the background while saves come in.
const summaryFolder = startPeriodicTask(() => foldPendingSummary(db.dataAccess), {
  intervalMs: 2_000,
  onError: (error) => say(`folding the target summary failed: ${String(error)}`),
});
const app = createApp({ dataAccess: db.dataAccess, webDistDir: config.webDistDir, version: config.version, log: console });
const { url: appUrl } = await app.listen(0, "127.0.0.1");

// As close to the app's request as the framework allows: POST JSON in, JSON out, a request id.
const bare = Fastify({ logger: false, genReqId: () => randomUUID() });
bare.post("/graphql", async () => ({ data: { health: { status: "OK" } } }));
await bare.listen({ port: 0, host: "127.0.0.1" });
const bareUrl = `http://127.0.0.1:${(bare.server.address() as AddressInfo).port}`;

installShutdownHandlers(
  {
    describe: db.describe,
    async close() {
      await db.close();
      await benchDatabase?.drop();
    },
  },
  {
    beforeClose: async () => {
      await bare.close();
      await app.close();
      await summaryFolder.stop();
    },
  },
);
process.stdout.write(`${JSON.stringify({ appUrl, bareUrl, database: db.kind })}\n`);

/** A database of its own on the PostgreSQL server, so that every run starts from the same demo company. */
async function createBenchDatabase(url: string): Promise<{ name: string; url: string; drop: () => Promise<void> }> {
  const name = `pyramid_bench_${Date.now()}_${process.pid}`;
  const onServer = async (statement: string) => {
    const admin = await openDatabase({ databaseUrl: url, env: {} });
    try {
      await admin.migrationsExecutor.exec(statement);
    } finally {
      await admin.close();
    }
  };
  await onServer(`CREATE DATABASE "${name}"`);
  const own = new URL(url);
  own.pathname = `/${name}`;
  return { name, url: own.href, drop: () => onServer(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`) };
}
