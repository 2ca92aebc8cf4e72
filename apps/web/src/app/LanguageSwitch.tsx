// The language switch. Signed in, the choice is also kept with the user on the
// server (setMyLocale), so the next sign-in, in any browser, opens in it; signed
// out, it is kept in this browser only. The switch itself never waits for the
// server: if saving fails, the language still changes here and a note says so.
import { useMutation } from "@apollo/client/react";
import { useContext } from "react";
import { LOCALES, LOCALE_NAMES, type Locale } from "./i18n/messages.js";
import { useI18n } from "./i18n/I18nProvider.js";
import { SET_MY_LOCALE_MUTATION } from "./session/session-documents.js";
import { ViewerContext } from "./session/viewer.js";

export function LanguageSwitch() {
  const { locale, setLocale, t } = useI18n();
  const viewer = useContext(ViewerContext);
  const [saveLocale, { error, reset }] = useMutation(SET_MY_LOCALE_MUTATION);

  function choose(option: Locale) {
    setLocale(option);
    reset();
    if (viewer && viewer.locale !== option) {
      void saveLocale({ variables: { input: { locale: option } } }).catch(() => undefined);
    }
  }

  return (
    <>
      <div className="language-switch" role="group" aria-label={t("app.languageSwitch")}>
        {LOCALES.map((option) => (
          <button
            key={option}
            type="button"
            lang={option}
            className="language-switch__option"
            aria-pressed={option === locale}
            onClick={() => choose(option)}
          >
            {LOCALE_NAMES[option]}
          </button>
        ))}
      </div>
      {error ? (
        <span className="language-switch__note" role="status">
          {t("app.localeNotSaved")}
        </span>
      ) : null}
    </>
  );
}
