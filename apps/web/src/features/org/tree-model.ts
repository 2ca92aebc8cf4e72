// The pyramid navigator's state, as plain data and pure functions: which units
// are loaded, each unit's children loaded so far (a page at a time), which
// units are expanded, the rows that shows, and what a key press does.
//
// The server lists a subtree breadth-first (depth, then sibling order), so:
// - the first page of the viewer's scope starts with the viewer's top units,
//   and a unit whose parent is not on the pages loaded so far is a top unit;
// - a page under one unit (`rootId`) holds the unit itself, then its children,
//   before any grandchild: `first: 1 + n` asks for the unit and n children, and
//   the next page's cursor goes on from there.
// Children found complete on a page of the scope need no request when expanded.
import type { OrgTreeNodeFieldsFragment } from "../../graphql/generated/graphql.js";

export type TreeNode = OrgTreeNodeFieldsFragment;

/** One page of the orgTree query, as far as the tree needs it. */
export interface TreePage {
  readonly nodes: readonly TreeNode[];
  readonly nextCursor: string | null;
}

/** The children of one unit (or the top units) loaded so far. */
export interface ChildList {
  readonly ids: readonly string[];
  /** Where the next page starts; null when there is none. */
  readonly cursor: string | null;
  /** Every child is in `ids`. */
  readonly complete: boolean;
  readonly loading: boolean;
  /** The last load's failure, until the next load. */
  readonly error: unknown;
}

export interface TreeState {
  /** Every unit loaded, in the order the server listed them. */
  readonly nodes: ReadonlyMap<string, TreeNode>;
  /** The viewer's top units. */
  readonly roots: ChildList;
  /** By parent id. */
  readonly children: ReadonlyMap<string, ChildList>;
  readonly expanded: ReadonlySet<string>;
}

const EMPTY_LIST: ChildList = { ids: [], cursor: null, complete: false, loading: false, error: null };

export function emptyTree(): TreeState {
  return { nodes: new Map(), roots: EMPTY_LIST, children: new Map(), expanded: new Set() };
}

function mergeNodes(nodes: ReadonlyMap<string, TreeNode>, page: readonly TreeNode[]): Map<string, TreeNode> {
  const merged = new Map(nodes);
  for (const node of page) merged.set(node.id, node);
  return merged;
}

/**
 * A page of the viewer's whole scope (no rootId): its top units, and the
 * children lists it holds whole. `expectedRootIds` (the viewer's scope roots)
 * tells when every top unit is in; without it, only the last page does.
 */
export function absorbScopePage(state: TreeState, page: TreePage, expectedRootIds: readonly string[] = []): TreeState {
  const nodes = mergeNodes(state.nodes, page.nodes);
  const rootIds = [...nodes.values()]
    .filter((node) => node.parentId === null || !nodes.has(node.parentId))
    .map((node) => node.id);
  const allExpected = expectedRootIds.length > 0 && expectedRootIds.every((id) => nodes.has(id));
  const roots: ChildList = {
    ids: rootIds,
    cursor: page.nextCursor,
    complete: page.nextCursor === null || allExpected,
    loading: false,
    error: null,
  };
  const byParent = new Map<string, string[]>();
  for (const node of nodes.values()) {
    if (node.parentId === null) continue;
    const siblings = byParent.get(node.parentId) ?? [];
    siblings.push(node.id);
    byParent.set(node.parentId, siblings);
  }
  const children = new Map(state.children);
  for (const node of nodes.values()) {
    const ids = byParent.get(node.id) ?? [];
    if (children.has(node.id) || node.children.total === 0 || ids.length < node.children.total) continue;
    children.set(node.id, { ids, cursor: null, complete: true, loading: false, error: null });
  }
  return { ...state, nodes, roots, children };
}

/** What to ask the server for the next children of `parentId`; null when there is nothing more to ask. */
export function childrenRequest(
  state: TreeState,
  parentId: string,
  pageSize: number,
): { readonly rootId: string; readonly first: number; readonly after?: string } | null {
  const parent = state.nodes.get(parentId);
  if (!parent || parent.children.total === 0) return null;
  const list = state.children.get(parentId);
  if (list?.complete) return null;
  // Nothing loaded yet (or the first load failed): the unit and its first children.
  if (!list || list.ids.length === 0) return { rootId: parentId, first: 1 + Math.min(parent.children.total, pageSize) };
  if (list.cursor === null) return null;
  const remaining = Math.max(parent.children.total - list.ids.length, 1);
  return { rootId: parentId, first: Math.min(remaining, pageSize), after: list.cursor };
}

function withList(state: TreeState, parentId: string | null, update: (list: ChildList) => ChildList): TreeState {
  if (parentId === null) return { ...state, roots: update(state.roots) };
  const children = new Map(state.children);
  children.set(parentId, update(state.children.get(parentId) ?? EMPTY_LIST));
  return { ...state, children };
}

export function markLoading(state: TreeState, parentId: string | null): TreeState {
  return withList(state, parentId, (list) => ({ ...list, loading: true, error: null }));
}

export function markFailed(state: TreeState, parentId: string | null, error: unknown): TreeState {
  return withList(state, parentId, (list) => ({ ...list, loading: false, error }));
}

/** A page under `parentId` (asked with childrenRequest): the parent afresh, and its next children. */
export function absorbChildrenPage(state: TreeState, parentId: string, page: TreePage): TreeState {
  const nodes = mergeNodes(state.nodes, page.nodes);
  const parent = nodes.get(parentId);
  const previous = state.children.get(parentId) ?? EMPTY_LIST;
  const known = new Set(previous.ids);
  const fresh = page.nodes.filter((node) => node.parentId === parentId && !known.has(node.id)).map((node) => node.id);
  const ids = [...previous.ids, ...fresh];
  // A grandchild on the page means the children ran out before it.
  const pastChildren = page.nodes.some((node) => node.id !== parentId && node.parentId !== parentId);
  const complete = page.nextCursor === null || pastChildren || ids.length >= (parent?.children.total ?? 0) || fresh.length === 0;
  const children = new Map(state.children);
  children.set(parentId, { ids, cursor: complete ? null : page.nextCursor, complete, loading: false, error: null });
  return { ...state, nodes, children };
}

