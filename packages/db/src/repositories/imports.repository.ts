// The actuals import (issue 12): the catalogue a file's cells are looked up in, the batch rows,
// the bulk write of a chunk of facts (one statement: previous values into ImportReplacedValue,
// then INSERT … ON CONFLICT DO UPDATE), and the exact revert. Called inside one transaction by
// the server's imports service; see docs/ARCHITECTURE.md "Actuals import".
import type { Prisma } from "../../generated/client/index.js";
import type { DbClient } from "./db-client.js";

export type ImportKindRecord = "SALES_ACTUALS" | "EXPENSE_ACTUALS";
export type ImportStatusRecord = "RECEIVED" | "VALIDATED" | "REJECTED" | "APPLIED" | "REVERTED";

export interface ImportCatalogueRows {
  readonly units: { id: string; code: string; nameZh: string; nameEn: string; path: string }[];
  readonly specs: { id: string; code: string; nameZh: string; nameEn: string }[];
  readonly channels: { id: string; code: string; nameZh: string; nameEn: string }[];
  readonly terminals: { id: string; code: string; name: string; countyId: string }[];
  readonly distributors: { id: string; code: string; name: string; countyId: string }[];
  readonly items: { id: string; code: string; nameZh: string; nameEn: string }[];
  readonly metrics: { id: string; code: string; nameZh: string; nameEn: string; scale: number }[];
}

export interface ImportBatchRecord {
  readonly id: string;
  readonly kind: ImportKindRecord;
  readonly year: number;
  readonly monthFrom: number;
  readonly monthTo: number;
  readonly scope: {
    readonly id: string;
    readonly code: string;
    readonly nameZh: string;
    readonly nameEn: string;
    readonly path: string;
  };
  readonly fileName: string;
  readonly checksum: string;
  readonly status: ImportStatusRecord;
  readonly rowCount: number;
  readonly acceptedCount: number;
  readonly rejectedCount: number;
  readonly errors: Prisma.JsonValue;
  readonly createdBy: { readonly id: string; readonly displayName: string } | null;
  readonly createdAt: Date;
  readonly appliedAt: Date | null;
}

export interface ImportFactRow {
  readonly unitId: string;
  readonly targetId: string;
  readonly month: number;
  readonly productSpecId: string | null;
  readonly channelId: string | null;
  readonly terminalId: string | null;
  readonly distributorId: string | null;
  readonly dimensionKey: string;
  readonly value: string;
}

export interface ImportsRepository {
  /** Every unit under `rootPaths` (the uploader's visible subtrees) and the active catalogue. */
  catalogue(rootPaths: readonly string[]): Promise<ImportCatalogueRows>;
  /** An APPLIED batch of the same file and scope, if any. */
  findAppliedDuplicate(query: {
    checksum: string;
    kind: ImportKindRecord;
    year: number;
    monthFrom: number;
    monthTo: number;
    scopeOrgUnitId: string;
  }): Promise<string | null>;
  createBatch(data: {
    kind: ImportKindRecord;
    year: number;
    monthFrom: number;
    monthTo: number;
    scopeOrgUnitId: string;
    fileName: string;
    checksum: string;
    createdById: string;
  }): Promise<string>;
  finishBatch(
    id: string,
    data: {
      status: ImportStatusRecord;
      rowCount: number;
      acceptedCount: number;
      rejectedCount: number;
      errors: Prisma.InputJsonValue;
      rejectedRows: Prisma.InputJsonValue;
      appliedAt: Date | null;
    },
  ): Promise<void>;
  /** Writes one chunk of facts of `batchId` (one statement) and what each replaced. */
  writeFacts(kind: ImportKindRecord, batchId: string, year: number, facts: readonly ImportFactRow[]): Promise<number>;
  findById(id: string): Promise<ImportBatchRecord | null>;
  rejectedRows(id: string): Promise<Prisma.JsonValue | null>;
  /** Batches whose scope lies under `rootPath`, newest first. */
  list(query: { rootPath: string; kind: ImportKindRecord | "MARKET_INFO" | null; offset: number; limit: number }): Promise<{
    rows: ImportBatchRecord[];
    totalCount: number;
  }>;
  /** A later APPLIED batch that replaced a value `batchId` wrote, if any (then it may not be reverted). */
  laterOverwriter(batchId: string): Promise<string | null>;
  /** Restores every value the batch replaced, deletes the rows it created, marks it REVERTED. */
  revert(batchId: string, kind: ImportKindRecord): Promise<{ restored: number; deleted: number }>;
}

