// 异议 / Objections of a plan (with its subtree's, for a reviewer): who raised what, the
// figure proposed, the status and the answer; answer, escalate (上报) or withdraw where
// the viewer may (the API says so per objection). Escalating and withdrawing ask once.
import { useMutation, useQuery } from "@apollo/client/react";
import { useRef, useState } from "react";
import { useI18n } from "../../app/i18n/I18nProvider.js";
import { LIVE_QUERIES, livePolling, useRefetchWhenShown } from "../../app/live.js";
import { formatYuan } from "../../app/format.js";
import { Dialog } from "../../components/Dialog.js";
import { PageError, TableSkeleton } from "../../components/PageStates.js";
import type { ObjectionFieldsFragment, ObjectionStatus } from "../../graphql/generated/graphql.js";
import { refusalKey } from "../comments/refusals.js";
import { AnswerObjectionDialog } from "./ObjectionDialogs.js";
import { ESCALATE_OBJECTION_MUTATION, PLAN_OBJECTIONS_QUERY, WITHDRAW_OBJECTION_MUTATION } from "./objections-documents.js";

export interface ObjectionsListProps {
  readonly planId: string;
  /** A reviewer's view: the objections of every plan below too. */
  readonly includeSubtree?: boolean;
  /** A metric's name by id (the plan's catalogue); the id when absent. */
  readonly metricLabel?: (metricId: string) => string;
}

export const OBJECTION_STATUS_KEY = {
  OPEN: "objections.status.OPEN",
  ANSWERED: "objections.status.ANSWERED",
  ACCEPTED: "objections.status.ACCEPTED",
  REJECTED: "objections.status.REJECTED",
  WITHDRAWN: "objections.status.WITHDRAWN",
  ESCALATED: "objections.status.ESCALATED",
} as const satisfies Record<ObjectionStatus, string>;

type Pending = { readonly kind: "ESCALATE" | "WITHDRAW"; readonly objection: ObjectionFieldsFragment };

export function ObjectionsList({ planId, includeSubtree = false, metricLabel = (id) => id }: ObjectionsListProps) {
  const { t, locale } = useI18n();
  const variables = { planId, includeSubtree };
  const { data, error, refetch } = useQuery(PLAN_OBJECTIONS_QUERY, {
    variables,
    fetchPolicy: "cache-and-network",
    ...livePolling(),
  });
  useRefetchWhenShown(refetch);
  const [answering, setAnswering] = useState<ObjectionFieldsFragment | null>(null);
  const [pending, setPending] = useState<Pending | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [escalate] = useMutation(ESCALATE_OBJECTION_MUTATION, { refetchQueries: [...LIVE_QUERIES] });
  const [withdraw] = useMutation(WITHDRAW_OBJECTION_MUTATION, { refetchQueries: [...LIVE_QUERIES] });
  const safe = useRef<HTMLButtonElement>(null);

  if (error) return <PageError error={error} onRetry={() => void refetch()} />;
  if (!data) return <TableSkeleton />;

  const confirm = async () => {
    if (!pending) return;
    const input = { objectionId: pending.objection.id };
    try {
      if (pending.kind === "ESCALATE") await escalate({ variables: { input } });
      else await withdraw({ variables: { input } });
      setProblem(null);
      await refetch();
    } catch (failure) {
      setProblem(t(refusalKey(failure)));
    }
    setPending(null);
  };

  return (
    <section aria-label={t("objections.title")} data-testid="objections-list">
      <h2>{t("objections.title")}</h2>
      {problem ? <p role="alert">{problem}</p> : null}
      {data.planObjections.length === 0 ? (
        <p className="lead">{t("objections.empty")}</p>
      ) : (
        <table className="data-table">
          <thead>
            <tr>
              <th scope="col">{t("objections.unit")}</th>
              <th scope="col">{t("objections.metric")}</th>
              <th scope="col">{t("objections.reason")}</th>
              <th scope="col">{t("objections.proposed")}</th>
              <th scope="col">{t("objections.statusColumn")}</th>
              <th scope="col">{t("objections.answer")}</th>
              <th scope="col" />
            </tr>
          </thead>
          <tbody>
            {data.planObjections.map((objection) => (
              <tr key={objection.id} data-testid="objection-row">
                <td>{locale === "en" ? objection.unit.nameEn : objection.unit.nameZh}</td>
                <td>
                  {metricLabel(objection.metricId)}
                  {objection.month ? ` · ${t("objections.month", { month: objection.month })}` : ""}
                </td>
                <td>{objection.reason}</td>
                <td className="num">{objection.proposedValue ? formatYuan(objection.proposedValue) : "—"}</td>
                <td>{t(OBJECTION_STATUS_KEY[objection.status])}</td>
                <td>{objection.response ?? "—"}</td>
                <td>
                  {objection.viewerMayAnswer ? (
                    <button type="button" onClick={() => setAnswering(objection)}>
                      {t("objections.answer")}
                    </button>
                  ) : null}
                  {objection.viewerMayEscalate ? (
                    <button type="button" onClick={() => setPending({ kind: "ESCALATE", objection })}>
                      {t("objections.escalate")}
                    </button>
                  ) : null}
                  {objection.viewerMayWithdraw ? (
                    <button type="button" onClick={() => setPending({ kind: "WITHDRAW", objection })}>
                      {t("objections.withdraw")}
                    </button>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {answering ? (
        <AnswerObjectionDialog
          objection={answering}
          onClose={() => setAnswering(null)}
          onAnswered={() => {
            setAnswering(null);
            void refetch();
          }}
        />
      ) : null}
      {pending ? (
        <Dialog
          title={t(pending.kind === "ESCALATE" ? "objections.escalate" : "objections.withdraw")}
          onClose={() => setPending(null)}
          initialFocus={safe}
          actions={
            <>
              <button type="button" ref={safe} onClick={() => setPending(null)}>
                {t("objections.cancel")}
              </button>
              <button type="button" onClick={() => void confirm()}>
                {t("objections.confirm")}
              </button>
            </>
          }
        >
          <p>{t(pending.kind === "ESCALATE" ? "objections.escalateQuestion" : "objections.withdrawQuestion")}</p>
        </Dialog>
      ) : null}
    </section>
  );
}
