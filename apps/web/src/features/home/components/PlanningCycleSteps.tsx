// The four levels a plan passes through, bottom to top (正金字塔).
import type { MessageKey } from "../../../app/i18n/messages.js";
import { useI18n } from "../../../app/i18n/I18nProvider.js";
import { Card } from "../../../components/Card.js";

const STEPS: readonly { readonly id: string; readonly title: MessageKey; readonly body: MessageKey }[] = [
  { id: "county", title: "home.step.county.title", body: "home.step.county.body" },
  { id: "city", title: "home.step.city.title", body: "home.step.city.body" },
  { id: "province", title: "home.step.province.title", body: "home.step.province.body" },
  { id: "hq", title: "home.step.hq.title", body: "home.step.hq.body" },
];

export function PlanningCycleSteps() {
  const { t } = useI18n();
  return (
    <Card title={t("home.intro.title")}>
      <p className="lead">{t("home.intro.lead")}</p>
      <ol className="steps">
        {STEPS.map((step, index) => (
          <li key={step.id} className="steps__item">
            <span className="steps__number" aria-hidden="true">
              {index + 1}
            </span>
            <div>
              <h3 className="steps__title">{t(step.title)}</h3>
              <p className="steps__body">{t(step.body)}</p>
            </div>
          </li>
        ))}
      </ol>
    </Card>
  );
}
