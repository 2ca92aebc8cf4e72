// The document tab's small rules: the version a write sends, link lists compared
// as sets, the server's limits on links, and the cached section after a write.
import { MAX_SECTION_LINKS } from "@pyramid/domain";
import { describe, expect, it } from "vitest";
import type { PlanDocumentSectionFragment } from "../../../graphql/generated/graphql.js";
import {
  addLinkProblem,
  expectedVersionOf,
  partHeading,
  patchSection,
  sameLinks,
  stateOfSaved,
  type SectionLink,
} from "./document-model.js";

const link = (metricId: string, productSpecId: string | null = null): SectionLink => ({ metricId, productSpecId });

describe("document model", () => {
  it("sends no version for a section never saved, else the version read", () => {
    expect(expectedVersionOf(stateOfSaved(null))).toBeNull();
    expect(expectedVersionOf({ body: "x", version: 7, updatedBy: null, updatedAt: "2026-11-21T00:00:00.000Z", links: [] })).toBe(
      7,
    );
  });

  it("compares links as sets: order does not matter, a spec does", () => {
    expect(sameLinks([link("a"), link("b", "s1")], [link("b", "s1"), link("a")])).toBe(true);
    expect(sameLinks([link("a")], [link("a", "s1")])).toBe(false);
    expect(sameLinks([link("a")], [link("a"), link("b")])).toBe(false);
    expect(sameLinks([], [])).toBe(true);
  });

  it("refuses a link twice, and more than the server's limit", () => {
    expect(addLinkProblem([link("a")], link("a"))).toBe("DUPLICATE");
    // A metric alone and the metric for one spec are different targets.
    expect(addLinkProblem([link("a")], link("a", "s1"))).toBeNull();
    const full = Array.from({ length: MAX_SECTION_LINKS }, (_, index) => link(`m${index}`));
    expect(addLinkProblem(full.slice(1), link("new"))).toBeNull();
    expect(addLinkProblem(full, link("new"))).toBe("TOO_MANY");
  });

  it("writes a saved state into the cached section with the person and the link codes", () => {
    const cached = {
      __typename: "PlanSection",
      id: null,
      code: "METHOD_TARGET_SPLIT",
      part: "METHODS",
      titleZh: "销售目标分解",
      titleEn: "Target split",
      guidanceZh: null,
      guidanceEn: null,
      required: true,
      sortOrder: 3,
      body: "",
      version: 0,
      updatedBy: null,
      updatedAt: null,
      links: [],
    } as PlanDocumentSectionFragment;
    const patched = patchSection(
      cached,
      {
        body: "按上年比例分解。",
        version: 1,
        updatedBy: { id: "u-1", displayName: "李四" },
        updatedAt: "2026-11-21T01:00:00.000Z",
        links: [link("m-sales"), link("m-gp", "s1")],
      },
      { metricCode: (id) => ({ "m-sales": "SALES_REVENUE", "m-gp": "GROSS_PROFIT" })[id] ?? id, specCode: () => "JZ500" },
    );
    expect(patched).toEqual({
      ...cached,
      body: "按上年比例分解。",
      version: 1,
      updatedAt: "2026-11-21T01:00:00.000Z",
      updatedBy: { __typename: "PlanPerson", id: "u-1", displayName: "李四" },
      links: [
        {
          __typename: "PlanSectionLink",
          metricId: "m-sales",
          metricCode: "SALES_REVENUE",
          productSpecId: null,
          productSpecCode: null,
        },
        {
          __typename: "PlanSectionLink",
          metricId: "m-gp",
          metricCode: "GROSS_PROFIT",
          productSpecId: "s1",
          productSpecCode: "JZ500",
        },
      ],
    });
  });
});

describe("partHeading", () => {
  it("letters a part, unless its title carries its own number", () => {
    expect(partHeading("ENVIRONMENT", "Marketing environment")).toBe("A. Marketing environment");
    expect(partHeading("METHODS", "营销目标达成办法")).toBe("C. 营销目标达成办法");
    expect(partHeading("ENVIRONMENT", "一、营销环境分析")).toBe("一、营销环境分析");
    expect(partHeading("METHODS", "三、营销目标达成办法")).toBe("三、营销目标达成办法");
    expect(partHeading("GOALS", "B. Marketing goals")).toBe("B. Marketing goals");
  });
});
