// The split itself, pure: a block of cells as the plan holds them (values, versions,
// holds, last year with its estimate, the year before) and the planner's input in, every
// cell's new value with its explanation out. The dividing is the engine's (splitGrid for
// rows × months with every margin exact, splitValue for one-dimensional splits with cell
// bounds and for MANUAL); this file only says what to divide, by which weights, and why.
//
// Orientation: rows are the block's specs (figures) or members (a breakdown), columns its
// months. FIGURES turns it round: each month's figure is a held row, its members the
// columns, so every month's breakdown adds up to its figure exactly.
//
// A gap (GUIDANCE_GAP) is split in "share space": every value the engine sees is the cell's
// value less its current value (held cells therefore take no share), and the new value is
// the current one plus the share.
import {
  Fixed,
  parseAmount,
  parseTargetValue,
  seasonalCurveFromPercents,
  splitGrid,
  splitValue,
  twoYearAverage,
  type BreakdownAxis,
  type CellDimensionColumns,
  type GridCellExplanation,
  type GridSplitError,
  type SeasonalCurve,
  type SplitCell,
  type SplitMethod,
  type SplitWarning,
} from "@pyramid/domain";
import { DomainError, type ErrorParams } from "../../errors.js";
import {
  explainCell,
  grouped,
  marginsText,
  type Bilingual,
  type CellReason,
  type FreeFormula,
  type MarginsShape,
} from "./plan-split.explain.js";
import type { SplitFigureKind, SplitInput, SplitMethodInput, SplitMethodKind } from "./plan-split.input.js";

// ------------------------------------------------------------------ the block as read

/** A row of the block: a spec's figures, or one member of a breakdown axis. */
export interface BlockRow {
  readonly productSpecId: string | null;
  /** The channel, terminal, distributor or township of a breakdown row. */
  readonly memberId: string | null;
}

/** One cell of the block (stored or not) with what the split may read of it. */
export interface BlockCell {
  readonly dimensions: CellDimensionColumns;
  readonly cellId: string | null;
  readonly version: number | null;
  /** The stored base value at the metric's scale; null when there is no cell. */
  readonly current: Fixed | null;
  readonly storedHeld: boolean;
  readonly lastYear: Fixed | null;
  readonly lastYearEstimated: boolean;
  readonly yearBefore: Fixed | null;
}

/** A figure a breakdown block details (FIGURES), read but never written. */
export interface FigureCell {
  readonly month: number;
  readonly dimensions: CellDimensionColumns;
  readonly cellId: string | null;
  readonly version: number | null;
  readonly current: Fixed | null;
}

export interface BlockState {
  /** The value scale: the metric's decimals, at most the stored two. */
  readonly scale: number;
  /** The metric's own decimals (what the one parse function holds typed values to). */
  readonly metricScale: number;
  readonly axis: BreakdownAxis | null;
  readonly rows: readonly BlockRow[];
  /** Ascending. */
  readonly months: readonly number[];
  /** Row-major: cells[r × months.length + c]. */
  readonly cells: readonly BlockCell[];
  /** The spec's figures of the block's months (breakdown blocks), in month order. */
  readonly figures: readonly FigureCell[] | null;
  /** HQ's guidance for the unit and metric, if any. */
  readonly guidance: Fixed | null;
  /** The plan's current total of the metric: every figure, every month. */
  readonly planTotal: Fixed;
}

// ------------------------------------------------------------------ the outcome

export type SplitCellStatus = "FREE" | "HELD" | "MIN" | "MAX" | "MANUAL";

export interface OutcomeCell {
  readonly value: Fixed;
  readonly status: SplitCellStatus;
  /** Apply writes it: its value changes, or it is new. */
  readonly write: boolean;
  /** What the method divided by for this cell (null for EVEN, a curve, held and MANUAL cells). */
  readonly reference: Fixed | null;
  readonly explanation: Bilingual;
}

export interface SplitNotice {
  readonly code: string;
  readonly message: Bilingual;
  readonly params: ErrorParams;
}

export interface SplitOutcome {
  readonly figureKind: SplitFigureKind;
  /** What was split: the amount, the current total, the gap, or the sum of the figures. */
  readonly figure: Fixed;
  readonly guidance: Fixed | null;
  readonly planTotal: Fixed | null;
  readonly method: SplitMethodKind;
  readonly rowMethod: SplitMethodKind | null;
  readonly margins: Bilingual;
  /** Parallel to the block's cells. */
  readonly cells: readonly OutcomeCell[];
  /** The figure less what the split gave out (only MANUAL leaves any). */
  readonly remainder: Fixed;
  readonly notices: readonly SplitNotice[];
}

// ------------------------------------------------------------------ input, resolved

interface ResolvedMethod {
  readonly kind: SplitMethodKind;
  readonly curve: SeasonalCurve | null;
  /** A decimal rate ("0.150000"). */
  readonly growth: string | null;
}

