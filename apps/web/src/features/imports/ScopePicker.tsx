// The unit an import is for: a search box (code or name) narrows the units of the
// viewer's subtree in the selected cycle, and a plain <select> picks one (keyboard
// and screen readers know it). The chosen unit stays listed while a search leaves
// it out. The server checks the scope again (404 outside the uploader's subtree).
import { useQuery } from "@apollo/client/react";
import { ORG_LEVEL_LABELS, type OrgLevel } from "@pyramid/domain";
import { useEffect, useId, useState } from "react";
import { errorMessageKey } from "../../app/error-messages.js";
import { useI18n } from "../../app/i18n/I18nProvider.js";
import { IMPORT_SCOPE_UNITS_QUERY } from "./imports-documents.js";

export interface ScopeUnit {
  readonly id: string;
  readonly code: string;
  readonly nameZh: string;
  readonly nameEn: string;
  readonly level: OrgLevel;
}

const SEARCH_DELAY_MS = 250;
const OPTIONS_SHOWN = 50;

export interface ScopePickerProps {
  /** The selected cycle's id; without one, only the units the viewer holds roles at are offered. */
  readonly cycleId: string | null;
  readonly value: ScopeUnit | null;
  /** Offered even before a search (the viewer's own units). */
  readonly ownUnits: readonly ScopeUnit[];
  readonly onChange: (unit: ScopeUnit | null) => void;
  readonly disabled?: boolean;
}

export function ScopePicker({ cycleId, value, ownUnits, onChange, disabled = false }: ScopePickerProps) {
  const { locale, t } = useI18n();
  const searchId = useId();
  const selectId = useId();
  const [draft, setDraft] = useState("");
  const [search, setSearch] = useState("");
  useEffect(() => {
    const timer = setTimeout(() => setSearch(draft.trim()), SEARCH_DELAY_MS);
    return () => clearTimeout(timer);
  }, [draft]);
  const { data, error } = useQuery(IMPORT_SCOPE_UNITS_QUERY, {
    variables: { cycleId: cycleId ?? "", search: search === "" ? null : search, first: OPTIONS_SHOWN },
    skip: cycleId === null,
  });
  const found: ScopeUnit[] = data?.orgTree.nodes ?? [];
  const options: ScopeUnit[] = [];
  const seen = new Set<string>();
  for (const unit of [...(value ? [value] : []), ...(search === "" ? ownUnits : []), ...found]) {
    if (seen.has(unit.id)) continue;
    seen.add(unit.id);
    options.push(unit);
  }
  const lang = locale === "en" ? "en" : "zh";
  const label = (unit: ScopeUnit) =>
    `${lang === "en" ? unit.nameEn : unit.nameZh} (${unit.code}) · ${ORG_LEVEL_LABELS[unit.level][lang]}`;

  return (
    <div className="imports-scope">
      <div className="form__field">
        <label htmlFor={searchId}>{t("imports.scopeSearch")}</label>
        <input
          id={searchId}
          type="search"
          name="scopeSearch"
          value={draft}
          autoComplete="off"
          disabled={disabled}
          onChange={(event) => setDraft(event.target.value)}
        />
      </div>
      <div className="form__field">
        <label htmlFor={selectId}>{t("imports.scope")}</label>
        <select
          id={selectId}
          name="scope"
          value={value?.id ?? ""}
          aria-required
          disabled={disabled}
          onChange={(event) => onChange(options.find((unit) => unit.id === event.target.value) ?? null)}
        >
          <option value="">{data && options.length === 0 ? t("imports.scopeNone") : t("imports.scopeChoose")}</option>
          {options.map((unit) => (
            <option key={unit.id} value={unit.id}>
              {label(unit)}
            </option>
          ))}
        </select>
        {error ? (
          <p className="error-text" role="alert">
            {t(errorMessageKey(error))}
          </p>
        ) : null}
      </div>
    </div>
  );
}
