// 提交 / Submit, in two steps: the plan's findings first — BLOCK ones stop the submit,
// each WARN check needs the planner's reason (sent as an acknowledgement) — then the
// submit itself, with the version the findings were read at. The server runs the same
// checks again on the locked plan; its refusal is shown here, and nothing is lost.
import { useMutation, useQuery } from "@apollo/client/react";
import { useId, useMemo, useRef, useState } from "react";
import { useI18n } from "../../app/i18n/I18nProvider.js";
import { LIVE_QUERIES } from "../../app/live.js";
import { Dialog } from "../../components/Dialog.js";
import { SUBMIT_FINDINGS_QUERY, SUBMIT_PLAN_MUTATION } from "./workflow-documents.js";
import { workflowErrorSentence } from "./workflow-messages.js";

export interface SubmitDialogProps {
  readonly unitCode: string;
  readonly year: number;
  readonly onClose: () => void;
  /** After the plan was submitted, with the version number it took. */
  readonly onSubmitted: (versionNumber: number | null) => void;
}

interface Warning {
  readonly code: string;
  readonly messages: string[];
}

export function SubmitDialog({ unitCode, year, onClose, onSubmitted }: SubmitDialogProps) {
  const { locale, t } = useI18n();
  const idPrefix = useId();
  const cancelRef = useRef<HTMLButtonElement>(null);
  // Always read afresh: the checks depend on what was saved a moment ago.
  const { data, loading, error } = useQuery(SUBMIT_FINDINGS_QUERY, {
    variables: { unitCode, year },
    fetchPolicy: "network-only",
  });
  const [submit, submitting] = useMutation(SUBMIT_PLAN_MUTATION, { refetchQueries: [...LIVE_QUERIES] });
  const [reasons, setReasons] = useState<Readonly<Record<string, string>>>({});
  const [failure, setFailure] = useState<unknown>(null);

  const plan = data?.plan ?? null;
  const message = (item: { messageZh: string; messageEn: string }) => (locale === "zh-CN" ? item.messageZh : item.messageEn);
  const blocking = useMemo(() => (plan?.findings.items ?? []).filter((item) => item.severity === "BLOCK"), [plan]);
  const warnings = useMemo(() => {
    const byCode = new Map<string, Warning>();
    for (const item of plan?.findings.items ?? []) {
      if (item.severity !== "WARN") continue;
      const entry = byCode.get(item.code) ?? { code: item.code, messages: [] };
      entry.messages.push(locale === "zh-CN" ? item.messageZh : item.messageEn);
      byCode.set(item.code, entry);
    }
    return [...byCode.values()];
  }, [plan, locale]);
  const reasonsMissing = warnings.some((warning) => (reasons[warning.code] ?? "").trim() === "");
  const canSubmit = plan !== null && blocking.length === 0 && !reasonsMissing && !submitting.loading;

  async function send() {
    if (!plan) return;
    setFailure(null);
    try {
      const result = await submit({
        variables: {
          input: {
            planId: plan.id,
            expectedVersion: plan.version,
            acknowledgements: warnings.map((warning) => ({
              checkCode: warning.code,
              reason: (reasons[warning.code] ?? "").trim(),
            })),
          },
        },
      });
      onSubmitted(result.data?.submitPlan.version?.number ?? null);
    } catch (caught) {
      setFailure(caught);
    }
  }

  const sentence = failure ? workflowErrorSentence(failure) : null;
  return (
    <Dialog
      title={t("workflow.submit.title")}
      onClose={onClose}
      initialFocus={cancelRef}
      testId="submit-dialog"
      actions={
        <>
          <button type="button" ref={cancelRef} onClick={onClose}>
            {t("workflow.cancel")}
          </button>
          <button type="button" className="button--primary" disabled={!canSubmit} onClick={() => void send()}>
            {t("workflow.submit.confirm")}
          </button>
        </>
      }
    >
      {loading ? <p>{t("workflow.submit.checking")}</p> : null}
      {error ? <p role="alert">{t(workflowErrorSentence(error).key, workflowErrorSentence(error).params)}</p> : null}
      {plan && blocking.length === 0 && warnings.length === 0 ? <p>{t("workflow.submit.noFindings")}</p> : null}
      {blocking.length > 0 ? (
        <section data-testid="submit-blocking">
          <h3>{t("workflow.submit.blocking", { count: blocking.length })}</h3>
          <ul>
            {blocking.map((item, index) => (
              <li key={`${item.code}-${index}`} data-severity="BLOCK">
                {message(item)}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {warnings.length > 0 ? (
        <section data-testid="submit-warnings">
          <h3>{t("workflow.submit.warnings", { count: warnings.length })}</h3>
          {warnings.map((warning) => {
            const fieldId = `${idPrefix}-${warning.code}`;
            return (
              <div key={warning.code} className="submit-warning" data-severity="WARN" data-check={warning.code}>
                <ul>
                  {warning.messages.map((text, index) => (
                    <li key={index}>{text}</li>
                  ))}
                </ul>
                <label htmlFor={fieldId}>{t("workflow.submit.reason")}</label>
                <input
                  id={fieldId}
                  name={warning.code}
                  value={reasons[warning.code] ?? ""}
                  maxLength={2000}
                  onChange={(event) => {
                    const value = event.target.value;
                    setReasons((before) => ({ ...before, [warning.code]: value }));
                  }}
                />
              </div>
            );
          })}
          {reasonsMissing ? <p className="hint">{t("workflow.submit.reasonsMissing")}</p> : null}
        </section>
      ) : null}
      {sentence ? <p role="alert">{t(sentence.key, sentence.params)}</p> : null}
    </Dialog>
  );
}
