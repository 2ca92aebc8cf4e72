// 看板 / Dashboard (`/dashboard/:code/:year`): a unit's approved targets vs its subtree's actuals
// for a year, through a month (default: the last with actuals). Completion by child (ranking
// bars with the 85 % and 100 % lines; a click opens the child's dashboard), plan vs actual by
// month with year-to-date pacing on the target's own curve, by spec and by channel, expense vs
// budget by category; the seed's benchmark. Every chart has its data table and a CSV download.
import { useQuery } from "@apollo/client/react";
import { lazy, Suspense, useId, type ReactNode } from "react";
import { Link, Navigate, useNavigate, useParams, useSearchParams } from "react-router";
import { formatPercent, formatYuan, isNegativeAmount } from "../../app/format.js";
import { useI18n } from "../../app/i18n/I18nProvider.js";
import { dashboardPath } from "../../app/paths.js";
import { useCyclePath } from "../../app/shell/cycle.js";
import { CYCLES_QUERY } from "../../app/shell/shell-documents.js";
import { useViewer, viewerScopeRoots } from "../../app/session/viewer.js";
import { Card } from "../../components/Card.js";
import { PageError, TableSkeleton } from "../../components/PageStates.js";
import type { DashboardMetric } from "../../graphql/generated/graphql.js";
import { downloadCsv, type CsvCell } from "./csv.js";
import { DASHBOARD_QUERY } from "./dashboard-documents.js";
import "./dashboard.css";

const Charts = {
  Completion: lazy(async () => ({ default: (await import("./DashboardCharts.js")).CompletionChart })),
  Months: lazy(async () => ({ default: (await import("./DashboardCharts.js")).MonthsChart })),
  Expenses: lazy(async () => ({ default: (await import("./DashboardCharts.js")).ExpensesChart })),
};

const METRICS: readonly DashboardMetric[] = ["SALES_REVENUE", "SALES_VOLUME", "GROSS_PROFIT", "COLLECTION"];
const MONTHS_EN = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

function Amount({ value }: { readonly value: string | null | undefined }) {
  if (value == null) return <span className="muted">—</span>;
  return <span className={isNegativeAmount(value) ? "number--negative" : undefined}>{formatYuan(value)}</span>;
}

function Percent({ value }: { readonly value: string | null | undefined }) {
  return value == null ? <span className="muted">—</span> : <span>{formatPercent(value)}</span>;
}

/** A chart (role="img" with its summary), its data table folded below, and its CSV download. */
function ChartCard(props: {
  readonly title: string;
  readonly testId: string;
  readonly summary: string;
  readonly chart: ReactNode;
  readonly table: ReactNode;
  readonly onDownload: () => void;
}) {
  const { t } = useI18n();
  return (
    <Card
      title={props.title}
      aside={
        <button
          type="button"
          className="button button--secondary"
          data-testid={`${props.testId}-download`}
          onClick={props.onDownload}
        >
          {t("dashboard.download")}
        </button>
      }
    >
      <div role="img" aria-label={props.summary} data-testid={`${props.testId}-chart`}>
        <Suspense fallback={<TableSkeleton />}>{props.chart}</Suspense>
      </div>
      <details className="dashboard-table">
        <summary>{t("dashboard.showTable")}</summary>
        {props.table}
      </details>
    </Card>
  );
}

/** `/dashboard`: the viewer's top unit in the newest year with approved plans (else the selected cycle's). */
export function DashboardIndexRoute() {
  const viewer = useViewer();
  const { data, error } = useQuery(CYCLES_QUERY);
  const cyclePath = useCyclePath();
  if (error) return <PageError error={error} onRetry={() => undefined} />;
  if (!data) return <TableSkeleton />;
  const root = viewerScopeRoots(viewer)[0]?.unit;
  const done = data.cycles.filter((cycle) => cycle.status === "APPROVED" || cycle.status === "CLOSED");
  const year = Math.max(...(done.length > 0 ? done : data.cycles).map((cycle) => cycle.year));
  if (!root || !Number.isFinite(year)) return <TableSkeleton />;
  return <Navigate to={cyclePath(dashboardPath(root.code, year))} replace />;
}

