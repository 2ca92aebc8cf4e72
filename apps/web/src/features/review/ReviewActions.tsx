// A reviewer's actions on one row of the review screen: 批准 (approve, asked once),
// 退回修改 (return, with the words to the unit required), 重新打开 (reopen an approved plan,
// with a reason) and HQ's 豁免 (waive the plan's children not approved, with a reason).
// Which buttons show follows the transition table (packages/domain workflow.ts): approve and
// return a SUBMITTED plan by the direct parent's reviewer, reopen an APPROVED one by it or
// HQ's admin; the server decides and its refusal is shown in words. After a change the
// board is read again.
import { useMutation } from "@apollo/client/react";
import { WORKFLOW_ACTION_LABELS } from "@pyramid/domain";
import { useId, useRef, useState } from "react";
import { useI18n } from "../../app/i18n/I18nProvider.js";
import { LIVE_QUERIES } from "../../app/live.js";
import { Dialog } from "../../components/Dialog.js";
import type { PlanStatus } from "../../graphql/generated/enums.js";
import { workflowErrorSentence } from "../workflow/workflow-messages.js";
import {
  APPROVE_PLAN_MUTATION,
  REOPEN_PLAN_MUTATION,
  RETURN_PLAN_MUTATION,
  WAIVE_PLAN_CHILDREN_MUTATION,
} from "./review-documents.js";

export type ReviewAction = "APPROVE" | "RETURN" | "REOPEN" | "WAIVE";

export interface ReviewActionsProps {
  readonly planId: string;
  readonly status: PlanStatus;
  /** The unit's name, as the question names it. */
  readonly unitName: string;
  /** The viewer reviews at the board's unit (the plan's direct parent). */
  readonly mayReview: boolean;
  /** The viewer is HQ's admin (reopens any plan, waives). */
  readonly isHqAdmin: boolean;
  /** The plan's unit has units below it (a waiver means something). */
  readonly hasChildren: boolean;
  /** Called after a change went through. */
  readonly onChanged: () => void;
}

/** The actions the viewer is offered on a plan in this status. */
export function offeredActions(
  status: PlanStatus,
  who: { mayReview: boolean; isHqAdmin: boolean; hasChildren: boolean },
): ReviewAction[] {
  const actions: ReviewAction[] = [];
  if (status === "SUBMITTED" && who.mayReview) actions.push("APPROVE", "RETURN");
  if (status === "APPROVED" && (who.mayReview || who.isHqAdmin)) actions.push("REOPEN");
  if (who.isHqAdmin && who.hasChildren && status !== "APPROVED") actions.push("WAIVE");
  return actions;
}

const NEEDS_REASON: ReadonlySet<ReviewAction> = new Set(["RETURN", "REOPEN", "WAIVE"]);

export function ReviewActions({ planId, status, unitName, mayReview, isHqAdmin, hasChildren, onChanged }: ReviewActionsProps) {
  const { t, locale } = useI18n();
  const reasonId = useId();
  const cancelRef = useRef<HTMLButtonElement>(null);
  const [asking, setAsking] = useState<ReviewAction | null>(null);
  const [reason, setReason] = useState("");
  const [failure, setFailure] = useState<unknown>(null);
  const [approve, approving] = useMutation(APPROVE_PLAN_MUTATION, { refetchQueries: [...LIVE_QUERIES] });
  const [returnPlan, returning] = useMutation(RETURN_PLAN_MUTATION, { refetchQueries: [...LIVE_QUERIES] });
  const [reopen, reopening] = useMutation(REOPEN_PLAN_MUTATION, { refetchQueries: [...LIVE_QUERIES] });
  const [waive, waiving] = useMutation(WAIVE_PLAN_CHILDREN_MUTATION, { refetchQueries: [...LIVE_QUERIES] });
  const busy = approving.loading || returning.loading || reopening.loading || waiving.loading;
  const actions = offeredActions(status, { mayReview, isHqAdmin, hasChildren });
  if (actions.length === 0) return null;

  const label = (action: ReviewAction) =>
    action === "WAIVE" ? t("review.action.waive") : WORKFLOW_ACTION_LABELS[action][locale === "zh-CN" ? "zh" : "en"];
  const open = (action: ReviewAction) => {
    setFailure(null);
    setReason("");
    setAsking(action);
  };
  const reasonMissing = asking !== null && NEEDS_REASON.has(asking) && reason.trim() === "";

  async function send() {
    if (asking === null || reasonMissing) return;
    const withReason = { planId, reason: reason.trim() };
    try {
      if (asking === "APPROVE") await approve({ variables: { input: { planId } } });
      else if (asking === "RETURN") await returnPlan({ variables: { input: withReason } });
      else if (asking === "REOPEN") await reopen({ variables: { input: withReason } });
      else await waive({ variables: { input: withReason } });
      setAsking(null);
      setFailure(null);
      onChanged();
    } catch (caught) {
      setFailure(caught);
    }
  }

  const sentence = failure ? workflowErrorSentence(failure) : null;
  return (
    <span className="review-actions" data-testid="review-actions">
      {actions.map((action) => (
        <button
          key={action}
          type="button"
          className={action === "APPROVE" ? "button--primary" : undefined}
          disabled={busy}
          onClick={() => open(action)}
        >
          {label(action)}
        </button>
      ))}
      {asking === null && sentence ? <span role="alert">{t(sentence.key, sentence.params)}</span> : null}
      {asking !== null ? (
        <Dialog
          title={label(asking)}
          onClose={() => setAsking(null)}
          initialFocus={NEEDS_REASON.has(asking) ? undefined : cancelRef}
          testId="review-action-dialog"
          actions={
            <>
              <button type="button" ref={cancelRef} onClick={() => setAsking(null)}>
                {t("workflow.cancel")}
              </button>
              <button type="button" className="button--primary" disabled={busy || reasonMissing} onClick={() => void send()}>
                {label(asking)}
              </button>
            </>
          }
        >
          <p>{t(`review.action.question.${asking}`, { unit: unitName })}</p>
          {NEEDS_REASON.has(asking) ? (
            <p className="form-field">
              <label htmlFor={reasonId}>{t(asking === "RETURN" ? "review.action.comment" : "review.action.reason")}</label>
              <textarea
                id={reasonId}
                rows={3}
                maxLength={2000}
                value={reason}
                autoFocus
                onChange={(event) => setReason(event.target.value)}
              />
            </p>
          ) : null}
          {reasonMissing ? <p className="hint">{t("review.action.reasonRequired")}</p> : null}
          {sentence ? <p role="alert">{t(sentence.key, sentence.params)}</p> : null}
        </Dialog>
      ) : null}
    </span>
  );
}