interface Setting {
  readonly index: number;
  readonly held: boolean | null;
  readonly value: Fixed | null;
  readonly min: Fixed | null;
  readonly max: Fixed | null;
  readonly growth: string | null;
}

function refuse(reason: string, message: string, params: ErrorParams = {}): DomainError {
  return new DomainError("VALIDATION_FAILED", message, { reason, params });
}

/** A typed amount at the value scale, by the one parse function (parseTargetValue). */
function amountOf(text: string, state: BlockState, field: string, index?: number): Fixed {
  const parsed = parseTargetValue(text, state.metricScale);
  if (!parsed.ok) {
    throw refuse(parsed.code, `${field}: ${parsed.message}.`, {
      field,
      value: text,
      scale: parsed.scale,
      ...(index === undefined ? {} : { index }),
    });
  }
  return parsed.value.rescale(state.scale);
}

/** A percentage as typed ("15", "-2.5", "８％") → the decimal rate the engine takes ("0.150000"). */
function rateOf(text: string, field: string, index?: number): string {
  const parsed = parseAmount(text.replace(/\s*[%％]\s*$/, ""), { scale: 4 });
  if (!parsed.ok) {
    throw refuse("INVALID_GROWTH", `${field}: ${parsed.message}.`, {
      field,
      value: text,
      ...(index === undefined ? {} : { index }),
    });
  }
  return Fixed.fromUnits(parsed.value.units, 6).toString();
}

function resolveMethod(method: SplitMethodInput, field: string): ResolvedMethod {
  let curve: SeasonalCurve | null = null;
  if (method.kind === "SEASONAL_CURVE") {
    const result = seasonalCurveFromPercents("INPUT", "输入的季节性曲线", "the curve given", method.curve ?? []);
    if (!result.ok) {
      const problem = result.error;
      const detail =
        problem.code === "CURVE_NOT_100_PERCENT"
          ? `its months total ${problem.percentTotal.toString()} %, not 100 %`
          : problem.code === "CURVE_BAD_PERCENT"
            ? `month ${problem.month}: "${problem.text}" is not a percentage with at most 4 decimals`
            : problem.code === "CURVE_NEGATIVE_MONTH"
              ? `month ${problem.month} is negative`
              : problem.code === "CURVE_MONTHS"
                ? `it has ${problem.months} months, not 12`
                : "every month is zero";
      throw refuse("INVALID_CURVE", `${field}.curve: ${detail}.`, {
        field: `${field}.curve`,
        problem: problem.code,
        ...("month" in problem ? { month: problem.month } : {}),
        ...("percentTotal" in problem ? { percentTotal: problem.percentTotal.toString() } : {}),
      });
    }
    curve = result.curve;
  }
  const growth = method.growthPercent == null ? null : rateOf(method.growthPercent, `${field}.growthPercent`);
  return { kind: method.kind, curve, growth };
}

function engineMethod(method: ResolvedMethod): SplitMethod {
  switch (method.kind) {
    case "EVEN":
      return { kind: "EVEN" };
    case "LAST_YEAR":
      return { kind: "PROPORTIONAL", basis: "LAST_YEAR_ACTUAL" };
    case "TWO_YEAR_AVERAGE":
      return { kind: "PROPORTIONAL", basis: "TWO_YEAR_AVERAGE" };
    case "CURRENT_VALUES":
      return { kind: "PROPORTIONAL", basis: "CURRENT_VALUES" };
    case "SEASONAL_CURVE":
      return { kind: "SEASONAL", curve: method.curve! };
    case "GROWTH":
      return { kind: "GROWTH", basis: "LAST_YEAR_ACTUAL", ...(method.growth === null ? {} : { growth: method.growth }) };
    case "MANUAL":
      return { kind: "MANUAL" };
  }
}

const EVEN: ResolvedMethod = { kind: "EVEN", curve: null, growth: null };
const LAST_YEAR: ResolvedMethod = { kind: "LAST_YEAR", curve: null, growth: null };
const USES_LAST_YEAR = new Set<SplitMethodKind>(["LAST_YEAR", "TWO_YEAR_AVERAGE", "GROWTH"]);

const monthKey = (month: number) => `m${String(month).padStart(2, "0")}`;
const NO_SPEC_KEY = "(none)";

// ------------------------------------------------------------------ the split

/** A hold in value space: `kept` for a MANUAL cell given no value. */
interface Hold {
  readonly value: Fixed;
  readonly kept: boolean;
}