export function DashboardRoute() {
  const { t, locale } = useI18n();
  const { code = "", year: yearText = "" } = useParams();
  const year = Number(yearText);
  const [search, setSearch] = useSearchParams();
  const metric = (METRICS as readonly string[]).includes(search.get("metric") ?? "")
    ? (search.get("metric") as DashboardMetric)
    : "SALES_REVENUE";
  const throughParam = Number(search.get("through"));
  const throughMonth = Number.isInteger(throughParam) && throughParam >= 1 && throughParam <= 12 ? throughParam : null;
  const navigate = useNavigate();
  const cyclePath = useCyclePath();
  const metricId = useId();
  const throughId = useId();
  const { data, error, refetch } = useQuery(DASHBOARD_QUERY, { variables: { unitCode: code, year, metric, throughMonth } });
  const board = data?.dashboard;
  if (error) return <PageError error={error} onRetry={() => void refetch().catch(() => undefined)} />;
  if (!board) return <TableSkeleton />;

  const name = (unit: { nameZh: string; nameEn: string }) => (locale === "zh-CN" ? unit.nameZh : unit.nameEn);
  const monthName = (month: number) => (locale === "zh-CN" ? `${month}月` : (MONTHS_EN[month - 1] ?? String(month)));
  const metricName = t(`dashboard.metric.${board.metric.code as DashboardMetric}`);
  const fileBase = `${board.unit.code}-${board.year}-${board.metric.code}-M${board.throughMonth}`;
  const setParam = (key: string, value: string | null) =>
    setSearch((previous) => {
      const next = new URLSearchParams(previous);
      if (value === null) next.delete(key);
      else next.set(key, value);
      return next;
    });
  const openChild = (childCode: string) =>
    void navigate(
      cyclePath(
        `${dashboardPath(childCode, board.year)}?metric=${board.metric.code}${throughMonth ? `&through=${throughMonth}` : ""}`,
      ),
    );
  const csv = (suffix: string, header: string[], rows: CsvCell[][]) => downloadCsv(`${fileBase}-${suffix}.csv`, header, rows);
  const figureHeader = [
    t("dashboard.column.target"),
    t("dashboard.column.actual"),
    t("dashboard.column.variance"),
    t("dashboard.column.rate"),
  ];
  const figureCells = (row: { target: string; actual: string; variance: string; rate?: string | null }): CsvCell[] => [
    row.target,
    row.actual,
    row.variance,
    row.rate ?? null,
  ];
  const figureTds = (row: { target: string; actual: string; variance: string; rate?: string | null }) => (
    <>
      <td className="number">
        <Amount value={row.target} />
      </td>
      <td className="number">
        <Amount value={row.actual} />
      </td>
      <td className="number">
        <Amount value={row.variance} />
      </td>
      <td className="number">
        <Percent value={row.rate ?? null} />
      </td>
    </>
  );
  const { benchmark } = board;
  const share = (value: string | null) => (value === null ? "—" : formatPercent(value));

  const dimensionCard = (title: string, testId: string, rows: typeof board.bySpec) => (
    <Card
      title={`${title} · ${metricName}`}
      aside={
        <button
          type="button"
          className="button button--secondary"
          data-testid={`${testId}-download`}
          onClick={() =>
            csv(
              testId,
              [t("dashboard.column.name"), ...figureHeader],
              rows.map((row) => [name(row), ...figureCells(row)]),
            )
          }
        >
          {t("dashboard.download")}
        </button>
      }
    >
      <table className="data-table" data-testid={testId}>
        <thead>
          <tr>
            <th scope="col">{t("dashboard.column.name")}</th>
            {figureHeader.map((h) => (
              <th key={h} scope="col" className="number">
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.key || row.code} data-code={row.code}>
              <th scope="row">{name(row)}</th>
              {figureTds(row)}
            </tr>
          ))}
        </tbody>
      </table>
    </Card>
  );

  return (
    <div className="page dashboard-page">
      <header className="page__header">
        <h1>{t("dashboard.title", { unit: name(board.unit) })}</h1>
        <p className="page__lead">{t("dashboard.lead", { year: String(board.year), month: String(board.throughMonth) })}</p>
        {board.parent ? (
          <Link to={cyclePath(`${dashboardPath(board.parent.code, board.year)}?metric=${board.metric.code}`)}>
            {t("dashboard.up", { unit: name(board.parent) })}
          </Link>
        ) : null}
      </header>
      {board.lastActualMonth === null ? (
        <p className="notice" role="status">
          {t("dashboard.noActuals", { year: String(board.year) })}
        </p>
      ) : null}
      <div className="form-grid dashboard-controls">
        <div>
          <label htmlFor={metricId}>{t("dashboard.metric")}</label>
          <select id={metricId} value={board.metric.code} onChange={(event) => setParam("metric", event.target.value)}>
            {METRICS.map((option) => (
              <option key={option} value={option}>
                {t(`dashboard.metric.${option}`)}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor={throughId}>{t("dashboard.throughMonth")}</label>
          <select id={throughId} value={String(board.throughMonth)} onChange={(event) => setParam("through", event.target.value)}>
            {Array.from({ length: 12 }, (_, index) => index + 1).map((month) => (
              <option key={month} value={month}>
                {monthName(month)}
              </option>
            ))}
          </select>
        </div>
      </div>

      <dl className="dashboard-kpis" data-testid="dashboard-kpis">
        <div>
          <dt>{t("dashboard.kpi.target")}</dt>
          <dd data-testid="kpi-target">
            <Amount value={board.toDate.target} />
          </dd>
        </div>
        <div>
          <dt>{t("dashboard.kpi.actual")}</dt>
          <dd data-testid="kpi-actual">
            <Amount value={board.toDate.actual} />
          </dd>
        </div>
        <div>
          <dt>{t("dashboard.kpi.rate")}</dt>
          <dd data-testid="kpi-rate">
            <Percent value={board.toDate.rate} />
          </dd>
        </div>
        <div>
          <dt>{t("dashboard.kpi.variance")}</dt>
          <dd>
            <Amount value={board.toDate.variance} />
          </dd>
        </div>
        <div>
          <dt>{t("dashboard.kpi.yearTarget")}</dt>
          <dd>
            <Amount value={board.yearTarget} />
          </dd>
        </div>
        <div>
          <dt>{t("dashboard.kpi.pace")}</dt>
          <dd>
            <Percent value={board.pacing.paceIndex} />
          </dd>
        </div>
        <div>
          <dt>{t("dashboard.kpi.completionOfYear")}</dt>
          <dd>
            <Percent value={board.pacing.completionOfYear} />
          </dd>
        </div>
      </dl>

      {board.children.length > 0 ? (
        <ChartCard
          title={`${t("dashboard.children")} · ${metricName}`}
          testId="children"
          summary={t("dashboard.children.summary", {
            count: String(benchmark.judged),
            floor: String(benchmark.atOrAboveFloor),
            full: String(benchmark.atOrAbove100),
          })}
          chart={
            <Charts.Completion
              bars={board.children.map((child) => ({ code: child.unit.code, name: name(child.unit), rate: child.rate ?? null }))}
              onOpen={openChild}
            />
          }
          onDownload={() =>
            csv(
              "children",
              [t("dashboard.column.rank"), t("dashboard.column.unit"), ...figureHeader, t("dashboard.column.allTargets")],
              board.children.map((child) => [
                child.rank ?? null,
                name(child.unit),
                ...figureCells(child),
                child.exceedsAllTargets ? t("dashboard.yes") : "",
              ]),
            )
          }
          table={
            <table className="data-table" data-testid="children-table">
              <thead>
                <tr>
                  <th scope="col">{t("dashboard.column.rank")}</th>
                  <th scope="col">{t("dashboard.column.unit")}</th>
                  {figureHeader.map((h) => (
                    <th key={h} scope="col" className="number">
                      {h}
                    </th>
                  ))}
                  <th scope="col">{t("dashboard.column.allTargets")}</th>
                </tr>
              </thead>
              <tbody>
                {board.children.map((child) => (
                  <tr key={child.unit.id} data-testid="child-row" data-unit={child.unit.code}>
                    <td>{child.rank ?? "—"}</td>
                    <th scope="row">
                      <Link to={cyclePath(`${dashboardPath(child.unit.code, board.year)}?metric=${board.metric.code}`)}>
                        {name(child.unit)}
                      </Link>
                    </th>
                    {figureTds(child)}
                    <td>{child.exceedsAllTargets ? t("dashboard.yes") : ""}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          }
        />
      ) : (
        <p className="muted">{t("dashboard.noChildren")}</p>
      )}

      {board.children.length > 0 ? (
        <section className="dashboard-benchmark" aria-label={t("dashboard.benchmark")} data-testid="benchmark">
          <h2>{t("dashboard.benchmark")}</h2>
          <ul>
            <li>
              {t("dashboard.benchmark.floor", {
                count: String(benchmark.atOrAboveFloor),
                judged: String(benchmark.judged),
                share: share(benchmark.shareAtOrAboveFloor ?? null),
              })}
            </li>
            <li>
              {t("dashboard.benchmark.full", {
                count: String(benchmark.atOrAbove100),
                judged: String(benchmark.judged),
                share: share(benchmark.shareAtOrAbove100 ?? null),
              })}
            </li>
            <li>
              {t("dashboard.benchmark.all", {
                count: String(benchmark.exceedingAllTargets),
                judged: String(benchmark.judged),
                share: share(benchmark.shareExceedingAllTargets ?? null),
              })}
            </li>
            <li>
              <strong>{benchmark.meetsBenchmark ? t("dashboard.benchmark.met") : t("dashboard.benchmark.notMet")}</strong>
            </li>
          </ul>
        </section>
      ) : null}

      <ChartCard
        title={`${t("dashboard.months")} · ${metricName}`}
        testId="months"
        summary={t("dashboard.months.summary", {
          target: formatYuan(board.yearTarget),
          month: String(board.throughMonth),
          expected: formatYuan(board.pacing.expectedToDate),
          actual: formatYuan(board.pacing.actualToDate),
        })}
        chart={
          <Charts.Months
            points={board.months.map((row) => ({
              label: monthName(row.month),
              target: row.effectiveTarget,
              actual: row.actual ?? null,
              cumulativeTarget: row.cumulativeTarget,
              cumulativeActual: row.cumulativeActual ?? null,
              straightLine: row.straightLine,
            }))}
          />
        }
        onDownload={() =>
          csv(
            "months",
            [
              t("dashboard.column.month"),
              t("dashboard.column.target"),
              t("dashboard.column.effectiveTarget"),
              t("dashboard.column.actual"),
              t("dashboard.column.variance"),
              t("dashboard.column.rate"),
              t("dashboard.column.shortfall"),
              t("dashboard.column.cumulativeTarget"),
              t("dashboard.column.cumulativeActual"),
              t("dashboard.column.straightLine"),
            ],
            board.months.map((row) => [
              row.month,
              row.target,
              row.effectiveTarget,
              row.actual ?? null,
              row.variance ?? null,
              row.rate ?? null,
              row.shortfall,
              row.cumulativeTarget,
              row.cumulativeActual ?? null,
              row.straightLine,
            ]),
          )
        }
        table={
          <table className="data-table" data-testid="months-table">
            <thead>
              <tr>
                <th scope="col">{t("dashboard.column.month")}</th>
                <th scope="col" className="number">
                  {t("dashboard.column.effectiveTarget")}
                </th>
                <th scope="col" className="number">
                  {t("dashboard.column.actual")}
                </th>
                <th scope="col" className="number">
                  {t("dashboard.column.rate")}
                </th>
                <th scope="col" className="number">
                  {t("dashboard.column.shortfall")}
                </th>
                <th scope="col" className="number">
                  {t("dashboard.column.cumulativeTarget")}
                </th>
                <th scope="col" className="number">
                  {t("dashboard.column.cumulativeActual")}
                </th>
              </tr>
            </thead>
            <tbody>
              {board.months.map((row) => (
                <tr key={row.month}>
                  <th scope="row">{monthName(row.month)}</th>
                  <td className="number">
                    <Amount value={row.effectiveTarget} />
                  </td>
                  <td className="number">
                    <Amount value={row.actual} />
                  </td>
                  <td className="number">
                    <Percent value={row.rate} />
                  </td>
                  <td className="number">
                    <Amount value={row.shortfall} />
                  </td>
                  <td className="number">
                    <Amount value={row.cumulativeTarget} />
                  </td>
                  <td className="number">
                    <Amount value={row.cumulativeActual} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        }
      />
      {board.metric.carriesOver ? <p className="muted">{t("dashboard.carryOver")}</p> : null}

      <div className="dashboard-columns">
        {dimensionCard(t("dashboard.specs"), "specs", board.bySpec)}
        {dimensionCard(t("dashboard.channels"), "channels", board.byChannel)}
      </div>

      <ChartCard
        title={t("dashboard.expenses")}
        testId="expenses"
        summary={t("dashboard.expenses.summary", { count: String(board.expenses.length) })}
        chart={
          <Charts.Expenses bars={board.expenses.map((row) => ({ name: name(row), budget: row.target, actual: row.actual }))} />
        }
        onDownload={() =>
          csv(
            "expenses",
            [
              t("dashboard.column.category"),
              t("dashboard.column.budget"),
              t("dashboard.column.actual"),
              t("dashboard.column.variance"),
              t("dashboard.column.usage"),
            ],
            board.expenses.map((row) => [name(row), ...figureCells(row)]),
          )
        }
        table={
          <table className="data-table" data-testid="expenses-table">
            <thead>
              <tr>
                <th scope="col">{t("dashboard.column.category")}</th>
                <th scope="col" className="number">
                  {t("dashboard.column.budget")}
                </th>
                <th scope="col" className="number">
                  {t("dashboard.column.actual")}
                </th>
                <th scope="col" className="number">
                  {t("dashboard.column.variance")}
                </th>
                <th scope="col" className="number">
                  {t("dashboard.column.usage")}
                </th>
              </tr>
            </thead>
            <tbody>
              {board.expenses.map((row) => (
                <tr key={row.code} data-code={row.code}>
                  <th scope="row">{name(row)}</th>
                  {figureTds(row)}
                </tr>
              ))}
            </tbody>
          </table>
        }
      />
    </div>
  );
}
