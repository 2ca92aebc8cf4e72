// The HTTP application: one node:http server answering /graphql through
// Apollo Server and every other path with the built web app.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { ApolloServer } from "@apollo/server";
import { ApolloServerPluginLandingPageDisabled } from "@apollo/server/plugin/disabled";
import { ApolloServerPluginDrainHttpServer } from "@apollo/server/plugin/drainHttpServer";
import type { DataAccess } from "@pyramid/db";
import { readServerVersion } from "./config.js";
import { createContextFactory, type RequestContext } from "./context.js";
import { createErrorFormatter } from "./errors.js";
import { createGraphqlHandler } from "./http/graphql.handler.js";
import { createStaticFileHandler } from "./http/static-file.handler.js";
import { createSchema } from "./schema/create-schema.js";
import { createServices } from "./services.js";

export const GRAPHQL_PATH = "/graphql";

export interface CreateAppOptions {
  /** Repositories and transactions (Database.dataAccess): the app never gets the Prisma client. */
  readonly dataAccess: DataAccess;
  /** The built web app (apps/web/dist). */
  readonly webDistDir: string;
  /** Shown by the health query; default apps/server/package.json's version. */
  readonly version?: string;
  readonly log?: Pick<Console, "error">;
}

export interface App {
  readonly httpServer: Server;
  /** Starts Apollo Server, then listens. Port 0 picks a free port. */
  listen(port: number, host?: string): Promise<{ readonly url: string; readonly port: number }>;
  /** Stops accepting requests and waits for those in flight. Does not close the database. */
  close(): Promise<void>;
}

function splitUrl(rawUrl: string): { path: string; search: string } {
  const queryStart = rawUrl.indexOf("?");
  return queryStart === -1
    ? { path: rawUrl, search: "" }
    : { path: rawUrl.slice(0, queryStart), search: rawUrl.slice(queryStart) };
}

export function createApp({ dataAccess, webDistDir, version = readServerVersion(), log = console }: CreateAppOptions): App {
  const services = createServices({ dataAccess, version, log });
  const httpServer = createServer();
  const apollo = new ApolloServer<RequestContext>({
    schema: createSchema(),
    formatError: createErrorFormatter({ onUnexpectedError: (error) => log.error("Unexpected error in a resolver:", error) }),
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer }),
      // The default landing page loads Apollo Sandbox from a CDN, which offline and
      // firewalled networks cannot reach; the web app is what lives at "/".
      ApolloServerPluginLandingPageDisabled(),
    ],
  });
  const handleGraphql = createGraphqlHandler({ apollo, createContext: createContextFactory(services) });
  const handleStaticFile = createStaticFileHandler(webDistDir);

  async function route(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const { path, search } = splitUrl(request.url ?? "/");
    if (path === GRAPHQL_PATH || path === `${GRAPHQL_PATH}/`) return handleGraphql(request, response, search);
    return handleStaticFile(request, response, path);
  }

  httpServer.on("request", (request: IncomingMessage, response: ServerResponse) => {
    route(request, response).catch((error: unknown) => {
      log.error(`Request ${request.method} ${request.url} failed:`, error);
      if (response.headersSent) {
        response.destroy();
        return;
      }
      response.writeHead(500, { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store" });
      response.end("Internal server error.");
    });
  });

  let started = false;

  return {
    httpServer,
    async listen(port, host) {
      if (!started) {
        await apollo.start();
        started = true;
      }
      await new Promise<void>((resolvePromise, reject) => {
        httpServer.once("error", reject);
        httpServer.listen(port, host, () => {
          httpServer.off("error", reject);
          resolvePromise();
        });
      });
      const address = httpServer.address() as AddressInfo;
      const shownHost = host === undefined || host === "0.0.0.0" || host === "::" ? "localhost" : host;
      return { url: `http://${shownHost}:${address.port}`, port: address.port };
    },
    async close() {
      // The drain plugin closes httpServer as part of Apollo's stop.
      if (started) {
        await apollo.stop();
        return;
      }
      if (httpServer.listening) await new Promise<void>((resolvePromise) => httpServer.close(() => resolvePromise()));
    },
  };
}
