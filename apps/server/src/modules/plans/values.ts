// Decimal text from the database ("1234.50", "-0.10", "845485.00") to exact Fixed values
// and back, without floats. The database's numeric text is plain digits with an optional
// fraction; anything else is a bug upstream and throws.
import { Fixed, MONEY_SCALE, pow10, type Dec } from "@pyramid/domain";

const DECIMAL_TEXT = /^(-?)(\d+)(?:\.(\d+))?$/;

/** The exact value of decimal text, at `scale` when that holds it exactly, else at the text's own places. */
export function decimalOf(text: string, scale: number): Fixed {
  const match = DECIMAL_TEXT.exec(text);
  if (!match) throw new RangeError(`not decimal text from the database: "${text}"`);
  const [, sign = "", whole = "0", fraction = ""] = match;
  const trimmed = fraction.replace(/0+$/, "");
  const places = Math.max(scale, trimmed.length);
  const units = BigInt(whole) * pow10(places) + (trimmed === "" ? 0n : BigInt(trimmed) * pow10(places - trimmed.length));
  return Fixed.fromUnits(sign === "-" ? -units : units, places);
}

/** Money (two places) from decimal text or from fen. */
export function moneyOf(value: string | bigint): Fixed {
  return typeof value === "bigint" ? Fixed.fromUnits(value, MONEY_SCALE) : decimalOf(value, MONEY_SCALE).rescale(MONEY_SCALE);
}

/** A stored value (two places) as text at the metric's scale when that is exact, else as stored. */
export function valueText(text: string, metricScale: number): string {
  return decimalOf(text, metricScale).toString();
}

/** A ratio as plain decimal text (never exponent notation). */
export function ratioText(ratio: Dec | null): string | null {
  return ratio === null ? null : ratio.toFixed();
}
