// Choosing the org unit a new user works at: a search box (code or name) narrows
// the units the administrator may give roles at, and a plain <select> picks one
// (keyboard and screen readers know it). The chosen unit stays listed while
// another search leaves it out.
import { useQuery } from "@apollo/client/react";
import { ORG_LEVEL_LABELS } from "@pyramid/domain";
import { useEffect, useId, useState, type Ref } from "react";
import { errorMessageKey } from "../../app/error-messages.js";
import { useI18n } from "../../app/i18n/I18nProvider.js";
import type { AssignableOrgUnitsQuery } from "../../graphql/generated/graphql.js";
import { describedBy, FieldErrorText } from "./FormField.js";
import type { FieldError } from "./user-forms.js";
import { ASSIGNABLE_UNITS_QUERY } from "./users-documents.js";

export type AssignableUnit = AssignableOrgUnitsQuery["assignableOrgUnits"][number];

const SEARCH_DELAY_MS = 250;
const OPTIONS_SHOWN = 50;

export interface UnitPickerProps {
  readonly value: AssignableUnit | null;
  readonly onChange: (unit: AssignableUnit | null) => void;
  readonly error?: FieldError | undefined;
  readonly selectRef?: Ref<HTMLSelectElement>;
}

export function UnitPicker({ value, onChange, error, selectRef }: UnitPickerProps) {
  const { locale, t } = useI18n();
  const searchId = useId();
  const selectId = useId();
  const errorId = `${selectId}-error`;
  const [draft, setDraft] = useState("");
  const [search, setSearch] = useState("");
  useEffect(() => {
    const timer = setTimeout(() => setSearch(draft.trim()), SEARCH_DELAY_MS);
    return () => clearTimeout(timer);
  }, [draft]);
  const { data, error: loadError } = useQuery(ASSIGNABLE_UNITS_QUERY, {
    variables: { search: search === "" ? null : search, first: OPTIONS_SHOWN },
  });
  const units = data?.assignableOrgUnits ?? [];
  const options = value && !units.some((unit) => unit.id === value.id) ? [value, ...units] : units;
  const lang = locale === "en" ? "en" : "zh";
  const label = (unit: AssignableUnit) =>
    `${lang === "en" ? unit.nameEn : unit.nameZh} (${unit.code}) · ${ORG_LEVEL_LABELS[unit.level][lang]}`;

  return (
    <div className="unit-picker">
      <div className="form__field">
        <label htmlFor={searchId}>{t("userForm.unitSearch")}</label>
        <input
          id={searchId}
          type="search"
          name="unitSearch"
          value={draft}
          autoComplete="off"
          onChange={(event) => setDraft(event.target.value)}
        />
      </div>
      <div className="form__field">
        <label htmlFor={selectId}>{t("userForm.unit")}</label>
        <select
          ref={selectRef}
          id={selectId}
          name="orgUnit"
          value={value?.id ?? ""}
          aria-required
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy(error !== undefined && errorId)}
          onChange={(event) => onChange(options.find((unit) => unit.id === event.target.value) ?? null)}
        >
          <option value="">{data && units.length === 0 ? t("userForm.unitNone") : t("userForm.unitChoose")}</option>
          {options.map((unit) => (
            <option key={unit.id} value={unit.id}>
              {label(unit)}
            </option>
          ))}
        </select>
        <FieldErrorText id={errorId} error={error} />
        {loadError ? (
          <p className="error-text" role="alert">
            {t(errorMessageKey(loadError))}
          </p>
        ) : null}
      </div>
    </div>
  );
}
