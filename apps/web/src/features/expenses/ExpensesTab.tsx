// The Expenses tab (费用预算): the five categories, their items and, under an
// item booked per terminal or distributor, its lines, by month and year, with
// last year (上年实际) beside; category and plan totals against their caps and
// what is left. Amounts are typed (or pasted from Excel/WPS) into the lines,
// counted exactly in every total at once, and saved together with the version
// each line was read at; a save that meets someone else's change shows whose
// and lets the person take theirs or keep mine. Below: the ratios, and the
// virements (微调) with their dialog.
import { ExportButton } from "../finance/ExportButton.js";
import { useMutation, useQuery } from "@apollo/client/react";
import type { Fixed } from "@pyramid/domain";
import { Fragment, useCallback, useMemo, useState, type ClipboardEvent } from "react";
import { errorSentence } from "../../app/error-messages.js";
import { formatYuan } from "../../app/format.js";
import { useI18n } from "../../app/i18n/I18nProvider.js";
import { PageError, TableSkeleton } from "../../components/PageStates.js";
import { parseClipboardBlock } from "../plan/grid/clipboard.js";
import type { PlanTabProps } from "../plan/tabs.js";
import { LeaveGuard } from "../plan/targets/LeaveGuard.js";
import {
  buildExpenseChanges,
  categoryAmounts,
  cellState,
  invalidCount,
  itemAmounts,
  leftOf,
  lineAmounts,
  lineCellKey,
  MONTHS,
  pasteTargets,
  planAmounts,
  pruneExpenseDraft,
  type ExpenseItem,
  type ExpenseLine,
  type ExpensesPlan,
  type LiveAmounts,
  withAddedLines,
} from "./expense-model.js";
import { ExpenseConflictPanel, type ExpenseConflict } from "./ExpenseConflictPanel.js";
import { PLAN_EXPENSES_QUERY, SAVE_EXPENSE_CELLS_MUTATION } from "./expenses-documents.js";
import { RatiosPanel } from "./RatiosPanel.js";
import { TransfersList, VirementDialog } from "./VirementDialog.js";
import "./expenses.css";

interface Notice {
  readonly tone: "info" | "error";
  readonly text: string;
}

export function ExpensesTab({ unitCode, year }: PlanTabProps) {
  const { data, error, refetch } = useQuery(PLAN_EXPENSES_QUERY, { variables: { unitCode, year } });
  const reload = useCallback(async () => {
    const result = await refetch();
    return result.data?.plan ?? null;
  }, [refetch]);
  if (error && !data) return <PageError error={error} onRetry={() => void refetch().catch(() => undefined)} />;
  if (!data) return <TableSkeleton />;
  return <ExpensesWorkspace plan={data.plan} reload={reload} unitCode={unitCode} />;
}

/** A money figure as UI.md shows it: separators, two decimals, negatives in red. */
function Money({ value, testId }: { readonly value: Fixed | string | null; readonly testId?: string }) {
  if (value === null) return <span data-testid={testId}>—</span>;
  const text = typeof value === "string" ? value : value.toString();
  const negative = text.startsWith("-");
  return (
    <span className={negative ? "amount amount--negative" : "amount"} data-testid={testId}>
      {formatYuan(text)}
    </span>
  );
}

