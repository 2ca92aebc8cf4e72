// 提出异议 / Raise an objection, and 答复 / Answer one: modal dialogs over the shared
// Dialog, checked on the domain's rules before sending, the server's refusals shown in words.
import { useMutation } from "@apollo/client/react";
import { useId, useRef, useState } from "react";
import { useI18n } from "../../app/i18n/I18nProvider.js";
import { LIVE_QUERIES } from "../../app/live.js";
import { formatYuan } from "../../app/format.js";
import { Dialog } from "../../components/Dialog.js";
import type { ObjectionFieldsFragment } from "../../graphql/generated/graphql.js";
import { refusalKey } from "../comments/refusals.js";
import { ANSWER_OBJECTION_MUTATION, RAISE_OBJECTION_MUTATION } from "./objections-documents.js";
import { answerProblem, raiseProblem } from "./objection-form.js";

export interface MetricChoice {
  readonly id: string;
  readonly label: string;
}

export interface RaiseObjectionDialogProps {
  readonly planId: string;
  readonly metrics: readonly MetricChoice[];
  /** One cell objected to; absent: a metric as a whole, chosen in the dialog. */
  readonly cell?: { readonly metricId: string; readonly month: number; readonly dimensionKey: string; readonly label: string };
  readonly onClose: () => void;
  readonly onRaised: (objection: ObjectionFieldsFragment) => void;
}

function TextField(props: { label: string; value: string; onChange: (value: string) => void; rows?: number }) {
  const id = useId();
  return (
    <p className="form-field">
      <label htmlFor={id}>{props.label}</label>
      {props.rows ? (
        <textarea id={id} rows={props.rows} value={props.value} onChange={(event) => props.onChange(event.target.value)} />
      ) : (
        <input id={id} value={props.value} onChange={(event) => props.onChange(event.target.value)} />
      )}
    </p>
  );
}

export function RaiseObjectionDialog({ planId, metrics, cell, onClose, onRaised }: RaiseObjectionDialogProps) {
  const { t } = useI18n();
  const selectId = useId();
  const [metricId, setMetricId] = useState(cell?.metricId ?? metrics[0]?.id ?? "");
  const [reason, setReason] = useState("");
  const [evidence, setEvidence] = useState("");
  const [proposed, setProposed] = useState("");
  const [problem, setProblem] = useState<string | null>(null);
  const [raise, { loading }] = useMutation(RAISE_OBJECTION_MUTATION, { refetchQueries: [...LIVE_QUERIES] });
  const cancel = useRef<HTMLButtonElement>(null);

  const submit = async () => {
    const local = raiseProblem(reason, proposed);
    if (local) return setProblem(t(local));
    try {
      const result = await raise({
        variables: {
          input: {
            planId,
            metricId,
            reason,
            ...(evidence.trim() ? { evidence } : {}),
            ...(proposed.trim() ? { proposedValue: proposed } : {}),
            ...(cell ? { month: cell.month, dimensionKey: cell.dimensionKey } : {}),
          },
        },
      });
      if (result.data) onRaised(result.data.raiseObjection.objection);
    } catch (error) {
      setProblem(t(refusalKey(error)));
    }
  };

  return (
    <Dialog
      title={t("objections.raise")}
      onClose={onClose}
      initialFocus={cancel}
      testId="raise-objection"
      actions={
        <>
          <button type="button" ref={cancel} onClick={onClose}>
            {t("objections.cancel")}
          </button>
          <button type="button" disabled={loading} onClick={() => void submit()}>
            {t("objections.raiseSubmit")}
          </button>
        </>
      }
    >
      {cell ? (
        <p>
          {t("objections.cell")}: {cell.label}
        </p>
      ) : (
        <p className="form-field">
          <label htmlFor={selectId}>{t("objections.metric")}</label>
          <select id={selectId} value={metricId} onChange={(event) => setMetricId(event.target.value)}>
            {metrics.map((metric) => (
              <option key={metric.id} value={metric.id}>
                {metric.label}
              </option>
            ))}
          </select>
        </p>
      )}
      <TextField label={t("objections.reason")} value={reason} onChange={setReason} rows={3} />
      <TextField label={t("objections.evidence")} value={evidence} onChange={setEvidence} rows={3} />
      <TextField label={t("objections.proposed")} value={proposed} onChange={setProposed} />
      {problem ? <p role="alert">{problem}</p> : null}
    </Dialog>
  );
}

export interface AnswerObjectionDialogProps {
  readonly objection: ObjectionFieldsFragment;
  readonly onClose: () => void;
  readonly onAnswered: (objection: ObjectionFieldsFragment, guidance: string | null) => void;
}

export function AnswerObjectionDialog({ objection, onClose, onAnswered }: AnswerObjectionDialogProps) {
  const { t } = useI18n();
  const [decision, setDecision] = useState<"ACCEPT" | "REJECT">("REJECT");
  const [response, setResponse] = useState("");
  const [value, setValue] = useState("");
  const [problem, setProblem] = useState<string | null>(null);
  const [answer, { loading }] = useMutation(ANSWER_OBJECTION_MUTATION, { refetchQueries: [...LIVE_QUERIES] });
  const cancel = useRef<HTMLButtonElement>(null);
  const name = useId();

  const submit = async () => {
    const local = answerProblem(decision, response, value, objection.proposedValue ?? null);
    if (local) return setProblem(t(local));
    try {
      const result = await answer({
        variables: {
          input: {
            objectionId: objection.id,
            decision,
            ...(response.trim() ? { response } : {}),
            ...(decision === "ACCEPT" && value.trim() ? { value } : {}),
          },
        },
      });
      if (result.data) onAnswered(result.data.answerObjection.objection, result.data.answerObjection.guidance ?? null);
    } catch (error) {
      setProblem(t(refusalKey(error)));
    }
  };

  return (
    <Dialog
      title={t("objections.answer")}
      onClose={onClose}
      initialFocus={cancel}
      testId="answer-objection"
      actions={
        <>
          <button type="button" ref={cancel} onClick={onClose}>
            {t("objections.cancel")}
          </button>
          <button type="button" disabled={loading} onClick={() => void submit()}>
            {t("objections.answerSubmit")}
          </button>
        </>
      }
    >
      <p>{objection.reason}</p>
      {objection.proposedValue ? (
        <p>
          {t("objections.proposed")}: <span className="num">{formatYuan(objection.proposedValue)}</span>
        </p>
      ) : null}
      <fieldset>
        <legend>{t("objections.decision")}</legend>
        {(["ACCEPT", "REJECT"] as const).map((choice) => (
          <label key={choice}>
            <input type="radio" name={name} checked={decision === choice} onChange={() => setDecision(choice)} />{" "}
            {t(choice === "ACCEPT" ? "objections.accept" : "objections.reject")}
          </label>
        ))}
      </fieldset>
      {decision === "ACCEPT" ? <p className="hint">{t("objections.acceptHint")}</p> : null}
      {decision === "ACCEPT" ? <TextField label={t("objections.acceptValue")} value={value} onChange={setValue} /> : null}
      <TextField label={t("objections.response")} value={response} onChange={setResponse} rows={3} />
      {problem ? <p role="alert">{problem}</p> : null}
    </Dialog>
  );
}
