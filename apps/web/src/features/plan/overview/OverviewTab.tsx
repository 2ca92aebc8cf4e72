// The plan workbench's Overview tab (概览): the key figures against Y-1 and Y-2
// with growth, the four-symptom findings with links to their cells, and two
// charts (monthly target vs last year vs Y-2; growth by spec against the band),
// each with a table beside it. Recharts loads with the charts, after the figures.
import { useQuery } from "@apollo/client/react";
import { lazy, Suspense, useMemo, type ReactNode } from "react";
import { Link, useSearchParams } from "react-router";
import { formatPercent, formatYuan, isNegativeAmount } from "../../../app/format.js";
import { useI18n } from "../../../app/i18n/I18nProvider.js";
import type { MessageKey } from "../../../app/i18n/messages.js";
import { Card } from "../../../components/Card.js";
import { PageError, TableSkeleton } from "../../../components/PageStates.js";
import type { PlanOverviewQuery } from "../../../graphql/generated/graphql.js";
import { PLAN_OVERVIEW_FIGURES_QUERY, PLAN_OVERVIEW_QUERY } from "./overview-documents.js";
import {
  expenseKeyFigures,
  openExpenseYear,
  findingLinks,
  findingMetricIds,
  findingsBySymptom,
  metricKeyFigure,
  monthLabel,
  monthlySeries,
  PROFIT_METRIC,
  rowKeyLookup,
  SALES_METRIC,
  specGrowth,
  type Finding,
  type FindingLink,
  type KeyFigure,
  type LinkContext,
  type MonthPoint,
  type SpecGrowth,
} from "./overview-model.js";
import "./overview.css";

const MonthlyChart = lazy(() => import("./OverviewCharts.js").then((module) => ({ default: module.MonthlyChart })));
const SpecGrowthChart = lazy(() => import("./OverviewCharts.js").then((module) => ({ default: module.SpecGrowthChart })));

type Plan = PlanOverviewQuery["plan"];

const KEY_FIGURE_LABEL: Readonly<Record<KeyFigure["name"], MessageKey>> = {
  SALES: "overview.figure.SALES",
  PROFIT: "overview.figure.PROFIT",
  EXPENSE: "overview.figure.EXPENSE",
  EXPENSE_RATIO: "overview.figure.EXPENSE_RATIO",
};

function Amount({ value }: { readonly value: string | null }) {
  if (value === null) return <>—</>;
  return <span className={isNegativeAmount(value) ? "number--negative" : undefined}>{formatYuan(value)}</span>;
}

function Percent({ value }: { readonly value: string | null }) {
  if (value === null) return <>—</>;
  return <span className={isNegativeAmount(value) ? "number--negative" : undefined}>{formatPercent(value)}</span>;
}

/** Y-1 with its 预估 mark when it includes estimated months (italics and the word, not colour alone); a ratio as a percentage. */
function EstimatedAmount({
  value,
  estimated,
  ratio = false,
}: {
  readonly value: string | null;
  readonly estimated: boolean;
  readonly ratio?: boolean;
}) {
  const { t } = useI18n();
  if (value === null) return <>—</>;
  const shown = ratio ? <Percent value={value} /> : <Amount value={value} />;
  if (!estimated) return shown;
  return (
    <span className="estimated" title={t("grid.estimateTitle")}>
      {shown} <span className="estimated__mark">{t("grid.estimate")}</span>
    </span>
  );
}

