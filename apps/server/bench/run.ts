// HTTP benchmark (not a test): `pnpm bench:api`, or `pnpm --silent bench:api --json`
// for one JSON object on stdout and nothing else (progress goes to stderr).
//
// Starts bench/serve.ts in a child process (the real app on the demo company in
// an in-memory embedded database, or on a throw-away PostgreSQL database with
// BENCH_DATABASE_URL=postgresql://…, and a bare Fastify), then loads each case with
// autocannon on loopback for BENCH_SECONDS (default 5) with BENCH_CONNECTIONS
// (default 10), one case at a time, after a 1 s warm-up. The cases that measure
// what one user waits (login, me, orgTreeHq, batchSave500) send BENCH_LATENCY_SAMPLES (40)
// requests on BENCH_LATENCY_CONNECTIONS (1) after two warm-up requests instead.
// Each case reports requests per second and latency percentiles (p50, p95, p99,
// in ms); a case with any error, non-2xx answer or GraphQL error in a body fails
// the run instead of reporting a figure. countyPlanLoad reads a demo county's whole plan
// (every cell with its history, estimate and totals) in one request. reviewScreenCity and hqRollup
// read a parent's review screen (reviewBoard: children side by side, roll-up, gap to guidance).
//
// A new case is a few lines in CASES: a name, the server, and the request. A case
// that needs a session (me, orgTreeHq) signs in once in `prepare` and returns the
// request with the cookie. A case whose every request must differ (batchSave500: each
// save names the versions the previous one returned) gives its request a `sequence`. A case
// that is not one request repeated (cityBlockSplitApply: a preview, then the apply of what
// it showed) runs its own samples in `custom` and returns its figures.
import { spawn } from "node:child_process";
import { cpus } from "node:os";
import { dirname, join } from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { buildDemoDataset, DEMO_CYCLE_CODE, DEMO_PASSWORD, DEMO_PLAN_YEAR, demoId } from "@pyramid/db";
import autocannon from "autocannon";

const JSON_MODE = process.argv.includes("--json");
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 10);
/** For the cases measured for the time one user waits (login, me, orgTreeHq): the embedded
 * database runs one query at a time, so 10 connections would measure the queue instead. */
const LATENCY_CONNECTIONS = Number(process.env.BENCH_LATENCY_CONNECTIONS ?? 1);
/** Requests per latency case: a p95 needs a sample, and orgTreeHq takes seconds per request when the machine is busy. */
const LATENCY_SAMPLES = Number(process.env.BENCH_LATENCY_SAMPLES ?? 40);
/** BENCH_CASES=batchSave500,me runs only those cases (default: all). */
const ONLY = process.env.BENCH_CASES?.trim() ? new Set(process.env.BENCH_CASES.split(",").map((name) => name.trim())) : null;
const WARM_UP_SECONDS = 1;
const WARM_UP_SAMPLES = 2;

/** How long to load a case: for a duration, or for a number of requests. */
type Length = { readonly seconds: number } | { readonly requests: number };
const progress = (line: string) => process.stderr.write(`[bench:api] ${line}\n`);
const report = (line: string) => (JSON_MODE ? process.stderr.write(`${line}\n`) : process.stdout.write(`${line}\n`));

interface Servers {
  readonly appUrl: string;
  readonly bareUrl: string;
  /** Where the app's data lives: "pglite" (in memory) or "postgres" (BENCH_DATABASE_URL). */
  readonly database: "pglite" | "postgres";
}

interface RequestSpec {
  readonly method: "GET" | "POST";
  readonly path: string;
  readonly headers?: Record<string, string>;
  readonly body?: string;
  /**
   * For a request that must change every time: `next()` gives each request's body (instead
   * of `body`), `answered` learns from each answer, in order (one connection), and an answer
   * `accepts` refuses fails the run like a GraphQL error.
   */
  readonly sequence?: {
    next(): string;
    answered(body: string): void;
    accepts(body: string): boolean;
  };
}

