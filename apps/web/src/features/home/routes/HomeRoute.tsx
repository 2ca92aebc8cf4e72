// The start page: how the planning cycle works, and whether the system is up.
// It owns its query; the status card declares the fields it needs (fragment).
import { useQuery } from "@apollo/client/react";
import { errorMessageKey } from "../../../app/error-messages.js";
import { useI18n } from "../../../app/i18n/I18nProvider.js";
import { Card } from "../../../components/Card.js";
import { StatusBadge } from "../../../components/StatusBadge.js";
import { graphql } from "../../../graphql/generated/index.js";
import { PlanningCycleSteps } from "../components/PlanningCycleSteps.js";
import { SystemStatusCard } from "../components/SystemStatusCard.js";

/** Typed by pnpm codegen; the generated document carries the card's fragment. */
export const HOME_ROUTE_QUERY = graphql(`
  query HomeRoute {
    health {
      ...SystemStatusCard_health
    }
  }
`);

/** Often enough to notice a database going away, rarely enough to cost nothing. */
const STATUS_REFRESH_MS = 30_000;

function SystemStatus() {
  const { t } = useI18n();
  const { data, error, loading, refetch } = useQuery(HOME_ROUTE_QUERY, { pollInterval: STATUS_REFRESH_MS });

  if (data) return <SystemStatusCard health={data.health} />;
  if (error) {
    return (
      <Card title={t("status.title")} role="alert" aside={<StatusBadge tone="danger">{t("status.unknown")}</StatusBadge>}>
        <p className="error-text">{t(errorMessageKey(error))}</p>
        <button type="button" className="button" onClick={() => void refetch().catch(() => undefined)} disabled={loading}>
          {t("status.retry")}
        </button>
      </Card>
    );
  }
  return (
    <Card title={t("status.title")} aside={<StatusBadge tone="neutral">{t("status.loading")}</StatusBadge>}>
      <div className="skeleton" aria-busy="true" aria-label={t("status.loading")} />
    </Card>
  );
}

export function HomeRoute() {
  return (
    <div className="home-grid">
      <PlanningCycleSteps />
      <SystemStatus />
    </div>
  );
}
