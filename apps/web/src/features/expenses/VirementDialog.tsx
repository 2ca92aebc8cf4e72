// Virement (微调): an amount moves from one item to another of the same
// category, in one month or over the whole year (then taken from the source's
// months in proportion to their amounts), with a reason. What the budget does
// not allow (below zero, over a cap, across categories) comes back as
// BUDGET_RULE_BROKEN with the rule's reason and is said in words. Below the
// tree, the virements made so far, newest first.
import { CombinedGraphQLErrors } from "@apollo/client";
import { useMutation } from "@apollo/client/react";
import { MONEY_SCALE, parseAmount } from "@pyramid/domain";
import { useRef, useState } from "react";
import { errorSentence } from "../../app/error-messages.js";
import { formatBeijingTime, formatYuan } from "../../app/format.js";
import { useI18n } from "../../app/i18n/I18nProvider.js";
import type { MessageKey } from "../../app/i18n/messages.js";
import { Dialog } from "../../components/Dialog.js";
import { MONTHS, type ExpensesPlan } from "./expense-model.js";
import { TRANSFER_EXPENSE_MUTATION } from "./expenses-documents.js";

/** The reasons a virement is refused for, as the domain names them (VirementErrorCode). */
const VIREMENT_REASONS = {
  REASON_REQUIRED: "expenses.virement.error.REASON_REQUIRED",
  AMOUNT_NOT_POSITIVE: "expenses.virement.error.AMOUNT_NOT_POSITIVE",
  SAME_LINE: "expenses.virement.error.SAME_LINE",
  SOURCE_LINE_NOT_FOUND: "expenses.virement.error.SOURCE_LINE_NOT_FOUND",
  UNKNOWN_ITEM: "expenses.virement.error.UNKNOWN_ITEM",
  CROSS_CATEGORY: "expenses.virement.error.CROSS_CATEGORY",
  SOURCE_BELOW_ZERO: "expenses.virement.error.SOURCE_BELOW_ZERO",
  OVER_CAP: "expenses.virement.error.OVER_CAP",
} as const satisfies Readonly<Record<string, MessageKey>>;

function isVirementReason(reason: unknown): reason is keyof typeof VIREMENT_REASONS {
  return typeof reason === "string" && Object.hasOwn(VIREMENT_REASONS, reason);
}

const money = (text: unknown) => {
  if (typeof text !== "string") return "";
  const parsed = parseAmount(text, { scale: MONEY_SCALE });
  return parsed.ok ? formatYuan(parsed.value.toString()) : text;
};

export interface VirementDialogProps {
  readonly plan: ExpensesPlan;
  readonly onClose: () => void;
  readonly onDone: (count: number) => Promise<void> | void;
}

