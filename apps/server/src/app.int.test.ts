// The whole HTTP app on a real (throw-away) database: GraphQL over HTTP and
// the static web app, through real sockets.
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { brotliDecompressSync, gunzipSync } from "node:zlib";
import { request as httpRequest } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createTestDatabase, type TestDatabase } from "@pyramid/db/testing";
import { getIntrospectionQuery } from "graphql";
import { createApp, type App } from "./app.js";

const INDEX_HTML = "<!doctype html><title>test build</title><div id=root></div>";
const ASSET_JS = "console.log('hashed asset');";
/** Over @fastify/compress's 1 KiB threshold, so worth compressing. */
const BIG_ASSET_JS = `export const rows = [${Array.from({ length: 400 }, (_, index) => `"row ${index}"`).join(",")}];`;
const SECRET = "outside-the-web-root";

let db: TestDatabase;
let app: App;
let baseUrl: string;
let port: number;
let workDir: string;

beforeAll(async () => {
  workDir = await mkdtemp(join(tmpdir(), "pyramid-app-int-"));
  const webDistDir = join(workDir, "dist");
  await mkdir(join(webDistDir, "assets"), { recursive: true });
  await writeFile(join(webDistDir, "index.html"), INDEX_HTML);
  await writeFile(join(webDistDir, "assets", "index-abc123.js"), ASSET_JS);
  await writeFile(join(webDistDir, "assets", "index-abc123.js.map"), '{"version":3,"sources":["../src/secret-source.ts"]}');
  await writeFile(join(webDistDir, "assets", "vendor-def456.js"), BIG_ASSET_JS);
  await writeFile(join(webDistDir, "favicon.svg"), "<svg xmlns='http://www.w3.org/2000/svg'/>");
  // A sibling of the web root that traversal attempts aim at.
  await writeFile(join(workDir, "secret.txt"), SECRET);

  db = await createTestDatabase();
  app = createApp({ dataAccess: db.dataAccess, webDistDir, version: "9.9.9-test", log: { error: vi.fn() } });
  ({ url: baseUrl, port } = await app.listen(0, "127.0.0.1"));
});

afterAll(async () => {
  await app?.close();
  await db?.close();
  if (workDir) await rm(workDir, { recursive: true, force: true });
});

