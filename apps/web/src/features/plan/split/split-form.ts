// The split dialog's form, without React: its state, the checks made before sending (the
// domain's own rules: the one amount grammar, the one curve rule), the API input it sends,
// and the words for the server's refusals. The dividing itself is the server's.
import { CombinedGraphQLErrors } from "@apollo/client";
import {
  Fixed,
  parseAmount,
  seasonalCurveFromPercents,
  targetValueScale,
  type BreakdownAxis,
  type MetricUnit,
} from "@pyramid/domain";
import { errorSentence } from "../../../app/error-messages.js";
import type { MessageKey } from "../../../app/i18n/messages.js";
import type { SplitFigureKind, SplitInput, SplitMethodKind } from "../../../graphql/generated/graphql.js";
import { formatUnits } from "../grid/cell-view.js";

/**
 * The methods the dialog offers for the months. MANUAL divides nothing: the cells given a
 * value (cell settings) take it, the others keep theirs, and the preview says what is left.
 */
export const MONTH_METHODS = [
  "EVEN",
  "LAST_YEAR",
  "TWO_YEAR_AVERAGE",
  "SEASONAL_CURVE",
  "GROWTH",
  "CURRENT_VALUES",
  "MANUAL",
] as const satisfies readonly SplitMethodKind[];
export type MonthMethod = (typeof MONTH_METHODS)[number];
/** The rows (specs or members) are never split by a curve. */
export const ROW_METHODS = ["EVEN", "LAST_YEAR", "TWO_YEAR_AVERAGE", "GROWTH", "CURRENT_VALUES"] as const;
export type RowMethod = (typeof ROW_METHODS)[number];

/** The cells the dialog splits into (as the server's SplitBlockInput, without the metric). */
export interface SplitBlock {
  readonly months: readonly number[];
  readonly productSpecIds?: readonly string[];
  readonly productLineId?: string;
  readonly breakdown?: { readonly axis: BreakdownAxis; readonly memberIds?: readonly string[] };
}

export interface SplitFormState {
  readonly figureKind: SplitFigureKind;
  readonly amount: string;
  readonly method: MonthMethod;
  readonly rowMethod: RowMethod | "SAME";
  /** 12 percentages, January first. */
  readonly curve: readonly string[];
  readonly growthPercent: string;
  readonly keepStoredHolds: boolean;
  /** By holdKey: what the planner set for one cell of the block, for this split. */
  readonly cells: Readonly<Record<string, CellSetting>>;
}

/** One cell's settings, as typed (the server reads the amounts by the one amount grammar). */
export interface CellSetting {
  /** true holds the cell (at `value`, or at its current value); false releases the plan's hold. */
  readonly held?: boolean;
  /** A held cell's value, or a MANUAL cell's value. */
  readonly value?: string;
  readonly min?: string;
  readonly max?: string;
}

/** The settings with nothing set left out (an empty text is no setting). */
export function cleanSetting(setting: CellSetting): CellSetting | null {
  const out: { held?: boolean; value?: string; min?: string; max?: string } = {};
  if (setting.held !== undefined) out.held = setting.held;
  for (const field of ["value", "min", "max"] as const) {
    const text = setting[field]?.trim();
    if (text) out[field] = text;
  }
  return Object.keys(out).length === 0 ? null : out;
}

export const INITIAL_FORM: SplitFormState = {
  figureKind: "AMOUNT",
  amount: "",
  method: "LAST_YEAR",
  rowMethod: "SAME",
  curve: Array.from({ length: 12 }, () => ""),
  growthPercent: "",
  keepStoredHolds: true,
  cells: {},
};

export interface CellRef {
  readonly month: number;
  readonly productSpecId: string | null;
  readonly memberId: string | null;
}

export const holdKey = (cell: CellRef) => `${cell.productSpecId ?? ""}|${cell.memberId ?? ""}|${cell.month}`;

