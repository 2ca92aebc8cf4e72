// The plan workbench (计划工作台), addressed by unit code and year:
// /plans/CONGHUA/2027/targets. The header says whose plan it is (breadcrumbs to
// the units above, in the viewer's scope), its cycle and status, and why it is
// read-only when it is; the tabs (tabs.ts) are links, so a tab's address can
// be pasted into WeChat. A plan outside the viewer's scope is not found, as
// the server answers; so is a tab that is not registered.
import { useQuery } from "@apollo/client/react";
import { Suspense, useEffect, useMemo, useRef } from "react";
import { Link, useNavigate, useParams, useSearchParams } from "react-router";
import { useI18n } from "../../app/i18n/I18nProvider.js";
import { planPath, unitPath, type PlanTab } from "../../app/paths.js";
import { useViewer, viewerScopeRoots } from "../../app/session/viewer.js";
import { CYCLE_PARAM, useCyclePath, useSelectedCycle, withCycleParam } from "../../app/shell/cycle.js";
import { NotFoundPage, PageError, TableSkeleton } from "../../components/PageStates.js";
import { PlanStatusBadge } from "../../components/PlanStatusBadge.js";
import { WorkflowActions } from "../workflow/WorkflowActions.js";
import type { PlanHeaderQuery } from "../../graphql/generated/graphql.js";
import { PLAN_HEADER_QUERY } from "./plan-documents.js";
import { findPlanTab, PLAN_TABS, type PlanTabEntry } from "./tabs.js";
import "./workbench.css";

type HeaderPlan = PlanHeaderQuery["plan"];

/**
 * Keeps the header's cycle and the plan's year together: on opening, the
 * address's `?cycle=` is set to the plan's year; a cycle chosen afterwards in
 * the header opens the same unit's plan of that cycle's year.
 */
function usePlanCycle(code: string, year: number, tab: PlanTab | undefined): void {
  const cycle = useSelectedCycle();
  const [searchParams, setSearchParams] = useSearchParams();
  const navigate = useNavigate();
  const urlParam = searchParams.get(CYCLE_PARAM);
  const seenCycleId = useRef<string | null>(null);
  useEffect(() => {
    // The shell writes ?cycle= first; until then there is nothing to align.
    if (!cycle || urlParam === null) return;
    if (seenCycleId.current === null) {
      seenCycleId.current = cycle.id;
      if (cycle.year !== year) {
        setSearchParams(
          (previous) => {
            const next = new URLSearchParams(previous);
            next.set(CYCLE_PARAM, String(year));
            return next;
          },
          { replace: true, preventScrollReset: true },
        );
      }
      return;
    }
    if (cycle.id === seenCycleId.current) return;
    seenCycleId.current = cycle.id;
    if (cycle.year !== year) void navigate(withCycleParam(planPath(code, cycle.year, tab), urlParam));
  }, [cycle, urlParam, year, code, tab, navigate, setSearchParams]);
}

function PlanBreadcrumbs({ plan }: { readonly plan: HeaderPlan }) {
  const { locale, t } = useI18n();
  const viewer = useViewer();
  const cyclePath = useCyclePath();
  const rootIds = useMemo(() => new Set(viewerScopeRoots(viewer).map((root) => root.unit.id)), [viewer]);
  const nameOf = (named: { readonly nameZh: string; readonly nameEn: string }) => (locale === "en" ? named.nameEn : named.nameZh);
  const path = [...plan.unit.ancestors, plan.unit];
  // Units from the viewer's own top unit down are theirs to open; those above are named only.
  const firstInScope = path.findIndex((unit) => rootIds.has(unit.id));
  return (
    <nav className="workbench-crumbs" aria-label={t("workbench.breadcrumbs")}>
      <ol>
        {path.map((unit, index) => (
          <li key={unit.id}>
            {firstInScope >= 0 && index >= firstInScope ? (
              <Link to={cyclePath(unitPath(unit.code))}>{nameOf(unit)}</Link>
            ) : (
              <span className="workbench-crumbs__outside">{nameOf(unit)}</span>
            )}
          </li>
        ))}
        <li aria-current="page">{t("workbench.label")}</li>
      </ol>
    </nav>
  );
}

function PlanHeader({ plan }: { readonly plan: HeaderPlan }) {
  const { locale, t } = useI18n();
  const reason =
    plan.readOnlyReason === "STATUS"
      ? t("workbench.readOnly.STATUS", { status: t(`plan.status.${plan.status}`) })
      : plan.readOnlyReason === "ROLE"
        ? t("workbench.readOnly.ROLE")
        : null;
  return (
    <header className="workbench-header">
      <PlanBreadcrumbs plan={plan} />
      <div className="workbench-header__title">
        <h1>{t("workbench.heading", { name: locale === "en" ? plan.unit.nameEn : plan.unit.nameZh, code: plan.unit.code })}</h1>
        <span className="workbench-header__cycle">
          {t("workbench.cycle", { cycle: locale === "en" ? plan.cycle.nameEn : plan.cycle.nameZh })}
        </span>
        <PlanStatusBadge status={plan.status} stale={Boolean(plan.staleSince)} />
        <WorkflowActions
          planId={plan.id}
          unitCode={plan.unit.code}
          year={plan.cycle.year}
          status={plan.status}
          version={plan.version}
          isOwnPlanner={plan.readOnlyReason !== "ROLE"}
        />
      </div>
      {reason !== null ? (
        <p className="workbench-header__read-only" data-testid="plan-read-only">
          {t("grid.readOnly", { reason })}
        </p>
      ) : null}
    </header>
  );
}

function PlanTabBar({ code, year, active }: { readonly code: string; readonly year: number; readonly active: PlanTabEntry }) {
  const { t } = useI18n();
  const cyclePath = useCyclePath();
  return (
    <nav className="workbench-tabs" aria-label={t("workbench.tabs")}>
      <ul>
        {PLAN_TABS.map((tab) => (
          <li key={tab.id}>
            <Link to={cyclePath(planPath(code, year, tab.id))} aria-current={tab.id === active.id ? "page" : undefined}>
              {t(tab.label)}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}

export function PlanRoute() {
  const { t } = useI18n();
  const { code = "", year: yearText = "", tab } = useParams();
  const year = Number(yearText);
  const validYear = /^\d{4}$/.test(yearText);
  const entry = findPlanTab(tab);
  usePlanCycle(code, year, entry?.id);
  const { data, error, refetch } = useQuery(PLAN_HEADER_QUERY, {
    variables: { unitCode: code, year },
    skip: !validYear || !entry,
  });
  if (!validYear || !entry) return <NotFoundPage />;
  if (error) return <PageError error={error} onRetry={() => void refetch().catch(() => undefined)} />;
  if (!data) return <TableSkeleton />;
  const { plan } = data;
  const TabComponent = entry.Component;
  return (
    <div className="workbench" data-testid="plan-workbench">
      <PlanHeader plan={plan} />
      <PlanTabBar code={plan.unit.code} year={year} active={entry} />
      <section className="workbench__tab" aria-label={t(entry.label)}>
        <Suspense fallback={<TableSkeleton />}>
          <TabComponent key={`${plan.id}:${entry.id}`} unitCode={plan.unit.code} year={year} />
        </Suspense>
      </section>
    </div>
  );
}
