import { describe, expect, it } from "vitest";
import { ancestorsWithinScope } from "./org-ancestors.js";
import {
  absorbChildrenPage,
  absorbScopePage,
  childrenRequest,
  emptyTree,
  keyAction,
  loadedPathTo,
  markFailed,
  setExpanded,
  visibleRows,
  type TreeNode,
  type TreeState,
} from "./tree-model.js";

// A small pyramid: HQ › GD › {GZ › {CONGHUA, ZENGCHENG, HUADU}, FS › {SHUNDE}}, and JS (no children).
const parents: Record<string, string | null> = {
  HQ: null,
  GD: "HQ",
  JS: "HQ",
  GZ: "GD",
  FS: "GD",
  CONGHUA: "GZ",
  ZENGCHENG: "GZ",
  HUADU: "GZ",
  SHUNDE: "FS",
};
const childCount = (code: string) => Object.values(parents).filter((parent) => parent === code).length;
const depthOf = (code: string): number => (parents[code] ? depthOf(parents[code]!) + 1 : 1);

function unit(code: string): TreeNode {
  const parent = parents[code] ?? null;
  return {
    id: `id-${code}`,
    code,
    nameZh: code,
    nameEn: code,
    level: (["HQ", "PROVINCE", "CITY", "COUNTY"] as const)[depthOf(code) - 1]!,
    parentId: parent === null ? null : `id-${parent}`,
    depth: depthOf(code),
    plan: null,
    dueOn: null,
    overdue: false,
    children: { total: childCount(code), submitted: 0, approved: 0 },
    figures: { salesTarget: "0.00", salesLastYear: "0.00", expenseTotal: "0.00" },
  };
}
const units = (...codes: string[]) => codes.map(unit);
const codes = (state: TreeState) =>
  visibleRows(state).map((row) => (row.kind === "unit" ? `${"  ".repeat(row.level - 1)}${row.node.code}` : `${row.kind}`));

// The server's breadth-first order: depth, then sibling order.
const BFS = ["HQ", "GD", "JS", "GZ", "FS", "CONGHUA", "ZENGCHENG", "HUADU", "SHUNDE"];

describe("absorbScopePage", () => {
  it("finds the top unit and keeps the children lists a page holds whole", () => {
    const state = absorbScopePage(emptyTree(), { nodes: units(...BFS.slice(0, 6)), nextCursor: "c6" }, ["id-HQ"]);
    expect(state.roots.ids).toEqual(["id-HQ"]);
    expect(state.roots.complete).toBe(true);
    expect(state.children.get("id-HQ")?.ids).toEqual(["id-GD", "id-JS"]);
    expect(state.children.get("id-GD")?.ids).toEqual(["id-GZ", "id-FS"]);
    // GZ has one of its three counties on the page: not a whole list.
    expect(state.children.has("id-GZ")).toBe(false);
    expect(state.children.has("id-JS")).toBe(false);
  });

  it("finds several top units at different depths, and asks for more while one is missing", () => {
    // A viewer holding JS (a province) and GZ (a city elsewhere): the scope lists JS, GZ, then GZ's counties.
    const first = absorbScopePage(emptyTree(), { nodes: units("JS"), nextCursor: "c1" }, ["id-JS", "id-GZ"]);
    expect(first.roots).toMatchObject({ ids: ["id-JS"], complete: false, cursor: "c1" });
    expect(codes(first)).toEqual(["JS", "more"]);
    const second = absorbScopePage(first, { nodes: units("GZ", "CONGHUA"), nextCursor: "c3" }, ["id-JS", "id-GZ"]);
    expect(second.roots).toMatchObject({ ids: ["id-JS", "id-GZ"], complete: true });
    expect(codes(second)).toEqual(["JS", "GZ"]);
  });

  it("without the expected top units, the last page says the list is whole", () => {
    expect(absorbScopePage(emptyTree(), { nodes: units("HQ"), nextCursor: "c1" }).roots.complete).toBe(false);
    expect(absorbScopePage(emptyTree(), { nodes: units("HQ"), nextCursor: null }).roots.complete).toBe(true);
  });
});

