// The API's grid of one metric (targetGrid) as the targets grid takes it:
// product lines of rows (the unit's figure without a spec first, then each
// spec's figure row followed by its breakdown rows), the stored cells of the
// base and the stretch variant, and the history beside them. Plain data, no
// React: the page memoises it per answer.
import type { CellDimensions } from "@pyramid/domain";
import type { BreakdownAxis, PlanTargetGridQuery, PlanTargetsSetupQuery } from "../../../graphql/generated/graphql.js";
import { cellKey, type GridCellInput, type GridHistoryInput, type GridLine, type GridRowSpec } from "../grid/index.js";

export type TargetGridData = PlanTargetGridQuery["plan"]["targetGrid"];
export type PlanCatalogue = PlanTargetsSetupQuery["plan"]["catalogue"];
type ApiRow = TargetGridData["rows"][number];
export type ApiCell = NonNullable<ApiRow["months"][number]["cell"]>;

/** The id of the line that holds the unit's figure without a spec (and its breakdowns). */
export const NO_SPEC_LINE = "no-spec";

export interface GridViewLabels {
  /** The line of the unit's figure without a spec: "不分品规". */
  readonly noSpec: string;
  /** The second label of a figure row: "合计". */
  readonly figure: string;
  readonly axis: Readonly<Record<BreakdownAxis, string>>;
}

/** What the page needs of a row besides what the grid shows. */
export interface GridRowInfo {
  readonly key: string;
  readonly breakdown: boolean;
  readonly axis: BreakdownAxis | null;
  readonly productSpecId: string | null;
  readonly dimensions: CellDimensions;
  /** The canonical key of the dimensions (the API's and @pyramid/domain's cellDimensionKey). */
  readonly dimensionKey: string;
  /** "金樽·三十年 500ml×6" or "金樽·三十年 500ml×6 · 终端 百佳超市": a name for messages. */
  readonly name: string;
}

export interface GridView {
  readonly metricId: string;
  readonly scale: number;
  readonly lines: readonly GridLine[];
  readonly rows: ReadonlyMap<string, GridRowInfo>;
  /** The stored cells as the grid takes them: base values, and stretch values (the base where a cell has none). */
  readonly cells: { readonly BASE: readonly GridCellInput[]; readonly STRETCH: readonly GridCellInput[] };
  readonly history: readonly GridHistoryInput[];
  /** The stored cell at each cell key (grid's cellKey(rowKey, month)). */
  readonly stored: ReadonlyMap<string, ApiCell>;
}

type Locale = "zh-CN" | "en";

export function memberName(
  catalogue: PlanCatalogue,
  axis: BreakdownAxis | null,
  memberId: string | null,
  locale: Locale,
): string {
  if (memberId === null) return "";
  const named = (item: { nameZh: string; nameEn: string } | undefined) =>
    item ? (locale === "en" ? item.nameEn : item.nameZh) : null;
  switch (axis) {
    case "CHANNEL":
      return named(catalogue.channels.find((channel) => channel.id === memberId)) ?? memberId;
    case "TOWNSHIP":
      return named(catalogue.townships.find((township) => township.id === memberId)) ?? memberId;
    case "TERMINAL": {
      const terminal = catalogue.terminals.find((candidate) => candidate.id === memberId);
      return terminal ? `${terminal.name} (${terminal.classCode})` : memberId;
    }
    case "DISTRIBUTOR":
      return catalogue.distributors.find((distributor) => distributor.id === memberId)?.name ?? memberId;
    default:
      return memberId;
  }
}

function dimensionsOf(coordinates: ApiRow["coordinates"]): CellDimensions {
  const dimensions: Record<string, string> = {};
  for (const field of ["productSpecId", "channelId", "terminalId", "distributorId", "townshipId"] as const) {
    const value = coordinates[field];
    if (value) dimensions[field] = value;
  }
  return dimensions;
}

export function buildGridView(grid: TargetGridData, catalogue: PlanCatalogue, locale: Locale, labels: GridViewLabels): GridView {
  const specs = new Map(catalogue.productLines.flatMap((line) => line.specs.map((spec) => [spec.id, spec] as const)));
  const specName = (id: string | null) => {
    const spec = id === null ? undefined : specs.get(id);
    return spec ? (locale === "en" ? spec.nameEn : spec.nameZh) : id === null ? labels.noSpec : id;
  };
  const rowsByLine = new Map<string, GridRowSpec[]>();
  const rows = new Map<string, GridRowInfo>();
  const base: GridCellInput[] = [];
  const stretch: GridCellInput[] = [];
  const history: GridHistoryInput[] = [];
  const stored = new Map<string, ApiCell>();

  for (const row of grid.rows) {
    const breakdown = row.kind === "BREAKDOWN";
    const dimensions = dimensionsOf(row.coordinates);
    const spec = specName(row.productSpecId);
    const member = breakdown ? memberName(catalogue, row.axis, row.memberId, locale) : "";
    const axisLabel = row.axis ? labels.axis[row.axis] : "";
    const gridRow: GridRowSpec = {
      key: row.key,
      specName: breakdown ? member : spec,
      channelName: breakdown ? axisLabel : labels.figure,
      dimensions,
      breakdown,
    };
    const lineId =
      row.productSpecId === null ? NO_SPEC_LINE : (row.productLineId ?? specs.get(row.productSpecId)?.lineId ?? NO_SPEC_LINE);
    let lineRows = rowsByLine.get(lineId);
    if (!lineRows) rowsByLine.set(lineId, (lineRows = []));
    lineRows.push(gridRow);
    rows.set(row.key, {
      key: row.key,
      breakdown,
      axis: row.axis,
      productSpecId: row.productSpecId,
      dimensions,
      dimensionKey: row.coordinates.dimensionKey,
      name: breakdown ? `${spec} · ${axisLabel} ${member}` : spec,
    });
    for (const slot of row.months) {
      const { cell } = slot;
      if (cell) {
        stored.set(cellKey(row.key, slot.month), cell);
        const common = { rowKey: row.key, month: slot.month, version: cell.version, isHeld: cell.isHeld };
        base.push({ ...common, value: cell.baseValue });
        stretch.push({ ...common, value: cell.stretchValue ?? cell.baseValue });
      }
      if (slot.lastYear || slot.yearBefore !== null) {
        history.push({
          rowKey: row.key,
          month: slot.month,
          lastYear: slot.lastYear?.value ?? null,
          lastYearEstimated: slot.lastYear?.estimated ?? false,
          yearBefore: slot.yearBefore,
        });
      }
    }
  }

  const lines: GridLine[] = [];
  const noSpecRows = rowsByLine.get(NO_SPEC_LINE);
  if (noSpecRows) lines.push({ id: NO_SPEC_LINE, name: labels.noSpec, rows: noSpecRows });
  for (const line of catalogue.productLines) {
    const lineRows = rowsByLine.get(line.id);
    if (lineRows) lines.push({ id: line.id, name: locale === "en" ? line.nameEn : line.nameZh, rows: lineRows });
  }
  return {
    metricId: grid.metric.id,
    scale: grid.metric.scale,
    lines,
    rows,
    cells: { BASE: base, STRETCH: stretch },
    history,
    stored,
  };
}