/** Everything the three ways of splitting share: the block, the input resolved, and helpers. */
interface Prepared {
  readonly state: BlockState;
  readonly zero: Fixed;
  readonly rowKeys: readonly string[];
  readonly at: (r: number, c: number) => number;
  readonly describeKey: (key: string | null | undefined) => ErrorParams;
  readonly cellSettings: ReadonlyMap<number, Setting>;
  readonly rowSettings: ReadonlyMap<number, Setting>;
  readonly method: ResolvedMethod;
  /** The rows' (or, FIGURES, the members') method: given, else the months' (last year for a curve). */
  readonly acrossMethod: ResolvedMethod;
  readonly gap: boolean;
  readonly holds: readonly (Hold | null)[];
  readonly manual: readonly (Fixed | null)[];
  /** What is split, in share space for a gap. */
  readonly figure: Fixed;
  /** FIGURES: each month's figure. */
  readonly figureRows: readonly Fixed[] | null;
}

/** What one way of splitting gives, cell by cell in share space. */
interface Divided {
  readonly parts: readonly Fixed[];
  readonly statuses: readonly SplitCellStatus[];
  readonly reasons: readonly CellReason[];
  readonly references: readonly (Fixed | null)[];
  readonly remainder: Fixed;
  readonly margins: MarginsShape;
  readonly rowMethod: SplitMethodKind | null;
  /** The methods that divided something (for the notice on estimated months). */
  readonly methodsUsed: readonly SplitMethodKind[];
}

/**
 * Splits as `input` says over the block as it is. Throws VALIDATION_FAILED (with the
 * engine's refusal code as the reason) when the split cannot be made.
 */
export function computeSplit(state: BlockState, input: SplitInput): SplitOutcome {
  const prepared = prepare(state, input);
  const anyBounds = [...prepared.cellSettings.values()].some((setting) => setting.min !== null || setting.max !== null);
  const divided =
    prepared.method.kind === "MANUAL" || anyBounds
      ? divideCellByCell(prepared)
      : input.figure.kind === "FIGURES"
        ? divideFigures(prepared)
        : divideGrid(prepared);
  return finish(prepared, input.figure.kind, divided);
}

function prepare(state: BlockState, input: SplitInput): Prepared {
  const { scale, rows, months, cells, axis } = state;
  const zero = Fixed.zero(scale);
  const monthCount = months.length;
  const at = (r: number, c: number) => r * monthCount + c;
  const rowKeys = rows.map((row) => (axis === null ? (row.productSpecId ?? NO_SPEC_KEY) : row.memberId!));
  // What each engine key names, for the params of a refusal.
  const keyParams = new Map<string, ErrorParams>();
  const rowParams = (r: number): ErrorParams => ({
    ...(rows[r]!.productSpecId === null ? {} : { productSpecId: rows[r]!.productSpecId! }),
    ...(rows[r]!.memberId === null ? {} : { memberId: rows[r]!.memberId! }),
  });
  rows.forEach((_, r) => {
    keyParams.set(rowKeys[r]!, rowParams(r));
    months.forEach((month) => keyParams.set(`${rowKeys[r]}|${monthKey(month)}`, { ...rowParams(r), month }));
  });
  months.forEach((month) => keyParams.set(monthKey(month), { month }));
  const describeKey = (key: string | null | undefined): ErrorParams => (key == null ? {} : (keyParams.get(key) ?? {}));
  const figureKind = input.figure.kind;

  if (figureKind === "FIGURES" && axis === null) {
    throw refuse("FIGURES_NEED_BREAKDOWN", "FIGURES splits a spec's figures over a breakdown: give block.breakdown.");
  }
  if (figureKind === "GUIDANCE_GAP" && axis !== null) {
    throw refuse("GAP_NEEDS_FIGURES", "The gap to the guidance is split over the plan's figures, not over a breakdown.");
  }

  const { cellSettings, rowSettings } = resolveSettings(state, input, at);
  const method = resolveMethod(input.method, "method");
  const rowMethodGiven = input.rowMethod == null ? null : resolveMethod(input.rowMethod, "rowMethod");
  if (figureKind === "FIGURES" && rowMethodGiven === null && method.kind === "SEASONAL_CURVE") {
    throw refuse(
      "CURVE_IS_FOR_MONTHS",
      "A seasonal curve shares months; FIGURES shares each month over the members: choose another method.",
    );
  }
  const acrossMethod = rowMethodGiven ?? (method.kind === "SEASONAL_CURVE" ? LAST_YEAR : method);
  const gap = figureKind === "GUIDANCE_GAP";

  // Holds (value space) and MANUAL values.
  const keepStored = input.keepStoredHolds ?? true;
  const holds: (Hold | null)[] = cells.map(() => null);
  const manual: (Fixed | null)[] = cells.map(() => null);
  cells.forEach((cell, i) => {
    const setting = cellSettings.get(i);
    const rowSetting = rowSettings.get(Math.floor(i / monthCount));
    if (setting?.value != null && setting.held !== true && method.kind !== "MANUAL") {
      throw refuse("VALUE_NEEDS_HOLD", `cells.${setting.index}: a value is for a held cell or a MANUAL split.`, {
        index: setting.index,
      });
    }
    const released = setting?.held === false || (setting?.held == null && rowSetting?.held === false);
    if (setting?.held === true) holds[i] = { value: setting.value ?? cell.current ?? zero, kept: false };
    else if (!released && cell.storedHeld && keepStored) holds[i] = { value: cell.current ?? zero, kept: false };
    if (method.kind === "MANUAL" && holds[i] === null) {
      if (setting?.value != null) manual[i] = setting.value;
      else holds[i] = { value: cell.current ?? zero, kept: true };
    }
  });

  // The figure.
  let figure: Fixed;
  let figureRows: Fixed[] | null = null;
  switch (figureKind) {
    case "AMOUNT":
      figure = amountOf(input.figure.amount!, state, "figure.amount");
      break;
    case "CURRENT_TOTAL":
      figure = cells.reduce((sum, cell) => sum.plus(cell.current ?? zero), zero);
      break;
    case "GUIDANCE_GAP":
      if (state.guidance === null) {
        throw refuse("NO_GUIDANCE", "HQ has published no guidance figure for this metric and unit: there is no gap to split.");
      }
      figure = state.guidance.minus(state.planTotal);
      break;
    case "FIGURES":
      figureRows = months.map((month, c) => {
        const found = state.figures?.[c]?.current ?? null;
        if (found === null) {
          throw refuse("FIGURE_MISSING", `Month ${month} has no figure to break down: enter the figure first.`, { month });
        }
        return found;
      });
      figure = figureRows.reduce((sum, value) => sum.plus(value), zero);
      break;
  }

  return {
    state,
    zero,
    rowKeys,
    at,
    describeKey,
    cellSettings,
    rowSettings,
    method,
    acrossMethod,
    gap,
    holds,
    manual,
    figure,
    figureRows,
  };
}

