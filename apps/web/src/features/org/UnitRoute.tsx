// A unit's page, addressed by its code (/units/CONGHUA): where it sits (links
// to the units above it in the viewer's scope), its plan's status and deadline,
// key figures in 元, links into its plan's workbench, and its direct children.
// A unit outside the viewer's scope is not found, as the server answers.
import { useApolloClient, useQuery } from "@apollo/client/react";
import { ORG_LEVEL_LABELS } from "@pyramid/domain";
import { useMemo } from "react";
import { Link, useParams } from "react-router";
import { formatDay, formatYuan } from "../../app/format.js";
import { useI18n } from "../../app/i18n/I18nProvider.js";
import { dashboardPath, planPath, reviewPath, unitPath, type PlanTab } from "../../app/paths.js";
import { useViewer, viewerScopeRoots } from "../../app/session/viewer.js";
import { useCyclePath, useSelectedCycle, type CycleOption } from "../../app/shell/cycle.js";
import { Card } from "../../components/Card.js";
import { NotFoundPage, PageError, TableSkeleton } from "../../components/PageStates.js";
import { PlanStatusBadge } from "../../components/PlanStatusBadge.js";
import type { MessageKey } from "../../app/i18n/messages.js";
import { createNodeLookup, useAncestorChains } from "./org-ancestors.js";
import { ORG_TREE_QUERY, ORG_UNIT_BY_CODE_QUERY } from "./org-documents.js";
import { OrgTreeTable } from "./OrgTreeTable.js";
import type { TreeNode } from "./tree-model.js";

/** The most a page may hold (the server's limit). */
const MAX_PAGE = 200;

const PLAN_LINKS: readonly (readonly [PlanTab, MessageKey])[] = [
  ["targets", "unit.link.targets"],
  ["expenses", "unit.link.expenses"],
  ["document", "unit.link.document"],
];

function UnitChildren({ cycleId, unit }: { readonly cycleId: string; readonly unit: TreeNode }) {
  const { t } = useI18n();
  // The page under the unit lists the unit, then its children before any grandchild.
  const firstPage = 1 + Math.min(unit.children.total, MAX_PAGE - 1);
  const { data, error, refetch, fetchMore, loading } = useQuery(ORG_TREE_QUERY, {
    variables: { cycleId, rootId: unit.id, first: firstPage },
    skip: unit.children.total === 0,
  });
  if (unit.children.total === 0) return null;
  if (error) return <PageError error={error} onRetry={() => void refetch().catch(() => undefined)} />;
  if (!data) return <TableSkeleton />;
  const children = data.orgTree.nodes.filter((node) => node.parentId === unit.id);
  const remaining = unit.children.total - children.length;
  const hasMore =
    remaining > 0 && data.orgTree.nextCursor !== null && data.orgTree.nodes.every((node) => node.depth <= unit.depth + 1);
  return (
    <Card title={t("unit.children")}>
      <OrgTreeTable nodes={children} label={t("unit.children")} />
      {hasMore ? (
        <button
          type="button"
          className="button"
          disabled={loading}
          onClick={() =>
            void fetchMore({
              variables: { after: data.orgTree.nextCursor, first: Math.min(remaining, MAX_PAGE) },
              updateQuery: (previous, { fetchMoreResult }) => ({
                orgTree: { ...fetchMoreResult.orgTree, nodes: [...previous.orgTree.nodes, ...fetchMoreResult.orgTree.nodes] },
              }),
            }).catch(() => undefined)
          }
        >
          {t("tree.moreCount", { count: remaining })}
        </button>
      ) : null}
    </Card>
  );
}