interface BenchCase {
  /** The key in the JSON output. */
  readonly name: string;
  readonly server: keyof Servers;
  /** "throughput": BENCH_CONNECTIONS at once; "latency": BENCH_LATENCY_CONNECTIONS (one user after another). */
  readonly measure: "throughput" | "latency";
  /** The request to repeat; may sign in first and carry the session cookie. */
  readonly prepare?: (servers: Servers) => Promise<RequestSpec> | RequestSpec;
  /** Instead of `prepare`: runs `warmUp` then `samples` samples of its own, one after another, and returns the figures. */
  readonly custom?: (url: string, counts: { readonly warmUp: number; readonly samples: number }) => Promise<Figures>;
}

interface Figures {
  readonly rps: number;
  readonly p50Ms: number;
  readonly p95Ms: number;
  readonly p99Ms: number;
  readonly requests: number;
  readonly connections: number;
  /** cityBlockSplitApply: its two requests on their own. */
  readonly previewP95Ms?: number;
  readonly applyP95Ms?: number;
}

/** A GraphQL POST as the web client sends it (JSON, so CSRF prevention lets it through). */
function graphqlPost(query: string, variables?: Record<string, unknown>, headers: Record<string, string> = {}): RequestSpec {
  return {
    method: "POST",
    path: "/graphql",
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify(variables === undefined ? { query } : { query, variables }),
  };
}

const DEMO_ADMIN = { login: "hq.admin", password: DEMO_PASSWORD };
/** The planner of the county bench/serve.ts fills (BENCH_COUNTY). */
const COUNTY_PLANNER = { login: "zengcheng.planner", password: DEMO_PASSWORD };
/** The planner whose batches batchSave500 times (从化: a plan of its own, apart from the bench county). */
const SAVE_PLANNER = { login: "conghua.planner", password: DEMO_PASSWORD };
/** 广州's city manager (PLANNER and REVIEWER at the city), who splits the city's own plan (GZ) in cityBlockSplitApply. */
const CITY_PLANNER = { login: "gz.manager", password: DEMO_PASSWORD };
const LOGIN =
  "mutation Login($login: String!, $password: String!) { login(login: $login, password: $password) { expiresAt me { id login displayName locale roleAssignments { role } } } }";
const ME = "{ me { id login displayName locale roleAssignments { role orgUnit { id nameZh } } } }";
const ORG_TREE = `query OrgTree($c: ID!) {
  orgTree(cycleId: $c) {
    totalCount nextCursor
    nodes { id code nameZh nameEn level parentId depth isActive plan { status version } dueOn overdue
            children { total submitted approved } figures { salesTarget salesLastYear expenseTotal } }
  }
}`;

// The review screen of a parent: its row and its children's side by side (figures, Y-1 and
// growth, expenses, guidance, last change), the reconciliation against guidance, and the
// roll-up by child and by month; for a city also each county's findings (the checks run per plan).
const REVIEW_ROW = `unit { id code nameZh level } planId status stale sales salesLastYear salesLastYearEstimated salesGrowth
  profit profitGrowth expenses expenseRatio salesGuidance lastChangeAt`;
const reviewBoardQuery = (withFindings: boolean) => `query Review($unitCode: String!, $year: Int!, $metricId: ID!) {
  reviewBoard(unitCode: $unitCode, year: $year, basis: LATEST) {
    unit { code } basis
    own { ${REVIEW_ROW} }
    children { ${REVIEW_ROW} ${withFindings ? "findings { block warn }" : ""} }
    reconciliation { metricCode guidance ownItems childrenTotal total gap upliftFactor upliftPercent }
    byChild: rollup(metricId: $metricId, groupBy: CHILD) { total lines { key own children total } }
    byMonth: rollup(metricId: $metricId, groupBy: MONTH) { total lines { key own children total } }
  }
}`;

