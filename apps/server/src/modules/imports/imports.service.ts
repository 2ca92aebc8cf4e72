// The actuals import (issue 12): the checks before the upload is read, the one pass over the
// file (validate; and, unless a dry run, write in chunks inside one transaction), the batch
// row and its error report, the batch list and the exact revert. The contract is in
// docs/ARCHITECTURE.md "Actuals import"; the row rules are the domain's (imports.ts).
import type { DataAccess, ImportBatchRecord, ImportFactRow, ImportKindRecord, Repositories } from "@pyramid/db";
import {
  ACCESS_POLICY,
  buildImportLookup,
  createImportRowValidator,
  importErrorMessage,
  importTemplate,
  IMPORT_KINDS,
  IMPORT_MODES,
  mapImportColumns,
  NEGATIVE_ALLOWED_METRICS,
  subtreeScope,
  type ImportCatalogue,
  type ImportKind,
  type ImportLocale,
  type ImportMode,
  type ImportRowError,
} from "@pyramid/domain";
import { z } from "zod";
import { notFound, requireAccess, requireViewer } from "../../access-guard.js";
import { DomainError } from "../../errors.js";
import { nextCursor, pageWindow, type PageArgs } from "../../paging.js";
import { accessAssignmentsOf, viewerCan, type Viewer } from "../../viewer.js";
import { csvField } from "../exports/export-writers.js";
import { readImportFile, type ImportFileType } from "./import-files.js";

export const IMPORT_ROLES = ACCESS_POLICY.IMPORT_ACTUALS.flatMap((rule) => rule.roles);

const booleanText = z
  .enum(["true", "false", "1", "0"])
  .default("true")
  .transform((v) => v === "true" || v === "1");

export const importQuerySchema = z
  .object({
    kind: z.enum(IMPORT_KINDS),
    year: z.coerce.number().int().min(2000).max(2100),
    monthFrom: z.coerce.number().int().min(1).max(12).default(1),
    monthTo: z.coerce.number().int().min(1).max(12).default(12),
    scope: z.string().trim().min(1).max(64),
    dryRun: booleanText,
    mode: z.enum(IMPORT_MODES).default("ALL_OR_NOTHING"),
    lang: z.enum(["zh-CN", "en"]).default("zh-CN"),
  })
  .refine((q) => q.monthFrom <= q.monthTo, { message: "monthFrom after monthTo" });
export type ImportQuery = z.infer<typeof importQuerySchema>;

/** The first errors returned in the result line. */
export const RESULT_ERRORS = 200;
/** The errors and rejected rows kept with the batch (the error report's rows). */
export const STORED_ERRORS = 10_000;
/** Facts per INSERT statement. */
export const CHUNK_FACTS = 5_000;
/** A progress line every this many rows. */
export const PROGRESS_EVERY = 10_000;
/** The apply's transaction may run this long (a million rows take about a minute). */
const APPLY_TIMEOUT_MS = 60 * 60 * 1000;

export type ImportResultStatus = "VALIDATED" | "REJECTED" | "APPLIED" | "UNCHANGED";

export interface ImportProgress {
  readonly rowsRead: number;
  readonly rowsValid: number;
  readonly rowsWritten: number;
}

export interface ImportResult {
  readonly batchId: string;
  readonly status: ImportResultStatus;
  readonly rowCount: number;
  readonly acceptedCount: number;
  readonly rejectedCount: number;
  readonly errors: readonly ImportRowError[];
  readonly errorsTruncated: boolean;
  readonly duplicateOf: string | null;
}

export interface PreparedImport {
  readonly viewer: Viewer;
  readonly query: ImportQuery;
  readonly scope: { readonly id: string; readonly code: string; readonly path: string };
}

export interface UploadedImportFile {
  readonly path: string;
  readonly fileName: string;
  readonly type: ImportFileType;
  /** sha256, hex. */
  readonly checksum: string;
}

export interface ImportRequest {
  readonly requestId?: string;
}

/** Test hook: throw after this many chunks were written (proves the single transaction). */
export interface ImportFaults {
  failAfterChunks?: number;
}

class RollBack extends Error {}

export class ImportsService {
  private readonly dataAccess: DataAccess;
  private readonly clock: () => Date;
  readonly faults: ImportFaults = {};
  chunkFacts = CHUNK_FACTS;

  constructor({ dataAccess, clock = () => new Date() }: { dataAccess: DataAccess; clock?: () => Date }) {
    this.dataAccess = dataAccess;
    this.clock = clock;
  }

