// The actuals import on the real app (createApp, fastify.inject, session cookies) and database,
// with the files of apps/server/test-data/imports (make-files.ts writes them). Every expected
// row error, count and value is worked by hand from those files (see make-files.ts), and the
// database is read back with SQL.
//
//   HQ ── P1 ── K1 (东城县: terminal T1, distributor D1), K2 (西城县)
//     └── P2 ── K3
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import {
  createChannel,
  createDistributor,
  createOrgUnit,
  createProductSpec,
  createTerminal,
  createUser,
  ensureExpenseTree,
  ensureStandardMetrics,
  TEST_PASSWORD_COST,
  useTestDatabase,
} from "@pyramid/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp, type App } from "../../app.js";

const DATA = join(dirname(fileURLToPath(import.meta.url)), "../../../test-data/imports");
const file = (name: string) => readFileSync(join(DATA, name));

const getDb = useTestDatabase();
let app: App;
const cookies: Record<string, string> = {};

async function signIn(login: string): Promise<string> {
  const response = await app.fastify.inject({
    method: "POST",
    url: "/graphql",
    headers: { "content-type": "application/json" },
    payload: {
      query: "mutation($l: String!, $p: String!) { login(login: $l, password: $p) { expiresAt } }",
      variables: { l: login, p: "test1234" },
    },
  });
  const cookie = [response.headers["set-cookie"] ?? []]
    .flat()
    .find((header) => header.startsWith("pp_session="))
    ?.split(";", 1)[0];
  if (cookie === undefined) throw new Error(`${login} did not sign in: ${response.body}`);
  return cookie;
}

function multipart(fileName: string, content: Buffer, field = "file") {
  const boundary = "----pyramid-test-boundary";
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="${field}"; filename="${fileName}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  return { body: Buffer.concat([head, content, tail]), contentType: `multipart/form-data; boundary=${boundary}` };
}

interface Upload {
  readonly status: number;
  readonly lines: Record<string, unknown>[];
  readonly result: Record<string, unknown> & { errors?: unknown[] };
  readonly json: Record<string, unknown>;
}

async function upload(
  who: string | null,
  fileName: string,
  query: Record<string, string>,
  target: App = app,
  content: Buffer = file(fileName),
): Promise<Upload> {
  const { body, contentType } = multipart(fileName, content);
  const response = await target.fastify.inject({
    method: "POST",
    url: `/imports?${new URLSearchParams(query).toString()}`,
    headers: { "content-type": contentType, ...(who ? { cookie: cookies[who]! } : {}) },
    payload: body,
  });
  if (response.statusCode !== 200)
    return { status: response.statusCode, lines: [], result: {}, json: response.json<Record<string, unknown>>() };
  expect(response.headers["content-type"]).toContain("application/x-ndjson");
  const lines = response.body
    .trim()
    .split("\n")
    .map((line) => JSON.parse(line) as Record<string, unknown>);
  return { status: 200, lines, result: lines.at(-1)!, json: {} };
}

const graphql = async (who: string, query: string, variables: Record<string, unknown>) =>
  (
    await app.fastify.inject({
      method: "POST",
      url: "/graphql",
      headers: { "content-type": "application/json", cookie: cookies[who]! },
      payload: { query, variables },
    })
  ).json<{ data?: Record<string, any>; errors?: { extensions?: Record<string, unknown> }[] }>();

const q = <T extends Record<string, unknown>>(sql: string) => getDb().prisma.$queryRawUnsafe<T[]>(sql);

/** Every sales actual as text, in a fixed order: the snapshot a revert must restore exactly. */
const salesSnapshot = () =>
  q<{ line: string }>(
    `SELECT concat_ws('|', o.code, m.code, a.year, a.month, a."dimensionKey", a.value::text, coalesce(a."importBatchId", '-')) AS line
     FROM "SalesActual" a JOIN "OrgUnit" o ON o.id = a."orgUnitId" JOIN "Metric" m ON m.id = a."metricId"
     ORDER BY 1`,
  ).then((rows) => rows.map((r) => r.line));

