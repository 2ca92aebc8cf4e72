// The real start-up script as a child process: configuration, database,
// migrations, demo seed, listening, and a clean shutdown on SIGTERM.
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { migrate, openDatabase } from "@pyramid/db";
import { createTestDatabase, testDatabaseKind } from "@pyramid/db/testing";
import { describe, expect, it } from "vitest";

const SERVER_DIR = join(dirname(fileURLToPath(import.meta.url)), "..");

interface Started {
  readonly child: ChildProcess;
  readonly output: () => string;
  readonly exited: Promise<number | null>;
}

function startMain(env: Record<string, string>): Started {
  // NODE_ENV as a user's shell has it (unset), not vitest's "test": libraries behave differently under "test".
  const childEnv: Record<string, string | undefined> = { ...process.env, DATABASE_URL: undefined, NODE_ENV: undefined, ...env };
  // As `pnpm start` runs it (apps/server/package.json): node itself gets the signals. (The tsx
  // CLI as a parent process SIGKILLs a child that does not acknowledge a signal within 30 ms,
  // which a process busy in PGlite cannot do.)
  const child = spawn(process.execPath, ["--import", "tsx", "src/main.ts"], { cwd: SERVER_DIR, env: childEnv });
  let output = "";
  child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  return { child, output: () => output, exited };
}

