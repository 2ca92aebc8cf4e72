// The plan's own planner's workflow buttons for the workbench header, by status:
// 提交 (DRAFT, RETURNED: the findings first, SubmitDialog), 撤回 (SUBMITTED, before the
// reviewer acts), 继续编辑 (REOPENED). Shown only to someone who may edit the plan's unit.
// After a change the plan's queries are read again (status, editability, findings).
import { useApolloClient, useMutation } from "@apollo/client/react";
import { WORKFLOW_ACTION_LABELS } from "@pyramid/domain";
import { useState } from "react";
import { useI18n } from "../../app/i18n/I18nProvider.js";
import { LIVE_QUERIES } from "../../app/live.js";
import type { PlanStatus } from "../../graphql/generated/enums.js";
import { RESUME_PLAN_MUTATION, WITHDRAW_PLAN_MUTATION } from "./workflow-documents.js";
import { workflowErrorSentence } from "./workflow-messages.js";
import { SubmitDialog } from "./SubmitDialog.js";

export interface WorkflowActionsProps {
  readonly planId: string;
  readonly unitCode: string;
  readonly year: number;
  readonly status: PlanStatus;
  readonly version: number;
  /** The viewer plans this unit (the plan's readOnlyReason is not ROLE). */
  readonly isOwnPlanner: boolean;
}

export function WorkflowActions({ planId, unitCode, year, status, version, isOwnPlanner }: WorkflowActionsProps) {
  const { locale, t } = useI18n();
  const client = useApolloClient();
  const [submitting, setSubmitting] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const [failure, setFailure] = useState<unknown>(null);
  const [withdraw, withdrawing] = useMutation(WITHDRAW_PLAN_MUTATION, { refetchQueries: [...LIVE_QUERIES] });
  const [resume, resuming] = useMutation(RESUME_PLAN_MUTATION, { refetchQueries: [...LIVE_QUERIES] });
  if (!isOwnPlanner) return null;
  const label = (action: keyof typeof WORKFLOW_ACTION_LABELS) => WORKFLOW_ACTION_LABELS[action][locale === "zh-CN" ? "zh" : "en"];
  const changed = async () => {
    setFailure(null);
    await client.refetchQueries({ include: "active" });
  };
  const run = async (mutate: () => Promise<unknown>) => {
    try {
      await mutate();
      await changed();
    } catch (caught) {
      setFailure(caught);
    }
  };
  const sentence = failure ? workflowErrorSentence(failure) : null;
  return (
    <div className="workflow-actions" data-testid="workflow-actions">
      {status === "DRAFT" || status === "RETURNED" ? (
        <button type="button" className="button--primary" onClick={() => setSubmitting(true)}>
          {label("SUBMIT")}
        </button>
      ) : null}
      {status === "SUBMITTED" ? (
        <button
          type="button"
          disabled={withdrawing.loading}
          onClick={() => void run(() => withdraw({ variables: { input: { planId, expectedVersion: version } } }))}
        >
          {label("WITHDRAW")}
        </button>
      ) : null}
      {status === "REOPENED" ? (
        <button
          type="button"
          disabled={resuming.loading}
          onClick={() => void run(() => resume({ variables: { input: { planId, expectedVersion: version } } }))}
        >
          {label("RESUME")}
        </button>
      ) : null}
      {notice ? <span role="status">{notice}</span> : null}
      {sentence ? <span role="alert">{t(sentence.key, sentence.params)}</span> : null}
      {submitting ? (
        <SubmitDialog
          unitCode={unitCode}
          year={year}
          onClose={() => setSubmitting(false)}
          onSubmitted={(number) => {
            setSubmitting(false);
            setNotice(number === null ? null : t("workflow.submit.done", { number }));
            void changed();
          }}
        />
      ) : null}
    </div>
  );
}