describe("childrenRequest and absorbChildrenPage", () => {
  const scoped = absorbScopePage(emptyTree(), { nodes: units("HQ", "GD", "JS", "GZ", "FS"), nextCursor: "c5" }, ["id-HQ"]);

  it("asks for the unit and its first children, then for the rest after the cursor", () => {
    expect(childrenRequest(scoped, "id-GZ", 2)).toEqual({ rootId: "id-GZ", first: 3 });
    const firstPage = absorbChildrenPage(scoped, "id-GZ", { nodes: units("GZ", "CONGHUA", "ZENGCHENG"), nextCursor: "g3" });
    expect(firstPage.children.get("id-GZ")).toMatchObject({ ids: ["id-CONGHUA", "id-ZENGCHENG"], complete: false, cursor: "g3" });
    expect(childrenRequest(firstPage, "id-GZ", 2)).toEqual({ rootId: "id-GZ", first: 1, after: "g3" });
    const secondPage = absorbChildrenPage(firstPage, "id-GZ", { nodes: units("HUADU"), nextCursor: "g4" });
    expect(secondPage.children.get("id-GZ")).toMatchObject({
      ids: ["id-CONGHUA", "id-ZENGCHENG", "id-HUADU"],
      complete: true,
      cursor: null,
    });
    expect(childrenRequest(secondPage, "id-GZ", 2)).toBeNull();
  });

  it("asks nothing for a unit without children or a list already whole", () => {
    expect(childrenRequest(scoped, "id-JS", 50)).toBeNull();
    expect(childrenRequest(scoped, "id-GD", 50)).toBeNull();
    expect(childrenRequest(scoped, "id-UNKNOWN", 50)).toBeNull();
  });

  it("asks for the first page again after it failed", () => {
    const failed = markFailed(scoped, "id-FS", new TypeError("Failed to fetch"));
    expect(childrenRequest(failed, "id-FS", 50)).toEqual({ rootId: "id-FS", first: 2 });
  });

  it("takes a grandchild on the page as the end of the children", () => {
    const page = absorbChildrenPage(scoped, "id-FS", { nodes: units("FS", "SHUNDE", "CONGHUA"), nextCursor: "f3" });
    expect(page.children.get("id-FS")).toMatchObject({ ids: ["id-SHUNDE"], complete: true });
  });
});

describe("visibleRows", () => {
  it("lists open units' children under them, with levels, positions and set sizes", () => {
    let state = absorbScopePage(emptyTree(), { nodes: units(...BFS), nextCursor: null }, ["id-HQ"]);
    state = setExpanded(setExpanded(state, "id-HQ", true), "id-GD", true);
    expect(codes(state)).toEqual(["HQ", "  GD", "    GZ", "    FS", "  JS"]);
    const fs = visibleRows(state)[3]!;
    expect(fs).toMatchObject({ kind: "unit", level: 3, posInSet: 2, setSize: 2, expanded: false, parentId: "id-GD" });
    state = setExpanded(state, "id-GZ", true);
    expect(codes(state)).toEqual(["HQ", "  GD", "    GZ", "      CONGHUA", "      ZENGCHENG", "      HUADU", "    FS", "  JS"]);
    // A unit without children is never "open".
    expect(visibleRows(setExpanded(state, "id-JS", true)).find((row) => row.key === "unit:id-JS")).toMatchObject({
      expanded: false,
    });
  });

  it("shows a loading, failed or load-more row under a unit whose children are not all in", () => {
    const scoped = setExpanded(
      absorbScopePage(emptyTree(), { nodes: units("GZ", "CONGHUA"), nextCursor: "c2" }, ["id-GZ"]),
      "id-GZ",
      true,
    );
    expect(codes(scoped)).toEqual(["GZ", "more"]);
    const partial = absorbChildrenPage(scoped, "id-GZ", { nodes: units("GZ", "CONGHUA", "ZENGCHENG"), nextCursor: "g3" });
    expect(visibleRows(partial).at(-1)).toMatchObject({ kind: "more", parentId: "id-GZ", level: 2, remaining: 1 });
    expect(codes(markFailed(partial, "id-GZ", new Error("x")))).toEqual(["GZ", "  CONGHUA", "  ZENGCHENG", "error"]);
  });
});

