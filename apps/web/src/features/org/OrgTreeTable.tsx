// Units as a flat table (the unit page's children): each with its status
// badge, children's progress, deadline, and key figures in 万元.
import { Link } from "react-router";
import { useI18n } from "../../app/i18n/I18nProvider.js";
import { unitPath } from "../../app/paths.js";
import { useCyclePath } from "../../app/shell/cycle.js";
import { KeyFigureCells, UnitColumnHeaders, UnitStateCells } from "./OrgUnitCells.js";
import type { TreeNode } from "./tree-model.js";

export function OrgTreeTable({ nodes, label }: { readonly nodes: readonly TreeNode[]; readonly label: string }) {
  const { locale, t } = useI18n();
  const cyclePath = useCyclePath();
  return (
    <div className="table-scroll">
      <table className="data-table" aria-label={label}>
        <thead>
          <tr>
            <th scope="col">{t("tree.unit")}</th>
            <UnitColumnHeaders />
          </tr>
        </thead>
        <tbody>
          {nodes.map((node) => (
            <tr key={node.id} data-testid="tree-row" data-code={node.code}>
              <th scope="row">
                <Link to={cyclePath(unitPath(node.code))}>{locale === "en" ? node.nameEn : node.nameZh}</Link>{" "}
                <span className="unit-code">{node.code}</span>
              </th>
              <UnitStateCells node={node} />
              <KeyFigureCells node={node} />
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