function UnitBreadcrumbs({ cycle, unit }: { readonly cycle: CycleOption; readonly unit: TreeNode }) {
  const { locale, t } = useI18n();
  const client = useApolloClient();
  const viewer = useViewer();
  const cyclePath = useCyclePath();
  const scopeRoots = useMemo(() => viewerScopeRoots(viewer), [viewer]);
  const rootIds = useMemo(() => new Set(scopeRoots.map((root) => root.unit.id)), [scopeRoots]);
  const lookup = useMemo(() => createNodeLookup(client, cycle.id), [client, cycle.id]);
  const units = useMemo(() => [unit], [unit]);
  const chain = useAncestorChains(units, rootIds, lookup).get(unit.id);
  const nameOf = (named: { readonly nameZh: string; readonly nameEn: string }) => (locale === "en" ? named.nameEn : named.nameZh);
  const top = chain?.[0] ?? unit;
  const above = scopeRoots.find((root) => root.unit.id === top.id)?.above ?? [];

  return (
    <nav className="breadcrumbs" aria-label={t("unit.breadcrumbs")} aria-busy={chain ? undefined : true}>
      <ol>
        {above.map((outside) => (
          <li key={outside.id} className="breadcrumbs__outside">
            {nameOf(outside)}
          </li>
        ))}
        {(chain ?? []).map((ancestor) => (
          <li key={ancestor.id}>
            <Link to={cyclePath(unitPath(ancestor.code))}>{nameOf(ancestor)}</Link>
          </li>
        ))}
        <li aria-current="page">{nameOf(unit)}</li>
      </ol>
    </nav>
  );
}

function PlanLinks({ cycle, unit }: { readonly cycle: CycleOption; readonly unit: TreeNode }) {
  const { t } = useI18n();
  return (
    <nav className="plan-links" aria-label={t("unit.planLinks")}>
      <Link className="button" to={planPath(unit.code, cycle.year)}>
        {t("unit.workbench")}
      </Link>
      {PLAN_LINKS.map(([tab, label]) => (
        <Link key={tab} to={planPath(unit.code, cycle.year, tab)}>
          {t(label)}
        </Link>
      ))}
      {unit.children.total > 0 ? <Link to={reviewPath(unit.code, cycle.year)}>{t("review.link")}</Link> : null}
      <Link to={dashboardPath(unit.code, cycle.status === "OPEN" || cycle.status === "PREPARING" ? cycle.year - 1 : cycle.year)}>
        {t("dashboard.link")}
      </Link>
    </nav>
  );
}

export function UnitRoute() {
  const { locale, t } = useI18n();
  const { code = "" } = useParams();
  const cycle = useSelectedCycle();
  // Within the viewer's scope only: a unit outside it is not found, as one that does not exist.
  const { data, error, refetch } = useQuery(ORG_UNIT_BY_CODE_QUERY, {
    variables: { cycleId: cycle?.id ?? "", code },
    skip: !cycle,
  });
  if (!cycle) return <NotFoundPage />;
  if (error) return <PageError error={error} onRetry={() => void refetch().catch(() => undefined)} />;
  if (!data) return <TableSkeleton />;
  const unit = data.orgTree.nodes[0];
  if (!unit) return <NotFoundPage />;

  const lang = locale === "en" ? "en" : "zh";
  const facts: readonly [string, string][] = [
    [t("unit.level"), ORG_LEVEL_LABELS[unit.level][lang]],
    [t("tree.dueOn"), unit.dueOn ? `${formatDay(unit.dueOn, locale)}${unit.overdue ? ` · ${t("tasks.overdue")}` : ""}` : "—"],
    [t("unit.salesTarget"), formatYuan(unit.figures.salesTarget)],
    [t("unit.salesLastYear"), formatYuan(unit.figures.salesLastYear)],
    [t("unit.expenseTotal"), formatYuan(unit.figures.expenseTotal)],
  ];
  return (
    <div className="page-stack">
      <UnitBreadcrumbs key={`${cycle.id}:${unit.id}`} cycle={cycle} unit={unit} />
      <Card
        title={`${lang === "en" ? unit.nameEn : unit.nameZh} (${unit.code})`}
        aside={<PlanStatusBadge status={unit.plan?.status ?? null} stale={Boolean(unit.plan?.staleSince)} />}
      >
        <dl className="facts">
          {facts.map(([label, value]) => (
            <div key={label} className="facts__item">
              <dt>{label}</dt>
              <dd>{value}</dd>
            </div>
          ))}
        </dl>
        <PlanLinks cycle={cycle} unit={unit} />
      </Card>
      <UnitChildren key={`${cycle.id}:${unit.id}`} cycleId={cycle.id} unit={unit} />
    </div>
  );
}
