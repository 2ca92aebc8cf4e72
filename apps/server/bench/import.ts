// The actuals import benchmark (issue 12): `pnpm --silent bench:import [--json]`.
// For each database — PostgreSQL (a throw-away database on TEST_DATABASE_URL, when set) and the
// embedded one (PGlite in a temp data directory) — a child process of this script: builds a
// catalogue (HQ → province → 100 counties, 50 terminals each, 20 specs), writes a CSV of
// BENCH_ROWS rows (default 1,000,000: county × terminal × spec × month, with 金额 and 数量, so
// two facts per row) to a temp file, uploads it over real HTTP (a listening server, multipart
// streamed from disk, the finance user's session cookie) as an applied ALL_OR_NOTHING import,
// and reads the NDJSON to the result line. Prints rows per second (file rows over the time
// from the first byte sent to the result line) and the child's peak RSS (sampled every 50 ms;
// with PGlite the database lives in the process too). Progress on stderr; figures on stdout.
import { spawn } from "node:child_process";
import { createReadStream, createWriteStream, mkdtempSync, rmSync, statSync } from "node:fs";
import { request } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { migrate, openDatabase, type Database } from "@pyramid/db";
import {
  createOrgUnit,
  createProductLine,
  createTestDatabase,
  createUser,
  ensureStandardMetrics,
  ensureTerminalClasses,
  TEST_PASSWORD_COST,
} from "@pyramid/db/testing";
import { createApp } from "../src/app.js";

const args = process.argv.slice(2);
const json = args.includes("--json");
const rows = Number(process.env["BENCH_ROWS"] ?? 1_000_000);
const COUNTIES = 100;
const TERMINALS = 50;
const SPECS = 20;
const note = (text: string) => process.stderr.write(`${text}\n`);

interface Figures {
  database: string;
  rows: number;
  facts: number;
  fileMb: number;
  seconds: number;
  rowsPerSec: number;
  peakRssMb: number;
  status: string;
}

const childKind = args[args.indexOf("--child") + 1];
if (args.includes("--child") && (childKind === "postgres" || childKind === "pglite")) {
  const figures = await runOne(childKind);
  process.stdout.write(`${JSON.stringify(figures)}\n`);
  process.exit(0);
} else {
  const results: Record<string, Figures> = {};
  const kinds = [...(process.env["TEST_DATABASE_URL"] ? (["postgres"] as const) : []), "pglite" as const];
  if (!process.env["TEST_DATABASE_URL"]) note("TEST_DATABASE_URL is not set: PostgreSQL skipped");
  for (const kind of kinds) results[kind] = await child(kind);
  const first = results["postgres"] ?? results["pglite"]!;
  const summary = {
    rows,
    rowsPerSec: first.rowsPerSec,
    peakRssMb: Math.max(...Object.values(results).map((r) => r.peakRssMb)),
    ...results,
  };
  if (json) process.stdout.write(`${JSON.stringify(summary)}\n`);
  else
    for (const r of Object.values(results))
      process.stdout.write(
        `import (${r.database}): ${r.rows} rows (${r.facts} facts, ${r.fileMb} MB) in ${r.seconds} s = ${r.rowsPerSec} rows/s; peak RSS ${r.peakRssMb} MB; ${r.status}\n`,
      );
}

function child(kind: "postgres" | "pglite"): Promise<Figures> {
  return new Promise((resolve, reject) => {
    const proc = spawn(process.execPath, ["--import", "tsx", fileURLToPath(import.meta.url), "--child", kind], {
      stdio: ["ignore", "pipe", "inherit"],
      env: process.env,
    });
    let out = "";
    proc.stdout.on("data", (chunk: Buffer) => (out += chunk.toString()));
    proc.on("error", reject);
    proc.on("exit", (code) => {
      if (code !== 0) return reject(new Error(`the ${kind} run exited with ${code}`));
      resolve(JSON.parse(out.trim().split("\n").at(-1)!) as Figures);
    });
  });
}

