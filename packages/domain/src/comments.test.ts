import { describe, expect, it } from "vitest";
import {
  MAX_COMMENT_BODY_LENGTH,
  checkCommentAnchor,
  checkCommentBody,
  commentAnchorColumns,
  commentAnchorKey,
  commentAnchorOf,
  type CommentAnchor,
} from "./comments.js";

describe("checkCommentBody", () => {
  it("takes text up to the limit and refuses blank or longer text", () => {
    expect(checkCommentBody("请说明 3 月目标的依据").ok).toBe(true);
    expect(checkCommentBody("x".repeat(MAX_COMMENT_BODY_LENGTH)).ok).toBe(true);
    expect(checkCommentBody(" \n\t ")).toMatchObject({ ok: false, code: "EMPTY_BODY" });
    expect(checkCommentBody("x".repeat(MAX_COMMENT_BODY_LENGTH + 1))).toMatchObject({ ok: false, code: "BODY_TOO_LONG" });
  });
});

describe("checkCommentAnchor", () => {
  it("accepts the plan, a section code, and cells with canonical keys", () => {
    expect(checkCommentAnchor({ kind: "PLAN" }).ok).toBe(true);
    expect(checkCommentAnchor({ kind: "SECTION", sectionCode: "ENV_COMPETITION" }).ok).toBe(true);
    expect(checkCommentAnchor({ kind: "TARGET_CELL", metricId: "m", month: 12, dimensionKey: "" }).ok).toBe(true);
    expect(checkCommentAnchor({ kind: "TARGET_CELL", metricId: "m", month: 1, dimensionKey: "spec=s1;terminal=t9" }).ok).toBe(
      true,
    );
    expect(checkCommentAnchor({ kind: "EXPENSE_CELL", itemId: "i", month: 3, dimensionKey: "distributor=d1" }).ok).toBe(true);
  });

  it("refuses a month outside 1–12, a key out of order, and an expense line with a spec or two dimensions", () => {
    expect(checkCommentAnchor({ kind: "TARGET_CELL", metricId: "m", month: 13, dimensionKey: "" })).toMatchObject({
      code: "BAD_MONTH",
    });
    expect(checkCommentAnchor({ kind: "TARGET_CELL", metricId: "m", month: 0, dimensionKey: "" })).toMatchObject({
      code: "BAD_MONTH",
    });
    expect(checkCommentAnchor({ kind: "TARGET_CELL", metricId: "m", month: 2, dimensionKey: "terminal=t;spec=s" })).toMatchObject(
      {
        code: "BAD_DIMENSION_KEY",
      },
    );
    expect(checkCommentAnchor({ kind: "EXPENSE_CELL", itemId: "i", month: 2, dimensionKey: "spec=s" })).toMatchObject({
      code: "EXPENSE_KEY_DIMENSION",
    });
    expect(
      checkCommentAnchor({ kind: "EXPENSE_CELL", itemId: "i", month: 2, dimensionKey: "terminal=t;distributor=d" }),
    ).toMatchObject({ code: "EXPENSE_KEY_DIMENSION" });
    expect(checkCommentAnchor({ kind: "SECTION", sectionCode: "env competition" })).toMatchObject({ code: "BAD_SECTION_CODE" });
  });
});

describe("anchors as keys and columns", () => {
  const anchors: CommentAnchor[] = [
    { kind: "PLAN" },
    { kind: "SECTION", sectionCode: "METHOD_OVERALL" },
    { kind: "TARGET_CELL", metricId: "rev", month: 3, dimensionKey: "spec=a" },
    { kind: "EXPENSE_CELL", itemId: "rent", month: 7, dimensionKey: "" },
  ];

  it("writes each anchor's key by the documented pattern", () => {
    expect(anchors.map(commentAnchorKey)).toEqual(["PLAN", "SECTION:METHOD_OVERALL", "TARGET:rev:3:spec=a", "EXPENSE:rent:7:"]);
  });

  it("reads back from its columns the anchor it was stored as", () => {
    for (const anchor of anchors) expect(commentAnchorOf(commentAnchorColumns(anchor))).toEqual(anchor);
    expect(commentAnchorColumns({ kind: "SECTION", sectionCode: "X" })).toEqual({
      sectionCode: "X",
      metricId: null,
      itemId: null,
      month: null,
      dimensionKey: null,
    });
  });
});
