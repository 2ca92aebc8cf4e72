// The units above a unit, inside the viewer's scope: what the unit page's
// breadcrumbs and the search results' paths show. The API has a unit's
// parentId only, so this walks up one unit at a time (orgTree from that unit,
// one node), stopping at the top of the viewer's scope; answers are cached, so
// the walks of many units share their ancestors.
import type { ApolloClient } from "@apollo/client";
import { useEffect, useState } from "react";
import { ORG_TREE_QUERY } from "./org-documents.js";
import type { TreeNode } from "./tree-model.js";

/** A unit by id in the cycle, or null when the server has none for the viewer. */
export type NodeLookup = (id: string) => Promise<TreeNode | null>;

/** More levels than any pyramid has: a guard against a cycle in bad data. */
const MAX_LEVELS = 16;

/**
 * The units from the top of the viewer's scope (one of `rootIds`) down to
 * `node`'s parent; empty for a unit at the top. A unit the lookup cannot find
 * ends the walk there.
 */
export async function ancestorsWithinScope(
  node: TreeNode,
  rootIds: ReadonlySet<string>,
  lookup: NodeLookup,
): Promise<TreeNode[]> {
  const chain: TreeNode[] = [];
  let current = node;
  while (!rootIds.has(current.id) && current.parentId !== null && chain.length < MAX_LEVELS) {
    const parent = await lookup(current.parentId);
    if (!parent) break;
    chain.unshift(parent);
    current = parent;
  }
  return chain;
}

/** Looks units up through the orgTree query (Apollo's cache first), each id once at a time. */
export function createNodeLookup(
  client: ApolloClient,
  cycleId: string,
  known: (id: string) => TreeNode | undefined = () => undefined,
): NodeLookup {
  const pending = new Map<string, Promise<TreeNode | null>>();
  return (id) => {
    const hit = known(id);
    if (hit) return Promise.resolve(hit);
    let answer = pending.get(id);
    if (!answer) {
      answer = client
        .query({ query: ORG_TREE_QUERY, variables: { cycleId, rootId: id, search: null, first: 1 } })
        .then(({ data }) => data?.orgTree.nodes.find((node) => node.id === id) ?? null)
        .catch(() => {
          pending.delete(id); // asked again next time
          return null;
        });
      pending.set(id, answer);
    }
    return answer;
  };
}

/** For each of `nodes`, its ancestors within the scope once known (absent while being looked up). */
export function useAncestorChains(
  nodes: readonly TreeNode[],
  rootIds: ReadonlySet<string>,
  lookup: NodeLookup,
): ReadonlyMap<string, readonly TreeNode[]> {
  const [chains, setChains] = useState<ReadonlyMap<string, readonly TreeNode[]>>(new Map());
  const ids = nodes.map((node) => node.id).join(",");
  useEffect(() => {
    let current = true;
    for (const node of nodes) {
      void ancestorsWithinScope(node, rootIds, lookup).then((chain) => {
        if (current) setChains((previous) => new Map(previous).set(node.id, chain));
      });
    }
    return () => {
      current = false;
    };
    // `ids` stands for `nodes`: a new array of the same units asks nothing again.
  }, [ids, rootIds, lookup]);
  return chains;
}