// A county's whole workbench in one request: the header, the catalogue, and every metric's
// grid with every cell (breakdowns included) and the history, estimate and totals beside them.
const PERIOD_FIELDS = "kind index base stretch lastYear { value estimated } yearBefore growth band";
const COUNTY_PLAN = `query CountyPlan($year: Int!) {
  plan(unitCode: "ZENGCHENG", year: $year) {
    id status version editable readOnlyReason estimateMethod growthBand { min max }
    unit { id code nameZh ancestors { code } }
    catalogue {
      metrics { id code nameZh nameEn unit scale aggregation }
      productLines { id code nameZh specs { id code nameZh } }
      channels { id code nameZh kind }
      terminals { id code name classCode isCore }
      distributors { id code name level }
      townships { id code nameZh }
    }
    targetGrids(expandPresent: [TERMINAL, DISTRIBUTOR, TOWNSHIP]) {
      metric { id code }
      estimate { method actualThroughMonth estimatedMonths }
      rows {
        key kind axis productSpecId memberId
        months {
          month growth band lastYear { value estimated } yearBefore
          cell { id dimensionKey baseValue stretchValue isHeld version updatedAt }
        }
        periods { ${PERIOD_FIELDS} }
        estimateMethodUsed
        allocations { axis balanced months { month allocated remaining } }
      }
      totals { scope productLineId periods { ${PERIOD_FIELDS} } }
    }
  }
}`;

const SAVE_CELLS = `mutation Save($planId: ID!, $changes: [TargetCellChangeInput!]!) {
  saveTargetCells(planId: $planId, changes: $changes) {
    __typename
    ... on TargetCellsSaved { cells { id version } }
    ... on TargetCellsConflict { conflicts { metricId month dimensionKey } }
  }
}`;

/**
 * 500 cells of 从化's plan: 4 metrics × 10 specs × 12 months of figures, and 20 group-buy
 * breakdowns of sales revenue. The first save creates them; every later one changes all 500
 * (the values alternate, typed with thousands separators) naming the versions it was given back.
 */
function countyBatchSequence(): NonNullable<RequestSpec["sequence"]> {
  const planId = demoId("Plan", `${DEMO_CYCLE_CODE}:CONGHUA`);
  const specs = buildDemoDataset({ history: false }).productSpecs.map((spec) => spec.id!);
  const metrics = ["SALES_REVENUE", "SALES_VOLUME", "GROSS_PROFIT", "COLLECTION"].map((code) => demoId("Metric", code));
  const groupBuy = demoId("Channel", "GROUP_BUY");
  const cells: { metricId: string; month: number; productSpecId: string; channelId?: string }[] = [];
  for (const metricId of metrics)
    for (const productSpecId of specs) for (let month = 1; month <= 12; month++) cells.push({ metricId, month, productSpecId });
  for (let index = 0; index < 20; index++) {
    cells.push({
      metricId: metrics[0]!,
      month: (index % 12) + 1,
      productSpecId: specs[Math.floor(index / 12)]!,
      channelId: groupBuy,
    });
  }
  let versions: (number | null)[] = cells.map(() => null);
  let round = 0;
  return {
    next() {
      round += 1;
      const changes = cells.map((cell, index) => ({
        ...cell,
        baseValue: ((round % 2 === 0 ? 20_000 : 10_000) + index).toLocaleString("en-US"),
        expectedVersion: versions[index],
      }));
      return JSON.stringify({ query: SAVE_CELLS, variables: { planId, changes } });
    },
    answered(body) {
      const result = (JSON.parse(body) as { data?: { saveTargetCells?: { __typename: string; cells?: { version: number }[] } } })
        .data?.saveTargetCells;
      if (result?.__typename === "TargetCellsSaved" && result.cells) versions = result.cells.map((cell) => cell.version);
    },
    accepts: (body) => body.includes('"TargetCellsSaved"'),
  };
}

const SPLIT_PREVIEW = `query Preview($input: SplitInput!) {
  previewSplit(input: $input) {
    total previewToken expectedVersions
    rows { productSpecId total } months { month total }
    cells { month productSpecId newValue status changes explanationZh explanationEn }
  }
}`;
const SPLIT_APPLY = `mutation Apply($input: ApplySplitInput!) {
  applySplit(input: $input) {
    __typename
    ... on SplitApplied { total cells { id version } }
    ... on TargetCellsConflict { conflicts { month dimensionKey } }
  }
}`;

