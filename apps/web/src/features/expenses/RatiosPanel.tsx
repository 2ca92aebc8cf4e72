// The ratios (费用率 and expense per unit of gross profit), in total and per
// category, for the unit's subtree, beside Y-1, Y-2 and the siblings' median.
// The plan's own figures move with what is typed and not yet saved: its
// subtree expense as the API divided it, minus the saved amounts, plus the
// typed ones, over the same sales revenue or gross profit.
import { formatPercent } from "../../app/format.js";
import { useI18n } from "../../app/i18n/I18nProvider.js";
import {
  categoryAmounts,
  liveRatio,
  type ExpenseBudget,
  type ExpenseDraft,
  type ExpensesPlan,
  type LiveAmounts,
  type RatioSet,
} from "./expense-model.js";

const NO_DRAFT: ExpenseDraft = new Map();

export interface RatiosPanelProps {
  readonly plan: ExpensesPlan;
  /** The budget as shown (with the lines the person added). */
  readonly budget: ExpenseBudget;
  readonly draft: ExpenseDraft;
  readonly savedTotal: LiveAmounts;
  readonly liveTotal: LiveAmounts;
}

export function RatiosPanel({ plan, budget, draft, savedTotal, liveTotal }: RatiosPanelProps) {
  const { t, locale } = useI18n();
  const ratios = plan.expenseRatios;
  const basis = ratios.basis.reduce<(typeof ratios.basis)[number] | null>(
    (latest, entry) => (latest === null || entry.year > latest.year ? entry : latest),
    null,
  );
  const typing = draft.size > 0;
  const percent = (ratio: string | null | undefined) => (ratio === null || ratio === undefined ? "—" : formatPercent(ratio));

  const rows: { key: string; label: string; set: RatioSet; saved: LiveAmounts; live: LiveAmounts }[] = [
    { key: "TOTAL", label: t("expenses.planTotal"), set: ratios.total, saved: savedTotal, live: liveTotal },
  ];
  for (const set of ratios.categories) {
    const category = budget.categories.find((candidate) => candidate.code === set.categoryCode);
    if (!category) continue;
    rows.push({
      key: category.code,
      label: locale === "zh-CN" ? category.nameZh : category.nameEn,
      set,
      saved: categoryAmounts(category, NO_DRAFT),
      live: categoryAmounts(category, draft),
    });
  }

  return (
    <section className="expenses-ratios" aria-labelledby="expenses-ratios-title" data-testid="ratios-panel">
      <h2 id="expenses-ratios-title">{t("expenses.ratios.title")}</h2>
      <p className="expenses-footnote">{t(typing ? "expenses.ratios.live" : "expenses.ratios.lead")}</p>
      <table className="data-table expenses-ratios__table">
        <thead>
          <tr>
            <th scope="col" rowSpan={2}>
              {t("expenses.column.item")}
            </th>
            <th scope="colgroup" colSpan={4}>
              {t("expenses.ratios.toSales")}
            </th>
            <th scope="colgroup" colSpan={4}>
              {t("expenses.ratios.perGrossProfit")}
            </th>
          </tr>
          <tr>
            {[0, 1].map((group) => (
              <FragmentHeads key={group} />
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map(({ key, label, set, saved, live }) => {
            const current = (divisor: string | undefined, api: string | null) =>
              typing && basis && divisor !== undefined ? liveRatio(set.expense, saved.total, live.total, divisor) : api;
            return (
              <tr key={key} data-testid={`ratio-${key}`}>
                <th scope="row">{label}</th>
                {[
                  { comparison: set.expenseToSales, divisor: basis?.salesRevenue },
                  { comparison: set.expensePerGrossProfit, divisor: basis?.grossProfit },
                ].map(({ comparison, divisor }, index) => (
                  <RatioCells
                    key={index}
                    testId={`ratio-${key}-${index === 0 ? "sales" : "gp"}`}
                    current={percent(current(divisor, comparison.current))}
                    lastYear={percent(comparison.lastYear.reference)}
                    yearBefore={percent(comparison.yearBefore.reference)}
                    siblings={
                      comparison.siblings.reference === null
                        ? "—"
                        : t("expenses.ratios.median", {
                            value: percent(comparison.siblings.reference),
                            count: comparison.siblingCount,
                          })
                    }
                  />
                ))}
              </tr>
            );
          })}
        </tbody>
      </table>
    </section>
  );
}

function FragmentHeads() {
  const { t } = useI18n();
  return (
    <>
      <th scope="col" className="number">
        {t("expenses.ratios.current")}
      </th>
      <th scope="col" className="number">
        {t("expenses.column.lastYear")}
      </th>
      <th scope="col" className="number">
        {t("expenses.ratios.yearBefore")}
      </th>
      <th scope="col" className="number">
        {t("expenses.ratios.siblings")}
      </th>
    </>
  );
}

function RatioCells(props: {
  readonly testId: string;
  readonly current: string;
  readonly lastYear: string;
  readonly yearBefore: string;
  readonly siblings: string;
}) {
  return (
    <>
      <td className="number" data-testid={props.testId}>
        {props.current}
      </td>
      <td className="number">{props.lastYear}</td>
      <td className="number">{props.yearBefore}</td>
      <td className="number">{props.siblings}</td>
    </>
  );
}
