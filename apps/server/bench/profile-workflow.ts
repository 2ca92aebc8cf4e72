// In-process profile of the workflow and review requests of `pnpm bench:api` (submitWithChecks,
// approve, reviewScreenCity, hqRollup): the same app and data as bench/serve.ts (the demo
// company, ZENGCHENG's plan filled, every check a WARN), requests sent with Fastify's inject
// (no socket), and for each sample the wall time and this process's CPU time (user + system),
// which another job on the machine disturbs much less than the wall time. Every repository
// call is timed too (wall, summed per "repository.method"), to show where a request's time
// goes. BENCH_DATABASE_URL=postgresql://… runs it on PostgreSQL (a throw-away database).
//
//   node --import tsx apps/server/bench/profile-workflow.ts [samples]   # JSON on stdout
import {
  DEMO_CYCLE_CODE,
  DEMO_PASSWORD,
  DEMO_PLAN_YEAR,
  demoId,
  migrate,
  openDatabase,
  seedDemoCompanyIfEmpty,
  type DataAccess,
  type Repositories,
} from "@pyramid/db";
import { PLAN_CHECK_CODES } from "@pyramid/domain";
import { createApp } from "../src/app.js";
import { loadConfig } from "../src/config.js";
import { fillCountyPlan } from "./county-plan.js";

const SAMPLES = Number(process.argv[2] ?? 7);
const say = (line: string) => process.stderr.write(`[profile] ${line}\n`);

