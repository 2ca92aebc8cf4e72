// The workbench's 评论 / Comments tab: every comment thread of the plan, and its
// objections (异议) with those of the units below (a reviewer answers there); a planner of
// the plan's own unit raises an objection from here. The grid's own panel, anchored to
// the selected cell, is CommentsPanel with an anchor.
import { useQuery } from "@apollo/client/react";
import { useState } from "react";
import { useI18n } from "../../app/i18n/I18nProvider.js";
import { useViewer } from "../../app/session/viewer.js";
import { PageError, TableSkeleton } from "../../components/PageStates.js";
import { ObjectionsList, RaiseObjectionDialog } from "../objections/index.js";
import { PLAN_ID_QUERY } from "./comments-documents.js";
import { CommentsPanel } from "./CommentsPanel.js";

export function CommentsTab({ unitCode, year }: { readonly unitCode: string; readonly year: number }) {
  const { t, locale } = useI18n();
  const viewer = useViewer();
  const [raising, setRaising] = useState(false);
  const [listKey, setListKey] = useState(0);
  const { data, error, refetch } = useQuery(PLAN_ID_QUERY, { variables: { unitCode, year } });
  if (error) return <PageError error={error} onRetry={() => void refetch()} />;
  if (!data) return <TableSkeleton />;
  const metrics = data.plan.catalogue.metrics.map((metric) => ({
    id: metric.id,
    label: locale === "en" ? metric.nameEn : metric.nameZh,
  }));
  const metricLabel = (id: string) => metrics.find((metric) => metric.id === id)?.label ?? id;
  // Objections are raised by a planner of the plan's own unit (the policy's RAISE_OBJECTION).
  const plansHere = viewer.roleAssignments.some((a) => a.role === "PLANNER" && a.orgUnit.code === unitCode);
  return (
    <div className="comments-tab">
      <CommentsPanel planId={data.plan.id} />
      {plansHere ? (
        <p>
          <button type="button" onClick={() => setRaising(true)}>
            {t("objections.raise")}
          </button>
        </p>
      ) : null}
      <ObjectionsList key={listKey} planId={data.plan.id} includeSubtree metricLabel={metricLabel} />
      {raising ? (
        <RaiseObjectionDialog
          planId={data.plan.id}
          metrics={metrics}
          onClose={() => setRaising(false)}
          onRaised={() => {
            setRaising(false);
            setListKey((key) => key + 1);
          }}
        />
      ) : null}
    </div>
  );
}
