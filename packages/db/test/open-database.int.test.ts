import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { hostname } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { lockPathFor } from "../src/data-dir-lock.js";
import { DatabaseOpenError, type DatabaseOpenErrorCode } from "../src/errors.js";
import { migrate } from "../src/migrate.js";
import { openDatabase, type OpenDatabaseOptions } from "../src/open-database.js";
import { tempDir, tempMigrationsDir, type TempMigrations } from "./migration-fixtures.js";
import { createTestDatabase, testDatabaseKind } from "../src/testing/test-database.js";

async function openError(options: OpenDatabaseOptions): Promise<DatabaseOpenError> {
  const outcome = await openDatabase(options).then(
    async (db) => {
      await db.close();
      return undefined;
    },
    (caught: unknown) => caught,
  );
  expect(outcome).toBeInstanceOf(DatabaseOpenError);
  return outcome as DatabaseOpenError;
}

async function expectOpenError(options: OpenDatabaseOptions, code: DatabaseOpenErrorCode, ...messageParts: string[]) {
  const error = await openError(options);
  expect(error.code).toBe(code);
  for (const part of messageParts) expect(error.message).toContain(part);
  return error;
}

describe(`the Prisma client on ${testDatabaseKind}`, () => {
  it("round-trips parameters of each kind through the driver adapter", async () => {
    const db = await createTestDatabase({ migrations: false });
    try {
      expect(db.kind).toBe(testDatabaseKind);
      const moment = new Date("2025-03-01T08:30:00.123Z");
      const [row] = await db.prisma.$queryRaw<
        { total: number; label: string; amount: { toString(): string }; at: Date; flag: boolean; nothing: null }[]
      >`SELECT ${41}::int + 1 AS total, ${"中文 text"}::text AS label, ${"0.10"}::numeric(18,2) + ${"0.20"}::numeric(18,2) AS amount,
               ${moment}::timestamptz AS at, ${true}::boolean AS flag, ${null}::text AS nothing`;
      expect(row?.total).toBe(42);
      expect(row?.label).toBe("中文 text");
      expect(row?.amount.toString()).toBe("0.3");
      expect(row?.at.toISOString()).toBe(moment.toISOString());
      expect(row?.flag).toBe(true);
      expect(row?.nothing).toBeNull();
      // Interactive transactions work on both (PGlite is single-connection).
      const sum = await db.prisma.$transaction(async (tx) => {
        const [first] = await tx.$queryRaw<{ one: number }[]>`SELECT 1::int AS one`;
        return (first?.one ?? 0) + 1;
      });
      expect(sum).toBe(2);
    } finally {
      await db.close();
    }
  });
});

describe("the embedded database on disk", () => {
  let dir: { path: string; remove(): void };
  let migrations: TempMigrations;
  let dataDir: string;

  beforeEach(() => {
    dir = tempDir("pyramid-pglite-");
    dataDir = join(dir.path, "pglite");
    migrations = tempMigrationsDir();
    migrations.write("20250101000000_widget", `CREATE TABLE "widget" ("id" SERIAL PRIMARY KEY, "label" TEXT NOT NULL);`);
  });
  afterEach(() => {
    dir.remove();
    migrations.remove();
  });

  it("keeps its data across close and reopen, and releases its lock on close", async () => {
    const first = await openDatabase({ dataDir, env: { DATABASE_URL: "" } });
    expect(first.kind).toBe("pglite");
    expect(first.describe).toBe(`embedded PGlite in ${dataDir}`);
    expect(existsSync(lockPathFor(dataDir))).toBe(true);
    await migrate(first, { migrationsDir: migrations.dir });
    await first.prisma.$executeRaw`INSERT INTO "widget" ("label") VALUES ('kept')`;
    await first.close();
    await first.close(); // twice is harmless
    expect(existsSync(lockPathFor(dataDir))).toBe(false);

    const second = await openDatabase({ dataDir, env: {} });
    try {
      expect(await migrate(second, { migrationsDir: migrations.dir })).toMatchObject({ applied: [], alreadyApplied: 1 });
      const rows = await second.prisma.$queryRaw<{ label: string }[]>`SELECT "label" FROM "widget"`;
      expect(rows).toEqual([{ label: "kept" }]);
    } finally {
      await second.close();
    }
  });

  it("refuses a second open of a directory that is in use, then allows it once closed", async () => {
    const db = await openDatabase({ dataDir, env: {} });
    try {
      await expectOpenError({ dataDir, env: {} }, "DATA_DIR_LOCKED", dataDir, "already open here");
    } finally {
      await db.close();
    }
    const again = await openDatabase({ dataDir, env: {} });
    await again.close();
  });

  it("takes over a lock left by a process that died", async () => {
    const dead = spawnSync(process.execPath, ["-e", ""]);
    expect(dead.status).toBe(0);
    mkdirSync(dir.path, { recursive: true });
    writeFileSync(
      lockPathFor(dataDir),
      JSON.stringify({ pid: dead.pid, hostname: hostname(), token: "stale", acquiredAt: "2025-01-01T00:00:00.000Z" }),
    );

    const db = await openDatabase({ dataDir, env: {} });
    try {
      expect(JSON.parse(readFileSync(lockPathFor(dataDir), "utf8"))).toMatchObject({ pid: process.pid });
    } finally {
      await db.close();
    }
  });

  it("takes over a lock with this process's PID that this process does not hold (a restarted container reuses PIDs)", async () => {
    mkdirSync(dir.path, { recursive: true });
    writeFileSync(
      lockPathFor(dataDir),
      JSON.stringify({
        pid: process.pid,
        hostname: hostname(),
        token: "left-by-an-earlier-life",
        acquiredAt: "2025-01-01T00:00:00.000Z",
      }),
    );

    const db = await openDatabase({ dataDir, env: {} });
    try {
      expect(JSON.parse(readFileSync(lockPathFor(dataDir), "utf8"))).toMatchObject({ pid: process.pid });
      expect(JSON.parse(readFileSync(lockPathFor(dataDir), "utf8")).token).not.toBe("left-by-an-earlier-life");
    } finally {
      await db.close();
    }
  });

  it("reports a data directory that is a file as DATA_DIR_UNUSABLE, and leaves no lock behind", async () => {
    mkdirSync(dir.path, { recursive: true });
    writeFileSync(dataDir, "not a directory");

    await expectOpenError({ dataDir, env: {} }, "DATA_DIR_UNUSABLE", dataDir, "PGLITE_DATA_DIR");
    expect(existsSync(lockPathFor(dataDir))).toBe(false);
    // Nothing of ours is held: a fixed path opens at once.
    const fixed = `${dataDir}-dir`;
    const db = await openDatabase({ dataDir: fixed, env: {} });
    await db.close();
  });

  it("takes over a garbled lock file (a crash while writing it)", async () => {
    writeFileSync(lockPathFor(dataDir), "{ not json");
    const db = await openDatabase({ dataDir, env: {} });
    await db.close();
    expect(existsSync(lockPathFor(dataDir))).toBe(false);
  });

  it("reports a damaged data directory as DATA_DIR_CORRUPT, and leaves no lock behind", async () => {
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(join(dataDir, "PG_VERSION"), "not a postgres data directory\n");

    await expectOpenError({ dataDir, env: {} }, "DATA_DIR_CORRUPT", dataDir, "backup");
    expect(existsSync(lockPathFor(dataDir))).toBe(false);
  });

  it("uses the directory given explicitly even when DATABASE_URL is set", async () => {
    const db = await openDatabase({ dataDir, env: { DATABASE_URL: "postgresql://postgres@127.0.0.1:1/nowhere" } });
    expect(db.kind).toBe("pglite");
    await db.close();
  });

  it("uses PGLITE_DATA_DIR from the environment", async () => {
    const db = await openDatabase({ env: { PGLITE_DATA_DIR: dataDir } });
    try {
      expect(db.describe).toBe(`embedded PGlite in ${dataDir}`);
    } finally {
      await db.close();
    }
  });
});

