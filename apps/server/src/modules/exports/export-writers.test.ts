// The exports' small exact pieces, against hand-written answers.
import { describe, expect, it } from "vitest";
import { money } from "./budget-export.js";
import { csvField } from "./export-writers.js";

describe("money (the database's decimal text)", () => {
  it.each([
    ["0", 0n],
    ["0.01", 1n],
    ["1234.5", 123450n],
    ["-0.01", -1n],
    ["9999999999999999.99", 999999999999999999n],
  ])("%s is %s fen", (text, fen) => {
    expect(money(text).units).toBe(fen);
  });

  it("refuses more than two places, as Fixed.parse does", () => {
    expect(() => money("0.001")).toThrow();
  });
});

describe("csvField (RFC 4180)", () => {
  it.each([
    ["plain", "plain"],
    ["城市, 一", '"城市, 一"'],
    ['say "hi"', '"say ""hi"""'],
    ["two\nlines", '"two\nlines"'],
    ["", ""],
  ])("%j → %j", (value, quoted) => {
    expect(csvField(value)).toBe(quoted);
  });
});
