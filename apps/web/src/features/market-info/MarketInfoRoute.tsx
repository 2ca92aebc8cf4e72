// 市场信息 / Market information: the archive of a unit's subtree (and, on request, of the
// units above it), filtered by type, year, audit status, competitor and keyword; a record's
// detail with the audit (稽核) actions for a reviewer above; the report form (create, and
// edit by the reporter until verified). The unit is in the address (?unit=CONGHUA).
import { useMutation, useQuery } from "@apollo/client/react";
import {
  AUDIT_STATUS_LABELS,
  INFO_PERIOD_TYPE_LABELS,
  INFO_SOURCE_LABELS,
  MARKET_INFO_TYPE_LABELS,
  MARKET_INFO_TYPES,
  AUDIT_STATUSES,
  type AuditStatus,
  type InfoPeriodType,
  type MarketInfoType,
} from "@pyramid/domain";
import { useState } from "react";
import { useSearchParams } from "react-router";
import { errorSentence } from "../../app/error-messages.js";
import { formatYuan } from "../../app/format.js";
import { useI18n } from "../../app/i18n/I18nProvider.js";
import { useViewer } from "../../app/session/viewer.js";
import { Card } from "../../components/Card.js";
import { PageError, TableSkeleton } from "../../components/PageStates.js";
import type { MarketInfoRecordFieldsFragment } from "../../graphql/generated/graphql.js";
import { AUDIT_MARKET_INFO_MUTATION, MARKET_INFO_RECORDS_QUERY } from "./market-info-documents.js";
import { AuditBadge, periodOf, useLabel } from "./labels.js";
import { PAYLOAD_FIELDS, valuesOf } from "./record-form.js";
import { RecordForm } from "./RecordForm.js";
import "./market-info.css";

interface Filters {
  readonly type: string;
  readonly year: string;
  readonly status: string;
  readonly competitor: string;
  readonly text: string;
  readonly includeAncestors: boolean;
}

const NO_FILTERS: Filters = { type: "", year: "", status: "", competitor: "", text: "", includeAncestors: true };

