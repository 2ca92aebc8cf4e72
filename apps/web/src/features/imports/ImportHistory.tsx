// The import history of the chosen unit (its subtree) and kind, newest first:
// when, file, period, unit, status, rows, who. An applied batch can be reverted:
// asked once in a dialog that says what happens and takes the reason.
import { CombinedGraphQLErrors } from "@apollo/client";
import { useMutation, useQuery } from "@apollo/client/react";
import { useEffect, useId, useRef, useState } from "react";
import { errorMessageKey } from "../../app/error-messages.js";
import { formatBeijingTime } from "../../app/format.js";
import { useI18n } from "../../app/i18n/I18nProvider.js";
import type { MessageKey } from "../../app/i18n/messages.js";
import { Card } from "../../components/Card.js";
import { Dialog } from "../../components/Dialog.js";
import { LoadMoreButton } from "../../components/LoadMoreButton.js";
import { PageError, TableSkeleton } from "../../components/PageStates.js";
import { StatusBadge, type StatusTone } from "../../components/StatusBadge.js";
import type { ImportBatchRowFieldsFragment } from "../../graphql/generated/graphql.js";
import type { ImportKind } from "./imports-api.js";
import { IMPORT_BATCHES_QUERY, REVERT_IMPORT_MUTATION } from "./imports-documents.js";
import { formatCount } from "./imports-format.js";

const PAGE_SIZE = 20;

type Batch = ImportBatchRowFieldsFragment;

const STATUS_TONE: Readonly<Record<string, StatusTone>> = {
  APPLIED: "success",
  REJECTED: "danger",
  REVERTED: "warning",
};

const KNOWN_STATUSES = new Set(["RECEIVED", "VALIDATED", "REJECTED", "APPLIED", "REVERTED"]);

export interface ImportHistoryProps {
  readonly scopeCode: string;
  readonly kind: ImportKind;
  /** Bumped after an import, to fetch the list again. */
  readonly version: number;
}

