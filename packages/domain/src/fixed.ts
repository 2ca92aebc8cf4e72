// Exact decimal numbers for money and quantities.
//
// A Fixed is an integer count of its smallest unit (units) and the number of
// decimal places that unit stands for (scale): 1234.56 元 is { units: 123456n,
// scale: 2 }. All sums and splits are integer arithmetic on bigint, so nothing
// is ever lost to binary floating point. Ratios (shares, growth, completion
// rates) are Decimal values computed at RATIO_DECIMALS places.
import Decimal from "decimal.js";
import { readAmountUnits, type AmountParseErrorCode, type AmountParseFailure } from "./parse-amount.js";

/** Precision-safe Decimal constructor used for every ratio in the domain. */
export const Dec = Decimal.clone({ precision: 50, rounding: Decimal.ROUND_HALF_EVEN });
export type Dec = Decimal;

/** Decimal places kept for ratios (shares, growth rates, completion rates). */
export const RATIO_DECIMALS = 6;

/** How a value that falls between two units is rounded. HALF_UP is 四舍五入. */
export type RoundingMode = "HALF_UP" | "HALF_EVEN" | "DOWN" | "UP" | "FLOOR" | "CEILING";

export const MONEY_SCALE = 2;

/** Thrown by Fixed.parse, money() and quantity(); use parseAmount for a result instead. */
export class FixedParseError extends Error {
  constructor(
    readonly input: string,
    readonly reason: AmountParseErrorCode,
    readonly scale: number,
    message?: string,
  ) {
    super(
      message ??
        (reason === "TOO_MANY_DECIMALS" ? `"${input}" has more than ${scale} decimal place(s)` : `"${input}" is not a number`),
    );
    this.name = "FixedParseError";
  }
}

const POW10: bigint[] = [];
export function pow10(n: number): bigint {
  if (n < 0 || !Number.isInteger(n)) throw new RangeError(`bad power of ten: ${n}`);
  return (POW10[n] ??= 10n ** BigInt(n));
}

/**
 * Divides a by b (b > 0 or b < 0) rounding the quotient to an integer by mode.
 * The one place where integer rounding is defined.
 */
export function divRound(a: bigint, b: bigint, mode: RoundingMode): bigint {
  if (b === 0n) throw new RangeError("division by zero");
  if (b < 0n) return divRound(-a, -b, mode);
  const q = a / b; // truncates toward zero
  const r = a % b;
  if (r === 0n) return q;
  const negative = a < 0n;
  const absR2 = (r < 0n ? -r : r) * 2n;
  switch (mode) {
    case "DOWN":
      return q;
    case "UP":
      return negative ? q - 1n : q + 1n;
    case "FLOOR":
      return negative ? q - 1n : q;
    case "CEILING":
      return negative ? q : q + 1n;
    case "HALF_UP":
      if (absR2 >= b) return negative ? q - 1n : q + 1n;
      return q;
    case "HALF_EVEN":
      if (absR2 > b || (absR2 === b && q % 2n !== 0n)) return negative ? q - 1n : q + 1n;
      return q;
  }
}

/**
 * The one ratio rule for integer amounts: numerator / denominator rounded
 * HALF_EVEN to `decimals` places, computed on bigint (exact at any size);
 * null when the denominator is zero. Fixed.ratioTo, shares, growth rates,
 * completion rates and expense ratios all come through here.
 */
export function ratioOfUnits(numerator: bigint, denominator: bigint, decimals: number = RATIO_DECIMALS): Decimal | null {
  if (denominator === 0n) return null;
  return new Dec(divRound(numerator * pow10(decimals), denominator, "HALF_EVEN").toString()).div(pow10(decimals).toString());
}