const SALES_P1_H1 = { kind: "SALES_ACTUALS", year: "2026", monthFrom: "1", monthTo: "6", scope: "P1", lang: "en" };

beforeAll(async () => {
  const { prisma, dataAccess } = getDb();
  const hq = await createOrgUnit(prisma, { level: "HQ", code: "HQ" });
  const p1 = await createOrgUnit(prisma, { level: "PROVINCE", parent: hq, code: "P1" });
  const p2 = await createOrgUnit(prisma, { level: "PROVINCE", parent: hq, code: "P2" });
  const k1 = await createOrgUnit(prisma, { level: "COUNTY", parent: p1, code: "K1", nameZh: "东城县", nameEn: "East county" });
  await createOrgUnit(prisma, { level: "COUNTY", parent: p1, code: "K2", nameZh: "西城县", nameEn: "West county" });
  await createOrgUnit(prisma, { level: "COUNTY", parent: p2, code: "K3", nameZh: "南城县", nameEn: "South county" });
  await ensureStandardMetrics(prisma);
  await ensureExpenseTree(prisma);
  await createProductSpec(prisma, { code: "S500", nameZh: "精品500ml", nameEn: "Premium 500ml" });
  await createProductSpec(prisma, { code: "S250", nameZh: "经典250ml", nameEn: "Classic 250ml" });
  const retail = await createChannel(prisma, { code: "RETAIL", nameZh: "商超", nameEn: "Retail" });
  await createChannel(prisma, { code: "CATERING", nameZh: "餐饮", nameEn: "Catering" });
  await createTerminal(prisma, { countyId: k1.id, code: "T1", name: "一号烟酒店", channelId: retail.id });
  await createDistributor(prisma, { countyId: k1.id, code: "D1", name: "一级经销商甲" });
  await createUser(prisma, { orgUnitId: hq.id, role: "FINANCE", login: "imp.finance" });
  await createUser(prisma, { orgUnitId: p1.id, role: "PLANNER", login: "imp.planner" });
  await createUser(prisma, { orgUnitId: p1.id, role: "VIEWER", login: "imp.viewer" });
  await createUser(prisma, { orgUnitId: p2.id, role: "PLANNER", login: "imp.other" });
  app = createApp({
    dataAccess,
    webDistDir: "/nonexistent",
    version: "test",
    log: { error: () => undefined },
    passwordCost: TEST_PASSWORD_COST,
  });
  await app.ready();
  for (const who of ["finance", "planner", "viewer", "other"]) cookies[who] = await signIn(`imp.${who}`);
});

afterAll(async () => {
  await app?.close();
});

const SALES_ERRORS_EN = [
  { row: 4, column: "单位", code: "UNKNOWN_UNIT", message: 'Unknown unit "K9"' },
  { row: 5, column: "月份", code: "BAD_MONTH", message: 'Month "13" is not a month' },
  { row: 6, column: "品规", code: "UNKNOWN_SPEC", message: 'Unknown spec "S999"' },
  { row: 7, column: "销售额", code: "NOT_A_NUMBER", message: '"abc" is not a number' },
  { row: 8, column: "销售额", code: "NEGATIVE_NOT_ALLOWED", message: '销售额 may not be negative: "-5"' },
  { row: 9, column: "", code: "DUPLICATE_KEY", message: "Same key as row 2" },
  { row: 10, column: "单位", code: "UNIT_OUT_OF_SCOPE", message: 'Unit "K3" is outside this import\'s scope' },
  { row: 11, column: "终端", code: "TERMINAL_OUTSIDE_UNIT", message: 'Terminal "T1" does not belong to this unit' },
  { row: 14, column: "月份", code: "MONTH_OUT_OF_PERIOD", message: 'Month "7" is outside months 1–6' },
];

