// 分解 / Split: a figure into a block of the plan's cells (months × specs, or one spec's
// breakdown), by one of the engine's methods, previewed cell by cell with the reason for
// each value, then applied exactly as previewed. Self-contained: the owner mounts it with
// the plan, the metric and the block, and hears about the cells written (onApplied).
//
// The preview is the server's (previewSplit); nothing here divides. Changing a setting
// after a preview marks it out of date: apply sends only what was previewed, with its
// token and versions, and a cell someone changed since comes back as a conflict.
import { useApolloClient, useMutation } from "@apollo/client/react";
import { periodLabel, type BreakdownAxis, type MetricUnit, type Month } from "@pyramid/domain";
import { useId, useMemo, useRef, useState } from "react";
import { useI18n } from "../../../app/i18n/I18nProvider.js";
import type { MessageKey } from "../../../app/i18n/messages.js";
import { Dialog } from "../../../components/Dialog.js";
import type { ApplySplitMutation, PreviewSplitQuery, SplitInput } from "../../../graphql/generated/graphql.js";
import { APPLY_SPLIT_MUTATION, PREVIEW_SPLIT_QUERY } from "./split-documents.js";
import {
  checkSplitForm,
  differenceOf,
  formatValue,
  sumOf,
  holdKey,
  INITIAL_FORM,
  MONTH_METHODS,
  ROW_METHODS,
  splitErrorSentence,
  splitInputOf,
  type FormProblem,
  type CellSetting,
  type SplitBlock,
  type SplitFormState,
} from "./split-form.js";
import "./split-dialog.css";

export type SplitPreviewResult = PreviewSplitQuery["previewSplit"];
export type AppliedSplit = Extract<ApplySplitMutation["applySplit"], { __typename: "SplitApplied" }>;

/** A breakdown split (细分): the figure it details, per month, and the axis, which the dialog lets the planner change. */
export interface SplitBreakdown {
  /** The figure's name: "金樽·三十年 500ml×6". */
  readonly figureName: string;
  /** The figure's stored value in each month of the block (null: none yet). */
  readonly figures: ReadonlyMap<number, string | null>;
  readonly axes: readonly BreakdownAxis[];
  readonly onAxisChange: (axis: BreakdownAxis) => void;
}

export interface SplitDialogProps {
  readonly planId: string;
  readonly metric: {
    readonly id: string;
    readonly nameZh: string;
    readonly nameEn: string;
    readonly scale: number;
    readonly unit?: MetricUnit;
  };
  readonly block: SplitBlock;
  /** What the block is, in words ("3 个品规 × 1月–3月"), shown at the top. */
  readonly scope?: string;
  /** Given for a breakdown block: the figure it details, and the axis choice. */
  readonly breakdown?: SplitBreakdown;
  /** What is split when the dialog opens (AMOUNT when absent). */
  readonly initialFigure?: SplitFormState["figureKind"];
  /** Names a row of the preview (a spec, or a member of the breakdown); its id when absent. */
  readonly rowLabel?: (row: { readonly productSpecId: string | null; readonly memberId: string | null }) => string;
  /** After the cells were written: what the server saved (new versions). */
  readonly onApplied: (result: AppliedSplit) => void;
  readonly onClose: () => void;
}

type Message = { readonly key: MessageKey; readonly params: Readonly<Record<string, string | number>> };