/**
 * 广州's city manager splits a year figure of sales revenue over 12 months × 10 specs of the
 * city's own plan by last year (the grid's Y-1, estimate included; specs and months both by
 * it, every margin exact): one sample is the preview and the apply of what it showed, one
 * request after the other, as the split dialog sends them. The figure alternates between
 * 12,000,000.00 and 13,000,000.00, so every apply writes all 120 cells (with their audit
 * rows and summary deltas). p50/p95/p99 are per sample (both requests); previewP95Ms and
 * applyP95Ms each request alone.
 */
async function citySplitSamples(appUrl: string, counts: { readonly warmUp: number; readonly samples: number }): Promise<Figures> {
  const cookie = await signIn(appUrl, CITY_PLANNER);
  const specs = buildDemoDataset({ history: false })
    .productSpecs.slice(0, 10)
    .map((spec) => spec.id!);
  const split = (amount: string) => ({
    planId: demoId("Plan", `${DEMO_CYCLE_CODE}:GZ`),
    block: { metricId: demoId("Metric", "SALES_REVENUE"), productSpecIds: specs },
    figure: { kind: "AMOUNT", amount },
    method: { kind: "LAST_YEAR" },
  });
  const timed = async (query: string, variables: Record<string, unknown>) => {
    const started = performance.now();
    const { data } = await graphqlOnce(appUrl, graphqlPost(query, variables, { cookie }));
    return { ms: performance.now() - started, data };
  };
  const samples: { preview: number; apply: number; both: number }[] = [];
  let measuredMs = 0;
  for (let index = 0; index < counts.warmUp + counts.samples; index++) {
    const input = split(index % 2 === 0 ? "12,000,000.00" : "13,000,000.00");
    const preview = await timed(SPLIT_PREVIEW, { input });
    const shown = preview.data["previewSplit"] as { previewToken: string; expectedVersions: (number | null)[]; total: string };
    if (shown.expectedVersions.length !== 120) throw new Error(`the block has ${shown.expectedVersions.length} cells, not 120`);
    const apply = await timed(SPLIT_APPLY, {
      input: { split: input, previewToken: shown.previewToken, expectedVersions: shown.expectedVersions },
    });
    const result = apply.data["applySplit"] as { __typename: string; total?: string };
    if (result.__typename !== "SplitApplied" || result.total !== shown.total) {
      throw new Error(`applySplit answered ${JSON.stringify(result)} after a preview totalling ${shown.total}`);
    }
    if (index < counts.warmUp) continue;
    samples.push({ preview: preview.ms, apply: apply.ms, both: preview.ms + apply.ms });
    measuredMs += preview.ms + apply.ms;
  }
  const sorted = (pick: (sample: (typeof samples)[number]) => number) => samples.map(pick).sort((a, b) => a - b);
  const both = sorted((sample) => sample.both);
  return {
    rps: round((samples.length * 2) / (measuredMs / 1000), 1),
    p50Ms: round(percentile(both, 0.5)),
    p95Ms: round(percentile(both, 0.95)),
    p99Ms: round(percentile(both, 0.99)),
    requests: samples.length * 2,
    connections: 1,
    previewP95Ms: round(
      percentile(
        sorted((sample) => sample.preview),
        0.95,
      ),
    ),
    applyP95Ms: round(
      percentile(
        sorted((sample) => sample.apply),
        0.95,
      ),
    ),
  };
}

const FINDINGS = `query Findings($year: Int!) { plan(unitCode: "ZENGCHENG", year: $year) { id findings { items { code severity } } } }`;
const TRANSITION_FIELDS = "plan { id status version } event { action } version { number }";
const SUBMIT = `mutation Submit($input: SubmitPlanInput!) { submitPlan(input: $input) { ${TRANSITION_FIELDS} } }`;
const WITHDRAW = `mutation Withdraw($input: PlanTransitionInput!) { withdrawPlan(input: $input) { ${TRANSITION_FIELDS} } }`;
const APPROVE = `mutation Approve($input: PlanTransitionInput!) { approvePlan(input: $input) { ${TRANSITION_FIELDS} } }`;
const REOPEN = `mutation Reopen($input: PlanTransitionWithReasonInput!) { reopenPlan(input: $input) { ${TRANSITION_FIELDS} } }`;
const RESUME = `mutation Resume($input: PlanTransitionInput!) { resumePlan(input: $input) { ${TRANSITION_FIELDS} } }`;
/** 广州's city manager reviews its counties, ZENGCHENG among them. */
const CITY_REVIEWER = CITY_PLANNER;

