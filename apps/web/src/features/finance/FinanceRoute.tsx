// 财务导出 / Finance exports (`/finance`): finance (and HQ) choose the cycle, the subtree (a unit
// of their export scope and everything below it), the basis (approved / latest), what to export
// (budget / targets) and the header language; the page previews the totals the file will hold
// (GraphQL exportPreview, summed by the database) and downloads the file (GET /exports/…) as a
// stream with progress and cancel, saved through a Blob link.
import { useQuery } from "@apollo/client/react";
import { ORG_LEVEL_LABELS, subtreeScope } from "@pyramid/domain";
import { useEffect, useId, useMemo, useState } from "react";
import { MESSAGE_BY_ERROR_CODE } from "../../app/error-messages.js";
import { formatYuan, isNegativeAmount } from "../../app/format.js";
import { useI18n } from "../../app/i18n/I18nProvider.js";
import type { MessageKey } from "../../app/i18n/messages.js";
import { useSelectedCycle } from "../../app/shell/cycle.js";
import { CYCLES_QUERY } from "../../app/shell/shell-documents.js";
import { useViewer, type Viewer, type ViewerUnitRef } from "../../app/session/viewer.js";
import { Card } from "../../components/Card.js";
import { PageError, TableSkeleton } from "../../components/PageStates.js";
import type { ErrorCode } from "../../graphql/generated/enums.js";
import type { ExportBasis, ExportKind, ExportPreviewQuery } from "../../graphql/generated/graphql.js";
import { exportUrl, formatBytes, type ExportFileFormat, type ExportFileLocale } from "./export-download.js";
import { EXPORT_PREVIEW_QUERY, FINANCE_UNITS_QUERY } from "./finance-documents.js";
import { useExportDownload, type DownloadState } from "./useExportDownload.js";
import "./finance.css";

const SEARCH_DELAY_MS = 250;

/** The tops of the subtrees the viewer may export (the policy's EXPORT_BUDGET scope). */
export function exportScopeRoots(viewer: Viewer): ViewerUnitRef[] {
  const byPath = new Map<string, ViewerUnitRef>();
  const assignments = viewer.roleAssignments.map((assignment) => {
    const units = assignment.orgUnitPath.length > 0 ? assignment.orgUnitPath : [assignment.orgUnit];
    const unitPath = `/${units.map((unit) => unit.id).join("/")}/`;
    byPath.set(unitPath, assignment.orgUnit);
    return { role: assignment.role, unitPath };
  });
  return subtreeScope(assignments, "EXPORT_BUDGET").flatMap((path) => {
    const unit = byPath.get(path);
    return unit ? [unit] : [];
  });
}

function Money({ value }: { readonly value: string | null | undefined }) {
  if (value == null) return <span className="muted">—</span>;
  return <span className={isNegativeAmount(value) ? "number--negative" : undefined}>{formatYuan(value)}</span>;
}

interface UnitChoice {
  readonly id: string;
  readonly code: string;
  readonly nameZh: string;
  readonly nameEn: string;
  readonly level: ViewerUnitRef["level"];
}