export function SplitDialog({
  planId,
  metric,
  block,
  scope,
  breakdown,
  initialFigure,
  rowLabel,
  onApplied,
  onClose,
}: SplitDialogProps) {
  const { t, locale } = useI18n();
  const client = useApolloClient();
  // Not through the cache: the owner refreshes what it shows (onApplied), and a union's
  // members need no fragment matching there.
  const [applySplit, { loading: applying }] = useMutation(APPLY_SPLIT_MUTATION, { fetchPolicy: "no-cache" });
  const [form, setForm] = useState<SplitFormState>(() => ({
    ...INITIAL_FORM,
    figureKind: initialFigure ?? INITIAL_FORM.figureKind,
  }));
  const [problem, setProblem] = useState<FormProblem | null>(null);
  const [preview, setPreview] = useState<{ input: SplitInput; result: SplitPreviewResult } | null>(null);
  const [previewing, setPreviewing] = useState(false);
  const [message, setMessage] = useState<{ kind: "error" | "success"; text: Message } | null>(null);
  const [selected, setSelected] = useState(0);
  const id = useId();
  const amountRef = useRef<HTMLInputElement>(null);

  const input = useMemo(() => splitInputOf(planId, metric.id, block, form), [planId, metric.id, block, form]);
  const fresh = preview !== null && JSON.stringify(preview.input) === JSON.stringify(input);
  const metricName = locale === "zh-CN" ? metric.nameZh : metric.nameEn;
  const value = (text: string) => formatValue(text, metric.scale, metric.unit);
  const monthName = (month: number) => periodLabel({ kind: "MONTH", index: month as Month }, locale);
  const set = (change: Partial<SplitFormState>) => {
    setForm((previous) => ({ ...previous, ...change }));
    setProblem(null);
  };

  async function runPreview() {
    setMessage(null);
    const found = checkSplitForm(form, metric.scale);
    if (found) {
      setProblem(found);
      if (found.field === "amount") amountRef.current?.focus();
      return;
    }
    setPreviewing(true);
    try {
      const { data } = await client.query({ query: PREVIEW_SPLIT_QUERY, variables: { input }, fetchPolicy: "no-cache" });
      if (data) {
        setPreview({ input, result: data.previewSplit });
        setSelected(0);
      }
    } catch (error) {
      setPreview(null);
      setMessage({ kind: "error", text: splitErrorSentence(error, metric.scale) });
    } finally {
      setPreviewing(false);
    }
  }

  async function runApply() {
    if (!preview || !fresh) return;
    setMessage(null);
    try {
      const { data } = await applySplit({
        variables: {
          input: {
            split: preview.input,
            previewToken: preview.result.previewToken,
            expectedVersions: [...preview.result.expectedVersions],
          },
        },
      });
      const result = data?.applySplit;
      if (result?.__typename === "SplitApplied") {
        setMessage({
          kind: "success",
          text: { key: "split.applied", params: { count: result.cells.length, total: value(result.total) } },
        });
        setPreview(null);
        onApplied(result);
      } else if (result?.__typename === "TargetCellsConflict") {
        const who = [...new Set(result.conflicts.map((conflict) => conflict.current?.updatedBy?.displayName ?? "—"))].join("、");
        setMessage({ kind: "error", text: { key: "split.conflict", params: { count: result.conflicts.length, who } } });
        setPreview(null);
      }
    } catch (error) {
      setMessage({ kind: "error", text: splitErrorSentence(error, metric.scale) });
    }
  }

  const manual = form.method === "MANUAL";
  /** Changes one cell's settings; a setting back at nothing is dropped. */
  const setCell = (key: string, change: (old: CellSetting) => CellSetting) => {
    const cells: Record<string, CellSetting> = { ...form.cells };
    const next = change(cells[key] ?? {});
    if (next.held === undefined && !next.value && !next.min && !next.max) delete cells[key];
    else cells[key] = next;
    set({ cells });
  };
  const plansHold = (cell: SplitPreviewResult["cells"][number]) => cell.storedHeld && form.keepStoredHolds;
  const isHeld = (cell: SplitPreviewResult["cells"][number]) => form.cells[holdKey(cell)]?.held ?? plansHold(cell);
  const toggleHold = (cell: SplitPreviewResult["cells"][number]) => {
    const heldNow = isHeld(cell);
    setCell(holdKey(cell), ({ held: _held, ...rest }) => {
      // Released outside MANUAL, a value it was held at goes with the hold.
      const kept = heldNow && !manual ? { ...rest, value: "" } : rest;
      // Back to what the plan says: no hold setting of our own.
      return !heldNow === plansHold(cell) ? kept : { ...kept, held: !heldNow };
    });
  };

  const result = preview?.result ?? null;
  const monthCount = result?.months.length ?? 0;
  const selectedCell = result?.cells[selected] ?? null;
  const labelOf = (row: { productSpecId: string | null; memberId: string | null }) =>
    rowLabel?.(row) ?? row.memberId ?? row.productSpecId ?? t("split.row");
  const fieldId = (name: string) => `${id}-${name}`;
  const problemText = problem ? t(problem.key, problem.params) : null;
  const figureKinds = breakdown
    ? (["FIGURES", "AMOUNT", "CURRENT_TOTAL"] as const)
    : block.breakdown
      ? (["AMOUNT", "CURRENT_TOTAL", "FIGURES"] as const)
      : (["AMOUNT", "CURRENT_TOTAL", "GUIDANCE_GAP"] as const);
  // A breakdown's figure, month by month, against what the preview gives its members.
  const figureRow = breakdown ? block.months.map((month) => ({ month, figure: breakdown.figures.get(month) ?? null })) : null;
  const figureTotal = figureRow
    ? sumOf(
        figureRow.map((entry) => entry.figure),
        metric.scale,
      )
    : null;
  const selectedKey = selectedCell ? holdKey(selectedCell) : null;
  const selectedSetting = selectedKey ? (form.cells[selectedKey] ?? {}) : {};

  return (
    <Dialog
      title={t("split.title", { metric: metricName })}
      onClose={onClose}
      testId="split-dialog"
      actions={
        <>
          <button type="button" className="button button--secondary" onClick={onClose}>
            {t("split.cancel")}
          </button>
          <button type="button" className="button button--secondary" onClick={() => void runPreview()} disabled={previewing}>
            {previewing ? t("split.previewing") : t("split.preview")}
          </button>
          <button type="button" className="button" onClick={() => void runApply()} disabled={!fresh || applying}>
            {applying ? t("split.applying") : t("split.apply")}
          </button>
        </>
      }
    >
      {scope ? (
        <p className="split-dialog__scope" data-testid="split-scope">
          {t("split.scope", { scope })}
        </p>
      ) : null}
      {breakdown && figureRow ? (
        <p className="split-dialog__scope" data-testid="split-figure">
          {t("split.breakdownOf", {
            figure: breakdown.figureName,
            total: figureTotal === null ? "—" : value(figureTotal),
          })}
        </p>
      ) : null}
      <div className="split-dialog__settings">
        {breakdown && block.breakdown ? (
          <div className="form__field">
            <label htmlFor={fieldId("axis")}>{t("split.axis")}</label>
            <select
              id={fieldId("axis")}
              value={block.breakdown.axis}
              onChange={(event) => {
                setPreview(null);
                set({ cells: {} });
                breakdown.onAxisChange(event.target.value as BreakdownAxis);
              }}
            >
              {breakdown.axes.map((axis) => (
                <option key={axis} value={axis}>
                  {t(`targets.axis.${axis}`)}
                </option>
              ))}
            </select>
          </div>
        ) : null}
        <div className="form__field">
          <label htmlFor={fieldId("figure")}>{t("split.figure")}</label>
          <select
            id={fieldId("figure")}
            value={form.figureKind}
            onChange={(event) => set({ figureKind: event.target.value as SplitFormState["figureKind"] })}
          >
            {figureKinds.map((kind) => (
              <option key={kind} value={kind}>
                {t(`split.figure.${kind}`)}
              </option>
            ))}
          </select>
        </div>
        {form.figureKind === "AMOUNT" ? (
          <div className="form__field">
            <label htmlFor={fieldId("amount")}>{t("split.amount")}</label>
            <input
              ref={amountRef}
              id={fieldId("amount")}
              name="amount"
              inputMode="decimal"
              value={form.amount}
              aria-invalid={problem?.field === "amount" ? true : undefined}
              aria-describedby={problem?.field === "amount" ? fieldId("problem") : undefined}
              onChange={(event) => set({ amount: event.target.value })}
            />
          </div>
        ) : null}
        <div className="form__field">
          <label htmlFor={fieldId("method")}>{t("split.method")}</label>
          <select
            id={fieldId("method")}
            value={form.method}
            onChange={(event) => set({ method: event.target.value as SplitFormState["method"] })}
          >
            {MONTH_METHODS.map((kind) => (
              <option key={kind} value={kind}>
                {t(`split.method.${kind}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="form__field">
          <label htmlFor={fieldId("rowMethod")}>{t("split.rowMethod")}</label>
          <select
            id={fieldId("rowMethod")}
            value={form.rowMethod}
            onChange={(event) => set({ rowMethod: event.target.value as SplitFormState["rowMethod"] })}
          >
            <option value="SAME">{t("split.rowMethod.SAME")}</option>
            {ROW_METHODS.map((kind) => (
              <option key={kind} value={kind}>
                {t(`split.method.${kind}`)}
              </option>
            ))}
          </select>
        </div>
        {form.method === "GROWTH" || form.rowMethod === "GROWTH" ? (
          <div className="form__field">
            <label htmlFor={fieldId("growth")}>{t("split.growthPercent")}</label>
            <input
              id={fieldId("growth")}
              name="growthPercent"
              inputMode="decimal"
              value={form.growthPercent}
              aria-invalid={problem?.field === "growthPercent" ? true : undefined}
              onChange={(event) => set({ growthPercent: event.target.value })}
            />
          </div>
        ) : null}
        <label className="split-dialog__check">
          <input
            type="checkbox"
            checked={form.keepStoredHolds}
            onChange={(event) => set({ keepStoredHolds: event.target.checked })}
          />
          {t("split.keepHolds")}
        </label>
      </div>
      {form.method === "SEASONAL_CURVE" ? (
        <fieldset className="split-dialog__curve" aria-invalid={problem?.field === "curve" ? true : undefined}>
          <legend>{t("split.curve")}</legend>
          {form.curve.map((percent, index) => (
            <div className="form__field" key={index}>
              <label htmlFor={fieldId(`curve-${index + 1}`)}>{t("split.curveMonth", { month: monthName(index + 1) })}</label>
              <input
                id={fieldId(`curve-${index + 1}`)}
                inputMode="decimal"
                value={percent}
                onChange={(event) => set({ curve: form.curve.map((old, at) => (at === index ? event.target.value : old)) })}
              />
            </div>
          ))}
        </fieldset>
      ) : null}
      {problemText ? (
        <p id={fieldId("problem")} className="error-text" role="alert">
          {problemText}
        </p>
      ) : null}
      {message ? (
        <p
          className={message.kind === "error" ? "error-text" : "notice notice--success"}
          role={message.kind === "error" ? "alert" : "status"}
        >
          {t(message.text.key, message.text.params)}
        </p>
      ) : null}

      {result ? (
        <section className="split-dialog__preview" aria-label={t("split.preview")}>
          {!fresh ? <p className="notice">{t("split.stale")}</p> : null}
          <p>
            {t("split.figureLine", {
              figure: value(result.figure),
              current: value(result.currentTotal),
              total: value(result.total),
            })}
          </p>
          <p className="split-dialog__margins">{locale === "zh-CN" ? result.marginsZh : result.marginsEn}</p>
          {result.notices.map((notice) => (
            <p className="notice" key={notice.code}>
              {locale === "zh-CN" ? notice.messageZh : notice.messageEn}
            </p>
          ))}
          <div className="split-dialog__table-wrap">
            <table className="split-dialog__table">
              <thead>
                <tr>
                  <th scope="col">{t("split.row")}</th>
                  {result.months.map((month) => (
                    <th scope="col" key={month.month}>
                      {t("split.monthHeader", { month: monthName(month.month ?? 0) })}
                    </th>
                  ))}
                  <th scope="col">{t("split.total")}</th>
                </tr>
              </thead>
              <tbody>
                {result.rows.map((row, r) => (
                  <tr key={`${row.productSpecId ?? ""}|${row.memberId ?? ""}`}>
                    <th scope="row">{labelOf(row)}</th>
                    {result.cells.slice(r * monthCount, (r + 1) * monthCount).map((cell, c) => {
                      const index = r * monthCount + c;
                      const held = form.cells[holdKey(cell)]?.held ?? cell.status === "HELD";
                      const name = t("split.cellName", { row: labelOf(row), month: monthName(cell.month) });
                      const why = locale === "zh-CN" ? cell.explanationZh : cell.explanationEn;
                      return (
                        <td
                          key={cell.month}
                          className={held ? "split-dialog__cell split-dialog__cell--held" : "split-dialog__cell"}
                        >
                          <button
                            type="button"
                            className="split-dialog__value"
                            title={why}
                            aria-pressed={index === selected}
                            onClick={() => setSelected(index)}
                          >
                            {value(cell.newValue)}
                          </button>
                          <button
                            type="button"
                            className="split-dialog__hold"
                            aria-label={t("split.hold", { cell: name })}
                            aria-pressed={held}
                            onClick={() => toggleHold(cell)}
                          >
                            <LockGlyph closed={held} />
                          </button>
                        </td>
                      );
                    })}
                    <td className="split-dialog__total">{value(row.total)}</td>
                  </tr>
                ))}
              </tbody>
              <tfoot>
                <tr>
                  <th scope="row">{t("split.total")}</th>
                  {result.months.map((month) => (
                    <td key={month.month} className="split-dialog__total">
                      {value(month.total)}
                    </td>
                  ))}
                  <td className="split-dialog__total">{value(result.total)}</td>
                </tr>
                {figureRow ? (
                  <>
                    <tr data-testid="split-figure-row">
                      <th scope="row">{t("split.figureRow")}</th>
                      {result.months.map((month) => {
                        const figure = breakdown?.figures.get(month.month ?? 0) ?? null;
                        return (
                          <td key={month.month} className="split-dialog__total">
                            {figure === null ? "—" : value(figure)}
                          </td>
                        );
                      })}
                      <td className="split-dialog__total">{figureTotal === null ? "—" : value(figureTotal)}</td>
                    </tr>
                    <tr data-testid="split-left-row">
                      <th scope="row">{t("split.leftRow")}</th>
                      {result.months.map((month) => {
                        const figure = breakdown?.figures.get(month.month ?? 0) ?? null;
                        const left = figure === null ? null : differenceOf(figure, month.total, metric.scale);
                        const off = left !== null && !/^-?0(\.0+)?$/.test(left);
                        return (
                          <td
                            key={month.month}
                            className={off ? "split-dialog__left split-dialog__left--off" : "split-dialog__left"}
                            title={off ? t("split.leftOff") : undefined}
                          >
                            {left === null ? "—" : value(left)}
                          </td>
                        );
                      })}
                      <td className="split-dialog__left">
                        {figureTotal === null ? "—" : value(differenceOf(figureTotal, result.total, metric.scale) ?? "0")}
                      </td>
                    </tr>
                  </>
                ) : null}
              </tfoot>
            </table>
          </div>
          {selectedCell ? (
            <p className="split-dialog__why" aria-live="polite" data-testid="split-why">
              {t("split.why", { text: locale === "zh-CN" ? selectedCell.explanationZh : selectedCell.explanationEn })}
            </p>
          ) : null}
          <p
            className={/^-?0(\.0+)?$/.test(result.remainder) ? "split-dialog__remainder" : "notice split-dialog__remainder"}
            data-testid="split-remainder"
          >
            {t("split.remainder", { amount: value(result.remainder) })}
          </p>
          {selectedCell && selectedKey ? (
            <fieldset className="split-dialog__cell-settings" data-testid="split-cell-settings">
              <legend>
                {t("split.cellSettings", {
                  cell: t("split.cellName", {
                    row: labelOf({ productSpecId: selectedCell.productSpecId, memberId: selectedCell.memberId }),
                    month: monthName(selectedCell.month),
                  }),
                })}
              </legend>
              <label className="split-dialog__check">
                <input type="checkbox" checked={isHeld(selectedCell)} onChange={() => toggleHold(selectedCell)} />
                {t("split.cellHeld")}
              </label>
              {(
                [
                  ["value", manual ? "split.cellManual" : "split.cellValue"],
                  ["min", "split.cellMin"],
                  ["max", "split.cellMax"],
                ] as const
              ).map(([field, label]) => (
                <div className="form__field" key={field}>
                  <label htmlFor={fieldId(`cell-${field}`)}>{t(label)}</label>
                  <input
                    id={fieldId(`cell-${field}`)}
                    inputMode="decimal"
                    value={selectedSetting[field] ?? ""}
                    onChange={(event) => {
                      const text = event.target.value;
                      setCell(selectedKey, (old) => ({
                        ...old,
                        [field]: text,
                        // A value for a cell outside MANUAL is the value it is held at.
                        ...(field === "value" && !manual && text.trim() !== "" ? { held: true } : {}),
                      }));
                    }}
                  />
                </div>
              ))}
            </fieldset>
          ) : null}
        </section>
      ) : null}
    </Dialog>
  );
}

/** A padlock, closed for a held cell: drawn, so that it shows without an emoji font. */
function LockGlyph({ closed }: { readonly closed: boolean }) {
  return (
    <svg className="split-dialog__lock" width="10" height="12" viewBox="0 0 10 12" aria-hidden="true" focusable="false">
      <rect x="1" y="5" width="8" height="6.5" rx="1" fill={closed ? "currentColor" : "none"} stroke="currentColor" />
      <path d={closed ? "M2.5 5V3.5a2.5 2.5 0 0 1 5 0V5" : "M2.5 5V3.5a2.5 2.5 0 0 1 5 0"} fill="none" stroke="currentColor" />
    </svg>
  );
}
