import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { MigrationError } from "../src/errors.js";
import { migrate, migrationAdvisoryLockKey } from "../src/migrate.js";
import { readMigrations } from "../src/migration-files.js";
import { openDatabase } from "../src/open-database.js";
import { defaultMigrationsDir } from "../src/repo-root.js";
import { tempMigrationsDir, type TempMigrations } from "./migration-fixtures.js";
import { createTestDatabase, testDatabaseKind, type TestDatabase } from "../src/testing/test-database.js";

const createWidget = `CREATE TABLE "widget" ("id" SERIAL PRIMARY KEY, "label" TEXT NOT NULL);`;
const createGadget = `CREATE TABLE "gadget" ("id" SERIAL PRIMARY KEY);`;

async function tableExists(db: TestDatabase, table: string): Promise<boolean> {
  const [row] = await db.migrationsExecutor.query<{ found: string | null }>("SELECT to_regclass($1)::text AS found", [
    `public.${table}`,
  ]);
  return row?.found != null;
}

async function migrationRows(db: TestDatabase) {
  return db.migrationsExecutor.query<{
    id: string;
    checksum: string;
    migration_name: string;
    finished_at: Date | null;
    started_at: Date;
    rolled_back_at: Date | null;
    logs: string | null;
    applied_steps_count: number;
  }>(`SELECT * FROM "_prisma_migrations" ORDER BY "migration_name"`);
}

function expectMigrationError(error: unknown, code: MigrationError["code"], migrationName?: string): MigrationError {
  expect(error).toBeInstanceOf(MigrationError);
  const migrationError = error as MigrationError;
  expect(migrationError.code).toBe(code);
  if (migrationName) {
    expect(migrationError.migrationName).toBe(migrationName);
    expect(migrationError.message).toContain(migrationName);
  }
  return migrationError;
}

describe(`the repository's migrations (${testDatabaseKind})`, () => {
  it("apply cleanly to an empty database, and a second run is a no-op", async () => {
    const repoMigrations = readMigrations(defaultMigrationsDir());
    const db = await createTestDatabase({ migrations: false });
    try {
      const first = await migrate(db);
      expect(first.applied).toEqual(repoMigrations.map((migration) => migration.name));
      expect(first.alreadyApplied).toBe(0);

      const second = await migrate(db);
      expect(second).toMatchObject({ applied: [], alreadyApplied: repoMigrations.length, notFoundLocally: [] });

      const rows = await migrationRows(db);
      expect(rows.map((row) => row.migration_name)).toEqual(repoMigrations.map((migration) => migration.name));
      // The Prisma client agrees with the migrated schema (every model's table exists).
      if (repoMigrations.length > 0) await expect(db.prisma.orgUnit.count()).resolves.toBe(0);
    } finally {
      await db.close();
    }
  });
});