export interface FormProblem {
  readonly field: "amount" | "curve" | "growthPercent" | "cell";
  readonly key: MessageKey;
  readonly params: Readonly<Record<string, string | number>>;
}

const usesGrowth = (state: SplitFormState) => state.method === "GROWTH" || state.rowMethod === "GROWTH";

/** What is wrong with the form before anything is sent (the server checks again). */
export function checkSplitForm(state: SplitFormState, metricScale: number): FormProblem | null {
  if (state.figureKind === "AMOUNT" && !parseAmount(state.amount, { scale: targetValueScale(metricScale) }).ok) {
    return { field: "amount", key: "split.check.amount", params: { text: state.amount } };
  }
  if (state.method === "SEASONAL_CURVE" && !seasonalCurveFromPercents("FORM", "", "", [...state.curve]).ok) {
    return { field: "curve", key: "split.check.curve", params: {} };
  }
  if (usesGrowth(state) && !parseAmount(state.growthPercent.replace(/\s*[%％]\s*$/, ""), { scale: 4 }).ok) {
    return { field: "growthPercent", key: "split.check.growth", params: { text: state.growthPercent } };
  }
  for (const [key, setting] of Object.entries(state.cells)) {
    for (const field of ["value", "min", "max"] as const) {
      const text = setting[field]?.trim();
      if (text && !parseAmount(text, { scale: targetValueScale(metricScale) }).ok) {
        const month = Number(key.slice(key.lastIndexOf("|") + 1));
        return { field: "cell", key: "split.check.cell", params: { text, month } };
      }
    }
  }
  return null;
}

/** The API input for the form: only the fields that apply, so the same form always sends the same input. */
export function splitInputOf(planId: string, metricId: string, block: SplitBlock, state: SplitFormState): SplitInput {
  const growth = { growthPercent: state.growthPercent.trim() };
  const settings = Object.entries(state.cells)
    .map(([key, setting]) => [key, cleanSetting(setting)] as const)
    .filter((entry): entry is readonly [string, CellSetting] => entry[1] !== null)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return {
    planId,
    block: {
      metricId,
      months: [...block.months],
      ...(block.productSpecIds === undefined ? {} : { productSpecIds: [...block.productSpecIds] }),
      ...(block.productLineId === undefined ? {} : { productLineId: block.productLineId }),
      ...(block.breakdown === undefined
        ? {}
        : {
            breakdown: {
              axis: block.breakdown.axis,
              ...(block.breakdown.memberIds === undefined ? {} : { memberIds: [...block.breakdown.memberIds] }),
            },
          }),
    },
    figure: state.figureKind === "AMOUNT" ? { kind: "AMOUNT", amount: state.amount.trim() } : { kind: state.figureKind },
    method:
      state.method === "SEASONAL_CURVE"
        ? { kind: "SEASONAL_CURVE", curve: state.curve.map((percent) => percent.trim()) }
        : state.method === "GROWTH"
          ? { kind: "GROWTH", ...growth }
          : { kind: state.method },
    ...(state.rowMethod === "SAME"
      ? {}
      : { rowMethod: state.rowMethod === "GROWTH" ? { kind: "GROWTH", ...growth } : { kind: state.rowMethod } }),
    keepStoredHolds: state.keepStoredHolds,
    ...(settings.length === 0
      ? {}
      : {
          cells: settings.map(([key, setting]) => {
            const [productSpecId = "", memberId = "", month = "0"] = key.split("|");
            return {
              month: Number(month),
              ...(productSpecId === "" ? {} : { productSpecId }),
              ...(memberId === "" ? {} : { memberId }),
              ...setting,
            };
          }),
        }),
  };
}

/** Exact decimal text as the screen shows it (thousands separators; money with two decimals; PERCENT as "12.5%"). */
export function formatValue(text: string, metricScale: number, unit?: MetricUnit): string {
  const scale = targetValueScale(metricScale);
  const parsed = parseAmount(text, { scale });
  return parsed.ok ? formatUnits(parsed.value.units, scale, unit) : text;
}

