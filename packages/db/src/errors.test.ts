import { describe, expect, it } from "vitest";
import { writeConflictOf } from "./errors.js";

describe("writeConflictOf", () => {
  it("reads Prisma's mapped codes (PostgreSQL through @prisma/adapter-pg)", () => {
    expect(writeConflictOf({ code: "P2002" })).toBe("UNIQUE_VIOLATION");
    expect(writeConflictOf({ code: "P2003" })).toBe("FOREIGN_KEY_VIOLATION");
    expect(writeConflictOf({ code: "P2014" })).toBe("FOREIGN_KEY_VIOLATION");
  });

  it("reads the SQLSTATE a driver adapter passes through (PGlite)", () => {
    const pgliteError = {
      name: "DriverAdapterError",
      cause: { kind: "postgres", code: "23505", message: "duplicate key value" },
    };
    expect(writeConflictOf(pgliteError)).toBe("UNIQUE_VIOLATION");
    expect(writeConflictOf({ cause: { code: "23503" } })).toBe("FOREIGN_KEY_VIOLATION");
    expect(writeConflictOf({ cause: { code: "23001" } })).toBe("FOREIGN_KEY_VIOLATION");
    expect(writeConflictOf({ cause: { originalCode: "23514" } })).toBe("CHECK_VIOLATION");
  });

  it("says null for anything else", () => {
    expect(writeConflictOf(new Error("boom"))).toBeNull();
    expect(writeConflictOf({ code: "P2025" })).toBeNull();
    expect(writeConflictOf({ cause: { code: "40001" } })).toBeNull();
    expect(writeConflictOf(null)).toBeNull();
    expect(writeConflictOf("23505")).toBeNull();
  });
});
