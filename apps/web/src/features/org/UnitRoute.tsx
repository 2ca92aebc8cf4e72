// A unit's page, addressed by its code (/units/CONGHUA): its plan's status and
// deadline, key figures in 元, and its direct children. A unit outside the
// viewer's scope is not found, as the server answers.
import { useQuery } from "@apollo/client/react";
import { ORG_LEVEL_LABELS } from "@pyramid/domain";
import { useParams } from "react-router";
import { formatDay, formatYuan } from "../../app/format.js";
import { useI18n } from "../../app/i18n/I18nProvider.js";
import { useSelectedCycle } from "../../app/shell/cycle.js";
import { Card } from "../../components/Card.js";
import { NotFoundPage, PageError, TableSkeleton } from "../../components/PageStates.js";
import { PlanStatusBadge } from "../../components/PlanStatusBadge.js";
import { ORG_TREE_QUERY } from "./org-documents.js";
import { OrgTreeTable } from "./OrgTreeTable.js";

/** Enough for the largest subtree below a province in one page; the children are filtered from it. */
const SUBTREE_PAGE = 200;

function UnitChildren({ cycleId, unitId }: { readonly cycleId: string; readonly unitId: string }) {
  const { t } = useI18n();
  const { data, error, refetch } = useQuery(ORG_TREE_QUERY, { variables: { cycleId, rootId: unitId, first: SUBTREE_PAGE } });
  if (error) return <PageError error={error} onRetry={() => void refetch().catch(() => undefined)} />;
  if (!data) return <TableSkeleton />;
  const children = data.orgTree.nodes.filter((node) => node.parentId === unitId);
  if (children.length === 0) return null;
  return (
    <Card title={t("unit.children")}>
      <OrgTreeTable nodes={children} indent={false} />
    </Card>
  );
}

export function UnitRoute() {
  const { locale, t } = useI18n();
  const { code = "" } = useParams();
  const cycle = useSelectedCycle();
  // The server finds units by id; the search finds the one whose code is exactly this within the viewer's scope.
  const { data, error, refetch } = useQuery(ORG_TREE_QUERY, {
    variables: { cycleId: cycle?.id ?? "", search: code, first: SUBTREE_PAGE },
    skip: !cycle,
  });
  if (!cycle) return <NotFoundPage />;
  if (error) return <PageError error={error} onRetry={() => void refetch().catch(() => undefined)} />;
  if (!data) return <TableSkeleton />;
  const unit = data.orgTree.nodes.find((node) => node.code.toUpperCase() === code.toUpperCase());
  if (!unit) return <NotFoundPage />;

  const lang = locale === "en" ? "en" : "zh";
  const facts: readonly [string, string][] = [
    [t("unit.level"), ORG_LEVEL_LABELS[unit.level][lang]],
    [t("tree.dueOn"), unit.dueOn ? formatDay(unit.dueOn, locale) : "—"],
    [t("unit.salesTarget"), formatYuan(unit.figures.salesTarget)],
    [t("unit.salesLastYear"), formatYuan(unit.figures.salesLastYear)],
    [t("unit.expenseTotal"), formatYuan(unit.figures.expenseTotal)],
  ];
  return (
    <div className="page-stack">
      <Card
        title={`${lang === "en" ? unit.nameEn : unit.nameZh} (${unit.code})`}
        aside={<PlanStatusBadge status={unit.plan?.status ?? null} />}
      >
        <dl className="facts">
          {facts.map(([label, value]) => (
            <div key={label} className="facts__item">
              <dt>{label}</dt>
              <dd>{value}</dd>
            </div>
          ))}
        </dl>
      </Card>
      <UnitChildren cycleId={cycle.id} unitId={unit.id} />
    </div>
  );
}