export function ImportHistory({ scopeCode, kind, version }: ImportHistoryProps) {
  const { locale, t } = useI18n();
  const [reverting, setReverting] = useState<Batch | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const { data, error, refetch, fetchMore, loading } = useQuery(IMPORT_BATCHES_QUERY, {
    variables: { scopeCode, kind, first: PAGE_SIZE },
    fetchPolicy: "cache-and-network",
  });
  useEffect(() => {
    if (version > 0) void refetch().catch(() => undefined);
  }, [version, refetch]);

  const page = data?.importBatches;
  const lang = locale === "en" ? "en" : "zh";
  return (
    <Card title={t("imports.history.title")}>
      {notice ? (
        <p className="notice notice--success" role="status">
          {notice}
        </p>
      ) : null}
      {error ? (
        <PageError error={error} onRetry={() => void refetch().catch(() => undefined)} />
      ) : !page ? (
        <TableSkeleton />
      ) : page.nodes.length === 0 ? (
        <p className="lead">{t("imports.history.empty")}</p>
      ) : (
        <div className="imports-history">
          <table className="data-table" data-testid="import-history">
            <thead>
              <tr>
                <th scope="col">{t("imports.history.when")}</th>
                <th scope="col">{t("imports.history.file")}</th>
                <th scope="col">{t("imports.history.period")}</th>
                <th scope="col">{t("imports.history.scope")}</th>
                <th scope="col">{t("imports.history.status")}</th>
                <th scope="col" className="number">
                  {t("imports.history.rows")}
                </th>
                <th scope="col">{t("imports.history.who")}</th>
                <th scope="col">{t("imports.history.actions")}</th>
              </tr>
            </thead>
            <tbody>
              {page.nodes.map((batch) => (
                <tr key={batch.id} data-testid="import-batch-row" data-batch-id={batch.id} data-status={batch.status}>
                  <td className="number">{formatBeijingTime(batch.createdAt)}</td>
                  <td>{batch.fileName}</td>
                  <td>{t("imports.history.periodText", { year: batch.year, from: batch.monthFrom, to: batch.monthTo })}</td>
                  <td>
                    {lang === "en" ? batch.scope.nameEn : batch.scope.nameZh}{" "}
                    <span className="unit-code">({batch.scope.code})</span>
                  </td>
                  <td>
                    <StatusBadge tone={STATUS_TONE[batch.status] ?? "neutral"}>
                      {KNOWN_STATUSES.has(batch.status) ? t(`imports.status.${batch.status}` as MessageKey) : batch.status}
                    </StatusBadge>
                  </td>
                  <td className="number">
                    {formatCount(batch.rowCount)} ({formatCount(batch.acceptedCount)} / {formatCount(batch.rejectedCount)})
                  </td>
                  <td>{batch.createdBy?.displayName ?? ""}</td>
                  <td>
                    {batch.status === "APPLIED" ? (
                      <button
                        type="button"
                        className="link-button link-button--danger"
                        onClick={() => {
                          setNotice(null);
                          setReverting(batch);
                        }}
                      >
                        {t("imports.revert")}
                      </button>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <LoadMoreButton
        nextCursor={page?.hasNextPage ? page.endCursor : null}
        loading={loading}
        label={t("imports.history.more")}
        onMore={(after) =>
          fetchMore({
            variables: { after },
            updateQuery: (previous, { fetchMoreResult }) => ({
              importBatches: {
                ...fetchMoreResult.importBatches,
                nodes: [...previous.importBatches.nodes, ...fetchMoreResult.importBatches.nodes],
              },
            }),
          })
        }
      />
      {reverting ? (
        <RevertImportDialog
          batch={reverting}
          onClose={() => setReverting(null)}
          onReverted={(batch) => {
            setReverting(null);
            setNotice(t("imports.revert.done", { file: batch.fileName }));
            void refetch().catch(() => undefined);
          }}
        />
      ) : null}
    </Card>
  );
}

const MESSAGE_BY_REVERT_REASON: Readonly<Record<string, MessageKey>> = {
  IMPORT_OVERWRITTEN: "imports.revert.IMPORT_OVERWRITTEN",
  IMPORT_NOT_APPLIED: "imports.revert.IMPORT_NOT_APPLIED",
};

function revertErrorKey(error: unknown): MessageKey {
  if (CombinedGraphQLErrors.is(error)) {
    const reason = error.errors[0]?.extensions?.["reason"];
    if (typeof reason === "string" && MESSAGE_BY_REVERT_REASON[reason]) return MESSAGE_BY_REVERT_REASON[reason];
  }
  return errorMessageKey(error);
}

interface RevertImportDialogProps {
  readonly batch: Batch;
  readonly onClose: () => void;
  readonly onReverted: (batch: Batch) => void;
}

/** 撤销导入: what happens, the reason (required), then the mutation; a refusal shown in words. */
export function RevertImportDialog({ batch, onClose, onReverted }: RevertImportDialogProps) {
  const { t } = useI18n();
  const reasonId = useId();
  const reasonRef = useRef<HTMLTextAreaElement>(null);
  const [reason, setReason] = useState("");
  const [tried, setTried] = useState(false);
  const [failure, setFailure] = useState<unknown>(null);
  const [revert, { loading }] = useMutation(REVERT_IMPORT_MUTATION);
  const missing = reason.trim() === "";

  async function confirm() {
    setTried(true);
    if (missing) {
      reasonRef.current?.focus();
      return;
    }
    try {
      const answer = await revert({ variables: { batchId: batch.id, reason: reason.trim() } });
      onReverted(answer.data?.revertImport ?? batch);
    } catch (caught) {
      setFailure(caught);
    }
  }

  return (
    <Dialog
      title={t("imports.revert.title")}
      onClose={onClose}
      initialFocus={reasonRef}
      testId="revert-import-dialog"
      actions={
        <>
          <button type="button" className="button button--secondary" onClick={onClose}>
            {t("imports.cancel")}
          </button>
          <button type="button" className="button button--danger" disabled={loading} onClick={() => void confirm()}>
            {t("imports.revert")}
          </button>
        </>
      }
    >
      <p>{t("imports.revert.body", { file: batch.fileName, when: formatBeijingTime(batch.createdAt) })}</p>
      <p className="form__field">
        <label htmlFor={reasonId}>{t("imports.revert.reason")}</label>
        <textarea
          ref={reasonRef}
          id={reasonId}
          rows={3}
          maxLength={2000}
          value={reason}
          aria-required
          aria-invalid={tried && missing ? true : undefined}
          onChange={(event) => setReason(event.target.value)}
        />
      </p>
      {tried && missing ? <p className="error-text">{t("imports.revert.reasonRequired")}</p> : null}
      {failure ? (
        <p className="error-text" role="alert">
          {t(revertErrorKey(failure))}
        </p>
      ) : null}
    </Dialog>
  );
}
