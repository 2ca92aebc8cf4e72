// What a check or an import came to: a sentence for the status, the counts, and
// the rows with errors as a table (row, column, problem) with the error report
// to download (the file's rows with a message column).
import { useI18n } from "../../app/i18n/I18nProvider.js";
import type { MessageKey } from "../../app/i18n/messages.js";
import { errorReportUrl, type ImportResult } from "./imports-api.js";
import { formatCount } from "./imports-format.js";

export interface ImportOutcomeProps {
  readonly result: ImportResult;
  /** A check (dry run) or an import. */
  readonly dryRun: boolean;
}

function sentenceOf(result: ImportResult, dryRun: boolean): { key: MessageKey; tone: "success" | "warning" | "danger" } {
  if (result.status === "UNCHANGED") return { key: "imports.result.UNCHANGED", tone: "success" };
  if (dryRun) {
    if (result.acceptedCount === 0) return { key: "imports.nothingValid", tone: "danger" };
    return result.rejectedCount === 0
      ? { key: "imports.result.checkPassed", tone: "success" }
      : { key: "imports.result.checkErrors", tone: "warning" };
  }
  if (result.status === "APPLIED") return { key: "imports.result.APPLIED", tone: "success" };
  if (result.status === "REJECTED") return { key: "imports.result.REJECTED", tone: "danger" };
  return { key: "imports.result.other", tone: "warning" };
}

export function ImportOutcome({ result, dryRun }: ImportOutcomeProps) {
  const { t } = useI18n();
  const { key, tone } = sentenceOf(result, dryRun);
  const params = {
    accepted: formatCount(result.acceptedCount),
    rejected: formatCount(result.rejectedCount),
    rows: formatCount(result.rowCount),
    status: result.status,
  };
  const rowsWithErrors = result.rejectedCount > 0 || result.errors.length > 0;
  return (
    <div className="imports-outcome" data-testid="import-outcome" data-status={result.status}>
      <p className={`notice notice--${tone}`} data-testid="import-outcome-sentence">
        {t(key, params)}
      </p>
      <p className="lead">{t("imports.result.counts", params)}</p>
      {rowsWithErrors ? (
        <>
          <div className="imports-errors__head">
            <h3>{t("imports.errors.title", { count: formatCount(result.rejectedCount) })}</h3>
            {result.batchId ? (
              <a className="button button--secondary" href={errorReportUrl(result.batchId)} download>
                {t("imports.errors.download")}
              </a>
            ) : null}
          </div>
          {result.errorsTruncated ? (
            <p className="form__hint">{t("imports.errors.truncated", { shown: formatCount(result.errors.length) })}</p>
          ) : null}
          <div className="imports-errors">
            <table className="data-table" data-testid="import-errors">
              <thead>
                <tr>
                  <th scope="col" className="number">
                    {t("imports.errors.row")}
                  </th>
                  <th scope="col">{t("imports.errors.column")}</th>
                  <th scope="col">{t("imports.errors.message")}</th>
                </tr>
              </thead>
              <tbody>
                {result.errors.map((error, index) => (
                  <tr key={`${error.row ?? "file"}-${error.column ?? ""}-${index}`} data-testid="import-error-row">
                    <td className="number">
                      {error.row === null || error.row === 0 ? t("imports.errors.fileLevel") : formatCount(error.row)}
                    </td>
                    <td>{error.column ?? ""}</td>
                    <td>{error.message}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      ) : null}
    </div>
  );
}
