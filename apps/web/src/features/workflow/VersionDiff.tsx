// Two versions side by side: every value that differs (before, after, the change; a
// value only on one side is added or removed) and every section whose text differs,
// the older text beside the newer. Amounts as UI.md writes them (1,234.50; negative red).
import { useI18n } from "../../app/i18n/I18nProvider.js";
import { formatYuan, isNegativeAmount } from "../../app/format.js";

export interface VersionDiffData {
  readonly from: { readonly number: number };
  readonly to: { readonly number: number };
  readonly cells: readonly {
    readonly kind: "TARGET_BASE" | "TARGET_STRETCH" | "EXPENSE";
    readonly metricId?: string | null;
    readonly itemId?: string | null;
    readonly month: number;
    readonly dimensionKey: string;
    readonly before?: string | null;
    readonly after?: string | null;
    readonly delta: string;
  }[];
  readonly sections: readonly { readonly code: string; readonly before?: string | null; readonly after?: string | null }[];
}

export interface VersionDiffProps {
  readonly diff: VersionDiffData;
  /** A metric's (or expense item's) name by id; the id itself when unknown. */
  readonly nameOf: (id: string) => string;
}

const amount = (value: string | null | undefined, empty: string) =>
  value === null || value === undefined ? (
    <span className="diff__empty">{empty}</span>
  ) : (
    <span className={isNegativeAmount(value) ? "amount amount--negative" : "amount"}>{formatYuan(value)}</span>
  );

export function VersionDiff({ diff, nameOf }: VersionDiffProps) {
  const { t } = useI18n();
  const none = t("workflow.diff.empty");
  if (diff.cells.length === 0 && diff.sections.length === 0) return <p data-testid="diff-none">{t("workflow.diff.none")}</p>;
  return (
    <div className="version-diff" data-testid="version-diff">
      {diff.cells.length > 0 ? (
        <table className="version-diff__cells">
          <caption>{t("workflow.diff.cells")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("workflow.diff.cell")}</th>
              <th scope="col">{t("workflow.diff.value")}</th>
              <th scope="col" className="num">
                {t("workflow.versions.number", { number: diff.from.number })}
              </th>
              <th scope="col" className="num">
                {t("workflow.versions.number", { number: diff.to.number })}
              </th>
              <th scope="col" className="num">
                {t("workflow.diff.change")}
              </th>
            </tr>
          </thead>
          <tbody>
            {diff.cells.map((cell) => {
              const subject = cell.metricId ?? cell.itemId ?? "";
              return (
                <tr key={`${cell.kind}|${subject}|${cell.month}|${cell.dimensionKey}`} data-testid="diff-cell">
                  <th scope="row">
                    {nameOf(subject)} · {t("workflow.diff.month", { month: cell.month })}
                    {cell.dimensionKey === "" ? null : <span className="diff__key"> · {cell.dimensionKey}</span>}
                  </th>
                  <td>{t(`workflow.diff.kind.${cell.kind}`)}</td>
                  <td className="num">{amount(cell.before, none)}</td>
                  <td className="num">{amount(cell.after, none)}</td>
                  <td className="num">{amount(cell.delta, none)}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      ) : null}
      {diff.sections.length > 0 ? (
        <section className="version-diff__sections">
          <h3>{t("workflow.diff.sections")}</h3>
          {diff.sections.map((section) => (
            <div key={section.code} className="version-diff__section" data-testid="diff-section" data-section={section.code}>
              <h4>{section.code}</h4>
              <div className="version-diff__side-by-side">
                <pre aria-label={t("workflow.versions.number", { number: diff.from.number })}>{section.before ?? none}</pre>
                <pre aria-label={t("workflow.versions.number", { number: diff.to.number })}>{section.after ?? none}</pre>
              </div>
            </div>
          ))}
        </section>
      ) : null}
    </div>
  );
}
