// The actuals import over HTTP (not GraphQL: a file in, a stream of progress out). The contract
// is docs/ARCHITECTURE.md "Actuals import":
//   POST /imports?kind&year&monthFrom&monthTo&scope&dryRun&mode&lang   multipart, field `file`
//   GET  /imports/templates/{sales|expenses}.{csv|xlsx}?lang=zh-CN|en
//   GET  /imports/{batchId}/errors.csv
// Refusals before the response starts are JSON { code, reason, message } with 401/403/404/400/413;
// past them the response is NDJSON: progress lines, then one result line.
import { createHash } from "node:crypto";
import { createWriteStream } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PassThrough, Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
import fastifyMultipart from "@fastify/multipart";
import ExcelJS from "exceljs";
import type { FastifyInstance, FastifyReply } from "fastify";
import { DomainError } from "../errors.js";
import { importFileType } from "../modules/imports/import-files.js";
import type { Services } from "../services.js";
import type { Viewer } from "../viewer.js";
import { csvField } from "../modules/exports/export-writers.js";
import { createRequestSession } from "./session-cookie.js";

const STATUS_BY_CODE: Partial<Record<DomainError["code"], number>> = {
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  VALIDATION_FAILED: 400,
};

export interface ImportRoutesOptions {
  readonly services: Services;
  readonly cookieSecure: boolean;
  readonly resolveViewer: (token: string) => Promise<Viewer | null>;
  readonly log: Pick<Console, "error">;
  /** The upload's size limit in bytes (IMPORT_MAX_BYTES). */
  readonly maxBytes: number;
}

function refuse(
  reply: FastifyReply,
  status: number,
  body: { code: string; reason?: string; message: string; [k: string]: unknown },
) {
  return reply.code(status).header("cache-control", "no-store").send(body);
}

function refuseDomain(reply: FastifyReply, error: unknown) {
  const status = error instanceof DomainError ? STATUS_BY_CODE[error.code] : undefined;
  if (status === undefined || !(error instanceof DomainError)) throw error;
  return refuse(reply, status, {
    code: error.code,
    ...(error.reason === undefined ? {} : { reason: error.reason }),
    message: error.message,
  });
}

