// 指导目标分解 / Split guidance: the parent's guidance, the gap to its roll-up, or a typed figure,
// split to its children by a method of the engine, shown child by child with how each share was
// worked out; any change after a preview marks it out of date; Publish (asked once) sends the
// previewed input with its token, so what is written is what was shown.
import { useApolloClient, useMutation } from "@apollo/client/react";
import { useId, useState } from "react";
import { fenOf, formatYuan } from "../../app/format.js";
import { errorSentence } from "../../app/error-messages.js";
import { useI18n } from "../../app/i18n/I18nProvider.js";
import { Card } from "../../components/Card.js";
import { Dialog } from "../../components/Dialog.js";
import type {
  GuidanceSplitFigure,
  GuidanceSplitInput,
  GuidanceSplitMethod,
  PreviewGuidanceSplitQuery,
  RollupBasis,
} from "../../graphql/generated/graphql.js";
import { PREVIEW_GUIDANCE_SPLIT_QUERY, PUBLISH_GUIDANCE_SPLIT_MUTATION } from "./review-documents.js";

const FIGURES: readonly GuidanceSplitFigure[] = ["GUIDANCE", "GAP", "AMOUNT"];
const METHODS: readonly GuidanceSplitMethod[] = ["EVEN", "LAST_YEAR", "TWO_YEAR_AVERAGE", "CURRENT_VALUES", "GROWTH", "MANUAL"];

export interface GuidanceSplitPanelProps {
  readonly unitCode: string;
  readonly year: number;
  readonly basis: RollupBasis;
  readonly metricId: string;
  readonly childUnits: readonly { readonly code: string; readonly nameZh: string; readonly nameEn: string }[];
  readonly onPublished: () => void;
}

type Preview = PreviewGuidanceSplitQuery["previewGuidanceSplit"];

