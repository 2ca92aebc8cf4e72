// The chosen language for the whole app, on react-i18next: kept in
// localStorage so it survives reloads, and mirrored on <html lang> so the
// browser picks the right fonts. Components use useI18n (typed keys).
import { useCallback, useEffect, useMemo, useState, type ReactNode } from "react";
import { I18nextProvider, useTranslation } from "react-i18next";
import { createI18n } from "./i18n.js";
import { initialLocale, isLocale, DEFAULT_LOCALE, type Locale, type MessageKey, type MessageParams } from "./messages.js";

const STORAGE_KEY = "pyramid.locale";

export interface I18n {
  readonly locale: Locale;
  readonly setLocale: (locale: Locale) => void;
  readonly t: (key: MessageKey, params?: MessageParams) => string;
}

function readSavedLocale(): string | null {
  try {
    return window.localStorage.getItem(STORAGE_KEY);
  } catch {
    return null; // storage disabled (private mode, policy): fall back to the default
  }
}

function saveLocale(locale: Locale): void {
  try {
    window.localStorage.setItem(STORAGE_KEY, locale);
  } catch {
    // Not persisting is acceptable; the switch still works for this visit.
  }
}

export function I18nProvider({ children }: { readonly children: ReactNode }) {
  const [instance] = useState(() => createI18n(initialLocale(readSavedLocale())));
  return (
    <I18nextProvider i18n={instance}>
      <DocumentLanguage />
      {children}
    </I18nextProvider>
  );
}

function DocumentLanguage() {
  const { locale, t } = useI18n();
  useEffect(() => {
    document.documentElement.lang = locale;
    document.title = t("app.title");
  }, [locale, t]);
  return null;
}

export function useI18n(): I18n {
  // Re-renders the caller when the language changes.
  const { i18n } = useTranslation();
  const language = i18n.language;
  const locale: Locale = isLocale(language) ? language : DEFAULT_LOCALE;

  const setLocale = useCallback(
    (next: Locale) => {
      saveLocale(next);
      void i18n.changeLanguage(next);
    },
    [i18n],
  );
  return useMemo<I18n>(
    () => ({ locale, setLocale, t: (key, params) => i18n.getFixedT(locale)(key, params) }),
    [locale, setLocale, i18n],
  );
}
