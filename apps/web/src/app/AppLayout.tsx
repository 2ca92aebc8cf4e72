// The frame around every page: header with the product name and the language
// switch, the page, and a footer.
import type { ReactNode } from "react";
import { LOCALES, LOCALE_NAMES } from "./i18n/messages.js";
import { useI18n } from "./i18n/I18nProvider.js";

function LanguageSwitch() {
  const { locale, setLocale, t } = useI18n();
  return (
    <div className="language-switch" role="group" aria-label={t("app.languageSwitch")}>
      {LOCALES.map((option) => (
        <button
          key={option}
          type="button"
          lang={option}
          className="language-switch__option"
          aria-pressed={option === locale}
          onClick={() => setLocale(option)}
        >
          {LOCALE_NAMES[option]}
        </button>
      ))}
    </div>
  );
}

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