  /** Who, what and where, before a byte of the upload is read: throws DomainError. */
  async prepare(viewerOrNull: Viewer | null, rawQuery: unknown): Promise<PreparedImport> {
    const viewer = requireViewer(viewerOrNull);
    if (!viewer.assignments.some((a) => IMPORT_ROLES.includes(a.role))) {
      throw new DomainError("FORBIDDEN", "Your roles do not include imports.", { reason: "IMPORT_NOT_ALLOWED" });
    }
    const parsed = importQuerySchema.safeParse(rawQuery);
    if (!parsed.success) {
      throw new DomainError(
        "VALIDATION_FAILED",
        "The import needs kind, year, months (1 ≤ from ≤ to ≤ 12), a scope unit code, dryRun and mode.",
        { reason: "INVALID_IMPORT_QUERY" },
      );
    }
    const query = parsed.data;
    const unit = requireAccess(
      viewer,
      "IMPORT_ACTUALS",
      await this.dataAccess.repositories.orgUnits.findByCode(query.scope),
      (found) => found.path,
      { entity: "ORG_UNIT", id: query.scope },
    );
    return { viewer, query, scope: { id: unit.id, code: unit.code, path: unit.path } };
  }

  /** The catalogue the file's cells are looked up in: units the viewer sees, in scope or not. */
  private async catalogue(prepared: PreparedImport): Promise<ImportCatalogue> {
    const rows = await this.dataAccess.repositories.imports.catalogue(
      subtreeScope(accessAssignmentsOf(prepared.viewer), "VIEW_UNIT"),
    );
    const scopePath = prepared.scope.path;
    const named = <T extends { id: string; code: string; nameZh: string; nameEn: string }>(list: T[]) =>
      list.map((r, index) => ({ code: r.code, names: [r.nameZh, r.nameEn], entry: { id: r.id, index } }));
    const owned = (list: { id: string; code: string; name: string; countyId: string }[]) =>
      list.map((r, index) => ({ code: r.code, names: [r.name], entry: { id: r.id, index, countyId: r.countyId } }));
    return {
      units: buildImportLookup(
        rows.units.map((u, index) => ({
          code: u.code,
          names: [u.nameZh, u.nameEn],
          entry: { id: u.id, index, inScope: u.path.startsWith(scopePath) },
        })),
      ),
      specs: buildImportLookup(named(rows.specs)),
      channels: buildImportLookup(named(rows.channels)),
      items: buildImportLookup(named(rows.items)),
      terminals: buildImportLookup(owned(rows.terminals)),
      distributors: buildImportLookup(owned(rows.distributors)),
      metrics: rows.metrics.map((m) => ({ ...m, allowNegative: NEGATIVE_ALLOWED_METRICS.includes(m.code) })),
    };
  }

