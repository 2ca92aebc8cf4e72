// The frame around the pages seen without signing in (sign-in, system status):
// header with the product name and the language switch, and the page.
import type { ReactNode } from "react";
import { useI18n } from "./i18n/I18nProvider.js";
import { LanguageSwitch } from "./LanguageSwitch.js";

export function AppLayout({ children }: { readonly children: ReactNode }) {
  const { t } = useI18n();
  return (
    <div className="app-shell">
      <header className="app-header">
        <div className="app-header__inner">
          <div className="app-brand">
            <span className="app-brand__mark" aria-hidden="true" />
            <div>
              <h1 className="app-brand__title">{t("app.title")}</h1>
              <p className="app-brand__tagline">{t("app.tagline")}</p>
            </div>
          </div>
          <LanguageSwitch />
        </div>
      </header>
      <main className="app-main">{children}</main>
    </div>
  );
}