/**
 * The workflow on the bench county's full plan (about 2,500 cells; bench/serve.ts makes every
 * check a WARN): `submit` samples time the planner's submit (the checks on the locked plan,
 * every WARN acknowledged, the SUBMITTED version's snapshot, event and audit) and withdraw it
 * untimed; `approve` samples submit untimed, then time the city manager's approval (the checks
 * again, the APPROVED version, the approved roll-up's deltas), then reopen and resume untimed.
 */
function workflowSamples(timedStep: "submit" | "approve") {
  return async (appUrl: string, counts: { readonly warmUp: number; readonly samples: number }): Promise<Figures> => {
    const planner = await signIn(appUrl, COUNTY_PLANNER);
    const reviewer = await signIn(appUrl, CITY_REVIEWER);
    const { data } = await graphqlOnce(appUrl, graphqlPost(FINDINGS, { year: DEMO_PLAN_YEAR }, { cookie: planner }));
    const plan = data["plan"] as { id: string; findings: { items: { code: string; severity: string }[] } };
    const acknowledgements = [
      ...new Set(plan.findings.items.filter((item) => item.severity === "WARN").map((item) => item.code)),
    ].map((checkCode) => ({ checkCode, reason: "基准测试：已知晓" }));
    const input = { planId: plan.id };
    const step = async (query: string, variables: Record<string, unknown>, cookie: string) => {
      const started = performance.now();
      await graphqlOnce(appUrl, graphqlPost(query, variables, { cookie }));
      return performance.now() - started;
    };
    const timings: number[] = [];
    for (let index = 0; index < counts.warmUp + counts.samples; index++) {
      let ms: number;
      if (timedStep === "submit") {
        ms = await step(SUBMIT, { input: { ...input, acknowledgements } }, planner);
        await step(WITHDRAW, { input }, planner);
      } else {
        await step(SUBMIT, { input: { ...input, acknowledgements } }, planner);
        ms = await step(APPROVE, { input }, reviewer);
        await step(REOPEN, { input: { ...input, reason: "基准测试：重新打开" } }, reviewer);
        await step(RESUME, { input }, planner);
      }
      if (index >= counts.warmUp) timings.push(ms);
    }
    const sorted = [...timings].sort((a, b) => a - b);
    const totalMs = timings.reduce((sum, ms) => sum + ms, 0);
    return {
      rps: round(timings.length / (totalMs / 1000), 1),
      p50Ms: round(percentile(sorted, 0.5)),
      p95Ms: round(percentile(sorted, 0.95)),
      p99Ms: round(percentile(sorted, 0.99)),
      requests: timings.length,
      connections: 1,
    };
  };
}