describe("connection problems give a code and advice", () => {
  it("BAD_URL for a URL that is not PostgreSQL's, unparsable, or without a host", async () => {
    await expectOpenError({ databaseUrl: "mysql://root@localhost/app" }, "BAD_URL", "postgresql://");
    const unparsable = await expectOpenError({ databaseUrl: "postgres is on my laptop:secret" }, "BAD_URL", "not a valid URL");
    expect(unparsable.message).not.toContain("secret");
    await expectOpenError({ env: { DATABASE_URL: "postgresql:///app" } }, "BAD_URL", "names no host");
  });

  it("CONNECTION_REFUSED when nothing listens at the address, without echoing the password", async () => {
    const error = await expectOpenError(
      { databaseUrl: "postgresql://app:s3cret@127.0.0.1:1/app" },
      "CONNECTION_REFUSED",
      "127.0.0.1:1",
      "Start PostgreSQL",
    );
    expect(error.message).not.toContain("s3cret");
    // A host name with several addresses (::1 and 127.0.0.1) fails as an AggregateError.
    await expectOpenError({ env: { DATABASE_URL: "postgresql://app@localhost:1/app" } }, "CONNECTION_REFUSED", "localhost:1");
  });

  it("CONNECTION_REFUSED when the host name does not resolve", async () => {
    await expectOpenError(
      { databaseUrl: "postgresql://app@no-such-host.invalid:5432/app" },
      "CONNECTION_REFUSED",
      "does not resolve",
    );
  });

  describe.runIf(testDatabaseKind === "postgres")("against the test PostgreSQL server", () => {
    const server = new URL(process.env.TEST_DATABASE_URL ?? "postgresql://localhost");

    it("DATABASE_MISSING names the database and how to create it", async () => {
      const url = new URL(server.href);
      url.pathname = "/pyramid_no_such_database";
      await expectOpenError({ databaseUrl: url.href }, "DATABASE_MISSING", '"pyramid_no_such_database"', "CREATE DATABASE");
    });

    it("AUTH_FAILED names the user that was refused", async () => {
      const url = new URL(server.href);
      url.username = "pyramid_no_such_role";
      await expectOpenError({ databaseUrl: url.href }, "AUTH_FAILED", '"pyramid_no_such_role"', "DATABASE_URL");
    });

    it("opens PostgreSQL when DATABASE_URL is set, describing it without the password", async () => {
      const url = new URL(server.href);
      url.password = "unused-with-trust-auth";
      const db = await openDatabase({ env: { DATABASE_URL: url.href } });
      try {
        expect(db.kind).toBe("postgres");
        expect(db.describe).toContain(url.host);
        expect(db.describe).not.toContain("unused-with-trust-auth");
      } finally {
        await db.close();
      }
    });
  });
});
