// Links into the Targets tab that open a metric and focus one cell:
// /plans/CONGHUA/2027/targets?metric=SALES_REVENUE&focus=F|<spec>:3. The
// Overview's findings link here. A row is named by the grid's row key, which
// the API documents: "F|<spec id>" for a figure (no spec: "F|"),
// "B|<spec id>|<axis>|<member id>" for a breakdown.
import { planPath } from "../../app/paths.js";

export const METRIC_PARAM = "metric";
export const FOCUS_PARAM = "focus";

type Axis = "CHANNEL" | "TERMINAL" | "DISTRIBUTOR" | "TOWNSHIP";

/** A cell's coordinates, as a finding's target or a target cell carries them. */
export interface CellCoordinatesRef {
  readonly productSpecId?: string | null;
  readonly channelId?: string | null;
  readonly terminalId?: string | null;
  readonly distributorId?: string | null;
  readonly townshipId?: string | null;
}

/** The grid row that holds a cell: its breakdown axis is the first of terminal, distributor, township, channel that is set. */
export function gridRowKeyOf(coordinates: CellCoordinatesRef): string {
  const spec = coordinates.productSpecId ?? "";
  const axes: readonly [Axis, string | null | undefined][] = [
    ["TERMINAL", coordinates.terminalId],
    ["DISTRIBUTOR", coordinates.distributorId],
    ["TOWNSHIP", coordinates.townshipId],
    ["CHANNEL", coordinates.channelId],
  ];
  const breakdown = axes.find(([, id]) => id);
  return breakdown ? `B|${spec}|${breakdown[0]}|${breakdown[1]}` : `F|${spec}`;
}

export interface FocusTarget {
  readonly rowKey: string;
  readonly month: number;
}

/** `?focus=<rowKey>:<month>` → the cell, or null when it does not read as one. */
export function parseFocusParam(value: string | null): FocusTarget | null {
  if (!value) return null;
  const at = value.lastIndexOf(":");
  const rowKey = value.slice(0, at);
  const month = Number(value.slice(at + 1));
  if (at <= 0 || !/^[FB]\|/.test(rowKey) || !Number.isInteger(month) || month < 1 || month > 12) return null;
  return { rowKey, month };
}

/** The Targets tab of a plan, on a metric, optionally focused on a cell. */
export function targetsLink(
  unitCode: string,
  year: number,
  options: { readonly metricCode?: string; readonly focus?: FocusTarget | null } = {},
): string {
  const params = new URLSearchParams();
  if (options.metricCode) params.set(METRIC_PARAM, options.metricCode);
  if (options.focus) params.set(FOCUS_PARAM, `${options.focus.rowKey}:${options.focus.month}`);
  const query = params.toString();
  return `${planPath(unitCode, year, "targets")}${query ? `?${query}` : ""}`;
}
