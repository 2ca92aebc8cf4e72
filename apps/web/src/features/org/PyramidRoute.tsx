// The pyramid navigator: the selected cycle's tree from the viewer's units
// down, opened unit by unit (children load when opened, a page at a time);
// a search by code or name (`?q=`) lists the units found with their place in
// the tree, and shows one in the tree, opened down to it.
import { useApolloClient } from "@apollo/client/react";
import { useEffect, useId, useMemo, useState, useSyncExternalStore, type FormEvent } from "react";
import { useSearchParams } from "react-router";
import { useI18n } from "../../app/i18n/I18nProvider.js";
import { useViewer, viewerScopeRoots } from "../../app/session/viewer.js";
import { useSelectedCycle, type CycleOption } from "../../app/shell/cycle.js";
import { Card } from "../../components/Card.js";
import { PageError, TableSkeleton } from "../../components/PageStates.js";
import { createNodeLookup, type NodeLookup } from "./org-ancestors.js";
import { OrgTreeStore, TREE_PAGE_SIZE } from "./org-tree-store.js";
import { OrgSearchResults } from "./OrgSearchResults.js";
import { OrgTreeGrid } from "./OrgTreeGrid.js";

export interface PyramidRouteProps {
  /** Units per page (the scope, a unit's children, the search). */
  readonly pageSize?: number;
}

export function PyramidRoute({ pageSize = TREE_PAGE_SIZE }: PyramidRouteProps) {
  const { t } = useI18n();
  const cycle = useSelectedCycle();
  if (!cycle) return <Card title={t("tree.title")}>{t("header.noCycles")}</Card>;
  // A new cycle is a new tree.
  return <PyramidNavigator key={cycle.id} cycle={cycle} pageSize={pageSize} />;
}

function PyramidNavigator({ cycle, pageSize }: { readonly cycle: CycleOption; readonly pageSize: number }) {
  const { t } = useI18n();
  const client = useApolloClient();
  const viewer = useViewer();
  const searchId = useId();
  const [searchParams, setSearchParams] = useSearchParams();
  const search = searchParams.get("q")?.trim() ?? "";
  const [draft, setDraft] = useState(search);
  const [focusRequest, setFocusRequest] = useState<{ readonly id: string } | null>(null);

  const scopeRoots = useMemo(() => viewerScopeRoots(viewer), [viewer]);
  const rootIds = useMemo(() => new Set(scopeRoots.map((root) => root.unit.id)), [scopeRoots]);
  const [store] = useState(() => new OrgTreeStore({ client, cycleId: cycle.id, rootIds: [...rootIds], pageSize }));
  const lookup = useMemo<NodeLookup>(() => {
    const lookUp = createNodeLookup(client, cycle.id, (id) => store.getState().nodes.get(id));
    // The tree's first page names most of what a path needs: wait for it rather than ask twice.
    return (id) => store.start().then(() => lookUp(id));
  }, [client, cycle.id, store]);
  useSyncExternalStore(store.subscribe, store.getState);

  useEffect(() => {
    void store.start();
  }, [store]);

  useEffect(() => setDraft(search), [search]);

  function setSearch(query: string) {
    setSearchParams((previous) => {
      const next = new URLSearchParams(previous);
      if (query) next.set("q", query);
      else next.delete("q");
      return next;
    });
  }

  function onSearch(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setSearch(draft.trim());
  }

  async function locate(path: readonly string[]) {
    setSearch("");
    const shown = await store.reveal(path);
    const target = path[path.length - 1];
    if (shown && target) setFocusRequest({ id: target });
  }

  if (store.error !== null) return <PageError error={store.error} onRetry={() => store.retry()} />;
  const loaded = store.totalCount !== null;

  return (
    <Card
      title={t("tree.title")}
      aside={loaded && !search ? <span className="lead">{t("tree.count", { count: store.totalCount ?? 0 })}</span> : null}
    >
      <form className="search-form" role="search" onSubmit={onSearch}>
        <label htmlFor={searchId}>{t("tree.search")}</label>
        <input id={searchId} type="search" value={draft} onChange={(event) => setDraft(event.target.value)} />
        <button type="submit" className="button">
          {t("tree.searchButton")}
        </button>
        {search ? (
          <button type="button" className="link-button" onClick={() => setSearch("")}>
            {t("tree.clearSearch")}
          </button>
        ) : null}
      </form>
      {search ? (
        <OrgSearchResults
          cycleId={cycle.id}
          search={search}
          pageSize={pageSize}
          scopeRoots={scopeRoots}
          rootIds={rootIds}
          lookup={lookup}
          onLocate={(path) => void locate(path)}
        />
      ) : !loaded ? (
        <TableSkeleton />
      ) : store.getState().roots.ids.length === 0 ? (
        <p className="lead">{t("tree.empty")}</p>
      ) : (
        <OrgTreeGrid store={store} focusRequest={focusRequest} />
      )}
    </Card>
  );
}
