import { describe, expect, it } from "vitest";
import { translate } from "./i18n.js";
import { DEFAULT_LOCALE, initialLocale, LOCALES, MESSAGES, placeholdersOf, type MessageKey } from "./messages.js";

const keys = Object.keys(MESSAGES["zh-CN"]) as MessageKey[];

describe("the message catalogue", () => {
  it("has the same keys in every language", () => {
    for (const locale of LOCALES) {
      expect(Object.keys(MESSAGES[locale]).sort()).toEqual([...keys].sort());
    }
  });

  it.each(LOCALES)("has a non-empty text for every key in %s", (locale) => {
    const empty = keys.filter((key) => MESSAGES[locale][key].trim() === "");
    expect(empty).toEqual([]);
  });

  it("uses the same {placeholders} in both languages", () => {
    const mismatched = keys.filter(
      (key) => placeholdersOf(MESSAGES["zh-CN"][key]).join() !== placeholdersOf(MESSAGES.en[key]).join(),
    );
    expect(mismatched).toEqual([]);
  });

  it("writes Chinese in zh-CN and no Chinese in en", () => {
    const han = /\p{Script=Han}/u;
    // Pure numbers or placeholders need no script of their own.
    const textual = keys.filter((key) => /\p{L}/u.test(MESSAGES["zh-CN"][key].replace(/\{\w+\}/g, "")));
    expect(textual.filter((key) => !han.test(MESSAGES["zh-CN"][key]))).toEqual([]);
    expect(keys.filter((key) => han.test(MESSAGES.en[key]))).toEqual([]);
  });
});

describe("translate", () => {
  it("fills in parameters", () => {
    expect(translate("zh-CN", "status.migrationsCount", { count: 3 })).toBe("3 个");
    expect(translate("en", "status.migrationsCount", { count: 3 })).toBe("3");
  });

  it("leaves a missing parameter visible", () => {
    expect(translate("zh-CN", "status.migrationsCount")).toBe("{count} 个");
  });
});

describe("initialLocale", () => {
  it("defaults to zh-CN", () => {
    expect(DEFAULT_LOCALE).toBe("zh-CN");
    expect(initialLocale(null)).toBe("zh-CN");
  });

  it("keeps a saved choice and ignores a corrupt one", () => {
    expect(initialLocale("en")).toBe("en");
    expect(initialLocale("fr")).toBe("zh-CN");
  });
});
