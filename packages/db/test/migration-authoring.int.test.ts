import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { MigrationAuthoringError } from "../src/errors.js";
import { migrate } from "../src/migrate.js";
import { createMigration, snapshotHeader } from "../src/migration-authoring.js";
import { tempDir } from "./migration-fixtures.js";
import { createTestDatabase, testDatabaseKind } from "../src/testing/test-database.js";

const datasource = `datasource db {\n  provider = "postgresql"\n  url      = env("DATABASE_URL")\n}\n`;
const schemaV1 = `${datasource}\nmodel Widget {\n  id    Int    @id @default(autoincrement())\n  label String\n}\n`;
const schemaV2 = `${datasource}\nmodel Widget {\n  id    Int    @id @default(autoincrement())\n  label String\n  size  Int    @default(1)\n}\n`;

// Each createMigration runs the Prisma CLI: 5 s alone, over 15 s on a busy machine.
describe(`createMigration (pnpm db:migration:new), applied on ${testDatabaseKind}`, () => {
  let work: { path: string; remove(): void };
  let schemaPath: string;
  let migrationsDir: string;

  beforeEach(() => {
    work = tempDir("pyramid-authoring-");
    schemaPath = join(work.path, "schema.prisma");
    migrationsDir = join(work.path, "migrations");
  });
  afterEach(() => work.remove());

  it("writes the diff from the schema snapshot, refuses an empty diff, and the result applies", async () => {
    writeFileSync(schemaPath, schemaV1);
    const now = new Date("2025-03-01T08:00:00Z");
    const first = createMigration({ name: "create widget", schemaPath, migrationsDir, now });

    expect(first.name).toBe("20250301080000_create_widget");
    expect(first.sql).toContain('CREATE TABLE "Widget"');
    expect(readFileSync(join(first.directory, "migration.sql"), "utf8")).toBe(first.sql);
    // The migration directory holds only its SQL; the one snapshot beside them names it.
    expect(readdirSync(first.directory)).toEqual(["migration.sql"]);
    const snapshotPath = join(migrationsDir, "schema.snapshot.prisma");
    expect(first.snapshotPath).toBe(snapshotPath);
    expect(readFileSync(snapshotPath, "utf8")).toBe(
      `// Schema snapshot after migration 20250301080000_create_widget. Written by pnpm db:migration:new, which diffs the next change from it; do not edit.\n${schemaV1}`,
    );
    expect(readFileSync(join(migrationsDir, "migration_lock.toml"), "utf8")).toContain('provider = "postgresql"');

    const unchanged = (() => {
      try {
        createMigration({ name: "nothing", schemaPath, migrationsDir, now });
        return undefined;
      } catch (error) {
        return error;
      }
    })();
    expect(unchanged).toBeInstanceOf(MigrationAuthoringError);
    expect((unchanged as MigrationAuthoringError).code).toBe("NO_CHANGES");
    expect((unchanged as MigrationAuthoringError).message).toContain("20250301080000_create_widget");

    writeFileSync(schemaPath, schemaV2);
    // Same clock reading as the first: the timestamp still moves forward, so order holds.
    const second = createMigration({ name: "addWidgetSize", schemaPath, migrationsDir, now });
    expect(second.name).toBe("20250301080001_add_widget_size");
    expect(second.sql).toMatch(/ALTER TABLE "Widget" ADD COLUMN\s+"size" INTEGER NOT NULL DEFAULT 1/);
    expect(second.sql).not.toContain("CREATE TABLE");
    expect(readdirSync(migrationsDir).sort()).toEqual([first.name, second.name, "migration_lock.toml", "schema.snapshot.prisma"]);
    expect(readdirSync(second.directory)).toEqual(["migration.sql"]);
    expect(readFileSync(snapshotPath, "utf8")).toBe(snapshotHeader(second.name) + schemaV2);

    const db = await createTestDatabase({ migrations: migrationsDir });
    try {
      expect(db.migrationReport?.applied).toEqual([first.name, second.name]);
      const [column] = await db.migrationsExecutor.query<{ column_default: string }>(
        `SELECT column_default FROM information_schema.columns WHERE table_name = 'Widget' AND column_name = 'size'`,
      );
      expect(column?.column_default).toBe("1");
      expect(await migrate(db, { migrationsDir })).toMatchObject({ applied: [], alreadyApplied: 2 });
    } finally {
      await db.close();
    }
  }, 300_000);

  it("refuses to diff from a snapshot that is not of the newest migration, or from none, and writes nothing", () => {
    writeFileSync(schemaPath, schemaV2);
    // Two branches each added a migration: the snapshot is of the older one.
    for (const name of ["20250301080000_create_widget", "20250302080000_other_branch"]) {
      mkdirSync(join(migrationsDir, name), { recursive: true });
      writeFileSync(join(migrationsDir, name, "migration.sql"), "SELECT 1;\n");
    }
    const snapshotPath = join(migrationsDir, "schema.snapshot.prisma");
    writeFileSync(snapshotPath, snapshotHeader("20250301080000_create_widget") + schemaV1);
    expect(() => createMigration({ name: "add size", schemaPath, migrationsDir })).toThrow(
      expect.objectContaining({
        code: "DIFF_FAILED",
        message: expect.stringMatching(
          /after migration 20250301080000_create_widget, but the newest migration is 20250302080000_other_branch/,
        ),
      }),
    );
    writeFileSync(snapshotPath, schemaV1);
    expect(() => createMigration({ name: "add size", schemaPath, migrationsDir })).toThrow(
      expect.objectContaining({ code: "DIFF_FAILED", message: expect.stringContaining("unnamed") }),
    );
    rmSync(snapshotPath);
    expect(() => createMigration({ name: "add size", schemaPath, migrationsDir })).toThrow(
      expect.objectContaining({ code: "DIFF_FAILED", message: expect.stringContaining("no schema snapshot") }),
    );
    expect(readdirSync(migrationsDir).sort()).toEqual(["20250301080000_create_widget", "20250302080000_other_branch"]);
  });

  it("reports an invalid schema as DIFF_FAILED and writes nothing", () => {
    writeFileSync(schemaPath, `${datasource}\nmodel Broken {\n  id Int @id\n  other Missing\n}\n`);
    expect(() => createMigration({ name: "broken", schemaPath, migrationsDir })).toThrow(
      expect.objectContaining({ code: "DIFF_FAILED", message: expect.stringContaining("Missing") }),
    );
    expect(existsSync(migrationsDir) ? readdirSync(migrationsDir) : []).toEqual([]);
  }, 120_000);
});