  /**
   * Reads the file once: validates every row and, unless a dry run, writes the valid ones in
   * chunks inside one transaction (all or nothing by `mode`). `onProgress` is called every
   * PROGRESS_EVERY rows.
   */
  async run(
    prepared: PreparedImport,
    file: UploadedImportFile,
    onProgress: (progress: ImportProgress) => void,
    request: ImportRequest = {},
  ): Promise<ImportResult> {
    const { query, scope, viewer } = prepared;
    const repositories = this.dataAccess.repositories;
    const batchScope = {
      checksum: file.checksum,
      kind: query.kind,
      year: query.year,
      monthFrom: query.monthFrom,
      monthTo: query.monthTo,
      scopeOrgUnitId: scope.id,
    };
    const duplicate = await repositories.imports.findAppliedDuplicate(batchScope);
    if (duplicate !== null) {
      const earlier = (await repositories.imports.findById(duplicate))!;
      return {
        batchId: duplicate,
        status: "UNCHANGED",
        rowCount: earlier.rowCount,
        acceptedCount: earlier.acceptedCount,
        rejectedCount: earlier.rejectedCount,
        errors: [],
        errorsTruncated: false,
        duplicateOf: duplicate,
      };
    }
    const catalogue = await this.catalogue(prepared);
    const newBatch = (r: Repositories) =>
      r.imports.createBatch({
        kind: query.kind,
        year: query.year,
        monthFrom: query.monthFrom,
        monthTo: query.monthTo,
        scopeOrgUnitId: scope.id,
        fileName: file.fileName.slice(0, 255),
        checksum: file.checksum,
        createdById: viewer.userId,
      });

    if (query.dryRun) {
      const scan = await this.scan(prepared, file, catalogue, onProgress, null);
      const batchId = await newBatch(repositories);
      const status = this.statusOf(scan, query.mode) === "OK" ? "VALIDATED" : "REJECTED";
      await this.finish(repositories, batchId, status, scan, null);
      return this.result(batchId, status, scan);
    }

    let scan: Scan | undefined;
    try {
      return await this.dataAccess.inTransaction(
        async (tx) => {
          const batchId = await newBatch(tx);
          scan = await this.scan(prepared, file, catalogue, onProgress, { tx, batchId });
          if (this.statusOf(scan, query.mode) !== "OK") throw new RollBack();
          const appliedAt = this.clock();
          await this.finish(tx, batchId, "APPLIED", scan, appliedAt);
          await tx.audit.append({
            actorId: viewer.userId,
            entity: "ImportBatch",
            entityId: batchId,
            action: "IMPORT_ACTUALS",
            after: {
              kind: query.kind,
              year: query.year,
              monthFrom: query.monthFrom,
              monthTo: query.monthTo,
              scope: scope.code,
              fileName: file.fileName,
              checksum: file.checksum,
              mode: query.mode,
              rowCount: scan.rowCount,
              acceptedCount: scan.accepted,
              rejectedCount: scan.rejected,
              factsWritten: scan.factsWritten,
            },
            orgUnitId: scope.id,
            requestId: request.requestId ?? null,
            sessionId: viewer.sessionId ?? null,
          });
          return this.result(batchId, "APPLIED", scan);
        },
        { timeoutMs: APPLY_TIMEOUT_MS, maxWaitMs: 60_000 },
      );
    } catch (error) {
      if (!(error instanceof RollBack) || scan === undefined) throw error;
      // Nothing was written; the batch is recorded REJECTED with its errors (outside the rolled-back transaction).
      const batchId = await newBatch(repositories);
      const rejected: Scan = { ...scan, rowsWritten: 0, factsWritten: 0 };
      await this.finish(repositories, batchId, "REJECTED", rejected, null);
      return this.result(batchId, "REJECTED", rejected);
    }
  }

  private statusOf(scan: Scan, mode: ImportMode): "OK" | "REJECT" {
    if (scan.fatal) return "REJECT";
    if (scan.accepted === 0) return "REJECT";
    if (mode === "ALL_OR_NOTHING" && scan.rejected > 0) return "REJECT";
    return "OK";
  }

  private result(batchId: string, status: ImportResultStatus, scan: Scan): ImportResult {
    return {
      batchId,
      status,
      rowCount: scan.rowCount,
      acceptedCount: scan.accepted,
      rejectedCount: scan.rejected,
      errors: scan.errors.slice(0, RESULT_ERRORS),
      errorsTruncated: scan.errorCount > RESULT_ERRORS,
      duplicateOf: null,
    };
  }

  private async finish(
    r: Repositories,
    batchId: string,
    status: "VALIDATED" | "REJECTED" | "APPLIED",
    scan: Scan,
    appliedAt: Date | null,
  ) {
    await r.imports.finishBatch(batchId, {
      status,
      rowCount: scan.rowCount,
      acceptedCount: scan.accepted,
      rejectedCount: scan.rejected,
      errors: scan.errors as unknown as object[],
      rejectedRows: { header: [...scan.header], rows: scan.rejectedRows },
      appliedAt,
    });
  }

