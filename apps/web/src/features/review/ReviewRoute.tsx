// 审核 / Review (`/review/:code/:year`): a parent's plan and its direct children side by side
// (status, sales and profit, growth vs Y-1, expense ratio, findings, last change), the roll-up
// against the parent's guidance with the gap and the uplift, the roll-up's lines grouped as
// asked, and the guidance split to the children (preview, then publish). Per row the reviewer's
// actions (ReviewActions: approve, return with a comment, reopen, HQ's waiver), each child's plan
// linked; below, the children's objections (异议) with the answer where the viewer may give it.
import { useQuery } from "@apollo/client/react";
import { useId, useState } from "react";
import { findMetric } from "@pyramid/domain";
import { Link, useParams } from "react-router";
import { formatBeijingTime, formatPercent, formatYuan, isNegativeAmount } from "../../app/format.js";
import { useI18n } from "../../app/i18n/I18nProvider.js";
import { planPath } from "../../app/paths.js";
import { useCyclePath } from "../../app/shell/cycle.js";
import { isHqAdmin, useViewer } from "../../app/session/viewer.js";
import { Card } from "../../components/Card.js";
import { PageError, TableSkeleton } from "../../components/PageStates.js";
import { PlanStatusBadge } from "../../components/PlanStatusBadge.js";
import type { RollupBasis, RollupGrouping } from "../../graphql/generated/graphql.js";
import "./review.css";
import { ObjectionsList } from "../objections/index.js";
import { ExportButton } from "../finance/ExportButton.js";
import { GuidanceSplitPanel } from "./GuidanceSplitPanel.js";
import { ReviewActions } from "./ReviewActions.js";
import { REVIEW_BOARD_QUERY, REVIEW_ROLLUP_QUERY } from "./review-documents.js";

const GROUPINGS: readonly RollupGrouping[] = ["CHILD", "MONTH", "QUARTER", "SPEC", "LINE", "CHANNEL"];

function Money({ value }: { readonly value: string | null | undefined }) {
  if (value == null) return <span className="muted">—</span>;
  return <span className={isNegativeAmount(value) ? "number--negative" : undefined}>{formatYuan(value)}</span>;
}

function Percent({ value }: { readonly value: string | null | undefined }) {
  return value == null ? <span className="muted">—</span> : <span>{formatPercent(value)}</span>;
}