async function postGraphql(body: unknown, headers: Record<string, string> = {}) {
  const response = await fetch(`${baseUrl}/graphql`, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
  return { status: response.status, headers: response.headers, json: (await response.json()) as Record<string, unknown> };
}

/** A GET whose body comes back as sent on the wire (fetch would decompress it). */
function rawRequest(
  path: string,
  headers: Record<string, string>,
): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: Buffer }> {
  return new Promise((resolvePromise, reject) => {
    const req = httpRequest({ host: "127.0.0.1", port, path, method: "GET", headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (chunk: Buffer) => chunks.push(chunk));
      res.on("end", () => resolvePromise({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on("error", reject);
    req.end();
  });
}

/** A GET whose path is sent exactly as written (fetch would resolve "..", this does not). */
function rawGet(path: string): Promise<{ status: number; body: string }> {
  return new Promise((resolvePromise, reject) => {
    const req = httpRequest({ host: "127.0.0.1", port, path, method: "GET" }, (res) => {
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (chunk: string) => (body += chunk));
      res.on("end", () => resolvePromise({ status: res.statusCode ?? 0, body }));
    });
    req.on("error", reject);
    req.end();
  });
}

describe("GraphQL over HTTP", () => {
  it("answers the health query from the real database", async () => {
    const before = Date.now();
    const { status, headers, json } = await postGraphql({
      query: "{ health { status database migrationsApplied version serverTime } }",
    });
    expect(status).toBe(200);
    expect(headers.get("cache-control")).toBe("no-store");
    expect(json["errors"]).toBeUndefined();
    const applied = (db.migrationReport?.alreadyApplied ?? 0) + (db.migrationReport?.applied.length ?? 0);
    expect(applied).toBeGreaterThan(0);
    expect(json["data"]).toEqual({
      health: {
        status: "OK",
        database: db.kind.toUpperCase(),
        migrationsApplied: applied,
        version: "9.9.9-test",
        serverTime: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/),
      },
    });
    const serverTime = Date.parse((json["data"] as { health: { serverTime: string } }).health.serverTime);
    expect(serverTime).toBeGreaterThanOrEqual(before - 1000);
    expect(serverTime).toBeLessThanOrEqual(Date.now() + 1000);
  });

  it("refuses a cross-site simple GET (CSRF prevention) and accepts one with the preflight header", async () => {
    const query = encodeURIComponent("{ health { status } }");
    const simple = await fetch(`${baseUrl}/graphql?query=${query}`);
    expect(simple.status).toBe(400);
    const preflighted = await fetch(`${baseUrl}/graphql?query=${query}`, { headers: { "apollo-require-preflight": "true" } });
    expect(preflighted.status).toBe(200);
    expect(await preflighted.json()).toEqual({ data: { health: { status: "OK" } } });
  });

  it("reports invalid JSON as a bad request", async () => {
    const { status, json } = await postGraphql("{ not json");
    expect(status).toBe(400);
    expect(json).toEqual({ errors: [{ message: "The request body is not valid JSON.", extensions: { code: "BAD_REQUEST" } }] });
  });

  it("reports an unknown field with Apollo's validation code", async () => {
    const { status, json } = await postGraphql({ query: "{ noSuchField }" });
    expect(status).toBe(400);
    expect(json["errors"]).toEqual([
      expect.objectContaining({ extensions: expect.objectContaining({ code: "GRAPHQL_VALIDATION_FAILED" }) }),
    ]);
  });

  it("refuses bodies over the size limit", async () => {
    const { status, json } = await postGraphql({ query: "{ health { status } }", padding: "x".repeat(1024 * 1024) });
    expect(status).toBe(413);
    expect(json).toEqual({
      errors: [{ message: "Request body larger than 1048576 bytes.", extensions: { code: "BAD_REQUEST" } }],
    });
  });

  it("refuses a mutation sent as a simple cross-site request (no CSRF-safe content type or header)", async () => {
    const response = await fetch(`${baseUrl}/graphql`, {
      method: "POST",
      headers: { "content-type": "text/plain" },
      body: JSON.stringify({ query: "mutation { __typename }" }),
    });
    expect(response.status).toBe(400);
    expect(await response.text()).toContain("Cross-Site Request Forgery");
  });

  it("refuses a form-encoded post before it reaches GraphQL", async () => {
    const response = await fetch(`${baseUrl}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: "query=mutation%20%7B%20__typename%20%7D",
    });
    expect(response.status).toBe(415);
  });

  it("accepts the standard introspection query in development", async () => {
    const { status, json } = await postGraphql({ query: getIntrospectionQuery() });
    expect(json["errors"]).toBeUndefined();
    expect(status).toBe(200);
    expect(json["errors"]).toBeUndefined();
  });

  it("refuses an over-costly query built from nested fragments", async () => {
    // Each fragment spreads the one below four times: 4^7 = 16,384 health selections in a few lines.
    const levels = 7;
    const fragments = Array.from({ length: levels }, (_, level) =>
      level === 0
        ? "fragment F0 on Query { health { status version } }"
        : `fragment F${level} on Query { ${`...F${level - 1} `.repeat(4)}}`,
    );
    const { status, json } = await postGraphql({ query: `{ ...F${levels - 1} } ${fragments.join(" ")}` });
    expect(status).toBe(400);
    expect(JSON.stringify(json["errors"])).toContain("Query Cost limit of 5000 exceeded");
  });

  it("refuses more than 15 aliases", async () => {
    const aliases = Array.from({ length: 16 }, (_, index) => `h${index}: health { status }`).join(" ");
    const { status, json } = await postGraphql({ query: `{ ${aliases} }` });
    expect(status).toBe(400);
    expect(JSON.stringify(json["errors"])).toContain("Aliases limit of 15 exceeded");
  });

  it("refuses batched operations", async () => {
    const { status } = await postGraphql([{ query: "{ health { status } }" }, { query: "{ health { status } }" }]);
    expect(status).toBe(400);
  });
});

describe("the built web app", () => {
  it("serves index.html at / with a content type and no long-term caching", async () => {
    const response = await fetch(`${baseUrl}/`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/html; charset=utf-8");
    expect(response.headers.get("cache-control")).toBe("no-cache");
    expect(response.headers.get("x-frame-options")).toBe("DENY");
    expect(await response.text()).toBe(INDEX_HTML);
  });

  it("serves hashed assets as immutable, other files as revalidated", async () => {
    const asset = await fetch(`${baseUrl}/assets/index-abc123.js`);
    expect(asset.status).toBe(200);
    expect(asset.headers.get("content-type")).toBe("application/javascript; charset=utf-8");
    expect(asset.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
    expect(asset.headers.get("x-content-type-options")).toBe("nosniff");
    expect(await asset.text()).toBe(ASSET_JS);

    const icon = await fetch(`${baseUrl}/favicon.svg`);
    expect(icon.headers.get("content-type")).toBe("image/svg+xml");
    expect(icon.headers.get("cache-control")).toBe("no-cache");
  });

  it("answers HEAD with headers only", async () => {
    const response = await fetch(`${baseUrl}/assets/index-abc123.js`, {
      method: "HEAD",
      headers: { "accept-encoding": "identity" },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-length")).toBe(String(Buffer.byteLength(ASSET_JS)));
    expect(await response.text()).toBe("");
  });

  it.each(["/plans/2026/county-42", "/review", "/index"])("falls back to index.html for the client route %s", async (path) => {
    const response = await fetch(`${baseUrl}${path}?tab=targets`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/html; charset=utf-8");
    expect(await response.text()).toBe(INDEX_HTML);
  });

  it.each(["/assets/index-gone999.js", "/assets/chunk", "/missing.png", "/robots.txt"])(
    "answers 404 for the missing file %s",
    async (path) => {
      const response = await fetch(`${baseUrl}${path}`);
      expect(response.status).toBe(404);
      expect(await response.text()).not.toContain("<div id=root>");
    },
  );

  it.each(["/../secret.txt", "/assets/../../secret.txt", "/%2e%2e/secret.txt", "/..%2fsecret.txt", "/..%5csecret.txt"])(
    "refuses the traversal %s",
    async (path) => {
      const { status, body } = await rawGet(path);
      expect(status).toBe(403);
      expect(body).not.toContain(SECRET);
    },
  );

  it("serves no source maps, though they are in the build", async () => {
    const response = await fetch(`${baseUrl}/assets/index-abc123.js.map`);
    expect(response.status).toBe(404);
    expect(await response.text()).not.toContain("secret-source");
  });

  it.each([
    ["br", (body: Buffer) => brotliDecompressSync(body)],
    ["gzip", (body: Buffer) => gunzipSync(body)],
  ])("compresses assets with %s when the browser accepts it", async (encoding, decompress) => {
    const { status, headers, body } = await rawRequest("/assets/vendor-def456.js", { "accept-encoding": encoding });
    expect(status).toBe(200);
    expect(headers["content-encoding"]).toBe(encoding);
    expect(headers["cache-control"]).toBe("public, max-age=31536000, immutable");
    expect(body.length).toBeLessThan(Buffer.byteLength(BIG_ASSET_JS));
    expect(decompress(body).toString("utf8")).toBe(BIG_ASSET_JS);
  });

  it("sends assets uncompressed to a client that accepts no encoding", async () => {
    const { headers, body } = await rawRequest("/assets/vendor-def456.js", {});
    expect(headers["content-encoding"]).toBeUndefined();
    expect(body.toString("utf8")).toBe(BIG_ASSET_JS);
  });

  it("sends security headers with the page", async () => {
    const response = await fetch(`${baseUrl}/review`);
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
    expect(response.headers.get("referrer-policy")).toBe("same-origin");
    const policy = response.headers.get("content-security-policy") ?? "";
    expect(policy).toContain("default-src 'self'");
    expect(policy).toContain("script-src 'self'");
    expect(policy).toContain("frame-ancestors 'none'");
    // Plain HTTP on a LAN must keep working: no upgrade, no HSTS without COOKIE_SECURE.
    expect(policy).not.toContain("upgrade-insecure-requests");
    expect(response.headers.get("strict-transport-security")).toBeNull();
  });

  it.each(["/graphql/extra", "/api/plans", "/api/"])(
    "answers 404, not the web app, for the unknown server path %s",
    async (path) => {
      const response = await fetch(`${baseUrl}${path}`);
      expect(response.status).toBe(404);
      expect(await response.text()).not.toContain("<div id=root>");
    },
  );

  it("allows only GET and HEAD outside /graphql", async () => {
    const response = await fetch(`${baseUrl}/`, { method: "POST", body: "x" });
    expect(response.status).toBe(405);
    expect(response.headers.get("allow")).toBe("GET, HEAD");
  });
});

describe("health when the database is gone", () => {
  it("says DATABASE_UNAVAILABLE instead of failing, and logs why", async () => {
    const lostDb = await createTestDatabase({ migrations: false });
    const log = { error: vi.fn() };
    const lonelyApp = createApp({ dataAccess: lostDb.dataAccess, webDistDir: join(workDir, "dist"), version: "9.9.9-test", log });
    const { url } = await lonelyApp.listen(0, "127.0.0.1");
    try {
      await lostDb.close();
      const response = await fetch(`${url}/graphql`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ query: "{ health { status database migrationsApplied } }" }),
      });
      expect(await response.json()).toEqual({
        data: { health: { status: "DATABASE_UNAVAILABLE", database: lostDb.kind.toUpperCase(), migrationsApplied: null } },
      });
      expect(log.error).toHaveBeenCalledWith("Health probe: the database did not answer.", expect.anything());
    } finally {
      await lonelyApp.close();
    }
  });
});

describe("the request log", () => {
  it("writes one structured line per request, with the request id and without cookies, tokens or passwords", async () => {
    const lines: string[] = [];
    const loggedApp = createApp({
      dataAccess: db.dataAccess,
      webDistDir: join(workDir, "dist"),
      version: "9.9.9-test",
      log: { error: vi.fn() },
      requestLog: { level: "info", stream: { write: (line: string) => lines.push(line) } },
    });
    const { url } = await loggedApp.listen(0, "127.0.0.1");
    try {
      const secrets = ["cookie-token-1234", "hunter2-password", "query-token-5678"];
      await fetch(`${url}/graphql`, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          cookie: `pp_session=${secrets[0]}`,
          authorization: `Bearer ${secrets[0]}`,
        },
        body: JSON.stringify({ query: "{ health { status } }", variables: { password: secrets[1] } }),
      });
      await fetch(`${url}/graphql`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: `{"query": "mutation { login(password: \\"${secrets[1]}\\") }"`, // not JSON: the parser's message would quote it
      });
      await fetch(`${url}/plans/2026?token=${secrets[2]}`, { headers: { cookie: `pp_session=${secrets[0]}` } });

      // Besides these, Fastify logs "Server listening at …" once.
      const entries = lines
        .map((line) => JSON.parse(line) as Record<string, unknown>)
        .filter((entry) => entry["msg"] === "request");
      expect(entries).toEqual([
        expect.objectContaining({ level: 30, method: "POST", path: "/graphql", statusCode: 200, ms: expect.any(Number) }),
        expect.objectContaining({ level: 30, method: "POST", path: "/graphql", statusCode: 400 }),
        expect.objectContaining({ level: 30, method: "GET", path: "/plans/2026", statusCode: 200 }),
      ]);
      for (const entry of entries) expect(entry["reqId"]).toMatch(/^[0-9a-f-]{36}$/);
      expect(new Set(entries.map((entry) => entry["reqId"])).size).toBe(3);
      for (const secret of secrets) expect(lines.join("\n")).not.toContain(secret);
    } finally {
      await loggedApp.close();
    }
  });
});

describe("behind HTTPS (COOKIE_SECURE)", () => {
  it("adds HSTS and upgrade-insecure-requests", async () => {
    const secureApp = createApp({
      dataAccess: db.dataAccess,
      webDistDir: join(workDir, "dist"),
      version: "9.9.9-test",
      log: { error: vi.fn() },
      cookieSecure: true,
    });
    try {
      await secureApp.ready();
      const response = await secureApp.fastify.inject({ method: "GET", url: "/" });
      expect(response.statusCode).toBe(200);
      expect(response.headers["strict-transport-security"]).toBe("max-age=15552000");
      expect(response.headers["content-security-policy"]).toContain("upgrade-insecure-requests");
    } finally {
      await secureApp.close();
    }
  });
});