/** The sum of exact decimal texts at the metric's scale; null when one is missing or not an amount. */
export function sumOf(texts: readonly (string | null)[], metricScale: number): string | null {
  const scale = targetValueScale(metricScale);
  let units = 0n;
  for (const text of texts) {
    const parsed = text === null ? null : parseAmount(text, { scale });
    if (!parsed?.ok) return null;
    units += parsed.value.units;
  }
  return Fixed.fromUnits(units, scale).toString();
}

/** a − b on exact decimal text at the metric's scale, or null when either is not an amount. */
export function differenceOf(a: string, b: string, metricScale: number): string | null {
  const scale = targetValueScale(metricScale);
  const left = parseAmount(a, { scale });
  const right = parseAmount(b, { scale });
  if (!left.ok || !right.ok) return null;
  return Fixed.fromUnits(left.value.units - right.value.units, scale).toString();
}

/** The server's refusals this dialog can say in words, and the params it groups as amounts. */
const REASON_MESSAGES = {
  HELD_EXCEED_TOTAL: "split.reason.HELD_EXCEED_TOTAL",
  ZERO_REFERENCE_SUM: "split.reason.ZERO_REFERENCE_SUM",
  INVALID_CURVE: "split.reason.INVALID_CURVE",
  NO_GUIDANCE: "split.reason.NO_GUIDANCE",
  FIGURE_MISSING: "split.reason.FIGURE_MISSING",
  PREVIEW_OUTDATED: "split.reason.PREVIEW_OUTDATED",
  BLOCK_TOO_LARGE: "split.reason.BLOCK_TOO_LARGE",
  INFEASIBLE_BOUNDS: "split.reason.INFEASIBLE_BOUNDS",
  BOUNDS_NEED_ONE_ROW_OR_MONTH: "split.reason.BOUNDS_NEED_ONE_ROW_OR_MONTH",
  MIN_ABOVE_MAX: "split.reason.MIN_ABOVE_MAX",
  MANUAL_OUT_OF_BOUNDS: "split.reason.MANUAL_OUT_OF_BOUNDS",
  NO_MEMBERS: "split.reason.NO_MEMBERS",
  VALUE_NEEDS_HOLD: "split.reason.VALUE_NEEDS_HOLD",
  GROWTH_RATE_MISSING: "split.reason.GROWTH_RATE_MISSING",
  NO_FREE_CELLS: "split.reason.NO_FREE_CELLS",
  NEGATIVE_REFERENCE: "split.reason.NEGATIVE_REFERENCE",
  METRIC_NOT_ADDITIVE: "split.reason.METRIC_NOT_ADDITIVE",
} as const satisfies Readonly<Record<string, MessageKey>>;
const AMOUNT_PARAMS = new Set(["heldTotal", "total", "remaining"]);

/** A failed preview or apply as a sentence: the split's own reasons first, then the app's table. */
export function splitErrorSentence(
  error: unknown,
  metricScale: number,
): { readonly key: MessageKey; readonly params: Readonly<Record<string, string | number>> } {
  const extensions = CombinedGraphQLErrors.is(error) ? error.errors[0]?.extensions : undefined;
  const reason = extensions?.["reason"];
  if (typeof reason === "string" && Object.hasOwn(REASON_MESSAGES, reason)) {
    const raw = (extensions?.["params"] ?? {}) as Record<string, unknown>;
    const params: Record<string, string | number> = {};
    for (const [name, value] of Object.entries(raw)) {
      if (typeof value === "number") params[name] = value;
      else if (typeof value === "string") params[name] = AMOUNT_PARAMS.has(name) ? formatValue(value, metricScale) : value;
    }
    return { key: REASON_MESSAGES[reason as keyof typeof REASON_MESSAGES], params };
  }
  const sentence = errorSentence(error);
  return { key: sentence.key, params: sentence.params };
}