async function runOne(kind: "postgres" | "pglite"): Promise<Figures> {
  const dir = mkdtempSync(join(tmpdir(), "pyramid-bench-import-"));
  let db: Database;
  if (kind === "postgres") db = await createTestDatabase();
  else {
    db = await openDatabase({ dataDir: join(dir, "pglite") });
    await migrate(db);
  }
  try {
    const prisma = db.prisma;
    note(`[${kind}] catalogue…`);
    const hq = await createOrgUnit(prisma, { level: "HQ", code: "BENCH-HQ" });
    const province = await createOrgUnit(prisma, { level: "PROVINCE", parent: hq, code: "BENCH-P" });
    await ensureStandardMetrics(prisma);
    await ensureTerminalClasses(prisma);
    const line = await createProductLine(prisma, { code: "BENCH-LINE" });
    await prisma.$executeRawUnsafe(
      `INSERT INTO "OrgUnit" (id, code, "nameZh", "nameEn", level, "parentId", path, depth, "sortOrder", "isActive", "createdAt", "updatedAt")
       SELECT 'bk-' || k, 'BK' || k, '县 ' || k, 'County ' || k, 'COUNTY', $1, $2 || 'bk-' || k || '/', 3, k, true, now(), now()
       FROM generate_series(1, ${COUNTIES}) k`,
      province.id,
      province.path,
    );
    await prisma.$executeRawUnsafe(
      `INSERT INTO "ProductSpec" (id, code, "nameZh", "nameEn", "lineId", "unitPrice", "unitCost", "sortOrder")
       SELECT 'bs-' || s, 'BS' || s, '品规 ' || s, 'Spec ' || s, $1, 100, 50, s FROM generate_series(1, ${SPECS}) s`,
      line.id,
    );
    await prisma.$executeRawUnsafe(
      `INSERT INTO "Channel" (id, code, "nameZh", "nameEn", kind) VALUES ('bch', 'RETAIL', '商超', 'Retail', 'TERMINAL')`,
    );
    await prisma.$executeRawUnsafe(
      `INSERT INTO "Terminal" (id, code, name, "classCode", "channelId", "countyId")
       SELECT 'bt-' || k || '-' || t, 'BT' || k || '-' || t, '终端 ' || k || '-' || t, 'B', 'bch', 'bk-' || k
       FROM generate_series(1, ${COUNTIES}) k CROSS JOIN generate_series(1, ${TERMINALS}) t`,
    );
    await createUser(prisma, { orgUnitId: hq.id, role: "FINANCE", login: "bench.finance" });

    const csvPath = join(dir, "actuals.csv");
    note(`[${kind}] writing ${rows} rows…`);
    await writeCsv(csvPath, rows);
    const fileBytes = statSync(csvPath).size;

    const app = createApp({
      dataAccess: db.dataAccess,
      webDistDir: "/nonexistent",
      version: "bench",
      log: { error: (...values: unknown[]) => note(values.map(String).join(" ")) },
      passwordCost: TEST_PASSWORD_COST,
      importMaxBytes: 1024 * 1024 * 1024,
    });
    const { url, port } = await app.listen(0, "127.0.0.1");
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

      global.gc?.();
      let peakRss = process.memoryUsage().rss;
      const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 50);
      const t0 = performance.now();
      const result = await uploadFile(port, cookie, csvPath, fileBytes, kind);
      const seconds = (performance.now() - t0) / 1000;
      clearInterval(sampler);
      peakRss = Math.max(peakRss, process.memoryUsage().rss);
      const facts = await prisma.salesActual.count();
      if (process.env["BENCH_DRY_RUN"] !== "1" && (result["status"] !== "APPLIED" || facts !== rows * 2))
        throw new Error(`unexpected result: ${JSON.stringify(result).slice(0, 500)}; ${facts} facts`);
      return {
        database: kind,
        rows,
        facts,
        fileMb: Number((fileBytes / 1024 / 1024).toFixed(1)),
        seconds: Number(seconds.toFixed(2)),
        rowsPerSec: Math.round(rows / seconds),
        peakRssMb: Math.round(peakRss / 1024 / 1024),
        status: String(result["status"]),
      };
    } finally {
      await app.close();
    }
  } finally {
    await db.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** county × terminal × spec × month, in that order, until `count` rows. */
async function writeCsv(path: string, count: number) {
  const out = createWriteStream(path);
  const write = (text: string) => (out.write(text) ? Promise.resolve() : new Promise<void>((r) => out.once("drain", () => r())));
  await write("\uFEFF单位,月份,品规,渠道,终端,金额,数量\r\n");
  let n = 0;
  let batch = "";
  outer: for (let k = 1; k <= COUNTIES; k++)
    for (let t = 1; t <= TERMINALS; t++)
      for (let s = 1; s <= SPECS; s++)
        for (let m = 1; m <= 12; m++) {
          if (n++ >= count) break outer;
          const cases = ((k * 7 + t * 13 + s * 17 + m * 19) % 90) + 10;
          batch += `BK${k},${m},BS${s},RETAIL,BT${k}-${t},${cases * 100}.${String((k + t + s + m) % 100).padStart(2, "0")},${cases}\r\n`;
          if (batch.length > 1 << 16) {
            await write(batch);
            batch = "";
          }
        }
  await write(batch);
  await new Promise<void>((resolve, reject) => out.end((error?: Error | null) => (error ? reject(error) : resolve())));
}

/** POST /imports with the file streamed from disk as multipart; reads NDJSON to the result line. */
function uploadFile(port: number, cookie: string, path: string, size: number, kind: string): Promise<Record<string, unknown>> {
  const boundary = "----pyramid-bench";
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="actuals.csv"\r\nContent-Type: text/csv\r\n\r\n`,
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  const query = `kind=SALES_ACTUALS&year=2026&monthFrom=1&monthTo=12&scope=BENCH-HQ&dryRun=${process.env["BENCH_DRY_RUN"] === "1" ? "true" : "false"}&mode=ALL_OR_NOTHING&lang=en`;
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: "127.0.0.1",
        port,
        method: "POST",
        path: `/imports?${query}`,
        headers: {
          cookie,
          "content-type": `multipart/form-data; boundary=${boundary}`,
          "content-length": head.length + size + tail.length,
          "accept-encoding": "identity",
        },
      },
      (response) => {
        let buffer = "";
        let result: Record<string, unknown> | null = null;
        response.setEncoding("utf8");
        response.on("data", (chunk: string) => {
          buffer += chunk;
          let at: number;
          while ((at = buffer.indexOf("\n")) >= 0) {
            const line = JSON.parse(buffer.slice(0, at)) as Record<string, unknown>;
            buffer = buffer.slice(at + 1);
            if (line["type"] === "progress") {
              if ((line["rowsRead"] as number) % 100_000 === 0)
                note(
                  `[${kind}] read ${String(line["rowsRead"])}, valid ${String(line["rowsValid"])}, written ${String(line["rowsWritten"])}`,
                );
            } else result = line;
          }
        });
        response.on("end", () => (result ? resolve(result) : reject(new Error(`no result line (HTTP ${response.statusCode})`))));
        response.on("error", reject);
      },
    );
    req.on("error", reject);
    req.write(head);
    const file = createReadStream(path);
    file.on("end", () => req.end(tail));
    file.pipe(req, { end: false });
  });
}
