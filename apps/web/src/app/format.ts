// The one formatting module for numbers and days on screen (docs/UI.md
// "Numbers"). Money arrives from the API as exact decimal text in 元 and is
// formatted on bigint fen, never through a float.
import { divRound } from "@pyramid/domain";

const DECIMAL_PATTERN = /^(-)?(\d+)(?:\.(\d+))?$/;

/** Decimal text in 元 → fen, rounding any third decimal half-even (the domain's rule). */
export function fenOf(decimal: string): bigint {
  const match = DECIMAL_PATTERN.exec(decimal.trim());
  if (!match) throw new RangeError(`"${decimal}" is not a decimal amount`);
  const [, sign, whole = "0", fraction = ""] = match;
  const scaled = BigInt(`${whole}${fraction}`);
  const fen =
    fraction.length <= 2
      ? scaled * 10n ** BigInt(2 - fraction.length)
      : divRound(scaled, 10n ** BigInt(fraction.length - 2), "HALF_EVEN");
  return sign ? -fen : fen;
}

function groupThousands(digits: string): string {
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
}

function formatHundredths(hundredths: bigint): string {
  const negative = hundredths < 0n;
  const absolute = negative ? -hundredths : hundredths;
  const whole = groupThousands((absolute / 100n).toString());
  const cents = (absolute % 100n).toString().padStart(2, "0");
  return `${negative ? "-" : ""}${whole}.${cents}`;
}

/** 元 with thousands separators and two decimals: "1234567.8" → "1,234,567.80". */
export function formatYuan(decimal: string): string {
  return formatHundredths(fenOf(decimal));
}

/** 万元 (ten thousand 元) to two decimals, half-even: "1234567.89" → "123.46". */
export function formatWan(decimal: string): string {
  return formatHundredths(divRound(fenOf(decimal), 10_000n, "HALF_EVEN"));
}

/**
 * A decimal ratio as a percentage with one decimal, rounded half-even on the exact
 * decimal (docs/UI.md "Numbers"): "0.153846" → "15.4%", "-0.05" → "-5.0%", "1" → "100.0%".
 */
export function formatPercent(ratio: string): string {
  const match = DECIMAL_PATTERN.exec(ratio.trim());
  if (!match) throw new RangeError(`"${ratio}" is not a decimal ratio`);
  const [, sign, whole = "0", fraction = ""] = match;
  // Tenths of a percent: ratio × 1000.
  const tenths = divRound(BigInt(`${whole}${fraction}`) * 1000n, 10n ** BigInt(fraction.length), "HALF_EVEN");
  const text = `${groupThousands((tenths / 10n).toString())}.${(tenths % 10n).toString()}%`;
  return sign && tenths !== 0n ? `-${text}` : text;
}

/** True for an amount below zero (shown in red). */
export function isNegativeAmount(decimal: string): boolean {
  return fenOf(decimal) < 0n;
}

/** A YYYY-MM-DD day as the language writes it: 2027-01-15 → "2027年1月15日" / "15 Jan 2027". */
export function formatDay(day: string, locale: "zh-CN" | "en"): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!match) return day;
  const [, year = "", month = "", date = ""] = match;
  if (locale === "zh-CN") return `${year}年${Number(month)}月${Number(date)}日`;
  const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
  return `${Number(date)} ${MONTHS[Number(month) - 1] ?? month} ${year}`;
}

/** An instant in Beijing time, to the minute: "2026-11-29T06:05:00Z" → "2026-11-29 14:05". */
export function formatBeijingTime(iso: string): string {
  const shifted = new Date(new Date(iso).getTime() + 8 * 3_600_000);
  return shifted.toISOString().slice(0, 16).replace("T", " ");
}
