// 导入 / Imports: actual sales or expenses from a CSV or XLSX file. The user picks
// the kind, year, months and unit, chooses the file (or drops it), checks it (a
// dry run: every row validated, nothing written), reads the errors, then imports
// (all or nothing, or only the valid rows), asked once. Progress (rows read /
// valid / written) is announced while the server streams it. Below: the unit's
// import history, where an import can be reverted (ImportHistory).
import { useId, useRef, useState } from "react";
import { useI18n } from "../../app/i18n/I18nProvider.js";
import { useSelectedCycle } from "../../app/shell/cycle.js";
import { useViewer } from "../../app/session/viewer.js";
import { Card } from "../../components/Card.js";
import { Dialog } from "../../components/Dialog.js";
import { ForbiddenPage } from "../../components/PageStates.js";
import { FileDrop } from "./FileDrop.js";
import { ImportHistory } from "./ImportHistory.js";
import { ImportOutcome } from "./ImportOutcome.js";
import { importRootUnits } from "./imports-access.js";
import {
  IMPORT_KINDS,
  IMPORT_MODES,
  ImportRequestError,
  runImport,
  templateUrl,
  type ImportKind,
  type ImportMode,
  type ImportProgress,
  type ImportResult,
} from "./imports-api.js";
import { formatCount } from "./imports-format.js";
import type { ScopeUnit } from "./ScopePicker.js";
import { ScopePicker } from "./ScopePicker.js";
import "./imports.css";

const MONTHS = Array.from({ length: 12 }, (_, index) => index + 1);

interface ImportForm {
  readonly kind: ImportKind;
  readonly year: number;
  readonly monthFrom: number;
  readonly monthTo: number;
  readonly scope: ScopeUnit | null;
  readonly file: File | null;
}

type Run =
  | { readonly phase: "idle" }
  | { readonly phase: "running"; readonly dryRun: boolean; readonly progress: ImportProgress | null }
  | { readonly phase: "done"; readonly dryRun: boolean; readonly result: ImportResult }
  | { readonly phase: "failed"; readonly dryRun: boolean; readonly error: ImportRequestError };

export interface ImportsRouteProps {
  /** Injected in tests; the browser's fetch otherwise. */
  readonly fetch?: typeof fetch;
}

