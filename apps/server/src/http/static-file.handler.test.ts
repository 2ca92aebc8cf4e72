import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { contentTypeFor, resolveStaticPath } from "./static-file.handler.js";

const root = resolve("/srv/web/dist");

describe("resolveStaticPath", () => {
  it("maps URL paths onto files inside the root", () => {
    expect(resolveStaticPath(root, "/assets/index-abc123.js")).toEqual({
      kind: "file",
      path: join(root, "assets/index-abc123.js"),
    });
    expect(resolveStaticPath(root, "/%E8%AE%A1%E5%88%92.txt")).toEqual({ kind: "file", path: join(root, "计划.txt") });
  });

  it.each([
    ["/../etc/passwd"],
    ["/assets/../../etc/passwd"],
    ["/%2e%2e/etc/passwd"],
    ["/%2E%2E%2Fetc%2Fpasswd"],
    ["/..%5c..%5cetc%5cpasswd"],
    ["/index.html%00.js"],
    ["/%E0%A4%A"],
  ])("refuses %s", (urlPath) => {
    expect(resolveStaticPath(root, urlPath)).toEqual({ kind: "refused" });
  });
});

describe("contentTypeFor", () => {
  it("knows what Vite emits", () => {
    expect(contentTypeFor("index.html")).toBe("text/html; charset=utf-8");
    expect(contentTypeFor("assets/index-abc.js")).toBe("text/javascript; charset=utf-8");
    expect(contentTypeFor("assets/index-abc.CSS")).toBe("text/css; charset=utf-8");
    expect(contentTypeFor("favicon.svg")).toBe("image/svg+xml");
    expect(contentTypeFor("font.woff2")).toBe("font/woff2");
  });

  it("falls back to a download for unknown extensions", () => {
    expect(contentTypeFor("data.bin")).toBe("application/octet-stream");
  });
});
