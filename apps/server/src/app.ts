// The HTTP application on Fastify: /graphql through Apollo Server and every
// other path with the built web app, on one port. Security headers (helmet),
// compression, cookies and rate limiting are Fastify's maintained plugins; each
// request is one structured log line (pino) without cookies, tokens or bodies.
import { randomUUID } from "node:crypto";
import { STATUS_CODES } from "node:http";
import type { AddressInfo } from "node:net";
import fastifyCompress from "@fastify/compress";
import fastifyCookie from "@fastify/cookie";
import fastifyHelmet from "@fastify/helmet";
import fastifyRateLimit from "@fastify/rate-limit";
import type { DataAccess, ScryptCost } from "@pyramid/db";
import Fastify, { type FastifyInstance, type FastifyServerOptions } from "fastify";
import { DEFAULT_IMPORT_MAX_BYTES, readServerVersion } from "./config.js";
import { createContextFactory } from "./context.js";
import { createErrorFormatter } from "./errors.js";
import { registerExportRoutes } from "./http/exports.js";
import { registerImportRoutes } from "./http/imports.js";
import { createApolloServer, registerGraphqlRoute } from "./http/graphql.js";
import { createRequestLogging, type RequestLogOptions } from "./http/request-log.js";
import { registerWebApp } from "./http/web-app.js";
import { createSchema } from "./schema/create-schema.js";
import { createServices, type Services } from "./services.js";
import type { Viewer } from "./viewer.js";

export { GRAPHQL_PATH } from "./http/graphql.js";

export interface CreateAppOptions {
  /** Repositories and transactions (Database.dataAccess): the app never gets the Prisma client. */
  readonly dataAccess: DataAccess;
  /** The built web app (apps/web/dist), absolute. */
  readonly webDistDir: string;
  /** Shown by the health query; default apps/server/package.json's version. */
  readonly version?: string;
  /** Bugs (unexpected resolver errors, failed health probes) go here; default console. */
  readonly log?: Pick<Console, "error">;
  /** The per-request log line: off unless given (tests stay quiet); main.ts passes its settings. */
  readonly requestLog?: RequestLogOptions;
  /** The viewer a session token belongs to. Default: the auth service's viewerForToken (a valid,
   * unexpired, unrevoked session of an active user); tests may replace it. */
  readonly resolveViewer?: (token: string, services: Services) => Promise<Viewer | null>;
  /** `Secure` on the session cookie (COOKIE_SECURE, or an https PUBLIC_URL). Default false. */
  readonly cookieSecure?: boolean;
  /** Production: no GraphQL introspection, no stack traces in error responses. Default false. */
  readonly production?: boolean;
  /** Fastify's trustProxy (TRUST_PROXY): whether X-Forwarded-For names the client. Default false. */
  readonly trustProxy?: FastifyServerOptions["trustProxy"];
  /** The cost of new password hashes; production's default. Tests pass a cheap one, else every
   * sign-in with a cheaply hashed test user rehashes its password at production cost. */
  readonly passwordCost?: ScryptCost;
  /** The import upload's size limit in bytes (IMPORT_MAX_BYTES); default 200 MiB. */
  readonly importMaxBytes?: number;
}

export interface App {
  /** The Fastify instance, for inject() in tests and routes added by later features. */
  readonly fastify: FastifyInstance;
  /** The services the resolvers use, for background chores (main.ts purges expired sessions). */
  readonly services: Services;
  /** Starts Apollo Server and registers /graphql; listen() calls it. Idempotent. */
  ready(): Promise<void>;
  /** Starts everything, then listens. Port 0 picks a free port. */
  listen(port: number, host?: string): Promise<{ readonly url: string; readonly port: number }>;
  /** Stops accepting requests and waits for those in flight. Does not close the database. */
  close(): Promise<void>;
}

