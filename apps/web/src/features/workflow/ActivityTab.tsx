// 动态 / Activity: what happened to the plan, newest first — status changes (who, from →
// to, the reason, the version taken) and the audit rows (who changed what, before and
// after), a page at a time.
import { useQuery } from "@apollo/client/react";
import { useRef } from "react";
import { WORKFLOW_ACTION_LABELS, WORKFLOW_ACTIONS, type WorkflowAction } from "@pyramid/domain";
import { useI18n } from "../../app/i18n/I18nProvider.js";
import { livePolling, useRefetchWhenShown } from "../../app/live.js";
import { formatBeijingTime } from "../../app/format.js";
import { PageError, TableSkeleton } from "../../components/PageStates.js";
import type { PlanTabProps } from "../plan/tabs.js";
import { PLAN_ACTIVITY_QUERY, WORKFLOW_PLAN_QUERY } from "./workflow-documents.js";
import "./workflow.css";

const PAGE = 50;
const isAction = (value: string): value is WorkflowAction => (WORKFLOW_ACTIONS as readonly string[]).includes(value);

export function ActivityTab({ unitCode, year }: PlanTabProps) {
  const { locale, t } = useI18n();
  const plan = useQuery(WORKFLOW_PLAN_QUERY, { variables: { unitCode, year } });
  const planId = plan.data?.plan.id ?? null;
  // Live while only the first page shows (a poll reads the first page; it would fold the others away).
  const shown = useRef(0);
  const activity = useQuery(PLAN_ACTIVITY_QUERY, {
    variables: { planId: planId ?? "", first: PAGE },
    skip: planId === null,
    fetchPolicy: "cache-and-network",
    ...livePolling(() => shown.current > PAGE),
  });
  shown.current = activity.data?.planActivity.nodes.length ?? 0;
  useRefetchWhenShown(activity.refetch, planId !== null && shown.current <= PAGE);
  const error = plan.error ?? activity.error;
  if (error) return <PageError error={error} onRetry={() => void activity.refetch()} />;
  if (!activity.data) return <TableSkeleton />;
  const page = activity.data.planActivity;
  if (page.nodes.length === 0) return <p data-testid="activity-empty">{t("workflow.activity.empty")}</p>;
  const actionLabel = (action: string) =>
    isAction(action) ? WORKFLOW_ACTION_LABELS[action][locale === "zh-CN" ? "zh" : "en"] : action;
  return (
    <div className="workflow-activity">
      <table>
        <thead>
          <tr>
            <th scope="col">{t("workflow.activity.when")}</th>
            <th scope="col">{t("workflow.activity.who")}</th>
            <th scope="col">{t("workflow.activity.what")}</th>
            <th scope="col">{t("workflow.activity.details")}</th>
          </tr>
        </thead>
        <tbody>
          {page.nodes.map((entry) => (
            <tr key={`${entry.source}-${entry.id}`} data-testid="activity-row" data-source={entry.source}>
              <td>{formatBeijingTime(entry.at as string)}</td>
              <td>{entry.actor?.displayName ?? t("workflow.activity.system")}</td>
              <td>
                {actionLabel(entry.action)}
                {entry.source === "AUDIT" ? <span className="workflow-activity__entity"> · {entry.entity}</span> : null}
              </td>
              <td>
                {entry.source === "EVENT" && entry.fromStatus && entry.toStatus ? (
                  <span>
                    {t(`plan.status.${entry.fromStatus}`)} → {t(`plan.status.${entry.toStatus}`)}
                    {entry.versionNumber ? ` · ${t("workflow.versions.number", { number: entry.versionNumber })}` : ""}
                    {entry.waived ? ` · ${t("workflow.activity.waived")}` : ""}
                  </span>
                ) : null}
                {entry.reason ? <q className="workflow-activity__reason">{entry.reason}</q> : null}
                {entry.source === "AUDIT" ? (
                  <details>
                    <summary>{t("workflow.activity.beforeAfter")}</summary>
                    <pre>{`${t("workflow.activity.before")}: ${entry.beforeJson ?? "—"}\n${t("workflow.activity.after")}: ${entry.afterJson ?? "—"}`}</pre>
                  </details>
                ) : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {page.nextCursor ? (
        <button
          type="button"
          onClick={() =>
            void activity.fetchMore({
              variables: { after: page.nextCursor },
              updateQuery: (previous, { fetchMoreResult }) => ({
                planActivity: {
                  ...fetchMoreResult.planActivity,
                  nodes: [...previous.planActivity.nodes, ...fetchMoreResult.planActivity.nodes],
                },
              }),
            })
          }
        >
          {t("workflow.activity.more", { shown: page.nodes.length, total: page.totalCount })}
        </button>
      ) : null}
    </div>
  );
}