export function setExpanded(state: TreeState, id: string, expanded: boolean): TreeState {
  if (state.expanded.has(id) === expanded) return state;
  const next = new Set(state.expanded);
  if (expanded) next.add(id);
  else next.delete(id);
  return { ...state, expanded: next };
}

export function isExpandable(node: TreeNode): boolean {
  return node.children.total > 0;
}

/** The ids from the top unit down to `id` (inclusive), as far as the loaded units tell. */
export function loadedPathTo(state: TreeState, id: string): string[] {
  const path: string[] = [];
  let node = state.nodes.get(id);
  while (node && path.length <= state.nodes.size) {
    path.unshift(node.id);
    node = node.parentId === null ? undefined : state.nodes.get(node.parentId);
  }
  return path;
}

export type TreeRow =
  | {
      readonly kind: "unit";
      readonly key: string;
      readonly node: TreeNode;
      /** 1 for a top unit. */
      readonly level: number;
      readonly posInSet: number;
      readonly setSize: number;
      readonly expanded: boolean;
      readonly parentId: string | null;
    }
  | {
      readonly kind: "more";
      readonly key: string;
      readonly parentId: string | null;
      readonly level: number;
      readonly remaining: number | null;
    }
  | { readonly kind: "loading"; readonly key: string; readonly parentId: string | null; readonly level: number }
  | {
      readonly kind: "error";
      readonly key: string;
      readonly parentId: string | null;
      readonly level: number;
      readonly error: unknown;
    };

export const unitKey = (id: string) => `unit:${id}`;
const listKey = (parentId: string | null) => parentId ?? "top";

/** The rows on screen, top to bottom: each unit, and under an expanded one its children and their state. */
export function visibleRows(state: TreeState): TreeRow[] {
  const rows: TreeRow[] = [];
  const visit = (list: ChildList, parentId: string | null, level: number, setSize: number, remaining: number | null) => {
    list.ids.forEach((id, index) => {
      const node = state.nodes.get(id);
      if (!node) return;
      const expanded = isExpandable(node) && state.expanded.has(id);
      rows.push({ kind: "unit", key: unitKey(id), node, level, posInSet: index + 1, setSize, expanded, parentId });
      if (!expanded) return;
      const children = state.children.get(id) ?? EMPTY_LIST;
      visit(children, id, level + 1, node.children.total, Math.max(node.children.total - children.ids.length, 0));
    });
    if (list.loading) rows.push({ kind: "loading", key: `loading:${listKey(parentId)}`, parentId, level });
    else if (list.error !== null)
      rows.push({ kind: "error", key: `error:${listKey(parentId)}`, parentId, level, error: list.error });
    else if (!list.complete && (list.cursor !== null || list.ids.length === 0)) {
      rows.push({ kind: "more", key: `more:${listKey(parentId)}`, parentId, level, remaining });
    }
  };
  visit(state.roots, null, 1, state.roots.ids.length, null);
  return rows;
}

export type TreeAction =
  | { readonly type: "focus"; readonly key: string }
  | { readonly type: "expand"; readonly id: string }
  | { readonly type: "collapse"; readonly id: string }
  | { readonly type: "open"; readonly id: string }
  /** Load more, or retry a failed load, of the list under `parentId` (null: the top units). */
  | { readonly type: "load"; readonly parentId: string | null };

const focusable = (row: TreeRow) => row.kind !== "loading";

/**
 * What a key does on the focused row (WAI-ARIA tree pattern): ↓/↑ next and
 * previous row, Home/End first and last; → expands a closed unit, or goes to the
 * first child of an open one; ← closes an open unit, or goes to the parent;
 * Enter opens the unit's page (on a "load more" or failed row, Enter or Space
 * loads). Null for a key the tree leaves alone.
 */
export function keyAction(rows: readonly TreeRow[], focusedKey: string, key: string): TreeAction | null {
  const stops = rows.filter(focusable);
  const index = stops.findIndex((row) => row.key === focusedKey);
  const row = stops[index];
  if (!row) return stops[0] ? { type: "focus", key: stops[0].key } : null;
  const focusAt = (at: number): TreeAction | null => {
    const target = stops[at];
    return target && target.key !== row.key ? { type: "focus", key: target.key } : null;
  };
  const parentRow = row.parentId === null ? undefined : stops.find((other) => other.key === unitKey(row.parentId!));
  switch (key) {
    case "ArrowDown":
      return focusAt(index + 1);
    case "ArrowUp":
      return focusAt(index - 1);
    case "Home":
      return focusAt(0);
    case "End":
      return focusAt(stops.length - 1);
    case "ArrowRight":
      if (row.kind !== "unit" || !isExpandable(row.node)) return null;
      if (!row.expanded) return { type: "expand", id: row.node.id };
      return stops[index + 1] && stops[index + 1]!.level > row.level ? focusAt(index + 1) : null;
    case "ArrowLeft":
      if (row.kind === "unit" && row.expanded) return { type: "collapse", id: row.node.id };
      return parentRow ? { type: "focus", key: parentRow.key } : null;
    case "Enter":
      if (row.kind === "unit") return { type: "open", id: row.node.id };
      return { type: "load", parentId: row.parentId };
    case " ":
      return row.kind === "unit" ? null : { type: "load", parentId: row.parentId };
    default:
      return null;
  }
}
