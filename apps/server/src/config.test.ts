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

  it("makes the session cookie Secure for an https PUBLIC_URL or COOKIE_SECURE=true, and COOKIE_SECURE wins", () => {
    expect(loadConfig({}).cookieSecure).toBe(false);
    expect(loadConfig({ PUBLIC_URL: "http://planner.lan:4000" })).toMatchObject({
      cookieSecure: false,
      publicUrl: "http://planner.lan:4000",
    });
    expect(loadConfig({ PUBLIC_URL: "https://planner.example.com" }).cookieSecure).toBe(true);
    expect(loadConfig({ COOKIE_SECURE: "true" }).cookieSecure).toBe(true);
    expect(loadConfig({ PUBLIC_URL: "https://planner.example.com", COOKIE_SECURE: "false" }).cookieSecure).toBe(false);
  });

  it("reads TRUST_PROXY as off, on or a list of proxy addresses, and LOG_LEVEL", () => {
    expect(loadConfig({})).toMatchObject({ trustProxy: false, logLevel: "info" });
    expect(loadConfig({ TRUST_PROXY: "true", LOG_LEVEL: "warn" })).toMatchObject({ trustProxy: true, logLevel: "warn" });
    expect(loadConfig({ TRUST_PROXY: "127.0.0.1, 10.0.0.0/8" }).trustProxy).toEqual(["127.0.0.1", "10.0.0.0/8"]);
  });

  it("refuses a PUBLIC_URL that is not http(s), a COOKIE_SECURE that is not a boolean, an unknown LOG_LEVEL", () => {
    expect(() => loadConfig({ PUBLIC_URL: "ftp://planner", COOKIE_SECURE: "yes", LOG_LEVEL: "loud" })).toThrow(
      expect.objectContaining({
        problems: [
          expect.stringMatching(/^PUBLIC_URL="ftp:\/\/planner": /),
          expect.stringMatching(/^COOKIE_SECURE="yes": must be true or false/),
          expect.stringMatching(/^LOG_LEVEL="loud": /),
        ],
      }),
    );
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