async function waitForOutput(started: Started, pattern: RegExp, timeoutMs = 60_000): Promise<RegExpMatchArray> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const match = started.output().match(pattern);
    if (match) return match;
    if (started.child.exitCode !== null || Date.now() > deadline) {
      throw new Error(`Expected ${pattern} in the server's output, got:\n${started.output()}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Starts the server again on the same data, expects no new migration, stops it; returns its output. */
async function restartWithNothingToMigrate(env: Record<string, string>): Promise<string> {
  const again = startMain(env);
  try {
    await waitForOutput(again, /running at /, 120_000);
    expect(again.output()).toContain("(0 new)");
    again.child.kill("SIGTERM");
    expect(await again.exited).toBe(0);
    return again.output();
  } finally {
    again.child.kill("SIGKILL");
  }
}

/** Resolves when something can listen on the port again. */
function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.once("error", () => resolve(false));
    probe.listen(port, "127.0.0.1", () => probe.close(() => resolve(true)));
  });
}

describe("the start script (apps/server/package.json), as pnpm runs it: sh -c '<script>'", () => {
  it("leaves no orphan: SIGTERM to the launched process stops the server, frees the port and the lock, exit code 0", async () => {
    const { scripts } = JSON.parse(readFileSync(join(SERVER_DIR, "package.json"), "utf8")) as { scripts: { start: string } };
    const dataDir = await mkdtemp(join(tmpdir(), "pyramid-main-int-"));
    const store = join(dataDir, "pglite");
    const env = {
      ...process.env,
      DATABASE_URL: undefined,
      NODE_ENV: undefined,
      PORT: "0",
      HOST: "127.0.0.1",
      PGLITE_DATA_DIR: store,
    };
    const child = spawn("sh", ["-c", scripts.start], { cwd: SERVER_DIR, env });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
    const started: Started = { child, output: () => output, exited };
    try {
      const [, port] = await waitForOutput(started, /running at http:\/\/127\.0\.0\.1:(\d+) /, 120_000);
      expect(await portIsFree(Number(port))).toBe(false);
      child.kill("SIGTERM"); // the launched process's own PID, as a service manager would signal it
      expect(await exited).toBe(0);
      expect(output).toContain(`[db] closed embedded PGlite in ${store}`);
      expect(output).not.toContain("received again");
      expect(await portIsFree(Number(port))).toBe(true);
      expect(existsSync(`${store}.lock`)).toBe(false);
    } finally {
      child.kill("SIGKILL");
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});

describe("main.ts", () => {
  it("migrates, seeds an empty embedded database once, serves the health query, and closes on SIGTERM", async () => {
    const dataDir = await mkdtemp(join(tmpdir(), "pyramid-main-int-"));
    const env = { PORT: "0", HOST: "127.0.0.1", PGLITE_DATA_DIR: dataDir };
    try {
      const first = startMain(env);
      try {
        const [, url] = await waitForOutput(first, /running at (http:\/\/\S+) /, 120_000);
        expect(first.output()).toContain(`[db] opening the embedded database (PGlite) in ${dataDir}…`);
        expect(first.output()).toContain("[db] checking migrations…");
        expect(first.output()).toMatch(/\[db\] applying \d{14}_init/);
        expect(first.output()).toMatch(/\[db\] \d+ migrations applied/);
        expect(first.output()).toContain("[db] the embedded database is empty: adding the demo company");
        expect(first.output()).toContain("[db] demo company added");
        const response = await fetch(`${url}/graphql`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ query: "{ health { status database } }" }),
        });
        expect(await response.json()).toEqual({ data: { health: { status: "OK", database: "PGLITE" } } });
        first.child.kill("SIGTERM");
        expect(await first.exited).toBe(0);
        expect(first.output()).toContain(`[db] closed embedded PGlite in ${dataDir}`);
        expect(first.output()).not.toContain("received again");
      } finally {
        first.child.kill("SIGKILL");
      }

      // The data survived the shutdown: nothing to migrate, nothing to seed.
      expect(await restartWithNothingToMigrate(env)).not.toContain("demo company");
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });

  it("closes the embedded database cleanly on Ctrl-C during the first-start seed, and starts again afterwards", async () => {
    const dataDir = await mkdtemp(join(tmpdir(), "pyramid-main-int-"));
    const store = join(dataDir, "pglite");
    const env = { PORT: "0", HOST: "127.0.0.1", PGLITE_DATA_DIR: store };
    try {
      const first = startMain(env);
      try {
        await waitForOutput(first, /adding the demo company/, 120_000);
        first.child.kill("SIGINT");
        expect(await first.exited).toBe(0);
        expect(first.output()).toContain(`[db] closed embedded PGlite in ${store}`);
        expect(first.output()).not.toContain("did not start");
        expect(existsSync(`${store}.lock`)).toBe(false);
      } finally {
        first.child.kill("SIGKILL");
      }

      await restartWithNothingToMigrate(env);
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });

  it("refuses to start on a database whose applied migration was edited, and closes it", async () => {
    const dataDir = await mkdtemp(join(tmpdir(), "pyramid-main-int-"));
    const store = join(dataDir, "pglite");
    try {
      const db = await openDatabase({ dataDir: store, env: {} });
      try {
        await migrate(db);
        // As if prisma/migrations/<init>/migration.sql had changed since it was applied.
        await db.migrationsExecutor.exec(`UPDATE "_prisma_migrations" SET "checksum" = repeat('0', 64)`);
      } finally {
        await db.close();
      }

      const started = startMain({ PORT: "0", HOST: "127.0.0.1", PGLITE_DATA_DIR: store });
      expect(await started.exited).toBe(1);
      expect(started.output()).toContain("Pyramid Planner did not start.");
      expect(started.output()).toContain("could not be migrated");
      expect(started.output()).toContain("was edited after it was applied");
      expect(started.output()).not.toContain("running at");
      expect(existsSync(`${store}.lock`)).toBe(false);
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });

  it.runIf(testDatabaseKind === "postgres")(
    "on an empty PostgreSQL database, says how to load the demo company and does not load it",
    async () => {
      const db = await createTestDatabase();
      try {
        const started = startMain({ PORT: "0", HOST: "127.0.0.1", DATABASE_URL: db.url ?? "" });
        try {
          await waitForOutput(started, /running at /, 120_000);
          expect(started.output()).toContain("[db] connecting to PostgreSQL (DATABASE_URL)…");
          expect(started.output()).toContain("[db] the database is empty: `pnpm db:seed` loads the demo company");
          expect(started.output()).not.toContain("adding the demo company");
          started.child.kill("SIGTERM");
          expect(await started.exited).toBe(0);
        } finally {
          started.child.kill("SIGKILL");
        }
      } finally {
        await db.close();
      }
    },
  );

  it("refuses to start on invalid configuration and says why", async () => {
    const started = startMain({ PORT: "not-a-port", PGLITE_DATA_DIR: "memory://" });
    expect(await started.exited).toBe(1);
    expect(started.output()).toContain("Pyramid Planner did not start.");
    expect(started.output()).toContain('PORT="not-a-port"');
  });

  it("refuses to start when the database cannot be opened", async () => {
    const started = startMain({ DATABASE_URL: "postgresql://nobody@127.0.0.1:1/none", PGLITE_DATA_DIR: "" });
    expect(await started.exited).toBe(1);
    expect(started.output()).toContain("Could not open the database");
  });
});
