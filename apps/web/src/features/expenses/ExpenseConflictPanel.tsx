// A save that met someone else's change (ExpenseCellsConflict): nothing was
// written. Per line: who changed it and when, their amount beside the one the
// person typed, and the choice — take theirs (the typing is dropped) or keep
// mine (sent again, against their version). Other typed lines stay.
import { formatBeijingTime, formatYuan } from "../../app/format.js";
import { useI18n } from "../../app/i18n/I18nProvider.js";
import type { SaveExpenseCellsMutation } from "../../graphql/generated/graphql.js";
import { readTyped } from "./expense-model.js";
import "../plan/targets/targets.css";

type ConflictAnswer = Extract<SaveExpenseCellsMutation["saveExpenseCells"], { __typename: "ExpenseCellsConflict" }>;

export interface ExpenseConflict {
  readonly key: string;
  readonly conflict: ConflictAnswer["conflicts"][number];
  /** What the person had typed. */
  readonly mine: string;
  readonly choice: "THEIRS" | "MINE" | null;
}

export interface ExpenseConflictPanelProps {
  readonly conflicts: readonly ExpenseConflict[];
  readonly labelOf: (conflict: ExpenseConflict["conflict"]) => string;
  readonly onChoose: (conflict: ExpenseConflict, choice: "THEIRS" | "MINE") => void;
  readonly onSave: () => void;
  readonly saving: boolean;
  readonly canSave: boolean;
}

export function ExpenseConflictPanel({ conflicts, labelOf, onChoose, onSave, saving, canSave }: ExpenseConflictPanelProps) {
  const { t } = useI18n();
  const unresolved = conflicts.filter((conflict) => conflict.choice === null).length;
  const mineText = (typed: string) => {
    const read = readTyped(typed);
    if (read.kind === "EMPTY") return t("targets.conflict.cleared");
    return read.kind === "AMOUNT" ? formatYuan(read.value.toString()) : typed;
  };
  return (
    <section className="targets-conflicts" role="alert" aria-labelledby="expenses-conflicts-title" data-testid="conflict-panel">
      <h2 id="expenses-conflicts-title">{t("targets.conflict.title", { count: conflicts.length })}</h2>
      <p>{t("targets.conflict.lead")}</p>
      <table className="data-table targets-conflicts__table">
        <thead>
          <tr>
            <th scope="col">{t("expenses.column.item")}</th>
            <th scope="col">{t("targets.conflict.theirs")}</th>
            <th scope="col">{t("targets.conflict.mine")}</th>
            <th scope="col">{t("targets.conflict.choice")}</th>
          </tr>
        </thead>
        <tbody>
          {conflicts.map((entry) => {
            const { current } = entry.conflict;
            const who = current
              ? t("targets.conflict.changedBy", {
                  name: current.updatedBy?.displayName ?? t("targets.conflict.system"),
                  time: formatBeijingTime(current.updatedAt),
                })
              : t("targets.conflict.deletedBy");
            return (
              <tr key={entry.key} data-testid="conflict-row" data-choice={entry.choice ?? ""}>
                <th scope="row">
                  <div>{labelOf(entry.conflict)}</div>
                  <div className="targets-conflicts__who" data-testid="conflict-who">
                    {who}
                  </div>
                </th>
                <td className="number" data-testid="conflict-theirs">
                  {current ? formatYuan(current.amount) : t("targets.conflict.deleted")}
                </td>
                <td className="number" data-testid="conflict-mine">
                  {mineText(entry.mine)}
                </td>
                <td>
                  {entry.choice === null ? (
                    <span className="targets-conflicts__actions">
                      <button type="button" className="button" onClick={() => onChoose(entry, "THEIRS")}>
                        {t("targets.conflict.takeTheirs")}
                      </button>
                      <button type="button" className="button" onClick={() => onChoose(entry, "MINE")}>
                        {t("targets.conflict.keepMine")}
                      </button>
                    </span>
                  ) : (
                    <span className="targets-conflicts__chosen">
                      {t(entry.choice === "THEIRS" ? "targets.conflict.choseTheirs" : "targets.conflict.choseMine")}
                    </span>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <div className="targets-conflicts__footer">
        {unresolved > 0 ? <span>{t("targets.conflict.unresolved", { count: unresolved })}</span> : null}
        <button type="button" className="button" disabled={!canSave || saving} onClick={onSave}>
          {saving ? t("targets.saving") : t("targets.conflict.saveNow")}
        </button>
      </div>
    </section>
  );
}
