// Home for the signed-in: what waits for the viewer in the selected cycle
// (plans to draft, revise or resume, children's plans to review), overdue first,
// and the activity feed below it.
import { useQuery } from "@apollo/client/react";
import { Link } from "react-router";
import { formatDay } from "../../app/format.js";
import { useI18n } from "../../app/i18n/I18nProvider.js";
import { livePolling, useRefetchWhenShown } from "../../app/live.js";
import { useSelectedCycle } from "../../app/shell/cycle.js";
import { Card } from "../../components/Card.js";
import { PageError, TableSkeleton } from "../../components/PageStates.js";
import { PlanStatusBadge } from "../../components/PlanStatusBadge.js";
import { graphql } from "../../graphql/generated/index.js";
import { ActivityFeed } from "./ActivityFeed.js";

export const MY_TASKS_QUERY = graphql(`
  query MyTasks($cycleId: ID) {
    myTasks(cycleId: $cycleId) {
      kind
      unit {
        id
        code
        nameZh
        nameEn
      }
      plan {
        id
        status
      }
      dueOn
      overdue
    }
  }
`);

export function MyTasksRoute() {
  const { locale, t } = useI18n();
  const cycle = useSelectedCycle();
  // Live: polled while the tab is visible, read again when it is shown (app/live.ts).
  const { data, error, refetch } = useQuery(MY_TASKS_QUERY, {
    variables: { cycleId: cycle?.id ?? null },
    ...livePolling(),
  });
  useRefetchWhenShown(refetch);

  let body;
  if (error) return <PageError error={error} onRetry={() => void refetch().catch(() => undefined)} />;
  if (!data) body = <TableSkeleton />;
  else if (data.myTasks.length === 0) body = <p className="lead">{t("tasks.empty")}</p>;
  else {
    body = (
      <table className="data-table">
        <thead>
          <tr>
            <th scope="col">{t("tasks.unit")}</th>
            <th scope="col">{t("tasks.task")}</th>
            <th scope="col">{t("tasks.status")}</th>
            <th scope="col">{t("tasks.dueOn")}</th>
          </tr>
        </thead>
        <tbody>
          {data.myTasks.map((task) => (
            <tr key={`${task.kind}:${task.plan.id}`} data-testid="task-row">
              <td>
                <Link to={`/units/${encodeURIComponent(task.unit.code)}`}>
                  {locale === "en" ? task.unit.nameEn : task.unit.nameZh}
                </Link>
              </td>
              <td>{t(`tasks.kind.${task.kind}`)}</td>
              <td>
                <PlanStatusBadge status={task.plan.status} />
              </td>
              <td className={task.overdue ? "error-text" : undefined}>
                {task.dueOn ? formatDay(task.dueOn, locale) : "—"}
                {task.overdue ? ` · ${t("tasks.overdue")}` : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    );
  }
  return (
    <>
      <Card title={t("tasks.title")}>{body}</Card>
      <ActivityFeed cycleId={cycle?.id ?? null} />
    </>
  );
}
