// The navigator's loading: one store per cycle, holding a TreeState (tree-model.ts)
// and asking the orgTree query for the viewer's scope and, when a unit is opened,
// for its children a page at a time. Components read it with useSyncExternalStore.
import type { ApolloClient } from "@apollo/client";
import { ORG_TREE_QUERY } from "./org-documents.js";
import {
  absorbChildrenPage,
  absorbScopePage,
  childrenRequest,
  emptyTree,
  markFailed,
  markLoading,
  setExpanded,
  type TreePage,
  type TreeState,
} from "./tree-model.js";

export const TREE_PAGE_SIZE = 50;

export interface OrgTreeStoreOptions {
  readonly client: ApolloClient;
  readonly cycleId: string;
  /** The viewer's top units (viewerScopeRoots): tells when the scope's pages hold them all. */
  readonly rootIds: readonly string[];
  readonly pageSize?: number;
}

export class OrgTreeStore {
  private state: TreeState = emptyTree();
  private readonly listeners = new Set<() => void>();
  private scopeError: unknown = null;
  private scopeTotal: number | null = null;
  private ready: Promise<void> | null = null;
  readonly pageSize: number;

  constructor(private readonly options: OrgTreeStoreOptions) {
    this.pageSize = options.pageSize ?? TREE_PAGE_SIZE;
  }

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  readonly getState = (): TreeState => this.state;

  /** The first page of the scope failed (the page shows the error, with a retry). */
  get error(): unknown {
    return this.scopeError;
  }

  /** How many units the viewer sees in the cycle; null before the first page. */
  get totalCount(): number | null {
    return this.scopeTotal;
  }

  private set(next: TreeState): void {
    if (next === this.state) return;
    this.state = next;
    for (const listener of this.listeners) listener();
  }

  private async fetchPage(variables: {
    rootId?: string;
    first: number;
    after?: string;
  }): Promise<TreePage & { totalCount: number }> {
    const { data } = await this.options.client.query({
      query: ORG_TREE_QUERY,
      // Statuses and progress change under the user: always the server's answer.
      fetchPolicy: "network-only",
      variables: { cycleId: this.options.cycleId, search: null, ...variables },
    });
    if (!data) throw new Error("The org tree answer had no data.");
    return data.orgTree;
  }

  /** Loads the first page of the scope once; a single top unit opens at once. */
  start(): Promise<void> {
    this.ready ??= this.loadScope();
    return this.ready;
  }

  /** The first page again, after a failure. */
  retry(): void {
    this.scopeError = null;
    this.set(emptyTree());
    this.ready = this.loadScope();
  }

  private async loadScope(): Promise<void> {
    const after = this.state.roots.cursor;
    const first = this.state.nodes.size === 0;
    this.set(markLoading(this.state, null));
    try {
      const page = await this.fetchPage(after && !first ? { first: this.pageSize, after } : { first: this.pageSize });
      this.scopeTotal = page.totalCount;
      let next = absorbScopePage(this.state, page, this.options.rootIds);
      if (first && next.roots.ids.length === 1) next = setExpanded(next, next.roots.ids[0]!, true);
      this.set(next);
      const [onlyRoot] = next.roots.ids;
      if (first && next.roots.ids.length === 1 && onlyRoot) await this.loadChildren(onlyRoot);
    } catch (error) {
      if (first) {
        this.scopeError = error;
        this.set({ ...emptyTree() });
      } else this.set(markFailed(this.state, null, error));
    }
  }

  /** The next page of `parentId`'s children (null: the next top units). */
  async loadChildren(parentId: string | null): Promise<void> {
    if (parentId === null) return this.loadScope();
    const list = this.state.children.get(parentId);
    if (list?.loading) return;
    const request = childrenRequest(this.state, parentId, this.pageSize);
    if (!request) return;
    this.set(markLoading(this.state, parentId));
    try {
      const page = await this.fetchPage(request);
      this.set(absorbChildrenPage(this.state, parentId, page));
    } catch (error) {
      this.set(markFailed(this.state, parentId, error));
    }
  }

  async expand(id: string): Promise<void> {
    this.set(setExpanded(this.state, id, true));
    if (!this.state.children.get(id)) await this.loadChildren(id);
  }

  collapse(id: string): void {
    this.set(setExpanded(this.state, id, false));
  }

  /**
   * Opens every unit on `path` (ids from a top unit down to the target), loading
   * children pages until the next unit on the path is among them. True when the
   * target's row is then on screen.
   */
  async reveal(path: readonly string[]): Promise<boolean> {
    await this.start();
    const [top] = path;
    while (
      top !== undefined &&
      !this.state.nodes.has(top) &&
      !this.state.roots.complete &&
      this.state.roots.error === null &&
      this.scopeError === null
    ) {
      await this.loadScope();
    }
    for (let index = 0; index < path.length - 1; index += 1) {
      const id = path[index]!;
      const next = path[index + 1]!;
      if (!this.state.nodes.has(id)) return false;
      await this.expand(id);
      for (;;) {
        const list = this.state.children.get(id);
        if (list?.ids.includes(next)) break;
        if (!list || list.complete || list.error !== null) return false;
        await this.loadChildren(id);
      }
    }
    const target = path[path.length - 1];
    return target !== undefined && this.state.nodes.has(target);
  }
}