describe(`migrate (${testDatabaseKind})`, () => {
  let migrations: TempMigrations;
  let db: TestDatabase;

  beforeEach(async () => {
    migrations = tempMigrationsDir();
    db = await createTestDatabase({ migrations: false });
  });
  afterEach(async () => {
    await db.close();
    migrations.remove();
  });

  it("records each migration in Prisma's _prisma_migrations layout with a sha256 checksum", async () => {
    const sqlPath = migrations.write("20250101000000_widget", createWidget);
    migrations.write("20250102000000_gadget", createGadget);
    const before = new Date(Date.now() - 1000);

    const report = await migrate(db, { migrationsDir: migrations.dir });

    expect(report.applied).toEqual(["20250101000000_widget", "20250102000000_gadget"]);
    const columns = await db.migrationsExecutor.query<{
      column_name: string;
      data_type: string;
      character_maximum_length: number | null;
      is_nullable: string;
      column_default: string | null;
    }>(
      `SELECT column_name, data_type, character_maximum_length, is_nullable, column_default
         FROM information_schema.columns WHERE table_name = '_prisma_migrations' ORDER BY ordinal_position`,
    );
    // What Prisma's schema engine creates on PostgreSQL.
    expect(columns).toEqual([
      {
        column_name: "id",
        data_type: "character varying",
        character_maximum_length: 36,
        is_nullable: "NO",
        column_default: null,
      },
      {
        column_name: "checksum",
        data_type: "character varying",
        character_maximum_length: 64,
        is_nullable: "NO",
        column_default: null,
      },
      {
        column_name: "finished_at",
        data_type: "timestamp with time zone",
        character_maximum_length: null,
        is_nullable: "YES",
        column_default: null,
      },
      {
        column_name: "migration_name",
        data_type: "character varying",
        character_maximum_length: 255,
        is_nullable: "NO",
        column_default: null,
      },
      { column_name: "logs", data_type: "text", character_maximum_length: null, is_nullable: "YES", column_default: null },
      {
        column_name: "rolled_back_at",
        data_type: "timestamp with time zone",
        character_maximum_length: null,
        is_nullable: "YES",
        column_default: null,
      },
      {
        column_name: "started_at",
        data_type: "timestamp with time zone",
        character_maximum_length: null,
        is_nullable: "NO",
        column_default: "now()",
      },
      {
        column_name: "applied_steps_count",
        data_type: "integer",
        character_maximum_length: null,
        is_nullable: "NO",
        column_default: "0",
      },
    ]);
    const [primaryKey] = await db.migrationsExecutor.query<{ columns: string }>(
      `SELECT string_agg(a.attname, ',') AS columns FROM pg_index i
         JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY(i.indkey)
        WHERE i.indrelid = '"_prisma_migrations"'::regclass AND i.indisprimary`,
    );
    expect(primaryKey?.columns).toBe("id");

    const [widget] = await migrationRows(db);
    expect(widget).toBeDefined();
    if (!widget) return;
    expect(widget.checksum).toBe(createHash("sha256").update(readFileSync(sqlPath)).digest("hex"));
    expect(widget.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(widget.applied_steps_count).toBe(1);
    expect(widget.logs).toBeNull();
    expect(widget.rolled_back_at).toBeNull();
    expect(widget.started_at.getTime()).toBeGreaterThanOrEqual(before.getTime());
    expect(widget.finished_at?.getTime()).toBeGreaterThanOrEqual(widget.started_at.getTime());
  });

  it("applies only what is new, and nothing when run again", async () => {
    migrations.write("20250101000000_widget", createWidget);
    expect((await migrate(db, { migrationsDir: migrations.dir })).applied).toEqual(["20250101000000_widget"]);

    migrations.write("20250102000000_gadget", createGadget);
    const second = await migrate(db, { migrationsDir: migrations.dir });
    expect(second).toMatchObject({ applied: ["20250102000000_gadget"], alreadyApplied: 1 });

    const third = await migrate(db, { migrationsDir: migrations.dir });
    expect(third).toMatchObject({ applied: [], alreadyApplied: 2 });
    expect(await migrationRows(db)).toHaveLength(2);
  });

  it("rolls a failing migration back completely, names it and the SQL error, and applies it once fixed", async () => {
    migrations.write("20250101000000_widget", createWidget);
    // The first statement succeeds, the second fails: the first must not survive.
    const brokenSql = `${createGadget}\nINSERT INTO "widget" ("label", "no_such_column")\n  VALUES ('a', 1);\n`;
    migrations.write("20250102000000_broken", brokenSql);
    migrations.write("20250103000000_after", `CREATE TABLE "after_broken" ("id" INT);`);

    const error = await migrate(db, { migrationsDir: migrations.dir }).catch((caught: unknown) => caught);

    const migrationError = expectMigrationError(error, "MIGRATION_FAILED", "20250102000000_broken");
    expect(migrationError.message).toContain('column "no_such_column" of relation "widget" does not exist');
    expect(migrationError.message).toContain("line 2");
    expect(migrationError.message).toContain("rolled back");
    expect(await tableExists(db, "widget")).toBe(true);
    expect(await tableExists(db, "gadget")).toBe(false);
    expect(await tableExists(db, "after_broken")).toBe(false);
    expect((await migrationRows(db)).map((row) => row.migration_name)).toEqual(["20250101000000_widget"]);

    migrations.write("20250102000000_broken", createGadget);
    const retry = await migrate(db, { migrationsDir: migrations.dir });
    expect(retry).toMatchObject({ applied: ["20250102000000_broken", "20250103000000_after"], alreadyApplied: 1 });
    expect(await tableExists(db, "gadget")).toBe(true);
  });

  it("refuses an applied migration that was edited, naming it, and applies nothing else", async () => {
    const widgetPath = migrations.write("20250101000000_widget", createWidget);
    await migrate(db, { migrationsDir: migrations.dir });

    migrations.write("20250101000000_widget", `${createWidget}\nALTER TABLE "widget" ADD COLUMN "extra" INT;`);
    migrations.write("20250102000000_gadget", createGadget);
    const error = await migrate(db, { migrationsDir: migrations.dir }).catch((caught: unknown) => caught);

    const migrationError = expectMigrationError(error, "CHECKSUM_MISMATCH", "20250101000000_widget");
    expect(migrationError.message).toContain("edited after it was applied");
    expect(await tableExists(db, "gadget")).toBe(false);
    expect(widgetPath).toContain("20250101000000_widget");
  });

  it("accepts an applied migration whose line endings changed (git autocrlf), as Prisma does", async () => {
    migrations.write("20250101000000_widget", `-- widget\n${createWidget}\n`);
    await migrate(db, { migrationsDir: migrations.dir });

    migrations.write("20250101000000_widget", `-- widget\r\n${createWidget}\r\n`);
    await expect(migrate(db, { migrationsDir: migrations.dir })).resolves.toMatchObject({ applied: [], alreadyApplied: 1 });
  });

  it("refuses to go on past a migration another tool started and never finished", async () => {
    migrations.write("20250101000000_widget", createWidget);
    await migrate(db, { migrationsDir: migrations.dir });
    await db.migrationsExecutor.query(
      `INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at, applied_steps_count)
       VALUES ('00000000-0000-4000-8000-000000000001', 'x', '20250102000000_half_done', now(), 0)`,
    );

    const error = await migrate(db, { migrationsDir: migrations.dir }).catch((caught: unknown) => caught);

    expectMigrationError(error, "PREVIOUSLY_FAILED", "20250102000000_half_done");
  });

  it("re-applies a migration marked rolled back, and reports applied migrations it does not know", async () => {
    migrations.write("20250101000000_widget", createWidget);
    await migrate(db, { migrationsDir: migrations.dir });
    await db.migrationsExecutor.exec(`DROP TABLE "widget"; UPDATE "_prisma_migrations" SET rolled_back_at = now();`);
    await db.migrationsExecutor.query(
      `INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at, finished_at, applied_steps_count)
       VALUES ('00000000-0000-4000-8000-000000000002', 'x', '20240101000000_from_the_future', now(), now(), 1)`,
    );

    const report = await migrate(db, { migrationsDir: migrations.dir });

    expect(report).toMatchObject({
      applied: ["20250101000000_widget"],
      alreadyApplied: 0,
      notFoundLocally: ["20240101000000_from_the_future"],
    });
    expect(await tableExists(db, "widget")).toBe(true);
  });

  it("refuses a migration directory without migration.sql, or SQL that ends the transaction", async () => {
    migrations.write("20250101000000_widget", `${createWidget}\nCOMMIT;\n${createGadget}`);
    let error = await migrate(db, { migrationsDir: migrations.dir }).catch((caught: unknown) => caught);
    expectMigrationError(error, "BAD_MIGRATIONS_DIR", "20250101000000_widget");

    migrations.remove();
    migrations = tempMigrationsDir();
    migrations.write("20250101000000_widget", createWidget);
    const { mkdirSync } = await import("node:fs");
    mkdirSync(join(migrations.dir, "20250102000000_empty"));
    error = await migrate(db, { migrationsDir: migrations.dir }).catch((caught: unknown) => caught);
    expectMigrationError(error, "BAD_MIGRATIONS_DIR", "20250102000000_empty");
    expect(await tableExists(db, "widget")).toBe(false);
  });

  it("treats a missing migrations directory as no migrations", async () => {
    const report = await migrate(db, { migrationsDir: join(migrations.dir, "does-not-exist") });
    expect(report).toMatchObject({ applied: [], alreadyApplied: 0 });
  });
});

describe.runIf(testDatabaseKind === "postgres")("migrate on a shared PostgreSQL database", () => {
  let migrations: TempMigrations;
  let db: TestDatabase;

  beforeEach(async () => {
    migrations = tempMigrationsDir();
    db = await createTestDatabase({ migrations: false });
  });
  afterEach(async () => {
    await db.close();
    migrations.remove();
  });

  it("lets concurrent runs apply each migration exactly once", async () => {
    migrations.write("20250101000000_widget", `${createWidget}\nSELECT pg_sleep(0.3);`);
    migrations.write("20250102000000_gadget", createGadget);
    const others = await Promise.all([1, 2, 3].map(() => openDatabase({ databaseUrl: db.url, env: {} })));
    try {
      const reports = await Promise.all([db, ...others].map((each) => migrate(each, { migrationsDir: migrations.dir })));

      const appliedNames = reports.flatMap((report) => report.applied).sort();
      expect(appliedNames).toEqual(["20250101000000_widget", "20250102000000_gadget"]);
      expect(await migrationRows(db)).toHaveLength(2);
    } finally {
      await Promise.all(others.map((other) => other.close()));
    }
  });

  it("gives up with LOCK_TIMEOUT while another session holds the migration lock", async () => {
    migrations.write("20250101000000_widget", createWidget);
    const other = await openDatabase({ databaseUrl: db.url, env: {} });
    try {
      const error = await other.migrationsExecutor.session(async (session) => {
        await session.query("SELECT pg_advisory_lock($1)", [migrationAdvisoryLockKey]);
        return migrate(db, { migrationsDir: migrations.dir, lockTimeoutMs: 600 }).catch((caught: unknown) => caught);
      });
      expectMigrationError(error, "LOCK_TIMEOUT");
      expect(await tableExists(db, "widget")).toBe(false);
    } finally {
      await other.close();
    }
  });
});
