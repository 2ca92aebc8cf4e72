// Units found by code or name, each with where it sits (the units above it,
// from the top of the tree) and a way to show it in the tree, opened down to it.
import { useQuery } from "@apollo/client/react";
import { Link } from "react-router";
import { useI18n } from "../../app/i18n/I18nProvider.js";
import { unitPath } from "../../app/paths.js";
import type { ScopeRoot } from "../../app/session/viewer.js";
import { useCyclePath } from "../../app/shell/cycle.js";
import { appendPage, LoadMoreButton } from "../../components/LoadMoreButton.js";
import { PageError, TableSkeleton } from "../../components/PageStates.js";
import { useAncestorChains, type NodeLookup } from "./org-ancestors.js";
import { ORG_TREE_QUERY } from "./org-documents.js";
import { UnitStateCells } from "./OrgUnitCells.js";
import type { TreeNode } from "./tree-model.js";

export interface OrgSearchResultsProps {
  readonly cycleId: string;
  readonly search: string;
  readonly pageSize: number;
  readonly scopeRoots: readonly ScopeRoot[];
  readonly rootIds: ReadonlySet<string>;
  readonly lookup: NodeLookup;
  /** Show the unit in the tree: the ids from the top of the viewer's scope down to it. */
  readonly onLocate: (path: readonly string[]) => void;
}

export function OrgSearchResults({ cycleId, search, pageSize, scopeRoots, rootIds, lookup, onLocate }: OrgSearchResultsProps) {
  const { locale, t } = useI18n();
  const cyclePath = useCyclePath();
  const { data, error, refetch, fetchMore, loading } = useQuery(ORG_TREE_QUERY, {
    variables: { cycleId, search, first: pageSize },
  });
  const nodes: readonly TreeNode[] = data?.orgTree.nodes ?? [];
  const chains = useAncestorChains(nodes, rootIds, lookup);
  const nameOf = (unit: { readonly nameZh: string; readonly nameEn: string }) => (locale === "en" ? unit.nameEn : unit.nameZh);

  if (error) return <PageError error={error} onRetry={() => void refetch().catch(() => undefined)} />;
  if (!data) return <TableSkeleton />;
  const page = data.orgTree;
  if (page.nodes.length === 0) return <p className="lead">{t("tree.empty")}</p>;

  return (
    <>
      <p className="lead" role="status">
        {t("tree.found", { count: page.totalCount })}
      </p>
      <table className="data-table" aria-label={t("tree.searchResults")}>
        <thead>
          <tr>
            <th scope="col">{t("tree.unit")}</th>
            <th scope="col">{t("tree.path")}</th>
            <th scope="col">{t("tree.status")}</th>
            <th scope="col">{t("tree.progress")}</th>
            <th scope="col">{t("tree.dueOn")}</th>
            <th scope="col">
              <span className="visually-hidden">{t("tree.actions")}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {page.nodes.map((node) => {
            const chain = chains.get(node.id);
            const top = chain?.[0] ?? node;
            const above = scopeRoots.find((root) => root.unit.id === top.id)?.above ?? [];
            const path = chain ? [...above, ...chain].map(nameOf) : null;
            return (
              <tr key={node.id} data-testid="search-row" data-code={node.code}>
                <th scope="row">
                  <Link to={cyclePath(unitPath(node.code))}>{nameOf(node)}</Link> <span className="unit-code">{node.code}</span>
                </th>
                <td className="unit-path" data-testid="search-path">
                  {path === null ? (
                    <span className="skeleton skeleton--line" aria-label={t("page.loading")} />
                  ) : (
                    path.join(" › ") || "—"
                  )}
                </td>
                <UnitStateCells node={node} />
                <td>
                  <button
                    type="button"
                    className="link-button"
                    disabled={!chain}
                    onClick={() => chain && onLocate([...chain.map((unit) => unit.id), node.id])}
                    aria-label={t("tree.showInTreeNamed", { name: nameOf(node) })}
                  >
                    {t("tree.showInTree")}
                  </button>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <LoadMoreButton
        nextCursor={page.nextCursor}
        loading={loading}
        label={t("tree.more")}
        onMore={(after) =>
          fetchMore({
            variables: { after },
            updateQuery: (previous, { fetchMoreResult }) => ({ orgTree: appendPage(previous.orgTree, fetchMoreResult.orgTree) }),
          })
        }
      />
    </>
  );
}
