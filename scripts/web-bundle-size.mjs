#!/usr/bin/env node
// How much JavaScript the web app's first page loads: the entry chunk and every
// chunk it imports statically, from Vite's manifest (apps/web/dist/.vite/manifest.json,
// written by `pnpm --filter @pyramid/web build`), each gzipped at level 9 as a
// server would send it. Pages loaded later (dynamic imports) are listed apart.
//
//   node scripts/web-bundle-size.mjs [--json] [--budget-kb 300] [--forbid recharts,decimal.js] [--dist apps/web/dist]
//
// Exits 1 when the initial JavaScript is over the budget (default 300 kB, 1 kB =
// 1000 bytes) or a forbidden package (default: recharts) is in it; the packages
// come from the chunks' source maps when the build wrote them.
import { existsSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { gzipSync } from "node:zlib";

const REPO_ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");

/**
 * The manifest keys of the chunks the entry loads before anything runs: the
 * entry and, transitively, its static `imports` (not its `dynamicImports`).
 * @param {Record<string, { file: string, isEntry?: boolean, imports?: string[], dynamicImports?: string[] }>} manifest
 * @returns {{ entry: string, initial: string[], lazy: string[] }}
 */
export function initialChunks(manifest) {
  const entries = Object.entries(manifest).filter(([, chunk]) => chunk.isEntry);
  if (entries.length !== 1) throw new Error(`Expected one entry chunk in the manifest, found ${entries.length}.`);
  const [entry] = entries[0];
  const initial = [];
  const visit = (key) => {
    if (initial.includes(key)) return;
    const chunk = manifest[key];
    if (!chunk) throw new Error(`The manifest names a chunk it does not list: ${key}`);
    initial.push(key);
    for (const imported of chunk.imports ?? []) visit(imported);
  };
  visit(entry);
  const lazy = Object.keys(manifest).filter((key) => !initial.includes(key) && manifest[key].file.endsWith(".js"));
  return { entry, initial, lazy };
}

/**
 * The npm package a source-map source belongs to ("react-dom", "@apollo/client"), or null for our own code.
 * @param {string} source
 * @returns {string | null}
 */
export function packageOfSource(source) {
  const at = source.lastIndexOf("node_modules/");
  if (at < 0) return null;
  const [first, second] = source.slice(at + "node_modules/".length).split("/");
  if (!first) return null;
  return first.startsWith("@") && second ? `${first}/${second}` : first;
}

function readArguments(argv) {
  const options = { json: false, budgetKb: 300, forbid: ["recharts"], dist: join(REPO_ROOT, "apps/web/dist") };
  for (let index = 0; index < argv.length; index += 1) {
    const argument = argv[index];
    const value = () => {
      const next = argv[index + 1];
      if (next === undefined) throw new Error(`${argument} needs a value`);
      index += 1;
      return next;
    };
    if (argument === "--json") options.json = true;
    else if (argument === "--budget-kb") options.budgetKb = Number(value());
    else if (argument === "--forbid") options.forbid = value().split(",").filter(Boolean);
    else if (argument === "--dist") options.dist = resolve(value());
    else throw new Error(`Unknown argument ${argument}`);
  }
  if (!Number.isFinite(options.budgetKb) || options.budgetKb <= 0) throw new Error("--budget-kb takes a positive number");
  return options;
}

function measure(dist, file) {
  const code = readFileSync(join(dist, file));
  const mapPath = join(dist, `${file}.map`);
  const packages = new Map();
  if (existsSync(mapPath)) {
    const map = JSON.parse(readFileSync(mapPath, "utf8"));
    (map.sources ?? []).forEach((source, index) => {
      const name = packageOfSource(source) ?? "(this app and its workspace packages)";
      packages.set(name, (packages.get(name) ?? 0) + (map.sourcesContent?.[index]?.length ?? 0));
    });
  }
  return { file, bytes: code.length, gzipBytes: gzipSync(code, { level: 9 }).length, packages };
}

const kb = (bytes) => Math.round(bytes / 10) / 100;

function main() {
  const options = readArguments(process.argv.slice(2));
  const manifestPath = join(options.dist, ".vite/manifest.json");
  if (!existsSync(manifestPath)) {
    console.error(`No ${manifestPath}: build the web app first (pnpm --filter @pyramid/web build).`);
    process.exit(2);
  }
  const manifest = JSON.parse(readFileSync(manifestPath, "utf8"));
  const { initial, lazy } = initialChunks(manifest);
  const initialFiles = initial.map((key) => measure(options.dist, manifest[key].file));
  const lazyFiles = lazy.map((key) => measure(options.dist, manifest[key].file));
  const total = initialFiles.reduce((sum, chunk) => sum + chunk.gzipBytes, 0);
  const totalRaw = initialFiles.reduce((sum, chunk) => sum + chunk.bytes, 0);
  const packages = new Map();
  for (const chunk of initialFiles)
    for (const [name, size] of chunk.packages) packages.set(name, (packages.get(name) ?? 0) + size);
  const forbidden = options.forbid.filter((name) => packages.has(name));
  const overBudget = total > options.budgetKb * 1000;

  const report = {
    initialJs: { gzipKb: kb(total), kb: kb(totalRaw), budgetKb: options.budgetKb, withinBudget: !overBudget },
    initialChunks: initialFiles.map((chunk) => ({ file: chunk.file, kb: kb(chunk.bytes), gzipKb: kb(chunk.gzipBytes) })),
    lazyChunks: lazyFiles.map((chunk) => ({ file: chunk.file, kb: kb(chunk.bytes), gzipKb: kb(chunk.gzipBytes) })),
    forbiddenInInitial: forbidden,
  };
  if (options.json) {
    console.log(JSON.stringify(report, null, 2));
  } else {
    console.log(
      `Initial JavaScript (entry + static imports): ${kb(total)} kB gzipped (${kb(totalRaw)} kB), budget ${options.budgetKb} kB`,
    );
    for (const chunk of report.initialChunks) console.log(`  ${chunk.file}  ${chunk.gzipKb} kB gzipped (${chunk.kb} kB)`);
    const largest = [...packages.entries()].sort((a, b) => b[1] - a[1]).slice(0, 8);
    if (largest.length > 0) {
      console.log("Largest sources in it (unminified, from the source maps):");
      for (const [name, size] of largest) console.log(`  ${name}  ${kb(size)} kB`);
    }
    const lazyTotal = lazyFiles.reduce((sum, chunk) => sum + chunk.gzipBytes, 0);
    console.log(`Loaded later, page by page: ${lazyFiles.length} chunks, ${kb(lazyTotal)} kB gzipped in all`);
    for (const chunk of report.lazyChunks) console.log(`  ${chunk.file}  ${chunk.gzipKb} kB gzipped`);
  }
  if (forbidden.length > 0) console.error(`In the initial JavaScript, and it should not be: ${forbidden.join(", ")}`);
  if (overBudget) console.error(`The initial JavaScript is over its budget of ${options.budgetKb} kB gzipped.`);
  if (forbidden.length > 0 || overBudget) process.exit(1);
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) main();
