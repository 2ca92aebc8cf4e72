// Opens a breakdown (分解) of a spec's figure in the grid: a row for every
// terminal, distributor, township or channel of the unit under that spec, to
// be filled in (the grid already shows the breakdowns the plan holds).
import { useId, useState } from "react";
import { useI18n } from "../../../app/i18n/I18nProvider.js";
import type { BreakdownAxis, GridExpansionInput } from "../../../graphql/generated/graphql.js";
import type { PlanCatalogue } from "./grid-view.js";

const AXES: readonly BreakdownAxis[] = ["TERMINAL", "DISTRIBUTOR", "TOWNSHIP", "CHANNEL"];
const NO_SPEC = "";

export function BreakdownPicker({
  catalogue,
  onShow,
}: {
  readonly catalogue: PlanCatalogue;
  readonly onShow: (expansion: GridExpansionInput) => void;
}) {
  const { t, locale } = useI18n();
  const id = useId();
  const [spec, setSpec] = useState(NO_SPEC);
  const [axis, setAxis] = useState<BreakdownAxis>("TERMINAL");
  return (
    <form
      className="targets-breakdown"
      aria-labelledby={`${id}-title`}
      onSubmit={(event) => {
        event.preventDefault();
        onShow({ productSpecId: spec === NO_SPEC ? null : spec, axis });
      }}
    >
      <span id={`${id}-title`} className="targets-breakdown__title">
        {t("targets.breakdown.title")}
      </span>
      <label className="targets__field">
        <span>{t("targets.breakdown.spec")}</span>
        <select value={spec} onChange={(event) => setSpec(event.target.value)}>
          <option value={NO_SPEC}>{t("targets.noSpec")}</option>
          {catalogue.productLines.map((line) => (
            <optgroup key={line.id} label={locale === "en" ? line.nameEn : line.nameZh}>
              {line.specs.map((option) => (
                <option key={option.id} value={option.id}>
                  {locale === "en" ? option.nameEn : option.nameZh}
                </option>
              ))}
            </optgroup>
          ))}
        </select>
      </label>
      <label className="targets__field">
        <span>{t("targets.breakdown.axis")}</span>
        <select value={axis} onChange={(event) => setAxis(event.target.value as BreakdownAxis)}>
          {AXES.map((option) => (
            <option key={option} value={option}>
              {t(`targets.axis.${option}`)}
            </option>
          ))}
        </select>
      </label>
      <button type="submit" className="button">
        {t("targets.breakdown.show")}
      </button>
    </form>
  );
}
