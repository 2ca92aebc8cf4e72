// Migration 20261129121624_data_model_seams on a database that already holds rows of the
// model before it: what the old columns said is carried over before they are dropped
// (one role per user → role assignments, linked metric codes → section links, cell row ids
// → cell coordinates). Written with SQL, because the Prisma client knows only the new model.
import { cpSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { migrate } from "../src/migrate.js";
import { readMigrations } from "../src/migration-files.js";
import { defaultMigrationsDir } from "../src/repo-root.js";
import { createTestDatabase, testDatabaseKind, type TestDatabase } from "../src/testing/test-database.js";
import { tempDir } from "./migration-fixtures.js";

const seams = "20261129121624_data_model_seams";

let work: { path: string; remove(): void };
let db: TestDatabase;

const ids = {
  hq: "unit-hq",
  city: "unit-city",
  planner: "user-planner",
  reviewer: "user-reviewer",
  revenue: "metric-revenue",
  volume: "metric-volume",
  cycle: "cycle-2027",
  plan: "plan-city",
  section: "section-split",
  category: "category-channel",
  rebate: "item-rebate",
};

beforeAll(async () => {
  work = tempDir("pyramid-seams-");
  const all = readMigrations(defaultMigrationsDir()).map((migration) => migration.name);
  expect(all).toContain(seams);
  const before = all.slice(0, all.indexOf(seams));
  for (const name of before) cpSync(join(defaultMigrationsDir(), name), join(work.path, name), { recursive: true });
  db = await createTestDatabase({ migrations: work.path });
  expect(db.migrationReport?.applied).toEqual(before);

  const at = `'2026-11-15T00:00:00Z'`;
  await db.migrationsExecutor.exec(`
    INSERT INTO "OrgUnit" ("id", "code", "nameZh", "nameEn", "level", "parentId", "path", "depth", "updatedAt") VALUES
      ('${ids.hq}', 'HQ', '总部', 'HQ', 'HQ', NULL, '/${ids.hq}/', 1, ${at}),
      ('${ids.city}', 'GZ', '广州', 'Guangzhou', 'CITY', '${ids.hq}', '/${ids.hq}/${ids.city}/', 2, ${at});
    INSERT INTO "User" ("id", "login", "displayName", "passwordHash", "role", "orgUnitId", "updatedAt") VALUES
      ('${ids.planner}', 'gz.planner', '王伟', 'x', 'PLANNER', '${ids.city}', ${at}),
      ('${ids.reviewer}', 'hq.reviewer', '李芳', 'x', 'REVIEWER', '${ids.hq}', ${at});
    INSERT INTO "Metric" ("id", "code", "nameZh", "nameEn", "unit", "scale", "aggregation") VALUES
      ('${ids.revenue}', 'SALES_REVENUE', '销售额', 'Revenue', 'CNY', 2, 'SUM'),
      ('${ids.volume}', 'SALES_VOLUME', '销量', 'Volume', 'UNIT', 0, 'SUM');
    INSERT INTO "PlanCycle" ("id", "code", "year", "nameZh", "nameEn", "opensOn", "closesOn", "updatedAt")
      VALUES ('${ids.cycle}', 'FY2027', 2027, '2027', '2027', '2026-11-15', '2027-01-10', ${at});
    INSERT INTO "Plan" ("id", "cycleId", "orgUnitId", "updatedAt") VALUES ('${ids.plan}', '${ids.cycle}', '${ids.city}', ${at});
    INSERT INTO "PlanSection" ("id", "planId", "code", "body", "linkedMetricCodes", "updatedAt")
      VALUES ('${ids.section}', '${ids.plan}', 'METHOD_TARGET_SPLIT', '按品规分解', ARRAY['SALES_REVENUE', 'SALES_VOLUME', 'SALES_REVENUE', 'RETIRED_METRIC'], ${at});
    INSERT INTO "TargetCell" ("id", "planId", "metricId", "month", "dimensionKey", "baseValue", "updatedAt")
      VALUES (1, '${ids.plan}', '${ids.revenue}', 3, '', 12000.00, ${at});
    INSERT INTO "ExpenseCategory" ("id", "code", "nameZh", "nameEn", "controllability", "sortOrder")
      VALUES ('${ids.category}', 'CHANNEL', '渠道费用', 'Channel', 'LOW', 4);
    INSERT INTO "ExpenseItem" ("id", "code", "categoryId", "nameZh", "nameEn", "sortOrder")
      VALUES ('${ids.rebate}', 'CHANNEL_DISTRIBUTOR_REBATE', '${ids.category}', '经销商年终折让', 'Rebate', 5);
    INSERT INTO "ExpenseCell" ("id", "planId", "itemId", "month", "dimensionKey", "amount", "updatedAt")
      VALUES (7, '${ids.plan}', '${ids.rebate}', 12, '', 500.00, ${at});
    INSERT INTO "Comment" ("id", "planId", "targetCellId", "body") VALUES ('comment-target', '${ids.plan}', 1, '三月依据？');
    INSERT INTO "Comment" ("id", "planId", "expenseCellId", "body") VALUES ('comment-expense', '${ids.plan}', 7, '折让比例？');
    INSERT INTO "Comment" ("id", "planId", "sectionCode", "body") VALUES ('comment-section', '${ids.plan}', 'METHOD_TARGET_SPLIT', '写清楚');
    INSERT INTO "Objection" ("id", "planId", "targetCellId", "reason") VALUES ('objection-cell', '${ids.plan}', 1, '任务过重');
  `);

  cpSync(join(defaultMigrationsDir(), seams), join(work.path, seams), { recursive: true });
  const report = await migrate(db, { migrationsDir: work.path });
  expect(report.applied).toEqual([seams]);
});

afterAll(async () => {
  await db?.close();
  work?.remove();
});

describe(`migration ${seams} over existing rows, on ${testDatabaseKind}`, () => {
  it("gives each user their one former role, at their former unit, as a role assignment", async () => {
    const rows = await db.migrationsExecutor.query<{ userId: string; role: string; orgUnitId: string }>(
      `SELECT "userId", "role"::text AS "role", "orgUnitId" FROM "RoleAssignment" ORDER BY "userId"`,
    );
    expect(rows).toEqual([
      { userId: ids.planner, role: "PLANNER", orgUnitId: ids.city },
      { userId: ids.reviewer, role: "REVIEWER", orgUnitId: ids.hq },
    ]);
    const columns = await db.migrationsExecutor.query<{ column_name: string }>(
      `SELECT column_name FROM information_schema.columns WHERE table_name = 'User' AND column_name IN ('role', 'orgUnitId')`,
    );
    expect(columns).toEqual([]);
  });

  it("turns linked metric codes into one link per known metric", async () => {
    const links = await db.migrationsExecutor.query<{ metricId: string; productSpecId: string | null }>(
      `SELECT "metricId", "productSpecId" FROM "PlanSectionLink" WHERE "sectionId" = '${ids.section}' ORDER BY "metricId"`,
    );
    expect(links).toEqual([
      { metricId: ids.revenue, productSpecId: null },
      { metricId: ids.volume, productSpecId: null },
    ]);
  });

  it("anchors comments and objections on cell rows by the cells' coordinates", async () => {
    const comments = await db.migrationsExecutor.query<Record<string, unknown>>(
      `SELECT "id", "metricId", "itemId", "month", "dimensionKey", "sectionCode" FROM "Comment" ORDER BY "id"`,
    );
    expect(comments).toEqual([
      { id: "comment-expense", metricId: null, itemId: ids.rebate, month: 12, dimensionKey: "", sectionCode: null },
      {
        id: "comment-section",
        metricId: null,
        itemId: null,
        month: null,
        dimensionKey: null,
        sectionCode: "METHOD_TARGET_SPLIT",
      },
      { id: "comment-target", metricId: ids.revenue, itemId: null, month: 3, dimensionKey: "", sectionCode: null },
    ]);
    const objections = await db.migrationsExecutor.query<Record<string, unknown>>(
      `SELECT "metricId", "month", "dimensionKey" FROM "Objection"`,
    );
    expect(objections).toEqual([{ metricId: ids.revenue, month: 3, dimensionKey: "" }]);
  });

  it("computes the breakdown axis of the cells already there", async () => {
    const cells = await db.migrationsExecutor.query<{ axis: string | null }>(
      `SELECT "breakdownAxis"::text AS axis FROM "TargetCell"`,
    );
    expect(cells).toEqual([{ axis: null }]);
  });
});
