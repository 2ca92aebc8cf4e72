// One structured log line per request (Fastify's pino): id, method, path,
// status, time. Never the query string, headers, cookies or bodies, which is
// where passwords and session tokens travel. Fastify's own two lines per
// request are switched off.
import type { FastifyInstance, FastifyServerOptions } from "fastify";

export interface RequestLogOptions {
  /** pino's level; "silent" logs nothing. */
  readonly level: "fatal" | "error" | "warn" | "info" | "debug" | "trace" | "silent";
  /** Where the JSON lines go; default stdout. */
  readonly stream?: { write(line: string): void };
}

/** Header names whose values must never reach a log, should a later log call include headers. */
const SECRET_PATHS = [
  "req.headers.cookie",
  "req.headers.authorization",
  'res.headers["set-cookie"]',
  "headers.cookie",
  "headers.authorization",
  'headers["set-cookie"]',
];

export function createRequestLogging(options: RequestLogOptions | undefined) {
  const serverOptions: Pick<FastifyServerOptions, "logger" | "disableRequestLogging"> =
    options === undefined
      ? { logger: false, disableRequestLogging: true }
      : {
          logger: {
            level: options.level,
            ...(options.stream ? { stream: options.stream } : {}),
            redact: { paths: SECRET_PATHS, censor: "[redacted]" },
            // What a log call may print of a request or reply: nothing that carries a secret.
            serializers: {
              req: (request: { method: string; url: string }) => ({ method: request.method, path: request.url.split("?", 1)[0] }),
              res: (reply: { statusCode: number }) => ({ statusCode: reply.statusCode }),
            },
          },
          disableRequestLogging: true,
        };

  function install(fastify: FastifyInstance): void {
    if (options === undefined) return;
    fastify.addHook("onResponse", async (request, reply) => {
      request.log.info(
        {
          method: request.method,
          path: request.url.split("?", 1)[0],
          statusCode: reply.statusCode,
          ms: Math.round(reply.elapsedTime * 10) / 10,
        },
        "request",
      );
    });
  }

  return { serverOptions, install };
}