  private async scan(
    prepared: PreparedImport,
    file: UploadedImportFile,
    catalogue: ImportCatalogue,
    onProgress: (progress: ImportProgress) => void,
    write: { tx: Repositories; batchId: string } | null,
  ): Promise<Scan> {
    const { query } = prepared;
    const locale: ImportLocale = query.lang;
    const scan: Scan = {
      header: [],
      rowCount: 0,
      accepted: 0,
      rejected: 0,
      rowsWritten: 0,
      factsWritten: 0,
      errors: [],
      errorCount: 0,
      rejectedRows: [],
      fatal: false,
    };
    const addError = (error: ImportRowError) => {
      scan.errorCount++;
      if (scan.errors.length < STORED_ERRORS) scan.errors.push(error);
    };
    let buffer: ImportFactRow[] = [];
    let rowsInBuffer = 0;
    let chunks = 0;
    const flush = async () => {
      if (!write || buffer.length === 0) return;
      await write.tx.imports.writeFacts(query.kind, write.batchId, query.year, buffer);
      scan.factsWritten += buffer.length;
      scan.rowsWritten += rowsInBuffer;
      buffer = [];
      rowsInBuffer = 0;
      chunks++;
      if (this.faults.failAfterChunks !== undefined && chunks >= this.faults.failAfterChunks)
        throw new Error(`Injected failure after chunk ${chunks}.`);
    };
    // Under ALL_OR_NOTHING the first bad row ends the writing (the transaction will roll back);
    // the rest of the file is still read, to report every problem.
    const writing = () => write !== null && !(query.mode === "ALL_OR_NOTHING" && scan.rejected > 0);
    let validate: ((cells: readonly string[], row: number) => ReturnType<ReturnType<typeof createImportRowValidator>>) | null =
      null;
    let lastRow = 0;
    try {
      for await (const { row, cells } of readImportFile(file.path, file.type)) {
        lastRow = row;
        if (validate === null) {
          scan.header = cells;
          const columns = mapImportColumns(query.kind, cells, catalogue.metrics, locale);
          if (columns.errors.length > 0) {
            columns.errors.forEach(addError);
            scan.fatal = true;
            return scan;
          }
          validate = createImportRowValidator(query, catalogue, columns, locale);
          continue;
        }
        scan.rowCount++;
        const { errors, facts } = validate(cells, row);
        if (errors.length > 0) {
          scan.rejected++;
          errors.forEach(addError);
          if (scan.rejectedRows.length < STORED_ERRORS) scan.rejectedRows.push({ row, values: cells });
        } else {
          scan.accepted++;
          if (writing()) {
            for (const fact of facts) buffer.push(fact);
            rowsInBuffer++;
            if (buffer.length >= this.chunkFacts) await flush();
          }
        }
        if (scan.rowCount % PROGRESS_EVERY === 0)
          onProgress({ rowsRead: scan.rowCount, rowsValid: scan.accepted, rowsWritten: scan.rowsWritten });
      }
    } catch (error) {
      if (error instanceof Error && error.message.startsWith("Injected failure")) throw error;
      if (write && !(error instanceof Error && isFileError(error))) throw error;
      scan.fatal = true;
      const detail = error instanceof Error ? error.message.slice(0, 200) : String(error);
      addError({
        row: lastRow,
        column: "",
        code: "UNREADABLE_FILE",
        message: importErrorMessage("UNREADABLE_FILE", { value: detail }, locale),
      });
      return scan;
    }
    if (validate === null) {
      scan.fatal = true;
      addError({
        row: 0,
        column: "",
        code: "UNREADABLE_FILE",
        message: importErrorMessage("UNREADABLE_FILE", { value: locale === "en" ? "no header row" : "没有表头" }, locale),
      });
      return scan;
    }
    if (writing()) await flush();
    onProgress({ rowsRead: scan.rowCount, rowsValid: scan.accepted, rowsWritten: scan.rowsWritten });
    return scan;
  }

  /** The template's header and example row, as CSV (UTF-8 BOM) or as rows for XLSX. */
  template(kind: "sales" | "expenses", lang: unknown) {
    const locale: ImportLocale = lang === "en" ? "en" : "zh-CN";
    const importKind: ImportKind = kind === "sales" ? "SALES_ACTUALS" : "EXPENSE_ACTUALS";
    return { locale, ...importTemplate(importKind, locale) };
  }

  /** The batch's error report: the rejected rows with row number and messages in front (CSV text, BOM). */
  async errorsCsv(viewerOrNull: Viewer | null, batchId: string, lang?: unknown): Promise<{ fileName: string; body: string }> {
    const batch = await this.readableBatch(viewerOrNull, batchId);
    const stored = (await this.dataAccess.repositories.imports.rejectedRows(batch.id)) as {
      header?: string[];
      rows?: { row: number; values: string[] }[];
    } | null;
    const errors = (Array.isArray(batch.errors) ? batch.errors : []) as unknown as ImportRowError[];
    const en = lang === "en";
    const messagesByRow = new Map<number, string[]>();
    for (const e of errors) {
      const list = messagesByRow.get(e.row) ?? [];
      list.push(e.column ? `${e.column}: ${e.message}` : e.message);
      messagesByRow.set(e.row, list);
    }
    const lines: string[] = [];
    const line = (fields: readonly string[]) => lines.push(fields.map(csvField).join(","));
    line([en ? "Row" : "行号", en ? "Errors" : "错误", ...(stored?.header ?? [])]);
    const withValues = new Set((stored?.rows ?? []).map((r) => r.row));
    for (const [row, messages] of messagesByRow) if (!withValues.has(row) && row <= 1) line([String(row), messages.join("; ")]);
    for (const { row, values } of stored?.rows ?? []) line([String(row), (messagesByRow.get(row) ?? []).join("; "), ...values]);
    return { fileName: `import-errors-${batch.id}.csv`, body: `\uFEFF${lines.join("\r\n")}\r\n` };
  }

