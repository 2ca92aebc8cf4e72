// The words of a split: why each cell got its value, in both languages, in the form the
// planner checks by hand ("428,571.43 = 1,000,000.00 × 3/7, +0.01 remainder"), and which
// margins the split fixed. Pure text over exact values; the numbers come from the engine.
import { Fixed, type BreakdownAxis } from "@pyramid/domain";
import type { SplitMethodKind } from "./plan-split.input.js";

export interface Bilingual {
  readonly zh: string;
  readonly en: string;
}

/** Exact decimal text with thousands separators: 1000000.00 → "1,000,000.00", −5 → "-5". */
export function grouped(value: Fixed): string {
  const text = value.toString();
  const negative = text.startsWith("-");
  const [whole = "0", fraction] = (negative ? text.slice(1) : text).split(".");
  const withCommas = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  return `${negative ? "-" : ""}${withCommas}${fraction === undefined ? "" : `.${fraction}`}`;
}

function gcd(a: bigint, b: bigint): bigint {
  let x = a < 0n ? -a : a;
  let y = b < 0n ? -b : b;
  while (y !== 0n) [x, y] = [y, x % y];
  return x;
}

/** a/b in lowest terms ("3/7"); nothing is "0". */
export function fraction(numerator: bigint, denominator: bigint): string {
  if (numerator === 0n) return "0";
  const divisor = gcd(numerator, denominator);
  return `${numerator / divisor}/${denominator / divisor}`;
}

/** A share term: (numerator, denominator) of the free weights; omitted when it is the whole. */
export interface Share {
  readonly numerator: bigint;
  readonly denominator: bigint;
}

/**
 * The exact share of a FREE cell, as a formula: `base × a/A`, less what is held in its row,
 * `× b/B` over the row's free months (or members). `base` is the amount the rows share (the
 * figure less held and clamped rows), or the row's own fixed amount (a held or clamped row,
 * a month's figure).
 */
export interface FreeFormula {
  readonly base: Fixed;
  /** The row's share of `base` (null: `base` is the row's own amount). */
  readonly rowShare: Share | null;
  /** Held cells of the row, taken off before its months (or members) share it. */
  readonly heldInRow: Fixed | null;
  readonly cellShare: Share | null;
  /** The rounded value less the unrounded share, in units: 0 or ±1 (the remainder it took). */
  readonly adjustment: bigint;
}

function formulaText(formula: FreeFormula, scale: number): { core: string; rest: Bilingual } {
  let core = grouped(formula.base);
  const whole = (share: Share | null) => share === null || share.numerator === share.denominator;
  if (!whole(formula.rowShare)) core += ` × ${fraction(formula.rowShare!.numerator, formula.rowShare!.denominator)}`;
  if (formula.heldInRow !== null && !formula.heldInRow.isZero()) core = `(${core} − ${grouped(formula.heldInRow)})`;
  if (!whole(formula.cellShare)) core += ` × ${fraction(formula.cellShare!.numerator, formula.cellShare!.denominator)}`;
  const adjustment = formula.adjustment;
  if (adjustment === 0n) return { core, rest: { zh: "", en: "" } };
  const sign = adjustment > 0n ? "+" : "-";
  const amount = grouped(Fixed.fromUnits(adjustment < 0n ? -adjustment : adjustment, scale));
  return { core, rest: { zh: `，尾差 ${sign}${amount}`, en: `, ${sign}${amount} remainder` } };
}

/** Why a cell holds its value. `gap`: the value is the current one plus a share of a gap. */
export type CellReason =
  | { readonly kind: "FREE"; readonly formula: FreeFormula }
  | { readonly kind: "HELD" }
  | { readonly kind: "KEPT" }
  | { readonly kind: "MIN" }
  | { readonly kind: "MAX" }
  | { readonly kind: "MANUAL" };

export function explainCell(
  value: Fixed,
  reason: CellReason,
  gap: { readonly current: Fixed; readonly share: Fixed } | null,
): Bilingual {
  const shown = grouped(value);
  switch (reason.kind) {
    case "HELD":
      return { zh: `${shown}（锁定）`, en: `${shown} (held)` };
    case "KEPT":
      return { zh: `${shown}（未填写，保持不变）`, en: `${shown} (kept: no value given)` };
    case "MIN":
      return { zh: `${shown}（下限）`, en: `${shown} (its minimum)` };
    case "MAX":
      return { zh: `${shown}（上限）`, en: `${shown} (its maximum)` };
    case "MANUAL":
      return { zh: `${shown}（手工填写）`, en: `${shown} (as entered)` };
    case "FREE": {
      const { core, rest } = formulaText(reason.formula, value.scale);
      if (gap === null) return { zh: `${shown} = ${core}${rest.zh}`, en: `${shown} = ${core}${rest.en}` };
      const share = grouped(gap.share);
      const start = `${shown} = ${grouped(gap.current)} ${gap.share.isNegative() ? "−" : "+"} ${grouped(gap.share.abs())}`;
      return {
        zh: `${start}（差额分摊：${share} = ${core}${rest.zh}）`,
        en: `${start} (share of the gap: ${share} = ${core}${rest.en})`,
      };
    }
  }
}