/** Each cell's or row's setting, once, by its place in the block. */
function resolveSettings(
  state: BlockState,
  input: SplitInput,
  at: (r: number, c: number) => number,
): { cellSettings: Map<number, Setting>; rowSettings: Map<number, Setting> } {
  const { rows, months, axis } = state;
  const cellSettings = new Map<number, Setting>();
  const rowSettings = new Map<number, Setting>();
  const blockSpec = rows[0]?.productSpecId ?? null;
  const rowOf = new Map<string, number>();
  rows.forEach((row, r) => rowOf.set(`${row.productSpecId ?? ""}\u0001${row.memberId ?? ""}`, r));
  const monthOf = new Map(months.map((month, c) => [month, c]));
  (input.cells ?? []).forEach((setting, index) => {
    if (axis !== null && setting.productSpecId != null && setting.productSpecId !== blockSpec) {
      throw refuse("CELL_OUTSIDE_BLOCK", `cells.${index}: spec ${setting.productSpecId} is not the block's.`, { index });
    }
    if (axis === null && setting.memberId != null) {
      throw refuse("CELL_OUTSIDE_BLOCK", `cells.${index}: a block of figures has no members.`, { index });
    }
    const spec = axis === null ? (setting.productSpecId ?? "") : (blockSpec ?? "");
    const r = rowOf.get(`${spec}\u0001${axis === null ? "" : (setting.memberId ?? "")}`);
    const c = setting.month == null ? null : monthOf.get(setting.month);
    if (r === undefined || c === undefined) {
      throw refuse("CELL_OUTSIDE_BLOCK", `cells.${index}: no such ${c === undefined ? "month" : "row"} in the block.`, {
        index,
        ...(setting.month == null ? {} : { month: setting.month }),
      });
    }
    const resolved: Setting = {
      index,
      held: setting.held ?? null,
      value: setting.value == null ? null : amountOf(setting.value, state, `cells.${index}.value`, index),
      min: setting.min == null ? null : amountOf(setting.min, state, `cells.${index}.min`, index),
      max: setting.max == null ? null : amountOf(setting.max, state, `cells.${index}.max`, index),
      growth: setting.growthPercent == null ? null : rateOf(setting.growthPercent, `cells.${index}.growthPercent`, index),
    };
    const target = c === null ? rowSettings : cellSettings;
    const key = c === null ? r : at(r, c);
    if (target.has(key)) {
      throw refuse("DUPLICATE_CELL_SETTING", `cells.${index}: the same ${c === null ? "row" : "cell"} is set twice.`, { index });
    }
    target.set(key, resolved);
  });
  return { cellSettings, rowSettings };
}

/** The gap's share space: a value less the cell's current value (zero offset otherwise). */
const offsetOf = (prepared: Prepared, i: number): Fixed =>
  prepared.gap ? (prepared.state.cells[i]!.current ?? prepared.zero) : prepared.zero;
const shifted = (prepared: Prepared, value: Fixed | null, i: number) =>
  value === null ? null : value.minus(offsetOf(prepared, i));
const heldShare = (prepared: Prepared, i: number) => shifted(prepared, prepared.holds[i]?.value ?? null, i);

