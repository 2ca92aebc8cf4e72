// CI never passes by skipping: the browser suite's skip rule, and .ci/run
// running exactly the README's test command.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { browserSkipReason, chromiumPath, isCi } from "../e2e/browser.js";

const root = join(import.meta.dirname, "..");

describe("the browser suite's Chromium", () => {
  const missing = "/nonexistent/chromium-for-this-test";

  it("comes from CHROMIUM_PATH, else /usr/bin/chromium (the rule .ci/run uses)", () => {
    expect(chromiumPath({ CHROMIUM_PATH: "/opt/chrome/chrome" })).toBe("/opt/chrome/chrome");
    expect(chromiumPath({})).toBe("/usr/bin/chromium");
    expect(chromiumPath({ CHROMIUM_PATH: "" })).toBe("/usr/bin/chromium");
    expect(readFileSync(join(root, ".ci/run"), "utf8")).toContain('"${CHROMIUM_PATH:-/usr/bin/chromium}"');
  });

  it("is skipped with a reason outside CI", () => {
    expect(browserSkipReason({ CHROMIUM_PATH: missing })).toContain(missing);
    expect(browserSkipReason({ CHROMIUM_PATH: missing, CI: "false" })).toContain(missing);
  });

  it("fails the run under CI=true instead of skipping", () => {
    expect(isCi({ CI: "true" })).toBe(true);
    expect(isCi({ CI: "1" })).toBe(true);
    expect(isCi({})).toBe(false);
    expect(() => browserSkipReason({ CHROMIUM_PATH: missing, CI: "true" })).toThrow(/CI=true.*may not be skipped/);
  });

  it("runs when the browser is there, CI or not", () => {
    // Any existing file stands in for the browser: only its presence is checked here.
    expect(browserSkipReason({ CHROMIUM_PATH: process.execPath, CI: "true" })).toBeUndefined();
  });
});

describe(".ci/run", () => {
  const script = readFileSync(join(root, ".ci/run"), "utf8");

  it("runs the README's test command verbatim", () => {
    const readme = readFileSync(join(root, "README.md"), "utf8");
    const command = /```bash\n(npx --yes pnpm@[\d.]+ install && npx --yes pnpm@[\d.]+ test)\n```/.exec(readme)?.[1];
    expect(command).toBeDefined();
    expect(script.split("\n")).toContain(command);
  });

  it("checks psql and the PostgreSQL server before the long suite", () => {
    const suite = script.indexOf("pnpm@10.34.8 test");
    expect(script.indexOf("command -v psql")).toBeGreaterThan(-1);
    expect(script.indexOf("command -v psql")).toBeLessThan(suite);
    expect(script.indexOf('psql "$pg_admin_url" -qAtc "SELECT 1"')).toBeLessThan(suite);
  });
});