const CASES: readonly BenchCase[] = [
  { name: "bareFastify", server: "bareUrl", measure: "throughput", prepare: () => graphqlPost("{ health { status } }") },
  // The whole HTTP and GraphQL stack (helmet, compression check, cookie, Apollo, Armor) without the database.
  { name: "typename", server: "appUrl", measure: "throughput", prepare: () => graphqlPost("{ __typename }") },
  // health asks the database each time (it counts the applied migrations).
  { name: "health", server: "appUrl", measure: "throughput", prepare: () => graphqlPost("{ health { status database } }") },
  // A whole sign-in: attempt limits read, one scrypt at the production cost (the demo
  // hashes are made with DEFAULT_SCRYPT_COST), a session, the audit row, the profile.
  // Successful sign-ins never count towards the per-login or per-address limits, and
  // every answer is checked for errors, so a limited run fails instead of measuring refusals.
  { name: "login", server: "appUrl", measure: "latency", prepare: () => graphqlPost(LOGIN, DEMO_ADMIN) },
  // Session cookie → viewer (session, user and assignments read), then the profile.
  {
    name: "me",
    server: "appUrl",
    measure: "latency",
    prepare: async ({ appUrl }) => graphqlPost(ME, undefined, { cookie: await signIn(appUrl) }),
  },
  // The shell's first page of the org tree from HQ (50 units with plans, deadlines,
  // children's progress and key figures) in the open demo cycle, as hq.admin.
  {
    name: "orgTreeHq",
    server: "appUrl",
    measure: "latency",
    prepare: async ({ appUrl }) => {
      const cookie = await signIn(appUrl);
      return graphqlPost(ORG_TREE, { c: await openCycleId(appUrl, cookie) }, { cookie });
    },
  },
  // A demo county's whole plan (bench/serve.ts fills ZENGCHENG's: about 2,500 cells) with its
  // history, estimate and totals, as its planner opens the workbench: one request.
  {
    name: "countyPlanLoad",
    server: "appUrl",
    measure: "latency",
    prepare: async ({ appUrl }) =>
      graphqlPost(COUNTY_PLAN, { year: DEMO_PLAN_YEAR }, { cookie: await signIn(appUrl, COUNTY_PLANNER) }),
  },
  // A county planner saves 500 changed cells of the demo county plan in one batch: access,
  // parse, per-cell versions, 500 audit rows and the summary deltas in one transaction.
  // One user saving one batch after another, each naming the versions the last one returned.
  {
    name: "batchSave500",
    server: "appUrl",
    measure: "latency",
    prepare: async ({ appUrl }) => ({
      ...graphqlPost(SAVE_CELLS, undefined, { cookie: await signIn(appUrl, SAVE_PLANNER) }),
      sequence: countyBatchSequence(),
    }),
  },
  // 广州's manager opens the city's review screen: its counties side by side with their findings.
  {
    name: "reviewScreenCity",
    server: "appUrl",
    measure: "latency",
    prepare: async ({ appUrl }) =>
      graphqlPost(
        reviewBoardQuery(true),
        { unitCode: "GZ", year: DEMO_PLAN_YEAR, metricId: demoId("Metric", "SALES_REVENUE") },
        { cookie: await signIn(appUrl, CITY_PLANNER) },
      ),
  },
  // HQ's review screen: the whole company rolled up from its provinces, against guidance.
  {
    name: "hqRollup",
    server: "appUrl",
    measure: "latency",
    prepare: async ({ appUrl }) =>
      graphqlPost(
        reviewBoardQuery(false),
        { unitCode: "HQ", year: DEMO_PLAN_YEAR, metricId: demoId("Metric", "SALES_REVENUE") },
        { cookie: await signIn(appUrl) },
      ),
  },
  // A city planner previews, then applies, a year figure split over 12 months × 10 specs of
  // the city's own plan (citySplitSamples).
  { name: "cityBlockSplitApply", server: "appUrl", measure: "latency", custom: citySplitSamples },
  // The county planner submits its full plan (the checks run on the locked plan; workflowSamples).
  { name: "submitWithChecks", server: "appUrl", measure: "latency", custom: workflowSamples("submit") },
  // The city manager approves it (checks, APPROVED version, the approved roll-up; workflowSamples).
  { name: "approve", server: "appUrl", measure: "latency", custom: workflowSamples("approve") },
];

/** Asks the app once and returns `data`; any error stops the run. */
async function graphqlOnce(url: string, spec: RequestSpec): Promise<{ data: Record<string, unknown>; headers: Headers }> {
  const response = await fetch(`${url}${spec.path}`, {
    method: spec.method,
    ...(spec.headers ? { headers: spec.headers } : {}),
    ...(spec.body === undefined ? {} : { body: spec.body }),
  });
  const body = (await response.json()) as { data?: Record<string, unknown>; errors?: unknown };
  if (response.status !== 200 || body.errors !== undefined || !body.data) {
    throw new Error(`${spec.path} answered ${response.status}: ${JSON.stringify(body)}`);
  }
  return { data: body.data, headers: response.headers };
}

