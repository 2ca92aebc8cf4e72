// 版本 / Versions: the plan's versions (taken on every submit and approval), newest
// first, with their totals; two of them compared side by side (VersionDiff).
import { useQuery } from "@apollo/client/react";
import { useState } from "react";
import { useI18n } from "../../app/i18n/I18nProvider.js";
import { formatBeijingTime, formatYuan } from "../../app/format.js";
import { Card } from "../../components/Card.js";
import { PageError, TableSkeleton } from "../../components/PageStates.js";
import type { PlanTabProps } from "../plan/tabs.js";
import { PLAN_VERSION_DIFF_QUERY, PLAN_VERSIONS_QUERY, WORKFLOW_PLAN_QUERY } from "./workflow-documents.js";
import { VersionDiff } from "./VersionDiff.js";
import "./workflow.css";

export function VersionsTab({ unitCode, year }: PlanTabProps) {
  const { locale, t } = useI18n();
  const plan = useQuery(WORKFLOW_PLAN_QUERY, { variables: { unitCode, year } });
  const planId = plan.data?.plan.id ?? null;
  const versions = useQuery(PLAN_VERSIONS_QUERY, {
    variables: { planId: planId ?? "" },
    skip: planId === null,
    fetchPolicy: "cache-and-network",
  });
  const list = versions.data?.planVersions ?? [];
  const [chosen, setChosen] = useState<{ from: number; to: number } | null>(null);
  const pair = chosen ?? (list.length >= 2 ? { from: list[1]!.number, to: list[0]!.number } : null);
  const diff = useQuery(PLAN_VERSION_DIFF_QUERY, {
    variables: { planId: planId ?? "", fromVersion: pair?.from ?? 1, toVersion: pair?.to ?? 1 },
    skip: planId === null || pair === null,
  });
  const error = plan.error ?? versions.error ?? diff.error;
  if (error) return <PageError error={error} onRetry={() => void versions.refetch()} />;
  if (!plan.data || (!versions.data && versions.loading)) return <TableSkeleton />;
  const metrics = plan.data.plan.catalogue.metrics;
  const nameOf = (id: string) => {
    const metric = metrics.find((candidate) => candidate.id === id);
    return metric ? (locale === "zh-CN" ? metric.nameZh : metric.nameEn) : id;
  };
  if (list.length === 0) return <p data-testid="versions-empty">{t("workflow.versions.empty")}</p>;
  return (
    <div className="workflow-versions">
      <Card title={t("workbench.tab.versions")}>
        <table className="workflow-versions__list">
          <thead>
            <tr>
              <th scope="col">{t("workflow.versions.version")}</th>
              <th scope="col">{t("workflow.versions.kind")}</th>
              <th scope="col">{t("workflow.activity.when")}</th>
              <th scope="col">{t("workflow.activity.who")}</th>
              {metrics.slice(0, 2).map((metric) => (
                <th scope="col" className="num" key={metric.id}>
                  {nameOf(metric.id)}
                </th>
              ))}
              <th scope="col" className="num">
                {t("workflow.versions.expenses")}
              </th>
            </tr>
          </thead>
          <tbody>
            {list.map((version) => (
              <tr key={version.id} data-testid="version-row">
                <td>{t("workflow.versions.number", { number: version.number })}</td>
                <td>{t(`workflow.versions.kind.${version.kind}`)}</td>
                <td>{formatBeijingTime(version.createdAt as string)}</td>
                <td>{version.createdBy?.displayName ?? "—"}</td>
                {metrics.slice(0, 2).map((metric) => {
                  const total = version.totals.targets.find((target) => target.metricId === metric.id);
                  return (
                    <td className="num" key={metric.id}>
                      {total ? formatYuan(total.base) : "—"}
                    </td>
                  );
                })}
                <td className="num">{formatYuan(version.totals.expenses)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </Card>
      {list.length >= 2 && pair ? (
        <Card title={t("workflow.versions.compare")}>
          <div className="workflow-versions__pick">
            {(["from", "to"] as const).map((side) => (
              <label key={side}>
                {t(`workflow.versions.${side}`)}{" "}
                <select value={pair[side]} onChange={(event) => setChosen({ ...pair, [side]: Number(event.target.value) })}>
                  {list.map((version) => (
                    <option key={version.id} value={version.number}>
                      {t("workflow.versions.number", { number: version.number })}
                    </option>
                  ))}
                </select>
              </label>
            ))}
          </div>
          {diff.data ? <VersionDiff diff={diff.data.planVersionDiff} nameOf={nameOf} /> : <TableSkeleton />}
        </Card>
      ) : null}
    </div>
  );
}
