// The four levels a plan passes through, bottom to top (正金字塔). The level
// names come from the domain package, the same labels the whole app uses.
import { ORG_LEVEL_LABELS, type OrgLevel } from "@pyramid/domain";
import type { MessageKey } from "../../../app/i18n/messages.js";
import { useI18n } from "../../../app/i18n/I18nProvider.js";
import { Card } from "../../../components/Card.js";

const STEPS: readonly { readonly level: OrgLevel; readonly title: MessageKey; readonly body: MessageKey }[] = [
  { level: "COUNTY", title: "home.step.county.title", body: "home.step.county.body" },
  { level: "CITY", title: "home.step.city.title", body: "home.step.city.body" },
  { level: "PROVINCE", title: "home.step.province.title", body: "home.step.province.body" },
  { level: "HQ", title: "home.step.hq.title", body: "home.step.hq.body" },
];

export function PlanningCycleSteps() {
  const { t, locale } = useI18n();
  const levelLabel = (level: OrgLevel) => ORG_LEVEL_LABELS[level][locale === "en" ? "en" : "zh"];
  return (
    <Card title={t("home.intro.title")}>
      <p className="lead">{t("home.intro.lead")}</p>
      <ol className="steps">
        {STEPS.map((step, index) => (
          <li key={step.level} className="steps__item">
            <span className="steps__number" aria-hidden="true">
              {index + 1}
            </span>
            <div>
              <h3 className="steps__title">
                {t(step.title)} <span className="steps__level">{levelLabel(step.level)}</span>
              </h3>
              <p className="steps__body">{t(step.body)}</p>
            </div>
          </li>
        ))}
      </ol>
    </Card>
  );
}
