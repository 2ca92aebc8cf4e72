// The report form (上报市场信息): type, source, period, title, the spec / terminal /
// competitor the type takes, and the type's own fields. The payload is checked with the
// domain's schema before it is sent (the server checks it again); a refusal is shown
// with the field it names.
import { useMutation, useQuery } from "@apollo/client/react";
import {
  INFO_PERIOD_TYPE_LABELS,
  INFO_PERIODS_BY_TYPE,
  INFO_SOURCE_LABELS,
  INFO_SOURCES,
  MARKET_INFO_TYPE_LABELS,
  MARKET_INFO_TYPES,
  parseInfoPayload,
  type InfoPeriodType,
  type InfoSource,
  type MarketInfoType,
} from "@pyramid/domain";
import { useState } from "react";
import { errorSentence } from "../../app/error-messages.js";
import { useI18n } from "../../app/i18n/I18nProvider.js";
import { Dialog } from "../../components/Dialog.js";
import type { MarketInfoRecordFieldsFragment } from "../../graphql/generated/graphql.js";
import {
  CREATE_MARKET_INFO_MUTATION,
  MARKET_INFO_CATALOGUE_QUERY,
  UPDATE_MARKET_INFO_MUTATION,
} from "./market-info-documents.js";
import { useLabel } from "./labels.js";
import { PAYLOAD_FIELDS, payloadOf, structuredFieldsOf, valuesOf } from "./record-form.js";

export interface RecordFormProps {
  readonly unitCode: string;
  /** The record to edit; null to report a new one. */
  readonly record: MarketInfoRecordFieldsFragment | null;
  readonly onClose: () => void;
  readonly onSaved: (record: MarketInfoRecordFieldsFragment) => void;
}

