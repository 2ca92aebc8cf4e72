import { describe, expect, it } from "vitest";
import { likePrefix } from "./org-units.repository.js";

describe("likePrefix", () => {
  it("matches the path literally: LIKE's wildcards and escape character are escaped", () => {
    expect(likePrefix("/hq/gd/")).toBe("/hq/gd/%");
    expect(likePrefix("/a_b/100%/")).toBe("/a\\_b/100\\%/%");
    expect(likePrefix("/back\\slash/")).toBe("/back\\\\slash/%");
  });
});
