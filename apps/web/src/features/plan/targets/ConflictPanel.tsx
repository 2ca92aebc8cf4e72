// A save that met someone else's change (TargetCellsConflict): nothing was
// written. Per cell: who changed it and when, their value beside the person's
// own, and the choice — take theirs (the edit is dropped) or keep mine (sent
// again against their version). The person's other edits stay in the grid.
import { formatBeijingTime } from "../../../app/format.js";
import { useI18n } from "../../../app/i18n/I18nProvider.js";
import { formatAmount } from "./format-amount.js";
import type { CellConflict, ConflictChoice } from "./save-plan.js";

export interface ConflictPanelProps {
  readonly conflicts: readonly CellConflict[];
  readonly onChoose: (conflict: CellConflict, choice: ConflictChoice) => void;
  readonly onSave: () => void;
  readonly saving: boolean;
  readonly canSave: boolean;
}

export function ConflictPanel({ conflicts, onChoose, onSave, saving, canSave }: ConflictPanelProps) {
  const { t } = useI18n();
  const unresolved = conflicts.filter((conflict) => conflict.choice === null).length;

  const valueText = (base: string | null, stretch: string | null | undefined, isHeld: boolean | undefined, scale: number) => {
    if (base === null) return t("targets.conflict.cleared");
    const parts = [formatAmount(base, scale)];
    if (stretch) parts.push(t("targets.conflict.stretch", { value: formatAmount(stretch, scale) }));
    if (isHeld) parts.push(t("targets.conflict.held"));
    return parts.join(" · ");
  };

  return (
    <section className="targets-conflicts" role="alert" aria-labelledby="targets-conflicts-title" data-testid="conflict-panel">
      <h2 id="targets-conflicts-title">{t("targets.conflict.title", { count: conflicts.length })}</h2>
      <p>{t("targets.conflict.lead")}</p>
      <table className="data-table targets-conflicts__table">
        <thead>
          <tr>
            <th scope="col">{t("targets.allocation.row")}</th>
            <th scope="col">{t("targets.conflict.theirs")}</th>
            <th scope="col">{t("targets.conflict.mine")}</th>
            <th scope="col">{t("targets.conflict.choice")}</th>
          </tr>
        </thead>
        <tbody>
          {conflicts.map((conflict) => {
            const { change, current, choice } = conflict;
            const { scale } = change.basis;
            const who = current
              ? t("targets.conflict.changedBy", {
                  name: current.updatedBy?.displayName ?? t("targets.conflict.system"),
                  time: formatBeijingTime(current.updatedAt),
                })
              : t("targets.conflict.deletedBy");
            const mineStretch = change.mine.stretch === undefined ? (current?.stretchValue ?? null) : change.mine.stretch;
            return (
              <tr key={change.key} data-testid="conflict-row" data-choice={choice ?? ""}>
                <th scope="row">
                  <div>{change.basis.label}</div>
                  <div className="targets-conflicts__who" data-testid="conflict-who">
                    {who}
                  </div>
                </th>
                <td className="number" data-testid="conflict-theirs">
                  {current
                    ? valueText(current.baseValue, current.stretchValue, current.isHeld, scale)
                    : t("targets.conflict.deleted")}
                </td>
                <td className="number" data-testid="conflict-mine">
                  {valueText(change.mine.base, mineStretch, change.mine.isHeld ?? current?.isHeld ?? false, scale)}
                </td>
                <td>
                  {choice === null ? (
                    <span className="targets-conflicts__actions">
                      <button type="button" className="button" onClick={() => onChoose(conflict, "THEIRS")}>
                        {t("targets.conflict.takeTheirs")}
                      </button>
                      <button type="button" className="button" onClick={() => onChoose(conflict, "MINE")}>
                        {t("targets.conflict.keepMine")}
                      </button>
                    </span>
                  ) : (
                    <span className="targets-conflicts__chosen">
                      {t(choice === "THEIRS" ? "targets.conflict.choseTheirs" : "targets.conflict.choseMine")}
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
