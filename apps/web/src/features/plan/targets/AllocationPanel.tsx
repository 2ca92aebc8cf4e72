// The split check (分解核对): every breakdown the grid holds, against the figure
// it details — what is still to allocate in each month it covers (or by how
// much it goes over), or that it adds up. A month that does not add up links
// to the figure's cell in the grid, where it is flagged too.
import { periodLabel } from "@pyramid/domain";
import { useI18n } from "../../../app/i18n/I18nProvider.js";
import type { Allocation } from "./allocation.js";
import { formatAmount } from "./format-amount.js";
import type { GridView } from "./grid-view.js";

export interface AllocationPanelProps {
  readonly allocations: readonly Allocation[];
  readonly view: GridView;
  readonly onFocus: (rowKey: string, month: number) => void;
}

export function AllocationPanel({ allocations, view, onFocus }: AllocationPanelProps) {
  const { t, locale } = useI18n();
  return (
    <section className="targets-allocation" aria-labelledby="targets-allocation-title" data-testid="allocation-panel">
      <h2 id="targets-allocation-title">{t("targets.allocation.title")}</h2>
      <p className="targets-allocation__lead">{t("targets.allocation.lead")}</p>
      <table className="data-table">
        <thead>
          <tr>
            <th scope="col">{t("targets.allocation.row")}</th>
            <th scope="col">{t("targets.allocation.axis")}</th>
            <th scope="col">{t("targets.allocation.status")}</th>
          </tr>
        </thead>
        <tbody>
          {allocations.map((allocation) => (
            <tr
              key={`${allocation.figureRowKey}|${allocation.axis}`}
              data-testid="allocation-row"
              data-balanced={allocation.balanced}
            >
              <th scope="row">{view.rows.get(allocation.figureRowKey)?.name ?? allocation.figureRowKey}</th>
              <td>{t(`targets.axis.${allocation.axis}`)}</td>
              <td>
                {allocation.balanced ? (
                  <span className="targets-allocation__ok">{t("targets.allocation.balanced")}</span>
                ) : (
                  <ul className="targets-allocation__gaps">
                    {allocation.months
                      .filter((month) => !month.balanced)
                      .map((month) => {
                        const monthName = periodLabel({ kind: "MONTH", index: month.month }, locale);
                        const text =
                          month.remaining === null
                            ? t("targets.allocation.noFigure", {
                                month: monthName,
                                amount: formatAmount(month.allocated, view.scale),
                              })
                            : month.remaining.startsWith("-")
                              ? t("targets.allocation.over", {
                                  month: monthName,
                                  amount: formatAmount(month.remaining.slice(1), view.scale),
                                })
                              : t("targets.allocation.remaining", {
                                  month: monthName,
                                  amount: formatAmount(month.remaining, view.scale),
                                });
                        return (
                          <li key={month.month}>
                            <button
                              type="button"
                              className="link-button"
                              onClick={() => onFocus(allocation.figureRowKey, month.month)}
                            >
                              {text}
                            </button>
                          </li>
                        );
                      })}
                  </ul>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
