// The cells a unit shows in the navigator, the search results and the unit
// page's children: plan status, children's progress, deadline (and overdue),
// and key figures in 万元 with the exact 元 in the tooltip.
import { formatDay, formatWan, formatYuan, isNegativeAmount } from "../../app/format.js";
import { useI18n } from "../../app/i18n/I18nProvider.js";
import { PlanStatusBadge } from "../../components/PlanStatusBadge.js";
import type { TreeNode } from "./tree-model.js";
import "./org.css";

export function WanCell({ amount }: { readonly amount: string }) {
  const { t } = useI18n();
  return (
    <td
      className={`number${isNegativeAmount(amount) ? " number--negative" : ""}`}
      title={t("unit.exactYuan", { amount: formatYuan(amount) })}
    >
      {formatWan(amount)}
    </td>
  );
}

/** Status, progress and deadline: three cells. */
export function UnitStateCells({ node }: { readonly node: TreeNode }) {
  const { locale, t } = useI18n();
  const { total, submitted, approved } = node.children;
  return (
    <>
      <td>
        <PlanStatusBadge status={node.plan?.status ?? null} stale={Boolean(node.plan?.staleSince)} />
      </td>
      <td data-testid="tree-progress">
        {total > 0 ? (
          <span className="progress" title={t("tree.progressValue", { submitted, total, approved })}>
            <span className="progress__text">{t("tree.progressValue", { submitted, total, approved })}</span>
            <span className="progress__bar" aria-hidden="true">
              <span className="progress__approved" style={{ width: `${(approved / total) * 100}%` }} />
              <span className="progress__submitted" style={{ width: `${((submitted - approved) / total) * 100}%` }} />
            </span>
          </span>
        ) : (
          "—"
        )}
      </td>
      <td className={node.overdue ? "unit-due error-text" : "unit-due"} data-testid="tree-due">
        {node.dueOn ? formatDay(node.dueOn, locale) : "—"}
        {node.overdue ? (
          <>
            {" · "}
            <strong className="overdue-flag">{t("tasks.overdue")}</strong>
          </>
        ) : null}
      </td>
    </>
  );
}

/** Sales target, last year and planned expenses: three cells. */
export function KeyFigureCells({ node }: { readonly node: TreeNode }) {
  return (
    <>
      <WanCell amount={node.figures.salesTarget} />
      <WanCell amount={node.figures.salesLastYear} />
      <WanCell amount={node.figures.expenseTotal} />
    </>
  );
}

/** The column headers that go with UnitStateCells and KeyFigureCells. */
export function UnitColumnHeaders() {
  const { t } = useI18n();
  return (
    <>
      <th scope="col">{t("tree.status")}</th>
      <th scope="col">{t("tree.progress")}</th>
      <th scope="col">{t("tree.dueOn")}</th>
      <th scope="col" className="number">
        {t("tree.salesTarget")}
      </th>
      <th scope="col" className="number">
        {t("tree.salesLastYear")}
      </th>
      <th scope="col" className="number">
        {t("tree.expenseTotal")}
      </th>
    </>
  );
}