export function FinanceRoute() {
  const { t, locale } = useI18n();
  const viewer = useViewer();
  const selectedCycle = useSelectedCycle();
  const cycles = useQuery(CYCLES_QUERY).data?.cycles ?? [];
  const roots = useMemo(() => exportScopeRoots(viewer), [viewer]);
  const ids = { cycle: useId(), search: useId(), unit: useId(), locale: useId() };

  const [cycleCode, setCycleCode] = useState<string | null>(null);
  const cycle = cycles.find((option) => option.code === cycleCode) ?? selectedCycle;
  const [root, setRoot] = useState<UnitChoice | null>(roots[0] ?? null);
  const [unit, setUnit] = useState<UnitChoice | null>(roots[0] ?? null);
  const [basis, setBasis] = useState<ExportBasis>("APPROVED");
  const [kind, setKind] = useState<ExportKind>("BUDGET");
  const [fileLocale, setFileLocale] = useState<ExportFileLocale>(locale);
  const [draft, setDraft] = useState("");
  const [search, setSearch] = useState("");
  useEffect(() => {
    const timer = setTimeout(() => setSearch(draft.trim()), SEARCH_DELAY_MS);
    return () => clearTimeout(timer);
  }, [draft]);

  const units = useQuery(FINANCE_UNITS_QUERY, {
    variables: { cycleId: cycle?.id ?? "", rootId: root?.id ?? null, search: search === "" ? null : search },
    skip: !cycle || !root,
  });
  const found: UnitChoice[] = units.data?.orgTree.nodes ?? [];
  const options = unit && !found.some((option) => option.id === unit.id) ? [unit, ...found] : found;

  const preview = useQuery(EXPORT_PREVIEW_QUERY, {
    variables: { input: { cycle: cycle?.code ?? "", unitCode: unit?.code ?? "", kind, basis } },
    skip: !cycle || !unit,
  });
  const download = useExportDownload();

  if (roots.length === 0) {
    return (
      <Card title={t("finance.title")} role="alert">
        <p>{t("finance.noScope")}</p>
      </Card>
    );
  }
  const lang = locale === "en" ? "en" : "zh";
  const name = (u: { nameZh: string; nameEn: string }) => (locale === "en" ? u.nameEn : u.nameZh);
  const label = (u: UnitChoice) => `${name(u)} (${u.code}) · ${ORG_LEVEL_LABELS[u.level][lang]}`;
  const result = preview.data?.exportPreview;
  const fileKind = kind === "BUDGET" ? "budget" : "targets";
  const urlOf = (format: ExportFileFormat) =>
    cycle && unit ? exportUrl({ kind: fileKind, format, cycle: cycle.code, unit: unit.code, basis, locale: fileLocale }) : null;
  const running = download.state.phase === "running";

  return (
    <div className="page-stack finance-page">
      <Card title={t("finance.title")}>
        <p className="lead">{t("finance.lead")}</p>
        <form className="finance-form" onSubmit={(event) => event.preventDefault()}>
          <div className="form__field">
            <label htmlFor={ids.cycle}>{t("finance.cycle")}</label>
            <select
              id={ids.cycle}
              value={cycle?.code ?? ""}
              onChange={(event) => {
                setCycleCode(event.target.value);
                download.reset();
              }}
            >
              {cycles.map((option) => (
                <option key={option.id} value={option.code}>
                  {locale === "en" ? option.nameEn : option.nameZh}
                </option>
              ))}
            </select>
          </div>
          {roots.length > 1 ? (
            <div className="form__field">
              <label htmlFor={`${ids.unit}-root`}>{t("finance.unit")}</label>
              <select
                id={`${ids.unit}-root`}
                value={root?.id ?? ""}
                onChange={(event) => {
                  const chosen = roots.find((r) => r.id === event.target.value) ?? null;
                  setRoot(chosen);
                  setUnit(chosen);
                }}
              >
                {roots.map((r) => (
                  <option key={r.id} value={r.id}>
                    {label(r)}
                  </option>
                ))}
              </select>
            </div>
          ) : null}
          <div className="form__field">
            <label htmlFor={ids.search}>{t("finance.unitSearch")}</label>
            <input
              id={ids.search}
              type="search"
              value={draft}
              autoComplete="off"
              onChange={(event) => setDraft(event.target.value)}
            />
          </div>
          <div className="form__field">
            <label htmlFor={ids.unit}>{t("finance.unit")}</label>
            <select
              id={ids.unit}
              value={unit?.id ?? ""}
              aria-describedby={`${ids.unit}-hint`}
              onChange={(event) => {
                setUnit(options.find((option) => option.id === event.target.value) ?? null);
                download.reset();
              }}
            >
              {options.map((option) => (
                <option key={option.id} value={option.id}>
                  {label(option)}
                </option>
              ))}
            </select>
            <span className="form__hint" id={`${ids.unit}-hint`}>
              {t("finance.unitHint")}
            </span>
          </div>
          <fieldset className="form__choices">
            <legend>{t("finance.kind")}</legend>
            {(["BUDGET", "TARGETS"] as const).map((option) => (
              <label key={option} className="form__choice">
                <input
                  type="radio"
                  name="kind"
                  value={option}
                  checked={kind === option}
                  onChange={() => {
                    setKind(option);
                    download.reset();
                  }}
                />
                {t(`finance.kind.${option}`)}
              </label>
            ))}
          </fieldset>
          <fieldset className="form__choices">
            <legend>{t("finance.basis")}</legend>
            {(["APPROVED", "LATEST"] as const).map((option) => (
              <label key={option} className="form__choice">
                <input
                  type="radio"
                  name="basis"
                  value={option}
                  checked={basis === option}
                  onChange={() => {
                    setBasis(option);
                    download.reset();
                  }}
                />
                {t(`finance.basis.${option}`)}
              </label>
            ))}
          </fieldset>
          <div className="form__field">
            <label htmlFor={ids.locale}>{t("finance.locale")}</label>
            <select
              id={ids.locale}
              value={fileLocale}
              onChange={(event) => setFileLocale(event.target.value as ExportFileLocale)}
            >
              <option value="zh-CN">中文</option>
              <option value="en">English</option>
            </select>
          </div>
        </form>
      </Card>

      <Card
        title={t("finance.preview")}
        aside={
          <div className="card__tools finance-downloads">
            {(["xlsx", "csv"] as const).map((format) => (
              <button
                key={format}
                type="button"
                className="button"
                disabled={running || !result || urlOf(format) === null}
                onClick={() => {
                  const url = urlOf(format);
                  if (url) void download.start(url, format);
                }}
              >
                {t(`finance.download.${format}`)}
              </button>
            ))}
            {running ? (
              <button type="button" className="button button--secondary" onClick={download.cancel}>
                {t("finance.download.cancel")}
              </button>
            ) : null}
          </div>
        }
      >
        <DownloadStatus state={download.state} rows={result ? result.rows + 1 : null} />
        {preview.error ? (
          <PageError error={preview.error} onRetry={() => void preview.refetch().catch(() => undefined)} />
        ) : !result ? (
          <TableSkeleton />
        ) : (
          <PreviewTable result={result} name={name} />
        )}
      </Card>
    </div>
  );
}

