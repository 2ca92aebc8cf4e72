// The one parse function for amounts a person types or pastes (the grid,
// imports, money(), quantity()). Strict: a text is read only if it has
// exactly one meaning; anything else is refused with the text quoted.
//
// Accepted, on top of plain "1234.56", "-0.5", ".05":
//   thousands separators in correct groups of three    1,234,567.89
//   full-width digits and punctuation (Excel / WPS)    １，２３４．５０  －５  （５）
//   a leading ¥ or ￥, a trailing 元                     ¥1,234.50  1234.5元
//   a 万 suffix (× 10,000, exact), before 元 if both    1.5万  3万元
//   negatives as a leading sign, (parentheses) or a trailing minus: -5  (5)  5-  ¥-5  -¥5
//   surrounding spaces, NBSP, ideographic spaces
// Refused: "1,2,3", ",,,5", "1,23", "1e3", "12 345", two signs, more decimals
// than the scale (never rounded silently).
//
// This module reads text into integer units and imports nothing; fixed.ts
// wraps it as parseAmount (a Fixed) and Fixed.parse / money() / quantity().

export type AmountParseErrorCode =
  /** Empty or only spaces. */
  | "EMPTY"
  /** Not a number in any accepted form. */
  | "NOT_A_NUMBER"
  /** Commas that are not thousands separators in groups of three. */
  | "BAD_GROUPING"
  /** More decimal places than the scale (after 万 is applied). */
  | "TOO_MANY_DECIMALS";

export interface AmountParseFailure {
  ok: false;
  code: AmountParseErrorCode;
  /** The text exactly as given. */
  text: string;
  scale: number;
  /** English, with the text quoted; the web maps `code` to zh-CN / en. */
  message: string;
}

export type AmountUnitsParse = { ok: true; units: bigint } | AmountParseFailure;

// Full-width forms (U+FF01..U+FF5E) map to ASCII by a fixed offset; ￥ is U+FFE5.
const FULL_WIDTH_START = 0xff01;
const FULL_WIDTH_END = 0xff5e;
const FULL_WIDTH_OFFSET = 0xfee0;
const SPACES = /^[\s\u00a0\u2007\u202f\u3000]+|[\s\u00a0\u2007\u202f\u3000]+$/g;
const GROUPED = /^\d{1,3}(?:,\d{3})+$/;
const DIGITS = /^\d*$/;
const WAN_DECIMALS = 4;

function toHalfWidth(text: string): string {
  let out = "";
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    if (code >= FULL_WIDTH_START && code <= FULL_WIDTH_END) out += String.fromCodePoint(code - FULL_WIDTH_OFFSET);
    else if (ch === "￥") out += "¥";
    else if (ch === "−")
      out += "-"; // U+2212 MINUS SIGN, as some fonts and sheets paste it
    else out += ch;
  }
  return out;
}

const MESSAGES: Record<AmountParseErrorCode, (text: string, scale: number) => string> = {
  EMPTY: () => "an amount is required",
  NOT_A_NUMBER: (text) => `"${text}" is not a number`,
  BAD_GROUPING: (text) => `"${text}" has commas that are not thousands separators (groups of three: 1,234,567.89)`,
  TOO_MANY_DECIMALS: (text, scale) => `"${text}" has more than ${scale} decimal place(s)`,
};

/**
 * Reads an amount as integer units of 10^-scale, or says why not. Never
 * throws for any text; the refusal quotes the text.
 */
export function readAmountUnits(text: string, scale: number): AmountUnitsParse {
  const refuse = (code: AmountParseErrorCode): AmountParseFailure => ({
    ok: false,
    code,
    text,
    scale,
    message: MESSAGES[code](text, scale),
  });

  let s = toHalfWidth(text).replace(SPACES, "");
  if (s === "") return refuse("EMPTY");

  let negative = false;
  let signs = 0;
  const trimmed = (t: string) => t.replace(SPACES, "");
  if (s.startsWith("(") && s.endsWith(")")) {
    negative = true;
    signs++;
    s = trimmed(s.slice(1, -1));
  }
  if (s.endsWith("-")) {
    negative = true;
    signs++;
    s = trimmed(s.slice(0, -1));
  }
  const takeLeadingSign = () => {
    if (s.startsWith("-") || s.startsWith("+")) {
      if (s.startsWith("-")) negative = true;
      signs++;
      s = trimmed(s.slice(1));
    }
  };
  takeLeadingSign();
  if (s.startsWith("¥")) {
    s = trimmed(s.slice(1));
    takeLeadingSign();
  }
  if (signs > 1) return refuse("NOT_A_NUMBER");
  if (s.endsWith("元")) s = trimmed(s.slice(0, -1));
  let shift = 0;
  if (s.endsWith("万")) {
    shift = WAN_DECIMALS;
    s = trimmed(s.slice(0, -1));
  }

  const dot = s.indexOf(".");
  const whole = dot < 0 ? s : s.slice(0, dot);
  const fraction = dot < 0 ? "" : s.slice(dot + 1);
  if (!DIGITS.test(fraction)) return refuse(fraction.includes(",") ? "BAD_GROUPING" : "NOT_A_NUMBER");
  let wholeDigits: string;
  if (whole.includes(",")) {
    if (!GROUPED.test(whole)) return refuse(/^[\d,]+$/.test(whole) ? "BAD_GROUPING" : "NOT_A_NUMBER");
    wholeDigits = whole.replace(/,/g, "");
  } else {
    if (!DIGITS.test(whole)) return refuse("NOT_A_NUMBER");
    wholeDigits = whole;
  }
  if (wholeDigits === "" && fraction === "") return refuse("NOT_A_NUMBER");

  // value = wholeDigits.fraction × 10^shift, as units of 10^-scale.
  const significant = fraction.replace(/0+$/, "");
  if (significant.length > scale + shift) return refuse("TOO_MANY_DECIMALS");
  const digits = BigInt((wholeDigits || "0") + significant);
  const exponent = scale + shift - significant.length; // ≥ 0
  const units = digits * 10n ** BigInt(exponent);
  return { ok: true, units: negative ? -units : units };
}
