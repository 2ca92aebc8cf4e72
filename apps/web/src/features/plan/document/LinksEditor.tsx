// The targets a method section serves (part C): a metric, optionally one spec,
// picked from the plan's catalogue. The list is edited here and saved whole
// (setPlanSectionLinks) by the section.
import { MAX_SECTION_LINKS } from "@pyramid/domain";
import { useCallback, useId, useState } from "react";
import { useI18n } from "../../../app/i18n/I18nProvider.js";
import type { PlanCatalogueLabelsFragment } from "../../../graphql/generated/graphql.js";
import { addLinkProblem, linkKey, type SectionLink } from "./document-model.js";

/** "销售额 · 金樽500ml" / "Sales revenue · all specs": a link's words in the current language. */
export function useLinkLabel(catalogue: PlanCatalogueLabelsFragment): (link: SectionLink) => string {
  const { locale, t } = useI18n();
  return useCallback(
    (link: SectionLink) => {
      const en = locale === "en";
      const metric = catalogue.metrics.find((candidate) => candidate.id === link.metricId);
      const metricName = metric ? (en ? metric.nameEn : metric.nameZh) : link.metricId;
      if (link.productSpecId === null) return `${metricName} · ${t("document.links.allSpecs")}`;
      const spec = catalogue.productLines.flatMap((line) => line.specs).find((candidate) => candidate.id === link.productSpecId);
      return `${metricName} · ${spec ? (en ? spec.nameEn : spec.nameZh) : link.productSpecId}`;
    },
    [catalogue, locale, t],
  );
}

export function LinksList({
  catalogue,
  links,
}: {
  readonly catalogue: PlanCatalogueLabelsFragment;
  readonly links: readonly SectionLink[];
}) {
  const { t } = useI18n();
  const label = useLinkLabel(catalogue);
  return (
    <div className="doc-links">
      <h4 className="doc-links__title">{t("document.links.title")}</h4>
      {links.length === 0 ? (
        <p className="lead">{t("document.links.none")}</p>
      ) : (
        <ul className="doc-links__list" data-testid="links">
          {links.map((link) => (
            <li key={linkKey(link)}>{label(link)}</li>
          ))}
        </ul>
      )}
    </div>
  );
}

export interface LinksEditorProps {
  readonly catalogue: PlanCatalogueLabelsFragment;
  readonly links: readonly SectionLink[];
  /** The list differs from what is saved. */
  readonly dirty: boolean;
  readonly busy: boolean;
  readonly onChange: (links: readonly SectionLink[]) => void;
  readonly onSave: () => void;
}

export function LinksEditor({ catalogue, links, dirty, busy, onChange, onSave }: LinksEditorProps) {
  const { locale, t } = useI18n();
  const ids = useId();
  const label = useLinkLabel(catalogue);
  const [metricId, setMetricId] = useState(catalogue.metrics[0]?.id ?? "");
  const [specId, setSpecId] = useState("");
  const [problem, setProblem] = useState<string | null>(null);
  const en = locale === "en";

  function add(): void {
    if (metricId === "") return;
    const link: SectionLink = { metricId, productSpecId: specId === "" ? null : specId };
    const refused = addLinkProblem(links, link);
    if (refused === "DUPLICATE") return setProblem(t("document.links.duplicate"));
    if (refused === "TOO_MANY") return setProblem(t("document.links.tooMany", { max: MAX_SECTION_LINKS }));
    setProblem(null);
    onChange([...links, link]);
  }

  return (
    <fieldset className="doc-links">
      <legend className="doc-links__title">{t("document.links.title")}</legend>
      <p className="form__hint">{t("document.links.hint")}</p>
      {links.length === 0 ? (
        <p className="lead">{t("document.links.none")}</p>
      ) : (
        <ul className="doc-links__list" data-testid="links">
          {links.map((link) => (
            <li key={linkKey(link)}>
              <span>{label(link)}</span>
              <button
                type="button"
                className="link-button link-button--danger"
                disabled={busy}
                onClick={() => {
                  setProblem(null);
                  onChange(links.filter((other) => linkKey(other) !== linkKey(link)));
                }}
              >
                {t("document.links.remove", { target: label(link) })}
              </button>
            </li>
          ))}
        </ul>
      )}
      <div className="doc-links__picker">
        <div className="form__field">
          <label htmlFor={`${ids}-metric`}>{t("document.links.metric")}</label>
          <select id={`${ids}-metric`} value={metricId} disabled={busy} onChange={(event) => setMetricId(event.target.value)}>
            {catalogue.metrics.map((metric) => (
              <option key={metric.id} value={metric.id}>
                {en ? metric.nameEn : metric.nameZh}
              </option>
            ))}
          </select>
        </div>
        <div className="form__field">
          <label htmlFor={`${ids}-spec`}>{t("document.links.spec")}</label>
          <select id={`${ids}-spec`} value={specId} disabled={busy} onChange={(event) => setSpecId(event.target.value)}>
            <option value="">{t("document.links.allSpecs")}</option>
            {catalogue.productLines.map((line) => (
              <optgroup key={line.id} label={en ? line.nameEn : line.nameZh}>
                {line.specs.map((spec) => (
                  <option key={spec.id} value={spec.id}>
                    {en ? spec.nameEn : spec.nameZh}
                  </option>
                ))}
              </optgroup>
            ))}
          </select>
        </div>
        <button type="button" className="button button--secondary" disabled={busy || metricId === ""} onClick={add}>
          {t("document.links.add")}
        </button>
      </div>
      {problem ? (
        <p className="error-text" role="alert">
          {problem}
        </p>
      ) : null}
      <div className="doc-section__actions">
        <button type="button" className="button" disabled={busy || !dirty} onClick={onSave}>
          {t("document.links.save")}
        </button>
      </div>
    </fieldset>
  );
}