function KeyFigures({
  figures,
  year,
  openExpenses,
}: {
  readonly figures: readonly KeyFigure[];
  readonly year: number;
  /** Y-1's expense actuals run only through this month: not compared. */
  readonly openExpenses: { readonly year: number; readonly through: number } | null;
}) {
  const { t } = useI18n();
  const estimated = figures.some((figure) => figure.lastYear?.estimated);
  const subtree = figures.some((figure) => figure.subtree);
  return (
    <Card title={t("overview.keyFigures")}>
      <div className="table-scroll">
        <table className="data-table key-figures" data-testid="key-figures">
          <caption className="visually-hidden">{t("overview.keyFiguresCaption", { year })}</caption>
          <thead>
            <tr>
              <th scope="col">{t("overview.figure")}</th>
              <th scope="col" className="number">
                {t("overview.planned", { year })}
              </th>
              <th scope="col" className="number">
                {t("overview.lastYear", { year: year - 1 })}
              </th>
              <th scope="col" className="number">
                {t("overview.growthVsLastYear")}
              </th>
              <th scope="col" className="number">
                {t("overview.yearBefore", { year: year - 2 })}
              </th>
              <th scope="col" className="number">
                {t("overview.growthVsYearBefore")}
              </th>
            </tr>
          </thead>
          <tbody>
            {figures.map((figure) => (
              <tr key={figure.name} data-figure={figure.name}>
                <th scope="row">
                  {t(KEY_FIGURE_LABEL[figure.name])}
                  {figure.subtree ? <sup aria-hidden="true">*</sup> : null}
                </th>
                <td className="number">
                  {figure.kind === "RATIO" ? <Percent value={figure.planned} /> : <Amount value={figure.planned} />}
                </td>
                <td className="number">
                  <EstimatedAmount
                    value={figure.lastYear?.value ?? null}
                    estimated={figure.lastYear?.estimated ?? false}
                    ratio={figure.kind === "RATIO"}
                  />
                </td>
                <td className="number">
                  <Percent value={figure.growthVsLastYear} />
                </td>
                <td className="number">
                  {figure.kind === "RATIO" ? <Percent value={figure.yearBefore} /> : <Amount value={figure.yearBefore} />}
                </td>
                <td className="number">
                  <Percent value={figure.growthVsYearBefore} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <ul className="overview-notes">
        {estimated ? <li>{t("overview.estimateNote")}</li> : null}
        {openExpenses ? <li>{t("overview.expenseOpenYearNote", openExpenses)}</li> : null}
        {subtree ? <li>{t("overview.subtreeNote")}</li> : null}
      </ul>
    </Card>
  );
}

function LinkText({ link }: { readonly link: FindingLink }) {
  const { locale, t } = useI18n();
  if (link.kind === "SECTION") return <>{t("overview.link.section")}</>;
  if (link.kind === "EXPENSE") return <>{t("overview.link.expenses")}</>;
  const parts = [
    link.metric ? (locale === "en" ? link.metric.nameEn : link.metric.nameZh) : "",
    link.spec ? (locale === "en" ? link.spec.nameEn : link.spec.nameZh) : "",
    link.month ? monthLabel(link.month, locale) : "",
  ].filter((part) => part !== "");
  return <>{t("overview.link.cell", { cell: parts.join(" · ") })}</>;
}

/** The most links one finding lists (a row missing all twelve months lists each). */
const MAX_LINKS = 12;

function FindingItem({ finding, context }: { readonly finding: Finding; readonly context: LinkContext }) {
  const { locale, t } = useI18n();
  const links = findingLinks(finding, context);
  const shown = links.slice(0, MAX_LINKS);
  return (
    <li className={`finding finding--${finding.severity.toLowerCase()}`} data-code={finding.code} data-testid="finding">
      <span className={`status-badge status-badge--${finding.severity === "BLOCK" ? "danger" : "warning"}`}>
        {t(finding.severity === "BLOCK" ? "overview.severity.BLOCK" : "overview.severity.WARN")}
      </span>
      <span className="finding__message">
        {locale === "en" ? finding.messageEn : finding.messageZh}
        {finding.lastYearEstimated ? (
          <span className="estimated__mark finding__estimated">{t("overview.findingEstimated")}</span>
        ) : null}
      </span>
      {shown.length > 0 ? (
        <span className="finding__links">
          {shown.map((link) => (
            <Link key={link.href} to={link.href}>
              <LinkText link={link} />
            </Link>
          ))}
          {links.length > shown.length ? (
            <span className="lead">{t("overview.moreLinks", { count: links.length - shown.length })}</span>
          ) : null}
        </span>
      ) : null}
    </li>
  );
}

function Findings({ plan, context }: { readonly plan: Plan; readonly context: LinkContext }) {
  const { locale, t } = useI18n();
  const { findings } = plan;
  const groups = findingsBySymptom(findings.items);
  return (
    <Card
      title={t("overview.findings")}
      aside={
        <span className="lead">{t("overview.findingCounts", { block: findings.blockCount, warn: findings.warnCount })}</span>
      }
    >
      {groups.length === 0 ? <p>{t("overview.noFindings")}</p> : null}
      {groups.map((group) => {
        const first = group.items[0];
        const label = first ? (locale === "en" ? first.symptomEn : first.symptomZh) : "";
        return (
          <section key={group.symptom} className="finding-group" aria-label={label}>
            <h3 className="finding-group__title">{t("overview.symptom", { number: group.symptom, name: label })}</h3>
            <ul className="finding-list">
              {group.items.map((finding, index) => (
                <FindingItem key={`${finding.code}-${index}`} finding={finding} context={context} />
              ))}
            </ul>
          </section>
        );
      })}
    </Card>
  );
}

function MonthlyTable({ points }: { readonly points: readonly MonthPoint[] }) {
  const { locale, t } = useI18n();
  return (
    <table className="data-table" data-testid="monthly-table">
      <caption className="visually-hidden">{t("overview.chart.monthly")}</caption>
      <thead>
        <tr>
          <th scope="col">{t("overview.month")}</th>
          <th scope="col" className="number">
            {t("grid.series.TARGET")}
          </th>
          <th scope="col" className="number">
            {t("grid.series.LAST_YEAR")}
          </th>
          <th scope="col" className="number">
            {t("grid.series.YEAR_BEFORE")}
          </th>
        </tr>
      </thead>
      <tbody>
        {points.map((point) => (
          <tr key={point.month}>
            <th scope="row">{monthLabel(point.month, locale)}</th>
            <td className="number">
              <Amount value={point.target} />
            </td>
            <td className="number">
              <EstimatedAmount value={point.lastYear} estimated={point.lastYear !== null && point.lastYearEstimated} />
            </td>
            <td className="number">
              <Amount value={point.yearBefore} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function SpecGrowthTable({ specs }: { readonly specs: readonly SpecGrowth[] }) {
  const { locale, t } = useI18n();
  return (
    <table className="data-table" data-testid="spec-growth-table">
      <caption className="visually-hidden">{t("overview.chart.specGrowth")}</caption>
      <thead>
        <tr>
          <th scope="col">{t("grid.spec")}</th>
          <th scope="col" className="number">
            {t("grid.series.TARGET")}
          </th>
          <th scope="col" className="number">
            {t("grid.series.LAST_YEAR")}
          </th>
          <th scope="col" className="number">
            {t("grid.series.GROWTH")}
          </th>
          <th scope="col">{t("overview.band")}</th>
        </tr>
      </thead>
      <tbody>
        {specs.map((spec) => (
          <tr key={spec.specId}>
            <th scope="row">{locale === "en" ? spec.nameEn : spec.nameZh}</th>
            <td className="number">
              <Amount value={spec.target} />
            </td>
            <td className="number">
              <EstimatedAmount value={spec.lastYear} estimated={spec.lastYearEstimated} />
            </td>
            <td className="number">
              <Percent value={spec.growth} />
            </td>
            <td className={spec.band ? `band band--${spec.band.toLowerCase()}` : undefined}>
              {spec.band ? t(`overview.band.${spec.band}`) : "—"}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function ChartCard({
  title,
  summary,
  unit,
  chart,
  table,
}: {
  readonly title: string;
  readonly summary: string;
  /** The unit of the value axis, shown above the chart. */
  readonly unit?: string;
  readonly chart: ReactNode;
  readonly table: ReactNode;
}) {
  const { t } = useI18n();
  return (
    <Card title={title}>
      <figure className="overview-chart">
        {unit ? (
          <p className="overview-chart__unit" aria-hidden="true">
            {unit}
          </p>
        ) : null}
        <div className="overview-chart__canvas" role="img" aria-label={summary}>
          <Suspense fallback={<div className="skeleton" />}>{chart}</Suspense>
        </div>
        <figcaption className="lead">{summary}</figcaption>
      </figure>
      <details className="overview-chart__table">
        <summary>{t("overview.showTable")}</summary>
        <div className="table-scroll">{table}</div>
      </details>
    </Card>
  );
}

function OverviewFigures({ plan, unitCode, year }: { readonly plan: Plan; readonly unitCode: string; readonly year: number }) {
  const { locale, t } = useI18n();
  const [searchParams] = useSearchParams();
  const cycleParam = searchParams.get("cycle");
  const metricByCode = useMemo(() => new Map(plan.catalogue.metrics.map((metric) => [metric.code, metric])), [plan]);
  const metricsById = useMemo(() => new Map(plan.catalogue.metrics.map((metric) => [metric.id, metric])), [plan]);
  const specsById = useMemo(
    () => new Map(plan.catalogue.productLines.flatMap((line) => line.specs.map((spec) => [spec.id, spec] as const))),
    [plan],
  );
  const sales = metricByCode.get(SALES_METRIC);
  const profit = metricByCode.get(PROFIT_METRIC);
  const pointedMetrics = useMemo(() => findingMetricIds(plan.findings.items), [plan]);
  const { data, error, refetch } = useQuery(PLAN_OVERVIEW_FIGURES_QUERY, {
    variables: {
      unitCode,
      year,
      figureMetricIds: [sales?.id, profit?.id].filter((id): id is string => id !== undefined),
      findingMetricIds: pointedMetrics,
      withFindingRows: pointedMetrics.length > 0,
    },
    fetchPolicy: "cache-and-network",
  });
  if (error) return <PageError error={error} onRetry={() => void refetch().catch(() => undefined)} />;
  if (!data) return <TableSkeleton />;

  const grids = data.plan.figureGrids;
  const salesGrid = grids.find((grid) => grid.metric.code === SALES_METRIC);
  const profitGrid = grids.find((grid) => grid.metric.code === PROFIT_METRIC);
  const ratios = data.plan.expenseRatios;
  const figures: KeyFigure[] = [
    metricKeyFigure("SALES", salesGrid, sales?.scale ?? 2),
    metricKeyFigure("PROFIT", profitGrid, profit?.scale ?? 2),
    ...expenseKeyFigures(ratios, year, plan.unit.level !== "COUNTY"),
  ];
  const context: LinkContext = {
    unitCode,
    year,
    cycleParam,
    metricsById,
    specsById,
    rowKeyOf: rowKeyLookup(data.plan.findingGrids ?? []),
  };
  const points = monthlySeries(salesGrid);
  const specs = specGrowth(salesGrid, plan.catalogue);
  // The chart shows the specs with a growth (a target and a last-year figure); the table lists every spec.
  const charted = specs.filter((spec) => spec.growth !== null);
  const estimatedMonths = points.filter((point) => point.lastYearEstimated && point.lastYear !== null);
  const salesName = sales ? (locale === "en" ? sales.nameEn : sales.nameZh) : SALES_METRIC;

  return (
    <>
      <KeyFigures figures={figures} year={year} openExpenses={openExpenseYear(ratios, year)} />
      <Findings plan={plan} context={context} />
      <ChartCard
        title={t("overview.chart.monthly")}
        summary={
          estimatedMonths.length > 0
            ? t("overview.chart.monthlySummaryEstimated", {
                metric: salesName,
                months: estimatedMonths.map((point) => monthLabel(point.month, locale)).join(locale === "en" ? ", " : "、"),
              })
            : t("overview.chart.monthlySummary", { metric: salesName })
        }
        unit={t("overview.axisWan")}
        chart={<MonthlyChart points={points} />}
        table={<MonthlyTable points={points} />}
      />
      <ChartCard
        title={t("overview.chart.specGrowth")}
        summary={t("overview.chart.specGrowthSummary", {
          metric: salesName,
          below: charted.filter((spec) => spec.band === "BELOW_LAST_YEAR").length,
          above: charted.filter((spec) => spec.band === "ABOVE_BAND").length,
          count: charted.length,
        })}
        chart={<SpecGrowthChart specs={specs} band={plan.growthBand} />}
        table={<SpecGrowthTable specs={specs} />}
      />
    </>
  );
}

/** The Overview tab of the plan of `unitCode` in the cycle of `year`. */
export function OverviewTab({ unitCode, year }: { unitCode: string; year: number }) {
  // Read afresh whenever the tab opens: the figures and findings follow every edit of the plan.
  const { data, error, refetch } = useQuery(PLAN_OVERVIEW_QUERY, {
    variables: { unitCode, year },
    fetchPolicy: "cache-and-network",
  });
  if (error) return <PageError error={error} onRetry={() => void refetch().catch(() => undefined)} />;
  if (!data) return <TableSkeleton />;
  return (
    <div className="page-stack plan-overview" data-testid="plan-overview">
      <OverviewFigures plan={data.plan} unitCode={unitCode} year={year} />
    </div>
  );
}
