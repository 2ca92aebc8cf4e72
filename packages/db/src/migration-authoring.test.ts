import { describe, expect, it } from "vitest";
import { MigrationAuthoringError } from "./errors.js";
import {
  isEmptyMigration,
  migrationTimestamp,
  snapshotHeader,
  snapshotMigrationName,
  toMigrationName,
} from "./migration-authoring.js";

describe("toMigrationName", () => {
  it.each([
    ["add_plan_status", "add_plan_status"],
    ["Add plan status", "add_plan_status"],
    ["addPlanStatus", "add_plan_status"],
    ["  expense-cap  v2 ", "expense_cap_v2"],
    ["init", "init"],
  ])("%j becomes %j", (raw, expected) => {
    expect(toMigrationName(raw)).toBe(expected);
  });

  it.each(["", "  ", "drop table;", "../escape", "2025_fix", "__", "x".repeat(81), "计划"])("refuses %j", (raw) => {
    expect(() => toMigrationName(raw)).toThrow(MigrationAuthoringError);
  });
});

describe("migrationTimestamp", () => {
  it("is UTC yyyymmddHHMMSS", () => {
    expect(migrationTimestamp(new Date("2025-03-01T08:05:09.999Z"))).toBe("20250301080509");
  });
});

describe("isEmptyMigration", () => {
  it("sees Prisma's empty-diff output as empty, and any statement as not", () => {
    expect(isEmptyMigration("-- This is an empty migration.\n")).toBe(true);
    expect(isEmptyMigration("")).toBe(true);
    expect(isEmptyMigration('-- AlterTable\nALTER TABLE "a" ADD COLUMN "b" INT;\n')).toBe(false);
  });
});

describe("the schema snapshot header", () => {
  it("names the migration the snapshot is the schema of, and reads back", () => {
    const header = snapshotHeader("20261129121624_data_model_seams");
    expect(header).toMatch(/^\/\/ Schema snapshot after migration 20261129121624_data_model_seams\. .*\n$/);
    expect(snapshotMigrationName(`${header}datasource db {}\n`)).toBe("20261129121624_data_model_seams");
  });

  it("reads no name from a schema without the header", () => {
    expect(snapshotMigrationName("// The whole data model\nmodel A { id Int @id }\n")).toBeUndefined();
    expect(snapshotMigrationName("")).toBeUndefined();
  });
});
