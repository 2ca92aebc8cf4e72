import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { describeConfig, parseDatabaseConfig, redactUrl } from "./config.js";
import { DatabaseOpenError } from "./errors.js";
import { defaultDataDir, repoRoot } from "./repo-root.js";

describe("parseDatabaseConfig", () => {
  it("defaults to PGlite in data/pglite under the repository root", () => {
    expect(parseDatabaseConfig({ env: {} })).toEqual({ kind: "pglite", dataDir: join(repoRoot(), "data", "pglite"), log: [] });
    expect(defaultDataDir()).toBe(join(repoRoot(), "data", "pglite"));
  });

  it("treats an empty or blank DATABASE_URL as unset", () => {
    expect(parseDatabaseConfig({ env: { DATABASE_URL: "" } }).kind).toBe("pglite");
    expect(parseDatabaseConfig({ env: { DATABASE_URL: "   " } }).kind).toBe("pglite");
  });

  it("takes PGLITE_DATA_DIR relative to the repository root, whatever the current directory", () => {
    expect(parseDatabaseConfig({ env: { PGLITE_DATA_DIR: "tmp/db" } })).toMatchObject({ dataDir: join(repoRoot(), "tmp", "db") });
    expect(parseDatabaseConfig({ env: { PGLITE_DATA_DIR: "/var/lib/pyramid" } })).toMatchObject({ dataDir: "/var/lib/pyramid" });
    expect(parseDatabaseConfig({ env: { PGLITE_DATA_DIR: "memory://" } })).toMatchObject({ dataDir: "memory://" });
  });

  it("lets options win over the environment: databaseUrl, then an explicit dataDir, then DATABASE_URL", () => {
    const env = { DATABASE_URL: "postgresql://env@db.example:5432/app", PGLITE_DATA_DIR: "/from/env" };
    expect(parseDatabaseConfig({ env }).kind).toBe("postgres");
    expect(parseDatabaseConfig({ env, dataDir: "/explicit" })).toMatchObject({ kind: "pglite", dataDir: "/explicit" });
    const both = parseDatabaseConfig({ env, dataDir: "/explicit", databaseUrl: "postgres://option@127.0.0.1/app" });
    expect(both.kind === "postgres" && both.url.username).toBe("option");
  });

  it("rejects URLs that are not PostgreSQL's with BAD_URL", () => {
    for (const databaseUrl of ["mysql://root@localhost/app", "localhost:5432", "postgresql:///app"]) {
      expect(() => parseDatabaseConfig({ databaseUrl })).toThrow(expect.objectContaining({ code: "BAD_URL" }));
    }
    expect(() => parseDatabaseConfig({ databaseUrl: "postgresql:///app?host=/var/run/postgresql" })).not.toThrow();
  });

  it("rejects unknown log levels", () => {
    expect(() => parseDatabaseConfig({ env: {}, log: ["loud" as "info"] })).toThrow(DatabaseOpenError);
  });
});

describe("redactUrl and describeConfig", () => {
  it("never show a password", () => {
    const url = new URL("postgresql://app:s3cret@db.example:5432/plan");
    expect(redactUrl(url)).toBe("postgresql://app:***@db.example:5432/plan");
    expect(describeConfig({ kind: "postgres", url, log: [] })).toBe("PostgreSQL at postgresql://app:***@db.example:5432/plan");
    expect(describeConfig({ kind: "pglite", dataDir: "memory://", log: [] })).toBe("embedded PGlite in memory");
  });
});
