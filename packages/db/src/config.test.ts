import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { describeConfig, parseDatabaseConfig, readDatabaseEnvironment, redactUrl } from "./config.js";
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

describe("readDatabaseEnvironment: the one reader of the database environment", () => {
  it("reads nothing into defaults: no variables, no settings (openDatabase then uses data/pglite)", () => {
    expect(readDatabaseEnvironment({})).toEqual({});
    expect(parseDatabaseConfig(readDatabaseEnvironment({}))).toMatchObject({ kind: "pglite", dataDir: defaultDataDir() });
  });

  it("takes DATABASE_URL over PGLITE_DATA_DIR, and PGLITE_DATA_DIR when the URL is unset or blank", () => {
    const url = "postgresql://app@db.example:5432/plan";
    expect(readDatabaseEnvironment({ DATABASE_URL: url, PGLITE_DATA_DIR: "/srv/pglite" })).toEqual({ databaseUrl: url });
    expect(readDatabaseEnvironment({ DATABASE_URL: "  ", PGLITE_DATA_DIR: "/srv/pglite" })).toEqual({ dataDir: "/srv/pglite" });
    expect(readDatabaseEnvironment({ PGLITE_DATA_DIR: " memory:// " })).toEqual({ dataDir: "memory://" });
  });

  it("ignores every other variable", () => {
    expect(readDatabaseEnvironment({ TEST_DATABASE_URL: "postgresql://x@y/z", PORT: "4000", PGHOST: "db" })).toEqual({});
  });

  it("refuses a DATABASE_URL that is not PostgreSQL's, unparsable, or without a host, never echoing a password", () => {
    for (const DATABASE_URL of ["mysql://root:pw@localhost/app", "postgres is on my laptop:pw", "postgresql:///app"]) {
      let caught: unknown;
      try {
        readDatabaseEnvironment({ DATABASE_URL });
      } catch (error) {
        caught = error;
      }
      expect(caught).toBeInstanceOf(DatabaseOpenError);
      expect((caught as DatabaseOpenError).code).toBe("BAD_URL");
      expect((caught as DatabaseOpenError).message).not.toMatch(/:pw/);
    }
  });
});

describe("parseDatabaseConfig never reads process.env", () => {
  it("ignores DATABASE_URL and PGLITE_DATA_DIR in the process environment", () => {
    const saved = { url: process.env.DATABASE_URL, dir: process.env.PGLITE_DATA_DIR };
    process.env.DATABASE_URL = "postgresql://env@db.example:5432/app";
    process.env.PGLITE_DATA_DIR = "/from/process/env";
    try {
      expect(parseDatabaseConfig({})).toEqual({ kind: "pglite", dataDir: defaultDataDir(), log: [] });
    } finally {
      if (saved.url === undefined) delete process.env.DATABASE_URL;
      else process.env.DATABASE_URL = saved.url;
      if (saved.dir === undefined) delete process.env.PGLITE_DATA_DIR;
      else process.env.PGLITE_DATA_DIR = saved.dir;
    }
  });

  it("lets explicit settings win over a given environment map", () => {
    const env = { DATABASE_URL: "postgresql://env@db.example:5432/app" };
    expect(parseDatabaseConfig({ env, dataDir: "memory://" })).toMatchObject({ kind: "pglite", dataDir: "memory://" });
    // A bad URL in the map does not matter when the caller chose explicitly.
    expect(parseDatabaseConfig({ env: { DATABASE_URL: "mysql://x@y/z" }, dataDir: "memory://" }).kind).toBe("pglite");
  });
});