export function GuidanceSplitPanel({ unitCode, year, basis, metricId, childUnits, onPublished }: GuidanceSplitPanelProps) {
  const { t, locale } = useI18n();
  const client = useApolloClient();
  const ids = { figure: useId(), method: useId(), amount: useId(), growth: useId(), note: useId() };
  const [figure, setFigure] = useState<GuidanceSplitFigure>("GUIDANCE");
  const [method, setMethod] = useState<GuidanceSplitMethod>("EVEN");
  const [amount, setAmount] = useState("");
  const [growth, setGrowth] = useState("");
  const [note, setNote] = useState("");
  const [perChild, setPerChild] = useState<Record<string, { held: string; value: string }>>({});
  const [preview, setPreview] = useState<{ input: GuidanceSplitInput; result: Preview } | null>(null);
  const [outdated, setOutdated] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [publish, { loading: publishing }] = useMutation(PUBLISH_GUIDANCE_SPLIT_MUTATION);

  const changed =
    <T,>(set: (value: T) => void) =>
    (value: T) => {
      set(value);
      if (preview) setOutdated(true);
      setNotice(null);
    };

  function input(): GuidanceSplitInput {
    const children = Object.entries(perChild)
      .filter(([, given]) => given.held.trim() !== "" || given.value.trim() !== "")
      .map(([code, given]) => ({
        unitCode: code,
        ...(given.held.trim() ? { held: given.held.trim() } : {}),
        ...(given.value.trim() ? { value: given.value.trim() } : {}),
      }));
    return {
      unitCode,
      year,
      metricId,
      basis,
      figure,
      method,
      ...(figure === "AMOUNT" ? { amount: amount.trim() } : {}),
      ...(method === "GROWTH" ? { growth: growth.trim() } : {}),
      ...(children.length > 0 ? { children } : {}),
      ...(note.trim() ? { note: note.trim() } : {}),
    };
  }

  async function onPreview() {
    setProblem(null);
    setNotice(null);
    const asked = input();
    try {
      const { data, error } = await client.query({
        query: PREVIEW_GUIDANCE_SPLIT_QUERY,
        variables: { input: asked },
        fetchPolicy: "no-cache",
      });
      if (error || !data) throw error ?? new Error("no data");
      setPreview({ input: asked, result: data.previewGuidanceSplit });
      setOutdated(false);
    } catch (caught) {
      const sentence = errorSentence(caught);
      setPreview(null);
      setProblem(t(sentence.key, sentence.params));
    }
  }

  async function onPublish() {
    if (!preview) return;
    setConfirming(false);
    try {
      const { data } = await publish({
        variables: { input: { split: preview.input, previewToken: preview.result.previewToken } },
      });
      const published = data?.publishGuidanceSplit;
      if (published) {
        setNotice(t("review.split.published", { count: published.guidance.length, total: formatYuan(published.total) }));
        setPreview(null);
        onPublished();
      }
    } catch (caught) {
      const sentence = errorSentence(caught);
      setProblem(t(sentence.key, sentence.params));
    }
  }

  const name = (unit: { nameZh: string; nameEn: string }) => (locale === "zh-CN" ? unit.nameZh : unit.nameEn);
  const result = preview?.result ?? null;
  return (
    <Card title={t("review.split.title")}>
      <p className="lead">{t("review.split.lead")}</p>
      <div className="form-grid">
        <div>
          <label htmlFor={ids.figure}>{t("review.split.figure")}</label>
          <select
            id={ids.figure}
            value={figure}
            onChange={(event) => changed(setFigure)(event.target.value as GuidanceSplitFigure)}
          >
            {FIGURES.map((option) => (
              <option key={option} value={option}>
                {t(`review.split.figure.${option}`)}
              </option>
            ))}
          </select>
        </div>
        {figure === "AMOUNT" ? (
          <div>
            <label htmlFor={ids.amount}>{t("review.split.amount")}</label>
            <input
              id={ids.amount}
              inputMode="decimal"
              value={amount}
              onChange={(event) => changed(setAmount)(event.target.value)}
            />
          </div>
        ) : null}
        <div>
          <label htmlFor={ids.method}>{t("review.split.method")}</label>
          <select
            id={ids.method}
            value={method}
            onChange={(event) => changed(setMethod)(event.target.value as GuidanceSplitMethod)}
          >
            {METHODS.map((option) => (
              <option key={option} value={option}>
                {t(`review.split.method.${option}`)}
              </option>
            ))}
          </select>
        </div>
        {method === "GROWTH" ? (
          <div>
            <label htmlFor={ids.growth}>{t("review.split.growth")}</label>
            <input
              id={ids.growth}
              inputMode="decimal"
              value={growth}
              onChange={(event) => changed(setGrowth)(event.target.value)}
            />
          </div>
        ) : null}
        <div>
          <label htmlFor={ids.note}>{t("review.split.note")}</label>
          <input id={ids.note} value={note} onChange={(event) => changed(setNote)(event.target.value)} />
        </div>
      </div>
      <table className="data-table" data-testid="split-settings">
        <thead>
          <tr>
            <th scope="col">{t("review.column.unit")}</th>
            <th scope="col">{t("review.split.held")}</th>
            {method === "MANUAL" ? <th scope="col">{t("review.split.value")}</th> : null}
          </tr>
        </thead>
        <tbody>
          {childUnits.map((unit) => {
            const given = perChild[unit.code] ?? { held: "", value: "" };
            const set = (field: "held" | "value") => (text: string) =>
              changed(setPerChild)({ ...perChild, [unit.code]: { ...given, [field]: text } });
            return (
              <tr key={unit.code}>
                <th scope="row">{name(unit)}</th>
                <td>
                  <input
                    aria-label={`${t("review.split.held")} ${name(unit)}`}
                    inputMode="decimal"
                    value={given.held}
                    onChange={(event) => set("held")(event.target.value)}
                  />
                </td>
                {method === "MANUAL" ? (
                  <td>
                    <input
                      aria-label={`${t("review.split.value")} ${name(unit)}`}
                      inputMode="decimal"
                      value={given.value}
                      onChange={(event) => set("value")(event.target.value)}
                    />
                  </td>
                ) : null}
              </tr>
            );
          })}
        </tbody>
      </table>
      <div className="form-actions">
        <button type="button" className="button" onClick={() => void onPreview()}>
          {t("review.split.preview")}
        </button>
        <button
          type="button"
          className="button"
          disabled={!result || outdated || publishing || result.remainder !== "0.00"}
          onClick={() => setConfirming(true)}
        >
          {t("review.split.publish")}
        </button>
      </div>
      {problem ? (
        <p className="error-text" role="alert">
          {problem}
        </p>
      ) : null}
      {notice ? (
        <p className="notice notice--success" role="status">
          {notice}
        </p>
      ) : null}
      {outdated ? <p className="notice">{t("review.split.outdated")}</p> : null}
      {result ? (
        <>
          <p className="lead" data-testid="split-totals">
            {t("review.split.totals", {
              amount: formatYuan(result.amount),
              shares: formatYuan(result.sharesTotal),
              remainder: formatYuan(result.remainder),
            })}
          </p>
          {result.notices.map((item) => (
            <p key={item.code} className="notice">
              {locale === "zh-CN" ? item.messageZh : item.messageEn}
            </p>
          ))}
          <table className="data-table" data-testid="split-preview">
            <thead>
              <tr>
                <th scope="col">{t("review.column.unit")}</th>
                <th scope="col">{t("review.split.current")}</th>
                <th scope="col">{t("review.split.currentGuidance")}</th>
                <th scope="col">{t("review.split.share")}</th>
                <th scope="col">{t("review.split.proposed")}</th>
                <th scope="col">{t("review.split.explanation")}</th>
              </tr>
            </thead>
            <tbody>
              {result.children.map((child) => (
                <tr key={child.unit.id} data-testid="split-row" data-unit={child.unit.code}>
                  <th scope="row">{name(child.unit)}</th>
                  <td className="number">{formatYuan(child.current)}</td>
                  <td className="number">{child.currentGuidance === null ? "—" : formatYuan(child.currentGuidance)}</td>
                  <td className="number">{formatYuan(child.share)}</td>
                  <td className="number">
                    <strong>{formatYuan(child.proposed)}</strong>
                  </td>
                  <td>{locale === "zh-CN" ? child.explanationZh : child.explanationEn}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      ) : null}
      {confirming && result ? (
        <Dialog
          title={t("review.split.confirmTitle")}
          onClose={() => setConfirming(false)}
          actions={
            <>
              <button type="button" className="button" onClick={() => setConfirming(false)}>
                {t("review.split.cancel")}
              </button>
              <button type="button" className="button" onClick={() => void onPublish()}>
                {t("review.split.publish")}
              </button>
            </>
          }
        >
          <p>
            {t("review.split.confirmBody", {
              count: result.children.length,
              total: formatYuan(sumOfYuan(result.children.map((child) => child.proposed))),
            })}
          </p>
        </Dialog>
      ) : null}
    </Card>
  );
}

/** Σ of decimal 元 texts, exactly (on bigint fen), as decimal text. */
export function sumOfYuan(values: readonly string[]): string {
  const fen = values.reduce((sum, value) => sum + fenOf(value), 0n);
  const negative = fen < 0n;
  const absolute = negative ? -fen : fen;
  return `${negative ? "-" : ""}${absolute / 100n}.${(absolute % 100n).toString().padStart(2, "0")}`;
}