/** A finite Decimal as an exact fraction: numerator / 10^k (decimal.js keeps every digit it was given). */
function exactFraction(value: Decimal, input: unknown, scale: number): { numerator: bigint; denominator: bigint } {
  if (!value.isFinite()) throw new FixedParseError(String(input), "NOT_A_NUMBER", scale);
  const [whole = "0", fraction = ""] = value.abs().toFixed().split(".");
  const magnitude = BigInt(whole + fraction);
  return { numerator: value.isNegative() ? -magnitude : magnitude, denominator: pow10(fraction.length) };
}

/** A ratio as a Decimal; a JS number only when it is a whole number (decimals must come as text or Decimal). */
function ratioDecimal(ratio: Decimal | string | number, scale: number): Decimal {
  if (typeof ratio === "number" && !Number.isSafeInteger(ratio)) {
    throw new FixedParseError(String(ratio), "NOT_A_NUMBER", scale);
  }
  return new Dec(ratio);
}

export class Fixed {
  private constructor(
    /** Integer count of the smallest unit (10^-scale). */
    readonly units: bigint,
    /** Decimal places. */
    readonly scale: number,
  ) {}

  static fromUnits(units: bigint, scale: number): Fixed {
    if (!Number.isInteger(scale) || scale < 0 || scale > 18) throw new RangeError(`bad scale: ${scale}`);
    return new Fixed(units, scale);
  }

  static zero(scale: number): Fixed {
    return Fixed.fromUnits(0n, scale);
  }

  /**
   * Parses a decimal string exactly, by the one amount grammar (parseAmount:
   * "1,234.50", "¥1,234.50", "１２３", "(5)", "3万"; "1,2,3" and "1e3" are
   * refused). More decimal places than the scale is an error, never a silent
   * rounding. Also accepts a bigint (whole units of the value, not minor
   * units), a safe integer number, or a Decimal.
   */
  static parse(input: string | bigint | number | Decimal, scale: number): Fixed {
    if (typeof input === "bigint") return Fixed.fromUnits(input * pow10(scale), scale);
    if (typeof input === "number") {
      if (!Number.isSafeInteger(input)) {
        throw new FixedParseError(String(input), "NOT_A_NUMBER", scale);
      }
      return Fixed.fromUnits(BigInt(input) * pow10(scale), scale);
    }
    const text = typeof input === "string" ? input : input.toFixed();
    const parsed = readAmountUnits(text, scale);
    if (!parsed.ok) throw new FixedParseError(String(input), parsed.code, scale, parsed.message);
    return Fixed.fromUnits(parsed.units, scale);
  }

  /**
   * Rounds any Decimal (or decimal string) to this scale with an explicit
   * mode, once, on the exact value (no intermediate 50-digit rounding).
   */
  static round(value: Decimal | string, scale: number, mode: RoundingMode = "HALF_UP"): Fixed {
    const { numerator, denominator } = exactFraction(new Dec(value), value, scale);
    return Fixed.fromUnits(divRound(numerator * pow10(scale), denominator, mode), scale);
  }

  private same(other: Fixed): void {
    if (other.scale !== this.scale) {
      throw new RangeError(`cannot combine values of scale ${this.scale} and ${other.scale}`);
    }
  }

  plus(other: Fixed): Fixed {
    this.same(other);
    return new Fixed(this.units + other.units, this.scale);
  }

  minus(other: Fixed): Fixed {
    this.same(other);
    return new Fixed(this.units - other.units, this.scale);
  }

  negate(): Fixed {
    return new Fixed(-this.units, this.scale);
  }

  abs(): Fixed {
    return this.units < 0n ? this.negate() : this;
  }

  /** Multiplies by an integer count (exact). */
  timesInt(n: bigint | number): Fixed {
    return new Fixed(this.units * BigInt(n), this.scale);
  }

  /**
   * Multiplies by a ratio, rounding the exact product once to this scale.
   * A JS number is accepted only as a whole number: 0.1 + 0.2 is not a ratio.
   */
  times(ratio: Decimal | string | number, mode: RoundingMode = "HALF_UP"): Fixed {
    const { numerator, denominator } = exactFraction(ratioDecimal(ratio, this.scale), ratio, this.scale);
    return new Fixed(divRound(this.units * numerator, denominator, mode), this.scale);
  }