export function ImportsRoute({ fetch }: ImportsRouteProps = {}) {
  const { locale, t } = useI18n();
  const viewer = useViewer();
  const cycle = useSelectedCycle();
  const ownUnits = importRootUnits(viewer);
  const kindId = useId();
  const yearId = useId();
  const fromId = useId();
  const toId = useId();
  const cancelRef = useRef<HTMLButtonElement>(null);
  const [form, setForm] = useState<ImportForm>(() => ({
    kind: "SALES_ACTUALS",
    year: new Date().getFullYear(),
    monthFrom: 1,
    monthTo: 12,
    scope: ownUnits[0] ?? null,
    file: null,
  }));
  const [mode, setMode] = useState<ImportMode>("ALL_OR_NOTHING");
  const [run, setRun] = useState<Run>({ phase: "idle" });
  /** The check of the form as it is now; any change to the form drops it. */
  const [check, setCheck] = useState<ImportResult | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [historyVersion, setHistoryVersion] = useState(0);

  if (ownUnits.length === 0) return <ForbiddenPage />;

  const running = run.phase === "running";
  const monthsInvalid = form.monthTo < form.monthFrom;
  const ready = form.file !== null && form.scope !== null && !monthsInvalid && Number.isInteger(form.year);
  const lang = locale === "en" ? "en" : "zh";

  function change(patch: Partial<ImportForm>) {
    setForm((previous) => ({ ...previous, ...patch }));
    setCheck(null);
    setRun({ phase: "idle" });
  }

  async function start(dryRun: boolean) {
    if (!ready || !form.file || !form.scope) return;
    setConfirming(false);
    setRun({ phase: "running", dryRun, progress: null });
    try {
      const result = await runImport(
        {
          kind: form.kind,
          year: form.year,
          monthFrom: form.monthFrom,
          monthTo: form.monthTo,
          scope: form.scope.code,
          dryRun,
          mode,
          lang: locale,
          file: form.file,
          fileName: form.file.name,
        },
        {
          onProgress: (progress) => setRun({ phase: "running", dryRun, progress }),
          ...(fetch ? { fetch } : {}),
        },
      );
      setRun({ phase: "done", dryRun, result });
      if (dryRun) setCheck(result);
      else setHistoryVersion((version) => version + 1);
    } catch (error) {
      setRun({
        phase: "failed",
        dryRun,
        error: error instanceof ImportRequestError ? error : new ImportRequestError("NETWORK"),
      });
    }
  }

  // Import after a check of this very form: something valid to write, and under
  // all-or-nothing no errors (the server would refuse the whole file).
  const imported = run.phase === "done" && !run.dryRun && run.result.status === "APPLIED";
  const importBlock =
    check === null
      ? "imports.checkFirst"
      : check.status === "UNCHANGED"
        ? "imports.result.UNCHANGED"
        : check.acceptedCount === 0
          ? "imports.nothingValid"
          : mode === "ALL_OR_NOTHING" && check.rejectedCount > 0
            ? "imports.importBlocked"
            : null;
  const kindName = t(`imports.kind.${form.kind}`);
  const scopeName = form.scope ? `${lang === "en" ? form.scope.nameEn : form.scope.nameZh} (${form.scope.code})` : "";

  return (
    <div className="imports-page">
      <Card title={t("imports.title")}>
        <p className="lead">{t("imports.lead")}</p>
        <form
          className="imports-form"
          aria-label={t("imports.form")}
          onSubmit={(event) => {
            event.preventDefault();
            void start(true);
          }}
        >
          <div className="imports-form__grid">
            <div className="form__field">
              <label htmlFor={kindId}>{t("imports.kind")}</label>
              <select
                id={kindId}
                name="kind"
                value={form.kind}
                disabled={running}
                onChange={(event) => change({ kind: event.target.value as ImportKind })}
              >
                {IMPORT_KINDS.map((kind) => (
                  <option key={kind} value={kind}>
                    {t(`imports.kind.${kind}`)}
                  </option>
                ))}
              </select>
            </div>
            <div className="form__field">
              <label htmlFor={yearId}>{t("imports.year")}</label>
              <input
                id={yearId}
                name="year"
                type="number"
                min={2000}
                max={2100}
                value={form.year}
                disabled={running}
                onChange={(event) => change({ year: Number(event.target.value) })}
              />
            </div>
            <div className="form__field">
              <label htmlFor={fromId}>{t("imports.monthFrom")}</label>
              <select
                id={fromId}
                name="monthFrom"
                value={form.monthFrom}
                disabled={running}
                onChange={(event) => change({ monthFrom: Number(event.target.value) })}
              >
                {MONTHS.map((month) => (
                  <option key={month} value={month}>
                    {t("imports.month", { month })}
                  </option>
                ))}
              </select>
            </div>
            <div className="form__field">
              <label htmlFor={toId}>{t("imports.monthTo")}</label>
              <select
                id={toId}
                name="monthTo"
                value={form.monthTo}
                disabled={running}
                aria-invalid={monthsInvalid ? true : undefined}
                onChange={(event) => change({ monthTo: Number(event.target.value) })}
              >
                {MONTHS.map((month) => (
                  <option key={month} value={month}>
                    {t("imports.month", { month })}
                  </option>
                ))}
              </select>
            </div>
            <ScopePicker
              cycleId={cycle?.id ?? null}
              value={form.scope}
              ownUnits={ownUnits}
              disabled={running}
              onChange={(scope) => change({ scope })}
            />
          </div>
          {monthsInvalid ? (
            <p className="error-text" role="alert">
              {t("imports.monthsInvalid")}
            </p>
          ) : null}
          <FileDrop file={form.file} disabled={running} onChange={(file) => change({ file })} />
          <div className="imports-actions">
            <button type="submit" className="button" disabled={!ready || running}>
              {t("imports.check")}
            </button>
            <span className="form__hint">{t("imports.checkHint")}</span>
            <span className="imports-templates">
              <span>{t("imports.template")}</span>{" "}
              <a href={templateUrl(form.kind, "csv", locale)} download>
                {t("imports.templateCsv")}
              </a>{" "}
              <a href={templateUrl(form.kind, "xlsx", locale)} download>
                {t("imports.templateXlsx")}
              </a>
            </span>
          </div>
        </form>

        <div className="imports-progress" role="status" aria-live="polite" data-testid="import-progress">
          {run.phase === "running" ? (
            <>
              <span>{t(run.dryRun ? "imports.progress.check" : "imports.progress.import")}</span>
              <progress aria-label={t(run.dryRun ? "imports.progress.check" : "imports.progress.import")} />
              <span className="number" data-testid="import-progress-counts">
                {t("imports.progress.counts", {
                  read: formatCount(run.progress?.rowsRead ?? 0),
                  valid: formatCount(run.progress?.rowsValid ?? 0),
                  written: formatCount(run.progress?.rowsWritten ?? 0),
                })}
              </span>
            </>
          ) : run.phase === "done" && !run.dryRun && run.result.status === "APPLIED" ? (
            t("imports.result.APPLIED", { accepted: formatCount(run.result.acceptedCount) })
          ) : run.phase === "done" && run.result.status === "UNCHANGED" ? (
            t("imports.result.UNCHANGED")
          ) : null}
        </div>

        {run.phase === "failed" ? (
          <div className="notice notice--danger" role="alert" data-testid="import-failure">
            <p>{t(`imports.failure.${run.error.reason}`)}</p>
            {run.error.serverMessage ? <p>{t("imports.failure.detail", { message: run.error.serverMessage })}</p> : null}
          </div>
        ) : null}

        {run.phase === "done" ? <ImportOutcome result={run.result} dryRun={run.dryRun} /> : null}

        {check !== null && !imported ? (
          <fieldset className="imports-import" disabled={running}>
            <legend>{t("imports.mode")}</legend>
            {IMPORT_MODES.map((option) => (
              <label key={option} className="form__choice">
                <input type="radio" name="mode" value={option} checked={mode === option} onChange={() => setMode(option)} />
                <span>
                  {t(`imports.mode.${option}`)} <span className="form__hint">{t(`imports.mode.${option}.hint`)}</span>
                </span>
              </label>
            ))}
            <div className="imports-actions">
              <button
                type="button"
                className="button"
                disabled={importBlock !== null || running}
                onClick={() => setConfirming(true)}
              >
                {t("imports.import")}
              </button>
              {importBlock !== null ? <span className="form__hint">{t(importBlock)}</span> : null}
            </div>
          </fieldset>
        ) : null}
      </Card>

      {confirming && check && form.file ? (
        <Dialog
          title={t("imports.confirm.title")}
          onClose={() => setConfirming(false)}
          initialFocus={cancelRef}
          testId="import-confirm"
          actions={
            <>
              <button type="button" ref={cancelRef} className="button button--secondary" onClick={() => setConfirming(false)}>
                {t("imports.cancel")}
              </button>
              <button type="button" className="button" onClick={() => void start(false)}>
                {t("imports.import")}
              </button>
            </>
          }
        >
          <p>
            {t("imports.confirm.body", {
              file: form.file.name,
              count: formatCount(check.acceptedCount),
              kind: kindName,
              scope: scopeName,
              year: form.year,
              from: form.monthFrom,
              to: form.monthTo,
            })}
          </p>
          {mode === "VALID_ONLY" && check.rejectedCount > 0 ? (
            <p>{t("imports.confirm.bodyValidOnly", { rejected: formatCount(check.rejectedCount) })}</p>
          ) : null}
        </Dialog>
      ) : null}

      {form.scope ? <ImportHistory scopeCode={form.scope.code} kind={form.kind} version={historyVersion} /> : null}
    </div>
  );
}