export const METHOD_WORDS: Readonly<Record<SplitMethodKind, Bilingual>> = {
  EVEN: { zh: "平均分配", en: "evenly" },
  LAST_YEAR: { zh: "按上年（含预估）比例分配", en: "in proportion to last year (estimate included)" },
  TWO_YEAR_AVERAGE: { zh: "按近两年平均比例分配", en: "in proportion to the two-year average" },
  SEASONAL_CURVE: { zh: "按季节性曲线分配", en: "by the seasonal curve" },
  GROWTH: { zh: "按上年 ×（1 + 增长率）比例分配", en: "in proportion to last year × (1 + growth)" },
  CURRENT_VALUES: { zh: "按当前值比例分配", en: "in proportion to the current values" },
  MANUAL: { zh: "手工填写", en: "by hand" },
};

const ROW_WORDS: Readonly<Record<BreakdownAxis | "SPEC", Bilingual>> = {
  SPEC: { zh: "品规", en: "spec" },
  CHANNEL: { zh: "渠道", en: "channel" },
  TERMINAL: { zh: "终端", en: "terminal" },
  DISTRIBUTOR: { zh: "经销商", en: "distributor" },
  TOWNSHIP: { zh: "乡镇", en: "township" },
};

export type MarginsShape =
  | { readonly kind: "GRID"; readonly rowMethod: SplitMethodKind; readonly method: SplitMethodKind }
  | { readonly kind: "MONTHS"; readonly method: SplitMethodKind }
  | { readonly kind: "ROWS"; readonly method: SplitMethodKind }
  | { readonly kind: "FIGURES"; readonly method: SplitMethodKind; readonly months: number }
  | { readonly kind: "BOUNDED"; readonly method: SplitMethodKind }
  | { readonly kind: "MANUAL" };

/** Which margins the split fixed, and by what. */
export function marginsText(shape: MarginsShape, axis: BreakdownAxis | null, gap: boolean): Bilingual {
  const row = ROW_WORDS[axis ?? "SPEC"];
  const words = (kind: SplitMethodKind) => METHOD_WORDS[kind];
  let text: Bilingual;
  switch (shape.kind) {
    case "GRID":
      text = {
        zh: `总数精确；各${row.zh}合计${words(shape.rowMethod).zh}，每个${row.zh}的各月${words(shape.method).zh}；受控舍入，每行、每月均精确相加。`,
        en: `The total is exact; each ${row.en}'s total is shared ${words(shape.rowMethod).en}, and its months ${words(shape.method).en}; controlled rounding: every row and every month adds up exactly.`,
      };
      break;
    case "MONTHS":
      text = {
        zh: `总数精确；各月${words(shape.method).zh}（最大余数法）。`,
        en: `The total is exact; the months are shared ${words(shape.method).en} (largest remainder).`,
      };
      break;
    case "ROWS":
      text = {
        zh: `总数精确；各${row.zh}${words(shape.method).zh}（最大余数法）。`,
        en: `The total is exact; the ${row.en}s share it ${words(shape.method).en} (largest remainder).`,
      };
      break;
    case "FIGURES":
      text = {
        zh: `每月的${row.zh}分解精确等于该月的数字；各${row.zh}${words(shape.method).zh}${shape.months > 1 ? `；受控舍入，各${row.zh}全期合计也精确相加` : "（最大余数法）"}。`,
        en: `Each month's breakdown adds up exactly to that month's figure; the ${row.en}s share it ${words(shape.method).en}${shape.months > 1 ? `; controlled rounding: each ${row.en}'s total over the months adds up too` : " (largest remainder)"}.`,
      };
      break;
    case "BOUNDED":
      text = {
        zh: `总数精确；逐格${words(shape.method).zh}，不超出各格的上下限（最大余数法）。`,
        en: `The total is exact; cell by cell ${words(shape.method).en}, within each cell's minimum and maximum (largest remainder).`,
      };
      break;
    case "MANUAL":
      text = {
        zh: "手工填写：填写了数值的格取该值，其余保持不变；尚待分配的差额单独列出。",
        en: "By hand: the cells given a value take it, the others keep theirs; what is left to allocate is shown.",
      };
      break;
  }
  if (!gap) return text;
  return {
    zh: `指导目标与方案合计之差额在本区块内分摊，加到各格当前值上。${text.zh}`,
    en: `The gap between the guidance and the plan's total is shared over the block and added to the current values. ${text.en}`,
  };
}
