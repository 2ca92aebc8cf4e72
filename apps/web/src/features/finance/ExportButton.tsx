// The export links beside a table of budget or target figures (the Expenses tab, the targets
// grid, the review board): XLSX and CSV of the same figures for the unit's subtree, in the
// cycle on screen and the header language of the interface, straight from GET /exports/…
// (the browser shows its own download progress; the Finance page shows its own).
import { useI18n } from "../../app/i18n/I18nProvider.js";
import { useOutletContext } from "react-router";
import type { ShellOutletContext } from "../../app/shell/cycle.js";
import { exportUrl, type ExportFileBasis, type ExportFileKind } from "./export-download.js";
import "./finance.css";

export interface ExportButtonProps {
  readonly kind: ExportFileKind;
  /** The top of the exported subtree. */
  readonly unitCode: string;
  /** The basis of the figures on screen. */
  readonly basis: ExportFileBasis;
  /** The cycle's code; the cycle on screen when absent. */
  readonly cycleCode?: string;
}

export function ExportButton({ kind, unitCode, basis, cycleCode }: ExportButtonProps) {
  const { t, locale } = useI18n();
  // Outside the shell (a component test) there is no cycle on screen: then only cycleCode counts.
  const selected = useOutletContext<ShellOutletContext | undefined>()?.cycle ?? null;
  const cycle = cycleCode ?? selected?.code;
  if (!cycle || unitCode === "") return null;
  const title = t("export.button.title", { what: t(`export.what.${kind}`), basis: t(`export.basis.${basis}`) });
  const url = (format: "xlsx" | "csv") => exportUrl({ kind, format, cycle, unit: unitCode, basis, locale });
  return (
    <span className="export-buttons" data-testid={`export-${kind}`}>
      <a className="button button--secondary" href={url("xlsx")} download title={title} data-format="xlsx">
        {t("export.button.xlsx")}
      </a>
      <a className="button button--secondary" href={url("csv")} download title={title} data-format="csv">
        {t("export.button.csv")}
      </a>
    </span>
  );
}