describe("keyAction", () => {
  const state = setExpanded(
    setExpanded(absorbScopePage(emptyTree(), { nodes: units(...BFS), nextCursor: null }, ["id-HQ"]), "id-HQ", true),
    "id-GD",
    true,
  );
  const rows = visibleRows(state); // HQ, GD, GZ, FS, JS

  it("moves up, down, to the first and to the last row", () => {
    expect(keyAction(rows, "unit:id-GD", "ArrowDown")).toEqual({ type: "focus", key: "unit:id-GZ" });
    expect(keyAction(rows, "unit:id-GD", "ArrowUp")).toEqual({ type: "focus", key: "unit:id-HQ" });
    expect(keyAction(rows, "unit:id-HQ", "ArrowUp")).toBeNull();
    expect(keyAction(rows, "unit:id-JS", "ArrowDown")).toBeNull();
    expect(keyAction(rows, "unit:id-GZ", "Home")).toEqual({ type: "focus", key: "unit:id-HQ" });
    expect(keyAction(rows, "unit:id-GZ", "End")).toEqual({ type: "focus", key: "unit:id-JS" });
  });

  it("→ opens a closed unit, then goes to its first child; on a unit without children it does nothing", () => {
    expect(keyAction(rows, "unit:id-GZ", "ArrowRight")).toEqual({ type: "expand", id: "id-GZ" });
    expect(keyAction(rows, "unit:id-GD", "ArrowRight")).toEqual({ type: "focus", key: "unit:id-GZ" });
    expect(keyAction(rows, "unit:id-JS", "ArrowRight")).toBeNull();
  });

  it("← closes an open unit, else goes to the parent", () => {
    expect(keyAction(rows, "unit:id-GD", "ArrowLeft")).toEqual({ type: "collapse", id: "id-GD" });
    expect(keyAction(rows, "unit:id-FS", "ArrowLeft")).toEqual({ type: "focus", key: "unit:id-GD" });
    expect(keyAction(rows, "unit:id-HQ", "ArrowLeft")).toEqual({ type: "collapse", id: "id-HQ" });
    const closed = visibleRows(setExpanded(state, "id-HQ", false));
    expect(keyAction(closed, "unit:id-HQ", "ArrowLeft")).toBeNull();
  });

  it("Enter opens a unit's page, and loads on a load-more row; other keys do nothing", () => {
    expect(keyAction(rows, "unit:id-FS", "Enter")).toEqual({ type: "open", id: "id-FS" });
    expect(keyAction(rows, "unit:id-FS", "a")).toBeNull();
    expect(keyAction(rows, "unit:id-FS", " ")).toBeNull();
    const withMore = visibleRows(absorbScopePage(emptyTree(), { nodes: units("JS"), nextCursor: "c1" }, ["id-JS", "id-GZ"]));
    expect(keyAction(withMore, "more:top", "Enter")).toEqual({ type: "load", parentId: null });
    expect(keyAction(withMore, "more:top", " ")).toEqual({ type: "load", parentId: null });
    expect(keyAction(withMore, "more:top", "ArrowUp")).toEqual({ type: "focus", key: "unit:id-JS" });
  });

  it("puts a lost focus on the first row", () => {
    expect(keyAction(rows, "unit:id-GONE", "ArrowDown")).toEqual({ type: "focus", key: "unit:id-HQ" });
  });
});

describe("loadedPathTo", () => {
  it("is the ids from the top unit down to the unit", () => {
    const state = absorbScopePage(emptyTree(), { nodes: units(...BFS), nextCursor: null }, ["id-HQ"]);
    expect(loadedPathTo(state, "id-HUADU")).toEqual(["id-HQ", "id-GD", "id-GZ", "id-HUADU"]);
    expect(loadedPathTo(state, "id-NOPE")).toEqual([]);
  });
});

describe("ancestorsWithinScope", () => {
  const byId = new Map(units(...BFS).map((node) => [node.id, node]));
  const asked: string[] = [];
  const lookup = async (id: string) => {
    asked.push(id);
    return byId.get(id) ?? null;
  };

  it("walks up to the top of the viewer's scope, and no further", async () => {
    asked.length = 0;
    const chain = await ancestorsWithinScope(unit("HUADU"), new Set(["id-GD"]), lookup);
    expect(chain.map((node) => node.code)).toEqual(["GD", "GZ"]);
    expect(asked).toEqual(["id-GZ", "id-GD"]);
  });

  it("is empty for a unit at the top of the scope, and stops where a unit cannot be found", async () => {
    expect(await ancestorsWithinScope(unit("GZ"), new Set(["id-GZ"]), lookup)).toEqual([]);
    const orphan = { ...unit("SHUNDE"), parentId: "id-MISSING" };
    expect(await ancestorsWithinScope(orphan, new Set(["id-HQ"]), lookup)).toEqual([]);
  });
});