  private async readableBatch(viewerOrNull: Viewer | null, batchId: string): Promise<ImportBatchRecord> {
    const viewer = requireViewer(viewerOrNull);
    const id = z.uuid().safeParse(batchId);
    if (!id.success) throw notFound({ entity: "IMPORT_BATCH", id: batchId });
    return requireAccess(viewer, "VIEW_UNIT", await this.dataAccess.repositories.imports.findById(id.data), (b) => b.scope.path, {
      entity: "IMPORT_BATCH",
      id: batchId,
    });
  }

  batch(viewer: Viewer | null, id: string): Promise<ImportBatchRecord> {
    return this.readableBatch(viewer, id);
  }

  async batches(
    viewerOrNull: Viewer | null,
    args: PageArgs & { scopeCode: string; kind?: ImportKindRecord | "MARKET_INFO" | null },
  ) {
    const viewer = requireViewer(viewerOrNull);
    const window = pageWindow(args, { first: 20, max: 100 });
    const unit = requireAccess(
      viewer,
      "VIEW_UNIT",
      await this.dataAccess.repositories.orgUnits.findByCode(args.scopeCode),
      (u) => u.path,
      { entity: "ORG_UNIT", id: args.scopeCode },
    );
    const { rows, totalCount } = await this.dataAccess.repositories.imports.list({
      rootPath: unit.path,
      kind: args.kind ?? null,
      ...window,
    });
    return {
      nodes: rows,
      totalCount,
      endCursor: nextCursor(window.offset, rows.length, totalCount),
      hasNextPage: window.offset + rows.length < totalCount,
    };
  }

  /** Restores what the batch replaced and deletes what it created; refused while a later batch overwrote it. */
  async revert(viewerOrNull: Viewer | null, batchId: string, reason: string, request: ImportRequest = {}) {
    const viewer = requireViewer(viewerOrNull);
    const text = reason.trim();
    if (text === "" || text.length > 2000)
      throw new DomainError("VALIDATION_FAILED", "Give a reason (1 to 2,000 characters).", { reason: "REASON_REQUIRED" });
    const batch = await this.readableBatch(viewer, batchId);
    if (!viewerCan(viewer, "IMPORT_ACTUALS", batch.scope.path)) throw notFound({ entity: "IMPORT_BATCH", id: batchId });
    return this.dataAccess.inTransaction(
      async (tx) => {
        const current = (await tx.imports.findById(batch.id))!;
        if (current.status !== "APPLIED")
          throw new DomainError("CONFLICT", "Only an applied import can be reverted.", {
            reason: "IMPORT_NOT_APPLIED",
            params: { status: current.status },
          });
        const later = await tx.imports.laterOverwriter(batch.id);
        if (later !== null)
          throw new DomainError("CONFLICT", "A later import replaced some of these values: revert that one first.", {
            reason: "IMPORT_OVERWRITTEN",
            params: { batchId: later },
          });
        const kind = current.kind;
        const { restored, deleted } = await tx.imports.revert(batch.id, kind);
        await tx.audit.append({
          actorId: viewer.userId,
          entity: "ImportBatch",
          entityId: batch.id,
          action: "REVERT_IMPORT",
          before: { status: "APPLIED" },
          after: { status: "REVERTED", reason: text, restored, deleted },
          orgUnitId: batch.scope.id,
          requestId: request.requestId ?? null,
          sessionId: viewer.sessionId ?? null,
        });
        return (await tx.imports.findById(batch.id))!;
      },
      { timeoutMs: APPLY_TIMEOUT_MS },
    );
  }
}

interface Scan {
  header: string[];
  rowCount: number;
  accepted: number;
  rejected: number;
  rowsWritten: number;
  factsWritten: number;
  errors: ImportRowError[];
  errorCount: number;
  rejectedRows: { row: number; values: string[] }[];
  fatal: boolean;
}

/** Errors of reading the file (CSV syntax, a broken XLSX zip) rather than of the database. */
function isFileError(error: Error): boolean {
  const code = (error as { code?: unknown }).code;
  return (
    (typeof code === "string" && code.startsWith("CSV_")) ||
    /zip|end of central directory|invalid|unexpected|corrupt|signature/i.test(error.message)
  );
}