export function VirementDialog({ plan, onClose, onDone }: VirementDialogProps) {
  const { t, locale } = useI18n();
  const categories = plan.expenses.categories;
  const first = categories[0];
  const [categoryCode, setCategoryCode] = useState(first?.code ?? "");
  const category = categories.find((candidate) => candidate.code === categoryCode) ?? first;
  const items = category?.items ?? [];
  const [fromItemId, setFromItemId] = useState(items[0]?.itemId ?? "");
  const [toItemId, setToItemId] = useState(items[1]?.itemId ?? "");
  const [month, setMonth] = useState("");
  const [amount, setAmount] = useState("");
  const [reason, setReason] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [transfer, { loading }] = useMutation(TRANSFER_EXPENSE_MUTATION);
  const firstField = useRef<HTMLSelectElement>(null);
  const name = (named: { readonly nameZh: string; readonly nameEn: string }) =>
    locale === "zh-CN" ? named.nameZh : named.nameEn;

  const pickCategory = (code: string) => {
    setCategoryCode(code);
    const next = categories.find((candidate) => candidate.code === code)?.items ?? [];
    setFromItemId(next[0]?.itemId ?? "");
    setToItemId(next[1]?.itemId ?? "");
  };

  const submit = async () => {
    setError(null);
    const parsed = parseAmount(amount, { scale: MONEY_SCALE });
    if (!parsed.ok || !parsed.value.isPositive()) return setError(t(VIREMENT_REASONS.AMOUNT_NOT_POSITIVE));
    if (fromItemId === toItemId) return setError(t(VIREMENT_REASONS.SAME_LINE));
    if (reason.trim() === "") return setError(t(VIREMENT_REASONS.REASON_REQUIRED));
    try {
      const result = await transfer({
        variables: {
          input: {
            planId: plan.id,
            fromItemId,
            toItemId,
            month: month === "" ? null : Number(month),
            amount: parsed.value.toString(),
            reason: reason.trim(),
          },
        },
      });
      await onDone(result.data?.transferExpense.transfers.length ?? 0);
    } catch (caught) {
      const extensions = CombinedGraphQLErrors.is(caught) ? caught.errors[0]?.extensions : undefined;
      const refusal = extensions?.["reason"];
      if (isVirementReason(refusal)) {
        const params = (extensions?.["params"] ?? {}) as Record<string, unknown>;
        setError(
          t(VIREMENT_REASONS[refusal], {
            available: money(params["available"]),
            cap: money(params["cap"]),
          }),
        );
        return;
      }
      const sentence = errorSentence(caught);
      setError(t(sentence.key, sentence.params));
    }
  };

  return (
    <Dialog
      title={t("expenses.virement.title")}
      onClose={onClose}
      initialFocus={firstField}
      testId="virement-dialog"
      actions={
        <>
          <button type="button" className="button" onClick={onClose}>
            {t("expenses.virement.cancel")}
          </button>
          <button type="button" className="button" disabled={loading} onClick={() => void submit()}>
            {t("expenses.virement.submit")}
          </button>
        </>
      }
    >
      <div className="expenses-virement">
        <label>
          {t("expenses.virement.category")}
          <select ref={firstField} value={category?.code ?? ""} onChange={(event) => pickCategory(event.target.value)}>
            {categories.map((candidate) => (
              <option key={candidate.code} value={candidate.code}>
                {name(candidate)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t("expenses.virement.from")}
          <select value={fromItemId} onChange={(event) => setFromItemId(event.target.value)} data-testid="virement-from">
            {items.map((item) => (
              <option key={item.itemId} value={item.itemId}>
                {name(item)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t("expenses.virement.to")}
          <select value={toItemId} onChange={(event) => setToItemId(event.target.value)} data-testid="virement-to">
            {items.map((item) => (
              <option key={item.itemId} value={item.itemId}>
                {name(item)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t("expenses.virement.month")}
          <select value={month} onChange={(event) => setMonth(event.target.value)} data-testid="virement-month">
            <option value="">{t("expenses.virement.wholeYear")}</option>
            {MONTHS.map((candidate) => (
              <option key={candidate} value={String(candidate)}>
                {t("expenses.column.month", { month: candidate })}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t("expenses.virement.amount")}
          <input
            inputMode="decimal"
            value={amount}
            onChange={(event) => setAmount(event.target.value)}
            data-testid="virement-amount"
          />
        </label>
        <label>
          {t("expenses.virement.reason")}
          <textarea
            maxLength={500}
            value={reason}
            onChange={(event) => setReason(event.target.value)}
            data-testid="virement-reason"
          />
        </label>
        {error ? (
          <p className="notice notice--error" role="alert" data-testid="virement-error">
            {error}
          </p>
        ) : null}
      </div>
    </Dialog>
  );
}

export function TransfersList({ plan }: { readonly plan: ExpensesPlan }) {
  const { t, locale } = useI18n();
  const items = new Map(plan.expenses.categories.flatMap((category) => category.items.map((item) => [item.itemId, item])));
  const itemName = (id: string, code: string) => {
    const item = items.get(id);
    return item ? (locale === "zh-CN" ? item.nameZh : item.nameEn) : code;
  };
  return (
    <section className="expenses-transfers" aria-labelledby="expenses-transfers-title" data-testid="transfers">
      <h2 id="expenses-transfers-title">{t("expenses.transfers.title")}</h2>
      {plan.expenseTransfers.length === 0 ? (
        <p className="expenses-footnote">{t("expenses.transfers.none")}</p>
      ) : (
        <table className="data-table">
          <thead>
            <tr>
              <th scope="col">{t("expenses.transfers.when")}</th>
              <th scope="col">{t("expenses.virement.from")}</th>
              <th scope="col">{t("expenses.virement.to")}</th>
              <th scope="col">{t("expenses.virement.month")}</th>
              <th scope="col" className="number">
                {t("expenses.virement.amount")}
              </th>
              <th scope="col">{t("expenses.virement.reason")}</th>
              <th scope="col">{t("expenses.transfers.who")}</th>
            </tr>
          </thead>
          <tbody>
            {plan.expenseTransfers.map((transfer) => (
              <tr key={transfer.id} data-testid="transfer-row">
                <td>{formatBeijingTime(transfer.createdAt)}</td>
                <td>{itemName(transfer.fromItemId, transfer.fromItemCode)}</td>
                <td>{itemName(transfer.toItemId, transfer.toItemCode)}</td>
                <td>{t("expenses.column.month", { month: transfer.month })}</td>
                <td className="number">{formatYuan(transfer.amount)}</td>
                <td>{transfer.reason}</td>
                <td>{transfer.actor?.displayName ?? t("targets.conflict.system")}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