/** What a method divides a cell by: Y-1 (estimate included), the two-year average or its current value. */
function referenceOf(prepared: Prepared, i: number, kind: SplitMethodKind): Fixed | null {
  const cell = prepared.state.cells[i]!;
  const zero = prepared.zero;
  switch (kind) {
    case "LAST_YEAR":
    case "GROWTH":
      return cell.lastYear ?? zero;
    case "TWO_YEAR_AVERAGE":
      return twoYearAverage([cell.lastYear], [cell.yearBefore])[0]!.rescale(prepared.state.scale + 1);
    case "CURRENT_VALUES":
      return cell.current ?? zero;
    default:
      return null;
  }
}

function refuseRowSettings(prepared: Prepared, why: string): void {
  const first = [...prepared.rowSettings.values()][0];
  if (first !== undefined)
    throw refuse("ROW_SETTING_NEEDS_GRID", `cells.${first.index}: ${why}; give the month.`, { index: first.index });
}

/** One dimension, cell by cell (splitValue): MANUAL, or a block of one row or one month with bounds on cells. */
function divideCellByCell(prepared: Prepared): Divided {
  const { state, method, acrossMethod, figure, rowKeys } = prepared;
  const { cells, months, rows } = state;
  const rowCount = rows.length;
  const monthCount = months.length;
  refuseRowSettings(prepared, "a setting without a month is for a row of a grid split");
  let flatMethod: ResolvedMethod;
  let margins: MarginsShape;
  if (method.kind === "MANUAL") {
    flatMethod = method;
    margins = { kind: "MANUAL" };
  } else if (state.figures !== null && prepared.figureRows !== null) {
    if (monthCount > 1) {
      throw refuse("BOUNDS_NEED_ONE_ROW_OR_MONTH", "Cell bounds (min / max) break down one month at a time: choose one month.");
    }
    flatMethod = rowCount === 1 ? EVEN : acrossMethod;
    margins = { kind: "FIGURES", method: flatMethod.kind, months: 1 };
  } else {
    if (rowCount > 1 && monthCount > 1) {
      throw refuse(
        "BOUNDS_NEED_ONE_ROW_OR_MONTH",
        "Cell bounds (min / max) need a block of one row or one month: a grid keeps its row and month totals exact, which bounds on cells could break.",
      );
    }
    flatMethod = rowCount === 1 ? (monthCount === 1 ? EVEN : method) : acrossMethod;
    margins = { kind: "BOUNDED", method: flatMethod.kind };
  }
  const references = cells.map((_, i) => referenceOf(prepared, i, flatMethod.kind));
  const splitCells: SplitCell[] = cells.map((_, i) => {
    const month = months[i % monthCount]!;
    const setting = prepared.cellSettings.get(i);
    return {
      key: `${rowKeys[Math.floor(i / monthCount)]}|${monthKey(month)}`,
      month,
      reference: references[i],
      growth: setting?.growth ?? null,
      held: heldShare(prepared, i),
      min: shifted(prepared, setting?.min ?? null, i),
      max: shifted(prepared, setting?.max ?? null, i),
      value: shifted(prepared, prepared.manual[i] ?? null, i),
    };
  });
  const result = splitValue(figure, splitCells, engineMethod(flatMethod));
  if (!result.ok) throw engineRefusal(result.error, prepared.describeKey);
  checkWarnings(result.warnings);
  let fixedTotal = prepared.zero;
  let freeWeights = 0n;
  result.cells.forEach((explained) => {
    if (explained.status === "FREE") freeWeights += explained.weight;
    else fixedTotal = fixedTotal.plus(explained.value);
  });
  const statuses: SplitCellStatus[] = [];
  const reasons: CellReason[] = [];
  cells.forEach((_, i) => {
    const explained = result.explain(i);
    const hold = prepared.holds[i] ?? null;
    if (method.kind === "MANUAL") {
      statuses.push(hold === null ? "MANUAL" : "HELD");
      reasons.push(hold === null ? { kind: "MANUAL" } : { kind: hold.kept ? "KEPT" : "HELD" });
      references[i] = null;
    } else if (explained.status !== "FREE") {
      statuses.push(explained.status);
      reasons.push({ kind: explained.status });
      references[i] = null;
    } else {
      statuses.push("FREE");
      reasons.push({
        kind: "FREE",
        formula: {
          base: figure,
          rowShare: null,
          heldInRow: fixedTotal,
          cellShare: { numerator: explained.weight, denominator: freeWeights },
          adjustment: explained.roundingAdjustment,
        },
      });
    }
  });
  return {
    parts: result.parts,
    statuses,
    reasons,
    references,
    remainder: result.remainder,
    margins,
    rowMethod: method.kind !== "MANUAL" && rowCount > 1 ? flatMethod.kind : null,
    methodsUsed: [flatMethod.kind],
  };
}

