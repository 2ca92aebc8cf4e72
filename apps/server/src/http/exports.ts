// Finance's exports over HTTP (not GraphQL: a file, streamed):
//   GET /exports/budget.xlsx, /exports/budget.csv, /exports/targets.xlsx, /exports/targets.csv ?cycle=CODE&unit=CODE&basis=APPROVED|LATEST&locale=zh-CN|en
// The session cookie names the viewer, as for /graphql. The service's refusals become
// statuses: UNAUTHENTICATED 401, FORBIDDEN 403, NOT_FOUND 404, VALIDATION_FAILED 400, each
// a small JSON body { code, reason }. Past the checks the file is streamed as it is written.
import { PassThrough } from "node:stream";
import type { FastifyInstance } from "fastify";
import { DomainError } from "../errors.js";
import type { Services } from "../services.js";
import type { Viewer } from "../viewer.js";
import type { ExportFormat } from "../modules/exports/exports.inputs.js";
import { createRequestSession } from "./session-cookie.js";

export const EXPORT_PATHS = { budget: "/exports/budget", targets: "/exports/targets" } as const;

const STATUS_BY_CODE: Partial<Record<DomainError["code"], number>> = {
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  VALIDATION_FAILED: 400,
};

export interface ExportRoutesOptions {
  readonly services: Services;
  readonly cookieSecure: boolean;
  readonly resolveViewer: (token: string) => Promise<Viewer | null>;
  readonly log: Pick<Console, "error">;
}

export function registerExportRoutes(
  fastify: FastifyInstance,
  { services, cookieSecure, resolveViewer, log }: ExportRoutesOptions,
) {
  for (const [kind, format] of (["budget", "targets"] as const).flatMap((k) =>
    (["xlsx", "csv"] as const satisfies readonly ExportFormat[]).map((f) => [k, f] as const),
  )) {
    fastify.get(`${EXPORT_PATHS[kind]}.${format}`, async (request, reply) => {
      const session = createRequestSession(request, reply, { secure: cookieSecure });
      const viewer = session.token === null ? null : await resolveViewer(session.token);
      let prepared;
      try {
        prepared = await services.exports.prepareExport(kind, viewer, request.query, format, { requestId: request.id });
      } catch (error) {
        const status = error instanceof DomainError ? STATUS_BY_CODE[error.code] : undefined;
        if (status === undefined || !(error instanceof DomainError)) throw error;
        return reply
          .code(status)
          .header("cache-control", "no-store")
          .send({ code: error.code, ...(error.reason === undefined ? {} : { reason: error.reason }) });
      }
      // The writer ends `file`; the response (`body`) ends only once the audit row is written,
      // so a client that has the whole file can find its export in the log.
      const body = new PassThrough();
      const file = new PassThrough();
      file.pipe(body, { end: false });
      // A client gone midway: stop the writer (its rows stop being read; the audit row says completed: false).
      body.once("close", () => {
        if (!file.readableEnded) file.destroy(new Error("The client closed the export."));
      });
      void prepared
        .run(file)
        .then(() => {
          if (file.readableEnded) body.end();
          else file.once("end", () => body.end());
        })
        .catch((error: unknown) => {
          log.error(`Export ${request.url.split("?", 1)[0]} failed midway:`, error);
          body.destroy(error instanceof Error ? error : new Error(String(error)));
        });
      return reply
        .header("content-type", prepared.contentType)
        .header("cache-control", "no-store")
        .header(
          "content-disposition",
          `attachment; filename="${prepared.fileName.replace(/[^\x20-\x7e]|"/g, "_")}"; filename*=UTF-8''${encodeURIComponent(prepared.fileName)}`,
        )
        .send(body);
    });
  }
}
