import type { PlanStatus } from "../graphql/generated/enums.js";
import { useI18n } from "../app/i18n/I18nProvider.js";

/**
 * A plan's status in its colour (草稿 grey, 已提交 blue, 已退回 orange, 已批准 green, 已重开 purple),
 * followed by 待更新 (purple) while an approved plan's roll-up includes a plan reopened since.
 */
export function PlanStatusBadge({ status, stale = false }: { readonly status: PlanStatus | null; readonly stale?: boolean }) {
  const { t } = useI18n();
  const tone = status ?? "NONE";
  return (
    <>
      <span className={`status-badge plan-status plan-status--${tone.toLowerCase()}`} data-status={tone}>
        <span className="status-badge__dot" aria-hidden="true" />
        {status ? t(`plan.status.${status}`) : t("plan.none")}
      </span>
      {stale ? (
        <span className="status-badge plan-status plan-status--stale" data-status="STALE" title={t("plan.staleHint")}>
          <span className="status-badge__dot" aria-hidden="true" />
          {t("plan.stale")}
        </span>
      ) : null}
    </>
  );
}