export async function registerImportRoutes(
  fastify: FastifyInstance,
  { services, cookieSecure, resolveViewer, log, maxBytes }: ImportRoutesOptions,
) {
  await fastify.register(fastifyMultipart, { limits: { fileSize: maxBytes, files: 1, fields: 10, parts: 12 } });

  const viewerOf = async (request: Parameters<typeof createRequestSession>[0], reply: FastifyReply) => {
    const session = createRequestSession(request, reply, { secure: cookieSecure });
    return session.token === null ? null : await resolveViewer(session.token);
  };

  fastify.post("/imports", async (request, reply) => {
    const viewer = await viewerOf(request, reply);
    let prepared;
    try {
      prepared = await services.imports.prepare(viewer, request.query);
    } catch (error) {
      return refuseDomain(reply, error);
    }
    const missing = () =>
      refuse(reply, 400, {
        code: "VALIDATION_FAILED",
        reason: "FILE_MISSING",
        message: "Send the file as multipart/form-data in the field `file`.",
      });
    if (!request.isMultipart()) return missing();
    let part;
    try {
      part = await request.file();
    } catch {
      return missing();
    }
    if (!part || part.fieldname !== "file") {
      part?.file.resume();
      return missing();
    }
    const type = importFileType(part.filename);
    if (type === null) {
      part.file.resume();
      return refuse(reply, 400, {
        code: "VALIDATION_FAILED",
        reason: "UNSUPPORTED_FILE_TYPE",
        message: "The file must be a .csv or an .xlsx.",
      });
    }
    const dir = await mkdtemp(join(tmpdir(), "pyramid-import-"));
    const cleanup = () => rm(dir, { recursive: true, force: true }).catch(() => undefined);
    const path = join(dir, type === "csv" ? "upload.csv" : "upload.xlsx");
    const hash = createHash("sha256");
    try {
      await pipeline(
        part.file,
        new Transform({
          transform(chunk: Buffer, _encoding, done) {
            hash.update(chunk);
            done(null, chunk);
          },
        }),
        createWriteStream(path),
      );
    } catch (error) {
      await cleanup();
      if ((error as { code?: string }).code === "FST_REQ_FILE_TOO_LARGE" || part.file.truncated) {
        return refuse(reply, 413, {
          code: "PAYLOAD_TOO_LARGE",
          reason: "FILE_TOO_LARGE",
          message: `The file is larger than the limit of ${maxBytes} bytes.`,
          limitBytes: maxBytes,
        });
      }
      throw error;
    }
    if (part.file.truncated) {
      await cleanup();
      return refuse(reply, 413, {
        code: "PAYLOAD_TOO_LARGE",
        reason: "FILE_TOO_LARGE",
        message: `The file is larger than the limit of ${maxBytes} bytes.`,
        limitBytes: maxBytes,
      });
    }
    const file = { path, fileName: part.filename, type, checksum: hash.digest("hex") };

    const body = new PassThrough();
    const line = (value: unknown) => {
      if (!body.destroyed) body.write(`${JSON.stringify(value)}\n`);
    };
    void services.imports
      .run(prepared, file, (progress) => line({ type: "progress", ...progress }), { requestId: request.id })
      .then((result) => line({ type: "result", ...result }))
      .catch((error: unknown) => {
        log.error("Import failed midway:", error);
        line({ type: "error", code: "INTERNAL_SERVER_ERROR", message: "The import failed; nothing was written." });
      })
      .finally(() => {
        body.end();
        void cleanup();
      });
    return reply
      .header("content-type", "application/x-ndjson; charset=utf-8")
      .header("cache-control", "no-store")
      .header("x-accel-buffering", "no")
      .send(body);
  });

  fastify.get<{ Params: { name: string }; Querystring: { lang?: string } }>(
    "/imports/templates/:name",
    async (request, reply) => {
      const viewer = await viewerOf(request, reply);
      if (viewer === null) return refuse(reply, 401, { code: "UNAUTHENTICATED", message: "Please sign in." });
      const match = /^(sales|expenses)\.(csv|xlsx)$/.exec(request.params.name);
      if (!match) return refuse(reply, 404, { code: "NOT_FOUND", message: "No such template." });
      const [, kind, format] = match as unknown as [string, "sales" | "expenses", "csv" | "xlsx"];
      const template = services.imports.template(kind, request.query.lang);
      const fileName = `${kind}-template-${template.locale}.${format}`;
      reply.header("cache-control", "no-store").header("content-disposition", `attachment; filename="${fileName}"`);
      if (format === "csv") {
        const text = [template.header, template.example].map((row) => row.map(csvField).join(",")).join("\r\n");
        return reply.header("content-type", "text/csv; charset=utf-8").send(`\uFEFF${text}\r\n`);
      }
      const workbook = new ExcelJS.Workbook();
      const sheet = workbook.addWorksheet(
        kind === "sales" ? (template.locale === "en" ? "Sales" : "销售实绩") : template.locale === "en" ? "Expenses" : "费用实绩",
      );
      sheet.addRow(template.header).font = { bold: true };
      sheet.addRow(template.example);
      sheet.columns.forEach((column) => (column.width = 14));
      const buffer = await workbook.xlsx.writeBuffer();
      return reply
        .header("content-type", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
        .send(Buffer.from(buffer as ArrayBuffer));
    },
  );

  fastify.get<{ Params: { batchId: string }; Querystring: { lang?: string } }>(
    "/imports/:batchId/errors.csv",
    async (request, reply) => {
      const viewer = await viewerOf(request, reply);
      let report;
      try {
        report = await services.imports.errorsCsv(viewer, request.params.batchId, request.query.lang);
      } catch (error) {
        return refuseDomain(reply, error);
      }
      return reply
        .header("content-type", "text/csv; charset=utf-8")
        .header("cache-control", "no-store")
        .header("content-disposition", `attachment; filename="${report.fileName}"`)
        .send(report.body);
    },
  );
}
