// The whole HTTP app on a real (throw-away) database: GraphQL over HTTP and
// the static web app, through real sockets.
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { request as httpRequest } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createTestDatabase, type TestDatabase } from "@pyramid/db/testing";
import { createApp, type App } from "./app.js";

const INDEX_HTML = "<!doctype html><title>test build</title><div id=root></div>";
const ASSET_JS = "console.log('hashed asset');";
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
    const { status } = await postGraphql({ query: "{ health { status } }", padding: "x".repeat(1024 * 1024) });
    expect(status).toBe(413);
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
    expect(asset.headers.get("content-type")).toBe("text/javascript; charset=utf-8");
    expect(asset.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
    expect(asset.headers.get("x-content-type-options")).toBe("nosniff");
    expect(await asset.text()).toBe(ASSET_JS);

    const icon = await fetch(`${baseUrl}/favicon.svg`);
    expect(icon.headers.get("content-type")).toBe("image/svg+xml");
    expect(icon.headers.get("cache-control")).toBe("no-cache");
  });

  it("answers HEAD with headers only", async () => {
    const response = await fetch(`${baseUrl}/assets/index-abc123.js`, { method: "HEAD" });
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
      expect(status).toBe(400);
      expect(body).not.toContain(SECRET);
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
