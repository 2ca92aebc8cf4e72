// Shared by the market-information page and the evidence panel: a label in the viewer's
// language, the audit badge, and a record's period as people read it.
import {
  AUDIT_STATUS_LABELS,
  infoPeriodLabel,
  type AuditStatus,
  type BilingualLabel,
  type InfoPeriodType,
} from "@pyramid/domain";
import { useI18n } from "../../app/i18n/I18nProvider.js";
import { StatusBadge, type StatusTone } from "../../components/StatusBadge.js";
import type { MarketInfoRecordFieldsFragment } from "../../graphql/generated/graphql.js";

const TONE: Readonly<Record<AuditStatus, StatusTone>> = { PENDING: "warning", VERIFIED: "success", REJECTED: "danger" };

export function useLabel() {
  const { locale } = useI18n();
  return (label: BilingualLabel) => (locale === "en" ? label.en : label.zh);
}

export function AuditBadge({ status }: { readonly status: AuditStatus }) {
  const label = useLabel();
  return <StatusBadge tone={TONE[status]}>{label(AUDIT_STATUS_LABELS[status])}</StatusBadge>;
}

export function periodOf(
  record: Pick<MarketInfoRecordFieldsFragment, "periodType" | "year" | "periodIndex" | "holidayName">,
  locale: "zh-CN" | "en",
) {
  return infoPeriodLabel(
    {
      periodType: record.periodType as InfoPeriodType,
      year: record.year,
      periodIndex: record.periodIndex ?? null,
      holidayName: record.holidayName ?? null,
    },
    locale,
  );
}