/** FIGURES: each month's figure (a held row) over the members (columns), splitGrid turned round. */
function divideFigures(prepared: Prepared): Divided {
  const { state, acrossMethod, figure, rowKeys, at } = prepared;
  const { months, rows } = state;
  const figureRows = prepared.figureRows!;
  const memberMethod = rows.length === 1 ? EVEN : acrossMethod;
  refuseRowSettings(prepared, "a member's total is not fixed when each month's figure is broken down");
  const references: (Fixed | null)[] = state.cells.map(() => null);
  const membersOf = new Map<string, SplitCell[]>();
  months.forEach((month, c) => {
    membersOf.set(
      monthKey(month),
      rows.map((_, r) => {
        const i = at(r, c);
        references[i] = referenceOf(prepared, i, memberMethod.kind);
        return {
          key: rowKeys[r]!,
          month,
          reference: references[i],
          growth: prepared.cellSettings.get(i)?.growth ?? null,
          held: heldShare(prepared, i),
        };
      }),
    );
  });
  const result = splitGrid(figure, {
    rows: months.map((month, c) => ({ key: monthKey(month), held: figureRows[c]! })),
    rowMethod: { kind: "EVEN" },
    columns: (row) => membersOf.get(row.key)!,
    columnMethod: engineMethod(memberMethod),
  });
  if (!result.ok) throw engineRefusal(result.error, prepared.describeKey, result.row);
  checkWarnings(result.warnings);
  const outcomes = newOutcomes(state.cells.length, references);
  months.forEach((_, c) => {
    explainLine(
      rows.map((_, r) => ({ index: at(r, c), value: result.values[c]![r]!, explained: result.explain(c, r) })),
      { base: figureRows[c]!, rowShare: null },
      prepared.zero,
      outcomes,
    );
  });
  return {
    ...outcomes,
    remainder: prepared.zero,
    margins: { kind: "FIGURES", method: memberMethod.kind, months: months.length },
    rowMethod: rows.length === 1 ? null : memberMethod.kind,
    methodsUsed: [memberMethod.kind],
  };
}

/** Rows × months with every margin exact (splitGrid); one row or one month is the same engine with one row or column. */
function divideGrid(prepared: Prepared): Divided {
  const { state, method, acrossMethod, figure, rowKeys, at, zero } = prepared;
  const { months, rows, cells } = state;
  const rowCount = rows.length;
  const monthCount = months.length;
  const rowMethod = rowCount === 1 ? EVEN : acrossMethod;
  const monthMethod = monthCount === 1 ? EVEN : method;
  const references: (Fixed | null)[] = cells.map(() => null);
  const columnsOf = new Map<string, SplitCell[]>();
  const rowCells: SplitCell[] = rows.map((_, r) => {
    const setting = prepared.rowSettings.get(r);
    let reference: Fixed | null = null;
    let offset = zero;
    let current = zero;
    const columns = months.map((month, c): SplitCell => {
      const i = at(r, c);
      const cellReference = referenceOf(prepared, i, rowMethod.kind);
      if (cellReference !== null) reference = reference === null ? cellReference : reference.plus(cellReference);
      offset = offset.plus(offsetOf(prepared, i));
      current = current.plus(cells[i]!.current ?? zero);
      const columnReference = referenceOf(prepared, i, monthMethod.kind);
      // One month: what the cell was divided by is its row's reference.
      references[i] = monthCount === 1 ? cellReference : columnReference;
      return {
        key: monthKey(month),
        month,
        reference: columnReference,
        growth: prepared.cellSettings.get(i)?.growth ?? null,
        held: heldShare(prepared, i),
      };
    });
    columnsOf.set(rowKeys[r]!, columns);
    return {
      key: rowKeys[r]!,
      reference,
      growth: setting?.growth ?? null,
      held: setting?.held === true ? (setting.value ?? current).minus(offset) : null,
      min: setting?.min == null ? null : setting.min.minus(offset),
      max: setting?.max == null ? null : setting.max.minus(offset),
    };
  });
  const rowEngineMethod = engineMethod(rowMethod);
  const result = splitGrid(figure, {
    rows: rowCells,
    rowMethod: rowEngineMethod,
    columns: (row) => columnsOf.get(row.key)!,
    columnMethod: engineMethod(monthMethod),
  });
  if (!result.ok) throw engineRefusal(result.error, prepared.describeKey, result.row);
  checkWarnings(result.warnings);

  // The rows' shares, for the explanation: the same row split, one-dimensional (a row whose
  // every cell is held is a held row, as in the grid).
  const rowSplit = splitValue(
    figure,
    rowCells.map((row, r) => {
      if (row.held != null) return row;
      let sum: Fixed | null = zero;
      for (let c = 0; c < monthCount && sum !== null; c++) {
        const held = heldShare(prepared, at(r, c));
        sum = held === null ? null : sum.plus(held);
      }
      return { ...row, held: sum };
    }),
    rowEngineMethod,
  );
  if (!rowSplit.ok) throw engineRefusal(rowSplit.error, prepared.describeKey);
  let fixedRows = zero;
  let freeRowWeights = 0n;
  rowSplit.cells.forEach((explained) => {
    if (explained.status === "FREE") freeRowWeights += explained.weight;
    else fixedRows = fixedRows.plus(explained.value);
  });
  const freeAmount = figure.minus(fixedRows);

  const outcomes = newOutcomes(cells.length, references);
  rows.forEach((_, r) => {
    const rowExplained = rowSplit.explain(r);
    const rowFree = rowExplained.status === "FREE";
    explainLine(
      months.map((_, c) => ({ index: at(r, c), value: result.values[r]![c]!, explained: result.explain(r, c) })),
      {
        base: rowFree ? freeAmount : rowExplained.value,
        rowShare: rowFree ? { numerator: rowExplained.weight, denominator: freeRowWeights } : null,
      },
      zero,
      outcomes,
    );
  });
  return {
    ...outcomes,
    remainder: zero,
    margins:
      rowCount > 1 && monthCount > 1
        ? { kind: "GRID", rowMethod: rowMethod.kind, method: monthMethod.kind }
        : rowCount > 1
          ? { kind: "ROWS", method: rowMethod.kind }
          : { kind: "MONTHS", method: monthMethod.kind },
    rowMethod: rowCount === 1 ? null : rowMethod.kind,
    methodsUsed: [rowMethod.kind, monthMethod.kind],
  };
}

