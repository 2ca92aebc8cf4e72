import { describe, expect, it } from "vitest";
import { FixedParseError, money, parseAmount, quantity } from "./fixed.js";

const fen = (text: string) => {
  const r = parseAmount(text, { scale: 2 });
  return r.ok ? r.value.units : r.code;
};

describe("parseAmount — what people type and paste", () => {
  it("reads plain decimals", () => {
    expect(fen("1234.56")).toBe(123456n);
    expect(fen("-0.5")).toBe(-50n);
    expect(fen("+7")).toBe(700n);
    expect(fen(".05")).toBe(5n);
    expect(fen("3.")).toBe(300n);
    expect(fen("1.500")).toBe(150n); // trailing zeros are not extra decimals
  });

  it("reads thousands separators only in groups of three", () => {
    expect(fen("1,234,567.89")).toBe(123456789n);
    expect(fen("12,345")).toBe(1234500n);
    expect(fen("999")).toBe(99900n);
    for (const bad of ["1,2,3", ",,,5", "1,23", "1234,567", "1,2345", ",123", "123,", "1,,234", "1.234,56"]) {
      expect(fen(bad), bad).toBe("BAD_GROUPING");
    }
  });

  it("reads Excel / WPS full-width forms", () => {
    expect(fen("１，２３４．５０")).toBe(123450n);
    expect(fen("－５")).toBe(-500n);
    expect(fen("（１２３．４５）")).toBe(-12345n);
    expect(fen("￥１００")).toBe(10000n);
    expect(fen("\u3000８\u3000")).toBe(800n); // ideographic spaces around
  });

  it("reads ¥ / ￥ prefixes, a 元 suffix and a 万 suffix exactly", () => {
    expect(fen("¥1,234.50")).toBe(123450n);
    expect(fen("￥ 88")).toBe(8800n);
    expect(fen("1234.5元")).toBe(123450n);
    expect(fen("1.5万")).toBe(1500000n); // 15,000.00
    expect(fen("3万元")).toBe(3000000n); // 30,000.00
    expect(fen("¥1,200万")).toBe(1200000000n); // 12,000,000.00
    expect(fen("1.234567万")).toBe(1234567n); // 12,345.67: 万 moves the point four places
    expect(fen("1.2345678万")).toBe("TOO_MANY_DECIMALS"); // 12,345.678
    expect(fen("5元万")).toBe("NOT_A_NUMBER"); // 万 goes before 元
  });

  it("reads negatives as a sign, parentheses or a trailing minus", () => {
    expect(fen("(123.45)")).toBe(-12345n);
    expect(fen("123.45-")).toBe(-12345n);
    expect(fen("-¥5")).toBe(-500n);
    expect(fen("¥-5")).toBe(-500n);
    expect(fen("(¥1,000.00)")).toBe(-100000n);
    expect(fen("−3")).toBe(-300n); // U+2212 minus sign
    for (const twice of ["(-5)", "-5-", "--5", "(5)-", "-¥-5"]) expect(fen(twice), twice).toBe("NOT_A_NUMBER");
  });

  it("trims spaces and non-breaking spaces but refuses spaces inside the number", () => {
    expect(fen("  42 ")).toBe(4200n);
    expect(fen("\u00a042\u00a0")).toBe(4200n);
    expect(fen("12 345")).toBe("NOT_A_NUMBER");
  });

  it("refuses everything else, quoting the text", () => {
    expect(fen("")).toBe("EMPTY");
    expect(fen("   ")).toBe("EMPTY");
    for (const bad of ["abc", "1e3", "1.2.3", ".", "-", "¥", "万", "12abc", "0x10", "Infinity", "NaN", "$5"]) {
      expect(fen(bad), bad).toBe("NOT_A_NUMBER");
    }
    expect(fen("1.005")).toBe("TOO_MANY_DECIMALS");
    expect(parseAmount("1,2,3", { scale: 2 })).toEqual({
      ok: false,
      code: "BAD_GROUPING",
      text: "1,2,3",
      scale: 2,
      message: '"1,2,3" has commas that are not thousands separators (groups of three: 1,234,567.89)',
    });
    const abc = parseAmount("abc", { scale: 0 });
    expect(!abc.ok && abc.message).toBe('"abc" is not a number');
  });

  it("works at any scale", () => {
    const cases = parseAmount("1,200", { scale: 0 });
    expect(cases.ok && cases.value.toString()).toBe("1200");
    expect(parseAmount("1.5", { scale: 0 })).toMatchObject({ ok: false, code: "TOO_MANY_DECIMALS" });
    const wan = parseAmount("2.5万", { scale: 0 });
    expect(wan.ok && wan.value.toString()).toBe("25000");
  });
});

describe("money() and quantity() use the same grammar and throw a typed error", () => {
  it("parses what parseAmount parses", () => {
    expect(money("¥1,234.50").toString()).toBe("1234.50");
    expect(quantity("３万").toString()).toBe("30000");
  });

  it("no longer strips commas anywhere", () => {
    expect(() => money("1,2,3")).toThrow(FixedParseError);
    expect(() => money(",,,5")).toThrow(/",,,5" has commas that are not thousands separators/);
    try {
      money("1,2,3");
    } catch (e) {
      expect(e).toMatchObject({ reason: "BAD_GROUPING", input: "1,2,3", scale: 2 });
    }
  });
});