const batchSelect = {
  id: true,
  kind: true,
  year: true,
  monthFrom: true,
  monthTo: true,
  fileName: true,
  checksum: true,
  status: true,
  rowCount: true,
  acceptedCount: true,
  rejectedCount: true,
  errors: true,
  createdAt: true,
  appliedAt: true,
  scopeOrgUnit: { select: { id: true, code: true, nameZh: true, nameEn: true, path: true } },
  createdBy: { select: { id: true, displayName: true } },
} as const;

type BatchRow = Prisma.ImportBatchGetPayload<{ select: typeof batchSelect }>;

function toRecord(row: BatchRow): ImportBatchRecord {
  const { scopeOrgUnit, kind, ...rest } = row;
  return { ...rest, kind: kind as ImportKindRecord, scope: scopeOrgUnit };
}

const TABLES = {
  SALES_ACTUALS: { table: `"SalesActual"`, valueColumn: "value", targetColumn: `"metricId"`, target: "SALES_ACTUAL" },
  EXPENSE_ACTUALS: { table: `"ExpenseActual"`, valueColumn: "amount", targetColumn: `"itemId"`, target: "EXPENSE_ACTUAL" },
} as const;

export function createImportsRepository(client: DbClient): ImportsRepository {
  return {
    async catalogue(rootPaths) {
      const active = { isActive: true } as const;
      const [units, specs, channels, terminals, distributors, items, metrics] = await Promise.all([
        rootPaths.length === 0
          ? Promise.resolve([])
          : client.orgUnit.findMany({
              where: { OR: rootPaths.map((path) => ({ path: { startsWith: path } })) },
              select: { id: true, code: true, nameZh: true, nameEn: true, path: true },
              orderBy: { path: "asc" },
            }),
        client.productSpec.findMany({ select: { id: true, code: true, nameZh: true, nameEn: true }, orderBy: { code: "asc" } }),
        client.channel.findMany({ select: { id: true, code: true, nameZh: true, nameEn: true }, orderBy: { code: "asc" } }),
        client.terminal.findMany({ select: { id: true, code: true, name: true, countyId: true }, orderBy: { code: "asc" } }),
        client.distributor.findMany({ select: { id: true, code: true, name: true, countyId: true }, orderBy: { code: "asc" } }),
        client.expenseItem.findMany({
          select: { id: true, code: true, nameZh: true, nameEn: true },
          orderBy: { sortOrder: "asc" },
        }),
        client.metric.findMany({
          where: active,
          select: { id: true, code: true, nameZh: true, nameEn: true, scale: true },
          orderBy: [{ sortOrder: "asc" }, { code: "asc" }],
        }),
      ]);
      return { units, specs, channels, terminals, distributors, items, metrics };
    },

    async findAppliedDuplicate(query) {
      const found = await client.importBatch.findFirst({
        where: { ...query, status: "APPLIED" },
        select: { id: true },
        orderBy: { createdAt: "desc" },
      });
      return found?.id ?? null;
    },

    async createBatch(data) {
      const created = await client.importBatch.create({ data: { ...data, status: "RECEIVED" }, select: { id: true } });
      return created.id;
    },

    async finishBatch(id, data) {
      await client.importBatch.update({ where: { id }, data });
    },

    async writeFacts(kind, batchId, year, facts) {
      if (facts.length === 0) return 0;
      const t = TABLES[kind];
      const n = facts.length;
      const org = new Array<string>(n);
      const target = new Array<string>(n);
      const month = new Array<number>(n);
      const spec = new Array<string | null>(n);
      const channel = new Array<string | null>(n);
      const terminal = new Array<string | null>(n);
      const distributor = new Array<string | null>(n);
      const key = new Array<string>(n);
      const value = new Array<string>(n);
      for (let i = 0; i < n; i++) {
        const f = facts[i]!;
        org[i] = f.unitId;
        target[i] = f.targetId;
        month[i] = f.month;
        spec[i] = f.productSpecId;
        channel[i] = f.channelId;
        terminal[i] = f.terminalId;
        distributor[i] = f.distributorId;
        key[i] = f.dimensionKey;
        value[i] = f.value;
      }
      const sales = kind === "SALES_ACTUALS";
      const dimensionColumns = sales
        ? `"productSpecId", "channelId", "terminalId", "distributorId"`
        : `"terminalId", "distributorId"`;
      const dimensionValues = sales ? `spec, channel, terminal, distributor` : `terminal, distributor`;
      const join = `a."orgUnitId" = i.org AND a.${t.targetColumn} = i.target AND a.year = $10 AND a.month = i.month AND a."dimensionKey" = i.dkey`;
      // Data-modifying CTEs all see the rows as they were before the statement: `old` is what
      // the chunk replaces, recorded before the upsert overwrites it.
      const sql = `
        WITH input AS (
          SELECT * FROM unnest($1::text[], $2::text[], $3::int[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::numeric[])
            AS t(org, target, month, spec, channel, terminal, distributor, dkey, value)
        ),
        replaced AS (
          INSERT INTO "ImportReplacedValue"
            ("batchId", target, "orgUnitId", ${sales ? `"metricId"` : `"itemId"`}, year, month, "dimensionKey", "previousValue", "previousImportBatchId")
          SELECT $11, '${t.target}'::"ImportTarget", i.org, i.target, $10, i.month, i.dkey, a.${t.valueColumn}, a."importBatchId"
          FROM input i LEFT JOIN ${t.table} a ON ${join}
        )
        INSERT INTO ${t.table} ("orgUnitId", ${t.targetColumn}, year, month, ${dimensionColumns}, "dimensionKey", ${t.valueColumn}, "importBatchId", "updatedAt")
        SELECT org, target, $10, month, ${dimensionValues}, dkey, value, $11, now() FROM input
        ON CONFLICT ("orgUnitId", ${t.targetColumn}, year, month, "dimensionKey")
        DO UPDATE SET ${t.valueColumn} = EXCLUDED.${t.valueColumn}, "importBatchId" = EXCLUDED."importBatchId", "updatedAt" = EXCLUDED."updatedAt"`;
      return client.$executeRawUnsafe(sql, org, target, month, spec, channel, terminal, distributor, key, value, year, batchId);
    },

    async findById(id) {
      const row = await client.importBatch.findUnique({ where: { id }, select: batchSelect });
      return row ? toRecord(row) : null;
    },

    async rejectedRows(id) {
      const row = await client.importBatch.findUnique({ where: { id }, select: { rejectedRows: true } });
      return row?.rejectedRows ?? null;
    },

    async list({ rootPath, kind, offset, limit }) {
      const where: Prisma.ImportBatchWhereInput = {
        scopeOrgUnit: { path: { startsWith: rootPath } },
        ...(kind ? { kind } : {}),
      };
      const [rows, totalCount] = await Promise.all([
        client.importBatch.findMany({
          where,
          select: batchSelect,
          orderBy: [{ createdAt: "desc" }, { id: "desc" }],
          skip: offset,
          take: limit,
        }),
        client.importBatch.count({ where }),
      ]);
      return { rows: rows.map(toRecord), totalCount };
    },

    async laterOverwriter(batchId) {
      const rows = await client.$queryRawUnsafe<{ id: string }[]>(
        `SELECT b.id FROM "ImportReplacedValue" r JOIN "ImportBatch" b ON b.id = r."batchId"
         WHERE r."previousImportBatchId" = $1 AND b.status = 'APPLIED' AND b.id <> $1
         ORDER BY b."createdAt" LIMIT 1`,
        batchId,
      );
      return rows[0]?.id ?? null;
    },

    async revert(batchId, kind) {
      const t = TABLES[kind];
      const join = `a."orgUnitId" = r."orgUnitId" AND a.${t.targetColumn} = r.${t.targetColumn} AND a.year = r.year AND a.month = r.month AND a."dimensionKey" = r."dimensionKey"`;
      const restored = await client.$executeRawUnsafe(
        `UPDATE ${t.table} a SET ${t.valueColumn} = r."previousValue", "importBatchId" = r."previousImportBatchId", "updatedAt" = now()
         FROM "ImportReplacedValue" r
         WHERE r."batchId" = $1 AND r."previousValue" IS NOT NULL AND ${join}`,
        batchId,
      );
      const deleted = await client.$executeRawUnsafe(
        `DELETE FROM ${t.table} a USING "ImportReplacedValue" r
         WHERE r."batchId" = $1 AND r."previousValue" IS NULL AND ${join}`,
        batchId,
      );
      await client.importBatch.update({ where: { id: batchId }, data: { status: "REVERTED" } });
      return { restored, deleted };
    },
  };
}