/** Signs a demo user in (hq.admin by default) and returns the session cookie (name=value) for a Cookie header. */
async function signIn(appUrl: string, who: { login: string; password: string } = DEMO_ADMIN): Promise<string> {
  const { headers } = await graphqlOnce(appUrl, graphqlPost(LOGIN, who));
  const cookie = headers
    .getSetCookie()
    .find((line) => line.includes("="))
    ?.split(";", 1)[0];
  if (!cookie) throw new Error("the login answered without a session cookie");
  return cookie;
}

/** The demo company's OPEN cycle (the one the shell opens on). */
async function openCycleId(appUrl: string, cookie: string): Promise<string> {
  const { data } = await graphqlOnce(appUrl, graphqlPost("{ cycles { id status } }", undefined, { cookie }));
  const open = (data["cycles"] as { id: string; status: string }[]).find((cycle) => cycle.status === "OPEN");
  if (!open) throw new Error("the demo company has no OPEN cycle");
  return open.id;
}

function percentile(sortedMs: readonly number[], fraction: number): number {
  if (sortedMs.length === 0) return Number.NaN;
  const index = Math.min(sortedMs.length - 1, Math.ceil(fraction * sortedMs.length) - 1);
  return sortedMs[Math.max(0, index)] ?? Number.NaN;
}

const round = (value: number, digits = 2) => Math.round(value * 10 ** digits) / 10 ** digits;

async function load(url: string, spec: RequestSpec, length: Length, connections: number, warmUp = false): Promise<Figures> {
  const startedMs = performance.now();
  const latenciesMs: number[] = [];
  const { sequence } = spec;
  if (sequence && connections !== 1)
    throw new Error(`${spec.path}: a request sequence runs on one connection, not ${connections}`);
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      {
        url: `${url}${spec.path}`,
        method: spec.method,
        ...(spec.headers ? { headers: spec.headers } : {}),
        ...(spec.body === undefined ? {} : { body: spec.body }),
        ...(sequence
          ? {
              requests: [
                {
                  method: spec.method,
                  path: spec.path,
                  setupRequest: (request: autocannon.Request) => ({ ...request, body: sequence.next() }),
                  onResponse: (_status: number, body: string) => sequence.answered(body),
                },
              ],
            }
          : {}),
        connections,
        ...("seconds" in length ? { duration: length.seconds } : { amount: length.requests }),
        // A 200 can carry GraphQL errors (TOO_MANY_ATTEMPTS, UNAUTHENTICATED): count those as failures.
        verifyBody: (body) => !String(body).includes('"errors"') && (sequence?.accepts(String(body)) ?? true),
      },
      (error, finished) => (error ? reject(error as Error) : resolve(finished)),
    );
    instance.on("response", (_client, _statusCode, _bytes, responseTimeMs) => latenciesMs.push(responseTimeMs));
  });
  if (result.requests.total === 0 && !warmUp) throw new Error(`${url}${spec.path}: no request finished; no figure`);
  if (result.errors > 0 || result.timeouts > 0 || result.non2xx > 0 || result.mismatches > 0) {
    throw new Error(
      `${url}${spec.path}: ${result.errors} errors, ${result.timeouts} timeouts, ${result.non2xx} non-2xx answers, ` +
        `${result.mismatches} answers with GraphQL errors; no figure`,
    );
  }
  latenciesMs.sort((a, b) => a - b);
  return {
    rps: round(result.requests.total / ((performance.now() - startedMs) / 1000), "seconds" in length ? 0 : 1),
    p50Ms: round(percentile(latenciesMs, 0.5)),
    p95Ms: round(percentile(latenciesMs, 0.95)),
    p99Ms: round(percentile(latenciesMs, 0.99)),
    requests: result.requests.total,
    connections,
  };
}

/** Checks the case answers 200 with no GraphQL errors before loading it. */
async function checkOnce(url: string, spec: RequestSpec): Promise<void> {
  const body = spec.sequence ? spec.sequence.next() : spec.body;
  const response = await fetch(`${url}${spec.path}`, {
    method: spec.method,
    ...(spec.headers ? { headers: spec.headers } : {}),
    ...(body === undefined ? {} : { body }),
  });
  const text = await response.text();
  spec.sequence?.answered(text);
  if (response.status !== 200 || text.includes('"errors"') || !(spec.sequence?.accepts(text) ?? true)) {
    throw new Error(`${spec.path} answered ${response.status}: ${text.slice(0, 2000)}`);
  }
}

