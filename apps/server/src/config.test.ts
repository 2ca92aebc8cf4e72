import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig, REPO_ROOT } from "./config.js";

describe("loadConfig", () => {
  it("has working defaults for a fresh checkout", () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      port: 4000,
      host: "0.0.0.0",
      databaseUrl: undefined,
      pgliteDataDir: undefined,
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
      databaseUrl: "postgresql://planner@db.example:5432/pyramid",
      webDistDir: "/srv/web",
      nodeEnv: "production",
    });
  });

  it("takes relative directories from the repository root, and keeps memory:// as it is", () => {
    expect(loadConfig({ WEB_DIST_DIR: "build/web", PGLITE_DATA_DIR: "data/test" })).toMatchObject({
      webDistDir: join(REPO_ROOT, "build/web"),
      pgliteDataDir: join(REPO_ROOT, "data/test"),
    });
    expect(loadConfig({ PGLITE_DATA_DIR: "memory://" }).pgliteDataDir).toBe("memory://");
  });

  it("treats empty values as unset", () => {
    expect(loadConfig({ PORT: "", DATABASE_URL: " " })).toMatchObject({ port: 4000, databaseUrl: undefined });
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
