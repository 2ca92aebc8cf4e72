import { describe, expect, it } from "vitest";
import { loginPath, safeNextPath } from "./safe-next.js";

describe("safeNextPath", () => {
  it("keeps a path of this app with its query", () => {
    expect(safeNextPath("/units/CONGHUA?x=1")).toBe("/units/CONGHUA?x=1");
  });

  it("goes home for anything that could leave the app or loop back to sign-in", () => {
    for (const next of [
      null,
      "",
      "https://evil.example/",
      "//evil.example/",
      "/\\evil.example",
      "units",
      "/login",
      "/login?next=/",
    ]) {
      expect(safeNextPath(next)).toBe("/");
    }
  });
});

describe("loginPath", () => {
  it("carries the page to come back to and why", () => {
    expect(loginPath("/units/GZ?cycle=2027", "expired")).toBe("/login?next=%2Funits%2FGZ%3Fcycle%3D2027&reason=expired");
    expect(loginPath("/")).toBe("/login");
    expect(loginPath("/", "signedOut")).toBe("/login?reason=signedOut");
  });
});
