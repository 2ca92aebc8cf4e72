import { spawn, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { lockPathFor } from "../src/data-dir-lock.js";
import { DatabaseOpenError } from "../src/errors.js";
import { openDatabase } from "../src/open-database.js";
import { tempDir, tempMigrationsDir, type TempMigrations } from "./migration-fixtures.js";

const packageDir = fileURLToPath(new URL("..", import.meta.url));

function startHolder(dataDir: string, migrationsDir: string, label: string): Promise<ChildProcess> {
  const child = spawn(process.execPath, ["--import", "tsx", "test/fixtures/hold-database.ts", dataDir, migrationsDir, label], {
    cwd: packageDir,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  return new Promise((resolve, reject) => {
    child.stdout?.on("data", (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes("ready")) resolve(child);
    });
    child.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.on("exit", (code) => reject(new Error(`holder exited early (code ${String(code)}):\n${output}`)));
  });
}

function exitOf(child: ChildProcess): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  return new Promise((resolve) => child.once("exit", (code, signal) => resolve({ code, signal })));
}

describe("an embedded database held by another process", () => {
  let dataDir: { path: string; remove(): void };
  let migrations: TempMigrations;
  let child: ChildProcess | undefined;

  beforeEach(() => {
    dataDir = tempDir("pyramid-pglite-");
    migrations = tempMigrationsDir();
    migrations.write("20250101000000_widget", `CREATE TABLE "widget" ("id" SERIAL PRIMARY KEY, "label" TEXT NOT NULL);`);
  });
  afterEach(() => {
    if (child && child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
    dataDir.remove();
    migrations.remove();
  });

  it("is locked while that process runs, and closed cleanly with its data on SIGTERM and SIGINT", async () => {
    const store = join(dataDir.path, "pglite");
    child = await startHolder(store, migrations.dir, "first run");

    const error = await openDatabase({ dataDir: store, env: {} }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(DatabaseOpenError);
    expect((error as DatabaseOpenError).code).toBe("DATA_DIR_LOCKED");
    expect((error as DatabaseOpenError).message).toContain(`process ${String(child.pid)}`);

    const exited = exitOf(child);
    child.kill("SIGTERM");
    expect(await exited).toEqual({ code: 0, signal: null });
    expect(existsSync(lockPathFor(store))).toBe(false);

    // A second run on the same directory, stopped with Ctrl-C this time.
    child = await startHolder(store, migrations.dir, "second run");
    const exitedAgain = exitOf(child);
    child.kill("SIGINT");
    expect(await exitedAgain).toEqual({ code: 0, signal: null });

    const db = await openDatabase({ dataDir: store, env: {} });
    try {
      const rows = await db.prisma.$queryRaw<{ label: string }[]>`SELECT "label" FROM "widget" ORDER BY "id"`;
      expect(rows.map((row) => row.label)).toEqual(["first run", "second run"]);
    } finally {
      await db.close();
    }
  });
});
