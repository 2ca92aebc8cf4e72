// What the health query says about the running system, for people checking
// that their installation works: status, database, migrations, version.
import { Card } from "../../../components/Card.js";
import { StatusBadge } from "../../../components/StatusBadge.js";
import { useI18n } from "../../../app/i18n/I18nProvider.js";
import { graphql } from "../../../graphql/generated/index.js";
import type { SystemStatusCard_HealthFragment } from "../../../graphql/generated/graphql.js";

/** The fields this card shows; a route spreads it into its own query. */
export const SYSTEM_STATUS_CARD_FRAGMENT = graphql(`
  fragment SystemStatusCard_health on Health {
    status
    database
    migrationsApplied
    version
    serverTime
  }
`);

export function SystemStatusCard({ health }: { readonly health: SystemStatusCard_HealthFragment }) {
  const { locale, t } = useI18n();
  const healthy = health.status === "OK";
  const serverTime = new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeStyle: "medium" }).format(
    new Date(health.serverTime),
  );
  return (
    <Card
      title={t("status.title")}
      role="status"
      aside={
        <StatusBadge tone={healthy ? "success" : "danger"}>
          {healthy ? t("status.ok") : t("status.databaseUnavailable")}
        </StatusBadge>
      }
    >
      <dl className="facts">
        <div className="facts__item">
          <dt>{t("status.database")}</dt>
          <dd data-testid="status-database">{t(`status.database.${health.database}`)}</dd>
        </div>
        <div className="facts__item">
          <dt>{t("status.migrations")}</dt>
          <dd data-testid="status-migrations">
            {health.migrationsApplied === null
              ? t("status.migrationsUnknown")
              : t("status.migrationsCount", { count: health.migrationsApplied })}
          </dd>
        </div>
        <div className="facts__item">
          <dt>{t("status.version")}</dt>
          <dd data-testid="status-version">{health.version}</dd>
        </div>
        <div className="facts__item">
          <dt>{t("status.serverTime")}</dt>
          <dd>
            <time dateTime={health.serverTime}>{serverTime}</time>
          </dd>
        </div>
      </dl>
    </Card>
  );
}
