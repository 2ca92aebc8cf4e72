// The pyramid navigator: the selected cycle's tree from the viewer's units
// down, searchable by code or name, a page at a time.
import { useQuery } from "@apollo/client/react";
import { useId, useState, type FormEvent } from "react";
import { useSearchParams } from "react-router";
import { useI18n } from "../../app/i18n/I18nProvider.js";
import { useSelectedCycle } from "../../app/shell/cycle.js";
import { Card } from "../../components/Card.js";
import { PageError, TableSkeleton } from "../../components/PageStates.js";
import { ORG_TREE_QUERY } from "./org-documents.js";
import { OrgTreeTable } from "./OrgTreeTable.js";

const PAGE_SIZE = 50;

export function PyramidRoute() {
  const { t } = useI18n();
  const cycle = useSelectedCycle();
  const searchId = useId();
  const [searchParams, setSearchParams] = useSearchParams();
  const search = searchParams.get("q") ?? "";
  const [draft, setDraft] = useState(search);
  const { data, error, refetch, fetchMore, loading } = useQuery(ORG_TREE_QUERY, {
    variables: { cycleId: cycle?.id ?? "", search: search || null, first: PAGE_SIZE },
    skip: !cycle,
  });

  function onSearch(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const query = draft.trim();
    setSearchParams(query ? { q: query } : {});
  }

  if (!cycle) return <Card title={t("tree.title")}>{t("header.noCycles")}</Card>;
  if (error) return <PageError error={error} onRetry={() => void refetch().catch(() => undefined)} />;

  const page = data?.orgTree;
  return (
    <Card
      title={t("tree.title")}
      aside={page ? <span className="lead">{t("tree.count", { count: page.totalCount })}</span> : null}
    >
      <form className="search-form" role="search" onSubmit={onSearch}>
        <label htmlFor={searchId}>{t("tree.search")}</label>
        <input id={searchId} type="search" value={draft} onChange={(event) => setDraft(event.target.value)} />
        <button type="submit" className="button">
          {t("tree.searchButton")}
        </button>
      </form>
      {!page ? (
        <TableSkeleton />
      ) : page.nodes.length === 0 ? (
        <p className="lead">{t("tree.empty")}</p>
      ) : (
        <OrgTreeTable nodes={page.nodes} indent={!search} />
      )}
      {page?.nextCursor ? (
        <button
          type="button"
          className="button"
          disabled={loading}
          onClick={() =>
            void fetchMore({
              variables: { after: page.nextCursor },
              updateQuery: (previous, { fetchMoreResult }) => ({
                orgTree: { ...fetchMoreResult.orgTree, nodes: [...previous.orgTree.nodes, ...fetchMoreResult.orgTree.nodes] },
              }),
            }).catch(() => undefined)
          }
        >
          {t("tree.more")}
        </button>
      ) : null}
    </Card>
  );
}