export function createApp({
  dataAccess,
  webDistDir,
  version = readServerVersion(),
  log = console,
  requestLog,
  resolveViewer = (token, services) => services.auth.viewerForToken(token),
  cookieSecure = false,
  production = false,
  trustProxy = false,
  passwordCost,
  importMaxBytes = DEFAULT_IMPORT_MAX_BYTES,
}: CreateAppOptions): App {
  const services = createServices({ dataAccess, version, log, ...(passwordCost ? { passwordCost } : {}) });
  const fastify = Fastify({
    ...createRequestLogging(requestLog),
    trustProxy,
    // A fresh UUID per request: the id in the log line and in audit rows, unique across restarts.
    genReqId: () => randomUUID(),
  });

  fastify.setErrorHandler((error, request, reply) => {
    const statusCode = (error as { statusCode?: number }).statusCode ?? 500;
    if (statusCode < 500) {
      // The status's own words, never the error's message (a parser's message can quote the body).
      const text = `${STATUS_CODES[statusCode] ?? "Bad request"}.`;
      return reply.code(statusCode).header("cache-control", "no-store").type("text/plain; charset=utf-8").send(text);
    }
    log.error(`Request ${request.method} ${request.url.split("?", 1)[0]} failed:`, error);
    return reply.code(500).header("cache-control", "no-store").type("text/plain; charset=utf-8").send("Internal server error.");
  });

  const apollo = createApolloServer(fastify, {
    schema: createSchema(),
    formatError: createErrorFormatter({ onUnexpectedError: (error) => log.error("Unexpected error in a resolver:", error) }),
    production,
  });
  const createContext = createContextFactory({
    services,
    cookieSecure,
    resolveViewer: (token: string) => resolveViewer(token, services),
  });

  let starting: Promise<void> | undefined;
  async function start(): Promise<void> {
    await fastify.register(fastifyHelmet, {
      contentSecurityPolicy: {
        directives: {
          // The app is self-contained (no CDN); `upgrade-insecure-requests` would break a plain-HTTP
          // LAN deployment, so it comes only with a Secure cookie, i.e. HTTPS.
          "upgrade-insecure-requests": cookieSecure ? [] : null,
          "frame-ancestors": ["'none'"],
        },
      },
      // The planner must not be framed by another site (clickjacking an approval),
      // and plan URLs should not leak to other sites through Referer.
      frameguard: { action: "deny" },
      referrerPolicy: { policy: "same-origin" },
      strictTransportSecurity: cookieSecure ? { maxAge: 15_552_000, includeSubDomains: false } : false,
    });
    await fastify.register(fastifyCompress, { encodings: ["br", "gzip"] });
    await fastify.register(fastifyCookie);
    // Available to routes that opt in (`config: { rateLimit: … }`); nothing is limited globally,
    // so users behind one company proxy do not share one budget.
    await fastify.register(fastifyRateLimit, { global: false });
    await apollo.start();
    registerGraphqlRoute(fastify, apollo, createContext);
    registerExportRoutes(fastify, {
      services,
      cookieSecure,
      resolveViewer: (token: string) => resolveViewer(token, services),
      log,
    });
    await registerImportRoutes(fastify, {
      services,
      cookieSecure,
      resolveViewer: (token: string) => resolveViewer(token, services),
      log,
      maxBytes: importMaxBytes,
    });
    await registerWebApp(fastify, webDistDir);
    await fastify.ready();
  }

  function ready(): Promise<void> {
    starting ??= start();
    return starting;
  }

  return {
    fastify,
    services,
    ready,
    async listen(port, host) {
      await ready();
      await fastify.listen({ port, ...(host === undefined ? {} : { host }) });
      const address = fastify.server.address() as AddressInfo;
      const shownHost = host === undefined || host === "0.0.0.0" || host === "::" ? "localhost" : host;
      return { url: `http://${shownHost}:${address.port}`, port: address.port };
    },
    async close() {
      const started = starting !== undefined && (await starting.then(() => true).catch(() => false));
      // Apollo's stop runs the drain plugin, which closes Fastify (requests in flight get 10 s).
      if (started) await apollo.stop();
      else await fastify.close();
    },
  };
}