export function RecordForm({ unitCode, record, onClose, onSaved }: RecordFormProps) {
  const { locale, t } = useI18n();
  const label = useLabel();
  const [type, setType] = useState<MarketInfoType>((record?.type as MarketInfoType | undefined) ?? "COMPETITOR_PROMOTION");
  const [source, setSource] = useState<InfoSource>((record?.source as InfoSource | undefined) ?? "INSTANT_REPORT");
  const [periodType, setPeriodType] = useState<InfoPeriodType>((record?.periodType as InfoPeriodType | undefined) ?? "MONTH");
  const [year, setYear] = useState(String(record?.year ?? new Date().getFullYear()));
  const [periodIndex, setPeriodIndex] = useState(
    record?.periodIndex == null ? String(new Date().getMonth() + 1) : String(record.periodIndex),
  );
  const [holidayName, setHolidayName] = useState(record?.holidayName ?? "");
  const [title, setTitle] = useState(record?.title ?? "");
  const [specId, setSpecId] = useState(record?.productSpec?.id ?? "");
  const [terminalId, setTerminalId] = useState(record?.terminal?.id ?? "");
  const [competitor, setCompetitor] = useState(record?.competitorName ?? "");
  const [values, setValues] = useState<Record<string, string>>(() => (record ? valuesOf(record.payloadJson) : {}));
  const [failure, setFailure] = useState<string | null>(null);
  const catalogue = useQuery(MARKET_INFO_CATALOGUE_QUERY, { variables: { unitCode } });
  const [create, creating] = useMutation(CREATE_MARKET_INFO_MUTATION);
  const [update, updating] = useMutation(UPDATE_MARKET_INFO_MUTATION);
  const structured = structuredFieldsOf(type);
  const needsIndex = periodType === "QUARTER" || periodType === "MONTH" || periodType === "WEEK";
  const fieldName = (key: string) => t(`marketInfo.field.${key}` as Parameters<typeof t>[0]);

  const save = async () => {
    setFailure(null);
    const payload = payloadOf(type, values);
    const checked = parseInfoPayload(type, payload);
    if (!checked.ok) {
      const field = String(checked.params?.["field"] ?? "payload");
      setFailure(
        t("marketInfo.form.invalid", {
          field: field === "payload" ? t("marketInfo.form.type") : fieldName(field),
          message: checked.message,
        }),
      );
      return;
    }
    const input = {
      type,
      source,
      periodType,
      year: Number(year),
      periodIndex: needsIndex ? Number(periodIndex) : null,
      holidayName: periodType === "HOLIDAY" ? holidayName : null,
      title,
      payloadJson: JSON.stringify(payload),
      productSpecId: structured.spec && specId ? specId : null,
      terminalId: structured.terminal && terminalId ? terminalId : null,
      competitorName: structured.competitor !== "NONE" && competitor.trim() ? competitor : null,
    };
    try {
      if (record) {
        const answer = await update({ variables: { input: { id: record.id, record: input } } });
        if (answer.data) onSaved(answer.data.updateMarketInfoRecord.record);
      } else {
        const answer = await create({ variables: { input: { unitCode, record: input } } });
        if (answer.data) onSaved(answer.data.createMarketInfoRecord.record);
      }
    } catch (error) {
      const sentence = errorSentence(error);
      const detail = error instanceof Error ? error.message : "";
      setFailure(`${t(sentence.key, sentence.params)} ${detail}`.trim());
    }
  };

  const busy = creating.loading || updating.loading;
  return (
    <Dialog
      title={t(record ? "marketInfo.form.editTitle" : "marketInfo.form.createTitle")}
      onClose={onClose}
      testId="market-info-form"
      actions={
        <>
          <button type="button" className="button" disabled={busy} onClick={() => void save()}>
            {t("marketInfo.form.save")}
          </button>
          <button type="button" className="button button--secondary" onClick={onClose}>
            {t("marketInfo.form.cancel")}
          </button>
        </>
      }
    >
      <div className="form market-info__form">
        <label className="form__field">
          {t("marketInfo.form.type")}
          <select
            name="type"
            value={type}
            disabled={record !== null}
            onChange={(event) => {
              const next = event.target.value as MarketInfoType;
              setType(next);
              if (!INFO_PERIODS_BY_TYPE[next].includes(periodType)) setPeriodType("MONTH");
            }}
          >
            {MARKET_INFO_TYPES.map((option) => (
              <option key={option} value={option}>
                {label(MARKET_INFO_TYPE_LABELS[option])}
              </option>
            ))}
          </select>
        </label>
        <label className="form__field">
          {t("marketInfo.form.source")}
          <select name="source" value={source} onChange={(event) => setSource(event.target.value as InfoSource)}>
            {INFO_SOURCES.map((option) => (
              <option key={option} value={option}>
                {label(INFO_SOURCE_LABELS[option])}
              </option>
            ))}
          </select>
        </label>
        <label className="form__field">
          {t("marketInfo.form.periodType")}
          <select name="periodType" value={periodType} onChange={(event) => setPeriodType(event.target.value as InfoPeriodType)}>
            {INFO_PERIODS_BY_TYPE[type].map((option) => (
              <option key={option} value={option}>
                {label(INFO_PERIOD_TYPE_LABELS[option])}
              </option>
            ))}
          </select>
        </label>
        <label className="form__field">
          {t("marketInfo.form.year")}
          <input name="year" inputMode="numeric" value={year} onChange={(event) => setYear(event.target.value)} />
        </label>
        {needsIndex ? (
          <label className="form__field">
            {t("marketInfo.form.periodIndex")}
            <input
              name="periodIndex"
              inputMode="numeric"
              value={periodIndex}
              onChange={(event) => setPeriodIndex(event.target.value)}
            />
          </label>
        ) : null}
        {periodType === "HOLIDAY" ? (
          <label className="form__field">
            {t("marketInfo.form.holidayName")}
            <input name="holidayName" value={holidayName} onChange={(event) => setHolidayName(event.target.value)} />
          </label>
        ) : null}
        <label className="form__field market-info__wide">
          {t("marketInfo.form.title")}
          <input name="title" value={title} onChange={(event) => setTitle(event.target.value)} />
        </label>
        {structured.spec ? (
          <label className="form__field">
            {t("marketInfo.form.spec")}
            <select name="productSpecId" value={specId} onChange={(event) => setSpecId(event.target.value)}>
              <option value="">{t("marketInfo.form.none")}</option>
              {(catalogue.data?.marketInfoCatalogue.specs ?? []).map((spec) => (
                <option key={spec.id} value={spec.id}>
                  {locale === "en" ? spec.nameEn : spec.nameZh}
                </option>
              ))}
            </select>
          </label>
        ) : null}
        {structured.terminal ? (
          <label className="form__field">
            {t("marketInfo.form.terminal")}
            <select name="terminalId" value={terminalId} onChange={(event) => setTerminalId(event.target.value)}>
              <option value="">{t("marketInfo.form.none")}</option>
              {(catalogue.data?.marketInfoCatalogue.terminals ?? []).map((terminal) => (
                <option key={terminal.id} value={terminal.id}>
                  {terminal.name} ({terminal.classCode})
                </option>
              ))}
            </select>
          </label>
        ) : null}
        {structured.competitor !== "NONE" ? (
          <label className="form__field">
            {t("marketInfo.form.competitor")}
            <input name="competitorName" value={competitor} onChange={(event) => setCompetitor(event.target.value)} />
          </label>
        ) : null}
        {PAYLOAD_FIELDS[type].map((field) => (
          <label key={field.key} className={`form__field${field.kind === "textarea" ? " market-info__wide" : ""}`}>
            {fieldName(field.key)}
            {field.required ? " *" : ""}
            {field.kind === "select" ? (
              <select
                name={field.key}
                value={values[field.key] ?? ""}
                onChange={(event) => setValues({ ...values, [field.key]: event.target.value })}
              >
                <option value="">{t("marketInfo.form.none")}</option>
                {(field.options ?? []).map((option) => (
                  <option key={option.value} value={option.value}>
                    {label(option.label)}
                  </option>
                ))}
              </select>
            ) : field.kind === "textarea" ? (
              <textarea
                name={field.key}
                rows={3}
                value={values[field.key] ?? ""}
                onChange={(event) => setValues({ ...values, [field.key]: event.target.value })}
              />
            ) : (
              <input
                name={field.key}
                type={field.kind === "date" ? "date" : "text"}
                inputMode={field.kind === "amount" || field.kind === "int" ? "decimal" : undefined}
                value={values[field.key] ?? ""}
                onChange={(event) => setValues({ ...values, [field.key]: event.target.value })}
              />
            )}
          </label>
        ))}
      </div>
      {failure ? (
        <p className="form__error" role="alert" data-testid="market-info-form-error">
          {failure}
        </p>
      ) : null}
    </Dialog>
  );
}