describe("the actuals import", () => {
  it("a failure at the second chunk of an apply leaves no row behind (one transaction)", async () => {
    const service = app.services.imports;
    service.chunkFacts = 2;
    service.faults.failAfterChunks = 2;
    try {
      const { status, result } = await upload("finance", "sales-utf8-comma.csv", {
        ...SALES_P1_H1,
        dryRun: "false",
        mode: "VALID_ONLY",
      });
      expect(status).toBe(200);
      expect(result).toMatchObject({ type: "error" });
    } finally {
      service.chunkFacts = 5000;
      delete service.faults.failAfterChunks;
    }
    const [counts] = await q<{ sales: number; replaced: number; applied: number }>(
      `SELECT (SELECT count(*)::int FROM "SalesActual") AS sales, (SELECT count(*)::int FROM "ImportReplacedValue") AS replaced,
              (SELECT count(*)::int FROM "ImportBatch") AS applied`,
    );
    expect(counts).toEqual({ sales: 0, replaced: 0, applied: 0 });
  });

  it("a dry run (UTF-8 with BOM, commas) reports every row error exactly and writes nothing", async () => {
    const { status, lines, result } = await upload("finance", "sales-utf8-comma.csv", { ...SALES_P1_H1, dryRun: "true" });
    expect(status).toBe(200);
    expect(lines[0]).toEqual({ type: "progress", rowsRead: 13, rowsValid: 4, rowsWritten: 0 });
    expect(result).toMatchObject({
      type: "result",
      status: "REJECTED",
      rowCount: 13,
      acceptedCount: 4,
      rejectedCount: 9,
      errorsTruncated: false,
      duplicateOf: null,
    });
    expect(result.errors).toEqual(SALES_ERRORS_EN);
    const valid = await upload("finance", "sales-utf8-comma.csv", { ...SALES_P1_H1, dryRun: "true", mode: "VALID_ONLY" });
    expect(valid.result).toMatchObject({ status: "VALIDATED", acceptedCount: 4, rejectedCount: 9 });
    expect(await salesSnapshot()).toEqual([]);

    // The error report: the file's rejected rows with their messages in front, UTF-8 with a BOM.
    const report = await app.fastify.inject({
      method: "GET",
      url: `/imports/${result["batchId"] as string}/errors.csv?lang=en`,
      headers: { cookie: cookies["finance"]! },
    });
    expect(report.statusCode).toBe(200);
    expect(report.body.startsWith("\uFEFF")).toBe(true);
    const reportLines = report.body.slice(1).trim().split("\r\n");
    expect(reportLines[0]).toBe("Row,Errors,单位,年,月份,品规,渠道,终端,经销商,销售额,销量,毛利");
    expect(reportLines[1]).toBe('4,"单位: Unknown unit ""K9""",K9,2026,1,S500,RETAIL,,,100,1,');
    expect(reportLines[6]).toBe("9,Same key as row 2,K1,2026,1,S500,RETAIL,,,999,9,");
    expect(reportLines).toHaveLength(10);
  });

  it("all or nothing: a file with bad rows writes nothing and is recorded REJECTED", async () => {
    const { result } = await upload("finance", "sales-utf8-comma.csv", { ...SALES_P1_H1, dryRun: "false" });
    expect(result).toMatchObject({ status: "REJECTED", rowCount: 13, acceptedCount: 4, rejectedCount: 9 });
    expect(await salesSnapshot()).toEqual([]);
    const [batch] = await q<{ status: string }>(
      `SELECT status::text FROM "ImportBatch" WHERE id = '${result["batchId"] as string}'`,
    );
    expect(batch?.status).toBe("REJECTED");
  });

  let first = "";
  let later = "";
  it("valid only writes exactly the valid rows; the same file again changes nothing", async () => {
    const { result } = await upload("finance", "sales-utf8-comma.csv", { ...SALES_P1_H1, dryRun: "false", mode: "VALID_ONLY" });
    expect(result).toMatchObject({ status: "APPLIED", rowCount: 13, acceptedCount: 4, rejectedCount: 9 });
    first = result["batchId"] as string;
    const s500 = "spec=" + (await q<{ id: string }>(`SELECT id FROM "ProductSpec" WHERE code = 'S500'`))[0]!.id;
    const s250 = "spec=" + (await q<{ id: string }>(`SELECT id FROM "ProductSpec" WHERE code = 'S250'`))[0]!.id;
    const retail = "channel=" + (await q<{ id: string }>(`SELECT id FROM "Channel" WHERE code = 'RETAIL'`))[0]!.id;
    const t1 = "terminal=" + (await q<{ id: string }>(`SELECT id FROM "Terminal" WHERE code = 'T1'`))[0]!.id;
    const k = (...parts: string[]) => parts.join(";");
    expect(await salesSnapshot()).toEqual(
      [
        `K1|GROSS_PROFIT|2026|1|${k(s500, retail)}|400.00|${first}`,
        `K1|GROSS_PROFIT|2026|2|${k(s500, retail)}|-50.00|${first}`,
        `K1|SALES_REVENUE|2026|1|${k(s250, retail, t1)}|300.00|${first}`,
        `K1|SALES_REVENUE|2026|1|${k(s500, retail)}|1000.50|${first}`,
        `K1|SALES_REVENUE|2026|2|${k(s500, retail)}|1200.00|${first}`,
        `K1|SALES_VOLUME|2026|1|${k(s250, retail, t1)}|3.00|${first}`,
        `K1|SALES_VOLUME|2026|1|${k(s500, retail)}|10.00|${first}`,
        `K1|SALES_VOLUME|2026|2|${k(s500, retail)}|12.00|${first}`,
        `K2|SALES_REVENUE|2026|4||5000.00|${first}`,
      ].sort(),
    );
    const [replaced] = await q<{ n: number; created: number }>(
      `SELECT count(*)::int AS n, count(*) FILTER (WHERE "previousValue" IS NULL)::int AS created FROM "ImportReplacedValue" WHERE "batchId" = '${first}'`,
    );
    expect(replaced).toEqual({ n: 9, created: 9 });
    const [audit] = await q<{ n: number }>(
      `SELECT count(*)::int AS n FROM "AuditLog" WHERE action = 'IMPORT_ACTUALS' AND "entityId" = '${first}'`,
    );
    expect(audit?.n).toBe(1);

    const before = await salesSnapshot();
    const again = await upload("finance", "sales-utf8-comma.csv", { ...SALES_P1_H1, dryRun: "false", mode: "VALID_ONLY" });
    expect(again.result).toMatchObject({ status: "UNCHANGED", batchId: first, duplicateOf: first });
    expect(await salesSnapshot()).toEqual(before);
  });

  it("a later file replaces the same keys, keeps what it replaced, and reverts exactly, newest first", async () => {
    const before = await salesSnapshot();
    const { result } = await upload("finance", "sales-later.csv", { ...SALES_P1_H1, dryRun: "false" });
    expect(result).toMatchObject({ status: "APPLIED", rowCount: 2, acceptedCount: 2, rejectedCount: 0 });
    later = result["batchId"] as string;
    const previous = await q<{ metric: string; previous: string | null; writer: string | null }>(
      `SELECT m.code AS metric, r."previousValue"::text AS previous, r."previousImportBatchId" AS writer
       FROM "ImportReplacedValue" r JOIN "Metric" m ON m.id = r."metricId" JOIN "OrgUnit" o ON o.id = r."orgUnitId"
       WHERE r."batchId" = '${later}' ORDER BY o.code, m.code`,
    );
    expect(previous).toEqual([
      { metric: "SALES_REVENUE", previous: "1000.50", writer: first },
      { metric: "SALES_VOLUME", previous: "10.00", writer: first },
      { metric: "SALES_REVENUE", previous: null, writer: null },
      { metric: "SALES_VOLUME", previous: null, writer: null },
    ]);
    const [k1Revenue] = await q<{ v: string }>(
      `SELECT sum(a.value)::text AS v FROM "SalesActual" a JOIN "Metric" m ON m.id = a."metricId" JOIN "OrgUnit" o ON o.id = a."orgUnitId"
       WHERE o.code = 'K1' AND m.code = 'SALES_REVENUE'`,
    );
    expect(k1Revenue?.v).toBe("2611.11"); // 1111.11 + 1200.00 + 300.00

    const revert = (batchId: string) =>
      graphql("finance", "mutation($b: ID!, $r: String!) { revertImport(batchId: $b, reason: $r) { id status } }", {
        b: batchId,
        r: "wrong file",
      });
    const refused = await revert(first);
    expect(refused.errors?.[0]?.extensions).toMatchObject({
      code: "CONFLICT",
      reason: "IMPORT_OVERWRITTEN",
      params: { batchId: later },
    });
    expect((await revert(later)).data?.["revertImport"]).toEqual({ id: later, status: "REVERTED" });
    expect(await salesSnapshot()).toEqual(before);
    expect((await revert(later)).errors?.[0]?.extensions).toMatchObject({ code: "CONFLICT", reason: "IMPORT_NOT_APPLIED" });
    expect((await revert(first)).data?.["revertImport"]).toEqual({ id: first, status: "REVERTED" });
    expect(await salesSnapshot()).toEqual([]);
    const [audits] = await q<{ n: number }>(`SELECT count(*)::int AS n FROM "AuditLog" WHERE action = 'REVERT_IMPORT'`);
    expect(audits?.n).toBe(2);

    const list = await graphql(
      "planner",
      `
        query ($s: String!) {
          importBatches(scopeCode: $s, kind: SALES_ACTUALS, first: 2) {
            totalCount
            hasNextPage
            endCursor
            nodes {
              id
              status
              fileName
              scope {
                code
                name
              }
              createdBy {
                displayName
              }
              rowCount
              acceptedCount
              rejectedCount
              appliedAt
            }
          }
        }
      `,
      { s: "P1" },
    );
    expect(list.errors).toBeUndefined();
    expect(list.data?.["importBatches"]).toMatchObject({
      hasNextPage: true,
      nodes: [{ id: later, status: "REVERTED", scope: { code: "P1" } }, {}],
    });
  });

  it("GBK with tabs: expenses, messages in Chinese, valid rows written", async () => {
    const { result } = await upload("planner", "expenses-gbk-tab.csv", {
      kind: "EXPENSE_ACTUALS",
      year: "2026",
      scope: "P1",
      dryRun: "false",
      mode: "VALID_ONLY",
      lang: "zh-CN",
    });
    expect(result).toMatchObject({ status: "APPLIED", rowCount: 7, acceptedCount: 3, rejectedCount: 4 });
    expect(result.errors).toEqual([
      { row: 4, column: "费用项目", code: "UNKNOWN_ITEM", message: '未知费用项目 "不存在项目"' },
      { row: 5, column: "经销商", code: "TERMINAL_AND_DISTRIBUTOR", message: "终端和经销商只能填一个" },
      { row: 7, column: "", code: "DUPLICATE_KEY", message: "与第 2 行重复" },
      { row: 8, column: "单位", code: "MISSING_VALUE", message: "单位 为空" },
    ]);
    const rows = await q<{ line: string }>(
      `SELECT concat_ws('|', o.code, i.code, a.month, coalesce(t.code, ''), coalesce(d.code, ''), a.amount::text) AS line
       FROM "ExpenseActual" a JOIN "OrgUnit" o ON o.id = a."orgUnitId" JOIN "ExpenseItem" i ON i.id = a."itemId"
       LEFT JOIN "Terminal" t ON t.id = a."terminalId" LEFT JOIN "Distributor" d ON d.id = a."distributorId" ORDER BY 1`,
    );
    expect(rows.map((r) => r.line)).toEqual([
      "K1|CHANNEL_DISPLAY|1|T1||1500.00",
      "K1|CHANNEL_DISTRIBUTOR_REBATE|3||D1|3000.00",
      "K1|PERSONNEL_SALARY|1|||8000.00",
    ]);
  });

  it("XLSX written by ExcelJS, English headers, numbers as numbers", async () => {
    const { result } = await upload("finance", "sales-en.xlsx", { ...SALES_P1_H1, monthTo: "12", dryRun: "true" });
    expect(result).toMatchObject({ status: "REJECTED", rowCount: 4, acceptedCount: 2, rejectedCount: 2 });
    expect(result.errors).toEqual([
      { row: 4, column: "Amount", code: "TOO_MANY_DECIMALS", message: '"12.345" has more than 2 decimal places' },
      { row: 5, column: "Channel", code: "UNKNOWN_CHANNEL", message: 'Unknown channel "NOPE"' },
    ]);
  });

  it("a missing column refuses the file at row 1", async () => {
    const content = Buffer.from("单位,品规,销售额\nK1,S500,1\n");
    const { result } = await upload("finance", "no-month.csv", SALES_P1_H1, app, content);
    expect(result).toMatchObject({ status: "REJECTED", acceptedCount: 0 });
    expect(result.errors).toEqual([{ row: 1, column: "Month", code: "MISSING_COLUMN", message: "Missing column Month" }]);
  });

  it("access: no session 401, a viewer 403, another subtree 404; a unit outside the uploader's subtree is unknown", async () => {
    const query = { ...SALES_P1_H1, dryRun: "true" };
    expect((await upload(null, "sales-later.csv", query)).status).toBe(401);
    const viewer = await upload("viewer", "sales-later.csv", query);
    expect(viewer).toMatchObject({ status: 403, json: { code: "FORBIDDEN", reason: "IMPORT_NOT_ALLOWED" } });
    const other = await upload("other", "sales-later.csv", query);
    expect(other).toMatchObject({ status: 404, json: { code: "NOT_FOUND", reason: "ORG_UNIT_NOT_FOUND" } });
    const planner = await upload("planner", "sales-utf8-comma.csv", query);
    expect(planner.result.errors).toContainEqual({ row: 10, column: "单位", code: "UNKNOWN_UNIT", message: 'Unknown unit "K3"' });
    const bad = await upload("finance", "sales.txt.pdf", query, app, Buffer.from("x"));
    expect(bad).toMatchObject({ status: 400, json: { reason: "UNSUPPORTED_FILE_TYPE" } });
    const badQuery = await upload("finance", "sales-later.csv", { ...query, monthFrom: "7", monthTo: "3" });
    expect(badQuery).toMatchObject({ status: 400, json: { reason: "INVALID_IMPORT_QUERY" } });
  });

  it("a file over the size limit gets 413 with a clear message", async () => {
    const small = createApp({
      dataAccess: getDb().dataAccess,
      webDistDir: "/nonexistent",
      version: "test",
      log: { error: () => undefined },
      passwordCost: TEST_PASSWORD_COST,
      importMaxBytes: 100,
    });
    await small.ready();
    try {
      const big = await upload("finance", "sales-utf8-comma.csv", { ...SALES_P1_H1, dryRun: "true" }, small);
      expect(big).toMatchObject({
        status: 413,
        json: {
          code: "PAYLOAD_TOO_LARGE",
          reason: "FILE_TOO_LARGE",
          limitBytes: 100,
          message: "The file is larger than the limit of 100 bytes.",
        },
      });
    } finally {
      await small.close();
    }
  });

  it("templates: header and an example row, CSV and XLSX", async () => {
    const csv = await app.fastify.inject({
      method: "GET",
      url: "/imports/templates/expenses.csv?lang=en",
      headers: { cookie: cookies["planner"]! },
    });
    expect(csv.statusCode).toBe(200);
    expect(csv.body).toBe(
      "\uFEFFUnit,Year,Month,Item,Terminal,Distributor,Amount\r\nCOUNTY_CODE,2026,1,PERSONNEL_SALARY,,,8000.00\r\n",
    );
    const xlsx = await app.fastify.inject({
      method: "GET",
      url: "/imports/templates/sales.xlsx",
      headers: { cookie: cookies["planner"]! },
    });
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.rawPayload.subarray(0, 2).toString()).toBe("PK");
  });
});
