// The national-scale export benchmark (issue 11): `pnpm --silent bench:export [--json] [--format xlsx|csv]`.
// Generates, in a throw-away database (PGlite in memory, or PostgreSQL when TEST_DATABASE_URL is
// set), HQ → 31 provinces → 93 cities → 2,844 counties (BENCH_COUNTIES to change), a plan per
// unit and, for every county, every active expense item × 12 months (1,126,224 lines at full
// scale), then downloads the LATEST budget export of HQ over real HTTP (a listening server, the
// finance user's session cookie) and reads the body as it streams. Prints rows per second (the
// rows the export's audit row counts, over the time from request to last byte) and the process's
// peak RSS while exporting (sampled every 50 ms). With PGlite the database lives in this process
// too, so the RSS is also given before the database is opened (`startRssMb`), just before the
// export (`baselineRssMb`: node, the app, and for PGlite the database with its 1.1M lines) and
// the export's own increment over that (`exportRssMb` = peak − baseline). `readSeconds` is the
// wall time spent inside the exports repository's reads (SQL and Prisma), the rest is the
// exporter and the HTTP stream; `cpuSeconds` is this process's CPU time over the export (user +
// system, all threads: with PGlite the database's work too; with PostgreSQL not the server's),
// a figure less sensitive to a loaded machine than the wall time. Asserts nothing; progress goes to stderr, the figures to stdout.
import os from "node:os";
import {
  createPlanCycle,
  createTestDatabase,
  createUser,
  ensureExpenseTree,
  createOrgUnit,
  TEST_PASSWORD_COST,
} from "@pyramid/db/testing";
import { createApp } from "../src/app.js";

const args = process.argv.slice(2);
const json = args.includes("--json");
const formatArg = args[args.indexOf("--format") + 1];
const format = args.includes("--format") && formatArg === "csv" ? "csv" : "xlsx";
const counties = Number(process.env["BENCH_COUNTIES"] ?? 2844);
const PROVINCES = 31;
const CITIES = 93;
const note = (text: string) => process.stderr.write(`${text}\n`);