async function startServers(): Promise<{ servers: Servers; stop: () => Promise<void> }> {
  const serve = join(dirname(fileURLToPath(import.meta.url)), "serve.ts");
  const child = spawn(process.execPath, ["--import", "tsx", serve], { stdio: ["ignore", "pipe", "inherit"] });
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  const firstLine = await new Promise<string>((resolve, reject) => {
    const lines = createInterface({ input: child.stdout });
    lines.once("line", resolve);
    void exited.then((code) => reject(new Error(`bench/serve.ts exited with ${code} before listening`)));
  });
  const servers = JSON.parse(firstLine) as Servers;
  return {
    servers,
    async stop() {
      child.kill("SIGTERM");
      await exited;
    },
  };
}

async function main(): Promise<void> {
  progress(`starting the servers (${cpus().length} CPUs, Node ${process.version})…`);
  const { servers, stop } = await startServers();
  progress(`the app's database: ${servers.database}`);
  const results: Record<string, Figures> = {};
  try {
    for (const benchCase of CASES.filter((candidate) => ONLY === null || ONLY.has(candidate.name))) {
      const url = servers[benchCase.server];
      if (benchCase.custom) {
        progress(`${benchCase.name}: ${WARM_UP_SAMPLES} warm-up samples, then ${LATENCY_SAMPLES}, one after another…`);
        const figures = await benchCase.custom(url, { warmUp: WARM_UP_SAMPLES, samples: LATENCY_SAMPLES });
        results[benchCase.name] = figures;
        report(
          `${benchCase.name.padEnd(12)} ${String(figures.rps).padStart(7)} req/s   p50 ${figures.p50Ms} ms   p95 ${figures.p95Ms} ms   p99 ${figures.p99Ms} ms` +
            (figures.previewP95Ms === undefined
              ? ""
              : `   (p95 preview ${figures.previewP95Ms} ms, apply ${figures.applyP95Ms} ms)`),
        );
        continue;
      }
      if (!benchCase.prepare) throw new Error(`${benchCase.name} has neither prepare nor custom`);
      const spec = await benchCase.prepare(servers);
      await checkOnce(url, spec);
      const connections = benchCase.measure === "latency" ? LATENCY_CONNECTIONS : CONNECTIONS;
      const latency = benchCase.measure === "latency";
      const [warmUp, measured]: [Length, Length] = latency
        ? [{ requests: WARM_UP_SAMPLES }, { requests: LATENCY_SAMPLES }]
        : [{ seconds: WARM_UP_SECONDS }, { seconds: SECONDS }];
      progress(
        `${benchCase.name}: warming up, then ${latency ? `${LATENCY_SAMPLES} requests` : `${SECONDS} s`} with ${connections} connection(s)…`,
      );
      await load(url, spec, warmUp, connections, true);
      // The server may still be working through requests the warm-up left in flight: wait for them.
      await checkOnce(url, spec);
      results[benchCase.name] = await load(url, spec, measured, connections);
      await checkOnce(url, spec);
      const figures = results[benchCase.name];
      report(
        `${benchCase.name.padEnd(12)} ${String(figures?.rps).padStart(7)} req/s   p50 ${figures?.p50Ms} ms   p95 ${figures?.p95Ms} ms   p99 ${figures?.p99Ms} ms`,
      );
    }
  } finally {
    await stop();
  }
  const health = results["health"];
  const bare = results["bareFastify"];
  if (health && bare) report(`health runs at ${round((health.rps / bare.rps) * 100, 0)}% of bare Fastify's requests per second`);
  if (JSON_MODE) {
    process.stdout.write(
      `${JSON.stringify({ ...results, settings: { database: servers.database, seconds: SECONDS, connections: CONNECTIONS, latencyConnections: LATENCY_CONNECTIONS, latencySamples: LATENCY_SAMPLES, cpus: cpus().length, node: process.version } })}\n`,
    );
  }
}

await main();