  /** Changes the scale; going to fewer places rounds by mode. */
  rescale(scale: number, mode: RoundingMode = "HALF_UP"): Fixed {
    if (scale === this.scale) return this;
    if (scale > this.scale) return Fixed.fromUnits(this.units * pow10(scale - this.scale), scale);
    return Fixed.fromUnits(divRound(this.units, pow10(this.scale - scale), mode), scale);
  }

  /** this / other as a Decimal ratio at RATIO_DECIMALS places (HALF_EVEN); null when other is zero. */
  ratioTo(other: Fixed, decimals: number = RATIO_DECIMALS): Decimal | null {
    return ratioOfUnits(this.units * pow10(other.scale), other.units * pow10(this.scale), decimals);
  }

  compare(other: Fixed): -1 | 0 | 1 {
    this.same(other);
    return this.units < other.units ? -1 : this.units > other.units ? 1 : 0;
  }

  equals(other: Fixed): boolean {
    return this.scale === other.scale && this.units === other.units;
  }

  isZero(): boolean {
    return this.units === 0n;
  }

  isNegative(): boolean {
    return this.units < 0n;
  }

  isPositive(): boolean {
    return this.units > 0n;
  }

  min(other: Fixed): Fixed {
    return this.compare(other) <= 0 ? this : other;
  }

  max(other: Fixed): Fixed {
    return this.compare(other) >= 0 ? this : other;
  }

  /** Plain decimal text with exactly `scale` places: "1234.50", "-0.01". */
  toString(): string {
    if (this.scale === 0) return this.units.toString();
    const negative = this.units < 0n;
    const digits = (negative ? -this.units : this.units).toString().padStart(this.scale + 1, "0");
    const cut = digits.length - this.scale;
    return `${negative ? "-" : ""}${digits.slice(0, cut)}.${digits.slice(cut)}`;
  }

  toJSON(): string {
    return this.toString();
  }

  toDecimal(): Decimal {
    return new Dec(this.toString());
  }

  /** For charts and display only: never feed this back into a calculation. */
  toNumber(): number {
    return Number(this.toString());
  }
}

export type AmountParse = { ok: true; value: Fixed } | AmountParseFailure;

/**
 * The one parse function for amounts typed or pasted into the grid: exact at
 * `scale` places, never throws for any text, refuses with the text quoted.
 * The grammar (thousands groups, full-width forms, ¥ / 元 / 万, negatives in
 * parentheses or with a trailing minus) is in parse-amount.ts.
 */
export function parseAmount(text: string, options: { scale: number }): AmountParse {
  const { scale } = options;
  if (!Number.isInteger(scale) || scale < 0 || scale > 18) throw new RangeError(`bad scale: ${scale}`);
  const parsed = readAmountUnits(text, scale);
  return parsed.ok ? { ok: true, value: Fixed.fromUnits(parsed.units, scale) } : parsed;
}

/** Money is a Fixed at 0.01 元 (fen). */
export type Money = Fixed;

export function money(value: string | bigint | number | Decimal): Money {
  return Fixed.parse(value, MONEY_SCALE);
}

export function moneyFromFen(fen: bigint): Money {
  return Fixed.fromUnits(fen, MONEY_SCALE);
}

/** A quantity (cases, units, percentage points) at a declared scale; integer units by default. */
export function quantity(value: string | bigint | number | Decimal, scale = 0): Fixed {
  return Fixed.parse(value, scale);
}

/** Exact sum; an empty list sums to zero at the given scale. */
export function sumFixed(values: Iterable<Fixed>, scale: number): Fixed {
  let total = 0n;
  for (const v of values) {
    if (v.scale !== scale) throw new RangeError(`cannot sum scale ${v.scale} into scale ${scale}`);
    total += v.units;
  }
  return Fixed.fromUnits(total, scale);
}