const mb = (bytes: number) => Math.round(bytes / 1024 / 1024);
const startRss = process.memoryUsage().rss;
const db = await createTestDatabase();
try {
  const prisma = db.prisma;
  const hq = await createOrgUnit(prisma, { level: "HQ", code: "BENCH-HQ" });
  const cycle = await createPlanCycle(prisma, { year: 2027, code: "BENCH-FY2027" });
  await ensureExpenseTree(prisma);
  note(`generating ${counties} counties…`);
  const started = Date.now();
  await prisma.$executeRawUnsafe(
    `INSERT INTO "OrgUnit" (id, code, "nameZh", "nameEn", level, "parentId", path, depth, "sortOrder", "isActive", "createdAt", "updatedAt")
     SELECT 'bp-' || p, 'BP' || p, '省区 ' || p, 'Province ' || p, 'PROVINCE', $1, $2 || 'bp-' || p || '/', 2, p, true, now(), now()
     FROM generate_series(1, ${PROVINCES}) p`,
    hq.id,
    hq.path,
  );
  await prisma.$executeRawUnsafe(
    `INSERT INTO "OrgUnit" (id, code, "nameZh", "nameEn", level, "parentId", path, depth, "sortOrder", "isActive", "createdAt", "updatedAt")
     SELECT 'bc-' || c, 'BC' || c, '城市 ' || c, 'City ' || c, 'CITY', 'bp-' || ((c - 1) % ${PROVINCES} + 1),
            $1 || 'bp-' || ((c - 1) % ${PROVINCES} + 1) || '/bc-' || c || '/', 3, c, true, now(), now()
     FROM generate_series(1, ${CITIES}) c`,
    hq.path,
  );
  await prisma.$executeRawUnsafe(
    `INSERT INTO "OrgUnit" (id, code, "nameZh", "nameEn", level, "parentId", path, depth, "sortOrder", "isActive", "createdAt", "updatedAt")
     SELECT 'bk-' || k, 'BK' || k, '县 ' || k, 'County ' || k, 'COUNTY', 'bc-' || ((k - 1) % ${CITIES} + 1),
            $1 || 'bp-' || (((k - 1) % ${CITIES}) % ${PROVINCES} + 1) || '/bc-' || ((k - 1) % ${CITIES} + 1) || '/bk-' || k || '/',
            4, k, true, now(), now()
     FROM generate_series(1, ${counties}) k`,
    hq.path,
  );
  await prisma.$executeRawUnsafe(
    `INSERT INTO "Plan" (id, "cycleId", "orgUnitId", status, "createdAt", "updatedAt")
     SELECT 'plan-' || u.id, $1, u.id, 'DRAFT', now(), now() FROM "OrgUnit" u WHERE u.path LIKE $2`,
    cycle.id,
    `${hq.path}%`,
  );
  await prisma.$executeRawUnsafe(
    `INSERT INTO "ExpenseCell" ("planId", "itemId", month, amount, "updatedAt")
     SELECT 'plan-bk-' || k, i.id, m, ((abs(hashtext(k || i.code || m)) % 10000000) / 100.0)::numeric(18, 2), now()
     FROM generate_series(1, ${counties}) k CROSS JOIN "ExpenseItem" i CROSS JOIN generate_series(1, 12) m
     WHERE i."isActive"`,
  );
  const lines = await prisma.expenseCell.count();
  note(`${lines} expense lines in ${((Date.now() - started) / 1000).toFixed(1)} s; exporting ${format}…`);
  await createUser(prisma, { orgUnitId: hq.id, role: "FINANCE", login: "bench.finance" });

  const app = createApp({
    dataAccess: db.dataAccess,
    webDistDir: "/nonexistent",
    version: "bench",
    log: { error: (...values: unknown[]) => note(values.map(String).join(" ")) },
    passwordCost: TEST_PASSWORD_COST,
  });
  const { url } = await app.listen(0, "127.0.0.1");
  try {
    const login = await fetch(`${url}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ query: 'mutation { login(login: "bench.finance", password: "test1234") { expiresAt } }' }),
    });
    const cookie = login.headers
      .getSetCookie()
      .find((header) => header.startsWith("pp_session="))
      ?.split(";", 1)[0];
    if (!cookie) throw new Error(`the finance user did not sign in: ${await login.text()}`);

    // Time inside the export's reads: wrap the repository's methods the exporter calls.
    let readMs = 0;
    const reads = db.dataAccess.repositories.exports as unknown as Record<string, (...args: unknown[]) => Promise<unknown>>;
    for (const name of ["subtreePlanPage", "liveExpenseMonths", "liveExpenseSums", "latestApprovedSnapshots"]) {
      if (typeof reads[name] !== "function") continue; // (an older exporter, for comparisons)
      const read = reads[name].bind(reads);
      reads[name] = async (...args) => {
        const begun = performance.now();
        try {
          return await read(...args);
        } finally {
          readMs += performance.now() - begun;
        }
      };
    }
    global.gc?.();
    const baselineRss = process.memoryUsage().rss;
    let peakRss = baselineRss;
    const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 50);
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    const response = await fetch(
      `${url}/exports/budget.${format}?cycle=${cycle.code}&unit=${hq.code}&basis=LATEST&locale=zh-CN`,
      {
        headers: { cookie, "accept-encoding": "identity" },
      },
    );
    if (!response.ok || !response.body) throw new Error(`export answered ${response.status}`);
    let bytes = 0;
    for await (const chunk of response.body) bytes += (chunk as Uint8Array).byteLength;
    const seconds = (performance.now() - t0) / 1000;
    const cpu = process.cpuUsage(cpu0);
    clearInterval(sampler);
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
    const audit = await prisma.auditLog.findFirst({ where: { action: "EXPORT_BUDGET" }, orderBy: { id: "desc" } });
    const rows = Number((audit?.after as { rows?: number } | null)?.rows ?? 0);
    const result = {
      database: db.dataAccess.kind,
      format,
      counties,
      expenseLines: lines,
      rows,
      bytes,
      seconds: Number(seconds.toFixed(2)),
      rowsPerSec: Math.round(rows / seconds),
      peakRssMb: mb(peakRss),
      startRssMb: mb(startRss),
      baselineRssMb: mb(baselineRss),
      exportRssMb: mb(peakRss - baselineRss),
      readSeconds: Number((readMs / 1000).toFixed(2)),
      cpuSeconds: Number(((cpu.user + cpu.system) / 1e6).toFixed(2)),
      loadAverage: os.loadavg().map((load) => Number(load.toFixed(1))),
    };
    if (json) process.stdout.write(`${JSON.stringify(result)}\n`);
    else {
      process.stdout.write(
        `budget export (${format}, ${result.database}): ${rows} rows, ${(bytes / 1024 / 1024).toFixed(1)} MB in ${result.seconds} s` +
          ` = ${result.rowsPerSec} rows/s (reads ${result.readSeconds} s; this process's CPU ${result.cpuSeconds} s); peak RSS ${result.peakRssMb} MB` +
          ` (before the database ${result.startRssMb} MB, before the export ${result.baselineRssMb} MB, the export's own ${result.exportRssMb} MB);` +
          ` load average ${result.loadAverage.join(" ")}\n`,
      );
    }
  } finally {
    await app.close();
  }
} finally {
  await db.close();
}
