// What one edit of a plan may carry: the value of a target cell as a person typed
// or pasted it, held to its metric's scale and to what the column keeps, and the
// documented limits of one save (cells per batch, text per section, links per
// section). The server refuses anything outside them before it writes; the web
// can ask the same questions before it sends.
import { parseAmount, type Fixed } from "./fixed.js";
import type { AmountParseErrorCode } from "./parse-amount.js";

/** The most cell changes one save accepts; a bigger batch is refused whole. */
export const MAX_CELL_CHANGES_PER_SAVE = 2_000;

/**
 * The most cells one split (previewSplit / applySplit) may cover: 12 months × 400 specs or
 * members. A bigger block is refused whole; split it in parts (by product line, by quarter).
 */
export const MAX_SPLIT_BLOCK_CELLS = 5_000;

/** The longest text of one plan section, in characters (UTF-16 code units, as the browser counts). */
export const MAX_SECTION_BODY_LENGTH = 20_000;

/** The most targets one method section may link to. */
export const MAX_SECTION_LINKS = 200;

/** Target values are stored at two decimals (Decimal(18,2)): a metric declared finer is held to that. */
export const TARGET_VALUE_STORED_SCALE = 2;

/** Decimal(18,2) keeps 16 digits before the point: the largest value is 9,999,999,999,999,999.99. */
export const TARGET_VALUE_MAX_INTEGER_DIGITS = 16;

const MAX_UNITS = 10n ** BigInt(TARGET_VALUE_MAX_INTEGER_DIGITS + TARGET_VALUE_STORED_SCALE) - 1n;

export type TargetValueErrorCode = AmountParseErrorCode | "TOO_LARGE";

export type TargetValueParse =
  | { readonly ok: true; readonly value: Fixed }
  | {
      readonly ok: false;
      readonly code: TargetValueErrorCode;
      /** The text exactly as given. */
      readonly text: string;
      /** The decimals the metric allows (after holding it to the stored scale). */
      readonly scale: number;
      /** English, with the text quoted; the web maps `code` to zh-CN / en. */
      readonly message: string;
    };

/** The decimals a value of a metric with `metricScale` may have: the metric's, at most the stored two. */
export function targetValueScale(metricScale: number): number {
  return Math.max(0, Math.min(metricScale, TARGET_VALUE_STORED_SCALE));
}

/**
 * Reads a target value typed or pasted for a metric of `metricScale` decimals, by the one
 * amount grammar (parseAmount: 1,234.50, ¥1234.5, 1.5万, （５）…). More decimals than the
 * metric allows, or more than the column keeps, is refused, never rounded. The value comes
 * back at the stored scale (two decimals), ready to write.
 */
export function parseTargetValue(text: string, metricScale: number): TargetValueParse {
  const scale = targetValueScale(metricScale);
  const parsed = parseAmount(text, { scale });
  if (!parsed.ok) return { ok: false, code: parsed.code, text, scale, message: parsed.message };
  const value = parsed.value.rescale(TARGET_VALUE_STORED_SCALE);
  if (value.units > MAX_UNITS || value.units < -MAX_UNITS) {
    return {
      ok: false,
      code: "TOO_LARGE",
      text,
      scale,
      message: `"${text}" is too large: a target value has at most ${TARGET_VALUE_MAX_INTEGER_DIGITS} digits before the decimal point`,
    };
  }
  return { ok: true, value };
}
