// What the health query says about the running system, for people checking
// that their installation works: status, database, migrations, version.
import { gql, type TypedDocumentNode } from "@apollo/client";
import { Card } from "../../../components/Card.js";
import { StatusBadge } from "../../../components/StatusBadge.js";
import { useI18n } from "../../../app/i18n/I18nProvider.js";

// Written by hand until GraphQL code generation is set up; mirrors
// apps/server/src/modules/health/health.graphql.
export interface SystemStatusCardHealth {
  readonly status: "OK" | "DATABASE_UNAVAILABLE";
  readonly database: "PGLITE" | "POSTGRES";
  readonly migrationsApplied: number | null;
  readonly version: string;
  readonly serverTime: string;
}

export const SYSTEM_STATUS_CARD_FRAGMENT: TypedDocumentNode<SystemStatusCardHealth> = gql`
  fragment SystemStatusCard_health on Health {
    status
    database
    migrationsApplied
    version
    serverTime
  }
`;

export function SystemStatusCard({ health }: { readonly health: SystemStatusCardHealth }) {
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
