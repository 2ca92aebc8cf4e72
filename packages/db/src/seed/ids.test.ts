import { describe, expect, it } from "vitest";
import { demoId, uuidV5 } from "./ids.js";

describe("uuidV5", () => {
  it("matches the RFC 4122 reference value (DNS namespace, www.example.com)", () => {
    // Python: uuid.uuid5(uuid.NAMESPACE_DNS, "www.example.com")
    expect(uuidV5("www.example.com", "6ba7b810-9dad-11d1-80b4-00c04fd430c8")).toBe("2ed6657d-e927-568b-95e1-2665a8aea6a2");
  });

  it("is deterministic, version 5, and distinct per name", () => {
    const id = demoId("OrgUnit", "GZ");
    expect(id).toBe(demoId("OrgUnit", "GZ"));
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(demoId("OrgUnit", "FS")).not.toBe(id);
    expect(demoId("Terminal", "GZ")).not.toBe(id);
  });

  it("refuses a namespace that is not a uuid", () => {
    expect(() => uuidV5("x", "not-a-uuid")).toThrow(RangeError);
  });
});
