#!/usr/bin/env node
// Runs the Prisma CLI with our config. Prisma 6 tries to download a native
// query engine when DATABASE_URL is unset, even though we use the WASM engine
// and driver adapters; any placeholder URL keeps it offline.
import { spawnSync } from "node:child_process";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const prismaCli = createRequire(join(root, "package.json")).resolve("prisma/build/index.js");
const args = [prismaCli, ...process.argv.slice(2), "--config", join(root, "prisma/prisma.config.ts")];
const env = {
  ...process.env,
  DATABASE_URL: process.env.DATABASE_URL || "postgresql://offline@localhost/placeholder",
  PRISMA_HIDE_UPDATE_MESSAGE: "1",
};
const result = spawnSync(process.execPath, args, { stdio: "inherit", cwd: root, env });
process.exit(result.status ?? 1);
