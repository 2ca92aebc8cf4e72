// i18next over the typed message catalogue (messages.ts): one instance per
// app, the catalogue's own {param} placeholders, keys with dots taken whole.
// Money and days are not formatted here but in app/format.ts (exact, on
// bigint): i18next's number formatting goes through floats.
import i18next, { type i18n as I18nInstance } from "i18next";
import { DEFAULT_LOCALE, LOCALES, MESSAGES, type Locale, type MessageKey, type MessageParams } from "./messages.js";

export function createI18n(locale: Locale = DEFAULT_LOCALE): I18nInstance {
  const instance = i18next.createInstance();
  void instance.init({
    resources: Object.fromEntries(LOCALES.map((code) => [code, { translation: MESSAGES[code] }])),
    lng: locale,
    fallbackLng: DEFAULT_LOCALE,
    supportedLngs: [...LOCALES],
    // Resources are inline: ready when init returns.
    initAsync: false,
    // No console notice from the library in the users' browsers or the tests.
    showSupportNotice: false,
    keySeparator: false,
    nsSeparator: false,
    interpolation: {
      prefix: "{",
      suffix: "}",
      // React escapes what it renders.
      escapeValue: false,
    },
    // A missing parameter stays visible as {name} rather than silently vanishing.
    missingInterpolationHandler: (_text: string, match: readonly string[]) => match[0],
  });
  return instance;
}

/** One shared instance for text outside React (tests, document.title). */
const standalone = createI18n();

/** The message in this locale with its {params} filled in. */
export function translate(locale: Locale, key: MessageKey, params: MessageParams = {}): string {
  return standalone.getFixedT(locale)(key, params);
}