function ExpensesWorkspace({
  plan,
  reload,
  unitCode,
}: {
  readonly plan: ExpensesPlan;
  readonly reload: () => Promise<ExpensesPlan | null>;
  /** For the export links (the plan's unit). */
  readonly unitCode: string;
}) {
  const { t, locale } = useI18n();
  const [added, setAdded] = useState<ReadonlyMap<string, readonly string[]>>(new Map());
  const budget = useMemo(() => withAddedLines(plan.expenses, added), [plan.expenses, added]);
  const [draft, setDraft] = useState<ReadonlyMap<string, string>>(new Map());
  const [collapsed, setCollapsed] = useState<ReadonlySet<string>>(new Set());
  const [expandedItems, setExpandedItems] = useState<ReadonlySet<string>>(new Set());
  const [showHistory, setShowHistory] = useState(false);
  const [conflicts, setConflicts] = useState<readonly ExpenseConflict[]>([]);
  const [notice, setNotice] = useState<Notice | null>(null);
  const [virementOpen, setVirementOpen] = useState(false);
  const [saveCells, { loading: saving }] = useMutation(SAVE_EXPENSE_CELLS_MUTATION);

  const editable = plan.editable;
  const readOnlyText = editable
    ? null
    : plan.readOnlyReason === "ROLE"
      ? t("workbench.readOnly.ROLE")
      : t("workbench.readOnly.STATUS", { status: t(`plan.status.${plan.status}`) });
  // A virement is also allowed on the approved plan (in-year 微调), never without the planner role.
  const canTransfer = editable || (plan.status === "APPROVED" && plan.readOnlyReason !== "ROLE");

  const name = (named: { readonly nameZh: string; readonly nameEn: string }) =>
    locale === "zh-CN" ? named.nameZh : named.nameEn;
  const lineLabel = (line: ExpenseLine) => {
    if (line.terminalId !== null) {
      const terminal = plan.catalogue.terminals.find((candidate) => candidate.id === line.terminalId);
      return t("expenses.line.terminal", { name: terminal?.name ?? line.terminalId });
    }
    if (line.distributorId !== null) {
      const distributor = plan.catalogue.distributors.find((candidate) => candidate.id === line.distributorId);
      return t("expenses.line.distributor", { name: distributor?.name ?? line.distributorId });
    }
    return t("expenses.line.unit");
  };

  const changes = useMemo(() => buildExpenseChanges(budget, draft), [budget, draft]);
  const invalid = useMemo(() => invalidCount(budget, draft), [budget, draft]);
  const total = useMemo(() => planAmounts(budget, draft), [budget, draft]);
  const savedTotal = useMemo(() => planAmounts(budget, new Map()), [budget]);
  const unresolved = conflicts.filter((conflict) => conflict.choice === null).length;
  const tooMany = changes.length > budget.maxChangesPerSave;

  // The lines that take typing, in the order they show: where a pasted block goes down.
  const visibleLines = useMemo(() => {
    const keys: string[] = [];
    for (const category of budget.categories) {
      if (collapsed.has(category.code)) continue;
      for (const item of category.items) {
        if (item.detailDimension === null || expandedItems.has(item.itemId))
          for (const line of item.lines) keys.push(`${item.itemId}|${line.dimensionKey}`);
      }
    }
    return keys;
  }, [budget, collapsed, expandedItems]);

  const type = (key: string, text: string) =>
    setDraft((current) => {
      const next = new Map(current);
      next.set(key, text);
      return next;
    });

  const paste = (event: ClipboardEvent<HTMLInputElement>, lineKey: string, month: number) => {
    const text = event.clipboardData.getData("text/plain");
    if (!/[\t\r\n]/.test(text.replace(/[\r\n]+$/, ""))) return;
    event.preventDefault();
    const start = visibleLines.indexOf(lineKey);
    const targets = pasteTargets(parseClipboardBlock(text), visibleLines, start, month);
    setDraft((current) => {
      const next = new Map(current);
      for (const target of targets) next.set(target.key, target.text);
      return next;
    });
    setNotice({ tone: "info", text: t("expenses.pasted", { count: targets.length }) });
  };

  const save = async () => {
    setNotice(null);
    try {
      const result = await saveCells({
        variables: { planId: plan.id, changes: changes.map((change) => change.input) },
      });
      const answer = result.data?.saveExpenseCells;
      if (!answer) return;
      if (answer.__typename === "ExpenseCellsConflict") {
        // Their amounts and versions first, then the panel: "keep mine" must be sent against
        // their version, so it is offered only once that version is read.
        await reload();
        setConflicts(
          answer.conflicts.map((conflict) => {
            const key = lineCellKey(conflict.itemId, conflict.dimensionKey, conflict.month);
            return { key, conflict, mine: draft.get(key) ?? "", choice: null };
          }),
        );
        return;
      }
      setConflicts([]);
      const fresh = await reload();
      const sent = new Set(changes.map((change) => change.key));
      setDraft((current) => {
        const next = new Map([...current].filter(([key]) => !sent.has(key)));
        return fresh ? pruneExpenseDraft(fresh.expenses, next) : next;
      });
      setNotice({ tone: "info", text: t("expenses.saved", { count: answer.cells.length }) });
    } catch (error) {
      const sentence = errorSentence(error);
      setNotice({ tone: "error", text: t(sentence.key, sentence.params) });
    }
  };

  const choose = (chosen: ExpenseConflict, choice: "THEIRS" | "MINE") => {
    setConflicts((current) => current.map((conflict) => (conflict.key === chosen.key ? { ...conflict, choice } : conflict)));
    if (choice === "THEIRS")
      setDraft((current) => {
        const next = new Map(current);
        next.delete(chosen.key);
        return next;
      });
  };

  const toggle = <T,>(set: ReadonlySet<T>, value: T): Set<T> => {
    const next = new Set(set);
    if (next.has(value)) next.delete(value);
    else next.add(value);
    return next;
  };

  const amountCells = (amounts: LiveAmounts, lastYear: string | null, history: readonly (string | null)[] | null) => (
    <>
      {amounts.months.map((value, index) => (
        <td key={index} className="number">
          <Money value={value} />
          {showHistory && history ? (
            <div className="expenses-history">{history[index] ? formatYuan(history[index]) : "—"}</div>
          ) : null}
        </td>
      ))}
      <td className="number expenses-total">
        <Money value={amounts.total} />
      </td>
      <td className="number expenses-last-year">
        <Money value={lastYear} />
      </td>
    </>
  );

  const lineRow = (item: ExpenseItem, line: ExpenseLine, label: string, depth: number) => {
    const lineKey = `${item.itemId}|${line.dimensionKey}`;
    const amounts = lineAmounts(line, item.itemId, draft);
    return (
      <tr key={lineKey} className={`expenses-row expenses-row--line depth-${depth}`} data-testid={`line-${lineKey}`}>
        <th scope="row">{label}</th>
        {line.months.map((month, index) => {
          const state = cellState(line, item.itemId, index, draft);
          const key = lineCellKey(item.itemId, line.dimensionKey, month.month);
          const classes = ["number", state.changed ? "is-changed" : "", state.invalid ? "is-invalid" : ""].join(" ").trim();
          return (
            <td key={month.month} className={classes}>
              {editable ? (
                <input
                  className="expenses-input"
                  inputMode="decimal"
                  aria-label={t("expenses.cellLabel", { row: label, month: month.month })}
                  aria-invalid={state.invalid || undefined}
                  data-testid={`cell-${key}`}
                  value={state.typed ?? (month.cellId === null ? "" : formatYuan(month.amount))}
                  placeholder="0.00"
                  onChange={(event) => type(key, event.target.value)}
                  onPaste={(event) => paste(event, lineKey, month.month)}
                />
              ) : (
                <Money value={state.value} testId={`cell-${key}`} />
              )}
              {showHistory ? <div className="expenses-history">{month.lastYear ? formatYuan(month.lastYear) : "—"}</div> : null}
            </td>
          );
        })}
        <td className="number expenses-total">
          <Money value={amounts.total} testId={`line-total-${lineKey}`} />
        </td>
        <td className="number expenses-last-year">
          <Money value={line.lastYear} />
        </td>
        <td />
        <td />
      </tr>
    );
  };

  /** Under an opened item booked per terminal or distributor: a line for one that has none yet. */
  const addLineRow = (item: ExpenseItem) => {
    const byTerminal = item.detailDimension === "TERMINAL";
    const shown = new Set(item.lines.map((line) => (byTerminal ? line.terminalId : line.distributorId)));
    const candidates = (byTerminal ? plan.catalogue.terminals : plan.catalogue.distributors).filter(
      (candidate) => !shown.has(candidate.id),
    );
    if (candidates.length === 0) return null;
    return (
      <tr className="expenses-row expenses-row--add depth-2">
        <th scope="row" colSpan={17}>
          <select
            aria-label={t(byTerminal ? "expenses.addTerminal" : "expenses.addDistributor")}
            data-testid={`add-line-${item.code}`}
            value=""
            onChange={(event) => {
              const id = event.target.value;
              if (id === "") return;
              setAdded((current) => new Map(current).set(item.itemId, [...(current.get(item.itemId) ?? []), id]));
            }}
          >
            <option value="">{t(byTerminal ? "expenses.addTerminal" : "expenses.addDistributor")}</option>
            {candidates.map((candidate) => (
              <option key={candidate.id} value={candidate.id}>
                {candidate.code} {candidate.name}
              </option>
            ))}
          </select>
        </th>
      </tr>
    );
  };

  return (
    <div className="expenses-tab">
      <LeaveGuard unsavedCount={changes.length + invalid} />
      {readOnlyText ? (
        <p className="notice" role="status" data-testid="expenses-read-only">
          {t("grid.readOnly", { reason: readOnlyText })}
        </p>
      ) : null}
      <div className="expenses-toolbar">
        <label>
          <input type="checkbox" checked={showHistory} onChange={(event) => setShowHistory(event.target.checked)} />{" "}
          {t("expenses.showLastYear")}
        </label>
        <ExportButton kind="budget" unitCode={unitCode} basis="LATEST" />
        {editable ? (
          <>
            <span data-testid="expenses-unsaved">{t("expenses.unsaved", { count: changes.length })}</span>
            {invalid > 0 ? <span className="expenses-invalid">{t("expenses.invalid", { count: invalid })}</span> : null}
            {tooMany ? (
              <span className="expenses-invalid">{t("expenses.tooMany", { max: budget.maxChangesPerSave })}</span>
            ) : null}
            <button
              type="button"
              className="button"
              disabled={saving || changes.length === 0 || invalid > 0 || unresolved > 0 || tooMany}
              onClick={() => void save()}
            >
              {saving ? t("targets.saving") : t("expenses.save")}
            </button>
            <button
              type="button"
              className="button"
              disabled={changes.length === 0 && invalid === 0}
              onClick={() => setDraft(new Map())}
            >
              {t("expenses.discard")}
            </button>
          </>
        ) : null}
        {canTransfer ? (
          <button type="button" className="button" onClick={() => setVirementOpen(true)}>
            {t("expenses.virement.open")}
          </button>
        ) : null}
      </div>
      {notice ? (
        <p
          className={notice.tone === "error" ? "notice notice--error" : "notice"}
          role={notice.tone === "error" ? "alert" : "status"}
          data-testid="expenses-notice"
        >
          {notice.text}
        </p>
      ) : null}
      {conflicts.length > 0 ? (
        <ExpenseConflictPanel
          conflicts={conflicts}
          labelOf={(conflict) => {
            const item = budget.categories.flatMap((category) => category.items).find((c) => c.itemId === conflict.itemId);
            const line = item?.lines.find((candidate) => candidate.dimensionKey === conflict.dimensionKey);
            const row = item
              ? `${name(item)}${line && line.dimensionKey !== "" ? ` · ${lineLabel(line)}` : ""}`
              : conflict.itemId;
            return t("expenses.conflict.cell", { row, month: conflict.month });
          }}
          onChoose={choose}
          onSave={() => void save()}
          saving={saving}
          canSave={unresolved === 0 && changes.length > 0}
        />
      ) : null}
      <div className="expenses-scroller">
        <table className="data-table expenses-table" data-testid="expenses-table">
          <thead>
            <tr>
              <th scope="col">{t("expenses.column.item")}</th>
              {MONTHS.map((month) => (
                <th key={month} scope="col" className="number">
                  {t("expenses.column.month", { month })}
                </th>
              ))}
              <th scope="col" className="number">
                {t("expenses.column.total")}
              </th>
              <th scope="col" className="number">
                {t("expenses.column.lastYear")}
              </th>
              <th scope="col" className="number">
                {t("expenses.column.cap")}
              </th>
              <th scope="col" className="number">
                {t("expenses.column.left")}
              </th>
            </tr>
          </thead>
          {budget.categories.map((category) => {
            const open = !collapsed.has(category.code);
            const amounts = categoryAmounts(category, draft);
            const left = leftOf(category.cap, amounts.total);
            return (
              <tbody key={category.code} data-testid={`category-${category.code}`}>
                <tr className="expenses-row expenses-row--category">
                  <th scope="row">
                    <button
                      type="button"
                      className="expenses-toggle"
                      aria-expanded={open}
                      onClick={() => setCollapsed((current) => toggle(current, category.code))}
                    >
                      {open ? "▾" : "▸"} {name(category)}
                    </button>
                  </th>
                  {amountCells(amounts, category.amounts.lastYear, null)}
                  <td className="number">
                    <Money value={category.cap} />
                  </td>
                  <td className={left?.isNegative() ? "number is-over" : "number"} data-testid={`category-left-${category.code}`}>
                    <Money value={left} />
                  </td>
                </tr>
                {open
                  ? category.items.map((item) => {
                      if (item.detailDimension === null) {
                        const unitLine = item.lines[0];
                        return unitLine ? lineRow(item, unitLine, name(item), 1) : null;
                      }
                      const itemOpen = expandedItems.has(item.itemId);
                      return (
                        <Fragment key={item.itemId}>
                          <tr className="expenses-row expenses-row--item depth-1" data-testid={`item-${item.code}`}>
                            <th scope="row">
                              <button
                                type="button"
                                className="expenses-toggle"
                                aria-expanded={itemOpen}
                                onClick={() => setExpandedItems((current) => toggle(current, item.itemId))}
                              >
                                {itemOpen ? "▾" : "▸"} {name(item)}
                              </button>
                              <span className="expenses-dimension">
                                {t(item.detailDimension === "TERMINAL" ? "expenses.byTerminal" : "expenses.byDistributor")}
                              </span>
                            </th>
                            {amountCells(itemAmounts(item, draft), item.amounts.lastYear, null)}
                            <td />
                            <td />
                          </tr>
                          {itemOpen ? item.lines.map((line) => lineRow(item, line, lineLabel(line), 2)) : null}
                          {itemOpen && editable ? addLineRow(item) : null}
                        </Fragment>
                      );
                    })
                  : null}
              </tbody>
            );
          })}
          <tfoot>
            <tr className="expenses-row expenses-row--plan" data-testid="expenses-plan-total">
              <th scope="row">{t("expenses.planTotal")}</th>
              {amountCells(total, budget.amounts.lastYear, null)}
              <td className="number">
                <Money value={budget.cap} />
              </td>
              <td className={leftOf(budget.cap, total.total)?.isNegative() ? "number is-over" : "number"} data-testid="plan-left">
                <Money value={leftOf(budget.cap, total.total)} />
              </td>
            </tr>
          </tfoot>
        </table>
      </div>
      {budget.lastYearActualThroughMonth > 0 && budget.lastYearActualThroughMonth < 12 ? (
        <p className="expenses-footnote">{t("expenses.lastYearThrough", { month: budget.lastYearActualThroughMonth })}</p>
      ) : null}
      <RatiosPanel plan={plan} budget={budget} draft={draft} savedTotal={savedTotal} liveTotal={total} />
      <TransfersList plan={plan} />
      {virementOpen ? (
        <VirementDialog
          plan={plan}
          onClose={() => setVirementOpen(false)}
          onDone={async (count) => {
            setVirementOpen(false);
            await reload();
            setNotice({ tone: "info", text: t("expenses.virement.done", { count }) });
          }}
        />
      ) : null}
    </div>
  );
}
