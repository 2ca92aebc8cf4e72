// The servers under load for `pnpm bench:api`, in their own process so the load
// tool does not share their event loop: the real app on the embedded database
// with the demo company (in memory, so nothing on disk is touched), and a bare
// Fastify answering a constant, the framework's own floor on this machine.
// Prints one line of JSON ({ appUrl, bareUrl }) on stdout when both listen;
// progress goes to stderr. SIGTERM closes both and the database.
import { randomUUID } from "node:crypto";
import type { AddressInfo } from "node:net";
import { DEMO_PLAN_YEAR, installShutdownHandlers, migrate, openDatabase, seedDemoCompanyIfEmpty } from "@pyramid/db";
import Fastify from "fastify";
import { createApp } from "../src/app.js";
import { loadConfig } from "../src/config.js";
import { fillCountyPlan } from "./county-plan.js";

/** The county whose full plan `countyPlanLoad` reads (a large one: 9 terminals, 4 distributors). */
const BENCH_COUNTY = "ZENGCHENG";

const say = (line: string) => process.stderr.write(`[bench:serve] ${line}\n`);

const config = loadConfig({ ...process.env, DATABASE_URL: undefined, PGLITE_DATA_DIR: "memory://" });
say("opening an in-memory embedded database…");
const db = await openDatabase(config.database);
await migrate(db);
say("adding the demo company (tens of seconds)…");
const seed = await seedDemoCompanyIfEmpty(db, { log: (line) => say(line) });
say(`demo company added: ${seed?.insertedTotal ?? 0} rows`);
const filled = await fillCountyPlan(db.dataAccess, BENCH_COUNTY, DEMO_PLAN_YEAR);
say(`${BENCH_COUNTY}'s ${DEMO_PLAN_YEAR} plan filled: ${filled} target cells`);

const app = createApp({ dataAccess: db.dataAccess, webDistDir: config.webDistDir, version: config.version, log: console });
const { url: appUrl } = await app.listen(0, "127.0.0.1");

// As close to the app's request as the framework allows: POST JSON in, JSON out, a request id.
const bare = Fastify({ logger: false, genReqId: () => randomUUID() });
bare.post("/graphql", async () => ({ data: { health: { status: "OK" } } }));
await bare.listen({ port: 0, host: "127.0.0.1" });
const bareUrl = `http://127.0.0.1:${(bare.server.address() as AddressInfo).port}`;

installShutdownHandlers(db, {
  beforeClose: async () => {
    await bare.close();
    await app.close();
  },
});
process.stdout.write(`${JSON.stringify({ appUrl, bareUrl })}\n`);