export function MarketInfoRoute() {
  const { locale, t } = useI18n();
  const label = useLabel();
  const viewer = useViewer();
  const [searchParams, setSearchParams] = useSearchParams();
  const units = viewer.roleAssignments.map((assignment) => assignment.orgUnit);
  const unitCode = searchParams.get("unit") ?? units[0]?.code ?? "";
  const [draft, setDraft] = useState<Filters>(NO_FILTERS);
  const [filters, setFilters] = useState<Filters>(NO_FILTERS);
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [form, setForm] = useState<{ readonly record: MarketInfoRecordFieldsFragment | null } | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  const variables = {
    filter: {
      unitCode,
      includeAncestors: filters.includeAncestors,
      ...(filters.type ? { type: filters.type as MarketInfoType } : {}),
      ...(/^\d{4}$/.test(filters.year) ? { year: Number(filters.year) } : {}),
      ...(filters.status ? { auditStatus: filters.status as AuditStatus } : {}),
      ...(filters.competitor.trim() ? { competitor: filters.competitor.trim() } : {}),
      ...(filters.text.trim() ? { text: filters.text.trim() } : {}),
    },
    first: 100,
  };
  const { data, error, refetch, loading } = useQuery(MARKET_INFO_RECORDS_QUERY, {
    variables,
    skip: unitCode === "",
    fetchPolicy: "cache-and-network",
  });
  const records = data?.marketInfoRecords.nodes ?? [];
  const selected = records.find((record) => record.id === selectedId) ?? null;

  return (
    <div className="market-info">
      <header className="market-info__header">
        <div>
          <h1>{t("marketInfo.title")}</h1>
          <p className="lead">{t("marketInfo.lead")}</p>
        </div>
        <button type="button" className="button" onClick={() => setForm({ record: null })} data-testid="market-info-new">
          {t("marketInfo.new")}
        </button>
      </header>

      <form
        className="market-info__filters"
        onSubmit={(event) => {
          event.preventDefault();
          setFilters(draft);
        }}
      >
        <label>
          {t("marketInfo.unit")}
          <select value={unitCode} onChange={(event) => setSearchParams({ unit: event.target.value })}>
            {units.map((unit) => (
              <option key={unit.id} value={unit.code}>
                {locale === "en" ? unit.nameEn : unit.nameZh}
              </option>
            ))}
            {units.some((unit) => unit.code === unitCode) ? null : <option value={unitCode}>{unitCode}</option>}
          </select>
        </label>
        <label>
          {t("marketInfo.filter.type")}
          <select value={draft.type} onChange={(event) => setDraft({ ...draft, type: event.target.value })}>
            <option value="">{t("marketInfo.filter.all")}</option>
            {MARKET_INFO_TYPES.map((type) => (
              <option key={type} value={type}>
                {label(MARKET_INFO_TYPE_LABELS[type])}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t("marketInfo.filter.year")}
          <input
            inputMode="numeric"
            size={5}
            value={draft.year}
            onChange={(event) => setDraft({ ...draft, year: event.target.value })}
          />
        </label>
        <label>
          {t("marketInfo.filter.status")}
          <select value={draft.status} onChange={(event) => setDraft({ ...draft, status: event.target.value })}>
            <option value="">{t("marketInfo.filter.all")}</option>
            {AUDIT_STATUSES.map((status) => (
              <option key={status} value={status}>
                {label(AUDIT_STATUS_LABELS[status])}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t("marketInfo.filter.competitor")}
          <input
            size={10}
            value={draft.competitor}
            onChange={(event) => setDraft({ ...draft, competitor: event.target.value })}
          />
        </label>
        <label>
          {t("marketInfo.filter.text")}
          <input size={12} value={draft.text} onChange={(event) => setDraft({ ...draft, text: event.target.value })} />
        </label>
        <label className="market-info__check">
          <input
            type="checkbox"
            checked={draft.includeAncestors}
            onChange={(event) => setDraft({ ...draft, includeAncestors: event.target.checked })}
          />
          {t("marketInfo.includeAncestors")}
        </label>
        <button type="submit" className="button button--secondary">
          {t("marketInfo.filter.apply")}
        </button>
      </form>

      {notice ? (
        <p className="notice notice--success" role="status">
          {notice}
        </p>
      ) : null}

      <div className="market-info__body">
        <section className="market-info__list" aria-label={t("marketInfo.title")}>
          {error ? (
            <PageError error={error} onRetry={() => void refetch().catch(() => undefined)} />
          ) : !data && loading ? (
            <TableSkeleton />
          ) : records.length === 0 ? (
            <p className="lead">{t("marketInfo.empty")}</p>
          ) : (
            <>
              <p className="lead">{t("marketInfo.count", { count: data?.marketInfoRecords.totalCount ?? 0 })}</p>
              <table className="data-table market-info__table">
                <thead>
                  <tr>
                    <th>{t("marketInfo.column.title")}</th>
                    <th>{t("marketInfo.column.type")}</th>
                    <th>{t("marketInfo.column.period")}</th>
                    <th>{t("marketInfo.column.unit")}</th>
                    <th>{t("marketInfo.column.reporter")}</th>
                    <th>{t("marketInfo.column.status")}</th>
                  </tr>
                </thead>
                <tbody>
                  {records.map((record) => (
                    <tr key={record.id} aria-selected={record.id === selectedId} data-testid="market-info-row">
                      <th scope="row">
                        <button type="button" className="link-button" onClick={() => setSelectedId(record.id)}>
                          {record.title}
                        </button>
                      </th>
                      <td>{label(MARKET_INFO_TYPE_LABELS[record.type as MarketInfoType])}</td>
                      <td>{periodOf(record, locale)}</td>
                      <td>{locale === "en" ? record.unit.nameEn : record.unit.nameZh}</td>
                      <td>{record.reporter?.displayName ?? "—"}</td>
                      <td>
                        <AuditBadge status={record.auditStatus as AuditStatus} />
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </>
          )}
        </section>
        {selected ? (
          <RecordDetail
            record={selected}
            onClose={() => setSelectedId(null)}
            onEdit={() => setForm({ record: selected })}
            onAudited={() => setNotice(t("marketInfo.audit.done"))}
          />
        ) : null}
      </div>

      {form ? (
        <RecordForm
          unitCode={form.record?.unit.code ?? unitCode}
          record={form.record}
          onClose={() => setForm(null)}
          onSaved={(saved) => {
            setForm(null);
            setSelectedId(saved.id);
            setNotice(t("marketInfo.form.saved"));
            void refetch().catch(() => undefined);
          }}
        />
      ) : null}
    </div>
  );
}

function RecordDetail({
  record,
  onClose,
  onEdit,
  onAudited,
}: {
  readonly record: MarketInfoRecordFieldsFragment;
  readonly onClose: () => void;
  readonly onEdit: () => void;
  readonly onAudited: () => void;
}) {
  const { locale, t } = useI18n();
  const label = useLabel();
  const [reason, setReason] = useState("");
  const [failure, setFailure] = useState<string | null>(null);
  const [audit, { loading }] = useMutation(AUDIT_MARKET_INFO_MUTATION);
  const type = record.type as MarketInfoType;
  const values = valuesOf(record.payloadJson);

  const send = async (verdict: "VERIFIED" | "REJECTED") => {
    setFailure(null);
    try {
      await audit({ variables: { input: { id: record.id, verdict, ...(reason.trim() ? { reason: reason.trim() } : {}) } } });
      setReason("");
      onAudited();
    } catch (error) {
      const sentence = errorSentence(error);
      setFailure(t(sentence.key, sentence.params));
    }
  };

  return (
    <aside className="market-info__detail" aria-label={t("marketInfo.detail")} data-testid="market-info-detail">
      <Card
        title={record.title}
        aside={
          <button type="button" className="link-button" onClick={onClose}>
            {t("marketInfo.detail.close")}
          </button>
        }
      >
        <dl className="market-info__facts">
          <dt>{t("marketInfo.column.type")}</dt>
          <dd>{label(MARKET_INFO_TYPE_LABELS[type])}</dd>
          <dt>{t("marketInfo.column.period")}</dt>
          <dd>
            {periodOf(record, locale)} · {label(INFO_PERIOD_TYPE_LABELS[record.periodType as InfoPeriodType])}
          </dd>
          <dt>{t("marketInfo.column.unit")}</dt>
          <dd>{locale === "en" ? record.unit.nameEn : record.unit.nameZh}</dd>
          <dt>{t("marketInfo.detail.source")}</dt>
          <dd>{label(INFO_SOURCE_LABELS[record.source as keyof typeof INFO_SOURCE_LABELS])}</dd>
          <dt>{t("marketInfo.column.reporter")}</dt>
          <dd>{record.reporter?.displayName ?? "—"}</dd>
          {record.productSpec ? (
            <>
              <dt>{t("marketInfo.detail.spec")}</dt>
              <dd>{locale === "en" ? record.productSpec.nameEn : record.productSpec.nameZh}</dd>
            </>
          ) : null}
          {record.terminal ? (
            <>
              <dt>{t("marketInfo.detail.terminal")}</dt>
              <dd>{record.terminal.name}</dd>
            </>
          ) : null}
          {record.competitorName ? (
            <>
              <dt>{t("marketInfo.detail.competitor")}</dt>
              <dd data-testid="market-info-competitor">{record.competitorName}</dd>
            </>
          ) : null}
          {PAYLOAD_FIELDS[type]
            .filter((field) => values[field.key] !== undefined)
            .map((field) => {
              const raw = values[field.key]!;
              const option = field.options?.find((candidate) => candidate.value === raw);
              return (
                <div key={field.key} className="market-info__fact">
                  <dt>{t(`marketInfo.field.${field.key}` as Parameters<typeof t>[0])}</dt>
                  <dd className={field.kind === "amount" ? "number" : undefined}>
                    {option ? label(option.label) : field.money && /^-?\d+\.\d{2}$/.test(raw) ? formatYuan(raw) : raw}
                  </dd>
                </div>
              );
            })}
          <dt>{t("marketInfo.column.status")}</dt>
          <dd>
            <AuditBadge status={record.auditStatus as AuditStatus} />
          </dd>
          {record.auditedBy ? (
            <>
              <dt>{t("marketInfo.detail.auditedBy")}</dt>
              <dd>{record.auditedBy.displayName}</dd>
            </>
          ) : null}
          {record.auditReason ? (
            <>
              <dt>{t("marketInfo.detail.auditReason")}</dt>
              <dd>{record.auditReason}</dd>
            </>
          ) : null}
        </dl>
        {record.viewerMayEdit ? (
          <button type="button" className="button button--secondary" onClick={onEdit}>
            {t("marketInfo.edit")}
          </button>
        ) : null}
        {record.viewerMayAudit ? (
          <div className="market-info__audit form">
            <h3>{t("marketInfo.audit.title")}</h3>
            <label className="form__field">
              {t("marketInfo.audit.reason")}
              <textarea value={reason} rows={2} onChange={(event) => setReason(event.target.value)} />
            </label>
            <div className="market-info__actions">
              <button type="button" className="button" disabled={loading} onClick={() => void send("VERIFIED")}>
                {t("marketInfo.audit.verify")}
              </button>
              <button type="button" className="button button--danger" disabled={loading} onClick={() => void send("REJECTED")}>
                {t("marketInfo.audit.reject")}
              </button>
            </div>
          </div>
        ) : null}
        {failure ? (
          <p className="form__error" role="alert">
            {failure}
          </p>
        ) : null}
      </Card>
    </aside>
  );
}
