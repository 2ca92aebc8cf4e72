// Units of the pyramid as an indented table: status badge, children's
// progress, deadline, and key figures in 万元 (the exact 元 in the tooltip).
import { Link } from "react-router";
import { formatDay, formatWan, formatYuan, isNegativeAmount } from "../../app/format.js";
import { useI18n } from "../../app/i18n/I18nProvider.js";
import { PlanStatusBadge } from "../../components/PlanStatusBadge.js";
import type { OrgTreeNodeFieldsFragment } from "../../graphql/generated/graphql.js";

function WanCell({ amount }: { readonly amount: string }) {
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

export function OrgTreeTable({
  nodes,
  indent = true,
}: {
  readonly nodes: readonly OrgTreeNodeFieldsFragment[];
  readonly indent?: boolean;
}) {
  const { locale, t } = useI18n();
  const topDepth = Math.min(...nodes.map((node) => node.depth));
  return (
    <table className="data-table">
      <thead>
        <tr>
          <th scope="col">{t("tree.unit")}</th>
          <th scope="col">{t("tree.status")}</th>
          <th scope="col">{t("tree.progress")}</th>
          <th scope="col">{t("tree.dueOn")}</th>
          <th scope="col" className="number">
            {t("tree.salesTarget")}
          </th>
          <th scope="col" className="number">
            {t("tree.salesLastYear")}
          </th>
        </tr>
      </thead>
      <tbody>
        {nodes.map((node) => (
          <tr key={node.id} data-testid="tree-row" data-code={node.code}>
            <th scope="row" style={indent ? { paddingLeft: `${0.75 + (node.depth - topDepth) * 1.5}rem` } : undefined}>
              <Link to={`/units/${encodeURIComponent(node.code)}`}>{locale === "en" ? node.nameEn : node.nameZh}</Link>{" "}
              <span className="unit-code">{node.code}</span>
            </th>
            <td>
              <PlanStatusBadge status={node.plan?.status ?? null} />
            </td>
            <td data-testid="tree-progress">
              {node.children.total > 0
                ? t("tree.progressValue", {
                    submitted: node.children.submitted,
                    total: node.children.total,
                    approved: node.children.approved,
                  })
                : "—"}
            </td>
            <td className={node.overdue ? "error-text" : undefined}>
              {node.dueOn ? formatDay(node.dueOn, locale) : "—"}
              {node.overdue ? ` · ${t("tasks.overdue")}` : null}
            </td>
            <WanCell amount={node.figures.salesTarget} />
            <WanCell amount={node.figures.salesLastYear} />
          </tr>
        ))}
      </tbody>
    </table>
  );
}
