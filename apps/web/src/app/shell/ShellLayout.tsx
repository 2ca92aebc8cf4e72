// The frame of every signed-in page: the header (home, navigation, cycle
// selector, language switch, and the account menu with the viewer's unit and
// role, change password, users and sign-out) and the page.
// The cycle lives in the address (?cycle=2027, see cycle.ts): the selector sets
// it, and a page reached without it gets the one shown before written back in.
import { useQuery } from "@apollo/client/react";
import { useEffect, useId, useRef, useState } from "react";
import { Link, NavLink, Outlet, useLocation, useSearchParams } from "react-router";
import { PageError, TableSkeleton } from "../../components/PageStates.js";
import { LanguageSwitch } from "../LanguageSwitch.js";
import { mayImport } from "../../features/imports/imports-access.js";
import { useI18n } from "../i18n/I18nProvider.js";
import { useViewer } from "../session/viewer.js";
import { AccountMenu } from "./AccountMenu.js";
import { chooseCycle, CYCLE_PARAM, cycleParamOf, withCycleParam, type ShellOutletContext } from "./cycle.js";
import { CYCLES_QUERY } from "./shell-documents.js";
import "./shell.css";

export function ShellLayout() {
  const { locale, t } = useI18n();
  const viewer = useViewer();
  const selectId = useId();
  const { data, error, refetch } = useQuery(CYCLES_QUERY);
  // Finance exports (财务导出) in the nav for finance and HQ administrators.
  const showFinance = viewer.roleAssignments.some((a) => a.role === "FINANCE" || a.role === "HQ_ADMIN");
  const [searchParams, setSearchParams] = useSearchParams();
  // The cycle shown so far on this visit: a page reached without ?cycle= keeps it.
  const shownParam = useRef<string | null>(null);
  // An address that named a cycle the viewer does not see: said on that page.
  const { pathname } = useLocation();
  const [unknown, setUnknown] = useState<{ readonly param: string; readonly pathname: string } | null>(null);
  const cycles = data?.cycles ?? [];
  const urlParam = searchParams.get(CYCLE_PARAM);
  const choice = chooseCycle(cycles, urlParam, shownParam.current);
  const cycle = choice.cycle;
  const cycleParam = cycle ? cycleParamOf(cycle, cycles) : null;
  const context: ShellOutletContext = { cycle, cycleParam };

  // The address always names the cycle on screen (replacing, not adding, a history entry).
  useEffect(() => {
    if (cycleParam === null) return;
    shownParam.current = cycleParam;
    if (urlParam === cycleParam) return;
    if (choice.unknownParam !== null) setUnknown({ param: choice.unknownParam, pathname });
    setSearchParams(
      (previous) => {
        const next = new URLSearchParams(previous);
        next.set(CYCLE_PARAM, cycleParam);
        return next;
      },
      { replace: true, preventScrollReset: true },
    );
  }, [cycleParam, urlParam, choice.unknownParam, pathname, setSearchParams]);

  const navTo = (path: string) => withCycleParam(path, cycleParam);
  return (
    <div className="app-shell">
      <header className="app-header">
        <div className="app-header__inner">
          <Link to={navTo("/")} className="app-brand">
            <span className="app-brand__mark" aria-hidden="true" />
            <span className="app-brand__title">{t("app.title")}</span>
          </Link>
          <nav className="app-nav" aria-label={t("nav.main")}>
            <NavLink to={navTo("/")} end>
              {t("nav.tasks")}
            </NavLink>
            <NavLink to={navTo("/pyramid")}>{t("nav.pyramid")}</NavLink>
            <NavLink to={navTo("/market-info")}>{t("nav.marketInfo")}</NavLink>
            {showFinance ? <NavLink to={navTo("/finance")}>{t("nav.finance")}</NavLink> : null}
            <NavLink to={navTo("/dashboard")}>{t("nav.dashboard")}</NavLink>
            {mayImport(viewer) ? <NavLink to={navTo("/imports")}>{t("nav.imports")}</NavLink> : null}
          </nav>
          <div className="app-header__tools">
            {cycles.length > 0 && cycle ? (
              <div className="cycle-select">
                <label htmlFor={selectId}>{t("header.cycle")}</label>
                <select
                  id={selectId}
                  value={cycle.code}
                  onChange={(event) => {
                    const chosen = cycles.find((option) => option.code === event.target.value);
                    if (!chosen) return;
                    setUnknown(null);
                    setSearchParams((previous) => {
                      const next = new URLSearchParams(previous);
                      next.set(CYCLE_PARAM, cycleParamOf(chosen, cycles));
                      return next;
                    });
                  }}
                >
                  {cycles.map((option) => (
                    <option key={option.id} value={option.code}>
                      {locale === "en" ? option.nameEn : option.nameZh}
                    </option>
                  ))}
                </select>
              </div>
            ) : null}
            <LanguageSwitch />
            <AccountMenu />
          </div>
        </div>
      </header>
      <main className="app-main">
        {unknown !== null && unknown.pathname === pathname && cycle ? (
          <p className="notice shell-notice" role="status">
            {t("header.cycleNotFound", { cycle: unknown.param, name: locale === "en" ? cycle.nameEn : cycle.nameZh })}
          </p>
        ) : null}
        {error ? (
          <PageError error={error} onRetry={() => void refetch().catch(() => undefined)} />
        ) : data ? (
          <Outlet context={context} />
        ) : (
          <TableSkeleton />
        )}
      </main>
    </div>
  );
}
