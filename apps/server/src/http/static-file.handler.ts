// Serves the built web app: files from webDistDir with their content type,
// long caching for Vite's content-hashed assets, and index.html for any other
// path so the client-side router can take it (SPA fallback). Paths that try
// to leave webDistDir are refused.
import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import type { IncomingMessage, ServerResponse } from "node:http";
import { extname, join, resolve, sep } from "node:path";

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".map": "application/json; charset=utf-8",
  ".webmanifest": "application/manifest+json; charset=utf-8",
  ".txt": "text/plain; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".jpg": "image/jpeg",
  ".jpeg": "image/jpeg",
  ".gif": "image/gif",
  ".webp": "image/webp",
  ".avif": "image/avif",
  ".ico": "image/x-icon",
  ".woff": "font/woff",
  ".woff2": "font/woff2",
  ".ttf": "font/ttf",
  ".wasm": "application/wasm",
};

/** Vite writes content-hashed file names under assets/: they never change. */
const IMMUTABLE = "public, max-age=31536000, immutable";
/** Everything else (index.html above all) must be revalidated so a new build shows at once. */
const REVALIDATE = "no-cache";

export function contentTypeFor(path: string): string {
  return CONTENT_TYPES[extname(path).toLowerCase()] ?? "application/octet-stream";
}

type ResolvedPath = { readonly kind: "file"; readonly path: string } | { readonly kind: "refused" };

/** Maps a URL path onto a file inside root, or refuses it: undecodable,
 * NUL bytes, backslashes, or any ".." segment (encoded or not). */
export function resolveStaticPath(root: string, urlPath: string): ResolvedPath {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return { kind: "refused" };
  }
  if (decoded.includes("\0") || decoded.includes("\\")) return { kind: "refused" };
  if (decoded.split("/").some((segment) => segment === "..")) return { kind: "refused" };
  const rootDir = resolve(root);
  const path = resolve(rootDir, `.${decoded}`);
  // Belt and braces: whatever the checks above missed, stay inside root.
  if (path !== rootDir && !path.startsWith(rootDir + sep)) return { kind: "refused" };
  return { kind: "file", path };
}

async function fileSize(path: string): Promise<number | undefined> {
  try {
    const stats = await stat(path);
    return stats.isFile() ? stats.size : undefined;
  } catch {
    return undefined;
  }
}

function sendText(response: ServerResponse, statusCode: number, text: string, extraHeaders: Record<string, string> = {}): void {
  response.writeHead(statusCode, { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store", ...extraHeaders });
  response.end(text);
}

function sendFile(request: IncomingMessage, response: ServerResponse, path: string, size: number, cacheControl: string): void {
  response.writeHead(200, {
    "content-type": contentTypeFor(path),
    "content-length": String(size),
    "cache-control": cacheControl,
    "x-content-type-options": "nosniff",
    // The planner must not be framed by another site (clickjacking an approval),
    // and plan URLs should not leak to other sites through Referer.
    ...(path.endsWith(".html") ? { "x-frame-options": "DENY", "referrer-policy": "same-origin" } : {}),
  });
  if (request.method === "HEAD") {
    response.end();
    return;
  }
  const stream = createReadStream(path);
  stream.on("error", () => response.destroy());
  stream.pipe(response);
}

export function createStaticFileHandler(webDistDir: string) {
  const indexHtml = join(webDistDir, "index.html");

  return async function handleStaticFile(request: IncomingMessage, response: ServerResponse, urlPath: string): Promise<void> {
    if (request.method !== "GET" && request.method !== "HEAD") {
      return sendText(response, 405, "Method not allowed.", { allow: "GET, HEAD" });
    }
    const resolved = resolveStaticPath(webDistDir, urlPath);
    if (resolved.kind === "refused") return sendText(response, 400, "Bad path.");

    const size = urlPath.endsWith("/") ? undefined : await fileSize(resolved.path);
    if (size !== undefined) {
      const cacheControl = urlPath.startsWith("/assets/") ? IMMUTABLE : REVALIDATE;
      return sendFile(request, response, resolved.path, size, cacheControl);
    }
    // A missing file (it has an extension, or lives under /assets/) is a 404: answering
    // with index.html would hand the browser HTML where it expects a script or an image.
    if (extname(urlPath) !== "" || urlPath.startsWith("/assets/")) return sendText(response, 404, "Not found.");

    const indexSize = await fileSize(indexHtml);
    if (indexSize === undefined) {
      return sendText(response, 503, "The web app is not built. Run: pnpm --filter @pyramid/web build");
    }
    return sendFile(request, response, indexHtml, indexSize, REVALIDATE);
  };
}
