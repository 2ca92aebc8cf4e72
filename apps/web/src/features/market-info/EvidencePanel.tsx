// 依据: the market-information records an environment-analysis section (part A) cites.
// Whoever may edit the plan chooses among the records of the plan's unit's subtree and of
// the units above it, cites one, or removes one; everyone who sees the plan sees the list.
import { useLazyQuery, useMutation } from "@apollo/client/react";
import { MARKET_INFO_TYPE_LABELS, type AuditStatus, type MarketInfoType } from "@pyramid/domain";
import { useId, useState } from "react";
import { errorSentence } from "../../app/error-messages.js";
import { useI18n } from "../../app/i18n/I18nProvider.js";
import type { MarketInfoRecordFieldsFragment } from "../../graphql/generated/graphql.js";
import { AuditBadge, periodOf, useLabel } from "./labels.js";
import { ATTACH_EVIDENCE_MUTATION, DETACH_EVIDENCE_MUTATION, MARKET_INFO_RECORDS_QUERY } from "./market-info-documents.js";
import "./market-info.css";

export interface EvidenceRowView {
  readonly record: MarketInfoRecordFieldsFragment;
}

export interface EvidencePanelProps {
  readonly planId: string;
  readonly unitCode: string;
  readonly sectionCode: string;
  readonly editable: boolean;
  readonly rows: readonly EvidenceRowView[];
  /** Told after an attach or detach, to read the evidence again. */
  readonly onChanged: () => void;
}

export function EvidencePanel({ planId, unitCode, sectionCode, editable, rows, onChanged }: EvidencePanelProps) {
  const { locale, t } = useI18n();
  const label = useLabel();
  const selectId = useId();
  const [choice, setChoice] = useState("");
  const [failure, setFailure] = useState<string | null>(null);
  const [loadChoices, choices] = useLazyQuery(MARKET_INFO_RECORDS_QUERY, { fetchPolicy: "network-only" });
  const [attach, attaching] = useMutation(ATTACH_EVIDENCE_MUTATION);
  const [detach, detaching] = useMutation(DETACH_EVIDENCE_MUTATION);
  const cited = new Set(rows.map((row) => row.record.id));
  const options = (choices.data?.marketInfoRecords.nodes ?? []).filter((record) => !cited.has(record.id));

  const run = async (work: () => Promise<unknown>) => {
    setFailure(null);
    try {
      await work();
      setChoice("");
      onChanged();
    } catch (error) {
      const sentence = errorSentence(error);
      setFailure(t(sentence.key, sentence.params));
    }
  };

  return (
    <div className="evidence" data-testid={`evidence-${sectionCode}`}>
      <h4 className="evidence__title">{t("evidence.title")}</h4>
      {rows.length === 0 ? (
        <p className="lead">{t("evidence.empty")}</p>
      ) : (
        <ul className="evidence__list">
          {rows.map(({ record }) => (
            <li key={record.id} data-testid="evidence-row">
              <span className="evidence__record">{record.title}</span>
              <span className="evidence__meta">
                {label(MARKET_INFO_TYPE_LABELS[record.type as MarketInfoType])} · {periodOf(record, locale)} ·{" "}
                {locale === "en" ? record.unit.nameEn : record.unit.nameZh}
              </span>
              <AuditBadge status={record.auditStatus as AuditStatus} />
              {editable ? (
                <button
                  type="button"
                  className="link-button link-button--danger"
                  disabled={detaching.loading}
                  onClick={() => void run(() => detach({ variables: { input: { planId, sectionCode, recordId: record.id } } }))}
                >
                  {t("evidence.detach")}
                </button>
              ) : null}
            </li>
          ))}
        </ul>
      )}
      {editable ? (
        <div className="evidence__attach">
          <label htmlFor={selectId}>{t("evidence.choose")}</label>
          <select
            id={selectId}
            value={choice}
            onFocus={() => {
              if (!choices.called) void loadChoices({ variables: { filter: { unitCode, includeAncestors: true }, first: 200 } });
            }}
            onChange={(event) => setChoice(event.target.value)}
          >
            <option value="">—</option>
            {options.map((record) => (
              <option key={record.id} value={record.id}>
                {record.title} · {periodOf(record, locale)}
              </option>
            ))}
          </select>
          <button
            type="button"
            className="button button--secondary"
            disabled={choice === "" || attaching.loading}
            onClick={() => void run(() => attach({ variables: { input: { planId, sectionCode, recordId: choice } } }))}
          >
            {t("evidence.attach")}
          </button>
        </div>
      ) : null}
      {failure ? (
        <p className="form__error" role="alert">
          {failure}
        </p>
      ) : null}
    </div>
  );
}
