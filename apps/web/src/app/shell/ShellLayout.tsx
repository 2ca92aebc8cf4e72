// The frame of every signed-in page: the header (home, navigation, cycle
// selector, language switch, and the account menu with the viewer's unit and
// role, change password, users and sign-out) and the page.
import { useQuery } from "@apollo/client/react";
import { useId, useState } from "react";
import { Link, NavLink, Outlet } from "react-router";
import { PageError, TableSkeleton } from "../../components/PageStates.js";
import { LanguageSwitch } from "../LanguageSwitch.js";
import { useI18n } from "../i18n/I18nProvider.js";
import { AccountMenu } from "./AccountMenu.js";
import { chooseCycle, readSavedCycleCode, saveCycleCode, type ShellOutletContext } from "./cycle.js";
import { CYCLES_QUERY } from "./shell-documents.js";

export function ShellLayout() {
  const { locale, t } = useI18n();
  const selectId = useId();
  const { data, error, refetch } = useQuery(CYCLES_QUERY);
  const [savedCode, setSavedCode] = useState(readSavedCycleCode);
  const cycles = data?.cycles ?? [];
  const cycle = chooseCycle(cycles, savedCode);
  const context: ShellOutletContext = { cycle };

  return (
    <div className="app-shell">
      <header className="app-header">
        <div className="app-header__inner">
          <Link to="/" className="app-brand">
            <span className="app-brand__mark" aria-hidden="true" />
            <span className="app-brand__title">{t("app.title")}</span>
          </Link>
          <nav className="app-nav" aria-label={t("nav.main")}>
            <NavLink to="/" end>
              {t("nav.tasks")}
            </NavLink>
            <NavLink to="/pyramid">{t("nav.pyramid")}</NavLink>
          </nav>
          <div className="app-header__tools">
            {cycles.length > 0 && cycle ? (
              <div className="cycle-select">
                <label htmlFor={selectId}>{t("header.cycle")}</label>
                <select
                  id={selectId}
                  value={cycle.code}
                  onChange={(event) => {
                    saveCycleCode(event.target.value);
                    setSavedCode(event.target.value);
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