const serverUrl = process.env.BENCH_DATABASE_URL?.trim() || undefined;
let dropDatabase: () => Promise<void> = async () => undefined;
let databaseUrl: string | undefined;
if (serverUrl !== undefined) {
  const name = `pyramid_profile_${Date.now()}_${process.pid}`;
  const onServer = async (statement: string) => {
    const admin = await openDatabase({ databaseUrl: serverUrl, env: {} });
    try {
      await admin.migrationsExecutor.exec(statement);
    } finally {
      await admin.close();
    }
  };
  await onServer(`CREATE DATABASE "${name}"`);
  const own = new URL(serverUrl);
  own.pathname = `/${name}`;
  databaseUrl = own.href;
  dropDatabase = () => onServer(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
}
const config = loadConfig(
  databaseUrl === undefined
    ? { ...process.env, DATABASE_URL: undefined, PGLITE_DATA_DIR: "memory://" }
    : { ...process.env, DATABASE_URL: databaseUrl },
);
const db = await openDatabase(config.database);
await migrate(db);
say("seeding the demo company…");
await seedDemoCompanyIfEmpty(db, { log: () => undefined });
await fillCountyPlan(db.dataAccess, "ZENGCHENG", DEMO_PLAN_YEAR);
const allWarn = JSON.stringify(Object.fromEntries(PLAN_CHECK_CODES.map((code) => [code, { severity: "WARN" }])));
await db.migrationsExecutor.exec(`UPDATE "PlanCycle" SET "checkConfig" = '${allWarn}'::jsonb WHERE code = '${DEMO_CYCLE_CODE}'`);

// Every repository method timed (wall), on the shared repositories and in every transaction.
const spent = new Map<string, { ms: number; calls: number }>();
let recording = false;
// With PROFILE_SERIAL=1 the calls on one set of repositories run one at a time, so that each
// call's time is its own (on PGlite they queue anyway; parallel calls would each count the queue).
const serial = process.env.PROFILE_SERIAL === "1";
function timed(repositories: Repositories): Repositories {
  let queue: Promise<unknown> = Promise.resolve();
  return new Proxy(repositories, {
    get(target, repoName: string) {
      const repo = (target as unknown as Record<string, Record<string, unknown>>)[repoName];
      if (repo === null || typeof repo !== "object") return repo;
      return new Proxy(repo, {
        get(inner, method: string) {
          const fn = inner[method];
          if (typeof fn !== "function") return fn;
          const call = (...args: unknown[]) => {
            const started = performance.now();
            const result = (fn as (...a: unknown[]) => unknown).apply(inner, args);
            const done = () => {
              if (!recording) return;
              const key = `${repoName}.${method}`;
              const entry = spent.get(key) ?? { ms: 0, calls: 0 };
              entry.ms += performance.now() - started;
              entry.calls += 1;
              spent.set(key, entry);
            };
            if (result instanceof Promise) return result.finally(done);
            done();
            return result;
          };
          if (!serial) return call;
          return (...args: unknown[]) => {
            const next = queue.then(
              () => call(...args),
              () => call(...args),
            );
            queue = next.catch(() => undefined);
            return next;
          };
        },
      });
    },
  });
}
const dataAccess: DataAccess = {
  ...db.dataAccess,
  repositories: timed(db.dataAccess.repositories),
  inTransaction: (work, options) => db.dataAccess.inTransaction((tx) => work(timed(tx)), options),
};
const app = createApp({ dataAccess, webDistDir: config.webDistDir, version: "profile", log: console });
await app.ready();

async function post(query: string, variables: Record<string, unknown>, cookie?: string) {
  const response = await app.fastify.inject({
    method: "POST",
    url: "/graphql",
    headers: { "content-type": "application/json", ...(cookie === undefined ? {} : { cookie }) },
    payload: JSON.stringify({ query, variables }),
  });
  const body = response.json() as { data?: Record<string, unknown>; errors?: unknown[] };
  if (body.errors?.length) throw new Error(JSON.stringify(body.errors));
  return { data: body.data!, response };
}
async function signIn(login: string): Promise<string> {
  const { response } = await post(
    "mutation L($login: String!, $password: String!) { login(login: $login, password: $password) { expiresAt } }",
    { login, password: DEMO_PASSWORD },
  );
  const header = response.headers["set-cookie"];
  const line = (Array.isArray(header) ? header : [header ?? ""]).find((l) => l.includes("="));
  return line!.split(";", 1)[0]!;
}

const planner = await signIn("zengcheng.planner");
const reviewer = await signIn("gz.manager");
const admin = await signIn("hq.admin");
const { data } = await post(
  `query F($year: Int!) { plan(unitCode: "ZENGCHENG", year: $year) { id findings { items { code severity } } } }`,
  { year: DEMO_PLAN_YEAR },
  planner,
);
const plan = data["plan"] as { id: string; findings: { items: { code: string; severity: string }[] } };
const acknowledgements = [...new Set(plan.findings.items.filter((i) => i.severity === "WARN").map((i) => i.code))].map(
  (checkCode) => ({ checkCode, reason: "基准测试：已知晓" }),
);
const input = { planId: plan.id };
const FIELDS = "plan { id status version } event { action } version { number }";
const SUBMIT = `mutation S($input: SubmitPlanInput!) { submitPlan(input: $input) { ${FIELDS} } }`;
const WITHDRAW = `mutation W($input: PlanTransitionInput!) { withdrawPlan(input: $input) { ${FIELDS} } }`;
const APPROVE = `mutation A($input: PlanTransitionInput!) { approvePlan(input: $input) { ${FIELDS} } }`;
const REOPEN = `mutation R($input: PlanTransitionWithReasonInput!) { reopenPlan(input: $input) { ${FIELDS} } }`;
const RESUME = `mutation U($input: PlanTransitionInput!) { resumePlan(input: $input) { ${FIELDS} } }`;
const ROW = `unit { id code nameZh level } planId status stale sales salesLastYear salesLastYearEstimated salesGrowth
  profit profitGrowth expenses expenseRatio salesGuidance lastChangeAt`;
const board = (withFindings: boolean) => `query Review($unitCode: String!, $year: Int!, $metricId: ID!) {
  reviewBoard(unitCode: $unitCode, year: $year, basis: LATEST) {
    unit { code } basis
    own { ${ROW} }
    children { ${ROW} ${withFindings ? "findings { block warn }" : ""} }
    reconciliation { metricCode guidance ownItems childrenTotal total gap upliftFactor upliftPercent }
    byChild: rollup(metricId: $metricId, groupBy: CHILD) { total lines { key own children total } }
    byMonth: rollup(metricId: $metricId, groupBy: MONTH) { total lines { key own children total } }
  }
}`;
const metricId = demoId("Metric", "SALES_REVENUE");

interface Sample {
  wallMs: number;
  cpuMs: number;
}
const results: Record<string, { samples: Sample[]; repositories: Record<string, { ms: number; calls: number }> }> = {};
async function measure(name: string, run: () => Promise<void>, before?: () => Promise<void>, after?: () => Promise<void>) {
  const samples: Sample[] = [];
  spent.clear();
  for (let index = 0; index < SAMPLES + 1; index++) {
    await before?.();
    const cpu = process.cpuUsage();
    const started = performance.now();
    recording = index > 0;
    await run();
    recording = false;
    const wallMs = performance.now() - started;
    const used = process.cpuUsage(cpu);
    if (index > 0) samples.push({ wallMs, cpuMs: (used.user + used.system) / 1000 });
    await after?.();
  }
  const repositories = Object.fromEntries(
    [...spent]
      .sort((a, b) => b[1].ms - a[1].ms)
      .map(([key, value]) => [key, { ms: Math.round((value.ms / SAMPLES) * 10) / 10, calls: value.calls / SAMPLES }]),
  );
  results[name] = { samples, repositories };
  const median = (pick: (s: Sample) => number) => [...samples].map(pick).sort((a, b) => a - b)[Math.floor(samples.length / 2)]!;
  say(`${name}: wall median ${median((s) => s.wallMs).toFixed(1)} ms, CPU median ${median((s) => s.cpuMs).toFixed(1)} ms`);
}

// PROFILE_CPU=<file>: a V8 CPU profile of the measured requests only (open it in Chrome's DevTools).
const { Session } = await import("node:inspector/promises");
const inspector = process.env.PROFILE_CPU ? new Session() : null;
if (inspector) {
  inspector.connect();
  await inspector.post("Profiler.enable");
  await inspector.post("Profiler.start");
}
const cases = (process.env.PROFILE_CASES ?? "submit,approve,reviewCity,hqRollup").split(",");
if (cases.includes("submit")) {
  await measure(
    "submitWithChecks",
    async () => void (await post(SUBMIT, { input: { ...input, acknowledgements } }, planner)),
    undefined,
    async () => void (await post(WITHDRAW, { input }, planner)),
  );
}
if (cases.includes("approve")) {
  await measure(
    "approve",
    async () => void (await post(APPROVE, { input }, reviewer)),
    async () => void (await post(SUBMIT, { input: { ...input, acknowledgements } }, planner)),
    async () => {
      await post(REOPEN, { input: { ...input, reason: "基准测试：重新打开" } }, reviewer);
      await post(RESUME, { input }, planner);
    },
  );
}
if (cases.includes("reviewCity")) {
  await measure("reviewScreenCity", async () => {
    await post(board(true), { unitCode: "GZ", year: DEMO_PLAN_YEAR, metricId }, reviewer);
  });
}
if (cases.includes("hqRollup")) {
  await measure("hqRollup", async () => {
    await post(board(false), { unitCode: "HQ", year: DEMO_PLAN_YEAR, metricId }, admin);
  });
}
if (inspector) {
  const { profile } = await inspector.post("Profiler.stop");
  const { writeFileSync } = await import("node:fs");
  writeFileSync(process.env.PROFILE_CPU!, JSON.stringify(profile));
}
if (process.env.PROFILE_DUMP) {
  // The answers, to compare before and after a change.
  const dump = {
    findings: (
      await post(
        `query F($year: Int!) { plan(unitCode: "ZENGCHENG", year: $year) { findings { blockCount warnCount items { code severity messageZh messageEn params { name value } } } } }`,
        { year: DEMO_PLAN_YEAR },
        planner,
      )
    ).data,
    city: (await post(board(true), { unitCode: "GZ", year: DEMO_PLAN_YEAR, metricId }, reviewer)).data,
    hq: (await post(board(false), { unitCode: "HQ", year: DEMO_PLAN_YEAR, metricId }, admin)).data,
  };
  const { writeFileSync } = await import("node:fs");
  writeFileSync(process.env.PROFILE_DUMP, JSON.stringify(dump, null, 1));
}
process.stdout.write(`${JSON.stringify(results)}\n`);
await app.close();
await db.close();
await dropDatabase();
