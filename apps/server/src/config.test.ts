import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { repoRoot } from "@pyramid/db";
import { ConfigError, loadConfig } from "./config.js";

const REPO_ROOT = repoRoot();

describe("loadConfig", () => {
  it("has working defaults for a fresh checkout", () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      port: 4000,
      host: "0.0.0.0",
      database: {},
      webDistDir: join(REPO_ROOT, "apps/web/dist"),
      nodeEnv: "development",
    });
    expect(config.version).toMatch(/^\d+\.\d+\.\d+/);
  });

  it("reads and coerces the variables it knows", () => {
    const config = loadConfig({
      PORT: "4123",
      HOST: "127.0.0.1",
      DATABASE_URL: "postgresql://planner@db.example:5432/pyramid",
      WEB_DIST_DIR: "/srv/web",
      NODE_ENV: "production",
    });
    expect(config).toMatchObject({
      port: 4123,
      host: "127.0.0.1",
      database: { databaseUrl: "postgresql://planner@db.example:5432/pyramid" },
      webDistDir: "/srv/web",
      nodeEnv: "production",
    });
  });

  it("takes relative directories from the repository root, and keeps memory:// as it is", () => {
    expect(loadConfig({ WEB_DIST_DIR: "build/web", PGLITE_DATA_DIR: "data/test" })).toMatchObject({
      webDistDir: join(REPO_ROOT, "build/web"),
      database: { dataDir: join(REPO_ROOT, "data/test") },
    });
    expect(loadConfig({ PGLITE_DATA_DIR: "memory://" }).database).toEqual({ dataDir: "memory://" });
  });

  it("treats empty values as unset", () => {
    expect(loadConfig({ PORT: "", DATABASE_URL: " " })).toMatchObject({ port: 4000, database: {} });
  });

  it("reads the database part with the db package's reader: DATABASE_URL wins over PGLITE_DATA_DIR", () => {
    const database = loadConfig({ DATABASE_URL: "postgres://app@db.example/plan", PGLITE_DATA_DIR: "/var/lib/pyramid" }).database;
    expect(database).toEqual({ databaseUrl: "postgres://app@db.example/plan" });
  });

  it("lists a bad DATABASE_URL beside the server's own problems, without the password", () => {
    let caught: unknown;
    try {
      loadConfig({ PORT: "-1", DATABASE_URL: "mysql://root:hunter2@db.example/app" });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ConfigError);
    const problems = (caught as ConfigError).problems;
    expect(problems).toHaveLength(2);
    expect(problems[0]).toContain('PORT="-1"');
    expect(problems[1]).toMatch(/^DATABASE_URL: .*postgresql:\/\//);
    expect((caught as ConfigError).message).not.toContain("hunter2");
  });

  it("explains every invalid variable in one error", () => {
    let caught: unknown;
    try {
      loadConfig({ PORT: "forty", NODE_ENV: "staging" });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ConfigError);
    const error = caught as ConfigError;
    expect(error.problems).toHaveLength(2);
    expect(error.message).toContain('PORT="forty"');
    expect(error.message).toContain('NODE_ENV="staging"');
  });

  it("refuses a port out of range", () => {
    expect(() => loadConfig({ PORT: "70000" })).toThrow(ConfigError);
  });
});
