import { describe, expect, it } from "vitest";
import { Dec, Fixed, FixedParseError, divRound, money, sumFixed } from "./fixed.js";

describe("Fixed", () => {
  it("adds 0.10 + 0.20 to exactly 0.30", () => {
    expect(money("0.10").plus(money("0.20")).toString()).toBe("0.30");
  });

  it("parses and prints without losing digits", () => {
    expect(money("1,000,000").toString()).toBe("1000000.00");
    expect(money("-0.5").toString()).toBe("-0.50");
    expect(money(".05").units).toBe(5n);
    expect(money("123456789012345.67").toString()).toBe("123456789012345.67");
  });

  it("refuses more decimals than the scale and non-numbers, clearly", () => {
    expect(() => money("1.005")).toThrow(FixedParseError);
    expect(() => money("1.005")).toThrow(/more than 2 decimal/);
    expect(() => money("abc")).toThrow(/not a number/);
    expect(() => money("")).toThrow(/amount is required/);
    expect(() => money(0.1)).toThrow(/not a number/);
    expect(money("1.500").toString()).toBe("1.50");
  });

  it("rounds in every declared mode", () => {
    expect(divRound(5n, 2n, "HALF_UP")).toBe(3n);
    expect(divRound(-5n, 2n, "HALF_UP")).toBe(-3n);
    expect(divRound(5n, 2n, "HALF_EVEN")).toBe(2n);
    expect(divRound(7n, 2n, "HALF_EVEN")).toBe(4n);
    expect(divRound(7n, 3n, "FLOOR")).toBe(2n);
    expect(divRound(-7n, 3n, "FLOOR")).toBe(-3n);
    expect(divRound(7n, 3n, "CEILING")).toBe(3n);
    expect(divRound(-7n, 3n, "DOWN")).toBe(-2n);
    expect(divRound(-7n, 3n, "UP")).toBe(-3n);
    expect(Fixed.round("2.345", 2).toString()).toBe("2.35");
    expect(Fixed.round("2.345", 2, "HALF_EVEN").toString()).toBe("2.34");
    expect(Fixed.round("-2.345", 2).toString()).toBe("-2.35");
  });

  it("multiplies by a ratio with rounding and computes ratios", () => {
    expect(money("100.00").times("1.2").toString()).toBe("120.00");
    expect(money("0.05").times("0.5").toString()).toBe("0.03");
    expect(money("1").ratioTo(money("3"))?.toString()).toBe("0.333333");
    expect(money("1").ratioTo(money("0"))).toBeNull();
    expect(new Dec("0.1").plus("0.2").toString()).toBe("0.3");
  });

  it("rounds and multiplies exactly beyond 2^53 and beyond 50 significant digits", () => {
    const huge = "1" + "0".repeat(60);
    // one rounding of the exact value, not a 50-digit intermediate
    expect(Fixed.round(`${huge}.005`, 2).toString()).toBe(`${huge}.01`);
    expect(Fixed.round(`-${huge}.005`, 2, "HALF_EVEN").toString()).toBe(`-${huge}.00`);
    expect(money(huge).times("1.000000000000000000000000000000000000000000000000000000000001").toString()).toBe(
      `${"1" + "0".repeat(59)}1.00`,
    );
    expect(money("9007199254740993.01").times(3).toString()).toBe("27021597764222979.03");
    expect(money("0.05").times(new Dec("0.5"), "HALF_EVEN").toString()).toBe("0.02");
  });

  it("takes no binary fractions as ratios", () => {
    expect(() => money("1").times(0.1)).toThrow(FixedParseError);
    expect(() => money("1").times(0.1 + 0.2)).toThrow(/not a number/);
    expect(() => Fixed.round(new Dec("NaN"), 2)).toThrow(/not a number/);
    expect(money("1").times(2).toString()).toBe("2.00");
  });

  it("sums exactly and refuses mixed scales", () => {
    expect(sumFixed([money("0.01"), money("0.02")], 2).toString()).toBe("0.03");
    expect(() => money("1").plus(Fixed.parse("1", 0))).toThrow(/scale/);
  });
});