type PreviewResult = ExportPreviewQuery["exportPreview"];

function PreviewTable({
  result,
  name,
}: {
  readonly result: PreviewResult;
  readonly name: (u: { nameZh: string; nameEn: string }) => string;
}) {
  const { t } = useI18n();
  const budget = result.kind === "BUDGET";
  const empty = result.exportedPlans === 0;
  return (
    <>
      {empty ? (
        <p className="notice" role="status" data-testid="finance-empty">
          {t(`finance.empty.${result.basis}`)}
        </p>
      ) : null}
      {result.missingCount > 0 && !empty ? (
        <p className="notice" role="status" data-testid="finance-missing">
          {t("finance.preview.missing", {
            count: result.missingCount,
            units: `${result.missing.map((u) => `${name(u)} (${u.code})`).join("、")}${
              result.missingCount > result.missing.length ? ` ${t("finance.preview.more")}` : ""
            }`,
          })}
        </p>
      ) : null}
      <p className="lead" data-testid="finance-summary">
        {t("finance.preview.summary", { rows: result.rows, exported: result.exportedPlans })}{" "}
        {budget && result.grandTotal !== null ? (
          <strong data-testid="finance-grand-total">
            {t("finance.preview.grand", { amount: formatYuan(result.grandTotal) })}
          </strong>
        ) : null}
      </p>
      {!budget ? <p className="form__hint">{t("finance.preview.targetsNote")}</p> : null}
      <div className="finance-table-wrap">
        <table className="data-table" data-testid="finance-preview">
          <thead>
            <tr>
              <th scope="col">{t("finance.preview.unit")}</th>
              <th scope="col" className="number">
                {t("finance.preview.plans")}
              </th>
              {result.columns.map((column) => (
                <th key={column.id} scope="col" className="number">
                  {name(column)}
                </th>
              ))}
              {budget ? (
                <th scope="col" className="number">
                  {t("finance.preview.total")}
                </th>
              ) : null}
            </tr>
          </thead>
          <tbody>
            {result.units.map((row) => (
              <tr key={row.unit.id} data-unit={row.unit.code}>
                <th scope="row">
                  {row.own
                    ? t("finance.preview.own", { unit: `${name(row.unit)} (${row.unit.code})` })
                    : row.plans > 1
                      ? t("finance.preview.subtree", { unit: `${name(row.unit)} (${row.unit.code})` })
                      : `${name(row.unit)} (${row.unit.code})`}
                </th>
                <td className="number">{t("finance.preview.plansOf", { exported: row.exportedPlans, plans: row.plans })}</td>
                {row.amounts.map((amount, index) => (
                  <td key={result.columns[index]?.id ?? index} className="number">
                    <Money value={amount} />
                  </td>
                ))}
                {budget ? (
                  <td className="number">
                    <Money value={row.total} />
                  </td>
                ) : null}
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr className="finance-total-row" data-testid="finance-total-row">
              <th scope="row">{t("finance.preview.grandTotal")}</th>
              <td className="number">{t("finance.preview.plansOf", { exported: result.exportedPlans, plans: result.plans })}</td>
              {result.totals.map((amount, index) => (
                <td key={result.columns[index]?.id ?? index} className="number">
                  <Money value={amount} />
                </td>
              ))}
              {budget ? (
                <td className="number" data-testid="finance-grand-total-cell">
                  <Money value={result.grandTotal} />
                </td>
              ) : null}
            </tr>
          </tfoot>
        </table>
      </div>
    </>
  );
}

function downloadErrorKey(code: string | null, status: number | null): MessageKey {
  if (code !== null && Object.hasOwn(MESSAGE_BY_ERROR_CODE, code)) return MESSAGE_BY_ERROR_CODE[code as ErrorCode];
  return status === null ? "error.network" : "error.unknown";
}

function DownloadStatus({ state, rows }: { readonly state: DownloadState; readonly rows: number | null }) {
  const { t } = useI18n();
  switch (state.phase) {
    case "idle":
      return null;
    case "running":
      return (
        <div className="finance-progress" role="status" data-testid="finance-progress">
          <span>
            {state.lines !== null && rows !== null
              ? t("finance.download.progressRows", {
                  format: state.format.toUpperCase(),
                  bytes: formatBytes(state.bytes),
                  lines: state.lines,
                  rows,
                })
              : t("finance.download.progress", { format: state.format.toUpperCase(), bytes: formatBytes(state.bytes) })}
          </span>
          {state.lines !== null && rows !== null ? <progress max={rows} value={Math.min(state.lines, rows)} /> : <progress />}
        </div>
      );
    case "done":
      return (
        <p className="notice notice--success" role="status" data-testid="finance-done">
          {t("finance.download.done", { file: state.fileName, bytes: formatBytes(state.bytes) })}
        </p>
      );
    case "cancelled":
      return (
        <p className="notice" role="status">
          {t("finance.download.cancelled")}
        </p>
      );
    case "failed":
      return (
        <p className="notice error-text" role="alert" data-testid="finance-failed">
          {state.error.reason === "STREAM_BROKEN"
            ? t("finance.download.broken")
            : t("finance.download.failed", { message: t(downloadErrorKey(state.error.code, state.error.status)) })}
        </p>
      );
  }
}