/** Back to value space, with the words and the notices. */
function finish(prepared: Prepared, figureKind: SplitFigureKind, divided: Divided): SplitOutcome {
  const { state, gap } = prepared;
  const { cells, months, rows } = state;
  let negatives = 0;
  const outcomeCells = cells.map((cell, i): OutcomeCell => {
    const share = divided.parts[i]!;
    const value = share.plus(offsetOf(prepared, i));
    if (value.isNegative()) negatives++;
    const hold = prepared.holds[i] ?? null;
    // A kept cell is not written; a held cell that does not exist stays absent when it is held at zero.
    const write =
      hold !== null && hold.kept
        ? false
        : cell.current === null
          ? !(hold !== null && hold.value.isZero() && value.isZero())
          : !cell.current.equals(value);
    const reason = divided.reasons[i]!;
    return {
      value,
      status: divided.statuses[i]!,
      write,
      reference: divided.references[i] ?? null,
      explanation: explainCell(value, reason, gap && reason.kind === "FREE" ? { current: offsetOf(prepared, i), share } : null),
    };
  });

  const notices: SplitNotice[] = [];
  const { remainder } = divided;
  if (!remainder.isZero()) {
    notices.push({
      code: "MANUAL_REMAINDER",
      message: { zh: `尚有 ${grouped(remainder)} 待分配。`, en: `${grouped(remainder)} is left to allocate.` },
      params: { remainder: remainder.toString() },
    });
  }
  if (negatives > 0) {
    notices.push({
      code: "NEGATIVE_VALUES",
      message: { zh: `${negatives} 个格的结果为负数。`, en: `${negatives} cell(s) come out negative.` },
      params: { count: negatives },
    });
  }
  if (divided.methodsUsed.some((kind) => USES_LAST_YEAR.has(kind))) {
    const estimated = months.filter((_, c) => rows.some((_, r) => cells[prepared.at(r, c)]!.lastYearEstimated));
    if (estimated.length > 0) {
      notices.push({
        code: "LAST_YEAR_ESTIMATED",
        message: {
          zh: `上年 ${estimated.join("、")} 月尚无实际，按预估计算。`,
          en: `Last year's month(s) ${estimated.join(", ")} have no actuals yet: their estimate was used.`,
        },
        params: { months: estimated.join(",") },
      });
    }
  }

  return {
    figureKind,
    figure: prepared.figure,
    guidance: gap ? state.guidance : null,
    planTotal: gap ? state.planTotal : null,
    method: prepared.method.kind,
    rowMethod: divided.rowMethod,
    margins: marginsText(divided.margins, state.axis, gap),
    cells: outcomeCells,
    remainder,
    notices,
  };
}

/** A split by a reference never quietly becomes even: all-zero weights are a refusal. */
function checkWarnings(warnings: readonly SplitWarning[]): void {
  if (warnings.some((warning) => warning.code === "ZERO_REFERENCE_FALLBACK_EVEN")) {
    throw refuse(
      "ZERO_REFERENCE_SUM",
      "What the split divides by is zero for every cell that takes a share (no last-year figures, or a curve of 0 % in these months): choose another method, or release a held cell.",
    );
  }
}