export function ReviewRoute() {
  const { t, locale } = useI18n();
  const { code = "", year: yearText = "" } = useParams();
  const year = Number(yearText);
  const cyclePath = useCyclePath();
  const viewer = useViewer();
  const basisId = useId();
  const groupId = useId();
  const [basis, setBasis] = useState<RollupBasis>("LATEST");
  const [groupBy, setGroupBy] = useState<RollupGrouping>("CHILD");
  const { data, error, refetch } = useQuery(REVIEW_BOARD_QUERY, { variables: { unitCode: code, year, basis } });
  const board = data?.reviewBoard;
  const salesMetricId = board?.reconciliation.find((row) => row.metricCode === "SALES_REVENUE")?.metricId ?? null;
  const rollup = useQuery(REVIEW_ROLLUP_QUERY, {
    variables: { unitCode: code, year, basis, metricId: salesMetricId ?? "", groupBy },
    skip: salesMetricId === null,
  });
  const own = board?.own;
  const children = board?.children ?? [];

  if (error) return <PageError error={error} onRetry={() => void refetch().catch(() => undefined)} />;
  if (!board || !own) return <TableSkeleton />;
  const name = (unit: { nameZh: string; nameEn: string }) => (locale === "zh-CN" ? unit.nameZh : unit.nameEn);
  const findingsOf = (index: number) => board.children[index]?.findings ?? null;
  const mayReview = viewer.roleAssignments.some(
    (assignment) => (assignment.role === "REVIEWER" || assignment.role === "HQ_ADMIN") && assignment.orgUnit.id === board.unit.id,
  );
  const hqAdmin = isHqAdmin(viewer);
  const changed = () => {
    void refetch().catch(() => undefined);
    if (salesMetricId !== null) void rollup.refetch().catch(() => undefined);
  };
  const metricCodeById = new Map(board.reconciliation.map((line) => [line.metricId, line.metricCode]));

  const row = (item: NonNullable<typeof own>, index: number | null) => (
    <tr
      key={item.unit.id}
      data-testid="review-row"
      data-unit={item.unit.code}
      className={index === null ? "total-row" : undefined}
    >
      <th scope="row">{index === null ? `${name(item.unit)} · ${t("review.ownRow")}` : name(item.unit)}</th>
      <td>
        <PlanStatusBadge status={item.status ?? null} stale={item.stale} />
      </td>
      <td className="number">
        <Money value={item.sales} />
      </td>
      <td className="number">
        <Money value={item.salesLastYear} />
        {item.salesLastYearEstimated ? <em className="estimate-mark"> {t("review.estimated")}</em> : null}
      </td>
      <td className="number">
        <Percent value={item.salesGrowth} />
      </td>
      <td className="number">
        <Money value={item.profit} />
      </td>
      <td className="number">
        <Percent value={item.expenseRatio} />
      </td>
      <td className="number">
        <Money value={item.salesGuidance} />
      </td>
      <td>
        {index === null
          ? null
          : findingsOf(index)
            ? t("review.findings", { block: findingsOf(index)!.block, warn: findingsOf(index)!.warn })
            : "—"}
      </td>
      <td>{item.lastChangeAt ? formatBeijingTime(item.lastChangeAt) : "—"}</td>
      <td className="review-row__actions">
        <Link to={cyclePath(planPath(item.unit.code, year))}>{t("review.open")}</Link>
        {item.planId && item.status ? (
          <ReviewActions
            planId={item.planId}
            status={item.status}
            unitName={name(item.unit)}
            mayReview={index !== null && mayReview}
            isHqAdmin={hqAdmin}
            hasChildren={index === null ? children.length > 0 : item.unit.level !== "COUNTY"}
            onChanged={changed}
          />
        ) : null}
      </td>
    </tr>
  );

  return (
    <div className="page-stack">
      <Card
        title={t("review.title", { unit: name(board.unit) })}
        aside={
          <div className="card__tools">
            <label htmlFor={basisId}>{t("review.basis")}</label>
            <select id={basisId} value={basis} onChange={(event) => setBasis(event.target.value as RollupBasis)}>
              {(["LATEST", "APPROVED"] as const).map((option) => (
                <option key={option} value={option}>
                  {t(`review.basis.${option}`)}
                </option>
              ))}
            </select>
            <ExportButton kind="budget" unitCode={board.unit.code} basis={basis} />
          </div>
        }
      >
        <p className="lead">{t("review.lead", { year })}</p>
        <h3>{t("review.children")}</h3>
        {children.length === 0 ? <p className="lead">{t("review.empty")}</p> : null}
        <table className="data-table" data-testid="review-children">
          <thead>
            <tr>
              <th scope="col">{t("review.column.unit")}</th>
              <th scope="col">{t("review.column.status")}</th>
              <th scope="col" className="number">
                {t("review.column.sales")}
              </th>
              <th scope="col" className="number">
                {t("review.column.lastYear")}
              </th>
              <th scope="col" className="number">
                {t("review.column.growth")}
              </th>
              <th scope="col" className="number">
                {t("review.column.profit")}
              </th>
              <th scope="col" className="number">
                {t("review.column.expenseRatio")}
              </th>
              <th scope="col" className="number">
                {t("review.column.guidance")}
              </th>
              <th scope="col">{t("review.column.findings")}</th>
              <th scope="col">{t("review.column.lastChange")}</th>
              <th scope="col">{t("review.column.actions")}</th>
            </tr>
          </thead>
          <tbody>
            {children.map((child, index) => row(child, index))}
            {row(own, null)}
          </tbody>
        </table>
      </Card>

      <Card title={t("review.reconciliation")}>
        <table className="data-table" data-testid="review-reconciliation">
          <thead>
            <tr>
              <th scope="col">{t("review.metric")}</th>
              <th scope="col" className="number">
                {t("review.ownItems")}
              </th>
              <th scope="col" className="number">
                {t("review.childrenTotal")}
              </th>
              <th scope="col" className="number">
                {t("review.total")}
              </th>
              <th scope="col" className="number">
                {t("review.column.guidance")}
              </th>
              <th scope="col" className="number">
                {t("review.gap")}
              </th>
              <th scope="col" className="number">
                {t("review.uplift")}
              </th>
            </tr>
          </thead>
          <tbody>
            {board.reconciliation.map((line) => (
              <tr key={line.metricId} data-testid="reconciliation-row" data-metric={line.metricCode}>
                <th scope="row">{metricName(line.metricCode, locale)}</th>
                <td className="number">
                  <Money value={line.ownItems} />
                </td>
                <td className="number">
                  <Money value={line.childrenTotal} />
                </td>
                <td className="number">
                  <strong>
                    <Money value={line.total} />
                  </strong>
                </td>
                <td className="number">{line.guidance === null ? t("review.noGuidance") : <Money value={line.guidance} />}</td>
                <td className="number">
                  <Money value={line.gap} />
                </td>
                <td className="number">
                  {line.upliftPercent === null ? "—" : formatPercent(ratioOfPercent(line.upliftPercent))}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </Card>

      <Card
        title={t("review.rollup")}
        aside={
          <div className="card__tools">
            <label htmlFor={groupId}>{t("review.groupBy")}</label>
            <select id={groupId} value={groupBy} onChange={(event) => setGroupBy(event.target.value as RollupGrouping)}>
              {GROUPINGS.map((option) => (
                <option key={option} value={option}>
                  {t(`review.group.${option}`)}
                </option>
              ))}
            </select>
          </div>
        }
      >
        {rollup.error ? (
          <PageError error={rollup.error} onRetry={() => void rollup.refetch().catch(() => undefined)} />
        ) : !rollup.data ? (
          <TableSkeleton />
        ) : (
          <table className="data-table" data-testid="review-rollup">
            <thead>
              <tr>
                <th scope="col">{t("review.line")}</th>
                <th scope="col" className="number">
                  {t("review.own")}
                </th>
                <th scope="col" className="number">
                  {t("review.fromChildren")}
                </th>
                <th scope="col" className="number">
                  {t("review.total")}
                </th>
              </tr>
            </thead>
            <tbody>
              {rollup.data.reviewBoard.rollup.lines.map((line) => (
                <tr key={line.key} data-testid="rollup-line">
                  <th scope="row">{locale === "zh-CN" ? line.labelZh : line.labelEn}</th>
                  <td className="number">
                    <Money value={line.own} />
                  </td>
                  <td className="number">
                    <Money value={line.children} />
                  </td>
                  <td className="number">
                    <Money value={line.total} />
                  </td>
                </tr>
              ))}
              <tr className="total-row">
                <th scope="row">{t("review.total")}</th>
                <td className="number">
                  <Money value={rollup.data.reviewBoard.rollup.own} />
                </td>
                <td className="number">
                  <Money value={rollup.data.reviewBoard.rollup.children} />
                </td>
                <td className="number">
                  <Money value={rollup.data.reviewBoard.rollup.total} />
                </td>
              </tr>
            </tbody>
          </table>
        )}
      </Card>

      {own.planId && children.length > 0 ? (
        <Card title={t("review.objections")}>
          <ObjectionsList
            planId={own.planId}
            includeSubtree
            metricLabel={(metricId) => metricName(metricCodeById.get(metricId) ?? metricId, locale)}
          />
        </Card>
      ) : null}

      {salesMetricId !== null && children.length > 0 ? (
        <GuidanceSplitPanel
          unitCode={board.unit.code}
          year={year}
          basis={basis}
          metricId={salesMetricId}
          childUnits={children.map((child) => child.unit)}
          onPublished={() => void refetch().catch(() => undefined)}
        />
      ) : null}
    </div>
  );
}

/** A metric's name from the domain's one list (docs/UI.md: never retyped in a component). */
function metricName(code: string, locale: string): string {
  const metric = findMetric(code);
  if (!metric) return code;
  return locale === "zh-CN" ? metric.nameZh : metric.nameEn;
}

/** The API's uplift is in percent points ("20.000000"); formatPercent takes a ratio. */
export function ratioOfPercent(percent: string): string {
  const negative = percent.trim().startsWith("-");
  const digits = percent.trim().replace(/^[-+]/, "");
  const [whole = "0", fraction = ""] = digits.split(".");
  const padded = whole.padStart(3, "0");
  const ratio = `${padded.slice(0, -2).replace(/^0+(?=\d)/, "")}.${padded.slice(-2)}${fraction}`;
  return negative ? `-${ratio}` : ratio;
}
