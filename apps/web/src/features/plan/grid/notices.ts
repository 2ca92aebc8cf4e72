// The words of the grid: how a cell is named in a message, and why an action
// was refused, in the interface language (messages.ts, "grid.*").
import { periodLabel, type Locale } from "@pyramid/domain";
import type { I18n } from "../../../app/i18n/I18nProvider.js";
import type { DisplayRow, GridColumn } from "./model.js";
import type { EditProblem } from "./plan-edits.js";

type Translate = I18n["t"];

/** "金樽500ml · 直营 3月", "白酒 小计 全年 上年实际". */
export function cellName(t: Translate, locale: Locale, row: DisplayRow | undefined, column: GridColumn | undefined): string {
  if (!row || !column) return "";
  const rowName =
    row.kind === "LINE" ? t("grid.lineTotal", { line: row.line.name }) : `${row.row.specName} · ${row.row.channelName}`;
  const period = periodLabel(column.period, locale);
  const columnName = column.series === "TARGET" ? period : `${period} ${t(`grid.series.${column.series}`)}`;
  return t("grid.cellName", { row: rowName, column: columnName });
}

/** Why an action was refused (nothing was applied). */
export function problemMessage(
  t: Translate,
  problem: EditProblem,
  nameOf: (row: number, col: number) => string,
  readOnlyReason: string,
): string {
  switch (problem.code) {
    case "EMPTY_CLIPBOARD":
      return t("grid.refused.emptyClipboard");
    case "OUTSIDE":
      return t("grid.refused.outside", { rows: problem.rows, cols: problem.cols });
    case "NOT_EDITABLE":
      return problem.access === "READ_ONLY"
        ? t("grid.readOnly", { reason: readOnlyReason })
        : t(`grid.refused.${problem.access}`, { cell: nameOf(problem.row, problem.col) });
    case "HELD":
      return t("grid.refused.held", { cell: nameOf(problem.row, problem.col) });
    case "NOT_A_NUMBER":
      return t("grid.refused.notANumber", {
        cell: nameOf(problem.row, problem.col),
        reason: t(`grid.amount.${problem.reason}`, { text: problem.text, scale: problem.scale }),
      });
    case "NO_SOURCE":
      return t("grid.refused.noSource");
    case "NOTHING_TO_HOLD":
      return t("grid.refused.nothingToHold");
  }
}