/** The engine's refusal as VALIDATION_FAILED, its code the reason, its values the params. */
function engineRefusal(
  error: GridSplitError,
  describeKey: (key: string | null | undefined) => ErrorParams,
  row: string | null = null,
): DomainError {
  const at = { ...describeKey(row), ...("key" in error ? describeKey(error.key) : {}) };
  switch (error.code) {
    case "HELD_EXCEED_TOTAL":
      return refuse(
        error.code,
        `The held cells total ${grouped(error.heldTotal)}, more than the figure ${grouped(error.total)}: lower the holds or raise the figure.`,
        { ...at, heldTotal: error.heldTotal.toString(), total: error.total.toString() },
      );
    case "NO_FREE_CELLS":
      return refuse(error.code, `Every cell is held, yet ${grouped(error.remaining)} is left to split: release a cell.`, {
        ...at,
        remaining: error.remaining.toString(),
      });
    case "INFEASIBLE_BOUNDS":
      return refuse(
        error.code,
        `The minimums and maximums cannot hold ${grouped(error.remaining)}` +
          `${error.minTotal === null ? "" : ` (the minimums total ${grouped(error.minTotal)})`}` +
          `${error.maxTotal === null ? "" : ` (the maximums total ${grouped(error.maxTotal)})`}.`,
        {
          ...at,
          remaining: error.remaining.toString(),
          ...(error.minTotal === null ? {} : { minTotal: error.minTotal.toString() }),
          ...(error.maxTotal === null ? {} : { maxTotal: error.maxTotal.toString() }),
        },
      );
    case "MIN_ABOVE_MAX":
      return refuse(error.code, "A cell's minimum is above its maximum.", at);
    case "MANUAL_OUT_OF_BOUNDS":
      return refuse(error.code, "A value given is outside its cell's minimum and maximum.", at);
    case "NEGATIVE_REFERENCE":
      return refuse(
        error.code,
        "A cell's reference (last year, the average or its current value) is negative: a split in proportion to it is not possible.",
        at,
      );
    case "INVALID_GROWTH":
      return refuse(error.code, `The growth rate ${error.text} is not above −100 %.`, { ...at, value: error.text });
    case "MISSING_INPUT":
      return error.field === "growth"
        ? refuse("GROWTH_RATE_MISSING", "GROWTH needs a rate: give method.growthPercent, or one for each cell or row.", at)
        : refuse(error.code, `A cell lacks its ${error.field}.`, { ...at, field: error.field });
    case "INVALID_CURVE":
      return refuse(error.code, "The seasonal curve is not valid.", { ...at, problem: error.problem.code });
    case "TOO_MANY_CELLS":
      return refuse("BLOCK_TOO_LARGE", `The block has ${error.cells} cells, more than ${error.limit}.`, {
        count: error.cells,
        limit: error.limit,
      });
    case "NO_CELLS":
      return refuse(error.code, "The block has no cells.");
    case "DUPLICATE_KEY":
    case "SCALE_MISMATCH":
    case "INVALID_MONTH":
    case "COLUMN_MISMATCH":
    case "UNSUPPORTED_IN_GRID":
      // What this module builds never has these: a bug, not the planner's input.
      throw new Error(
        `the split engine refused its input: ${JSON.stringify(error, (_, v: unknown) => (typeof v === "bigint" ? v.toString() : v))}`,
      );
  }
}

/** What a divider says of every cell of the block, by the cell's index. */
interface CellOutcomes {
  readonly parts: Fixed[];
  readonly statuses: SplitCellStatus[];
  readonly reasons: CellReason[];
  readonly references: (Fixed | null)[];
}

function newOutcomes(cellCount: number, references: (Fixed | null)[]): CellOutcomes {
  return {
    parts: new Array<Fixed>(cellCount),
    statuses: new Array<SplitCellStatus>(cellCount),
    reasons: new Array<CellReason>(cellCount),
    references,
  };
}

/**
 * One line of a grid split (a row over its months, or a month over its members): a held cell
 * keeps its value; a free one is the line's amount (`share`), less the line's held cells, times
 * its weight among the line's free weights, plus the rounding step it took.
 */
function explainLine(
  line: readonly { index: number; value: Fixed; explained: GridCellExplanation }[],
  share: Pick<FreeFormula, "base" | "rowShare">,
  zero: Fixed,
  out: CellOutcomes,
): void {
  let heldInRow = zero;
  let freeWeights = 0n;
  for (const { explained } of line) {
    if (explained.held) heldInRow = heldInRow.plus(explained.value);
    else freeWeights += explained.weight;
  }
  for (const { index, value, explained } of line) {
    out.parts[index] = value;
    out.statuses[index] = explained.held ? "HELD" : "FREE";
    if (explained.held) {
      out.reasons[index] = { kind: "HELD" };
      out.references[index] = null;
      continue;
    }
    out.reasons[index] = {
      kind: "FREE",
      formula: {
        ...share,
        heldInRow,
        cellShare: freeWeights === 0n ? null : { numerator: explained.weight, denominator: freeWeights },
        adjustment: explained.roundingAdjustment,
      },
    };
  }
}
