// Grid benchmark (not a test): `pnpm --filter @pyramid/web bench:grid`, or with
// `--json` for one JSON object on stdout (progress goes to stderr).
//
// For each entry in entries/: a production Vite build of that entry alone
// (minified, React in production mode), the gzipped size of its JavaScript and
// CSS, then BENCH_GRID_RUNS (default 7) page loads in headless Chromium
// (CHROMIUM_PATH or /usr/bin/chromium, 1366×768), each timing the first render
// of the entry's grid from root.render to the painted frame (measure.ts).
// Medians are reported; entries are interleaved run by run so that a busy
// machine slows them alike. BENCH_GRID_ENTRIES=a,b limits the entries.
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { dirname, extname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import react from "@vitejs/plugin-react";
import { chromium } from "playwright-core";
import { build } from "vite";

const HERE = dirname(fileURLToPath(import.meta.url));
const OUT = join(HERE, "dist");
const JSON_MODE = process.argv.includes("--json");
const RUNS = Number(process.env.BENCH_GRID_RUNS ?? 7);
const CHROMIUM = process.env.CHROMIUM_PATH || "/usr/bin/chromium";
const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
];
const progress = (line: string) => process.stderr.write(`[bench:grid] ${line}\n`);

interface Sizes {
  jsBytes: number;
  jsGzip: number;
  cssGzip: number;
}

async function buildEntry(name: string): Promise<Sizes> {
  const outDir = join(OUT, name);
  await build({
    root: HERE,
    configFile: false,
    logLevel: "warn",
    plugins: [react()],
    build: {
      outDir,
      emptyOutDir: true,
      sourcemap: false,
      modulePreload: false,
      rolldownOptions: {
        input: join(HERE, "entries", `${name}.tsx`),
        output: { entryFileNames: "entry.js", chunkFileNames: "[name]-[hash].js", assetFileNames: "[name]-[hash][extname]" },
      },
    },
  });
  const files = readdirSync(outDir);
  const sizes: Sizes = { jsBytes: 0, jsGzip: 0, cssGzip: 0 };
  for (const file of files) {
    const content = readFileSync(join(outDir, file));
    if (file.endsWith(".js")) {
      sizes.jsBytes += content.length;
      sizes.jsGzip += gzipSync(content, { level: 9 }).length;
    } else if (file.endsWith(".css")) sizes.cssGzip += gzipSync(content, { level: 9 }).length;
  }
  const styles = files.filter((f) => f.endsWith(".css")).map((f) => `<link rel="stylesheet" href="${f}">`);
  writeFileSync(
    join(outDir, "index.html"),
    `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8">${styles.join("")}</head>` +
      `<body style="margin:0;font-family:sans-serif"><div id="root"></div><script type="module" src="entry.js"></script></body></html>`,
  );
  return sizes;
}

const TYPES: Record<string, string> = { ".html": "text/html", ".js": "text/javascript", ".css": "text/css" };

function serve(root: string): Promise<Server> {
  const server = createServer((request, response) => {
    const path = decodeURIComponent(new URL(request.url ?? "/", "http://x").pathname);
    const file = join(root, path.endsWith("/") ? `${path}index.html` : path);
    if (!file.startsWith(root)) return void response.writeHead(403).end();
    try {
      const body = readFileSync(file);
      response.writeHead(200, { "content-type": TYPES[extname(file)] ?? "application/octet-stream" }).end(body);
    } catch {
      response.writeHead(404).end();
    }
  });
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve(server)));
}

interface Sample {
  readyMs: number;
  paintMs: number;
  domElements: number;
  interactions: Record<string, number>;
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};
const round1 = (n: number) => Math.round(n * 10) / 10;

async function main() {
  const only = process.env.BENCH_GRID_ENTRIES?.split(",").filter(Boolean);
  const names = readdirSync(join(HERE, "entries"))
    .filter((f) => f.endsWith(".tsx"))
    .map((f) => f.slice(0, -4))
    .filter((n) => !only || only.includes(n) || n === "baseline");
  const sizes = new Map<string, Sizes>();
  for (const name of names) {
    progress(`building ${name}`);
    sizes.set(name, await buildEntry(name));
  }
  const server = await serve(OUT);
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  const samples = new Map<string, Sample[]>(names.map((n) => [n, []]));
  try {
    for (let run = 0; run < RUNS; run++) {
      for (const name of names) {
        const context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
        const page = await context.newPage();
        await page.goto(`${base}/${name}/`);
        const handle = await page.waitForFunction(() => window.__gridBench, undefined, { timeout: 60_000 });
        const result = (await handle.jsonValue()) as Sample | { error: string };
        await context.close();
        if ("error" in result) throw new Error(`${name}: ${result.error}`);
        samples.get(name)!.push(result);
        progress(`run ${run + 1}/${RUNS} ${name}: ${round1(result.paintMs)} ms to paint`);
      }
    }
  } finally {
    await browser.close();
    server.close();
  }

  const baseline = sizes.get("baseline")!;
  const report: Record<string, unknown> = {};
  const lines = [
    `${"entry".padEnd(29)}JS gzip KB  (+ over React)  CSS gzip KB  ready ms  paint ms  DOM elements  interactions (event to paint)`,
  ];
  for (const name of names) {
    const s = sizes.get(name)!;
    const list = samples.get(name)!;
    const figures = {
      jsGzipKB: round1(s.jsGzip / 1024),
      jsGzipOverReactKB: round1((s.jsGzip - baseline.jsGzip) / 1024),
      jsMinKB: round1(s.jsBytes / 1024),
      cssGzipKB: round1(s.cssGzip / 1024),
      readyMs: round1(median(list.map((x) => x.readyMs))),
      paintMs: round1(median(list.map((x) => x.paintMs))),
      paintMsMin: round1(Math.min(...list.map((x) => x.paintMs))),
      paintMsMax: round1(Math.max(...list.map((x) => x.paintMs))),
      domElements: median(list.map((x) => x.domElements)),
      interactionsMs: Object.fromEntries(
        Object.keys(list[0]?.interactions ?? {}).map((k) => [k, round1(median(list.map((x) => x.interactions[k] ?? NaN)))]),
      ),
      runs: list.length,
    };
    report[name] = figures;
    lines.push(
      `${name.padEnd(29)}${String(figures.jsGzipKB).padStart(10)}${String(figures.jsGzipOverReactKB).padStart(16)}` +
        `${String(figures.cssGzipKB).padStart(13)}${String(figures.readyMs).padStart(10)}${String(figures.paintMs).padStart(10)}` +
        `${String(figures.domElements).padStart(14)}` +
        Object.entries(figures.interactionsMs)
          .map(([k, v]) => `  ${k} ${v} ms`)
          .join(""),
    );
  }
  const settings = { runs: RUNS, viewport: "1366x768", chromium: CHROMIUM, rows: 2000, gzipLevel: 9 };
  if (JSON_MODE) process.stdout.write(`${JSON.stringify({ ...report, settings })}\n`);
  else process.stdout.write(`${lines.join("\n")}\n(median of ${RUNS} runs each; sizes: gzip -9 of the minified build)\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
