// One structured log line per request (Fastify's pino): id, method, path,
// status, time. Never the query string, headers, cookies or bodies, which is
// where passwords and session tokens travel.
import { LogController, type FastifyReply, type FastifyRequest, type FastifyServerOptions } from "fastify";

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

/** Fastify's two lines per request (incoming, completed) become one, written when the reply is done. */
class OneLinePerRequest extends LogController {
  override incomingRequest(): void {}

  override requestCompleted(error: Error | null | undefined, request: FastifyRequest, reply: FastifyReply): void {
    const line = {
      method: request.method,
      path: request.url.split("?", 1)[0],
      statusCode: reply.statusCode,
      ms: Math.round(reply.elapsedTime * 10) / 10,
    };
    if (error) reply.log.error({ ...line, error: error.message }, "request");
    else reply.log.info(line, "request");
  }
}

export function createRequestLogging(
  options: RequestLogOptions | undefined,
): Pick<FastifyServerOptions, "logger" | "logController"> {
  if (options === undefined) return { logger: false };
  return {
    logger: {
      level: options.level,
      ...(options.stream ? { stream: options.stream } : {}),
      redact: { paths: SECRET_PATHS, censor: "[redacted]" },
      // What any log call may print of a request or reply: nothing that carries a secret.
      serializers: {
        req: (request: { method: string; url: string }) => ({ method: request.method, path: request.url.split("?", 1)[0] }),
        res: (reply: { statusCode: number }) => ({ statusCode: reply.statusCode }),
      },
    },
    logController: new OneLinePerRequest(),
  };
}
