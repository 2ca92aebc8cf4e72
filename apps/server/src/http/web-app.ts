// Serves the built web app with @fastify/static: long caching for Vite's
// content-hashed assets, revalidation for everything else (index.html above
// all, so a new build shows at once), no source maps, and index.html for any
// other path the client-side router may own (SPA fallback). A missing file
// (it has an extension, or lives under /assets/) and unknown API paths are 404s:
// answering those with index.html would hand a script or a client HTML.
import { existsSync } from "node:fs";
import { extname, join, relative, sep } from "node:path";
import fastifyStatic from "@fastify/static";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";

/** Vite writes content-hashed file names under assets/: they never change. */
export const IMMUTABLE = "public, max-age=31536000, immutable";
/** Everything else must be revalidated. */
export const REVALIDATE = "no-cache";

/** Paths that belong to the server, never to the client router: an unknown one is a 404, not the app. */
export const API_PATH_PREFIXES = ["/graphql", "/api/"] as const;

function isApiPath(path: string): boolean {
  return API_PATH_PREFIXES.some((prefix) => path === prefix || path.startsWith(prefix.endsWith("/") ? prefix : `${prefix}/`));
}

/** Source maps stay on disk for debugging; the public gets neither them nor our sources inside them. */
function isSourceMap(path: string): boolean {
  return path.toLowerCase().endsWith(".map");
}

function sendText(reply: FastifyReply, statusCode: number, text: string): FastifyReply {
  return reply.code(statusCode).header("cache-control", "no-store").type("text/plain; charset=utf-8").send(text);
}

export async function registerWebApp(fastify: FastifyInstance, webDistDir: string): Promise<void> {
  await fastify.register(fastifyStatic, {
    root: webDistDir,
    // Our own Cache-Control below; no directory listings, no index.html from a directory path.
    cacheControl: false,
    index: false,
    redirect: false,
    // Dotfiles (.env next to a build, .git) are never served.
    dotfiles: "deny",
    allowedPath: (pathName) => !isSourceMap(pathName),
    setHeaders(response, filePath) {
      const hashed = relative(webDistDir, filePath).split(sep)[0] === "assets";
      void response.header("cache-control", hashed ? IMMUTABLE : REVALIDATE);
    },
  });

  function sendIndexHtml(reply: FastifyReply): FastifyReply {
    if (!existsSync(join(webDistDir, "index.html"))) {
      return sendText(reply, 503, "The web app is not built. Run: pnpm --filter @pyramid/web build");
    }
    return reply.header("cache-control", REVALIDATE).sendFile("index.html");
  }

  fastify.get("/", (_request, reply) => sendIndexHtml(reply));

  fastify.setNotFoundHandler(async (request: FastifyRequest, reply: FastifyReply) => {
    const path = request.url.split("?", 1)[0] ?? "/";
    if (request.method !== "GET" && request.method !== "HEAD") {
      if (isApiPath(path)) return sendText(reply, 404, "Not found.");
      return sendText(reply.header("allow", "GET, HEAD"), 405, "Method not allowed.");
    }
    if (isApiPath(path) || extname(path) !== "" || path.startsWith("/assets/")) return sendText(reply, 404, "Not found.");
    return sendIndexHtml(reply);
  });
}
